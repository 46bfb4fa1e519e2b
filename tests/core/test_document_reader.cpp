// SPDX-License-Identifier: MIT
// DocumentReader and scanBlocks: the one way jobs read a document. The reader shows what
// the window shows in every mode (private edits included) and the file's holes as holes;
// the scan visits each data byte once, skips holes unread, stops within a MiB of a cancel,
// and says when the file shrank under it.
#include "document_reader.h"
#include "temp_files.h"

#include <QtTest>

#include <atomic>
#include <mutex>
#include <unistd.h>

using namespace hexmap;

namespace {

// Every byte the scan visits, by offset (each must be visited once).
struct Seen {
    std::mutex mutex;
    std::vector<std::pair<std::uint64_t, QByteArray>> parts;
};

QByteArray assemble(Seen& seen, std::uint64_t size) {
    QByteArray out(qsizetype(size), '\0');
    std::sort(seen.parts.begin(), seen.parts.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::uint64_t last = 0;
    for (const auto& [at, bytes] : seen.parts) {
        if (at < last) return "overlap";
        out.replace(qsizetype(at), bytes.size(), bytes);
        last = at + std::uint64_t(bytes.size());
    }
    return out;
}

} // namespace

class TestDocumentReader : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void readsWhatTheWindowShowsInEveryMode() {
        const QByteArray bytes = testutil::randomBytes(3'000'000, 5);
        for (OpenMode m : {OpenMode::ReadOnly, OpenMode::Shared, OpenMode::Private}) {
            const std::string path = testutil::writeFile(m_dir, QString("r%1.bin").arg(int(m)), bytes);
            auto doc = Document::open(path, m);
            QVERIFY(doc.ok());
            QByteArray expected = bytes;
            if (m != OpenMode::ReadOnly) {
                const std::uint8_t x[] = {1, 2, 3, 4};
                QVERIFY(doc.value().overwrite(2'500'000, x, 4).ok());
                expected.replace(2'500'000, 4, QByteArray("\x01\x02\x03\x04", 4));
            }
            const ReadLease lease = doc.value().lease("test");
            const DocumentReader reader(doc.value(), lease);
            QCOMPARE(reader.size(), std::uint64_t(bytes.size()));
            Seen seen;
            BlockScan scan;
            scan.blockSize = 1u << 20;
            scan.blocks = {0, 1, 2};
            scan.visit = [&](int, std::uint64_t, std::uint64_t at, const std::uint8_t* p, std::size_t n) {
                std::lock_guard lock(seen.mutex);
                seen.parts.emplace_back(at, QByteArray(reinterpret_cast<const char*>(p), qsizetype(n)));
            };
            QVERIFY(scanBlocks(reader, scan));
            QCOMPARE(assemble(seen, reader.size()), expected);
        }
    }

    void holesAreNotVisited() {
        const std::string path = testutil::sparseFile(m_dir, "sparse.img", 4ull << 30, "tail bytes");
        auto doc = Document::open(path, OpenMode::ReadOnly);
        QVERIFY(doc.ok());
        const ReadLease lease = doc.value().lease("test");
        const DocumentReader reader(doc.value(), lease);
        std::atomic<std::uint64_t> visited{0};
        BlockScan scan;
        scan.blockSize = 64u << 20;
        for (std::uint64_t b = 0; b < 64; ++b) scan.blocks.push_back(b);
        scan.visit = [&](int, std::uint64_t, std::uint64_t, const std::uint8_t*, std::size_t n) { visited += n; };
        QVERIFY(scanBlocks(reader, scan));
        QVERIFY2(visited.load() <= 64 * 1024, qPrintable(QString::number(visited.load())));
        QVERIFY(visited.load() >= 10);
    }

    void stopsWithinAMiBOfACancel() {
        const std::string path = testutil::writeFile(m_dir, "stop.bin", testutil::randomBytes(32 << 20, 6));
        auto doc = Document::open(path, OpenMode::Private);
        QVERIFY(doc.ok());
        const ReadLease lease = doc.value().lease("test");
        const DocumentReader reader(doc.value(), lease);
        std::atomic<bool> stop{false};
        std::atomic<std::uint64_t> visited{0};
        BlockScan scan;
        scan.blockSize = 32u << 20; // one block: only the per-MiB check can stop it
        scan.blocks = {0};
        scan.stop = &stop;
        scan.visit = [&](int, std::uint64_t, std::uint64_t, const std::uint8_t*, std::size_t n) {
            visited += n;
            if (visited.load() >= (3u << 20)) stop = true;
        };
        (void)scanBlocks(reader, scan);
        QVERIFY2(visited.load() <= (4u << 20), qPrintable(QString::number(visited.load())));
    }

    void aShortReadIsReported() {
        const std::string path = testutil::writeFile(m_dir, "short.bin", testutil::randomBytes(8 << 20, 7));
        auto doc = Document::open(path, OpenMode::ReadOnly);
        QVERIFY(doc.ok());
        const ReadLease lease = doc.value().lease("test");
        const DocumentReader reader(doc.value(), lease);
        QCOMPARE(::truncate(path.c_str(), 1 << 20), 0);
        BlockScan scan;
        scan.blockSize = 1u << 20;
        for (std::uint64_t b = 0; b < 8; ++b) scan.blocks.push_back(b);
        scan.threads = 1;
        scan.visit = [](int, std::uint64_t, std::uint64_t, const std::uint8_t*, std::size_t) {};
        // Read with pread (a file under 64 MiB): the lost part is a short read, not zeros.
        QVERIFY(!scanBlocks(reader, scan));
    }
};

QTEST_GUILESS_MAIN(TestDocumentReader)
#include "test_document_reader.moc"
