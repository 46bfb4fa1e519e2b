// SPDX-License-Identifier: MIT
#include "ksy_expr.h"

#include <cctype>
#include <cstdlib>
#include <cstring>

namespace hexmap::ksy {

namespace {

struct Token {
    enum Kind { End, Int, Float, Str, Ident, Sym } kind = End;
    std::string text;
    std::int64_t i = 0;
    bool big = false;
    double f = 0;
    std::size_t col = 0;
};

class Parser {
public:
    explicit Parser(const std::string& t) : m_t(t) {}

    Result<ExprPtr> run() {
        if (!lex()) return Error{0, m_error};
        ExprPtr e = ternary();
        if (e && peek().kind != Token::End) fail("unexpected '" + peek().text + "'");
        if (!m_error.empty()) return Error{0, m_error};
        return Result<ExprPtr>(std::move(e));
    }

private:
    const std::string& m_t;
    std::vector<Token> m_toks;
    std::size_t m_pos = 0;
    std::string m_error;

    void fail(const std::string& what) {
        if (m_error.empty())
            m_error = what + " at column " + std::to_string(peek().col + 1) + " of \"" + m_t + "\"";
    }

    bool lexFail(const std::string& what, std::size_t col) {
        m_error = what + " at column " + std::to_string(col + 1) + " of \"" + m_t + "\"";
        return false;
    }

    bool lex() {
        std::size_t i = 0;
        const std::size_t n = m_t.size();
        while (i < n) {
            const char c = m_t[i];
            if (std::isspace(static_cast<unsigned char>(c))) {
                ++i;
                continue;
            }
            Token tok;
            tok.col = i;
            if (std::isdigit(static_cast<unsigned char>(c))) {
                if (!lexNumber(i, tok)) return false;
            } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                std::size_t j = i;
                while (j < n && (std::isalnum(static_cast<unsigned char>(m_t[j])) || m_t[j] == '_')) ++j;
                tok.kind = Token::Ident;
                tok.text = m_t.substr(i, j - i);
                i = j;
            } else if (c == '\'' || c == '"') {
                std::size_t j = i + 1;
                std::string s;
                while (j < n && m_t[j] != c) {
                    if (c == '"' && m_t[j] == '\\' && j + 1 < n) {
                        const char e = m_t[++j];
                        switch (e) {
                        case 'n': s += '\n'; break;
                        case 't': s += '\t'; break;
                        case 'r': s += '\r'; break;
                        case '0': s += '\0'; break;
                        case 'a': s += '\a'; break;
                        case 'b': s += '\b'; break;
                        case 'e': s += '\x1b'; break;
                        case 'f': s += '\f'; break;
                        case 'v': s += '\v'; break;
                        case 'x':
                            if (j + 2 < n && std::isxdigit(static_cast<unsigned char>(m_t[j + 1])) &&
                                std::isxdigit(static_cast<unsigned char>(m_t[j + 2]))) {
                                s += static_cast<char>(std::strtol(m_t.substr(j + 1, 2).c_str(), nullptr, 16));
                                j += 2;
                            } else {
                                return lexFail("\\x needs two hex digits", j);
                            }
                            break;
                        default: s += e;
                        }
                        ++j;
                        continue;
                    }
                    s += m_t[j++];
                }
                if (j >= n) return lexFail("the string is not closed", i);
                tok.kind = Token::Str;
                tok.text = std::move(s);
                i = j + 1;
            } else {
                static const char* const two[] = {"<<", ">>", "<=", ">=", "==", "!=", "::"};
                tok.kind = Token::Sym;
                tok.text = std::string(1, c);
                for (const char* t : two)
                    if (m_t.compare(i, 2, t) == 0) tok.text = t;
                if (tok.text.size() == 1 && std::string("+-*/%&|^~<>?:()[].,!").find(c) == std::string::npos)
                    return lexFail(std::string("unexpected character '") + c + "'", i);
                i += tok.text.size();
            }
            m_toks.push_back(std::move(tok));
        }
        Token end;
        end.col = n;
        m_toks.push_back(end);
        return true;
    }

    bool lexNumber(std::size_t& i, Token& tok) {
        const std::size_t n = m_t.size();
        int base = 10;
        std::size_t j = i;
        if (m_t[j] == '0' && j + 1 < n && std::strchr("xXbBoO", m_t[j + 1])) {
            const char b = static_cast<char>(std::tolower(m_t[j + 1]));
            base = b == 'x' ? 16 : b == 'b' ? 2 : 8;
            j += 2;
        }
        std::string digits;
        bool isFloat = false;
        for (; j < n; ++j) {
            const char c = m_t[j];
            if (c == '_') continue;
            if (base == 10 && (c == '.' || c == 'e' || c == 'E')) {
                // 1.5, 1e3; but not `1.to_s` (a method on an integer)
                if (c == '.' && !(j + 1 < n && std::isdigit(static_cast<unsigned char>(m_t[j + 1])))) break;
                isFloat = true;
                digits += c;
                if ((c == 'e' || c == 'E') && j + 1 < n && (m_t[j + 1] == '-' || m_t[j + 1] == '+'))
                    digits += m_t[++j];
                continue;
            }
            const int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                          : std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                                          : 99;
            if (v >= base) break;
            digits += c;
        }
        if (digits.empty()) return lexFail("a number has no digits", i);
        if (j < n && (std::isalpha(static_cast<unsigned char>(m_t[j])) || m_t[j] == '_'))
            return lexFail("'" + std::string(1, m_t[j]) + "' cannot follow a number", j);
        if (isFloat) {
            tok.kind = Token::Float;
            tok.f = std::strtod(digits.c_str(), nullptr);
        } else {
            unsigned __int128 v = 0;
            for (char c : digits) {
                v = v * static_cast<unsigned>(base) +
                    static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10);
                if (v > ~std::uint64_t(0)) return lexFail("the number does not fit in 64 bits", i);
            }
            tok.kind = Token::Int;
            tok.i = static_cast<std::int64_t>(static_cast<std::uint64_t>(v));
            tok.big = v > static_cast<unsigned __int128>(INT64_MAX);
        }
        tok.text = m_t.substr(i, j - i);
        i = j;
        return true;
    }

    const Token& peek(std::size_t ahead = 0) const {
        const std::size_t k = std::min(m_pos + ahead, m_toks.size() - 1);
        return m_toks[k];
    }
    bool isSym(const char* s, std::size_t ahead = 0) const {
        return peek(ahead).kind == Token::Sym && peek(ahead).text == s;
    }
    bool isWord(const char* s) const { return peek().kind == Token::Ident && peek().text == s; }
    bool accept(const char* s) {
        if (isSym(s)) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool expect(const char* s) {
        if (accept(s)) return true;
        fail(std::string("expected '") + s + "'");
        return false;
    }

    static ExprPtr node(Expr::Op op) {
        auto e = std::make_unique<Expr>();
        e->op = op;
        return e;
    }
    static ExprPtr binary(Expr::Op op, ExprPtr a, ExprPtr b) {
        auto e = node(op);
        e->kids.push_back(std::move(a));
        e->kids.push_back(std::move(b));
        return e;
    }

    // Guards nesting: a hostile description must not overflow the stack.
    int m_depth = 0;
    struct Depth {
        Parser& p;
        explicit Depth(Parser& parser) : p(parser) { ++p.m_depth; }
        ~Depth() { --p.m_depth; }
    };

    ExprPtr ternary() {
        Depth d(*this);
        if (m_depth > 200) {
            fail("the expression nests too deeply");
            return nullptr;
        }
        ExprPtr c = orExpr();
        if (!c || !accept("?")) return c;
        ExprPtr a = ternary();
        if (!a || !expect(":")) return nullptr;
        ExprPtr b = ternary();
        if (!b) return nullptr;
        auto e = node(Expr::Op::Cond);
        e->kids.push_back(std::move(c));
        e->kids.push_back(std::move(a));
        e->kids.push_back(std::move(b));
        return e;
    }

    ExprPtr orExpr() {
        ExprPtr a = andExpr();
        while (a && isWord("or")) {
            ++m_pos;
            ExprPtr b = andExpr();
            if (!b) return nullptr;
            a = binary(Expr::Op::Or, std::move(a), std::move(b));
        }
        return a;
    }
    ExprPtr andExpr() {
        ExprPtr a = notExpr();
        while (a && isWord("and")) {
            ++m_pos;
            ExprPtr b = notExpr();
            if (!b) return nullptr;
            a = binary(Expr::Op::And, std::move(a), std::move(b));
        }
        return a;
    }
    ExprPtr notExpr() {
        if (isWord("not")) {
            ++m_pos;
            Depth d(*this);
            if (m_depth > 200) {
                fail("the expression nests too deeply");
                return nullptr;
            }
            ExprPtr a = notExpr();
            if (!a) return nullptr;
            auto e = node(Expr::Op::Not);
            e->kids.push_back(std::move(a));
            return e;
        }
        return compare();
    }
    ExprPtr compare() {
        ExprPtr a = bitOr();
        static const struct { const char* s; Expr::Op op; } ops[] = {
            {"<", Expr::Op::Lt}, {"<=", Expr::Op::Le}, {">", Expr::Op::Gt},
            {">=", Expr::Op::Ge}, {"==", Expr::Op::Eq}, {"!=", Expr::Op::Ne}};
        while (a) {
            const Expr::Op* found = nullptr;
            for (const auto& o : ops)
                if (isSym(o.s)) found = &o.op;
            if (!found) break;
            ++m_pos;
            ExprPtr b = bitOr();
            if (!b) return nullptr;
            a = binary(*found, std::move(a), std::move(b));
        }
        return a;
    }
    template <class Next>
    ExprPtr leftAssoc(Next next, std::initializer_list<std::pair<const char*, Expr::Op>> ops) {
        ExprPtr a = (this->*next)();
        while (a) {
            const Expr::Op* found = nullptr;
            for (const auto& o : ops)
                if (isSym(o.first)) found = &o.second;
            if (!found) break;
            const Expr::Op op = *found;
            ++m_pos;
            ExprPtr b = (this->*next)();
            if (!b) return nullptr;
            a = binary(op, std::move(a), std::move(b));
        }
        return a;
    }
    ExprPtr bitOr() { return leftAssoc(&Parser::bitXor, {{"|", Expr::Op::BitOr}}); }
    ExprPtr bitXor() { return leftAssoc(&Parser::bitAnd, {{"^", Expr::Op::BitXor}}); }
    ExprPtr bitAnd() { return leftAssoc(&Parser::shift, {{"&", Expr::Op::BitAnd}}); }
    ExprPtr shift() { return leftAssoc(&Parser::additive, {{"<<", Expr::Op::Shl}, {">>", Expr::Op::Shr}}); }
    ExprPtr additive() { return leftAssoc(&Parser::multiplicative, {{"+", Expr::Op::Add}, {"-", Expr::Op::Sub}}); }
    ExprPtr multiplicative() {
        return leftAssoc(&Parser::unary, {{"*", Expr::Op::Mul}, {"/", Expr::Op::Div}, {"%", Expr::Op::Mod}});
    }

    ExprPtr unary() {
        Expr::Op op;
        if (isSym("-")) op = Expr::Op::Neg;
        else if (isSym("~")) op = Expr::Op::BitNot;
        else if (isSym("!")) op = Expr::Op::Not;
        else return postfix();
        ++m_pos;
        Depth d(*this);
        if (m_depth > 200) {
            fail("the expression nests too deeply");
            return nullptr;
        }
        ExprPtr a = unary();
        if (!a) return nullptr;
        // -9223372036854775808 is a literal, not an overflow
        if (op == Expr::Op::Neg && a->op == Expr::Op::Int) {
            a->i = static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(a->i));
            a->unsignedInt = false;
            return a;
        }
        auto e = node(op);
        e->kids.push_back(std::move(a));
        return e;
    }

    ExprPtr postfix() {
        ExprPtr a = primary();
        while (a) {
            if (accept(".")) {
                if (peek().kind != Token::Ident) {
                    fail("expected a name after '.'");
                    return nullptr;
                }
                const std::string name = peek().text;
                ++m_pos;
                if (name == "as" && isSym("<")) {
                    ++m_pos;
                    std::string type;
                    while (!isSym(">") && peek().kind != Token::End) type += peek().text, ++m_pos;
                    if (!expect(">")) return nullptr;
                    auto e = node(Expr::Op::Cast);
                    e->s = type;
                    e->kids.push_back(std::move(a));
                    a = std::move(e);
                    continue;
                }
                if (accept("(")) {
                    auto e = node(Expr::Op::Call);
                    e->s = name;
                    e->kids.push_back(std::move(a));
                    if (!args(*e, ")")) return nullptr;
                    a = std::move(e);
                    continue;
                }
                auto e = node(Expr::Op::Attr);
                e->s = name;
                e->kids.push_back(std::move(a));
                a = std::move(e);
            } else if (accept("[")) {
                ExprPtr idx = ternary();
                if (!idx || !expect("]")) return nullptr;
                a = binary(Expr::Op::Index, std::move(a), std::move(idx));
            } else {
                break;
            }
        }
        return a;
    }

    bool args(Expr& e, const char* close) {
        if (accept(close)) return true;
        for (;;) {
            ExprPtr x = ternary();
            if (!x) return false;
            e.kids.push_back(std::move(x));
            if (accept(close)) return true;
            if (!expect(",")) return false;
        }
    }

    ExprPtr primary() {
        const Token t = peek();
        switch (t.kind) {
        case Token::Int: {
            ++m_pos;
            auto e = node(Expr::Op::Int);
            e->i = t.i;
            e->unsignedInt = t.big;
            return e;
        }
        case Token::Float: {
            ++m_pos;
            auto e = node(Expr::Op::Float);
            e->f = t.f;
            return e;
        }
        case Token::Str: {
            ++m_pos;
            auto e = node(Expr::Op::Str);
            e->s = t.text;
            // adjacent literals join, as in the reference compiler's grammar
            while (peek().kind == Token::Str) e->s += peek().text, ++m_pos;
            return e;
        }
        case Token::Ident: {
            ++m_pos;
            if (t.text == "true" || t.text == "false") {
                auto e = node(Expr::Op::Bool);
                e->i = t.text == "true";
                return e;
            }
            if (isSym("::")) {
                std::string path = t.text;
                while (accept("::")) {
                    if (peek().kind != Token::Ident) {
                        fail("expected a name after '::'");
                        return nullptr;
                    }
                    path += "::" + peek().text;
                    ++m_pos;
                }
                auto e = node(Expr::Op::EnumLit);
                e->s = path;
                return e;
            }
            auto e = node(Expr::Op::Name);
            e->s = t.text;
            return e;
        }
        case Token::Sym:
            if (t.text == "(") {
                ++m_pos;
                ExprPtr e = ternary();
                if (!e || !expect(")")) return nullptr;
                return e;
            }
            if (t.text == "[") {
                ++m_pos;
                auto e = node(Expr::Op::Array);
                if (!args(*e, "]")) return nullptr;
                return e;
            }
            fail("unexpected '" + t.text + "'");
            return nullptr;
        case Token::End:
            fail("the expression ends too early");
            return nullptr;
        }
        return nullptr;
    }
};

} // namespace

const char* opSymbol(Expr::Op op) {
    switch (op) {
    case Expr::Op::Add: return "+";
    case Expr::Op::Sub: return "-";
    case Expr::Op::Mul: return "*";
    case Expr::Op::Div: return "/";
    case Expr::Op::Mod: return "%";
    case Expr::Op::Shl: return "<<";
    case Expr::Op::Shr: return ">>";
    case Expr::Op::BitAnd: return "&";
    case Expr::Op::BitOr: return "|";
    case Expr::Op::BitXor: return "^";
    case Expr::Op::Lt: return "<";
    case Expr::Op::Le: return "<=";
    case Expr::Op::Gt: return ">";
    case Expr::Op::Ge: return ">=";
    case Expr::Op::Eq: return "==";
    case Expr::Op::Ne: return "!=";
    case Expr::Op::And: return "and";
    case Expr::Op::Or: return "or";
    default: return "?";
    }
}


Result<ExprPtr> parseExpr(const std::string& text) {
    return Parser(text).run();
}

std::string exprToString(const Expr& e) {
    switch (e.op) {
    case Expr::Op::Int:
        return e.unsignedInt ? std::to_string(static_cast<std::uint64_t>(e.i)) : std::to_string(e.i);
    case Expr::Op::Float: return std::to_string(e.f);
    case Expr::Op::Str: return "\"" + e.s + "\"";
    case Expr::Op::Bool: return e.i ? "true" : "false";
    case Expr::Op::Name:
    case Expr::Op::EnumLit: return e.s;
    case Expr::Op::Array: {
        std::string s = "[";
        for (std::size_t k = 0; k < e.kids.size(); ++k) s += (k ? ", " : "") + exprToString(*e.kids[k]);
        return s + "]";
    }
    case Expr::Op::Neg: return "(-" + exprToString(*e.kids[0]) + ")";
    case Expr::Op::BitNot: return "(~" + exprToString(*e.kids[0]) + ")";
    case Expr::Op::Not: return "(not " + exprToString(*e.kids[0]) + ")";
    case Expr::Op::Cond:
        return "(" + exprToString(*e.kids[0]) + " ? " + exprToString(*e.kids[1]) + " : " +
               exprToString(*e.kids[2]) + ")";
    case Expr::Op::Attr: return exprToString(*e.kids[0]) + "." + e.s;
    case Expr::Op::Call: {
        std::string s = exprToString(*e.kids[0]) + "." + e.s + "(";
        for (std::size_t k = 1; k < e.kids.size(); ++k) s += (k > 1 ? ", " : "") + exprToString(*e.kids[k]);
        return s + ")";
    }
    case Expr::Op::Index: return exprToString(*e.kids[0]) + "[" + exprToString(*e.kids[1]) + "]";
    case Expr::Op::Cast: return exprToString(*e.kids[0]) + ".as<" + e.s + ">";
    default:
        return "(" + exprToString(*e.kids[0]) + " " + opSymbol(e.op) + " " + exprToString(*e.kids[1]) + ")";
    }
}

} // namespace hexmap::ksy
