// SPDX-License-Identifier: MIT
// Toolbar icons: the desktop's icon theme first (QIcon::fromTheme), and where the theme has
// no such icon (a bare X server, a minimal desktop, the offscreen platform), one drawn here
// as vector strokes. The drawn ones paint at whatever size and device pixel ratio they are
// asked for (crisp at scale 2) and in the palette's text colour at paint time, so they
// follow a switch to a dark palette.
#pragma once

#include <QIcon>
#include <QString>

namespace hexmap {

// The theme's icon named `name` (freedesktop naming), else the drawn one; a null icon for
// a name with neither.
QIcon toolbarIcon(const QString& name);
// The drawn one alone (tests, and the names the theme lacks).
QIcon drawnIcon(const QString& name);

} // namespace hexmap
