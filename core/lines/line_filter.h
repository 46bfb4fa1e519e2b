// SPDX-License-Identifier: MIT
// LineFilter: the lines of a log that a set of filters keeps, as glogg's and klogg's filter
// pane and lnav's :filter-in / :filter-out show them. A line is kept when some include rule
// matches it (or there is no include rule) and no exclude rule does; a rule matches a line
// when one of its matches starts on it (grep's rule for patterns that do not span lines).
// The scan cuts the file into chunks of whole lines, scanned on every core: each finds every
// rule's matches in its chunk with the search's own matchers (literal rules run at memory
// speed) and walks the chunk's lines once; what it keeps is a line's start and number, 16
// bytes a line, handed on in order as it goes.
#pragma once

#include "byte_source.h"
#include "pattern.h"
#include "result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace hexmap {

struct LineFilterRule {
    Pattern pattern;
    bool exclude = false; // filter out: lines it matches are dropped
};

// One kept line: where it starts and its number (0-based; the gutter adds one).
struct FilteredLine {
    std::uint64_t start = 0;
    std::uint64_t number = 0;
    friend bool operator==(const FilteredLine&, const FilteredLine&) = default;
};

struct LineFilterOptions {
    std::size_t chunkSize = std::size_t(1) << 20; // bytes scanned at a time (small in tests)
    const std::atomic<bool>* cancel = nullptr;    // checked once a wave of chunks
    unsigned threads = 0;                         // 0: std::thread::hardware_concurrency()
};

struct LineFilterSummary {
    std::uint64_t kept = 0;
    std::uint64_t lines = 0; // lines looked at
    std::uint64_t end = 0;   // where the scan stopped: a line start (the size when done)
    bool cancelled = false;
    // Where a scan of what is appended later goes on: the last line's start and number when
    // it has no newline yet (appended bytes continue it: it is looked at again, and a caller
    // drops what it kept of it), else end and firstNumber + lines.
    std::uint64_t resumeAt = 0;
    std::uint64_t resumeNumber = 0;
};

// Called in line order, on the calling thread, with the lines one region kept (never
// empty). The callee may take them (move from the vector): a copy of 2.5 million lines
// was a second 40 MB of fresh pages to fault in.
using FilteredLinesFn = std::function<void(std::vector<FilteredLine>& lines)>;

// Filters the lines of [from, source.size()): `from` must be a line start and `firstNumber`
// its line number (0 and 0 for the whole file; the summary's end and line count for the part
// a growing file appended). The last line may lack its newline. With no rule at all every
// line is kept.
Result<LineFilterSummary> filterLines(const ByteSource& source,
                                      const std::vector<LineFilterRule>& rules, std::uint64_t from,
                                      std::uint64_t firstNumber, const FilteredLinesFn& onLines,
                                      const LineFilterOptions& options = {});

} // namespace hexmap
