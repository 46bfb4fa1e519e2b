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

std::uint64_t GridLayout::rowCount(std::uint64_t size) const {
    const auto bpr = static_cast<std::uint64_t>(m_bpr);
    return size / bpr + (size % bpr ? 1 : 0);
}

int GridLayout::fitBytesPerRow(double charWidth, int offsetDigits, double width) {
    int best = 8;
    for (int n = 16; n <= 256; n += 8) {
        if (GridLayout(charWidth, 1, n, offsetDigits).totalWidth() > width) break;
        best = n;
    }
    return best;
}

ScrollMapping::ScrollMapping(std::uint64_t maxTopRow, int limit)
    : m_maxTopRow(maxTopRow),
      m_barMax(maxTopRow > static_cast<std::uint64_t>(limit) ? limit : static_cast<int>(maxTopRow)) {}

int ScrollMapping::valueForRow(std::uint64_t row) const {
    row = std::min(row, m_maxTopRow);
    if (!scaled()) return static_cast<int>(row);
    // 128-bit so row * barMax never overflows; round to nearest.
    const unsigned __int128 v =
        (static_cast<unsigned __int128>(row) * static_cast<unsigned>(m_barMax) + m_maxTopRow / 2) /
        m_maxTopRow;
    return static_cast<int>(v);
}

std::uint64_t ScrollMapping::rowForValue(int value) const {
    value = std::clamp(value, 0, m_barMax);
    if (!scaled()) return static_cast<std::uint64_t>(value);
    if (value == m_barMax) return m_maxTopRow; // the bottom shows the last row exactly
    return static_cast<std::uint64_t>(static_cast<unsigned __int128>(value) * m_maxTopRow /
                                      static_cast<unsigned>(m_barMax));
}

} // namespace hexmap
