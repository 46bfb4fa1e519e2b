// SPDX-License-Identifier: MIT
// Compare (issue 19): the engine against a naive byte loop on random pairs (sizes across its
// blocks and words, dense and sparse differences, unequal lengths, limits, 1-3 threads),
// sparse files whose holes are skipped, a source that ends early, and the caller stopping
// it; `hexmap cmp` against the real cmp (default, -l, -n, -i, -s: the same stdout, stderr
// and exit status) and --ranges against the naive loop.
#include "../../app/cmp_command.h"
#include "../command_run.h"
#include "../temp_files.h"
#include "byte_compare.h"
#include "resync.h"

#include <QProcess>
#include <QtTest>

#include <fcntl.h>
#include <future>
#include <random>
#include <unistd.h>

using namespace hexmap;
using Bytes = std::vector<std::uint8_t>;

namespace {

std::vector<DiffRange> naive(const Bytes& a, const Bytes& b, std::uint64_t limit = ~0ull) {
    std::vector<DiffRange> out;
    const std::uint64_t n = std::min<std::uint64_t>({a.size(), b.size(), limit});
    for (std::uint64_t i = 0; i < n; ++i) {
        if (a[i] == b[i]) continue;
        if (!out.empty() && out.back().offset + out.back().length == i) ++out.back().length;
        else out.push_back({i, 1});
    }
    return out;
}

std::vector<DiffRange> engine(const ByteSource& a, const ByteSource& b, CompareOptions opt, CompareSummary* sum = nullptr) {
    std::vector<DiffRange> out;
    auto r = compareSources(a, b, [&](const DiffRange* d, std::size_t n) {
        out.insert(out.end(), d, d + n);
        return true;
    }, opt);
    if (!r) qFatal("%s", r.error().message.c_str());
    if (sum) *sum = r.value();
    return out;
}

// Reads through a buffer (not direct) and can end early.
class ShortSource final : public ByteSource {
public:
    ShortSource(const Bytes& b, std::uint64_t cut) : m_b(b), m_cut(cut) {}
    std::uint64_t size() const override { return m_b.size(); }
    std::size_t read(std::uint64_t at, std::uint8_t* buf, std::size_t n) const override {
        const std::uint64_t end = std::min<std::uint64_t>(at + n, m_cut);
        if (at >= end) return 0;
        std::memcpy(buf, m_b.data() + at, end - at);
        return static_cast<std::size_t>(end - at);
    }

private:
    const Bytes& m_b;
    std::uint64_t m_cut;
};

testutil::CommandRun runCmp(std::vector<std::string> args) {
    return testutil::runCommand(hexmap::runCmpCommand, "cmp", std::move(args));
}

struct Real {
    int status;
    QByteArray out, err;
};
Real realCmp(const QStringList& args) {
    QProcess p;
    p.start("cmp", args);
    if (!p.waitForFinished(60000)) qFatal("cmp timed out");
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

Bytes pairOf(const Bytes& a, std::mt19937_64& rng, int kind) {
    Bytes b = a;
    switch (kind) {
    case 0: break; // the same
    case 1: // a few scattered bytes
        for (int k = 0; k < 5 && !b.empty(); ++k) b[rng() % b.size()] ^= std::uint8_t(1 + rng() % 255);
        break;
    case 2: // dense: every byte differs with probability 1/3, runs of all lengths
        for (auto& x : b)
            if (rng() % 3 == 0) x ^= std::uint8_t(1 + rng() % 255);
        break;
    case 3: // a long run, then the same
        if (!b.empty()) {
            const std::size_t s = rng() % b.size(), n = std::min<std::size_t>(b.size() - s, rng() % 20000);
            for (std::size_t i = s; i < s + n; ++i) b[i] = std::uint8_t(~b[i]);
        }
        break;
    }
    const int sizeKind = int(rng() % 4);
    if (sizeKind == 1) b.resize(b.size() + rng() % 3000, std::uint8_t(rng()));
    if (sizeKind == 2 && !b.empty()) b.resize(rng() % b.size());
    return b;
}

} // namespace

class TestCompare : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void stopFlagSetByAReadEnds() {
        // The caller's stop flag goes up (without a notify, as cancel() does) while the one
        // worker reads block 0: the comparison ends, cancelled, every time. The hang CI saw
        // under ASan (the deliverer waiting for a block a worker that saw the flag never
        // claimed) needs the flag between the worker's notify and its next lock, which no
        // test here can force; the deliverer now also looks at the flag every 50 ms.
        struct StoppingSource final : ByteSource {
            Bytes bytes;
            std::atomic<bool>* stop;
            StoppingSource(std::size_t n, std::atomic<bool>* s) : bytes(n, 7), stop(s) {}
            std::uint64_t size() const override { return bytes.size(); }
            std::size_t read(std::uint64_t at, std::uint8_t* buf, std::size_t n) const override {
                std::memcpy(buf, bytes.data() + at, n);
                if (at + n >= 4096 && at < 4096) stop->store(true); // the end of block 0
                return n;
            }
        };
        for (int round = 0; round < 20; ++round) {
            // on the heap and the thread detached: a hang fails the test instead of hanging it
            struct Run {
                std::atomic<bool> stop{false};
                StoppingSource a{3 * 4096, &stop}, b{3 * 4096, &stop};
                std::promise<bool> cancelled;
            };
            auto run = std::make_shared<Run>();
            std::future<bool> done = run->cancelled.get_future();
            std::thread([run] {
                CompareOptions opt;
                opt.threads = 1;
                opt.blockSize = 4096;
                opt.stop = &run->stop;
                auto r = compareSources(run->a, run->b, [](const DiffRange*, std::size_t) { return true; }, opt);
                run->cancelled.set_value(r.ok() && r.value().cancelled);
            }).detach();
            QVERIFY2(done.wait_for(std::chrono::seconds(20)) == std::future_status::ready, "compareSources did not return");
            QVERIFY(done.get());
        }
    }

    void randomPairsMatchANaiveLoop() {
        std::mt19937_64 rng(19);
        for (int round = 0; round < 300; ++round) {
            const std::size_t size = round < 20 ? std::size_t(round) : std::size_t(rng() % 70000);
            Bytes a(size);
            for (auto& x : a) x = std::uint8_t(rng() % 4); // few values: equal bytes inside runs
            const Bytes b = pairOf(a, rng, int(rng() % 4));
            CompareOptions opt;
            opt.threads = 1 + unsigned(rng() % 3);
            opt.blockSize = 1 + rng() % 9000;
            if (rng() % 4 == 0) opt.limit = rng() % (size + 10);
            const MemorySource sa(a.data(), a.size());
            const ShortSource sb(b, ~0ull); // one read, one direct
            CompareSummary sum;
            const auto got = round % 2 ? engine(sa, sb, opt, &sum) : engine(sb, sa, opt, &sum);
            const auto want = round % 2 ? naive(a, b, opt.limit) : naive(b, a, opt.limit);
            QVERIFY2(got == want, qPrintable(QString("round %1: %2 ranges, want %3").arg(round).arg(got.size()).arg(want.size())));
            std::uint64_t bytes = 0;
            for (const auto& r : want) bytes += r.length;
            QCOMPARE(sum.differingBytes, bytes);
            QCOMPARE(sum.ranges, std::uint64_t(want.size()));
            QCOMPARE(sum.compared, std::min<std::uint64_t>({a.size(), b.size(), opt.limit}));
        }
    }

    void holesInBothAreSkippedAndHolesInOneAreZeros() {
        // 64 MiB sparse files: data at a few places, one of them where the other has a hole.
        const std::uint64_t size = 64ull << 20;
        auto make = [&](const char* name, std::vector<std::pair<std::uint64_t, QByteArray>> parts) {
            const std::string path = m_dir.filePath(name).toStdString();
            const int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_RDWR, 0644);
            if (fd < 0 || ::ftruncate(fd, off_t(size)) != 0) qFatal("sparse");
            for (const auto& [at, bytes] : parts)
                if (::pwrite(fd, bytes.constData(), size_t(bytes.size()), off_t(at)) != bytes.size()) qFatal("pwrite");
            return fd;
        };
        const int fa = make("a.img", {{4096, "same"}, {40 << 20, QByteArray(8192, 'x')}, {size - 10, "ENDa"}});
        const int fb = make("b.img", {{4096, "same"}, {20 << 20, QByteArray(3, '\0') + "zz"}, {size - 10, "ENDb"}});
        const FdSource a(fa, size), b(fb, size);
        const auto got = engine(a, b, {});
        // 'x' * 8192 against a hole; "zz" against a hole (its zeros are not differences);
        // the last byte.
        const std::vector<DiffRange> want{{(20 << 20) + 3, 2}, {40 << 20, 8192}, {size - 7, 1}};
        QCOMPARE(got.size(), want.size());
        QVERIFY(got == want);
        ::close(fa);
        ::close(fb);
    }

    void aSourceThatEndsEarlyIsAnErrorNotADifference() {
        Bytes a(300000, 7);
        const MemorySource sa(a.data(), a.size());
        const ShortSource sb(a, 100000);
        auto r = compareSources(sa, sb, [](const DiffRange*, std::size_t) { return true; }, {}, "A", "B.bin");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, EIO);
        QVERIFY2(r.error().message.find("B.bin") != std::string::npos, r.error().message.c_str());
    }

    void theCallerStopsAtTheFirstRange() {
        Bytes a(5 << 20, 1), b = a;
        for (std::size_t i = 100; i < a.size(); i += 1000) b[i] = 9;
        const MemorySource sa(a.data(), a.size()), sb(b.data(), b.size());
        std::vector<DiffRange> seen;
        CompareOptions opt;
        opt.blockSize = 64 << 10;
        auto r = compareSources(sa, sb, [&](const DiffRange* d, std::size_t n) {
            seen.insert(seen.end(), d, d + n);
            return false;
        }, opt);
        QVERIFY(r.ok());
        QVERIFY(!seen.empty());
        QCOMPARE(seen.front(), (DiffRange{100, 1}));
        QVERIFY(seen.size() < 100); // it did not go on to the end
    }

    void cmpCommandMatchesRealCmp() {
        std::mt19937_64 rng(7);
        int cases = 0;
        for (int round = 0; round < 60; ++round) {
            const std::size_t size = round < 4 ? std::size_t(round) : std::size_t(rng() % 50000);
            Bytes a(size);
            for (auto& x : a) x = rng() % 5 == 0 ? '\n' : std::uint8_t('a' + rng() % 3);
            const Bytes b = pairOf(a, rng, int(rng() % 4));
            const QString pa = m_dir.filePath(QString("p%1-a.bin").arg(round));
            const QString pb = m_dir.filePath(QString("p%1-b.bin").arg(round));
            for (const auto& [p, bytes] : {std::pair<QString, const Bytes*>{pa, &a}, std::pair<QString, const Bytes*>{pb, &b}}) {
                QFile f(p);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(reinterpret_cast<const char*>(bytes->data()), qint64(bytes->size()));
            }
            std::vector<QStringList> variants{{}, {"-l"}, {"-s"}};
            variants.push_back({"-n", QString::number(rng() % (size + 5))});
            variants.push_back({"-l", "-n", QString::number(rng() % (size + 5))});
            variants.push_back({"-i", QString("%1:%2").arg(rng() % 50).arg(rng() % 50)});
            variants.push_back({"-l", "-i", QString::number(rng() % 60)});
            for (const QStringList& opts : variants) {
                const Real want = realCmp(opts + QStringList{pa, pb});
                std::vector<std::string> args;
                for (const QString& o : opts) args.push_back(o.toStdString());
                args.push_back(pa.toStdString());
                args.push_back(pb.toStdString());
                const auto got = runCmp(args);
                const QByteArray what = (opts.join(' ') + " on round " + QString::number(round)).toUtf8();
                QVERIFY2(got.status == want.status, what + ": status " + QByteArray::number(got.status));
                QVERIFY2(QByteArray::fromStdString(got.out) == want.out, what + ": stdout\n" + QByteArray::fromStdString(got.out).left(300) + "\nwant\n" + want.out.left(300));
                QVERIFY2(QByteArray::fromStdString(got.err) == want.err, what + ": stderr " + QByteArray::fromStdString(got.err) + " want " + want.err);
                ++cases;
            }
        }
        qInfo("%d comparisons agree with cmp", cases);
    }

    void rangesListsEveryRunAndTheTail() {
        std::mt19937_64 rng(3);
        Bytes a(100000);
        for (auto& x : a) x = std::uint8_t(rng());
        Bytes b = pairOf(a, rng, 2);
        b.resize(a.size() + 123, 0);
        const std::string pa = testutil::writeFile(m_dir, "r-a.bin", QByteArray(reinterpret_cast<const char*>(a.data()), qsizetype(a.size())));
        const std::string pb = testutil::writeFile(m_dir, "r-b.bin", QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size())));
        const auto got = runCmp({"--ranges", pa, pb});
        QCOMPARE(got.status, 1);
        std::string want;
        for (const auto& r : naive(a, b)) want += std::to_string(r.offset) + "\t" + std::to_string(r.length) + "\n";
        want += std::to_string(a.size()) + "\t123\n";
        QCOMPARE(QByteArray::fromStdString(got.out), QByteArray::fromStdString(want));
        // The same file twice, and identical copies.
        QCOMPARE(runCmp({"--ranges", pa, pa}).status, 0);
        QCOMPARE(runCmp({pa, pa}).out, std::string());
    }

    void troubleIsStatusTwoWithASentence() {
        const std::string pa = testutil::writeFile(m_dir, "t-a.bin", "abc");
        auto missing = runCmp({pa, m_dir.filePath("nope").toStdString()});
        QCOMPARE(missing.status, 2);
        QVERIFY2(missing.err.find("nope") != std::string::npos, missing.err.c_str());
        auto folder = runCmp({pa, m_dir.path().toStdString()});
        QCOMPARE(folder.status, 2);
        QVERIFY(!folder.err.empty());
        QCOMPARE(runCmp({pa}).status, 2);
        QCOMPARE(runCmp({"-x", pa, pa}).status, 2);
        QCOMPARE(runCmp({"-n", "lots", pa, pa}).status, 2);
    }

    void resyncScriptTurnsAIntoB() {
        std::mt19937_64 rng(23);
        for (int round = 0; round < 60; ++round) {
            Bytes a(std::size_t(rng() % 400'000));
            for (auto& x : a) x = std::uint8_t(rng());
            if (round % 5 == 0) for (auto& x : a) x = std::uint8_t(rng() % 3); // repetitive
            // B: random inserts, deletes and replaces, front to back.
            Bytes b;
            std::size_t at = 0;
            while (at < a.size()) {
                const std::size_t keep = std::min<std::size_t>(a.size() - at, rng() % 50'000);
                b.insert(b.end(), a.begin() + long(at), a.begin() + long(at + keep));
                at += keep;
                const std::size_t len = 1 + rng() % (round % 3 == 0 ? 5000 : 40);
                switch (rng() % 3) {
                case 0: for (std::size_t k = 0; k < len; ++k) b.push_back(std::uint8_t(rng())); break; // insert
                case 1: at = std::min(a.size(), at + len); break;                                     // delete
                default:                                                                              // replace
                    for (std::size_t k = 0; k < len && at < a.size(); ++k, ++at) b.push_back(std::uint8_t(a[at] ^ (1 + rng() % 255)));
                }
            }
            const MemorySource sa(a.data(), a.size());
            const ShortSource sb(b, ~0ull); // through read()
            ResyncOptions opt;
            opt.window = round % 2 ? 4096 : 64 << 10;
            auto script = resyncDiff(sa, sb, opt);
            QVERIFY(script.ok());
            // Applying the script to A gives B exactly, and it walks both in order.
            Bytes made;
            std::uint64_t ia = 0, ib = 0;
            const std::vector<EditOp>& ops = script.value();
            for (const EditOp& op : script.value()) {
                QVERIFY(op.aOffset >= ia && op.bOffset >= ib);
                QCOMPARE(op.aOffset - ia, op.bOffset - ib); // equal between ops
                // alignedOffset: a byte of an equal stretch is the same byte on the other
                // side, both ways; a byte inside the edit lands inside the other's part.
                for (std::uint64_t x : {ia, (ia + op.aOffset) / 2, op.aOffset ? op.aOffset - 1 : 0})
                    if (x >= ia && x < op.aOffset) {
                        QCOMPARE(alignedOffset(ops, false, x), ib + (x - ia));
                        QCOMPARE(alignedOffset(ops, true, ib + (x - ia)), x);
                    }
                if (op.aLength && op.bLength) {
                    const std::uint64_t in = alignedOffset(ops, false, op.aOffset + op.aLength - 1);
                    QVERIFY(in >= op.bOffset && in < op.bOffset + op.bLength);
                }
                if (!op.aLength) // an insertion: the byte after it in A is the byte after it in B
                    if (op.aOffset < a.size())
                        QCOMPARE(alignedOffset(ops, false, op.aOffset), op.bOffset + op.bLength);
                made.insert(made.end(), a.begin() + long(ia), a.begin() + long(op.aOffset));
                made.insert(made.end(), b.begin() + long(op.bOffset), b.begin() + long(op.bOffset + op.bLength));
                ia = op.aOffset + op.aLength;
                ib = op.bOffset + op.bLength;
            }
            made.insert(made.end(), a.begin() + long(ia), a.end());
            QVERIFY2(made == b, qPrintable(QString("round %1").arg(round)));
            QCOMPARE(ia <= a.size(), true);
        }
    }

    void oneByteInsertedAtTheFrontIsOneInsertion() {
        Bytes a(3'000'000);
        std::mt19937_64 rng(1);
        for (auto& x : a) x = std::uint8_t(rng());
        Bytes b = a;
        b.insert(b.begin(), 0x7f);
        const MemorySource sa(a.data(), a.size()), sb(b.data(), b.size());
        auto script = resyncDiff(sa, sb);
        QVERIFY(script.ok());
        QCOMPARE(script.value().size(), std::size_t(1));
        QCOMPARE(script.value()[0], (EditOp{0, 0, 0, 1}));
        // And through the command: "insert" with both offsets and the length.
        const std::string pa = testutil::writeFile(m_dir, "ins-a.bin", QByteArray(reinterpret_cast<const char*>(a.data()), qsizetype(a.size())));
        const std::string pb = testutil::writeFile(m_dir, "ins-b.bin", QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size())));
        const auto r = runCmp({"--resync", pa, pb});
        QCOMPARE(r.status, 1);
        QCOMPARE(r.out, std::string("insert\t0\t0\t0\t1\n"));
        QCOMPARE(runCmp({"--resync", pa, pa}).status, 0);
        const auto del = runCmp({"--resync", pb, pa});
        QCOMPARE(del.out, std::string("delete\t0\t1\t0\t0\n"));
    }

    void resyncReportsProgressOnLongEqualStretches() {
        Bytes a(std::size_t(40) << 20, 0x41), b = a;
        b.back() = 0x42;
        const MemorySource sa(a.data(), a.size()), sb(b.data(), b.size());
        std::vector<std::uint64_t> seen;
        ResyncOptions opt;
        opt.progress = [&](std::uint64_t at) { seen.push_back(at); };
        auto script = resyncDiff(sa, sb, opt);
        QVERIFY(script.ok());
        QCOMPARE(script.value().size(), std::size_t(1));
        QVERIFY2(seen.size() >= 2, qPrintable(QString::number(seen.size())));
        QVERIFY(std::is_sorted(seen.begin(), seen.end()) && seen.back() <= a.size());
    }
};

QTEST_GUILESS_MAIN(TestCompare)
#include "test_compare.moc"
