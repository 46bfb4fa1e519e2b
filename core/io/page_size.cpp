// SPDX-License-Identifier: MIT
#include "page_size.h"

#include <unistd.h>

namespace hexmap {

std::size_t pageSize() {
    // Read once, on first use (a function-local static, so no static-initialisation
    // order can see it unset). The fault guard keeps its own copy, taken when it is
    // installed, because a signal handler may not run this initialisation.
    static const std::size_t size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    return size;
}

} // namespace hexmap
