// SPDX-License-Identifier: MIT
// The edit gate: while a worker thread holds a read lease and scans the mapping, every
// call that changes bytes or could move or unmap the mapping is refused with a sentence
// (and changes nothing); once the lease is released the same call goes through. Run in
// the ASan and TSan builds: with the gate's check removed, these races read unmapped
// memory or race on the bytes, and the sanitizers (or the checks below) fail.
#include "document.h"
#include "read_gate.h"
#include "searcher.h"
#include "temp_files.h"

#include <QtTest>
#include <atomic>
#include <cerrno>
#include <thread>

using namespace hexmap;

namespace {

// A worker that takes a lease and scans the whole document again and again, as Find All
// and Save As do, until stopped (or asked to stop by the document).
class Scanner {
public:
    Scanner(const Document& doc, bool yields = false) : m_doc(doc) {
        m_lease = doc.lease("a test scan", yields);
        m_data = doc.mappingData();
        m_size = doc.size();
        m_thread = std::thread([this] { run(); });
        while (m_rounds.load() == 0 && !m_done.load()) std::this_thread::yield();
    }
    ~Scanner() { stop(); }
    void stop() {
        m_stop = true;
        if (m_thread.joinable()) m_thread.join();
        m_lease.release();
    }
    bool released() const { return m_done.load(); }
    std::uint64_t rounds() const { return m_rounds.load(); }
    std::uint64_t sum() const { return m_sum.load(); }

private:
    void run() {
        auto pattern = Pattern::parse("needle", {});
        while (!m_stop.load() && !m_lease.stopRequested()) {
            // What a worker really does: a multi-threaded scan through the mapping...
            const MemorySource source(m_data, m_size);
            std::uint64_t found = 0;
            (void)findAll(source, pattern.value(),
                          [&](const Match*, std::size_t n) { found += n; }, {},
                          SearchOptions{2, 64 * 1024});
            // ...and a plain walk, like the Save As copy.
            std::uint64_t s = 0;
            for (std::uint64_t i = 0; i < m_size; i += 512) s += m_data[i];
            m_sum = s + found;
            ++m_rounds;
        }
        // Marked done first: whoever waited for the release may look the moment it happens.
        m_done = true;
        m_lease.release(); // a yielding reader lets go as soon as it is asked
    }

    const Document& m_doc;
    ReadLease m_lease;
    const std::uint8_t* m_data = nullptr;
    std::uint64_t m_size = 0;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_done{false};
    std::atomic<std::uint64_t> m_rounds{0};
    std::atomic<std::uint64_t> m_sum{0};
};

Document openDoc(const std::string& path, OpenMode mode) {
    auto d = Document::open(path, mode);
    if (!d) qFatal("%s", d.error().message.c_str());
    return std::move(d).value();
}

} // namespace

class TestReadGate : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;

    std::string makeFile(std::size_t size = 4u << 20) {
        QByteArray bytes = testutil::randomBytes(size, 11);
        bytes.replace(1000, 6, "needle");
        return testutil::writeFile(m_dir, QStringLiteral("gate%1.bin").arg(++m_n), bytes);
    }

    // Calls `change` while a scanner holds a lease: it must be refused with EBUSY and a
    // sentence naming the reader, and leave data(), size() and the bytes as they were.
    // Then, with the lease released, the same call must succeed.
    template <class F> void refusedThenAllowed(Document& doc, F change, const char* what) {
        const std::uint8_t* data = doc.mappingData();
        const std::uint64_t size = doc.size();
        const std::vector<std::uint8_t> before(data, data + std::min<std::uint64_t>(size, 4096));
        {
            Scanner scan(doc);
            QVERIFY(doc.leased());
            const Status st = change();
            QVERIFY2(!st, what);
            QCOMPARE(st.error().code, EBUSY);
            QVERIFY2(QString::fromStdString(st.error().message).contains("a test scan is reading"),
                     st.error().message.c_str());
            QCOMPARE(doc.mappingData(), data);
            QCOMPARE(doc.size(), size);
            QVERIFY(std::equal(before.begin(), before.end(), doc.mappingData()));
            QVERIFY(scan.rounds() > 0);
        }
        QVERIFY(!doc.leased());
        const Status st = change();
        QVERIFY2(st, st.ok() ? what : st.error().message.c_str());
    }

private slots:
    void editsAreRefusedWhileAWorkerReads_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("shared") << int(OpenMode::Shared);
        QTest::newRow("private") << int(OpenMode::Private);
    }
    void editsAreRefusedWhileAWorkerReads() {
        QFETCH(int, mode);
        Document doc = openDoc(makeFile(), OpenMode(mode));
        const std::uint8_t ab[] = {0xab, 0xcd};
        refusedThenAllowed(doc, [&] { return doc.overwrite(10, ab, 2); }, "overwrite");
        refusedThenAllowed(doc, [&] { return doc.fill(100, 5000, {1, 2, 3}); }, "fill");
        refusedThenAllowed(doc, [&] { return doc.replaceAll({0, 64, 4096}, ab, 2); }, "replace all");
        refusedThenAllowed(doc, [&] { return doc.undo(); }, "undo");
        refusedThenAllowed(doc, [&] { return doc.redo(); }, "redo");
        refusedThenAllowed(doc, [&] { return doc.save(); }, "save");
        refusedThenAllowed(doc, [&] { return doc.resize(doc.size() + (3u << 20)); }, "grow");
        refusedThenAllowed(doc, [&] { return doc.resize(doc.size() / 3); }, "shrink");
        refusedThenAllowed(doc, [&] { return doc.revert(); }, "revert");
    }

    void followGrowthWaitsForTheWorker() {
        const std::string path = makeFile();
        Document doc = openDoc(path, OpenMode::ReadOnly);
        {
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::Append));
            f.write(QByteArray(8 << 20, 'g')); // enough that mremap must move or grow
        }
        auto grow = [&]() -> Status {
            auto r = doc.followGrowth();
            if (!r) return r.error();
            return r.value() ? Status{} : Status(Error{0, "did not grow"});
        };
        refusedThenAllowed(doc, grow, "follow growth");
        QCOMPARE(doc.size(), std::uint64_t((4u << 20) + (8u << 20)));
    }

    void adoptCopyWaitsForTheWorker() {
        Document doc = openDoc(makeFile(), OpenMode::Private);
        const std::uint8_t z = 'Z';
        QVERIFY(doc.overwrite(0, &z, 1));
        const std::string copy = m_dir.filePath("copy.bin").toStdString();
        QVERIFY(doc.writeCopy(copy));
        refusedThenAllowed(doc, [&] { return doc.adoptCopy(copy); }, "adopt copy");
        QCOMPARE(doc.path(), copy);
    }

    void writeCopyAndSearchMayReadTogether() {
        // Readers do not exclude each other: Save As's copy runs beside a search.
        Document doc = openDoc(makeFile(), OpenMode::Private);
        Scanner scan(doc);
        const std::string copy = m_dir.filePath("together.bin").toStdString();
        const Status st = doc.writeCopy(copy);
        QVERIFY2(st, st.ok() ? "" : st.error().message.c_str());
        QVERIFY(scan.rounds() > 0);
    }

    void writeProtectionMayChangeUnderAReader() {
        // mprotect neither moves nor changes bytes: allowed while a worker reads.
        Document doc = openDoc(makeFile(), OpenMode::Shared);
        Scanner scan(doc);
        QVERIFY(doc.setWriteProtected(true));
        QVERIFY(doc.setWriteProtected(false));
    }

    void yieldingReadersAreStoppedNotWaitedFor() {
        Document doc = openDoc(makeFile(), OpenMode::Shared);
        Scanner scan(doc, /*yields=*/true);
        const std::uint8_t b = 0x42;
        // The edit asks the yielding reader to stop, waits for its release, and goes on.
        const Status st = doc.overwrite(7, &b, 1);
        QVERIFY2(st, st.ok() ? "" : st.error().message.c_str());
        QVERIFY(scan.released());
        QCOMPARE(doc.mappingData()[7], std::uint8_t(0x42));
    }

    void destroyingADocumentStopsItsReaders() {
        auto doc = std::make_unique<Document>(openDoc(makeFile(), OpenMode::ReadOnly));
        Scanner scan(*doc); // a holding lease: the destructor asks it to stop and waits
        std::thread killer([&] { doc.reset(); });
        killer.join();
        QVERIFY(scan.released());
    }

    void gateSentenceNamesEveryReader() {
        auto gate = ReadGate::create();
        ReadLease a = gate->acquire("a search");
        ReadLease b = gate->acquire("Save As");
        const Status st = gate->beginChange("save");
        QVERIFY(!st);
        QCOMPARE(QString::fromStdString(st.error().message),
                 QString("Cannot save now: a search and Save As are reading the file. Wait for it "
                         "to finish, or cancel it."));
        b.release();
        a.release();
        QVERIFY(gate->beginChange("save"));
        gate->endChange();
        QVERIFY(!gate->leased());
    }

    void acquireWaitsForAChangeInProgress() {
        // A lease taken on another thread while a change runs waits for its end, so a new
        // worker never starts on a mapping that is being moved.
        auto gate = ReadGate::create();
        QVERIFY(gate->beginChange("resize"));
        std::atomic<bool> got{false};
        std::thread t([&] {
            ReadLease l = gate->acquire("late reader");
            got = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QVERIFY(!got.load());
        gate->endChange();
        t.join();
        QVERIFY(got.load());
    }
};

QTEST_APPLESS_MAIN(TestReadGate)
#include "test_read_gate.moc"
