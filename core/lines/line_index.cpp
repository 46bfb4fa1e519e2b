// SPDX-License-Identifier: MIT
#include "line_index.h"

#include <algorithm>
#include <cstring>
#include <immintrin.h>

namespace hexmap {

namespace {
constexpr std::uint32_t kUnknown = ~0u;
}

namespace {

// 32 bytes a compare where the CPU has AVX2 (chosen once at run time).
__attribute__((target("avx2"))) std::uint64_t countAvx2(const std::uint8_t* p, std::size_t n) {
    std::uint64_t count = 0;
    std::size_t i = 0;
    const __m256i nl = _mm256_set1_epi8('\n');
    for (; i + 64 <= n; i += 64) {
        const auto* v = reinterpret_cast<const __m256i*>(p + i);
        const auto a = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256(v), nl)));
        const auto b = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256(v + 1), nl)));
        count += static_cast<std::uint64_t>(__builtin_popcountll(std::uint64_t(a) | std::uint64_t(b) << 32));
    }
    for (; i < n; ++i)
        count += p[i] == '\n';
    return count;
}

std::uint64_t countSse2(const std::uint8_t* p, std::size_t n);

} // namespace

std::uint64_t countNewlines(const std::uint8_t* p, std::size_t n) {
    static const bool avx2 = __builtin_cpu_supports("avx2");
    return avx2 ? countAvx2(p, n) : countSse2(p, n);
}

namespace {
std::uint64_t countSse2(const std::uint8_t* p, std::size_t n) {
    std::uint64_t count = 0;
    std::size_t i = 0;
    const __m128i nl = _mm_set1_epi8('\n');
    // Four vectors a step: compare, OR the masks' bits together as popcounts.
    for (; i + 64 <= n; i += 64) {
        const auto* v = reinterpret_cast<const __m128i*>(p + i);
        const unsigned a = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(v), nl)));
        const unsigned b = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(v + 1), nl)));
        const unsigned c = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(v + 2), nl)));
        const unsigned d = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(v + 3), nl)));
        const std::uint64_t bits = std::uint64_t(a) | std::uint64_t(b) << 16 | std::uint64_t(c) << 32 |
                                   std::uint64_t(d) << 48;
        count += static_cast<std::uint64_t>(__builtin_popcountll(bits));
    }
    for (; i < n; ++i)
        count += p[i] == '\n';
    return count;
}
} // namespace

void LineIndex::reset(std::uint64_t size) {
    m_size = size;
    m_counts.assign(blocks(), kUnknown);
    m_totals.clear();
    m_unknown = blocks();
}

void LineIndex::setBlock(std::uint64_t b, std::uint32_t newlines) {
    if (b >= m_counts.size()) return;
    if (m_counts[b] == kUnknown) --m_unknown;
    m_counts[b] = newlines;
    if (m_unknown == 0) build();
}

std::pair<std::uint64_t, std::uint64_t> LineIndex::invalidate(std::uint64_t start, std::uint64_t end,
                                                              std::uint64_t newSize) {
    std::uint64_t first = start / kBlock;
    std::uint64_t last = (std::max(end, start + 1) + kBlock - 1) / kBlock;
    if (newSize != m_size) {
        // Blocks from the first change (or the old last block, which was partial) on.
        first = std::min(first, m_size / kBlock);
        m_size = newSize;
        m_counts.resize(blocks(), kUnknown);
        last = blocks();
    }
    last = std::min<std::uint64_t>(last, blocks());
    for (std::uint64_t b = first; b < last; ++b)
        m_counts[b] = kUnknown;
    m_unknown = static_cast<std::uint64_t>(std::count(m_counts.begin(), m_counts.end(), kUnknown));
    m_totals.clear();
    if (m_unknown == 0) build();
    return {first, last};
}

void LineIndex::build() {
    m_totals.assign(m_counts.size() + 1, 0);
    for (std::size_t b = 0; b < m_counts.size(); ++b)
        m_totals[b + 1] = m_totals[b] + m_counts[b];
}

std::optional<std::uint64_t> LineIndex::lineOf(const ByteView& bytes, std::uint64_t offset) const {
    if (!complete()) return std::nullopt;
    if (offset > m_size) offset = m_size;
    const std::uint64_t b = offset / kBlock;
    const std::uint64_t base = b * kBlock;
    std::uint64_t n = m_totals[std::min<std::uint64_t>(b, m_counts.size())];
    for (std::uint64_t at = base; at < offset;) {
        const auto span = bytes.spanAt(at, static_cast<std::size_t>(offset - at));
        if (span.empty()) break;
        n += countNewlines(span.data(), span.size());
        at += span.size();
    }
    return n;
}

std::optional<std::uint64_t> LineIndex::lineCount(const ByteView& bytes) const {
    if (!complete()) return std::nullopt;
    if (m_size == 0) return 0;
    const std::uint64_t newlines = m_totals.back();
    return newlines + (bytes.at(m_size - 1) == '\n' ? 0 : 1);
}

std::optional<std::uint64_t> LineIndex::startOfLine(const ByteView& bytes, std::uint64_t line) const {
    if (!complete()) return std::nullopt;
    if (line == 0) return 0;
    // The block holding the line's preceding newline (the line-th one, 1-based).
    if (m_totals.back() < line) return std::nullopt;
    const auto it = std::lower_bound(m_totals.begin() + 1, m_totals.end(), line);
    const std::uint64_t b = static_cast<std::uint64_t>(it - m_totals.begin()) - 1;
    std::uint64_t need = line - m_totals[b];
    const std::uint64_t base = b * kBlock;
    const std::uint64_t end = std::min(m_size, base + kBlock);
    for (std::uint64_t at = base; at < end;) {
        const auto span = bytes.spanAt(at, static_cast<std::size_t>(end - at));
        if (span.empty()) break;
        for (std::size_t i = 0; i < span.size(); ++i) {
            if (span[i] == '\n' && --need == 0) {
                const std::uint64_t start = at + i + 1;
                return start < m_size ? std::optional<std::uint64_t>(start) : std::nullopt;
            }
        }
        at += span.size();
    }
    return std::nullopt;
}

std::size_t LineIndex::memoryBytes() const {
    return m_counts.capacity() * sizeof(std::uint32_t) + m_totals.capacity() * sizeof(std::uint64_t);
}

} // namespace hexmap
