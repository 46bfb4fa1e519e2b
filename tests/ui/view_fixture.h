// SPDX-License-Identifier: MIT
// A hex view over a file, wired as a tab wires it (model, cursor, edit controller), for
// the view's own tests.
#pragma once

#include "cursor_model.h"
#include "document_model.h"
#include "edit_controller.h"
#include "hex_view.h"

#include <QtTest>
#include <memory>

struct ViewFixture {
    std::unique_ptr<hexmap::DocumentModel> model;
    hexmap::CursorModel cursor;
    std::unique_ptr<hexmap::EditController> edit;
    hexmap::HexView view;

    explicit ViewFixture(const std::string& path, hexmap::OpenMode mode = hexmap::OpenMode::ReadOnly) {
        auto opened = hexmap::DocumentModel::open(QString::fromStdString(path), mode);
        if (!opened) qFatal("%s", opened.error().message.c_str());
        model = std::move(opened).value();
        cursor.setDocumentSize(model->size());
        QObject::connect(model.get(), &hexmap::DocumentModel::changed, &cursor,
                         [this] { cursor.setDocumentSize(model->size()); });
        edit = std::make_unique<hexmap::EditController>(model.get(), &cursor);
        view.attach(model.get(), &cursor, edit.get());
    }
    ~ViewFixture() { view.attach(nullptr, nullptr, nullptr); }

    void show(int w = 900, int h = 400) {
        view.resize(w, h);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }
};
