// SPDX-License-Identifier: MIT
#include "byte_format.h"

#include <cinttypes>
#include <cstdio>

namespace hexmap {

std::string formatOffset(std::uint64_t offset, int digits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*" PRIx64, digits, offset);
    return buf;
}

int offsetDigits(std::uint64_t size) {
    int digits = 1;
    for (std::uint64_t last = size ? size - 1 : 0; last >= 16; last >>= 4) ++digits;
    return digits < 8 ? 8 : digits;
}

void appendHexdumpRow(std::string& out, std::uint64_t offset, const std::uint8_t* bytes,
                      std::size_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%08" PRIx64 "  ", offset);
    out += buf;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i < n) {
            out += hexPair(bytes[i]);
            out += ' ';
        } else {
            out += "   ";
        }
        if (i == 7) out += ' ';
    }
    out += " |";
    for (std::size_t i = 0; i < n; ++i) out += printableOrDot(bytes[i]);
    out += "|\n";
}

void appendHexdumpEnd(std::string& out, std::uint64_t offset) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%08" PRIx64 "\n", offset);
    out += buf;
}

std::string formatHexdump(std::uint64_t offset, const std::uint8_t* bytes, std::size_t n) {
    std::string out;
    out.reserve((n / 16 + 2) * 80);
    for (std::size_t i = 0; i < n; i += 16)
        appendHexdumpRow(out, offset + i, bytes + i, n - i < 16 ? n - i : 16);
    if (n) appendHexdumpEnd(out, offset + n);
    return out;
}

std::string formatHex(const std::uint8_t* bytes, std::size_t n) {
    std::string out;
    out.reserve(n * 3);
    for (std::size_t i = 0; i < n; ++i) {
        if (i) out += ' ';
        out += hexPair(bytes[i]);
    }
    return out;
}

namespace {
// "0x.., 0x.." twelve a line, indented: the body of C, Rust and Go literals.
std::string listBody(const std::uint8_t* bytes, std::size_t n) {
    std::string out;
    out.reserve(n * 6 + 16);
    for (std::size_t i = 0; i < n; ++i) {
        out += i % 12 == 0 ? "\n    " : " ";
        out += "0x";
        out += hexPair(bytes[i]);
        if (i + 1 < n) out += ',';
    }
    return out;
}
} // namespace

std::string formatPythonBytes(const std::uint8_t* bytes, std::size_t n) {
    std::string out = "b'";
    out.reserve(n * 4 + 3);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t b = bytes[i];
        if (b == '\\' || b == '\'') {
            out += '\\';
            out += char(b);
        } else if (b >= 0x20 && b < 0x7F) {
            out += char(b);
        } else {
            out += "\\x";
            out += hexPair(b);
        }
    }
    return out + "'";
}

std::string formatRustArray(const std::uint8_t* bytes, std::size_t n) {
    return "let data: [u8; " + std::to_string(n) + "] = [" + listBody(bytes, n) + "\n];\n";
}

std::string formatGoSlice(const std::uint8_t* bytes, std::size_t n) {
    return "data := []byte{" + listBody(bytes, n) + ",\n}\n";
}

std::string formatCArray(const std::uint8_t* bytes, std::size_t n) {
    std::string out = "unsigned char data[" + std::to_string(n) + "] = {";
    out.reserve(out.size() + n * 6 + 16);
    for (std::size_t i = 0; i < n; ++i) {
        out += i % 12 == 0 ? "\n    " : " ";
        out += "0x";
        out += hexPair(bytes[i]);
        if (i + 1 < n) out += ',';
    }
    out += "\n};\n";
    return out;
}

} // namespace hexmap
