// SPDX-License-Identifier: MIT
#include "line_filter.h"

#include "searcher.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace hexmap {

namespace {

// The bytes of [start, end): in place when the source is memory, else read into `buffer`.
const std::uint8_t* bytesOf(const ByteSource& source, std::uint64_t start, std::uint64_t end,
                            std::vector<std::uint8_t>& buffer, bool* ok) {
    *ok = true;
    if (const std::uint8_t* direct = source.direct()) return direct + start;
    buffer.resize(static_cast<std::size_t>(end - start));
    *ok = source.read(start, buffer.data(), buffer.size()) == buffer.size();
    return buffer.data();
}

// One past the last newline of [p, p + n), or 0 when it has none.
std::size_t afterLastNewline(const std::uint8_t* p, std::size_t n) {
    const void* nl = n ? memrchr(p, '\n', n) : nullptr;
    return nl ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(nl) - p) + 1 : 0;
}

} // namespace

Result<LineFilterSummary> filterLines(const ByteSource& source,
                                      const std::vector<LineFilterRule>& rules, std::uint64_t from,
                                      std::uint64_t firstNumber, const FilteredLinesFn& onLines,
                                      const LineFilterOptions& options) {
    LineFilterSummary summary;
    const std::uint64_t size = source.size();
    const std::size_t chunk = std::max<std::size_t>(1, options.chunkSize);
    bool anyInclude = false;
    for (const LineFilterRule& r : rules)
        anyInclude = anyInclude || !r.exclude;
    std::vector<std::uint8_t> buffer;
    std::vector<FilteredLine> kept;
    std::vector<std::vector<Match>> matches(rules.size());
    std::vector<std::size_t> next(rules.size());
    std::uint64_t pos = std::min(from, size), number = firstNumber;
    std::uint64_t openStart = 0, openNumber = 0;
    bool open = false;
    while (pos < size) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            summary.cancelled = true;
            break;
        }
        // A chunk of whole lines: up to its last newline, grown while a line is longer.
        std::uint64_t end = std::min<std::uint64_t>(size, pos + chunk);
        const std::uint8_t* p = nullptr;
        std::uint64_t cut = 0;
        for (;;) {
            bool ok = true;
            p = bytesOf(source, pos, end, buffer, &ok);
            if (!ok) return Error{EIO, "A read of the file failed while filtering its lines."};
            const std::size_t after = afterLastNewline(p, static_cast<std::size_t>(end - pos));
            if (after) {
                cut = end == size ? end : pos + after;
                break;
            }
            if (end == size) {
                cut = end;
                break;
            }
            end = std::min<std::uint64_t>(size, pos + 2 * (end - pos));
        }
        if (cut != end) {
            bool ok = true;
            p = bytesOf(source, pos, cut, buffer, &ok); // the same bytes, shorter when read
            if (!ok) return Error{EIO, "A read of the file failed while filtering its lines."};
        }
        for (std::size_t r = 0; r < rules.size(); ++r) {
            if (Status found = findInRange(source, rules[r].pattern, pos, cut, matches[r]); !found)
                return found.error();
            next[r] = 0;
        }
        // Each line once; each rule's matches are walked alongside.
        kept.clear();
        const std::size_t n = static_cast<std::size_t>(cut - pos);
        std::size_t at = 0;
        open = false;
        while (at < n) {
            const void* nl = std::memchr(p + at, '\n', n - at);
            const std::size_t lineEnd =
                nl ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(nl) - p) : n;
            const std::uint64_t ls = pos + at, le = pos + lineEnd;
            bool included = !anyInclude, excluded = false;
            for (std::size_t r = 0; r < rules.size(); ++r) {
                const std::vector<Match>& m = matches[r];
                std::size_t& i = next[r];
                while (i < m.size() && m[i].offset < ls)
                    ++i;
                const bool hit = i < m.size() && m[i].offset < le;
                if (!hit) continue;
                if (rules[r].exclude)
                    excluded = true;
                else
                    included = true;
            }
            if (included && !excluded) kept.push_back({ls, number});
            if (!nl) { // the last line, with no newline (yet)
                openStart = ls;
                openNumber = number;
                open = true;
            }
            ++number;
            at = lineEnd + 1;
        }
        summary.lines = number - firstNumber;
        summary.kept += kept.size();
        if (!kept.empty() && onLines) onLines(kept.data(), kept.size());
        pos = cut;
    }
    summary.end = pos;
    summary.lines = number - firstNumber;
    summary.resumeAt = open ? openStart : pos;
    summary.resumeNumber = open ? openNumber : number;
    return summary;
}

} // namespace hexmap
