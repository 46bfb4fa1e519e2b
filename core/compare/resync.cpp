// SPDX-License-Identifier: MIT
#include "resync.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace hexmap {

namespace {

// A window of a source: direct memory when the source is memory, else read into a buffer.
class Window {
public:
    explicit Window(const ByteSource& src) : m_src(src), m_direct(src.direct()) {}
    // Bytes [at, at + n) clipped to the source's end; nullptr on a short read.
    const std::uint8_t* get(std::uint64_t at, std::size_t n, std::size_t* got) {
        const std::uint64_t size = m_src.size();
        *got = at >= size ? 0 : static_cast<std::size_t>(std::min<std::uint64_t>(n, size - at));
        if (m_direct) return m_direct + at;
        if (at >= m_at && at + *got <= m_at + m_buf.size()) return m_buf.data() + (at - m_at);
        m_buf.resize(*got);
        m_at = at;
        if (m_src.read(at, m_buf.data(), *got) != *got) return nullptr;
        return m_buf.data();
    }

private:
    const ByteSource& m_src;
    const std::uint8_t* m_direct;
    std::vector<std::uint8_t> m_buf;
    std::uint64_t m_at = 0;
};

// A polynomial hash of kAnchor bytes that rolls one byte at a time (mod 2^64), and the
// anchors it picks: the places whose hash has its top four bits clear, one in 16 on average,
// chosen by the bytes themselves, so that the same bytes are picked in both files.
class RollingHash {
public:
    static constexpr std::uint64_t kBase = 0x100000001b3ull * 2 + 1; // odd
    RollingHash() {
        m_out = 1;
        for (std::size_t k = 1; k < kAnchor; ++k) m_out *= kBase;
    }
    std::uint64_t start(const std::uint8_t* p) {
        m_h = 0;
        for (std::size_t k = 0; k < kAnchor; ++k) m_h = m_h * kBase + p[k];
        return m_h;
    }
    // From the hash of p[0, kAnchor) to that of p[1, kAnchor + 1).
    std::uint64_t roll(const std::uint8_t* p) {
        m_h = (m_h - p[0] * m_out) * kBase + p[kAnchor];
        return m_h;
    }
    static bool picked(std::uint64_t h) { return (h >> 60) == 0; }

private:
    std::uint64_t m_out = 1; // kBase^(kAnchor - 1): the weight of the byte that leaves
    std::uint64_t m_h = 0;
};

} // namespace

Result<std::vector<EditOp>> resyncDiff(const ByteSource& a, const ByteSource& b,
                                       const ResyncOptions& options) {
    const std::uint64_t na = a.size(), nb = b.size();
    const std::size_t window = std::max(options.window, kAnchor * 2);
    Window wa(a), wb(b);
    std::vector<EditOp> ops;
    auto emit = [&](std::uint64_t i, std::uint64_t la, std::uint64_t j, std::uint64_t lb) {
        if (la == 0 && lb == 0) return;
        if (!ops.empty()) {
            EditOp& last = ops.back();
            if (last.aOffset + last.aLength == i && last.bOffset + last.bLength == j) {
                last.aLength += la;
                last.bLength += lb;
                return;
            }
        }
        ops.push_back({i, la, j, lb});
    };
    const Error shortRead{EIO, "A file ended early (another program cut it while it was being compared)."};
    std::uint64_t i = 0, j = 0;
    constexpr std::size_t kChunk = std::size_t(1) << 20;
    std::vector<std::uint8_t> copyA;
    std::uint64_t reported = 0;
    while (i < na && j < nb) {
        if (options.stop && options.stop->load(std::memory_order_relaxed))
            return Error{ECANCELED, "The comparison was cancelled."};
        if (options.progress && i - reported >= (std::uint64_t(16) << 20)) {
            options.progress(i);
            reported = i;
        }
        // Equal bytes go by a chunk at a time (the A chunk is copied when both are read
        // through buffers, since the windows may share nothing but may be one buffer each).
        std::size_t ga = 0, gb = 0;
        const std::uint8_t* pa = wa.get(i, kChunk, &ga);
        if (!pa) return shortRead;
        if (!a.direct()) {
            copyA.assign(pa, pa + ga);
            pa = copyA.data();
        }
        const std::uint8_t* pb = wb.get(j, kChunk, &gb);
        if (!pb) return shortRead;
        const std::size_t n = std::min(ga, gb);
        std::size_t k = 0;
        while (k < n && n - k >= 64 && std::memcmp(pa + k, pb + k, 64) == 0) k += 64;
        while (k < n && pa[k] == pb[k]) ++k;
        i += k;
        j += k;
        if (k == n) continue;
        // A difference at (i, j): where do the two agree again on kAnchor bytes?
        const std::uint8_t* xa = wa.get(i, window + kAnchor, &ga);
        if (!xa) return shortRead;
        std::vector<std::uint8_t> bufA(xa, xa + ga); // b's window may reuse the buffer
        const std::uint8_t* xb = wb.get(j, window + kAnchor, &gb);
        if (!xb) return shortRead;
        xa = bufA.data();
        auto agree = [&](std::size_t da, std::size_t db) {
            return da + kAnchor <= ga && db + kAnchor <= gb && std::memcmp(xa + da, xb + db, kAnchor) == 0;
        };
        std::size_t bestA = 0, bestB = 0;
        bool found = false;
        // Cheap guesses first: a replaced run of up to 16 bytes, a shift of up to 16.
        for (std::size_t d = 1; d <= 16 && !found; ++d) {
            if (agree(d, d)) bestA = bestB = d, found = true;
            else if (agree(0, d)) bestA = 0, bestB = d, found = true;
            else if (agree(d, 0)) bestA = d, bestB = 0, found = true;
        }
        if (!found && ga >= kAnchor && gb >= kAnchor) {
            // The nearest agreement (smallest da + db) within the window: b's anchors (the
            // places the rolling hash picks; the first place of each hash) in a table, a's
            // looked up. An agreement found at an anchor is followed back along its diagonal
            // to where it starts, so a run that agrees is found from its first byte even
            // though only about one place in 16 is an anchor. (Hashing every place cost ~8 ms
            // a 64 KiB window, 8 s for two 64 MiB files different all through.)
            std::unordered_map<std::uint64_t, std::size_t> places;
            places.reserve(gb / 8);
            RollingHash hb;
            std::uint64_t h = hb.start(xb);
            for (std::size_t db = 0;; ++db) {
                if (RollingHash::picked(h)) places.try_emplace(h, db);
                if (db + kAnchor >= gb) break;
                h = hb.roll(xb + db);
            }
            std::size_t best = SIZE_MAX;
            RollingHash ha;
            h = ha.start(xa);
            for (std::size_t da = 0; da < best; ++da) {
                if (RollingHash::picked(h)) {
                    const auto it = places.find(h);
                    if (it != places.end() && agree(da, it->second)) {
                        std::size_t sa = da, sb = it->second;
                        while (sa > 0 && sb > 0 && xa[sa - 1] == xb[sb - 1]) --sa, --sb;
                        if (sa + sb < best) {
                            best = sa + sb;
                            bestA = sa;
                            bestB = sb;
                            found = true;
                        }
                    }
                }
                if (da + kAnchor >= ga) break;
                h = ha.roll(xa + da);
            }
        }
        if (!found) {
            // Nothing agrees within the window: it is replaced (or the rest, at the end).
            bestA = std::min<std::uint64_t>(window, na - i);
            bestB = std::min<std::uint64_t>(window, nb - j);
        }
        emit(i, bestA, j, bestB);
        i += bestA;
        j += bestB;
    }
    emit(i, na - i, j, nb - j); // what is left of one of them
    return ops;
}

std::uint64_t alignedOffset(const std::vector<EditOp>& ops, bool fromB, std::uint64_t offset) {
    auto from = [fromB](const EditOp& op) { return fromB ? op.bOffset : op.aOffset; };
    auto fromLength = [fromB](const EditOp& op) { return fromB ? op.bLength : op.aLength; };
    auto to = [fromB](const EditOp& op) { return fromB ? op.aOffset : op.bOffset; };
    auto toLength = [fromB](const EditOp& op) { return fromB ? op.aLength : op.bLength; };
    // The last edit that starts at or before `offset` on this side (starts grow on both).
    auto it = std::upper_bound(ops.begin(), ops.end(), offset,
                               [&](std::uint64_t o, const EditOp& op) { return o < from(op); });
    if (it == ops.begin()) return offset; // before every edit: the same place
    const EditOp& op = *std::prev(it);
    const std::uint64_t into = offset - from(op);
    if (into < fromLength(op)) // inside it
        return to(op) + std::min(into, toLength(op) ? toLength(op) - 1 : 0);
    return to(op) + toLength(op) + (into - fromLength(op)); // in the equal stretch after it
}

} // namespace hexmap
