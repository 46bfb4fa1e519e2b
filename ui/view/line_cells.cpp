// SPDX-License-Identifier: MIT
#include "line_cells.h"

namespace hexmap {

namespace {

// Length of the valid UTF-8 sequence at p (1-4), or 0 when it is not one (overlongs,
// surrogates and code points past U+10FFFF are invalid, as in the standard).
int utf8Length(const std::uint8_t* p, std::size_t n, char32_t& cp) {
    const std::uint8_t b = p[0];
    int len;
    char32_t min;
    if (b < 0x80) {
        cp = b;
        return 1;
    } else if ((b & 0xE0) == 0xC0) {
        len = 2, cp = b & 0x1F, min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
        len = 3, cp = b & 0x0F, min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
        len = 4, cp = b & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < static_cast<std::size_t>(len)) return 0;
    for (int i = 1; i < len; ++i) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

void setChars(LineCell& c, const char* latin1) {
    c.charCount = 0;
    for (; *latin1 && c.charCount < c.chars.size(); ++latin1)
        c.chars[c.charCount++] = static_cast<unsigned char>(*latin1);
}

constexpr char kHex[] = "0123456789ABCDEF";

} // namespace

std::vector<LineCell> layoutCells(const std::uint8_t* bytes, std::size_t n, std::uint64_t base, int tabWidth) {
    std::vector<LineCell> cells;
    cells.reserve(n);
    int column = 0;
    for (std::size_t i = 0; i < n;) {
        LineCell c;
        c.offset = base + i;
        c.column = column;
        const std::uint8_t b = bytes[i];
        char32_t cp = 0;
        if (b == '\n') {
            c.kind = LineCell::Kind::Newline;
        } else if (b == '\t') {
            c.kind = LineCell::Kind::Tab;
            c.width = tabWidth - column % tabWidth;
        } else if (b < 0x20 || b == 0x7F) {
            c.kind = LineCell::Kind::Control;
            const char caret[3] = {'^', b == 0x7F ? '?' : static_cast<char>('@' + b), 0};
            setChars(c, caret);
            c.width = 2;
        } else if (const int len = utf8Length(bytes + i, n - i, cp); len > 0) {
            c.bytes = len;
            c.cp = cp;
            if (cp >= 0x80 && cp < 0xA0) {
                // C1 controls would vanish: show the code point.
                c.kind = LineCell::Kind::Invalid;
                const char code[7] = {'\\', 'u', '0', '0', kHex[cp >> 4], kHex[cp & 15], 0};
                setChars(c, code);
                c.width = 6;
            } else if (cp >= 0x10000) {
                c.chars[0] = static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
                c.chars[1] = static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
                c.charCount = 2;
            } else {
                c.chars[0] = static_cast<char16_t>(cp);
                c.charCount = 1;
            }
        } else {
            c.kind = LineCell::Kind::Invalid;
            const char code[5] = {'\\', 'x', kHex[b >> 4], kHex[b & 15], 0};
            setChars(c, code);
            c.width = 4;
        }
        column += c.width;
        i += static_cast<std::size_t>(c.bytes);
        cells.push_back(std::move(c));
    }
    return cells;
}

} // namespace hexmap
