// SPDX-License-Identifier: MIT
#include "line_layout.h"

#include <cstring>

namespace hexmap {

std::uint64_t LineLayout::lineStartOf(std::uint64_t offset) const {
    if (offset >= m_size) offset = m_size ? m_size - 1 : 0;
    const std::uint64_t floor = offset - offset % kCap;
    if (offset == floor) return floor;
    return m_bytes.afterNewlineBefore(offset, floor); // at most kCap bytes back
}

LineRow LineLayout::rowFrom(std::uint64_t start, bool lineStart) const {
    LineRow row;
    row.start = start;
    row.lineStart = lineStart;
    if (start >= m_size) {
        row.end = start;
        return row;
    }
    const std::uint64_t cap = start - start % kCap + kCap;
    std::uint64_t limit = cap < m_size ? cap : m_size;
    if (m_wrap && limit - start > m_wrap) limit = start + m_wrap;
    const auto next = m_bytes.afterNewlineFrom(start, limit);
    row.end = next.value_or(limit);
    row.newline = next.has_value();
    return row;
}

LineRow LineLayout::rowAt(std::uint64_t offset) const {
    if (m_size == 0) return {};
    if (offset >= m_size) offset = m_size - 1;
    const std::uint64_t line = lineStartOf(offset);
    std::uint64_t start = line;
    if (m_wrap) start = line + (offset - line) / m_wrap * m_wrap;
    if (!m_wrap) return rowFrom(line, true);
    // With wrap, a row may also end early at a '\n' only in the last row of its line, so
    // the arithmetic start is right: rows of a line are wrapBytes long until its last.
    return rowFrom(start, start == line);
}

std::optional<LineRow> LineLayout::next(const LineRow& row) const {
    if (row.end >= m_size) return std::nullopt;
    // Starts a line after a '\n' or at a cap cut; otherwise it continues a wrapped line.
    const bool starts = row.newline || row.end % kCap == 0;
    if (!m_wrap && !starts) {
        // Without wrap a row is the whole line (up to the cap): cannot happen, but stay safe.
        return rowFrom(row.end, true);
    }
    return rowFrom(row.end, starts);
}

std::optional<LineRow> LineLayout::previous(const LineRow& row) const {
    if (row.start == 0 || m_size == 0) return std::nullopt;
    return rowAt(row.start - 1);
}

LineRow LineLayout::step(LineRow row, std::int64_t rows) const {
    for (; rows != 0; rows += rows > 0 ? -1 : 1) {
        const auto n = rows > 0 ? next(row) : previous(row);
        if (!n) break;
        row = *n;
    }
    return row;
}

} // namespace hexmap
