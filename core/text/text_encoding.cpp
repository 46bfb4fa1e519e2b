// SPDX-License-Identifier: MIT
#include "text_encoding.h"

#include <cerrno>
#include <iconv.h>
#include <mutex>

namespace hexmap {

namespace {

constexpr char32_t kNone = 0xFFFFFFFF;

bool printableCp(char32_t cp) {
    return cp >= 0x20 && !(cp >= 0x7F && cp < 0xA0) && !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF &&
           cp != 0xFEFF && cp != 0xAD;
}

// byte -> code point through iconv, kNone where the byte has no character.
std::array<char32_t, 256> iconvTable(const char* charset) {
    std::array<char32_t, 256> t;
    t.fill(kNone);
    iconv_t cd = iconv_open("UTF-32LE", charset);
    if (cd == reinterpret_cast<iconv_t>(-1)) return t;
    for (int b = 0; b < 256; ++b) {
        char in = static_cast<char>(b);
        unsigned char outBuf[8] = {};
        char* inp = &in;
        char* outp = reinterpret_cast<char*>(outBuf);
        std::size_t inLeft = 1, outLeft = sizeof outBuf;
        iconv(cd, nullptr, nullptr, nullptr, nullptr); // reset the state
        if (iconv(cd, &inp, &inLeft, &outp, &outLeft) != static_cast<std::size_t>(-1) && outLeft == 4)
            t[static_cast<std::size_t>(b)] = char32_t(outBuf[0]) | char32_t(outBuf[1]) << 8 |
                                             char32_t(outBuf[2]) << 16 | char32_t(outBuf[3]) << 24;
    }
    iconv_close(cd);
    return t;
}

const std::array<char32_t, 256>& table(ColumnEncoding e) {
    static std::once_flag once;
    static std::array<char32_t, 256> ascii, latin1, cp1252, ebcdic;
    std::call_once(once, [] {
        for (int b = 0; b < 256; ++b) ascii[static_cast<std::size_t>(b)] = b < 0x80 ? char32_t(b) : kNone;
        latin1 = iconvTable("ISO-8859-1");
        cp1252 = iconvTable("CP1252");
        ebcdic = iconvTable("IBM037");
    });
    switch (e) {
    case ColumnEncoding::Latin1: return latin1;
    case ColumnEncoding::Windows1252: return cp1252;
    case ColumnEncoding::Ebcdic037: return ebcdic;
    default: return ascii;
    }
}

void setCell(TextCell& c, char32_t cp, std::uint8_t span) {
    c.span = span;
    c.printable = cp != kNone && printableCp(cp);
    c.cp = c.printable ? cp : U'.';
}

} // namespace

int decodeUtf8(const std::uint8_t* p, std::uint64_t avail, char32_t& cp) {
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
    if (avail < static_cast<std::uint64_t>(len)) return 0;
    for (int i = 1; i < len; ++i) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

const char* encodingName(ColumnEncoding e) {
    switch (e) {
    case ColumnEncoding::Ascii: return "ASCII";
    case ColumnEncoding::Latin1: return "ISO-8859-1";
    case ColumnEncoding::Windows1252: return "Windows-1252";
    case ColumnEncoding::Utf8: return "UTF-8";
    case ColumnEncoding::Utf16LE: return "UTF-16LE";
    case ColumnEncoding::Utf16BE: return "UTF-16BE";
    case ColumnEncoding::Ebcdic037: return "EBCDIC 037";
    }
    return "?";
}

void decodeCells(ColumnEncoding e, const std::uint8_t* data, std::uint64_t size, std::uint64_t offset, std::size_t n,
                 TextCell* out) {
    if (e == ColumnEncoding::Utf8) {
        // Step back over continuation bytes (at most 3) to the start of the character that
        // holds `offset`, then decode forward.
        std::uint64_t at = offset;
        for (int k = 0; k < 3 && at > 0 && (data[at] & 0xC0) == 0x80; ++k) --at;
        while (at < offset + n) {
            char32_t cp = 0;
            const int len = decodeUtf8(data + at, size - at, cp);
            const int span = len > 0 ? len : 1;
            for (int i = 0; i < span; ++i) {
                const std::uint64_t o = at + static_cast<std::uint64_t>(i);
                if (o < offset || o >= offset + n) continue;
                TextCell& c = out[o - offset];
                if (i == 0) setCell(c, len > 0 ? cp : kNone, static_cast<std::uint8_t>(span));
                else c = TextCell{U' ', 0, true};
            }
            // A continuation byte the step-back did not reach (stray): its own '.' cell.
            at += static_cast<std::uint64_t>(span);
        }
        return;
    }
    if (e == ColumnEncoding::Utf16LE || e == ColumnEncoding::Utf16BE) {
        const bool le = e == ColumnEncoding::Utf16LE;
        auto unit = [&](std::uint64_t o) -> char32_t {
            return le ? char32_t(data[o]) | char32_t(data[o + 1]) << 8 : char32_t(data[o]) << 8 | char32_t(data[o + 1]);
        };
        std::uint64_t at = offset & ~std::uint64_t(1); // units start at even offsets
        // A low surrogate whose high one is in the unit before: start there.
        if (at >= 2 && at + 1 < size && unit(at) >= 0xDC00 && unit(at) <= 0xDFFF && unit(at - 2) >= 0xD800 &&
            unit(at - 2) <= 0xDBFF)
            at -= 2;
        while (at < offset + n) {
            char32_t cp = kNone;
            int span = 2;
            if (at + 1 >= size) {
                span = 1; // an odd last byte
            } else {
                const char32_t u = unit(at);
                if (u >= 0xD800 && u <= 0xDBFF && at + 3 < size && unit(at + 2) >= 0xDC00 && unit(at + 2) <= 0xDFFF) {
                    cp = 0x10000 + ((u - 0xD800) << 10) + (unit(at + 2) - 0xDC00);
                    span = 4;
                } else if (u < 0xD800 || u > 0xDFFF) {
                    cp = u;
                }
            }
            for (int i = 0; i < span; ++i) {
                const std::uint64_t o = at + static_cast<std::uint64_t>(i);
                if (o < offset || o >= offset + n) continue;
                TextCell& c = out[o - offset];
                if (i == 0) setCell(c, cp, static_cast<std::uint8_t>(span));
                else c = TextCell{U' ', 0, true};
            }
            at += static_cast<std::uint64_t>(span);
        }
        return;
    }
    const auto& t = table(e);
    for (std::size_t i = 0; i < n; ++i) setCell(out[i], t[data[offset + i]], 1);
}

std::vector<std::uint8_t> encodeChar(ColumnEncoding e, char32_t cp) {
    if (!printableCp(cp)) return {};
    switch (e) {
    case ColumnEncoding::Utf8: {
        std::vector<std::uint8_t> b;
        if (cp < 0x80) {
            b = {static_cast<std::uint8_t>(cp)};
        } else if (cp < 0x800) {
            b = {static_cast<std::uint8_t>(0xC0 | cp >> 6), static_cast<std::uint8_t>(0x80 | (cp & 0x3F))};
        } else if (cp < 0x10000) {
            b = {static_cast<std::uint8_t>(0xE0 | cp >> 12), static_cast<std::uint8_t>(0x80 | ((cp >> 6) & 0x3F)),
                 static_cast<std::uint8_t>(0x80 | (cp & 0x3F))};
        } else {
            b = {static_cast<std::uint8_t>(0xF0 | cp >> 18), static_cast<std::uint8_t>(0x80 | ((cp >> 12) & 0x3F)),
                 static_cast<std::uint8_t>(0x80 | ((cp >> 6) & 0x3F)), static_cast<std::uint8_t>(0x80 | (cp & 0x3F))};
        }
        return b;
    }
    case ColumnEncoding::Utf16LE:
    case ColumnEncoding::Utf16BE: {
        std::vector<char32_t> units;
        if (cp < 0x10000) units = {cp};
        else units = {0xD800 + ((cp - 0x10000) >> 10), 0xDC00 + ((cp - 0x10000) & 0x3FF)};
        std::vector<std::uint8_t> b;
        for (char32_t u : units) {
            const auto hi = static_cast<std::uint8_t>(u >> 8), lo = static_cast<std::uint8_t>(u & 0xFF);
            if (e == ColumnEncoding::Utf16LE) b.insert(b.end(), {lo, hi});
            else b.insert(b.end(), {hi, lo});
        }
        return b;
    }
    default: {
        const auto& t = table(e);
        for (int b = 0; b < 256; ++b)
            if (t[static_cast<std::size_t>(b)] == cp) return {static_cast<std::uint8_t>(b)};
        return {};
    }
    }
}

} // namespace hexmap
