// SPDX-License-Identifier: MIT
#include "cursor_model.h"
#include "hex_view.h"
#include "input_handler.h"

#include <QMouseEvent>
#include <QWheelEvent>

namespace hexmap {

bool MouseHandler::mousePress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return false;
    const auto pos = m_view.positionAt(event->position().toPoint());
    if (!pos) return true;
    if (pos->area == GridLayout::Area::Hex || pos->area == GridLayout::Area::Text)
        m_view.setActiveArea(pos->area);
    const bool extend = event->modifiers() & Qt::ShiftModifier;
    CursorModel* cursor = m_view.cursorModel();
    // A drag extends from where the button went down (or from the anchor with Shift).
    m_dragOrigin = extend && cursor->hasSelection() ? cursor->anchor()
                   : extend                         ? cursor->cursor()
                                                    : pos->offset;
    m_dragging = false;
    m_view.moveCursor(pos->offset, extend);
    return true;
}

bool MouseHandler::mouseMove(QMouseEvent* event) {
    if (!(event->buttons() & Qt::LeftButton)) return false;
    QPoint at = event->position().toPoint();
    // Dragging past the top or bottom edge scrolls a row at a time.
    if (at.y() < 0 && m_view.topRow() > 0) m_view.setTopRow(m_view.topRow() - 1);
    else if (at.y() >= m_view.viewport()->height()) m_view.setTopRow(m_view.topRow() + 1);
    const auto pos = m_view.positionAt(at);
    if (!pos) return true;
    if (pos->offset == m_dragOrigin && !m_dragging) return true; // a click that has not moved
    m_dragging = true;
    m_view.cursorModel()->select(m_dragOrigin, pos->offset);
    return true;
}

bool MouseHandler::wheel(QWheelEvent* event) {
    const int steps = event->angleDelta().y() / 40; // three rows per notch
    const std::uint64_t top = m_view.topRow();
    if (steps > 0) m_view.setTopRow(top > static_cast<std::uint64_t>(steps) ? top - steps : 0);
    else if (steps < 0) m_view.setTopRow(top + static_cast<std::uint64_t>(-steps));
    event->accept();
    return true;
}

} // namespace hexmap
