// SPDX-License-Identifier: MIT
#include "cursor_model.h"
#include "document_view.h"
#include "input_handler.h"

#include <QMouseEvent>
#include <QWheelEvent>

namespace hexmap {

bool MouseHandler::mousePress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return false;
    const QPoint at = event->position().toPoint();
    const auto offset = m_view.offsetAt(at);
    CursorModel* cursor = m_view.cursorModel();
    if (!offset || !cursor) return true;
    m_view.pressedAt(at);
    const bool extend = event->modifiers() & Qt::ShiftModifier;
    // A drag extends from where the button went down (or from the anchor with Shift).
    m_dragOrigin = extend && cursor->hasSelection() ? cursor->anchor()
                   : extend                         ? cursor->cursor()
                                                    : *offset;
    m_dragging = false;
    m_view.moveCursor(*offset, extend);
    return true;
}

bool MouseHandler::mouseMove(QMouseEvent* event) {
    if (!(event->buttons() & Qt::LeftButton) || !m_view.cursorModel()) return false;
    const QPoint at = event->position().toPoint();
    // Dragging past the top or bottom edge scrolls a row at a time.
    if (at.y() < 0)
        m_view.scrollRows(-1);
    else if (at.y() >= m_view.viewport()->height())
        m_view.scrollRows(1);
    const auto offset = m_view.offsetAt(at);
    if (!offset) return true;
    if (*offset == m_dragOrigin && !m_dragging) return true; // a click that has not moved
    m_dragging = true;
    m_view.cursorModel()->select(m_dragOrigin, *offset);
    return true;
}

bool MouseHandler::wheel(QWheelEvent* event) {
    const int steps = event->angleDelta().y() / 40; // three rows a notch
    if (steps) m_view.scrollRows(-steps);
    event->accept();
    return true;
}

} // namespace hexmap
