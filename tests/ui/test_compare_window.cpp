// SPDX-License-Identifier: MIT
// The comparison window (issue 19): two files with three changed regions and a longer tail
// shown side by side; the differences counted, tinted and on both strips; F7 / Shift+F7
// through them; scrolling together and apart; identical files; a file that cannot open.
#include "compare_window.h"
#include "said.h"
#include "cursor_model.h"
#include "hex_view.h"
#include "main_window.h"
#include "overview_strip.h"
#include "temp_files.h"

#include <QtTest>

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
