// SPDX-License-Identifier: MIT
// The operators of the .ksy expression language on values, apart from any file: integer
// arithmetic wraps at 64 bits (as the languages Kaitai compiles to do), `/` and `%` round
// toward negative infinity (so -7 / 2 == -4 and -7 % 2 == 1), dividing by zero is an
// error value, and a comparison of values of different kinds is an error, not false.
#pragma once

#include "ksy_expr.h"
#include "ksy_value.h"

#include <string>

namespace hexmap::ksy {

// A binary operator (arithmetic, bitwise, comparison) on two values already computed;
// `and`/`or` are the evaluator's (they short-circuit).
Value binaryOp(Expr::Op op, const Value& a, const Value& b);
// Comparisons only: <, <=, >, >=, ==, != (a Bool value, or an Error).
Value compareValues(Expr::Op op, const Value& a, const Value& b);
// A value as a person reads it in an error message: 0x1f (31), "text", 7f 45 4c 46, ...
std::string valueText(const Value& v);
// The name of a value's kind: "an integer", "a string", ...
const char* kindName(const Value& v);

} // namespace hexmap::ksy
