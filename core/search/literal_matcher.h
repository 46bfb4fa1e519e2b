// SPDX-License-Identifier: MIT
// Literal matching: hex and text patterns (one fixed-length byte string with a per-byte
// mask) and sets of literals (a regex that is only an alternation of literals, or the
// literal prefixes a regex's matches start with). Both find candidates with a vectorised
// two-byte filter on the rarest bytes and then compare in full. Internal to core/search.
#pragma once

#include "matcher.h"
#include "pattern.h"

#include <string>
#include <vector>

namespace hexmap::search {

// How common a byte is in typical files (text, logs, binaries); higher is more common.
int commonness(std::uint8_t b);

// Two-byte candidate filter: the first s in [p, end) with (s[i1] & m1) == b1 and
// (s[i2] & m2) == b2, or nullptr. Testing two pattern bytes at once, 32 (or 16) positions
// per step, leaves almost only true matches to verify, where memchr on one byte stops at
// every occurrence of that byte (in a log, "E" of "ERROR" also stops at every "DEBUG").
// The caller guarantees that s + i2 is readable for every s < end.
struct PairFilter {
    std::size_t i1 = 0, i2 = 0;
    std::uint8_t b1 = 0, m1 = 0xFF, b2 = 0, m2 = 0xFF;
    const std::uint8_t* next(const std::uint8_t* p, const std::uint8_t* end) const;
};

// Picks, for a byte string with a per-byte mask, the pair of its bytes least likely to
// occur (the filter above). mask may be empty (every byte exact).
PairFilter rarestPair(const std::vector<std::uint8_t>& bytes, const std::vector<std::uint8_t>& mask);

// Hex and text patterns.
class LiteralMatcher final : public Matcher {
public:
    explicit LiteralMatcher(const Pattern& p);
    Outcome find(const Window& w, std::size_t pos, std::size_t ownedEnd, std::size_t& start,
                 std::size_t& length) override;
    std::size_t contextBefore() const override { return 0; }
    std::size_t initialOverlap() const override { return m_bytes.size() - 1; }
    bool canStartAtZero() const override { return (0 & maskAt(0)) == m_bytes[0]; }

private:
    std::uint8_t maskAt(std::size_t i) const { return m_exact ? 0xFF : m_mask[i]; }
    bool verify(const std::uint8_t* s) const;

    std::vector<std::uint8_t> m_bytes;
    std::vector<std::uint8_t> m_mask;
    bool m_exact = true;
    int m_mode = 0; // 0: every position, 1: memchr, 2: memchr for both cases, 3: pair filter
    PairFilter m_pair;
    std::size_t m_anchor = 0;
    std::uint8_t m_a1 = 0, m_a2 = 0;
};

// Up to kMaxLiterals literals, each non-empty, with ASCII letters folded when asked. At
// each position the literals are tried in their order, and positions leftmost first: the
// semantics of a PCRE2 alternation of literals.
class LiteralSet {
public:
    static constexpr std::size_t kMaxLiterals = 8;
    LiteralSet(const std::vector<std::string>& literals, bool caseInsensitive);
    bool usable() const { return !m_lits.empty(); }
    std::size_t maxLength() const { return m_maxLength; }
    bool canStartAtZero() const { return m_zeroStart; }
    // The first position in [from, ownedEnd) where a literal matches entirely inside
    // [0, size): its position and which literal (the first in order). False when none.
    bool next(const std::uint8_t* data, std::size_t size, std::size_t from, std::size_t ownedEnd,
              std::size_t& at, std::size_t& which) const;
    std::size_t lengthOf(std::size_t which) const { return m_lits[which].bytes.size(); }

private:
    struct Lit {
        std::vector<std::uint8_t> bytes; // masked
        std::vector<std::uint8_t> mask;
        PairFilter pair;
    };
    bool matchesAt(const Lit& l, const std::uint8_t* p) const;

    std::vector<Lit> m_lits;
    std::size_t m_maxLength = 0;
    std::size_t m_maxReach = 0; // the largest i2 of any pair
    bool m_zeroStart = false;
};

// The matcher for a regex that is only an alternation of literals: no regex engine.
class LiteralSetMatcher final : public Matcher {
public:
    explicit LiteralSetMatcher(LiteralSet set) : m_set(std::move(set)) {}
    Outcome find(const Window& w, std::size_t pos, std::size_t ownedEnd, std::size_t& start,
                 std::size_t& length) override;
    std::size_t contextBefore() const override { return 0; }
    std::size_t initialOverlap() const override { return m_set.maxLength() - 1; }
    bool canStartAtZero() const override { return m_set.canStartAtZero(); }

private:
    LiteralSet m_set;
};

} // namespace hexmap::search
