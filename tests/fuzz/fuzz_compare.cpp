// SPDX-License-Identifier: MIT
// Fuzz target: the compare engine against a naive byte loop, and resyncDiff's edit script
// (applied to the first source it must give the second). The input's first bytes choose
// the block size, the thread count, a limit and how the second source reads (in place or
// through read()); the rest is split into the two sources, the second made mostly of the
// first so that differences come in runs of every length.
#include "byte_compare.h"
#include "resync.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace hexmap;
using Bytes = std::vector<std::uint8_t>;

namespace {

class ReadSource final : public ByteSource {
public:
    explicit ReadSource(const Bytes& b) : m_b(b) {}
    std::uint64_t size() const override { return m_b.size(); }
    std::size_t read(std::uint64_t at, std::uint8_t* buf, std::size_t n) const override {
        if (at >= m_b.size()) return 0;
        n = std::min<std::size_t>(n, m_b.size() - at);
        std::memcpy(buf, m_b.data() + at, n);
        return n;
    }

private:
    const Bytes& m_b;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 6) return 0;
    CompareOptions opt;
    opt.blockSize = 1 + data[0] % 64;
    opt.threads = 1 + data[1] % 3;
    if (data[2] & 1) opt.limit = data[3];
    const bool viaRead = data[2] & 2;
    opt.countNewlines = data[2] & 4;
    data += 4;
    size -= 4;
    // The first half is A; B is A with the second half's bytes XORed in where they are
    // nonzero (zero keeps A's byte), its length set by the last byte.
    const std::size_t half = size / 2;
    Bytes a(data, data + half);
    Bytes b = a;
    for (std::size_t i = 0; i < half && half + i < size; ++i) b[i] ^= data[half + i];
    const std::uint8_t last = data[size - 1];
    b.resize(last % 7 == 0 ? b.size() / 2 : b.size() + last % 5, '\n'); // shorter or longer

    std::vector<DiffRange> want;
    const std::uint64_t n = std::min<std::uint64_t>({a.size(), b.size(), opt.limit});
    std::uint64_t newlines = 0;
    bool seen = false;
    for (std::uint64_t i = 0; i < n; ++i) {
        if (a[i] == b[i]) {
            if (!seen) newlines += a[i] == '\n';
            continue;
        }
        seen = true;
        if (!want.empty() && want.back().offset + want.back().length == i) ++want.back().length;
        else want.push_back({i, 1});
    }

    const MemorySource sa(a.data(), a.size());
    const MemorySource sbMem(b.data(), b.size());
    const ReadSource sbRead(b);
    const ByteSource& sb = viaRead ? static_cast<const ByteSource&>(sbRead) : sbMem;
    std::vector<DiffRange> got;
    auto r = compareSources(sa, sb, [&](const DiffRange* d, std::size_t k) {
        got.insert(got.end(), d, d + k);
        return true;
    }, opt);
    if (!r) std::abort();
    if (got != want) {
        std::fprintf(stderr, "fuzz_compare: %zu ranges, want %zu\n", got.size(), want.size());
        std::abort();
    }
    if (r.value().compared != n) std::abort();
    if (opt.countNewlines && r.value().newlines != newlines) {
        std::fprintf(stderr, "fuzz_compare: %llu newlines, want %llu\n",
                     static_cast<unsigned long long>(r.value().newlines), static_cast<unsigned long long>(newlines));
        std::abort();
    }
    // The edit script turns A into B, walking both in order.
    ResyncOptions ro;
    ro.window = 64 + data[0] % 200; // small windows: the no-agreement path too
    auto script = resyncDiff(sa, sb, ro);
    if (!script) std::abort();
    Bytes made;
    std::uint64_t ia = 0, ib = 0;
    for (const EditOp& op : script.value()) {
        if (op.aOffset < ia || op.bOffset < ib || op.aOffset - ia != op.bOffset - ib ||
            op.aOffset + op.aLength > a.size() || op.bOffset + op.bLength > b.size())
            std::abort();
        made.insert(made.end(), a.begin() + long(ia), a.begin() + long(op.aOffset));
        made.insert(made.end(), b.begin() + long(op.bOffset), b.begin() + long(op.bOffset + op.bLength));
        ia = op.aOffset + op.aLength;
        ib = op.bOffset + op.bLength;
    }
    made.insert(made.end(), a.begin() + long(ia), a.end());
    if (made != b) {
        std::fprintf(stderr, "fuzz_compare: the edit script does not give the second source\n");
        std::abort();
    }
    return 0;
}
