// SPDX-License-Identifier: MIT
#include "grid_colors.h"

#include <QPalette>
#include <algorithm>

namespace hexmap {

QColor GridColors::mix(const QColor& base, const QColor& tint, double strength) {
    const double k = std::clamp(strength, 0.0, 1.0);
    auto channel = [k](int a, int b) { return static_cast<int>(a + (b - a) * k + 0.5); };
    return QColor(channel(base.red(), tint.red()), channel(base.green(), tint.green()),
                  channel(base.blue(), tint.blue()));
}

bool GridColors::isDark(const QPalette& palette) {
    return palette.color(QPalette::Base).lightness() < 128;
}

GridColors GridColors::fromPalette(const QPalette& p) {
    GridColors c;
    const bool dark = isDark(p);
    c.base = p.color(QPalette::Base);
    c.text = p.color(QPalette::Text);
    c.dimText = p.color(QPalette::PlaceholderText);
    c.cursorRow = mix(c.base, p.color(QPalette::Highlight), dark ? 0.12 : 0.07);
    c.selection = p.color(QPalette::Highlight);
    c.selection.setAlpha(dark ? 100 : 170); // lighter text on dark: less of the highlight, or it loses contrast (test_palette)
    c.cursor = dark ? p.color(QPalette::Highlight).lighter(130) : p.color(QPalette::Highlight).darker(130);
    c.cursorNoFocus = p.color(QPalette::Mid);
    // Hues chosen to read as "edited" (orange), "found" (yellow) and "here" (amber); on a
    // dark base they are mixed in less, so light text stays legible on them.
    c.modified = mix(c.base, QColor(255, 140, 60), dark ? 0.35 : 0.45);
    c.match = mix(c.base, QColor(255, 215, 0), dark ? 0.35 : 0.55);
    c.currentMatch = mix(c.base, QColor(255, 120, 0), dark ? 0.55 : 0.65);
    c.bookmark = mix(c.base, QColor(80, 160, 255), dark ? 0.40 : 0.35);
    c.difference = mix(c.base, QColor(230, 60, 200), dark ? 0.40 : 0.35); // magenta: "not the same"
    // Two faint, different hues: where one field ends and the next begins, not a warning
    c.structure = mix(c.base, QColor(60, 200, 170), dark ? 0.22 : 0.20);
    c.structureAlt = mix(c.base, QColor(150, 120, 240), dark ? 0.22 : 0.18);
    return c;
}

} // namespace hexmap
