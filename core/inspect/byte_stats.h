// SPDX-License-Identifier: MIT
// Byte statistics for the file map and the selection histogram: a 256-bin histogram
// (counted in four interleaved tables, so consecutive equal bytes do not wait on each
// other's increment), its Shannon entropy in bits per byte, and byte classes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace hexmap {

using ByteHistogram = std::array<std::uint64_t, 256>;

// Adds the bytes of [p, p+n) to h.
void addToHistogram(ByteHistogram& h, const std::uint8_t* p, std::size_t n);
// Bits per byte, 0 (one value) to 8 (uniform); 0 for no bytes.
double entropyOf(const ByteHistogram& h);

struct ByteClasses {
    std::uint64_t zeros = 0; // 0x00
    std::uint64_t text = 0;  // printable ASCII, tab, CR, LF
    std::uint64_t high = 0;  // 0x80-0xFF
    std::uint64_t other = 0; // the other control bytes
    std::uint64_t total() const { return zeros + text + high + other; }
};
ByteClasses classesOf(const ByteHistogram& h);

} // namespace hexmap
