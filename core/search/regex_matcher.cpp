// SPDX-License-Identifier: MIT
#include "regex_matcher.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <cstring>
#include <string>

namespace hexmap::search {

namespace {
const PCRE2_SPTR kEmpty = reinterpret_cast<PCRE2_SPTR>("");

// The window's bytes as a PCRE2 subject (a non-null pointer even when empty).
PCRE2_SPTR subjectOf(const Window& w) { return w.data ? w.data : kEmpty; }
} // namespace

std::unique_ptr<Matcher> makeMatcher(const Pattern& pattern, std::uint32_t regexMatchLimit) {
    if (!pattern.isRegex()) return std::make_unique<LiteralMatcher>(pattern);
    if (!pattern.shape().literals.empty()) {
        // An alternation of literals: PCRE2's own semantics without PCRE2.
        LiteralSet set(pattern.shape().literals, pattern.caseInsensitive());
        if (set.usable()) return std::make_unique<LiteralSetMatcher>(std::move(set));
    }
    return std::make_unique<RegexMatcher>(pattern, regexMatchLimit);
}

RegexMatcher::RegexMatcher(const Pattern& p, std::uint32_t matchLimit)
    : m_code(reinterpret_cast<const pcre2_code*>(p.regexCode())),
      m_anchored(reinterpret_cast<const pcre2_code*>(p.anchoredCode())),
      m_lookbehind(p.lookbehind()) {
    m_codeNoG = reinterpret_cast<const pcre2_code*>(p.regexCodeNoG());
    m_data = pcre2_match_data_create_from_pattern(m_code, nullptr);
    std::uint32_t minLength = 0;
    pcre2_pattern_info(m_code, PCRE2_INFO_MINLENGTH, &minLength);
    m_canBeEmpty = minLength == 0;
    const RegexShape& shape = p.shape();
    m_lineLocal = shape.lineLocal;
    m_resetsStart = shape.resetsStart;
    if (m_anchored && !shape.prefixes.empty()) {
        LiteralSet set(shape.prefixes, p.caseInsensitive());
        if (set.usable()) {
            m_prefixes.emplace(std::move(set));
            m_zeroStart = shape.mayStartWithZero;
        }
    }
    m_context = pcre2_match_context_create(nullptr);
    // Match limit: JIT and interpreter both count backtracking steps. 10 million (PCRE2's
    // default) takes about 25 ms with the JIT here, so a cancel between two attempts is
    // seen within that; depth and heap bound the interpreter's memory.
    pcre2_set_match_limit(m_context, matchLimit ? matchLimit : 10'000'000);
    pcre2_set_depth_limit(m_context, 1'000'000);
    pcre2_set_heap_limit(m_context, 256 * 1024); // KiB
    m_stack = pcre2_jit_stack_create(32 * 1024, 8 * 1024 * 1024, nullptr);
    if (m_stack) pcre2_jit_stack_assign(m_context, nullptr, m_stack);
}

RegexMatcher::~RegexMatcher() {
    pcre2_match_data_free(m_data);
    pcre2_match_context_free(m_context);
    if (m_stack) pcre2_jit_stack_free(m_stack);
}

Outcome RegexMatcher::find(const Window& w, std::size_t pos, std::size_t ownedEnd,
                           std::size_t& start, std::size_t& length) {
    skipTo = 0;
    if (m_codeNoG && m_legitAt == kAnyStart) m_legitAt = w.base + pos; // the search's start
    const Outcome o = m_prefixes ? findWithPrefixes(w, pos, ownedEnd, start, length)
                                 : findScanning(w, pos, ownedEnd, start, length);
    // grep -P's \G holds where the previous match ended (the scan resumes there).
    if (o == Outcome::Found && m_codeNoG) m_legitAt = w.base + start + length;
    return o;
}

std::size_t RegexMatcher::lineEndAfter(const Window& w, std::size_t from) {
    if (w.data != m_nlData || w.size != m_nlSize || w.base != m_nlBase || from < m_nlFrom ||
        from > m_nlAt) {
        const void* nl = from < w.size ? std::memchr(w.data + from, '\n', w.size - from) : nullptr;
        m_nlData = w.data;
        m_nlSize = w.size;
        m_nlBase = w.base;
        m_nlFrom = from;
        m_nlAt = nl ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(nl) - w.data) : w.size;
    }
    return m_nlAt < w.size ? m_nlAt + 1 : 0;
}

Outcome RegexMatcher::findWithPrefixes(const Window& w, std::size_t pos, std::size_t ownedEnd,
                                       std::size_t& start, std::size_t& length) {
    const std::uint32_t base = w.base > 0 ? PCRE2_NOTBOL : 0;
    std::size_t c = 0, which = 0;
    while (pos < ownedEnd) {
        if (stopped()) {
            error = Error{ECANCELED, "The search was cancelled."};
            return Outcome::Failed;
        }
        // The next place a match can start: one of the prefixes is there.
        if (!m_prefixes->next(w.data, w.size, pos, ownedEnd, c, which)) return Outcome::None;
        std::size_t subjectLength = w.size;
        std::uint32_t flags = base;
        // Everything a line-local match needs lies on c's line: cut the subject after its
        // newline and match in complete mode. A line that runs past the window is matched
        // like any other pattern (hard partial), which asks for more bytes only when a match
        // reaches the window's end; asking for more at every long line made data without
        // newlines quadratic.
        const std::size_t lineEnd = m_lineLocal ? lineEndAfter(w, c) : 0;
        if (lineEnd) {
            subjectLength = lineEnd;
        } else {
            if (!w.atEof) flags |= PCRE2_NOTEOL;
            if (!w.final) flags |= PCRE2_PARTIAL_HARD;
        }
        const Outcome o = run(m_anchored, w, subjectLength, c, flags, ownedEnd);
        if (o == Outcome::NeedMore || o == Outcome::Failed) return o;
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(m_data);
        if (o == Outcome::None) {
            pos = c + 1;
            continue;
        }
        if (ov[1] <= ov[0]) {
            // An empty match (\K): grep -o resumes one byte after where it is reported.
            pos = std::max<std::size_t>(c, ov[0]) + 1;
            if (pos > ownedEnd) skipTo = pos;
            continue;
        }
        start = ov[0];
        length = ov[1] - ov[0];
        attempt = c;
        return Outcome::Found;
    }
    return Outcome::None;
}

Outcome RegexMatcher::findScanning(const Window& w, std::size_t pos, std::size_t ownedEnd,
                                   std::size_t& start, std::size_t& length) {
    std::uint32_t flags = w.base > 0 ? PCRE2_NOTBOL : 0;
    std::size_t subjectLength = w.size;
    // Complete mode on a subject that ends after the newline ending the line of the last
    // owned byte: no match starting before ownedEnd needs a byte past it. Without a newline
    // in the window, hard partial matching as for any pattern (see findWithPrefixes).
    const std::size_t lineEnd = m_lineLocal && pos < ownedEnd ? lineEndAfter(w, ownedEnd - 1) : 0;
    if (lineEnd) {
        subjectLength = lineEnd;
    } else {
        if (!w.atEof) flags |= PCRE2_NOTEOL;
        if (!w.final) flags |= PCRE2_PARTIAL_HARD;
    }
    if (m_resetsStart) return findResettingStart(w, subjectLength, flags, pos, ownedEnd, start, length);
    while (pos < ownedEnd) {
        // A slow pattern is stopped between attempts, not only between chunks.
        if (stopped()) {
            error = Error{ECANCELED, "The search was cancelled."};
            return Outcome::Failed;
        }
        // A pattern that can match the empty string would cost one call per byte where
        // its preferred match is empty (`a*` on text without a's). So first find the
        // leftmost start with a non-empty match (NOTEMPTY, which keeps PCRE2's fast
        // start-of-match scan), then ask for the preferred match at that start: grep -o
        // skips a start whose preferred match is empty, even if a longer one exists.
        const Outcome o = runSliced(w, subjectLength, pos, flags | (m_canBeEmpty ? PCRE2_NOTEMPTY : 0),
                                    ownedEnd);
        if (o != Outcome::Found) return o;
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(m_data);
        if (!m_canBeEmpty && ov[1] <= ov[0]) {
            // An empty match from a pattern whose minimum length said it could not have
            // one (a lookahead, or \K): from now on take the careful path.
            m_canBeEmpty = true;
            continue;
        }
        const std::size_t q = pcre2_get_startchar(m_data);
        if (m_canBeEmpty) {
            const Outcome preferred = run(m_code, w, subjectLength, q, flags, ownedEnd, q);
            if (preferred == Outcome::NeedMore || preferred == Outcome::Failed) return preferred;
            if (preferred != Outcome::Found || pcre2_get_startchar(m_data) != q || ov[1] <= ov[0]) {
                pos = q + 1;
                continue;
            }
        }
        start = ov[0];
        length = ov[1] - ov[0];
        attempt = q;
        return Outcome::Found;
    }
    return Outcome::None;
}

// grep -o's own loop, one attempt at a time: with \K an empty match may be reported past
// its attempt, and the scan resumes one byte after that, skipping attempts in between.
// So every preferred match counts, and NOTEMPTY's shortcut cannot be taken.
Outcome RegexMatcher::findResettingStart(const Window& w, std::size_t subjectLength,
                                         std::uint32_t flags, std::size_t pos,
                                         std::size_t ownedEnd, std::size_t& start,
                                         std::size_t& length) {
    while (pos < ownedEnd) {
        if (stopped()) {
            error = Error{ECANCELED, "The search was cancelled."};
            return Outcome::Failed;
        }
        const Outcome o = runSliced(w, subjectLength, pos, flags, ownedEnd);
        if (o != Outcome::Found) return o;
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(m_data);
        const std::size_t q = pcre2_get_startchar(m_data);
        if (ov[1] <= ov[0]) {
            pos = std::max<std::size_t>(q, ov[0]) + 1;
            if (pos > ownedEnd) skipTo = pos;
            continue;
        }
        start = ov[0];
        length = ov[1] - ov[0];
        attempt = q;
        return Outcome::Found;
    }
    return Outcome::None;
}

// One unanchored call tries every start from pos on, and a pathological pattern can spend
// ~25 ms on each (PCRE2's match limit counts per start): a call over a whole chunk could
// then run for minutes with no chance to see a cancel. So each call may only start matches
// within a slice (PCRE2's offset limit), and the slice adapts: it shrinks while calls are
// slow and grows back (to 64 KiB, where the per-call cost vanishes) while they are fast.
Outcome RegexMatcher::runSliced(const Window& w, std::size_t subjectLength, std::size_t pos,
                                std::uint32_t flags, std::size_t ownedEnd) {
    constexpr std::size_t kMaxSlice = 64 * 1024;
    for (;;) {
        const std::size_t limit = ownedEnd - pos > m_slice ? pos + m_slice : ownedEnd;
        timespec t0{}, t1{};
        clock_gettime(CLOCK_MONOTONIC, &t0);
        const Outcome o = run(m_code, w, subjectLength, pos, flags, ownedEnd, limit - 1);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        const std::int64_t ns = (t1.tv_sec - t0.tv_sec) * 1'000'000'000LL + (t1.tv_nsec - t0.tv_nsec);
        if (ns > 4'000'000) {
            m_slice = std::max<std::size_t>(1, m_slice / 8);
        } else if (ns < 500'000 && m_slice < kMaxSlice) {
            m_slice *= 2;
        }
        if (o != Outcome::None || limit >= ownedEnd) return o;
        pos = limit;
        if (stopped()) {
            error = Error{ECANCELED, "The search was cancelled."};
            return Outcome::Failed;
        }
    }
}

Outcome RegexMatcher::run(const pcre2_code* code, const Window& w, std::size_t subjectLength,
                          std::size_t pos, std::uint32_t flags, std::size_t ownedEnd,
                          std::size_t lastStart) {
    const PCRE2_SPTR subject = subjectOf(w);
    // A \G pattern: \G is this call's start only where the previous match ended.
    if (m_codeNoG && code == m_code && w.base + pos != m_legitAt) code = m_codeNoG;
    // Only the unanchored programs are compiled to accept an offset limit.
    pcre2_set_offset_limit(m_context, code != m_anchored ? lastStart : PCRE2_UNSET);
    // pcre2_jit_match skips pcre2_match's argument checks and dispatch: measurable when a
    // log has millions of matches, one call each. Without JIT code (compilation failed,
    // or not for this mode) pcre2_match interprets.
    int rc = pcre2_jit_match(code, subject, subjectLength, pos, flags, m_data, m_context);
    if (rc == PCRE2_ERROR_JIT_BADOPTION || rc == PCRE2_ERROR_JIT_STACKLIMIT)
        rc = pcre2_match(code, subject, subjectLength, pos, flags, m_data, m_context);
    if (rc == PCRE2_ERROR_NOMATCH) return Outcome::None;
    if (rc == PCRE2_ERROR_PARTIAL)
        return pcre2_get_startchar(m_data) >= ownedEnd ? Outcome::None : Outcome::NeedMore;
    if (rc < 0) {
        PCRE2_UCHAR buf[256];
        pcre2_get_error_message(rc, buf, sizeof buf);
        error = Error{0, "The regular expression could not be matched at offset " +
                             std::to_string(w.base + pos) + ": " +
                             reinterpret_cast<const char*>(buf) +
                             ". Simplify the pattern (nested repeats can take exponential time)."};
        return Outcome::Failed;
    }
    // Owned by the chunk where the attempt started (differs from ov[0] with \K).
    return pcre2_get_startchar(m_data) >= ownedEnd ? Outcome::None : Outcome::Found;
}

} // namespace hexmap::search
