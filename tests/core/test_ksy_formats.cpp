// SPDX-License-Identifier: MIT
// The formats shipped in resources/ksy (issue 20), read by `hexmap parse`, against tools
// nobody here wrote: readelf on system binaries; Python's struct and zlib on the chunks of
// PNGs; Python's zipfile on archives it wrote; gzip -lv; Python's wave on a file it wrote;
// sfdisk --dump on MBR and GPT images sfdisk made (one of them 16 GiB, sparse). BMP and GIF
// files are written here by Python and read back field by field. Exit statuses: 0, 1 for a
// file that does not match, 2 for a broken description (with its file and line).
#include "../../app/parse_command.h"
#include "../command_run.h"
#include "../temp_files.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

using namespace hexmap;

namespace {

QJsonObject parseWith(const char* ksy, const std::string& file, int wantStatus = 0) {
    const auto r = testutil::runCommand(runParseCommand, "parse", {"--ksy", ksy, file});
    if (r.status != wantStatus)
        qFatal("hexmap parse --ksy %s %s: status %d, stderr: %s", ksy, file.c_str(), r.status, r.err.c_str());
    QJsonParseError e;
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(r.out), &e);
    if (e.error != QJsonParseError::NoError) qFatal("bad JSON: %s", qPrintable(e.errorString()));
    return doc.object();
}

QString run(const QString& program, const QStringList& args, const QByteArray& input = {}) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted()) qFatal("%s is not installed (scripts/install-deps.sh test installs it)", qPrintable(program));
    if (!input.isEmpty()) p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    if (p.exitCode() != 0)
        qFatal("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString python(const QString& script, const QStringList& args = {}) {
    return run("python3", QStringList{"-c", script} + args);
}

qint64 num(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(key).toObject().value("value");
    return v.isString() ? v.toString().toLongLong() : qint64(v.toDouble());
}
QString str(const QJsonObject& o, const char* key) {
    return o.value(key).toObject().value("value").toString();
}
QString enumName(const QJsonObject& o, const char* key) {
    return o.value(key).toObject().value("enum").toString();
}
QJsonObject obj(const QJsonObject& o, const char* key) {
    return o.value(key).toObject();
}
// readelf's name for a section type of the description's enum
QString readelfType(QString e) {
    e = e.toUpper();
    if (e == "NULL_TYPE") return "NULL";
    if (e.startsWith("GNU_VER")) return e.mid(4);
    return e;
}

} // namespace

class TestKsyFormats : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void elfAgainstReadelf_data() {
        QTest::addColumn<QString>("path");
        int rows = 0;
        for (const char* p : {"/bin/ls", "/bin/sh", "/usr/bin/cmake", "/usr/bin/python3", "/lib/x86_64-linux-gnu/libc.so.6",
                              "/lib/x86_64-linux-gnu/libz.so.1"}) {
            if (QFileInfo(p).isFile()) {
                QTest::newRow(p) << QFileInfo(p).canonicalFilePath();
                ++rows;
            }
        }
        if (rows == 0) qFatal("no system binary to read");
    }
    void elfAgainstReadelf() {
        QFETCH(QString, path);
        const QJsonObject root = parseWith("elf", path.toStdString());
        const QJsonObject h = obj(root, "header");
        const QString hdr = run("readelf", {"-h", "-W", path});
        auto field = [&](const char* name) {
            const QRegularExpression re(QString("^\\s*%1:\\s+(.*)$").arg(QRegularExpression::escape(name)),
                                        QRegularExpression::MultilineOption);
            return re.match(hdr).captured(1).trimmed();
        };
        QCOMPARE(QString("0x%1").arg(num(h, "entry_point"), 0, 16), field("Entry point address"));
        QCOMPARE(QString::number(num(h, "section_header_offset")), field("Start of section headers").section(' ', 0, 0));
        QCOMPARE(QString::number(num(h, "section_header_count")), field("Number of section headers"));
        QCOMPARE(QString::number(num(h, "section_names_index")), field("Section header string table index"));
        QCOMPARE(QString::number(num(h, "program_header_count")), field("Number of program headers"));
        QVERIFY(field("Type").startsWith(enumName(h, "e_type") == "shared" ? "DYN" : "EXEC"));
        QVERIFY(field("Machine").contains(enumName(h, "machine") == "x86_64" ? "X86-64" : "AArch64"));

        const QString secs = run("readelf", {"-S", "-W", path});
        const QJsonArray mine = h.value("section_headers").toArray();
        const QRegularExpression line("^\\s*\\[\\s*(\\d+)\\]\\s(.*)$", QRegularExpression::MultilineOption);
        int seen = 0;
        for (auto it = line.globalMatch(secs); it.hasNext();) {
            const auto m = it.next();
            const int k = m.captured(1).toInt();
            QStringList t = m.captured(2).split(' ', Qt::SkipEmptyParts);
            if (k == 0) t.prepend(""); // the null section has no name
            QVERIFY(k < mine.size());
            const QJsonObject s = mine[k].toObject();
            if (k > 0) QCOMPARE(str(s, "name"), t[0]);
            QCOMPARE(readelfType(enumName(s, "sh_type")), t[1]);
            QCOMPARE(QString("%1").arg(num(s, "addr"), 16, 16, QChar('0')), t[2]);
            QCOMPARE(QString("%1").arg(num(s, "offset"), 6, 16, QChar('0')), t[3]);
            QCOMPARE(QString("%1").arg(num(s, "size"), 6, 16, QChar('0')), t[4]);
            ++seen;
        }
        QCOMPARE(seen, mine.size());
    }

    void pngAgainstPythonStruct() {
        // one PNG written by Python (with text and time chunks), and any the system has
        const std::string made = m_dir.filePath("made.png").toStdString();
        python(R"(
import struct, zlib, sys
def chunk(t, b): return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b))
w, h = 5, 3
raw = b''.join(b'\x00' + bytes((x * 40, y * 80, 200)) * 1 for y in range(h) for x in range(w) if x == 0) + b''
rows = b''.join(b'\x00' + b''.join(bytes((x * 40, y * 80, 200)) for x in range(w)) for y in range(h))
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
png += chunk(b'tEXt', b'Comment\x00made for a test') + chunk(b'tIME', struct.pack('>HBBBBB', 2026, 12, 6, 21, 40, 5))
png += chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b'')
open(sys.argv[1], 'wb').write(png)
)", {QString::fromStdString(made)});
        QStringList files{QString::fromStdString(made)};
        for (const char* dir : {"/usr/share/pixmaps", "/usr/share/icons/hicolor/48x48/apps", "/usr/share/icons/hicolor/256x256/apps"})
            for (const QFileInfo& fi : QDir(dir).entryInfoList({"*.png"}, QDir::Files))
                if (files.size() < 6) files << fi.canonicalFilePath();
        for (const QString& f : files) {
            const QString ref = python(R"(
import struct, zlib, sys, json
d = open(sys.argv[1], 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n'
i, out = 8, []
while i < len(d):
    n, = struct.unpack('>I', d[i:i+4]); t = d[i+4:i+8]; crc, = struct.unpack('>I', d[i+8+n:i+12+n])
    out.append([t.decode('latin-1'), n, crc, zlib.crc32(d[i+4:i+8+n]) == crc, i])
    i += 12 + n
    if t == b'IEND': break
w, h, depth, ctype = struct.unpack('>IIBB', d[16:26])
print(json.dumps({'chunks': out, 'ihdr': [w, h, depth, ctype]}))
)", {f});
            const QJsonObject want = QJsonDocument::fromJson(ref.toUtf8()).object();
            const QJsonObject root = parseWith("png", f.toStdString());
            const QJsonArray chunks = root.value("chunks").toArray(), wantChunks = want.value("chunks").toArray();
            QCOMPARE(chunks.size(), wantChunks.size());
            for (int k = 0; k < chunks.size(); ++k) {
                const QJsonObject c = chunks[k].toObject();
                const QJsonArray w = wantChunks[k].toArray();
                QCOMPARE(str(c, "type"), w[0].toString());
                QCOMPARE(num(c, "length"), w[1].toInteger());
                QCOMPARE(num(c, "crc"), w[2].toInteger());
                QVERIFY(w[3].toBool()); // the file is sound: the reference checked its CRCs
                QCOMPARE(c.value("_offset").toInteger(), w[4].toInteger());
            }
            const QJsonObject ihdr = obj(chunks[0].toObject(), "body");
            const QJsonArray wi = want.value("ihdr").toArray();
            QCOMPARE(num(ihdr, "width"), wi[0].toInteger());
            QCOMPARE(num(ihdr, "height"), wi[1].toInteger());
            QCOMPARE(num(ihdr, "bit_depth"), wi[2].toInteger());
            QCOMPARE(num(ihdr, "color_type"), wi[3].toInteger());
            if (f.endsWith("made.png")) {
                QCOMPARE(str(obj(chunks[1].toObject(), "body"), "text"), QString("made for a test"));
                QCOMPARE(num(obj(chunks[2].toObject(), "body"), "year"), 2026);
            }
        }
    }

    void zipAgainstZipfile() {
        const std::string path = m_dir.filePath("a.zip").toStdString();
        const QString ref = python(R"(
import zipfile, sys, json
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr(zipfile.ZipInfo('stored.txt', (2026, 12, 6, 21, 30, 10)), b'plain bytes' * 3)
    for k in range(40):
        z.writestr('dir/f%02d.txt' % k, ('line %d\n' % k) * (k * 13), compress_type=zipfile.ZIP_DEFLATED)
    z.writestr('ünïcode/名前.bin', bytes(range(256)), compress_type=zipfile.ZIP_DEFLATED)
    z.comment = b'archive comment'
with zipfile.ZipFile(sys.argv[1]) as z:
    print(json.dumps([[i.filename, i.compress_type, i.CRC, i.compress_size, i.file_size, i.header_offset]
                      for i in z.infolist()]))
)", {QString::fromStdString(path)});
        const QJsonArray want = QJsonDocument::fromJson(ref.toUtf8()).array();
        const QJsonObject root = parseWith("zip", path);
        QJsonArray central, local;
        QJsonObject end;
        for (const QJsonValue& s : root.value("sections").toArray()) {
            const QJsonObject sec = s.toObject();
            const qint64 kind = num(sec, "kind");
            if (kind == 0x0201) central.append(obj(sec, "body"));
            if (kind == 0x0403) local.append(sec);
            if (kind == 0x0605) end = obj(sec, "body");
        }
        QCOMPARE(central.size(), want.size());
        QCOMPARE(local.size(), want.size());
        for (int k = 0; k < want.size(); ++k) {
            const QJsonArray w = want[k].toArray();
            const QJsonObject c = central[k].toObject();
            QCOMPARE(str(c, "name"), w[0].toString());
            QCOMPARE(num(c, "compression"), w[1].toInteger());
            QCOMPARE(num(c, "crc32"), w[2].toInteger());
            QCOMPARE(num(c, "compressed_size"), w[3].toInteger());
            QCOMPARE(num(c, "uncompressed_size"), w[4].toInteger());
            QCOMPARE(num(c, "local_header_offset"), w[5].toInteger());
            QCOMPARE(local[k].toObject().value("_offset").toInteger(), w[5].toInteger());
            QCOMPARE(str(obj(local[k].toObject(), "body"), "name"), w[0].toString());
        }
        QCOMPARE(num(end, "entries_total"), qint64(want.size()));
        QCOMPARE(str(end, "comment"), QString("archive comment"));
    }

    void gzipAgainstGzipList() {
        const QString plain = m_dir.filePath("notes.txt");
        QFile f(plain);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int k = 0; k < 5000; ++k) f.write(QByteArray("a line of notes, number ") + QByteArray::number(k) + "\n");
        f.close();
        run("gzip", {"-k", "-9", plain});
        const std::string gz = (plain + ".gz").toStdString();
        const QJsonObject root = parseWith("gzip", gz);
        // "method  crc     date  time           compressed        uncompressed  ratio uncompressed_name"
        const QStringList last = run("gzip", {"-lv", QString::fromStdString(gz)}).trimmed().split('\n').last().split(' ', Qt::SkipEmptyParts);
        QCOMPARE(enumName(root, "method"), QString("deflate"));
        QCOMPARE(QString("%1").arg(num(root, "crc32"), 8, 16, QChar('0')), last[1]);
        QCOMPARE(QString::number(num(root, "uncompressed_size")), last[6]);
        QCOMPARE(QFileInfo(QString::fromStdString(gz)).size(), last[5].toLongLong());
        QCOMPARE(str(root, "name"), QString("notes.txt"));
        QCOMPARE(val(root, "flag_name"), true);
    }

    void wavAgainstWave() {
        const std::string path = m_dir.filePath("tone.wav").toStdString();
        const QString ref = python(R"(
import wave, sys, json, math, struct
with wave.open(sys.argv[1], 'wb') as w:
    w.setnchannels(2); w.setsampwidth(2); w.setframerate(22050)
    w.writeframes(b''.join(struct.pack('<hh', int(8000 * math.sin(k / 10)), k % 300) for k in range(4411)))
with wave.open(sys.argv[1], 'rb') as r:
    print(json.dumps([r.getnchannels(), r.getsampwidth(), r.getframerate(), r.getnframes(), r.getcomptype()]))
)", {QString::fromStdString(path)});
        const QJsonArray want = QJsonDocument::fromJson(ref.toUtf8()).array();
        const QJsonObject root = parseWith("wav", path);
        QJsonObject fmt;
        qint64 dataLength = -1;
        for (const QJsonValue& c : root.value("chunks").toArray()) {
            const QJsonObject chunk = c.toObject();
            if (str(chunk, "id") == "fmt ") fmt = obj(chunk, "body");
            if (str(chunk, "id") == "data") dataLength = num(chunk, "length");
        }
        QCOMPARE(num(fmt, "channels"), want[0].toInteger());
        QCOMPARE(num(fmt, "bits_per_sample"), want[1].toInteger() * 8);
        QCOMPARE(num(fmt, "sample_rate"), want[2].toInteger());
        QCOMPARE(dataLength / num(fmt, "block_align"), want[3].toInteger());
        QCOMPARE(enumName(fmt, "format_tag"), QString("pcm"));
        QCOMPARE(want[4].toString(), QString("NONE"));
    }

    static QJsonValue val(const QJsonObject& o, const char* key) { return o.value(key).toObject().value("value"); }

    void mbrAgainstSfdisk() {
        const std::string img = testutil::sparseFile(m_dir, "mbr.img", 64 << 20);
        run("sfdisk", {"-q", "--no-reread", "--no-tell-kernel", QString::fromStdString(img)},
            "label: dos\nstart=2048, size=4096, type=83, bootable\nstart=8192, size=20000, type=82\nstart=40960, type=7\n");
        const QString dump = run("sfdisk", {"--dump", QString::fromStdString(img)});
        const QJsonObject root = parseWith("mbr", img);
        const QJsonArray parts = root.value("partitions").toArray();
        const QRegularExpression line(": start=\\s*(\\d+), size=\\s*(\\d+), type=([0-9a-f]+)(, bootable)?");
        int k = 0;
        for (auto it = line.globalMatch(dump); it.hasNext(); ++k) {
            const auto m = it.next();
            const QJsonObject p = parts[k].toObject();
            QCOMPARE(num(p, "lba_start"), m.captured(1).toLongLong());
            QCOMPARE(num(p, "sector_count"), m.captured(2).toLongLong());
            QCOMPARE(num(p, "partition_type"), m.captured(3).toLongLong(nullptr, 16));
            QCOMPARE(val(p, "is_bootable").toBool(), !m.captured(4).isEmpty());
        }
        QCOMPARE(k, 3);
        QCOMPARE(num(parts[3].toObject(), "partition_type"), 0);
    }

    void gptAgainstSfdisk_data() {
        QTest::addColumn<qulonglong>("size");
        QTest::newRow("64 MiB") << (qulonglong(64) << 20);
        QTest::newRow("16 GiB sparse") << (qulonglong(16) << 30);
    }
    void gptAgainstSfdisk() {
        QFETCH(qulonglong, size);
        const std::string img = testutil::sparseFile(m_dir, QString("gpt%1.img").arg(size), size);
        run("sfdisk", {"-q", "--no-reread", "--no-tell-kernel", QString::fromStdString(img)},
            "label: gpt\nstart=2048, size=8192, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name=\"EFI system\"\n"
            "start=10240, size=20480, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name=\"root ünï\"\n");
        const QString dump = run("sfdisk", {"--dump", QString::fromStdString(img)});
        const QJsonObject root = parseWith("gpt", img);
        const QJsonObject primary = root.value("primary").toObject();
        auto dumpValue = [&](const char* key) {
            return QRegularExpression(QString("^%1: (\\S+)").arg(key), QRegularExpression::MultilineOption).match(dump).captured(1);
        };
        QCOMPARE(QString::number(num(primary, "first_usable_lba")), dumpValue("first-lba"));
        QCOMPARE(QString::number(num(primary, "last_usable_lba")), dumpValue("last-lba"));
        auto guid = [](const QString& hex) {
            // the on-disk GUID: the first three groups little-endian
            auto rev = [&](int from, int n) {
                QString s;
                for (int k = n - 1; k >= 0; --k) s += hex.mid(from + 2 * k, 2);
                return s;
            };
            return (rev(0, 4) + "-" + rev(8, 2) + "-" + rev(12, 2) + "-" + hex.mid(16, 4) + "-" + hex.mid(20, 12)).toUpper();
        };
        QCOMPARE(guid(str(primary, "disk_guid")), dumpValue("label-id"));
        const QJsonArray entries = primary.value("entries").toArray();
        QCOMPARE(qint64(entries.size()), num(primary, "entry_count"));
        const QRegularExpression line(": start=\\s*(\\d+), size=\\s*(\\d+), type=(\\S+), uuid=(\\S+), name=\"([^\"]*)\"");
        int k = 0;
        for (auto it = line.globalMatch(dump); it.hasNext(); ++k) {
            const auto m = it.next();
            const QJsonObject e = entries[k].toObject();
            QCOMPARE(num(e, "first_lba"), m.captured(1).toLongLong());
            QCOMPARE(num(e, "last_lba") - num(e, "first_lba") + 1, m.captured(2).toLongLong());
            QCOMPARE(guid(str(e, "type_guid")), m.captured(3));
            QCOMPARE(guid(str(e, "guid")) + ",", m.captured(4).toUpper() + ",");
            // sfdisk writes bytes outside ASCII as \xHH
            QByteArray name;
            const QString escaped = m.captured(5);
            for (int c = 0; c < escaped.size(); ++c) {
                if (escaped.mid(c, 2) == "\\x") {
                    name += char(escaped.mid(c + 2, 2).toInt(nullptr, 16));
                    c += 3;
                } else {
                    name += escaped[c].toLatin1();
                }
            }
            QCOMPARE(str(e, "name"), QString::fromUtf8(name));
            QCOMPARE(val(e, "is_used").toBool(), true);
        }
        QCOMPARE(k, 2);
        QCOMPARE(val(entries[2].toObject(), "is_used").toBool(), false);
        const QJsonObject backup = root.value("backup").toObject();
        QCOMPARE(num(backup, "current_lba"), qint64(size / 512 - 1));
        QCOMPARE(num(root.value("protective_mbr").toObject().value("partitions").toArray()[0].toObject(), "partition_type"), 0xee);
    }

    void bmpAndGifWrittenByPython() {
        const std::string bmp = m_dir.filePath("p.bmp").toStdString(), gif = m_dir.filePath("p.gif").toStdString();
        python(R"(
import struct, sys
w, h = 3, -2
row = b'\x10\x20\x30' * 3 + b'\x00' * 3
pix = row * 2
hdr = struct.pack('<IiiHHIIiiII', 40, w, h, 1, 24, 0, len(pix), 2835, 2835, 0, 0)
open(sys.argv[1], 'wb').write(b'BM' + struct.pack('<IHHI', 14 + 40 + len(pix), 0, 0, 54) + hdr + pix)
gif = b'GIF89a' + struct.pack('<HHBBB', 2, 1, 0x80, 0, 0) + b'\x00\x00\x00\xff\xff\xff'
gif += b'\x21\xfe' + b'\x05hello' + b'\x00'
gif += b'\x2c' + struct.pack('<HHHHB', 0, 0, 2, 1, 0) + b'\x02' + b'\x02\x4c\x01' + b'\x00' + b'\x3b'
open(sys.argv[2], 'wb').write(gif)
)", {QString::fromStdString(bmp), QString::fromStdString(gif)});
        QJsonObject root = parseWith("bmp", bmp);
        const QJsonObject dib = obj(root, "dib_header");
        QCOMPARE(num(dib, "width"), 3);
        QCOMPARE(num(dib, "height"), -2);
        QCOMPARE(num(dib, "bits_per_pixel"), 24);
        QCOMPARE(val(dib, "top_down").toBool(), true);
        QCOMPARE(obj(root, "bitmap").value("_offset").toInt(), 54);
        root = parseWith("gif", gif);
        QCOMPARE(str(root, "version"), QString("89a"));
        QCOMPARE(num(obj(root, "screen"), "width"), 2);
        const QJsonArray blocks = root.value("blocks").toArray();
        QCOMPARE(blocks.size(), 3);
        QCOMPARE(enumName(blocks[0].toObject(), "kind"), QString("extension"));
        QCOMPARE(enumName(obj(blocks[0].toObject(), "body"), "label"), QString("comment"));
        QCOMPARE(enumName(blocks[1].toObject(), "kind"), QString("image"));
        QCOMPARE(num(obj(blocks[1].toObject(), "body"), "width"), 2);
        QCOMPARE(enumName(blocks[2].toObject(), "kind"), QString("trailer"));
    }

    void exitStatuses() {
        // not the format: 1, with the JSON still written and the reason in it
        const std::string notPng = testutil::writeFile(m_dir, "not.png", "GIF89a, not a PNG at all");
        const QJsonObject root = parseWith("png", notPng, 1);
        QVERIFY(obj(root, "signature").value("_error").toString().contains("expected 89 50 4e 47"));
        // a broken description: 2, with its file and line
        const std::string bad = testutil::writeFile(m_dir, "bad.ksy", "meta:\n  id: bad\nseq:\n  - id: x\n    type: u4\n    size: (\n");
        auto r = testutil::runCommand(runParseCommand, "parse", {"--ksy", bad, notPng});
        QCOMPARE(r.status, 2);
        QVERIFY2(QString::fromStdString(r.err).contains("bad.ksy:6:"), r.err.c_str());
        // a missing file: 2
        r = testutil::runCommand(runParseCommand, "parse", {"--ksy", "png", m_dir.filePath("nowhere").toStdString()});
        QCOMPARE(r.status, 2);
        // a directory: 2, not a crash
        r = testutil::runCommand(runParseCommand, "parse", {"--ksy", "png", m_dir.path().toStdString()});
        QCOMPARE(r.status, 2);
        // an empty file: the PNG signature is missing, 1
        const std::string empty = testutil::writeFile(m_dir, "empty.png", "");
        r = testutil::runCommand(runParseCommand, "parse", {"--ksy", "png", empty});
        QCOMPARE(r.status, 1);
        // every shipped description loads
        for (const char* f : {"elf", "png", "zip", "gzip", "gif", "bmp", "wav", "mbr", "gpt"}) {
            r = testutil::runCommand(runParseCommand, "parse", {"--ksy", f, empty});
            QVERIFY2(r.status != 2, r.err.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestKsyFormats)
#include "test_ksy_formats.moc"
