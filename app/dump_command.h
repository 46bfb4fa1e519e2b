// SPDX-License-Identifier: MIT
// `hexmap dump [-s OFFSET] [-n LENGTH] FILE`: prints exactly what
// `hexdump -C -v -s OFFSET -n LENGTH FILE` prints, from the mapping, with no display.
#pragma once

#include <cstdio>

namespace hexmap {

// argv[0] is "dump". Returns the exit status: 0, or 1 with the error on `err`.
int runDumpCommand(int argc, char** argv, std::FILE* out, std::FILE* err);

} // namespace hexmap
