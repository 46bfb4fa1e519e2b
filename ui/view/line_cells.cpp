// SPDX-License-Identifier: MIT
#include "line_cells.h"

#include "text_encoding.h"

namespace hexmap {

namespace {

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
        } else if (const int len = decodeUtf8(bytes + i, n - i, cp); len > 0) {
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
