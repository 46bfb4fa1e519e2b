// SPDX-License-Identifier: MIT
// Where an offset goes when an insert or delete at `start` moves the bytes after it by
// `delta` (positive: that many bytes were inserted at start; negative: -delta bytes from
// start on were deleted). Offsets before start stay; offsets in a deleted stretch go to
// its start. Everything that holds an offset (the cursor, bookmarks, search results)
// follows an edit through this one rule.
#pragma once

#include <cstdint>

namespace hexmap {

inline std::uint64_t shiftOffset(std::uint64_t offset, std::uint64_t start, std::int64_t delta) {
    if (offset < start || delta == 0) return offset;
    if (delta > 0) return offset + static_cast<std::uint64_t>(delta);
    const std::uint64_t removed = static_cast<std::uint64_t>(-delta);
    return offset - start < removed ? start : offset - removed;
}

} // namespace hexmap
