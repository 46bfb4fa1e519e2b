// SPDX-License-Identifier: MIT
// Compare benchmark (issue 19's targets), against cmp in the same run, files hot in the cache:
//   (a) two identical 1 GiB files but for their last byte: `hexmap cmp` against `cmp`;
//   (b) 10,000 scattered differences: `hexmap cmp --ranges` against `cmp -l | wc -l`;
//   (d) one byte inserted at the front of the 1 GiB file: `hexmap cmp --resync` against
//       the plain comparison's full pass of (b) (`--ranges` over 10,000 differences: a plain
//       comparison of this shifted pair would differ almost everywhere);
//   (c) two 16 GiB sparse images that differ in one 4 KiB block: `hexmap cmp --ranges`,
//       and how much the page cache grew (Cached in /proc/meminfo).
//
//   bench_compare HEXMAP_BINARY [FOLDER]
#include "bench_util.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>
#include <fcntl.h>
#include <random>
#include <unistd.h>

namespace {

double shellSeconds(const QString& command) {
    std::vector<double> runs;
    for (int i = 0; i < 3; ++i)
        runs.push_back(bench::seconds([&] {
            QProcess p;
            p.setStandardOutputFile(QProcess::nullDevice());
            p.setStandardErrorFile(QProcess::nullDevice());
            p.start("sh", {"-c", command});
            p.waitForFinished(-1);
        }));
    return bench::median(runs);
}

long cachedKiB() {
    QFile f("/proc/meminfo");
    if (!f.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("Cached:")) return line.mid(7).trimmed().split(' ').first().toLong();
    return 0;
}

QString q(const QString& s) { return "'" + s + "'"; }

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_compare HEXMAP_BINARY [FOLDER]\n");
        return 2;
    }
    const QString hexmap = argv[1];
    QTemporaryDir tmp;
    const QString dir = argc > 2 ? argv[2] : tmp.path();
    const QString a = dir + "/cmp-a.bin", b = dir + "/cmp-b.bin";
    {
        const QByteArray text = bench::logText(1u << 30);
        if (!bench::writeFile(a, text)) return 1;
        QByteArray other = text;
        other[other.size() - 1] = '#';
        if (!bench::writeFile(b, other)) return 1;
    }
    shellSeconds("cat " + q(a) + " " + q(b) + " > /dev/null"); // hot
    const double cmp = shellSeconds("cmp " + q(a) + " " + q(b));
    const double ours = shellSeconds(q(hexmap) + " cmp " + q(a) + " " + q(b));
    std::printf("(a) 1 GiB, last byte differs: hexmap cmp %.3f s, cmp %.3f s: %.2fx cmp's speed (target >= 1.0)\n",
                ours, cmp, cmp / ours);

    {
        QFile f(b);
        if (!f.open(QIODevice::ReadWrite)) return 1;
        std::mt19937_64 rng(19);
        for (int i = 0; i < 10000; ++i) {
            f.seek(qint64(rng() % ((1u << 30) - 1)));
            f.write("~");
        }
    }
    const double list = shellSeconds("cmp -l " + q(a) + " " + q(b) + " | wc -l");
    const double ranges = shellSeconds(q(hexmap) + " cmp --ranges " + q(a) + " " + q(b) + " | wc -l");
    // The floor: reading both files once, as fast as this machine copies from its page cache.
    const double both = shellSeconds("cat " + q(a) + " " + q(b) + " > /dev/null");
    std::printf("(b) 10,000 scattered differences: hexmap cmp --ranges %.3f s, cmp -l | wc -l %.3f s: %.1fx faster (target >= 10); "
                "cat of both files %.3f s (the floor: %.1fx)\n",
                ranges, list, list / ranges, both, list / both);
    {
        // (d): b is a with one byte in front.
        QFile in(a), out(b);
        if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly)) return 1;
        out.write("!");
        while (!in.atEnd()) out.write(in.read(8 << 20));
    }
    shellSeconds("cat " + q(a) + " " + q(b) + " > /dev/null");
    const double plain = ranges;
    const double resync = shellSeconds(q(hexmap) + " cmp --resync " + q(a) + " " + q(b));
    QProcess check;
    check.start(hexmap, {"cmp", "--resync", a, b});
    check.waitForFinished(-1);
    std::printf("(d) 1 byte inserted at 0 of 1 GiB: --resync %.3f s (prints %s), the plain comparison %.3f s: %.2fx (target <= 3)\n",
                resync, check.readAllStandardOutput().trimmed().replace('\t', ' ').constData(), plain, resync / plain);
    QFile::remove(a);
    QFile::remove(b);

    const QString sa = dir + "/sparse-a.img", sb = dir + "/sparse-b.img";
    for (const QString& p : {sa, sb}) {
        const int fd = ::open(p.toLocal8Bit().constData(), O_CREAT | O_TRUNC | O_RDWR, 0644);
        if (fd < 0 || ::ftruncate(fd, 16LL << 30) != 0) return 1;
        const QByteArray block(4096, p == sa ? 'a' : 'b');
        if (::pwrite(fd, block.constData(), 4096, 5LL << 30) != 4096) return 1;
        ::close(fd);
    }
    const long before = cachedKiB();
    const double sparse = shellSeconds(q(hexmap) + " cmp --ranges " + q(sa) + " " + q(sb));
    const long after = cachedKiB();
    std::printf("(c) 16 GiB sparse images, one 4 KiB block differs: %.4f s (target <= 0.1 s), page cache %+.1f MB\n",
                sparse, double(after - before) / 1024.0);
    QFile::remove(sa);
    QFile::remove(sb);
    return 0;
}
