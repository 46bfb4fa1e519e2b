// SPDX-License-Identifier: MIT
// How the headless commands read an option's value: "-n100" or "-n 100".
#pragma once

#include <cstdio>

namespace hexmap {

// The value of option argv[i] into *value (advancing i past a separate value). Without
// one, says so on err as "hexmap COMMAND: -x needs a value" followed by usage, and false.
bool takeOptionValue(int& i, int argc, char** argv, const char** value, std::FILE* err,
                     const char* command, const char* usage);

} // namespace hexmap
