// SPDX-License-Identifier: MIT
// The expression language of .ksy descriptions, parsed once when a description is loaded
// (a syntax error is a spec error with the key's line) into a tree that the interpreter
// evaluates for each structure it reads (ksy_eval.cpp).
//
// Grammar, loosest first: `?:`, `or`, `and`, `not`, comparisons, `|`, `^`, `&`, `<< >>`,
// `+ -`, `* / %`, unary `- ~`, then postfix `.name`, `.name(args)`, `[index]`,
// `.as<type>`. Primaries: integers (decimal, 0x, 0o, 0b, `_` separators), floats, strings
// ('raw' or "with \\ escapes"), true/false, names, `enum::value` and `[a, b]` arrays.
#pragma once

#include "result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hexmap::ksy {

struct Expr {
    enum class Op : std::uint8_t {
        Int, Float, Str, Bool, Name, EnumLit, Array,
        Neg, BitNot, Not,
        Add, Sub, Mul, Div, Mod, Shl, Shr, BitAnd, BitOr, BitXor,
        Lt, Le, Gt, Ge, Eq, Ne, And, Or,
        Cond, Attr, Call, Index, Cast
    };
    Op op = Op::Int;
    std::int64_t i = 0;
    bool unsignedInt = false; // a literal above INT64_MAX
    double f = 0;
    std::string s; // string literal, name, attribute or method name, enum path, cast type
    std::vector<std::unique_ptr<Expr>> kids;
};

using ExprPtr = std::unique_ptr<Expr>;

// The expression in `text`, or an Error whose message says what is wrong and where
// (a column within the text).
Result<ExprPtr> parseExpr(const std::string& text);

// A binary operator as written: "+", "<<", "and"; "?" for the others.
const char* opSymbol(Expr::Op op);

// `text` as it would be written back: for error messages and tests of precedence.
std::string exprToString(const Expr& e);

} // namespace hexmap::ksy
