// SPDX-License-Identifier: MIT
#include "option_value.h"

namespace hexmap {

bool takeOptionValue(int& i, int argc, char** argv, const char** value, std::FILE* err,
                     const char* command, const char* usage) {
    const char* opt = argv[i];
    if (opt[2] != '\0') *value = opt + 2;
    else if (i + 1 < argc) *value = argv[++i];
    else {
        std::fprintf(err, "hexmap %s: %s needs a value\n%s", command, opt, usage);
        return false;
    }
    return true;
}

} // namespace hexmap
