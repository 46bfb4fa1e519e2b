// SPDX-License-Identifier: MIT
// resyncDiff: an edit script from one source to another that finds inserted and deleted
// runs, so that one byte inserted at the start of a big file is one insertion, not a file of
// differences. Greedy and sequential: equal stretches go by at memcmp speed; at a difference
// it looks for the nearest place where the two agree again on kAnchor bytes, first by a few
// cheap guesses (a replaced byte or word, a short shift), then through a hash of the next
// `window` bytes of the second source; without one there, the window counts as replaced.
#pragma once

#include "byte_source.h"
#include "result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace hexmap {

// Replace a's [aOffset, aOffset + aLength) by b's [bOffset, bOffset + bLength): an insert
// when aLength is 0, a delete when bLength is 0.
struct EditOp {
    std::uint64_t aOffset = 0, aLength = 0;
    std::uint64_t bOffset = 0, bLength = 0;
    friend bool operator==(const EditOp&, const EditOp&) = default;
};

struct ResyncOptions {
    std::size_t window = std::size_t(64) << 10; // how far to look for the two to agree again
    const std::atomic<bool>* stop = nullptr;
    // Called now and then (every 16 MiB of equal bytes, and at each edit past that) with
    // how far into a the script has reached.
    std::function<void(std::uint64_t)> progress;
};

constexpr std::size_t kAnchor = 32; // bytes that must agree to resynchronise

// Fails (EIO) when a source reads short; ECANCELED when stopped.
Result<std::vector<EditOp>> resyncDiff(const ByteSource& a, const ByteSource& b,
                                       const ResyncOptions& options = {});

// Where byte `offset` of one side (`fromB`: of b, else of a) lies in the other, by a script
// resyncDiff made: in an equal stretch, the same byte moved by the edits before it; inside an
// edit, the other side's part of that edit at the same distance (its last byte, or where
// it would be when it is empty). The comparison window scrolls the second pane by it.
std::uint64_t alignedOffset(const std::vector<EditOp>& ops, bool fromB, std::uint64_t offset);

} // namespace hexmap
