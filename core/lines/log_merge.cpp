// SPDX-License-Identifier: MIT
#include "log_merge.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

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

// A line with its time (its own, or carried from the line above it in its file).
struct TimedLine {
    std::int64_t time;
    std::uint64_t start;
};

// One file's timed lines, in order. Read inline by the merging thread, or by a reader
// thread of its own a few blocks ahead: reading a line and parsing its time is ~80% of a
// merge (perf, two 1 GiB logs), and a reader per file puts that on every core while the
// merging thread only compares heads. The results are the same either way.
class FileLines {
public:
    static constexpr std::size_t kBlock = 16384; // lines handed over at a time
    static constexpr std::size_t kAhead = 4;     // blocks a reader may be ahead

    FileLines(const MergeInput& in, bool threaded) : m_walker(in) {
        if (threaded) m_thread = std::thread([this] { readAhead(); });
    }
    ~FileLines() { stopReading(); }
    // Ends the reader thread (if any) and joins it.
    void stopReading() {
        if (m_thread.joinable()) {
            {
                std::lock_guard lock(m_mutex);
                m_quit = true;
            }
            m_cv.notify_all();
            m_thread.join();
        }
    }

    // The next line; false at the end of the file.
    bool next(TimedLine& out) {
        if (m_at == m_block.size()) {
            m_block.clear();
            m_at = 0;
            if (m_thread.joinable()) {
                std::unique_lock lock(m_mutex);
                m_cv.wait(lock, [&] { return !m_ready.empty() || m_finished; });
                if (m_ready.empty()) return false;
                m_block = std::move(m_ready.front());
                m_ready.pop_front();
                lock.unlock();
                m_cv.notify_all();
            } else {
                fill(m_block);
            }
            if (m_block.empty()) return false;
        }
        out = m_block[m_at++];
        return true;
    }
    // After stopReading() (lines read, which is every line once next() returned false):
    std::uint64_t untimed() const { return m_untimed; }
    bool cut() const { return m_cut; }
    // How far reading has gone (for progress; any thread).
    std::uint64_t position() const { return m_position.load(std::memory_order_relaxed); }

private:
    // Up to kBlock lines from where the walker is.
    void fill(std::vector<TimedLine>& block) {
        block.reserve(kBlock);
        while (block.size() < kBlock && !m_walker.done()) {
            std::optional<std::int64_t> time;
            const std::uint64_t start = m_walker.next(time);
            if (m_walker.cut() && start >= m_walker.position() && !time) break; // nothing read
            if (time)
                m_time = *time;
            else
                ++m_untimed; // keeps the time of the line before it
            block.push_back({m_time, start});
        }
        m_cut = m_walker.cut();
        m_position.store(m_walker.position(), std::memory_order_relaxed);
    }
    void readAhead() {
        for (;;) {
            std::vector<TimedLine> block;
            fill(block);
            std::unique_lock lock(m_mutex);
            if (block.empty()) {
                m_finished = true;
                lock.unlock();
                m_cv.notify_all();
                return;
            }
            m_cv.wait(lock, [&] { return m_ready.size() < kAhead || m_quit; });
            if (m_quit) return;
            m_ready.push_back(std::move(block));
            lock.unlock();
            m_cv.notify_all();
        }
    }

    LineWalker m_walker;
    std::int64_t m_time = std::numeric_limits<std::int64_t>::min(); // before every real time
    std::uint64_t m_untimed = 0;
    bool m_cut = false;
    std::atomic<std::uint64_t> m_position{0};
    // The merging thread's block.
    std::vector<TimedLine> m_block;
    std::size_t m_at = 0;
    // Between the reader and the merging thread.
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::vector<TimedLine>> m_ready;
    bool m_finished = false;
    bool m_quit = false;
    std::thread m_thread; // last: it starts once everything above is made
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
    const bool threaded = k <= options.readerThreads;
    std::vector<std::unique_ptr<FileLines>> files;
    for (const MergeInput& in : inputs)
        files.push_back(std::make_unique<FileLines>(in, threaded));
    std::vector<TimedLine> heads(k);
    std::vector<bool> live(k);
    for (std::size_t f = 0; f < k; ++f)
        live[f] = files[f]->next(heads[f]);
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
            for (const auto& file : files)
                done += file->position();
            options.progress(done, total);
        }
    };
    for (;;) {
        // The earliest head; on equal times the first file (a handful of files: a scan
        // beats a heap).
        std::size_t best = k;
        for (std::size_t f = 0; f < k; ++f)
            if (live[f] && (best == k || heads[f].time < heads[best].time)) best = f;
        if (best == k) break;
        batch->lines.emplace_back(static_cast<unsigned>(best), heads[best].start);
        ++summary.lines[best];
        live[best] = files[best]->next(heads[best]);
        if (batch->lines.size() >= batchLines) {
            flush();
            if (options.stop && options.stop->load(std::memory_order_relaxed)) {
                summary.stopped = true;
                break;
            }
        }
    }
    flush();
    for (std::size_t f = 0; f < k; ++f) {
        files[f]->stopReading(); // joined: its counts are final
        summary.untimed[f] = files[f]->untimed();
        summary.cut[f] = files[f]->cut();
    }
    return summary;
}

} // namespace hexmap
