// SPDX-License-Identifier: MIT
// RangeSet: the set of modified bytes, as disjoint sorted ranges.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace hexmap {

// Disjoint, non-adjacent half-open ranges [start, end) of modified bytes, merged on
// insert. Used to colour modified bytes and to decide what a save must write.
class RangeSet {
public:
    void add(std::uint64_t start, std::uint64_t end);
    void clear() {
        m_blocks.clear();
        m_count = 0;
    }
    // Drops everything at or past `size` (after a shrink).
    void truncate(std::uint64_t size);
    bool empty() const { return m_count == 0; }
    bool contains(std::uint64_t offset) const;
    std::size_t count() const { return m_count; }
    // Ranges that intersect [start, end), in order, clipped to it. For painting.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> overlapping(std::uint64_t start,
                                                                     std::uint64_t end) const;
    // Every range, in order (a copy: O(count)). For saving and tests.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges() const;
    std::size_t memoryUsage() const; // estimate, bytes

private:
    struct Range {
        std::uint64_t start;
        std::uint64_t end;
    };
    // The ranges in order, cut into blocks of at most kBlock, so an insert moves at most
    // one block's worth (8 KiB) and a range costs ~16-24 bytes: a std::map node costs ~64
    // with the allocator's overhead, which a million scattered edits would feel.
    static constexpr std::size_t kBlock = 512;
    using Block = std::vector<Range>;
    // (block, index) of the first range whose end is >= offset (touching, for merging)
    // or > offset (strict, for lookups); (m_blocks.size(), 0) when there is none.
    std::pair<std::size_t, std::size_t> firstEnding(std::uint64_t offset, bool strict) const;
    void splitIfFull(std::size_t block);

    std::vector<Block> m_blocks; // each non-empty
    std::size_t m_count = 0;
};

} // namespace hexmap
