// SPDX-License-Identifier: MIT
// PieceTable against a dumb reference: a std::vector<uint8_t> that every operation is also
// applied to. Thousands of random inserts, erases, overwrites and snapshot restores (undo)
// over sizes that cross leaf and inner-node boundaries, then the bytes, the piece count
// and the tree's balance are compared.
#include "piece_table.h"

#include <QtTest>

#include <random>

using namespace hexmap;

namespace {

using Bytes = std::vector<std::uint8_t>;

// The table's bytes, read piece by piece from the "file" and the add buffer.
Bytes contents(const PieceTable& t, const Bytes& file, const AddBuffer& added,
               std::uint64_t from = 0, std::uint64_t to = ~0ull) {
    Bytes out;
    t.forEach(from, to, [&](const Piece& p) {
        if (p.source == Piece::Source::File) {
            out.insert(out.end(), file.begin() + static_cast<std::ptrdiff_t>(p.offset),
                       file.begin() + static_cast<std::ptrdiff_t>(p.offset + p.length));
        } else {
            for (std::uint64_t at = p.offset; at < p.offset + p.length;) {
                std::size_t got = 0;
                const std::uint8_t* d = added.at(at, static_cast<std::size_t>(p.offset + p.length - at), &got);
                if (!d || got == 0) return false;
                out.insert(out.end(), d, d + got);
                at += got;
            }
        }
        return true;
    });
    return out;
}

} // namespace

class TestPieceTable : public QObject {
    Q_OBJECT

private slots:
    void emptyAndWholeFile() {
        PieceTable t;
        QCOMPARE(t.size(), std::uint64_t(0));
        QCOMPARE(t.pieceCount(), std::size_t(0));
        t.erase(0, 10); // nothing to erase: no crash
        const PieceTable f = PieceTable::overFile(16ull << 30);
        QCOMPARE(f.size(), 16ull << 30);
        QCOMPARE(f.pieceCount(), std::size_t(1));
        QCOMPARE(PieceTable::overFile(0).size(), std::uint64_t(0));
    }

    // One byte inserted at offset 0 of a 16 GiB file: two pieces, the file's bytes follow.
    void insertAtTheStartOfAHugeFile() {
        PieceTable t = PieceTable::overFile(16ull << 30);
        AddBuffer added;
        const std::uint8_t b = 0xCA;
        t.insert(0, Piece{Piece::Source::Added, added.append(&b, 1), 1});
        QCOMPARE(t.size(), (16ull << 30) + 1);
        const std::vector<Piece> want{{Piece::Source::Added, 0, 1}, {Piece::Source::File, 0, 16ull << 30}};
        QCOMPARE(t.pieces(), want);
        // A range in the middle: one piece, offsets shifted by one.
        std::vector<Piece> mid;
        t.forEach(1ull << 33, (1ull << 33) + 10, [&](const Piece& p) {
            mid.push_back(p);
            return true;
        });
        QCOMPARE(mid, (std::vector<Piece>{{Piece::Source::File, (1ull << 33) - 1, 10}}));
    }

    // Typing a run adds to one piece instead of one piece per byte.
    void typingExtendsOnePiece() {
        PieceTable t = PieceTable::overFile(1000);
        AddBuffer added;
        for (int i = 0; i < 500; ++i) {
            const std::uint8_t c = static_cast<std::uint8_t>('a' + i % 26);
            t.insert(100 + std::uint64_t(i), Piece{Piece::Source::Added, added.append(&c, 1), 1});
        }
        QCOMPARE(t.size(), std::uint64_t(1500));
        QCOMPARE(t.pieceCount(), std::size_t(3)); // file, the typed run, file
    }

    // Snapshots are values: an edit after a copy does not change the copy (undo).
    void snapshotsAreUntouchedByLaterEdits() {
        Bytes file(10'000);
        for (std::size_t i = 0; i < file.size(); ++i) file[i] = static_cast<std::uint8_t>(i * 31);
        AddBuffer added;
        PieceTable t = PieceTable::overFile(file.size());
        const PieceTable before = t;
        const std::uint8_t x[] = {1, 2, 3};
        t.insert(5000, Piece{Piece::Source::Added, added.append(x, 3), 3});
        t.erase(10, 4000);
        QCOMPARE(contents(before, file, added), file);
        QCOMPARE(t.size(), std::uint64_t(10'000 + 3 - 4000));
    }

    void randomOperationsAgainstAVector_data() {
        QTest::addColumn<int>("fileSize");
        QTest::addColumn<int>("ops");
        QTest::addColumn<unsigned>("seed");
        QTest::newRow("empty file") << 0 << 3000 << 1u;
        QTest::newRow("small") << 100 << 5000 << 2u;
        QTest::newRow("64 KiB, many pieces") << 65536 << 20000 << 3u;
        QTest::newRow("1 MiB") << (1 << 20) << 10000 << 4u;
    }
    void randomOperationsAgainstAVector() {
        QFETCH(int, fileSize);
        QFETCH(int, ops);
        QFETCH(unsigned, seed);
        std::mt19937 rng(seed);
        Bytes file(static_cast<std::size_t>(fileSize));
        for (auto& b : file) b = static_cast<std::uint8_t>(rng());
        AddBuffer added;
        PieceTable t = PieceTable::overFile(file.size());
        Bytes model = file;
        std::vector<std::pair<PieceTable, Bytes>> history; // undo
        auto pick = [&](std::uint64_t n) { return n ? std::uint64_t(rng() % n) : 0; };
        for (int op = 0; op < ops; ++op) {
            const unsigned kind = rng() % 10;
            if (kind < 4) { // insert 1..64 bytes (sometimes a large block)
                const std::size_t n = rng() % 16 == 0 ? 1 + rng() % 5000 : 1 + rng() % 64;
                Bytes bytes(n);
                for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
                const std::uint64_t at = pick(model.size() + 1);
                t.insert(at, Piece{Piece::Source::Added, added.append(bytes.data(), n), n});
                model.insert(model.begin() + static_cast<std::ptrdiff_t>(at), bytes.begin(), bytes.end());
            } else if (kind < 7) { // erase
                const std::uint64_t at = pick(model.size() + 1);
                const std::uint64_t n = 1 + pick(rng() % 8 == 0 ? 10000 : 100);
                t.erase(at, n);
                if (at < model.size())
                    model.erase(model.begin() + static_cast<std::ptrdiff_t>(at),
                                model.begin() + static_cast<std::ptrdiff_t>(std::min<std::uint64_t>(model.size(), at + n)));
            } else if (kind < 8) { // overwrite: erase and insert at the same place
                if (model.empty()) continue;
                const std::uint64_t at = pick(model.size());
                const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(1 + rng() % 32, model.size() - at));
                Bytes bytes(n);
                for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
                t.erase(at, n);
                t.insert(at, Piece{Piece::Source::Added, added.append(bytes.data(), n), n});
                std::copy(bytes.begin(), bytes.end(), model.begin() + static_cast<std::ptrdiff_t>(at));
            } else if (kind < 9) { // remember a state
                history.emplace_back(t, model);
                if (history.size() > 20) history.erase(history.begin());
            } else if (!history.empty()) { // undo to a remembered state
                t = history.back().first;
                model = history.back().second;
                history.pop_back();
            }
            QCOMPARE(t.size(), std::uint64_t(model.size()));
            if (op % 97 == 0 || op == ops - 1) {
                QVERIFY2(contents(t, file, added) == model, qPrintable(QString("op %1").arg(op)));
                // A window in the middle, as the paint path reads it.
                if (!model.empty()) {
                    const std::uint64_t from = pick(model.size());
                    const std::uint64_t to = std::min<std::uint64_t>(model.size(), from + 1 + pick(300));
                    QVERIFY(contents(t, file, added, from, to) ==
                            Bytes(model.begin() + static_cast<std::ptrdiff_t>(from),
                                  model.begin() + static_cast<std::ptrdiff_t>(to)));
                }
            }
        }
        // Every remembered state still reads as it was (nodes are shared, never changed).
        for (const auto& [snap, bytes] : history) QVERIFY(contents(snap, file, added) == bytes);
        // Balanced: a B+ tree of fan-out 32 needs log32(pieces) + 1 levels; erases leave
        // underfull nodes, so allow a few more.
        const double pieces = std::max<double>(2, double(t.pieceCount()));
        QVERIFY2(t.height() <= int(std::log(pieces) / std::log(2.0)) + 2,
                 qPrintable(QString("height %1 for %2 pieces").arg(t.height()).arg(t.pieceCount())));
    }

    // 100,000 scattered inserts and erases: memory per piece within the budget (64 bytes).
    void memoryPerPiece() {
        std::mt19937 rng(7);
        PieceTable t = PieceTable::overFile(1ull << 30);
        AddBuffer added;
        for (int i = 0; i < 100'000; ++i) {
            const std::uint64_t at = rng() % t.size();
            if (i % 2 == 0) {
                const std::uint8_t b = static_cast<std::uint8_t>(i);
                t.insert(at, Piece{Piece::Source::Added, added.append(&b, 1), 1});
            } else {
                t.erase(at, 1 + rng() % 16);
            }
        }
        const double perPiece = double(t.memoryUsage()) / double(t.pieceCount());
        qInfo("%zu pieces, height %d, %.1f bytes of tree per piece", t.pieceCount(), t.height(), perPiece);
        QVERIFY2(perPiece <= 64.0, qPrintable(QString::number(perPiece)));
        QVERIFY(t.height() <= 5);
    }
};

QTEST_GUILESS_MAIN(TestPieceTable)
#include "test_piece_table.moc"
