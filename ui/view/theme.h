// SPDX-License-Identifier: MIT
// Theme: the application's palette. "System" keeps the palette the platform gave (a dark
// desktop gives a dark one); Light and Dark replace it, for users whose platform theme does
// not follow their desktop (and to check both looks). Every colour hexmap paints derives
// from the palette (GridColors), so switching is a QApplication::setPalette away.
#pragma once

#include "preferences.h"

#include <QPalette>

namespace hexmap {

QPalette lightPalette();
QPalette darkPalette();
// Sets the application palette; the first call remembers the platform's for System.
void applyTheme(Theme theme);

} // namespace hexmap
