// SPDX-License-Identifier: MIT
#include "ksy_ops.h"

#include "ksy_node.h"

#include <cmath>
#include <cstdio>

namespace hexmap::ksy {

namespace {

double asDouble(const Value& v) {
    if (v.kind == Value::Kind::Float) return v.f;
    return v.big ? double(static_cast<std::uint64_t>(v.i)) : double(v.i);
}

// -1, 0, 1 for two integers, either of which may be a u8 above INT64_MAX
int compareInts(const Value& a, const Value& b) {
    if (a.big || b.big) {
        if (a.big && b.big) {
            const auto x = static_cast<std::uint64_t>(a.i), y = static_cast<std::uint64_t>(b.i);
            return x < y ? -1 : x > y;
        }
        return a.big ? 1 : -1; // the big one is above any int64
    }
    return a.i < b.i ? -1 : a.i > b.i;
}

Value boolOf(Expr::Op op, int c) {
    switch (op) {
    case Expr::Op::Lt: return Value::boolean(c < 0);
    case Expr::Op::Le: return Value::boolean(c <= 0);
    case Expr::Op::Gt: return Value::boolean(c > 0);
    case Expr::Op::Ge: return Value::boolean(c >= 0);
    case Expr::Op::Eq: return Value::boolean(c == 0);
    case Expr::Op::Ne: return Value::boolean(c != 0);
    default: return Value::error("not a comparison");
    }
}

// An array literal of integers 0-255, as bytes (so `magic == [0x7f, 0x45]` compares)
bool literalBytes(const Value& v, std::string& out) {
    if (v.kind != Value::Kind::Array || !v.items) return false;
    out.clear();
    for (const Value& e : *v.items) {
        if (e.kind != Value::Kind::Int || e.i < 0 || e.i > 255) return false;
        out += static_cast<char>(e.i);
    }
    return true;
}

} // namespace

const char* kindName(const Value& v) {
    switch (v.kind) {
    case Value::Kind::None: return "nothing";
    case Value::Kind::Int: return v.enumType ? "an enum value" : "an integer";
    case Value::Kind::Float: return "a float";
    case Value::Kind::Bool: return "a boolean";
    case Value::Kind::Bytes: return "bytes";
    case Value::Kind::String: return "a string";
    case Value::Kind::Struct: return "a structure";
    case Value::Kind::Array: return "an array";
    case Value::Kind::Stream: return "a stream";
    case Value::Kind::Error: return "an error";
    }
    return "?";
}

std::string valueText(const Value& v) {
    char b[64];
    switch (v.kind) {
    case Value::Kind::Int:
        if (v.big) std::snprintf(b, sizeof b, "%llu", static_cast<unsigned long long>(v.i));
        else std::snprintf(b, sizeof b, "%lld", static_cast<long long>(v.i));
        return b;
    case Value::Kind::Float:
        std::snprintf(b, sizeof b, "%g", v.f);
        return b;
    case Value::Kind::Bool: return v.i ? "true" : "false";
    case Value::Kind::String: return "\"" + v.s + "\"";
    case Value::Kind::Bytes: {
        std::string o = "[";
        for (std::size_t k = 0; k < v.s.size() && k < 16; ++k) {
            std::snprintf(b, sizeof b, "%s%02x", k ? " " : "", static_cast<unsigned char>(v.s[k]));
            o += b;
        }
        return o + (v.s.size() > 16 ? " ...]" : "]");
    }
    case Value::Kind::Error: return "(" + v.s + ")";
    default: return kindName(v);
    }
}

Value compareValues(Expr::Op op, const Value& a, const Value& b) {
    if (a.isError()) return a;
    if (b.isError()) return b;
    if (a.kind == Value::Kind::Int && b.kind == Value::Kind::Int) return boolOf(op, compareInts(a, b));
    if (a.isNumber() && b.isNumber()) {
        const double x = asDouble(a), y = asDouble(b);
        if (std::isnan(x) || std::isnan(y)) return Value::boolean(op == Expr::Op::Ne);
        return boolOf(op, x < y ? -1 : x > y);
    }
    std::string lit;
    if (a.kind == Value::Kind::Bytes && literalBytes(b, lit)) return boolOf(op, a.s.compare(lit) < 0 ? -1 : a.s != lit);
    if (b.kind == Value::Kind::Bytes && literalBytes(a, lit)) return boolOf(op, lit.compare(b.s) < 0 ? -1 : lit != b.s);
    if ((a.kind == Value::Kind::String || a.kind == Value::Kind::Bytes) && a.kind == b.kind) {
        // bytes compare as unsigned bytes; strings as their UTF-8 bytes (code point order)
        const int c = a.s.compare(b.s);
        return boolOf(op, c < 0 ? -1 : c > 0);
    }
    if (a.kind == Value::Kind::Bool && b.kind == Value::Kind::Bool) {
        if (op != Expr::Op::Eq && op != Expr::Op::Ne) return Value::error("booleans have no order");
        return boolOf(op, a.i != b.i);
    }
    if (a.kind == Value::Kind::Struct && b.kind == Value::Kind::Struct &&
        (op == Expr::Op::Eq || op == Expr::Op::Ne))
        return boolOf(op, a.node != b.node);
    return Value::error(std::string("cannot compare ") + kindName(a) + " with " + kindName(b));
}

Value binaryOp(Expr::Op op, const Value& a, const Value& b) {
    switch (op) {
    case Expr::Op::Lt:
    case Expr::Op::Le:
    case Expr::Op::Gt:
    case Expr::Op::Ge:
    case Expr::Op::Eq:
    case Expr::Op::Ne: return compareValues(op, a, b);
    default: break;
    }
    if (a.isError()) return a;
    if (b.isError()) return b;
    if (op == Expr::Op::Add) {
        if (a.kind == Value::Kind::String && b.kind == Value::Kind::String) return Value::string(a.s + b.s);
        if (a.kind == Value::Kind::Bytes && b.kind == Value::Kind::Bytes) return Value::bytes(a.s + b.s);
    }
    if (a.kind == Value::Kind::Int && b.kind == Value::Kind::Int) {
        const auto x = static_cast<std::uint64_t>(a.i), y = static_cast<std::uint64_t>(b.i);
        const bool big = a.big || b.big;
        switch (op) {
        case Expr::Op::Add: return Value::integer(static_cast<std::int64_t>(x + y), big);
        case Expr::Op::Sub: return Value::integer(static_cast<std::int64_t>(x - y), false);
        case Expr::Op::Mul: return Value::integer(static_cast<std::int64_t>(x * y), big);
        case Expr::Op::Div:
        case Expr::Op::Mod: {
            if (b.i == 0) return Value::error("division by zero");
            if (big) {
                // unsigned: a u8 above INT64_MAX (or divided by one)
                return Value::integer(static_cast<std::int64_t>(op == Expr::Op::Div ? x / y : x % y), true);
            }
            if (a.i == INT64_MIN && b.i == -1) return Value::integer(op == Expr::Op::Div ? INT64_MIN : 0);
            std::int64_t q = a.i / b.i, r = a.i % b.i;
            if (r != 0 && ((r < 0) != (b.i < 0))) {
                q -= 1;
                r += b.i;
            }
            return Value::integer(op == Expr::Op::Div ? q : r);
        }
        case Expr::Op::Shl:
        case Expr::Op::Shr: {
            if (b.i < 0) return Value::error("a negative shift count");
            if (b.i >= 64) return Value::integer(op == Expr::Op::Shr && a.i < 0 && !a.big ? -1 : 0);
            if (op == Expr::Op::Shl) return Value::integer(static_cast<std::int64_t>(x << b.i), a.big);
            if (a.big) return Value::integer(static_cast<std::int64_t>(x >> b.i), true);
            return Value::integer(a.i >> b.i);
        }
        case Expr::Op::BitAnd: return Value::integer(static_cast<std::int64_t>(x & y), big);
        case Expr::Op::BitOr: return Value::integer(static_cast<std::int64_t>(x | y), big);
        case Expr::Op::BitXor: return Value::integer(static_cast<std::int64_t>(x ^ y), big);
        default: break;
        }
    }
    if (a.isNumber() && b.isNumber()) {
        const double x = asDouble(a), y = asDouble(b);
        switch (op) {
        case Expr::Op::Add: return Value::real(x + y);
        case Expr::Op::Sub: return Value::real(x - y);
        case Expr::Op::Mul: return Value::real(x * y);
        case Expr::Op::Div: return Value::real(x / y);
        case Expr::Op::Mod: return Value::real(x - y * std::floor(x / y));
        default: break;
        }
    }
    return Value::error(std::string("cannot apply ") + opSymbol(op) + " to " + kindName(a) + " and " + kindName(b));
}

} // namespace hexmap::ksy
