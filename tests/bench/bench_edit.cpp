// SPDX-License-Identifier: MIT
// Editing benchmark. Prints numbers and ratios measured in the same run:
//  (a) typing, single-byte edits, undo and redo per operation at offset 0 against the
//      end of a 16 GiB sparse file (private mode) - the ratio should be ~1;
//  (b) shared-mode save after 1,000 scattered edits in a 1 GiB file against one msync of
//      the whole mapping after dirtying the same pages.
//
//   bench_edit [FOLDER]     (default: a new folder under /tmp; files are removed after)
#include "document.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

using namespace hexmap;

namespace {

double nowNs() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

bool makeSparse(const std::string& path, std::uint64_t size) {
    const int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_RDWR | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    const bool ok = ::ftruncate(fd, static_cast<off_t>(size)) == 0;
    ::close(fd);
    return ok;
}

Document openOrDie(const std::string& path, OpenMode mode) {
    auto r = Document::open(path, mode);
    if (!r) {
        std::fprintf(stderr, "%s\n", r.error().message.c_str());
        std::exit(1);
    }
    return std::move(r.value());
}

void check(const Status& st) {
    if (!st) {
        std::fprintf(stderr, "failed: %s\n", st.error().message.c_str());
        std::exit(1);
    }
}

struct PerOp {
    double typing, edit, undo, redo; // ns per operation
};

PerOp editsAt(Document& doc, std::uint64_t base, int n) {
    PerOp r{};
    double t = nowNs();
    for (int i = 0; i < n; ++i) {
        const std::uint8_t b = std::uint8_t('a' + i % 26);
        check(doc.overwrite(base + std::uint64_t(i), &b, 1, Document::EditKind::Typing));
    }
    r.typing = (nowNs() - t) / n;
    doc.breakCoalescing();
    t = nowNs();
    for (int i = 0; i < n; ++i) {
        const std::uint8_t b = std::uint8_t(i);
        check(doc.overwrite(base + 2 * std::uint64_t(i), &b, 1));
    }
    r.edit = (nowNs() - t) / n;
    t = nowNs();
    for (int i = 0; i < n; ++i) check(doc.undo());
    r.undo = (nowNs() - t) / n;
    t = nowNs();
    for (int i = 0; i < n; ++i) check(doc.redo());
    r.redo = (nowNs() - t) / n;
    return r;
}

} // namespace

int main(int argc, char** argv) {
    std::string dir = argc > 1 ? argv[1] : "";
    if (dir.empty()) {
        char tmpl[] = "/tmp/bench_edit-XXXXXX";
        if (!mkdtemp(tmpl)) return 1;
        dir = tmpl;
    }

    // (a) Position independence.
    {
        const std::uint64_t size = 16ull << 30;
        const std::string path = dir + "/sparse16g.bin";
        if (!makeSparse(path, size)) return 1;
        constexpr int n = 200000;
        PerOp at0{}, atEnd{};
        for (int round = 0; round < 3; ++round) { // the first round warms up
            // One document at a time, and the order alternates, so that neither side
            // pays for the other's memory (the journal's growth, page faults).
            const bool endFirst = round % 2 == 1;
            for (int side = 0; side < 2; ++side) {
                const bool atEndNow = (side == 0) == endFirst;
                Document doc = openOrDie(path, OpenMode::Private);
                (atEndNow ? atEnd : at0) =
                    editsAt(doc, atEndNow ? size - 2 * std::uint64_t(n) : 0, n);
            }
        }
        std::printf("(a) 16 GiB sparse file, private mode, %d ops each, ns/op\n", n);
        std::printf("    %-8s %10s %10s %8s\n", "op", "offset 0", "end", "end/0");
        auto row = [](const char* name, double x, double y) {
            std::printf("    %-8s %10.1f %10.1f %8.2f\n", name, x, y, y / x);
        };
        row("typing", at0.typing, atEnd.typing);
        row("edit", at0.edit, atEnd.edit);
        row("undo", at0.undo, atEnd.undo);
        row("redo", at0.redo, atEnd.redo);
        ::unlink(path.c_str());
    }

    // (b) Save of scattered edits against one full msync.
    {
        const std::uint64_t size = 1ull << 30;
        const std::string path = dir + "/data1g.bin";
        // Real data, not holes, so both syncs rewrite allocated blocks in place.
        {
            const int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
            std::vector<char> block(8 << 20, 'd');
            for (std::uint64_t at = 0; at < size; at += block.size())
                if (::write(fd, block.data(), block.size()) != ssize_t(block.size())) return 1;
            ::fsync(fd);
            ::close(fd);
        }
        constexpr int kEdits = 1000;
        std::vector<std::uint64_t> offsets(kEdits);
        for (int i = 0; i < kEdits; ++i)
            offsets[std::size_t(i)] = (size / kEdits) * std::uint64_t(i) + 4093 * std::uint64_t(i % 97);
        Document doc = openOrDie(path, OpenMode::Shared);
        std::vector<double> saves, fulls;
        for (int round = 0; round < 3; ++round) {
            for (int i = 0; i < kEdits; ++i) {
                const std::uint8_t b = std::uint8_t(round * 7 + i);
                check(doc.overwrite(offsets[std::size_t(i)], &b, 1));
            }
            double t = nowNs();
            check(doc.save());
            saves.push_back((nowNs() - t) / 1e6);

            // The same pages dirtied again, then one msync over the whole mapping.
            std::uint8_t* p = const_cast<std::uint8_t*>(doc.mappingData());
            for (int i = 0; i < kEdits; ++i) p[offsets[std::size_t(i)]] ^= 0x55;
            t = nowNs();
            if (msync(p, size, MS_SYNC) != 0) return 1;
            fulls.push_back((nowNs() - t) / 1e6);
            for (int i = 0; i < kEdits; ++i) p[offsets[std::size_t(i)]] ^= 0x55;
            if (msync(p, size, MS_SYNC) != 0) return 1;
        }
        std::sort(saves.begin(), saves.end());
        std::sort(fulls.begin(), fulls.end());
        std::printf("(b) 1 GiB file, shared mode, %d scattered one-byte edits, median of 3\n",
                    kEdits);
        std::printf("    save (modified pages only):     %8.2f ms\n", saves[1]);
        std::printf("    msync of the whole mapping:     %8.2f ms\n", fulls[1]);
        std::printf("    save / full msync:              %8.2f\n", saves[1] / fulls[1]);
        ::unlink(path.c_str());
    }
    if (argc <= 1) ::rmdir(dir.c_str());
    return 0;
}
