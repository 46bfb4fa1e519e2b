// SPDX-License-Identifier: MIT
// The Lines view's filter pane (issue 22), in the window: View > Filter Pane (Ctrl+4) shows
// it; a filter typed and Entered keeps what `grep -n` keeps, numbered as in the file; a
// "hide" filter keeps what `grep -vn` keeps; ticking a filter off and a regex work; a click
// or a key in the pane moves the document's cursor there (and the main view follows); the
// pane follows a growing file under Follow End and starts again after a truncation and
// Reload; a regex that does not parse is refused with its reason.
#include "action_registry.h"
#include "filter_panel.h"
#include "filtered_lines.h"
#include "filtered_lines_view.h"
#include "lines_view.h"
#include "temp_files.h"
#include "window_driver.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QtTest>

using namespace hexmap;

namespace {

QByteArray makeLog(int n, int seed = 1) {
    QByteArray out;
    std::uint32_t x = std::uint32_t(seed) * 2654435761u;
    static const char* levels[] = {"INFO ", "WARN ", "ERROR", "DEBUG", "INFO "};
    for (int i = 0; i < n; ++i) {
        x = x * 1664525u + 1013904223u;
        out += "2026-12-07T10:00:00 " + QByteArray(levels[(x >> 8) % 5]) + " worker-" +
               QByteArray::number((x >> 12) % 7) + " request " + QByteArray::number(i) +
               ((x >> 16) % 11 == 0 ? " disk full\r\n" : "\n");
    }
    return out;
}

// grep's kept lines as (line number - 1).
std::vector<std::uint64_t> grep(const QString& path, const QString& args,
                                const QString& then = {}) {
    QProcess p;
    p.start("sh", {"-c", "grep " + args + " -- '" + path + "'" +
                             (then.isEmpty() ? "" : " | " + then) + " | cut -d: -f1"});
    p.waitForFinished(30000);
    std::vector<std::uint64_t> out;
    for (const QByteArray& l : p.readAllStandardOutput().split('\n'))
        if (!l.isEmpty()) out.push_back(l.toULongLong() - 1);
    return out;
}

std::vector<std::uint64_t> numbers(const FilteredLines* f) {
    std::vector<std::uint64_t> out;
    for (std::size_t i = 0; i < f->count(); ++i)
        out.push_back(f->at(i).number);
    return out;
}

void waitFiltered(Driver& d) {
    QTRY_VERIFY_WITH_TIMEOUT(
        d.tab()->filteredLines()->complete() && !d.tab()->filteredLines()->running(), 20000);
}

} // namespace

class TestFilterPane : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;

private slots:
    void initTestCase() { testutil::isolateSettings(m_config); }

    void filtersAsGrepDoes() {
        const QByteArray log = makeLog(5000);
        const QString path = testutil::newFile(m_dir, log);
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.w.actions().filterPane->trigger();
        QVERIFY(d.tab()->filterPaneVisible());
        QCOMPARE(d.tab()->viewMode(), DocumentTab::ViewMode::Lines); // the pane is the Lines view's
        FilterPanel* panel = d.tab()->filterPanel();
        auto* pattern = panel->findChild<QLineEdit*>("filterPattern");
        QVERIFY(pattern->hasFocus() || QTest::qWaitFor([&] { return pattern->hasFocus(); }, 2000));
        QTest::keyClicks(pattern, "ERROR");
        QTest::keyClick(pattern, Qt::Key_Return);
        waitFiltered(d);
        const std::vector<std::uint64_t> errors = grep(path, "-n -F ERROR");
        QVERIFY(errors.size() > 100);
        QVERIFY(numbers(d.tab()->filteredLines()) == errors);
        QVERIFY2(panel->findChild<QLabel*>("filterStatus")->text().contains("5,000 lines") ||
                     panel->findChild<QLabel*>("filterStatus")->text().contains("5000 lines"),
                 qPrintable(panel->findChild<QLabel*>("filterStatus")->text()));
        // Hide the lines with "disk": ERROR and not disk.
        panel->findChild<QComboBox*>("filterKind")->setCurrentIndex(1);
        QTest::keyClicks(pattern, "disk");
        QTest::keyClick(pattern, Qt::Key_Return);
        waitFiltered(d);
        QVERIFY(numbers(d.tab()->filteredLines()) == grep(path, "-n -F ERROR", "grep -v -F disk"));
        // The ERROR filter ticked off: only the hiding one is left, grep -vn.
        auto* list = panel->findChild<QListWidget*>("filterList");
        QCOMPARE(list->count(), 2);
        list->item(0)->setCheckState(Qt::Unchecked);
        waitFiltered(d);
        QVERIFY(numbers(d.tab()->filteredLines()) == grep(path, "-vn -F disk"));
        // A regex (show), with the hiding filter on as well.
        list->item(1)->setCheckState(Qt::Unchecked);
        waitFiltered(d);
        panel->findChild<QComboBox*>("filterKind")->setCurrentIndex(0);
        panel->findChild<QCheckBox*>("filterRegex")->setChecked(true);
        QTest::keyClicks(pattern, "worker-[25] request 4");
        QTest::keyClick(pattern, Qt::Key_Return);
        waitFiltered(d);
        QVERIFY(numbers(d.tab()->filteredLines()) == grep(path, "-n -E 'worker-[25] request 4'"));
        // One that does not parse: refused, the rules as they were.
        QTest::keyClicks(pattern, "worker-[");
        QTest::keyClick(pattern, Qt::Key_Return);
        QCOMPARE(list->count(), 3);
        QVERIFY(!panel->findChild<QLabel*>("filterStatus")->text().isEmpty());
        // A word in the label, the reason on hover (a long label widened the whole window).
        QVERIFY(panel->findChild<QLabel*>("filterStatus")->text().size() <= 20);
        QVERIFY(!panel->findChild<QLabel*>("filterStatus")->toolTip().isEmpty());
        QCOMPARE(pattern->text(), QStringLiteral("worker-[")); // kept, to be mended
    }

    void clicksAndKeysMoveTheDocument() {
        const QByteArray log = makeLog(3000, 2);
        const QString path = testutil::newFile(m_dir, log);
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.w.actions().filterPane->trigger();
        QCOMPARE(said(d.tab()->filterPanel()->addRule({"ERROR", false, false, true})), QString());
        waitFiltered(d);
        FilteredLinesView* pane = d.tab()->filterPanel()->view();
        const FilteredLines* f = d.tab()->filteredLines();
        QVERIFY(f->count() > 20);
        pane->resize(800, 300);
        // A click on the third row: the cursor is on that line, the main view shows it.
        const std::uint64_t third = f->at(2).start;
        const QRect cell = pane->cellRect(third + 4);
        QVERIFY(!cell.isEmpty());
        QTest::mouseClick(pane->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(d.cursor()->cursor(), third + 4);
        QVERIFY(!d.tab()->linesView()->cellRect(third + 4).isEmpty());
        QCOMPARE(pane->currentIndex().value_or(999), std::size_t(2));
        // Down: the next kept line's start; End: the last one; Shift+Up selects.
        pane->setFocus();
        QTest::keyClick(pane, Qt::Key_Down);
        QCOMPARE(d.cursor()->cursor(), f->at(3).start);
        QTest::keyClick(pane, Qt::Key_End);
        QCOMPARE(d.cursor()->cursor(), f->at(f->count() - 1).start);
        QVERIFY(pane->topIndex() > 0); // the last row came into view
        QTest::keyClick(pane, Qt::Key_Up, Qt::ShiftModifier);
        QVERIFY(d.cursor()->hasSelection());
        QCOMPARE(d.cursor()->selectionStart(), f->at(f->count() - 2).start);
        // The first frame at any position paints (the rows are indexes, nothing is walked).
        pane->setTopIndex(f->count() / 2);
        pane->viewport()->grab();
        QVERIFY(pane->lastFrameNanoseconds() > 0);
    }

    void followsGrowthAndStartsAgainAfterATruncation() {
        const QString path = testutil::newFile(m_dir, makeLog(2000, 3));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.w.actions().filterPane->trigger();
        QCOMPARE(said(d.tab()->filterPanel()->addRule({"WARN", false, false, true})), QString());
        waitFiltered(d);
        QVERIFY(numbers(d.tab()->filteredLines()) == grep(path, "-n -F WARN"));
        // Another program appends, the last line first without its newline.
        d.setFollowEnd(true);
        QFile f(path);
        QVERIFY(f.open(QIODevice::Append));
        f.write("2026-12-07T11:00:00 WARN  appended one\n2026-12-07T11:00:01 WAR");
        f.close();
        d.checkFileOnDisk();
        QTRY_COMPARE_WITH_TIMEOUT(d.model()->size(), std::uint64_t(QFileInfo(path).size()), 5000);
        waitFiltered(d);
        QVERIFY(numbers(d.tab()->filteredLines()) == grep(path, "-n -F WARN"));
        QCOMPARE(d.tab()->filteredLines()->linesSeen(), std::uint64_t(2002)); // the open line counts
        QVERIFY(f.open(QIODevice::Append));
        f.write("N appended two\n"); // the open line becomes a WARN line
        f.close();
        d.checkFileOnDisk();
        QTRY_COMPARE_WITH_TIMEOUT(d.model()->size(), std::uint64_t(QFileInfo(path).size()), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(numbers(d.tab()->filteredLines()) == grep(path, "-n -F WARN"),
                                 10000);
        // Cut to a third and reloaded: the pane starts again on what is left.
        d.setFollowEnd(false);
        QVERIFY(QFile::resize(path, QFileInfo(path).size() / 3));
        d.reload();
        waitFiltered(d);
        QVERIFY(numbers(d.tab()->filteredLines()) == grep(path, "-n -F WARN"));
    }
};

QTEST_MAIN(TestFilterPane)
#include "test_filter_pane.moc"
