// SPDX-License-Identifier: MIT
// Start-up benchmark: time from launching `hexmap --bench-startup FILE` to its first
// painted frame, and resident memory after Ctrl+End, for a 16 GiB sparse file against a
// 1 KiB file measured in the same run. Prints medians and the ratios.
//
//   bench_startup HEXMAP_BINARY [RUNS]
// The display is whatever QT_QPA_PLATFORM / DISPLAY say (offscreen when unset).
#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace {
long long monotonicNs() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

struct Sample {
    double ms;
    long long rssKb;
    double topMs = 0, endMs = 0, middleMs = 0; // one frame each, after the first
};

QStringList g_extraArgs; // --lines: the same in the Lines view

bool runOnce(const QString& bin, const QString& file, Sample* out) {
    QProcess p;
    const long long t0 = monotonicNs();
    p.start(bin, QStringList{"--bench-startup"} + g_extraArgs + QStringList{file});
    if (!p.waitForFinished(60000)) return false;
    long long painted = 0, rss = -1;
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
        if (line.startsWith("first-paint-ns ")) painted = line.mid(15).toLongLong();
        if (line.startsWith("rss-kb ")) rss = line.mid(7).toLongLong();
        if (line.startsWith("frame-top-ns ")) out->topMs = line.mid(13).toDouble() / 1e6;
        if (line.startsWith("frame-end-ns ")) out->endMs = line.mid(13).toDouble() / 1e6;
        if (line.startsWith("frame-middle-ns ")) out->middleMs = line.mid(16).toDouble() / 1e6;
    }
    if (!painted || rss < 0) return false;
    out->ms = double(painted - t0) / 1e6;
    out->rssKb = rss;
    return true;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_startup HEXMAP_BINARY [RUNS] [--lines]\n");
        return 2;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const QString bin = argv[1];
    const int runs = argc > 2 ? std::max(1, atoi(argv[2])) : 7;
    if (argc > 3 && QByteArray(argv[3]) == "--lines") g_extraArgs << "--lines";
    QTemporaryDir dir;
    const QString small = dir.filePath("small-1KiB.bin");
    const QString big = dir.filePath("sparse-16GiB.bin");
    {
        const int fd = ::open(small.toLocal8Bit().constData(), O_CREAT | O_WRONLY, 0644);
        char buf[1024];
        for (int i = 0; i < 1024; ++i) buf[i] = i % 64 == 63 ? '\n' : char('a' + i % 26);
        if (fd < 0 || ::write(fd, buf, sizeof buf) != sizeof buf) return 1;
        ::close(fd);
        const int fd2 = ::open(big.toLocal8Bit().constData(), O_CREAT | O_WRONLY, 0644);
        if (fd2 < 0 || ::ftruncate(fd2, 16LL << 30) != 0) return 1;
        if (!g_extraArgs.isEmpty()) { // the Lines view: a log, with log lines at both ends
            QByteArray log;
            for (int i = 0; log.size() < 65536; ++i)
                log += "2026-11-27 05:00:00 [worker-1] INFO request " + QByteArray::number(i) + " served\n";
            if (::pwrite(fd2, log.constData(), size_t(log.size()), 0) != log.size() ||
                ::pwrite(fd2, log.constData(), size_t(log.size()), (16LL << 30) - log.size()) != log.size())
                return 1;
        }
        ::close(fd2);
    }
    std::vector<double> tSmall, tBig, mSmall, mBig, fTop, fEnd, fMiddle;
    Sample s;
    if (!runOnce(bin, small, &s)) { // warm-up: libraries into the page cache
        std::fprintf(stderr, "hexmap --bench-startup failed\n");
        return 1;
    }
    for (int i = 0; i < runs; ++i) { // alternate so that drift hits both alike
        if (!runOnce(bin, small, &s)) return 1;
        tSmall.push_back(s.ms);
        mSmall.push_back(double(s.rssKb));
        if (!runOnce(bin, big, &s)) return 1;
        tBig.push_back(s.ms);
        mBig.push_back(double(s.rssKb));
        fTop.push_back(s.topMs);
        fEnd.push_back(s.endMs);
        fMiddle.push_back(s.middleMs);
    }
    const double ts = median(tSmall), tb = median(tBig), ms = median(mSmall), mb = median(mBig);
    std::printf("runs each: %d (medians)%s\n", runs, g_extraArgs.isEmpty() ? "" : ", Lines view");
    std::printf("launch to first frame: 1 KiB %.1f ms, 16 GiB sparse %.1f ms, ratio %.3f (target <= 1.1)\n",
                ts, tb, tb / ts);
    std::printf("16 GiB, one frame: top %.2f ms, Ctrl+End %.2f ms (ratio %.2f), jump to the middle %.2f ms (ratio %.2f)\n",
                median(fTop), median(fEnd), median(fEnd) / median(fTop), median(fMiddle),
                median(fMiddle) / median(fTop));
    std::printf("RSS after Ctrl+End:    1 KiB %.1f MB, 16 GiB sparse %.1f MB, difference %+.2f MB (target <= 16 MB)\n",
                ms / 1024, mb / 1024, (mb - ms) / 1024);
    return 0;
}
