// SPDX-License-Identifier: MIT
// Search benchmark (not a unit test): times findAll against `rg -c` and `grep -c` on the same
// files in the same run, next to a memchr scan (the memory-speed limit).
//
//   bench_search DIR [--rewrite | --refill] [--reps N]
//
// Creates DIR/bench.log (1 GiB of generated log lines, written in 4 KiB writes, so its page
// cache is in 4 KiB pages) and DIR/bench.bin (256 MiB of random bytes) unless they exist.
// --rewrite writes them again that way (so their page cache is in 4 KiB pages even when an
// earlier run left them in large folios). --refill drops both from the page cache
// (POSIX_FADV_DONTNEED) and reads them back with one big sequential read each, which on this
// kernel gives 2 MiB page-cache folios: the other state DESIGN.md describes. Note that rg/grep -c count lines, findAll counts matches.
#include "pattern.h"
#include "searcher.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <random>
#include <string>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace hexmap;

namespace {

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

std::uint64_t fileSize(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? std::uint64_t(st.st_size) : 0;
}

void writeAll(int fd, const char* data, std::size_t n) {
    // 4 KiB writes on purpose (see the header comment).
    for (std::size_t done = 0; done < n;) {
        const ssize_t w = ::write(fd, data + done, std::min<std::size_t>(4096, n - done));
        if (w <= 0) {
            std::perror("write");
            std::exit(1);
        }
        done += std::size_t(w);
    }
}

void makeLog(const std::string& path, std::uint64_t size) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        std::perror(path.c_str());
        std::exit(1);
    }
    std::mt19937 rng(1);
    const char* levels[] = {"INFO ", "INFO ", "INFO ", "INFO ", "INFO ", "INFO ",
                            "INFO ", "DEBUG", "DEBUG", "WARN ", "ERROR"};
    const char* messages[] = {"request served",           "cache miss for key",
                              "Timeout waiting for peer", "connection reset by peer",
                              "retrying after TIMEOUT",   "user logged in",
                              "flushing buffers to disk", "timeout ok"};
    std::string block;
    std::uint64_t written = 0, line = 0;
    while (written < size) {
        block.clear();
        while (block.size() < (1u << 20)) {
            char buf[256];
            const unsigned r = rng();
            const int n = std::snprintf(
                buf, sizeof buf, "2026-11-26 %02u:%02u:%02u.%03u [worker-%02u] %s id=%u %s%s\n",
                (r >> 3) % 24, (r >> 8) % 60, (r >> 14) % 60, (r >> 20) % 1000, r % 16,
                levels[(r >> 5) % std::size(levels)], unsigned(rng() % 1000000),
                messages[(r >> 11) % std::size(messages)],
                (++line % 1000003 == 0) ? " Segfault at 0x0" : "");
            block.append(buf, std::size_t(n));
        }
        const std::size_t n = std::size_t(std::min<std::uint64_t>(block.size(), size - written));
        writeAll(fd, block.data(), n);
        written += n;
    }
    ::close(fd);
}

void makeRandom(const std::string& path, std::uint64_t size) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::mt19937_64 rng(2);
    std::vector<std::uint64_t> block(1 << 17);
    for (std::uint64_t written = 0; written < size; written += block.size() * 8) {
        for (auto& w : block)
            w = rng();
        writeAll(fd, reinterpret_cast<const char*>(block.data()), block.size() * 8);
    }
    ::close(fd);
}

void refill(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    std::vector<char> buf(std::size_t(64) << 20);
    while (::read(fd, buf.data(), buf.size()) > 0) {
    }
    ::close(fd);
}

// Seconds for a shell command (best of reps) and its first output line.
double timeCommand(const std::string& cmd, int reps, std::string* output) {
    double best = 1e9;
    for (int i = 0; i < reps; ++i) {
        const double t0 = now();
        FILE* p = ::popen(cmd.c_str(), "r");
        char buf[256] = {0};
        if (!std::fgets(buf, sizeof buf, p)) buf[0] = 0;
        while (std::fgetc(p) != EOF) {
        }
        ::pclose(p);
        best = std::min(best, now() - t0);
        *output = buf;
        while (!output->empty() && output->back() == '\n')
            output->pop_back();
    }
    return best;
}

// Best time of findAll over the file mapped read-only: as hexmap reads a read-only or
// shared mapping (the probe picks pread or the mapping; its time is included), or, with
// forceMapping, always through the mapping (what private mode does).
double timeFindAll(const std::string& path, const Pattern& p, int reps, bool forceMapping,
                   std::uint64_t* count = nullptr) {
    double best = 1e9;
    for (int i = 0; i < reps; ++i) {
        const double t0 = now();
        const int fd = ::open(path.c_str(), O_RDONLY);
        const std::uint64_t size = fileSize(path);
        void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
        const auto* bytes = static_cast<const std::uint8_t*>(map);
        const std::unique_ptr<ByteSource> src =
            forceMapping ? std::make_unique<MemorySource>(bytes, size)
                         : chooseFileSource(bytes, fd, size);
        auto r = findAll(*src, p, [](const Match*, std::size_t) {});
        ::munmap(map, size);
        ::close(fd);
        best = std::min(best, now() - t0);
        if (!r) {
            std::fprintf(stderr, "findAll: %s\n", r.error().message.c_str());
            std::exit(1);
        }
        if (count) *count = r.value().matches;
    }
    return best;
}

// pread 1 MiB blocks on every core and memchr for a byte that never occurs.
double timeMemchr(const std::string& path, int reps) {
    double best = 1e9;
    const std::uint64_t size = fileSize(path);
    const unsigned n = std::max(1u, std::thread::hardware_concurrency());
    for (int i = 0; i < reps; ++i) {
        const double t0 = now();
        const int fd = ::open(path.c_str(), O_RDONLY);
        std::atomic<std::uint64_t> hits{0};
        std::vector<std::thread> ts;
        for (unsigned t = 0; t < n; ++t) {
            ts.emplace_back([&, t] {
                std::vector<char> buf(1 << 20);
                const std::uint64_t per = size / n;
                const std::uint64_t end = t + 1 == n ? size : per * (t + 1);
                for (std::uint64_t off = per * t; off < end; off += buf.size()) {
                    const ssize_t got = ::pread(
                        fd, buf.data(), std::min<std::uint64_t>(buf.size(), end - off), off_t(off));
                    if (got <= 0) break;
                    if (std::memchr(buf.data(), 0x01, std::size_t(got))) ++hits;
                }
            });
        }
        for (auto& t : ts)
            t.join();
        ::close(fd);
        best = std::min(best, now() - t0);
    }
    return best;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_search DIR [--refill] [--reps N]\n");
        return 2;
    }
    const std::string dir = argv[1];
    bool doRefill = false, doRewrite = false;
    int reps = 3;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--refill")) doRefill = true;
        if (!std::strcmp(argv[i], "--rewrite")) doRewrite = true;
        if (!std::strcmp(argv[i], "--reps") && i + 1 < argc) reps = std::atoi(argv[++i]);
    }
    const std::string log = dir + "/bench.log", bin = dir + "/bench.bin";
    if (!exists(log) || doRewrite) makeLog(log, std::uint64_t(1) << 30);
    if (!exists(bin) || doRewrite) makeRandom(bin, std::uint64_t(256) << 20);
    if (doRefill) {
        refill(log);
        refill(bin);
    }
    std::printf("page cache: %s\n", doRefill    ? "refilled by one sequential read (large folios)"
                                     : doRewrite ? "as written (4 KiB writes: 4 KiB pages)"
                                                 : "as it was");
    // Memory of find-all when the consumer keeps every match (as the results panel does).
    {
        struct rusage before {
        }, after{};
        ::getrusage(RUSAGE_SELF, &before);
        std::vector<Match> all;
        all.reserve(10'000'000);
        const int fd = ::open(log.c_str(), O_RDONLY);
        FdSource src(fd, fileSize(log));
        PatternOptions info;
        auto p = Pattern::parse("INFO", info);
        const double t0 = now();
        auto r = findAll(src, p.value(), [&](const Match* m, std::size_t n) {
            const std::size_t room = all.capacity() - all.size();
            all.insert(all.end(), m, m + std::min(n, room));
        });
        ::close(fd);
        ::getrusage(RUSAGE_SELF, &after);
        std::printf("find-all keeping %zu matches: %.3f s, peak RSS grew by %.0f MB (%zu B/match "
                    "stored)\n",
                    all.size(), now() - t0, double(after.ru_maxrss - before.ru_maxrss) / 1024.0,
                    sizeof(Match));
        (void)r;
    }
    const double gib = double(fileSize(log)) / 1e9;
    const double tm = timeMemchr(log, reps);
    std::printf("%-22s %8.3f s %6.2f GB/s\n", "memchr (pread, all cores)", tm, gib / tm);

    struct Case {
        const char* name;
        PatternOptions options;
        const char* pattern;
        std::string file, rg, grep;
    };
    auto po = [](PatternKind k, bool ci) {
        PatternOptions o;
        o.kind = k;
        o.caseInsensitive = ci;
        return o;
    };
    const Case cases[] = {
        {"rare literal", po(PatternKind::Text, false), "Segfault at", log,
         "rg -c -F 'Segfault at' ", "LC_ALL=C grep -c -F 'Segfault at' "},
        {"literal ERROR", po(PatternKind::Text, false), "ERROR", log, "rg -c -F ERROR ",
         "LC_ALL=C grep -c -F ERROR "},
        {"-i literal timeout", po(PatternKind::Text, true), "timeout", log, "rg -c -i -F timeout ",
         "LC_ALL=C grep -c -i -F timeout "},
        {"hex DEADBEEF (256MiB)", po(PatternKind::Hex, false), "DE AD BE EF", bin,
         "rg -c -a '(?-u)\\xDE\\xAD\\xBE\\xEF' ", "LC_ALL=C grep -c -a -P '\\xDE\\xAD\\xBE\\xEF' "},
        {"regex ERROR|WARN", po(PatternKind::Regex, false), "ERROR|WARN", log,
         "rg -c 'ERROR|WARN' ", "LC_ALL=C grep -c -E 'ERROR|WARN' "},
        {"regex id=[0-9]{6} ", po(PatternKind::Regex, false), "id=[0-9]{6} ", log,
         "rg -c 'id=[0-9]{6} ' ", "LC_ALL=C grep -c -E 'id=[0-9]{6} ' "},
        {"regex ..:..:59", po(PatternKind::Regex, false), "[0-9]{2}:[0-9]{2}:59", log,
         "rg -c '[0-9]{2}:[0-9]{2}:59' ", "LC_ALL=C grep -c -E '[0-9]{2}:[0-9]{2}:59' "},
        {"regex worker-1.*ERROR", po(PatternKind::Regex, false), "worker-1[0-5].*ERROR", log,
         "rg -c 'worker-1[0-5].*ERROR' ", "LC_ALL=C grep -c -E 'worker-1[0-5].*ERROR' "},
        {"regex -i timeout|segf", po(PatternKind::Regex, true), "timeout|segfault", log,
         "rg -c -i 'timeout|segfault' ", "LC_ALL=C grep -c -i -E 'timeout|segfault' "},
        {"regex \\bpeer$", po(PatternKind::Regex, false), "\\bpeer$", log,
         "rg -c '\\bpeer$' ", "LC_ALL=C grep -c -E '\\bpeer$' "},
        // POSIX classes are beyond the shape reader: this one takes the general road (hard
        // partial matching at chunk ends).
        {"regex id=[[:digit:]]{6} ", po(PatternKind::Regex, false), "id=[[:digit:]]{6} ", log,
         "rg -c 'id=[[:digit:]]{6} ' ", "LC_ALL=C grep -c -E 'id=[[:digit:]]{6} ' "},
    };
    std::printf("%-24s %9s %7s %9s %9s %9s %7s %7s\n", "case", "hexmap", "GB/s", "mmap", "rg",
                "grep", "rg/hx", "grep/hx");
    for (const Case& c : cases) {
        auto p = Pattern::parse(c.pattern, c.options);
        if (!p) return 2;
        std::uint64_t count = 0;
        const double size = double(fileSize(c.file)) / 1e9;
        const double th = timeFindAll(c.file, p.value(), reps, false, &count);
        const double tmap = timeFindAll(c.file, p.value(), reps, true);
        std::string rgOut, grepOut;
        const double tr = timeCommand(c.rg + c.file, reps, &rgOut);
        const double tg = timeCommand(c.grep + c.file, reps, &grepOut);
        std::printf("%-24s %8.3fs %7.2f %8.3fs %8.3fs %8.3fs %7.2f %7.2f   (matches %llu; "
                    "rg %s; grep %s lines)\n",
                    c.name, th, size / th, tmap, tr, tg, tr / th, tg / th,
                    static_cast<unsigned long long>(count), rgOut.c_str(), grepOut.c_str());
    }

    // A sparse file: 16 GiB of holes with a marker in its last block, out of the page cache.
    {
        const std::string sparse = dir + "/sparse16.img";
        if (!exists(sparse)) {
            const int fd = ::open(sparse.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            const std::uint64_t size = std::uint64_t(16) << 30;
            if (fd < 0 || ::ftruncate(fd, off_t(size)) != 0) std::exit(1);
            const char marker[] = "TAIL-MARKER";
            if (::pwrite(fd, marker, sizeof marker - 1, off_t(size - 4096)) < 0) std::exit(1);
            ::close(fd);
        }
        auto cachedKb = [] {
            FILE* f = std::fopen("/proc/meminfo", "r");
            char line[256];
            long kb = -1;
            while (f && std::fgets(line, sizeof line, f))
                if (std::sscanf(line, "Cached: %ld kB", &kb) == 1) break;
            if (f) std::fclose(f);
            return kb;
        };
        auto p = Pattern::parse("TAIL-MARKER", {});
        const long before = cachedKb();
        std::uint64_t count = 0;
        const double th = timeFindAll(sparse, p.value(), reps, false, &count);
        const long after = cachedKb();
        std::string grepOut;
        // GNU grep skips holes (SEEK_HOLE) when it reads a file as binary, that is without -a.
        const double tg = timeCommand("LC_ALL=C grep -c TAIL-MARKER " + sparse, reps, &grepOut);
        std::printf("sparse 16 GiB, marker at the end: hexmap %.4f s (%llu match), grep %.4f s; "
                    "page cache grew by %.1f MB during hexmap's searches\n",
                    th, static_cast<unsigned long long>(count), tg, double(after - before) / 1024.0);
    }
    // What a search through the mapping leaves resident, and what releasePages gives back.
    {
        auto rssKb = [] {
            FILE* f = std::fopen("/proc/self/status", "r");
            char line[256];
            long kb = -1;
            while (f && std::fgets(line, sizeof line, f))
                if (std::sscanf(line, "VmRSS: %ld kB", &kb) == 1) break;
            if (f) std::fclose(f);
            return kb;
        };
        const int fd = ::open(log.c_str(), O_RDONLY);
        const std::uint64_t size = fileSize(log);
        void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
        MemorySource src(static_cast<const std::uint8_t*>(map), size, fd, true);
        auto p = Pattern::parse("Segfault at", {});
        const long r0 = rssKb();
        (void)findAll(src, p.value(), [](const Match*, std::size_t) {});
        const long r1 = rssKb();
        src.releasePages();
        const long r2 = rssKb();
        std::printf("resident after a search through the mapping: +%.0f MB; after releasePages: +%.0f MB\n",
                    double(r1 - r0) / 1024.0, double(r2 - r0) / 1024.0);
        ::munmap(map, size);
        ::close(fd);
    }
    return 0;
}
