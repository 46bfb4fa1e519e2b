// SPDX-License-Identifier: MIT
// GridLayout and ScrollMapping: the grid's arithmetic, including round trips.
#include "grid_layout.h"
#include "scroll_mapping.h"

#include <QtTest>

using namespace hexmap;

class TestGridLayout : public QObject {
    Q_OBJECT
private slots:
    void columnsDoNotOverlap() {
        for (int bpr : {8, 16, 32, 48}) {
            const GridLayout L(7.5, 16, bpr, 9);
            QVERIFY(L.hexX() > L.offsetX() + 9 * 7.5);
            for (int c = 0; c + 1 < bpr; ++c) {
                const double gap = L.byteHexX(c + 1) - L.byteHexX(c);
                // three cells a byte, four across a group boundary
                QCOMPARE(gap, (c % 8 == 7 ? 4 : 3) * 7.5);
            }
            QVERIFY(L.textX() >= L.byteHexX(bpr - 1) + 2 * 7.5 + 7.5);
            QCOMPARE(L.totalWidth(), L.textX() + bpr * 7.5 + 7.5 / 2);
        }
    }

    void hitTestRoundTrips() {
        const GridLayout L(8, 16, 16, 8);
        for (int c = 0; c < 16; ++c) {
            auto high = L.hitTest(L.byteHexX(c) + 1);
            QCOMPARE(high.area, GridLayout::Area::Hex);
            QCOMPARE(high.column, c);
            QVERIFY(!high.lowNibble);
            auto low = L.hitTest(L.byteHexX(c) + 8 + 1);
            QCOMPARE(low.column, c);
            QVERIFY(low.lowNibble);
            auto text = L.hitTest(L.byteTextX(c) + 1);
            QCOMPARE(text.area, GridLayout::Area::Text);
            QCOMPARE(text.column, c);
        }
        QCOMPARE(L.hitTest(1).area, GridLayout::Area::Offset);
        QCOMPARE(L.hitTest(1e6).column, 15); // far right clamps to the last column
    }

    void rowsAndOffsets() {
        const GridLayout L(8, 16, 16, 8);
        QCOMPARE(L.rowCount(0), std::uint64_t(0));
        QCOMPARE(L.rowCount(1), std::uint64_t(1));
        QCOMPARE(L.rowCount(16), std::uint64_t(1));
        QCOMPARE(L.rowCount(17), std::uint64_t(2));
        QCOMPARE(L.rowCount(16ULL << 30), std::uint64_t(1ULL << 30));
        QCOMPARE(L.rowOf((16ULL << 30) - 1), (1ULL << 30) - 1);
        QCOMPARE(L.columnOf((16ULL << 30) - 1), 15);
        QCOMPARE(L.rowAtY(0), std::int64_t(0));
        QCOMPARE(L.rowAtY(15), std::int64_t(0));
        QCOMPARE(L.rowAtY(16), std::int64_t(1));
        QCOMPARE(L.rowAtY(-1), std::int64_t(-1));
        QCOMPARE(L.rowAtY(-17), std::int64_t(-2));
    }

    void positionAndCellRoundTrip() {
        // Every byte's cell, hit in its middle, gives the byte back, in both columns and
        // with a top row far into a 16 GiB file.
        const std::uint64_t size = 16ULL << 30;
        for (int bpr : {8, 16, 32}) {
            const GridLayout L(7.5, 17, bpr, 9);
            for (std::uint64_t top : {std::uint64_t(0), std::uint64_t(12345), L.rowOf(size - 1) - 3}) {
                for (int i = 0; i < 4 * bpr; i += 3) {
                    const std::uint64_t offset = L.rowStart(top) + static_cast<unsigned>(i);
                    if (offset >= size) break;
                    for (auto area : {GridLayout::Area::Hex, GridLayout::Area::Text}) {
                        const auto cell = L.cellOf(offset, area, top);
                        QVERIFY(cell.y >= 0);
                        const auto pos = L.positionAt(cell.x + cell.width / 2,
                                                      static_cast<int>(cell.y) + cell.height / 2, top, size);
                        QVERIFY(pos);
                        QCOMPARE(pos->offset, offset);
                        QCOMPARE(pos->area, area);
                    }
                }
            }
        }
        const GridLayout L(8, 16, 16, 8);
        QVERIFY(!L.positionAt(100, 5, 0, 0)); // an empty document has no bytes
        // Below the last row: the last byte, never past it.
        QCOMPARE(L.positionAt(L.byteHexX(15), 16 * 50, 0, 40)->offset, std::uint64_t(39));
        // Above the top row: the row before it.
        QCOMPARE(L.positionAt(L.byteHexX(2), -3, 10, 1000)->offset, std::uint64_t(9 * 16 + 2));
    }

    void keyMovesStayInside() {
        const GridLayout L(8, 16, 16, 8);
        using M = GridLayout::Move;
        const std::uint64_t n = 1000; // last row holds 992..999
        QCOMPARE(L.moveTarget(M::Left, 0, n, 10), std::uint64_t(0));
        QCOMPARE(L.moveTarget(M::Right, 999, n, 10), std::uint64_t(999));
        QCOMPARE(L.moveTarget(M::Up, 5, n, 10), std::uint64_t(5));
        QCOMPARE(L.moveTarget(M::Down, 990, n, 10), std::uint64_t(990)); // 1006 does not exist
        QCOMPARE(L.moveTarget(M::Down, 980, n, 10), std::uint64_t(996));
        QCOMPARE(L.moveTarget(M::PageDown, 15, n, 10), std::uint64_t(175));
        QCOMPARE(L.moveTarget(M::PageUp, 175, n, 10), std::uint64_t(15));
        QCOMPARE(L.moveTarget(M::PageUp, 37, n, 10), std::uint64_t(5)); // same column, first row
        QCOMPARE(L.moveTarget(M::RowStart, 37, n, 10), std::uint64_t(32));
        QCOMPARE(L.moveTarget(M::RowEnd, 37, n, 10), std::uint64_t(47));
        QCOMPARE(L.moveTarget(M::RowEnd, 995, n, 10), std::uint64_t(999)); // a short last row
        QCOMPARE(L.moveTarget(M::FileEnd, 3, n, 10), std::uint64_t(999));
        QCOMPARE(L.moveTarget(M::FileStart, 3, n, 10), std::uint64_t(0));
        const std::uint64_t big = 16ULL << 30;
        QCOMPARE(L.moveTarget(M::Down, big - 2, big, 10), big - 2);
        QCOMPARE(L.moveTarget(M::PageDown, big - 17, big, 10), big - 17);
    }

    void revealScrollsLittleOrCentres() {
        const GridLayout L(8, 16, 16, 8);
        QCOMPARE(L.topRowShowing(5, 0, 10, false), std::uint64_t(0));   // visible: stays
        QCOMPARE(L.topRowShowing(10, 0, 10, false), std::uint64_t(1));  // just below
        QCOMPARE(L.topRowShowing(3, 7, 10, false), std::uint64_t(3));   // above
        QCOMPARE(L.topRowShowing(100, 0, 10, true), std::uint64_t(95)); // centred
        QCOMPARE(L.topRowShowing(2, 50, 10, true), std::uint64_t(0));
        QCOMPARE(L.topRowShowing(5, 0, 10, true), std::uint64_t(0));    // visible: stays
    }

    void fitToWidth() {
        const int bpr = GridLayout::fitBytesPerRow(8, 8, 1000);
        QVERIFY(bpr % 8 == 0);
        QVERIFY(GridLayout(8, 16, bpr, 8).totalWidth() <= 1000);
        QVERIFY(GridLayout(8, 16, bpr + 8, 8).totalWidth() > 1000);
        QCOMPARE(GridLayout::fitBytesPerRow(8, 8, 10), 8); // never below 8
    }

    void scrollMappingUnscaled() {
        const ScrollMapping m(1000);
        QVERIFY(!m.scaled());
        QCOMPARE(m.barMaximum(), 1000);
        for (std::uint64_t r : {0ULL, 1ULL, 500ULL, 1000ULL}) QCOMPARE(m.rowForValue(m.valueForRow(r)), r);
    }

    void scrollMappingScaled() {
        const std::uint64_t maxTop = (1ULL << 34) - 60; // 16 GiB at one byte a row
        const ScrollMapping m(maxTop);
        QVERIFY(m.scaled());
        QCOMPARE(m.valueForRow(0), 0);
        QCOMPARE(m.rowForValue(0), std::uint64_t(0));
        QCOMPARE(m.valueForRow(maxTop), m.barMaximum());
        QCOMPARE(m.rowForValue(m.barMaximum()), maxTop); // the bottom is exact
        // Monotonic, and a value maps back to itself through its row.
        std::uint64_t prev = 0;
        for (int v = 0; v <= m.barMaximum(); v += m.barMaximum() / 97) {
            const std::uint64_t row = m.rowForValue(v);
            QVERIFY(row >= prev);
            QCOMPARE(m.valueForRow(row), v);
            prev = row;
        }
        QCOMPARE(m.rowForValue(m.barMaximum() + 5), maxTop);
        QCOMPARE(m.valueForRow(maxTop + 100), m.barMaximum());
    }

    void scrollMappingSmallLimit() {
        const ScrollMapping m(12345, 100);
        QVERIFY(m.scaled());
        QCOMPARE(m.barMaximum(), 100);
        QCOMPARE(m.rowForValue(100), std::uint64_t(12345));
        QCOMPARE(m.rowForValue(50), std::uint64_t(6172));
    }
};

QTEST_APPLESS_MAIN(TestGridLayout)
#include "test_grid_layout.moc"
