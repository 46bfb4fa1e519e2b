// SPDX-License-Identifier: MIT
#include "searcher.h"

#include "match_store.h"

#include "scanner.h"

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

namespace hexmap {

Status findInRange(const ByteSource& source, const Pattern& pattern, std::uint64_t from,
                   std::uint64_t to, std::vector<Match>& out, const SearchOptions& options) {
    out.clear();
    to = std::min(to, source.size());
    if (from >= to) return {};
    SearchOptions one = options;
    one.chunkSize = static_cast<std::size_t>(to - from);
    one.exactOrFail = true;
    search::Scanner scanner(source, pattern, one);
    return scanner.scan(from, to, [&](const Match& m) {
        out.push_back(m);
        return true;
    });
}

Result<std::vector<Match>> findInRange(const ByteSource& source, const Pattern& pattern,
                                      std::uint64_t from, std::uint64_t to,
                                      const SearchOptions& options) {
    std::vector<Match> out;
    if (Status s = findInRange(source, pattern, from, to, out, options); !s) return s.error();
    return out;
}

Result<std::optional<FoundMatch>> findNext(const ByteSource& source, const Pattern& pattern,
                                           std::uint64_t from, const SearchOptions& options) {
    from = std::min(from, source.size());
    search::Scanner scanner(source, pattern, options);
    std::optional<Match> found;
    auto take = [&](const Match& m) {
        found = m;
        return false;
    };
    if (Status s = scanner.scan(from, source.size(), take); !s) return s.error();
    if (found) return std::optional<FoundMatch>(FoundMatch{*found, false});
    if (Status s = scanner.scan(0, from, take); !s) return s.error();
    if (found) return std::optional<FoundMatch>(FoundMatch{*found, true});
    return std::optional<FoundMatch>{};
}

Result<std::optional<FoundMatch>> findPrevious(const ByteSource& source, const Pattern& pattern,
                                               std::uint64_t from, const SearchOptions& options) {
    from = std::min(from, source.size());
    search::Scanner scanner(source, pattern, options);
    auto before = scanner.lastIn(0, from);
    if (!before) return before.error();
    if (before.value()) return std::optional<FoundMatch>(FoundMatch{*before.value(), false});
    auto after = scanner.lastIn(from, source.size());
    if (!after) return after.error();
    if (after.value()) return std::optional<FoundMatch>(FoundMatch{*after.value(), true});
    return std::optional<FoundMatch>{};
}

// Find all: the source is cut into chunks of options.chunkSize. Workers take chunks in
// order and scan each independently (starting at the chunk's first byte, reading past its
// end as the pattern needs), so each chunk's list is correct *if* the scan had arrived at
// the chunk's start. The calling thread merges the lists in chunk order: when the last
// match emitted runs past a chunk's start and the chunk's first matches overlap it, the
// chunk is rescanned from that match's end until the rescan meets a match of the worker's
// list (from there on both scans agree, since the scan is deterministic from a position),
// so the result is exactly the serial leftmost, non-overlapping scan.
namespace {

MatchChunks packed(const std::vector<Match>& list, std::uint64_t base) {
    MatchChunks out;
    for (std::size_t at = 0, used = 0; at < list.size(); at += used)
        out.push_back(MatchChunk::pack(list.data() + at, list.size() - at, base, &used));
    return out;
}

// findAll and findAllChunked: one of onMatches and onChunks is set.
Result<FindAllSummary> findAllImpl(const ByteSource& source, const Pattern& pattern,
                                   const MatchBatchFn& onMatches, const MatchChunksFn& onChunks,
                                   const ProgressFn& onProgress, const SearchOptions& options,
                                   std::uint64_t offsetBase) {
    FindAllSummary summary;
    const std::uint64_t size = source.size();
    if (size == 0) return summary;
    const std::uint64_t chunk = std::max<std::size_t>(options.chunkSize, 1);
    const std::uint64_t chunks = (size + chunk - 1) / chunk;
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    threads = static_cast<unsigned>(std::clamp<std::uint64_t>(threads, 1, chunks));
    // grep -P's \G depends on where the previous match ended, which a chunk scanned in
    // parallel cannot know: such patterns are scanned by one thread, in order.
    if (pattern.isRegex() && pattern.shape().usesG) threads = 1;
    // Workers may run this many chunks ahead of the merge, which bounds the memory held by
    // finished but not yet delivered chunks.
    const std::uint64_t ahead = std::uint64_t(threads) * 4;

    struct Slot {
        std::vector<Match> matches;
        MatchChunks chunks; // the matches packed, by the thread that found them (onChunks)
        std::uint64_t firstAttempt = 0; // where the first match's attempt started
        std::uint64_t cursor = 0;       // where the chunk's scan stopped (see endCursor)
        std::optional<Error> error;
    };
    std::mutex mutex;
    std::condition_variable workerCv, mergeCv;
    std::map<std::uint64_t, Slot> finished;
    std::uint64_t nextChunk = 0; // guarded by mutex
    std::uint64_t merged = 0;    // chunks delivered; guarded by mutex
    std::atomic<bool> stop{false};

    // Delivered chunks' match lists, kept for their capacity: a fresh list per 1 MiB chunk
    // page-faulted its way through 235 MB for 14.7 million matches. Guarded by mutex.
    std::vector<std::vector<Match>> spare;

    // Scans chunk k into a slot and files it.
    auto scanChunk = [&](search::Scanner& scanner, std::uint64_t k) {
        Slot slot;
        {
            std::lock_guard lock(mutex);
            if (!spare.empty()) {
                slot.matches = std::move(spare.back());
                spare.pop_back();
            }
        }
        const std::uint64_t a = k * chunk;
        Status s = scanner.scan(a, std::min(size, a + chunk), [&](const Match& m) {
            if (slot.matches.empty()) slot.firstAttempt = scanner.lastAttempt;
            slot.matches.push_back(m);
            return true;
        });
        if (!s) slot.error = s.error();
        slot.cursor = scanner.endCursor;
        if (onChunks && !slot.matches.empty()) slot.chunks = packed(slot.matches, offsetBase);
        std::lock_guard lock(mutex);
        finished.emplace(k, std::move(slot));
    };
    auto worker = [&] {
        search::Scanner scanner(source, pattern, options, &stop);
        for (;;) {
            std::uint64_t k;
            {
                std::unique_lock lock(mutex);
                workerCv.wait(lock, [&] { return stop.load() || nextChunk < merged + ahead; });
                if (stop.load() || nextChunk >= chunks) return;
                k = nextChunk++;
            }
            scanChunk(scanner, k);
            mergeCv.notify_one();
        }
    };

    // The calling thread is one of the scanners too (it merges when the next chunk in order
    // is ready, and scans one otherwise): no thread sits waiting while the cores work.
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned i = 1; i < threads; ++i) {
        try {
            pool.emplace_back(worker);
        } catch (const std::system_error&) {
            break; // fewer threads than asked still finish the work
        }
    }
    search::Scanner own(source, pattern, options, &stop);

    std::optional<Error> failure;
    search::Scanner rescanner(source, pattern, options);
    // Where the serial scan's cursor stands after the chunks merged so far: the end of the
    // last match delivered, or past it when an empty \K match made the cursor skip.
    std::uint64_t nextAllowed = 0;
    // With \K a chunk's own list can also miss matches that a scan starting later finds
    // (an empty match's skip may jump over them), so any disagreement means a rescan.
    const bool resetsStart = pattern.isRegex() && pattern.shape().resetsStart;
    for (std::uint64_t k = 0; k < chunks; ++k) {
        Slot slot;
        {
            std::unique_lock lock(mutex);
            while (finished.count(k) == 0) {
                if (nextChunk < chunks && nextChunk < merged + ahead) {
                    const std::uint64_t mine = nextChunk++;
                    lock.unlock();
                    scanChunk(own, mine);
                    lock.lock();
                } else {
                    mergeCv.wait(lock, [&] { return finished.count(k) != 0; });
                }
            }
            auto it = finished.find(k);
            slot = std::move(it->second);
            finished.erase(it);
            merged = k + 1;
        }
        workerCv.notify_all();
        if (slot.error) {
            if (slot.error->code == ECANCELED) {
                summary.cancelled = true;
            } else {
                failure = slot.error;
            }
            break;
        }
        std::vector<Match>& list = slot.matches;
        const std::uint64_t a = k * chunk;
        const std::uint64_t b = std::min(size, a + chunk);
        // Attempts, not reported starts, decide: with \K a match reported at or after
        // nextAllowed may come from an attempt inside the match delivered last.
        std::uint64_t cursor = slot.cursor;
        if (nextAllowed > a &&
            (resetsStart || (!list.empty() && slot.firstAttempt < nextAllowed))) {
            std::vector<Match> fixed;
            std::size_t j = 0;
            bool met = false;
            Status s = rescanner.scan(nextAllowed, b, [&](const Match& m) {
                while (j < list.size() && list[j].offset < m.offset)
                    ++j;
                if (j < list.size() && list[j] == m) {
                    fixed.insert(fixed.end(), list.begin() + static_cast<std::ptrdiff_t>(j),
                                 list.end());
                    met = true;
                    return false;
                }
                fixed.push_back(m);
                return true;
            });
            if (!s) {
                if (s.error().code == ECANCELED) {
                    summary.cancelled = true;
                } else {
                    failure = s.error();
                }
                break;
            }
            list = std::move(fixed);
            if (onChunks) slot.chunks = packed(list, offsetBase);
            if (!met) cursor = rescanner.endCursor;
        }
        nextAllowed = std::max(nextAllowed, cursor);
        if (!list.empty()) {
            summary.matches += list.size();
            if (onChunks) onChunks(std::move(slot.chunks));
            else if (onMatches) onMatches(list.data(), list.size());
            list.clear();
            std::lock_guard lock(mutex);
            if (spare.size() < ahead + 1) spare.push_back(std::move(list));
        }
        summary.bytesScanned = b;
        if (onProgress) onProgress(b, size);
        if (options.cancel && options.cancel->load()) {
            summary.cancelled = summary.bytesScanned < size;
            break;
        }
    }

    {
        std::lock_guard lock(mutex);
        stop = true;
    }
    workerCv.notify_all();
    for (std::thread& t : pool)
        t.join();
    if (failure) return *failure;
    return summary;
}

} // namespace

Result<FindAllSummary> findAll(const ByteSource& source, const Pattern& pattern,
                               const MatchBatchFn& onMatches, const ProgressFn& onProgress,
                               const SearchOptions& options) {
    return findAllImpl(source, pattern, onMatches, {}, onProgress, options, 0);
}

Result<FindAllSummary> findAllChunked(const ByteSource& source, const Pattern& pattern,
                                      const MatchChunksFn& onChunks, const ProgressFn& onProgress,
                                      const SearchOptions& options, std::uint64_t offsetBase) {
    return findAllImpl(source, pattern, {}, onChunks, onProgress, options, offsetBase);
}

} // namespace hexmap
