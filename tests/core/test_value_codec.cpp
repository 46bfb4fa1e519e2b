// SPDX-License-Identifier: MIT
// The data inspector's types, decoded from and encoded to known byte strings in both byte
// orders; values at the last bytes of the data; invalid and out-of-range input refused.
#include "value_codec.h"

#include <QtTest>

#include <random>

using namespace hexmap;

namespace {
using Bytes = std::vector<std::uint8_t>;

std::string decoded(ValueType t, const Bytes& b, bool big = false) {
    std::string why;
    auto v = decodeValue(t, b.data(), b.size(), big, &why);
    return v ? v->text : "(" + why + ")";
}

Bytes encoded(ValueType t, const std::string& text, bool big = false) {
    auto r = encodeValue(t, text, big);
    return r ? r.value() : Bytes{0xEE, 0xEE, 0xEE};
}
} // namespace

class TestValueCodec : public QObject {
    Q_OBJECT

private slots:
    void knownValuesBothOrders_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("big");
        QTest::addColumn<QString>("text");
        auto row = [](const char* name, ValueType t, QByteArray b, bool big, const char* text) {
            QTest::newRow(name) << int(t) << b << big << QString::fromUtf8(text);
        };
        row("binary", ValueType::Binary8, QByteArray("\x41", 1), false, "01000001");
        row("int8", ValueType::Int8, QByteArray("\xfe", 1), false, "-2");
        row("uint8", ValueType::UInt8, QByteArray("\xfe", 1), false, "254");
        row("int16 le", ValueType::Int16, QByteArray("\x00\x80", 2), false, "-32768");
        row("int16 be", ValueType::Int16, QByteArray("\x80\x00", 2), true, "-32768");
        row("uint16 be", ValueType::UInt16, QByteArray("\x12\x34", 2), true, "4660");
        row("int32 le", ValueType::Int32, QByteArray("\xff\xff\xff\xff", 4), false, "-1");
        row("uint32 le", ValueType::UInt32, QByteArray("\x78\x56\x34\x12", 4), false, "305419896");
        row("int64 be", ValueType::Int64, QByteArray("\x80\0\0\0\0\0\0\0", 8), true, "-9223372036854775808");
        row("uint64 le", ValueType::UInt64, QByteArray("\xff\xff\xff\xff\xff\xff\xff\xff", 8), false,
            "18446744073709551615");
        row("float16 le", ValueType::Float16, QByteArray("\x00\x3c", 2), false, "1");
        row("float16 be", ValueType::Float16, QByteArray("\xc0\x00", 2), true, "-2");
        row("float16 max", ValueType::Float16, QByteArray("\xff\x7b", 2), false, "65504");
        row("float32 le", ValueType::Float32, QByteArray("\x00\x00\xc0\x3f", 4), false, "1.5");
        row("float32 be", ValueType::Float32, QByteArray("\x40\x49\x0f\xdb", 4), true, "3.14159274");
        row("float64 le", ValueType::Float64, QByteArray("\x00\x00\x00\x00\x00\x00\xf0\x3f", 8), false, "1");
        row("float64 be", ValueType::Float64, QByteArray("\xc0\x00\x00\x00\x00\x00\x00\x00", 8), true, "-2");
        row("uleb", ValueType::ULeb128, QByteArray("\xe5\x8e\x26", 3), false, "624485 (3 bytes)");
        row("sleb", ValueType::SLeb128, QByteArray("\xc0\xbb\x78", 3), false, "-123456 (3 bytes)");
        row("sleb -1", ValueType::SLeb128, QByteArray("\x7f", 1), false, "-1 (1 byte)");
        row("ascii", ValueType::Ascii, QByteArray("A", 1), false, "0x41 'A'");
        row("utf8", ValueType::Utf8, QByteArray("\xc3\xa9", 2), false, "U+00E9 'é' (2 bytes)");
        row("utf8 4", ValueType::Utf8, QByteArray("\xf0\x9f\x98\x80", 4), false, "U+1F600 '😀' (4 bytes)");
        row("utf16 le", ValueType::Utf16, QByteArray("\xe9\x00", 2), false, "U+00E9 'é'");
        row("utf16 be", ValueType::Utf16, QByteArray("\x00\x41", 2), true, "U+0041 'A'");
        row("unix32", ValueType::UnixTime32, QByteArray("\x00\xca\x9a\x3b", 4), false, "2001-09-09 01:46:40 UTC");
        row("unix64 be", ValueType::UnixTime64, QByteArray("\0\0\0\0\x3b\x9a\xca\x00", 8), true,
            "2001-09-09 01:46:40 UTC");
        // 2026-11-27 10:30:42: time 0x53D5, date 0x5D7B (FAT: time word first).
        row("dos", ValueType::DosDateTime, QByteArray("\xd5\x53\x7b\x5d", 4), false, "2026-11-27 10:30:42");
        row("filetime", ValueType::FileTime, QByteArray("\x00\x80\x3e\xd5\xde\xb1\x9d\x01", 8), false,
            "1970-01-01 00:00:00.0000000 UTC");
        row("guid le", ValueType::Guid,
            QByteArray("\x33\x22\x11\x00\x55\x44\x77\x66\x88\x99\xaa\xbb\xcc\xdd\xee\xff", 16), false,
            "{00112233-4455-6677-8899-AABBCCDDEEFF}");
        row("guid be", ValueType::Guid,
            QByteArray("\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff", 16), true,
            "{00112233-4455-6677-8899-AABBCCDDEEFF}");
    }
    void knownValuesBothOrders() {
        QFETCH(int, type);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, big);
        QFETCH(QString, text);
        const auto t = static_cast<ValueType>(type);
        const Bytes b(bytes.begin(), bytes.end());
        QCOMPARE(QString::fromStdString(decoded(t, b, big)), text);
        // And back: the printed text encodes to the same bytes.
        QCOMPARE(encoded(t, text.toStdString(), big), b);
    }

    void pastTheEndSaysSo() {
        const Bytes two{0x01, 0x02};
        for (ValueType t : {ValueType::Int32, ValueType::Float64, ValueType::Guid, ValueType::FileTime})
            QVERIFY(QString::fromStdString(decoded(t, two)).contains("past the end"));
        QVERIFY(QString::fromStdString(decoded(ValueType::ULeb128, Bytes{0x80, 0x80})).contains("past the end"));
        QVERIFY(QString::fromStdString(decoded(ValueType::Utf8, Bytes{0xe2, 0x82})).contains("past the end"));
        QVERIFY(!decodeValue(ValueType::UInt8, nullptr, 0, false));
        // The last two bytes still read as a 16-bit value.
        QCOMPARE(decoded(ValueType::UInt16, two), std::string("513"));
    }

    void invalidAndOutOfRangeAreRefused() {
        struct Case {
            ValueType t;
            const char* text;
        } cases[] = {{ValueType::Int8, "128"},        {ValueType::Int8, "-129"},   {ValueType::UInt8, "256"},
                     {ValueType::UInt16, "-1"},       {ValueType::Int32, "12x"},   {ValueType::UInt64, "18446744073709551616"},
                     {ValueType::Float16, "70000"},   {ValueType::Float32, "1e39"}, {ValueType::Float64, "abc"},
                     {ValueType::Binary8, "102"},     {ValueType::Binary8, "111111111"},
                     {ValueType::Ascii, "é"},         {ValueType::Utf8, "ab"},     {ValueType::Utf8, "U+D800"},
                     {ValueType::Utf16, "U+10000"},   {ValueType::UnixTime32, "2040-01-01 00:00:00"},
                     {ValueType::UnixTime64, "2026-02-31 00:00:00"}, {ValueType::DosDateTime, "1979-12-31 23:59:58"},
                     {ValueType::DosDateTime, "2000-01-01 00:00:01"}, {ValueType::Guid, "{0011}"},
                     {ValueType::FileTime, "1600-12-31 23:59:59"}};
        for (const Case& c : cases) {
            auto r = encodeValue(c.t, c.text, false);
            QVERIFY2(!r, (valueTypeName(c.t) + " accepted '" + c.text + "'").c_str());
            QVERIFY(!r.error().message.empty());
        }
        // Hex input and signs where they make sense.
        QCOMPARE(encoded(ValueType::UInt16, "0xBEEF", true), (Bytes{0xBE, 0xEF}));
        QCOMPARE(encoded(ValueType::Int8, "-128"), (Bytes{0x80}));
        QCOMPARE(encoded(ValueType::Ascii, "z"), (Bytes{'z'}));
        QCOMPARE(encoded(ValueType::Float16, "0.1"), (Bytes{0x66, 0x2E})); // nearest half: 0x2E66
    }

    void integersRoundTripAtRandom() {
        std::mt19937_64 rng(5);
        for (ValueType t : {ValueType::Int16, ValueType::UInt32, ValueType::Int64, ValueType::UInt64,
                            ValueType::SLeb128, ValueType::ULeb128, ValueType::Float64, ValueType::Float32}) {
            for (int i = 0; i < 300; ++i) {
                Bytes b(valueTypeSize(t));
                for (auto& x : b) x = static_cast<std::uint8_t>(rng());
                if (t == ValueType::SLeb128 || t == ValueType::ULeb128) b.back() &= 0x7F; // terminated
                const bool big = rng() & 1;
                auto v = decodeValue(t, b.data(), b.size(), big);
                if (!v) continue;
                const std::string text = v->text.substr(0, v->text.find(" ("));
                if (text == "nan" || text == "-nan") continue; // NaN payloads do not survive text
                auto back = encodeValue(t, text, big);
                QVERIFY2(back, (valueTypeName(t) + " " + text).c_str());
                // LEB128 re-encodes in its shortest form: decode that and compare values.
                auto again = decodeValue(t, back.value().data(), back.value().size(), big);
                QVERIFY(again);
                QCOMPARE(again->text.substr(0, again->text.find(" (")), text);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestValueCodec)
#include "test_value_codec.moc"
