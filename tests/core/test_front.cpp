// SPDX-License-Identifier: MIT
// `hexmap`, the program users type, hands each kind of work to the right program with the
// arguments untouched: a command to its own program (hexmap-cmp, ...: no Qt, and only the
// libraries that command calls), anything else to hexmap-gui; and says clearly when the
// one it needs is missing.
#include "temp_files.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QtTest>

class TestFront : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_bin = qEnvironmentVariable("HEXMAP_BIN");

    struct Run {
        int status;
        QByteArray out, err;
    };
    static Run run(const QString& program, const QStringList& args, bool display = true) {
        QProcess p;
        if (!display) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            for (const char* v : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) env.remove(v);
            p.setProcessEnvironment(env);
        }
        p.start(program, args);
        if (!p.waitForFinished(60000)) return {-1, {}, "timeout"};
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    static QByteArray mapsOf(const QString& program, const QStringList& args) {
        // The libraries a program loads, as the dynamic loader lists them (what ldd does):
        // it prints them and exits before main().
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LD_TRACE_LOADED_OBJECTS", "1");
        p.setProcessEnvironment(env);
        p.start(program, args);
        p.waitForFinished(60000);
        return p.readAllStandardOutput();
    }

private slots:
    void initTestCase() { QVERIFY2(!m_bin.isEmpty(), "HEXMAP_BIN must name the hexmap binary (set by ctest)"); }

    void aCommandRunsWithCmpsExitCodes() {
        const std::string a = testutil::writeFile(m_dir, "a.bin", "abcdef");
        const std::string b = testutil::writeFile(m_dir, "b.bin", "abcXef");
        const Run same = run(m_bin, {"cmp", QString::fromStdString(a), QString::fromStdString(a)});
        QCOMPARE(same.status, 0);
        const Run differ = run(m_bin, {"cmp", "--ranges", QString::fromStdString(a), QString::fromStdString(b)});
        QCOMPARE(differ.status, 1);
        QCOMPARE(differ.out, QByteArray("3\t1\n"));
        // with no display at all: a command never needs one
        const Run headless = run(m_bin, {"cmp", QString::fromStdString(a), QString::fromStdString(b)}, false);
        QCOMPARE(headless.status, 1);
        QVERIFY2(headless.out.contains("differ"), headless.out.constData());
    }

    void anythingElseReachesTheWindowProgram() {
        const Run version = run(m_bin, {"--version"});
        QCOMPARE(version.status, 0);
        QVERIFY2(version.out.startsWith("hexmap "), version.out.constData());
        // The window's own answer when there is no display proves hexmap-gui ran it.
        const Run noDisplay = run(m_bin, {"some-file"}, false);
        QCOMPARE(noDisplay.status, 2);
        QVERIFY2(noDisplay.err.contains("no display to open a window on (asked for \"some-file\")"),
                 noDisplay.err.constData());
        // --help names the program as typed, not hexmap-gui
        const Run help = run(m_bin, {"--help"});
        QVERIFY2(help.out.contains("Usage: " + QFile::encodeName(m_bin)), help.out.left(200).constData());
        QVERIFY(!help.out.contains("hexmap-gui"));
    }

    void theFrontAndTheCommandsLoadNoQt() {
        const QByteArray front = mapsOf(m_bin, {});
        QVERIFY2(front.contains("libc.so"), front.constData());
        QVERIFY2(!front.contains("Qt6"), front.constData());
        // A sanitizer's runtime (the ASan and TSan builds) brings libstdc++ itself.
        const bool sanitized = front.contains("libasan") || front.contains("libtsan");
        QVERIFY2(sanitized || !front.contains("libstdc++"), front.constData());
        const QDir dir = QFileInfo(m_bin).dir();
        const QByteArray find = mapsOf(dir.filePath("hexmap-find"), {});
        QVERIFY2(find.contains("libpcre2-8") && !find.contains("Qt6") && !find.contains("libcrypto"),
                 find.constData());
        const QByteArray cmp = mapsOf(dir.filePath("hexmap-cmp"), {});
        QVERIFY2(cmp.contains("libstdc++"), cmp.constData());
        for (const char* lib : {"Qt6", "libpcre2", "libcrypto", "libyaml"})
            QVERIFY2(!cmp.contains(lib), cmp.constData());
        const QByteArray hash = mapsOf(dir.filePath("hexmap-hash"), {});
        QVERIFY2(hash.contains("libcrypto") && !hash.contains("Qt6"), hash.constData());
    }

    void aMissingProgramIsNamed() {
        // The front alone in a folder: neither beside it nor in ../libexec/hexmap.
        const QString lonely = m_dir.filePath("bin/hexmap");
        QVERIFY(QDir().mkpath(m_dir.filePath("bin")));
        QVERIFY(QFile::copy(m_bin, lonely));
        const Run r = run(lonely, {"cmp", "x", "y"});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains("cannot start") && r.err.contains("libexec/hexmap/hexmap-cmp"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestFront)
#include "test_front.moc"
