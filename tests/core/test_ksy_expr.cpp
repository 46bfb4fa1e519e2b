// SPDX-License-Identifier: MIT
// The .ksy expression language (issue 20): a table of expressions and what they give, each
// operator and its precedence, integer widths and wrapping, floor division, division by
// zero as an error, strings, bytes, arrays, enums and methods; names resolved against a
// small structure read from bytes; syntax errors with their column.
#include "byte_source.h"
#include "ksy_interpreter.h"
#include "ksy_ops.h"

#include <QtTest>

using namespace hexmap;
using namespace hexmap::ksy;

namespace {

const char* kSpec = R"(
meta:
  id: t
  endian: le
seq:
  - id: a
    type: u1
  - id: b
    type: u2
  - id: big
    type: u8
  - id: neg
    type: s2
  - id: magic
    size: 4
  - id: name
    type: str
    size: 5
    encoding: UTF-8
  - id: arr
    type: u1
    repeat: expr
    repeat-expr: 3
  - id: kind
    type: u1
    enum: animal
instances:
  doubled:
    value: b * 2
  via_parent_free:
    value: _root.a + a
enums:
  animal:
    1: cat
    2: dog
)";

// a=7, b=0x0102, big=0xffffffffffffffff, neg=-3, magic=de ad be ef, name="héll" (5 bytes), arr=1,2,3, kind=2
std::string bytes() {
    std::string d;
    d += '\x07';
    d += "\x02\x01";
    d += std::string(8, '\xff');
    d += "\xfd\xff";
    d += "\xde\xad\xbe\xef";
    d += "h\xc3\xa9ll";
    d += "\x01\x02\x03";
    d += '\x02';
    return d;
}

} // namespace

class TestKsyExpr : public QObject {
    Q_OBJECT
private slots:
    void table_data() {
        QTest::addColumn<QString>("expr");
        QTest::addColumn<QString>("want"); // valueText of the result, or "error: <part of the message>"
        auto row = [](const char* e, const char* w) { QTest::newRow(e) << QString(e) << QString(w); };
        // arithmetic and precedence
        row("1 + 2 * 3", "7");
        row("(1 + 2) * 3", "9");
        row("10 - 4 - 3", "3");
        row("2 * 3 % 4", "2");
        row("1 + 2 << 3", "24");   // shifts bind looser than +
        row("1 << 2 + 1", "8");
        row("6 & 3 | 8", "10");     // & before |
        row("1 | 6 ^ 5", "3");      // ^ before |
        row("7 & 12 ^ 1", "5");     // & before ^
        row("-7 / 2", "-4");        // floor division
        row("7 / -2", "-4");
        row("-7 % 2", "1");         // floor modulo
        row("7 % -2", "-1");
        row("7 / 0", "error: division by zero");
        row("7 % 0", "error: division by zero");
        row("-(3)", "-3");
        row("~0", "-1");
        row("~0x0f & 0xff", "240");
        row("0x10 + 0b101 + 0o17 + 1_000", "1036");
        row("9223372036854775807 + 1", "-9223372036854775808"); // wraps at 64 bits
        row("-9223372036854775808", "-9223372036854775808");
        row("-9223372036854775808 / -1", "-9223372036854775808");
        row("18446744073709551615", "18446744073709551615");
        row("18446744073709551615 > 1", "true");
        row("1 << 63 >> 63", "-1");
        row("1 << 64", "0");
        row("1 << -1", "error: negative shift");
        row("1.5 * 2", "3");
        row("7 / 2.0", "3.5");
        row("3.9.to_i", "3");
        row("(0 - 3.9).to_i", "-3");
        // comparisons and logic
        row("1 < 2 and 2 < 3", "true");
        row("1 < 2 and 3 < 2", "false");
        row("not 1 < 2", "false");
        row("1 == 1 or 1 / 0 == 1", "true"); // short-circuit: the right side is not computed
        row("1 == 2 and 1 / 0 == 1", "false");
        row("1 == 1 and 1 / 0 == 1", "error: division by zero");
        row("1 < 2 ? 10 : 20", "10");
        row("1 > 2 ? 10 : 2 > 1 ? 30 : 40", "30");
        row("1 ? 2 : 3", "error: needs a boolean");
        row("1 + 2 == 3", "true");
        row("1 == 1.0", "true");
        row("\"a\" < \"b\"", "true");
        row("\"abc\" == 'abc'", "true");
        row("1 == \"1\"", "error: cannot compare");
        row("true == false", "false");
        row("true < false", "error: no order");
        // strings
        row("\"ab\" + \"cd\"", "\"abcd\"");
        row("\"héllo\".length", "5");
        row("\"héllo\".reverse", "\"olléh\"");
        row("\"héllo\".substring(1, 3)", "\"él\"");
        row("\"123\".to_i", "123");
        row("\"-42\".to_i", "-42");
        row("\"ff\".to_i(16)", "255");
        row("\"zz\".to_i(10)", "error: not a number");
        row("\"12x\".to_i", "error: not a number");
        row("42.to_s", "\"42\"");
        row("\"a\\tb\"", "\"a\tb\"");
        row("\"\\x41\"", "\"A\"");
        // arrays and bytes
        row("[1, 2, 3].size", "3");
        row("[1, 5, 3].max", "5");
        row("[4, 5, 3].min", "3");
        row("[4, 5, 3].first", "4");
        row("[4, 5, 3].last", "3");
        row("[4, 5, 3][1]", "5");
        row("[4, 5, 3][3]", "error: outside the array");
        row("magic.length", "4");
        row("magic[0]", "222");
        row("magic.last", "239");
        row("magic.min", "173");
        row("magic == [0xde, 0xad, 0xbe, 0xef]", "true");
        row("magic == [0xde, 0xad]", "false");
        row("magic.reverse[0]", "239");
        row("magic.to_s(\"ISO-8859-1\").length", "4");
        row("magic.to_s(\"EBCDIC-XX\")", "error: not supported");
        // fields, widths, enums, instances, the root and the stream
        row("a", "7");
        row("b", "258");
        row("big", "18446744073709551615");
        row("big == 0xffff_ffff_ffff_ffff", "true");
        row("big + 1", "0");
        row("big / 2", "9223372036854775807");
        row("big > a", "true");
        row("neg", "-3");
        row("neg * neg", "9");
        row("name", "\"héll\"");
        row("name.length", "4");
        row("arr.size", "3");
        row("arr[2] + arr.first", "4");
        row("arr.max", "3");
        row("kind == animal::dog", "true");
        row("kind == animal::cat", "false");
        row("kind.to_i", "2");
        row("animal::cat.to_i + 0", "1");
        row("animal::cow", "error: has no 'cow'");
        row("doubled", "516");
        row("via_parent_free", "14");
        row("_root.b", "258");
        row("_io.size", "26");
        row("_io.eof", "true");
        row("_parent", "error: no _parent");
        row("nothing_here", "error: has no field");
        row("_index", "error: outside a repeat");
        row("a.as<u4> + 1", "8");
        row("a.length", "error: has no '.length'");
    }
    void table() {
        QFETCH(QString, expr);
        QFETCH(QString, want);
        SpecSet specs;
        auto loaded = specs.loadText(kSpec, "t.ksy");
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
        const std::string data = bytes();
        MemorySource src(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
        Interpreter in(specs, src);
        StructNode* root = in.root();
        QVERIFY2(root->error.empty(), root->error.c_str());
        auto parsed = parseExpr(expr.toStdString());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        const Value v = in.evaluate(*parsed.value(), *root);
        if (want.startsWith("error: ")) {
            QVERIFY2(v.isError(), qPrintable("expected an error, got " + QString::fromStdString(valueText(v))));
            QVERIFY2(QString::fromStdString(v.s).contains(want.mid(7)), v.s.c_str());
        } else {
            QVERIFY2(!v.isError(), v.s.c_str());
            QCOMPARE(QString::fromStdString(valueText(v)), want);
        }
    }

    void syntaxErrors_data() {
        QTest::addColumn<QString>("expr");
        QTest::addColumn<QString>("want");
        QTest::newRow("open paren") << "(1 + 2" << "expected ')'";
        QTest::newRow("trailing op") << "1 +" << "ends too early";
        QTest::newRow("two values") << "1 2" << "unexpected '2' at column 3";
        QTest::newRow("bad char") << "1 $ 2" << "unexpected character '$' at column 3";
        QTest::newRow("string") << "\"abc" << "not closed";
        QTest::newRow("too big") << "18446744073709551616" << "does not fit in 64 bits";
        QTest::newRow("ternary") << "a ? b" << "expected ':'";
        QTest::newRow("deep") << QString(300, '(') + "1" + QString(300, ')') << "nests too deeply";
    }
    void syntaxErrors() {
        QFETCH(QString, expr);
        QFETCH(QString, want);
        auto r = parseExpr(expr.toStdString());
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.error().message).contains(want), r.error().message.c_str());
    }

    void printsWithPrecedence() {
        auto r = parseExpr("a + b * c << 1 == d and not e or f ? g : h");
        QVERIFY(r.ok());
        QCOMPARE(QString::fromStdString(exprToString(*r.value())),
                 QString("((((((a + (b * c)) << 1) == d) and (not e)) or f) ? g : h)"));
    }
};

QTEST_APPLESS_MAIN(TestKsyExpr)
#include "test_ksy_expr.moc"
