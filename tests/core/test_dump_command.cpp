// SPDX-License-Identifier: MIT
// `hexmap dump` against `hexdump -C -v`, byte for byte, on ranges at the start, middle,
// end, past 4 GiB, and lengths that end mid-row; plus a few outputs written out by hand.
#include "temp_files.h"

#include <QProcess>
#include <QtTest>
#include <sys/wait.h>
#include <unistd.h>

class TestDumpCommand : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_bin = qEnvironmentVariable("HEXMAP_BIN");
    std::string m_small, m_big, m_empty;

    struct Run {
        int status;
        QByteArray out, err;
    };
    static Run run(const QString& program, const QStringList& args) {
        QProcess p;
        p.start(program, args);
        if (!p.waitForFinished(120000)) return {-1, {}, "timeout"};
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

private slots:
    void initTestCase() {
        QVERIFY2(!m_bin.isEmpty(), "HEXMAP_BIN must name the hexmap binary (set by ctest)");
        QVERIFY2(!QStandardPaths::findExecutable("hexdump").isEmpty(),
                 "hexdump (bsdextrautils) is needed as the reference");
        m_small = testutil::writeFile(m_dir, "small.bin", testutil::randomBytes(1000, 7));
        m_empty = testutil::writeFile(m_dir, "empty.bin", {});
        QByteArray tail = testutil::randomBytes(100, 9);
        m_big = testutil::sparseFile(m_dir, "big.bin", (5ULL << 30) + 37, tail);
        // Something non-zero just past 4 GiB too.
        QFile f(QString::fromStdString(m_big));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(4ULL << 30));
        f.write(testutil::randomBytes(64, 11));
    }

    void matchesHexdump_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("args");
        const QString small = QString::fromStdString(m_small);
        const QString big = QString::fromStdString(m_big);
        QTest::newRow("whole small") << small << QStringList{};
        QTest::newRow("start") << small << QStringList{"-n", "64"};
        QTest::newRow("middle mid-row") << small << QStringList{"-s", "333", "-n", "77"};
        QTest::newRow("end") << small << QStringList{"-s", "990"};
        QTest::newRow("short length") << small << QStringList{"-s", "5", "-n", "3"};
        QTest::newRow("hex args") << small << QStringList{"-s", "0x10", "-n", "0x21"};
        QTest::newRow("past end") << small << QStringList{"-s", "5000"};
        QTest::newRow("at end") << small << QStringList{"-s", "1000"};
        QTest::newRow("zero length") << small << QStringList{"-n", "0"};
        QTest::newRow("length past end") << small << QStringList{"-s", "900", "-n", "4000"};
        QTest::newRow("empty file") << QString::fromStdString(m_empty) << QStringList{};
        QTest::newRow("past 4 GiB") << big << QStringList{"-s", QString::number((4ULL << 30) - 24), "-n", "131"};
        QTest::newRow("big end") << big << QStringList{"-s", QString::number((5ULL << 30) - 50)};
        QTest::newRow("big mid-row end") << big << QStringList{"-s", QString::number((5ULL << 30) + 1), "-n", "29"};
    }

    void matchesHexdump() {
        QFETCH(QString, file);
        QFETCH(QStringList, args);
        const Run expected = run("hexdump", QStringList{"-C", "-v"} + args + QStringList{file});
        const Run actual = run(m_bin, QStringList{"dump"} + args + QStringList{file});
        QCOMPARE(expected.status, 0);
        QCOMPARE(actual.status, 0);
        QCOMPARE(actual.out, expected.out);
    }

    void knownOutput() {
        const std::string path = testutil::writeFile(m_dir, "known.bin", QByteArray("hello, world\n\x00\xff\x7f""ABCDEFGHIJKLMNOP", 32));
        const Run r = run(m_bin, {"dump", "-s", "2", "-n", "20", QString::fromStdString(path)});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("00000002  6c 6c 6f 2c 20 77 6f 72  6c 64 0a 00 ff 7f 41 42  |llo, world....AB|\n"
                                   "00000012  43 44 45 46                                       |CDEF|\n"
                                   "00000016\n"));
    }

    void errorsGoToStderr() {
        const Run missing = run(m_bin, {"dump", m_dir.filePath("missing.bin")});
        QCOMPARE(missing.status, 1);
        QVERIFY(missing.out.isEmpty());
        QVERIFY(missing.err.contains("does not exist"));
        const Run dir = run(m_bin, {"dump", m_dir.path()});
        QCOMPARE(dir.status, 1);
        QVERIFY(dir.err.contains("folder"));
        const Run badNumber = run(m_bin, {"dump", "-s", "12x", QString::fromStdString(m_small)});
        QCOMPARE(badNumber.status, 1);
        QVERIFY(badNumber.err.contains("not a valid number"));
        const Run noFile = run(m_bin, {"dump"});
        QCOMPARE(noFile.status, 1);
        QVERIFY(noFile.err.contains("usage"));
    }

    void aFileTruncatedDuringTheDumpStopsWithAnError() {
        // Found: dump printed millions of rows of zeros the file never had and exited 0.
        const std::string path = testutil::sparseFile(m_dir, "shrinking.bin", 1ULL << 30, "end");
        int pipeFds[2];
        QCOMPARE(::pipe(pipeFds), 0);
        int errFds[2];
        QCOMPARE(::pipe(errFds), 0);
        const QByteArray bin = QFile::encodeName(m_bin);
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::dup2(pipeFds[1], 1);
            ::dup2(errFds[1], 2);
            ::close(pipeFds[0]);
            ::close(errFds[0]);
            ::execl(bin.constData(), bin.constData(), "dump", path.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        ::close(pipeFds[1]);
        ::close(errFds[1]);
        // The child fills the pipe and blocks; now another process truncates the file.
        char chunk[65536];
        QVERIFY(::read(pipeFds[0], chunk, sizeof chunk) > 0);
        QCOMPARE(::truncate(path.c_str(), 4096), 0);
        std::uint64_t rows = 0;
        for (ssize_t n; (n = ::read(pipeFds[0], chunk, sizeof chunk)) > 0;)
            for (ssize_t i = 0; i < n; ++i) rows += chunk[i] == '\n';
        QByteArray err;
        for (ssize_t n; (n = ::read(errFds[0], chunk, sizeof chunk)) > 0;) err.append(chunk, n);
        int status = 0;
        QCOMPARE(::waitpid(pid, &status, 0), pid);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 1);
        QVERIFY2(err.contains("shrank to 4096 bytes while it was being read"), err.constData());
        QVERIFY2(rows < 100000, "it must stop soon after the truncation, not print the lost gigabyte");
    }

    void withoutADisplayItSaysWhatItCanDo() {
        // No display and no platform asked for: a sentence and status 2, not Qt's abort.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("QT_QPA_PLATFORM");
        p.setProcessEnvironment(env);
        p.start(m_bin, {"not-a-command"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("no display") && err.contains("not-a-command") && err.contains("cmp"), err.constData());
        // The commands still run there.
        p.start(m_bin, {"dump", "-n", "16", QString::fromStdString(m_small)});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDumpCommand)
#include "test_dump_command.moc"
