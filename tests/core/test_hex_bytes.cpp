// SPDX-License-Identifier: MIT
#include "hex_bytes.h"

#include <QtTest>

using namespace hexmap;

class TestHexBytes : public QObject {
    Q_OBJECT
private slots:
    void accepted_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("spaced") << "de ad be ef" << QByteArray::fromHex("deadbeef");
        QTest::newRow("packed") << "DEADbeef" << QByteArray::fromHex("deadbeef");
        QTest::newRow("0x and commas") << "0xde, 0xad,0x00" << QByteArray::fromHex("dead00");
        QTest::newRow("newlines") << "01\n02\r\n03\t04" << QByteArray::fromHex("01020304");
        QTest::newRow("one") << "7f" << QByteArray::fromHex("7f");
    }
    void accepted() {
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
        auto r = parseHexBytes(text.toStdString());
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(r.value().data()), qsizetype(r.value().size())), bytes);
    }
    void refused() {
        auto odd = parseHexBytes("de a");
        QVERIFY(!odd.ok());
        QVERIFY(odd.error().message.find("column 4") != std::string::npos);
        auto bad = parseHexBytes("de xz");
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("column 4") != std::string::npos);
        QVERIFY(!parseHexBytes("   ").ok());
        QVERIFY(!parseHexBytes("").ok());
    }
};

QTEST_APPLESS_MAIN(TestHexBytes)
#include "test_hex_bytes.moc"
