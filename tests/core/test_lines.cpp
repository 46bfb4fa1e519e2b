// SPDX-License-Identifier: MIT
// LineLayout (offset -> row, row -> next/previous row) against a naive layout of the whole
// buffer, on random files with and without newlines, CRLF, long lines, wrap on and off; and
// LineIndex against a plain count.
#include "line_index.h"
#include "line_layout.h"
#include "rule_scanner.h"

#include <QtTest>

#include <random>
#include <vector>

using namespace hexmap;

namespace {

using Bytes = std::vector<std::uint8_t>;

// Every row of the buffer, from its start, by the rules in line_layout.h.
std::vector<LineRow> naiveRows(const Bytes& d, std::uint32_t wrap, std::uint64_t cap) {
    std::vector<LineRow> rows;
    std::uint64_t i = 0;
    bool lineStart = true;
    while (i < d.size()) {
        LineRow r;
        r.start = i;
        r.lineStart = lineStart;
        std::uint64_t j = i;
        for (;;) {
            if (j >= d.size()) break;
            if (d[j] == '\n') {
                ++j;
                r.newline = true;
                break;
            }
            ++j;
            if (j % cap == 0 || (wrap && j - i == wrap)) break;
        }
        r.end = j;
        lineStart = r.newline || j % cap == 0;
        rows.push_back(r);
        i = j;
    }
    return rows;
}

std::string show(const LineRow& r) {
    return std::to_string(r.start) + ".." + std::to_string(r.end) + (r.lineStart ? " L" : "") +
           (r.newline ? " N" : "");
}

} // namespace

class TestLines : public QObject {
    Q_OBJECT

private slots:
    void layoutMatchesNaiveRows() {
        std::mt19937_64 rng(11);
        for (int iter = 0; iter < 124; ++iter) {
            const int kind = iter % 4;
            Bytes d(iter < 120 ? rng() % 3000 : LineLayout::kCap * 2 + rng() % 5000);
            for (auto& b : d) {
                switch (kind) {
                case 0: b = "ab c\n"[rng() % 5]; break;                  // short lines
                case 1: b = rng() % 200 == 0 ? '\n' : 'x'; break;       // long lines
                case 2: b = static_cast<std::uint8_t>('a' + rng() % 3); break; // no newline
                default: b = "ab\r\n\t\x00\xff"[rng() % 7]; break;        // CRLF and binary
                }
            }
            const bool big = d.size() > LineLayout::kCap;
            for (std::uint32_t wrap : {0u, 1u, 7u, 80u}) {
                // A whole walk of 2 MiB in 1- or 7-byte rows, each looking back up to 1 MiB,
                // would take minutes: the big files are walked with the wider rows only.
                if (big && (wrap == 1 || wrap == 7)) continue;
                const LineLayout layout(d.data(), d.size(), wrap);
                const auto rows = naiveRows(d, wrap, LineLayout::kCap);
                const std::string ctx = "iter " + std::to_string(iter) + " wrap " + std::to_string(wrap);
                if (d.empty()) {
                    QCOMPARE(layout.rowAt(0), LineRow{});
                    continue;
                }
                // Forward from the first row visits exactly the naive rows.
                std::optional<LineRow> r = layout.rowAt(0);
                std::size_t n = 0;
                while (r) {
                    QVERIFY2(n < rows.size() && *r == rows[n],
                             (ctx + " row " + std::to_string(n) + " got " + show(*r) + " want " +
                              (n < rows.size() ? show(rows[n]) : "none")).c_str());
                    r = layout.next(*r);
                    ++n;
                }
                QCOMPARE(n, rows.size());
                // Backward from the last row too, and rowAt finds the row of any byte.
                r = layout.rowAt(d.size() - 1);
                n = rows.size();
                for (int steps = 0; r && steps < (big ? 3000 : 1 << 30); ++steps) {
                    --n;
                    QVERIFY2(*r == rows[n], (ctx + " back " + show(*r) + " want " + show(rows[n])).c_str());
                    r = layout.previous(*r);
                }
                if (!big) QCOMPARE(n, std::size_t(0));
                for (int k = 0; k < 20; ++k) {
                    const std::uint64_t x = rng() % d.size();
                    const LineRow got = layout.rowAt(x);
                    QVERIFY2(got.start <= x && x < got.end, (ctx + " rowAt " + std::to_string(x)).c_str());
                    QVERIFY(std::find(rows.begin(), rows.end(), got) != rows.end());
                }
                // step() moves by whole rows and stops at either end.
                if (!big) {
                    const std::size_t from = rng() % rows.size();
                    const std::int64_t by = std::int64_t(rng() % 41) - 20;
                    const std::int64_t want = std::clamp<std::int64_t>(std::int64_t(from) + by, 0,
                                                                      std::int64_t(rows.size()) - 1);
                    QVERIFY2(layout.step(rows[from], by) == rows[std::size_t(want)],
                             (ctx + " step " + std::to_string(by) + " from row " + std::to_string(from)).c_str());
                }
            }
        }
    }

    void indexMatchesPlainCount() {
        std::mt19937_64 rng(12);
        for (int iter = 0; iter < 6; ++iter) {
            Bytes d(LineIndex::kBlock * (iter % 3) + rng() % 100000);
            for (auto& b : d)
                b = rng() % (iter == 5 ? 100000 : 30) == 0 ? '\n' : 'z';
            if (iter == 4 && !d.empty()) d.back() = '\n';
            LineIndex index;
            index.reset(d.size());
            QCOMPARE(index.complete(), d.empty());
            for (std::uint64_t b = 0; b < index.blocks(); ++b) {
                QVERIFY(!index.lineOf(d.data(), 0));
                const std::uint64_t s = b * LineIndex::kBlock;
                const std::uint64_t e = std::min<std::uint64_t>(d.size(), s + LineIndex::kBlock);
                index.setBlock(b, static_cast<std::uint32_t>(countNewlines(d.data() + s, e - s)));
            }
            QVERIFY(index.complete());
            // Lines: newlines plus a last line without one.
            std::uint64_t newlines = 0;
            std::vector<std::uint64_t> starts{0};
            for (std::size_t i = 0; i < d.size(); ++i) {
                if (d[i] == '\n') {
                    ++newlines;
                    if (i + 1 < d.size()) starts.push_back(i + 1);
                }
            }
            const std::uint64_t lines = d.empty() ? 0 : newlines + (d.back() == '\n' ? 0 : 1);
            QCOMPARE(*index.lineCount(d.data()), lines);
            for (int k = 0; k < 200 && !d.empty(); ++k) {
                const std::uint64_t x = rng() % d.size();
                const std::uint64_t want = static_cast<std::uint64_t>(
                    std::upper_bound(starts.begin(), starts.end(), x) - starts.begin() - 1);
                QCOMPARE(*index.lineOf(d.data(), x), want);
                QCOMPARE(*index.startOfLine(d.data(), want), starts[want]);
            }
            if (!d.empty()) QVERIFY(!index.startOfLine(d.data(), starts.size()));
            // 12 bytes per MiB at most, far under the 64 the issue allows.
            QVERIFY(index.memoryBytes() <= 64 * (index.blocks() + 1));
            // An edit in the middle: only its block is unknown again.
            if (index.blocks() > 1) {
                const auto [first, last] = index.invalidate(LineIndex::kBlock + 5, LineIndex::kBlock + 6, d.size());
                QCOMPARE(first, std::uint64_t(1));
                QCOMPARE(last, std::uint64_t(2));
                QVERIFY(!index.complete());
                index.setBlock(1, static_cast<std::uint32_t>(countNewlines(
                                      d.data() + LineIndex::kBlock,
                                      std::min<std::uint64_t>(d.size(), 2 * LineIndex::kBlock) - LineIndex::kBlock)));
                QVERIFY(index.complete());
                QCOMPARE(*index.lineCount(d.data()), lines);
            }
        }
    }

    void countNewlinesAllAlignments() {
        Bytes d(300);
        std::mt19937 rng(3);
        for (auto& b : d)
            b = rng() % 3 == 0 ? '\n' : 'q';
        for (std::size_t s = 0; s < 70; ++s)
            for (std::size_t n = 0; s + n <= d.size(); n += 13)
                QCOMPARE(countNewlines(d.data() + s, n),
                         std::uint64_t(std::count(d.begin() + long(s), d.begin() + long(s + n), '\n')));
    }

    // Regex rules: matched as the search reads a regex, any case, in rule order with the
    // text rules; one that does not parse is refused, naming it.
    void ruleScannerTakesRegexRules() {
        auto made = RuleScanner::make({{"ERROR", false}, {R"(took \d{4,} ?ms)", true}, {"INFO", false}});
        QVERIFY(made.ok());
        const RuleScanner& rules = made.value();
        auto best = [&](const std::string& s) {
            return int(rules.best(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
        };
        QCOMPARE(best("INFO request took 12 ms"), 3);
        QCOMPARE(best("INFO request TOOK 12345 MS"), 2); // the regex ranks above INFO, any case
        QCOMPARE(best("error: took 99999ms"), 1);
        QCOMPARE(best("took \\d{4,} ms"), 0);           // the regex's text is not a literal
        std::string big(1 << 20, 'x');
        big.replace(big.size() - 11, 11, "took 1000ms"); // at the very end of a MiB
        QCOMPARE(best(big), 2);
        big.pop_back(); // "took 1000m": no longer a match
        QCOMPARE(best(big), 0);
        auto bad = RuleScanner::make({{"ok", false}, {"([", true}});
        QVERIFY(!bad.ok());
        QVERIFY2(QString::fromStdString(bad.error().message).contains("\"(["), bad.error().message.c_str());
        QVERIFY(!RuleScanner::check("([").empty());
        QVERIFY(RuleScanner::check("a+b").empty());
    }

    // The most important rule present wins, without case; `limit` skips rules that rank
    // below one already found; a text split at the end is not there.
    void ruleScannerFindsTheFirstRulePresent() {
        const RuleScanner rules({"ERROR", "WARN", "INFO"});
        auto best = [&](const std::string& s, std::uint8_t limit = 255) {
            return int(rules.best(reinterpret_cast<const std::uint8_t*>(s.data()), s.size(), limit));
        };
        QCOMPARE(best("nothing here"), 0);
        QCOMPARE(best("a line with info and then a wArN"), 2);
        QCOMPARE(best("info info Error"), 1);
        QCOMPARE(best("info only", 3), 0); // INFO is rule 3: not below the limit
        QCOMPARE(best("info only", 4), 3);
        QCOMPARE(best("ERRO"), 0);
        QCOMPARE(best(""), 0);
        // Long data, the rule at the very end and at the very start.
        std::string big(1 << 20, 'x');
        big.replace(big.size() - 4, 4, "warn");
        QCOMPARE(best(big), 2);
        big.replace(0, 5, "error");
        QCOMPARE(best(big), 1);
    }
};

QTEST_APPLESS_MAIN(TestLines)
#include "test_lines.moc"
