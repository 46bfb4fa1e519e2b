// SPDX-License-Identifier: MIT
// Several logs as one, ordered by time (issue 22; lnav's merged view): a k-way merge of the
// files' lines by the timestamp each line starts with. Like `sort -m -s`, it compares only
// the lines at the heads of the files, so a line out of order within its file stays where
// its file put it, and on equal times the earlier file goes first. A line without a time
// (a stack trace's continuation, a wrapped message) keeps the time of the line before it
// in its file, so it stays under that line; lines before a file's first time come first.
//
// A merged line is 8 bytes (which file, where its line starts); the merge hands them on in
// batches of at most kMergeBatchLines, each with the line number its file had reached at
// the batch's start, so a view finds a line's number in its own file by counting within
// one batch and never keeps a number per line.
#pragma once

#include "byte_source.h"
#include "log_time.h"
#include "result.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace hexmap {

// Which file (up to kMaxMergedFiles) and where its line starts (offsets below 2^56).
class MergedLine {
public:
    static constexpr int kFileBits = 8;
    static constexpr std::uint64_t kOffsetMask = (std::uint64_t{1} << (64 - kFileBits)) - 1;
    MergedLine() = default;
    MergedLine(unsigned file, std::uint64_t start)
        : m_packed(std::uint64_t{file} << (64 - kFileBits) | (start & kOffsetMask)) {}
    unsigned file() const { return static_cast<unsigned>(m_packed >> (64 - kFileBits)); }
    std::uint64_t start() const { return m_packed & kOffsetMask; }
    friend bool operator==(const MergedLine&, const MergedLine&) = default;

private:
    std::uint64_t m_packed = 0;
};
static_assert(sizeof(MergedLine) == 8);

constexpr unsigned kMaxMergedFiles = 1u << MergedLine::kFileBits;
constexpr std::size_t kMergeBatchLines = 4096;

// A run of merged lines and, for each file, the (0-based) number of its line that comes
// next at the run's start.
struct MergedBatch {
    std::vector<MergedLine> lines;
    std::vector<std::uint64_t> firstNumbers;
};

struct MergeInput {
    const ByteSource* bytes = nullptr; // must outlive the merge
    TimeFormat format = TimeFormat::None;
    int year = 1970; // for syslog lines
};

struct LogMergeOptions {
    const std::atomic<bool>* stop = nullptr; // checked every batch
    std::size_t batchLines = kMergeBatchLines;
    // Up to this many files, each is read (its lines found, their times parsed) on a thread
    // of its own ahead of the merge; more files are read by the merging thread itself.
    std::size_t readerThreads = 16;
    // Bytes merged so far of all files, and their total; every batch.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct LogMergeSummary {
    std::vector<std::uint64_t> lines;   // per file: lines merged
    std::vector<std::uint64_t> untimed; // per file: lines without a time of their own
    std::vector<bool> cut;              // per file: a read came up short (the file shrank)
    bool stopped = false;
};

// Merges the inputs' lines (a last line without its newline counts) into batches handed to
// onBatch in order. Fails only for more than kMaxMergedFiles inputs or an offset past 2^56.
Result<LogMergeSummary> mergeLogs(const std::vector<MergeInput>& inputs,
                                  const std::function<void(std::shared_ptr<MergedBatch>)>& onBatch,
                                  const LogMergeOptions& options = {});

} // namespace hexmap
