// SPDX-License-Identifier: MIT
// Tools benchmark (not a unit test): numbers and ratios against baselines measured in the
// same run, on a hot 1 GiB file (a log, or the file given):
//   - `hexmap hash -a sha256` / `-a md5` against `sha256sum` / `md5sum`, and CRC-32 in GB/s;
//   - the file map (FileMapJob) of the whole file: time to the first batch and to the end;
//   - a cursor move in the hex grid with the inspector attached against without it.
//
//   bench_tools HEXMAP_BINARY [FILE]
#include "bench_util.h"
#include "byte_stats_jobs.h"
#include "cursor_model.h"
#include "document_model.h"
#include "hex_view.h"
#include "inspector_model.h"
#include "plain_text_delegate.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTableView>
#include <QTemporaryDir>
#include <bit>
#include <cstdio>

using namespace hexmap;

namespace {
double runSeconds(const QString& program, const QStringList& args) {
    return bench::seconds([&] {
        QProcess p;
        p.setStandardOutputFile(QProcess::nullDevice());
        p.start(program, args);
        p.waitForFinished(-1);
    });
}

// Median time of one cursor move (with its repaints and every listener), in microseconds.
double moveMicros(HexView& view, CursorModel& cursor, std::uint64_t size) {
    std::vector<double> rounds;
    for (int r = 0; r < 5; ++r) {
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 400; ++i) {
            cursor.moveCursor((std::uint64_t(i) * 4099) % size);
            view.viewport()->repaint();
            QApplication::processEvents(); // the inspector's table repaints, when shown
        }
        rounds.push_back(double(t.nsecsElapsed()) / 1e3 / 400);
    }
    return bench::median(rounds);
}
} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_tools HEXMAP_BINARY [FILE]\n");
        return 2;
    }
    const QString hexmap = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir dir;
    QString path = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    if (path.isEmpty()) {
        path = dir.filePath("tools.log");
        if (!bench::writeFile(path, bench::logText(std::size_t(1) << 30))) return 1;
    }
    runSeconds("cat", {path}); // hot

    // 1. Hashes, alternating rounds.
    std::vector<double> sha, shaBase, md5, md5Base, crc;
    for (int r = 0; r < 3; ++r) {
        shaBase.push_back(runSeconds("sha256sum", {path}));
        sha.push_back(runSeconds(hexmap, {"hash", "-a", "sha256", path}));
        md5Base.push_back(runSeconds("md5sum", {path}));
        md5.push_back(runSeconds(hexmap, {"hash", "-a", "md5", path}));
        crc.push_back(runSeconds(hexmap, {"hash", "-a", "crc32", path}));
    }
    auto model = DocumentModel::open(path, OpenMode::ReadOnly);
    if (!model) return 1;
    const double gib = double(model.value()->size()) / double(1 << 30);
    std::printf("hash of %.2f GiB: sha256 %.3f s vs sha256sum %.3f s (throughput ratio %.2f); "
                "md5 %.3f s vs md5sum %.3f s (ratio %.2f); crc32 %.3f s = %.2f GB/s\n",
                gib, bench::median(sha), bench::median(shaBase), bench::median(shaBase) / bench::median(sha),
                bench::median(md5), bench::median(md5Base), bench::median(md5Base) / bench::median(md5),
                bench::median(crc), double(model.value()->size()) / 1e9 / bench::median(crc));

    // 2. The file map.
    std::vector<double> first, total;
    for (int r = 0; r < 3; ++r) {
        const std::uint64_t size = model.value()->size();
        const std::uint64_t seg = std::max<std::uint64_t>(256, std::bit_ceil(size / 4096));
        FileMapJob job(model.value().get(), seg, (size + seg - 1) / seg);
        QElapsedTimer t;
        double firstMs = -1;
        QObject::connect(&job, &FileMapJob::measured, [&] {
            if (firstMs < 0) firstMs = double(t.nsecsElapsed()) / 1e6;
        });
        bool done = false;
        QObject::connect(&job, &BackgroundJob::finished, [&] { done = true; });
        t.start();
        job.start();
        while (!done) QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        total.push_back(double(t.nsecsElapsed()) / 1e9);
        first.push_back(firstMs);
    }
    std::printf("file map of %.2f GiB: first segments after %.1f ms, all in %.3f s\n", gib, bench::median(first),
                bench::median(total));

    // 3. A cursor move with and without the inspector.
    CursorModel cursor;
    cursor.setDocumentSize(model.value()->size());
    HexView view;
    view.attach(model.value().get(), &cursor, nullptr);
    view.resize(1200, 800);
    view.show();
    QApplication::processEvents();
    InspectorModel inspector;
    QTableView table; // as the dock shows it
    table.setModel(&inspector);
    table.setItemDelegate(new PlainTextDelegate(&table)); // as MainWindow sets it
    table.resize(400, 700);
    table.show();
    std::vector<double> without, with, hidden;
    for (int r = 0; r < 3; ++r) {
        inspector.attach(nullptr, nullptr);
        without.push_back(moveMicros(view, cursor, model.value()->size()));
        inspector.attach(model.value().get(), &cursor);
        with.push_back(moveMicros(view, cursor, model.value()->size()));
        table.setModel(nullptr); // the inspector's own work, without a view to paint it
        hidden.push_back(moveMicros(view, cursor, model.value()->size()));
        table.setModel(&inspector);
    }
    std::printf("cursor move with repaint: %.1f us without the inspector, %.1f us with its table shown (ratio %.3f), "
                "%.1f us attached with no view (ratio %.3f)\n",
                bench::median(without), bench::median(with), bench::median(with) / bench::median(without),
                bench::median(hidden), bench::median(hidden) / bench::median(without));
    return 0;
}
