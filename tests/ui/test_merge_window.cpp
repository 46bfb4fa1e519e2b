// SPDX-License-Identifier: MIT
// The merged view of several logs (issue 22): two logs merged by time in their window, rows
// in time order with their files' line numbers and tags; the keys, the selection and copy;
// Go To a time (against a linear scan) and a row number, and refusals; Enter opening the
// row's file at its line in the main window; a file without timestamps refused by name.
#include "cursor_model.h"
#include "document_model.h"
#include "document_tab.h"
#include "log_time.h"
#include "main_window.h"
#include "merge_window.h"
#include "merged_log_view.h"
#include "merged_logs.h"
#include "temp_files.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QSignalSpy>
#include <QtTest>
#include <unistd.h>

using namespace hexmap;

namespace {

// ISO lines, times growing 0-3 s a line, a continuation line now and then.
QByteArray isoLog(int lines, int seed, std::int64_t startMs) {
    QByteArray text;
    std::int64_t t = startMs;
    std::uint32_t x = static_cast<std::uint32_t>(seed) * 2654435761u;
    for (int i = 0; i < lines; ++i) {
        x = x * 1664525u + 1013904223u;
        if (i > 0 && (x >> 24) % 11 == 0) {
            text += "    continued " + QByteArray::number(i) + "\n";
            continue;
        }
        t += static_cast<std::int64_t>((x >> 8) % 3000);
        text += QByteArray::fromStdString(formatTime(t)).replace(' ', 'T') + "Z log" +
                QByteArray::number(seed) + " line " + QByteArray::number(i + 1) +
                (i % 7 == 0 ? " ERROR bad" : " INFO ok") + "\n";
    }
    return text;
}

} // namespace

class TestMergeWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;
    QByteArray m_a, m_b;
    QString m_pathA, m_pathB;

    QString file(const char* name, const QByteArray& bytes) {
        return QString::fromStdString(testutil::writeFile(m_dir, name, bytes));
    }
    // The text of a row, from the files themselves.
    QByteArray rowText(const MergedLogs& logs, std::size_t row) const {
        const MergedLine l = logs.at(row);
        const QByteArray& f = l.file() == 0 ? m_a : m_b;
        const auto start = static_cast<qsizetype>(l.start());
        return f.mid(start, f.indexOf('\n', start) - start);
    }

private slots:
    void initTestCase() {
        testutil::isolateSettings(m_config);
        m_a = isoLog(3000, 1, 1'764'127'270'000);
        m_b = isoLog(2000, 2, 1'764'127'270'000 + 500);
        m_pathA = file("app.log", m_a);
        m_pathB = file("db.log", m_b);
    }

    void rowsAreInTimeOrderWithTheirFilesLineNumbers() {
        QString error;
        MergeWindow w({m_pathA, m_pathB}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        w.show();
        MergedLogs* logs = w.logs();
        QTRY_VERIFY_WITH_TIMEOUT(logs->complete(), 20000);
        QCOMPARE(logs->count(), std::size_t(5000));
        QVERIFY2(w.statusText().contains("5,000 lines merged by time"), qPrintable(w.statusText()));
        std::int64_t last = std::numeric_limits<std::int64_t>::min();
        for (std::size_t r = 0; r < logs->count(); ++r) {
            const MergedLine l = logs->at(r);
            const QByteArray& f = l.file() == 0 ? m_a : m_b;
            // Its number in its own file: the newlines before it, plus one.
            const auto before =
                static_cast<std::uint64_t>(f.left(static_cast<qsizetype>(l.start())).count('\n'));
            if (logs->lineNumber(r) != before)
                QFAIL(qPrintable(QString("row %1: line %2, not %3")
                                     .arg(r)
                                     .arg(logs->lineNumber(r))
                                     .arg(before)));
            const auto t = logs->timeOf(r);
            QVERIFY(t.has_value());
            if (*t < last) QFAIL(qPrintable(QString("row %1 goes back in time").arg(r)));
            last = *t;
        }
        // The tag column carries the top row's file colour.
        const QImage shot = w.view()->viewport()->grab().toImage();
        QCOMPARE(shot.pixelColor(2, 2), w.view()->fileColor(static_cast<int>(logs->at(0).file())));
    }

    void keysSelectAndCopyLines() {
        QString error;
        MergeWindow w({m_pathA, m_pathB}, &error);
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(w.logs()->complete(), 20000);
        MergedLogView* v = w.view();
        v->setFocus();
        QTest::keyClick(v, Qt::Key_Down);
        QTest::keyClick(v, Qt::Key_Down);
        QCOMPARE(v->currentRow(), std::size_t(2));
        QTest::keyClick(v, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(v->selectedRows(), std::make_pair(std::size_t(2), std::size_t(3)));
        QTest::keyClick(v, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text().toUtf8(),
                 rowText(*w.logs(), 2) + "\n" + rowText(*w.logs(), 3) + "\n");
        QTest::keyClick(v, Qt::Key_End);
        QCOMPARE(v->currentRow(), std::size_t(4999));
        QVERIFY(v->topRow() + static_cast<std::size_t>(v->visibleRows()) >= 5000);
        QTest::keyClick(v, Qt::Key_PageUp);
        QVERIFY(v->currentRow() < 4999);
        QTest::keyClick(v, Qt::Key_Home);
        QCOMPARE(v->currentRow(), std::size_t(0));
        QCOMPARE(v->topRow(), std::size_t(0));
        // A click picks the row under it.
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {},
                          QPoint(200, v->fontMetrics().height() * 3 + 4));
        QVERIFY(v->currentRow() >= 2 && v->currentRow() <= 4);
    }

    // e/E and w/W walk the merged rows to the next or previous error or warning, a slice
    // at a time (the rows lie 30,000 apart here, past one slice); F5 merges again and comes
    // back to the same line.
    void levelKeysAndF5KeepTheLine() {
        QByteArray a, b;
        for (int i = 0; i < 40'000; ++i) {
            const QByteArray t = QByteArray::fromStdString(formatTime(1'764'127'270'000 + 1000LL * i)).replace(' ', 'T') + "Z";
            const char* word = i == 30'000 ? " ERROR x" : i == 35'000 ? " level=warn x" : i == 500 ? " WARNING x" : " INFO ERRORS XWARN";
            a += t + " a" + word + "\n";
            b += t + " b" + (i == 39'000 ? " FATAL y" : " INFO ok") + "\n";
        }
        const QString pa = file("levels-a.log", a), pb = file("levels-b.log", b);
        QString error;
        MergeWindow w({pa, pb}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(w.logs()->complete(), 20000);
        MergedLogView* v = w.view();
        v->setFocus();
        auto lineOf = [&](std::size_t row) {
            std::vector<std::uint8_t> scratch;
            return QByteArray::fromStdString(std::string(w.logs()->text(row, 4096, scratch)));
        };
        auto press = [&](char key, Qt::KeyboardModifiers mods = {}) {
            QTest::keyClick(v, key, mods);
            QTRY_VERIFY_WITH_TIMEOUT(!w.findingLevel(), 10000);
        };
        press('e');
        QVERIFY2(lineOf(v->currentRow()).contains(" a ERROR x"), lineOf(v->currentRow()).constData());
        press('e');
        QVERIFY2(lineOf(v->currentRow()).contains(" b FATAL y"), lineOf(v->currentRow()).constData());
        const std::size_t fatal = v->currentRow();
        press('e');
        QCOMPARE(v->currentRow(), fatal);
        QVERIFY2(w.noteText().contains("No error after"), qPrintable(w.noteText()));
        press('W', Qt::ShiftModifier);
        QVERIFY2(lineOf(v->currentRow()).contains("level=warn"), lineOf(v->currentRow()).constData());
        press('W', Qt::ShiftModifier);
        QVERIFY2(lineOf(v->currentRow()).contains(" a WARNING x"), lineOf(v->currentRow()).constData());
        press('E', Qt::ShiftModifier);
        QVERIFY2(w.noteText().contains("No error before"), qPrintable(w.noteText()));
        // F5: merged again, the same line is current.
        const QByteArray here = lineOf(v->currentRow());
        QTest::keyClick(v, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(w.logs()->complete(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(lineOf(v->currentRow()), here, 5000);
        QVERIFY(v->currentRow() > 0);
    }

    void goToATimeOrARow() {
        QString error;
        MergeWindow w({m_pathA, m_pathB}, &error);
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(w.logs()->complete(), 20000);
        MergedLogs* logs = w.logs();
        for (const char* text : {"2025-11-26T04:00", "2025-11-26 04:12:30", "03:30:00"}) {
            QLineEdit* field = w.goToField();
            field->setFocus();
            field->setText(QString::fromLatin1(text));
            QTest::keyClick(field, Qt::Key_Return);
            const auto target = parseTimeQuery(text, logs->timeOf(0));
            QVERIFY(target);
            // A linear scan: the first row at or after the time.
            std::size_t expected = logs->count();
            for (std::size_t r = 0; r < logs->count(); ++r)
                if (*logs->timeOf(r) >= *target) {
                    expected = r;
                    break;
                }
            QVERIFY2(expected < logs->count(), text);
            QCOMPARE(w.view()->currentRow(), expected);
            w.view()->setCurrentRow(0);
        }
        QVERIFY(w.goTo("17").ok());
        QCOMPARE(w.view()->currentRow(), std::size_t(16));
        const UiStatus none = w.goTo("0");
        QVERIFY(!none.ok() && none.message().contains("no row 0"));
        const UiStatus bad = w.goTo("yesterday");
        QVERIFY(!bad.ok() && bad.message().contains("neither a time"));
        const UiStatus late = w.goTo("2030-01-01T00:00");
        QVERIFY(!late.ok() && late.message().contains("earlier than"));
        QCOMPARE(w.view()->currentRow(), logs->count() - 1);
    }

    void enterOpensTheRowInTheMainWindow() {
        MainWindow main;
        QVERIFY(main.openMerged({m_pathA, m_pathB}).ok());
        MergeWindow* w = main.lastMerge();
        QVERIFY(w);
        QTRY_VERIFY_WITH_TIMEOUT(w->logs()->complete(), 20000);
        QSignalSpy asked(w, &MergeWindow::openRequested);
        w->view()->setCurrentRow(1234);
        const MergedLine line = w->logs()->at(1234);
        QTest::keyClick(w->view(), Qt::Key_Return);
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked[0][1].toULongLong(), line.start());
        QVERIFY(main.isVisible());
        DocumentTab* tab = main.currentTab();
        QVERIFY(tab);
        QCOMPARE(tab->model()->path(), line.file() == 0 ? m_pathA : m_pathB);
        QCOMPARE(tab->viewMode(), DocumentTab::ViewMode::Lines);
        QCOMPARE(tab->cursor()->cursor(), line.start());
        w->close();
    }

    // Another process cuts one file: its rows past the new end are drawn as gone (nothing
    // read there), the note says so, and F5 merges the files as they are now.
    void aFileCutOnDiskIsShownAndMergedAgain() {
        const QString a = file("cut-a.log", m_a), b = file("cut-b.log", m_b);
        QString error;
        MergeWindow w({a, b}, &error);
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(w.logs()->complete(), 20000);
        const QByteArray keep = m_b.left(m_b.indexOf('\n', m_b.size() / 2) + 1);
        QVERIFY(::truncate(QFile::encodeName(b).constData(), keep.size()) == 0);
        w.checkDisk();
        QVERIFY2(w.noteText().contains("cut-b.log shrank on disk"), qPrintable(w.noteText()));
        QCOMPARE(w.logs()->readable(1), static_cast<std::uint64_t>(keep.size()));
        std::vector<std::uint8_t> scratch;
        std::size_t gone = 0;
        for (std::size_t r = 0; r < w.logs()->count(); ++r)
            if (w.logs()->at(r).file() == 1 && w.logs()->at(r).start() >= static_cast<std::uint64_t>(keep.size())) {
                QVERIFY(w.logs()->text(r, 100, scratch).empty());
                ++gone;
            }
        QVERIFY(gone > 100);
        // Painting the rows that are gone reads nothing from them.
        w.view()->showRow(w.logs()->count() - 1);
        w.view()->viewport()->grab();
        QTest::keyClick(w.view(), Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(w.logs()->complete(), 20000);
        QCOMPARE(w.logs()->count(), std::size_t(3000) + static_cast<std::size_t>(keep.count('\n')));
        QCOMPARE(w.logs()->linesOf(1), static_cast<std::uint64_t>(keep.count('\n')));
        QVERIFY2(w.noteText().contains("Merged again"), qPrintable(w.noteText()));
    }

    void aFileWithoutTimesIsRefusedByName() {
        const QString plain = file("notes.txt", "just some words\nand more words\n");
        QString error;
        MergeWindow w({m_pathA, plain}, &error);
        QVERIFY2(error.contains("\"notes.txt\" cannot be merged by time"), qPrintable(error));
        MainWindow main;
        const UiStatus st = main.openMerged({plain});
        QVERIFY(!st.ok() && st.message().contains("notes.txt"));
        QVERIFY(!main.openMerged({m_dir.filePath("missing.log")}).ok());
    }
};

QTEST_MAIN(TestMergeWindow)
#include "test_merge_window.moc"
