// SPDX-License-Identifier: MIT
// A value of the .ksy expression language while a file is read: integers (64-bit, wrapping;
// `big` marks a u8 read above INT64_MAX), floats, booleans, byte arrays, strings, a
// structure, an array (a field read with repeat, or a literal), a stream (`_io`), or an
// error that carries its sentence up to the field that needed the value.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hexmap::ksy {

class StructNode;
struct Field;
struct Stream;
struct EnumSpec;

struct Value {
    enum class Kind : std::uint8_t { None, Int, Float, Bool, Bytes, String, Struct, Array, Stream, Error };
    Kind kind = Kind::None;
    bool big = false; // Int: an unsigned value above INT64_MAX
    std::int64_t i = 0;
    double f = 0;
    std::string s;                      // Bytes, String, Error
    const EnumSpec* enumType = nullptr; // Int read with `enum:`
    StructNode* node = nullptr;         // Struct
    Field* field = nullptr;             // Array: a repeated field...
    std::shared_ptr<std::vector<Value>> items; // ...or an array literal
    std::shared_ptr<const Stream> stream; // Stream
    std::uint64_t streamPos = 0;

    static Value integer(std::int64_t v, bool big = false) {
        Value x;
        x.kind = Kind::Int;
        x.i = v;
        x.big = big && v < 0;
        return x;
    }
    static Value real(double v) {
        Value x;
        x.kind = Kind::Float;
        x.f = v;
        return x;
    }
    static Value boolean(bool v) {
        Value x;
        x.kind = Kind::Bool;
        x.i = v;
        return x;
    }
    static Value bytes(std::string v) {
        Value x;
        x.kind = Kind::Bytes;
        x.s = std::move(v);
        return x;
    }
    static Value string(std::string v) {
        Value x;
        x.kind = Kind::String;
        x.s = std::move(v);
        return x;
    }
    static Value error(std::string why) {
        Value x;
        x.kind = Kind::Error;
        x.s = std::move(why);
        return x;
    }
    bool isError() const { return kind == Kind::Error; }
    bool isNumber() const { return kind == Kind::Int || kind == Kind::Float; }
};

} // namespace hexmap::ksy
