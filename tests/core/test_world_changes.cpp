// SPDX-License-Identifier: MIT
// Another process changes the file under an open document: appends, truncates, truncates
// and grows it back, renames another file over it. For each operation that reads or writes
// the file (save private and shared, Save As, checksums, Find All, follow), the bytes on
// disk and what the document reports are checked against a model of what the user and the
// other process did. The rows named D1, D2, D3 are the defects of issue 23.
#include "byte_source.h"
#include "document.h"
#include "document_source.h"
#include "searcher.h"
#include "temp_files.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hexmap;

namespace {

QByteArray readAll(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) return "<missing>";
    return f.readAll();
}

// The other process: a second descriptor, as `cat >>`, `truncate` or `mv` would act.
void appendBytes(const std::string& path, const QByteArray& bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND);
    QVERIFY(fd >= 0);
    QCOMPARE(::write(fd, bytes.constData(), static_cast<std::size_t>(bytes.size())), bytes.size());
    ::close(fd);
}
void truncateTo(const std::string& path, std::uint64_t size) {
    QCOMPARE(::truncate(path.c_str(), static_cast<off_t>(size)), 0);
}

QByteArray pattern(int n, char seed) {
    QByteArray b(n, '\0');
    for (int i = 0; i < n; ++i) b[i] = static_cast<char>(seed + (i * 7) % 23);
    return b;
}

const char* modeLabel(OpenMode m) {
    return m == OpenMode::ReadOnly ? "read-only" : m == OpenMode::Shared ? "shared" : "private";
}

} // namespace

class TestWorldChanges : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    // D1: a private save never cuts off what another process appended.
    void privateSaveKeepsAppendedBytes_data() {
        QTest::addColumn<bool>("edit");
        QTest::newRow("with an edit") << true;
        QTest::newRow("without an edit") << false;
    }
    void privateSaveKeepsAppendedBytes() {
        QFETCH(bool, edit);
        const QByteArray original = pattern(1'200'000, 'a');
        const std::string path = testutil::writeFile(m_dir, QString("d1-%1.bin").arg(edit), original);
        auto doc = Document::open(path, OpenMode::Private);
        QVERIFY(doc.ok());
        QByteArray expected = original;
        if (edit) {
            const std::uint8_t x[] = {'X', 'Y'};
            QVERIFY(doc.value().overwrite(1000, x, 2).ok());
            expected[1000] = 'X';
            expected[1001] = 'Y';
        }
        const QByteArray appended = pattern(28'000, 'A');
        appendBytes(path, appended);
        expected += appended;
        QCOMPARE(doc.value().appendedOnDisk(), std::uint64_t(28'000));
        QVERIFY(!doc.value().resizedSinceSave());
        const Status st = doc.value().save();
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().message.c_str());
        QCOMPARE(readAll(path), expected);
        // The document took on the appended bytes, and agrees with the file again.
        QCOMPARE(doc.value().size(), std::uint64_t(expected.size()));
        QCOMPARE(doc.value().appendedOnDisk(), std::uint64_t(0));
        QVERIFY(std::memcmp(doc.value().data(), expected.constData(), expected.size()) == 0);
    }

    // D1: a resize by the user over a file that grew is refused unless confirmed.
    void privateResizeOverGrowthAsks() {
        const QByteArray original = pattern(100'000, 'a');
        const std::string path = testutil::writeFile(m_dir, "d1-resize.bin", original);
        auto doc = Document::open(path, OpenMode::Private);
        QVERIFY(doc.ok());
        QVERIFY(doc.value().resize(50'000).ok());
        appendBytes(path, pattern(5'000, 'Z'));
        Status st = doc.value().save();
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, EEXIST);
        QVERIFY(QString::fromStdString(st.error().message).contains("grew on disk by 5000 bytes"));
        QCOMPARE(readAll(path).size(), 105'000); // nothing written
        QVERIFY(doc.value().isModified());
        st = doc.value().save(true); // the user agreed
        QVERIFY(st.ok());
        QCOMPARE(readAll(path), original.left(50'000));
    }

    // A resize without growth on disk saves as before (the file takes the document's size).
    void privateResizeWithoutGrowthSaves() {
        const std::string path = testutil::writeFile(m_dir, "resize-plain.bin", pattern(10'000, 'a'));
        auto doc = Document::open(path, OpenMode::Private);
        QVERIFY(doc.ok());
        QVERIFY(doc.value().resize(4'000).ok());
        QVERIFY(doc.value().save().ok());
        QCOMPARE(readAll(path), pattern(10'000, 'a').left(4'000));
    }

    // A shared save never changes the size: appended bytes stay.
    void sharedSaveKeepsAppendedBytes() {
        const QByteArray original = pattern(300'000, 'a');
        const std::string path = testutil::writeFile(m_dir, "shared-append.bin", original);
        auto doc = Document::open(path, OpenMode::Shared);
        QVERIFY(doc.ok());
        const std::uint8_t x = 'Q';
        QVERIFY(doc.value().overwrite(5, &x, 1).ok());
        appendBytes(path, "tail");
        QVERIFY(doc.value().save().ok());
        QByteArray expected = original;
        expected[5] = 'Q';
        QCOMPARE(readAll(path), expected + "tail");
    }

    // D2 and every save after a truncation: refused in all three modes; nothing written,
    // no zeros presented as content.
    void truncatedRefusesSaveAndSaveAs_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("regrow");
        for (OpenMode m : {OpenMode::ReadOnly, OpenMode::Shared, OpenMode::Private}) {
            QTest::addRow("%s, truncated", modeLabel(m)) << int(m) << false;
        }
    }
    void truncatedRefusesSaveAndSaveAs() {
        QFETCH(int, mode);
        const auto m = static_cast<OpenMode>(mode);
        const QByteArray original = pattern(12'000'000, 'a');
        const std::string path =
            testutil::writeFile(m_dir, QString("d2-%1.bin").arg(mode), original);
        auto doc = Document::open(path, m);
        QVERIFY(doc.ok());
        truncateTo(path, 6'000'000);
        const std::string copy = m_dir.filePath(QString("d2-copy-%1.bin").arg(mode)).toStdString();
        const Status asCopy = doc.value().writeCopy(copy);
        QVERIFY(!asCopy.ok());
        QVERIFY2(QString::fromStdString(asCopy.error().message).contains("shrank on disk"),
                 asCopy.error().message.c_str());
        QVERIFY(!QFile::exists(QString::fromStdString(copy)));
        // D3: the check every reader (checksums) asks.
        QVERIFY(!doc.value().checkIntact("x").ok());
        if (m != OpenMode::ReadOnly) {
            const Status saved = doc.value().save();
            QVERIFY(!saved.ok());
            QCOMPARE(readAll(path), original.left(6'000'000)); // not grown back with zeros
        }
        // Grown back by the other process to the old size: real bytes again, so allowed.
        appendBytes(path, pattern(6'000'000, 'k'));
        if (!doc.value().damaged()) {
            QVERIFY(doc.value().checkIntact("x").ok());
            QVERIFY(doc.value().writeCopy(copy).ok());
            QCOMPARE(readAll(copy), original.left(6'000'000) + pattern(6'000'000, 'k'));
        }
    }

    // D3: a checksum of a truncated document is refused, one of an intact one is not.
    void checksumRefusedAfterTruncation() {
        const std::string path = testutil::writeFile(m_dir, "d3.bin", pattern(2'000'000, 'a'));
        auto doc = Document::open(path, OpenMode::Private);
        QVERIFY(doc.ok());
        QVERIFY(doc.value().checkIntact("A checksum would be wrong.").ok());
        truncateTo(path, 1'000'000);
        const Status st = doc.value().checkIntact("A checksum would be wrong.");
        QVERIFY(!st.ok());
        QVERIFY(QString::fromStdString(st.error().message).contains("to 1000000 bytes"));
        QVERIFY(QString::fromStdString(st.error().message).contains("A checksum would be wrong."));
    }

    // Another file renamed over the path: a save would write into the old, nameless file.
    void renameOverRefusesSave() {
        const std::string path = testutil::writeFile(m_dir, "renamed.bin", pattern(4096, 'a'));
        const std::string other = testutil::writeFile(m_dir, "other.bin", pattern(4096, 'z'));
        for (OpenMode m : {OpenMode::Shared, OpenMode::Private}) {
            testutil::writeFile(m_dir, "renamed.bin", pattern(4096, 'a'));
            testutil::writeFile(m_dir, "other.bin", pattern(4096, 'z'));
            auto doc = Document::open(path, m);
            QVERIFY(doc.ok());
            const std::uint8_t x = 'Q';
            QVERIFY(doc.value().overwrite(0, &x, 1).ok());
            QCOMPARE(::rename(other.c_str(), path.c_str()), 0);
            const Status st = doc.value().save();
            QVERIFY2(!st.ok(), modeLabel(m));
            QVERIFY(QString::fromStdString(st.error().message).contains("replaced on disk"));
            QCOMPARE(readAll(path), pattern(4096, 'z')); // the new file is untouched
            QVERIFY(doc.value().isModified());           // the edit is kept for Save As
        }
    }

    // Find All and follow over a file that grows: the appended part is found, offsets hold.
    void followThenFindAllSeesAppendedPart() {
        QByteArray log;
        for (int i = 0; i < 2000; ++i) log += (i % 10 == 0 ? "ERROR x\n" : "INFO yy\n");
        const std::string path = testutil::writeFile(m_dir, "grow.log", log);
        auto doc = Document::open(path, OpenMode::ReadOnly);
        QVERIFY(doc.ok());
        appendBytes(path, "ERROR new\n");
        auto grew = doc.value().followGrowth();
        QVERIFY(grew.ok() && grew.value());
        QCOMPARE(doc.value().size(), std::uint64_t(log.size() + 10));
        const ReadLease lease = doc.value().lease("test");
        const DocumentSource all(doc.value());
        const TailSource tail(all, std::uint64_t(log.size()));
        auto p = Pattern::parse("ERROR", {});
        QVERIFY(p.ok());
        std::vector<Match> found;
        auto r = findAll(tail, p.value(), [&](const Match* m, std::size_t n) {
            found.insert(found.end(), m, m + n);
        });
        QVERIFY(r.ok());
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(found[0].offset, std::uint64_t(0)); // relative to the tail
    }

    // During: another process cuts the file while Save As copies it. The copy is either the
    // whole original (the cut came after it) or not written at all, never one with zeros.
    void saveAsWhileTheFileIsCut() {
        const QByteArray original = pattern(24'000'000, 'c');
        for (int round = 0; round < 6; ++round) {
            const std::string path = testutil::writeFile(m_dir, QString("cut-during-%1.bin").arg(round), original);
            for (OpenMode m : {OpenMode::ReadOnly, OpenMode::Private}) {
                auto doc = Document::open(path, m);
                QVERIFY(doc.ok());
                const std::string copy = m_dir.filePath(QString("cut-copy-%1-%2.bin").arg(round).arg(int(m))).toStdString();
                std::thread cutter([&] {
                    std::this_thread::sleep_for(std::chrono::microseconds(500 * round));
                    ::truncate(path.c_str(), 1'000'000);
                });
                const Status st = doc.value().writeCopy(copy);
                cutter.join();
                if (st.ok()) {
                    QCOMPARE(readAll(copy), original);
                } else {
                    QVERIFY2(QString::fromStdString(st.error().message).contains("shrank on disk"),
                             st.error().message.c_str());
                    QVERIFY(!QFile::exists(QString::fromStdString(copy)));
                }
                testutil::writeFile(m_dir, QString("cut-during-%1.bin").arg(round), original);
            }
        }
    }

    // During: another process appends while a private save writes: its bytes survive.
    void privateSaveWhileAnotherProcessAppends() {
        const QByteArray original = pattern(4'000'000, 'p');
        const std::string path = testutil::writeFile(m_dir, "append-during.bin", original);
        auto doc = Document::open(path, OpenMode::Private);
        QVERIFY(doc.ok());
        std::vector<std::uint8_t> edit(2'000'000, 'E');
        QVERIFY(doc.value().overwrite(1'000'000, edit.data(), edit.size()).ok());
        std::atomic<bool> stop{false};
        std::atomic<int> lines{0};
        std::thread appender([&] {
            const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND);
            while (!stop.load()) {
                if (::write(fd, "appended line\n", 14) == 14) ++lines;
            }
            ::close(fd);
        });
        while (lines.load() < 10) std::this_thread::yield();
        const Status st = doc.value().save();
        stop = true;
        appender.join();
        QVERIFY2(st.ok(), st.ok() ? "" : st.error().message.c_str());
        const QByteArray now = readAll(path);
        QByteArray expected = original;
        expected.replace(1'000'000, 2'000'000, QByteArray(2'000'000, 'E'));
        QVERIFY(now.startsWith(expected));
        QCOMPARE(now.size(), qsizetype(original.size()) + 14 * lines.load());
        QCOMPARE(now.mid(original.size()), QByteArray("appended line\n").repeated(lines.load()));
    }

    // Follow after a truncation: refused as growth (the document is not grown over zeros).
    void followAfterTruncationDoesNotGrow() {
        const std::string path = testutil::writeFile(m_dir, "follow-cut.bin", pattern(100'000, 'a'));
        auto doc = Document::open(path, OpenMode::ReadOnly);
        QVERIFY(doc.ok());
        truncateTo(path, 10'000);
        auto grew = doc.value().followGrowth();
        QVERIFY(grew.ok());
        QVERIFY(!grew.value());
        QVERIFY(!doc.value().checkIntact("x").ok());
    }
};

QTEST_GUILESS_MAIN(TestWorldChanges)
#include "test_world_changes.moc"
