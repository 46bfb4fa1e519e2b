// SPDX-License-Identifier: MIT
// Text forms of byte ranges: the shared row formatter of `hexmap dump` and of
// Edit > Copy As. Pure functions over a pointer and a length; callers decide how much
// they hand in (the GUI caps copies, `dump` streams row by row).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace hexmap {

// Printable ASCII (0x20..0x7e) as itself, anything else as '.'; as hexdump's %_p does.
inline char printableOrDot(std::uint8_t b) { return b >= 0x20 && b < 0x7f ? char(b) : '.'; }

namespace detail {
struct HexTable {
    char v[256][3];
};
constexpr HexTable makeHexTable(const char* digits) {
    HexTable t{};
    for (int i = 0; i < 256; ++i) t.v[i][0] = digits[i >> 4], t.v[i][1] = digits[i & 15];
    return t;
}
inline constexpr HexTable kHexTable = makeHexTable("0123456789abcdef");
inline constexpr HexTable kUpperHexTable = makeHexTable("0123456789ABCDEF");
} // namespace detail

// The two-digit lower-case hex string of b, "00".."ff", from a table built at compile time.
inline const char* hexPair(std::uint8_t b) { return detail::kHexTable.v[b]; }
// The same in upper case, "00".."FF".
inline const char* upperHexPair(std::uint8_t b) { return detail::kUpperHexTable.v[b]; }

// One row in the layout of `hexdump -C`, newline included:
// "%08x  xx xx xx xx xx xx xx xx  xx xx xx xx xx xx xx xx  |................|\n".
// n is 1..16; a short row is padded so that the text column still lines up.
void appendHexdumpRow(std::string& out, std::uint64_t offset, const std::uint8_t* bytes,
                      std::size_t n);

// The closing line hexdump prints after the rows: the offset one past the last byte.
void appendHexdumpEnd(std::string& out, std::uint64_t offset);

// A whole `hexdump -C -v` of bytes[0..n) that begin at file offset `offset`.
std::string formatHexdump(std::uint64_t offset, const std::uint8_t* bytes, std::size_t n);

// "de ad be ef"
std::string formatHex(const std::uint8_t* bytes, std::size_t n);

// "unsigned char data[4] = {\n    0xde, 0xad, 0xbe, 0xef\n};\n", 12 bytes a line.
std::string formatCArray(const std::uint8_t* bytes, std::size_t n);
// b'...' with printable ASCII as itself (\\ and \' escaped) and every other byte as \xNN.
std::string formatPythonBytes(const std::uint8_t* bytes, std::size_t n);
// let data: [u8; N] = [0x.., ...];
std::string formatRustArray(const std::uint8_t* bytes, std::size_t n);
// data := []byte{0x.., ...}
std::string formatGoSlice(const std::uint8_t* bytes, std::size_t n);

// Lower-case hex offset, zero-padded to `digits`.
std::string formatOffset(std::uint64_t offset, int digits);

// How many hex digits the offsets of a file of `size` bytes need (at least 8).
int offsetDigits(std::uint64_t size);

} // namespace hexmap
