// SPDX-License-Identifier: MIT
#include "scanner.h"

#include "regex_matcher.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

namespace hexmap::search {

const Error& cancelledError() {
    static const Error e{ECANCELED, "The search was cancelled."};
    return e;
}

const Error& tooLongError() {
    static const Error e{ERANGE, "A match runs further than the search may read past its chunk."};
    return e;
}

Scanner::Scanner(const ByteSource& source, const Pattern& pattern, const SearchOptions& options,
                 const std::atomic<bool>* stop)
    : m_source(source), m_options(options), m_stop(stop), m_size(source.size()),
      m_chunk(std::max<std::size_t>(options.chunkSize, 1)) {
    m_regex = pattern.isRegex();
    m_matcher = makeMatcher(pattern, options.regexMatchLimit);
    m_matcher->setStop(options.cancel, stop);
    m_skipHoles = !m_matcher->canStartAtZero();
    if (!source.direct() && m_size > 0) {
        std::vector<std::span<const std::uint8_t>> probe;
        m_pieces = source.runs(0, 1, 1, probe) > 0;
    }
}

std::span<const std::uint8_t> Scanner::runAt(std::uint64_t at) {
    if (at >= m_size) return {};
    if (m_runStarts.empty() || at < m_runStarts.front() || at >= m_runsEnd) {
        // A chunk and a little past it (Find All's threads take chunks in turn, so the
        // next one this thread scans is not the next in the file), or 4096 pieces,
        // whichever comes first: one walk of the tree serves the windows of a chunk.
        m_runs.clear();
        m_runStarts.clear();
        m_runsEnd = m_source.runs(at, at + m_chunk + 65536, 4096, m_runs);
        m_runAt = 0;
        std::uint64_t start = at;
        for (const auto& r : m_runs) {
            m_runStarts.push_back(start);
            start += r.size();
        }
        if (m_runs.empty()) return {};
    }
    // Windows walk forwards: the run asked for is most often the last one or the next.
    std::size_t i = std::min(m_runAt, m_runs.size() - 1);
    if (at < m_runStarts[i] || at - m_runStarts[i] >= m_runs[i].size()) {
        if (i + 1 < m_runs.size() && at >= m_runStarts[i + 1] &&
            at - m_runStarts[i + 1] < m_runs[i + 1].size())
            ++i;
        else
            i = static_cast<std::size_t>(
                std::upper_bound(m_runStarts.begin(), m_runStarts.end(), at) - 1 - m_runStarts.begin());
    }
    m_runAt = i;
    return m_runs[i].subspan(static_cast<std::size_t>(at - m_runStarts[i]));
}

std::uint64_t Scanner::ownedEnd(std::uint64_t p, std::uint64_t limit, std::size_t overlap) {
    if (!m_pieces) return limit;
    // The window is [p - context, end + overlap); it needs no copy when one piece holds it.
    const std::uint64_t context = std::min<std::uint64_t>(m_matcher->contextBefore(), p);
    const std::uint64_t runEnd = p - context + runAt(p - context).size();
    if (runEnd > p + overlap) return std::min(limit, runEnd - overlap); // in place
    // A seam lies within reach: own only the bytes up to it (or, when the context reaches
    // back across one, the context's length), so the copied window stays small.
    std::uint64_t seam = runEnd > p ? runEnd : p + std::max<std::uint64_t>(context, 1);
    // Short pieces after it (a few typed bytes) join this copied window rather than each
    // making one of their own: a window costs more than copying a few hundred bytes.
    const std::uint64_t reach = std::min(limit, p + 4096);
    while (seam < reach) {
        const std::size_t next = runAt(seam).size();
        if (next == 0 || next > context + overlap + 256) break;
        seam += next;
    }
    return std::min(limit, seam);
}

bool Scanner::cancelled() const {
    return (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed)) ||
           (m_stop && m_stop->load(std::memory_order_relaxed));
}

std::size_t Scanner::firstOverlap() const {
    const std::size_t o = m_matcher->initialOverlap();
    return m_regex ? std::min(o, m_options.maxRegexMatchLength) : o;
}

std::size_t Scanner::grow(std::size_t overlap) const {
    const std::size_t limit = m_options.maxRegexMatchLength;
    return overlap >= limit / 2 ? limit : std::max<std::size_t>(overlap * 2, 1);
}

Extent Scanner::dataAt(std::uint64_t at) {
    if (m_extent.start != ~0ull && at >= m_extent.start && at < m_extent.end) return {at, m_extent.end};
    // Also reuse it when `at` lies in the hole just before the cached stretch.
    if (m_extent.start != ~0ull && at < m_extent.start && m_lastAsked <= at) return m_extent;
    m_lastAsked = at;
    m_extent = m_source.dataAt(at);
    return m_extent;
}

std::uint64_t Scanner::nextCandidate(std::uint64_t at) {
    if (!m_skipHoles) return at;
    const Extent e = dataAt(at);
    return e.start >= m_size ? m_size : std::max(at, e.start);
}

Status Scanner::load(std::uint64_t ownedBegin, std::uint64_t ownedEnd, std::size_t overlap, Window& w) {
    const std::uint64_t context = std::min<std::uint64_t>(m_matcher->contextBefore(), ownedBegin);
    const std::uint64_t begin = ownedBegin - context;
    const std::uint64_t end = std::min<std::uint64_t>(m_size, ownedEnd + overlap);
    const std::size_t n = static_cast<std::size_t>(end - begin);
    w.base = begin;
    w.size = n;
    w.atEof = end == m_size;
    w.final = w.atEof || (overlap >= m_options.maxRegexMatchLength && !m_options.exactOrFail);
    // All data (the common case): straight from memory, or one read.
    const Extent first = dataAt(begin);
    const std::uint8_t* direct = m_source.direct();
    if (first.start == begin && first.end >= end) {
        if (direct) {
            w.data = direct + begin;
            return {};
        }
        if (m_pieces) { // one piece holds the window: read it where it lies
            auto run = runAt(begin);
            if (run.size() >= n) {
                w.data = run.data();
                return {};
            }
            // Around a seam: copied from the cached runs (no walk of the tree).
            if (m_buffer.size() < n) m_buffer.resize(n);
            for (std::size_t got = 0; got < n; run = runAt(begin + got)) {
                if (run.empty())
                    return Error{EIO, "The document could not be read at offset " +
                                          std::to_string(begin + got) + "."};
                const std::size_t k = std::min(run.size(), n - got);
                std::memcpy(m_buffer.data() + got, run.data(), k);
                got += k;
            }
            w.data = m_buffer.data();
            return {};
        }
        if (m_buffer.size() < n) m_buffer.resize(n);
        if (m_source.read(begin, m_buffer.data(), n) != n)
            return Error{EIO, "The file could not be read at offset " + std::to_string(begin) +
                                  " (it may have been truncated by another program)."};
        w.data = m_buffer.data();
        return {};
    }
    // The window touches a hole: zeros there, read (or copied) only the data.
    if (m_buffer.size() < n) m_buffer.resize(n);
    std::memset(m_buffer.data(), 0, n);
    for (std::uint64_t at = begin; at < end;) {
        const Extent e = dataAt(at);
        if (e.start >= end) break;
        const std::uint64_t s = std::max(at, e.start);
        const std::uint64_t t = std::min(end, e.end);
        if (t <= s) break;
        std::uint8_t* dst = m_buffer.data() + (s - begin);
        const auto len = static_cast<std::size_t>(t - s);
        if (direct) {
            std::memcpy(dst, direct + s, len);
        } else if (m_source.read(s, dst, len) != len) {
            return Error{EIO, "The file could not be read at offset " + std::to_string(s) +
                                  " (it may have been truncated by another program)."};
        }
        at = t;
    }
    w.data = m_buffer.data();
    return {};
}

Result<std::optional<Match>> Scanner::lastIn(std::uint64_t from, std::uint64_t to) {
    to = std::min(to, m_size);
    std::uint64_t b = to;
    while (b > from) {
        if (cancelled()) return cancelledError();
        const std::uint64_t a = std::max<std::uint64_t>(from, b > m_chunk ? b - m_chunk : 0);
        if (nextCandidate(a) >= b) { // nothing but a hole where no match can start
            b = a;
            continue;
        }
        std::size_t overlap = firstOverlap();
        Window w;
        if (Status s = load(a, b, overlap, w); !s) return s.error();
        std::optional<Match> last;
        std::uint64_t pos = a;
        while (pos < b) {
            std::size_t start = 0, length = 0;
            const Outcome o = m_matcher->find(w, static_cast<std::size_t>(pos - w.base),
                                              static_cast<std::size_t>(b - w.base), start, length);
            if (o == Outcome::None) break;
            if (o == Outcome::Failed) return m_matcher->error;
            if (o == Outcome::NeedMore) {
                overlap = grow(overlap);
                if (Status s = load(a, b, overlap, w); !s) return s.error();
                continue;
            }
            last = Match{w.base + start, length};
            pos = w.base + m_matcher->attempt + 1;
        }
        if (last) return last;
        b = a;
    }
    return std::optional<Match>{};
}

} // namespace hexmap::search
