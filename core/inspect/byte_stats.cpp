// SPDX-License-Identifier: MIT
#include "byte_stats.h"

#include <cmath>

namespace hexmap {

void addToHistogram(ByteHistogram& h, const std::uint8_t* p, std::size_t n) {
    std::uint32_t t[4][256] = {};
    std::size_t i = 0;
    // 32-bit counters: flushed before they could overflow.
    while (i < n) {
        const std::size_t chunk = std::min<std::size_t>(n - i, std::size_t(1) << 30);
        const std::size_t end = i + chunk, end4 = i + (chunk & ~std::size_t(3));
        for (; i < end4; i += 4) {
            ++t[0][p[i]];
            ++t[1][p[i + 1]];
            ++t[2][p[i + 2]];
            ++t[3][p[i + 3]];
        }
        for (; i < end; ++i) ++t[0][p[i]];
        for (int b = 0; b < 256; ++b) {
            h[static_cast<std::size_t>(b)] += std::uint64_t(t[0][b]) + t[1][b] + t[2][b] + t[3][b];
            t[0][b] = t[1][b] = t[2][b] = t[3][b] = 0;
        }
    }
}

double entropyOf(const ByteHistogram& h) {
    std::uint64_t total = 0;
    for (std::uint64_t c : h) total += c;
    if (total == 0) return 0;
    double e = 0;
    for (std::uint64_t c : h) {
        if (!c) continue;
        const double p = double(c) / double(total);
        e -= p * std::log2(p);
    }
    return e;
}

ByteClasses classesOf(const ByteHistogram& h) {
    ByteClasses c;
    for (int b = 0; b < 256; ++b) {
        const std::uint64_t n = h[static_cast<std::size_t>(b)];
        if (b == 0) c.zeros += n;
        else if ((b >= 0x20 && b < 0x7F) || b == '\t' || b == '\n' || b == '\r') c.text += n;
        else if (b >= 0x80) c.high += n;
        else c.other += n;
    }
    return c;
}

} // namespace hexmap
