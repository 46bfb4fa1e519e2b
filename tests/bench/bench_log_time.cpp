// SPDX-License-Identifier: MIT
// Go To a time (issue 22's target: <= 50 ms on a 16 GiB log): findTime's binary search on
// ISO-8601 logs of 16 MiB and of SIZE (default 16 GiB, written once into FOLDER and kept
// there), through the mapping as the window reads it, page cache cold (dropped with
// posix_fadvise) and hot; the ratio large / small shows the O(log n) cost. Also the lines
// each search read.
//
//   bench_log_time [FOLDER] [SIZE_GIB]
#include "log_time.h"
#include "mapped_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

using namespace hexmap;

namespace {

constexpr std::int64_t kStart = 1'764'115'200'000; // 2025-11-26 00:00:00 UTC

// Lines of ~100 bytes, one every 7 ms of log time (some share a millisecond).
bool writeLog(const std::string& path, std::uint64_t bytes, std::int64_t& lastTime) {
    if (FILE* f = std::fopen(path.c_str(), "rb")) { // kept from an earlier run
        std::fseek(f, 0, SEEK_END);
        const bool ok = std::uint64_t(std::ftell(f)) >= bytes;
        std::fclose(f);
        if (ok) {
            lastTime = kStart + std::int64_t(bytes / 100) * 7; // about: lines of 100 bytes
            return true;
        }
    }
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    std::string buf;
    buf.reserve(8 << 20);
    std::uint64_t written = 0, n = 0;
    std::int64_t t = kStart;
    while (written < bytes) {
        buf.clear();
        while (buf.size() < (8u << 20)) {
            const std::size_t line = buf.size();
            buf += formatTime(t);
            buf += n % 7 == 0 ? " ERROR request failed after retries, id=" : " INFO  request handled normally, id=";
            buf += std::to_string(n);
            if (buf.size() - line < 99) buf.append(99 - (buf.size() - line), ' ');
            buf += '\n';
            ++n;
            t += 7;
        }
        if (std::fwrite(buf.data(), 1, buf.size(), f) != buf.size()) return std::fclose(f), false;
        written += buf.size();
    }
    lastTime = t;
    return std::fclose(f) == 0;
}

struct Run {
    double medianMs, maxMs;
    std::uint64_t maxLines;
};

Run measure(const std::string& path, std::int64_t lastTime, bool cold) {
    auto file = MappedFile::open(path, OpenMode::ReadOnly);
    if (!file) {
        std::fprintf(stderr, "%s: %s\n", path.c_str(), file.error().message.c_str());
        std::exit(1);
    }
    const ByteView bytes(file.value().data(), file.value().size());
    std::mt19937_64 rng(3);
    std::vector<double> ms;
    std::uint64_t maxLines = 0;
    for (int k = 0; k < 50; ++k) {
        if (cold) { // drop the file's pages: each search reads from disk
            const int fd = ::open(path.c_str(), O_RDONLY);
            posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
            ::close(fd);
        }
        const std::int64_t target = kStart + std::int64_t(rng() % std::uint64_t(lastTime - kStart));
        std::uint64_t lines = 0;
        QElapsedTimer timer;
        timer.start();
        const std::uint64_t at = findTime(bytes, TimeFormat::Iso8601, 2025, target, &lines);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        maxLines = std::max(maxLines, lines);
        if (at >= bytes.size()) std::fprintf(stderr, "target past the end?\n");
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back(), maxLines};
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const std::string folder = argc > 1 ? argv[1] : QDir::tempPath().toStdString();
    const std::uint64_t gib = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 16;
    const std::string small = folder + "/bench-time-16m.log", large = folder + "/bench-time-" + std::to_string(gib) + "g.log";
    std::int64_t lastSmall = 0, lastLarge = 0;
    std::printf("writing the logs (once; kept in %s)...\n", folder.c_str());
    if (!writeLog(small, 16ull << 20, lastSmall) || !writeLog(large, gib << 30, lastLarge)) {
        std::fprintf(stderr, "cannot write the logs in %s\n", folder.c_str());
        return 1;
    }
    for (const bool cold : {false, true}) {
        const Run s = measure(small, lastSmall, cold), l = measure(large, lastLarge, cold);
        std::printf("Go To a time, %s cache: 16 MiB median %.3f ms (max %.3f, %llu lines read); %llu GiB median %.3f ms "
                    "(max %.3f, %llu lines read); ratio %.2fx\n",
                    cold ? "cold" : "hot", s.medianMs, s.maxMs, (unsigned long long)s.maxLines, (unsigned long long)gib,
                    l.medianMs, l.maxMs, (unsigned long long)l.maxLines, l.medianMs / std::max(1e-6, s.medianMs));
    }
    return 0;
}
