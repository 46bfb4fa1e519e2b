// SPDX-License-Identifier: MIT
// MatchStore: the matches of a find-all, in offset order, in compact chunks.
//
// Why not a std::vector<Match>: 14.7 million matches of "INFO" in a 1 GiB log took 235 MB
// at 16 bytes each, twice that while the vector grew, and every batch's copy and every
// regrowth ran on the GUI thread, which stalled it for over a second. A MatchChunk holds up
// to 65,536 matches as 4-byte offsets from its first, with one length for all while they
// share one (a literal's always do): 4 bytes a match. The search's worker fills the chunks;
// the GUI thread only links them in (MatchStore::append), in constant time.
#pragma once

#include "searcher.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace hexmap {

// An allocator whose resize() leaves new elements uninitialised: a chunk's arrays are
// written right after (zeroing them first cost a third of packing).
template <class T> struct UninitialisedAllocator : std::allocator<T> {
    template <class U> struct rebind {
        using other = UninitialisedAllocator<U>;
    };
    UninitialisedAllocator() = default;
    template <class U> UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
    template <class U> void construct(U* p) noexcept { ::new (static_cast<void*>(p)) U; }
    template <class U, class... Args> void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

class MatchChunk {
public:
    static constexpr std::size_t kCapacity = 65536;

    // Adds m after every match held. False when it does not fit — the chunk is full, m is
    // 4 GiB or more past the first match, or its length cannot be kept here — so the caller
    // starts another chunk.
    bool add(const Match& m);
    std::size_t size() const { return m_delta.size(); }
    bool empty() const { return m_delta.empty(); }
    Match at(std::size_t i) const {
        return {m_base + m_delta[i], m_lengths.empty() ? m_length : m_lengths[i]};
    }
    Match back() const { return at(size() - 1); }
    // Index of the first match at or after offset (size() when none).
    std::size_t lowerBound(std::uint64_t offset) const;
    // The first n matches of this one.
    MatchChunk first(std::size_t n) const;
    std::size_t memoryBytes() const;
    void reserve(std::size_t n) { m_delta.reserve(std::min(n, kCapacity)); }
    // A chunk of the longest run from m[0] (sorted, n > 0) that fits one, each offset plus
    // `base`, in one pass (the worker's path: 14.7 million add()s took 100 ms of CPU);
    // *used says how many it took (at least one).
    static std::shared_ptr<const MatchChunk> pack(const Match* m, std::size_t n, std::uint64_t base,
                                                  std::size_t* used);

private:
    std::uint64_t m_base = 0;
    std::uint64_t m_length = 0;           // every match's, while m_lengths is empty
    using Words = std::vector<std::uint32_t, UninitialisedAllocator<std::uint32_t>>;
    Words m_delta;   // offset - m_base
    Words m_lengths; // each match's, once two differ
};

class MatchStore {
public:
    // Links in a chunk whose matches come after every match held.
    void append(std::shared_ptr<const MatchChunk> chunk);
    // The same for plain matches (a shift's rebuilt list, tests).
    void append(const std::vector<Match>& matches);
    void clear();
    // Keeps the first n matches.
    void truncate(std::size_t n);

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    Match operator[](std::size_t i) const;
    Match front() const { return (*this)[0]; }
    Match back() const { return m_chunks.back()->back(); }
    // Index of the first match at or after offset (size() when none).
    std::size_t lowerBound(std::uint64_t offset) const;
    std::size_t memoryBytes() const;
    const MatchChunks& chunks() const { return m_chunks; }

    // Matches in order, by value.
    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Match;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = Match;
        const_iterator(const MatchStore* store, std::size_t chunk, std::size_t index)
            : m_store(store), m_chunk(chunk), m_index(index) {}
        Match operator*() const { return m_store->m_chunks[m_chunk]->at(m_index); }
        const_iterator& operator++() {
            if (++m_index == m_store->m_chunks[m_chunk]->size()) {
                ++m_chunk;
                m_index = 0;
            }
            return *this;
        }
        bool operator==(const const_iterator& o) const { return m_chunk == o.m_chunk && m_index == o.m_index; }

    private:
        const MatchStore* m_store;
        std::size_t m_chunk, m_index;
    };
    const_iterator begin() const { return {this, 0, 0}; }
    const_iterator end() const { return {this, m_chunks.size(), 0}; }
    // The matches from index `from` on, in order.
    const_iterator from(std::size_t index) const;

private:
    MatchChunks m_chunks;                                    // none empty
    std::vector<std::size_t> m_starts;                       // index of each chunk's first match
    std::size_t m_size = 0;
    std::size_t chunkOf(std::size_t index) const;
};

// Collects matches into chunks as they are found (on a search's worker).
class MatchChunker {
public:
    // Chunks are made with room for this many matches (fewer growth copies).
    explicit MatchChunker(std::size_t expected = 1024) : m_expected(expected) {}
    void add(const Match& m);
    // The chunks filled so far (the last one, if not empty, included) and a fresh start.
    MatchChunks take();
    std::size_t pending() const { return m_pending; }

private:
    MatchChunks m_full;
    std::shared_ptr<MatchChunk> m_open;
    std::size_t m_pending = 0;
    std::size_t m_expected;
};

} // namespace hexmap
