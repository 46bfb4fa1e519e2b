// SPDX-License-Identifier: MIT
#include "filtered_lines.h"
#include "filtered_lines_view.h"
#include "input_handler.h"

#include <QKeyEvent>

namespace hexmap {

bool FilteredNavigationHandler::keyPress(QKeyEvent* event) {
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const auto current = m_view.currentIndex();
    const auto page = static_cast<std::size_t>(std::max(1, m_view.visibleRows() - 1));
    // Off every kept line (the cursor is elsewhere): the row at the top is where moves start.
    const std::size_t at = current ? *current : m_view.topIndex();
    std::size_t target = at;
    switch (event->key()) {
    case Qt::Key_Up:
        target = current && at > 0 ? at - 1 : at;
        break;
    case Qt::Key_Down:
        target = current ? at + 1 : at;
        break;
    case Qt::Key_PageUp:
        target = at > page ? at - page : 0;
        break;
    case Qt::Key_PageDown:
        target = at + page;
        break;
    case Qt::Key_Home:
        target = 0;
        break;
    case Qt::Key_End:
        target = ~std::size_t(0);
        break; // clamped to the last
    default:
        return false;
    }
    m_view.goToIndex(target, shift);
    event->accept();
    return true;
}

} // namespace hexmap
