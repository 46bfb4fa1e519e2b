// SPDX-License-Identifier: MIT
// GlyphCoverage: whether the column's font itself (not a fallback) has a glyph for a
// character. The text column decodes whatever bytes are there; bytes read as UTF-16 or UTF-8
// that are not text decode to characters of dozens of scripts, and drawing them made Qt load
// a fallback engine per script, logging "OpenType support missing" for each (about 200 lines
// at one start on a random file) and drawing glyphs wider than a cell. Such a character is
// shown as '.', as an unprintable byte is. Answers are kept per character for the font last
// asked about; only the GUI thread paints, so there is no lock.
#pragma once

#include <QFont>
#include <QHash>
#include <QRawFont>

namespace hexmap {

class GlyphCoverage {
public:
    bool shows(const QFont& font, char32_t cp);

private:
    QString m_fontKey;
    QHash<char32_t, bool> m_known;
    QRawFont m_raw;
};

} // namespace hexmap
