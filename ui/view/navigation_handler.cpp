// SPDX-License-Identifier: MIT
#include "cursor_model.h"
#include "hex_view.h"
#include "input_handler.h"

#include <QKeyEvent>

namespace hexmap {

bool NavigationHandler::keyPress(QKeyEvent* event) {
    const std::uint64_t n = m_view.documentSize();
    if (n == 0) return false;
    using Move = GridLayout::Move;
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const std::uint64_t c = m_view.cursorOffset();
    const auto page = static_cast<std::uint64_t>(m_view.visibleRows());
    const GridLayout& L = m_view.gridLayout();
    std::uint64_t target;
    switch (event->key()) {
    case Qt::Key_Left: target = L.moveTarget(Move::Left, c, n, page); break;
    case Qt::Key_Right: target = L.moveTarget(Move::Right, c, n, page); break;
    case Qt::Key_Up: target = L.moveTarget(Move::Up, c, n, page); break;
    case Qt::Key_Down: target = L.moveTarget(Move::Down, c, n, page); break;
    case Qt::Key_PageUp:
        target = L.moveTarget(Move::PageUp, c, n, page);
        m_view.setTopRow(m_view.topRow() > page ? m_view.topRow() - page : 0);
        break;
    case Qt::Key_PageDown:
        target = L.moveTarget(Move::PageDown, c, n, page);
        m_view.setTopRow(m_view.topRow() + page);
        break;
    case Qt::Key_Home: target = L.moveTarget(ctrl ? Move::FileStart : Move::RowStart, c, n, page); break;
    case Qt::Key_End: target = L.moveTarget(ctrl ? Move::FileEnd : Move::RowEnd, c, n, page); break;
    case Qt::Key_Backspace:
        // Overwrite-only: Backspace steps back, it deletes nothing. After a high nibble it
        // goes back to the same byte's high nibble.
        target = m_view.onLowNibble() ? c : L.moveTarget(Move::Left, c, n, page);
        break;
    default: return false;
    }
    m_view.moveCursor(target, shift);
    event->accept();
    return true;
}

} // namespace hexmap
