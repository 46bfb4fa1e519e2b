// SPDX-License-Identifier: MIT
// Evaluating expressions while a file is read: names resolve to the structure's fields,
// parameters and instances (reading them if needed), `_parent`, `_root`, `_io`, `_index`
// and `_`; methods on integers, strings, bytes, arrays and streams.
#include "ksy_interpreter.h"
#include "ksy_ops.h"

#include "text_encoding.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace hexmap::ksy {

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

void putUtf8(char32_t cp, std::string& out) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The number of characters of UTF-8 text (what .length counts)
std::int64_t utf8Length(const std::string& s) {
    std::int64_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// Characters [from, to) of UTF-8 text
std::string utf8Slice(const std::string& s, std::int64_t from, std::int64_t to) {
    std::string out;
    std::int64_t k = -1;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++k;
        if (k >= from && k < to) out += s[i];
    }
    return out;
}

} // namespace

bool decodeText(const std::string& bytes, const std::string& encoding, std::string& out) {
    const std::string e = lower(encoding);
    out.clear();
    const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
    const std::size_t n = bytes.size();
    if (e == "ascii" || e == "us-ascii") {
        for (std::size_t k = 0; k < n; ++k) putUtf8(p[k] < 0x80 ? p[k] : 0xFFFD, out);
        return true;
    }
    if (e == "utf-8" || e == "utf8") {
        for (std::size_t k = 0; k < n;) {
            char32_t cp;
            const int len = decodeUtf8(p + k, n - k, cp);
            if (len == 0) {
                putUtf8(0xFFFD, out);
                ++k;
            } else {
                out.append(bytes, k, std::size_t(len));
                k += std::size_t(len);
            }
        }
        return true;
    }
    if (e == "iso-8859-1" || e == "iso8859-1" || e == "latin1" || e == "latin-1" || e == "windows-1252" ||
        e == "cp1252" || e == "cp437" || e == "ibm437") {
        // cp437 and windows-1252 share ASCII; their upper halves are shown as Latin-1 here
        for (std::size_t k = 0; k < n; ++k) putUtf8(p[k], out);
        return true;
    }
    const bool u16 = e == "utf-16le" || e == "utf-16be" || e == "utf16le" || e == "utf16be";
    const bool u32 = e == "utf-32le" || e == "utf-32be" || e == "utf32le" || e == "utf32be";
    if (u16 || u32) {
        const bool le = e.size() >= 2 && e.substr(e.size() - 2) == "le";
        const std::size_t w = u16 ? 2 : 4;
        for (std::size_t k = 0; k + w <= n; k += w) {
            char32_t cp = 0;
            for (std::size_t j = 0; j < w; ++j) cp |= char32_t(p[k + (le ? j : w - 1 - j)]) << (8 * j);
            if (u16 && cp >= 0xD800 && cp < 0xDC00 && k + 4 <= n) {
                char32_t lo = le ? char32_t(p[k + 2] | (p[k + 3] << 8)) : char32_t((p[k + 2] << 8) | p[k + 3]);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    k += 2;
                }
            }
            if ((cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF) cp = 0xFFFD;
            putUtf8(cp, out);
        }
        // a zero-padded UTF-16LE name whose padding was stripped lost the high byte of its
        // last character
        if (u16 && le && n % 2 == 1) putUtf8(p[n - 1], out);
        return true;
    }
    out = "not supported: the encoding '" + encoding + "'";
    return false;
}

Value Interpreter::evaluate(const Expr& e, StructNode& node) {
    ensureRead(node);
    Scope s{&node, nullptr, -1, nullptr};
    return eval(e, s);
}

std::int64_t Interpreter::arraySize(const Value& a) {
    if (a.items) return std::int64_t(a.items->size());
    return a.field ? std::int64_t(count(*a.field)) : 0;
}

Value Interpreter::arrayItem(const Value& a, std::int64_t k) {
    const std::int64_t n = arraySize(a);
    if (k < 0 || k >= n)
        return Value::error("index " + std::to_string(k) + " is outside the array (" + std::to_string(n) + " entries)");
    if (a.items) return (*a.items)[std::size_t(k)];
    return item(*a.field, std::uint64_t(k));
}

Value Interpreter::fieldValue(StructNode& node, const std::string& id, bool selfReading) {
    auto fromField = [&](Field& f) -> Value {
        if (!f.present) return Value::error("'" + id + "' is absent (its 'if' was false)");
        if (f.repeated) {
            Value v;
            v.kind = Value::Kind::Array;
            v.field = &f;
            return v;
        }
        if (f.bigBytes) {
            if (f.size > (std::uint64_t(16) << 20))
                return Value::error("'" + id + "' is " + std::to_string(f.size) +
                                    " bytes, too long to use in an expression (16 MiB at most)");
            return Value::bytes(bytesOf(f, f.size));
        }
        if (f.value.kind == Value::Kind::None && !f.error.empty()) return Value::error(f.error);
        return f.value;
    };
    for (auto& f : node.seq)
        if (f.attr->id == id) return fromField(f);
    const int k = node.type->seqIndex(id);
    if (k >= 0) {
        if (node.reading || node.read) {
            if (node.read && !node.error.empty())
                return Value::error("'" + id + "' was not read: " + node.error);
            return Value::error("'" + id + "' is used before it is read");
        }
        (void)selfReading;
        ensureRead(node);
        for (auto& f : node.seq)
            if (f.attr->id == id) return fromField(f);
        return Value::error("'" + id + "' was not read: " + node.error);
    }
    if (const Attr* inst = node.type->instance(id)) {
        Field* f = instance(node, *inst);
        return fromField(*f);
    }
    for (std::size_t p = 0; p < node.type->params.size(); ++p)
        if (node.type->params[p] == id) return p < node.params.size() ? node.params[p] : Value::error("no value for '" + id + "'");
    return Value::error("'" + (node.type->name.empty() ? std::string("the type") : node.type->name) +
                        "' has no field, instance or parameter '" + id + "'");
}

Value Interpreter::name(const std::string& n, const Scope& s) {
    StructNode& self = *s.self;
    if (n == "_root") {
        Value v;
        v.kind = Value::Kind::Struct;
        v.node = self.root;
        return v;
    }
    if (n == "_parent") {
        if (!self.parent) return Value::error("the top structure has no _parent");
        Value v;
        v.kind = Value::Kind::Struct;
        v.node = self.parent;
        return v;
    }
    if (n == "_io") {
        Value v;
        v.kind = Value::Kind::Stream;
        v.stream = s.cur ? s.cur->io : self.io;
        v.streamPos = s.cur ? s.cur->pos : self.end;
        if (!s.cur) v.node = &self; // read to its end before .pos or .eof is answered
        return v;
    }
    if (n == "_index") {
        if (s.index < 0) return Value::error("_index is used outside a repeat");
        return Value::integer(s.index);
    }
    if (n == "_") {
        if (!s.last) return Value::error("'_' is used outside repeat-until or valid");
        return *s.last;
    }
    if (n == "_sizeof") return Value::error("not supported: _sizeof");
    return fieldValue(self, n, true);
}

Value Interpreter::attrOf(const Value& obj, const std::string& n, const Scope& s) {
    (void)s;
    if (obj.isError()) return obj;
    switch (obj.kind) {
    case Value::Kind::Struct: {
        StructNode& node = *obj.node;
        if (n == "_root" || n == "_parent") {
            Scope inner{&node, nullptr, -1, nullptr};
            return name(n, inner);
        }
        if (n == "_io") {
            Value v;
            v.kind = Value::Kind::Stream;
            v.stream = node.io;
            v.streamPos = node.end;
            v.node = &node;
            return v;
        }
        if (!node.reading && !node.read && node.type->seqIndex(n) >= 0) ensureRead(node);
        return fieldValue(node, n, false);
    }
    case Value::Kind::Int:
        if (n == "to_i") {
            Value v = obj;
            v.enumType = nullptr;
            return v;
        }
        if (n == "to_s") return Value::string(valueText(Value::integer(obj.i, obj.big)));
        break;
    case Value::Kind::Bool:
        if (n == "to_i") return Value::integer(obj.i);
        break;
    case Value::Kind::Float:
        if (n == "to_i") {
            if (!std::isfinite(obj.f) || std::fabs(obj.f) >= 9.2e18) return Value::error("the float does not fit an integer");
            return Value::integer(static_cast<std::int64_t>(obj.f));
        }
        break;
    case Value::Kind::String:
        if (n == "length") return Value::integer(utf8Length(obj.s));
        if (n == "reverse") {
            // by characters, not bytes
            std::vector<std::string> chars;
            for (std::size_t i = 0; i < obj.s.size(); ++i) {
                if ((static_cast<unsigned char>(obj.s[i]) & 0xC0) != 0x80 || chars.empty()) chars.emplace_back();
                chars.back() += obj.s[i];
            }
            std::string out;
            for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
            return Value::string(out);
        }
        if (n == "to_i") {
            const std::string& t = obj.s;
            std::size_t k = 0;
            bool neg = false;
            if (k < t.size() && (t[k] == '-' || t[k] == '+')) neg = t[k++] == '-';
            if (k >= t.size()) return Value::error("\"" + t + "\" is not a number");
            std::uint64_t v = 0;
            for (; k < t.size(); ++k) {
                if (t[k] < '0' || t[k] > '9') return Value::error("\"" + t + "\" is not a number");
                if (v > (~std::uint64_t(0) - 9) / 10) return Value::error("\"" + t + "\" does not fit 64 bits");
                v = v * 10 + std::uint64_t(t[k] - '0');
            }
            return Value::integer(neg ? -static_cast<std::int64_t>(v) : static_cast<std::int64_t>(v));
        }
        if (n == "to_s") return obj;
        break;
    case Value::Kind::Bytes:
        if (n == "length" || n == "size") return Value::integer(std::int64_t(obj.s.size()));
        if (n == "first" || n == "last") {
            if (obj.s.empty()) return Value::error("." + n + " of empty bytes");
            return Value::integer(static_cast<std::uint8_t>(n == "first" ? obj.s.front() : obj.s.back()));
        }
        if (n == "min" || n == "max") {
            if (obj.s.empty()) return Value::error("." + n + " of empty bytes");
            const auto mm = std::minmax_element(obj.s.begin(), obj.s.end(), [](char a, char b) {
                return static_cast<std::uint8_t>(a) < static_cast<std::uint8_t>(b);
            });
            return Value::integer(static_cast<std::uint8_t>(n == "min" ? *mm.first : *mm.second));
        }
        if (n == "reverse") return Value::bytes(std::string(obj.s.rbegin(), obj.s.rend()));
        break;
    case Value::Kind::Array: {
        const std::int64_t size = arraySize(obj);
        if (n == "size" || n == "length") return Value::integer(size);
        if (n == "first") return arrayItem(obj, 0);
        if (n == "last") return arrayItem(obj, size - 1);
        if (n == "min" || n == "max") {
            if (size == 0) return Value::error("." + n + " of an empty array");
            Value best = arrayItem(obj, 0);
            for (std::int64_t k = 1; k < size && !best.isError(); ++k) {
                const Value v = arrayItem(obj, k);
                const Value lt = compareValues(n == "min" ? Expr::Op::Lt : Expr::Op::Gt, v, best);
                if (lt.isError()) return lt;
                if (lt.i) best = v;
            }
            return best;
        }
        break;
    }
    case Value::Kind::Stream:
        if (n == "size") return Value::integer(std::int64_t(obj.stream->size));
        if (n == "pos" || n == "eof") {
            std::uint64_t pos = obj.streamPos;
            if (obj.node) {
                complete(*obj.node);
                pos = obj.node->end;
            }
            return n == "pos" ? Value::integer(std::int64_t(pos)) : Value::boolean(pos >= obj.stream->size);
        }
        break;
    default: break;
    }
    if (obj.kind == Value::Kind::Int && obj.enumType) return Value::error("an enum value has no '." + n + "'");
    return Value::error(std::string(kindName(obj)) + " has no '." + n + "'");
}

Value Interpreter::eval(const Expr& e, const Scope& s) {
    switch (e.op) {
    case Expr::Op::Int: return Value::integer(e.i, e.unsignedInt);
    case Expr::Op::Float: return Value::real(e.f);
    case Expr::Op::Str: return Value::string(e.s);
    case Expr::Op::Bool: return Value::boolean(e.i != 0);
    case Expr::Op::Name: return name(e.s, s);
    case Expr::Op::EnumLit: {
        const auto sep = e.s.rfind("::");
        const EnumSpec* en = m_specs.findEnum(s.self->type, e.s.substr(0, sep));
        if (!en) return Value::error("no enum named '" + e.s.substr(0, sep) + "'");
        auto it = en->values.find(e.s.substr(sep + 2));
        if (it == en->values.end()) return Value::error("the enum '" + en->name + "' has no '" + e.s.substr(sep + 2) + "'");
        Value v = Value::integer(it->second);
        v.enumType = en;
        return v;
    }
    case Expr::Op::Array: {
        Value v;
        v.kind = Value::Kind::Array;
        v.items = std::make_shared<std::vector<Value>>();
        for (const auto& k : e.kids) {
            Value x = eval(*k, s);
            if (x.isError()) return x;
            v.items->push_back(std::move(x));
        }
        return v;
    }
    case Expr::Op::Neg: {
        const Value a = eval(*e.kids[0], s);
        if (a.kind == Value::Kind::Int) return Value::integer(static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(a.i)));
        if (a.kind == Value::Kind::Float) return Value::real(-a.f);
        return a.isError() ? a : Value::error(std::string("cannot negate ") + kindName(a));
    }
    case Expr::Op::BitNot: {
        const Value a = eval(*e.kids[0], s);
        if (a.kind == Value::Kind::Int) return Value::integer(~a.i, a.big);
        return a.isError() ? a : Value::error(std::string("cannot apply ~ to ") + kindName(a));
    }
    case Expr::Op::Not: {
        const Value a = eval(*e.kids[0], s);
        if (a.kind == Value::Kind::Bool) return Value::boolean(!a.i);
        return a.isError() ? a : Value::error(std::string("'not' needs a boolean, not ") + kindName(a));
    }
    case Expr::Op::And:
    case Expr::Op::Or: {
        const Value a = eval(*e.kids[0], s);
        if (a.kind != Value::Kind::Bool)
            return a.isError() ? a : Value::error(std::string("'and'/'or' need booleans, not ") + kindName(a));
        if ((e.op == Expr::Op::And) != bool(a.i)) return a; // decided by the left side
        const Value b = eval(*e.kids[1], s);
        if (b.kind != Value::Kind::Bool)
            return b.isError() ? b : Value::error(std::string("'and'/'or' need booleans, not ") + kindName(b));
        return b;
    }
    case Expr::Op::Cond: {
        const Value c = eval(*e.kids[0], s);
        if (c.kind != Value::Kind::Bool)
            return c.isError() ? c : Value::error(std::string("'?' needs a boolean, not ") + kindName(c));
        return eval(*e.kids[c.i ? 1 : 2], s);
    }
    case Expr::Op::Attr: return attrOf(eval(*e.kids[0], s), e.s, s);
    case Expr::Op::Call: {
        const Value obj = eval(*e.kids[0], s);
        if (obj.isError()) return obj;
        std::vector<Value> args;
        for (std::size_t k = 1; k < e.kids.size(); ++k) {
            args.push_back(eval(*e.kids[k], s));
            if (args.back().isError()) return args.back();
        }
        if (obj.kind == Value::Kind::String && e.s == "substring" && args.size() == 2 &&
            args[0].kind == Value::Kind::Int && args[1].kind == Value::Kind::Int) {
            const std::int64_t len = utf8Length(obj.s);
            const std::int64_t from = std::clamp<std::int64_t>(args[0].i, 0, len);
            const std::int64_t to = std::clamp<std::int64_t>(args[1].i, from, len);
            return Value::string(utf8Slice(obj.s, from, to));
        }
        if (obj.kind == Value::Kind::String && e.s == "to_i" && args.size() == 1 && args[0].kind == Value::Kind::Int) {
            const int radix = static_cast<int>(args[0].i);
            if (radix < 2 || radix > 36) return Value::error("to_i: the radix must be 2-36");
            if (obj.s.empty()) return Value::error("\"\" is not a number");
            std::uint64_t v = 0;
            for (char c : obj.s) {
                const int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                              : std::isalpha(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                                             : 99;
                if (d >= radix) return Value::error("\"" + obj.s + "\" is not a number in base " + std::to_string(radix));
                v = v * std::uint64_t(radix) + std::uint64_t(d);
            }
            return Value::integer(static_cast<std::int64_t>(v), true);
        }
        if (obj.kind == Value::Kind::Bytes && e.s == "to_s" && args.size() == 1 && args[0].kind == Value::Kind::String) {
            std::string out;
            if (!decodeText(obj.s, args[0].s, out)) return Value::error(out);
            return Value::string(out);
        }
        return Value::error(std::string(kindName(obj)) + " has no method '" + e.s + "' taking " +
                            std::to_string(args.size()) + " arguments");
    }
    case Expr::Op::Index: {
        const Value a = eval(*e.kids[0], s);
        if (a.isError()) return a;
        const Value k = eval(*e.kids[1], s);
        if (k.isError()) return k;
        if (k.kind != Value::Kind::Int) return Value::error("an index must be an integer");
        if (a.kind == Value::Kind::Array) return arrayItem(a, k.i);
        if (a.kind == Value::Kind::Bytes) {
            if (k.i < 0 || std::uint64_t(k.i) >= a.s.size())
                return Value::error("index " + std::to_string(k.i) + " is outside the bytes (" + std::to_string(a.s.size()) + ")");
            return Value::integer(static_cast<std::uint8_t>(a.s[std::size_t(k.i)]));
        }
        return Value::error(std::string("cannot index ") + kindName(a));
    }
    case Expr::Op::Cast: {
        // values carry their kind with them: a cast checks nothing and changes nothing
        return eval(*e.kids[0], s);
    }
    default: {
        const Value a = eval(*e.kids[0], s);
        if (a.isError()) return a;
        const Value b = eval(*e.kids[1], s);
        return binaryOp(e.op, a, b);
    }
    }
}

} // namespace hexmap::ksy
