// SPDX-License-Identifier: MIT
// Text encodings of the hex grid's text column: how each byte's cell reads, and what bytes a
// typed character becomes. Single-byte encodings come from glibc's iconv (its gconv modules
// ship with libc6), looked up once into 256-entry tables; UTF-8 and UTF-16 are decoded here.
// A character that takes several bytes is drawn at its first byte's cell and its other
// cells stay empty, so the cells still line up with the hex column.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hexmap {

enum class ColumnEncoding { Ascii, Latin1, Windows1252, Utf8, Utf16LE, Utf16BE, Ebcdic037 };
constexpr int kColumnEncodingCount = 7;

// "ASCII", "ISO-8859-1", "Windows-1252", "UTF-8", "UTF-16LE", "UTF-16BE", "EBCDIC 037".
const char* encodingName(ColumnEncoding e);

struct TextCell {
    char32_t cp = '.'; // what the cell shows ('.' for a byte with no printable character)
    std::uint8_t span = 1; // bytes the character covers; 0: a later byte of the one before
    bool printable = true; // false: shown as '.', dimmed
};

// The cells of bytes [offset, offset + n) of a file of `size` bytes at `data`. Characters
// that begin before `offset` or end after the range are decoded with the bytes around it.
void decodeCells(ColumnEncoding e, const std::uint8_t* data, std::uint64_t size, std::uint64_t offset, std::size_t n,
                 TextCell* out);

// The UTF-8 sequence at p (at most `avail` bytes): its length (1-4) with its code point in
// cp, or 0 when it is not a valid one (overlong forms, surrogates and code points past
// U+10FFFF are invalid, as in the standard).
int decodeUtf8(const std::uint8_t* p, std::uint64_t avail, char32_t& cp);

// The bytes that write `cp` in encoding `e`; empty when it has no such character.
std::vector<std::uint8_t> encodeChar(ColumnEncoding e, char32_t cp);

} // namespace hexmap
