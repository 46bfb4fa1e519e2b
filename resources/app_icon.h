// SPDX-License-Identifier: MIT
// The application icon, painted in code with the same geometry as icons/hexmap.svg (a page
// of hex rows with highlighted bytes, and a strip marking where matches lie). The window
// takes it from here, so it has its icon when run from the build folder; the build renders
// the installed PNG sizes with it (hexmap-icons).
#pragma once

#include <QIcon>
#include <QImage>

namespace hexmap {

QImage renderAppIcon(int size);
QIcon appIcon();

} // namespace hexmap
