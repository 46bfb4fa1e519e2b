// SPDX-License-Identifier: MIT
// Line renderers: the Lines view paints row by row as the grid does, and each layer of a row
// is painted by its own renderer behind this small interface — the marks under the text (the
// rule's tint, the cursor row, highlights, the selection, the cursor), the gutter (a line
// number or an offset), the text itself. The view decides what a row is (LineLayout), its
// line number and its tint; the renderers only draw what the context says.
#pragma once

#include "ascii_glyphs.h"
#include "grid_colors.h"
#include "highlight.h"
#include "line_cells.h"
#include "line_layout.h"

#include <QColor>
#include <QFont>
#include <QString>
#include <QtGlobal>
#include <cstdint>
#include <memory>
#include <vector>

class QPainter;

namespace hexmap {

class ByteView;
class LineRules;

// The cell geometry of the views that draw lines, from their font: both line views use it.
struct LineMetrics {
    static constexpr int kGutterPad = 8; // the gutter's label margin
    static constexpr int kTextPad = 6;   // between the gutter and the text
    int charWidth = 8;                   // rounded, for the gutter and the scroll range
    qreal advance = 8.0;                 // one cell, as the text is drawn (fractional: cells
                                         // must use the text's own advance, or the cursor
                                         // drifts off its character along a long row)
    int lineHeight = 16;
    static LineMetrics of(const QFont& font);
    // Room for a 64-bit offset in hex or a line number of a huge file: 16 digits.
    int gutterWidth() const { return kGutterPad * 2 + charWidth * 16; }
    int textLeft() const { return gutterWidth() + kTextPad; }
};

// The colour rule's tint of the line starting at `lineStart`, from its first 4 KiB (invalid:
// no rule matches).
QColor lineTint(const LineRules& rules, const ByteView& bytes, std::uint64_t lineStart,
                const GridColors& colors, std::vector<std::uint8_t>& scratch);

// Everything a renderer needs for one row; the frame's part is filled once, the row's part
// per row.
struct LineRowContext {
    // --- the frame ---
    QPainter* painter = nullptr;
    const GridColors* colors = nullptr;
    AsciiGlyphs* glyphs = nullptr;                      // the view's (drawing reuses its buffers)
    const std::vector<Highlight>* highlights = nullptr; // this frame's, in paint order
    std::uint64_t selectionStart = 0; // [start, end); equal when nothing is selected
    std::uint64_t selectionEnd = 0;
    std::uint64_t cursor = 0;
    bool focused = false;
    int viewportWidth = 0;
    int gutterWidth = 0; // the gutter runs from x 0 to here
    int gutterPad = 0;   // the label's margin inside the gutter
    int textX = 0;       // where column 0 of the text is drawn (after horizontal scroll)
    qreal advance = 8.0; // one cell, as the text is drawn
    int charWidth = 8;   // one cell, rounded
    int lineHeight = 16;
    int baselineShift = 0;
    std::uint64_t documentSize = 0;
    // --- the row ---
    LineRow row;
    int y = 0;
    const std::vector<LineCell>* cells = nullptr;
    QColor tint;   // the line's colour rule (invalid: none)
    QString label; // the gutter's text (empty on a continuation row)

    // Where column `column` starts, relative to textX: cells sit on whole pixels.
    int xOf(int column) const { return qRound(column * advance); }
    bool continues() const { return !row.newline && row.end < documentSize; }
};

class LineRenderer {
public:
    virtual ~LineRenderer() = default;
    virtual void paintRow(const LineRowContext& row) const = 0;
};

// Under the text: the line's tint, the cursor's row, then per cell the highlights, the
// selection and the cursor.
class LineMarks final : public LineRenderer {
public:
    void paintRow(const LineRowContext& row) const override;
};

// The gutter: its own background and the row's label, right-aligned.
class LineGutter final : public LineRenderer {
public:
    void paintRow(const LineRowContext& row) const override;
};

// The text in runs (cached glyphs for printable ASCII, shaped text for the rest), and a mark
// at the right edge of a row that continues on the next one.
class LineText final : public LineRenderer {
public:
    void paintRow(const LineRowContext& row) const override;
};

// A line's layers in paint order — marks, gutter, text — as both line views draw them.
std::vector<std::unique_ptr<LineRenderer>> lineRenderers();

} // namespace hexmap
