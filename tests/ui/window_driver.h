// SPDX-License-Identifier: MIT
// Driver: a MainWindow with shortcuts to what the tests look at and press, for the
// window's suites. Every shortcut goes through the same objects the window's actions use
// (the current tab's controllers), so a test exercises the real paths.
#pragma once

#include "action_registry.h"
#include "said.h"
#include "clipboard_controller.h"
#include "cursor_model.h"
#include "disk_watcher.h"
#include "document_model.h"
#include "document_tab.h"
#include "edit_controller.h"
#include "find_bar.h"
#include "hex_view.h"
#include "main_window.h"
#include "match_list_model.h"
#include "message_banner.h"
#include "overview_strip.h"
#include "save_controller.h"
#include "search_controller.h"
#include "session_controller.h"

#include <QPushButton>
#include <QTableView>
#include <QtTest>

struct Driver {
    hexmap::MainWindow w;

    hexmap::DocumentTab* tab() const { return w.currentTab(); }
    hexmap::HexView* view() const { return tab()->hexView(); }
    hexmap::CursorModel* cursor() const { return tab()->cursor(); }
    hexmap::DocumentModel* model() const { return tab() ? tab()->model() : nullptr; }
    const hexmap::Document* document() const { return tab() ? &tab()->model()->document() : nullptr; }
    QByteArray shown() const {
        QByteArray out(qsizetype(model()->size()), Qt::Uninitialized);
        model()->view().read(0, reinterpret_cast<std::uint8_t*>(out.data()), std::size_t(out.size()));
        return out;
    }
    hexmap::FindBar* findBar() const { return tab()->findBar(); }
    hexmap::SearchController* search() const { return tab()->search(); }
    hexmap::MatchListModel* results() const { return tab()->results(); }
    QTableView* resultsView() const { return tab()->resultsView(); }
    hexmap::OverviewStrip* overview() const { return tab()->overview(); }
    // The current tab's banner (file-specific messages).
    hexmap::MessageBanner* banner() const { return tab()->banner(); }
    QPushButton* bannerButton(hexmap::MessageBanner* banner, const QString& text) const {
        for (auto* b : banner->findChildren<QPushButton*>())
            if (b->text() == text) return b;
        return nullptr;
    }

    // The operations return what they said: the failure's sentence, empty on success, so that
    // QCOMPARE(d.undo(), QString()) prints the sentence when it fails.
    QString undo() { return said(tab()->edit()->undo()); }
    QString redo() { return said(tab()->edit()->redo()); }
    QString paste(const QString& text) {
        return said(tab()->edit()->paste(text, view()->activeArea() != hexmap::GridLayout::Area::Text));
    }
    QString fillSelection(const QString& p) { return said(tab()->edit()->fillSelection(p)); }
    QString resizeTo(const QString& s) { return said(tab()->edit()->resizeTo(s)); }
    QString revert() { return said(tab()->edit()->revert()); }
    QString save() { return said(tab()->saver()->save()); }
    QString saveAs(const QString& path) { return said(tab()->saver()->saveAs(path)); }
    bool saving() const { return tab()->saver()->saving(); }
    QString editBlocker() const { return model()->editBlocker(); }
    QString goToOffset(const QString& t) { return said(tab()->goTo(t)); }
    QString copyText(hexmap::CopyFormat f) { return tab()->clipboard()->copyText(f); }
    void select(std::uint64_t start, std::uint64_t length) { cursor()->select(start, start + length - 1); }
    void checkFileOnDisk() { tab()->disk()->check(); }
    void setFollowEnd(bool on) { tab()->setFollowEnd(on); }
    void setConfirm(std::function<bool(const QString&)> f) { tab()->edit()->setConfirm(std::move(f)); }
    void setUnsavedPrompt(std::function<hexmap::SessionController::UnsavedChoice()> f) {
        w.session()->setUnsavedPrompt([f](const QString&) { return f(); });
    }
    bool closeFile() { return w.session()->closeTab(tab()); }
    void reload() { w.session()->reopenAs(tab(), model()->mode()); }
    void waitIdle() { QTRY_VERIFY_WITH_TIMEOUT(!search()->running(), 20000); }

    // Shows the window, opens path and gives the grid the focus.
    void open(const QString& path, hexmap::OpenMode mode) {
        w.resize(1000, 700);
        w.show();
        QCOMPARE(said(w.openFile(path, mode)), QString());
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        view()->setFocus();
    }
};
