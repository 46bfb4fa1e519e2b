// SPDX-License-Identifier: MIT
// RuleScanner: which colour rule a stretch of a log holds, for the overview strip and the
// Lines view's tint: the first rule in rule order (the most important: ERROR before INFO)
// that occurs in it, compared without ASCII case. A text rule uses the search's literal
// matchers (a vectorised filter on the text's rarest byte pair), so a scan runs at about
// memory speed per rule; a regex rule (PCRE2, as the search reads it) asks the search for a
// match in the stretch, so it costs what a regex search of those bytes costs.
#pragma once

#include "literal_matcher.h"
#include "pattern.h"
#include "result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hexmap {

struct RuleSpec {
    std::string text;
    bool regex = false;
};

class RuleScanner {
public:
    // Rules in priority order; at most 254 (rule ids are bytes). A regex that does not
    // parse fails the whole set, naming the rule (check() first, where a user types it).
    static Result<RuleScanner> make(const std::vector<RuleSpec>& rules);
    // Text rules only (they always parse).
    explicit RuleScanner(const std::vector<std::string>& texts);
    // Why `text` cannot be a regex rule ("" when it can).
    static std::string check(const std::string& text);

    std::size_t rules() const { return m_rules.size(); }
    // 1 + the index of the first rule that occurs in [p, p+n), looking only at rules whose
    // id is below `limit` (the best already found elsewhere); 0 when none does. A regex
    // whose match could run past the stretch (or hits the engine's limits) counts as absent.
    std::uint8_t best(const std::uint8_t* p, std::size_t n, std::uint8_t limit = 255) const;

private:
    RuleScanner() = default;
    struct Rule {
        std::optional<search::LiteralSet> literal;
        std::optional<Pattern> regex;
    };
    std::vector<Rule> m_rules;
};

} // namespace hexmap
