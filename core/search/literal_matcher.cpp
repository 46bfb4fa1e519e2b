// SPDX-License-Identifier: MIT
#include "literal_matcher.h"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace hexmap::search {

// How common a byte is in typical files (text, logs, binaries); higher is more common. The
// literal matchers filter on the least common bytes of the pattern, so fewer false
// candidates interrupt the vectorised scan.
int commonness(std::uint8_t b) {
    if (b == ' ' || b == 0) return 250;
    if (b == 0xFF) return 200;
    if (std::strchr("etaoinsrhl", b) && b != 0) return 220;
    if (b >= 'a' && b <= 'z') return 180;
    if (b >= '0' && b <= '9') return 170;
    if (b == '\n' || b == '\t' || (b && std::strchr(".,:-/_=\"'()[]", b))) return 150;
    if (b && std::strchr("EATIONSR", b)) return 130;
    if (b >= 'A' && b <= 'Z') return 110;
    if (b >= 0x20 && b < 0x7F) return 100;
    if (b == 0x01 || b == 0x80 || b == 0xFE || b == 0x7F) return 90;
    return 60;
}

namespace {

const std::uint8_t* pairScalar(const PairFilter& f, const std::uint8_t* p, const std::uint8_t* end) {
    for (; p < end; ++p)
        if ((p[f.i1] & f.m1) == f.b1 && (p[f.i2] & f.m2) == f.b2) return p;
    return nullptr;
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) const std::uint8_t* pairAvx2(const PairFilter& f, const std::uint8_t* p,
                                                             const std::uint8_t* end) {
    const __m256i vb1 = _mm256_set1_epi8(static_cast<char>(f.b1));
    const __m256i vm1 = _mm256_set1_epi8(static_cast<char>(f.m1));
    const __m256i vb2 = _mm256_set1_epi8(static_cast<char>(f.b2));
    const __m256i vm2 = _mm256_set1_epi8(static_cast<char>(f.m2));
#define HEXMAP_PAIR_AT(q)                                                                          \
    _mm256_and_si256(                                                                              \
        _mm256_cmpeq_epi8(                                                                         \
            _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>((q) + f.i1)), vm1), vb1), \
        _mm256_cmpeq_epi8(                                                                         \
            _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>((q) + f.i2)), vm2), vb2))
    // 64 bytes a round with one test for both halves: the loop's branch and mask extraction
    // were a third of its work where candidates are rare.
    while (end - p >= 64) {
        const __m256i lo = HEXMAP_PAIR_AT(p), hi = HEXMAP_PAIR_AT(p + 32);
        if (!_mm256_testz_si256(_mm256_or_si256(lo, hi), _mm256_or_si256(lo, hi))) {
            if (const auto bits = static_cast<unsigned>(_mm256_movemask_epi8(lo))) return p + __builtin_ctz(bits);
            return p + 32 + __builtin_ctz(static_cast<unsigned>(_mm256_movemask_epi8(hi)));
        }
        p += 64;
    }
    while (end - p >= 32) {
        const unsigned bits = static_cast<unsigned>(_mm256_movemask_epi8(HEXMAP_PAIR_AT(p)));
        if (bits) return p + __builtin_ctz(bits);
        p += 32;
    }
#undef HEXMAP_PAIR_AT
    return pairScalar(f, p, end);
}

const std::uint8_t* pairSse2(const PairFilter& f, const std::uint8_t* p, const std::uint8_t* end) {
    const __m128i vb1 = _mm_set1_epi8(static_cast<char>(f.b1));
    const __m128i vm1 = _mm_set1_epi8(static_cast<char>(f.m1));
    const __m128i vb2 = _mm_set1_epi8(static_cast<char>(f.b2));
    const __m128i vm2 = _mm_set1_epi8(static_cast<char>(f.m2));
    while (end - p >= 16) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + f.i1));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + f.i2));
        const __m128i eq = _mm_and_si128(_mm_cmpeq_epi8(_mm_and_si128(a, vm1), vb1),
                                         _mm_cmpeq_epi8(_mm_and_si128(b, vm2), vb2));
        const unsigned bits = static_cast<unsigned>(_mm_movemask_epi8(eq));
        if (bits) return p + __builtin_ctz(bits);
        p += 16;
    }
    return pairScalar(f, p, end);
}

bool hasAvx2() {
    static const bool avx2 = __builtin_cpu_supports("avx2");
    return avx2;
}
#endif

} // namespace

const std::uint8_t* PairFilter::next(const std::uint8_t* p, const std::uint8_t* end) const {
#if defined(__x86_64__)
    return hasAvx2() ? pairAvx2(*this, p, end) : pairSse2(*this, p, end);
#else
    return pairScalar(*this, p, end);
#endif
}

PairFilter rarestPair(const std::vector<std::uint8_t>& bytes, const std::vector<std::uint8_t>& mask) {
    auto maskAt = [&](std::size_t i) -> std::uint8_t { return mask.empty() ? 0xFF : mask[i]; };
    struct Candidate {
        int cost;
        std::size_t index;
    };
    std::vector<Candidate> candidates;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const std::uint8_t m = maskAt(i);
        if (m == 0xFF) candidates.push_back({commonness(bytes[i]), i});
        else if (m == 0xDF) candidates.push_back({commonness(bytes[i]) + commonness(bytes[i] | 0x20), i});
        else if (m != 0) candidates.push_back({400, i}); // a nibble: 16 byte values match
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
    PairFilter f;
    if (candidates.empty()) { // only "??": every position is a candidate
        f.m1 = f.m2 = 0;
        return f;
    }
    const std::size_t first = candidates[0].index;
    const std::size_t second = candidates.size() > 1 ? candidates[1].index : first;
    f.i1 = std::min(first, second);
    f.i2 = std::max(first, second);
    f.b1 = bytes[f.i1] & maskAt(f.i1);
    f.m1 = maskAt(f.i1);
    f.b2 = bytes[f.i2] & maskAt(f.i2);
    f.m2 = maskAt(f.i2);
    return f;
}

// --- LiteralMatcher -----------------------------------------------------------------------
// Candidates come from the PairFilter on the two rarest pattern bytes that are not "??"
// (rarity guessed from typical data), or for a one-byte pattern from memchr (for both cases
// of a letter: two memchr streams merged); each candidate is then compared in full. A
// pattern of only "??" is checked at every position.

LiteralMatcher::LiteralMatcher(const Pattern& p) : m_bytes(p.bytes()), m_mask(p.mask()) {
    m_exact = m_mask.empty();
    std::size_t significant = 0, onlyIndex = 0;
    for (std::size_t i = 0; i < m_bytes.size(); ++i)
        if (maskAt(i) != 0) {
            ++significant;
            onlyIndex = i;
        }
    if (significant == 0) return; // mode 0: every position
    if (significant == 1 && (maskAt(onlyIndex) == 0xFF || maskAt(onlyIndex) == 0xDF)) {
        m_anchor = onlyIndex;
        m_mode = maskAt(onlyIndex) == 0xFF ? 1 : 2;
        m_a1 = m_bytes[onlyIndex];
        m_a2 = static_cast<std::uint8_t>(m_bytes[onlyIndex] | 0x20);
        return;
    }
    m_mode = 3;
    m_pair = rarestPair(m_bytes, m_mask);
}

bool LiteralMatcher::verify(const std::uint8_t* s) const {
    const std::size_t len = m_bytes.size();
    if (m_exact) return std::memcmp(s, m_bytes.data(), len) == 0;
    for (std::size_t i = 0; i < len; ++i)
        if ((s[i] & m_mask[i]) != m_bytes[i]) return false;
    return true;
}

Outcome LiteralMatcher::find(const Window& w, std::size_t pos, std::size_t ownedEnd,
                             std::size_t& start, std::size_t& length) {
    const std::size_t len = m_bytes.size();
    if (w.size < len || pos >= ownedEnd) return Outcome::None;
    const std::size_t lastStart = std::min(ownedEnd - 1, w.size - len);
    if (pos > lastStart) return Outcome::None;
    const std::uint8_t* d = w.data;
    length = len;
    if (m_mode == 3) {
        const std::uint8_t* p = d + pos;
        const std::uint8_t* end = d + lastStart + 1;
        while (p < end) {
            const std::uint8_t* h = m_pair.next(p, end);
            if (!h) break;
            if (verify(h)) {
                start = attempt = static_cast<std::size_t>(h - d);
                return Outcome::Found;
            }
            p = h + 1;
        }
        return Outcome::None;
    }
    if (m_mode == 0) {
        for (std::size_t s = pos; s <= lastStart; ++s) {
            if (verify(d + s)) {
                start = attempt = s;
                return Outcome::Found;
            }
        }
        return Outcome::None;
    }
    const std::uint8_t* p = d + pos + m_anchor;
    const std::uint8_t* end = d + lastStart + m_anchor + 1;
    if (m_mode == 1) {
        while (p < end) {
            auto* h = static_cast<const std::uint8_t*>(std::memchr(p, m_a1, end - p));
            if (!h) break;
            if (len == 1 || verify(h - m_anchor)) {
                start = attempt = static_cast<std::size_t>(h - m_anchor - d);
                return Outcome::Found;
            }
            p = h + 1;
        }
        return Outcome::None;
    }
    // Two bytes (upper and lower case): keep the next hit of each and take the nearer.
    auto next = [&](const std::uint8_t* from, std::uint8_t b) {
        return from < end ? static_cast<const std::uint8_t*>(std::memchr(from, b, end - from)) : nullptr;
    };
    const std::uint8_t* h1 = next(p, m_a1);
    const std::uint8_t* h2 = next(p, m_a2);
    while (h1 || h2) {
        const bool first = h1 && (!h2 || h1 < h2);
        const std::uint8_t* h = first ? h1 : h2;
        if (verify(h - m_anchor)) {
            start = attempt = static_cast<std::size_t>(h - m_anchor - d);
            return Outcome::Found;
        }
        if (first) h1 = next(h + 1, m_a1);
        else h2 = next(h + 1, m_a2);
    }
    return Outcome::None;
}

// --- LiteralSet ----------------------------------------------------------------------------

LiteralSet::LiteralSet(const std::vector<std::string>& literals, bool caseInsensitive) {
    if (literals.empty() || literals.size() > kMaxLiterals) return;
    for (const std::string& text : literals) {
        if (text.empty()) {
            m_lits.clear();
            return;
        }
        Lit l;
        for (const char c : text) {
            const auto b = static_cast<std::uint8_t>(c);
            const bool letter = caseInsensitive && ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'));
            const std::uint8_t m = letter ? 0xDF : 0xFF;
            l.bytes.push_back(b & m);
            l.mask.push_back(m);
        }
        l.pair = rarestPair(l.bytes, l.mask);
        m_maxLength = std::max(m_maxLength, l.bytes.size());
        m_maxReach = std::max(m_maxReach, l.pair.i2);
        if ((0 & l.mask[0]) == l.bytes[0]) m_zeroStart = true;
        m_lits.push_back(std::move(l));
    }
}

bool LiteralSet::matchesAt(const Lit& l, const std::uint8_t* p) const {
    for (std::size_t i = 0; i < l.bytes.size(); ++i)
        if ((p[i] & l.mask[i]) != l.bytes[i]) return false;
    return true;
}

namespace {

#if defined(__x86_64__)
// The pair filters of up to 8 literals ORed together: the first position where any of them
// may match.
__attribute__((target("avx2"))) std::size_t setScanAvx2(const PairFilter* f, std::size_t k,
                                                       const std::uint8_t* d, std::size_t from,
                                                       std::size_t until) {
    __m256i b1[8], m1[8], b2[8], m2[8];
    for (std::size_t j = 0; j < k; ++j) {
        b1[j] = _mm256_set1_epi8(static_cast<char>(f[j].b1));
        m1[j] = _mm256_set1_epi8(static_cast<char>(f[j].m1));
        b2[j] = _mm256_set1_epi8(static_cast<char>(f[j].b2));
        m2[j] = _mm256_set1_epi8(static_cast<char>(f[j].m2));
    }
    std::size_t p = from;
    for (; p + 32 <= until; p += 32) {
        __m256i any = _mm256_setzero_si256();
        for (std::size_t j = 0; j < k; ++j) {
            const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + p + f[j].i1));
            const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d + p + f[j].i2));
            any = _mm256_or_si256(any, _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(a, m1[j]), b1[j]),
                                                        _mm256_cmpeq_epi8(_mm256_and_si256(b, m2[j]), b2[j])));
        }
        const unsigned bits = static_cast<unsigned>(_mm256_movemask_epi8(any));
        if (bits) return p + static_cast<std::size_t>(__builtin_ctz(bits));
    }
    return p; // the rest, fewer than 32 positions, is for the caller's scalar loop
}
#endif

} // namespace

bool LiteralSet::next(const std::uint8_t* data, std::size_t size, std::size_t from,
                      std::size_t ownedEnd, std::size_t& at, std::size_t& which) const {
    if (m_lits.empty() || size == 0) return false;
    const std::size_t k = m_lits.size();
    // Positions whose filter bytes all lie inside the data can use the vector loop.
    const std::size_t vectorUntil = size > m_maxReach ? std::min(ownedEnd, size - m_maxReach) : 0;
    std::size_t p = from;
    while (p < ownedEnd && p < size) {
#if defined(__x86_64__)
        // Skip to the next position any literal's filter accepts (or to the last few
        // positions, which the loop below checks one by one).
        if (p < vectorUntil && hasAvx2()) {
            PairFilter filters[kMaxLiterals];
            for (std::size_t j = 0; j < k; ++j) filters[j] = m_lits[j].pair;
            p = setScanAvx2(filters, k, data, p, vectorUntil);
            if (p >= ownedEnd) break;
        }
#endif
        // One position: the first literal in order that matches here wins.
        for (std::size_t j = 0; j < k; ++j) {
            const Lit& l = m_lits[j];
            if (p + l.bytes.size() <= size && matchesAt(l, data + p)) {
                at = p;
                which = j;
                return true;
            }
        }
        ++p;
    }
    return false;
}

Outcome LiteralSetMatcher::find(const Window& w, std::size_t pos, std::size_t ownedEnd,
                                std::size_t& start, std::size_t& length) {
    std::size_t at = 0, which = 0;
    if (!m_set.next(w.data, w.size, pos, ownedEnd, at, which)) return Outcome::None;
    start = attempt = at;
    length = m_set.lengthOf(which);
    return Outcome::Found;
}

} // namespace hexmap::search
