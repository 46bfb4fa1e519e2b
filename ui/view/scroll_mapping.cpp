// SPDX-License-Identifier: MIT
#include "scroll_mapping.h"

#include <algorithm>

namespace hexmap {

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
