// SPDX-License-Identifier: MIT
#include "log_merge.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

namespace hexmap {

namespace {

// How much of a line's start is read for its time: every supported format fits.
constexpr std::size_t kTimePrefix = 256;
// A file is read in windows of this size when it is not memory.
constexpr std::size_t kWindow = 1u << 20;

// One file's lines, one after the other: straight from memory when the source is memory,
// else through a window of kWindow bytes (a line longer than the window is walked window
// by window; only its first kTimePrefix bytes are needed for its time).
class LineWalker {
public:
    explicit LineWalker(const MergeInput& in) : m_in(in), m_size(in.bytes->size()) {
        m_direct = in.bytes->direct();
        if (!m_direct) m_buf.resize(kWindow);
    }

    bool done() const { return m_pos >= m_size || m_cut; }
    bool cut() const { return m_cut; }
    std::uint64_t position() const { return m_pos; }

    // Reads the line at position(): its start, and its time (nullopt when it has none).
    // Moves past it.
    std::uint64_t next(std::optional<std::int64_t>& time) {
        const std::uint64_t start = m_pos;
        const std::string_view head = bytesAt(start, kTimePrefix);
        if (head.empty()) { // the read came up short: the file shrank under us
            m_cut = true;
            time.reset();
            return start;
        }
        const std::size_t nl = head.find('\n');
        time = lineTime(head.substr(0, nl == std::string_view::npos ? head.size() : nl),
                        m_in.format, m_in.year);
        if (nl != std::string_view::npos) {
            m_pos = start + nl + 1;
            return start;
        }
        // A long line (or the last one): on to its newline, a window at a time.
        std::uint64_t at = start + head.size();
        while (at < m_size) {
            const std::string_view more = bytesAt(at, kWindow);
            if (more.empty()) {
                m_cut = true;
                break;
            }
            if (const void* p = std::memchr(more.data(), '\n', more.size())) {
                at += static_cast<std::uint64_t>(static_cast<const char*>(p) - more.data()) + 1;
                m_pos = at;
                return start;
            }
            at += more.size();
        }
        m_pos = std::max(at, m_size);
        return start;
    }

private:
    // Up to `want` bytes at `at` (fewer at the end of the file; empty on a short read).
    std::string_view bytesAt(std::uint64_t at, std::size_t want) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(want, m_size - at));
        if (m_direct) return {reinterpret_cast<const char*>(m_direct + at), n};
        if (at < m_winStart || at + n > m_winStart + m_winLen) {
            const std::size_t len =
                static_cast<std::size_t>(std::min<std::uint64_t>(kWindow, m_size - at));
            const std::size_t got = m_in.bytes->read(at, m_buf.data(), len);
            m_winStart = at;
            m_winLen = got;
            if (got < n) return {};
        }
        return {reinterpret_cast<const char*>(m_buf.data() + (at - m_winStart)), n};
    }

    const MergeInput& m_in;
    std::uint64_t m_size;
    const std::uint8_t* m_direct = nullptr;
    std::vector<std::uint8_t> m_buf;
    std::uint64_t m_winStart = 0;
    std::size_t m_winLen = 0;
    std::uint64_t m_pos = 0;
    bool m_cut = false;
};

// A file's next line, waiting to be merged.
struct Head {
    std::int64_t time = std::numeric_limits<std::int64_t>::min(); // before every real time
    std::uint64_t start = 0;
    bool live = false;
};

} // namespace

Result<LogMergeSummary> mergeLogs(const std::vector<MergeInput>& inputs,
                                  const std::function<void(std::shared_ptr<MergedBatch>)>& onBatch,
                                  const LogMergeOptions& options) {
    const std::size_t k = inputs.size();
    if (k > kMaxMergedFiles)
        return Error{0, "At most " + std::to_string(kMaxMergedFiles) + " files can be merged."};
    std::uint64_t total = 0;
    for (const MergeInput& in : inputs) {
        if (in.bytes->size() > MergedLine::kOffsetMask)
            return Error{0, "A file of more than 64 PiB cannot be merged."};
        total += in.bytes->size();
    }
    LogMergeSummary summary;
    summary.lines.assign(k, 0);
    summary.untimed.assign(k, 0);
    summary.cut.assign(k, false);
    std::vector<LineWalker> walkers;
    walkers.reserve(k);
    std::vector<Head> heads(k);
    auto advance = [&](std::size_t f) {
        LineWalker& w = walkers[f];
        if (w.done()) {
            heads[f].live = false;
            return;
        }
        std::optional<std::int64_t> time;
        const std::uint64_t start = w.next(time);
        if (w.cut() && start >= w.position() && !time) { // nothing was read
            heads[f].live = false;
            return;
        }
        heads[f].start = start;
        heads[f].live = true;
        if (time)
            heads[f].time = *time;
        else
            ++summary.untimed[f]; // keeps the time of the line before it
    };
    for (std::size_t f = 0; f < k; ++f) {
        walkers.emplace_back(inputs[f]);
        advance(f);
    }
    const std::size_t batchLines = std::max<std::size_t>(1, options.batchLines);
    auto batch = std::make_shared<MergedBatch>();
    batch->firstNumbers = summary.lines;
    batch->lines.reserve(batchLines);
    auto flush = [&] {
        if (batch->lines.empty()) return;
        onBatch(std::move(batch));
        batch = std::make_shared<MergedBatch>();
        batch->firstNumbers = summary.lines;
        batch->lines.reserve(batchLines);
        if (options.progress) {
            std::uint64_t done = 0;
            for (const LineWalker& w : walkers)
                done += w.position();
            options.progress(done, total);
        }
    };
    for (;;) {
        // The earliest head; on equal times the first file (a handful of files: a scan
        // beats a heap).
        std::size_t best = k;
        for (std::size_t f = 0; f < k; ++f)
            if (heads[f].live && (best == k || heads[f].time < heads[best].time)) best = f;
        if (best == k) break;
        batch->lines.emplace_back(static_cast<unsigned>(best), heads[best].start);
        ++summary.lines[best];
        advance(best);
        if (batch->lines.size() >= batchLines) {
            flush();
            if (options.stop && options.stop->load(std::memory_order_relaxed)) {
                summary.stopped = true;
                break;
            }
        }
    }
    flush();
    for (std::size_t f = 0; f < k; ++f)
        summary.cut[f] = walkers[f].cut();
    return summary;
}

} // namespace hexmap
