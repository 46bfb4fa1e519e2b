// SPDX-License-Identifier: MIT
// MappedFile: the three modes, the empty file, every open error, and a 16 GiB sparse file.
#include "mapped_file.h"
#include "temp_files.h"

#include <QtTest>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace hexmap;

class TestMappedFile : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    std::string readDisk(const std::string& path) {
        QFile f(QString::fromStdString(path));
        if (!f.open(QIODevice::ReadOnly)) return {};
        return f.readAll().toStdString();
    }

private slots:
    void readOnlyMapsTheBytes() {
        const auto path = testutil::writeFile(m_dir, "ro.bin", "hello mapped world");
        auto r = MappedFile::open(path, OpenMode::ReadOnly);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        const MappedFile& f = r.value();
        QCOMPARE(f.size(), std::uint64_t(18));
        QCOMPARE(std::memcmp(f.data(), "hello mapped world", 18), 0);
        QCOMPARE(f.mode(), OpenMode::ReadOnly);
        QVERIFY(r.value().writableData() == nullptr);
        QVERIFY(!f.damaged());
    }

    void sharedWritesReachTheFile() {
        const auto path = testutil::writeFile(m_dir, "shared.bin", "abcdef");
        auto r = MappedFile::open(path, OpenMode::Shared);
        QVERIFY(r.ok());
        r.value().writableData()[0] = 'X';
        // MAP_SHARED: the page cache holds the store, so a plain read sees it at once.
        QCOMPARE(readDisk(path), std::string("Xbcdef"));
    }

    void privateWritesStayHere() {
        const auto path = testutil::writeFile(m_dir, "private.bin", "abcdef");
        auto r = MappedFile::open(path, OpenMode::Private);
        QVERIFY(r.ok());
        r.value().writableData()[0] = 'X';
        QCOMPARE(r.value().data()[0], std::uint8_t('X'));
        QCOMPARE(readDisk(path), std::string("abcdef"));
    }

    void privateWorksOnReadOnlyFile() {
        const auto path = testutil::writeFile(m_dir, "locked.bin", "abcdef");
        ::chmod(path.c_str(), 0444);
        auto r = MappedFile::open(path, OpenMode::Private);
        QVERIFY(r.ok());
        r.value().writableData()[1] = 'Y';
        QCOMPARE(r.value().data()[1], std::uint8_t('Y'));
        if (::geteuid() != 0) QVERIFY(!r.value().fileWritable());
    }

    void emptyFileIsAnEmptyDocument() {
        const auto path = testutil::writeFile(m_dir, "empty.bin", {});
        for (auto mode : {OpenMode::ReadOnly, OpenMode::Shared, OpenMode::Private}) {
            auto r = MappedFile::open(path, mode);
            QVERIFY(r.ok());
            QCOMPARE(r.value().size(), std::uint64_t(0));
            QVERIFY(r.value().data() == nullptr);
            QVERIFY(r.value().isOpen());
        }
    }

    void notFound() {
        auto r = MappedFile::open(m_dir.filePath("nope.bin").toStdString(), OpenMode::ReadOnly);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ENOENT);
        QVERIFY(r.error().message.find("nope.bin") != std::string::npos);
        QVERIFY(r.error().message.find("does not exist") != std::string::npos);
    }

    void directoryIsRefused() {
        auto r = MappedFile::open(m_dir.path().toStdString(), OpenMode::ReadOnly);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, EISDIR);
        QVERIFY(r.error().message.find("folder") != std::string::npos);
    }

    void fifoIsRefusedWithoutBlocking() {
        const std::string path = m_dir.filePath("fifo").toStdString();
        QCOMPARE(::mkfifo(path.c_str(), 0644), 0);
        auto r = MappedFile::open(path, OpenMode::ReadOnly); // would hang if it open()ed
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("FIFO") != std::string::npos);
        QVERIFY(r.error().message.find("not a regular file") != std::string::npos);
    }

    void socketIsRefused() {
        const std::string path = m_dir.filePath("sock").toStdString();
        const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
        QCOMPARE(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        auto r = MappedFile::open(path, OpenMode::ReadOnly);
        ::close(s);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("socket") != std::string::npos);
    }

    void deviceIsRefused() {
        auto r = MappedFile::open("/dev/null", OpenMode::ReadOnly);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("character device") != std::string::npos);
    }

    void procFileIsRefused() {
        auto r = MappedFile::open("/proc/self/status", OpenMode::ReadOnly);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("virtual file") != std::string::npos);
    }

    void permissionDenied() {
        if (::geteuid() == 0) {
            // root ignores file modes; drop to "nobody" in a child to see what users see.
            const auto path = testutil::writeFile(m_dir, "secret.bin", "x");
            ::chmod(path.c_str(), 0600);
            ::chmod(m_dir.path().toLocal8Bit().constData(), 0755);
            int pipefd[2];
            QCOMPARE(::pipe(pipefd), 0);
            const pid_t pid = ::fork();
            if (pid == 0) {
                if (::setgid(65534) != 0 || ::setuid(65534) != 0) _exit(3);
                auto ro = MappedFile::open(path, OpenMode::ReadOnly);
                auto rw = MappedFile::open(path, OpenMode::Shared);
                const std::string msg = rw.ok() ? "" : rw.error().message;
                if (::write(pipefd[1], msg.data(), msg.size()) < 0) _exit(4);
                _exit(!ro.ok() && ro.error().code == EACCES && !rw.ok() ? 0 : 1);
            }
            ::close(pipefd[1]);
            char buf[1024] = {};
            const ssize_t n = ::read(pipefd[0], buf, sizeof buf - 1);
            ::close(pipefd[0]);
            int status = 0;
            ::waitpid(pid, &status, 0);
            QVERIFY(WIFEXITED(status));
            QCOMPARE(WEXITSTATUS(status), 0);
            QVERIFY(n > 0);
            QVERIFY(std::string(buf).find("read-only, or private") != std::string::npos);
            return;
        }
        const auto path = testutil::writeFile(m_dir, "secret.bin", "x");
        ::chmod(path.c_str(), 0);
        auto r = MappedFile::open(path, OpenMode::ReadOnly);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, EACCES);
    }

    void readWriteOnReadOnlyFileSuggestsAlternatives() {
        // /proc/self/exe is refused earlier; use a read-only bind: chattr is not always
        // available, so rely on a file in a read-only place when we are root.
        const auto path = testutil::writeFile(m_dir, "ro-file.bin", "abc");
        ::chmod(path.c_str(), 0444);
        if (::geteuid() == 0) {
            // root may write anyway; the message text is covered by permissionDenied().
            auto r = MappedFile::open(path, OpenMode::Shared);
            QVERIFY(r.ok());
            return;
        }
        auto r = MappedFile::open(path, OpenMode::Shared);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("read-only, or private") != std::string::npos);
    }

    void sixteenGiBSparseFile() {
        const std::uint64_t size = 16ULL << 30;
        const auto path = testutil::sparseFile(m_dir, "big.bin", size, "TAIL");
        auto r = MappedFile::open(path, OpenMode::ReadOnly);
        QVERIFY(r.ok());
        QCOMPARE(r.value().size(), size);
        QCOMPARE(r.value().data()[size - 1], std::uint8_t('L'));
        QCOMPARE(r.value().data()[size - 4], std::uint8_t('T'));
        QCOMPARE(r.value().data()[size / 2], std::uint8_t(0));
    }

    void moveKeepsTheMapping() {
        const auto path = testutil::writeFile(m_dir, "move.bin", "0123");
        auto r = MappedFile::open(path, OpenMode::ReadOnly);
        QVERIFY(r.ok());
        MappedFile a = std::move(r.value());
        MappedFile b;
        b = std::move(a);
        QVERIFY(!a.isOpen());
        QCOMPARE(b.size(), std::uint64_t(4));
        QCOMPARE(b.data()[3], std::uint8_t('3'));
    }

    void modeNames() {
        QCOMPARE(std::string(modeName(OpenMode::ReadOnly)), std::string("read-only"));
        QCOMPARE(std::string(modeName(OpenMode::Shared)), std::string("shared"));
        QCOMPARE(std::string(modeName(OpenMode::Private)), std::string("private"));
    }
};

QTEST_APPLESS_MAIN(TestMappedFile)
#include "test_mapped_file.moc"
