// SPDX-License-Identifier: MIT
// `hexmap parse --ksy SPEC [--ksy-path DIR]... [--compact] FILE`: reads FILE with a Kaitai
// Struct description and prints the tree as JSON (ksy_json.h). SPEC is a .ksy file, or the
// name of one in the search path (the --ksy-path folders, ~/.local/share/hexmap/ksy, then
// the formats installed with hexmap: `--ksy elf`). Exit 0: read; 1: the file does not match
// (contents, valid) or ends early; 2: a bad description (its file and line) or an I/O error.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace hexmap {

int runParseCommand(int argc, char** argv, std::FILE* out, std::FILE* err);

// Where descriptions are looked for, first to last: `extra`, the user's folder, the
// installed formats (and, in a build tree, the source's resources/ksy).
std::vector<std::string> ksySearchPath(const std::vector<std::string>& extra);

} // namespace hexmap
