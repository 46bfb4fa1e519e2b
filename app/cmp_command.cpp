// SPDX-License-Identifier: MIT
#include "cmp_command.h"

#include "byte_compare.h"
#include "byte_source.h"
#include "mapped_file.h"
#include "number_parse.h"
#include "option_value.h"
#include "resync.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <sys/stat.h>
#include <system_error>
#include <thread>
#include <vector>

namespace hexmap {

namespace {

constexpr const char* kUsage =
    "usage: hexmap cmp [-l | -s | --ranges | --resync] [-n LIMIT] [-i SKIP1[:SKIP2]] [-j N] FILE1 FILE2\n"
    "Compares two files as cmp does: the first difference (byte and line, counted from 1), or\n"
    "-l every differing byte (its number and both values in octal), -s nothing; --ranges\n"
    "prints OFFSET<TAB>LENGTH for each run of differing bytes (from 0; the longer file's tail\n"
    "last). --resync finds inserted and deleted runs and prints an edit script from FILE1\n"
    "to FILE2: OP<TAB>OFFSET1<TAB>LENGTH1<TAB>OFFSET2<TAB>LENGTH2, OP replace, insert or delete.\n"
    "-n compares at most LIMIT bytes; -i skips SKIP1 bytes of FILE1 and SKIP2 of FILE2\n"
    "(both SKIP1 when there is no colon). Sizes as `hexmap dump` reads them (0x10, 1M...).\n"
    "Exit status: 0 the same, 1 different, 2 trouble.\n";

// The first `limit` bytes of a source.
class LimitSource final : public ByteSource {
public:
    LimitSource(const ByteSource& inner, std::uint64_t limit) : m_inner(inner), m_size(std::min(inner.size(), limit)) {}
    std::uint64_t size() const override { return m_size; }
    std::size_t read(std::uint64_t at, std::uint8_t* buf, std::size_t n) const override {
        if (at >= m_size) return 0;
        return m_inner.read(at, buf, static_cast<std::size_t>(std::min<std::uint64_t>(n, m_size - at)));
    }
    const std::uint8_t* direct() const override { return m_inner.direct(); }
    Extent dataAt(std::uint64_t from) const override {
        const Extent e = m_inner.dataAt(from);
        return {std::min(e.start, m_size), std::min(e.end, m_size)};
    }

private:
    const ByteSource& m_inner;
    std::uint64_t m_size;
};

enum class Mode { First, List, Silent, Ranges, Resync };

constexpr int kTrouble = 2;

bool takeValue(int& i, int argc, char** argv, const char** value, std::FILE* err) {
    return takeOptionValue(i, argc, argv, value, err, "cmp", kUsage);
}

bool parseSize(const std::string& text, std::uint64_t* v, std::FILE* err) {
    auto n = parseHexdumpSize(text);
    if (!n) {
        std::fprintf(err, "hexmap cmp: %s\n", n.error().message.c_str());
        return false;
    }
    *v = n.value();
    return true;
}

} // namespace

int runCmpCommand(int argc, char** argv, std::FILE* out, std::FILE* err) {
    Mode mode = Mode::First;
    std::uint64_t limit = ~std::uint64_t(0), skip[2] = {0, 0};
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    const char* path[2] = {nullptr, nullptr};
    bool options = true;
    for (int i = 1; i < argc; ++i) {
        const char* a = argv[i];
        const char* value = nullptr;
        if (options && std::strcmp(a, "--") == 0) {
            options = false;
        } else if (options && std::strcmp(a, "-l") == 0) {
            mode = Mode::List;
        } else if (options && std::strcmp(a, "-s") == 0) {
            mode = Mode::Silent;
        } else if (options && std::strcmp(a, "--ranges") == 0) {
            mode = Mode::Ranges;
        } else if (options && std::strcmp(a, "--resync") == 0) {
            mode = Mode::Resync;
        } else if (options && std::strncmp(a, "-n", 2) == 0) {
            if (!takeValue(i, argc, argv, &value, err) || !parseSize(value, &limit, err)) return kTrouble;
        } else if (options && std::strncmp(a, "-i", 2) == 0) {
            if (!takeValue(i, argc, argv, &value, err)) return kTrouble;
            const std::string v = value;
            const auto colon = v.find(':');
            if (!parseSize(v.substr(0, colon), &skip[0], err)) return kTrouble;
            skip[1] = skip[0];
            if (colon != std::string::npos && !parseSize(v.substr(colon + 1), &skip[1], err)) return kTrouble;
        } else if (options && std::strncmp(a, "-j", 2) == 0) {
            if (!takeValue(i, argc, argv, &value, err)) return kTrouble;
            std::uint64_t j = 0;
            if (!parseSize(value, &j, err)) return kTrouble;
            threads = static_cast<unsigned>(std::clamp<std::uint64_t>(j, 1, 64));
        } else if (options && (std::strcmp(a, "-h") == 0 || std::strcmp(a, "--help") == 0)) {
            std::fputs(kUsage, out);
            return 0;
        } else if (options && a[0] == '-' && a[1] != '\0') {
            std::fprintf(err, "hexmap cmp: unknown option %s\n%s", a, kUsage);
            return kTrouble;
        } else if (!path[0]) {
            path[0] = a;
        } else if (!path[1]) {
            path[1] = a;
        } else {
            std::fprintf(err, "hexmap cmp: two files, please\n%s", kUsage);
            return kTrouble;
        }
    }
    if (!path[1]) {
        std::fputs(kUsage, err);
        return kTrouble;
    }
    std::vector<MappedFile> files;
    for (const char* p : path) {
        auto opened = MappedFile::open(p, OpenMode::ReadOnly);
        if (!opened) {
            std::fprintf(err, "hexmap cmp: %s\n", opened.error().message.c_str());
            return kTrouble;
        }
        files.push_back(std::move(opened.value()));
    }
    // The mapping or pread, whichever a probe finds faster for how the kernel holds each
    // file (a cut under the mapping reads zeros there, and is reported below, not compared).
    // The two probes (a few ms each on large files) run at once.
    std::unique_ptr<ByteSource> whole[2];
    {
        auto probe = [&](int i) { whole[i] = chooseFileSource(files[i].data(), files[i].fd(), files[i].size()); };
        std::thread second;
        try {
            second = std::thread(probe, 1);
        } catch (const std::system_error&) {
            probe(1); // no thread to spare: one after the other
        }
        probe(0);
        if (second.joinable()) second.join();
    }
    const TailSource src[2] = {TailSource(*whole[0], skip[0]), TailSource(*whole[1], skip[1])};
    const std::uint64_t size[2] = {src[0].size(), src[1].size()};
    const std::uint64_t common = std::min({size[0], size[1], limit});

    if (mode == Mode::Resync) {
        // -n cuts both to LIMIT bytes.
        const LimitSource la(src[0], limit), lb(src[1], limit);
        auto script = resyncDiff(la, lb);
        if (!script) {
            std::fprintf(err, "hexmap cmp: %s\n", script.error().message.c_str());
            return kTrouble;
        }
        for (const EditOp& op : script.value())
            std::fprintf(out, "%s\t%llu\t%llu\t%llu\t%llu\n",
                         op.aLength == 0 ? "insert" : op.bLength == 0 ? "delete" : "replace",
                         static_cast<unsigned long long>(op.aOffset), static_cast<unsigned long long>(op.aLength),
                         static_cast<unsigned long long>(op.bOffset), static_cast<unsigned long long>(op.bLength));
        if (std::fflush(out) != 0) return kTrouble;
        for (int k = 0; k < 2; ++k)
            if (files[std::size_t(k)].damaged()) {
                std::fprintf(err, "hexmap cmp: \"%s\" was cut by another program while it was being "
                                  "compared, so nothing is said about it.\n", path[k]);
                return kTrouble;
            }
        return script.value().empty() ? 0 : 1;
    }
    // The same file from the same place: the same, unread.
    struct stat st[2];
    const bool same = ::fstat(files[0].fd(), &st[0]) == 0 && ::fstat(files[1].fd(), &st[1]) == 0 &&
                      st[0].st_dev == st[1].st_dev && st[0].st_ino == st[1].st_ino && skip[0] == skip[1];

    bool differ = false;
    std::vector<std::uint8_t> bufA, bufB;
    // cmp -l: the byte numbers are right-aligned to the widest possible one.
    int width = 1;
    for (std::uint64_t m = common; m >= 10; m /= 10) ++width;
    CompareOptions opt;
    opt.threads = threads;
    opt.limit = limit;
    opt.countNewlines = mode == Mode::First;
    std::uint64_t newlines = 0;
    DiffRange first{};
    Status failed;
    auto onRanges = [&](const DiffRange* r, std::size_t n) -> bool {
        differ = true;
        if (mode == Mode::First || mode == Mode::Silent) {
            first = r[0];
            return false;
        }
        for (std::size_t k = 0; k < n; ++k) {
            if (mode == Mode::Ranges) {
                std::fprintf(out, "%llu\t%llu\n", static_cast<unsigned long long>(r[k].offset),
                             static_cast<unsigned long long>(r[k].length));
                continue;
            }
            for (std::uint64_t at = r[k].offset, end = r[k].offset + r[k].length; at < end;) {
                const auto len = static_cast<std::size_t>(std::min<std::uint64_t>(end - at, 1 << 16));
                bufA.resize(len);
                bufB.resize(len);
                if (src[0].read(at, bufA.data(), len) != len || src[1].read(at, bufB.data(), len) != len) {
                    failed = Error{EIO, "a file ended early (another program cut it while it was being compared)"};
                    return false;
                }
                for (std::size_t j = 0; j < len; ++j)
                    std::fprintf(out, "%*llu %3o %3o\n", width, static_cast<unsigned long long>(at + j + 1),
                                 unsigned(bufA[j]), unsigned(bufB[j]));
                at += len;
            }
        }
        return true;
    };
    if (!same) {
        auto result = compareSources(src[0], src[1], onRanges, opt, path[0], path[1]);
        if (!result) {
            std::fprintf(err, "hexmap cmp: %s\n", result.error().message.c_str());
            return kTrouble;
        }
        newlines = result.value().newlines;
    }
    if (!failed) {
        std::fprintf(err, "hexmap cmp: %s\n", failed.error().message.c_str());
        return kTrouble;
    }
    for (int k = 0; k < 2; ++k)
        if (files[std::size_t(k)].damaged()) {
            std::fprintf(err, "hexmap cmp: \"%s\" was cut by another program while it was being "
                              "compared, so nothing is said about it.\n", path[k]);
            return kTrouble;
        }
    if (differ && mode == Mode::First)
        std::fprintf(out, "%s %s differ: byte %llu, line %llu\n", path[0], path[1],
                     static_cast<unsigned long long>(first.offset + 1),
                     static_cast<unsigned long long>(newlines + 1));
    // One is a prefix of the other (within the limit): cmp says where the shorter ended.
    const bool eof = !same && size[0] != size[1] && common < limit && !(differ && (mode == Mode::First || mode == Mode::Silent));
    if (eof) {
        differ = true;
        const int shorter = size[0] < size[1] ? 0 : 1;
        const std::uint64_t n = size[shorter];
        if (mode == Mode::Ranges) {
            std::fprintf(out, "%llu\t%llu\n", static_cast<unsigned long long>(n),
                         static_cast<unsigned long long>(size[1 - shorter] - n));
        } else if (mode == Mode::Silent) {
        } else if (n == 0) {
            std::fprintf(err, "cmp: EOF on %s which is empty\n", path[shorter]);
        } else if (mode == Mode::List) {
            std::fprintf(err, "cmp: EOF on %s after byte %llu\n", path[shorter], static_cast<unsigned long long>(n));
        } else {
            // Nothing differed in the n bytes both have: the first file's newlines count.
            std::uint8_t last = 0;
            if (src[shorter].read(n - 1, &last, 1) != 1) {
                std::fprintf(err, "hexmap cmp: \"%s\" ended early (another program cut it while it "
                                  "was being compared)\n", path[shorter]);
                return kTrouble;
            }
            // As cmp: "line N" when it ended at a line's start, "in line N" inside one.
            if (last == '\n')
                std::fprintf(err, "cmp: EOF on %s after byte %llu, line %llu\n", path[shorter],
                             static_cast<unsigned long long>(n), static_cast<unsigned long long>(newlines));
            else
                std::fprintf(err, "cmp: EOF on %s after byte %llu, in line %llu\n", path[shorter],
                             static_cast<unsigned long long>(n), static_cast<unsigned long long>(newlines + 1));
        }
    }
    if (std::fflush(out) != 0) {
        std::fprintf(err, "hexmap cmp: cannot write the output: %s\n", std::strerror(errno));
        return kTrouble;
    }
    return differ ? 1 : 0;
}

} // namespace hexmap
