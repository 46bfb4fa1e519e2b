// SPDX-License-Identifier: MIT
#include "pattern.h"

#include "hex_digit.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <cerrno>
#include <string>

namespace hexmap {

namespace {

// 1-based column, in characters (UTF-8 code points), of the byte at index in text: users
// count characters, not bytes.
std::size_t columnOf(std::string_view text, std::size_t index) {
    std::size_t column = 1;
    for (std::size_t i = 0; i < index && i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    }
    return column;
}

// Bytes of the UTF-8 sequence starting at index (so an error can quote a whole character).
std::size_t utf8Length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    if ((lead & 0xF8) == 0xF0) return 4;
    return 1;
}

std::string quoteChar(std::string_view text, std::size_t index) {
    std::size_t n = utf8Length(static_cast<unsigned char>(text[index]));
    if (index + n > text.size()) n = 1;
    return "'" + std::string(text.substr(index, n)) + "'";
}

Error patternError(const char* what, std::string_view text, std::size_t index,
                   const std::string& detail) {
    return Error{EINVAL, std::string("Invalid ") + what + " at column " +
                             std::to_string(columnOf(text, index)) + ": " + detail + "."};
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',';
}
bool isAsciiLetter(std::uint32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

} // namespace

Result<Pattern> Pattern::parse(std::string_view text, const PatternOptions& options) {
    Pattern p;
    p.m_kind = options.kind;
    if (text.empty()) return Error{EINVAL, "The search pattern is empty."};

    if (options.kind == PatternKind::Hex) {
        bool exact = true;
        std::vector<std::uint8_t> mask;
        for (std::size_t i = 0; i < text.size();) {
            if (isSpace(text[i])) {
                ++i;
                continue;
            }
            std::uint8_t value = 0, bits = 0;
            for (std::size_t k = 0; k < 2; ++k) {
                const std::size_t at = i + k;
                if (at >= text.size() || isSpace(text[at])) {
                    return patternError("hex pattern", text, at,
                                        "a byte needs two hex digits (use ?? for any byte)");
                }
                const char c = text[at];
                value <<= 4;
                bits <<= 4;
                if (c == '?') {
                    exact = false;
                } else {
                    const int v = hexDigitValue(c);
                    if (v < 0) {
                        return patternError("hex pattern", text, at,
                                            quoteChar(text, at) + " is not a hex digit");
                    }
                    value |= static_cast<std::uint8_t>(v);
                    bits |= 0x0F;
                }
            }
            p.m_bytes.push_back(value);
            mask.push_back(bits);
            i += 2;
        }
        if (p.m_bytes.empty()) return Error{EINVAL, "The hex pattern has no bytes."};
        if (!exact) p.m_mask = std::move(mask);
        return p;
    }

    if (options.kind == PatternKind::Regex) {
        int errorCode = 0;
        PCRE2_SIZE errorOffset = 0;
        // NEVER_UTF keeps the match on raw bytes: a (*UTF) in the pattern would make
        // invalid UTF-8 in the file an error instead of data.
        std::uint32_t flags = PCRE2_MULTILINE | PCRE2_NEVER_UTF;
        if (options.caseInsensitive) flags |= PCRE2_CASELESS;
        // USE_OFFSET_LIMIT lets the searcher bound where one call may start matches, so a
        // slow pattern is run in slices that a cancel can come between.
        pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(),
                                         flags | PCRE2_USE_OFFSET_LIMIT, &errorCode, &errorOffset,
                                         nullptr);
        if (!code) {
            PCRE2_UCHAR buf[256];
            pcre2_get_error_message(errorCode, buf, sizeof buf);
            return patternError("regular expression", text, errorOffset,
                                reinterpret_cast<const char*>(buf));
        }
        p.m_regex.reset(code, pcre2_code_free);
        // JIT failure (unsupported CPU, no executable memory) is not an error: pcre2_match
        // falls back to the interpreter by itself. PARTIAL_HARD is compiled in because the
        // searcher uses hard partial matching at chunk ends (see searcher.cpp).
        pcre2_jit_compile(code, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD);
        std::uint32_t lookbehind = 0;
        pcre2_pattern_info(code, PCRE2_INFO_MAXLOOKBEHIND, &lookbehind);
        p.m_lookbehind = lookbehind < 1 ? 1 : lookbehind;
        p.m_caseInsensitive = options.caseInsensitive;
        p.m_shape = analyzeRegex(text, options.caseInsensitive);
        if (p.m_shape.usesG) {
            // Two programs instead of one (see regexCodeNoG): \G as grep -P means it.
            auto compileVariant = [&](const std::string& variant) -> pcre2_code* {
                pcre2_code* c = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(variant.data()), variant.size(),
                                              flags | PCRE2_USE_OFFSET_LIMIT, &errorCode, &errorOffset, nullptr);
                if (!c) return nullptr;
                pcre2_jit_compile(c, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD);
                std::uint32_t lb = 0;
                pcre2_pattern_info(c, PCRE2_INFO_MAXLOOKBEHIND, &lb);
                p.m_lookbehind = std::max<std::size_t>(p.m_lookbehind, lb);
                return c;
            };
            pcre2_code* legit = compileVariant(replaceG(text, "(?:\\G|(?<=\\n))"));
            pcre2_code* other = compileVariant(replaceG(text, "(?<=\\n)"));
            if (legit && other) {
                p.m_regex.reset(legit, pcre2_code_free);
                p.m_regexNoG.reset(other, pcre2_code_free);
            } else {
                // A rewrite PCRE2 does not accept (\G somewhere a lookbehind may not stand):
                // keep PCRE2's own reading of \G.
                if (legit) pcre2_code_free(legit);
                if (other) pcre2_code_free(other);
                p.m_shape.usesG = false;
            }
            // Candidates and literal sets would start calls at arbitrary places.
            p.m_shape.prefixes.clear();
            p.m_shape.literals.clear();
        }
        if (!p.m_shape.prefixes.empty()) {
            pcre2_code* anchored = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(),
                                                 flags | PCRE2_ANCHORED, &errorCode, &errorOffset, nullptr);
            if (anchored) {
                p.m_anchored.reset(anchored, pcre2_code_free);
                pcre2_jit_compile(anchored, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD);
            } else {
                p.m_shape.prefixes.clear(); // no candidates without the anchored program
            }
        }
        return p;
    }

    // Text: decode escapes into code units; for UTF-16 the text is decoded to code points.
    const bool utf16 = options.encoding != TextEncoding::Utf8;
    std::vector<std::uint32_t> units; // bytes (UTF-8 mode) or UTF-16 code units
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\\') {
            if (i + 1 >= text.size()) {
                return patternError("text pattern", text, i,
                                    "a backslash must be followed by n, r, t, 0, xHH or \\");
            }
            const char e = text[i + 1];
            switch (e) {
            case 'n':
                units.push_back('\n');
                i += 2;
                continue;
            case 'r':
                units.push_back('\r');
                i += 2;
                continue;
            case 't':
                units.push_back('\t');
                i += 2;
                continue;
            case '0':
                units.push_back(0);
                i += 2;
                continue;
            case '\\':
                units.push_back('\\');
                i += 2;
                continue;
            case 'x': {
                for (std::size_t k = 2; k < 4; ++k) {
                    if (i + k >= text.size() || hexDigitValue(text[i + k]) < 0) {
                        return patternError("text pattern", text, i,
                                            "\\x must be followed by two hex digits");
                    }
                }
                units.push_back(
                    static_cast<std::uint32_t>(hexDigitValue(text[i + 2]) * 16 + hexDigitValue(text[i + 3])));
                i += 4;
                continue;
            }
            default:
                return patternError("text pattern", text, i + 1,
                                    "unknown escape \\" +
                                        quoteChar(text, i + 1)
                                            .substr(1, utf8Length(static_cast<unsigned char>(e))) +
                                        " (use \\n, \\r, \\t, \\0, \\xHH or \\\\)");
            }
        }
        if (!utf16) {
            units.push_back(c);
            ++i;
            continue;
        }
        // Decode one UTF-8 code point, strictly (no overlongs, no surrogates).
        const std::size_t n = utf8Length(c);
        std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        bool valid = (n > 1 || c < 0x80) && i + n <= text.size();
        for (std::size_t k = 1; valid && k < n; ++k) {
            const unsigned char cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) valid = false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        static const std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
        if (valid && (cp < minimum[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) {
            valid = false;
        }
        if (!valid) return patternError("text pattern", text, i, "the text is not valid UTF-8");
        if (cp >= 0x10000) {
            cp -= 0x10000;
            units.push_back(0xD800 + (cp >> 10));
            units.push_back(0xDC00 + (cp & 0x3FF));
        } else {
            units.push_back(cp);
        }
        i += n;
    }

    bool exact = true;
    std::vector<std::uint8_t> mask;
    auto put = [&](std::uint8_t byte, bool letter) {
        // Only an ASCII letter's own byte ignores the case bit, never the high byte of a
        // UTF-16 unit or a byte of a multi-byte UTF-8 character.
        const std::uint8_t m = letter ? 0xDF : 0xFF;
        if (letter) exact = false;
        p.m_bytes.push_back(byte & m);
        mask.push_back(m);
    };
    for (const std::uint32_t u : units) {
        const bool letter = options.caseInsensitive && isAsciiLetter(u);
        if (!utf16) {
            put(static_cast<std::uint8_t>(u), letter);
        } else if (options.encoding == TextEncoding::Utf16LE) {
            put(static_cast<std::uint8_t>(u & 0xFF), letter);
            put(static_cast<std::uint8_t>(u >> 8), false);
        } else {
            put(static_cast<std::uint8_t>(u >> 8), false);
            put(static_cast<std::uint8_t>(u & 0xFF), letter);
        }
    }
    if (!exact) p.m_mask = std::move(mask);
    return p;
}

} // namespace hexmap
