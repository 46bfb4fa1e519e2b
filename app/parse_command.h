// SPDX-License-Identifier: MIT
// `hexmap parse --ksy SPEC [--ksy-path DIR]... [--compact] FILE`: reads FILE with a Kaitai
// Struct description and prints the tree as JSON (ksy_json.h). SPEC is a .ksy file, or the
// name of one in the search path (the --ksy-path folders, ~/.local/share/hexmap/ksy, then
// the formats installed with hexmap: `--ksy elf`). Exit 0: read; 1: the file does not match
// (contents, valid) or ends early; 2: a bad description (its file and line) or an I/O error.
#pragma once

#include <cstdio>

namespace hexmap {

int runParseCommand(int argc, char** argv, std::FILE* out, std::FILE* err);

} // namespace hexmap
