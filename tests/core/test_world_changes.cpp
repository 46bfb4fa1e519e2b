// SPDX-License-Identifier: MIT
// Another process changes the file under an open document: appends, truncates, truncates
// and grows it back, renames another file over it. For each operation that reads or writes
// the file (save private and shared, Save As, checksums, Find All, follow), the bytes on
// disk and what the document reports are checked against a model of what the user and the
// other process did. The rows named D1, D2, D3 are the defects of issue 23.
#include "byte_source.h"
#include "document.h"
#include "document_reader.h"
#include "document_source.h"
#include "hasher.h"
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
    // The table: every operation after every kind of change by another process, in every
    // mode that can do it. "ok" rows check the bytes against the model; "refused" rows
    // check that nothing was written and that the sentence says why.
    void operationAfterAChange_data() {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("mode");
        for (const char* change : {"append", "truncate", "truncate+regrow", "rename over"})
            for (const char* op : {"save", "save as", "checksum", "find all", "find next", "follow", "scan"})
                for (OpenMode m : {OpenMode::ReadOnly, OpenMode::Shared, OpenMode::Private}) {
                    if (QString(op) == "save" && m == OpenMode::ReadOnly) continue;
                    QTest::addRow("%s, %s, %s", change, op, modeLabel(m)) << change << op << int(m);
                }
    }
    void operationAfterAChange() {
        QFETCH(QString, change);
        QFETCH(QString, operation);
        QFETCH(int, mode);
        const auto m = static_cast<OpenMode>(mode);
        static int serial = 0;
        const QString name = QString("table-%1.bin").arg(++serial);
        QByteArray original;
        for (int i = 0; i < 40'000; ++i) original += "line " + QByteArray::number(i) + (i % 7 ? " ok\n" : " ERROR\n");
        const std::string path = testutil::writeFile(m_dir, name, original);
        auto opened = Document::open(path, m);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        QByteArray shown = original; // the model: what the document shows
        if (m != OpenMode::ReadOnly) {
            const std::uint8_t x[] = {'#', '#'};
            QVERIFY(doc.overwrite(100, x, 2).ok());
            shown[100] = '#';
            shown[101] = '#';
        }
        QByteArray onDisk = original; // the model: what the file holds
        bool lost = false;            // bytes the document takes from the file are gone
        bool replaced = false;
        if (change == "append") {
            appendBytes(path, "line new ERROR\n");
            onDisk += "line new ERROR\n";
        } else if (change == "truncate") {
            truncateTo(path, std::uint64_t(original.size() / 2));
            onDisk = original.left(original.size() / 2);
            lost = true;
        } else if (change == "truncate+regrow") {
            truncateTo(path, std::uint64_t(original.size() / 2));
            appendBytes(path, original.mid(original.size() / 2));
            // The file holds its old bytes again; a shared mapping reads them anew.
        } else {
            const std::string other = testutil::writeFile(m_dir, name + ".new", "another file\n");
            QCOMPARE(::rename(other.c_str(), path.c_str()), 0);
            onDisk = "another file\n";
            replaced = true;
        }
        if (m == OpenMode::Shared && !replaced) onDisk.replace(100, 2, "##"); // shared edits are in the file

        if (operation == "save") {
            const Status st = doc.save();
            if (lost || replaced) {
                QVERIFY(!st.ok());
                QCOMPARE(readAll(path), onDisk); // nothing written over the file
            } else {
                QVERIFY2(st.ok(), st.ok() ? "" : st.error().message.c_str());
                QByteArray expected = shown;
                if (change == "append") expected += "line new ERROR\n"; // kept, never cut
                QCOMPARE(readAll(path), expected);
            }
        } else if (operation == "save as") {
            const std::string copy = path + ".copy";
            const Status st = doc.writeCopy(copy);
            if (lost) {
                QVERIFY(!st.ok());
                QVERIFY(!QFile::exists(QString::fromStdString(copy)));
            } else {
                QVERIFY2(st.ok(), st.ok() ? "" : st.error().message.c_str());
                QCOMPARE(readAll(copy), shown);
            }
            QCOMPARE(readAll(path), onDisk);
        } else if (operation == "checksum") {
            const ReadLease lease = doc.lease("checksum");
            const DocumentReader reader(doc, lease);
            auto h = hashRange(reader, 0, reader.size(), {HashAlgorithm::Sha256});
            const Status intact = doc.checkIntact("x");
            if (lost) {
                QVERIFY(!intact.ok() || !h.ok()); // refused either way, as the job does
            } else {
                QVERIFY(h.ok() && intact.ok());
                QCOMPARE(QByteArray::fromStdString(h.value().front().hex),
                         QCryptographicHash::hash(shown, QCryptographicHash::Sha256).toHex());
            }
        } else if (operation == "find all" || operation == "find next") {
            const ReadLease lease = doc.lease("search");
            const DocumentReader reader(doc, lease);
            auto p = Pattern::parse("ERROR", {});
            QVERIFY(p.ok());
            std::vector<std::uint64_t> found;
            bool ok = true;
            if (operation == "find all") {
                auto r = findAll(reader, p.value(), [&](const Match* mm, std::size_t n) {
                    for (std::size_t i = 0; i < n; ++i) found.push_back(mm[i].offset);
                });
                ok = r.ok();
            } else {
                auto r = findNext(reader, p.value(), std::uint64_t(shown.size() / 2 + 10));
                ok = r.ok();
                if (ok && r.value()) found.push_back(r.value()->match.offset);
            }
            if (lost) {
                QVERIFY(!ok || !doc.checkIntact("x").ok()); // the job reports it
            } else {
                std::vector<std::uint64_t> want;
                for (qsizetype at = shown.indexOf("ERROR"); at >= 0; at = shown.indexOf("ERROR", at + 1))
                    want.push_back(std::uint64_t(at));
                if (operation == "find next") {
                    const auto it = std::lower_bound(want.begin(), want.end(), std::uint64_t(shown.size() / 2 + 10));
                    want = {*it};
                }
                QVERIFY(ok);
                QCOMPARE(found, want);
            }
        } else if (operation == "follow") {
            auto grew = doc.followGrowth();
            QVERIFY(grew.ok());
            const bool expectGrowth = change == "append"; // the same file, longer
            QCOMPARE(grew.value(), expectGrowth);
            if (expectGrowth) {
                QCOMPARE(doc.size(), std::uint64_t(shown.size() + 15));
                QCOMPARE(QByteArray(reinterpret_cast<const char*>(doc.mappingData()) + shown.size(), 15),
                         QByteArray("line new ERROR\n"));
            } else {
                QCOMPARE(doc.size(), std::uint64_t(shown.size()));
            }
        } else { // scan: the line count's and the file map's path
            const ReadLease lease = doc.lease("scan");
            const DocumentReader reader(doc, lease);
            std::atomic<std::uint64_t> newlines{0};
            BlockScan scan;
            scan.blockSize = 64 * 1024;
            for (std::uint64_t b = 0; b * scan.blockSize < reader.size(); ++b) scan.blocks.push_back(b);
            scan.visit = [&](int, std::uint64_t, std::uint64_t, const std::uint8_t* p, std::size_t n) {
                newlines += std::uint64_t(std::count(p, p + n, '\n'));
            };
            const bool ok = scanBlocks(reader, scan);
            if (lost) {
                QVERIFY(!ok || !doc.checkIntact("x").ok());
            } else {
                QVERIFY(ok);
                QCOMPARE(newlines.load(), std::uint64_t(shown.count('\n')));
            }
        }
    }

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
        QVERIFY(std::memcmp(doc.value().mappingData(), expected.constData(), expected.size()) == 0);
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
