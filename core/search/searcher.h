// SPDX-License-Identifier: MIT
// Searching bytes for a Pattern: find next / previous from an offset with wrap-around, and
// find all on worker threads with progress, cancellation and matches streamed in order.
//
// Matches follow `grep -o`: leftmost, non-overlapping, scanning forward (pattern "aa" in
// "aaaaa" gives offsets 0 and 2); a regex's empty matches are never reported (the scan
// steps one byte past them). find-previous is the exception: it returns the match that
// starts last before the offset, overlapping or not, as a hex editor's "previous" should.
//
// Nothing here reads the whole file at once: data is read in chunks (1 MiB by default) into
// a per-thread buffer, or scanned in place when the source exposes direct memory.
#pragma once

#include "byte_source.h"
#include "pattern.h"
#include "result.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace hexmap {

// One match: 16 bytes, so 10 million matches take 160 MB.
struct Match {
    std::uint64_t offset = 0; // bytes from the start of the source
    std::uint64_t length = 0; // bytes; never 0
    friend bool operator==(const Match&, const Match&) = default;
};

struct FoundMatch {
    Match match;
    bool wrapped = false; // the search passed the end (next) or the start (previous)
};

struct SearchOptions {
    // Worker threads for findAll; 0 = std::thread::hardware_concurrency().
    unsigned threads = 0;
    // Bytes each worker reads and scans at a time (and the unit of work split among
    // workers); each thread holds one buffer of about this size. Small values are for
    // tests; 0 is taken as 1.
    std::size_t chunkSize = std::size_t(1) << 20;
    // A regex match may extend this many bytes past the chunk where it starts; a longer
    // match is cut short at that point (it is still reported, just shorter than the engine
    // would find on the whole file). Matches that fit are exact: chunk ends are handled with
    // PCRE2 hard partial matching, which says when more bytes could change the result.
    std::size_t maxRegexMatchLength = std::size_t(8) << 20;
    // With exactOrFail, a regex match that would need more than maxRegexMatchLength bytes
    // past its chunk fails the search (ERANGE) instead of being cut short there.
    bool exactOrFail = false;
    // PCRE2's backtracking limit per match attempt; 0 = the default (10 million).
    std::uint32_t regexMatchLimit = 0;
    // Checked at least once per chunk by every thread; when it becomes true the search
    // stops as soon as possible.
    const std::atomic<bool>* cancel = nullptr;
};

// The matches that start in [from, to), leftmost and non-overlapping from `from`, found on
// the calling thread with no worker threads: for highlighting what is on screen. The scan
// reads the true bytes around the range (before it for anchors and lookbehind, after it
// for a match's end, up to maxRegexMatchLength bytes), so it agrees with findAll, except
// that a chain of self-overlapping matches is counted from `from`. A match that could run
// further than that is not guessed at: the call fails (ERANGE), as it does when a regex
// hits regexMatchLimit, so a caller shows nothing rather than something wrong.
Result<std::vector<Match>> findInRange(const ByteSource& source, const Pattern& pattern,
                                      std::uint64_t from, std::uint64_t to,
                                      const SearchOptions& options = {});
// The same into `out` (cleared first), whose capacity a caller that calls it chunk after
// chunk keeps: a fresh vector per 1 MiB took a page fault every 256 matches.
Status findInRange(const ByteSource& source, const Pattern& pattern, std::uint64_t from,
                   std::uint64_t to, std::vector<Match>& out, const SearchOptions& options = {});

// Searches [from, size) for the first match starting at >= from, then wraps to [0, from).
// Blocks (reads the file chunk by chunk on the calling thread). Returns nullopt when there
// is no match anywhere; an Error for a read failure, a regex that hit the engine's limits,
// or cancellation (code ECANCELED).
Result<std::optional<FoundMatch>> findNext(const ByteSource& source, const Pattern& pattern,
                                           std::uint64_t from, const SearchOptions& options = {});

// The match starting last before from (at < from), else wraps to the last one at >= from.
// Works backwards a chunk at a time, enumerating every match start in the chunk; for a
// regex whose matches are long (".*" on long lines) that costs match length per start.
Result<std::optional<FoundMatch>> findPrevious(const ByteSource& source, const Pattern& pattern,
                                               std::uint64_t from,
                                               const SearchOptions& options = {});

struct FindAllSummary {
    std::uint64_t matches = 0;      // matches passed to onMatches
    std::uint64_t bytesScanned = 0; // of source.size()
    bool cancelled = false;
};

// Called on the thread that called findAll, never concurrently, with matches in increasing
// offset order. The pointer is valid only during the call.
using MatchBatchFn = std::function<void(const Match* matches, std::size_t count)>;
// Called on the calling thread after each chunk: bytes done and total (bytes).
using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Finds all matches on worker threads. Blocks until done, failed or cancelled; all worker
// threads are joined before it returns. Cancellation is not an error: the summary says
// cancelled, and every match already delivered is valid (a prefix of the full result).
Result<FindAllSummary> findAll(const ByteSource& source, const Pattern& pattern,
                               const MatchBatchFn& onMatches, const ProgressFn& onProgress = {},
                               const SearchOptions& options = {});

// The same, with the matches packed into MatchChunks (match_store.h) by the threads that
// find them, for a caller that keeps millions: the calling thread, which delivers in order,
// then only hands the chunks on. Called like onMatches, once per scanned chunk with matches;
// the chunks' offsets are the source's plus offsetBase (for a search of a TailSource).
class MatchChunk;
using MatchChunks = std::vector<std::shared_ptr<const MatchChunk>>;
using MatchChunksFn = std::function<void(MatchChunks chunks)>;
Result<FindAllSummary> findAllChunked(const ByteSource& source, const Pattern& pattern,
                                      const MatchChunksFn& onChunks, const ProgressFn& onProgress = {},
                                      const SearchOptions& options = {}, std::uint64_t offsetBase = 0);

} // namespace hexmap
