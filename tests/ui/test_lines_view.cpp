// SPDX-License-Identifier: MIT
// The Lines view in the window: View > Lines / Hex / both keep the byte under the cursor and
// the selection; the keys move by rows; typing overwrites; line numbers arrive from the
// background count and Go To accepts them; a huge sparse log shows its last line at once;
// a file without a newline still paints; matches and colour rules are drawn; the count
// follows edits and growth.
#include "action_registry.h"
#include "line_cells.h"
#include "line_counter.h"
#include "line_rules_dialog.h"
#include "rule_map.h"
#include "lines_view.h"
#include "prompt_dialog.h"
#include "temp_files.h"
#include "window_driver.h"

#include <QImage>
#include <QScrollBar>
#include <QSettings>
#include <QDateTime>
#include <QTimeZone>
#include <QLabel>
#include <QTableWidget>
#include <QPushButton>
#include <QtTest>
#include <fcntl.h>
#include <unistd.h>

using namespace hexmap;

namespace {

QByteArray logLines(int n) {
    QByteArray out;
    for (int i = 1; i <= n; ++i)
        out += QByteArray("line ") + QByteArray::number(i) + (i % 10 == 0 ? " ERROR boom\n" : " ok\n");
    return out;
}

LinesView* lines(Driver& d) { return d.tab()->linesView(); }

void waitCounted(Driver& d) { QTRY_VERIFY_WITH_TIMEOUT(d.tab()->lineCounter()->complete(), 20000); }

// The colour at the middle of a viewport row, left part of the text area.
QColor rowColor(LinesView* v, int row) {
    const QImage img = v->viewport()->grab().toImage();
    return img.pixelColor(v->viewport()->width() / 2, row * (v->viewport()->height() / std::max(1, v->visibleRows())) + 2);
}

} // namespace

class TestLinesView : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;

private slots:
    void initTestCase() {
        testutil::isolateSettings(m_config);
    }

    // Issue 21: after Reload of a shrunk file, and after Both then Lines at the end, the
    // Lines view showed one line and an empty page. The page stays full.
    void noEmptyPageAfterAShrinkOrAViewSwitch() {
        const QString path = testutil::newFile(m_dir, logLines(2000));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.w.actions().viewLines->trigger();
        const int full = lines(d)->visibleRows();
        QVERIFY(full > 5);
        auto rowsShown = [&] {
            const std::uint64_t top = lines(d)->topOffset();
            const QByteArray shown = QByteArray(reinterpret_cast<const char*>(d.model()->document().mappingData()) + top,
                                                qsizetype(d.model()->size() - top));
            return int(shown.count('\n'));
        };
        QTest::keyClick(lines(d), Qt::Key_End, Qt::ControlModifier);
        QVERIFY(rowsShown() >= full - 1);
        // Another program cuts the log to half; Reload.
        QVERIFY(QFile::resize(path, QFileInfo(path).size() / 2));
        d.reload();
        QTest::qWait(20);
        QVERIFY2(rowsShown() >= full - 1, qPrintable(QString("%1 rows for a page of %2").arg(rowsShown()).arg(full)));
        // Both, then Lines, at the end.
        QTest::keyClick(lines(d), Qt::Key_End, Qt::ControlModifier);
        d.w.actions().viewBoth->trigger();
        QTest::qWait(20);
        QTest::keyClick(lines(d), Qt::Key_End, Qt::ControlModifier);
        d.w.actions().viewLines->trigger();
        QTest::qWait(20);
        QVERIFY2(rowsShown() >= lines(d)->visibleRows() - 1,
                 qPrintable(QString("%1 rows for a page of %2").arg(rowsShown()).arg(lines(d)->visibleRows())));
    }

    void switchingViewsKeepsTheCursorAndSelection() {
        Driver d;
        d.open(testutil::newFile(m_dir, logLines(2000)), OpenMode::ReadOnly);
        QCOMPARE(d.goToOffset("0x4000"), QString());
        d.cursor()->select(0x3FF0, 0x4000);
        d.w.actions().viewLines->trigger();
        QVERIFY(lines(d)->isVisible());
        QVERIFY(!d.view()->isVisible());
        QVERIFY(lines(d)->viewport()->width() > 500); // it has the tab's width
        QVERIFY(lines(d)->hasFocus());
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(0x4000));
        QCOMPARE(d.cursor()->selectionLength(), std::uint64_t(0x11));
        // The cursor's row is on screen in the Lines view.
        QVERIFY(!lines(d)->cellRect(0x4000).isEmpty());
        // Both side by side: a move in one is a move in the other.
        d.w.actions().viewBoth->trigger();
        QVERIFY(lines(d)->isVisible() && d.view()->isVisible());
        QTest::keyClick(lines(d), Qt::Key_Down);
        const std::uint64_t moved = d.cursor()->cursor();
        QVERIFY(moved > 0x4000);
        QVERIFY(!d.view()->byteRect(moved, GridLayout::Area::Hex).isEmpty());
        d.w.actions().viewHex->trigger();
        QVERIFY(!lines(d)->isVisible());
        QCOMPARE(d.cursor()->cursor(), moved);
    }

    void eachFileReopensInTheViewLastUsed() {
        const QString logFile = testutil::newFile(m_dir, logLines(10));
        const QString binFile = testutil::newFile(m_dir, QByteArray(64, '\0'));
        {
            Driver d;
            d.open(logFile, OpenMode::ReadOnly);
            d.w.actions().viewLines->trigger();
        }
        Driver d;
        d.open(binFile, OpenMode::ReadOnly);
        QCOMPARE(d.tab()->viewMode(), DocumentTab::ViewMode::Hex);
        QCOMPARE(said(d.w.openFile(logFile, OpenMode::ReadOnly)), QString());
        QCOMPARE(d.tab()->viewMode(), DocumentTab::ViewMode::Lines);
        QVERIFY(d.w.actions().viewLines->isChecked());
    }

    void rulesAreEditedAndKept() {
        std::vector<LineRule> mine{{"panic", QColor(200, 0, 200)}, {"ok", QColor(0, 150, 0)}};
        LineRulesDialog dialog(mine);
        QCOMPARE(dialog.rules(), mine);
        LineRules rules;
        rules.setRules(dialog.rules());
        rules.save();
        QCOMPARE(LineRules::load().rules(), mine);
        // A line holding "PANIC" (any case) is tinted with the first rule, others are not.
        const GridColors colors = GridColors::fromPalette(QPalette());
        const std::string line = "kernel Panic now", other = "fine";
        QVERIFY(rules.tintFor(reinterpret_cast<const std::uint8_t*>(line.data()), line.size(), colors).isValid());
        QVERIFY(!rules.tintFor(reinterpret_cast<const std::uint8_t*>(other.data()), other.size(), colors).isValid());
        rules.setRules(LineRules::defaults());
        rules.save();
        QCOMPARE(LineRules::load().rules(), LineRules::defaults());
        // The order is the priority, and the user sets it: "ok" moved up wins on a line
        // that holds both.
        auto* table = dialog.findChild<QTableWidget*>("rulesTable");
        table->setCurrentCell(1, 0);
        QTest::mouseClick(dialog.findChild<QPushButton*>("ruleUp"), Qt::LeftButton);
        const std::vector<LineRule> reordered{mine[1], mine[0]};
        QCOMPARE(dialog.rules(), reordered);
        QCOMPARE(table->currentRow(), 0);
        QTest::mouseClick(dialog.findChild<QPushButton*>("ruleUp"), Qt::LeftButton); // already first
        QCOMPARE(dialog.rules(), reordered);
        QTest::mouseClick(dialog.findChild<QPushButton*>("ruleDown"), Qt::LeftButton);
        QCOMPARE(dialog.rules(), mine);
        LineRules ordered;
        ordered.setRules(reordered);
        const std::string both = "panic, but ok";
        QCOMPARE(ordered.tintFor(reinterpret_cast<const std::uint8_t*>(both.data()), both.size(), colors),
                 GridColors::mix(colors.base, mine[1].color, 0.18));
    }

    void regexRulesAreTickedCheckedKeptAndMatched() {
        const std::vector<LineRule> mine{{R"(took \d{4,}ms)", QColor(200, 0, 200), true}, {"took", QColor(0, 150, 0)}};
        LineRulesDialog dialog(mine);
        QCOMPARE(dialog.rules(), mine); // the Regex column holds the flag
        LineRules rules;
        rules.setRules(dialog.rules());
        rules.save();
        QCOMPARE(LineRules::load().rules(), mine);
        const GridColors colors = GridColors::fromPalette(QPalette());
        auto tint = [&](const std::string& line) {
            return rules.tintFor(reinterpret_cast<const std::uint8_t*>(line.data()), line.size(), colors);
        };
        QCOMPARE(tint("GET / TOOK 12345ms"), GridColors::mix(colors.base, mine[0].color, 0.18));
        QCOMPARE(tint("GET / took 12ms"), GridColors::mix(colors.base, mine[1].color, 0.18));
        QVERIFY(!tint("GET / fast").isValid());
        // A regex that does not parse: OK says why, selects it and keeps the dialog open.
        auto* table = dialog.findChild<QTableWidget*>("rulesTable");
        table->item(1, 0)->setText("took (");
        table->item(1, 2)->setCheckState(Qt::Checked);
        dialog.show();
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        auto* problem = dialog.findChild<QLabel*>("rulesProblem");
        QVERIFY2(problem->isVisible() && problem->text().startsWith("Rule 2 (\u201ctook (\u201d) is not a regular expression"),
                 qPrintable(problem->text()));
        QCOMPARE(table->currentRow(), 1);
        table->item(1, 2)->setCheckState(Qt::Unchecked); // as a text it is fine
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        rules.setRules(LineRules::defaults());
        rules.save();
    }

    void keysMoveByRowsAndTypingOverwrites() {
        Driver d;
        d.open(testutil::newFile(m_dir, "abc\ndefgh\nij\n"), OpenMode::Private);
        d.w.actions().viewLines->trigger();
        LinesView* v = lines(d);
        QTest::keyClick(v, Qt::Key_Right);
        QTest::keyClick(v, Qt::Key_Right);
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(2));
        QTest::keyClick(v, Qt::Key_Down); // same column on "defgh"
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(6));
        QTest::keyClick(v, Qt::Key_Down); // "ij" is shorter: its newline
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(12));
        QTest::keyClick(v, Qt::Key_Up); // back to the remembered column
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(6));
        QTest::keyClick(v, Qt::Key_End);
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(9)); // the newline of "defgh"
        QTest::keyClick(v, Qt::Key_Home);
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(4));
        QTest::keyClicks(v, "XY");
        QCOMPARE(d.shown(), QByteArray("abc\nXYfgh\nij\n"));
        QCOMPARE(d.undo(), QString());
        QCOMPARE(d.shown(), QByteArray("abc\ndefgh\nij\n"));
        // A click lands on the byte drawn there.
        const QRect cell = v->cellRect(1);
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(1));
        QTest::keyClick(v, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(12));
    }

    // Issue 21: one view architecture. The Lines view takes the grid's own handlers for the
    // mouse, Delete and typing: insert mode, Delete and Backspace work in it, typing writes
    // UTF-8, a drag past the bottom scrolls, End on a wrapped row lands on a character.
    void sharesTheGridsHandlers() {
        Driver d;
        d.open(testutil::newFile(m_dir, "abc\nd\xc3\xa9""f\nlast\n"), OpenMode::Private);
        d.w.actions().viewLines->trigger();
        LinesView* v = lines(d);
        v->setFocus();
        QCOMPARE(said(d.tab()->edit()->setInsertMode(true)), QString());
        QTest::keyClicks(v, "Z"); // before 'a', the cursor stays on 'a'
        QCOMPARE(d.shown(), QByteArray("Zabc\nd\xc3\xa9""f\nlast\n"));
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(1));
        QTest::keyClick(v, Qt::Key_Delete); // the 'a'
        QCOMPARE(d.shown(), QByteArray("Zbc\nd\xc3\xa9""f\nlast\n"));
        QTest::keyClick(v, Qt::Key_Backspace); // the 'Z'
        QCOMPARE(d.shown(), QByteArray("bc\nd\xc3\xa9""f\nlast\n"));
        QCOMPARE(said(d.tab()->edit()->setInsertMode(false)), QString());
        // A click on the 'é', then a 'ü' typed over it: its two UTF-8 bytes.
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, v->cellRect(4).center());
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(4));
        QKeyEvent u(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString::fromUtf8("\xc3\xbc"));
        QCoreApplication::sendEvent(v, &u);
        QCOMPARE(d.shown(), QByteArray("bc\nd\xc3\xbc""f\nlast\n"));
        v->viewport()->grab(); // a frame: it times itself
        QVERIFY(v->lastFrameNanoseconds() > 0);
    }

    void dragScrollsAndEndLandsOnACharacter() {
        Driver d;
        QByteArray wide;
        for (int i = 0; i < 400; ++i) wide += "\xc3\xa9"; // 400 two-byte characters on one line
        d.open(testutil::newFile(m_dir, wide + "\n" + logLines(3000)), OpenMode::ReadOnly);
        d.w.actions().viewLines->trigger();
        LinesView* v = lines(d);
        QVERIFY(v->wrap());
        const LineRow first = v->layout().rowAt(0);
        QVERIFY(!first.newline); // wrapped
        d.cursor()->moveCursor(0);
        QTest::keyClick(v, Qt::Key_End);
        const std::uint64_t end = d.cursor()->cursor();
        QCOMPARE(end % 2, std::uint64_t(0)); // a character's first byte, not its second
        // The last character that starts on the row. (Rows are cut by bytes: with an odd
        // number of columns — another monospace font, e.g. Noto Sans Mono, which ImageMagick
        // brings in — the row's last character runs on to the next row.)
        QVERIFY2(end < first.end && end + 2 >= first.end,
                 qPrintable(QString("End at %1, the row ends at %2").arg(end).arg(first.end)));
        // Press on the first row, drag below the view: it scrolls and the selection grows.
        QTest::mousePress(v->viewport(), Qt::LeftButton, {}, QPoint(v->cellRect(0).center()));
        QMouseEvent move(QEvent::MouseMove, QPointF(40, v->viewport()->height() + 10), QPointF(), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(v->viewport(), &move);
        QVERIFY(v->topOffset() > 0);
        QVERIFY(d.cursor()->hasSelection());
        QCOMPARE(d.cursor()->anchor(), std::uint64_t(0));
        QTest::mouseRelease(v->viewport(), Qt::LeftButton);
        // Up and down keep a column, until something else moves the cursor (a click).
        const std::uint64_t l1 = std::uint64_t(wide.size()) + 1; // "line 1 ok"
        d.cursor()->moveCursor(l1 + 7);
        QTest::keyClick(v, Qt::Key_Down); // "line 2 ok": same column
        QCOMPARE(d.cursor()->cursor(), l1 + 10 + 7);
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, v->cellRect(l1 + 10 + 2).center());
        QTest::keyClick(v, Qt::Key_Down); // from the clicked column, not the old one
        QCOMPARE(d.cursor()->cursor(), l1 + 20 + 2);
    }

    void readOnlyRefusesTypingWithAReason() {
        Driver d;
        d.open(testutil::newFile(m_dir, "abc\n"), OpenMode::ReadOnly);
        d.w.actions().viewLines->trigger();
        QSignalSpy refused(lines(d), &LinesView::editRefused);
        QTest::keyClicks(lines(d), "Z");
        QCOMPARE(refused.count(), 1);
        QVERIFY(refused.first().first().toString().contains("read-only"));
        QCOMPARE(d.shown(), QByteArray("abc\n"));
    }

    void lineNumbersGoToAndTheirUpdates() {
        Driver d;
        const QString path = testutil::newFile(m_dir, logLines(50000)); // ~700 KiB... several blocks below
        d.open(path, OpenMode::Private);
        d.w.actions().viewLines->trigger();
        waitCounted(d);
        LineCounter* lc = d.tab()->lineCounter();
        QCOMPARE(*lc->lineCount(), std::uint64_t(50000));
        QCOMPARE(d.goToOffset("L12345"), QString());
        const QByteArray want = "line 12345 ok\n";
        QCOMPARE(d.shown().mid(qsizetype(d.cursor()->cursor()), want.size()), want);
        QVERIFY(lc->statusText(d.cursor()->cursor()).startsWith("line 12,345 of 50,000"));
        QVERIFY(d.goToOffset("L0").contains("start at 1"));
        QVERIFY(d.goToOffset("line 50001").contains("50000") || d.goToOffset("line 50001").contains("50,000"));
        // In the Lines view a bare number is a line (it went to that byte offset); an offset
        // there has 0x, a unit, a sign or @. The dialog says which.
        QCOMPARE(d.goToOffset("5000"), QString());
        QCOMPARE(lc->lineOf(d.cursor()->cursor()).value_or(0) + 1, std::uint64_t(5000));
        QCOMPARE(d.goToOffset("@5000"), QString());
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(5000));
        QCOMPARE(d.goToOffset("0x100"), QString());
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(0x100));
        d.w.actions().gotoOffset->trigger();
        auto* dialog = d.w.findChild<PromptDialog*>("gotoDialog");
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), QString("Go to Line"));
        dialog->close();
        d.w.actions().viewHex->trigger();
        QCOMPARE(d.goToOffset("5000"), QString()); // the hex view: an offset
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(5000));
        d.w.actions().viewLines->trigger();
        // An edit that adds a newline: the count follows at once.
        QCOMPARE(d.goToOffset("L2"), QString());
        QVERIFY(d.tab()->edit()->typeByte(d.cursor()->cursor(), '\n', d.cursor()->cursor() + 1).ok());
        QVERIFY(lc->complete());
        QCOMPARE(*lc->lineCount(), std::uint64_t(50001));
        QCOMPARE(d.undo(), QString());
        QCOMPARE(*lc->lineCount(), std::uint64_t(50000));
    }

    // Issue 22: the time of the cursor's line in the status bar, and Go To a time (a date and
    // time, or a time of day on the cursor line's day) by binary search.
    void timeInTheStatusBarAndGoToATime() {
        QByteArray log;
        std::vector<qsizetype> starts;
        for (int i = 0; i < 20000; ++i) { // one line every 3 seconds from 2026-11-26 00:00:00
            starts.push_back(log.size());
            const QDateTime t = QDateTime(QDate(2026, 11, 26), QTime(0, 0), QTimeZone::utc()).addSecs(i * 3);
            log += t.toString("yyyy-MM-ddTHH:mm:ss").toLatin1() + (i % 50 == 0 ? " ERROR failed\n" : " INFO fine\n");
        }
        Driver d;
        d.open(testutil::newFile(m_dir, log), OpenMode::ReadOnly);
        d.w.actions().viewLines->trigger();
        waitCounted(d);
        QCOMPARE(d.tab()->timeFormat(), TimeFormat::Iso8601);
        d.cursor()->moveCursor(std::uint64_t(starts[1200]) + 5);
        QVERIFY2(d.w.statusText().contains("2026-11-26 01:00:00"), qPrintable(d.w.statusText()));
        QCOMPARE(d.goToOffset("2026-11-26T10:00"), QString()); // 36000 s / 3 = line 12000
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(starts[12000]));
        QCOMPARE(d.goToOffset("02:00:01"), QString()); // not a line's time: the next line's
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(starts[2401]));
        QVERIFY(d.goToOffset("2026-11-27 00:00").contains("earlier")); // past the last line
        QVERIFY(d.goToOffset("25:61").contains("Not a time"));
        QCOMPARE(d.goToOffset("L3"), QString()); // lines and offsets as before
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(starts[2]));
        d.w.actions().gotoOffset->trigger();
        auto* dialog = d.w.findChild<PromptDialog*>("gotoDialog");
        QVERIFY(dialog);
        QVERIFY2(dialog->findChild<QLabel*>()->text().contains("A time (ISO 8601 lines)"),
                 qPrintable(dialog->findChild<QLabel*>()->text()));
        dialog->close();
    }

    // lnav's e / E and w / W in a read-only file's Lines view, F8 / F7 in the Search menu.
    void errorAndWarningLines() {
        QByteArray log;
        std::vector<qsizetype> starts;
        for (int i = 0; i < 3000; ++i) {
            starts.push_back(log.size());
            log += "2026-11-26 00:00:00 " + QByteArray(i % 100 == 40 ? "ERROR disk" : i == 70 ? "WARN  slow" : "INFO  fine") +
                   " (an ERRORS counter is not a level)\n";
        }
        Driver d;
        d.open(testutil::newFile(m_dir, log), OpenMode::ReadOnly);
        d.w.actions().viewLines->trigger();
        LinesView* view = lines(d);
        view->setFocus();
        d.cursor()->moveCursor(std::uint64_t(starts[40]) + 3); // on an error line: the next one
        QTest::keyClick(view, Qt::Key_E);
        d.waitIdle();
        QCOMPARE(d.cursor()->selectionStart(), std::uint64_t(starts[140] + 20));
        QTest::keyClick(view, Qt::Key_E, Qt::ShiftModifier);
        d.waitIdle();
        QCOMPARE(d.cursor()->selectionStart(), std::uint64_t(starts[40] + 20));
        QTest::keyClick(view, Qt::Key_W);
        d.waitIdle();
        QCOMPARE(d.cursor()->selectionStart(), std::uint64_t(starts[70] + 20));
        QCOMPARE(d.shown().mid(starts[70] + 20, 4), QByteArray("WARN")); // nothing was typed
        d.w.actions().nextError->trigger(); // F8
        d.waitIdle();
        QCOMPARE(d.cursor()->selectionStart(), std::uint64_t(starts[140] + 20));
        QVERIFY(d.findBar()->patternText().isEmpty()); // the find bar is left as it was
    }

    void countsGrowthUnderFollowEnd() {
        Driver d;
        const QString path = testutil::newFile(m_dir, logLines(100));
        d.open(path, OpenMode::ReadOnly);
        d.w.actions().viewLines->trigger();
        waitCounted(d);
        d.setFollowEnd(true);
        QFile f(path);
        QVERIFY(f.open(QIODevice::Append));
        f.write("appended one\nappended two\n");
        f.close();
        d.checkFileOnDisk();
        QTRY_COMPARE_WITH_TIMEOUT(d.model()->size(), std::uint64_t(QFileInfo(path).size()), 5000);
        waitCounted(d);
        QCOMPARE(*d.tab()->lineCounter()->lineCount(), std::uint64_t(102));
        // The last line is in view.
        QVERIFY(!lines(d)->cellRect(d.model()->size() - 2).isEmpty());
    }

    void hugeSparseLogShowsItsEndAtOnce() {
        Driver d;
        QByteArray tail = "the very last line\n";
        const std::string path = testutil::sparseFile(m_dir, "huge.log", 16ull << 30, tail);
        d.open(QString::fromStdString(path), OpenMode::ReadOnly);
        d.w.actions().viewLines->trigger();
        QTest::keyClick(lines(d), Qt::Key_End, Qt::ControlModifier);
        const std::uint64_t last = (16ull << 30) - 1;
        QCOMPARE(d.cursor()->cursor(), last);
        QVERIFY(!lines(d)->cellRect(last - 5).isEmpty());
        // The middle, by the scroll bar: a row starts there (a cap cut: the file has no
        // newline but the last), and it paints.
        lines(d)->verticalScrollBar()->setValue(lines(d)->verticalScrollBar()->maximum() / 2);
        QVERIFY(lines(d)->topOffset() > (7ull << 30) && lines(d)->topOffset() < (9ull << 30));
        QVERIFY(!lines(d)->viewport()->grab().isNull());
        // The count skips the holes: done quickly, one line.
        waitCounted(d);
        QCOMPARE(*d.tab()->lineCounter()->lineCount(), std::uint64_t(1));
    }

    void fileWithoutNewlinePaintsAndScrolls() {
        Driver d;
        d.open(testutil::newFile(m_dir, QByteArray(3 << 20, 'x')), OpenMode::ReadOnly);
        d.w.actions().viewLines->trigger();
        LinesView* v = lines(d);
        QTest::keyClick(v, Qt::Key_PageDown);
        QVERIFY(v->topOffset() > 0);
        QCOMPARE(v->topOffset() % v->wrapBytes(), std::uint64_t(0));
        d.w.actions().wrapLines->trigger(); // off: one row per (capped) line
        QVERIFY(!v->wrap());
        QCOMPARE(v->layout().rowAt(5).end, LineLayout::kCap);
        QVERIFY(!v->viewport()->grab().isNull());
    }

    // Every byte has a cell and a visible form: text as text, control bytes in caret
    // notation, C1 controls as \u00NN, bytes that are not UTF-8 as \xNN, and a character
    // outside the BMP as its surrogate pair; columns add up.
    void cellsShowEveryByte() {
        const QByteArray bytes("a\t\x00\x1b\x7f\xc3\xa9\xc2\x85\xff\xf0\x9f\x98\x80\n", 15);
        const auto cells = layoutCells(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                       std::size_t(bytes.size()), 100);
        struct Want {
            LineCell::Kind kind;
            std::uint64_t offset;
            int column, width;
            QString shown;
        } want[] = {{LineCell::Kind::Text, 100, 0, 1, "a"},        {LineCell::Kind::Tab, 101, 1, 7, ""},
                    {LineCell::Kind::Control, 102, 8, 2, "^@"},    {LineCell::Kind::Control, 103, 10, 2, "^["},
                    {LineCell::Kind::Control, 104, 12, 2, "^?"},   {LineCell::Kind::Text, 105, 14, 1, "\u00e9"},
                    {LineCell::Kind::Invalid, 107, 15, 6, "\\u0085"}, {LineCell::Kind::Invalid, 109, 21, 4, "\\xFF"},
                    {LineCell::Kind::Text, 110, 25, 1, QString::fromUtf8("\xf0\x9f\x98\x80")},
                    {LineCell::Kind::Newline, 114, 26, 1, ""}};
        QCOMPARE(cells.size(), std::size(want));
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const LineCell& c = cells[i];
            QCOMPARE(c.kind, want[i].kind);
            QCOMPARE(c.offset, want[i].offset);
            QCOMPARE(c.column, want[i].column);
            QCOMPARE(c.width, want[i].width);
            QCOMPARE(c.display(), want[i].shown);
        }
    }

    // Runs of ASCII are drawn as cached glyphs at their cells: ink lands in the cells of
    // letters and not in the cells of spaces, across a whole row.
    void textIsDrawnInItsCells() {
        Driver d;
        QByteArray row;
        for (int i = 0; i < 40; ++i) row += "M ";
        d.open(testutil::newFile(m_dir, row + "\n" + row + "\n"), OpenMode::ReadOnly);
        d.w.actions().viewLines->trigger();
        LinesView* v = lines(d);
        v->setFocus();
        d.cursor()->moveCursor(row.size() + 1); // the cursor on the second line: row 0 plain
        QTest::qWait(50);
        const QImage img = v->viewport()->grab().toImage();
        const QColor base = v->colors().base;
        auto inked = [&](std::uint64_t offset) {
            const QRect r = v->cellRect(offset);
            int n = 0;
            for (int y = r.top(); y <= r.bottom(); ++y)
                for (int x = r.left(); x <= r.right(); ++x)
                    n += img.pixelColor(x, y) != base;
            return n;
        };
        for (std::uint64_t i = 0; i < 80; i += 2) {
            QVERIFY2(inked(i) > 3, qPrintable(QString("no ink in the cell of byte %1").arg(i)));
            QVERIFY2(inked(i + 1) == 0, qPrintable(QString("ink in the space at byte %1").arg(i + 1)));
        }
    }

    // The overview strip's rule band: where ERROR and INFO lines lie across the file, found
    // on a worker while the Lines view is shown, and found again after an edit.
    void stripShowsWhereRulesMatch() {
        QByteArray text;
        for (int i = 0; text.size() < (3 << 20); ++i)
            text += QByteArray("line ") + QByteArray::number(i) + (text.size() > (3 << 20) * 9 / 10 ? " ERROR x\n" : " INFO ok\n");
        Driver d;
        d.open(testutil::newFile(m_dir, text), OpenMode::Private);
        RuleMap* rules = d.tab()->ruleMap();
        QVERIFY(!rules->enabled()); // the hex grid alone: nothing is scanned
        d.w.actions().viewLines->trigger();
        QVERIFY(rules->enabled());
        QTRY_VERIFY_WITH_TIMEOUT(rules->complete(), 20000);
        const std::uint64_t size = d.model()->size();
        const std::uint8_t error = 1, info = 4; // the default rules' order
        QCOMPARE(int(rules->bestIn(0, size / 2)), int(info));
        QCOMPARE(int(rules->bestIn(size - 1000, size)), int(error));
        QCOMPARE(int(rules->bestIn(0, size)), int(error));
        // Drawn: the band's top and bottom differ, in the rules' colours.
        OverviewStrip* strip = d.overview();
        QImage img = strip->grab().toImage();
        QVERIFY(img.pixelColor(1, 3) != img.pixelColor(1, img.height() - 3));
        // An edit at the start (a private copy) is found after the pause.
        d.cursor()->moveCursor(0);
        QCOMPARE(said(d.tab()->edit()->typeByte(0, 'E', 1)), QString());
        for (int i = 1; i < 5; ++i)
            QCOMPARE(said(d.tab()->edit()->typeByte(std::uint64_t(i), "ERROR"[i], std::uint64_t(i + 1))), QString());
        QTRY_VERIFY_WITH_TIMEOUT(rules->complete() && rules->bestIn(0, 16) == error, 20000);
        d.w.actions().viewHex->trigger();
        QVERIFY(!rules->enabled());
    }

    void matchesAndRulesAreDrawn() {
        Driver d;
        d.open(testutil::newFile(m_dir, "plain one\nplain two\nan ERROR here\nplain again\n"), OpenMode::ReadOnly);
        d.w.actions().viewLines->trigger();
        LinesView* v = lines(d);
        QTest::qWait(50);
        // Row 0 holds the cursor (its own tint): compare the others. The line before the
        // ERROR line and the one after it are not tinted; neither is the space below.
        const QColor plain = rowColor(v, 1);
        const QColor error = rowColor(v, 2);
        QVERIFY2(plain != error, "the ERROR line is not tinted");
        QCOMPARE(rowColor(v, 3), plain);
        QCOMPARE(rowColor(v, 5), plain);
        // Find: the match is highlighted where it is drawn.
        d.findBar()->setPatternText("again");
        QCOMPARE(said(d.search()->findNext()), QString());
        d.waitIdle();
        const QRect cell = v->cellRect(40);
        QVERIFY(!cell.isEmpty());
        const QImage img = v->viewport()->grab().toImage();
        QVERIFY(img.pixelColor(cell.left() + 1, cell.top() + 1) != plain);
        // Find All lists each match with its line number and its line.
        d.findBar()->setPatternText("plain");
        QCOMPARE(said(d.search()->findAll()), QString());
        d.waitIdle();
        waitCounted(d);
        QCOMPARE(d.results()->rowCount(), 3);
        QCOMPARE(d.results()->index(2, MatchListModel::Line).data().toString(), QString("4"));
        QCOMPARE(d.results()->index(2, MatchListModel::Preview).data().toString(), QString("plain again"));
    }
};

QTEST_MAIN(TestLinesView)
#include "test_lines_view.moc"
