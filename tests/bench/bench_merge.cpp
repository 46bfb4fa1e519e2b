// SPDX-License-Identifier: MIT
// The merged view of two logs (issue 22; not a unit test): from opening the window to the
// first frame that shows merged rows (target 1 s for two 1 GiB logs), to the end of the
// merge, and the memory it adds per merged line (target 16 bytes), against `sort -m` on the
// same files in the same run (the whole merge written to /dev/null, and its first 50 lines
// through `head`). Both files hot in the page cache; medians of three rounds.
//
//   bench_merge [LOG_A LOG_B]   (default: two generated 1 GiB logs whose times interleave,
//                                written to LOG_A and LOG_B when they do not exist)
#include "bench_util.h"
#include "merge_window.h"
#include "merged_log_view.h"
#include "merged_logs.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>
#include <malloc.h>

using namespace hexmap;

namespace {

// ISO lines 0-99 ms apart from `startMs`, ~80 bytes each.
QByteArray isoLog(std::size_t bytes, std::int64_t startMs, std::uint32_t seed) {
    QByteArray out;
    out.reserve(qsizetype(bytes) + 256);
    std::int64_t t = startMs;
    std::uint32_t x = seed;
    std::uint64_t i = 0;
    while (std::size_t(out.size()) < bytes) {
        x = x * 1664525u + 1013904223u;
        t += (x >> 10) % 100;
        out += QByteArray::fromStdString(formatTime(t - t % 1000 + 1)).left(19).replace(' ', 'T');
        out += '.' + QByteArray::number(1000 + t % 1000).mid(1) + "Z";
        out += (i % 7 == 0) ? " [db-3] ERROR query failed id=" : " [web-1] INFO request served id=";
        out += QByteArray::number(qulonglong(i++));
        out += '\n';
    }
    out.truncate(qsizetype(bytes));
    out += '\n';
    return out;
}

double shell(const QString& command) {
    return bench::seconds([&] {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LC_ALL", "C");
        p.setProcessEnvironment(env);
        p.start("sh", {"-c", command});
        p.waitForFinished(-1);
    });
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName("hexmap-bench");
    QTemporaryDir dir;
    QString a = argc > 2 ? QString::fromLocal8Bit(argv[1]) : QString();
    QString b = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    if (a.isEmpty()) {
        a = dir.filePath("web.log");
        b = dir.filePath("db.log");
    }
    if (!QFileInfo::exists(a) || !QFileInfo::exists(b)) { // made here (kept when named)
        std::fprintf(stderr, "writing two 1 GiB logs...\n");
        if (!bench::writeFile(a, isoLog(std::size_t(1) << 30, 1'764'127'270'000, 1)) ||
            !bench::writeFile(b, isoLog(std::size_t(1) << 30, 1'764'127'270'050, 2)))
            return 1;
    }
    shell(QString("cat '%1' '%2' > /dev/null").arg(a, b)); // hot
    std::vector<double> sortAll, sortHead, first, whole;
    std::vector<double> bytesPerLine;
    std::size_t lines = 0;
    for (int round = 0; round < 3; ++round) {
        sortAll.push_back(
            shell(QString("sort -m -s -t ' ' -k1,1 '%1' '%2' > /dev/null").arg(a, b)));
        sortHead.push_back(
            shell(QString("sort -m -s -t ' ' -k1,1 '%1' '%2' | head -n 50 > /dev/null").arg(a, b)));
        const long anonBefore = bench::residentKiB("RssAnon:");
        QElapsedTimer clock;
        clock.start();
        QString error;
        auto* w = new MergeWindow({a, b}, &error);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        w->resize(1400, 900);
        w->show();
        // The first frame with rows: wait for rows, then paint and count that paint in.
        while (w->logs()->count() == 0 && !w->logs()->complete())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        w->view()->viewport()->repaint();
        first.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e9);
        while (!w->logs()->complete() && w->logs()->error().isEmpty())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        whole.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e9);
        lines = w->logs()->count();
        const long anonAfter = bench::residentKiB("RssAnon:");
        bytesPerLine.push_back(static_cast<double>(anonAfter - anonBefore) * 1024.0 /
                               static_cast<double>(std::max<std::size_t>(1, lines)));
        // A frame at the end and in the middle, as the user scrolls there.
        w->view()->setTopRow(lines);
        const double endFrame = bench::seconds([&] { w->view()->viewport()->repaint(); });
        std::printf("round %d: first frame %.3f s, merged %zu lines in %.3f s, %+.1f B/line anon, "
                    "frame at the end %.2f ms\n",
                    round + 1, first.back(), lines, whole.back(), bytesPerLine.back(),
                    endFrame * 1000);
        delete w;
        QCoreApplication::processEvents();
        malloc_trim(0); // give the freed rows back, or the next round's RssAnon grows by nothing
    }
    const double mf = bench::median(first), mw = bench::median(whole), sa = bench::median(sortAll),
                 sh = bench::median(sortHead);
    std::printf("\nmerged view of two logs (%zu lines), medians of 3:\n", lines);
    std::printf(
        "  first frame with rows      %.3f s   (target <= 1 s; `sort -m | head -50` %.3f s)\n", mf,
        sh);
    std::printf("  whole merge                %.3f s   (`sort -m -s -k1,1 > /dev/null` %.3f s: "
                "%.2fx as fast)\n",
                mw, sa, sa / mw);
    std::printf("  memory added               %.1f bytes per line (target <= 16)\n",
                bench::median(bytesPerLine));
    return 0;
}
