// SPDX-License-Identifier: MIT
// RuleScanner: which colour rule a stretch of a log holds, for the overview strip: the
// first rule in rule order (the most important: ERROR before INFO) whose text occurs in it,
// compared without ASCII case, as LineRules tints a line. Uses the search's literal
// matchers (a vectorised filter on the text's rarest byte pair), so a scan runs at about
// memory speed per rule.
#pragma once

#include "literal_matcher.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hexmap {

class RuleScanner {
public:
    // Rule texts in priority order; at most 255 (rule ids are bytes).
    explicit RuleScanner(const std::vector<std::string>& texts);
    std::size_t rules() const { return m_sets.size(); }
    // 1 + the index of the first rule that occurs in [p, p+n), looking only at rules whose
    // id is below `limit` (the best already found elsewhere); 0 when none does.
    std::uint8_t best(const std::uint8_t* p, std::size_t n, std::uint8_t limit = 255) const;

private:
    std::vector<search::LiteralSet> m_sets; // one literal each
};

} // namespace hexmap
