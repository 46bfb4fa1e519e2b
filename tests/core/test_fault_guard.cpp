// SPDX-License-Identifier: MIT
// The SIGBUS fault guard: a file truncated by someone else while we map it.
#include "fault_guard.h"
#include "mapped_file.h"
#include "temp_files.h"

#include <QProcess>
#include <QtTest>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace hexmap;

class TestFaultGuard : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    const std::uint64_t m_page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));

    static void truncateFromElsewhere(const std::string& path, std::uint64_t size) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        QVERIFY(fd >= 0);
        QCOMPARE(::ftruncate(fd, static_cast<off_t>(size)), 0);
        ::close(fd);
    }

private slots:
    void truncatedPagesReadAsZeros() {
        const QByteArray bytes(static_cast<qsizetype>(8 * m_page), 'A');
        const auto path = testutil::writeFile(m_dir, "shrink.bin", bytes);
        auto r = MappedFile::open(path, OpenMode::ReadOnly);
        QVERIFY(r.ok());
        const MappedFile& f = r.value();
        QCOMPARE(f.data()[5 * m_page], std::uint8_t('A'));
        const auto before = fault_guard::absorbedFaults();

        truncateFromElsewhere(path, 2 * m_page + 10);

        // Still inside the file: the real bytes.
        QCOMPARE(f.data()[2 * m_page + 9], std::uint8_t('A'));
        QVERIFY(!f.damaged());
        // Lost pages: zeros instead of a dead process.
        QCOMPARE(f.data()[6 * m_page + 1], std::uint8_t(0));
        QVERIFY(f.damaged());
        QCOMPARE(fault_guard::absorbedFaults(), before + 1);
        // The whole tail was covered by that one fault: no further faults.
        std::vector<std::uint8_t> copy(static_cast<std::size_t>(f.size()));
        std::memcpy(copy.data(), f.data(), copy.size());
        QCOMPARE(fault_guard::absorbedFaults(), before + 1);
        QCOMPARE(copy[0], std::uint8_t('A'));
        QCOMPARE(copy[3 * m_page], std::uint8_t(0));
        QCOMPARE(copy.back(), std::uint8_t(0));
        QCOMPARE(f.sizeOnDisk(), 2 * m_page + 10);
    }

    void truncatedToZeroWhileSharedAndPrivate() {
        for (auto mode : {OpenMode::Shared, OpenMode::Private}) {
            const QByteArray bytes(static_cast<qsizetype>(4 * m_page), 'B');
            const auto path = testutil::writeFile(m_dir, "zero.bin", bytes);
            auto r = MappedFile::open(path, mode);
            QVERIFY(r.ok());
            truncateFromElsewhere(path, 0);
            QCOMPARE(r.value().data()[m_page + 3], std::uint8_t(0));
            QVERIFY(r.value().damaged());
            // Writing into the zero pages does not crash either (it reaches no file).
            r.value().writableData()[m_page] = 'Z';
            QCOMPARE(r.value().data()[m_page], std::uint8_t('Z'));
        }
    }

    // Each case runs in a process of its own (fault_guard_child), free of this test
    // framework's crash handler, which would otherwise be the "earlier handler".
    static int shellStatus(const QString& args) {
        // sh reports a child killed by signal N as exit status 128 + N.
        QProcess sh;
        sh.start("/bin/sh", {"-c", "\"$HEXMAP_FAULT_CHILD\" " + args + "; echo $?"});
        if (!sh.waitForFinished(30000)) return -1;
        return QString::fromLatin1(sh.readAllStandardOutput()).trimmed().toInt();
    }

    void faultOutsideOurMappingsStillKills() {
        QVERIFY(!qEnvironmentVariableIsEmpty("HEXMAP_FAULT_CHILD"));
        const QString path = m_dir.filePath("foreign.bin");
        QCOMPARE(shellStatus("foreign '" + path + "'"), 128 + SIGBUS);
    }

    void raisedSigbusStillKills() {
        QCOMPARE(shellStatus("raise"), 128 + SIGBUS);
    }

    void chainsToTheEarlierHandler() {
        // A guarded fault is absorbed; a foreign one goes to the handler that was there
        // before the guard (which exits 42), not to the default action.
        const QString path = m_dir.filePath("chain.bin");
        QCOMPARE(shellStatus("chain '" + path + "'"), 42);
    }
};

QTEST_APPLESS_MAIN(TestFaultGuard)
#include "test_fault_guard.moc"
