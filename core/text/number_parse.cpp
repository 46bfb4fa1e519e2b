// SPDX-License-Identifier: MIT
#include "number_parse.h"

#include "hex_digit.h"

#include <cctype>
#include <cerrno>
#include <cinttypes>
#include <cstring>
#include <limits>
#include <string>

namespace hexmap {
namespace {

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

Error bad(std::string_view text, const std::string& why) {
    return {EINVAL, "\"" + std::string(text) + "\" is not a valid number: " + why};
}

std::string hex(std::uint64_t v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
    return buf;
}

// Digits after a decimal point, exactly: numerator / 10^digits, trailing zeros dropped.
struct Fraction {
    std::uint64_t numerator = 0;
    unsigned digits = 0; // significant digits kept
    bool tooLong = false;
};

// Reads the digits of a fraction starting at text[i] (just after the point).
Fraction readFraction(std::string_view text, std::size_t& i) {
    Fraction f;
    const std::size_t start = i;
    while (i < text.size() && isDigit(text[i])) ++i;
    std::size_t end = i;
    while (end > start && text[end - 1] == '0') --end; // 1.50 is 1.5
    if (end - start > 18) {
        f.tooLong = true;
        return f;
    }
    for (std::size_t k = start; k < end; ++k)
        f.numerator = f.numerator * 10 + static_cast<std::uint64_t>(text[k] - '0');
    f.digits = static_cast<unsigned>(end - start);
    return f;
}

unsigned __int128 pow10(unsigned n) {
    unsigned __int128 p = 1;
    while (n--) p *= 10;
    return p;
}

} // namespace

Result<std::uint64_t> parseSize(std::string_view input) {
    const std::string_view text = trim(input);
    if (text.empty()) return bad(input, "it is empty.");

    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        std::uint64_t v = 0;
        for (char c : text.substr(2)) {
            const int d = hexDigitValue(c);
            if (d < 0) return bad(input, std::string("'") + c + "' is not a hex digit.");
            if (v > (kMax >> 4)) return bad(input, "it does not fit in 64 bits.");
            v = (v << 4) | static_cast<std::uint64_t>(d);
        }
        return v;
    }

    std::size_t i = 0;
    std::uint64_t whole = 0;
    while (i < text.size() && isDigit(text[i])) {
        const auto d = static_cast<std::uint64_t>(text[i] - '0');
        if (whole > (kMax - d) / 10) return bad(input, "it does not fit in 64 bits.");
        whole = whole * 10 + d;
        ++i;
    }
    if (i == 0) return bad(input, "it must start with a digit (or 0x for hex).");
    Fraction frac;
    if (i < text.size() && text[i] == '.') {
        ++i;
        frac = readFraction(text, i);
        if (frac.tooLong) return bad(input, "it has more decimals than a byte count can use.");
    }
    std::string_view suffix = trim(text.substr(i));
    unsigned shift = 0;
    if (!suffix.empty()) {
        switch (std::toupper(static_cast<unsigned char>(suffix[0]))) {
        case 'K': shift = 10; break;
        case 'M': shift = 20; break;
        case 'G': shift = 30; break;
        case 'T': shift = 40; break;
        case 'B': shift = 0; break;
        default: return bad(input, "unknown unit \"" + std::string(suffix) + "\" (use K, M, G or T).");
        }
        std::string_view rest = suffix.substr(1);
        if (std::toupper(static_cast<unsigned char>(suffix[0])) != 'B') {
            if (rest == "iB" || rest == "ib" || rest == "IB" || rest == "B" || rest == "b")
                rest = {};
        }
        if (!rest.empty())
            return bad(input, "unknown unit \"" + std::string(suffix) + "\" (use K, M, G or T).");
    }
    if (frac.numerator != 0 && shift == 0) return bad(input, "a byte count cannot have a fraction.");
    if (shift > 0 && whole > (kMax >> shift)) return bad(input, "it does not fit in 64 bits.");
    const std::uint64_t base = whole << shift;
    if (frac.numerator == 0) return base;
    // The fraction of the unit must come to whole bytes: 1.5K is 1536, 1.1K is not.
    const unsigned __int128 scaled = static_cast<unsigned __int128>(frac.numerator) << shift;
    const unsigned __int128 den = pow10(frac.digits);
    const auto below = static_cast<std::uint64_t>(scaled / den);
    if (scaled % den != 0)
        return bad(input, "it is not a whole number of bytes (between " +
                              std::to_string(base + below) + " and " +
                              std::to_string(base + below + 1) + ").");
    if (below > kMax - base) return bad(input, "it does not fit in 64 bits.");
    return base + below;
}

Result<std::uint64_t> parseGotoOffset(std::string_view input, std::uint64_t cursor,
                                      std::uint64_t size) {
    const std::string_view text = trim(input);
    if (size == 0) return Error{EINVAL, "The file is empty: there is no offset to go to."};
    char sign = 0;
    std::string_view number = text;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        sign = text[0];
        number = trim(text.substr(1));
    }
    auto parsed = parseSize(number);
    if (!parsed) return parsed.error();
    const std::uint64_t n = parsed.value();
    const std::string last = "the last offset is " + hex(size - 1) + " (" +
                             std::to_string(size - 1) + ").";
    std::uint64_t target;
    if (sign == '+') {
        // Checked: a cursor past the end (the file shrank) must not wrap around.
        if (cursor >= size || n > size - 1 - cursor)
            return Error{ERANGE, "Offset " + std::string(text) + " from the cursor is past the end: " + last};
        target = cursor + n;
    } else if (sign == '-') {
        if (n > cursor)
            return Error{ERANGE, "Offset " + std::string(text) + " from the cursor is before the start of the file."};
        target = cursor - n;
    } else {
        target = n;
    }
    if (target >= size)
        return Error{ERANGE, "Offset " + hex(target) + " (" + std::to_string(target) +
                                 ") is past the end of the file: " + last};
    return target;
}

Result<std::uint64_t> parseHexdumpSize(std::string_view input) {
    // util-linux's strtosize: strtoumax(base 0), then [.digits] and a unit.
    std::string_view text = input;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    if (text.find('-') != std::string_view::npos) return bad(input, "it is negative.");
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty() || !isDigit(text.front()))
        return bad(input, "it must start with a digit (0x for hex, 0 for octal).");
    unsigned radix = 10;
    std::size_t i = 0;
    if (text.size() > 1 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        radix = 16;
        i = 2;
        if (i >= text.size() || hexDigitValue(text[i]) < 0) return bad(input, "no hex digits follow 0x.");
    } else if (text[0] == '0') {
        radix = 8;
    }
    std::uint64_t whole = 0;
    for (; i < text.size(); ++i) {
        const int d = radix == 16 ? hexDigitValue(text[i]) : isDigit(text[i]) ? text[i] - '0' : -1;
        if (d < 0) break;
        if (radix == 8 && d > 7) return bad(input, "it starts with 0, so it is octal, and 8 and 9 are not octal digits.");
        if (whole > (kMax - static_cast<unsigned>(d)) / radix)
            return Error{ERANGE, "\"" + std::string(input) + "\" is too large for 64 bits."};
        whole = whole * radix + static_cast<unsigned>(d);
    }
    Fraction frac;
    bool point = false;
    if (i < text.size() && text[i] == '.') {
        point = true;
        ++i;
        frac = readFraction(text, i);
        if (frac.tooLong) return bad(input, "it has too many decimals.");
    }
    if (i == text.size()) {
        if (point) return bad(input, "a fraction needs a unit after it (1.5K).");
        return whole;
    }
    static const char kUnits[] = "KMGTPEZY";
    const char* unit = std::strchr(kUnits, std::toupper(static_cast<unsigned char>(text[i])));
    if (!unit || text[i] == '\0') return bad(input, "unknown unit \"" + std::string(text.substr(i)) + "\".");
    const unsigned power = static_cast<unsigned>(unit - kUnits) + 1;
    const std::string_view rest = text.substr(i + 1);
    unsigned base = 1024;
    if (rest == "iB" || rest == "ib") base = 1024;
    else if (rest == "B" || rest == "b") base = 1000;
    else if (!rest.empty()) return bad(input, "unknown unit \"" + std::string(text.substr(i)) + "\".");
    unsigned __int128 scale = 1;
    for (unsigned k = 0; k < power; ++k) {
        scale *= base;
        if (scale > kMax) return Error{ERANGE, "\"" + std::string(input) + "\" is too large for 64 bits."};
    }
    const unsigned __int128 value =
        static_cast<unsigned __int128>(whole) * scale + frac.numerator * scale / pow10(frac.digits);
    if (value > kMax) return Error{ERANGE, "\"" + std::string(input) + "\" is too large for 64 bits."};
    return static_cast<std::uint64_t>(value);
}

} // namespace hexmap
