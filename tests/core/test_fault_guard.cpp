// The SIGBUS fault guard: a file truncated by someone else while we map it.
#include "fault_guard.h"
#include "mapped_file.h"
#include "temp_files.h"

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

    void faultOutsideOurMappingsStillKills() {
        const QByteArray bytes(static_cast<qsizetype>(4 * m_page), 'C');
        const auto path = testutil::writeFile(m_dir, "foreign.bin", bytes);
        fault_guard::install();
        const pid_t pid = ::fork();
        if (pid == 0) {
            // A mapping the guard does not know about.
            const int fd = ::open(path.c_str(), O_RDWR);
            auto* p = static_cast<volatile std::uint8_t*>(
                ::mmap(nullptr, 4 * m_page, PROT_READ, MAP_SHARED, fd, 0));
            if (::ftruncate(fd, 0) != 0) _exit(2);
            const std::uint8_t v = p[2 * m_page]; // SIGBUS, and it must kill us
            _exit(v == 0 ? 0 : 1);
        }
        int status = 0;
        QCOMPARE(::waitpid(pid, &status, 0), pid);
        QVERIFY(WIFSIGNALED(status));
        QCOMPARE(WTERMSIG(status), SIGBUS);
    }

    void raisedSigbusStillKills() {
        fault_guard::install();
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::raise(SIGBUS);
            _exit(0);
        }
        int status = 0;
        QCOMPARE(::waitpid(pid, &status, 0), pid);
        QVERIFY(WIFSIGNALED(status));
        QCOMPARE(WTERMSIG(status), SIGBUS);
    }
};

QTEST_APPLESS_MAIN(TestFaultGuard)
#include "test_fault_guard.moc"
