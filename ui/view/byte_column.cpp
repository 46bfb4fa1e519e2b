// SPDX-License-Identifier: MIT
#include "column_renderer.h"

#include <QPainter>
#include <algorithm>

namespace hexmap {

void ByteColumn::cursorCell(const RowContext& row, double& x, double& width) const {
    x = row.x0 + cellX(*row.layout, row.cursorColumn);
    width = spanWidth(*row.layout, row.cursorColumn, row.cursorColumn);
}

void ByteColumn::paintRow(const RowContext& row) const {
    QPainter& p = *row.painter;
    const GridLayout& L = *row.layout;
    const int lh = L.lineHeight();
    const std::uint64_t rowEnd = row.first + static_cast<unsigned>(row.count);
    auto paintSpan = [&](std::uint64_t s, std::uint64_t e, const QColor& color) { // [s, e)
        if (s >= rowEnd || e <= row.first) return;
        const int a = static_cast<int>(std::max(s, row.first) - row.first);
        const int b = static_cast<int>(std::min(e, rowEnd) - row.first) - 1;
        p.fillRect(QRectF(row.x0 + cellX(L, a), row.y, spanWidth(L, a, b), lh), color);
    };
    // Backgrounds, in order: highlights (modified, matches, bookmarks...), the selection,
    // then the cursor: filled in the column being typed in, outlined in the other.
    // A gap is a thin bar in the space between two cells (not over a glyph), drawn after
    // the fills and the cursor (below).
    auto paintGap = [&](const Highlight& h) {
        const bool before = h.mark == Highlight::Mark::GapBefore;
        const std::uint64_t at = before ? h.start : h.end - 1;
        if (at < row.first || at >= rowEnd) return;
        const int c = static_cast<int>(at - row.first);
        const double w = std::max(2.0, spanWidth(L, c, c) / 8);
        const double x = row.x0 + cellX(L, c) + (before ? -w - 1 : spanWidth(L, c, c) + 1);
        p.fillRect(QRectF(x, row.y, w, lh), h.color);
    };
    for (const Highlight& h : *row.highlights)
        if (h.mark == Highlight::Mark::Fill) paintSpan(h.start, h.end, h.color);
    if (row.selectionEnd > row.selectionStart)
        paintSpan(row.selectionStart, row.selectionEnd, row.colors->selection);
    if (row.cursorColumn >= 0) {
        double x = 0, w = 0;
        cursorCell(row, x, w);
        const QColor c = row.focused ? row.colors->cursor : row.colors->cursorNoFocus;
        if (row.activeArea == area()) {
            p.fillRect(QRectF(x, row.y, w, lh), c);
        } else {
            p.setPen(c);
            p.drawRect(QRectF(x, row.y, w, lh).adjusted(0, 0, -1, -1));
        }
    }
    for (const Highlight& h : *row.highlights)
        if (h.mark != Highlight::Mark::Fill) paintGap(h);
    paintText(row);
}

} // namespace hexmap
