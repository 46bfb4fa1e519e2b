// SPDX-License-Identifier: MIT
// `hexmap find` run in-process, its offsets compared with grep -obUa -F / -P on generated
// files, plus --count and the exit statuses 0 / 1 / 2.
#include "../../app/find_command.h"
#include "../command_run.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace {

using Run = testutil::CommandRun;

Run runFind(std::vector<std::string> args) { return testutil::runCommand(hexmap::runFindCommand, "find", std::move(args)); }

// Offsets of "OFFSET<TAB>LENGTH" lines.
std::vector<qulonglong> ourOffsets(const std::string& out) {
    std::vector<qulonglong> v;
    for (const QByteArray& line : QByteArray::fromStdString(out).split('\n')) {
        if (line.isEmpty()) continue;
        const QList<QByteArray> parts = line.split('\t');
        if (parts.size() != 2) return {~0ull}; // malformed line: fail the comparison
        v.push_back(parts[0].toULongLong());
    }
    return v;
}

// grep -obUa prints "OFFSET:MATCH"; LC_ALL=C so bytes are bytes.
std::vector<qulonglong> grepOffsets(const QStringList& flags, const QString& pattern,
                                    const QString& file, int* status = nullptr) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("LC_ALL", "C");
    p.setProcessEnvironment(env);
    p.start("grep", QStringList{"-obUa"} + flags + QStringList{"--", pattern, file});
    if (!p.waitForFinished(60000)) qFatal("grep did not finish");
    if (status) *status = p.exitCode();
    std::vector<qulonglong> v;
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
        const int colon = line.indexOf(':');
        if (colon > 0) v.push_back(line.left(colon).toULongLong());
    }
    return v;
}

std::string text(const std::vector<qulonglong>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < 12; ++i)
        s += std::to_string(v[i]) + " ";
    return s + "(" + std::to_string(v.size()) + ")";
}

} // namespace

class TestFindCommand : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_log;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // ~3 MiB of log-like lines with binary noise: crosses the searcher's 1 MiB chunks.
        std::mt19937 rng(99);
        const char* words[] = {"ERROR", "WARN",  "info", "aaaaa", "abcab", "a:b",
                               "Error", "x1234", "warn", "\t",    "zz"};
        std::string data;
        while (data.size() < (3u << 20)) {
            const int n = 1 + rng() % 8;
            for (int i = 0; i < n; ++i) {
                data += words[rng() % std::size(words)];
                data += ' ';
                if (rng() % 50 == 0) data += char(rng() % 256); // includes NUL and 0x80+
            }
            data += '\n';
        }
        m_log = m_dir.filePath("log.txt");
        QFile f(m_log);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(data.data(), qint64(data.size())), qint64(data.size()));
    }

    void literalsMatchGrep_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("ci");
        QTest::newRow("ERROR") << "ERROR" << false;
        QTest::newRow("aa overlapping") << "aa" << false;
        QTest::newRow("colon") << "a:b" << false;
        QTest::newRow("rare") << "x1234 zz" << false;
        QTest::newRow("ci") << "error" << true;
        QTest::newRow("none") << "nothing-here" << false;
    }
    void literalsMatchGrep() {
        QFETCH(QString, pattern);
        QFETCH(bool, ci);
        int grepStatus = -1;
        const auto want = grepOffsets(ci ? QStringList{"-F", "-i"} : QStringList{"-F"}, pattern,
                                      m_log, &grepStatus);
        // Every row but "none" must find something, or the comparison proves little.
        QCOMPARE(want.empty(), pattern == "nothing-here");
        for (const char* threads : {"1", "2", "3"}) {
            std::vector<std::string> args = {"--text", "-j", threads};
            if (ci) args.push_back("-i");
            args.push_back(pattern.toStdString());
            args.push_back(m_log.toStdString());
            const Run r = runFind(args);
            QCOMPARE(r.status, grepStatus);
            const auto got = ourOffsets(r.out);
            QVERIFY2(got == want, ("got " + text(got) + "\nwant " + text(want)).c_str());
        }
    }

    void regexesMatchGrep_data() {
        QTest::addColumn<QString>("pattern");
        QTest::newRow("alternation") << "ERROR|WARN";
        QTest::newRow("repeat") << "a+";
        QTest::newRow("digits") << "[0-9]{2,}";
        QTest::newRow("line start") << "^W\\w*";
        QTest::newRow("line end") << "\\w+ $";
        QTest::newRow("lookahead") << "b(?=c)";
        QTest::newRow("empty-matching") << "z*";
        QTest::newRow("word boundary") << "\\bwarn\\b";
    }
    void regexesMatchGrep() {
        QFETCH(QString, pattern);
        int grepStatus = -1;
        const auto want = grepOffsets({"-P"}, pattern, m_log, &grepStatus);
        QVERIFY(!want.empty());
        const Run r = runFind({"--regex", "-j", "2", pattern.toStdString(), m_log.toStdString()});
        QCOMPARE(r.status, grepStatus);
        const auto got = ourOffsets(r.out);
        QVERIFY2(got == want, ("got " + text(got) + "\nwant " + text(want) + r.err).c_str());
    }

    void countAndLengths() {
        const auto want = grepOffsets({"-F"}, "ERROR", m_log);
        const Run r = runFind({"--count", "ERROR", m_log.toStdString()});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, std::to_string(want.size()) + "\n");
        const Run none = runFind({"--count", "--hex", "DE AD BE EF 00", m_log.toStdString()});
        QCOMPARE(none.status, 1);
        QCOMPARE(none.out, std::string("0\n"));
        // Lines are OFFSET<TAB>LENGTH.
        const Run lines = runFind({"--text", "ERROR", m_log.toStdString()});
        QVERIFY(lines.out.rfind(std::to_string(want.front()) + "\t5\n", 0) == 0);
    }

    void hexAndUtf16() {
        const QString path = m_dir.filePath("u16.bin");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const char bytes[] = "\x01\x02H\0i\0\xFF\0H\0I\0";
        f.write(bytes, sizeof bytes - 1);
        f.close();
        Run r = runFind({"--utf16le", "Hi", path.toStdString()});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, std::string("2\t4\n"));
        r = runFind({"--utf16le", "-i", "Hi", path.toStdString()});
        QCOMPARE(r.out, std::string("2\t4\n8\t4\n"));
        r = runFind({"--hex", "?? 00 ff", path.toStdString()});
        QCOMPARE(r.out, std::string("4\t3\n"));
        r = runFind({"--utf16be", "Hi", path.toStdString()});
        QCOMPARE(r.status, 1);
        QCOMPARE(r.out, std::string());
    }

    void errorsExitTwo() {
        const std::string log = m_log.toStdString();
        const std::string fifo = m_dir.filePath("fifo").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        struct Case {
            std::vector<std::string> args;
            const char* message;
        } cases[] = {
            {{"ERROR", m_dir.filePath("missing").toStdString()}, "does not exist"},
            {{"ERROR", m_dir.path().toStdString()}, "is a folder"},
            {{"ERROR", fifo}, "FIFO"},
            {{"--regex", "ab(c", log}, "column 5"},
            {{"--hex", "DE AD gE", log}, "column 7"},
            {{"--bogus", "x", log}, "Unknown option"},
            {{"-j", "0", "x", log}, "-j"},
            {{"x"}, "PATTERN and a FILE"},
            {{"--regex", "(a+)+$", m_dir.filePath("aaa").toStdString()}, "limit"},
        };
        {
            QFile f(m_dir.filePath("aaa"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(5000, 'a') + "b");
        }
        for (const auto& c : cases) {
            const Run r = runFind(c.args);
            QCOMPARE(r.status, 2);
            QVERIFY2(r.err.find(c.message) != std::string::npos, r.err.c_str());
            QVERIFY(r.out.empty());
        }
    }
};

QTEST_APPLESS_MAIN(TestFindCommand)
#include "test_find_command.moc"
