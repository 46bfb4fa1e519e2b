// SPDX-License-Identifier: MIT
#include "structure_tint.h"

#include <algorithm>

namespace hexmap {

void StructureTint::setSpans(std::vector<std::pair<std::uint64_t, std::uint64_t>> spans) {
    m_spans.clear();
    std::sort(spans.begin(), spans.end());
    for (const auto& [offset, size] : spans) {
        if (size == 0 || offset + size < offset) continue;
        if (!m_spans.empty() && offset < m_spans.back().second) continue; // overlaps the one before
        m_spans.emplace_back(offset, offset + size);
    }
}

void StructureTint::collect(std::uint64_t first, std::uint64_t end, const GridColors& colors,
                            std::vector<Highlight>& out) const {
    auto it = std::upper_bound(m_spans.begin(), m_spans.end(), first,
                               [](std::uint64_t v, const std::pair<std::uint64_t, std::uint64_t>& s) { return v < s.second; });
    for (; it != m_spans.end() && it->first < end; ++it) {
        const bool alt = (it - m_spans.begin()) % 2 == 1;
        out.push_back({it->first, it->second, alt ? colors.structureAlt : colors.structure});
    }
}

} // namespace hexmap
