// SPDX-License-Identifier: MIT
// `hexmap find --count` as a whole process (start-up included) against `rg` and `grep` on the
// same hot 1 GiB log in the same run (issue 22's search targets): a literal and the regex
// `ERROR|WARN`, in both page-cache states DESIGN.md describes — 4 KiB pages (the file written
// in 4 KiB writes) and 2 MiB folios (dropped, then read back in one sequential read).
// Counts are printed side by side: hexmap counts matches, `rg -c` and `grep -c` count lines
// (equal here: a generated line holds at most one match; `rg --count-matches` took 3-8x
// longer than `rg -c` on these files, so the faster form is the baseline).
// Medians of alternating rounds.
//
//   bench_find_process HEXMAP_BINARY [LOG]   (default: a generated 1 GiB log, removed after)
#include "bench_util.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace {

struct Timed {
    double seconds;
    QByteArray out;
};

Timed shell(const QString& command) {
    QProcess p;
    p.start("sh", {"-c", command});
    Timed t;
    t.seconds = bench::seconds([&] { p.waitForFinished(-1); });
    t.out = p.readAllStandardOutput().trimmed();
    return t;
}

QString q(const QString& s) { return "'" + s + "'"; }

// Drops the file from the page cache and reads it back in one sequential read: 2 MiB folios.
bool refill(const QString& path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0) return false;
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    std::vector<char> buf(64 << 20);
    while (::read(fd, buf.data(), buf.size()) > 0) {
    }
    ::close(fd);
    return true;
}

// Rewrites the file in 4 KiB writes: its page cache in 4 KiB pages.
bool rewriteSmall(const QString& path, const QByteArray& text) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_CREAT | O_TRUNC | O_WRONLY, 0644);
    if (fd < 0) return false;
    for (qsizetype at = 0; at < text.size(); at += 4096)
        if (::write(fd, text.constData() + at, size_t(std::min<qsizetype>(4096, text.size() - at))) < 0) {
            ::close(fd);
            return false;
        }
    ::close(fd);
    return true;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_find_process HEXMAP_BINARY [LOG]\n");
        return 2;
    }
    const QString hexmap = argv[1];
    QTemporaryDir tmp;
    const bool generated = argc < 3;
    const QString log = generated ? tmp.filePath("find.log") : QString(argv[2]);
    const QByteArray text = generated ? bench::logText(std::size_t(1) << 30) : QByteArray();

    struct Case {
        const char* name;
        QString hexmap, rg, grep;
    };
    const Case cases[] = {
        {"rare id=9999999", q(hexmap) + " find --count id=9999999 ", "rg -c -F id=9999999 ",
         "LC_ALL=C grep -c -F id=9999999 "},
        {"literal ERROR", q(hexmap) + " find --count ERROR ", "rg -c -F ERROR ", "LC_ALL=C grep -c -F ERROR "},
        {"regex ERROR|WARN", q(hexmap) + " find --regex --count 'ERROR|WARN' ", "rg -c 'ERROR|WARN' ",
         "LC_ALL=C grep -c -E 'ERROR|WARN' "},
    };
    for (const char* state : {"4 KiB pages", "2 MiB folios"}) {
        if (generated && state[0] == '4' && !rewriteSmall(log, text)) return 1;
        if (state[0] == '2' && !refill(log)) return 1;
        shell("cat " + q(log) + " > /dev/null"); // hot
        std::printf("%s (%s):\n", qPrintable(log), state);
        for (const Case& c : cases) {
            std::vector<double> h, r, g;
            QByteArray hc, rc, gc;
            for (int round = 0; round < 5; ++round) {
                const Timed th = shell(c.hexmap + q(log)), tr = shell(c.rg + q(log)),
                            tg = shell(c.grep + q(log));
                h.push_back(th.seconds), r.push_back(tr.seconds), g.push_back(tg.seconds);
                hc = th.out, rc = tr.out, gc = tg.out;
            }
            const double mh = bench::median(h), mr = bench::median(r), mg = bench::median(g);
            std::printf("  %-17s hexmap %.3f s, rg %.3f s, grep %.3f s: %.2fx the faster of rg and grep "
                        "(%.2fx rg)  counts %s / %s / %s\n",
                        c.name, mh, mr, mg, std::min(mr, mg) / mh, mr / mh, hc.constData(), rc.constData(),
                        gc.constData());
        }
    }
    return 0;
}
