// SPDX-License-Identifier: MIT
// Several logs merged by time (issue 22): against `sort -m -s` on the timestamps (ties to
// the earlier file, lines out of order within a file kept where they are, CRLF, no final
// newline), against a stable sort for logs with lines that have no time (continuations stay
// under their line), read from memory and through small reads (a line longer than the read
// window), the batches' line numbers, a stop, and a file that shrinks under the merge.
#include "log_merge.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <random>

#include "temp_files.h"

using namespace hexmap;

namespace {

// A log made of ISO lines: times grow by 0-1500 ms (equal times across files are common:
// the steps are whole 100 ms), a line now and then out of order by a few seconds.
std::string isoLog(int lines, std::uint32_t seed, bool crlf, bool finalNewline, bool outOfOrder,
                   int continuationEvery = 0) {
    std::mt19937 rng(seed);
    std::string text;
    std::int64_t t = 1'764'127'270'000;
    for (int i = 0; i < lines; ++i) {
        if (continuationEvery && i > 0 && rng() % continuationEvery == 0) {
            text += "    at Thing.method(Thing.java:" + std::to_string(i) + ")";
        } else {
            t += static_cast<std::int64_t>(rng() % 16) * 100;
            std::int64_t shown = t;
            if (outOfOrder && rng() % 23 == 0) shown -= 5000;
            const std::int64_t secs = shown / 1000;
            const int ms = static_cast<int>(shown % 1000);
            const int s = static_cast<int>(secs % 60), m = static_cast<int>(secs / 60 % 60),
                      h = static_cast<int>(secs / 3600 % 24);
            char buf[64];
            std::snprintf(buf, sizeof buf, "2025-11-26T%02d:%02d:%02d.%03dZ", h, m, s, ms);
            text += buf;
            text += " file" + std::to_string(seed) + " line " + std::to_string(i);
        }
        if (i + 1 < lines || finalNewline) text += crlf ? "\r\n" : "\n";
    }
    return text;
}

// Memory that is not direct(): read() only, so the merge goes through its window.
class ReadOnlySource final : public ByteSource {
public:
    ReadOnlySource(const std::string& s, std::uint64_t readableUpTo = ~0ull)
        : m_s(s), m_limit(readableUpTo) {}
    std::uint64_t size() const override { return m_s.size(); }
    std::size_t read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const override {
        if (offset >= m_limit) return 0;
        const auto n = static_cast<std::size_t>(
            std::min<std::uint64_t>({len, m_s.size() - offset, m_limit - offset}));
        std::memcpy(buf, m_s.data() + offset, n);
        return n;
    }

private:
    const std::string& m_s;
    std::uint64_t m_limit;
};

struct Merged {
    std::vector<MergedLine> lines;
    LogMergeSummary summary;
};

Merged mergeOnce(const std::vector<const ByteSource*>& sources, const LogMergeOptions& options,
                 std::vector<std::shared_ptr<MergedBatch>>* batches) {
    std::vector<MergeInput> inputs;
    for (const ByteSource* s : sources)
        inputs.push_back({s, TimeFormat::Iso8601, 2025});
    Merged out;
    auto r = mergeLogs(
        inputs,
        [&](std::shared_ptr<MergedBatch> b) {
            out.lines.insert(out.lines.end(), b->lines.begin(), b->lines.end());
            if (batches) batches->push_back(std::move(b));
        },
        options);
    if (!r) qFatal("merge failed: %s", r.error().message.c_str());
    out.summary = r.value();
    return out;
}

// The merge with a reader thread per file, checked against the same merge read by the
// merging thread alone (they must agree line for line).
Merged merge(const std::vector<const ByteSource*>& sources, LogMergeOptions options = {},
             std::vector<std::shared_ptr<MergedBatch>>* batches = nullptr) {
    Merged threaded = mergeOnce(sources, options, batches);
    options.readerThreads = 0;
    const Merged inline_ = mergeOnce(sources, options, nullptr);
    if (threaded.lines != inline_.lines || threaded.summary.lines != inline_.summary.lines ||
        threaded.summary.untimed != inline_.summary.untimed ||
        threaded.summary.cut != inline_.summary.cut)
        qFatal("the merge read on reader threads differs from the merge read inline");
    return threaded;
}

// The merged text: each line as its file holds it, a newline added where the last has none.
std::string render(const std::vector<MergedLine>& lines,
                   const std::vector<const std::string*>& files) {
    std::string out;
    for (const MergedLine& l : lines) {
        const std::string& f = *files[l.file()];
        auto end = f.find('\n', l.start());
        end = end == std::string::npos ? f.size() : end + 1;
        out.append(f, l.start(), end - l.start());
        if (out.empty() || out.back() != '\n') out += '\n';
    }
    return out;
}

} // namespace

class TestLogMerge : public QObject {
    Q_OBJECT
private slots:
    // Four kinds of log, each merged against `sort -m -s` (every sort runs first, before a
    // merge has started a reader thread).
    void mergesAsSortM() {
        struct Variant {
            const char* name;
            bool crlf, finalNewline, outOfOrder, direct;
            std::vector<std::string> texts;
            QByteArray expected;
        };
        std::vector<Variant> variants = {
            {"lf", false, true, false, true, {}, {}},
            {"crlf, no final newline", true, false, false, true, {}, {}},
            {"out of order", false, true, true, true, {}, {}},
            {"out of order, read()", false, false, true, false, {}, {}}};
        QTemporaryDir dir;
        for (Variant& v : variants) {
            QStringList paths;
            for (std::uint32_t seed = 1; seed <= 3; ++seed) {
                v.texts.push_back(isoLog(3000 + static_cast<int>(seed) * 500, seed, v.crlf,
                                         v.finalNewline, v.outOfOrder));
                paths << QString::fromStdString(testutil::writeFile(
                    dir, QString("%1-%2.txt").arg(&v - variants.data()).arg(seed),
                    QByteArray::fromStdString(v.texts.back())));
            }
            QProcess sort;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("LC_ALL", "C");
            sort.setProcessEnvironment(env);
            sort.start("sort", QStringList{"-m", "-s", "-t", " ", "-k1,1"} + paths);
            QVERIFY(sort.waitForFinished(60000));
            QCOMPARE(sort.exitCode(), 0);
            v.expected = sort.readAllStandardOutput();
        }
        for (const Variant& v : variants) {
            std::vector<std::unique_ptr<ByteSource>> owned;
            std::vector<const ByteSource*> sources;
            std::vector<const std::string*> files;
            for (const std::string& t : v.texts) {
                if (v.direct)
                    owned.push_back(std::make_unique<MemorySource>(
                        reinterpret_cast<const std::uint8_t*>(t.data()), t.size()));
                else
                    owned.push_back(std::make_unique<ReadOnlySource>(t));
                sources.push_back(owned.back().get());
                files.push_back(&t);
            }
            const Merged m = merge(sources);
            const std::string got = render(m.lines, files);
            QVERIFY2(got == v.expected.toStdString(), v.name);
            std::uint64_t total = 0;
            for (std::size_t f = 0; f < v.texts.size(); ++f) {
                total += m.summary.lines[f];
                QCOMPARE(m.summary.untimed[f], std::uint64_t{0});
                QVERIFY(!m.summary.cut[f]);
            }
            QCOMPARE(total, static_cast<std::uint64_t>(m.lines.size()));
        }
    }

    // Lines without a time keep the time of the line above: a stable sort by that time (then
    // by file) is the answer when every file's times grow.
    void untimedLinesStayUnderTheirLine() {
        std::vector<std::string> texts = {
            "preamble without a time\n" + isoLog(2000, 7, false, true, false, 5),
            isoLog(2500, 8, false, false, false, 3), isoLog(10, 9, true, true, false, 2)};
        std::vector<MemorySource> mem;
        for (const std::string& t : texts)
            mem.emplace_back(reinterpret_cast<const std::uint8_t*>(t.data()), t.size());
        struct Line {
            std::int64_t time;
            unsigned file;
            std::uint64_t start;
        };
        std::vector<Line> expected;
        std::uint64_t untimed[3] = {};
        for (unsigned f = 0; f < texts.size(); ++f) {
            std::int64_t carried = std::numeric_limits<std::int64_t>::min();
            for (std::size_t at = 0; at < texts[f].size();) {
                std::size_t end = texts[f].find('\n', at);
                if (end == std::string::npos) end = texts[f].size();
                if (auto t = lineTime(std::string_view(texts[f]).substr(at, end - at),
                                      TimeFormat::Iso8601, 2025))
                    carried = *t;
                else
                    ++untimed[f];
                expected.push_back({carried, f, at});
                at = end + 1;
            }
        }
        std::stable_sort(expected.begin(), expected.end(), [](const Line& a, const Line& b) {
            return a.time != b.time ? a.time < b.time : a.file < b.file;
        });
        for (bool direct : {true, false}) {
            std::vector<std::unique_ptr<ReadOnlySource>> reads;
            std::vector<const ByteSource*> sources;
            for (std::size_t f = 0; f < texts.size(); ++f) {
                reads.push_back(std::make_unique<ReadOnlySource>(texts[f]));
                sources.push_back(direct ? static_cast<const ByteSource*>(&mem[f])
                                         : reads.back().get());
            }
            const Merged m = merge(sources);
            QCOMPARE(m.lines.size(), expected.size());
            for (std::size_t i = 0; i < expected.size(); ++i)
                if (m.lines[i] != MergedLine(expected[i].file, expected[i].start))
                    QFAIL(qPrintable(QString("row %1 differs (direct %2)").arg(i).arg(direct)));
            for (unsigned f = 0; f < 3; ++f)
                QCOMPARE(m.summary.untimed[f], untimed[f]);
        }
    }

    // A line longer than the read window (1 MiB) between timed lines, read through read().
    void longLinesThroughTheWindow() {
        std::string a = "2025-11-26T00:00:01.000Z a1\n2025-11-26T00:00:03.000Z " +
                        std::string(3u << 20, 'x') + "\n2025-11-26T00:00:05.000Z a3\n";
        std::string b = "2025-11-26T00:00:02.000Z b1\n2025-11-26T00:00:04.000Z b2";
        ReadOnlySource ra(a), rb(b);
        const Merged m = merge({&ra, &rb});
        const std::vector<MergedLine> expected = {
            {0, 0}, {1, 0}, {0, 28}, {1, 28}, {0, a.size() - 28}};
        QCOMPARE(m.lines.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY(m.lines[i] == expected[i]);
    }

    // Each batch says, per file, how many of its lines came before the batch.
    void batchesCarryLineNumbers() {
        std::vector<std::string> texts = {isoLog(5000, 11, false, true, true),
                                          isoLog(7000, 12, false, true, true, 4)};
        std::vector<MemorySource> mem;
        for (const std::string& t : texts)
            mem.emplace_back(reinterpret_cast<const std::uint8_t*>(t.data()), t.size());
        std::vector<std::shared_ptr<MergedBatch>> batches;
        LogMergeOptions options;
        options.batchLines = 777;
        const Merged m = merge({&mem[0], &mem[1]}, options, &batches);
        std::uint64_t seen[2] = {};
        for (const auto& b : batches) {
            QVERIFY(!b->lines.empty());
            QVERIFY(b->lines.size() <= 777);
            QCOMPARE(b->firstNumbers.size(), std::size_t{2});
            QCOMPARE(b->firstNumbers[0], seen[0]);
            QCOMPARE(b->firstNumbers[1], seen[1]);
            for (const MergedLine& l : b->lines)
                ++seen[l.file()];
        }
        QCOMPARE(seen[0], m.summary.lines[0]);
        QCOMPARE(seen[1], m.summary.lines[1]);
        QCOMPARE(seen[0], std::uint64_t{5000});
        QCOMPARE(seen[1], std::uint64_t{7000});
    }

    void stopsWhenAsked() {
        const std::string t = isoLog(50000, 21, false, true, false);
        MemorySource s(reinterpret_cast<const std::uint8_t*>(t.data()), t.size());
        std::atomic<bool> stop{false};
        LogMergeOptions options;
        options.stop = &stop;
        options.batchLines = 100;
        std::size_t got = 0;
        auto r = mergeLogs(
            {{&s, TimeFormat::Iso8601, 2025}},
            [&](std::shared_ptr<MergedBatch> b) {
                got += b->lines.size();
                stop = true;
            },
            options);
        QVERIFY(r.ok());
        QVERIFY(r.value().stopped);
        QCOMPARE(got, std::size_t{100});
    }

    // A file that shrinks under the merge (reads come up short past a point): its lines up to
    // there are merged, the rest of the other file too, and the summary says it was cut.
    void aShrunkFileEndsWhereItsBytesEnd() {
        const std::string a = isoLog(20000, 31, false, true, false),
                          b = isoLog(1000, 32, false, true, false);
        const std::uint64_t limit = (3u << 20) / 2 > a.size() ? a.size() / 2 : (3u << 20) / 2;
        ReadOnlySource ra(a, limit), rb(b);
        const Merged m = merge({&ra, &rb});
        QVERIFY(m.summary.cut[0]);
        QVERIFY(!m.summary.cut[1]);
        QCOMPARE(m.summary.lines[1], std::uint64_t{1000});
        QVERIFY(m.summary.lines[0] > 0 && m.summary.lines[0] < 20000);
        for (const MergedLine& l : m.lines)
            if (l.file() == 0) QVERIFY(l.start() < limit);
    }

    void refusesTooManyFiles() {
        const std::string t = "2025-11-26T00:00:01.000Z x\n";
        MemorySource s(reinterpret_cast<const std::uint8_t*>(t.data()), t.size());
        std::vector<MergeInput> inputs(kMaxMergedFiles + 1,
                                       MergeInput{&s, TimeFormat::Iso8601, 2025});
        auto r = mergeLogs(inputs, [](std::shared_ptr<MergedBatch>) {});
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("At most") != std::string::npos);
        inputs.resize(kMaxMergedFiles);
        std::size_t n = 0;
        auto ok = mergeLogs(inputs, [&](std::shared_ptr<MergedBatch> b) { n += b->lines.size(); });
        QVERIFY(ok.ok());
        QCOMPARE(n, std::size_t{kMaxMergedFiles});
    }
};

QTEST_GUILESS_MAIN(TestLogMerge)
#include "test_log_merge.moc"
