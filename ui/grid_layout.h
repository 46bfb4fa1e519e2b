// GridLayout: all the arithmetic of the hex grid in one small pure class, so that the
// widget asks it and never re-derives the maths, and so it can be tested on its own.
//
//   | offset | 2 | xx xx xx xx xx xx xx xx  xx xx ... | 2 | text column |
//
// Units: x and widths in pixels (a monospace character cell is charWidth wide), rows
// and offsets 64-bit. Row r holds bytes [r*bytesPerRow, (r+1)*bytesPerRow).
#pragma once

#include <cstdint>

namespace hexmap {

class GridLayout {
public:
    enum class Area { None, Offset, Hex, Text };
    struct Hit {
        Area area = Area::None;
        int column = 0;    // byte column within the row, 0..bytesPerRow-1
        bool lowNibble = false; // hex area: the click was on the second digit
    };

    GridLayout() = default;
    GridLayout(double charWidth, int lineHeight, int bytesPerRow, int offsetDigits);

    double charWidth() const { return m_cw; }
    int lineHeight() const { return m_lineHeight; }
    int bytesPerRow() const { return m_bpr; }
    int offsetDigits() const { return m_offsetDigits; }

    // Column positions, left edges, relative to the grid's left edge.
    double offsetX() const { return margin(); }
    double hexX() const { return margin() + (m_offsetDigits + 2) * m_cw; }
    double byteHexX(int column) const { return hexX() + (column * 3 + column / 8) * m_cw; }
    double hexWidth() const;
    double textX() const { return hexX() + hexWidth() + 2 * m_cw; }
    double byteTextX(int column) const { return textX() + column * m_cw; }
    double totalWidth() const { return textX() + m_bpr * m_cw + margin(); }

    // What lies under x (the row comes from y separately: see rowAtY).
    Hit hitTest(double x) const;
    // Row index relative to the top visible row; negative above the grid.
    std::int64_t rowAtY(int y) const;

    // Rows needed for `size` bytes; 0 for an empty file.
    std::uint64_t rowCount(std::uint64_t size) const;
    std::uint64_t rowOf(std::uint64_t offset) const { return offset / static_cast<unsigned>(m_bpr); }
    int columnOf(std::uint64_t offset) const { return static_cast<int>(offset % static_cast<unsigned>(m_bpr)); }

    // The widest multiple of 8 bytes (at least 8) whose grid fits in `width` pixels.
    static int fitBytesPerRow(double charWidth, int offsetDigits, double width);

private:
    double margin() const { return m_cw / 2; }

    double m_cw = 8;
    int m_lineHeight = 16;
    int m_bpr = 16;
    int m_offsetDigits = 8;
};

// Maps a 64-bit top row onto the int range of a QScrollBar and back. When the rows fit,
// one step is one row; when they do not, the bar is a fraction of the way through the
// file, and both ends map exactly (value 0 is row 0, the maximum is the last top row).
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
