// SPDX-License-Identifier: MIT
// filterLines against grep: include rules against `grep -n`, exclude rules against
// `grep -vn`, both together, a regex rule against `grep -nE`; on generated logs with CRLF
// lines, empty lines, long lines, no final newline, every chunk size from 1 byte (each line
// crosses chunk ends) to the default; and a file appended after a first pass, filtered on
// from where the first pass ended, as a view following a growing log does.
#include "line_filter.h"
#include "temp_files.h"

#include <QProcess>
#include <QtTest>
#include <random>

using namespace hexmap;

namespace {

QByteArray makeLog(std::uint32_t seed, int lines, bool finalNewline) {
    std::mt19937 rng(seed);
    static const char* levels[] = {"INFO", "INFO", "WARN", "ERROR", "DEBUG"};
    static const char* words[] = {"disk", "net", "cache", "worker-3", "worker-5", "retry"};
    QByteArray out;
    for (int i = 0; i < lines; ++i) {
        if (rng() % 17 == 0) { // an empty line now and then
            out += "\n";
            continue;
        }
        out += "2026-12-07T10:00:" + QByteArray::number(i % 60) + " " + levels[rng() % 5] + " ";
        const int n = 1 + int(rng() % 6);
        for (int k = 0; k < n; ++k)
            out += QByteArray(words[rng() % 6]) + " ";
        if (rng() % 40 == 0) out += QByteArray(int(300 + rng() % 3000), 'x'); // a long line
        out += rng() % 9 == 0 ? "\r\n" : "\n";
    }
    if (!finalNewline && out.endsWith('\n')) {
        out.chop(1);
        out += "tail ERROR disk without newline";
    }
    return out;
}

// grep's answer as (line number - 1) for each line it prints.
std::vector<std::uint64_t> grepLines(const QString& path, const QStringList& args,
                                     const QString& then = {}) {
    QProcess p;
    p.start("sh", {"-c", "grep " + args.join(' ') + " -- '" + path + "'" +
                             (then.isEmpty() ? "" : " | " + then)});
    p.waitForFinished(60000);
    std::vector<std::uint64_t> out;
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
        if (line.isEmpty()) continue;
        out.push_back(line.left(line.indexOf(':')).toULongLong() - 1);
    }
    return out;
}

Pattern literal(const char* text) {
    PatternOptions o;
    o.kind = PatternKind::Text;
    return Pattern::parse(text, o).value();
}

Pattern regex(const char* text) {
    PatternOptions o;
    o.kind = PatternKind::Regex;
    return Pattern::parse(text, o).value();
}

} // namespace

class TestLineFilter : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // Runs the filter with `chunk` and checks numbers against grep and starts against the
    // bytes (each kept start is a line start: 0 or just after a newline).
    void check(const QByteArray& log, const QString& path, const std::vector<LineFilterRule>& rules,
               const std::vector<std::uint64_t>& want, std::size_t chunk) {
        MemorySource memory(reinterpret_cast<const std::uint8_t*>(log.constData()),
                            std::uint64_t(log.size()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        FdSource fd(file.handle(), std::uint64_t(log.size()));
        // One thread, and more threads than cores (regions scanned out of order, handed on
        // in order); from memory, and read from the file (literals matched in the region's
        // copy): the same lines.
        for (const ByteSource* from :
             {static_cast<const ByteSource*>(&memory), static_cast<const ByteSource*>(&fd)})
            for (unsigned threads : {1u, 5u}) {
                // Tiny chunks from the file are a read a byte: as slow as they are useless.
                if (from == &fd && chunk < 64) continue;
                const ByteSource& source = *from;
                std::vector<FilteredLine> got;
                LineFilterOptions o;
                o.chunkSize = chunk;
                o.threads = threads;
                auto summary = filterLines(
                    source, rules, 0, 0,
                    [&](std::vector<FilteredLine>& l) {
                        got.insert(got.end(), l.begin(), l.end());
                    },
                    o);
                QVERIFY(summary);
                QCOMPARE(summary.value().end, std::uint64_t(log.size()));
                QCOMPARE(summary.value().kept, std::uint64_t(got.size()));
                QCOMPARE(summary.value().lines,
                         std::uint64_t(log.count('\n') + (log.endsWith('\n') ? 0 : 1)));
                std::vector<std::uint64_t> numbers;
                for (const FilteredLine& l : got) {
                    numbers.push_back(l.number);
                    QVERIFY(l.start == 0 || log[qsizetype(l.start - 1)] == '\n');
                }
                QVERIFY2(
                    numbers == want,
                    qPrintable(QStringLiteral("%1: got %2 lines, grep %3 (chunk %4, %5 threads%6)")
                                   .arg(path)
                                   .arg(numbers.size())
                                   .arg(want.size())
                                   .arg(chunk)
                                   .arg(threads)
                                   .arg(from == &fd ? ", read" : "")));
            }
    }

private slots:
    // A row per log (three seeds, with and without a final newline), each with its own time
    // limit: the whole set in one function ran past QtTest's 300 s under ThreadSanitizer.
    void matchesGrep_data() {
        QTest::addColumn<std::uint32_t>("seed");
        QTest::addColumn<bool>("finalNewline");
        for (std::uint32_t seed : {1u, 2u, 3u})
            for (bool finalNewline : {true, false})
                QTest::newRow(qPrintable(
                    QString("seed %1%2").arg(seed).arg(finalNewline ? "" : ", no final newline")))
                    << seed << finalNewline;
    }
    void matchesGrep() {
        QFETCH(std::uint32_t, seed);
        QFETCH(bool, finalNewline);
        const QByteArray log = makeLog(seed, 700, finalNewline);
        const QString path = testutil::newFile(m_dir, log);
        const std::vector<std::uint64_t> errors = grepLines(path, {"-n", "-F", "ERROR"});
        const std::vector<std::uint64_t> notDebug = grepLines(path, {"-vn", "-F", "DEBUG"});
        const std::vector<std::uint64_t> both =
            grepLines(path, {"-n", "-E", "'ERROR|WARN'"}, "grep -v -F disk");
        const std::vector<std::uint64_t> workers =
            grepLines(path, {"-n", "-E", "'worker-[35] (disk|net)'"});
        const std::vector<std::uint64_t> all = grepLines(path, {"-n", "''"});
        const std::vector<std::uint64_t> errorsOrWarnings =
            grepLines(path, {"-n", "-E", "'ERROR|WARN'"});
        QVERIFY(!errors.empty() && !notDebug.empty() && !both.empty() && !workers.empty());
        for (std::size_t chunk : {std::size_t(1), std::size_t(7), std::size_t(64),
                                  std::size_t(4096), std::size_t(1) << 20}) {
            check(log, path, {{literal("ERROR"), false}}, errors, chunk);
            check(log, path, {{literal("DEBUG"), true}}, notDebug, chunk);
            check(log, path,
                  {{literal("ERROR"), false}, {literal("WARN"), false}, {literal("disk"), true}},
                  both, chunk);
            check(log, path, {{regex("worker-[35] (disk|net)"), false}}, workers, chunk);
            check(log, path, {}, all, chunk); // no rule: every line
            // Two include rules and no exclude rule.
            check(log, path, {{literal("ERROR"), false}, {literal("WARN"), false}},
                  errorsOrWarnings, chunk);
        }
    }

    // A log that grows: the first pass, then what was appended from where it ended, through
    // a file descriptor (as the window's reader does for a file that is not flat).
    void followsAnAppend_data() {
        QTest::addColumn<bool>("withExclude");
        QTest::newRow("include and exclude") << true;
        QTest::newRow("include only") << false;
    }
    void followsAnAppend() {
        QFETCH(bool, withExclude);
        const QByteArray first = makeLog(9, 400, true);
        const QByteArray appended = makeLog(10, 300, false);
        const QString path = testutil::newFile(m_dir, first);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        std::vector<LineFilterRule> rules{{literal("ERROR"), false}};
        if (withExclude) rules.push_back({literal("net"), true});
        std::vector<FilteredLine> got;
        auto collect = [&](std::vector<FilteredLine>& l) {
            got.insert(got.end(), l.begin(), l.end());
        };
        LineFilterOptions o;
        o.chunkSize = 333;
        auto one =
            filterLines(FdSource(f.handle(), std::uint64_t(first.size())), rules, 0, 0, collect, o);
        QVERIFY(one);
        QVERIFY(f.seek(first.size()));
        QCOMPARE(f.write(appended), appended.size());
        QVERIFY(f.flush());
        const std::uint64_t size = std::uint64_t(first.size() + appended.size());
        // The first part ends in a newline: the scan goes on where it ended.
        QCOMPARE(one.value().resumeAt, one.value().end);
        QCOMPARE(one.value().resumeNumber, one.value().lines);
        auto two = filterLines(FdSource(f.handle(), size), rules, one.value().resumeAt,
                               one.value().resumeNumber, collect, o);
        QVERIFY(two);
        std::vector<std::uint64_t> numbers;
        for (const FilteredLine& l : got)
            numbers.push_back(l.number);
        QVERIFY(numbers ==
                grepLines(path, {"-n", "-F", "ERROR"}, withExclude ? "grep -v -F net" : ""));
        QCOMPARE(one.value().lines + two.value().lines,
                 std::uint64_t((first + appended).count('\n') + 1)); // the last line has no newline
    }

    // A last line without its newline is looked at again when more is appended: what was
    // kept of it is dropped, and the line's number stays.
    void resumesInsideAnOpenLine() {
        const QByteArray log = "ERROR one\nINFO two\nERROR thr";
        MemorySource first(reinterpret_cast<const std::uint8_t*>(log.constData()),
                           std::uint64_t(log.size()));
        std::vector<FilteredLine> got;
        auto collect = [&](std::vector<FilteredLine>& l) {
            got.insert(got.end(), l.begin(), l.end());
        };
        const std::vector<LineFilterRule> rules{{literal("ERROR"), false},
                                                {literal("three!"), true}};
        auto one = filterLines(first, rules, 0, 0, collect);
        QVERIFY(one);
        QCOMPARE(one.value().resumeAt, std::uint64_t(19));
        QCOMPARE(one.value().resumeNumber, std::uint64_t(2));
        QCOMPARE(got.size(), std::size_t(2));
        const QByteArray grown = log + "ee!\nERROR four\n";
        MemorySource second(reinterpret_cast<const std::uint8_t*>(grown.constData()),
                            std::uint64_t(grown.size()));
        while (!got.empty() && got.back().start >= one.value().resumeAt)
            got.pop_back();
        QVERIFY(
            filterLines(second, rules, one.value().resumeAt, one.value().resumeNumber, collect));
        QCOMPARE(got, (std::vector<FilteredLine>{{0, 0}, {32, 3}})); // "ERROR three!" is out now
        // With the include rule alone: the same resume.
        got.clear();
        const std::vector<LineFilterRule> include{{literal("ERROR"), false}};
        auto three = filterLines(first, include, 0, 0, collect);
        QVERIFY(three);
        QCOMPARE(three.value().resumeAt, std::uint64_t(19));
        QCOMPARE(three.value().resumeNumber, std::uint64_t(2));
        QCOMPARE(three.value().lines, std::uint64_t(3));
        while (!got.empty() && got.back().start >= three.value().resumeAt)
            got.pop_back();
        QVERIFY(filterLines(second, include, three.value().resumeAt, three.value().resumeNumber,
                            collect));
        QCOMPARE(got, (std::vector<FilteredLine>{{0, 0}, {19, 2}, {32, 3}}));
    }

    void cancels() {
        const QByteArray log = makeLog(4, 2000, true);
        MemorySource source(reinterpret_cast<const std::uint8_t*>(log.constData()),
                            std::uint64_t(log.size()));
        std::atomic<bool> stop{true};
        LineFilterOptions o;
        o.cancel = &stop;
        auto s = filterLines(source, {{literal("ERROR"), false}}, 0, 0, {}, o);
        QVERIFY(s);
        QVERIFY(s.value().cancelled);
        QCOMPARE(s.value().end, std::uint64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestLineFilter)
#include "test_line_filter.moc"
