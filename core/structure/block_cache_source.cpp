// SPDX-License-Identifier: MIT
#include "block_cache_source.h"

#include <algorithm>
#include <cstring>

namespace hexmap {

std::size_t BlockCacheSource::read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const {
    if (m_inner.direct() || len >= kBlock) return m_inner.read(offset, buf, len);
    std::size_t done = 0;
    while (done < len) {
        const std::uint64_t at = offset + done;
        if (at >= size()) break;
        const std::uint64_t start = at - at % kBlock;
        Block* hit = nullptr;
        for (Block& b : m_blocks)
            if (b.start == start) hit = &b;
        if (!hit) {
            hit = &*std::min_element(m_blocks.begin(), m_blocks.end(),
                                     [](const Block& a, const Block& b) { return a.used < b.used; });
            hit->bytes.resize(kBlock);
            const std::size_t want = std::size_t(std::min<std::uint64_t>(kBlock, size() - start));
            hit->valid = m_inner.read(start, hit->bytes.data(), want);
            hit->start = start;
        }
        hit->used = ++m_clock;
        const std::size_t in = std::size_t(at - start);
        if (in >= hit->valid) {
            hit->start = ~std::uint64_t(0); // a short read: ask again next time
            break;
        }
        const std::size_t n = std::min(len - done, hit->valid - in);
        std::memcpy(buf + done, hit->bytes.data() + in, n);
        done += n;
        if (hit->valid < kBlock && in + n >= hit->valid && done < len) {
            hit->start = ~std::uint64_t(0);
            break;
        }
    }
    return done;
}

} // namespace hexmap
