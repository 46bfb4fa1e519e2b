// SPDX-License-Identifier: MIT
// LineLayout: the rows of the Lines view, found from the bytes around an offset with no
// index, so any place in a file of any size shows at once. A row is a stretch of one line:
// a line ends after its '\n'; a line longer than `wrapBytes` is cut into rows of that many
// bytes (soft wrap; 0 = no wrap, one row per line); and every multiple of kCap is treated
// as a line start, so no row is ever searched for further than kCap bytes in either
// direction (a file without a single newline scrolls like any other). Because the cuts are
// absolute, the rows are the same whichever direction they are reached from.
#pragma once

#include "byte_view.h"

#include <cstdint>
#include <optional>

namespace hexmap {

struct LineRow {
    std::uint64_t start = 0;
    std::uint64_t end = 0;     // one past the last byte (the '\n' included, when there is one)
    bool lineStart = false;    // this row begins a line (it gets a line number)
    bool newline = false;      // the row ends with its line's '\n'
    bool operator==(const LineRow&) const = default;
};

class LineLayout {
public:
    static constexpr std::uint64_t kCap = std::uint64_t(1) << 20;

    LineLayout(const std::uint8_t* data, std::uint64_t size, std::uint32_t wrapBytes)
        : m_bytes(data, size), m_size(size), m_wrap(wrapBytes) {}
    // Over a document of pieces too: the searches for '\n' walk its spans.
    LineLayout(const ByteView& bytes, std::uint32_t wrapBytes)
        : m_bytes(bytes), m_size(bytes.size()), m_wrap(wrapBytes) {}

    std::uint64_t size() const { return m_size; }
    // The start of the line (or cap-cut piece of one) holding `offset`.
    std::uint64_t lineStartOf(std::uint64_t offset) const;
    // The row holding `offset` (the last row for offset >= size). Empty document: {0,0}.
    LineRow rowAt(std::uint64_t offset) const;
    // The row that starts at `start` (which must be a row start).
    LineRow rowFrom(std::uint64_t start, bool lineStart) const;
    std::optional<LineRow> next(const LineRow& row) const;
    std::optional<LineRow> previous(const LineRow& row) const;
    // The row `rows` rows after `row` (before it when negative), stopping at either end.
    LineRow step(LineRow row, std::int64_t rows) const;

private:
    ByteView m_bytes;
    std::uint64_t m_size;
    std::uint32_t m_wrap;
};

} // namespace hexmap
