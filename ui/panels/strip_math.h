// SPDX-License-Identifier: MIT
// The maths of a vertical picture of a whole file (the overview strip, the file map): pixel
// row y of `height` rows stands for the bytes from offsetAtRow(y) on, in 128-bit arithmetic
// so that 16 EiB times a screen's height does not overflow.
#pragma once

#include <algorithm>
#include <cstdint>

namespace hexmap {

inline std::uint64_t offsetAtRow(std::uint64_t size, int y, int height) {
    if (!size || height <= 0) return 0;
    y = std::clamp(y, 0, height - 1);
    return static_cast<std::uint64_t>(static_cast<unsigned __int128>(size) * static_cast<unsigned>(y) /
                                      static_cast<unsigned>(height));
}

} // namespace hexmap
