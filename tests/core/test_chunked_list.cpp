// SPDX-License-Identifier: MIT
// ChunkedList against a vector holding the same elements: indexing, partitionPoint,
// truncation to every length, appending after truncation, empty chunks ignored.
#include "chunked_list.h"

#include <QtTest>
#include <random>

using namespace hexmap;

class TestChunkedList : public QObject {
    Q_OBJECT
private slots:
    void agreesWithAVector() {
        std::mt19937_64 rng(7);
        for (int trial = 0; trial < 20; ++trial) {
            ChunkedList<int> list;
            std::vector<int> want;
            int next = 0;
            const int chunks = int(rng() % 12);
            for (int c = 0; c < chunks; ++c) {
                auto chunk = std::make_shared<std::vector<int>>();
                const int n = int(rng() % 5 == 0 ? 0 : rng() % 300);
                for (int i = 0; i < n; ++i) {
                    next += 1 + int(rng() % 3);
                    chunk->push_back(next);
                }
                want.insert(want.end(), chunk->begin(), chunk->end());
                list.append(chunk);
            }
            QCOMPARE(list.size(), want.size());
            QCOMPARE(list.empty(), want.empty());
            for (std::size_t i = 0; i < want.size(); ++i) QCOMPARE(list[i], want[i]);
            if (!want.empty()) QCOMPARE(list.back(), want.back());
            for (int probe = -1; probe <= next + 1; probe += 1 + int(rng() % 7)) {
                auto below = [probe](int v) { return v < probe; };
                QCOMPARE(list.partitionPoint(below),
                         std::size_t(std::partition_point(want.begin(), want.end(), below) - want.begin()));
            }
            for (int k = 0; k < 4; ++k) {
                ChunkedList<int> cut = list;
                const std::size_t n = want.empty() ? 0 : rng() % (want.size() + 1);
                cut.truncate(n);
                QCOMPARE(cut.size(), n);
                for (std::size_t i = 0; i < n; ++i) QCOMPARE(cut[i], want[i]);
                cut.append(std::make_shared<std::vector<int>>(std::vector<int>{next + 10, next + 20}));
                QCOMPARE(cut.size(), n + 2);
                QCOMPARE(cut[n + 1], next + 20);
                QCOMPARE(list.size(), want.size()); // the original keeps its shared chunks whole
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestChunkedList)
#include "test_chunked_list.moc"
