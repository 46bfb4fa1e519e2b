// SPDX-License-Identifier: MIT
// GridLayout: all the arithmetic of the hex grid in one small pure class, so that the
// widget and its input handlers ask it and never re-derive the maths, and so it can be
// tested on its own (round trips included).
//
//   | offset | 2 | xx xx xx xx xx xx xx xx  xx xx ... | 2 | text column |
//
// Units: x and widths in pixels of content (a monospace character cell is charWidth
// wide; the caller adds its horizontal scroll), y in pixels from the top visible row, rows
// and offsets 64-bit. Row r holds bytes [r*bytesPerRow, (r+1)*bytesPerRow).
#pragma once

#include <cstdint>
#include <optional>

namespace hexmap {

class GridLayout {
public:
    enum class Area { None, Offset, Hex, Text };
    struct Hit {
        Area area = Area::None;
        int column = 0;         // byte column within the row, 0..bytesPerRow-1
        bool lowNibble = false; // hex area: the click was on the second digit
    };
    // The byte under a point, clamped to the document.
    struct Position {
        std::uint64_t offset = 0;
        Area area = Area::None;
        bool lowNibble = false;
    };
    // A byte's cell: x and width in content pixels, y and height relative to the top row.
    struct Cell {
        double x = 0, width = 0;
        std::int64_t y = 0;
        int height = 0;
    };
    // Cursor movements of the keyboard.
    enum class Move { Left, Right, Up, Down, PageUp, PageDown, RowStart, RowEnd, FileStart, FileEnd };

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
    // The byte under content point (x, y) when `topRow` is the first row shown, clamped to
    // the document's last byte; nullopt for an empty document.
    std::optional<Position> positionAt(double x, int y, std::uint64_t topRow,
                                       std::uint64_t size) const;
    // The cell of byte `offset` in the hex or text column, with `topRow` at y = 0.
    Cell cellOf(std::uint64_t offset, Area area, std::uint64_t topRow) const;

    // Rows needed for `size` bytes; 0 for an empty file.
    std::uint64_t rowCount(std::uint64_t size) const;
    std::uint64_t rowOf(std::uint64_t offset) const { return offset / static_cast<unsigned>(m_bpr); }
    int columnOf(std::uint64_t offset) const { return static_cast<int>(offset % static_cast<unsigned>(m_bpr)); }
    std::uint64_t rowStart(std::uint64_t row) const { return row * static_cast<unsigned>(m_bpr); }

    // Where the cursor goes for a movement in a document of `size` bytes (> 0), with
    // `pageRows` rows to a page. Never past the last byte, never wrapping.
    std::uint64_t moveTarget(Move move, std::uint64_t cursor, std::uint64_t size,
                             std::uint64_t pageRows) const;
    // The top row that shows `row` when it is off screen: as little scrolling as possible,
    // or centred.
    std::uint64_t topRowShowing(std::uint64_t row, std::uint64_t currentTop,
                                std::uint64_t visibleRows, bool centre) const;

    // The widest multiple of 8 bytes (at least 8) whose grid fits in `width` pixels.
    static int fitBytesPerRow(double charWidth, int offsetDigits, double width);

private:
    double margin() const { return m_cw / 2; }

    double m_cw = 8;
    int m_lineHeight = 16;
    int m_bpr = 16;
    int m_offsetDigits = 8;
};

} // namespace hexmap
