// SPDX-License-Identifier: MIT
// ChunkedList<T>: a list read by index, built by linking in whole chunks (vectors filled
// on a worker) in constant time, never copying or regrowing what it holds. For lists of
// millions that grow on the GUI thread while a job streams them: a std::vector there
// copied itself on every regrowth (235 MB for 14.7 million filtered lines) and took the
// whole GUI thread while a filter ran.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

namespace hexmap {

template <class T> class ChunkedList {
public:
    using Chunk = std::vector<T>;

    // Links in a chunk whose elements come after every element held (an empty one is ignored).
    void append(std::shared_ptr<const Chunk> chunk) {
        if (!chunk || chunk->empty()) return;
        m_starts.push_back(m_size);
        m_size += chunk->size();
        m_chunks.push_back(std::move(chunk));
    }
    void clear() {
        m_chunks = {};
        m_starts = {};
        m_size = 0;
    }
    // Keeps the first n elements (the last chunk kept is copied if it is cut).
    void truncate(std::size_t n) {
        if (n >= m_size) return;
        if (n == 0) return clear();
        const std::size_t k = chunkOf(n - 1);
        m_chunks.resize(k + 1);
        m_starts.resize(k + 1);
        const std::size_t keep = n - m_starts[k];
        if (keep < m_chunks[k]->size())
            m_chunks[k] = std::make_shared<const Chunk>(m_chunks[k]->begin(),
                                                        m_chunks[k]->begin() + static_cast<std::ptrdiff_t>(keep));
        m_size = n;
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    const T& operator[](std::size_t i) const {
        const std::size_t k = chunkOf(i);
        return (*m_chunks[k])[i - m_starts[k]];
    }
    const T& back() const { return m_chunks.back()->back(); }
    // The index of the first element for which pred is false, when pred holds for a prefix
    // of the list and fails for the rest (as std::partition_point).
    template <class Pred> std::size_t partitionPoint(Pred pred) const {
        const auto c = std::partition_point(m_chunks.begin(), m_chunks.end(),
                                            [&](const auto& chunk) { return pred(chunk->back()); });
        if (c == m_chunks.end()) return m_size;
        const auto k = static_cast<std::size_t>(c - m_chunks.begin());
        return m_starts[k] + static_cast<std::size_t>(std::partition_point((*c)->begin(), (*c)->end(), pred) - (*c)->begin());
    }

private:
    std::vector<std::shared_ptr<const Chunk>> m_chunks; // none empty
    std::vector<std::size_t> m_starts;                  // index of each chunk's first element
    std::size_t m_size = 0;
    std::size_t chunkOf(std::size_t i) const {
        return static_cast<std::size_t>(std::upper_bound(m_starts.begin(), m_starts.end(), i) - m_starts.begin()) - 1;
    }
};

} // namespace hexmap
