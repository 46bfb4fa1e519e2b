// SPDX-License-Identifier: MIT
// What a regular expression's text says about its matches, read conservatively, so that the
// searcher can take a faster road where that is safe:
//   - a pattern that is only an alternation of literals ("ERROR|WARN") is searched without
//     the regex engine at all, with PCRE2's own leftmost-first semantics;
//   - the literal bytes every match must start with ("took=", or one per alternative) feed a
//     vectorised scan for candidates;
//   - a pattern that can neither match nor look across a newline (and has no \z or \Z) can be
//     run in complete mode on windows that end at a line end, instead of PCRE2's hard
//     partial matching, which costs several times as much.
// Anything the reader does not understand (inline options, backreferences, \Q, POSIX classes,
// recursion...) makes it give up on that property: the general road stays exact.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hexmap {

struct RegexShape {
    // Non-empty when the whole pattern is an alternation of plain literals, in pattern order.
    std::vector<std::string> literals;
    // Non-empty when every match's attempt starts with one of these literals (one per
    // top-level alternative), none of them empty.
    std::vector<std::string> prefixes;
    // Neither matches nor looks at a newline, and has no \z or \Z: a match and everything
    // it depends on lie within one line (plus the newline ending it).
    bool lineLocal = false;
    // Whether a match could start with a zero byte (decides whether holes can be skipped).
    bool mayStartWithZero = true;
    // Whether the pattern may hold \K, which reports a match later than its attempt and so
    // can make an empty match skip past bytes (grep -o resumes one byte after it). Found by
    // a plain scan of the text, so an unusual spelling errs towards true.
    bool resetsStart = true;
    // Whether the pattern may hold \G. PCRE2 reads \G as "at the start offset of this call",
    // but the searcher starts calls wherever its chunks and slices begin; grep -P's \G is
    // true only at a line start and where the previous match ended. Found by a plain scan of
    // the text (skipping \Q...\E), so an unusual spelling errs towards true.
    bool usesG = false;
};

// The pattern with every \G escape replaced by `replacement` (the same plain scan as
// RegexShape::usesG: escapes are skipped in pairs, \Q...\E is left alone).
std::string replaceG(std::string_view pattern, std::string_view replacement);

// Reads `pattern` as PCRE2 would with PCRE2_MULTILINE (case-insensitive: letters fold).
RegexShape analyzeRegex(std::string_view pattern, bool caseInsensitive);

} // namespace hexmap
