// SPDX-License-Identifier: MIT
// Find All in the Lines view (not a unit test): the time from the Find All key press to the
// final count, with every match listed in the Results panel with its line number, against
// grep on the same file in the same run (medians of alternating rounds, the file hot in the
// page cache). Three greps: `grep -n P F > /dev/null` as asked, which GNU grep turns into
// "stop at the first match" when it sees its output is /dev/null (so it measures nothing
// but start-up); `grep -n P F | cat > /dev/null`, which numbers and writes every line; and
// `grep -c P F | cat`, which counts them (piped, or grep sees /dev/null again).
//
// Then the filter pane with the same pattern as a "show" filter: from setting it to the last
// kept line (its ratio to Find All, issue 22's target 1.5), and a frame of the pane at the
// end of what it keeps (target 16 ms, at 9.9 million lines for "INFO").
//
//   bench_find_lines [LOG [PATTERN]]   (default: a generated 1 GiB log, "ERROR")
#include "../ui/said.h"
#include "bench_util.h"
#include <chrono>
#include <QTimer>
#include "document_tab.h"
#include "filter_panel.h"
#include "filtered_lines.h"
#include "filtered_lines_view.h"
#include "find_bar.h"
#include "line_counter.h"
#include "lines_view.h"
#include "main_window.h"
#include "match_list_model.h"
#include "search_controller.h"

#include <QApplication>
#include <QProcess>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>

using namespace hexmap;

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName("hexmap-bench"); // keep the user's settings out of it
    QTemporaryDir dir;
    QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    const QString pattern = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("ERROR");
    if (path.isEmpty()) {
        path = dir.filePath("find.log");
        if (!bench::writeFile(path, bench::logText(std::size_t(1) << 30))) return 1;
    }

    MainWindow w;
    w.resize(1400, 900);
    w.setViewMode(DocumentTab::ViewMode::Lines);
    w.show();
    if (const UiStatus e = w.openFile(path, OpenMode::ReadOnly); !e) {
        std::fprintf(stderr, "%s\n", qPrintable(said(e)));
        return 1;
    }
    DocumentTab* tab = w.currentTab();
    // Line numbers first: the count runs once per open, and the panel shows numbers only
    // once it is done (it costs 0.1 s a GiB, reported by bench_lines).
    while (!tab->lineCounter()->complete())
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    tab->findBar()->show();
    tab->findBar()->setPatternText(pattern);
    tab->linesView()->setFocus();

    std::vector<double> ours, grepNull, grepPipe, grepCount;
    auto shell = [&](const char* script) {
        return bench::seconds([&] {
            QProcess p;
            p.start("sh", {"-c", script, "sh", pattern, path});
            p.waitForFinished(-1);
        });
    };
    int rows = 0;
    QString status, firstLine;
    // Issue 22's other two targets: memory added (resident, sampled every tick) and the
    // longest stall of the GUI thread (the largest gap between ticks of a 1 ms timer, less
    // the 1 ms) while Find All runs; and `hexmap find --count`, the process, as the baseline.
    const QString cli = QCoreApplication::applicationDirPath() + "/../../app/hexmap";
    std::vector<double> counts;
    const long rssBefore = bench::residentKiB(), anonBefore = bench::residentKiB("RssAnon:");
    long rssPeak = rssBefore, anonPeak = anonBefore;
    double longestStall = 0;
    std::vector<double> stalls;
    QTimer tick;
    tick.setInterval(1);
    auto lastTick = std::chrono::steady_clock::now();
    bool watching = false;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const auto now = std::chrono::steady_clock::now();
        if (watching) longestStall = std::max(longestStall, std::chrono::duration<double, std::milli>(now - lastTick).count() - 1.0);
        lastTick = now;
        static int ticks = 0;
        if (++ticks % 10 == 0) { // /proc costs ~30 us
            rssPeak = std::max(rssPeak, bench::residentKiB());
            anonPeak = std::max(anonPeak, bench::residentKiB("RssAnon:"));
        }
    });
    auto findAll = [&] {
        QTest::keyClick(tab->linesView(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        while (tab->search()->running() || !tab->search()->resultsComplete())
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        tab->resultsView()->viewport()->repaint(); // the listed lines, with their numbers
    };
    // The time: rounds without the 1 ms probe, which on two cores took 60% of one (a wake-up
    // and a poll each millisecond) from the search it was watching.
    tick.stop();
    for (int round = 0; round < 5; ++round) {
        grepNull.push_back(shell("grep -n -- \"$1\" \"$2\" > /dev/null"));
        grepPipe.push_back(shell("grep -n -- \"$1\" \"$2\" | cat > /dev/null"));
        grepCount.push_back(shell("grep -c -- \"$1\" \"$2\" | cat > /dev/null"));
        counts.push_back(bench::seconds([&] {
            QProcess p;
            p.start(cli, {"find", "--count", pattern, path});
            p.waitForFinished(-1);
        }));
        ours.push_back(bench::seconds(findAll));
        rows = tab->results()->rowCount();
        status = tab->findBar()->statusText();
        firstLine = tab->results()->index(0, MatchListModel::Line).data().toString();
    }
    // The stalls and the memory: rounds with the probe.
    tick.start();
    for (int round = 0; round < 3; ++round) {
        lastTick = std::chrono::steady_clock::now();
        watching = true;
        longestStall = 0;
        findAll();
        watching = false;
        rssPeak = std::max(rssPeak, bench::residentKiB());
        anonPeak = std::max(anonPeak, bench::residentKiB("RssAnon:"));
        stalls.push_back(longestStall);
    }
    tick.stop(); // the filter pane's rounds run without the probe too
    const double o = bench::median(ours), gn = bench::median(grepNull), gp = bench::median(grepPipe),
                 gc = bench::median(grepCount);
    std::printf("Find All '%s' in the Lines view, key press to final count with every match listed as a line: "
                "%.3f s (%d rows, \"%s\", first at line %s)\n"
                "  grep -n > /dev/null %.3f s (stops at the first match; ratio %.1f)\n"
                "  grep -n | cat > /dev/null %.3f s (ratio hexmap/grep %.2f)\n"
                "  grep -c | cat %.3f s (ratio %.2f)\n",
                qPrintable(pattern), o, rows, qPrintable(status), qPrintable(firstLine), gn, o / gn, gp, o / gp,
                gc, o / gc);
    const double hc = bench::median(counts);
    std::printf("  hexmap find --count %.3f s (ratio %.2f, target <= 3); resident before %.0f MB, largest during "
                "the rounds +%.0f MB, of it anonymous +%.0f MB (the rest: the file's pages the search mapped; target "
                "<= 200); longest GUI stall per round",
                hc, o / hc, double(rssBefore) / 1024, double(rssPeak - rssBefore) / 1024,
                double(anonPeak - anonBefore) / 1024);
    for (double st : stalls) std::printf(" %.0f", st);
    std::printf(" ms (target <= 50)\n");

    // The filter pane, the same pattern as its one filter.
    tab->setFilterPaneVisible(true);
    FilteredLines* filtered = tab->filteredLines();
    FilteredLinesView* pane = tab->filterPanel()->view();
    std::vector<double> filters, endFrames;
    for (int round = 0; round < 5; ++round) {
        filters.push_back(bench::seconds([&] {
            if (const UiStatus set = filtered->setRules({}); !set) std::exit(1);
            if (const UiStatus set = filtered->setRules({FilterRule{pattern, false, false, true}}); !set) std::exit(1);
            while (filtered->running() || !filtered->complete())
                QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        }));
    }
    pane->setTopIndex(filtered->count());
    for (int i = 0; i < 21; ++i) {
        pane->viewport()->repaint();
        endFrames.push_back(double(pane->lastFrameNanoseconds()) / 1e6);
    }
    const double f = bench::median(filters);
    std::printf("Filter pane '%s' to its last line: %.3f s (%zu lines kept; ratio to Find All %.2f, target <= 1.5)\n"
                "  a frame of the pane at its end: %.2f ms median (target <= 16)\n",
                qPrintable(pattern), f, filtered->count(), f / o, bench::median(endFrames));
    return rows > 0 && filtered->count() > 0 ? 0 : 1;
}
