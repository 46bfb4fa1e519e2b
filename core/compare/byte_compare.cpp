// SPDX-License-Identifier: MIT
#include "byte_compare.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace hexmap {

namespace {

constexpr std::size_t kStep = std::size_t(1) << 20; // a stop is seen within this much work
const std::uint8_t kZeros[kStep] = {};               // what a hole reads as

std::uint64_t load(const std::uint8_t* p) {
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

// The first i in [from, n) where a[i] != b[i], or n.
std::size_t firstDifferent(const std::uint8_t* a, const std::uint8_t* b, std::size_t from, std::size_t n) {
    std::size_t i = from;
    // Long equal stretches go by in memcmp's stride; the word loop finds the byte.
    constexpr std::size_t kSlab = 4096;
    while (n - i >= kSlab && std::memcmp(a + i, b + i, kSlab) == 0) i += kSlab;
    for (; n - i >= 8; i += 8) {
        const std::uint64_t x = load(a + i) ^ load(b + i);
        if (x) return i + static_cast<std::size_t>(__builtin_ctzll(x) / 8); // little-endian
    }
    while (i < n && a[i] == b[i]) ++i;
    return i;
}

// The first i in [from, n) where a[i] == b[i], or n.
std::size_t firstEqual(const std::uint8_t* a, const std::uint8_t* b, std::size_t from, std::size_t n) {
    std::size_t i = from;
    for (; n - i >= 8; i += 8) {
        const std::uint64_t x = load(a + i) ^ load(b + i);
        // A zero byte of x is an equal byte; the lowest flag is exact (the borrow only
        // sets flags above a true zero byte).
        const std::uint64_t zero = (x - kOnes) & ~x & kHighs;
        if (zero) return i + static_cast<std::size_t>(__builtin_ctzll(zero) / 8);
    }
    while (i < n && a[i] != b[i]) ++i;
    return i;
}

// How many bytes of [p, p + n) are '\n' (cmp's line numbers): 16 at a time where SSE2 is,
// else 8 at a time (exact: no borrow crosses bytes).
std::uint64_t countNewlines(const std::uint8_t* p, std::size_t n) {
    std::uint64_t count = 0;
    std::size_t i = 0;
#ifdef __SSE2__
    const __m128i nl = _mm_set1_epi8('\n');
    for (; n - i >= 16; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        count += static_cast<std::uint64_t>(__builtin_popcount(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)))));
    }
#else
    constexpr std::uint64_t kLows = 0x7f7f7f7f7f7f7f7full;
    for (; n - i >= 8; i += 8) {
        const std::uint64_t x = load(p + i) ^ (kOnes * '\n'); // a '\n' is a zero byte
        const std::uint64_t nonzero = ((x & kLows) + kLows) | x;
        count += static_cast<std::uint64_t>(__builtin_popcountll(~nonzero & kHighs));
    }
#endif
    for (; i < n; ++i) count += p[i] == '\n';
    return count;
}

} // namespace

void diffBuffers(const std::uint8_t* a, const std::uint8_t* b, std::size_t n, std::uint64_t base,
                 std::vector<DiffRange>& out) {
    for (std::size_t i = 0; i < n;) {
        const std::size_t s = firstDifferent(a, b, i, n);
        if (s == n) return;
        const std::size_t e = firstEqual(a, b, s, n);
        if (!out.empty() && out.back().offset + out.back().length == base + s)
            out.back().length += e - s;
        else
            out.push_back({base + s, e - s});
        i = e;
    }
}

Result<CompareSummary> compareSources(const ByteSource& a, const ByteSource& b,
                                      const DiffRangesFn& onRanges, const CompareOptions& options,
                                      const char* nameA, const char* nameB) {
    CompareSummary summary;
    const std::uint64_t length = std::min({a.size(), b.size(), options.limit});
    const std::uint64_t blockSize = std::max<std::uint64_t>(options.blockSize, 1);
    const std::uint64_t blocks = (length + blockSize - 1) / blockSize;
    const unsigned threads = static_cast<unsigned>(std::clamp<std::uint64_t>(options.threads, 1, std::max<std::uint64_t>(blocks, 1)));
    const std::uint64_t window = std::uint64_t(threads) * 4; // results waiting, at most

    struct Slot {
        std::vector<DiffRange> ranges;
        std::uint64_t newlines = 0; // of the first source, with countNewlines
        bool done = false;
    };
    std::vector<Slot> slots(window);
    std::mutex mutex;
    std::condition_variable changed;
    std::uint64_t next = 0, delivered = 0; // guarded by mutex
    std::atomic<bool> quit{false};
    std::string failure; // guarded by mutex
    auto stopped = [&] {
        return quit.load(std::memory_order_relaxed) ||
               (options.stop && options.stop->load(std::memory_order_relaxed));
    };

    auto compareBlock = [&](std::uint64_t block, std::vector<std::uint8_t>& bufA,
                            std::vector<std::uint8_t>& bufB, std::vector<DiffRange>& out,
                            std::uint64_t& newlines) -> bool {
        const std::uint64_t start = block * blockSize;
        const std::uint64_t end = std::min(length, start + blockSize);
        for (std::uint64_t at = start; at < end;) {
            if (stopped()) return false;
            const Extent ea = a.dataAt(at), eb = b.dataAt(at);
            const std::uint64_t data = std::min(ea.start, eb.start);
            if (data >= end) break;
            if (data > at) {
                at = data; // holes in both: equal, unread
                continue;
            }
            const bool inA = ea.start <= at, inB = eb.start <= at;
            const std::uint64_t stop = std::min({end, at + kStep, inA ? ea.end : ea.start,
                                                 inB ? eb.end : eb.start});
            const auto n = static_cast<std::size_t>(stop - at);
            auto bytesOf = [&](const ByteSource& src, bool inData, std::vector<std::uint8_t>& buf,
                               const char* name) -> const std::uint8_t* {
                if (!inData) return kZeros;
                if (const std::uint8_t* d = src.direct()) return d + at;
                // as large as a read needs (a small file costs no 1 MiB of zeroed pages)
                if (buf.size() < n) buf.resize(n);
                if (src.read(at, buf.data(), n) == n) return buf.data();
                std::lock_guard lock(mutex);
                if (failure.empty())
                    failure = std::string("Could not read ") + name + " at offset " +
                              std::to_string(at) + ": it ended early (another program cut it "
                              "while it was being compared), so nothing is said about it.";
                return nullptr;
            };
            const std::uint8_t* pa = bytesOf(a, inA, bufA, nameA);
            const std::uint8_t* pb = pa ? bytesOf(b, inB, bufB, nameB) : nullptr;
            if (!pa || !pb) {
                quit = true;
                return false;
            }
            diffBuffers(pa, pb, n, at, out);
            if (options.countNewlines && inA)
                newlines += countNewlines(pa, n);
            at = stop;
        }
        return true;
    };

    auto work = [&] {
        std::vector<std::uint8_t> bufA, bufB;
        for (;;) {
            std::uint64_t block;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stopped() || next >= blocks || next < delivered + window; });
                if (stopped() || next >= blocks) {
                    // the deliverer may be waiting for a block nobody will compare now
                    changed.notify_all();
                    return;
                }
                block = next++;
            }
            std::vector<DiffRange> out;
            std::uint64_t newlines = 0;
            const bool ok = compareBlock(block, bufA, bufB, out, newlines);
            std::lock_guard lock(mutex);
            if (!ok) {
                changed.notify_all();
                return;
            }
            Slot& slot = slots[block % window];
            slot.ranges = std::move(out);
            slot.newlines = newlines;
            slot.done = true;
            changed.notify_all();
        }
    };

    std::vector<std::thread> helpers;
    for (unsigned k = 0; k < threads && blocks > 0; ++k) {
        try {
            helpers.emplace_back(work);
        } catch (const std::system_error&) {
            if (helpers.empty()) return Error{EAGAIN, "Could not start a thread to compare."};
            break; // fewer threads still finish the work
        }
    }

    // Deliver in order on this thread, holding back the last range (the next block may
    // continue it).
    DiffRange pending{};
    bool havePending = false, stoppedByCaller = false;
    auto deliver = [&](const DiffRange* r, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            summary.differingBytes += r[i].length;
            ++summary.ranges;
        }
        if (n && !onRanges(r, n)) stoppedByCaller = true;
    };
    bool counting = options.countNewlines; // until the first difference
    for (std::uint64_t d = 0; d < blocks && !stoppedByCaller; ++d) {
        std::vector<DiffRange> ranges;
        std::uint64_t blockNewlines = 0;
        {
            std::unique_lock lock(mutex);
            // The caller's stop flag is set without this mutex or a notify: look at it
            // every 50 ms rather than sleep past it (a closed window waited forever, CI found)
            while (!changed.wait_for(lock, std::chrono::milliseconds(50),
                                     [&] { return slots[d % window].done || stopped(); })) {
            }
            if (!slots[d % window].done) break; // stopped or failed
            ranges = std::move(slots[d % window].ranges);
            blockNewlines = slots[d % window].newlines;
            slots[d % window] = Slot{};
            ++delivered;
            changed.notify_all();
        }
        if (counting && ranges.empty()) {
            summary.newlines += blockNewlines;
        } else if (counting) {
            // The first difference is in this block: count up to it (once, a block at most).
            counting = false;
            std::vector<std::uint8_t> buf;
            for (std::uint64_t at = d * blockSize; at < ranges.front().offset;) {
                const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kStep, ranges.front().offset - at));
                const Extent e = a.dataAt(at);
                if (e.start >= ranges.front().offset) break;
                if (e.start > at) {
                    at = e.start;
                    continue;
                }
                const auto len = static_cast<std::size_t>(std::min<std::uint64_t>(n, e.end - at));
                const std::uint8_t* p = a.direct() ? a.direct() + at : nullptr;
                if (!p) {
                    if (buf.size() < len) buf.resize(len);
                    if (a.read(at, buf.data(), len) != len) break; // the workers say why
                    p = buf.data();
                }
                summary.newlines += countNewlines(p, len);
                at += len;
            }
        }
        std::size_t from = 0;
        if (havePending && !ranges.empty() && pending.offset + pending.length == ranges.front().offset) {
            pending.length += ranges.front().length;
            from = 1;
        }
        if (from < ranges.size()) {
            if (havePending) deliver(&pending, 1);
            if (stoppedByCaller) break;
            deliver(ranges.data() + from, ranges.size() - from - 1);
            pending = ranges.back();
            havePending = true;
        }
        summary.compared = std::min(length, (d + 1) * blockSize);
        // A range that ends before its block does is final: out now (cmp stops at the first).
        if (havePending && !stoppedByCaller && pending.offset + pending.length < summary.compared) {
            deliver(&pending, 1);
            havePending = false;
        }
    }
    if (havePending && !stoppedByCaller) deliver(&pending, 1);
    if (stoppedByCaller) quit = true;
    {
        std::lock_guard lock(mutex);
        changed.notify_all();
    }
    for (std::thread& t : helpers) t.join();
    if (!failure.empty()) return Error{EIO, failure};
    summary.cancelled = options.stop && options.stop->load() && summary.compared < length;
    if (blocks == 0) summary.compared = 0;
    return summary;
}

} // namespace hexmap
