// SPDX-License-Identifier: MIT
// `hexmap cmp [-l | -s | --ranges] [-n LIMIT] [-i SKIP1[:SKIP2]] [-j N] A B`: compares two
// files as cmp(1) does, with its output and exit status (0 the same, 1 different, 2
// trouble): the first difference ("A B differ: byte N, line M"), or with -l every differing
// byte ("N OCT OCT", cmp -l's lines byte for byte), and "cmp: EOF on ..." on stderr when one
// is a prefix of the other. --ranges prints "OFFSET<TAB>LENGTH" (0-based, decimal) per run of
// differing bytes, the longer file's tail last. The files are read in parallel blocks
// (pread; holes in both are skipped unread); the same file twice is the same at once.
#pragma once

#include <cstdio>

namespace hexmap {

int runCmpCommand(int argc, char** argv, std::FILE* out, std::FILE* err);

} // namespace hexmap
