// SPDX-License-Identifier: MIT
// The comparison window (issue 19): two files with three changed regions and a longer tail
// shown side by side; the differences counted, tinted and on both strips; F7 / Shift+F7
// through them; scrolling together and apart; identical files; a file that cannot open;
// insertions found, shown as gaps and aligned; editing either pane, undo and save, the
// comparison running again; the same file twice; a file dropped with Ctrl.
#include "compare_window.h"
#include "said.h"
#include "cursor_model.h"
#include "hex_view.h"
#include "main_window.h"
#include "session_controller.h"
#include "document_model.h"
#include "edit_controller.h"
#include "overview_strip.h"
#include "temp_files.h"

#include <QMimeData>
#include <QtTest>
#include <unistd.h>

using namespace hexmap;

class TestCompareWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;

    QString file(const char* name, const QByteArray& bytes) {
        return QString::fromStdString(testutil::writeFile(m_dir, name, bytes));
    }

private slots:
    void initTestCase() { testutil::isolateSettings(m_config); }

    void differencesAreFoundTintedAndVisited() {
        const QByteArray a = testutil::randomBytes(300'000, 19);
        QByteArray b = a;
        b[1000] = char(~b[1000]);                       // one byte
        for (int i = 50'000; i < 50'100; ++i) b[i] = char(b[i] ^ 0x55); // a run of 100
        b[299'999] = char(~b[299'999]);                 // the last byte
        b.append("tail!");                              // and 5 more
        CompareWindow w(file("left.bin", a), file("right.bin", b), nullptr);
        w.show();
        QVERIFY(w.findsInsertions()); // small files: on by default
        w.setFindInsertions(false);   // byte for byte
        QTRY_VERIFY(!w.comparing());
        QCOMPARE(w.differences().rangeCount(), std::size_t(3));
        QCOMPARE(w.differences().differingBytes(), std::uint64_t(102));
        QVERIFY2(w.statusText().contains("102 differing bytes in 3 ranges"), qPrintable(w.statusText()));
        QVERIFY2(w.statusText().contains("right file is 5 bytes longer"), qPrintable(w.statusText()));
        // Tinted where they are: the view collects them for the bytes it shows.
        std::vector<Highlight> shown;
        w.differences().collect(49'990, 50'010, GridColors::fromPalette(w.palette()), shown);
        QCOMPARE(shown.size(), std::size_t(1));
        QCOMPARE(shown[0].start, std::uint64_t(50'000));
        QCOMPARE(shown[0].end, std::uint64_t(50'100));
        // On both strips, and the tail on the right one only.
        auto lit = [](OverviewStrip* s, std::uint64_t at) { return s->matchesIn(int(at * OverviewStrip::kBuckets / s->fileSize())) > 0; };
        QVERIFY(lit(w.strip(0), 50'000) && lit(w.strip(1), 50'000));
        QVERIFY(lit(w.strip(1), 300'002));
        QVERIFY(!lit(w.strip(0), 150'000));
        // F7 and Shift+F7 move both cursors through them.
        w.view(0)->setFocus();
        QTest::keyClick(w.view(0), Qt::Key_F7);
        QCOMPARE(w.view(0)->cursorOffset(), std::uint64_t(1000));
        QCOMPARE(w.view(1)->cursorOffset(), std::uint64_t(1000));
        QTest::keyClick(w.view(0), Qt::Key_F7);
        QCOMPARE(w.view(1)->cursorOffset(), std::uint64_t(50'000));
        QTest::keyClick(w.view(0), Qt::Key_F7);
        QCOMPARE(w.view(0)->cursorOffset(), std::uint64_t(299'999));
        QTest::keyClick(w.view(0), Qt::Key_F7); // the tail, in the longer file
        QCOMPARE(w.view(1)->cursorOffset(), std::uint64_t(300'000));
        QTest::keyClick(w.view(0), Qt::Key_F7, Qt::ShiftModifier);
        QTest::keyClick(w.view(0), Qt::Key_F7, Qt::ShiftModifier);
        QCOMPARE(w.view(0)->cursorOffset(), std::uint64_t(50'000));
    }

    void thePanesScrollTogetherUntilToldNot() {
        const QByteArray a = testutil::randomBytes(1'000'000, 3);
        CompareWindow w(file("s1.bin", a), file("s2.bin", a), nullptr);
        w.show();
        QTRY_VERIFY(!w.comparing());
        QVERIFY2(w.statusText().contains("The files are the same"), qPrintable(w.statusText()));
        w.view(0)->setTopRow(500);
        QCOMPARE(w.view(1)->topRow(), std::uint64_t(500));
        w.view(1)->setTopRow(20);
        QCOMPARE(w.view(0)->topRow(), std::uint64_t(20));
        w.setScrollTogether(false);
        w.view(0)->setTopRow(900);
        QCOMPARE(w.view(1)->topRow(), std::uint64_t(20));
        w.setScrollTogether(true); // lines up again with the left
        QCOMPARE(w.view(1)->topRow(), std::uint64_t(900));
    }

    void insertionsAreFoundShownAsGapsAndAligned() {
        const QByteArray a = testutil::randomBytes(200'000, 7);
        const QByteArray b = a.left(1000) + testutil::randomBytes(100, 8) + a.mid(1000, 99'000) // 100 inserted at 1000
                             + a.mid(100'050, 49'950)                                    // 50 deleted at 100,000
                             + char(~a[150'000]) + a.mid(150'001);                       // a[150,000] changed
        CompareWindow w(file("ins-a.bin", a), file("ins-b.bin", b), nullptr);
        w.show();
        QVERIFY(w.findsInsertions());
        QTRY_VERIFY(!w.comparing());
        const std::vector<EditOp> want{{1000, 0, 1000, 100}, {100'000, 50, 100'100, 0}, {150'000, 1, 150'050, 1}};
        QCOMPARE(w.script(), want);
        const QString status = w.statusText();
        QVERIFY2(status.contains("1 insertion (100 bytes) in the right file") &&
                     status.contains("1 deletion (50 bytes) from the left file") &&
                     status.contains("1 changed range (1 left, 1 right)") && status.contains("right file is 50 bytes longer"),
                 qPrintable(status));
        // Each pane tints its own part; the pane that lacks bytes shows a gap there.
        QCOMPARE(w.differences(0).gaps(), (std::vector<std::uint64_t>{1000}));
        QCOMPARE(w.differences(1).gaps(), (std::vector<std::uint64_t>{100'100}));
        std::vector<Highlight> left, right;
        const GridColors colors = GridColors::fromPalette(w.palette());
        w.differences(0).collect(990, 1010, colors, left);
        w.differences(1).collect(990, 1010, colors, right);
        QCOMPARE(left.size(), std::size_t(1));
        QVERIFY(left[0].mark == Highlight::Mark::GapBefore && left[0].start == 1000);
        QCOMPARE(right.size(), std::size_t(1));
        QVERIFY(right[0].mark == Highlight::Mark::Fill && right[0].start == 1000 && right[0].end == 1100);
        // Scrolling together keeps the same bytes at the same height.
        w.view(0)->setTopRow(120'000 / 16);
        QCOMPARE(w.view(1)->topRow(), std::uint64_t((120'000 + 100 - 50) / 16));
        w.view(1)->setTopRow(50'000 / 16);
        QCOMPARE(w.view(0)->topRow(), std::uint64_t((50'000 - 100) / 16));
        // F7 visits each edit with both cursors on its two parts.
        w.view(0)->setFocus();
        w.cursor(0)->moveCursor(0);
        w.cursor(1)->moveCursor(0);
        const std::pair<std::uint64_t, std::uint64_t> stops[] = {{1000, 1000}, {100'000, 100'100}, {150'000, 150'050}};
        for (const auto& [ea, eb] : stops) {
            QTest::keyClick(w.view(0), Qt::Key_F7);
            QCOMPARE(w.view(0)->cursorOffset(), ea);
            QCOMPARE(w.view(1)->cursorOffset(), eb);
        }
        QVERIFY(!w.nextDifference());
        QTest::keyClick(w.view(0), Qt::Key_F7, Qt::ShiftModifier);
        QCOMPARE(w.view(0)->cursorOffset(), std::uint64_t(100'000));
        QCOMPARE(w.view(1)->cursorOffset(), std::uint64_t(100'100));
    }

    void eitherPaneEditsUndoesAndSavesAndTheComparisonFollows() {
        const QByteArray a = testutil::randomBytes(5000, 11);
        const QString pa = file("ed-a.bin", a), pb = file("ed-b.bin", a);
        CompareWindow w(pa, pb, nullptr);
        w.show();
        QTRY_VERIFY(!w.comparing());
        QVERIFY2(w.statusText().contains("The files are the same"), qPrintable(w.statusText()));
        // Overwrite one byte of the right file (two hex digits).
        QTest::mouseClick(w.view(1)->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
        w.cursor(1)->moveCursor(16);
        QTest::keyClicks(w.view(1), "5a");
        QVERIFY(w.model(1)->isModified());
        QTRY_VERIFY2(w.statusText().contains("1 changed range (1 left, 1 right)"), qPrintable(w.statusText()));
        QCOMPARE(w.script(), (std::vector<EditOp>{{16, 1, 16, 1}}));
        // Ctrl+Z in that pane: the same again.
        QTest::keyClick(w.view(1), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!w.model(1)->isModified());
        QTRY_VERIFY2(w.statusText().contains("The files are the same"), qPrintable(w.statusText()));
        // Insert mode: two digits insert one byte; the comparison finds one insertion.
        QTest::keyClick(w.view(1), Qt::Key_Insert);
        QVERIFY(w.edit(1)->insertMode());
        w.cursor(1)->moveCursor(100);
        QTest::keyClicks(w.view(1), "c3");
        QCOMPARE(w.model(1)->size(), std::uint64_t(5001));
        QTRY_VERIFY2(w.statusText().contains("1 insertion (1 byte) in the right file"), qPrintable(w.statusText()));
        QCOMPARE(w.script(), (std::vector<EditOp>{{100, 0, 100, 1}}));
        // Ctrl+S writes it; the left file is untouched.
        QTest::keyClick(w.view(1), Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(!w.model(1)->isModified());
        QByteArray want = a;
        want.insert(100, char(0xc3));
        QFile fb(pb), fa(pa);
        QVERIFY(fb.open(QIODevice::ReadOnly) && fa.open(QIODevice::ReadOnly));
        QCOMPARE(fb.readAll(), want);
        QCOMPARE(fa.readAll(), a);
        QTRY_VERIFY2(w.statusText().contains("1 insertion (1 byte)"), qPrintable(w.statusText()));
        // Closing with edits asks: Cancel keeps the window, Discard closes and writes nothing.
        QTest::keyClick(w.view(0), Qt::Key_Insert); // left pane still overwrites: typing there
        w.view(0)->setFocus();
        w.cursor(0)->moveCursor(0);
        QTest::keyClicks(w.view(0), "00");
        QVERIFY(w.model(0)->isModified());
        int asked = 0;
        w.setCloseQuestion([&](const QString& name) {
            ++asked;
            return name == "ed-a.bin" && asked == 1 ? CompareWindow::CloseAnswer::Cancel : CompareWindow::CloseAnswer::Discard;
        });
        QVERIFY(!w.close());
        QCOMPARE(asked, 1);
        QVERIFY(w.isVisible());
        QVERIFY(w.close());
        QCOMPARE(asked, 2);
        QFile fa2(pa);
        QVERIFY(fa2.open(QIODevice::ReadOnly));
        QCOMPARE(fa2.readAll(), a);
    }

    void theSameFileTwiceIsTheSameWithoutReading() {
        const QString p = file("twice.bin", testutil::randomBytes(100'000, 2));
        CompareWindow w(p, p, nullptr);
        QVERIFY(!w.comparing()); // no job at all
        QVERIFY2(w.statusText().contains("The same file twice (100,000 bytes): identical, nothing was read"),
                 qPrintable(w.statusText()));
        // An edit in one pane makes them two documents: compared as any two.
        w.show();
        w.view(0)->setFocus();
        w.cursor(0)->moveCursor(5);
        QTest::keyClicks(w.view(0), "ab");
        QTRY_VERIFY(w.differences(0).rangeCount() + w.script().size() > 0);
        QTRY_VERIFY(!w.comparing());
        QVERIFY2(w.statusText().contains("1 changed range") || w.statusText().contains("1 differing byte"),
                 qPrintable(w.statusText()));
        w.setCloseQuestion([](const QString&) { return CompareWindow::CloseAnswer::Discard; });
    }

    void aFileCutWhileComparedShowsNoInventedDifference() {
        const QByteArray a = testutil::randomBytes(2'000'000, 4);
        const QString pa = file("cut-a.bin", a), pb = file("cut-b.bin", a);
        CompareWindow w(pa, pb, nullptr);
        w.setFindInsertions(false);
        QTRY_VERIFY(!w.comparing());
        QVERIFY2(w.statusText().contains("The files are the same"), qPrintable(w.statusText()));
        // Another program cuts the right file; the next comparison reads where it was.
        QCOMPARE(::truncate(QFile::encodeName(pb).constData(), 1'000'000), 0);
        w.setFindInsertions(true);
        QTRY_VERIFY2(w.statusText().contains("\u201ccut-b.bin\u201d was cut by another program"), qPrintable(w.statusText()));
        QVERIFY(!w.comparing());
        QCOMPARE(w.differences(0).rangeCount() + w.differences(1).rangeCount(), std::size_t(0));
        QVERIFY(w.script().empty());
        QVERIFY(w.differences(1).gaps().empty());
    }

    void aFileDroppedWithCtrlIsCompared() {
        const QString pa = file("drop-a.bin", "first file"), pb = file("drop-b.bin", "second file");
        MainWindow main;
        QVERIFY(said(main.openFile(pa, OpenMode::ReadOnly)).isEmpty());
        main.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(pb)});
        QVERIFY(main.dropFiles(&mime, Qt::ControlModifier));
        auto* w = qobject_cast<CompareWindow*>(main.lastComparison());
        QVERIFY2(w, qPrintable(main.lastStatusMessage()));
        QCOMPARE(w->model(0)->path(), pa);
        QCOMPARE(w->model(1)->path(), pb);
        QTRY_VERIFY(!w->comparing());
        w->close();
        // Without Ctrl it opens as a tab, as before.
        QVERIFY(main.dropFiles(&mime, Qt::NoModifier));
        QCOMPARE(main.session()->count(), 2);
    }

    void aFileThatCannotOpenIsSaid() {
        QString error;
        CompareWindow w(file("ok.bin", "abc"), m_dir.filePath("missing.bin"), &error);
        QVERIFY2(error.contains("missing.bin"), qPrintable(error));
        MainWindow main;
        const UiStatus e = main.openComparison(m_dir.filePath("ok.bin"), m_dir.path());
        QVERIFY(!e);
        QVERIFY(!main.lastComparison());
        QVERIFY(said(main.openComparison(m_dir.filePath("ok.bin"), m_dir.filePath("ok.bin"))).isEmpty());
        QVERIFY(main.lastComparison());
        main.lastComparison()->close();
        QTRY_VERIFY(!main.lastComparison()); // it deletes itself
    }
};

QTEST_MAIN(TestCompareWindow)
#include "test_compare_window.moc"
