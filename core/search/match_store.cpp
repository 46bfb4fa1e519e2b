// SPDX-License-Identifier: MIT
#include "match_store.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace hexmap {

namespace {
constexpr std::uint64_t kMax32 = std::numeric_limits<std::uint32_t>::max();
}

bool MatchChunk::add(const Match& m) {
    if (m_delta.empty()) {
        m_base = m.offset;
        m_length = m.length;
        m_delta.push_back(0);
        return true;
    }
    if (m_delta.size() >= kCapacity || m.offset - m_base > kMax32) return false;
    if (m_lengths.empty() && m.length != m_length) {
        // A second length: each match keeps its own from now on, in 32 bits.
        if (m.length > kMax32 || m_length > kMax32) return false;
        m_lengths.assign(m_delta.size(), static_cast<std::uint32_t>(m_length));
    }
    if (!m_lengths.empty()) {
        if (m.length > kMax32) return false;
        m_lengths.push_back(static_cast<std::uint32_t>(m.length));
    }
    m_delta.push_back(static_cast<std::uint32_t>(m.offset - m_base));
    return true;
}

std::shared_ptr<const MatchChunk> MatchChunk::pack(const Match* m, std::size_t n, std::uint64_t base,
                                                   std::size_t* used) {
    auto c = std::make_shared<MatchChunk>();
    c->m_base = m[0].offset + base;
    c->m_length = m[0].length;
    // How far one chunk reaches: capacity, 4 GiB of offsets; and whether one length serves.
    const std::size_t limit = std::min(n, kCapacity);
    const std::uint64_t last = m[0].offset + kMax32;
    bool uniform = true, narrow = m[0].length <= kMax32;
    std::size_t j = 1;
    for (; j < limit && m[j].offset <= last; ++j) {
        uniform &= m[j].length == c->m_length;
        narrow &= m[j].length <= kMax32;
    }
    if (!uniform && !narrow) {
        // A length past 32 bits among others: the careful path, match by match.
        std::size_t k = 0;
        while (k < j && c->add({m[k].offset + base, m[k].length})) ++k;
        *used = k;
        return c;
    }
    c->m_delta.resize(j);
    for (std::size_t k = 0; k < j; ++k) c->m_delta[k] = static_cast<std::uint32_t>(m[k].offset - m[0].offset);
    if (!uniform) {
        c->m_lengths.resize(j);
        for (std::size_t k = 0; k < j; ++k) c->m_lengths[k] = static_cast<std::uint32_t>(m[k].length);
    }
    *used = j;
    return c;
}

std::size_t MatchChunk::lowerBound(std::uint64_t offset) const {
    if (offset <= m_base) return 0;
    if (offset - m_base > kMax32) return size();
    const auto d = static_cast<std::uint32_t>(offset - m_base);
    return static_cast<std::size_t>(std::lower_bound(m_delta.begin(), m_delta.end(), d) - m_delta.begin());
}

MatchChunk MatchChunk::first(std::size_t n) const {
    MatchChunk c = *this;
    c.m_delta.resize(std::min(n, size()));
    if (!c.m_lengths.empty()) c.m_lengths.resize(c.m_delta.size());
    c.m_delta.shrink_to_fit();
    c.m_lengths.shrink_to_fit();
    return c;
}

std::size_t MatchChunk::memoryBytes() const {
    return sizeof *this + (m_delta.capacity() + m_lengths.capacity()) * sizeof(std::uint32_t);
}

void MatchStore::append(std::shared_ptr<const MatchChunk> chunk) {
    if (!chunk || chunk->empty()) return;
    m_starts.push_back(m_size);
    m_size += chunk->size();
    m_chunks.push_back(std::move(chunk));
}

void MatchStore::append(const std::vector<Match>& matches) {
    MatchChunker chunker;
    for (const Match& m : matches) chunker.add(m);
    for (auto& c : chunker.take()) append(std::move(c));
}

void MatchStore::clear() {
    m_chunks.clear();
    m_chunks.shrink_to_fit();
    m_starts.clear();
    m_starts.shrink_to_fit();
    m_size = 0;
}

void MatchStore::truncate(std::size_t n) {
    if (n >= m_size) return;
    if (n == 0) {
        clear();
        return;
    }
    const std::size_t k = chunkOf(n - 1); // the chunk holding the last match kept
    m_chunks.resize(k + 1);
    m_starts.resize(k + 1);
    const std::size_t keep = n - m_starts[k];
    if (keep < m_chunks[k]->size()) m_chunks[k] = std::make_shared<const MatchChunk>(m_chunks[k]->first(keep));
    m_size = n;
}

std::size_t MatchStore::chunkOf(std::size_t index) const {
    return static_cast<std::size_t>(std::upper_bound(m_starts.begin(), m_starts.end(), index) - m_starts.begin()) - 1;
}

Match MatchStore::operator[](std::size_t i) const {
    const std::size_t k = chunkOf(i);
    return m_chunks[k]->at(i - m_starts[k]);
}

std::size_t MatchStore::lowerBound(std::uint64_t offset) const {
    // The first chunk whose last match is at or after offset holds the answer.
    const auto it = std::lower_bound(m_chunks.begin(), m_chunks.end(), offset,
                                     [](const auto& c, std::uint64_t o) { return c->back().offset < o; });
    if (it == m_chunks.end()) return m_size;
    const auto k = static_cast<std::size_t>(it - m_chunks.begin());
    return m_starts[k] + (*it)->lowerBound(offset);
}

std::size_t MatchStore::memoryBytes() const {
    std::size_t total = sizeof *this + m_starts.capacity() * sizeof(std::size_t) +
                        m_chunks.capacity() * sizeof(m_chunks[0]);
    for (const auto& c : m_chunks) total += c->memoryBytes() + 32; // + the shared count
    return total;
}

MatchStore::const_iterator MatchStore::from(std::size_t index) const {
    if (index >= m_size) return end();
    const std::size_t k = chunkOf(index);
    return {this, k, index - m_starts[k]};
}

void MatchChunker::add(const Match& m) {
    if (!m_open) {
        m_open = std::make_shared<MatchChunk>();
        m_open->reserve(m_expected);
    }
    if (!m_open->add(m)) {
        m_full.push_back(std::move(m_open));
        m_open = std::make_shared<MatchChunk>();
        m_open->reserve(m_expected);
        m_open->add(m); // an empty chunk takes any match
    }
    ++m_pending;
}

MatchChunks MatchChunker::take() {
    if (m_open && !m_open->empty()) m_full.push_back(std::move(m_open));
    m_open.reset();
    m_pending = 0;
    return std::exchange(m_full, {});
}

} // namespace hexmap
