// SPDX-License-Identifier: MIT
// MatchStore against a plain vector of the same matches: every index, iteration from any
// point, lowerBound of offsets around each match, truncation; chunks across 4 GiB gaps and
// lengths past 32 bits; and its size per match.
#include "match_store.h"

#include <QtTest>
#include <random>

using namespace hexmap;

namespace {

std::vector<Match> randomMatches(std::mt19937_64& rng, std::size_t n, bool oneLength) {
    std::vector<Match> out;
    std::uint64_t at = 1000 + rng() % 1000;
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t length = oneLength ? 5 : 1 + rng() % 40;
        if (!oneLength && rng() % 5000 == 0) length = (std::uint64_t(1) << 32) + rng() % 100; // past 32 bits
        out.push_back({at, length});
        std::uint64_t gap = rng() % 200;
        if (rng() % 3000 == 0) gap = (std::uint64_t(5) << 30) + rng() % 1000; // past a chunk's 4 GiB
        at += length + gap;
    }
    return out;
}

void compareAll(const MatchStore& store, const std::vector<Match>& want) {
    QCOMPARE(store.size(), want.size());
    QCOMPARE(store.empty(), want.empty());
    for (std::size_t i = 0; i < want.size(); ++i)
        if (!(store[i] == want[i])) QFAIL(qPrintable(QString("index %1 differs").arg(i)));
    std::size_t i = 0;
    for (const Match m : store) {
        if (i >= want.size() || !(m == want[i])) QFAIL(qPrintable(QString("iteration differs at %1").arg(i)));
        ++i;
    }
    QCOMPARE(i, want.size());
    if (!want.empty()) {
        QCOMPARE(store.front(), want.front());
        QCOMPARE(store.back(), want.back());
    }
}

std::size_t naiveLowerBound(const std::vector<Match>& v, std::uint64_t offset) {
    std::size_t i = 0;
    while (i < v.size() && v[i].offset < offset) ++i;
    return i;
}

} // namespace

class TestMatchStore : public QObject {
    Q_OBJECT
private slots:
    void agreesWithAVector_data() {
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("oneLength");
        QTest::addColumn<int>("seed");
        QTest::newRow("empty") << 0 << true << 1;
        QTest::newRow("one") << 1 << true << 2;
        QTest::newRow("a chunk exactly") << int(MatchChunk::kCapacity) << true << 3;
        QTest::newRow("3 chunks, one length") << int(2 * MatchChunk::kCapacity + 17) << true << 4;
        QTest::newRow("lengths differ") << 150000 << false << 5;
    }
    void agreesWithAVector() {
        QFETCH(int, count);
        QFETCH(bool, oneLength);
        QFETCH(int, seed);
        std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
        const std::vector<Match> want = randomMatches(rng, std::size_t(count), oneLength);
        // Fed as a worker does: chunked in batches of random sizes.
        MatchStore store;
        MatchChunker chunker;
        for (std::size_t i = 0; i < want.size(); ++i) {
            chunker.add(want[i]);
            if (rng() % 20000 == 0)
                for (auto& c : chunker.take()) store.append(std::move(c));
        }
        for (auto& c : chunker.take()) store.append(std::move(c));
        compareAll(store, want);
        // The worker's path, packed a run at a time from offsets 1000 lower, gives the same.
        {
            std::vector<Match> lower = want;
            for (Match& m : lower) m.offset -= std::min<std::uint64_t>(m.offset, 1000);
            const bool shiftable = want.empty() || want.front().offset >= 1000;
            MatchStore packed;
            for (std::size_t at = 0, used = 0; at < lower.size(); at += used) {
                packed.append(MatchChunk::pack(lower.data() + at, lower.size() - at, 1000, &used));
                QVERIFY(used >= 1);
            }
            if (shiftable) compareAll(packed, want);
        }

        for (int k = 0; k < 300 && !want.empty(); ++k) {
            const Match& m = want[rng() % want.size()];
            for (std::uint64_t o : {m.offset, m.offset + 1, m.offset > 0 ? m.offset - 1 : 0})
                QCOMPARE(store.lowerBound(o), naiveLowerBound(want, o));
            const std::size_t from = rng() % want.size();
            QCOMPARE(*store.from(from), want[from]);
        }
        QCOMPARE(store.lowerBound(0), std::size_t(0));
        QCOMPARE(store.lowerBound(~std::uint64_t(0)), want.size());
        QVERIFY(store.from(want.size()) == store.end());

        // Truncation to any point keeps exactly the prefix, and the store takes more after it.
        for (int k = 0; k < 5 && !want.empty(); ++k) {
            MatchStore copy = store;
            const std::size_t n = rng() % (want.size() + 1);
            copy.truncate(n);
            const std::vector<Match> prefix(want.begin(), want.begin() + std::ptrdiff_t(n));
            compareAll(copy, prefix);
            std::vector<Match> more = prefix;
            const std::uint64_t next = prefix.empty() ? 0 : prefix.back().offset + prefix.back().length;
            for (std::uint64_t j = 0; j < 10; ++j) more.push_back({next + 10 * j, 3});
            copy.append(std::vector<Match>(more.begin() + std::ptrdiff_t(n), more.end()));
            compareAll(copy, more);
        }
        // The original is untouched by the copies' truncation (chunks are shared, not changed).
        compareAll(store, want);
    }

    void fourBytesAMatchWhenTheyShareALength() {
        std::vector<Match> many;
        for (std::uint64_t i = 0; i < 1'000'000; ++i) many.push_back({i * 70 + 3, 4});
        MatchStore store;
        store.append(many);
        QCOMPARE(store.size(), many.size());
        QVERIFY2(store.memoryBytes() < many.size() * 4 + 64 * 1024,
                 qPrintable(QString::number(store.memoryBytes())));
        QCOMPARE(store[999'999], many[999'999]);
    }
};

QTEST_GUILESS_MAIN(TestMatchStore)
#include "test_match_store.moc"
