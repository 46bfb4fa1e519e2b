#include "number_parse.h"

#include "hex_digit.h"

#include <cctype>
#include <cerrno>
#include <cinttypes>
#include <limits>
#include <string>

namespace hexmap {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

Error bad(std::string_view text, const std::string& why) {
    return {EINVAL, "\"" + std::string(text) + "\" is not a valid number: " + why};
}

std::string hex(std::uint64_t v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
    return buf;
}

} // namespace

Result<std::uint64_t> parseSize(std::string_view input) {
    const std::string_view text = trim(input);
    if (text.empty()) return bad(input, "it is empty.");
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

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
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        const auto d = static_cast<std::uint64_t>(text[i] - '0');
        if (whole > (kMax - d) / 10) return bad(input, "it does not fit in 64 bits.");
        whole = whole * 10 + d;
        ++i;
    }
    if (i == 0) return bad(input, "it must start with a digit (or 0x for hex).");
    // Fraction digits, kept as numerator/denominator to stay exact.
    std::uint64_t fracNum = 0, fracDen = 1;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            if (fracDen < 1000000000000ULL) {
                fracNum = fracNum * 10 + static_cast<std::uint64_t>(text[i] - '0');
                fracDen *= 10;
            }
            ++i;
        }
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
    if (fracDen > 1 && shift == 0 && fracNum != 0)
        return bad(input, "a byte count cannot have a fraction.");
    if (shift > 0 && whole > (kMax >> shift)) return bad(input, "it does not fit in 64 bits.");
    const std::uint64_t base = whole << shift;
    const unsigned __int128 frac = (static_cast<unsigned __int128>(fracNum) << shift) / fracDen;
    if (frac > kMax - base) return bad(input, "it does not fit in 64 bits.");
    return base + static_cast<std::uint64_t>(frac);
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
        if (n > size - 1 - cursor)
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

} // namespace hexmap
