// SPDX-License-Identifier: MIT
// Insert and delete (issue 18): a private document becomes pieces over its mapping. Checked
// against a plain byte vector through random operations at sizes that cross the piece
// table's leaves and the reader's MiB chunks; the one-byte insert at the front of a 16 GiB
// sparse file; typing runs as one undo step; shared mode refusing; the readers (the jobs'
// DocumentReader, the Lines layout, the line index) seeing the shifted bytes; and a save
// that leaves exactly the edited bytes on disk, with the old file untouched until it is done.
#include "document_reader.h"
#include "line_index.h"
#include "line_layout.h"
#include "searcher.h"
#include "temp_files.h"

#include <QtTest>

#include <cstring>
#include <random>

using namespace hexmap;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes shown(const Document& doc) {
    Bytes out(doc.size());
    if (doc.view().read(0, out.data(), out.size()) != out.size()) out.clear();
    return out;
}

Bytes fileBytes(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray b = f.readAll();
    return Bytes(b.begin(), b.end());
}

Bytes toBytes(const QByteArray& b) { return Bytes(b.begin(), b.end()); }

} // namespace

class TestInsertDelete : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void randomOperationsMatchAVector_data() {
        QTest::addColumn<bool>("growth");
        QTest::newRow("edits") << false;
        // With another program appending (and no resize before the first insert, which
        // would stop the document following).
        QTest::newRow("edits while the file grows") << true;
    }

    void randomOperationsMatchAVector() {
        QFETCH(bool, growth);
        // 2.5 MiB: edits land in several MiB chunks and the tree grows past one leaf.
        const QByteArray initial = testutil::randomBytes(2'500'000, 11);
        const std::string path = testutil::writeFile(m_dir, growth ? "random-grows.bin" : "random.bin", initial);
        int follows = 0, undoneOverGrowth = 0;
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        std::vector<Bytes> states{toBytes(initial)};
        std::size_t pos = 0;
        // Another program appends now and then, and the document follows: the new bytes
        // join the end of every state of the history. `grown` holds them; had[i] says how
        // many of them states[i] already holds (the rest are added when it comes back).
        Bytes grown;
        std::vector<std::size_t> had{0};
        auto catchUp = [&](std::size_t i) {
            states[i].insert(states[i].end(), grown.begin() + std::ptrdiff_t(had[i]), grown.end());
            had[i] = grown.size();
        };
        std::mt19937_64 rng(42);
        auto pick = [&](std::uint64_t n) { return n ? rng() % (n + 1) : 0; };
        for (int step = 0; step < 3000; ++step) {
            catchUp(pos);
            const Bytes& cur = states[pos];
            Bytes next = cur;
            bool changed = true;
            switch (rng() % (growth ? 8 : 7)) {
            case 0: case 1: { // insert
                const std::uint64_t at = pick(cur.size());
                Bytes b(1 + rng() % 300);
                for (auto& x : b) x = std::uint8_t(rng());
                QVERIFY(doc.insert(at, b.data(), b.size()).ok());
                next.insert(next.begin() + std::ptrdiff_t(at), b.begin(), b.end());
                break;
            }
            case 2: { // delete, sometimes long (across many pieces)
                if (cur.empty()) { changed = false; break; }
                const std::uint64_t at = pick(cur.size() - 1);
                const std::uint64_t n = 1 + pick(std::min<std::uint64_t>(cur.size() - at - 1, rng() % 4 ? 200 : 200'000));
                QVERIFY(doc.erase(at, n).ok());
                next.erase(next.begin() + std::ptrdiff_t(at), next.begin() + std::ptrdiff_t(at + n));
                break;
            }
            case 3: { // overwrite
                if (cur.empty()) { changed = false; break; }
                const std::uint64_t at = pick(cur.size() - 1);
                Bytes b(1 + pick(std::min<std::uint64_t>(cur.size() - at - 1, 100)));
                for (auto& x : b) x = std::uint8_t(rng());
                QVERIFY(doc.overwrite(at, b.data(), b.size()).ok());
                std::copy(b.begin(), b.end(), next.begin() + std::ptrdiff_t(at));
                break;
            }
            case 4: { // undo
                changed = false;
                if (pos == 0) { QVERIFY(!doc.canUndo()); break; }
                QVERIFY(doc.undo().ok());
                --pos;
                if (had[pos] < grown.size()) ++undoneOverGrowth; // the state lacks the growth
                break;
            }
            case 5: { // redo
                changed = false;
                if (pos + 1 == states.size()) { QVERIFY(!doc.canRedo()); break; }
                QVERIFY(doc.redo().ok());
                ++pos;
                break;
            }
            case 6: { // resize (grow with zeros, or cut)
                const std::uint64_t to = pick(cur.size() + 5000);
                if (growth && !doc.hasPieces()) { changed = false; break; }
                QVERIFY(doc.resize(to).ok());
                next.resize(to, 0);
                changed = to != cur.size();
                break;
            }
            case 7: { // another program appends; the document follows (not an undo step)
                changed = false;
                Bytes b(1 + rng() % 5000);
                for (auto& x : b) x = std::uint8_t(rng());
                QFile f(QString::fromStdString(path));
                QVERIFY(f.open(QIODevice::Append));
                QCOMPARE(f.write(reinterpret_cast<const char*>(b.data()), qint64(b.size())), qint64(b.size()));
                f.close();
                QVERIFY(doc.canFollowGrowth());
                auto grew = doc.followGrowth();
                QVERIFY(grew.ok());
                QVERIFY(grew.value());
                grown.insert(grown.end(), b.begin(), b.end());
                ++follows;
                catchUp(pos);
                QCOMPARE(doc.appendedOnDisk(), std::uint64_t(0));
                break;
            }
            }
            if (changed) {
                states.resize(pos + 1);
                had.resize(pos + 1);
                states.push_back(std::move(next));
                had.push_back(grown.size());
                ++pos;
            }
            catchUp(pos);
            QCOMPARE(doc.size(), std::uint64_t(states[pos].size()));
            if (step % 50 == 0 || step == 2999) QVERIFY(shown(doc) == states[pos]);
        }
        QVERIFY(doc.hasPieces());
        if (growth) {
            QVERIFY2(follows > 100 && undoneOverGrowth > 50,
                     qPrintable(QString("%1 follows, %2 undos over one").arg(follows).arg(undoneOverGrowth)));
        }
        // Spans cover the document exactly, forwards and backwards.
        const ByteView v = doc.view();
        std::uint64_t at = 0;
        while (at < v.size()) {
            const auto s = v.spanAt(at);
            QVERIFY(!s.empty());
            QVERIFY(std::equal(s.begin(), s.end(), states[pos].begin() + std::ptrdiff_t(at)));
            at += s.size();
        }
        QCOMPARE(at, v.size());
        for (std::uint64_t end = v.size(); end > 0;) {
            const auto s = v.spanBefore(end);
            QVERIFY(!s.empty() && s.size() <= end);
            QVERIFY(std::equal(s.begin(), s.end(), states[pos].begin() + std::ptrdiff_t(end - s.size())));
            end -= s.size();
        }
        // Line starts across pieces, against the vector (random bytes hold a '\n' now and then).
        const std::vector<std::uint8_t>& want = states[pos];
        for (int k = 0; k < 400; ++k) {
            const std::uint64_t o = pick(want.size()), reach = pick(3000);
            const std::uint64_t floor = o > reach ? o - reach : 0, limit = std::min<std::uint64_t>(want.size(), o + reach);
            std::uint64_t back = floor;
            for (std::uint64_t i = o; i > floor; --i)
                if (want[std::size_t(i - 1)] == '\n') {
                    back = i;
                    break;
                }
            QCOMPARE(v.afterNewlineBefore(o, floor), back);
            std::optional<std::uint64_t> ahead;
            for (std::uint64_t i = o; i < limit; ++i)
                if (want[std::size_t(i)] == '\n') {
                    ahead = i + 1;
                    break;
                }
            QCOMPARE(v.afterNewlineFrom(o, o + reach), ahead);
        }
        // Save rewrites the file through a copy; the document is the file again after it.
        // With every growth followed, the save has nothing of another program's to cut off.
        QVERIFY(doc.save().ok());
        QVERIFY(!doc.isModified());
        QVERIFY(!doc.hasPieces());
        QVERIFY(fileBytes(path) == states[pos]);
        QVERIFY(shown(doc) == states[pos]);
    }

    void insertAtTheFrontOfSixteenGiB() {
        const std::uint64_t size = 16ull << 30;
        const std::string path = testutil::sparseFile(m_dir, "big.bin", size, "END!");
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        const std::uint8_t cafe[] = {0xCA, 0xFE};
        QVERIFY(doc.insert(0, cafe, 2).ok());
        QCOMPARE(doc.size(), size + 2);
        QCOMPARE(doc.view().at(0), std::uint8_t(0xCA));
        QCOMPARE(doc.view().at(1), std::uint8_t(0xFE));
        QCOMPARE(doc.view().at(size + 1), std::uint8_t('!'));
        std::vector<std::uint8_t> scratch;
        const auto tail = doc.view().bytes(size - 2, 4, scratch);
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(tail.data()), 4), QByteArray("END!"));
        // The edited bytes are tinted; the shifted file bytes are not.
        const auto mod = doc.modifiedIn(0, 100);
        QCOMPARE(mod.size(), std::size_t(1));
        QCOMPARE(mod[0], std::make_pair(std::uint64_t(0), std::uint64_t(2)));
        // Undo goes back to reading the mapping straight.
        QVERIFY(doc.undo().ok());
        QVERIFY(!doc.hasPieces());
        QVERIFY(doc.view().flat());
        QCOMPARE(doc.size(), size);
        QVERIFY(doc.redo().ok());
        QCOMPARE(doc.view().at(1), std::uint8_t(0xFE));
        // Memory: pieces and the two added bytes, not the file.
        QVERIFY(doc.journalMemory() < (4u << 20));
    }

    void typingIsOneStepAndDeletesJoin() {
        const std::string path = testutil::writeFile(m_dir, "typing.bin", "0123456789");
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        // Insert mode, hex digits: the high nibble inserts a byte, the low one completes it.
        std::uint8_t b = 0xA0;
        QVERIFY(doc.insert(2, &b, 1, Document::EditKind::Typing).ok());
        b = 0xAB;
        QVERIFY(doc.overwrite(2, &b, 1, Document::EditKind::Typing).ok());
        b = 0xC0;
        QVERIFY(doc.insert(3, &b, 1, Document::EditKind::Typing).ok());
        b = 0xCD;
        QVERIFY(doc.overwrite(3, &b, 1, Document::EditKind::Typing).ok());
        QVERIFY(shown(doc) == toBytes(QByteArray("01\xAB\xCD" "23456789")));
        QVERIFY(doc.undo().ok());
        QVERIFY(shown(doc) == toBytes("0123456789"));
        QVERIFY(!doc.canUndo());
        QVERIFY(doc.redo().ok());
        // Backspace three times from offset 4: one step.
        doc.breakCoalescing();
        QVERIFY(doc.erase(3, 1, Document::EditKind::Typing).ok());
        QVERIFY(doc.erase(2, 1, Document::EditKind::Typing).ok());
        QVERIFY(doc.erase(1, 1, Document::EditKind::Typing).ok());
        QVERIFY(shown(doc) == toBytes("023456789"));
        QVERIFY(doc.undo().ok());
        QVERIFY(shown(doc) == toBytes(QByteArray("01\xAB\xCD" "23456789")));
        // The step range says where to put the cursor and that the tail moved.
        QCOMPARE(doc.lastStepRange().first, std::uint64_t(1));
        QVERIFY(doc.lastStepShifted());
    }

    void sharedAndReadOnlyRefuse() {
        const std::string path = testutil::writeFile(m_dir, "shared.bin", "abcdef");
        for (OpenMode m : {OpenMode::Shared, OpenMode::ReadOnly}) {
            auto opened = Document::open(path, m);
            QVERIFY(opened.ok());
            const std::uint8_t x = 'x';
            const Status st = opened.value().insert(1, &x, 1);
            QVERIFY(!st.ok());
            QVERIFY(!opened.value().lengthEditBlocker().empty());
            if (m == OpenMode::Shared)
                QVERIFY2(st.error().message.find("Reopen it private") != std::string::npos,
                         st.error().message.c_str());
            QVERIFY(!opened.value().erase(0, 1).ok());
            QCOMPARE(opened.value().size(), std::uint64_t(6));
        }
        QVERIFY(fileBytes(path) == toBytes("abcdef"));
    }

    void editsBeforeTheFirstInsertStayAndUndoCrossesBack() {
        const std::string path = testutil::writeFile(m_dir, "mixed.bin", "abcdefgh");
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        const std::uint8_t z = 'Z';
        QVERIFY(doc.overwrite(6, &z, 1).ok()); // flat: into the mapping
        QVERIFY(doc.insert(0, reinterpret_cast<const std::uint8_t*>(">>"), 2).ok());
        QVERIFY(shown(doc) == toBytes(">>abcdefZh"));
        // The flat edit is still tinted where it moved to, with the inserted bytes.
        const auto mod = doc.modifiedIn(0, doc.size());
        QCOMPARE(mod.size(), std::size_t(2));
        QCOMPARE(mod[0], std::make_pair(std::uint64_t(0), std::uint64_t(2)));
        QCOMPARE(mod[1], std::make_pair(std::uint64_t(8), std::uint64_t(9)));
        QVERIFY(doc.undo().ok());
        QVERIFY(doc.undo().ok());
        QVERIFY(shown(doc) == toBytes("abcdefgh"));
        QVERIFY(!doc.isModified());
        QVERIFY(doc.redo().ok());
        QVERIFY(doc.redo().ok());
        QVERIFY(shown(doc) == toBytes(">>abcdefZh"));
        // Revert drops both; redo brings both back, in order.
        QVERIFY(doc.revert().ok());
        QVERIFY(shown(doc) == toBytes("abcdefgh"));
        QVERIFY(doc.redo().ok());
        QVERIFY(doc.redo().ok());
        QVERIFY(shown(doc) == toBytes(">>abcdefZh"));
        // A flat edit after undoing the insert drops the insert's redo.
        QVERIFY(doc.undo().ok());
        QVERIFY(doc.overwrite(0, &z, 1).ok());
        QVERIFY(!doc.canRedo());
        QVERIFY(shown(doc) == toBytes("ZbcdefZh"));
    }

    void readersSeeTheShiftedBytes() {
        QByteArray text;
        for (int i = 0; i < 200'000; ++i) text += "line " + QByteArray::number(i) + "\n";
        const std::string path = testutil::writeFile(m_dir, "lines.txt", text);
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        const QByteArray front = "ERROR first\n";
        QVERIFY(doc.insert(0, reinterpret_cast<const std::uint8_t*>(front.data()), std::size_t(front.size())).ok());
        // Split "line 123456\n" across an insert: "line 12" + "ERROR" + "3456\n".
        const std::uint64_t at = std::uint64_t(text.indexOf("line 123456\n")) + std::uint64_t(front.size()) + 7;
        QVERIFY(doc.insert(at, reinterpret_cast<const std::uint8_t*>("ERROR"), 5).ok());
        QVERIFY(doc.erase(std::uint64_t(front.size()), 5).ok()); // "line " of line 0
        QByteArray expected = text;
        expected.insert(text.indexOf("line 123456\n") + 7, "ERROR");
        expected.remove(0, 5);
        expected.prepend(front);
        QCOMPARE(doc.size(), std::uint64_t(expected.size()));

        // The jobs' reader, with a search over it.
        const ReadLease lease = doc.lease("test");
        const DocumentReader reader(doc, lease);
        QVERIFY(reader.direct() == nullptr);
        Bytes all(reader.size());
        QCOMPARE(reader.read(0, all.data(), all.size()), all.size());
        QVERIFY(all == toBytes(expected));
        auto pattern = Pattern::parse("ERROR", {});
        QVERIFY(pattern.ok());
        std::vector<Match> found;
        auto done = findAll(reader, pattern.value(), [&](const Match* m, std::size_t n) {
            found.insert(found.end(), m, m + n);
        });
        QVERIFY(done.ok());
        QCOMPARE(found.size(), std::size_t(2));
        QCOMPARE(found[0].offset, std::uint64_t(0));
        QCOMPARE(found[1].offset, std::uint64_t(expected.indexOf("12ERROR3456") + 2));

        // The Lines layout finds rows across pieces.
        const LineLayout lay(doc.view(), 0);
        const LineRow row = lay.rowAt(found[1].offset);
        QCOMPARE(QByteArray(expected.constData() + row.start, qsizetype(row.end - row.start)),
                 QByteArray("line 12ERROR3456\n"));
        // The line index counts and finds lines in the pieces.
        LineIndex index;
        index.reset(doc.size());
        for (std::uint64_t b = 0; b < index.blocks(); ++b) {
            const std::uint64_t s = b * LineIndex::kBlock;
            const std::uint64_t e = std::min(doc.size(), s + LineIndex::kBlock);
            Bytes block(e - s);
            doc.view().read(s, block.data(), block.size());
            index.setBlock(b, std::uint32_t(countNewlines(block.data(), block.size())));
        }
        QCOMPARE(*index.lineCount(doc.view()), std::uint64_t(200'001));
        QCOMPARE(*index.lineOf(doc.view(), found[1].offset), std::uint64_t(123'457));
        QCOMPARE(*index.startOfLine(doc.view(), 123'457), row.start);
    }

    // The scan reads each piece where it lies and copies only the bytes around a seam:
    // over thousands of small pieces, with matches split across seams, every kind of
    // pattern (a literal, a case-blind one, a regex, one that looks behind) finds exactly
    // what a scan of the same bytes in one buffer finds, forwards and backwards, with tiny
    // chunks and the default ones.
    void searchesThroughPiecesMatchAFlatScan() {
        QByteArray text;
        for (int i = 0; i < 30'000; ++i)
            text += (i % 7 == 0 ? "x ERROR " : "y info ") + QByteArray::number(i) + "\n";
        const std::string path = testutil::writeFile(m_dir, "seams.log", text);
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        Bytes model = toBytes(text);
        std::mt19937_64 rng(7);
        const char* bits[] = {"ERR", "OR", "ERROR", "x", "E", "error 1", "\n"};
        for (int k = 0; k < 4000; ++k) {
            const std::uint64_t at = rng() % (model.size() + 1);
            if (rng() % 3 == 0 && at < model.size()) {
                const std::uint64_t n = 1 + rng() % std::min<std::uint64_t>(12, model.size() - at);
                QVERIFY(doc.erase(at, n).ok());
                model.erase(model.begin() + std::ptrdiff_t(at), model.begin() + std::ptrdiff_t(at + n));
            } else {
                const char* b = bits[rng() % 7];
                const std::size_t n = std::strlen(b);
                QVERIFY(doc.insert(at, reinterpret_cast<const std::uint8_t*>(b), n).ok());
                model.insert(model.begin() + std::ptrdiff_t(at), b, b + n);
            }
        }
        std::size_t pieceCount = 0;
        doc.view().pieces(0, doc.size(), [&](std::uint64_t, std::uint64_t, const Piece&) { ++pieceCount; });
        QVERIFY2(pieceCount > 5000, qPrintable(QString::number(pieceCount)));
        QVERIFY(shown(doc) == model);
        const ReadLease lease = doc.lease("test");
        const DocumentReader reader(doc, lease);
        std::vector<std::span<const std::uint8_t>> runs;
        QCOMPARE(reader.runs(0, reader.size(), SIZE_MAX, runs), reader.size()); // in place
        QVERIFY(runs.size() >= pieceCount); // an inserted run may span two buffer blocks
        const MemorySource flat(model.data(), model.size());
        struct Case {
            const char* text;
            PatternKind kind;
            bool caseInsensitive;
        };
        for (const Case& c : {Case{"ERROR", PatternKind::Text, false}, Case{"error", PatternKind::Text, true},
                              Case{"ERROR \\d+", PatternKind::Regex, false},
                              Case{"(?<=x )ERROR", PatternKind::Regex, false},
                              Case{"45 52 52", PatternKind::Hex, false}}) {
            PatternOptions po;
            po.kind = c.kind;
            po.caseInsensitive = c.caseInsensitive;
            auto pattern = Pattern::parse(c.text, po);
            QVERIFY2(pattern.ok(), c.text);
            for (std::size_t chunk : {std::size_t(4096), std::size_t(1) << 20}) {
                SearchOptions so;
                so.chunkSize = chunk;
                auto all = [&](const ByteSource& src) {
                    std::vector<Match> out;
                    auto r = findAll(src, pattern.value(), [&](const Match* m, std::size_t n) {
                        out.insert(out.end(), m, m + n);
                    }, {}, so);
                    return r.ok() ? out : std::vector<Match>{};
                };
                const auto want = all(flat);
                QVERIFY2(want.size() > 1000, c.text);
                QVERIFY2(all(reader) == want, c.text);
                // Next and previous from a few places agree too.
                for (std::uint64_t from : {std::uint64_t(0), std::uint64_t(model.size() / 3), std::uint64_t(model.size() - 1)}) {
                    auto a = findNext(reader, pattern.value(), from, so), b = findNext(flat, pattern.value(), from, so);
                    QVERIFY(a.ok() && b.ok() && a.value() && b.value());
                    QCOMPARE(a.value()->match, b.value()->match);
                    auto pa = findPrevious(reader, pattern.value(), from, so), pb = findPrevious(flat, pattern.value(), from, so);
                    QVERIFY(pa.ok() && pb.ok() && pa.value() && pb.value());
                    QCOMPARE(pa.value()->match, pb.value()->match);
                }
            }
        }
    }

    void saveKeepsTheOldFileUntilTheCopyIsComplete() {
        const QByteArray bytes = testutil::randomBytes(1'000'000, 3);
        const std::string path = testutil::writeFile(m_dir, "keep.bin", bytes);
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        QVERIFY(doc.insert(10, reinterpret_cast<const std::uint8_t*>("NEW"), 3).ok());
        // Another program appended: a save would cut those bytes off, so it asks first.
        {
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::Append));
            f.write("tail");
        }
        const Status refused = doc.save();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, EEXIST);
        QCOMPARE(QFileInfo(QString::fromStdString(path)).size(), qint64(bytes.size() + 4));
        QVERIFY(doc.save(true).ok());
        QByteArray expected = bytes;
        expected.insert(10, "NEW");
        QVERIFY(fileBytes(path) == toBytes(expected));
        // No temporary file left beside it.
        QCOMPARE(QDir(m_dir.path()).entryList(QStringList() << ".keep.bin.hexmap-*", QDir::Hidden | QDir::Files).size(), 0);
    }

    void aCutFileKeepsTheInsertsAndWhatRemains() {
        const QByteArray bytes = testutil::randomBytes(200'000, 5);
        const std::string path = testutil::writeFile(m_dir, "cut.bin", bytes);
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        auto u8 = [](const char* s) { return reinterpret_cast<const std::uint8_t*>(s); };
        QVERIFY(doc.overwrite(5, u8("ab"), 2).ok()); // a flat edit before the first insert
        QVERIFY(doc.insert(50'000, u8("INS"), 3).ok());
        QVERIFY(doc.erase(150'003, 1000).ok());
        QVERIFY(doc.insert(doc.size(), u8("TAIL"), 4).ok());
        QVERIFY(!doc.canKeepWhatRemains());
        // Another program cuts the file to 120,000 bytes: everything the pieces take from
        // past there is gone (not read here: those pages would fault).
        QVERIFY(::truncate(path.c_str(), 120'000) == 0);
        QVERIFY(!doc.checkIntact({}).ok());
        const Status refused = doc.save();
        QVERIFY(!refused.ok());
        QVERIFY(fileBytes(path).size() == 120'000); // the save wrote nothing
        QVERIFY(doc.canKeepWhatRemains());

        auto lost = doc.keepWhatRemains();
        QVERIFY(lost.ok());
        // The file's bytes from 120,000 on were at 120,003..199,003 of the document (after
        // "INS"; the deleted 1,000 bytes no longer counted): one range, with "TAIL" after it.
        QCOMPARE(lost.value().size(), std::size_t(1));
        QCOMPARE(lost.value()[0], std::make_pair(std::uint64_t(120'003), std::uint64_t(199'003)));
        QByteArray expected = bytes.left(120'000);
        expected.replace(5, 2, "ab");
        expected.insert(50'000, "INS");
        expected.append("TAIL");
        QVERIFY(shown(doc) == toBytes(expected));
        QVERIFY(doc.checkIntact({}).ok());
        QVERIFY(doc.isModified());
        QVERIFY(!doc.canUndo()); // the history held the lost bytes
        QVERIFY(!doc.undo().ok());
        QVERIFY(shown(doc) == toBytes(expected));
        QVERIFY(!doc.canKeepWhatRemains());
        // Editing goes on from here, and undo comes back to here, no further.
        QVERIFY(doc.insert(0, u8("#"), 1).ok());
        QVERIFY(doc.undo().ok());
        QVERIFY(shown(doc) == toBytes(expected));
        QVERIFY(!doc.canUndo());
        QVERIFY(doc.redo().ok());
        expected.prepend('#');
        QVERIFY(doc.save().ok());
        QVERIFY(fileBytes(path) == toBytes(expected));
    }

    // Follow End under inserts and deletes: the file's new bytes join the end of the
    // document and of every state undo and redo bring back; a save in place writes them.
    void followingAGrowingFileKeepsTheEdits() {
        const QByteArray bytes = testutil::randomBytes(300'000, 9);
        const std::string path = testutil::writeFile(m_dir, "follow.log", bytes);
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        auto u8 = [](const char* s) { return reinterpret_cast<const std::uint8_t*>(s); };
        auto appendToFile = [&](const QByteArray& b) {
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::Append));
            QCOMPARE(f.write(b), b.size());
        };
        QVERIFY(doc.overwrite(7, u8("flat"), 4).ok()); // before the first insert
        QVERIFY(doc.insert(0, u8("CAFE"), 4).ok());
        QVERIFY(doc.erase(100'000, 5'000).ok());
        QVERIFY(!doc.canFollowGrowth()); // nothing new on disk
        appendToFile("first growth\n");
        QVERIFY(doc.canFollowGrowth());
        auto grew = doc.followGrowth();
        QVERIFY(grew.ok() && grew.value());
        QCOMPARE(doc.appendedOnDisk(), std::uint64_t(0));
        QByteArray flat = bytes;
        flat.replace(7, 4, "flat");
        QByteArray expected = QByteArray("CAFE") + flat;
        expected.remove(100'000, 5'000);
        expected += "first growth\n";
        QVERIFY(shown(doc) == toBytes(expected));
        // Undo walks back through the pieces and the flat journal; the growth stays.
        QVERIFY(doc.undo().ok());
        QVERIFY(shown(doc) == toBytes(QByteArray("CAFE") + flat + "first growth\n"));
        QVERIFY(doc.undo().ok());
        QVERIFY(!doc.hasPieces());
        QVERIFY(shown(doc) == toBytes(flat + "first growth\n"));
        QVERIFY(doc.undo().ok());
        QVERIFY(shown(doc) == toBytes(bytes + "first growth\n"));
        // Growth while at the start: redo brings the edits back over it.
        appendToFile("second\n");
        QVERIFY(doc.followGrowth().ok());
        QVERIFY(shown(doc) == toBytes(bytes + "first growth\nsecond\n"));
        QVERIFY(doc.redo().ok());
        QVERIFY(doc.redo().ok());
        QVERIFY(doc.redo().ok());
        expected += "second\n";
        QVERIFY(shown(doc) == toBytes(expected));
        // An edit after the growth, then more growth: it lands after the edit.
        QVERIFY(doc.insert(doc.size(), u8("[typed]"), 7).ok());
        appendToFile("third\n");
        QVERIFY(doc.followGrowth().ok());
        expected += "[typed]third\n";
        QVERIFY(shown(doc) == toBytes(expected));
        QVERIFY(doc.undo().ok()); // the typed bytes go, the file's stay
        QVERIFY(shown(doc) == toBytes(QByteArray(expected).replace("[typed]", "")));
        QVERIFY(doc.redo().ok());
        QVERIFY(doc.inPlaceBlocker().empty());
        QVERIFY(doc.saveInPlace().ok());
        QVERIFY(fileBytes(path) == toBytes(expected));
        QVERIFY(shown(doc) == toBytes(expected));
        QVERIFY(!doc.isModified());
    }

    // After keepWhatRemains the pieces take less of the file than the mapping holds: a
    // later growth is not taken as the file's continuation (the bytes between are gone).
    void noFollowAfterKeepingWhatRemains() {
        const QByteArray bytes = testutil::randomBytes(50'000, 12);
        const std::string path = testutil::writeFile(m_dir, "follow-cut.log", bytes);
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        QVERIFY(doc.insert(10, reinterpret_cast<const std::uint8_t*>("X"), 1).ok());
        QVERIFY(::truncate(path.c_str(), 20'000) == 0);
        QVERIFY(!doc.canFollowGrowth());
        QVERIFY(doc.keepWhatRemains().ok());
        QVERIFY(::truncate(path.c_str(), 60'000) == 0);
        QVERIFY(!doc.canFollowGrowth());
        auto grew = doc.followGrowth();
        QVERIFY(grew.ok() && !grew.value());
        QCOMPARE(doc.size(), std::uint64_t(20'001));
    }

    // A resize in the flat journal (even saved) stops follow: undoing or redoing it over
    // the grown mapping would cut the new bytes out of it, or leave pieces past its end.
    void noFollowWithAResizeInTheJournal() {
        const std::string path = testutil::writeFile(m_dir, "follow-resized.log", QByteArray(100, 'r'));
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        QVERIFY(doc.resize(110).ok());
        QVERIFY(doc.save().ok());
        QVERIFY(doc.insert(0, reinterpret_cast<const std::uint8_t*>("I"), 1).ok());
        QVERIFY(::truncate(path.c_str(), 200) == 0); // another program appends (zeros)
        QVERIFY(!doc.canFollowGrowth());
        auto grew = doc.followGrowth();
        QVERIFY(grew.ok() && !grew.value());
        QCOMPARE(doc.size(), std::uint64_t(111));
    }

    // Steps kept for redo at step 0 follow a remap (Revert): a growth joins them, a cut
    // drops them (they would take bytes past the mapping's end).
    void redoStepsFollowARevertsRemap() {
        const QByteArray bytes = testutil::randomBytes(8'000, 13);
        const std::string path = testutil::writeFile(m_dir, "redo-remap.log", bytes);
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        QVERIFY(doc.insert(4, reinterpret_cast<const std::uint8_t*>("INS"), 3).ok());
        QVERIFY(doc.undo().ok());
        QVERIFY(doc.canRedo());
        {
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::Append));
            f.write("grown\n");
        }
        QVERIFY(doc.revert().ok());
        QVERIFY(shown(doc) == toBytes(bytes + "grown\n"));
        QVERIFY(doc.redo().ok());
        QByteArray expected = bytes + "grown\n";
        expected.insert(4, "INS");
        QVERIFY(shown(doc) == toBytes(expected));
        QCOMPARE(doc.appendedOnDisk(), std::uint64_t(0));
        // Undo to step 0 again, cut the file, revert: the redo steps go.
        QVERIFY(doc.undo().ok());
        QVERIFY(::truncate(path.c_str(), 1'000) == 0);
        QVERIFY(doc.revert().ok());
        QVERIFY(!doc.canRedo());
        QVERIFY(!doc.redo().ok());
        QVERIFY(shown(doc) == toBytes(bytes.left(1'000)));
    }

    void revertAfterACutShowsTheFile() {
        const QByteArray bytes = testutil::randomBytes(10'000, 6);
        const std::string path = testutil::writeFile(m_dir, "cut-revert.bin", bytes);
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        QVERIFY(doc.insert(100, reinterpret_cast<const std::uint8_t*>("X"), 1).ok());
        QVERIFY(::truncate(path.c_str(), 5'000) == 0);
        QVERIFY(doc.keepWhatRemains().ok());
        QCOMPARE(doc.size(), std::uint64_t(5'001));
        QVERIFY(doc.revert().ok());
        QVERIFY(!doc.hasPieces());
        QCOMPARE(doc.size(), std::uint64_t(5'000));
        QVERIFY(shown(doc) == toBytes(bytes.left(5'000)));
        QVERIFY(!doc.isModified());
    }

    void aSaveAfterAShrinkAndGrowKeepsTheZeros() {
        // Private: shrunk to 111 bytes and grown again, the document holds zeros where the
        // file still has its old bytes; a save with pieces must not copy those from the file.
        const QByteArray bytes = testutil::randomBytes(1111, 8);
        const std::string path = testutil::writeFile(m_dir, "shrink-grow.bin", bytes);
        auto opened = Document::open(path, OpenMode::Private);
        QVERIFY(opened.ok());
        Document& doc = opened.value();
        QVERIFY(doc.resize(111).ok());
        QVERIFY(doc.resize(284).ok());
        QVERIFY(doc.erase(148, 131).ok());
        const Bytes expected = shown(doc);
        QCOMPARE(expected.size(), std::size_t(153));
        QVERIFY(std::all_of(expected.begin() + 111, expected.end(), [](std::uint8_t b) { return b == 0; }));
        QVERIFY(doc.save().ok());
        QVERIFY(fileBytes(path) == expected);
    }
};

QTEST_GUILESS_MAIN(TestInsertDelete)
#include "test_insert_delete.moc"
