// SPDX-License-Identifier: MIT
// HexView under synthetic keys and mouse events, on small files and a 16 GiB sparse one.
#include "hex_view.h"
#include "glyph_coverage.h"
#include "temp_files.h"
#include "view_fixture.h"

#include <QScrollBar>
#include <QFontDatabase>
#include <QtTest>

using namespace hexmap;

class TestHexView : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_smallPath, m_bigPath;
    static constexpr std::uint64_t kBig = 16ULL << 30;


private slots:
    void initTestCase() {
        m_smallPath = testutil::writeFile(m_dir, "small.bin", testutil::randomBytes(1000, 3));
        m_bigPath = testutil::sparseFile(m_dir, "big.bin", kBig, "the end!");
    }

    void arrowsPagesHomeEnd() {
        ViewFixture fx(m_smallPath);
        HexView& view = fx.view;
        [[maybe_unused]] CursorModel& cur = fx.cursor;
        fx.show();
        QCOMPARE(view.cursorOffset(), std::uint64_t(0));
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.cursorOffset(), std::uint64_t(1));
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.cursorOffset(), std::uint64_t(17));
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.cursorOffset(), std::uint64_t(31));
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.cursorOffset(), std::uint64_t(16));
        QTest::keyClick(&view, Qt::Key_Left);
        QTest::keyClick(&view, Qt::Key_Up); // cannot go above row 0
        QCOMPARE(view.cursorOffset(), std::uint64_t(15));
        QTest::keyClick(&view, Qt::Key_PageDown);
        const std::uint64_t page = static_cast<std::uint64_t>(view.visibleRows()) * 16;
        QCOMPARE(view.cursorOffset(), 15 + page);
        QTest::keyClick(&view, Qt::Key_PageUp);
        QCOMPARE(view.cursorOffset(), std::uint64_t(15));
        QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(view.cursorOffset(), std::uint64_t(999));
        QTest::keyClick(&view, Qt::Key_Right); // stays on the last byte
        QCOMPARE(view.cursorOffset(), std::uint64_t(999));
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(view.cursorOffset(), std::uint64_t(999));
        QTest::keyClick(&view, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(view.cursorOffset(), std::uint64_t(0));
        QCOMPARE(view.topRow(), std::uint64_t(0));
        QVERIFY(!cur.hasSelection());
    }

    void shiftArrowsSelect() {
        ViewFixture fx(m_smallPath);
        HexView& view = fx.view;
        [[maybe_unused]] CursorModel& cur = fx.cursor;
        fx.show();
        view.moveCursor(26);
        QTest::keyClick(&view, Qt::Key_Right, Qt::ShiftModifier);
        QTest::keyClick(&view, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(cur.selectionStart(), std::uint64_t(26));
        QCOMPARE(cur.selectionLength(), std::uint64_t(3));
        QTest::keyClick(&view, Qt::Key_Up, Qt::ShiftModifier); // back over the anchor
        QCOMPARE(view.cursorOffset(), std::uint64_t(12));
        QCOMPARE(cur.selectionStart(), std::uint64_t(12));
        QCOMPARE(cur.selectionLength(), std::uint64_t(15));
        QTest::keyClick(&view, Qt::Key_Right);
        QVERIFY(!cur.hasSelection());
    }

    void mouseClickDragAndShiftClick() {
        ViewFixture fx(m_smallPath);
        HexView& view = fx.view;
        [[maybe_unused]] CursorModel& cur = fx.cursor;
        fx.show();
        QWidget* vp = view.viewport();
        const QPoint b5 = view.byteRect(5, GridLayout::Area::Hex).center();
        const QPoint b40 = view.byteRect(40, GridLayout::Area::Hex).center();
        QTest::mouseClick(vp, Qt::LeftButton, {}, b5);
        QCOMPARE(view.cursorOffset(), std::uint64_t(5));
        QVERIFY(!cur.hasSelection());
        QTest::mouseClick(vp, Qt::LeftButton, Qt::ShiftModifier, b40);
        QCOMPARE(cur.selectionStart(), std::uint64_t(5));
        QCOMPARE(cur.selectionLength(), std::uint64_t(36));
        // Drag in the text column from 20 to 3.
        const QPoint t20 = view.byteRect(20, GridLayout::Area::Text).center();
        const QPoint t3 = view.byteRect(3, GridLayout::Area::Text).center();
        QTest::mousePress(vp, Qt::LeftButton, {}, t20);
        QMouseEvent move(QEvent::MouseMove, t3, vp->mapToGlobal(t3), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(vp, &move);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, t3);
        QCOMPARE(view.activeArea(), GridLayout::Area::Text);
        QCOMPARE(cur.selectionStart(), std::uint64_t(3));
        QCOMPARE(cur.selectionLength(), std::uint64_t(18));
        QCOMPARE(view.cursorOffset(), std::uint64_t(3));
    }

    void ctrlEndOn16GiBLandsOnLastByte() {
        ViewFixture fx(m_bigPath);
        HexView& view = fx.view;
        [[maybe_unused]] CursorModel& cur = fx.cursor;
        fx.show();
        QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(view.cursorOffset(), kBig - 1);
        QCOMPARE(view.topRow(), view.maxTopRow());
        QCOMPARE(view.maxTopRow() + static_cast<std::uint64_t>(view.visibleRows()), kBig / 16);
        QVERIFY(!view.byteRect(kBig - 1, GridLayout::Area::Hex).isEmpty());
        QCOMPARE(view.verticalScrollBar()->value(), view.verticalScrollBar()->maximum());
        QTest::keyClick(&view, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(view.cursorOffset(), std::uint64_t(0));
        QCOMPARE(view.verticalScrollBar()->value(), 0);
    }

    void scrollBarScalesAtBothEnds_data() {
        QTest::addColumn<int>("bytesPerRow");
        QTest::newRow("8 per row: 2^31 rows, beyond int") << 8;
        QTest::newRow("16 per row") << 16;
        QTest::newRow("32 per row") << 32;
    }
    void scrollBarScalesAtBothEnds() {
        QFETCH(int, bytesPerRow);
        ViewFixture fx(m_bigPath);
        HexView& view = fx.view;
        [[maybe_unused]] CursorModel& cur = fx.cursor;
        view.setBytesPerRow(bytesPerRow);
        fx.show();
        QScrollBar* bar = view.verticalScrollBar();
        const std::uint64_t rows = kBig / static_cast<unsigned>(bytesPerRow);
        QCOMPARE(view.maxTopRow(), rows - static_cast<std::uint64_t>(view.visibleRows()));
        QVERIFY(bar->maximum() > 0);
        if (bytesPerRow == 8) QVERIFY(view.scrollMapping().scaled());
        // Dragging the bar to the bottom shows the last row exactly.
        bar->setValue(bar->maximum());
        QCOMPARE(view.topRow(), view.maxTopRow());
        QVERIFY(!view.byteRect(kBig - 1, GridLayout::Area::Hex).isEmpty());
        // And to the top shows the first.
        bar->setValue(0);
        QCOMPARE(view.topRow(), std::uint64_t(0));
        // Halfway is halfway.
        bar->setValue(bar->maximum() / 2);
        const double fraction = double(view.topRow()) / double(view.maxTopRow());
        QVERIFY(fraction > 0.49 && fraction < 0.51);
    }

    void scrollBarScalingWithSmallLimit() {
        ViewFixture fx(m_smallPath);
        HexView& view = fx.view;
        [[maybe_unused]] CursorModel& cur = fx.cursor;
        view.setBytesPerRow(8);
        view.resize(600, 100);
        view.show();
        view.setScrollLimit(10);
        QScrollBar* bar = view.verticalScrollBar();
        QCOMPARE(bar->maximum(), 10);
        QVERIFY(view.maxTopRow() > 10);
        bar->setValue(10);
        QCOMPARE(view.topRow(), view.maxTopRow());
        bar->setValue(0);
        QCOMPARE(view.topRow(), std::uint64_t(0));
    }

    void wheelScrollsRows() {
        ViewFixture fx(m_smallPath);
        HexView& view = fx.view;
        [[maybe_unused]] CursorModel& cur = fx.cursor;
        view.resize(700, 200);
        fx.show();
        QWheelEvent down(QPointF(50, 50), view.mapToGlobal(QPointF(50, 50)), QPoint(), QPoint(0, -120),
                         Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.viewport(), &down);
        QCOMPARE(view.topRow(), std::uint64_t(3));
        QWheelEvent up(QPointF(50, 50), view.mapToGlobal(QPointF(50, 50)), QPoint(), QPoint(0, 240),
                       Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.viewport(), &up);
        QCOMPARE(view.topRow(), std::uint64_t(0));
    }

    void bytesPerRowKeepsCursor() {
        ViewFixture fx(m_smallPath);
        HexView& view = fx.view;
        [[maybe_unused]] CursorModel& cur = fx.cursor;
        fx.show();
        view.moveCursor(500);
        view.setBytesPerRow(32);
        QCOMPARE(view.gridLayout().bytesPerRow(), 32);
        QCOMPARE(view.cursorOffset(), std::uint64_t(500));
        view.setBytesPerRow(0); // fit to window
        QVERIFY(view.gridLayout().bytesPerRow() >= 8);
        QVERIFY(view.gridLayout().totalWidth() <= view.viewport()->width() || view.gridLayout().bytesPerRow() == 8);
    }

    void paintsTheBytes() {
        // Grab a frame and check that the cursor row is painted where byteRect says.
        ViewFixture fx(m_smallPath);
        HexView& view = fx.view;
        [[maybe_unused]] CursorModel& cur = fx.cursor;
        fx.show();
        QSignalSpy painted(&view, &HexView::framePainted);
        const QImage frame = view.viewport()->grab().toImage();
        QVERIFY(painted.count() >= 1);
        const QRect cell = view.byteRect(0, GridLayout::Area::Hex);
        const QColor base = view.colors().base;
        QVERIFY(frame.pixelColor(cell.left() + 1, cell.top() + 1) != base); // the cursor fill
    }

    // Random bytes read as UTF-16 decode to characters of dozens of scripts; those no font
    // covers are dots, not boxes with a Qt warning each ("OpenType support missing", about
    // 200 lines at one start).
    void textColumnDrawsNoGlyphItCannot() {
        GlyphCoverage coverage;
        const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        QVERIFY(coverage.shows(font, U'A'));
        QVERIFY(!coverage.shows(font, 0xE000));  // private use
        QVERIFY(!coverage.shows(font, 0x0378));  // unassigned
        QVERIFY(!coverage.shows(font, 0x10FFFD)); // private use, plane 16
        const auto path = testutil::writeFile(m_dir, "random16.bin", testutil::randomBytes(64 * 1024, 16));
        ViewFixture fx(path);
        fx.view.setColumnEncoding(ColumnEncoding::Utf16LE);
        static QStringList warnings;
        warnings.clear();
        const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString& m) {
            warnings << m;
        });
        fx.show(1200, 800);
        for (int page = 0; page < 8; ++page) {
            fx.view.viewport()->grab();
            QTest::keyClick(&fx.view, Qt::Key_PageDown);
        }
        qInstallMessageHandler(previous);
        const QStringList missing = warnings.filter("OpenType support missing");
        QVERIFY2(missing.isEmpty(), qPrintable(QString("%1 warnings, the first: %2").arg(missing.size()).arg(missing.value(0))));
    }

    void emptyFileShowsItIsEmpty() {
        const auto path = testutil::writeFile(m_dir, "empty.bin", {});
        ViewFixture fx(path);
        HexView& view = fx.view;
        [[maybe_unused]] CursorModel& cur = fx.cursor;
        fx.show();
        QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(view.cursorOffset(), std::uint64_t(0));
        QCOMPARE(cur.selectionLength(), std::uint64_t(0));
        QCOMPARE(view.verticalScrollBar()->maximum(), 0);
    }
};

QTEST_MAIN(TestHexView)
#include "test_hex_view.moc"
