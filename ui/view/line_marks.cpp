// SPDX-License-Identifier: MIT
#include "line_renderer.h"

#include <QPainter>
#include <QRect>

namespace hexmap {

void LineMarks::paintRow(const LineRowContext& r) const {
    QPainter& p = *r.painter;
    const QRect rowRect(r.gutterWidth, r.y, r.viewportWidth - r.gutterWidth, r.lineHeight);
    if (r.tint.isValid()) p.fillRect(rowRect, r.tint);
    if (r.cursor >= r.row.start && r.cursor < r.row.end) p.fillRect(rowRect, r.colors->cursorRow);
    const bool selection = r.selectionEnd > r.selectionStart;
    for (const LineCell& c : *r.cells) {
        const std::uint64_t end = c.offset + static_cast<std::uint64_t>(c.bytes);
        const QRect cell(r.textX + r.xOf(c.column), r.y,
                         r.xOf(c.column + c.width) - r.xOf(c.column), r.lineHeight);
        for (const Highlight& h : *r.highlights)
            if (h.mark == Highlight::Mark::Fill && h.start < end && h.end > c.offset) p.fillRect(cell, h.color);
        if (selection && r.selectionStart < end && r.selectionEnd > c.offset)
            p.fillRect(cell, r.colors->selection);
        if (r.cursor >= c.offset && r.cursor < end)
            p.fillRect(cell, r.focused ? r.colors->cursor : r.colors->cursorNoFocus);
    }
}

} // namespace hexmap
