// SPDX-License-Identifier: MIT
// What a search costs beyond its answer: holes of sparse files are never read (yet matches
// in and across them are exact), private edits inside holes are found, the memory a scan of
// a mapping made resident is given back, and a pathological regex stops soon after a cancel
// without its memory growing.
#include "../temp_files.h"
#include "byte_source.h"
#include "document.h"
#include "document_source.h"
#include "pattern.h"
#include "searcher.h"

#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

#include <atomic>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace hexmap;

namespace {

using Bytes = std::vector<std::uint8_t>;

Pattern mustParse(const std::string& text, PatternKind kind) {
    PatternOptions o;
    o.kind = kind;
    auto p = Pattern::parse(text, o);
    if (!p) qFatal("pattern '%s' failed: %s", text.c_str(), p.error().message.c_str());
    return std::move(p).value();
}

std::vector<Match> collect(const ByteSource& src, const Pattern& p, SearchOptions so = {}) {
    std::vector<Match> out;
    auto r = findAll(src, p, [&](const Match* m, std::size_t n) { out.insert(out.end(), m, m + n); },
                     {}, so);
    if (!r) out.push_back({~0ull, 0}); // make the comparison fail
    return out;
}

// Declared holes over a buffer, with every byte read from them counted.
class CountingHoles final : public ByteSource {
public:
    CountingHoles(const Bytes& data, std::vector<Extent> holes) : m_data(data), m_holes(std::move(holes)) {}
    std::uint64_t size() const override { return m_data.size(); }
    std::size_t read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const override {
        for (const Extent& h : m_holes) {
            const std::uint64_t s = std::max(offset, h.start), e = std::min(offset + len, h.end);
            if (s < e) holeBytesRead += e - s;
        }
        const std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(len, m_data.size() - offset));
        std::memcpy(buf, m_data.data() + offset, k);
        return k;
    }
    Extent dataAt(std::uint64_t from) const override {
        std::uint64_t at = from;
        for (const Extent& h : m_holes) {
            if (h.end <= at) continue;
            if (h.start <= at) {
                at = h.end;
                continue;
            }
            return {at, h.start};
        }
        return at >= m_data.size() ? Extent{m_data.size(), m_data.size()} : Extent{at, m_data.size()};
    }
    mutable std::atomic<std::uint64_t> holeBytesRead{0};

private:
    const Bytes& m_data;
    std::vector<Extent> m_holes;
};

// Resident pages of the file: a fresh mapping asked with mincore (page cache, not ours).
std::uint64_t cachedPages(const std::string& path, std::uint64_t size) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    void* p = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (p == MAP_FAILED) qFatal("mmap failed");
    const std::uint64_t page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
    std::vector<unsigned char> v((size + page - 1) / page);
    if (mincore(p, size, v.data()) != 0) qFatal("mincore failed");
    munmap(p, size);
    std::uint64_t n = 0;
    for (unsigned char c : v)
        n += c & 1;
    return n;
}

// A line of /proc/self/status, in KiB.
std::uint64_t statusKiB(const char* key) {
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(key)) return line.mid(int(std::strlen(key))).trimmed().split(' ')[0].toULongLong();
    }
    return 0;
}

} // namespace

class TestSearchResources : public QObject {
    Q_OBJECT

private slots:
    void holesAreNeverReadAndMatchesStayExact() {
        // Data islands with holes (zeros) between them; markers touch the holes' edges.
        std::mt19937 rng(8);
        Bytes data(1 << 20, 0);
        std::vector<Extent> holes;
        std::uint64_t at = 0;
        while (at < data.size()) {
            const std::uint64_t dataLen = std::min<std::uint64_t>(500 + rng() % 3000, data.size() - at);
            for (std::uint64_t i = at; i < at + dataLen; ++i)
                data[i] = "MARK ab\n"[rng() % 8];
            at += dataLen;
            const std::uint64_t holeLen = std::min<std::uint64_t>(1000 + rng() % 40000, data.size() - at);
            if (holeLen) holes.push_back({at, at + holeLen});
            at += holeLen;
        }
        QVERIFY(holes.size() > 10);
        MemorySource reference(data.data(), data.size());
        struct Case {
            const char* text;
            PatternKind kind;
        } cases[] = {{"MARK", PatternKind::Text},       {"00 4D", PatternKind::Hex},
                     {"4B 00 00", PatternKind::Hex},    {"M\\w+", PatternKind::Regex},
                     {"\\x00{3}[MA]", PatternKind::Regex}, {"b\\x00*a", PatternKind::Regex},
                     {"\\x00", PatternKind::Regex}};
        for (const Case& c : cases) {
            const Pattern p = mustParse(c.text, c.kind);
            for (std::size_t chunk : {std::size_t(4096), std::size_t(1) << 20}) {
                SearchOptions so;
                so.chunkSize = chunk;
                so.threads = 2;
                CountingHoles holey(data, holes);
                const auto want = collect(reference, p, so);
                const auto got = collect(holey, p, so);
                QVERIFY2(!want.empty(), c.text);
                QVERIFY2(got == want, (std::string(c.text) + " chunk " + std::to_string(chunk) + ": " +
                                       std::to_string(got.size()) + " vs " + std::to_string(want.size()))
                                          .c_str());
                QCOMPARE(holey.holeBytesRead.load(), std::uint64_t(0));
            }
        }
    }

    void sparseFileCostsWhatItsDataCosts() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::uint64_t size = 16ull << 30;
        const std::string path = testutil::sparseFile(dir, "disk.img", size, "TAIL-MARKER");
        {
            const int fd = ::open(path.c_str(), O_WRONLY);
            QCOMPARE(pwrite(fd, "MID-MARKER", 10, off_t(8ull << 30)), ssize_t(10));
            ::close(fd);
        }
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        QVERIFY(fd >= 0);
        const Extent first = fileDataAt(fd, 0, size);
        if (first.start == 0) QSKIP("this file system does not report holes (SEEK_DATA)");
        const std::uint64_t cachedBefore = cachedPages(path, size);
        FdSource src(fd, size);
        const auto got = collect(src, mustParse("MARKER", PatternKind::Text));
        QCOMPARE(got, (std::vector<Match>{{(8ull << 30) + 4, 6}, {size - 6, 6}}));
        // Through the mapping too (read-only and shared modes scan it in place).
        void* map = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
        QVERIFY(map != MAP_FAILED);
        MemorySource msrc(static_cast<const std::uint8_t*>(map), size, fd, true);
        QCOMPARE(collect(msrc, mustParse("T\\w+-MARKER", PatternKind::Regex)),
                 (std::vector<Match>{{size - 11, 11}}));
        msrc.releasePages();
        munmap(map, size);
        ::close(fd);
        // No zero pages left behind: the page cache holds what it held, give or take the
        // blocks around the two markers.
        const std::uint64_t cachedAfter = cachedPages(path, size);
        QVERIFY2(cachedAfter <= cachedBefore + 64,
                 (std::to_string(cachedBefore) + " -> " + std::to_string(cachedAfter)).c_str());
    }

    void privateEditsInsideHolesAreFound() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::uint64_t size = 4ull << 30;
        const std::string path = testutil::sparseFile(dir, "vm.img", size, "END");
        auto doc = Document::open(path, OpenMode::Private);
        QVERIFY(doc);
        const std::uint8_t edit[] = {'E', 'D', 'I', 'T'};
        const std::uint64_t where = 3ull << 30;
        QVERIFY(doc.value().overwrite(where, edit, sizeof edit));
        DocumentSource src(doc.value());
        QCOMPARE(collect(src, mustParse("EDIT", PatternKind::Text)), (std::vector<Match>{{where, 4}}));
        // A pattern that begins with a zero byte: the hole's last zero and the edit.
        QCOMPARE(collect(src, mustParse("00 45 44", PatternKind::Hex)),
                 (std::vector<Match>{{where - 1, 3}}));
        // The file itself is untouched: a fresh read-only source of it has no EDIT.
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        FdSource disk(fd, size);
        QVERIFY(collect(disk, mustParse("EDIT", PatternKind::Text)).empty());
        ::close(fd);
    }

    void releasePagesGivesBackWhatTheScanMadeResident() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::size_t size = 96u << 20;
        QByteArray bytes(qsizetype(size), 'x');
        const std::string path = testutil::writeFile(dir, "data.bin", bytes);
        bytes.clear();
        bytes.squeeze();
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        void* map = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
        QVERIFY(map != MAP_FAILED);
        MemorySource src(static_cast<const std::uint8_t*>(map), size, fd, true);
        const std::uint64_t before = statusKiB("RssFile:");
        QVERIFY(collect(src, mustParse("nowhere", PatternKind::Text)).empty());
        const std::uint64_t during = statusKiB("RssFile:");
        src.releasePages();
        const std::uint64_t after = statusKiB("RssFile:");
        munmap(map, size);
        ::close(fd);
        const std::string numbers = std::to_string(before) + " " + std::to_string(during) + " " +
                                    std::to_string(after) + " KiB";
        // The scan mapped the file in (so the check means something), and the release took
        // it back out.
        QVERIFY2(during > before + (48u << 10), numbers.c_str());
        QVERIFY2(after < before + (8u << 10), numbers.c_str());
    }

    void catastrophicRegexStopsSoonAfterCancel() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Lines of a's that end in b: (a|aa)+$ backtracks exponentially at each start, each
        // attempt just under PCRE2's match limit (an attempt over it would end the search
        // with an error at once), ~50 ms a line: the whole file would take hours.
        QByteArray line(32, 'a');
        line += "b\n";
        const std::string path = testutil::writeFile(dir, "slow.txt", line.repeated(200000));
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        FdSource src(fd, 34ull * 200000);
        std::atomic<bool> cancel{false};
        SearchOptions so;
        so.threads = 2;
        so.cancel = &cancel;
        const std::uint64_t rssBefore = statusKiB("VmRSS:");
        std::uint64_t rssPeak = rssBefore;
        std::atomic<bool> done{false};
        Result<FindAllSummary> result = FindAllSummary{};
        std::thread t([&] {
            result = findAll(src, mustParse("(a|aa)+$", PatternKind::Regex), {}, {}, so);
            done = true;
        });
        struct Joiner {
            std::thread& t;
            std::atomic<bool>& cancel;
            ~Joiner() {
                cancel = true; // also when a check below fails and returns early
                if (t.joinable()) t.join();
            }
        } joiner{t, cancel};
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 400) {
            rssPeak = std::max(rssPeak, statusKiB("VmRSS:"));
            QTest::qSleep(20);
        }
        QVERIFY2(!done, "the pattern was not slow enough to test a cancel");
        cancel = true;
        QElapsedTimer stopping;
        stopping.start();
        while (!done && stopping.elapsed() < 10000)
            QTest::qSleep(2);
        const qint64 stoppedIn = stopping.elapsed();
        ::close(fd);
        // PCRE2 gives up on an attempt after its match limit (~25 ms) and the cancel is seen
        // between attempts; a second is generous for a loaded CI machine.
        QVERIFY2(stoppedIn < 1000, std::to_string(stoppedIn).c_str());
        QVERIFY(result);
        QVERIFY(result.value().cancelled);
        QVERIFY2(rssPeak < rssBefore + (64u << 10),
                 (std::to_string(rssBefore) + " -> " + std::to_string(rssPeak) + " KiB").c_str());
    }
};

QTEST_GUILESS_MAIN(TestSearchResources)
#include "test_search_resources.moc"
