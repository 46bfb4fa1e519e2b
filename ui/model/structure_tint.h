// SPDX-License-Identifier: MIT
// StructureTint: the top-level fields of the Structure dock's tree, tinted in the grid in two
// alternating colours so that where one field ends and the next begins shows at a glance.
// The spans are sorted and do not overlap; collect() finds the visible ones by binary
// search, so a frame costs what is on screen.
#pragma once

#include "highlight.h"

#include <utility>
#include <vector>

namespace hexmap {

class StructureTint final : public HighlightSource {
public:
    // [offset, offset + size) per field, in any order; overlapping ones are dropped.
    void setSpans(std::vector<std::pair<std::uint64_t, std::uint64_t>> spans);
    void clear() { m_spans.clear(); }
    std::size_t size() const { return m_spans.size(); }

    void collect(std::uint64_t first, std::uint64_t end, const GridColors& colors,
                 std::vector<Highlight>& out) const override;

private:
    std::vector<std::pair<std::uint64_t, std::uint64_t>> m_spans; // [start, end), sorted
};

} // namespace hexmap
