// SPDX-License-Identifier: MIT
// `hexmap hash` run in-process, compared with sha256sum, md5sum, sha1sum and sha512sum, with
// gzip's CRC-32 and a plain Adler-32, on a real binary and on ranges past 4 GiB of a sparse
// file; and its errors.
#include "../../app/hash_command.h"
#include "../command_run.h"
#include "../temp_files.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Run = testutil::CommandRun;

Run runHash(std::vector<std::string> args) { return testutil::runCommand(hexmap::runHashCommand, "hash", std::move(args)); }

// Runs a shell pipeline (the references), returns its stdout.
QByteArray shell(const QString& command) {
    QProcess p;
    p.start("sh", {"-c", command});
    if (!p.waitForFinished(120000)) qFatal("timed out: %s", qPrintable(command));
    return p.readAllStandardOutput();
}

QString quoted(const QString& s) { return "'" + QString(s).replace("'", "'\\''") + "'"; }

// gzip's trailer holds the CRC-32 of the input, little-endian.
QByteArray gzipCrc32(const QString& path) {
    const QByteArray gz = shell("gzip -c -1 " + quoted(path));
    const QByteArray t = gz.right(8);
    const quint32 crc = quint32(quint8(t[0])) | quint32(quint8(t[1])) << 8 | quint32(quint8(t[2])) << 16 |
                        quint32(quint8(t[3])) << 24;
    return QByteArray::number(crc, 16).rightJustified(8, '0');
}

QByteArray plainAdler32(const QByteArray& data) {
    quint32 a = 1, b = 0;
    for (char c : data) {
        a = (a + quint8(c)) % 65521;
        b = (b + a) % 65521;
    }
    return QByteArray::number((b << 16) | a, 16).rightJustified(8, '0');
}

} // namespace

class TestHashCommand : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void equalsTheCoreutilsOnARealBinary() {
        const QString self = QCoreApplication::applicationFilePath(); // a real ELF file
        const std::string path = self.toStdString();
        const Run r = runHash({"-a", "md5", "-a", "sha1", "-a", "sha256", "-a", "sha512", "-a", "crc32",
                               "-a", "adler32", path});
        QCOMPARE(r.status, 0);
        const QList<QByteArray> lines = QByteArray::fromStdString(r.out).trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        const char* tools[] = {"md5sum", "sha1sum", "sha256sum", "sha512sum"};
        for (int i = 0; i < 4; ++i)
            QCOMPARE(lines[i], shell(QString(tools[i]) + " " + quoted(self)).trimmed());
        QCOMPARE(lines[4], gzipCrc32(self) + "  " + QByteArray::fromStdString(path));
        QFile f(self);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(lines[5], plainAdler32(f.readAll()) + "  " + QByteArray::fromStdString(path));
        // The default is sha256; "all" gives seven lines; sha3-256 is OpenSSL's.
        QCOMPARE(QByteArray::fromStdString(runHash({path}).out), lines[2] + "\n");
        QCOMPARE(QByteArray::fromStdString(runHash({"-a", "all", path}).out).count('\n'), 7);
        const QByteArray sha3 = shell("openssl dgst -sha3-256 -r " + quoted(self)).split(' ').first();
        if (!sha3.isEmpty()) QCOMPARE(QByteArray::fromStdString(runHash({"-a", "sha3-256", path}).out).split(' ').first(), sha3);
    }

    void rangesPastFourGiBOfASparseFile() {
        const std::uint64_t size = 6ull << 30;
        const std::string path = testutil::sparseFile(m_dir, "disk.img", size, "END OF DISK");
        const QByteArray island = testutil::randomBytes(1 << 20, 7);
        {
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(qint64(5ull << 30)));
            QCOMPARE(f.write(island), qint64(island.size()));
        }
        // 2 MiB from 5 GiB - 512 KiB: a hole, the island, a hole again.
        const std::uint64_t from = (5ull << 30) - (512u << 10);
        const Run r = runHash({"-s", std::to_string(from), "-n", "2M", "-a", "sha256", "-a", "crc32", path});
        QCOMPARE(r.status, 0);
        const QByteArray want = shell(QString("dd if=%1 bs=512K skip=%2 count=4 status=none | sha256sum")
                                          .arg(quoted(QString::fromStdString(path)))
                                          .arg(from / (512u << 10)))
                                    .split(' ')
                                    .first();
        QCOMPARE(QByteArray::fromStdString(r.out).split(' ').first(), want);
        // A whole sparse file: holes and data in turn, against md5sum.
        const std::string small = testutil::sparseFile(m_dir, "small.img", 48u << 20, "tail bytes");
        {
            QFile f(QString::fromStdString(small));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(20u << 20));
            QCOMPARE(f.write(island), qint64(island.size()));
        }
        const Run all = runHash({"-a", "md5", small});
        QCOMPARE(all.status, 0);
        QCOMPARE(QByteArray::fromStdString(all.out).split(' ').first(),
                 shell("md5sum " + quoted(QString::fromStdString(small))).split(' ').first());
    }

    // A name holding a newline or a backslash is escaped as sha256sum escapes it, so the
    // output stays one line per file and `sha256sum -c` reads it back.
    void namesAreEscapedAsSha256sumDoes() {
        for (const QString& name : {QString("line\nbreak.bin"), QString("back\\slash.bin")}) {
            const std::string path = testutil::writeFile(m_dir, name, "some bytes");
            const Run r = runHash({"-a", "sha256", path});
            QCOMPARE(r.status, 0);
            QCOMPARE(QByteArray::fromStdString(r.out), shell("sha256sum " + quoted(QString::fromStdString(path))));
            QCOMPARE(QByteArray::fromStdString(r.out).count('\n'), 1);
        }
    }

    void errorsSayWhy() {
        const std::string file = testutil::writeFile(m_dir, "small.bin", "abc");
        Run r = runHash({"-a", "sha7", file});
        QCOMPARE(r.status, 1);
        QVERIFY(r.err.find("unknown hash algorithm 'sha7'") != std::string::npos);
        r = runHash({"-s", "10", file});
        QCOMPARE(r.status, 1);
        QVERIFY(r.err.find("past the end") != std::string::npos);
        r = runHash({m_dir.path().toStdString()});
        QCOMPARE(r.status, 1);
        QVERIFY(!r.err.empty());
        r = runHash({(m_dir.path() + "/missing").toStdString()});
        QCOMPARE(r.status, 1);
        QVERIFY(r.err.find("missing") != std::string::npos);
        // An empty range of an empty file is the hash of nothing.
        const std::string empty = testutil::writeFile(m_dir, "empty.bin", "");
        r = runHash({"-a", "sha256", empty});
        QCOMPARE(r.status, 0);
        QCOMPARE(QByteArray::fromStdString(r.out).split(' ').first(),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }
};

QTEST_GUILESS_MAIN(TestHashCommand)
#include "test_hash_command.moc"
