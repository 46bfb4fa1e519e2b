// SPDX-License-Identifier: MIT
// compareSources: where two byte sources differ, found in parallel blocks at memory speed.
// Both are read over their common length (the longer one's tail is the caller's to report:
// it is a difference as a whole); stretches that are holes in both are skipped unread, so
// two sparse images cost what their data costs. Differences arrive as ranges of differing
// bytes, in offset order, on the calling thread, while the workers go on; at most a few
// blocks' results wait to be delivered, so memory follows what the caller keeps.
#pragma once

#include "byte_source.h"
#include "result.h"

#include <atomic>
#include <cstdint>
#include <functional>

namespace hexmap {

// [offset, offset + length): every byte differs (a byte that equals ends the range).
struct DiffRange {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
    friend bool operator==(const DiffRange&, const DiffRange&) = default;
};

struct CompareOptions {
    unsigned threads = 2;
    std::uint64_t blockSize = std::uint64_t(4) << 20; // the unit of work; tests make it small
    std::uint64_t limit = ~std::uint64_t(0);          // compare at most this many bytes
    const std::atomic<bool>* stop = nullptr;          // seen within one MiB of work
    // cmp's line numbers: count the newlines of the first source as its bytes go by (see
    // CompareSummary::newlines), instead of reading them again afterwards.
    bool countNewlines = false;
};

struct CompareSummary {
    std::uint64_t compared = 0;       // bytes compared: min(a, b, limit), unless cancelled
    std::uint64_t differingBytes = 0; // within them
    std::uint64_t ranges = 0;
    bool cancelled = false;
    // With countNewlines: the '\n' bytes of the first source before the first differing
    // byte, or in all it compared when nothing differs.
    std::uint64_t newlines = 0;
};

// Called on the calling thread, never concurrently, in increasing offset order; ranges that
// meet across blocks are joined before they are delivered. Return false to stop (cmp: the
// first difference is enough).
using DiffRangesFn = std::function<bool(const DiffRange* ranges, std::size_t count)>;

// Fails (EIO) when a source reads short: a file that shrank under the comparison, named by
// `nameA`/`nameB` in the sentence.
Result<CompareSummary> compareSources(const ByteSource& a, const ByteSource& b,
                                      const DiffRangesFn& onRanges,
                                      const CompareOptions& options = {},
                                      const char* nameA = "the first file",
                                      const char* nameB = "the second file");

// The differing ranges of two equal-length buffers, appended to `out` with offsets from
// `base`, joining a range that continues the last one in `out`. Word-at-a-time.
void diffBuffers(const std::uint8_t* a, const std::uint8_t* b, std::size_t n, std::uint64_t base,
                 std::vector<DiffRange>& out);

} // namespace hexmap
