// SPDX-License-Identifier: MIT
#include "cursor_model.h"

#include "offset_shift.h"

#include <algorithm>

namespace hexmap {

CursorModel::CursorModel(QObject* parent) : QObject(parent) {
    qRegisterMetaType<hexmap::CursorModel::Reveal>();
}

void CursorModel::setDocumentSize(std::uint64_t size) {
    m_size = size;
    const std::uint64_t cursor = clamp(m_cursor);
    const bool keepSelection = m_hasAnchor && m_anchor < size;
    const bool moved = cursor != m_cursor || keepSelection != m_hasAnchor;
    m_cursor = cursor;
    m_hasAnchor = keepSelection;
    if (moved) emit changed(Reveal::Nearest);
}

void CursorModel::shift(std::uint64_t start, std::int64_t delta, std::uint64_t newSize) {
    m_cursor = shiftOffset(m_cursor, start, delta);
    if (m_hasAnchor) m_anchor = shiftOffset(m_anchor, start, delta);
    m_size = newSize;
    m_cursor = clamp(m_cursor);
    if (m_hasAnchor) m_anchor = clamp(m_anchor);
    emit changed(Reveal::None);
}

std::uint64_t CursorModel::selectionStart() const {
    return m_hasAnchor ? std::min(m_anchor, m_cursor) : m_cursor;
}

std::uint64_t CursorModel::selectionLength() const {
    if (!m_hasAnchor || m_size == 0) return 0;
    return std::max(m_anchor, m_cursor) - std::min(m_anchor, m_cursor) + 1;
}

void CursorModel::moveCursor(std::uint64_t offset, bool extend, Reveal reveal) {
    if (extend && !m_hasAnchor) {
        m_anchor = m_cursor;
        m_hasAnchor = true;
    } else if (!extend) {
        m_hasAnchor = false;
    }
    m_cursor = clamp(offset);
    emit changed(reveal);
}

void CursorModel::select(std::uint64_t anchor, std::uint64_t cursor, Reveal reveal) {
    if (m_size == 0) return clearSelection();
    m_anchor = clamp(anchor);
    m_cursor = clamp(cursor);
    m_hasAnchor = true;
    emit changed(reveal);
}

void CursorModel::selectAll() {
    if (m_size == 0) return;
    // The view stays where it is: selecting everything is no reason to jump to the end.
    select(0, m_size - 1, Reveal::None);
}

void CursorModel::clearSelection() {
    if (!m_hasAnchor) return;
    m_hasAnchor = false;
    emit changed(Reveal::None);
}

} // namespace hexmap
