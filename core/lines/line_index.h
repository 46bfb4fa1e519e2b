// SPDX-License-Identifier: MIT
// LineIndex: line numbers for the Lines view without a per-line index. The file is cut into
// blocks of kBlock bytes; a background count fills in the newlines of each block (holes of
// a sparse file count as none, without being read), and the index keeps only the running
// totals at block starts: 8 bytes per MiB. A line number is then the total at the block
// start plus a count of at most one block (memory speed, on the calling thread).
#pragma once

#include "byte_view.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace hexmap {

// Newlines in [p, p+n), vectorised.
std::uint64_t countNewlines(const std::uint8_t* p, std::size_t n);

class LineIndex {
public:
    static constexpr std::uint64_t kBlock = std::uint64_t(1) << 20;

    // Forgets everything; the document has `size` bytes now.
    void reset(std::uint64_t size);
    std::uint64_t size() const { return m_size; }
    std::uint64_t blocks() const { return (m_size + kBlock - 1) / kBlock; }
    // A count for block b (from the worker, on the GUI thread). Once every block is known,
    // complete() is true and the totals are built.
    void setBlock(std::uint64_t b, std::uint32_t newlines);
    // The document changed in [start, end) or its size changed: the blocks from `start` on
    // are unknown again if the size changed, else just those touched. Returns the first
    // block to recount and one past the last.
    std::pair<std::uint64_t, std::uint64_t> invalidate(std::uint64_t start, std::uint64_t end,
                                                       std::uint64_t newSize);
    bool complete() const { return m_unknown == 0; }
    bool blockKnown(std::uint64_t b) const { return b < m_counts.size() && m_counts[b] != ~0u; }
    std::uint64_t known() const { return blocks() - m_unknown; }

    // The 0-based number of the line holding `offset`; nullopt until complete().
    std::optional<std::uint64_t> lineOf(const ByteView& bytes, std::uint64_t offset) const;
    std::optional<std::uint64_t> lineOf(const std::uint8_t* data, std::uint64_t offset) const { return lineOf(ByteView(data, m_size), offset); }
    // The offset where 0-based line `line` starts; nullopt until complete() or when the
    // document has fewer lines.
    std::optional<std::uint64_t> startOfLine(const ByteView& bytes, std::uint64_t line) const;
    std::optional<std::uint64_t> startOfLine(const std::uint8_t* data, std::uint64_t line) const { return startOfLine(ByteView(data, m_size), line); }
    // Lines in the document: newlines, plus one for a last line without one. nullopt until
    // complete().
    std::optional<std::uint64_t> lineCount(const ByteView& bytes) const;
    std::optional<std::uint64_t> lineCount(const std::uint8_t* data) const { return lineCount(ByteView(data, m_size)); }
    // Bytes the index holds (for the benchmark's "bytes per MiB").
    std::size_t memoryBytes() const;

private:
    void build();

    std::uint64_t m_size = 0;
    std::vector<std::uint32_t> m_counts; // per block; ~0u = unknown
    std::vector<std::uint64_t> m_totals; // newlines before each block, once complete
    std::uint64_t m_unknown = 0;
};

} // namespace hexmap
