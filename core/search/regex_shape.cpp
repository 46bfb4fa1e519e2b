// SPDX-License-Identifier: MIT
#include "regex_shape.h"

#include "hex_digit.h"

#include <bitset>
#include <cctype>

namespace hexmap {

namespace {

using ByteSet = std::bitset<256>;

ByteSet range(int a, int b) {
    ByteSet s;
    for (int c = a; c <= b; ++c) s.set(std::size_t(c));
    return s;
}
ByteSet digits() { return range('0', '9'); }
ByteSet word() { return range('a', 'z') | range('A', 'Z') | digits() | range('_', '_'); }
ByteSet spaces() {
    ByteSet s;
    for (int c : {' ', '\t', '\n', '\v', '\f', '\r'}) s.set(std::size_t(c));
    return s;
}
ByteSet one(int c) {
    ByteSet s;
    s.set(std::size_t(c & 0xff));
    return s;
}

// What one parsed element is.
struct Atom;
Atom kindOf(int kind);
struct Atom {
    enum Kind { Literal, Set, Assertion, Group, Other } kind = Other;
    std::uint8_t byte = 0;      // Literal
    ByteSet set;                // Literal and Set: the bytes it can match
    bool lookaround = false;    // Group: a zero-width assertion group
    bool lookahead = false;
    bool endAnchor = false;     // Assertion: \z or \Z
    std::vector<std::vector<Atom>> alternatives; // Group
    int minCount = 1, maxCount = 1; // the quantifier (-1: unbounded)
};

Atom kindOf(int kind) {
    Atom a;
    a.kind = static_cast<Atom::Kind>(kind);
    return a;
}

class Reader {
public:
    Reader(std::string_view text, bool ci) : m_text(text), m_ci(ci) {}

    bool parse(std::vector<std::vector<Atom>>& out) {
        out = alternatives();
        return m_ok && m_pos == m_text.size();
    }

private:
    bool more() const { return m_pos < m_text.size(); }
    char peek() const { return m_text[m_pos]; }

    void fail() { m_ok = false; }

    std::vector<std::vector<Atom>> alternatives() {
        std::vector<std::vector<Atom>> alts(1);
        while (m_ok && more()) {
            const char c = peek();
            if (c == ')') break;
            if (c == '|') {
                ++m_pos;
                alts.emplace_back();
                continue;
            }
            Atom a = atom();
            if (!m_ok) break;
            quantifier(a);
            alts.back().push_back(std::move(a));
        }
        return alts;
    }

    ByteSet folded(ByteSet s) const {
        if (!m_ci) return s;
        for (int c = 'a'; c <= 'z'; ++c)
            if (s.test(std::size_t(c)) || s.test(std::size_t(c - 32))) {
                s.set(std::size_t(c));
                s.set(std::size_t(c - 32));
            }
        return s;
    }

    Atom literal(int byte) {
        Atom a;
        a.kind = Atom::Literal;
        a.byte = static_cast<std::uint8_t>(byte);
        a.set = folded(one(byte));
        return a;
    }

    Atom setAtom(ByteSet s) {
        Atom a;
        a.kind = Atom::Set;
        a.set = folded(s);
        return a;
    }

    // After a backslash: a literal byte, a class, or an assertion.
    Atom escape(bool inClass) {
        if (!more()) {
            fail();
            return {};
        }
        const char e = m_text[m_pos++];
        switch (e) {
        case 'd': return setAtom(digits());
        case 'D': return setAtom(~digits());
        case 'w': return setAtom(word());
        case 'W': return setAtom(~word());
        case 's': return setAtom(spaces());
        case 'S': return setAtom(~spaces());
        case 'h': return setAtom(one(' ') | one('\t') | one(0xa0));
        case 'H': return setAtom(~(one(' ') | one('\t') | one(0xa0)));
        case 'N': return inClass ? (fail(), Atom{}) : setAtom(~one('\n'));
        case 't': return literal('\t');
        case 'n': return literal('\n');
        case 'r': return literal('\r');
        case 'f': return literal('\f');
        case 'e': return literal(0x1b);
        case 'a': return literal(0x07);
        case 'x': {
            int v = 0, n = 0;
            if (more() && peek() == '{') {
                ++m_pos;
                while (more() && peek() != '}' && hexDigitValue(peek()) >= 0 && n < 2) v = v * 16 + hexDigitValue(m_text[m_pos++]), ++n;
                if (!more() || peek() != '}' || n == 0) {
                    fail();
                    return {};
                }
                ++m_pos;
            } else {
                while (more() && n < 2 && hexDigitValue(peek()) >= 0) v = v * 16 + hexDigitValue(m_text[m_pos++]), ++n;
            }
            return literal(v);
        }
        case '0': {
            int v = 0, n = 0;
            while (more() && n < 2 && peek() >= '0' && peek() <= '7') v = v * 8 + (m_text[m_pos++] - '0'), ++n;
            return literal(v);
        }
        case 'b':
        case 'B':
        case 'A':
            if (inClass) {
                fail();
                return {};
            }
            return kindOf(Atom::Assertion);
        case 'z':
        case 'Z': {
            if (inClass) {
                fail();
                return {};
            }
            Atom a = kindOf(Atom::Assertion);
            a.endAnchor = true;
            return a;
        }
        default:
            // Any other letter or digit is a feature this reader does not follow (\K is
            // handled by the caller; \G, \R, \v, \p, \Q, backreferences...).
            if (std::isalnum(static_cast<unsigned char>(e))) {
                fail();
                return {};
            }
            return literal(static_cast<unsigned char>(e));
        }
    }

    Atom bracket() {
        // Just after '['.
        bool negate = false;
        if (more() && peek() == '^') {
            negate = true;
            ++m_pos;
        }
        ByteSet s;
        bool first = true;
        while (m_ok && more() && (peek() != ']' || first)) {
            first = false;
            if (peek() == '[' && m_pos + 1 < m_text.size() &&
                (m_text[m_pos + 1] == ':' || m_text[m_pos + 1] == '.' || m_text[m_pos + 1] == '=')) {
                fail(); // POSIX classes
                break;
            }
            int lo;
            if (peek() == '\\') {
                ++m_pos;
                const Atom a = escape(true);
                if (!m_ok) break;
                if (a.kind == Atom::Set) {
                    s |= a.set;
                    continue;
                }
                lo = a.byte;
            } else {
                lo = static_cast<unsigned char>(m_text[m_pos++]);
            }
            if (more() && peek() == '-' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] != ']') {
                ++m_pos;
                int hi;
                if (peek() == '\\') {
                    ++m_pos;
                    const Atom b = escape(true);
                    if (!m_ok || b.kind != Atom::Literal) {
                        fail();
                        break;
                    }
                    hi = b.byte;
                } else {
                    hi = static_cast<unsigned char>(m_text[m_pos++]);
                }
                if (hi < lo) {
                    fail();
                    break;
                }
                s |= range(lo, hi);
            } else {
                s.set(std::size_t(lo));
            }
        }
        if (!more() || peek() != ']') {
            fail();
            return {};
        }
        ++m_pos;
        return setAtom(negate ? ~folded(s) : s);
    }

    Atom atom() {
        const char c = m_text[m_pos++];
        switch (c) {
        case '\\':
            if (more() && peek() == 'K') {
                ++m_pos;
                return kindOf(Atom::Assertion); // zero-width: moves the reported start only
            }
            return escape(false);
        case '.': return setAtom(~one('\n'));
        case '[': return bracket();
        case '^':
        case '$': return kindOf(Atom::Assertion);
        case '(': {
            Atom g = kindOf(Atom::Group);
            if (more() && peek() == '?') {
                ++m_pos;
                if (!more()) {
                    fail();
                    return {};
                }
                const char k = m_text[m_pos++];
                if (k == ':') {
                } else if (k == '=' || k == '!') {
                    g.lookaround = g.lookahead = true;
                } else if (k == '<' && more() && (peek() == '=' || peek() == '!')) {
                    ++m_pos;
                    g.lookaround = true;
                } else {
                    fail(); // inline options, named groups, recursion, conditionals...
                    return {};
                }
            }
            g.alternatives = alternatives();
            if (!more() || peek() != ')') {
                fail();
                return {};
            }
            ++m_pos;
            return g;
        }
        case ')':
        case '|':
        case '*':
        case '+':
        case '?':
        case '{':
            fail(); // misplaced: leave it to PCRE2
            return {};
        default: return literal(static_cast<unsigned char>(c));
        }
    }

    void quantifier(Atom& a) {
        if (!more()) return;
        const char c = peek();
        int lo = 1, hi = 1;
        if (c == '*') lo = 0, hi = -1;
        else if (c == '+') lo = 1, hi = -1;
        else if (c == '?') lo = 0, hi = 1;
        else if (c == '{') {
            // {n}, {n,}, {n,m}; anything else is a literal brace in PCRE2: give up.
            std::size_t p = m_pos + 1;
            auto number = [&](int& v) {
                const std::size_t s = p;
                v = 0;
                while (p < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[p])) && p - s < 6)
                    v = v * 10 + (m_text[p++] - '0');
                return p > s;
            };
            if (!number(lo)) return fail();
            hi = lo;
            if (p < m_text.size() && m_text[p] == ',') {
                ++p;
                if (!number(hi)) hi = -1;
            }
            if (p >= m_text.size() || m_text[p] != '}') return fail();
            m_pos = p;
        } else {
            return;
        }
        ++m_pos;
        if (more() && (peek() == '?' || peek() == '+')) ++m_pos; // lazy or possessive
        if (a.kind == Atom::Assertion) return fail();
        a.minCount = lo;
        a.maxCount = hi;
    }

    std::string_view m_text;
    bool m_ci;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

// Whether any atom can match, or look at, a newline; or anchors at the end of the subject.
bool touchesNewline(const std::vector<std::vector<Atom>>& alts) {
    for (const auto& seq : alts)
        for (const Atom& a : seq) {
            if ((a.kind == Atom::Literal || a.kind == Atom::Set) && a.set.test('\n')) return true;
            if (a.kind == Atom::Assertion && a.endAnchor) return true;
            if (a.kind == Atom::Group && touchesNewline(a.alternatives)) return true;
            if (a.kind == Atom::Other) return true;
        }
    return false;
}

// The literal bytes a sequence must start with (after zero-width assertions); empty when
// its first consuming element is not a plain literal.
std::string prefixOf(const std::vector<Atom>& seq) {
    std::string out;
    for (const Atom& a : seq) {
        if (a.kind == Atom::Assertion || (a.kind == Atom::Group && a.lookaround)) {
            if (out.empty()) continue; // zero-width before the first byte
            break;
        }
        if (a.kind != Atom::Literal || a.minCount < 1) break;
        // A literal repeated n..m times contributes its n certain copies.
        for (int i = 0; i < a.minCount && out.size() < 64; ++i) out += static_cast<char>(a.byte);
        if (a.maxCount != a.minCount) break;
    }
    return out;
}

bool isPlainLiteral(const std::vector<Atom>& seq, std::string* out) {
    out->clear();
    for (const Atom& a : seq) {
        if (a.kind != Atom::Literal || a.minCount != 1 || a.maxCount != 1) return false;
        *out += static_cast<char>(a.byte);
    }
    return !out->empty();
}

} // namespace

std::string replaceG(std::string_view pattern, std::string_view replacement) {
    std::string out;
    out.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '\\' || i + 1 >= pattern.size()) {
            out += pattern[i];
            continue;
        }
        const char e = pattern[i + 1];
        if (e == 'Q') { // quoted: literal up to \E
            const std::size_t end = pattern.find("\\E", i + 2);
            const std::size_t stop = end == std::string_view::npos ? pattern.size() : end + 2;
            out.append(pattern.substr(i, stop - i));
            i = stop - 1;
            continue;
        }
        if (e == 'G') {
            out.append(replacement);
        } else {
            out += pattern[i];
            out += e;
        }
        ++i; // the escaped character is not itself an escape
    }
    return out;
}

RegexShape analyzeRegex(std::string_view pattern, bool caseInsensitive) {
    RegexShape shape;
    shape.resetsStart = false;
    for (std::size_t i = 0; i + 1 < pattern.size(); ++i) {
        if (pattern[i] != '\\') continue;
        if (pattern[i + 1] == 'K') shape.resetsStart = true;
        if (pattern[i + 1] == 'G') shape.usesG = true;
        ++i; // the escaped character is not itself an escape
    }
    std::vector<std::vector<Atom>> alts;
    Reader reader(pattern, caseInsensitive);
    if (!reader.parse(alts)) return shape; // not understood: the general road
    shape.lineLocal = !touchesNewline(alts);
    std::vector<std::string> literals;
    bool allLiteral = true;
    for (const auto& seq : alts) {
        std::string lit;
        if (!isPlainLiteral(seq, &lit)) allLiteral = false;
        literals.push_back(lit);
    }
    if (allLiteral) shape.literals = literals;
    bool allPrefixed = true;
    bool zeroStart = false;
    std::vector<std::string> prefixes;
    for (const auto& seq : alts) {
        std::string p = prefixOf(seq);
        if (p.empty()) {
            allPrefixed = false;
            break;
        }
        if (p[0] == '\0') zeroStart = true;
        prefixes.push_back(std::move(p));
    }
    if (allPrefixed) {
        shape.prefixes = std::move(prefixes);
        shape.mayStartWithZero = zeroStart;
    }
    return shape;
}

} // namespace hexmap
