// SPDX-License-Identifier: MIT
// AsciiGlyphs: the glyph of each printable ASCII character in one font, looked up once, so
// that a run of them is drawn as glyphs at whole-pixel cell positions with no text shaping.
// QPainter::drawText shapes its string on every call; on a view full of long rows (a file
// with no newline fills every row to the edge) shaping was most of the frame's cost.
#pragma once

#include <QFont>
#include <QRawFont>
#include <array>
#include <vector>

class QPainter;
class QPointF;
class QString;

namespace hexmap {

class AsciiGlyphs {
public:
    void setFont(const QFont& font);
    // Whether `c` has a cached glyph (a font without some ASCII glyph leaves that character
    // to drawText, which falls back to another font).
    bool covers(char16_t c) const { return glyph(c) != 0 || c == u' '; }
    // Draws `text` (only characters it covers) with its first character's baseline origin
    // at `origin`, character i at origin + round(i * advance). Spaces draw nothing.
    void draw(QPainter& painter, const QPointF& origin, qreal advance, const QString& text);

private:
    quint32 glyph(char16_t c) const {
        if (c > 0x20 && c < 0x7F) return m_ascii[c - 0x20];
        return 0;
    }
    QRawFont m_raw;
    std::array<quint32, 95> m_ascii{};     // 0 where the font has no glyph
    std::vector<quint32> m_indexes; // reused between calls
    std::vector<QPointF> m_positions;
};

} // namespace hexmap
