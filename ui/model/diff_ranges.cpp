// SPDX-License-Identifier: MIT
#include "diff_ranges.h"

#include <algorithm>

namespace hexmap {

void DiffRanges::clear() {
    m_ranges.clear();
    m_bytes = 0;
    m_tailFrom = m_tailTo = 0;
    m_coarse = false;
    m_gaps.clear();
}

void DiffRanges::addGap(std::uint64_t offset, std::uint64_t size) {
    m_gapFileSize = size;
    if (m_gaps.size() < kMaxRanges) m_gaps.push_back(offset);
    else m_coarse = true;
}

void DiffRanges::add(const DiffRange* ranges, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        m_bytes += ranges[i].length;
        if (m_ranges.size() >= kMaxRanges) {
            DiffRange& last = m_ranges.back();
            last.length = ranges[i].offset + ranges[i].length - last.offset;
            m_coarse = true;
        } else {
            m_ranges.push_back(ranges[i]);
        }
    }
}

std::optional<std::uint64_t> DiffRanges::next(std::uint64_t offset) const {
    const auto it = std::upper_bound(m_ranges.begin(), m_ranges.end(), offset,
                                     [](std::uint64_t o, const DiffRange& r) { return o < r.offset; });
    if (it != m_ranges.end()) return it->offset;
    if (m_tailTo > m_tailFrom && m_tailFrom > offset) return m_tailFrom;
    return std::nullopt;
}

std::optional<std::uint64_t> DiffRanges::previous(std::uint64_t offset) const {
    if (m_tailTo > m_tailFrom && m_tailFrom < offset &&
        (m_ranges.empty() || m_ranges.back().offset < m_tailFrom))
        return m_tailFrom;
    const auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), offset,
                                     [](const DiffRange& r, std::uint64_t o) { return r.offset < o; });
    if (it == m_ranges.begin()) return std::nullopt;
    return std::prev(it)->offset;
}

void DiffRanges::collect(std::uint64_t first, std::uint64_t end, const GridColors& colors,
                         std::vector<Highlight>& out) const {
    // The first range that ends after `first`: ranges are sorted and disjoint.
    auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), first,
                               [](const DiffRange& r, std::uint64_t o) { return r.offset + r.length <= o; });
    for (; it != m_ranges.end() && it->offset < end; ++it)
        out.push_back({it->offset, it->offset + it->length, colors.difference});
    if (m_tailTo > m_tailFrom && m_tailFrom < end && m_tailTo > first)
        out.push_back({m_tailFrom, m_tailTo, colors.difference});
    // Gaps: a bar before byte g, or after the last byte when g is the end of the file.
    for (auto g = std::lower_bound(m_gaps.begin(), m_gaps.end(), first); g != m_gaps.end() && *g <= end; ++g) {
        if (*g < m_gapFileSize) out.push_back({*g, *g + 1, colors.text, Highlight::Mark::GapBefore});
        else if (*g > 0) out.push_back({*g - 1, *g, colors.text, Highlight::Mark::GapAfter});
    }
}

} // namespace hexmap
