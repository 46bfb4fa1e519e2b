// SPDX-License-Identifier: MIT
// `hexmap find`: search a file from the command line, without a display and without Qt.
#pragma once

#include <cstdio>

namespace hexmap {

// argv[0] is "find". Usage:
//   hexmap find [--hex | --text | --regex] [-i] [--utf16le | --utf16be] [--count] [-j N]
//               PATTERN FILE
// Prints one match per line as "OFFSET<TAB>LENGTH" (decimal) to out, or with --count only
// the number of matches. Matches are leftmost and non-overlapping, as `grep -obUa` reports
// them. Returns the exit status: 0 when something matched, 1 when nothing did, 2 on error
// (a sentence on err). Blocks until the whole file is searched.
int runFindCommand(int argc, char** argv, std::FILE* out, std::FILE* err);

} // namespace hexmap
