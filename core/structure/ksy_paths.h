// SPDX-License-Identifier: MIT
// Where .ksy descriptions are found: folders given on the command line, then the user's
// ($XDG_DATA_HOME or ~/.local/share)/hexmap/ksy, then the formats installed with hexmap
// (and, in a build tree, the source's resources/ksy). Earlier folders win by file name.
#pragma once

#include <string>
#include <vector>

namespace hexmap::ksy {

std::vector<std::string> searchPath(const std::vector<std::string>& extra = {});
// The user's folder (shown in Preferences and in the Structure dock).
std::string userFolder();
// Every description in the search path, by file name (the first folder holding a name wins),
// sorted by name.
std::vector<std::string> listDescriptions(const std::vector<std::string>& path);

} // namespace hexmap::ksy
