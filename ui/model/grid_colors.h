// SPDX-License-Identifier: MIT
// GridColors: every colour the byte views paint with, derived from the widget's palette so
// that a dark desktop gets a grid that looks as deliberate as a light one. Tints are mixed
// into the palette's Base colour rather than fixed RGB values, so text keeps its contrast
// on them whatever the theme.
#pragma once

#include <QColor>

class QPalette;

namespace hexmap {

struct GridColors {
    QColor base;          // background
    QColor text;          // bytes
    QColor dimText;       // offsets, placeholders
    QColor cursorRow;     // the row (or line) the cursor is on
    QColor selection;     // selected bytes (translucent: what lies under shows through)
    QColor cursor;        // the cursor cell with focus
    QColor cursorNoFocus; // the cursor cell without focus
    QColor modified;      // bytes changed since the last save
    QColor match;         // search matches on screen
    QColor currentMatch;  // the match found last
    QColor bookmark;      // default bookmark tint
    QColor difference;    // bytes that differ from the other file (compare)
    QColor structure;     // top-level fields of the Structure dock, alternating with...
    QColor structureAlt;  // ...this one

    static GridColors fromPalette(const QPalette& palette);
    // `tint` laid over `base` at `strength` (0..1): a background that keeps text readable.
    static QColor mix(const QColor& base, const QColor& tint, double strength);
    static bool isDark(const QPalette& palette);
};

} // namespace hexmap
