// SPDX-License-Identifier: MIT
#include "rule_scanner.h"

#include "byte_source.h"
#include "searcher.h"

namespace hexmap {

namespace {

PatternOptions regexOptions() {
    PatternOptions o;
    o.kind = PatternKind::Regex;
    o.caseInsensitive = true;
    return o;
}

} // namespace

RuleScanner::RuleScanner(const std::vector<std::string>& texts) {
    for (const std::string& t : texts) {
        if (m_rules.size() == 254) break;
        m_rules.push_back({search::LiteralSet(std::vector<std::string>{t}, /*caseInsensitive=*/true), std::nullopt});
    }
}

Result<RuleScanner> RuleScanner::make(const std::vector<RuleSpec>& rules) {
    RuleScanner s;
    for (const RuleSpec& r : rules) {
        if (s.m_rules.size() == 254) break;
        if (!r.regex) {
            s.m_rules.push_back({search::LiteralSet(std::vector<std::string>{r.text}, true), std::nullopt});
            continue;
        }
        auto pattern = Pattern::parse(r.text, regexOptions());
        if (!pattern) return Error{EINVAL, "The rule \"" + r.text + "\": " + pattern.error().message};
        s.m_rules.push_back({std::nullopt, std::move(pattern).value()});
    }
    return s;
}

std::string RuleScanner::check(const std::string& text) {
    auto pattern = Pattern::parse(text, regexOptions());
    return pattern ? std::string() : pattern.error().message;
}

std::uint8_t RuleScanner::best(const std::uint8_t* p, std::size_t n, std::uint8_t limit) const {
    for (std::size_t r = 0; r < m_rules.size() && r + 1 < limit; ++r) {
        const Rule& rule = m_rules[r];
        if (rule.literal) {
            const search::LiteralSet& set = *rule.literal;
            if (!set.usable() || set.maxLength() > n) continue;
            std::size_t at = 0, which = 0;
            if (set.next(p, n, 0, n, at, which)) return static_cast<std::uint8_t>(r + 1);
        } else if (n > 0) {
            const MemorySource source(p, n);
            auto found = findNext(source, *rule.regex, 0); // the first match is enough
            if (found && found.value()) return static_cast<std::uint8_t>(r + 1);
        }
    }
    return 0;
}

} // namespace hexmap
