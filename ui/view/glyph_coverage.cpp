// SPDX-License-Identifier: MIT
#include "glyph_coverage.h"

#include <QRawFont>

namespace hexmap {

bool GlyphCoverage::shows(const QFont& font, char32_t cp) {
    if (cp < 0x80) return true; // the text column's own printable ASCII
    if (const QString key = font.key(); key != m_fontKey) {
        m_fontKey = key;
        m_known.clear();
        m_raw = QRawFont::fromFont(font);
    }
    if (const auto it = m_known.constFind(cp); it != m_known.constEnd()) return *it;
    // Unassigned, private-use and surrogate code points have no glyph worth drawing.
    const QChar::Category cat = QChar::category(static_cast<uint>(cp));
    const bool assigned = cat != QChar::Other_NotAssigned && cat != QChar::Other_PrivateUse &&
                          cat != QChar::Other_Surrogate && cat != QChar::Other_Control && cat != QChar::Other_Format;
    // The font itself, not its fallbacks: asking Qt for a fallback loads an engine per script
    // (the warning above comes from there), and a fallback glyph has another width than the
    // column's cells.
    const bool ok = assigned && m_raw.isValid() && m_raw.supportsCharacter(static_cast<uint>(cp));
    m_known.insert(cp, ok);
    return ok;
}

} // namespace hexmap
