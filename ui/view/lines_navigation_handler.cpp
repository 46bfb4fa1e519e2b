// SPDX-License-Identifier: MIT
#include "cursor_model.h"
#include "input_handler.h"
#include "lines_view.h"

#include <QKeyEvent>
#include <climits>

namespace hexmap {

bool LinesNavigationHandler::keyPress(QKeyEvent* event) {
    const std::uint64_t size = m_view.documentSize();
    if (size == 0 || !m_view.cursorModel()) return false;
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const std::uint64_t cur = m_view.cursorOffset();
    const LineLayout lay = m_view.layout();
    const LineRow row = lay.rowAt(cur);
    const int page = m_view.visibleRows() - 1;
    if (cur != m_movedTo) m_wantedColumn = -1; // moved by something else (a click, a find)
    auto move = [&](std::uint64_t target) {
        m_view.moveCursor(target, shift);
        m_movedTo = m_view.cursorOffset();
        event->accept();
        return true;
    };
    auto vertical = [&](int rows) {
        if (m_wantedColumn < 0) m_wantedColumn = m_view.columnOf(row, cur);
        return move(m_view.offsetInRow(lay.step(row, rows), m_wantedColumn));
    };
    switch (event->key()) {
    case Qt::Key_Up:
        return vertical(-1);
    case Qt::Key_Down:
        return vertical(1);
    case Qt::Key_PageUp:
        m_view.scrollRows(-page);
        return vertical(-page);
    case Qt::Key_PageDown:
        m_view.scrollRows(page);
        return vertical(page);
    default:
        break;
    }
    switch (event->key()) {
    case Qt::Key_Left:
        m_wantedColumn = -1;
        return move(cur ? cur - 1 : 0);
    case Qt::Key_Right:
        m_wantedColumn = -1;
        return move(std::min(size - 1, cur + 1));
    case Qt::Key_Home:
        m_wantedColumn = -1;
        return move(ctrl ? 0 : row.start);
    case Qt::Key_End:
        // The row's last cell: its newline (after the text, as in an editor), or on a row cut
        // by wrap the last character's first byte.
        m_wantedColumn = -1;
        if (ctrl) return move(size - 1);
        return move(row.newline ? row.end - 1 : m_view.offsetInRow(row, INT_MAX));
    default:
        return false;
    }
}

} // namespace hexmap
