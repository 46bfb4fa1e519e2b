// SPDX-License-Identifier: MIT
// `hexmap hash [-a ALG]... [-s OFFSET] [-n LENGTH] FILE`: checksums and hashes of a file or
// a range of it, printed as sha256sum prints them ("HASH  FILE"), one line per algorithm in
// the order asked (default sha256). Holes of sparse files are hashed as zeros unread.
// Exit status 0, or 1 with a sentence on stderr (as `hexmap dump`).
#pragma once

#include <cstdio>

namespace hexmap {

int runHashCommand(int argc, char** argv, std::FILE* out, std::FILE* err);

} // namespace hexmap
