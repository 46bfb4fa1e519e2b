// SPDX-License-Identifier: MIT
// The text column's encodings: known bytes decode to known characters in each (values from
// the code page charts), every character a single-byte encoding shows types back to its
// byte, UTF-8 and UTF-16 characters cover the cells of their bytes (also when a row starts
// or ends inside one), and what an encoding cannot hold is refused.
#include "text_encoding.h"

#include <QtTest>
#include <string>

using namespace hexmap;

namespace {
std::vector<TextCell> cells(ColumnEncoding e, const std::string& bytes, std::uint64_t offset = 0, std::size_t n = 0) {
    if (!n) n = bytes.size() - offset;
    std::vector<TextCell> out(n);
    decodeCells(e, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), offset, n, out.data());
    return out;
}
char32_t one(ColumnEncoding e, std::uint8_t b) { return cells(e, std::string(1, char(b)))[0].cp; }
} // namespace

class TestTextEncoding : public QObject {
    Q_OBJECT
private slots:
    void knownBytes() {
        QCOMPARE(one(ColumnEncoding::Ascii, 'A'), U'A');
        QCOMPARE(one(ColumnEncoding::Ascii, 0xE9), U'.');
        QCOMPARE(one(ColumnEncoding::Latin1, 0xE9), U'é');
        QCOMPARE(one(ColumnEncoding::Latin1, 0x80), U'.'); // a C1 control: not shown
        QCOMPARE(one(ColumnEncoding::Windows1252, 0x80), U'€');
        QCOMPARE(one(ColumnEncoding::Windows1252, 0x9F), U'Ÿ');
        QCOMPARE(one(ColumnEncoding::Windows1252, 0x81), U'.'); // undefined in the code page
        QCOMPARE(one(ColumnEncoding::Ebcdic037, 0xC1), U'A');
        QCOMPARE(one(ColumnEncoding::Ebcdic037, 0x81), U'a');
        QCOMPARE(one(ColumnEncoding::Ebcdic037, 0x40), U' ');
        QCOMPARE(one(ColumnEncoding::Ebcdic037, 0xF0), U'0');
        QCOMPARE(one(ColumnEncoding::Ebcdic037, 0x5B), U'$');
        QCOMPARE(one(ColumnEncoding::Ebcdic037, 0x4B), U'.');
        QVERIFY(cells(ColumnEncoding::Ebcdic037, std::string(1, '\x25'))[0].printable == false); // LF
    }

    void singleByteEncodingsRoundTrip() {
        for (ColumnEncoding e : {ColumnEncoding::Ascii, ColumnEncoding::Latin1, ColumnEncoding::Windows1252,
                                 ColumnEncoding::Ebcdic037}) {
            int shown = 0;
            for (int b = 0; b < 256; ++b) {
                const TextCell c = cells(e, std::string(1, char(b)))[0];
                if (!c.printable) continue;
                ++shown;
                const auto back = encodeChar(e, c.cp);
                QVERIFY2(back == std::vector<std::uint8_t>{std::uint8_t(b)},
                         qPrintable(QString("%1: byte %2").arg(encodingName(e)).arg(b)));
            }
            QVERIFY2(shown >= 94, encodingName(e)); // at least printable ASCII's worth
        }
        QVERIFY(encodeChar(ColumnEncoding::Latin1, U'€').empty());
        QVERIFY(encodeChar(ColumnEncoding::Ascii, U'é').empty());
        QVERIFY(encodeChar(ColumnEncoding::Ebcdic037, U'€').empty());
    }

    void multiByteCharactersCoverTheirCells() {
        // "aé€😀" then an invalid byte.
        const std::string s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff";
        const auto c = cells(ColumnEncoding::Utf8, s);
        QCOMPARE(c.size(), std::size_t(11));
        QCOMPARE(c[0].cp, U'a');
        QCOMPARE(c[1].cp, U'é');
        QCOMPARE(int(c[1].span), 2);
        QCOMPARE(int(c[2].span), 0);
        QCOMPARE(c[3].cp, U'€');
        QCOMPARE(int(c[4].span), 0);
        QCOMPARE(c[6].cp, U'😀');
        QCOMPARE(int(c[6].span), 4);
        QCOMPARE(int(c[9].span), 0);
        QCOMPARE(c[10].cp, U'.');
        QVERIFY(!c[10].printable);
        // A row that starts inside "€" and ends inside "😀": the first cells are the end
        // of the character before, the last the start of the one after.
        const auto mid = cells(ColumnEncoding::Utf8, s, 4, 3);
        QCOMPARE(int(mid[0].span), 0);
        QCOMPARE(int(mid[1].span), 0);
        QCOMPARE(mid[2].cp, U'😀');
        QVERIFY((encodeChar(ColumnEncoding::Utf8, U'€') == std::vector<std::uint8_t>{0xe2, 0x82, 0xac}));

        const std::string le("A\0\xe9\0\x3d\xd8\x00\xde", 8); // A é 😀 (U+1F600 = D83D DE00)
        const auto u = cells(ColumnEncoding::Utf16LE, le);
        QCOMPARE(u[0].cp, U'A');
        QCOMPARE(int(u[1].span), 0);
        QCOMPARE(u[2].cp, U'é');
        QCOMPARE(u[4].cp, U'😀');
        QCOMPARE(int(u[4].span), 4);
        // From the odd byte of "A" and from the low surrogate: the same characters.
        QCOMPARE(int(cells(ColumnEncoding::Utf16LE, le, 1, 2)[1].cp), int(U'é'));
        QCOMPARE(int(cells(ColumnEncoding::Utf16LE, le, 6, 2)[0].span), 0);
        QVERIFY((encodeChar(ColumnEncoding::Utf16BE, U'é') == std::vector<std::uint8_t>{0x00, 0xe9}));
        QVERIFY((encodeChar(ColumnEncoding::Utf16LE, U'😀') == std::vector<std::uint8_t>{0x3d, 0xd8, 0x00, 0xde}));
        const std::string be("\0A\0\xe9", 4);
        QCOMPARE(cells(ColumnEncoding::Utf16BE, be)[2].cp, U'é');
    }
};

QTEST_APPLESS_MAIN(TestTextEncoding)
#include "test_text_encoding.moc"
