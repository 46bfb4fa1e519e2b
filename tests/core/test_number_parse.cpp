#include "number_parse.h"

#include <QtTest>

using namespace hexmap;

class TestNumberParse : public QObject {
    Q_OBJECT
private slots:
    void sizes_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<quint64>("expected");
        QTest::newRow("decimal") << "4096" << quint64(4096);
        QTest::newRow("hex") << "0x1000" << quint64(4096);
        QTest::newRow("HEX") << "0XfF" << quint64(255);
        QTest::newRow("K") << "64K" << quint64(65536);
        QTest::newRow("KiB") << "64KiB" << quint64(65536);
        QTest::newRow("1.5G") << "1.5G" << quint64(1610612736);
        QTest::newRow("spaces") << "  2 M " << quint64(2 << 20);
        QTest::newRow("T") << "1T" << quint64(1ULL << 40);
        QTest::newRow("max") << "18446744073709551615" << quint64(~0ULL);
        QTest::newRow("max hex") << "0xffffffffffffffff" << quint64(~0ULL);
        QTest::newRow("past 4G") << "0x100000010" << quint64(0x100000010ULL);
    }
    void sizes() {
        QFETCH(QString, text);
        QFETCH(quint64, expected);
        auto r = parseSize(text.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(quint64(r.value()), expected);
    }

    void badSizes_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("word") << "abc";
        QTest::newRow("bad hex") << "0x12g";
        QTest::newRow("overflow") << "18446744073709551616";
        QTest::newRow("hex overflow") << "0x1ffffffffffffffff";
        QTest::newRow("unit overflow") << "20000000T";
        QTest::newRow("fraction bytes") << "1.5";
        QTest::newRow("unknown unit") << "12Q";
    }
    void badSizes() {
        QFETCH(QString, text);
        auto r = parseSize(text.toStdString());
        QVERIFY(!r.ok());
        QVERIFY(!r.error().message.empty());
    }

    void gotoTargets() {
        QCOMPARE(parseGotoOffset("100", 5, 1000).value(), std::uint64_t(100));
        QCOMPARE(parseGotoOffset("0x10", 5, 1000).value(), std::uint64_t(16));
        QCOMPARE(parseGotoOffset("+10", 5, 1000).value(), std::uint64_t(15));
        QCOMPARE(parseGotoOffset("-5", 5, 1000).value(), std::uint64_t(0));
        QCOMPARE(parseGotoOffset("- 0x2", 5, 1000).value(), std::uint64_t(3));
        QCOMPARE(parseGotoOffset("999", 0, 1000).value(), std::uint64_t(999));
        const std::uint64_t big = 16ULL << 30;
        QCOMPARE(parseGotoOffset("0x3ffffffff", 0, big).value(), big - 1);
    }

    void gotoRefusesInsteadOfClamping() {
        auto past = parseGotoOffset("1000", 0, 1000);
        QVERIFY(!past.ok());
        QVERIFY(past.error().message.find("past the end") != std::string::npos);
        QVERIFY(past.error().message.find("0x3e7") != std::string::npos);
        QVERIFY(!parseGotoOffset("+997", 3, 1000).ok());
        QCOMPARE(parseGotoOffset("+996", 3, 1000).value(), std::uint64_t(999));
        auto before = parseGotoOffset("-6", 5, 1000);
        QVERIFY(!before.ok());
        QVERIFY(before.error().message.find("before the start") != std::string::npos);
        QVERIFY(!parseGotoOffset("0", 0, 0).ok());
        QVERIFY(!parseGotoOffset("xyz", 0, 10).ok());
    }
};

QTEST_APPLESS_MAIN(TestNumberParse)
#include "test_number_parse.moc"
