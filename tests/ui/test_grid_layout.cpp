// GridLayout and ScrollMapping: the grid's arithmetic, including round trips.
#include "grid_layout.h"

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
