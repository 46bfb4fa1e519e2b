// SPDX-License-Identifier: MIT
// DiffRanges: the differing ranges of a comparison, as they stream in (in offset order), for
// the panes' tint, F7 / Shift+F7 and the status line. Memory follows the ranges kept: past
// kMaxRanges a new range joins the last one (the tint then covers the equal bytes between
// them too, and coarse() says so), so two wholly different files cost a bounded list.
// A comparison that resynchronises gives each side its own DiffRanges: the bytes of this
// file that are not in the other, and the gaps where the other has bytes this one has not.
#pragma once

#include "byte_compare.h"
#include "highlight.h"

#include <optional>
#include <vector>

namespace hexmap {

class DiffRanges final : public HighlightSource {
public:
    static constexpr std::size_t kMaxRanges = 1'000'000;

    void clear();
    // Ranges after every one added so far (in offset order), as compareSources gives them.
    void add(const DiffRange* ranges, std::size_t count);
    // The longer file's tail [from, to): a difference as a whole.
    void setTail(std::uint64_t from, std::uint64_t to) { m_tailFrom = from, m_tailTo = to; }
    // Where the other file has bytes this one has not (an insertion there, found by
    // resynchronising), in offset order; `size` is this file's (a gap there is drawn after
    // its last byte). Shown as a bar between two bytes.
    void addGap(std::uint64_t offset, std::uint64_t size);
    const std::vector<std::uint64_t>& gaps() const { return m_gaps; }

    std::size_t rangeCount() const { return m_ranges.size(); }
    std::uint64_t differingBytes() const { return m_bytes; }
    bool coarse() const { return m_coarse; }
    const std::vector<DiffRange>& ranges() const { return m_ranges; }
    // The first range that starts after `offset`, or the tail; the last that starts before.
    std::optional<std::uint64_t> next(std::uint64_t offset) const;
    std::optional<std::uint64_t> previous(std::uint64_t offset) const;

    void collect(std::uint64_t first, std::uint64_t end, const GridColors& colors,
                 std::vector<Highlight>& out) const override;

private:
    std::vector<DiffRange> m_ranges;
    std::vector<std::uint64_t> m_gaps;
    std::uint64_t m_gapFileSize = 0;
    std::uint64_t m_bytes = 0;
    std::uint64_t m_tailFrom = 0, m_tailTo = 0;
    bool m_coarse = false;
};

} // namespace hexmap
