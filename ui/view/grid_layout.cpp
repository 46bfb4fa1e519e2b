// SPDX-License-Identifier: MIT
#include "grid_layout.h"

#include <algorithm>

namespace hexmap {

GridLayout::GridLayout(double charWidth, int lineHeight, int bytesPerRow, int offsetDigits)
    : m_cw(charWidth), m_lineHeight(std::max(1, lineHeight)), m_bpr(std::max(1, bytesPerRow)),
      m_offsetDigits(offsetDigits) {}

double GridLayout::hexWidth() const {
    // "xx" per byte, one space between bytes, one more between groups of 8.
    return (m_bpr * 3 - 1 + (m_bpr - 1) / 8) * m_cw;
}

GridLayout::Hit GridLayout::hitTest(double x) const {
    Hit hit;
    if (x < hexX() - m_cw) {
        hit.area = Area::Offset;
        return hit;
    }
    if (x < textX() - m_cw) {
        hit.area = Area::Hex;
        // A byte owns its two digits and the space after them (and the group gap).
        int column = m_bpr - 1;
        for (int c = 0; c + 1 < m_bpr; ++c) {
            if (x < byteHexX(c + 1)) {
                column = c;
                break;
            }
        }
        hit.column = column;
        hit.lowNibble = x >= byteHexX(column) + m_cw;
        return hit;
    }
    hit.area = Area::Text;
    const double rel = (x - textX()) / m_cw;
    hit.column = std::clamp(static_cast<int>(rel < 0 ? 0 : rel), 0, m_bpr - 1);
    return hit;
}

std::int64_t GridLayout::rowAtY(int y) const {
    return y >= 0 ? y / m_lineHeight : -1 - (-y - 1) / m_lineHeight;
}

std::optional<GridLayout::Position> GridLayout::positionAt(double x, int y, std::uint64_t topRow,
                                                           std::uint64_t size) const {
    if (size == 0) return std::nullopt;
    const Hit hit = hitTest(x);
    const std::int64_t rel = rowAtY(y);
    std::uint64_t row;
    if (rel < 0) {
        const auto up = static_cast<std::uint64_t>(-rel);
        row = topRow > up ? topRow - up : 0;
    } else {
        row = topRow + static_cast<std::uint64_t>(rel);
    }
    const std::uint64_t last = rowOf(size - 1);
    Position pos;
    pos.area = hit.area;
    pos.lowNibble = hit.lowNibble;
    pos.offset = row > last ? size - 1 : std::min(size - 1, rowStart(row) + static_cast<unsigned>(hit.column));
    return pos;
}

GridLayout::Cell GridLayout::cellOf(std::uint64_t offset, Area area, std::uint64_t topRow) const {
    Cell cell;
    const int col = columnOf(offset);
    const std::uint64_t row = rowOf(offset);
    cell.y = (static_cast<std::int64_t>(row) - static_cast<std::int64_t>(topRow)) * m_lineHeight;
    cell.height = m_lineHeight;
    if (area == Area::Text) {
        cell.x = byteTextX(col);
        cell.width = m_cw;
    } else {
        cell.x = byteHexX(col);
        cell.width = 2 * m_cw;
    }
    return cell;
}

std::uint64_t GridLayout::rowCount(std::uint64_t size) const {
    const auto bpr = static_cast<std::uint64_t>(m_bpr);
    return size / bpr + (size % bpr ? 1 : 0);
}

std::uint64_t GridLayout::moveTarget(Move move, std::uint64_t c, std::uint64_t n,
                                     std::uint64_t pageRows) const {
    if (n == 0) return 0;
    c = std::min(c, n - 1);
    const auto bpr = static_cast<std::uint64_t>(m_bpr);
    const std::uint64_t page = std::max<std::uint64_t>(pageRows, 1) * bpr;
    const std::uint64_t rowFirst = c - c % bpr;
    switch (move) {
    case Move::Left: return c ? c - 1 : 0;
    case Move::Right: return std::min(c + 1, n - 1);
    case Move::Up: return c >= bpr ? c - bpr : c;
    case Move::Down: return n - 1 - c >= bpr ? c + bpr : c;
    case Move::PageUp: return c >= page ? c - page : c % bpr;
    case Move::PageDown: return n - 1 - c >= page ? c + page : c;
    case Move::RowStart: return rowFirst;
    case Move::RowEnd: return std::min(n - 1, rowFirst + bpr - 1);
    case Move::FileStart: return 0;
    case Move::FileEnd: return n - 1;
    }
    return c;
}

std::uint64_t GridLayout::topRowShowing(std::uint64_t row, std::uint64_t top, std::uint64_t visible,
                                        bool centre) const {
    visible = std::max<std::uint64_t>(visible, 1);
    if (row >= top && row < top + visible) return top;
    if (centre) return row > visible / 2 ? row - visible / 2 : 0;
    return row < top ? row : row - visible + 1;
}

int GridLayout::fitBytesPerRow(double charWidth, int offsetDigits, double width) {
    int best = 8;
    for (int n = 16; n <= 256; n += 8) {
        if (GridLayout(charWidth, 1, n, offsetDigits).totalWidth() > width) break;
        best = n;
    }
    return best;
}

} // namespace hexmap
