// SPDX-License-Identifier: MIT
// Byte statistics: histogram counts equal a plain count (every alignment and length),
// entropy of known distributions, byte classes.
#include "byte_stats.h"

#include <QtTest>
#include <random>
#include <vector>

using namespace hexmap;

class TestByteStats : public QObject {
    Q_OBJECT
private slots:
    void histogramEqualsPlainCount() {
        std::mt19937 rng(7);
        std::vector<std::uint8_t> data(10000);
        for (auto& b : data) b = std::uint8_t(rng() % 7 == 0 ? 0 : rng());
        for (std::size_t start : {0, 1, 3}) {
            for (std::size_t n : {0, 1, 5, 4097, 9000}) {
                ByteHistogram h{}, want{};
                addToHistogram(h, data.data() + start, n);
                for (std::size_t i = 0; i < n; ++i) ++want[data[start + i]];
                QVERIFY(h == want);
            }
        }
    }
    void entropyAndClasses() {
        ByteHistogram uniform{};
        uniform.fill(10);
        QCOMPARE(entropyOf(uniform), 8.0);
        ByteHistogram one{};
        one['a'] = 100;
        QCOMPARE(entropyOf(one), 0.0);
        ByteHistogram two{};
        two[0] = 50, two[0xff] = 50;
        QCOMPARE(entropyOf(two), 1.0);
        QCOMPARE(entropyOf(ByteHistogram{}), 0.0);
        ByteHistogram mixed{};
        mixed[0] = 1, mixed['\n'] = 2, mixed['z'] = 3, mixed[0x80] = 4, mixed[0x01] = 5;
        const ByteClasses c = classesOf(mixed);
        QCOMPARE(c.zeros, std::uint64_t(1));
        QCOMPARE(c.text, std::uint64_t(5));
        QCOMPARE(c.high, std::uint64_t(4));
        QCOMPARE(c.other, std::uint64_t(5));
    }
};

QTEST_APPLESS_MAIN(TestByteStats)
#include "test_byte_stats.moc"
