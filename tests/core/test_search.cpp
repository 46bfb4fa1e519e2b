// SPDX-License-Identifier: MIT
// Pattern parsing and the Searcher, checked against naive reference scans on random data.
#include "match_store.h"
#include "pattern.h"
#include "searcher.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <QDir>
#include <QElapsedTimer>
#include <limits>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

using namespace hexmap;

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes bytesOf(const std::string& s) {
    return Bytes(s.begin(), s.end());
}

Pattern mustParse(const std::string& text, PatternOptions o) {
    auto p = Pattern::parse(text, o);
    if (!p) qFatal("pattern '%s' failed: %s", text.c_str(), p.error().message.c_str());
    return std::move(p).value();
}

PatternOptions opts(PatternKind kind, bool ci = false, TextEncoding enc = TextEncoding::Utf8) {
    PatternOptions o;
    o.kind = kind;
    o.caseInsensitive = ci;
    o.encoding = enc;
    return o;
}

// Does the fixed-length pattern match data at s? Written independently of the searcher:
// case-insensitivity is checked by folding letters, not by the 0xDF mask trick.
bool matchesAt(const Bytes& data, std::size_t s, const Bytes& pat, const Bytes& mask,
               const Bytes& letterFold) {
    if (s + pat.size() > data.size()) return false;
    for (std::size_t i = 0; i < pat.size(); ++i) {
        std::uint8_t d = data[s + i];
        if (!letterFold.empty() && letterFold[i]) {
            if (std::tolower(d) != std::tolower(pat[i]) || !std::isalpha(d)) return false;
            continue;
        }
        const std::uint8_t m = mask.empty() ? 0xFF : mask[i];
        if ((d & m) != (pat[i] & m)) return false;
    }
    return true;
}

struct RefPattern {
    Bytes pat, mask, fold; // fold[i] != 0: ASCII letter compared without case
};

std::vector<Match> refAll(const Bytes& data, const RefPattern& p) {
    std::vector<Match> out;
    const std::size_t len = p.pat.size();
    for (std::size_t s = 0; s + len <= data.size();) {
        if (matchesAt(data, s, p.pat, p.mask, p.fold)) {
            out.push_back({s, len});
            s += len;
        } else {
            ++s;
        }
    }
    return out;
}

std::vector<std::size_t> refStarts(const Bytes& data, const RefPattern& p) {
    std::vector<std::size_t> out;
    for (std::size_t s = 0; s + p.pat.size() <= data.size(); ++s) {
        if (matchesAt(data, s, p.pat, p.mask, p.fold)) out.push_back(s);
    }
    return out;
}

// The whole buffer as one PCRE2 subject, no chunks: the reference for the regex path.
std::vector<Match> refRegex(const Bytes& data, const std::string& re, bool ci = false) {
    int ec;
    PCRE2_SIZE eo;
    pcre2_code* code =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(re.data()), re.size(),
                      PCRE2_MULTILINE | (ci ? PCRE2_CASELESS : 0), &ec, &eo, nullptr);
    if (!code) qFatal("bad reference regex %s", re.c_str());
    pcre2_match_data* md = pcre2_match_data_create_from_pattern(code, nullptr);
    std::vector<Match> out;
    static const std::uint8_t dummy = 0;
    const PCRE2_SPTR subject = data.empty() ? &dummy : data.data();
    std::size_t pos = 0;
    while (pos <= data.size()) {
        int rc = pcre2_match(code, subject, data.size(), pos, 0, md, nullptr);
        if (rc < 0) break;
        PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
        if (ov[1] <= ov[0]) {
            pos = ov[0] + 1;
            continue;
        }
        out.push_back({ov[0], ov[1] - ov[0]});
        pos = ov[1];
    }
    pcre2_match_data_free(md);
    pcre2_code_free(code);
    return out;
}

struct Collected {
    std::vector<Match> matches;
    Result<FindAllSummary> summary = FindAllSummary{};
};

Collected collectAll(const ByteSource& src, const Pattern& p, SearchOptions so = {},
                     const ProgressFn& progress = {}) {
    Collected c;
    std::uint64_t lastEnd = 0;
    bool ordered = true;
    c.summary = findAll(
        src, p,
        [&](const Match* m, std::size_t n) {
            if (n == 0) ordered = false; // an empty batch is pointless: flag it as a failure
            for (std::size_t i = 0; i < n; ++i) {
                if (m[i].offset < lastEnd) ordered = false;
                lastEnd = m[i].offset + m[i].length;
                c.matches.push_back(m[i]);
            }
        },
        progress, so);
    if (!ordered) qWarning("matches were not streamed in order");
    if (!ordered) c.matches.push_back({~0ull, 0}); // make the comparison fail
    // findAllChunked (the window's path) must give the same matches, packed, shifted by its
    // offsetBase; when it does not, the comparison fails the same way.
    if (c.summary && !c.summary.value().cancelled && !(so.cancel && so.cancel->load())) {
        constexpr std::uint64_t kBase = 3;
        MatchStore store;
        auto packed = findAllChunked(
            src, p, [&](MatchChunks chunks) { for (auto& k : chunks) store.append(std::move(k)); }, {}, so, kBase);
        bool same = packed && store.size() == c.matches.size();
        for (std::size_t i = 0; same && i < c.matches.size(); ++i)
            same = store[i] == Match{c.matches[i].offset + kBase, c.matches[i].length};
        if (!same) {
            qWarning("findAllChunked disagrees with findAll (%zu against %zu matches)", store.size(), c.matches.size());
            c.matches.push_back({~0ull, 1});
        }
    }
    return c;
}

std::string describe(const std::vector<Match>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < 20; ++i) {
        s += std::to_string(v[i].offset) + "+" + std::to_string(v[i].length) + " ";
    }
    return s + "(" + std::to_string(v.size()) + ")";
}

#define COMPARE_MATCHES(actual, expected, context)                                                 \
    QVERIFY2((actual) == (expected), (std::string(context) + "\n got: " + describe(actual) +       \
                                      "\nwant: " + describe(expected))                             \
                                         .c_str())

int threadCount() {
    return static_cast<int>(
        QDir("/proc/self/task").entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

} // namespace

class TestSearch : public QObject {
    Q_OBJECT

private slots:
    // Issue 23 D6: grep -P's \G holds at the search's start, at line starts and where the
    // previous match ended, never where a chunk or a slice of the searcher happens to begin.
    void backslashGOnlyWhereThePreviousMatchEnded() {
        Bytes data(3u << 20, 'a');
        data[100] = 'x';
        const MemorySource src(data.data(), data.size());
        for (std::size_t chunk : {std::size_t(1) << 20, std::size_t(65536), std::size_t(4096)}) {
            SearchOptions so;
            so.chunkSize = chunk;
            so.threads = 2;
            const Collected c = collectAll(src, mustParse("\\Ga", opts(PatternKind::Regex)), so);
            QVERIFY(c.summary.ok());
            QCOMPARE(c.matches.size(), std::size_t(100)); // grep -P -o '\Ga' | wc -l
            QCOMPARE(c.matches.back().offset, std::uint64_t(99));
        }
        // Line starts count, as grep -P runs each line on its own.
        const Bytes lines = bytesOf("aab\naxa\nba\naa");
        const MemorySource ls(lines.data(), lines.size());
        const Collected c = collectAll(ls, mustParse("\\Ga", opts(PatternKind::Regex)));
        std::vector<std::uint64_t> at;
        for (const Match& m : c.matches) at.push_back(m.offset);
        QCOMPARE(at, (std::vector<std::uint64_t>{0, 1, 4, 11, 12}));
        // \Q\G\E is the two characters, not the assertion.
        const Bytes quoted = bytesOf("x\\Gy \\Gy");
        const MemorySource qs(quoted.data(), quoted.size());
        QCOMPARE(collectAll(qs, mustParse("\\Q\\G\\Ey", opts(PatternKind::Regex))).matches.size(),
                 std::size_t(2));
    }

    // Issue 23 D4: a line-local regex over data without newlines. Each candidate used to
    // look for the end of its line to the window's end, and long lines asked for ever
    // larger windows: 4x the data took about 16x the time. The count is checked against a
    // plain PCRE2 loop, and the cost of 4x the data against 1x in the same run (a ratio,
    // with room for a noisy machine, far below the 16x the quadratic scan took).
    void lineLocalRegexWithoutNewlinesIsLinear() {
        auto make = [](std::size_t n) {
            Bytes b(n);
            std::uint32_t x = 12345;
            for (auto& c : b) {
                x = x * 1103515245u + 12345u;
                c = "RST"[(x >> 16) % 3];
            }
            return b;
        };
        const Pattern p = mustParse("R.R", opts(PatternKind::Regex));
        auto timeOf = [&](const Bytes& data, std::size_t* count) {
            const MemorySource src(data.data(), data.size());
            double best = std::numeric_limits<double>::max();
            for (int i = 0; i < 3; ++i) {
                QElapsedTimer t;
                t.start();
                const Collected c = collectAll(src, p);
                best = std::min(best, double(t.nsecsElapsed()));
                *count = c.matches.size();
            }
            return best;
        };
        const Bytes small = make(1u << 20), large = make(4u << 20);
        std::size_t smallCount = 0, largeCount = 0;
        const double tSmall = timeOf(small, &smallCount);
        const double tLarge = timeOf(large, &largeCount);
        QCOMPARE(smallCount, refRegex(small, "R.R").size());
        QCOMPARE(largeCount, refRegex(large, "R.R").size());
        qInfo("R.R without newlines: 1 MiB %.1f ms, 4 MiB %.1f ms (%.1fx)", tSmall / 1e6,
              tLarge / 1e6, tLarge / tSmall);
        QVERIFY2(tLarge / tSmall < 9.0, "4x the data took more than 9x the time: quadratic again?");
    }

    void hexPatterns() {
        auto a = mustParse("DE AD BE EF", opts(PatternKind::Hex));
        auto b = mustParse("deadbeef", opts(PatternKind::Hex));
        QCOMPARE(a.bytes(), (Bytes{0xDE, 0xAD, 0xBE, 0xEF}));
        QCOMPARE(b.bytes(), a.bytes());
        QVERIFY(a.mask().empty());
        auto w = mustParse("4? ?F ?? 00", opts(PatternKind::Hex));
        QCOMPARE(w.mask(), (Bytes{0xF0, 0x0F, 0x00, 0xFF}));
        QCOMPARE(w.bytes(), (Bytes{0x40, 0x0F, 0x00, 0x00}));
    }

    void textPatterns() {
        auto t = mustParse("a\\n\\r\\t\\0\\x7F\\\\z", opts(PatternKind::Text));
        QCOMPARE(t.bytes(), (Bytes{'a', '\n', '\r', '\t', 0, 0x7F, '\\', 'z'}));
        auto le = mustParse("Hé", opts(PatternKind::Text, false, TextEncoding::Utf16LE));
        QCOMPARE(le.bytes(), (Bytes{'H', 0, 0xE9, 0}));
        auto be =
            mustParse("H\xF0\x9F\x98\x80", opts(PatternKind::Text, false, TextEncoding::Utf16BE));
        QCOMPARE(be.bytes(), (Bytes{0, 'H', 0xD8, 0x3D, 0xDE, 0x00}));
        auto ci = mustParse("aB1", opts(PatternKind::Text, true));
        QCOMPARE(ci.mask(), (Bytes{0xDF, 0xDF, 0xFF}));
    }

    void invalidPatternsNamePositions_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("hex digit") << int(PatternKind::Hex) << "DE AD gE"
                                   << "column 7";
        QTest::newRow("hex odd") << int(PatternKind::Hex) << "DEA"
                                 << "column 4";
        QTest::newRow("hex half") << int(PatternKind::Hex) << "DE A BE"
                                  << "column 5";
        QTest::newRow("hex utf8") << int(PatternKind::Hex) << "éé"
                                  << "column 1: 'é'";
        QTest::newRow("hex after utf8") << int(PatternKind::Hex) << "ÿ"
                                        << "column 1";
        QTest::newRow("text escape") << int(PatternKind::Text) << "ab\\q"
                                     << "column 4";
        QTest::newRow("text \\x") << int(PatternKind::Text) << "é\\x4"
                                  << "column 2";
        QTest::newRow("text trailing") << int(PatternKind::Text) << "abc\\"
                                       << "column 4";
        QTest::newRow("regex paren") << int(PatternKind::Regex) << "ab(c"
                                     << "column 5";
        QTest::newRow("regex quant") << int(PatternKind::Regex) << "ab*+?{"
                                     << "column";
        QTest::newRow("regex class") << int(PatternKind::Regex) << "é[b"
                                     << "column 4";
        QTest::newRow("empty") << int(PatternKind::Text) << ""
                               << "empty";
    }
    void invalidPatternsNamePositions() {
        QFETCH(int, kind);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        auto p = Pattern::parse(text.toStdString(), opts(PatternKind(kind)));
        if (QString(QTest::currentDataTag()) == "regex quant") {
            // "ab*+?{": valid or not depending on PCRE2's reading of {; only require that
            // an error, if any, names a column.
            if (p) return;
        }
        QVERIFY(!p);
        const QString msg = QString::fromStdString(p.error().message);
        QVERIFY2(msg.contains(expected), qPrintable(msg));
    }

    void overlappingCandidates() {
        const Bytes data = bytesOf("aaaaa");
        MemorySource src(data.data(), data.size());
        auto p = mustParse("aa", opts(PatternKind::Text));
        for (std::size_t chunk = 1; chunk <= 7; ++chunk) {
            for (unsigned threads = 1; threads <= 3; ++threads) {
                SearchOptions so;
                so.chunkSize = chunk;
                so.threads = threads;
                auto c = collectAll(src, p, so);
                QVERIFY(c.summary);
                COMPARE_MATCHES(c.matches, (std::vector<Match>{{0, 2}, {2, 2}}),
                                "chunk " + std::to_string(chunk));
            }
        }
        // Long runs where a worker's chunk starts out of phase with the true scan.
        Bytes run(1000, 'a');
        run[500] = 'b';
        MemorySource src2(run.data(), run.size());
        for (const char* pat : {"aa", "aaa", "aaaaaaa"}) {
            auto pp = mustParse(pat, opts(PatternKind::Text));
            RefPattern ref{bytesOf(pat), {}, {}};
            for (std::size_t chunk : {1, 2, 3, 5, 64, 999}) {
                SearchOptions so;
                so.chunkSize = chunk;
                so.threads = 3;
                auto c = collectAll(src2, pp, so);
                QVERIFY(c.summary);
                COMPARE_MATCHES(c.matches, refAll(run, ref), pat);
            }
        }
    }

    void randomLiteralsAgainstReference() {
        std::mt19937_64 rng(12345);
        for (int iter = 0; iter < 3000; ++iter) {
            const int variant = iter % 4; // 0 exact, 1 wildcards, 2 case-insensitive, 3 big
            const std::size_t size = rng() % (variant == 3 ? 5000 : 300);
            const char* alphabet = variant == 2 ? "aAbB.x" : "ab";
            Bytes data(size);
            for (auto& d : data) {
                d = (rng() % 8 == 0) ? std::uint8_t(rng())
                                     : std::uint8_t(alphabet[rng() % std::strlen(alphabet)]);
            }
            // Pattern: usually cut from the data (so it matches), sometimes random.
            const std::size_t len = 1 + rng() % 7;
            RefPattern ref;
            if (size >= len && rng() % 4 != 0) {
                const std::size_t at = rng() % (size - len + 1);
                ref.pat.assign(data.begin() + at, data.begin() + at + len);
            } else {
                for (std::size_t i = 0; i < len; ++i) {
                    ref.pat.push_back(std::uint8_t(alphabet[rng() % std::strlen(alphabet)]));
                }
            }
            std::string text;
            PatternOptions po;
            if (variant == 2) {
                po = opts(PatternKind::Text, true);
                for (auto& b : ref.pat) {
                    char esc[8];
                    std::snprintf(esc, sizeof esc, "\\x%02x", b);
                    text += esc;
                    ref.fold.push_back(std::isalpha(b) ? 1 : 0);
                }
            } else {
                po = opts(PatternKind::Hex);
                for (auto b : ref.pat) {
                    const char* digits = "0123456789ABCDEF";
                    char hi = digits[b >> 4], lo = digits[b & 15];
                    std::uint8_t m = 0xFF;
                    if (variant == 1) {
                        const int r = rng() % 6;
                        if (r == 0) hi = '?', m &= 0x0F;
                        if (r == 1) lo = '?', m &= 0xF0;
                        if (r == 2) hi = lo = '?', m = 0;
                    }
                    text += hi;
                    text += lo;
                    text += ' ';
                    ref.mask.push_back(m);
                }
            }
            auto p = mustParse(text, po);
            MemorySource src(data.data(), data.size());
            SearchOptions so;
            so.chunkSize = 1 + rng() % 70;
            so.threads = 1 + rng() % 4;
            auto c = collectAll(src, p, so);
            QVERIFY(c.summary);
            const std::string ctx = "iter " + std::to_string(iter) + " pattern " + text +
                                    " chunk " + std::to_string(so.chunkSize);
            COMPARE_MATCHES(c.matches, refAll(data, ref), ctx);
            QCOMPARE(c.summary.value().matches, std::uint64_t(c.matches.size()));
            QCOMPARE(c.summary.value().bytesScanned, std::uint64_t(size));

            // Next and previous from a random offset, with wrap.
            const auto starts = refStarts(data, ref);
            const std::uint64_t from = size ? rng() % (size + 1) : 0;
            auto next = findNext(src, p, from, so);
            auto prev = findPrevious(src, p, from, so);
            QVERIFY(next && prev);
            if (starts.empty()) {
                QVERIFY2(!next.value() && !prev.value(), ctx.c_str());
                continue;
            }
            auto ge = std::lower_bound(starts.begin(), starts.end(), from);
            const bool nextWraps = ge == starts.end();
            const std::size_t wantNext = nextWraps ? starts.front() : *ge;
            QVERIFY2(next.value().has_value(), ctx.c_str());
            QCOMPARE(next.value()->match.offset, std::uint64_t(wantNext));
            QCOMPARE(next.value()->wrapped, nextWraps);
            const bool prevWraps = ge == starts.begin();
            const std::size_t wantPrev = prevWraps ? starts.back() : *(ge - 1);
            QVERIFY2(prev.value().has_value(), ctx.c_str());
            QCOMPARE(prev.value()->match.offset, std::uint64_t(wantPrev));
            QCOMPARE(prev.value()->wrapped, prevWraps);
        }
    }

    void everyChunkBoundaryAndEnds() {
        const std::size_t chunk = 64;
        const Bytes needle = bytesOf("NEEDLE");
        auto p = mustParse("NEEDLE", opts(PatternKind::Text));
        Bytes data(chunk * 6, '.');
        // One placement per test: straddling each boundary at every split, plus the ends.
        std::vector<std::size_t> placements = {0, data.size() - needle.size()};
        for (std::size_t b = chunk; b < data.size(); b += chunk) {
            for (std::size_t k = 1; k < needle.size(); ++k)
                placements.push_back(b - k);
        }
        for (std::size_t at : placements) {
            Bytes d = data;
            std::copy(needle.begin(), needle.end(), d.begin() + at);
            MemorySource src(d.data(), d.size());
            SearchOptions so;
            so.chunkSize = chunk;
            so.threads = 3;
            auto c = collectAll(src, p, so);
            QVERIFY(c.summary);
            COMPARE_MATCHES(c.matches, (std::vector<Match>{{at, needle.size()}}),
                            "at " + std::to_string(at));
        }
        // A one-byte pattern on the very last byte.
        Bytes d = data;
        d.back() = 'Z';
        MemorySource src(d.data(), d.size());
        SearchOptions so;
        so.chunkSize = chunk;
        auto c = collectAll(src, mustParse("Z", opts(PatternKind::Text)), so);
        COMPARE_MATCHES(c.matches, (std::vector<Match>{{d.size() - 1, 1}}), "last byte");
    }

    void emptyFileAndLongPattern() {
        MemorySource empty(nullptr, 0);
        auto p = mustParse("abc", opts(PatternKind::Text));
        auto c = collectAll(empty, p);
        QVERIFY(c.summary);
        QVERIFY(c.matches.empty());
        auto n = findNext(empty, p, 0);
        QVERIFY(n && !n.value());
        auto r = findPrevious(empty, p, 0);
        QVERIFY(r && !r.value());
        auto re = collectAll(empty, mustParse("a*", opts(PatternKind::Regex)));
        QVERIFY(re.summary && re.matches.empty());

        const Bytes small = bytesOf("ab");
        MemorySource src(small.data(), small.size());
        QVERIFY(collectAll(src, p).matches.empty());
        auto n2 = findNext(src, p, 1);
        QVERIFY(n2 && !n2.value());
        auto p2 = findPrevious(src, p, 2);
        QVERIFY(p2 && !p2.value());
        // Sanity: the same source does find a pattern that fits.
        QCOMPARE(collectAll(src, mustParse("ab", opts(PatternKind::Text))).matches.size(),
                 std::size_t(1));
    }

    void utf16() {
        // "Héllo" in UTF-16LE and BE, embedded in binary noise; CI finds "HÉLLO"? No: only
        // ASCII letters fold, so "hÉllo" must not match "Héllo" but "hélLO" must.
        auto le = [](const std::u16string& s) {
            Bytes b;
            for (char16_t c : s)
                b.push_back(c & 0xFF), b.push_back(c >> 8);
            return b;
        };
        auto be = [](const std::u16string& s) {
            Bytes b;
            for (char16_t c : s)
                b.push_back(c >> 8), b.push_back(c & 0xFF);
            return b;
        };
        Bytes data = {1, 2, 3};
        auto append = [&](const Bytes& b) { data.insert(data.end(), b.begin(), b.end()); };
        const std::size_t atLe = data.size();
        append(le(u"Héllo"));
        data.push_back(9);
        const std::size_t atBe = data.size();
        append(be(u"hélLO"));
        append(le(u"hÉllo"));
        MemorySource src(data.data(), data.size());
        SearchOptions so;
        so.chunkSize = 5;
        so.threads = 2;
        auto m = collectAll(
            src, mustParse("Héllo", opts(PatternKind::Text, false, TextEncoding::Utf16LE)), so);
        COMPARE_MATCHES(m.matches, (std::vector<Match>{{atLe, 10}}), "le");
        m = collectAll(
            src, mustParse("Héllo", opts(PatternKind::Text, true, TextEncoding::Utf16BE)), so);
        COMPARE_MATCHES(m.matches, (std::vector<Match>{{atBe, 10}}), "be ci");
        m = collectAll(
            src, mustParse("HÉLLO", opts(PatternKind::Text, true, TextEncoding::Utf16LE)), so);
        COMPARE_MATCHES(m.matches, (std::vector<Match>{{atBe + 10, 10}}), "le ci");
    }

    void regexKnownOffsets() {
        const Bytes data = bytesOf("ERROR one\nWARN two\nxERROR\nwarn\n\nbaaab");
        MemorySource src(data.data(), data.size());
        struct Case {
            const char* re;
            bool ci;
            std::vector<Match> want;
        } cases[] = {
            {"ERROR|WARN", false, {{0, 5}, {10, 4}, {20, 5}}},
            {"ERROR|WARN", true, {{0, 5}, {10, 4}, {20, 5}, {26, 4}}},
            {"^\\w+", false, {{0, 5}, {10, 4}, {19, 6}, {26, 4}, {32, 5}}},
            {"\\w+$", false, {{6, 3}, {15, 3}, {19, 6}, {26, 4}, {32, 5}}},
            {"a*", false, {{27, 1}, {33, 3}}},
            {"^$", false, {}},
            {"(?<=x)E\\w", false, {{20, 2}}},
        };
        for (const auto& cs : cases) {
            for (std::size_t chunk : {std::size_t(3), std::size_t(7), std::size_t(1) << 20}) {
                SearchOptions so;
                so.chunkSize = chunk;
                so.threads = 2;
                auto c = collectAll(src, mustParse(cs.re, opts(PatternKind::Regex, cs.ci)), so);
                QVERIFY(c.summary);
                COMPARE_MATCHES(c.matches, cs.want,
                                std::string(cs.re) + " chunk " + std::to_string(chunk));
            }
        }
    }

    void randomRegexAgainstWholeBuffer() {
        std::mt19937_64 rng(777);
        const char* patterns[] = {
            "a+",        "ab|ba",  "^a",       "b$",     "(?<=a)b", "a.{0,5}b", "\\bab", "[ab]{3,}",
            "a*",        "b\\n?a", "(?=ab)a",  "a(?!b)", "x?",      "\\Aa",     "b\\z",  "(ab)+$",
            "[^\\n]{4}", "|a",     "(?=a)|ab", "b*|a",   "(a|)b?",  "(?<=a)"};
        for (int iter = 0; iter < 1100; ++iter) {
            Bytes data(rng() % 400);
            for (auto& d : data)
                d = "aab\n x"[rng() % 6];
            const std::string re = patterns[iter % std::size(patterns)];
            MemorySource src(data.data(), data.size());
            SearchOptions so;
            so.chunkSize = 1 + rng() % 50;
            so.threads = 1 + rng() % 3;
            auto c = collectAll(src, mustParse(re, opts(PatternKind::Regex)), so);
            QVERIFY(c.summary);
            COMPARE_MATCHES(c.matches, refRegex(data, re),
                            "regex " + re + " chunk " + std::to_string(so.chunkSize));
        }
    }

    void regexLongMatchAcrossManyChunks() {
        // A match much longer than a chunk: partial matching must keep extending the window.
        Bytes data(5000, 'a');
        data[0] = 'x';
        data[4000] = 'y';
        MemorySource src(data.data(), data.size());
        SearchOptions so;
        so.chunkSize = 16;
        so.threads = 2;
        auto c = collectAll(src, mustParse("a+", opts(PatternKind::Regex)), so);
        COMPARE_MATCHES(c.matches, (std::vector<Match>{{1, 3999}, {4001, 999}}), "a+");
        // The documented limit: beyond maxRegexMatchLength the match is cut, not lost.
        so.maxRegexMatchLength = 100;
        c = collectAll(src, mustParse("a+", opts(PatternKind::Regex)), so);
        QVERIFY(c.summary);
        QVERIFY(!c.matches.empty());
        QCOMPARE(c.matches.front().offset, std::uint64_t(1));
        QVERIFY(c.matches.front().length < 3999);
    }

    void pathologicalRegexStops() {
        Bytes data(3000, 'a');
        data.push_back('b');
        MemorySource src(data.data(), data.size());
        auto p = mustParse("(a+)+$", opts(PatternKind::Regex));
        QElapsedTimer t;
        t.start();
        auto c = collectAll(src, p);
        QVERIFY(!c.summary);
        QVERIFY2(QString::fromStdString(c.summary.error().message).contains("limit"),
                 c.summary.error().message.c_str());
        auto n = findNext(src, p, 0);
        QVERIFY(!n);
        QVERIFY2(t.elapsed() < 20000, "the match limit did not stop the search");
    }

    void cancellationStopsWorkers() {
        Bytes data(std::size_t(64) << 20, 'a'); // every byte matches: plenty of work
        MemorySource src(data.data(), data.size());
        auto p = mustParse("a", opts(PatternKind::Text));
        const int threadsBefore = threadCount();
        std::atomic<bool> cancel{false};
        SearchOptions so;
        so.chunkSize = 64 * 1024;
        so.threads = 4;
        so.cancel = &cancel;
        int progressCalls = 0;
        std::uint64_t delivered = 0;
        QElapsedTimer t;
        t.start();
        auto r = findAll(
            src, p, [&](const Match*, std::size_t n) { delivered += n; },
            [&](std::uint64_t, std::uint64_t) {
                ++progressCalls;
                cancel = true;
            },
            so);
        QVERIFY(r);
        QVERIFY(r.value().cancelled);
        QCOMPARE(progressCalls, 1);
        QVERIFY(r.value().bytesScanned < data.size());
        QCOMPARE(r.value().matches, delivered);
        QVERIFY2(t.elapsed() < 5000, "cancel was not prompt");
        QCOMPARE(threadCount(), threadsBefore); // every worker joined

        // Cancelled before start: no match delivered, no hang.
        auto r2 = findAll(
            src, p, [&](const Match*, std::size_t) { QFAIL("delivered"); }, {}, so);
        QVERIFY(r2 && r2.value().cancelled);
        auto n = findNext(src, p, 0, so);
        QVERIFY(!n);
        QCOMPARE(n.error().code, ECANCELED);
    }

    void nextPreviousWrap() {
        const Bytes data = bytesOf("xxABxxABxx");
        MemorySource src(data.data(), data.size());
        auto p = mustParse("41 42", opts(PatternKind::Hex));
        struct Case {
            bool next;
            std::uint64_t from, want;
            bool wrapped;
        } cases[] = {{true, 0, 2, false},  {true, 2, 2, false}, {true, 3, 6, false},
                     {true, 7, 2, true},   {true, 10, 2, true}, {false, 7, 6, false},
                     {false, 6, 2, false}, {false, 2, 6, true}, {false, 0, 6, true},
                     {true, 99, 2, true}};
        for (const auto& c : cases) {
            auto r = c.next ? findNext(src, p, c.from) : findPrevious(src, p, c.from);
            QVERIFY(r && r.value());
            QCOMPARE(r.value()->match.offset, c.want);
            QCOMPARE(r.value()->match.length, std::uint64_t(2));
            QCOMPARE(r.value()->wrapped, c.wrapped);
        }
        auto none = findNext(src, mustParse("CC", opts(PatternKind::Hex)), 3);
        QVERIFY(none && !none.value());
        // Regex previous: the last start before the offset.
        auto rp = findPrevious(src, mustParse("A.", opts(PatternKind::Regex)), 6);
        QVERIFY(rp && rp.value());
        QCOMPARE(rp.value()->match.offset, std::uint64_t(2));
    }

    void fdSourceMatchesMemory() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("data.bin");
        std::mt19937 rng(5);
        Bytes data(300000);
        for (auto& d : data)
            d = "abcdefgh\n"[rng() % 9];
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(reinterpret_cast<const char*>(data.data()), qint64(data.size())),
                 qint64(data.size()));
        f.close();
        const int fd = ::open(path.toLocal8Bit().constData(), O_RDONLY);
        QVERIFY(fd >= 0);
        FdSource fsrc(fd, data.size());
        MemorySource msrc(data.data(), data.size());
        SearchOptions so;
        so.chunkSize = 4096;
        for (const char* pat : {"abc", "h\\na"}) {
            auto p = mustParse(pat, opts(PatternKind::Text));
            auto a = collectAll(fsrc, p, so);
            auto b = collectAll(msrc, p, so);
            QVERIFY(a.summary && b.summary);
            QVERIFY(!a.matches.empty());
            COMPARE_MATCHES(a.matches, b.matches, pat);
        }
        // A source that claims more bytes than the file has: a read error, not a crash.
        FdSource lying(fd, data.size() + 100000);
        auto c = collectAll(lying, mustParse("abc", opts(PatternKind::Text)), so);
        QVERIFY(!c.summary);
        QCOMPARE(c.summary.error().code, EIO);
        ::close(fd);
    }

    void tenMillionMatches() {
        Bytes data(10'000'000, 'z');
        MemorySource src(data.data(), data.size());
        std::uint64_t n = 0, last = 0;
        bool ordered = true;
        auto r = findAll(src, mustParse("z", opts(PatternKind::Text)),
                         [&](const Match* m, std::size_t k) {
                             for (std::size_t i = 0; i < k; ++i) {
                                 if (n && m[i].offset != last + 1) ordered = false;
                                 last = m[i].offset;
                                 ++n;
                             }
                         });
        QVERIFY(r);
        QCOMPARE(r.value().matches, std::uint64_t(10'000'000));
        QCOMPARE(n, std::uint64_t(10'000'000));
        QVERIFY(ordered);
        QCOMPARE(sizeof(Match), std::size_t(16));
    }
};

QTEST_APPLESS_MAIN(TestSearch)
#include "test_search.moc"
