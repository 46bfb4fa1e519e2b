// SPDX-License-Identifier: MIT
// The data inspector's values: the bytes at an offset read as each type a hex editor user
// reaches for, and a typed value written back as bytes. Plain functions on a byte span, so
// the inspector panel, its tests and any later tool share one definition of each type.
#pragma once

#include "result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hexmap {

enum class ValueType {
    Binary8,
    Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64,
    Float16, Float32, Float64,
    SLeb128, ULeb128,
    Ascii, Utf8, Utf16,
    UnixTime32, UnixTime64, DosDateTime, FileTime,
    Guid,
};

const std::vector<ValueType>& allValueTypes();
std::string valueTypeName(ValueType type);
// Bytes the type reads (LEB128 and UTF-8: the longest form, 10 and 4).
std::size_t valueTypeSize(ValueType type);
// Whether the byte order applies to it.
bool valueTypeHasByteOrder(ValueType type);

struct DecodedValue {
    std::string text;       // for people ("-2", "0x41 'A'", "2026-11-27 01:02:03 UTC")
    std::size_t length = 0; // bytes it took (LEB128 and UTF-8 vary)
};

// The value at data[0..available); nullopt with `why` set when it cannot be read (runs
// past the end, not a valid UTF-8 sequence, an unterminated LEB128...).
std::optional<DecodedValue> decodeValue(ValueType type, const std::uint8_t* data, std::size_t available,
                                        bool bigEndian, std::string* why = nullptr);

// The bytes to write for `text` (what decodeValue prints, or the plain number); an error
// that says why for text that is invalid or out of the type's range.
Result<std::vector<std::uint8_t>> encodeValue(ValueType type, std::string_view text, bool bigEndian);

} // namespace hexmap
