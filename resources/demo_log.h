// SPDX-License-Identifier: MIT
// The demo file `hexmap` opens when started without a FILE: a made-up server log with a
// little binary at its end, so that a first look shows text, structure and bytes.
#pragma once

#include <QString>

namespace hexmap {

// Writes the demo log (about 4 MiB) at `path` unless a file is there already. Returns an
// empty string on success, else the reason.
QString ensureDemoLog(const QString& path);

} // namespace hexmap
