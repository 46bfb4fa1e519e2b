// SPDX-License-Identifier: MIT
// BookmarksPanel: the Bookmarks dock. Lists the current tab's bookmarks (offset, length,
// name, first bytes); a double-click selects a bookmark's bytes in the views (on the name:
// renames it); Delete removes; buttons rename, recolour, delete, export and import (JSON).
#pragma once

#include "document_context.h"

#include <QPointer>
#include <cstdint>
#include <functional>
#include <QWidget>

class QTableView;

namespace hexmap {


class BookmarksPanel : public QWidget {
    Q_OBJECT
public:
    explicit BookmarksPanel(QWidget* parent = nullptr);
    void setContext(const DocumentContext& context);
    QTableView* table() const { return m_table; }
    // Shows row `row` and opens its name for editing; with returnFocus (after Ctrl+B), the
    // current view gets the keyboard back when the name is entered.
    void editName(int row, bool returnFocus = false);
    // F2 / Shift+F2 went to `b`: its row becomes current and is scrolled into view (the
    // keyboard stays where it is).
    void showBookmark(std::uint64_t offset, std::uint64_t length);
    // File dialogs are replaced in tests: they return the path to use ("" cancels).
    void setPathPrompt(std::function<QString(bool save)> prompt) { m_prompt = std::move(prompt); }
    void exportBookmarks();
    void importBookmarks();

signals:
    void message(const QString& text);

private:
    int currentRow() const;
    QString askPath(bool save);

    QTableView* m_table;
    DocumentContext m_doc;
    std::function<QString(bool)> m_prompt;
    bool m_returnFocus = false;
};

} // namespace hexmap
