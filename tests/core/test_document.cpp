// SPDX-License-Identifier: MIT
// Document: editing in the mapping, the journal, save / save as / revert, resize, the
// write lock, and what other processes see in each mode.
#include "document.h"
#include "document_bytes.h"
#include "temp_files.h"

#include <QtTest>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <random>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace hexmap;
using Bytes = std::vector<std::uint8_t>;

namespace {

using testutil::readDisk;

Bytes contents(const Document& doc) {
    return doc.size() ? Bytes(doc.mappingData(), doc.mappingData() + doc.size()) : Bytes{};
}

std::uint64_t diskSize(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : ~0ull;
}

// Exit status of a forked child running fn (its return value is the exit code), or
// 1000 + signal when it died of a signal.
template <class F> int inChild(F fn) {
    const pid_t pid = ::fork();
    if (pid == 0) _exit(fn());
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid) return -1;
    if (WIFSIGNALED(status)) return 1000 + WTERMSIG(status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A child process maps the file by itself (the classic MAP_SHARED IPC demo) and reports
// the byte at `offset` as its exit code.
int byteSeenByChild(const std::string& path, std::uint64_t offset) {
    return inChild([&] {
        const int fd = ::open(path.c_str(), O_RDONLY);
        if (fd < 0) return 255;
        void* p = ::mmap(nullptr, offset + 1, PROT_READ, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) return 254;
        return int(static_cast<const std::uint8_t*>(p)[offset]);
    });
}

bool hasTempFiles(const QString& folder) {
    return !QDir(folder).entryList({".*.hexmap-*"}, QDir::Files | QDir::Hidden).isEmpty();
}

} // namespace

class TestDocument : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    const std::uint64_t m_page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));

    Document open(const std::string& path, OpenMode mode) {
        auto r = Document::open(path, mode);
        if (!r) qFatal("open %s: %s", path.c_str(), r.error().message.c_str());
        return std::move(r.value());
    }

    static Status put(Document& d, std::uint64_t at, const char* s,
                      Document::EditKind kind = Document::EditKind::Other) {
        return d.overwrite(at, reinterpret_cast<const std::uint8_t*>(s), std::strlen(s), kind);
    }
    static Status putByte(Document& d, std::uint64_t at, std::uint8_t b,
                          Document::EditKind kind = Document::EditKind::Other) {
        return d.overwrite(at, &b, 1, kind);
    }

    // One run of random operations against a plain vector with a stack of snapshots.
    void differential(OpenMode mode, std::uint32_t seed, int ops) {
        std::mt19937 rng(seed);
        auto rnd = [&](std::uint64_t n) { return n ? std::uint64_t(rng()) % n : 0; };
        const QByteArray initial = testutil::randomBytes(3 * m_page + 123, seed);
        const auto path = testutil::writeFile(
            m_dir, QString("diff-%1-%2.bin").arg(int(mode)).arg(seed), initial);
        Document doc = open(path, mode);

        std::vector<Bytes> states{Bytes(initial.begin(), initial.end())};
        std::size_t idx = 0;
        std::size_t saveIdx = 0;
        constexpr std::size_t kNone = ~std::size_t(0);
        bool coalesce = false;
        std::uint64_t typedEnd = 0;
        auto push = [&](Bytes next) {
            states.resize(idx + 1);
            if (saveIdx != kNone && saveIdx > idx) saveIdx = kNone;
            states.push_back(std::move(next));
            ++idx;
        };

        for (int op = 0; op < ops; ++op) {
            const Bytes& cur = states[idx];
            const int r = int(rnd(100));
            QString what;
            if (r < 35 && !cur.empty()) {
                const bool typing = rnd(3) == 0;
                std::uint64_t at = rnd(cur.size());
                if (typing && coalesce && rnd(4) != 0)
                    at = std::min<std::uint64_t>(typedEnd - rnd(2), cur.size() - 1);
                const std::uint64_t n = 1 + rnd(std::min<std::uint64_t>(64, cur.size() - at));
                Bytes in(n);
                for (auto& b : in) b = std::uint8_t(rng());
                const auto kind = typing ? Document::EditKind::Typing : Document::EditKind::Other;
                QVERIFY(doc.overwrite(at, in.data(), in.size(), kind).ok());
                Bytes next = cur;
                std::copy(in.begin(), in.end(), next.begin() + std::ptrdiff_t(at));
                const bool joins = typing && coalesce && (at == typedEnd || at + 1 == typedEnd);
                if (joins) states[idx] = std::move(next);
                else push(std::move(next));
                coalesce = typing;
                typedEnd = at + n;
                what = QString("overwrite %1+%2 %3").arg(at).arg(n).arg(typing ? "typing" : "");
            } else if (r < 45 && !cur.empty()) {
                const std::uint64_t at = rnd(cur.size());
                const std::uint64_t n = 1 + rnd(std::min<std::uint64_t>(700, cur.size() - at));
                Bytes pat(1 + rnd(5));
                for (auto& b : pat) b = std::uint8_t(rng());
                QVERIFY(doc.fill(at, n, pat).ok());
                Bytes next = cur;
                for (std::uint64_t i = 0; i < n; ++i) next[at + i] = pat[i % pat.size()];
                push(std::move(next));
                coalesce = false;
                what = QString("fill %1+%2").arg(at).arg(n);
            } else if (r < 53) {
                std::uint64_t n = rnd(8) == 0 ? 0 : rnd(6 * m_page);
                if (n == cur.size()) n += 1;
                QVERIFY(doc.resize(n).ok());
                Bytes next = cur;
                next.resize(n, 0);
                push(std::move(next));
                coalesce = false;
                what = QString("resize %1").arg(n);
            } else if (r < 70) {
                const Status st = doc.undo();
                QCOMPARE(st.ok(), idx > 0);
                if (idx > 0) --idx;
                coalesce = false;
                what = "undo";
            } else if (r < 83) {
                const Status st = doc.redo();
                QCOMPARE(st.ok(), idx + 1 < states.size());
                if (idx + 1 < states.size()) ++idx;
                coalesce = false;
                what = "redo";
            } else if (r < 88) {
                const Status st = doc.save();
                QVERIFY2(st.ok(), st.ok() ? "" : st.error().message.c_str());
                saveIdx = idx;
                coalesce = false;
                QCOMPARE(readDisk(path), states[idx]);
                what = "save";
            } else if (r < 91) {
                const Status st = doc.revert();
                if (mode == OpenMode::Private && saveIdx == kNone) {
                    // The history cannot lead back, but the file on disk can: drop it all.
                    QVERIFY(st.ok());
                    states = {readDisk(path)};
                    idx = saveIdx = 0;
                } else {
                    QCOMPARE(st.ok(), saveIdx != kNone);
                    if (saveIdx != kNone) idx = saveIdx;
                }
                coalesce = false;
                what = "revert";
            } else {
                doc.breakCoalescing();
                coalesce = false;
                what = "break";
            }
            const Bytes& want = states[idx];
            if (doc.size() != want.size() || contents(doc) != want)
                QFAIL(qPrintable(QString("op %1 (%2): document differs").arg(op).arg(what)));
            QCOMPARE(doc.isModified(), idx != saveIdx);
            if (mode == OpenMode::Shared) QCOMPARE(readDisk(path), want);
        }
        QVERIFY(doc.save().ok());
        QCOMPARE(readDisk(path), states[idx]);
    }

private slots:
    void fullDiskRefusesSharedEditsInsteadOfLosingThem() {
        // A private mount namespace with a 256 KiB tmpfs: a real full disk, for this child only.
        const std::string mnt = m_dir.filePath("tiny").toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(mnt)));
        const int rc = inChild([&] {
            if (::unshare(CLONE_NEWNS) != 0) return 77;
            if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 77;
            if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=256k") != 0) return 77;
            const std::string path = mnt + "/sparse.bin";
            const int fd = ::open(path.c_str(), O_CREAT | O_RDWR, 0644);
            if (fd < 0 || ::ftruncate(fd, 4 << 20) != 0) return 2;
            ::close(fd);
            auto opened = Document::open(path, OpenMode::Shared);
            if (!opened) return 3;
            Document& doc = opened.value();
            // One byte in every page: 4 MiB of pages on a 256 KiB disk.
            for (std::uint64_t page = 0; page < 1024; ++page) {
                const std::uint8_t b = 'x';
                Status st = doc.overwrite(page * 4096, &b, 1);
                if (!st) {
                    // No SIGBUS was needed: nothing was silently lost. (Checked first: on
                    // tmpfs even reading a hole needs a page, so the checks below read the
                    // file with pread rather than through the mapping.)
                    const bool clean = !doc.damaged();
                    const bool saysFull = st.error().message.find("is full") != std::string::npos;
                    char now = 1, before = 0;
                    const int rfd = ::open(path.c_str(), O_RDONLY);
                    const bool unchanged = ::pread(rfd, &now, 1, off_t(page * 4096)) == 1 && now == 0;
                    const bool earlierKept = page > 0 && ::pread(rfd, &before, 1, off_t((page - 1) * 4096)) == 1 && before == 'x';
                    ::close(rfd);
                    return saysFull && unchanged && earlierKept && clean ? 0 : 4;
                }
            }
            return 5; // the disk never filled up
        });
        if (rc == 77) QSKIP("needs root to mount a small tmpfs in a private namespace");
        QCOMPARE(rc, 0);
    }

    void growingASharedFileOnAFullDiskIsRefused() {
        // Found on a small tmpfs: extending a shared file there made merely painting the new
        // area raise SIGBUS (reading a hole takes a page on tmpfs), reported as a failed
        // write that blocked Save. The extension is refused instead.
        const std::string mnt = m_dir.filePath("tiny2").toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(mnt)));
        const int rc = inChild([&] {
            if (::unshare(CLONE_NEWNS) != 0) return 77;
            if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 77;
            if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=256k") != 0) return 77;
            const std::string path = mnt + "/grow.bin";
            const int fd = ::open(path.c_str(), O_CREAT | O_RDWR, 0644);
            if (fd < 0 || ::write(fd, "abcd", 4) != 4) return 2;
            ::close(fd);
            auto opened = Document::open(path, OpenMode::Shared);
            if (!opened) return 3;
            Document& doc = opened.value();
            const Status st = doc.resize(8 << 20);
            if (st.ok()) {
                // Allowed: then reading all of it must not fault.
                std::uint64_t sum = 0;
                for (std::uint64_t i = 0; i < doc.size(); i += 4096) sum += doc.mappingData()[i];
                return doc.damaged() ? 4 : 5;
            }
            const bool saysFull = st.error().message.find("disk is full") != std::string::npos;
            struct stat sb;
            const bool sizeKept = ::stat(path.c_str(), &sb) == 0 && sb.st_size == 4 && doc.size() == 4;
            return saysFull && sizeKept && !doc.damaged() ? 0 : 6;
        });
        if (rc == 77) QSKIP("needs root to mount a small tmpfs in a private namespace");
        QCOMPARE(rc, 0);
    }

    void aPrivateSaveThatFailsLeavesTheFileAsItWas() {
        // Found: private mode, Resize to grow, then Save on a full disk reported ENOSPC but
        // the file had already grown (ftruncate ran before the writes).
        const std::string mnt = m_dir.filePath("tiny3").toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(mnt)));
        const int rc = inChild([&] {
            if (::unshare(CLONE_NEWNS) != 0) return 77;
            if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 77;
            if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=256k") != 0) return 77;
            const std::string path = mnt + "/private.bin";
            const std::string before(100000, 'p');
            const int fd = ::open(path.c_str(), O_CREAT | O_RDWR, 0644);
            if (fd < 0 || ::write(fd, before.data(), before.size()) != ssize_t(before.size())) return 2;
            ::close(fd);
            auto opened = Document::open(path, OpenMode::Private);
            if (!opened) return 3;
            Document& doc = opened.value();
            if (!doc.resize(1200000)) return 4;
            const std::vector<std::uint8_t> fill(1100000, 'g');
            if (!doc.overwrite(100000, fill.data(), fill.size())) return 5;
            const Status st = doc.save();
            if (st.ok()) return 6; // 1.2 MB cannot fit in 256 KiB
            const bool saysFull = st.error().message.find("disk is full") != std::string::npos;
            const bool saysKept = st.error().message.find("left as it was") != std::string::npos;
            const Bytes disk = readDisk(path);
            const bool unchanged = disk == Bytes(before.begin(), before.end());
            const bool editsKept = doc.size() == 1200000 && doc.mappingData()[500000] == 'g' && doc.isModified();
            return saysFull && saysKept && unchanged && editsKept ? 0 : 7;
        });
        if (rc == 77) QSKIP("needs root to mount a small tmpfs in a private namespace");
        QCOMPARE(rc, 0);
    }

    void typingCoalescesIntoOneStep() {
        const auto path = testutil::writeFile(m_dir, "typing.bin", QByteArray(16, '\0'));
        Document doc = open(path, OpenMode::Private);
        const auto T = Document::EditKind::Typing;
        // "ab" typed as hex: high nibble, then the same byte again with the low nibble.
        QVERIFY(putByte(doc, 4, 0xa0, T).ok());
        QVERIFY(putByte(doc, 4, 0xab, T).ok());
        QVERIFY(putByte(doc, 5, 0xc0, T).ok());
        QVERIFY(putByte(doc, 5, 0xcd, T).ok());
        QVERIFY(put(doc, 6, "xy", T).ok());
        QCOMPARE(doc.mappingData()[4], std::uint8_t(0xab));
        QCOMPARE(doc.mappingData()[5], std::uint8_t(0xcd));
        QVERIFY(doc.isModified());
        QVERIFY(doc.undo().ok());
        QCOMPARE(contents(doc), Bytes(16, 0)); // one step undid all of it
        QVERIFY(!doc.canUndo());
        QVERIFY(!doc.isModified());
        QVERIFY(doc.redo().ok());
        QCOMPARE(doc.mappingData()[7], std::uint8_t('y'));
        QCOMPARE(doc.mappingData()[4], std::uint8_t(0xab));

        // A cursor move (breakCoalescing), a jump, or another kind starts a new step.
        QVERIFY(doc.undo().ok());
        QVERIFY(put(doc, 0, "a", T).ok());
        doc.breakCoalescing();
        QVERIFY(put(doc, 1, "b", T).ok());
        QVERIFY(put(doc, 9, "c", T).ok()); // not where the last one ended
        QVERIFY(put(doc, 10, "d").ok());   // not typing
        QVERIFY(put(doc, 11, "e", T).ok());
        int steps = 0;
        while (doc.canUndo()) {
            QVERIFY(doc.undo().ok());
            ++steps;
        }
        QCOMPARE(steps, 5);
        QCOMPARE(contents(doc), Bytes(16, 0));
        QCOMPARE(doc.lastChangeOffset(), std::uint64_t(0));
    }

    void undoRedoAcrossSave() {
        for (auto mode : {OpenMode::Shared, OpenMode::Private}) {
            const auto path = testutil::writeFile(m_dir, "across.bin", "0123456789");
            Document doc = open(path, mode);
            QVERIFY(put(doc, 0, "A").ok());
            QVERIFY(put(doc, 1, "B").ok());
            QVERIFY(doc.save().ok());
            QVERIFY(!doc.isModified());
            QVERIFY(doc.modified().empty());
            QCOMPARE(readDisk(path), Bytes({'A', 'B', '2', '3', '4', '5', '6', '7', '8', '9'}));
            QVERIFY(doc.undo().ok());
            QVERIFY(doc.isModified());
            QCOMPARE(doc.mappingData()[1], std::uint8_t('1'));
            QVERIFY(doc.modified().contains(1));
            QVERIFY(doc.redo().ok());
            QVERIFY(!doc.isModified()); // back at the save point
            QVERIFY(doc.modified().empty());
            QVERIFY(doc.undo().ok());
            QVERIFY(doc.undo().ok());
            QVERIFY(!doc.canUndo());
            QVERIFY(doc.save().ok());
            QCOMPARE(readDisk(path), Bytes({'0', '1', '2', '3', '4', '5', '6', '7', '8', '9'}));
            QVERIFY(doc.redo().ok());
            QVERIFY(doc.isModified());
            // A new edit after undo drops the redo tail.
            QVERIFY(doc.undo().ok());
            QVERIFY(put(doc, 5, "x").ok());
            QVERIFY(!doc.canRedo());
            QVERIFY(doc.undo().ok());
            QVERIFY(!doc.isModified());
        }
    }

    void differentialShared() { differential(OpenMode::Shared, 1, 3000); }
    void differentialPrivate() { differential(OpenMode::Private, 2, 3000); }
    void differentialMoreSeeds() {
        for (std::uint32_t seed = 10; seed < 14; ++seed) {
            differential(OpenMode::Shared, seed, 800);
            differential(OpenMode::Private, seed + 100, 800);
        }
    }

    void sharedEditsAreSeenByOthersBeforeSave() {
        const auto path = testutil::writeFile(m_dir, "ipc.bin", QByteArray(int(2 * m_page), 'a'));
        Document doc = open(path, OpenMode::Shared);
        auto other = MappedFile::open(path, OpenMode::ReadOnly);
        QVERIFY(other.ok());
        QVERIFY(putByte(doc, m_page + 7, 'Z').ok());
        QCOMPARE(other.value().data()[m_page + 7], std::uint8_t('Z')); // a second mapping
        QCOMPARE(byteSeenByChild(path, m_page + 7), int('Z'));           // another process
        QCOMPARE(readDisk(path)[m_page + 7], std::uint8_t('Z'));         // read(2)
        QVERIFY(doc.isModified());
        QVERIFY(doc.save().ok());
        QVERIFY(!doc.isModified());
        QCOMPARE(readDisk(path)[m_page + 7], std::uint8_t('Z'));
    }

    void privateEditsStayHereUntilSave() {
        const auto path = testutil::writeFile(m_dir, "priv.bin", QByteArray(int(2 * m_page), 'a'));
        Document doc = open(path, OpenMode::Private);
        auto other = MappedFile::open(path, OpenMode::ReadOnly);
        QVERIFY(other.ok());
        QVERIFY(putByte(doc, m_page + 7, 'Z').ok());
        QCOMPARE(doc.mappingData()[m_page + 7], std::uint8_t('Z'));
        QCOMPARE(other.value().data()[m_page + 7], std::uint8_t('a'));
        QCOMPARE(byteSeenByChild(path, m_page + 7), int('a'));
        QCOMPARE(readDisk(path)[m_page + 7], std::uint8_t('a'));
        QVERIFY(doc.canSave());
        QVERIFY(doc.save().ok());
        QCOMPARE(readDisk(path)[m_page + 7], std::uint8_t('Z'));
        QCOMPARE(byteSeenByChild(path, m_page + 7), int('Z'));
        QCOMPARE(other.value().data()[m_page + 7], std::uint8_t('Z'));
        QCOMPARE(doc.mappingData()[m_page + 7], std::uint8_t('Z'));
    }

    void revertRestoresTheSavedBytes() {
        for (auto mode : {OpenMode::Shared, OpenMode::Private}) {
            const auto path = testutil::writeFile(m_dir, "revert.bin", "abcdef");
            Document doc = open(path, mode);
            QVERIFY(put(doc, 0, "X").ok());
            QVERIFY(doc.save().ok());
            QVERIFY(put(doc, 1, "YY").ok());
            QVERIFY(doc.resize(3).ok());
            QVERIFY(doc.isModified());
            QVERIFY(doc.revert().ok());
            QVERIFY(!doc.isModified());
            QCOMPARE(contents(doc), Bytes({'X', 'b', 'c', 'd', 'e', 'f'}));
            QCOMPARE(readDisk(path), Bytes({'X', 'b', 'c', 'd', 'e', 'f'}));
            QVERIFY(doc.canRedo()); // the reverted steps can be redone
            QVERIFY(doc.redo().ok());
            QCOMPARE(doc.mappingData()[1], std::uint8_t('Y'));
        }
    }

    void writeLockIsReal() {
        const auto path = testutil::writeFile(m_dir, "lock.bin", QByteArray(int(m_page), 'a'));
        Document doc = open(path, OpenMode::Shared);
        QVERIFY(doc.setWriteProtected(true).ok());
        QVERIFY(doc.writeProtected());
        auto writeThroughPointer = [&] {
            std::signal(SIGSEGV, SIG_DFL); // no sanitizer report: die of the signal itself
            const_cast<std::uint8_t*>(doc.mappingData())[3] = 'W';
            return 0;
        };
        QCOMPARE(inChild(writeThroughPointer), 1000 + SIGSEGV);
        QCOMPARE(doc.mappingData()[3], std::uint8_t('a'));

        // Refused with a message, nothing changes.
        const Status st = put(doc, 3, "Q");
        QVERIFY(!st.ok());
        QVERIFY(st.error().message.find("write-protected") != std::string::npos);
        QVERIFY(!doc.fill(0, 4, {1}).ok());
        QVERIFY(!doc.resize(10).ok());
        QCOMPARE(doc.size(), m_page);
        QCOMPARE(readDisk(path), Bytes(m_page, 'a'));
        QVERIFY(!doc.isModified());

        QVERIFY(doc.setWriteProtected(false).ok());
        QCOMPARE(inChild(writeThroughPointer), 0);
        QCOMPARE(doc.mappingData()[3], std::uint8_t('W')); // the child's store, through MAP_SHARED

        // Locked also blocks undo/redo; the lock survives a resize's new mapping.
        QVERIFY(put(doc, 0, "E").ok());
        QVERIFY(doc.setWriteProtected(true).ok());
        QVERIFY(!doc.undo().ok());
        QCOMPARE(doc.mappingData()[0], std::uint8_t('E'));
        QVERIFY(doc.setWriteProtected(false).ok());
        QVERIFY(doc.resize(20 * m_page).ok());
        QVERIFY(doc.setWriteProtected(true).ok());
        QCOMPARE(inChild(writeThroughPointer), 1000 + SIGSEGV);
    }

    void readOnlyRefusesEdits() {
        const auto path = testutil::writeFile(m_dir, "ro.bin", "abcdef");
        Document doc = open(path, OpenMode::ReadOnly);
        QVERIFY(!doc.editBlocker().empty());
        const Status st = put(doc, 0, "X");
        QVERIFY(!st.ok());
        QVERIFY(st.error().message.find("read-only") != std::string::npos);
        QVERIFY(st.error().message.find("private") != std::string::npos);
        QVERIFY(!doc.fill(0, 2, {0}).ok());
        QVERIFY(!doc.resize(2).ok());
        QVERIFY(!doc.setWriteProtected(true).ok());
        QVERIFY(!doc.canSave());
        QVERIFY(!doc.save().ok());
        QCOMPARE(contents(doc), Bytes({'a', 'b', 'c', 'd', 'e', 'f'}));
        QVERIFY(!doc.isModified());
        QVERIFY(!doc.canUndo());
    }

    void resizeBothModes() {
        for (auto mode : {OpenMode::Shared, OpenMode::Private}) {
            const QByteArray bytes = testutil::randomBytes(3 * m_page + 50, 7);
            const auto path = testutil::writeFile(m_dir, "resize.bin", bytes);
            Document doc = open(path, mode);
            const Bytes original(bytes.begin(), bytes.end());
            // Shrink: the tail is kept for undo.
            QVERIFY(doc.resizeIsUndoable(100));
            QVERIFY(doc.resize(100).ok());
            QCOMPARE(doc.size(), std::uint64_t(100));
            QCOMPARE(diskSize(path), mode == OpenMode::Shared ? 100 : original.size());
            // Grow again: zeros, not the old bytes.
            QVERIFY(doc.resize(5 * m_page).ok());
            QCOMPARE(doc.mappingData()[100], std::uint8_t(0));
            QCOMPARE(doc.mappingData()[3 * m_page], std::uint8_t(0));
            QCOMPARE(doc.mappingData()[5 * m_page - 1], std::uint8_t(0));
            QVERIFY(putByte(doc, 5 * m_page - 1, 0x77).ok()); // edit in the grown part
            QVERIFY(doc.undo().ok());
            QVERIFY(doc.undo().ok()); // the grow
            QCOMPARE(doc.size(), std::uint64_t(100));
            QVERIFY(doc.undo().ok()); // the shrink: the tail comes back
            QCOMPARE(contents(doc), original);
            QVERIFY(doc.redo().ok());
            QVERIFY(doc.redo().ok());
            QVERIFY(doc.redo().ok());
            QCOMPARE(doc.mappingData()[5 * m_page - 1], std::uint8_t(0x77));
            QVERIFY(doc.save().ok());
            Bytes want(5 * m_page, 0);
            std::copy(original.begin(), original.begin() + 100, want.begin());
            want.back() = 0x77;
            QCOMPARE(readDisk(path), want);
        }
    }

    void resizeFromEmptyFile() {
        for (auto mode : {OpenMode::Shared, OpenMode::Private}) {
            const auto path = testutil::writeFile(m_dir, "empty.bin", {});
            Document doc = open(path, mode);
            QCOMPARE(doc.size(), std::uint64_t(0));
            QVERIFY(!put(doc, 0, "x").ok()); // nothing to overwrite yet
            QVERIFY(doc.resize(10).ok());
            QVERIFY(doc.mappingData() != nullptr);
            QVERIFY(put(doc, 2, "hi").ok());
            QCOMPARE(contents(doc), Bytes({0, 0, 'h', 'i', 0, 0, 0, 0, 0, 0}));
            QCOMPARE(readDisk(path).size(), mode == OpenMode::Shared ? 10u : 0u);
            QVERIFY(doc.save().ok());
            QCOMPARE(readDisk(path), Bytes({0, 0, 'h', 'i', 0, 0, 0, 0, 0, 0}));
            QVERIFY(doc.resize(0).ok());
            QVERIFY(doc.mappingData() == nullptr);
            QVERIFY(doc.undo().ok());
            QCOMPARE(contents(doc), Bytes({0, 0, 'h', 'i', 0, 0, 0, 0, 0, 0}));
        }
    }

    void largeShrinkIsNotUndoable() {
        for (auto mode : {OpenMode::Shared, OpenMode::Private}) {
            const std::uint64_t size = 200ull << 20;
            const auto path = testutil::sparseFile(m_dir, "bigshrink.bin", size, "TAIL");
            Document doc = open(path, mode);
            QVERIFY(put(doc, 0, "H").ok());
            QVERIFY(!doc.resizeIsUndoable(1000));
            QVERIFY(doc.resizeIsUndoable(size - Document::kMaxUndoableShrink));
            QVERIFY(doc.resize(1000).ok());
            QVERIFY(!doc.canUndo());
            QVERIFY(doc.isModified());
            QVERIFY(doc.journalMemory() < (1u << 20)); // the 200 MiB tail was not kept
            QVERIFY(doc.save().ok());
            QCOMPARE(diskSize(path), std::uint64_t(1000));
            QCOMPARE(readDisk(path)[0], std::uint8_t('H'));
            // Exactly at the limit it is kept.
            QVERIFY(doc.resize(Document::kMaxUndoableShrink + 10).ok());
            QVERIFY(doc.fill(Document::kMaxUndoableShrink + 9, 1, {0x5a}).ok());
            QVERIFY(doc.resize(10).ok());
            QVERIFY(doc.undo().ok());
            QCOMPARE(doc.mappingData()[Document::kMaxUndoableShrink + 9], std::uint8_t(0x5a));
        }
    }

    void followGrowth() {
        for (auto mode : {OpenMode::ReadOnly, OpenMode::Shared, OpenMode::Private}) {
            const auto path = testutil::writeFile(m_dir, "grow.log", "line 1\n");
            Document doc = open(path, mode);
            auto nothing = doc.followGrowth();
            QVERIFY(nothing.ok() && !nothing.value());
            {
                QFile f(QString::fromStdString(path));
                QVERIFY(f.open(QIODevice::Append));
                f.write(QByteArray(int(m_page), 'x') + "line 2\n");
            }
            auto grew = doc.followGrowth();
            QVERIFY(grew.ok() && grew.value());
            QCOMPARE(doc.size(), 7 + m_page + 7);
            QCOMPARE(doc.mappingData()[7], std::uint8_t('x'));
            QCOMPARE(doc.mappingData()[doc.size() - 2], std::uint8_t('2'));
        }
        // Private, after a resize of its own: the document's size wins.
        const auto path = testutil::writeFile(m_dir, "grow2.log", "abc");
        Document doc = open(path, OpenMode::Private);
        QVERIFY(doc.resize(2).ok());
        {
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::Append));
            f.write("defgh");
        }
        auto grew = doc.followGrowth();
        QVERIFY(grew.ok() && !grew.value());
        QCOMPARE(doc.size(), std::uint64_t(2));
    }

    void saveAsWritesACopyAndSwitches() {
        for (auto mode : {OpenMode::Shared, OpenMode::Private}) {
            const auto path = testutil::sparseFile(m_dir, "src.bin", 64ull << 20, "END");
            Document doc = open(path, mode);
            QVERIFY(put(doc, 5, "hello").ok());
            QVERIFY(doc.resize((64ull << 20) + 10).ok());
            const std::string target = m_dir.filePath("copy.bin").toStdString();
            const Status st = doc.saveAs(target);
            QVERIFY2(st.ok(), st.ok() ? "" : st.error().message.c_str());
            QCOMPARE(doc.path(), target);
            QVERIFY(!doc.isModified());
            const Bytes disk = readDisk(target);
            QCOMPARE(disk.size(), std::size_t((64ull << 20) + 10));
            QCOMPARE(std::memcmp(disk.data() + 5, "hello", 5), 0);
            QCOMPARE(std::memcmp(disk.data() + (64 << 20) - 3, "END", 3), 0);
            QCOMPARE(disk.back(), std::uint8_t(0));
            struct stat st2;
            QCOMPARE(::stat(target.c_str(), &st2), 0);
            QVERIFY(std::uint64_t(st2.st_blocks) * 512 < (1ull << 20)); // holes kept
            QVERIFY(!hasTempFiles(m_dir.path()));
            // The journal is kept: undo edits the new file.
            QVERIFY(doc.undo().ok());
            QVERIFY(doc.undo().ok());
            QCOMPARE(doc.mappingData()[5], std::uint8_t(0));
            QVERIFY(doc.save().ok());
            QCOMPARE(readDisk(target)[5], std::uint8_t(0));
            QCOMPARE(diskSize(target), 64ull << 20);
        }
    }

    void saveAsFailuresLeaveEverything() {
        const auto path = testutil::writeFile(m_dir, "orig.bin", "original");
        Document doc = open(path, OpenMode::Private);
        QVERIFY(put(doc, 0, "EDITED").ok());
        auto intact = [&] {
            QCOMPARE(readDisk(path), Bytes({'o', 'r', 'i', 'g', 'i', 'n', 'a', 'l'}));
            QCOMPARE(doc.path(), path);
            QVERIFY(doc.isModified());
            QCOMPARE(std::memcmp(doc.mappingData(), "EDITEDal", 8), 0);
            QVERIFY(doc.canUndo());
        };
        // The target is a folder.
        QVERIFY(QDir(m_dir.path()).mkpath("adir"));
        Status st = doc.saveAs(m_dir.filePath("adir").toStdString());
        QVERIFY(!st.ok());
        QVERIFY(st.error().message.find("adir") != std::string::npos);
        QVERIFY(st.error().message.find("folder") != std::string::npos);
        intact();
        // The folder does not exist.
        st = doc.saveAs(m_dir.filePath("missing/x.bin").toStdString());
        QVERIFY(!st.ok());
        QVERIFY(st.error().message.find("missing") != std::string::npos);
        QVERIFY(st.error().message.find("does not exist") != std::string::npos);
        intact();

        // A folder we may not write to (as "nobody": root ignores modes).
        const QString roDir = m_dir.filePath("rodir");
        QVERIFY(QDir(m_dir.path()).mkpath("rodir"));
        ::chmod(roDir.toLocal8Bit().constData(), 0555);
        ::chmod(m_dir.path().toLocal8Bit().constData(), 0755);
        const std::string roTarget = (roDir + "/out.bin").toStdString();
        const int code = inChild([&] {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) return 3;
            const Status s = doc.saveAs(roTarget);
            if (s.ok()) return 1;
            if (s.error().message.find("rodir") == std::string::npos) return 2;
            if (s.error().message.find("may not") == std::string::npos) return 4;
            return doc.isModified() && doc.path() == path ? 0 : 5;
        });
        QCOMPARE(code, 0);
        QVERIFY(!QFile::exists(QString::fromStdString(roTarget)));
        intact();

        // The disk fills up half way (a file size limit stands in for a full disk).
        const auto big = testutil::writeFile(m_dir, "big.bin", testutil::randomBytes(1 << 20, 3));
        Document bigDoc = open(big, OpenMode::Shared);
        QVERIFY(put(bigDoc, 0, "Z").ok());
        const std::string full = m_dir.filePath("full.bin").toStdString();
        const auto existing = testutil::writeFile(m_dir, "full.bin", "previous");
        const int code2 = inChild([&] {
            std::signal(SIGXFSZ, SIG_IGN);
            rlimit lim{64 << 10, 64 << 10};
            if (::setrlimit(RLIMIT_FSIZE, &lim) != 0) return 3;
            const Status s = bigDoc.saveAs(full);
            if (s.ok()) return 1;
            if (s.error().message.find("full.bin") == std::string::npos) return 2;
            return bigDoc.path() == big ? 0 : 5;
        });
        QCOMPARE(code2, 0);
        QCOMPARE(readDisk(full), Bytes({'p', 'r', 'e', 'v', 'i', 'o', 'u', 's'}));
        QVERIFY(!hasTempFiles(m_dir.path()));
        QCOMPARE(bigDoc.mappingData()[0], std::uint8_t('Z'));
        QVERIFY(bigDoc.isModified());
    }

    void saveRefusedWhenDamaged() {
        const auto path = testutil::writeFile(m_dir, "damaged.bin", QByteArray(int(4 * m_page), 'd'));
        Document doc = open(path, OpenMode::Private);
        QVERIFY(put(doc, 0, "E").ok());
        QVERIFY(::truncate(path.c_str(), static_cast<off_t>(m_page)) == 0);
        QCOMPARE(doc.mappingData()[3 * m_page], std::uint8_t(0)); // absorbed by the fault guard
        QVERIFY(doc.damaged());
        const Status st = doc.save();
        QVERIFY(!st.ok());
        QVERIFY(st.error().message.find("shrank") != std::string::npos);
        QCOMPARE(diskSize(path), m_page);
        QVERIFY(doc.isModified());
    }

    void editsSurviveATruncationByAnotherProcess() {
        // Private mode: the kernel drops copy-on-write pages past the file's new end, so an
        // edit there vanishes from the mapping. The journal brings every edit back.
        const auto path = testutil::writeFile(m_dir, "cut.bin", QByteArray(int(6 * m_page), 'c'));
        Document doc = open(path, OpenMode::Private);
        QVERIFY(put(doc, 10, "near").ok());
        QVERIFY(put(doc, 5 * m_page + 7, "far").ok());
        QVERIFY(doc.resize(7 * m_page + 5).ok());
        QVERIFY(put(doc, 7 * m_page, "tail").ok());
        QVERIFY(::truncate(path.c_str(), static_cast<off_t>(2 * m_page)) == 0);
        QCOMPARE(doc.mappingData()[5 * m_page + 7], std::uint8_t(0)); // lost from the mapping
        QVERIFY(doc.damaged());
        QVERIFY(doc.canRecoverEdits());
        auto applied = doc.recoverEdits();
        QVERIFY2(applied.ok(), applied.ok() ? "" : applied.error().message.c_str());
        QCOMPARE(applied.value(), std::size_t(4));
        QVERIFY(!doc.damaged());
        QCOMPARE(doc.size(), std::uint64_t(7 * m_page + 5));
        const Bytes now = contents(doc);
        QCOMPARE(std::string(now.begin() + 10, now.begin() + 14), std::string("near"));
        QCOMPARE(std::string(now.begin() + 5 * m_page + 7, now.begin() + 5 * m_page + 10), std::string("far"));
        QCOMPARE(std::string(now.begin() + 7 * m_page, now.begin() + 7 * m_page + 4), std::string("tail"));
        QCOMPARE(now[m_page], std::uint8_t('c'));      // still in the file
        QCOMPARE(now[3 * m_page], std::uint8_t(0));    // cut off by the other process
        // A Save As keeps all of it.
        const std::string copy = m_dir.filePath("cut-copy.bin").toStdString();
        QVERIFY(doc.saveAs(copy).ok());
        QCOMPARE(readDisk(copy), now);
        // And undo still walks back through the same steps.
        QVERIFY(doc.undo().ok());
        QCOMPARE(doc.mappingData()[7 * m_page], std::uint8_t(0));
    }

    void privateSaveOfAShrinkThenGrowLeavesHoles() {
        // The bytes the document lost and regained read as zeros: on disk too, without
        // writing gigabytes of zeros (holes), and edits made since are kept.
        const auto path = testutil::sparseFile(m_dir, "regrow.bin", 64 << 20, "end");
        {
            const int fd = ::open(path.c_str(), O_WRONLY);
            const QByteArray text(1 << 20, 't');
            QCOMPARE(::pwrite(fd, text.constData(), text.size(), 8 << 20), ssize_t(text.size()));
            ::close(fd);
        }
        Document doc = open(path, OpenMode::Private);
        QVERIFY(doc.resize(4 << 20).ok());
        QVERIFY(doc.resize(64 << 20).ok());
        QVERIFY(put(doc, (8 << 20) + 100, "kept").ok());
        QVERIFY(doc.save().ok());
        const Bytes disk = readDisk(path);
        QCOMPARE(disk.size(), std::size_t(64 << 20));
        QCOMPARE(disk[(8 << 20) + 50], std::uint8_t(0)); // the old text is gone
        QCOMPARE(std::string(disk.begin() + (8 << 20) + 100, disk.begin() + (8 << 20) + 104), std::string("kept"));
        QCOMPARE(disk.back(), std::uint8_t(0));
        struct stat st;
        QCOMPARE(::stat(path.c_str(), &st), 0);
        QVERIFY(st.st_blocks * 512 < (4 << 20) + (1 << 20)); // holes, not written zeros
    }

    void saveAsFailsWhenTheSourceShrinksDuringTheCopy() {
        // Found: Save As while another process truncated the source reported success and
        // wrote hundreds of megabytes of zeros that were never in the file.
        const auto path = testutil::writeFile(m_dir, "shrinking-source.bin", testutil::randomBytes(8 << 20, 5));
        for (OpenMode mode : {OpenMode::ReadOnly, OpenMode::Shared, OpenMode::Private}) {
            // A fresh 8 MiB source each round.
            {
                QFile f(QString::fromStdString(path));
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(testutil::randomBytes(8 << 20, 5));
            }
            Document doc = open(path, mode);
            const std::string copy = m_dir.filePath("shrunk-copy.bin").toStdString();
            ::unlink(copy.c_str());
            bool cut = false;
            const Status st = doc.writeCopy(copy, [&](std::uint64_t done, std::uint64_t) {
                if (!cut && done >= (2u << 20)) {
                    cut = true; // another process truncates the source half-way
                    QFile::resize(QString::fromStdString(path), 3 << 20);
                }
                return true;
            });
            QVERIFY(cut);
            QVERIFY2(!st.ok(), modeName(mode));
            QVERIFY2(st.error().message.find("shrank on disk while it was being copied") != std::string::npos,
                     st.error().message.c_str());
            QVERIFY(::access(copy.c_str(), F_OK) != 0); // no copy with invented zeros
        }
    }

    void privateSaveOnReadOnlyFileNeedsSaveAs() {
        const auto path = testutil::writeFile(m_dir, "perm.bin", "abc");
        ::chmod(path.c_str(), 0644);
        ::chmod(m_dir.path().toLocal8Bit().constData(), 0755);
        Document doc = open(path, OpenMode::Private);
        QVERIFY(put(doc, 0, "X").ok());
        const int code = inChild([&] {
            // As "nobody", the same file opens private read-only: save refuses.
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) return 3;
            auto r = Document::open(path, OpenMode::Private);
            if (!r.ok()) return 4;
            Document mine = std::move(r.value());
            if (!put(mine, 0, "Y").ok()) return 5;
            if (mine.canSave()) return 1;
            const Status s = mine.save();
            if (s.ok() || s.error().message.find("Save As") == std::string::npos) return 2;
            return 0;
        });
        QCOMPARE(code, 0);
        QCOMPARE(readDisk(path), Bytes({'a', 'b', 'c'}));
        QVERIFY(doc.canSave()); // we (root or owner) may
    }

    void journalMemoryForAMillionEdits() {
        // One million scattered single-byte edits (every other byte, in a shuffled order,
        // so none merge): at the end of a 16 GiB sparse file, and in a small file.
        constexpr std::uint64_t kEdits = 1000000;
        auto run = [&](std::uint64_t fileSize, const QString& name) -> std::size_t {
            const auto path = testutil::sparseFile(m_dir, name, fileSize);
            Document doc = open(path, OpenMode::Private);
            const std::uint64_t base = fileSize - 2 * kEdits;
            for (std::uint64_t i = 0; i < kEdits; ++i) {
                const std::uint64_t k = (i * 7919) % kEdits; // a permutation
                if (!putByte(doc, base + 2 * k, std::uint8_t(k | 1)).ok()) return 0;
            }
            if (doc.modified().count() != kEdits) return 0;
            if (doc.mappingData()[base + 2 * 77] != std::uint8_t(77 | 1)) return 0;
            // Undo and redo the last edit: the journal still leads back.
            if (!doc.undo().ok() || !doc.redo().ok()) return 0;
            return doc.journalMemory();
        };
        const std::size_t big = run(16ull << 30, "million16g.bin");
        const std::size_t small = run(4ull << 20, "million4m.bin");
        QVERIFY(big > 0 && small > 0);
        qInfo("journal for %llu edits: %zu bytes (%.1f bytes/edit); 4 MiB file: %zu bytes",
              static_cast<unsigned long long>(kEdits), big, double(big) / kEdits, small);
        QVERIFY(big < 64 * kEdits);
        QCOMPARE(big, small); // the file's size plays no part
    }

    void rangeSetMergesAndClips() {
        RangeSet s;
        s.add(10, 20);
        s.add(30, 40);
        s.add(20, 25); // touching: merges
        QCOMPARE(s.count(), std::size_t(2));
        QVERIFY(s.contains(24) && !s.contains(25) && !s.contains(9));
        s.add(5, 35); // swallows both
        QCOMPARE(s.count(), std::size_t(1));
        QCOMPARE(s.ranges().front(), std::make_pair(std::uint64_t(5), std::uint64_t(40)));
        s.truncate(12);
        QCOMPARE(s.ranges().front(), std::make_pair(std::uint64_t(5), std::uint64_t(12)));
        // Many ranges across blocks, then one that covers them all.
        RangeSet m;
        std::mt19937 rng(5);
        std::vector<bool> ref(20000, false);
        for (int i = 0; i < 5000; ++i) {
            const std::uint64_t a = rng() % 19990, n = 1 + rng() % 3;
            m.add(a, a + n);
            for (std::uint64_t k = a; k < a + n; ++k) ref[k] = true;
        }
        for (std::uint64_t k = 0; k < ref.size(); ++k)
            if (m.contains(k) != ref[k]) QFAIL(qPrintable(QString("offset %1").arg(k)));
        std::uint64_t covered = 0;
        for (const auto& [a, b] : m.overlapping(100, 15000)) covered += b - a;
        QCOMPARE(covered, std::uint64_t(std::count(ref.begin() + 100, ref.begin() + 15000, true)));
        m.add(50, 19000);
        QVERIFY(m.contains(50) && m.contains(18999) && m.count() < 300);
        m.truncate(0);
        QVERIFY(m.empty());
    }
};

QTEST_APPLESS_MAIN(TestDocument)
#include "test_document.moc"
