// SPDX-License-Identifier: MIT
// The .ksy interpreter (issue 20) on small descriptions and bytes made here: bit fields in
// both bit orders, strings (terminators, padding, UTF-16), repeats, switches, parameters,
// instances (pos, io, value), process (xor, rol, ror, zlib), substreams, valid, imports,
// switchable endianness; descriptions with mistakes fail with their file and line; hostile
// files (recursion, huge counts, sizes past the end, instances that loop) end in error
// nodes in bounded work; a far instance of a 16 GiB sparse file is read without the rest.
#include "../temp_files.h"
#include "block_cache_source.h"
#include "ksy_interpreter.h"
#include "ksy_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <fcntl.h>
#include <random>
#include <unistd.h>
#include <zlib.h>

using namespace hexmap;
using namespace hexmap::ksy;

namespace {

struct Parsed {
    QJsonObject root;
    bool mismatch = false;
    bool error = false;
    std::string json;
};

Parsed parse(const std::string& spec, const std::string& data, Limits limits = {}) {
    SpecSet specs;
    auto loaded = specs.loadText(spec, "test.ksy");
    if (!loaded) qFatal("spec: %s", loaded.error().message.c_str());
    MemorySource src(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
    Interpreter in(specs, src, limits);
    char* buf = nullptr;
    std::size_t len = 0;
    std::FILE* f = open_memstream(&buf, &len);
    writeJson(in, *in.root(), f);
    std::fclose(f);
    Parsed p;
    p.json.assign(buf, len);
    std::free(buf);
    QJsonParseError e;
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(p.json), &e);
    if (e.error != QJsonParseError::NoError) qFatal("bad JSON (%s): %s", qPrintable(e.errorString()), p.json.c_str());
    p.root = doc.object();
    p.mismatch = in.mismatch();
    p.error = in.hadError();
    return p;
}

QJsonValue val(const QJsonObject& o, const char* key) {
    return o.value(key).toObject().value("value");
}

std::string specError(const std::string& spec) {
    SpecSet specs;
    auto loaded = specs.loadText(spec, "bad.ksy");
    return loaded ? std::string() : loaded.error().message;
}

} // namespace

class TestKsyInterpreter : public QObject {
    Q_OBJECT
private slots:
    void bitsBothOrders() {
        const char* spec = R"(
meta: {id: t, endian: be}
seq:
  - {id: a, type: b3}
  - {id: b, type: b5}
  - {id: c, type: b1}
  - {id: d, type: b12}
  - {id: e, type: u1}
  - {id: f, type: b4le}
  - {id: g, type: b4le}
)";
        // 0b101_11001, then 1 + 0b000011110000 + 3 bits left over, then a byte, then 0x5a
        const std::string data = {'\xb9', '\x87', '\x80', '\x42', '\x5a'};
        const Parsed p = parse(spec, data);
        QCOMPARE(val(p.root, "a").toInt(), 0b101);
        QCOMPARE(val(p.root, "b").toInt(), 0b11001);
        QCOMPARE(val(p.root, "c").toBool(), true);           // 0x87 = 1000 0111: first bit 1
        QCOMPARE(val(p.root, "d").toInt(), 0b000011110000); // the next 12 bits: 000 0111 1000 0
        QCOMPARE(val(p.root, "e").toInt(), 0x42);             // aligned to the next byte
        QCOMPARE(val(p.root, "f").toInt(), 0xa);              // little-endian bits: low nibble first
        QCOMPARE(val(p.root, "g").toInt(), 0x5);
    }

    void stringsAndTerminators() {
        const char* spec = R"(
meta: {id: t, encoding: UTF-8}
seq:
  - {id: z, type: strz}
  - {id: keep, type: str, terminator: 0x2c, include: true}
  - {id: stay, type: str, terminator: 0x3b, consume: false}
  - {id: semi, type: u1}
  - {id: padded, type: str, size: 6, pad-right: 0x20}
  - {id: cut, type: str, size: 6, terminator: 0}
  - {id: wide, type: str, size: 8, encoding: UTF-16LE, pad-right: 0}
  - {id: latin, type: str, size: 2, encoding: ISO-8859-1}
)";
        std::string data = std::string("abc") + '\0' + "de," + "fg;" + "hi    " + std::string("jk\0xyz", 6) +
                           std::string("O\0K\0\0\0\0\0", 8) + "\xe9\xfc";
        const Parsed p = parse(spec, data);
        QCOMPARE(val(p.root, "z").toString(), QString("abc"));
        QCOMPARE(val(p.root, "keep").toString(), QString("de,"));
        QCOMPARE(val(p.root, "stay").toString(), QString("fg"));
        QCOMPARE(val(p.root, "semi").toInt(), int(';'));
        QCOMPARE(val(p.root, "padded").toString(), QString("hi"));
        QCOMPARE(val(p.root, "cut").toString(), QString("jk"));
        QCOMPARE(val(p.root, "wide").toString(), QString("OK"));
        QCOMPARE(val(p.root, "latin").toString(), QString::fromUtf8("éü"));
        QCOMPARE(p.root.value("cut").toObject().value("_size").toInt(), 6);
        QVERIFY(!p.error);
    }

    void repeatsAndSwitches() {
        const char* spec = R"(
meta: {id: t, endian: le}
seq:
  - {id: n, type: u1}
  - {id: fixed, type: u2, repeat: expr, repeat-expr: n}
  - {id: until, type: u1, repeat: until, repeat-until: _ == 0xff}
  - {id: recs, type: rec, repeat: eos}
types:
  rec:
    seq:
      - {id: tag, type: u1}
      - id: body
        type:
          switch-on: tag
          cases:
            1: one
            2: two
            _: other
  one:
    seq: [{id: x, type: u1}]
  two:
    seq: [{id: y, type: u2}]
  other:
    seq: [{id: z, type: u1}]
)";
        const std::string data = {2, 1, 0, 2, 0, 5, 6, '\xff', 1, 9, 2, 3, 4, 7, 8};
        const Parsed p = parse(spec, data);
        const QJsonArray fixed = p.root.value("fixed").toArray();
        QCOMPARE(fixed.size(), 2);
        QCOMPARE(fixed[1].toObject().value("value").toInt(), 2);
        QCOMPARE(fixed[1].toObject().value("_offset").toInt(), 3);
        QCOMPARE(p.root.value("until").toArray().size(), 3);
        const QJsonArray recs = p.root.value("recs").toArray();
        QCOMPARE(recs.size(), 3);
        QCOMPARE(recs[0].toObject().value("body").toObject().value("_type").toString(), QString("one"));
        QCOMPARE(val(recs[1].toObject().value("body").toObject(), "y").toInt(), 0x0403);
        QCOMPARE(val(recs[2].toObject().value("body").toObject(), "z").toInt(), 8);
        QVERIFY(!p.error);
    }

    void paramsInstancesAndSubstreams() {
        const char* spec = R"(
meta: {id: t, endian: be}
seq:
  - {id: len, type: u1}
  - {id: box, type: sized(len), size: len + 1}
  - {id: after, type: u1}
instances:
  far:
    pos: 10
    type: u2
  in_box:
    io: box._io
    pos: 1
    type: u1
  total:
    value: len + after + far
types:
  sized:
    params:
      - {id: count, type: u1}
    seq:
      - {id: items, type: u1, repeat: expr, repeat-expr: count}
      - {id: rest, size-eos: true}
)";
        const std::string data = {3, 10, 20, 30, 40, 99, 0, 0, 0, 0, 1, 2};
        const Parsed p = parse(spec, data);
        const QJsonObject box = p.root.value("box").toObject();
        QCOMPARE(box.value("_offset").toInt(), 1);
        QCOMPARE(box.value("_size").toInt(), 4);
        QCOMPARE(box.value("items").toArray().size(), 3);
        QCOMPARE(val(box, "rest").toString(), QString("28")); // 40, and the box ends there
        QCOMPARE(val(p.root, "after").toInt(), 99);
        QCOMPARE(val(p.root, "far").toInt(), 0x0102);
        QCOMPARE(p.root.value("far").toObject().value("_offset").toInt(), 10);
        QCOMPARE(val(p.root, "in_box").toInt(), 20);
        QCOMPARE(val(p.root, "total").toInt(), 3 + 99 + 0x0102);
    }

    void processes() {
        std::string plain = "hello, structures";
        uLongf clen = compressBound(uLong(plain.size()));
        std::string z(clen, '\0');
        compress(reinterpret_cast<Bytef*>(z.data()), &clen, reinterpret_cast<const Bytef*>(plain.data()), uLong(plain.size()));
        z.resize(clen);
        std::string x = plain, rl = plain, rr = plain;
        const std::string key = "\x11\x22";
        for (std::size_t k = 0; k < x.size(); ++k) {
            x[k] = char(x[k] ^ key[k % 2]);
            const auto b = std::uint8_t(plain[k]);
            rl[k] = char(std::uint8_t((b >> 3) | (b << 5))); // rol(3) undoes this
            rr[k] = char(std::uint8_t((b << 3) | (b >> 5))); // ror(3) undoes this
        }
        const std::string spec = R"KSY(
meta: {id: t, endian: le, encoding: ASCII}
seq:
  - {id: zlen, type: u1}
  - {id: z, type: str, size: zlen, process: zlib}
  - {id: x, type: str, size: 17, process: "xor([0x11, 0x22])"}
  - {id: l, type: str, size: 17, process: rol(3)}
  - {id: r, type: str, size: 17, process: ror(3)}
  - {id: inner, type: words, size: 4, process: xor(0xff)}
types:
  words:
    seq: [{id: w, type: u2, repeat: eos}]
)KSY";
        const std::string data = std::string(1, char(z.size())) + z + x + rl + rr + std::string("\xfe\xff\xfd\xff", 4);
        const Parsed p = parse(spec, data);
        QCOMPARE(val(p.root, "z").toString().toStdString(), plain);
        QCOMPARE(val(p.root, "x").toString().toStdString(), plain);
        QCOMPARE(val(p.root, "l").toString().toStdString(), plain);
        QCOMPARE(val(p.root, "r").toString().toStdString(), plain);
        const QJsonObject inner = p.root.value("inner").toObject();
        QCOMPARE(inner.value("_processed").toBool(), true);
        QCOMPARE(inner.value("w").toArray()[1].toObject().value("value").toInt(), 2);
        QVERIFY(!p.error);
    }

    void validAndContents() {
        const char* spec = R"(
meta: {id: t, endian: le}
seq:
  - {id: magic, contents: "OK"}
  - {id: v, type: u1, valid: {min: 1, max: 5}}
  - {id: w, type: u1, valid: {any-of: [2, 4]}}
  - {id: x, type: u1, valid: {expr: _ % 2 == 0}}
)";
        QVERIFY(!parse(spec, "OK\x03\x04\x06").mismatch);
        Parsed bad = parse(spec, "OK\x09\x04\x06");
        QVERIFY(bad.mismatch);
        QVERIFY(bad.root.value("v").toObject().value("_error").toString().contains("more than 5"));
        QCOMPARE(val(bad.root, "v").toInt(), 9); // the value read is still shown
        bad = parse(spec, "NO\x03\x04\x06");
        QVERIFY(bad.mismatch);
        QVERIFY(bad.root.value("magic").toObject().value("_error").toString().contains("expected 4f 4b"));
        QVERIFY(parse(spec, "OK\x03\x03\x06").mismatch);
        QVERIFY(parse(spec, "OK\x03\x04\x07").mismatch);
    }

    void switchableEndianAndImports() {
        QTemporaryDir dir;
        const std::string lib = R"(
meta: {id: pair, endian: be}
seq:
  - {id: hi, type: u2}
)";
        testutil::writeFile(dir, "pair.ksy", QByteArray::fromStdString(lib));
        const std::string main = R"(
meta:
  id: main
  imports: [pair]
seq:
  - {id: order, type: u1}
  - {id: body, type: body}
  - {id: p, type: pair}
types:
  body:
    meta:
      endian:
        switch-on: _parent.order
        cases:
          1: le
          2: be
    seq:
      - {id: n, type: u2}
      - {id: sub, type: inner}
  inner:
    seq: [{id: m, type: u2}]
)";
        const std::string mainPath = testutil::writeFile(dir, "main.ksy", QByteArray::fromStdString(main));
        for (const char order : {'\1', '\2'}) {
            SpecSet specs;
            auto loaded = specs.load(mainPath);
            QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
            const std::string data = {order, 1, 2, 3, 4, 5, 6};
            MemorySource src(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
            Interpreter in(specs, src);
            StructNode* root = in.root();
            QVERIFY2(root->error.empty(), root->error.c_str());
            StructNode* body = root->seq[1].value.node;
            QCOMPARE(body->seq[0].value.i, order == 1 ? 0x0201 : 0x0102);
            QCOMPARE(body->seq[1].value.node->seq[0].value.i, order == 1 ? 0x0403 : 0x0304); // inherited
            QCOMPARE(root->seq[2].value.node->seq[0].value.i, 0x0506);                       // its own
        }
    }

    void specErrorsNameFileAndLine() {
        QVERIFY(QString::fromStdString(specError("meta: {id: t}\nseq:\n  - id: a\n    type: u1\n    sise: 3\n"))
                    .startsWith("bad.ksy:5: an attribute has no key 'sise'"));
        QVERIFY(QString::fromStdString(specError("meta: {id: t}\nseq:\n  - id: a\n    size: 1 +\n"))
                    .startsWith("bad.ksy:4: in 'size':"));
        QVERIFY(QString::fromStdString(specError("meta: {id: t}\nseq:\n  - id: a\n    type: str\n"))
                    .contains("needs 'size', 'size-eos' or 'terminator'"));
        QVERIFY(QString::fromStdString(specError("meta: {id: t}\nseq: [a: [}\n")).startsWith("bad.ksy:2:"));
        QVERIFY(QString::fromStdString(specError("seq: []\n")).contains("meta/id is missing"));
        QVERIFY(QString::fromStdString(specError("meta: {id: t, imports: [nowhere]}\n")).contains("the import 'nowhere' is not found"));
        QVERIFY(QString::fromStdString(specError("meta: {id: t}\nseq:\n  - id: BadName\n    type: u1\n")).contains("not a valid id"));
    }

    void unsupportedIsShownNotFatal() {
        const char* spec = R"(
meta: {id: t, endian: le}
seq:
  - {id: a, size: 2, process: my_cipher(3)}
  - {id: b, type: u1}
)";
        const Parsed p = parse(spec, "xyz");
        QVERIFY(p.root.value("a").toObject().value("_error").toString().startsWith("not supported: process"));
        QCOMPARE(val(p.root, "b").toInt(), int('z')); // the size was known: reading went on
    }

    void hostileFilesEndInErrors() {
        // a type that contains itself with no size: the depth limit, not a stack overflow
        Parsed p = parse("meta: {id: t}\nseq:\n  - {id: again, type: t}\n", "x");
        QVERIFY(p.error);
        QVERIFY(QString::fromStdString(p.json).contains("nest more than 64 deep"));
        // a count of 2^40 entries of 8 bytes in 16 bytes: a lazy run cut to what is there
        p = parse("meta: {id: t, endian: le}\nseq:\n  - {id: n, type: u8}\n  - {id: a, type: u8, repeat: expr, repeat-expr: n}\n",
                  std::string("\0\0\0\0\0\x01\0\0", 8) + std::string(16, '\1'));
        QVERIFY(p.error);
        QCOMPARE(p.root.value("a").toArray().size(), 3); // 2 entries and the error
        // the same with variable-size entries: stops at the end of the stream
        p = parse("meta: {id: t, endian: le}\nseq:\n  - {id: n, type: u8}\n  - {id: a, type: strz, encoding: ASCII, repeat: expr, repeat-expr: n}\n",
                  std::string("\0\0\0\0\0\x01\0\0", 8) + std::string("ab\0cd\0e", 7));
        QVERIFY(p.error);
        QVERIFY(QString::fromStdString(p.json).contains("no terminator"));
        // sizes past the end
        p = parse("meta: {id: t}\nseq:\n  - {id: a, size: 1000}\n", "abc");
        QVERIFY(p.error);
        QVERIFY(QString::fromStdString(p.json).contains("needs 1000 bytes at offset 0x0"));
        // instances that need each other
        p = parse("meta: {id: t}\ninstances:\n  a: {value: b + 1}\n  b: {value: a + 1}\n", "");
        QVERIFY(QString::fromStdString(p.json).contains("depends on itself"));
        // repeat: eos of entries that read nothing
        p = parse("meta: {id: t}\nseq:\n  - {id: a, size: 0, repeat: eos}\n", "abc");
        QVERIFY(QString::fromStdString(p.json).contains("would never end"));
        // a value limit: reading stops with the reason
        Limits few;
        few.maxValues = 10;
        p = parse("meta: {id: t}\nseq:\n  - {id: a, type: u1, repeat: eos}\n", std::string(100, 'x'), few);
        QVERIFY(QString::fromStdString(p.json).contains("the limit"));
    }

    void lastRepeatOfTheTopIsReadAsAskedFor() {
        // 100,000 records of 3 bytes; the one at 50,000 is broken (a tag of 9)
        std::string data;
        for (int k = 0; k < 100000; ++k) data += std::string{char(k == 50000 ? 9 : 1), char(k), char(k >> 8)};
        const char* spec = R"(
meta: {id: t, endian: le}
seq:
  - {id: recs, type: rec, repeat: eos}
types:
  rec:
    seq:
      - {id: tag, type: u1, valid: 1}
      - {id: n, type: u2}
instances:
  total:
    value: recs.size
  at_end:
    value: _io.pos
)";
        SpecSet specs;
        QVERIFY(specs.loadText(spec, "t.ksy").ok());
        struct Counting final : ByteSource {
            MemorySource inner;
            mutable std::uint64_t bytes = 0;
            Counting(const std::string& d) : inner(reinterpret_cast<const std::uint8_t*>(d.data()), d.size()) {}
            std::uint64_t size() const override { return inner.size(); }
            std::size_t read(std::uint64_t o, std::uint8_t* b, std::size_t n) const override {
                bytes += n;
                return inner.read(o, b, n);
            }
        } counting(data);
        Interpreter in(specs, counting);
        StructNode* root = in.root();
        Field& recs = root->seq[0];
        QCOMPARE(in.available(recs, 10), 10u);
        QVERIFY2(counting.bytes < 100, qPrintable(QString::number(counting.bytes))); // 10 records, not 100,000
        QCOMPARE(in.item(recs, 20).node->seq[1].value.i, 20);
        QVERIFY(!in.hadError());
        // asking for the size reads to the end, which finds the broken record
        const Value total = in.evaluate(*parseExpr("total").value(), *root);
        QCOMPARE(total.i, 50001);
        QVERIFY(in.mismatch());
        QVERIFY2(QString::fromStdString(root->error).contains("'recs'[50000]"), root->error.c_str());
        QCOMPARE(in.evaluate(*parseExpr("at_end").value(), *root).i, 150001); // the broken tag was read
        // the JSON of a fresh read has all of them, and the error
        const Parsed p = parse(spec, data);
        QCOMPARE(p.root.value("recs").toArray().size(), 50002); // 50,001 records and the error
        QVERIFY(p.mismatch);
    }

    void farInstanceOfSparseFileReadsOnlyWhatItNeeds() {
        // 16 GiB, sparse: the header at 0 and a record near the end
        QTemporaryDir dir;
        const std::uint64_t size = std::uint64_t(16) << 30;
        const std::string path = testutil::sparseFile(dir, "big.img", size);
        const int fd = ::open(path.c_str(), O_RDWR);
        QVERIFY(fd >= 0);
        const std::uint64_t at = size - 4096;
        std::uint8_t header[8];
        for (int k = 0; k < 8; ++k) header[k] = std::uint8_t(at >> (8 * k));
        QCOMPARE(::pwrite(fd, header, 8, 0), ssize_t(8));
        QCOMPARE(::pwrite(fd, "FOUND", 5, off_t(at)), ssize_t(5));
        const char* spec = R"(
meta: {id: t, endian: le}
seq:
  - {id: where, type: u8}
  - {id: blob, size-eos: true}
instances:
  record:
    pos: where
    type: str
    size: 5
    encoding: ASCII
)";
        SpecSet specs;
        QVERIFY(specs.loadText(spec, "t.ksy").ok());
        struct Counting final : ByteSource {
            FdSource inner;
            mutable std::uint64_t bytes = 0;
            Counting(int f, std::uint64_t s) : inner(f, s) {}
            std::uint64_t size() const override { return inner.size(); }
            std::size_t read(std::uint64_t o, std::uint8_t* b, std::size_t n) const override {
                bytes += n;
                return inner.read(o, b, n);
            }
        } counting(fd, size);
        Interpreter in(specs, counting);
        StructNode* root = in.root();
        QVERIFY(root->error.empty());
        Field* rec = in.instance(*root, *root->type->instance("record"));
        QCOMPARE(QString::fromStdString(rec->value.s), QString("FOUND"));
        QCOMPARE(root->seq[1].size, size - 8); // the blob is known by its size...
        QVERIFY2(counting.bytes < 64 * 1024, qPrintable(QString::number(counting.bytes))); // ...not read
        ::close(fd);
    }

    void blockCacheMatchesItsSource() {
        std::string data(300000, '\0');
        for (std::size_t k = 0; k < data.size(); ++k) data[k] = char(k * 7 + k / 251);
        MemorySource mem(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
        struct NotDirect final : ByteSource {
            const MemorySource& m;
            explicit NotDirect(const MemorySource& s) : m(s) {}
            std::uint64_t size() const override { return m.size(); }
            std::size_t read(std::uint64_t o, std::uint8_t* b, std::size_t n) const override { return m.read(o, b, n); }
        } plain(mem);
        BlockCacheSource cache(plain);
        std::mt19937_64 rng(7);
        for (int i = 0; i < 2000; ++i) {
            const std::uint64_t off = rng() % (data.size() + 10);
            const std::size_t n = std::size_t(rng() % 70000);
            std::vector<std::uint8_t> a(n), b(n);
            const std::size_t ga = cache.read(off, a.data(), n), gb = plain.read(off, b.data(), n);
            QCOMPARE(ga, gb);
            QVERIFY(std::equal(a.begin(), a.begin() + long(ga), b.begin()));
        }
    }
};

QTEST_APPLESS_MAIN(TestKsyInterpreter)
#include "test_ksy_interpreter.moc"
