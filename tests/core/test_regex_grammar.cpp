// SPDX-License-Identifier: MIT
// Random regexes from a small grammar (literals, classes, alternation, repetition, anchors,
// lookaround, \K, \A, \z) run by the searcher with tiny chunks and 1-3 threads, compared
// with `grep -obUa -P` on the same bytes. The files hold no newline, so grep sees the whole
// file as one line and its answer is the exact one (the documented difference, a class that
// crosses a newline, cannot arise).
#include "pattern.h"
#include "searcher.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <random>
#include <string>
#include <vector>

using namespace hexmap;

namespace {

using Bytes = std::vector<std::uint8_t>;

class Grammar {
public:
    explicit Grammar(std::uint64_t seed) : m_rng(seed) {}

    std::string regex() {
        std::string r = alternation(0);
        // Occasionally anchor the whole thing or cut the reported start with \K.
        switch (pick(8)) {
        case 0: return "\\A" + r;
        case 1: return r + "\\z";
        case 2: return literal() + "\\K" + r;
        default: return r;
        }
    }

private:
    std::mt19937_64 m_rng;

    unsigned pick(unsigned n) { return static_cast<unsigned>(m_rng() % n); }

    std::string literal() { return std::string(1, "ab_1"[pick(4)]); }

    // A piece of fixed length, so it may stand in a lookbehind.
    std::string fixedAtom() {
        switch (pick(6)) {
        case 0: return "[ab]";
        case 1: return "[^a]";
        case 2: return "\\d";
        case 3: return ".";
        default: return literal();
        }
    }

    std::string atom(int depth) {
        switch (pick(depth < 2 ? 14 : 10)) {
        case 0: return "\\w";
        case 1: return "\\b";
        case 2: return "^";
        case 3: return "$";
        case 4:
        case 5: return fixedAtom();
        case 6: return "\\x00";
        case 7: return literal() + literal();
        case 8: return "(?<=" + fixedAtom() + ")";
        case 9: return "(?<!" + fixedAtom() + ")";
        case 10: return "(" + alternation(depth + 1) + ")";
        case 11: return "(?=" + alternation(depth + 1) + ")";
        case 12: return "(?!" + alternation(depth + 1) + ")";
        default: return "(?:" + alternation(depth + 1) + ")";
        }
    }

    std::string quantified(int depth) {
        std::string a = atom(depth);
        // Quantifying an assertion is legal but pointless; keep those bare.
        if (a == "^" || a == "$" || a == "\\b" || a.rfind("(?<", 0) == 0 ||
            a.rfind("(?=", 0) == 0 || a.rfind("(?!", 0) == 0)
            return a;
        switch (pick(9)) {
        case 0: return a + "*";
        case 1: return a + "+";
        case 2: return a + "?";
        case 3: return a + "{2,3}";
        case 4: return a + "+?";
        default: return a;
        }
    }

    std::string sequence(int depth) {
        std::string s;
        const unsigned n = 1 + pick(depth == 0 ? 4 : 2);
        for (unsigned i = 0; i < n; ++i)
            s += quantified(depth);
        return s;
    }

    std::string alternation(int depth) {
        std::string s = sequence(depth);
        if (pick(4) == 0) s += "|" + sequence(depth);
        return s;
    }
};

// grep -obUa -P on the file; "OFFSET:MATCH" lines (the match may hold any byte but
// newline, and the file has none), so the offset is everything before the first colon.
std::vector<std::uint64_t> grepOffsets(const std::string& re, const QString& file, bool* ok) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("LC_ALL", "C");
    p.setProcessEnvironment(env);
    p.start("grep", {"-obUa", "-P", "--", QString::fromStdString(re), file});
    *ok = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit &&
          p.exitCode() <= 1; // 2 is grep's own error (e.g. its match limit)
    std::vector<std::uint64_t> v;
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
        const int colon = line.indexOf(':');
        if (colon > 0) v.push_back(line.left(colon).toULongLong());
    }
    return v;
}

std::string text(const std::vector<std::uint64_t>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < 16; ++i)
        s += std::to_string(v[i]) + " ";
    return s + "(" + std::to_string(v.size()) + ")";
}

} // namespace

class TestRegexGrammar : public QObject {
    Q_OBJECT

private slots:
    void randomRegexesMatchGrep() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // To look at a failing file afterwards: HEXMAP_KEEP_TEST_FILES=1.
        dir.setAutoRemove(qEnvironmentVariableIsEmpty("HEXMAP_KEEP_TEST_FILES"));
        if (QProcess::execute("grep", {"-P", "x", "/dev/null"}) < 0)
            QSKIP("grep is not installed (scripts/install-deps.sh test installs it)");
        // Another seed explores further: HEXMAP_GRAMMAR_SEED=N.
        const std::uint64_t seed = qEnvironmentVariableIsSet("HEXMAP_GRAMMAR_SEED")
                                       ? qEnvironmentVariable("HEXMAP_GRAMMAR_SEED").toULongLong()
                                       : 20261127;
        std::mt19937_64 rng(seed);
        Grammar grammar(seed * 31 + 7);
        int compared = 0, withMatches = 0;
        for (int file = 0; file < 12; ++file) {
            // Sizes around the chunk sizes used below, so matches straddle chunk ends.
            Bytes data(1 + rng() % 700);
            for (auto& d : data)
                d = "aab_1 \x00\xff"[rng() % 8];
            const QString path = dir.filePath(QString("f%1.bin").arg(file));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(reinterpret_cast<const char*>(data.data()), qint64(data.size())),
                     qint64(data.size()));
            f.close();
            MemorySource src(data.data(), data.size());
            for (int r = 0; r < 30; ++r) {
                const std::string re = grammar.regex();
                PatternOptions o;
                o.kind = PatternKind::Regex;
                auto p = Pattern::parse(re, o);
                QVERIFY2(p, (re + ": " + (p ? "" : p.error().message)).c_str());
                bool grepOk = false;
                const auto want = grepOffsets(re, path, &grepOk);
                if (!grepOk) continue; // grep gave up on it; nothing to compare with
                ++compared;
                withMatches += !want.empty();
                for (std::size_t chunk : {std::size_t(1), std::size_t(7), std::size_t(64),
                                          std::size_t(1) << 20}) {
                    SearchOptions so;
                    so.chunkSize = chunk;
                    so.threads = 1 + static_cast<unsigned>(rng() % 3);
                    std::vector<std::uint64_t> got;
                    auto s = findAll(src, p.value(), [&](const Match* m, std::size_t n) {
                        for (std::size_t i = 0; i < n; ++i) {
                            QVERIFY(m[i].length > 0); // a match is never empty
                            got.push_back(m[i].offset);
                        }
                    }, {}, so);
                    QVERIFY2(s, (re + ": " + (s ? "" : s.error().message)).c_str());
                    QVERIFY2(got == want, ("regex " + re + " file " + path.toStdString() +
                                           " chunk " + std::to_string(chunk) + "\n got " +
                                           text(got) + "\nwant " + text(want))
                                              .c_str());
                }
            }
        }
        // The comparison proves something only if grep answered and often found matches.
        QVERIFY2(compared > 300, std::to_string(compared).c_str());
        QVERIFY2(withMatches > compared / 4, std::to_string(withMatches).c_str());
    }
};

QTEST_GUILESS_MAIN(TestRegexGrammar)
#include "test_regex_grammar.moc"
