// SPDX-License-Identifier: MIT
#include "line_renderer.h"

#include <QPainter>
#include <QRect>

namespace hexmap {

void LineText::paintRow(const LineRowContext& r) const {
    QPainter& p = *r.painter;
    const int baseline = r.y + r.baselineShift;
    // The text, in runs: one call per run of one-cell characters of one colour. A run of
    // printable ASCII (nearly all of a log, and all of a hole in caret notation) is drawn as
    // cached glyphs at cell positions, without shaping; the rest by drawText.
    QString run;
    int runColumn = 0;
    bool runDim = false, runCached = true;
    auto flush = [&] {
        if (run.isEmpty()) return;
        p.setPen(runDim ? r.colors->dimText : r.colors->text);
        const QPointF at(r.textX + runColumn * r.advance, baseline);
        if (runCached)
            r.glyphs->draw(p, at, r.advance, run);
        else
            p.drawText(at, run);
        run.clear();
        runCached = true;
    };
    for (const LineCell& c : *r.cells) {
        if (c.kind == LineCell::Kind::Newline || c.kind == LineCell::Kind::Tab) {
            flush();
            continue;
        }
        const bool dim = c.kind != LineCell::Kind::Text;
        const bool ascii = c.kind == LineCell::Kind::Text && c.cp < 0x80;
        // A cell can join a run when it draws one narrow character per cell (caret notation
        // and \xNN included); cached when every character has a cached glyph.
        bool single = ascii, cached = ascii && r.glyphs->covers(static_cast<char16_t>(c.cp));
        if (!ascii && c.charCount == c.width) {
            single = cached = true;
            for (std::uint8_t k = 0; k < c.charCount; ++k) {
                const char16_t ch = c.chars[k];
                single = single && ch < 0x3000 && !QChar::isSurrogate(ch);
                cached = cached && r.glyphs->covers(ch);
            }
        }
        if (!single || dim != runDim || (!run.isEmpty() && runColumn + run.size() != c.column))
            flush();
        if (!single) {
            p.setPen(dim ? r.colors->dimText : r.colors->text);
            p.drawText(QPointF(r.textX + c.column * r.advance, baseline), c.display());
            continue;
        }
        if (run.isEmpty()) {
            runColumn = c.column;
            runDim = dim;
        }
        run.append(reinterpret_cast<const QChar*>(c.chars.data()), c.charCount);
        runCached = runCached && cached;
    }
    flush();
    // A row cut by wrap or by the cap continues on the next one: mark it.
    if (r.continues()) {
        p.setPen(r.colors->dimText);
        p.drawText(QRect(r.viewportWidth - r.charWidth - 2, r.y, r.charWidth, r.lineHeight),
                   Qt::AlignCenter, QStringLiteral("↩"));
    }
}

} // namespace hexmap
