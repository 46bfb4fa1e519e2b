// SPDX-License-Identifier: MIT
#include "byte_format.h"
#include "column_renderer.h"
#include "glyph_coverage.h"

#include <QPainter>
#include <vector>

namespace hexmap {

double TextColumn::cellX(const GridLayout& layout, int column) const { return layout.byteTextX(column); }

double TextColumn::spanWidth(const GridLayout& layout, int a, int b) const {
    return (b - a + 1) * layout.charWidth();
}

void TextColumn::paintText(const RowContext& row) const {
    QString text(row.count, Qt::Uninitialized);
    row.painter->setPen(row.colors->text);
    if (row.encoding == ColumnEncoding::Ascii || !row.fileData) {
        for (int i = 0; i < row.count; ++i) text[i] = QLatin1Char(printableOrDot(row.bytes[i]));
        row.painter->drawText(QPointF(row.x0 + row.layout->textX(), row.baseline), text);
        return;
    }
    // One character a cell: a character of several bytes at its first byte's cell, spaces
    // in the others; one outside the BMP (two UTF-16 units) is drawn on its own after.
    thread_local std::vector<TextCell> cells;
    cells.resize(static_cast<std::size_t>(row.count));
    decodeCells(row.encoding, row.fileData, row.fileSize, row.first - row.windowStart, cells.size(),
                cells.data());
    std::vector<int> astral;
    static GlyphCoverage coverage; // the GUI thread's: only it paints
    const QFont& font = row.painter->font();
    for (int i = 0; i < row.count; ++i) {
        const TextCell& c = cells[static_cast<std::size_t>(i)];
        if (c.span == 0) {
            text[i] = QLatin1Char(' ');
        } else if (!coverage.shows(font, c.cp)) {
            text[i] = QLatin1Char('.');
        } else if (c.cp > 0xFFFF) {
            text[i] = QLatin1Char(' ');
            astral.push_back(i);
        } else {
            text[i] = QChar(static_cast<char16_t>(c.cp));
        }
    }
    row.painter->drawText(QPointF(row.x0 + row.layout->textX(), row.baseline), text);
    for (int i : astral) {
        const char32_t cp = cells[static_cast<std::size_t>(i)].cp;
        row.painter->drawText(QPointF(row.x0 + row.layout->byteTextX(i), row.baseline), QString::fromUcs4(&cp, 1));
    }
}

} // namespace hexmap
