// SPDX-License-Identifier: MIT
#include "range_set.h"

#include <algorithm>

namespace hexmap {

std::pair<std::size_t, std::size_t> RangeSet::firstEnding(std::uint64_t offset,
                                                         bool strict) const {
    // Ranges are disjoint and sorted, so their ends are sorted too.
    auto before = [&](const Range& r) { return strict ? r.end <= offset : r.end < offset; };
    const auto block = std::partition_point(m_blocks.begin(), m_blocks.end(),
                                            [&](const Block& b) { return before(b.back()); });
    if (block == m_blocks.end()) return {m_blocks.size(), 0};
    const auto range = std::partition_point(block->begin(), block->end(), before);
    return {static_cast<std::size_t>(block - m_blocks.begin()),
            static_cast<std::size_t>(range - block->begin())};
}

void RangeSet::splitIfFull(std::size_t block) {
    Block& b = m_blocks[block];
    if (b.size() <= kBlock) return;
    const auto half = b.begin() + static_cast<std::ptrdiff_t>(b.size() / 2);
    Block upper(half, b.end());
    b.erase(half, b.end());
    m_blocks.insert(m_blocks.begin() + static_cast<std::ptrdiff_t>(block) + 1, std::move(upper));
}

void RangeSet::add(std::uint64_t start, std::uint64_t end) {
    if (start >= end) return;
    const auto [b, i] = firstEnding(start, false);
    if (b == m_blocks.size()) {
        if (m_blocks.empty()) m_blocks.emplace_back();
        m_blocks.back().push_back({start, end});
        ++m_count;
        splitIfFull(m_blocks.size() - 1);
        return;
    }
    // Every range from (b, i) on that starts at or before the merged end touches it.
    std::uint64_t s = start, e = end;
    std::size_t eb = b, ei = i, merged = 0;
    while (eb < m_blocks.size()) {
        const Block& blk = m_blocks[eb];
        if (ei == blk.size()) {
            ++eb;
            ei = 0;
            continue;
        }
        if (blk[ei].start > e) break;
        s = std::min(s, blk[ei].start);
        e = std::max(e, blk[ei].end);
        ++ei;
        ++merged;
    }
    Block& first = m_blocks[b];
    if (merged == 0) {
        first.insert(first.begin() + static_cast<std::ptrdiff_t>(i), Range{s, e});
        ++m_count;
        splitIfFull(b);
        return;
    }
    first[i] = {s, e};
    if (eb == b) {
        first.erase(first.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                    first.begin() + static_cast<std::ptrdiff_t>(ei));
    } else {
        first.erase(first.begin() + static_cast<std::ptrdiff_t>(i) + 1, first.end());
        if (eb < m_blocks.size()) {
            Block& last = m_blocks[eb];
            last.erase(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(ei));
        }
        m_blocks.erase(m_blocks.begin() + static_cast<std::ptrdiff_t>(b) + 1,
                       m_blocks.begin() + static_cast<std::ptrdiff_t>(eb));
        if (b + 1 < m_blocks.size() && m_blocks[b + 1].empty())
            m_blocks.erase(m_blocks.begin() + static_cast<std::ptrdiff_t>(b) + 1);
    }
    m_count -= merged - 1;
}

void RangeSet::truncate(std::uint64_t size) {
    auto [b, i] = firstEnding(size, true);
    if (b == m_blocks.size()) return;
    Block& blk = m_blocks[b];
    if (blk[i].start < size) blk[i++].end = size;
    blk.erase(blk.begin() + static_cast<std::ptrdiff_t>(i), blk.end());
    m_blocks.erase(m_blocks.begin() + static_cast<std::ptrdiff_t>(b) + (blk.empty() ? 0 : 1),
                   m_blocks.end());
    m_count = 0;
    for (const Block& k : m_blocks) m_count += k.size();
}

bool RangeSet::contains(std::uint64_t offset) const {
    const auto [b, i] = firstEnding(offset, true);
    return b < m_blocks.size() && m_blocks[b][i].start <= offset;
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> RangeSet::overlapping(
    std::uint64_t start, std::uint64_t end) const {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
    if (start >= end) return out;
    auto [b, i] = firstEnding(start, true);
    for (; b < m_blocks.size(); ++b, i = 0) {
        for (; i < m_blocks[b].size(); ++i) {
            const Range& r = m_blocks[b][i];
            if (r.start >= end) return out;
            out.emplace_back(std::max(r.start, start), std::min(r.end, end));
        }
    }
    return out;
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> RangeSet::ranges() const {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
    out.reserve(m_count);
    for (const Block& b : m_blocks)
        for (const Range& r : b) out.emplace_back(r.start, r.end);
    return out;
}

std::size_t RangeSet::memoryUsage() const {
    // A heap block costs its capacity plus ~16 bytes of allocator bookkeeping.
    std::size_t bytes = m_blocks.capacity() * sizeof(Block);
    for (const Block& b : m_blocks) bytes += b.capacity() * sizeof(Range) + 16;
    return bytes;
}

} // namespace hexmap
