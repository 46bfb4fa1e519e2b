// SPDX-License-Identifier: MIT
// DocumentContext: what a dock or a dialog may use of one open file — its model, cursor,
// line count, bookmarks, edit and save controllers, the grid it tints, and the widget the keyboard
// goes back to — instead of the whole DocumentTab (a service locator of seventeen getters).
// Each pointer is guarded: a panel holding a context of a closed tab sees nulls, not
// dangling pointers; the model's closing() comes first, for panels that run jobs.
#pragma once

#include <QPointer>
#include <QWidget>

namespace hexmap {

class BookmarkModel;
class CursorModel;
class DocumentModel;
class EditController;
class HexView;
class LineCounter;
class LogTimeModel;
class SaveController;

struct DocumentContext {
    QPointer<DocumentModel> model;
    QPointer<CursorModel> cursor;
    QPointer<LineCounter> lines;
    QPointer<BookmarkModel> bookmarks;
    QPointer<EditController> edit;
    QPointer<SaveController> saver; // Save and Save As of this document
    QPointer<LogTimeModel> time;   // the lines' timestamps (format None: no times)
    QPointer<HexView> grid;        // the hex view (a dock's tint goes there)
    QPointer<QWidget> focusTarget; // where the keyboard returns after a dock's action

    explicit operator bool() const { return !model.isNull(); }
    // Gives the keyboard back to the document's current view.
    void returnFocus() const {
        if (focusTarget) focusTarget->setFocus();
    }
};

} // namespace hexmap
