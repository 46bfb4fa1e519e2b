// SPDX-License-Identifier: MIT
// Scanner: one thread's reading of a source and driving of a Matcher over it, window by
// window: the leftmost non-overlapping matches of a range, or the last match before an
// offset. It skips holes (known zeros) where no match can start and hands the matcher
// zeros for the parts of a window that lie in a hole, so a sparse file's holes are never
// read. Internal to core/search.
#pragma once

#include "byte_source.h"
#include "matcher.h"
#include "pattern.h"
#include "searcher.h"

#include <memory>
#include <optional>
#include <vector>

namespace hexmap::search {

class Scanner {
public:
    Scanner(const ByteSource& source, const Pattern& pattern, const SearchOptions& options,
            const std::atomic<bool>* stop = nullptr);

    bool cancelled() const;

    // Leftmost, non-overlapping matches whose attempts start in [from, to), in order,
    // passed to onMatch(const Match&) until it returns false. A match may end past `to`.
    template <class F> Status scan(std::uint64_t from, std::uint64_t to, F&& onMatch);

    // The match that starts last in [from, to) (overlapping matches count), scanning
    // backwards one chunk at a time.
    Result<std::optional<Match>> lastIn(std::uint64_t from, std::uint64_t to);

    // Where the attempt of the match last passed to onMatch started (see Matcher::attempt).
    std::uint64_t lastAttempt = 0;
    // Where the last scan's cursor stopped: at least `to`; past it when the last match ran
    // past `to`, or an empty \K match made the cursor skip past it.
    std::uint64_t endCursor = 0;

private:
    std::size_t firstOverlap() const;
    std::size_t grow(std::size_t overlap) const;
    // Where the window owning bytes from `p` ends: `limit` (p + chunk, clipped to the range),
    // or, over a source in pieces, sooner, so that a window lies inside one piece (read in
    // place) or is the few bytes around a seam (copied).
    std::uint64_t ownedEnd(std::uint64_t p, std::uint64_t limit, std::size_t overlap);
    // Makes w cover [ownedBegin - context, ownedEnd + overlap), clipped to the source, with
    // zeros where it lies in a hole.
    Status load(std::uint64_t ownedBegin, std::uint64_t ownedEnd, std::size_t overlap, Window& w);
    // The data stretch at or after `at` (cached: most calls ask about the same one).
    Extent dataAt(std::uint64_t at);
    // The first offset >= `at` where a match may start: `at` itself, or the start of the
    // next data stretch when holes cannot start one. m_size when none.
    std::uint64_t nextCandidate(std::uint64_t at);

    const ByteSource& m_source;
    const SearchOptions& m_options;
    const std::atomic<bool>* m_stop;
    std::uint64_t m_size;
    std::uint64_t m_chunk;
    std::unique_ptr<Matcher> m_matcher;
    bool m_regex = false;
    bool m_skipHoles = false;
    // The bytes in place from `at` to the end of its piece, from the runs cached by one
    // walk of the source's pieces (refilled when `at` leaves them).
    std::span<const std::uint8_t> runAt(std::uint64_t at);

    bool m_pieces = false; // the source is memory in pieces (runs() answers)
    std::vector<std::span<const std::uint8_t>> m_runs;
    std::vector<std::uint64_t> m_runStarts;
    std::uint64_t m_runsEnd = 0;
    std::size_t m_runAt = 0; // the run last asked for
    Extent m_extent{~0ull, ~0ull};
    std::uint64_t m_lastAsked = 0;
    std::vector<std::uint8_t> m_buffer;
};

const Error& cancelledError();
const Error& tooLongError();

template <class F> Status Scanner::scan(std::uint64_t from, std::uint64_t to, F&& onMatch) {
    to = std::min(to, m_size);
    std::uint64_t p = from;
    endCursor = std::max(from, to);
    while (p < to) {
        if (cancelled()) return cancelledError();
        p = nextCandidate(p);
        if (p >= to) break;
        std::size_t overlap = firstOverlap();
        const std::uint64_t pieceEnd = ownedEnd(p, p + std::min<std::uint64_t>(m_chunk, to - p), overlap);
        Window w;
        if (Status s = load(p, pieceEnd, overlap, w); !s) return s;
        std::uint64_t pos = p;
        while (pos < pieceEnd) {
            std::size_t start = 0, length = 0;
            const Outcome o = m_matcher->find(w, static_cast<std::size_t>(pos - w.base),
                                              static_cast<std::size_t>(pieceEnd - w.base), start, length);
            if (o == Outcome::None) {
                if (m_matcher->skipTo) pos = std::max(pos, w.base + m_matcher->skipTo);
                break;
            }
            if (o == Outcome::Failed) return m_matcher->error;
            if (o == Outcome::NeedMore) {
                if (overlap >= m_options.maxRegexMatchLength) return tooLongError();
                overlap = grow(overlap);
                if (Status s = load(p, pieceEnd, overlap, w); !s) return s;
                continue;
            }
            const Match m{w.base + start, length};
            lastAttempt = w.base + m_matcher->attempt;
            if (!onMatch(m)) return {};
            pos = m.offset + m.length;
        }
        p = std::max(pieceEnd, pos);
    }
    endCursor = std::max(p, to);
    return {};
}

} // namespace hexmap::search
