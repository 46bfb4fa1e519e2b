// SPDX-License-Identifier: MIT
// Column renderers: the hex grid paints row by row, and each column of a row (offset,
// hex, text) is painted by its own renderer behind this small interface, so a new column
// (binary, another encoding) is a new class. Only the visible rows are painted.
#pragma once

#include "grid_colors.h"
#include "grid_layout.h"
#include "highlight.h"
#include "text_encoding.h"

#include <cstdint>
#include <vector>

class QPainter;

namespace hexmap {

// Everything a renderer needs for one row; built once per row by the view.
struct RowContext {
    QPainter* painter = nullptr;
    const GridLayout* layout = nullptr;
    const GridColors* colors = nullptr;
    double x0 = 0;    // the grid's left edge in viewport pixels (after horizontal scroll)
    int y = 0;        // the row's top in viewport pixels
    int baseline = 0; // text baseline in viewport pixels
    std::uint64_t first = 0;           // offset of the row's first byte
    const std::uint8_t* bytes = nullptr;
    int count = 0;                     // bytes in this row (the last row may be short)
    const std::vector<Highlight>* highlights = nullptr; // this frame's, in paint order
    std::uint64_t selectionStart = 0;  // [start, end); equal when nothing is selected
    std::uint64_t selectionEnd = 0;
    int cursorColumn = -1;             // the cursor's column when it is on this row
    bool lowNibble = false;            // hex: the cursor is on the low nibble
    GridLayout::Area activeArea = GridLayout::Area::Hex;
    bool focused = false;
    bool upperHex = false;       // hex digits in upper case (a preference)
    bool decimalOffsets = false; // the offset column in decimal (a preference)
    ColumnEncoding encoding = ColumnEncoding::Ascii; // how the text column reads the bytes
    // fileData holds the document's bytes from windowStart on (fileSize of them): the whole
    // mapping when the document is flat, else a few bytes around the row, copied.
    std::uint64_t windowStart = 0;
    const std::uint8_t* fileData = nullptr;      // the whole document, for characters that
    std::uint64_t fileSize = 0;                  // begin or end outside the row
};

class ColumnRenderer {
public:
    virtual ~ColumnRenderer() = default;
    virtual void paintRow(const RowContext& row) const = 0;
};

// A column with one cell per byte: paints the highlights, the selection and the cursor
// under its cells, then its text. Subclasses say where the cells are and draw the text.
class ByteColumn : public ColumnRenderer {
public:
    void paintRow(const RowContext& row) const override;

protected:
    // This column's area (the cursor is filled in the active one, outlined in the other).
    virtual GridLayout::Area area() const = 0;
    // Left edge of cell `column` and the width from cell a's left to cell b's right.
    virtual double cellX(const GridLayout& layout, int column) const = 0;
    virtual double spanWidth(const GridLayout& layout, int a, int b) const = 0;
    // The cursor cell (the hex column narrows it to the nibble being typed).
    virtual void cursorCell(const RowContext& row, double& x, double& width) const;
    virtual void paintText(const RowContext& row) const = 0;
};

class OffsetColumn final : public ColumnRenderer {
public:
    void paintRow(const RowContext& row) const override;
};

class HexColumn final : public ByteColumn {
protected:
    GridLayout::Area area() const override { return GridLayout::Area::Hex; }
    double cellX(const GridLayout& layout, int column) const override;
    double spanWidth(const GridLayout& layout, int a, int b) const override;
    void cursorCell(const RowContext& row, double& x, double& width) const override;
    void paintText(const RowContext& row) const override;
};

class TextColumn final : public ByteColumn {
protected:
    GridLayout::Area area() const override { return GridLayout::Area::Text; }
    double cellX(const GridLayout& layout, int column) const override;
    double spanWidth(const GridLayout& layout, int a, int b) const override;
    void paintText(const RowContext& row) const override;
};

} // namespace hexmap
