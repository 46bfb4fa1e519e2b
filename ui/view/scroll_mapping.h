// SPDX-License-Identifier: MIT
// ScrollMapping: maps a 64-bit top row onto the int range of a QScrollBar and back. When
// the rows fit, one step is one row; when they do not, the bar is a fraction of the way
// through the file, and both ends map exactly (value 0 is row 0, the maximum is the last
// top row). Shared by the hex grid (rows of bytes) and the Lines view (a fraction of bytes).
#pragma once

#include <cstdint>

namespace hexmap {

class ScrollMapping {
public:
    static constexpr int kDefaultLimit = 1 << 30;

    explicit ScrollMapping(std::uint64_t maxTopRow = 0, int limit = kDefaultLimit);

    std::uint64_t maxTopRow() const { return m_maxTopRow; }
    int barMaximum() const { return m_barMax; }
    bool scaled() const { return m_maxTopRow > static_cast<std::uint64_t>(m_barMax); }

    int valueForRow(std::uint64_t row) const;
    std::uint64_t rowForValue(int value) const;

private:
    std::uint64_t m_maxTopRow;
    int m_barMax;
};

} // namespace hexmap
