// SPDX-License-Identifier: MIT
#include "number_parse.h"

#include <QProcess>
#include <QTemporaryDir>
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
        QTest::newRow("exact fraction") << "1.5K" << quint64(1536);
        QTest::newRow("trailing zeros") << "1.50000000000000000000K" << quint64(1536);
        QTest::newRow("half K") << "0.5K" << quint64(512);
        QTest::newRow("quarter M") << "0.25M" << quint64(262144);
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
        // Found: digits past the twelfth were dropped, so this read as 1.
        QTest::newRow("long fraction of a byte") << "1.0000000000001";
        QTest::newRow("not whole bytes") << "1.1K";
        QTest::newRow("too many decimals") << "1.0000000000000000000001K";
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

    void notWholeBytesNamesTheNeighbours() {
        auto r = parseSize("1.1K");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("between 1126 and 1127") != std::string::npos, r.error().message.c_str());
    }

    void relativeGotoNeverWraps() {
        // Found: +N wrapped when the cursor lay past the end (the file had shrunk).
        QVERIFY(!parseGotoOffset("+1", 1005, 1000).ok());
        QVERIFY(!parseGotoOffset("+0", 1000, 1000).ok());
        QVERIFY(!parseGotoOffset("+18446744073709551615", 5, 1000).ok());
        QCOMPARE(parseGotoOffset("-10", 1005, 1000).value(), std::uint64_t(995));
    }

    void hexdumpSyntaxMatchesHexdump_data() {
        QTest::addColumn<QString>("text");
        for (const char* t : {"0", "00", "10", "010", "07", "0x10", "0X1f", "+5", " 5", "1K", "1k", "1KiB",
                              "1kib", "1KB", "1kB", "1Kb", "2M", "3MB", "1MiB", "1G", "0x1K", "010K",
                              "4096", "0x100000010", "1.5K", "0.5K", "1.K", "1.0000000000001K"})
            QTest::newRow(t) << QString::fromLatin1(t);
    }
    void hexdumpSyntaxMatchesHexdump() {
        // What `hexmap dump -s N` reads N as is what util-linux hexdump reads it as: asked
        // of the real hexdump on a file large enough to hold every offset (it prints the
        // offset of the first row).
        QFETCH(QString, text);
        static QTemporaryDir dir;
        const QString path = dir.filePath("sparse.bin");
        if (!QFile::exists(path)) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(qint64(8) << 30));
        }
        QProcess hexdump;
        hexdump.start("hexdump", {"-C", "-s", text, "-n", "1", path});
        QVERIFY(hexdump.waitForFinished(10000));
        QCOMPARE(hexdump.exitCode(), 0);
        const QByteArray out = hexdump.readAllStandardOutput();
        bool ok = false;
        const quint64 theirs = out.left(out.indexOf(' ')).toULongLong(&ok, 16);
        QVERIFY2(ok, out.constData());
        auto mine = parseHexdumpSize(text.toStdString());
        QVERIFY2(mine.ok(), mine.ok() ? "" : mine.error().message.c_str());
        QCOMPARE(quint64(mine.value()), theirs);
    }

    void hexdumpSyntaxRefusesWhatHexdumpRefuses() {
        for (const char* t : {"", "-1", "5 ", "0x", "08", "1.5", "1b", "2B", "1 K", "1KiBB", "1Ki",
                              "1KIB", "1e3", "5x", "1,5K", "16E", "1Y", "18446744073709551616"}) {
            QVERIFY2(!parseHexdumpSize(t).ok(), t);
            QProcess hexdump;
            hexdump.start("hexdump", {"-C", "-s", QString::fromLatin1(t), "-n", "1", "/dev/null"});
            QVERIFY(hexdump.waitForFinished(10000));
            QVERIFY2(hexdump.exitCode() != 0, t);
        }
        // Fractions: exact here (hexdump's own digit-by-digit arithmetic gives 1279, 2150).
        QCOMPARE(parseHexdumpSize("1.25K").value(), std::uint64_t(1280));
        QCOMPARE(parseHexdumpSize("1.999K").value(), std::uint64_t(2046));
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
