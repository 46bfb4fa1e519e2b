// SPDX-License-Identifier: MIT
// The regex matcher: PCRE2 (JIT) on the raw bytes of a window, with three roads chosen from
// the pattern's shape (regex_shape.h), all exact:
//   - prefixes: a vectorised scan finds where one of the literal prefixes every match must
//     start with occurs, and the pattern compiled anchored is tried there only;
//   - line-local patterns run in complete mode on a subject cut at a line end (no match can
//     need a byte past it);
//   - anything else runs with PCRE2_PARTIAL_HARD at window ends, and the scanner widens the
//     window when a match may continue past it.
// Internal to core/search.
#pragma once

#include "literal_matcher.h"
#include "matcher.h"
#include "pattern.h"

#include <memory>
#include <optional>

struct pcre2_real_code_8;
struct pcre2_real_match_data_8;
struct pcre2_real_match_context_8;
struct pcre2_real_jit_stack_8;

namespace hexmap::search {

class RegexMatcher final : public Matcher {
public:
    RegexMatcher(const Pattern& p, std::uint32_t matchLimit);
    ~RegexMatcher() override;
    RegexMatcher(const RegexMatcher&) = delete;
    RegexMatcher& operator=(const RegexMatcher&) = delete;

    Outcome find(const Window& w, std::size_t pos, std::size_t ownedEnd, std::size_t& start,
                 std::size_t& length) override;
    // Lookbehind, and one byte more: \A (which PCRE2_NOTBOL does not affect) must never
    // find the subject's start where a lookbehind can reach, except at the file's start.
    std::size_t contextBefore() const override { return m_lookbehind + 1; }
    std::size_t initialOverlap() const override { return 4096; }
    bool canStartAtZero() const override { return m_zeroStart; }

private:
    Outcome findWithPrefixes(const Window& w, std::size_t pos, std::size_t ownedEnd,
                             std::size_t& start, std::size_t& length);
    Outcome findScanning(const Window& w, std::size_t pos, std::size_t ownedEnd,
                         std::size_t& start, std::size_t& length);
    Outcome findResettingStart(const Window& w, std::size_t subjectLength, std::uint32_t flags,
                               std::size_t pos, std::size_t ownedEnd, std::size_t& start,
                               std::size_t& length);
    // One pcre2 call of `code` at pos on subject[0, subjectLength): Found (a match whose
    // attempt starts before ownedEnd, in the ovector), None, NeedMore (a partial match
    // starting before ownedEnd) or Failed (error set).
    Outcome run(const pcre2_real_code_8* code, const Window& w, std::size_t subjectLength,
                std::size_t pos, std::uint32_t flags, std::size_t ownedEnd,
                std::size_t lastStart = ~std::size_t(0)); // last start tried (PCRE2's offset limit)
    // run() of the unanchored program from pos, in slices of starts (see the .cpp).
    Outcome runSliced(const Window& w, std::size_t subjectLength, std::size_t pos,
                      std::uint32_t flags, std::size_t ownedEnd);

    // Where the line holding window index `from` ends: the index just past its newline, or
    // 0 when the window holds no newline from `from` on. Remembers the last answer, so the
    // candidates of one long line cost one memchr, not one each (which was quadratic).
    std::size_t lineEndAfter(const Window& w, std::size_t from);

    const pcre2_real_code_8* m_code;
    const pcre2_real_code_8* m_anchored;
    // \G patterns (see Pattern::regexCodeNoG): the program for calls that do not start where
    // the previous match ended, and that place (an absolute offset; kAnyStart until the
    // first call, whose start is the search's start and so counts).
    const pcre2_real_code_8* m_codeNoG = nullptr;
    static constexpr std::uint64_t kAnyStart = ~0ull;
    std::uint64_t m_legitAt = kAnyStart;
    // lineEndAfter's memory: for window data/base, every index in [m_nlFrom, m_nlAt] has
    // its line end at m_nlAt (+1), or no newline when m_nlAt == w.size.
    const std::uint8_t* m_nlData = nullptr;
    std::size_t m_nlSize = 0, m_nlFrom = 0, m_nlAt = 0;
    std::uint64_t m_nlBase = 0;
    std::size_t m_lookbehind;
    bool m_canBeEmpty = true;
    bool m_lineLocal = false;
    bool m_resetsStart = true;
    // Starts one unanchored call may try (runSliced): small at first, so that a pathological
    // pattern cannot take long before the first measurement.
    std::size_t m_slice = 4;
    bool m_zeroStart = true;
    std::optional<LiteralSet> m_prefixes;
    pcre2_real_match_data_8* m_data = nullptr;
    pcre2_real_match_context_8* m_context = nullptr;
    pcre2_real_jit_stack_8* m_stack = nullptr;
};

// The matcher for a pattern: literal, literal set, or regex.
std::unique_ptr<Matcher> makeMatcher(const Pattern& pattern, std::uint32_t regexMatchLimit);

} // namespace hexmap::search
