// SPDX-License-Identifier: MIT
// Lines view benchmark (not a unit test): prints numbers and ratios against baselines
// measured in the same run.
//   - paint of a full viewport of lines at the start and the end of a 16 GiB sparse log,
//     and on a 100 MiB file with no newline against a 100 MiB log;
//   - the background line count of a log (DIR/bench.log from bench_search when given, else
//     a generated 256 MiB one) against `wc -l` of the same file, and the index's bytes/MiB.
//
//   bench_lines [LOG]
#include "cursor_model.h"
#include "document_model.h"
#include "line_counter.h"
#include "lines_view.h"
#include "bench_util.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

using namespace hexmap;
using namespace bench;

namespace {

struct Shown {
    std::unique_ptr<DocumentModel> model;
    CursorModel cursor;
    LinesView view;
    explicit Shown(const QString& path) {
        auto m = DocumentModel::open(path, OpenMode::ReadOnly);
        if (!m) qFatal("%s", m.error().message.c_str());
        model = std::move(m).value();
        cursor.setDocumentSize(model->size());
        view.attach(model.get(), &cursor, nullptr, nullptr);
        view.resize(1600, 1000);
        view.show();
        QApplication::processEvents();
    }
};

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;
    const int frames = 50;

    // 1. Start against end of a 16 GiB sparse log (log text at both ends).
    const QString sparse = dir.filePath("sparse-16GiB.log");
    if (!writeFile(sparse, logText(64 * 1024), 16LL << 30)) return 1;
    {
        Shown s(sparse);
        s.cursor.moveCursor(0);
        msPerFrame(s.view, 10);
        const double start = msPerFrame(s.view, frames);
        s.cursor.moveCursor((16ULL << 30) - 1);
        const double end = msPerFrame(s.view, frames);
        s.view.setTopOffset(8ULL << 30); // the middle: a hole, no newline for 8 GiB
        const double middle = msPerFrame(s.view, frames);
        std::printf("lines paint 1600x1000 (%d rows), 16 GiB sparse log: start %.3f ms, end %.3f ms (ratio %.3f), "
                    "middle of a hole %.3f ms (ratio %.3f)\n",
                    s.view.visibleRows(), start, end, end / start, middle, middle / start);
    }
    // 2. 100 MiB without a newline against a 100 MiB log, and against a log whose lines
    //    fill every row (the same number of glyphs a frame as the file without newlines:
    //    what is left of the ratio is the cost of drawing more glyphs, not of long lines).
    const QString noNewline = dir.filePath("no-newline.bin"), log100 = dir.filePath("log100.log"),
                  dense = dir.filePath("dense.log");
    if (!writeFile(noNewline, QByteArray(100 << 20, 'x')) || !writeFile(log100, logText(100 << 20))) return 1;
    double tLog = 0, tFlat = 0, tDense = 0;
    std::uint32_t rowBytes = 0;
    {
        Shown s(log100);
        s.view.setTopOffset(50 << 20);
        msPerFrame(s.view, 10);
        tLog = msPerFrame(s.view, frames);
        rowBytes = s.view.wrapBytes();
    }
    {
        QByteArray text;
        const QByteArray line = logText(1 << 20).replace('\n', ' ');
        for (std::size_t at = 0; text.size() < (100 << 20); at += rowBytes) {
            text += line.mid(qsizetype(at % (line.size() - rowBytes)), qsizetype(rowBytes - 1));
            text += '\n';
        }
        if (!writeFile(dense, text)) return 1;
        Shown s(dense);
        s.view.setTopOffset(50 << 20);
        msPerFrame(s.view, 10);
        tDense = msPerFrame(s.view, frames);
    }
    {
        Shown s(noNewline);
        s.view.setTopOffset((50 << 20) + 12345);
        msPerFrame(s.view, 10);
        tFlat = msPerFrame(s.view, frames);
    }
    std::printf("lines paint, middle of 100 MiB: log %.3f ms, no newline at all %.3f ms (ratio %.3f); "
                "log with every row full %.3f ms (no newline / full rows %.3f)\n",
                tLog, tFlat, tFlat / tLog, tDense, tFlat / tDense);

    // 3. Line count against wc -l.
    QString logPath = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (logPath.isEmpty()) {
        logPath = dir.filePath("count.log");
        if (!writeFile(logPath, logText(256 << 20))) return 1;
    }
    std::vector<double> ours, wc;
    qulonglong lines = 0;
    std::size_t indexBytes = 0;
    std::uint64_t size = 0;
    QByteArray wcOut;
    for (int round = 0; round < 5; ++round) { // alternate, medians
        wc.push_back(seconds([&] {
            QProcess p;
            p.start("wc", {"-l", logPath});
            p.waitForFinished(-1);
            wcOut = p.readAllStandardOutput();
        }));
        auto m = DocumentModel::open(logPath, OpenMode::ReadOnly);
        if (!m) return 1;
        size = m.value()->size();
        ours.push_back(seconds([&] {
            LineCounter counter(m.value().get());
            while (!counter.complete())
                QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
            lines = *counter.lineCount();
            indexBytes = counter.index().memoryBytes();
        }));
    }
    std::sort(ours.begin(), ours.end());
    std::sort(wc.begin(), wc.end());
    const double o = ours[2], w = wc[2];
    std::printf("line count of %.0f MiB: hexmap %.3f s (%llu lines), wc -l %.3f s (%s), ratio wc/hexmap %.2f; "
                "index %.1f bytes per MiB\n",
                double(size) / (1 << 20), o, lines, w, wcOut.trimmed().split(' ').first().constData(), w / o,
                double(indexBytes) / (double(size) / (1 << 20)));
    return 0;
}
