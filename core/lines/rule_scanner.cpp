// SPDX-License-Identifier: MIT
#include "rule_scanner.h"

namespace hexmap {

RuleScanner::RuleScanner(const std::vector<std::string>& texts) {
    for (const std::string& t : texts) {
        if (m_sets.size() == 254) break;
        m_sets.emplace_back(std::vector<std::string>{t}, /*caseInsensitive=*/true);
    }
}

std::uint8_t RuleScanner::best(const std::uint8_t* p, std::size_t n, std::uint8_t limit) const {
    for (std::size_t r = 0; r < m_sets.size() && r + 1 < limit; ++r) {
        const search::LiteralSet& set = m_sets[r];
        if (!set.usable() || set.maxLength() > n) continue;
        std::size_t at = 0, which = 0;
        if (set.next(p, n, 0, n, at, which)) return static_cast<std::uint8_t>(r + 1);
    }
    return 0;
}

} // namespace hexmap
