// SPDX-License-Identifier: MIT
#include "ascii_glyphs.h"

#include <QGlyphRun>
#include <QPainter>
#include <QString>
#include <cmath>

namespace hexmap {

namespace {
template <std::size_t N>
void lookUp(const QRawFont& raw, char16_t first, std::array<quint32, N>& out) {
    out.fill(0);
    if (!raw.isValid()) return;
    QString chars;
    for (std::size_t i = 0; i < N; ++i)
        chars += QChar(static_cast<char16_t>(first + i));
    const QList<quint32> glyphs = raw.glyphIndexesForString(chars);
    // 0 is "no glyph": the painter would fall back to another font; we leave those to it.
    for (std::size_t i = 0; i < N && i < static_cast<std::size_t>(glyphs.size()); ++i)
        out[i] = glyphs[static_cast<qsizetype>(i)];
}
} // namespace

void AsciiGlyphs::setFont(const QFont& font) {
    m_raw = QRawFont::fromFont(font);
    lookUp(m_raw, u' ', m_ascii);
}

void AsciiGlyphs::draw(QPainter& painter, const QPointF& origin, qreal advance, const QString& text) {
    m_indexes.clear();
    m_positions.clear();
    // Whole pixels: a glyph at a fractional x is rendered and cached once per sub-pixel
    // phase and blended slower; the cells are on whole pixels too (see LinesView::xOf).
    const qreal x0 = std::round(origin.x());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const quint32 g = glyph(text[i].unicode());
        if (!g) continue; // a space
        m_indexes.push_back(g);
        m_positions.emplace_back(std::round(origin.x() + static_cast<qreal>(i) * advance) - x0, 0.0);
    }
    if (m_indexes.empty()) return;
    QGlyphRun run;
    run.setRawFont(m_raw);
    run.setRawData(m_indexes.data(), m_positions.data(), static_cast<int>(m_indexes.size()));
    painter.drawGlyphRun(QPointF(x0, std::round(origin.y())), run);
}

} // namespace hexmap
