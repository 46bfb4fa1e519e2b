// SPDX-License-Identifier: MIT
#include "value_codec.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <limits>

namespace hexmap {

namespace {

struct TypeInfo {
    ValueType type;
    const char* name;
    std::size_t size;
    bool ordered;
};

constexpr TypeInfo kTypes[] = {
    {ValueType::Binary8, "binary (8 bits)", 1, false},
    {ValueType::Int8, "int8", 1, false},
    {ValueType::UInt8, "uint8", 1, false},
    {ValueType::Int16, "int16", 2, true},
    {ValueType::UInt16, "uint16", 2, true},
    {ValueType::Int32, "int32", 4, true},
    {ValueType::UInt32, "uint32", 4, true},
    {ValueType::Int64, "int64", 8, true},
    {ValueType::UInt64, "uint64", 8, true},
    {ValueType::Float16, "float16", 2, true},
    {ValueType::Float32, "float32", 4, true},
    {ValueType::Float64, "float64", 8, true},
    {ValueType::SLeb128, "signed LEB128", 10, false},
    {ValueType::ULeb128, "unsigned LEB128", 10, false},
    {ValueType::Ascii, "ASCII character", 1, false},
    {ValueType::Utf8, "UTF-8 code point", 4, false},
    {ValueType::Utf16, "UTF-16 code unit", 2, true},
    {ValueType::UnixTime32, "Unix time (32 bit)", 4, true},
    {ValueType::UnixTime64, "Unix time (64 bit)", 8, true},
    {ValueType::DosDateTime, "DOS date and time", 4, true},
    {ValueType::FileTime, "Windows FILETIME", 8, true},
    {ValueType::Guid, "GUID", 16, true},
};

const TypeInfo& info(ValueType t) {
    for (const TypeInfo& i : kTypes)
        if (i.type == t) return i;
    return kTypes[0];
}

std::uint64_t readUInt(const std::uint8_t* p, std::size_t n, bool big) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i)
        v |= std::uint64_t(p[big ? i : n - 1 - i]) << (8 * (n - 1 - i));
    return v;
}

std::vector<std::uint8_t> writeUInt(std::uint64_t v, std::size_t n, bool big) {
    std::vector<std::uint8_t> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto byte = static_cast<std::uint8_t>(v >> (8 * i));
        out[big ? n - 1 - i : i] = byte;
    }
    return out;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

Error invalid(const std::string& what) { return Error{EINVAL, what}; }

// A decimal or 0x-hex integer, with a sign, into [lo, hi] (as signed or unsigned 64-bit).
Result<std::uint64_t> parseInteger(std::string_view textIn, bool isSigned, std::int64_t lo, std::uint64_t hi,
                                   const std::string& typeName) {
    std::string text = trim(textIn);
    bool negative = false;
    std::string_view s = text;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    int base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s.remove_prefix(2);
    }
    std::uint64_t magnitude = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
    if (s.empty() || ec == std::errc::invalid_argument || ptr != s.data() + s.size())
        return invalid("'" + text + "' is not a whole number.");
    const std::string range = isSigned ? std::to_string(lo) + " to " + std::to_string(std::int64_t(hi))
                                       : "0 to " + std::to_string(hi);
    if (ec == std::errc::result_out_of_range)
        return invalid("'" + text + "' does not fit in " + typeName + " (" + range + ").");
    if (!isSigned) {
        if (negative && magnitude != 0) return invalid(typeName + " has no negative values (" + range + ").");
        if (magnitude > hi) return invalid("'" + text + "' does not fit in " + typeName + " (" + range + ").");
        return magnitude;
    }
    if (negative) {
        const std::uint64_t limit = std::uint64_t(-(lo + 1)) + 1; // |lo| without overflow
        if (magnitude > limit) return invalid("'" + text + "' does not fit in " + typeName + " (" + range + ").");
        return std::uint64_t(0) - magnitude; // two's complement
    }
    if (magnitude > hi) return invalid("'" + text + "' does not fit in " + typeName + " (" + range + ").");
    return magnitude;
}

float halfToFloat(std::uint16_t h) {
    const std::uint32_t sign = (h >> 15) & 1, exp = (h >> 10) & 0x1F, mant = h & 0x3FF;
    float v;
    if (exp == 0) v = std::ldexp(float(mant), -24);
    else if (exp == 31) v = mant ? std::numeric_limits<float>::quiet_NaN() : std::numeric_limits<float>::infinity();
    else v = std::ldexp(float(mant | 0x400), int(exp) - 25);
    return sign ? -v : v;
}

// Round to nearest even; nullopt when out of range.
std::optional<std::uint16_t> floatToHalf(double d) {
    if (std::isnan(d)) return std::uint16_t(0x7E00);
    const std::uint16_t sign = std::signbit(d) ? 0x8000 : 0;
    double a = std::fabs(d);
    if (std::isinf(a)) return std::uint16_t(sign | 0x7C00);
    if (a > 65504.0) return std::nullopt;
    if (a < std::ldexp(1.0, -24) / 2) return sign; // rounds to zero
    int e;
    std::frexp(a, &e); // a = f * 2^e, f in [0.5, 1)
    int exp = e - 1 + 15;
    double mant;
    if (exp <= 0) { // subnormal: units of 2^-24
        mant = std::nearbyint(a / std::ldexp(1.0, -24));
        return static_cast<std::uint16_t>(sign | static_cast<std::uint16_t>(mant));
    }
    mant = std::nearbyint((a / std::ldexp(1.0, e - 1) - 1.0) * 1024.0);
    if (mant >= 1024) {
        mant = 0;
        ++exp;
    }
    if (exp >= 31) return std::nullopt;
    return static_cast<std::uint16_t>(sign | (exp << 10) | static_cast<int>(mant));
}

std::string formatDouble(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

std::string utcText(std::int64_t seconds, const char* suffix = " UTC") {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    if (!gmtime_r(&t, &tm)) return {};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d %02d:%02d:%02d%s", static_cast<long long>(tm.tm_year) + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, suffix);
    return buf;
}

// "YYYY-MM-DD HH:MM:SS[.fraction][ UTC]" -> seconds since 1970 and the fraction's digits.
std::optional<std::int64_t> parseUtc(std::string_view textIn, std::string* fraction = nullptr) {
    std::string text = trim(textIn);
    if (text.size() > 4 && text.compare(text.size() - 4, 4, " UTC") == 0) text.resize(text.size() - 4);
    long long y;
    int mo, d, h, mi, s, used = 0;
    if (std::sscanf(text.c_str(), "%lld-%d-%d %d:%d:%d%n", &y, &mo, &d, &h, &mi, &s, &used) != 6) return std::nullopt;
    std::string rest = text.substr(static_cast<std::size_t>(used));
    if (!rest.empty()) {
        if (rest[0] != '.' || rest.size() == 1 || !fraction) return std::nullopt;
        for (std::size_t i = 1; i < rest.size(); ++i)
            if (rest[i] < '0' || rest[i] > '9') return std::nullopt;
        *fraction = rest.substr(1);
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || h < 0 || mi < 0 || s < 0)
        return std::nullopt;
    std::tm tm{};
    tm.tm_year = static_cast<int>(y - 1900);
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    const std::time_t t = timegm(&tm);
    // timegm normalises 31 February into March: refuse what it had to move.
    if (tm.tm_mday != d || tm.tm_mon != mo - 1) return std::nullopt;
    return static_cast<std::int64_t>(t);
}

std::string hexByte(std::uint8_t b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
}

std::string codePointText(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    std::string s = buf;
    if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        std::string utf8;
        if (cp < 0x80) utf8 += char(cp);
        else if (cp < 0x800) utf8 += {char(0xC0 | (cp >> 6)), char(0x80 | (cp & 0x3F))};
        else if (cp < 0x10000)
            utf8 += {char(0xE0 | (cp >> 12)), char(0x80 | ((cp >> 6) & 0x3F)), char(0x80 | (cp & 0x3F))};
        else
            utf8 += {char(0xF0 | (cp >> 18)), char(0x80 | ((cp >> 12) & 0x3F)), char(0x80 | ((cp >> 6) & 0x3F)),
                     char(0x80 | (cp & 0x3F))};
        s += " '" + utf8 + "'";
    }
    return s;
}

// One code point from UTF-8 text, or "U+XXXX".
std::optional<char32_t> parseCodePoint(std::string_view textIn) {
    const std::string text = trim(textIn);
    if (text.size() > 2 && (text[0] == 'U' || text[0] == 'u') && text[1] == '+') {
        unsigned v = 0;
        const auto [p, ec] = std::from_chars(text.data() + 2, text.data() + text.size(), v, 16);
        if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
        return char32_t(v);
    }
    const auto* b = reinterpret_cast<const std::uint8_t*>(text.data());
    if (text.empty()) return std::nullopt;
    int len = b[0] < 0x80 ? 1 : (b[0] & 0xE0) == 0xC0 ? 2 : (b[0] & 0xF0) == 0xE0 ? 3 : (b[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || static_cast<std::size_t>(len) != text.size()) return std::nullopt;
    char32_t cp = len == 1 ? b[0] : len == 2 ? (b[0] & 0x1F) : len == 3 ? (b[0] & 0x0F) : (b[0] & 0x07);
    for (int i = 1; i < len; ++i) {
        if ((b[i] & 0xC0) != 0x80) return std::nullopt;
        cp = (cp << 6) | (b[i] & 0x3F);
    }
    return cp;
}

constexpr std::int64_t kFileTimeEpoch = 11644473600LL; // seconds from 1601 to 1970

} // namespace

const std::vector<ValueType>& allValueTypes() {
    static const std::vector<ValueType> all = [] {
        std::vector<ValueType> v;
        for (const TypeInfo& i : kTypes) v.push_back(i.type);
        return v;
    }();
    return all;
}

std::string valueTypeName(ValueType type) { return info(type).name; }
std::size_t valueTypeSize(ValueType type) { return info(type).size; }
bool valueTypeHasByteOrder(ValueType type) { return info(type).ordered; }

std::optional<DecodedValue> decodeValue(ValueType type, const std::uint8_t* p, std::size_t n, bool big,
                                        std::string* why) {
    auto fail = [&](const std::string& w) -> std::optional<DecodedValue> {
        if (why) *why = w;
        return std::nullopt;
    };
    const std::size_t size = info(type).size;
    const bool variable = type == ValueType::SLeb128 || type == ValueType::ULeb128 || type == ValueType::Utf8;
    if (!variable && n < size)
        return fail("past the end of the file (needs " + std::to_string(size) + " bytes, " + std::to_string(n) +
                    " left)");
    if (n == 0) return fail("past the end of the file");
    DecodedValue out;
    out.length = size;
    switch (type) {
    case ValueType::Binary8:
        for (int i = 7; i >= 0; --i) out.text += ((p[0] >> i) & 1) ? '1' : '0';
        return out;
    case ValueType::Int8: out.text = std::to_string(std::int8_t(p[0])); return out;
    case ValueType::UInt8: out.text = std::to_string(p[0]); return out;
    case ValueType::Int16: out.text = std::to_string(std::int16_t(readUInt(p, 2, big))); return out;
    case ValueType::UInt16: out.text = std::to_string(readUInt(p, 2, big)); return out;
    case ValueType::Int32: out.text = std::to_string(std::int32_t(readUInt(p, 4, big))); return out;
    case ValueType::UInt32: out.text = std::to_string(readUInt(p, 4, big)); return out;
    case ValueType::Int64: out.text = std::to_string(std::int64_t(readUInt(p, 8, big))); return out;
    case ValueType::UInt64: out.text = std::to_string(readUInt(p, 8, big)); return out;
    case ValueType::Float16: out.text = formatDouble(halfToFloat(std::uint16_t(readUInt(p, 2, big))), 5); return out;
    case ValueType::Float32: {
        const auto bits = std::uint32_t(readUInt(p, 4, big));
        float f;
        std::memcpy(&f, &bits, 4);
        out.text = formatDouble(f, 9);
        return out;
    }
    case ValueType::Float64: {
        const std::uint64_t bits = readUInt(p, 8, big);
        double d;
        std::memcpy(&d, &bits, 8);
        out.text = formatDouble(d, 17);
        return out;
    }
    case ValueType::SLeb128:
    case ValueType::ULeb128: {
        std::uint64_t v = 0;
        unsigned shift = 0;
        for (std::size_t i = 0; i < n && i < 10; ++i) {
            const std::uint8_t b = p[i];
            if (shift < 64) v |= std::uint64_t(b & 0x7F) << shift;
            shift += 7;
            if (!(b & 0x80)) {
                out.length = i + 1;
                if (type == ValueType::SLeb128 && shift < 64 && (b & 0x40)) v |= ~std::uint64_t(0) << shift;
                out.text = type == ValueType::SLeb128 ? std::to_string(std::int64_t(v)) : std::to_string(v);
                out.text += " (" + std::to_string(out.length) + (out.length == 1 ? " byte)" : " bytes)");
                return out;
            }
        }
        return fail(n < 10 ? "runs past the end of the file" : "longer than 10 bytes");
    }
    case ValueType::Ascii:
        out.text = hexByte(p[0]);
        if (p[0] >= 0x20 && p[0] < 0x7F) out.text += std::string(" '") + char(p[0]) + "'";
        else if (p[0] >= 0x80) out.text += " (not ASCII)";
        return out;
    case ValueType::Utf8: {
        const std::uint8_t b = p[0];
        const int len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0) return fail("not the start of a UTF-8 sequence");
        if (n < static_cast<std::size_t>(len)) return fail("runs past the end of the file");
        char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        for (int i = 1; i < len; ++i) {
            if ((p[i] & 0xC0) != 0x80) return fail("not a valid UTF-8 sequence");
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        static const char32_t mins[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < mins[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return fail("not a valid UTF-8 sequence");
        out.length = static_cast<std::size_t>(len);
        out.text = codePointText(cp) + " (" + std::to_string(len) + (len == 1 ? " byte)" : " bytes)");
        return out;
    }
    case ValueType::Utf16: {
        const auto unit = char32_t(readUInt(p, 2, big));
        out.text = codePointText(unit);
        if (unit >= 0xD800 && unit <= 0xDBFF) out.text += " (high surrogate)";
        else if (unit >= 0xDC00 && unit <= 0xDFFF) out.text += " (low surrogate)";
        return out;
    }
    case ValueType::UnixTime32: {
        const auto v = std::int32_t(readUInt(p, 4, big));
        out.text = utcText(v);
        return out;
    }
    case ValueType::UnixTime64: {
        const auto v = std::int64_t(readUInt(p, 8, big));
        out.text = utcText(v);
        if (out.text.empty()) return fail("out of the calendar's range");
        return out;
    }
    case ValueType::DosDateTime: {
        // FAT order: the time word, then the date word.
        const auto t = std::uint16_t(readUInt(p, 2, big)), d = std::uint16_t(readUInt(p + 2, 2, big));
        const int year = 1980 + (d >> 9), month = (d >> 5) & 15, day = d & 31;
        const int hour = t >> 11, minute = (t >> 5) & 63, second = (t & 31) * 2;
        if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
            return fail("not a valid DOS date and time");
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second);
        out.text = buf;
        return out;
    }
    case ValueType::FileTime: {
        const std::uint64_t ticks = readUInt(p, 8, big);
        const auto seconds = static_cast<std::int64_t>(ticks / 10'000'000) - kFileTimeEpoch;
        char frac[16];
        std::snprintf(frac, sizeof frac, ".%07llu UTC", static_cast<unsigned long long>(ticks % 10'000'000));
        out.text = utcText(seconds, frac);
        if (out.text.empty()) return fail("out of the calendar's range");
        return out;
    }
    case ValueType::Guid: {
        // Windows order: three little-endian fields, then eight bytes; the big-endian
        // switch gives RFC 4122's order (all as stored).
        const auto a = std::uint32_t(readUInt(p, 4, big));
        const auto b = std::uint16_t(readUInt(p + 4, 2, big)), c = std::uint16_t(readUInt(p + 6, 2, big));
        char buf[48];
        std::snprintf(buf, sizeof buf, "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", a, b, c, p[8], p[9], p[10],
                      p[11], p[12], p[13], p[14], p[15]);
        out.text = buf;
        return out;
    }
    }
    return fail("unknown type");
}

Result<std::vector<std::uint8_t>> encodeValue(ValueType type, std::string_view textIn, bool big) {
    const std::string text = trim(textIn);
    const std::string name = info(type).name;
    switch (type) {
    case ValueType::Binary8: {
        std::string_view s = text;
        if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) s.remove_prefix(2);
        if (s.empty() || s.size() > 8 || s.find_first_not_of("01") != std::string_view::npos)
            return invalid("Type 1 to 8 binary digits (0 and 1), not '" + text + "'.");
        std::uint8_t v = 0;
        for (char ch : s) v = static_cast<std::uint8_t>((v << 1) | (ch - '0'));
        return std::vector<std::uint8_t>{v};
    }
    case ValueType::Int8:
    case ValueType::Int16:
    case ValueType::Int32:
    case ValueType::Int64: {
        const std::size_t n = info(type).size;
        const std::int64_t lo = n == 8 ? std::numeric_limits<std::int64_t>::min() : -(std::int64_t(1) << (8 * n - 1));
        const std::uint64_t hi = n == 8 ? std::uint64_t(std::numeric_limits<std::int64_t>::max())
                                        : (std::uint64_t(1) << (8 * n - 1)) - 1;
        auto v = parseInteger(text, true, lo, hi, name);
        if (!v) return v.error();
        return writeUInt(v.value(), n, big);
    }
    case ValueType::UInt8:
    case ValueType::UInt16:
    case ValueType::UInt32:
    case ValueType::UInt64: {
        const std::size_t n = info(type).size;
        const std::uint64_t hi = n == 8 ? ~std::uint64_t(0) : (std::uint64_t(1) << (8 * n)) - 1;
        auto v = parseInteger(text, false, 0, hi, name);
        if (!v) return v.error();
        return writeUInt(v.value(), n, big);
    }
    case ValueType::Float16:
    case ValueType::Float32:
    case ValueType::Float64: {
        char* end = nullptr;
        errno = 0;
        const double d = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size()) return invalid("'" + text + "' is not a number.");
        if (type == ValueType::Float16) {
            const auto h = floatToHalf(d);
            if (!h) return invalid("'" + text + "' does not fit in float16 (at most 65504 either way).");
            return writeUInt(*h, 2, big);
        }
        if (type == ValueType::Float32) {
            if (std::isfinite(d) && std::fabs(d) > std::numeric_limits<float>::max())
                return invalid("'" + text + "' does not fit in float32.");
            const auto f = static_cast<float>(d);
            std::uint32_t bits;
            std::memcpy(&bits, &f, 4);
            return writeUInt(bits, 4, big);
        }
        if (errno == ERANGE && std::isinf(d)) return invalid("'" + text + "' does not fit in float64.");
        std::uint64_t bits;
        std::memcpy(&bits, &d, 8);
        return writeUInt(bits, 8, big);
    }
    case ValueType::SLeb128:
    case ValueType::ULeb128: {
        const bool isSigned = type == ValueType::SLeb128;
        auto v = parseInteger(text.substr(0, text.find(" (")), isSigned,
                              isSigned ? std::numeric_limits<std::int64_t>::min() : 0,
                              isSigned ? std::uint64_t(std::numeric_limits<std::int64_t>::max()) : ~std::uint64_t(0),
                              name);
        if (!v) return v.error();
        std::vector<std::uint8_t> out;
        if (isSigned) {
            auto x = static_cast<std::int64_t>(v.value());
            for (;;) {
                const auto byte = static_cast<std::uint8_t>(x & 0x7F);
                x >>= 7; // arithmetic shift: keeps the sign
                const bool done = (x == 0 && !(byte & 0x40)) || (x == -1 && (byte & 0x40));
                out.push_back(done ? byte : static_cast<std::uint8_t>(byte | 0x80));
                if (done) break;
            }
        } else {
            std::uint64_t x = v.value();
            do {
                const auto byte = static_cast<std::uint8_t>(x & 0x7F);
                x >>= 7;
                out.push_back(x ? static_cast<std::uint8_t>(byte | 0x80) : byte);
            } while (x);
        }
        return out;
    }
    case ValueType::Ascii: {
        if (text.size() == 1 && static_cast<unsigned char>(text[0]) < 0x80)
            return std::vector<std::uint8_t>{static_cast<std::uint8_t>(text[0])};
        auto v = parseInteger(text.substr(0, text.find(' ')), false, 0, 0x7F, name);
        if (!v) return invalid("Type one ASCII character, or its code (0 to 0x7F).");
        return std::vector<std::uint8_t>{static_cast<std::uint8_t>(v.value())};
    }
    case ValueType::Utf8: {
        const auto cp = parseCodePoint(text.substr(0, text.find(" '")));
        if (!cp || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
            return invalid("Type one character, or U+ and its code point (at most U+10FFFF, no surrogates).");
        const char32_t c = *cp;
        if (c < 0x80) return std::vector<std::uint8_t>{std::uint8_t(c)};
        if (c < 0x800) return std::vector<std::uint8_t>{std::uint8_t(0xC0 | (c >> 6)), std::uint8_t(0x80 | (c & 0x3F))};
        if (c < 0x10000)
            return std::vector<std::uint8_t>{std::uint8_t(0xE0 | (c >> 12)), std::uint8_t(0x80 | ((c >> 6) & 0x3F)),
                                             std::uint8_t(0x80 | (c & 0x3F))};
        return std::vector<std::uint8_t>{std::uint8_t(0xF0 | (c >> 18)), std::uint8_t(0x80 | ((c >> 12) & 0x3F)),
                                         std::uint8_t(0x80 | ((c >> 6) & 0x3F)), std::uint8_t(0x80 | (c & 0x3F))};
    }
    case ValueType::Utf16: {
        const auto cp = parseCodePoint(text.substr(0, text.find(" '")));
        if (!cp || *cp > 0xFFFF) return invalid("Type one character of the BMP, or U+ and a code unit (at most U+FFFF).");
        return writeUInt(*cp, 2, big);
    }
    case ValueType::UnixTime32:
    case ValueType::UnixTime64: {
        const auto t = parseUtc(text);
        if (!t) return invalid("Type a time as YYYY-MM-DD HH:MM:SS (UTC).");
        if (type == ValueType::UnixTime32 &&
            (*t < std::numeric_limits<std::int32_t>::min() || *t > std::numeric_limits<std::int32_t>::max()))
            return invalid("A 32-bit Unix time holds 1901-12-13 20:45:52 to 2038-01-19 03:14:07.");
        return writeUInt(static_cast<std::uint64_t>(*t), info(type).size, big);
    }
    case ValueType::DosDateTime: {
        const auto t = parseUtc(text);
        if (!t) return invalid("Type a date and time as YYYY-MM-DD HH:MM:SS.");
        std::time_t tt = static_cast<std::time_t>(*t);
        std::tm tm{};
        gmtime_r(&tt, &tm);
        const int year = tm.tm_year + 1900;
        if (year < 1980 || year > 2107) return invalid("A DOS date holds the years 1980 to 2107.");
        if (tm.tm_sec % 2) return invalid("A DOS time holds even seconds only.");
        const auto time = std::uint16_t((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
        const auto date = std::uint16_t(((year - 1980) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
        auto out = writeUInt(time, 2, big);
        const auto d = writeUInt(date, 2, big);
        out.insert(out.end(), d.begin(), d.end());
        return out;
    }
    case ValueType::FileTime: {
        std::string fraction;
        const auto t = parseUtc(text, &fraction);
        if (!t || fraction.size() > 7) return invalid("Type a time as YYYY-MM-DD HH:MM:SS[.fffffff] (UTC).");
        fraction.resize(7, '0');
        const std::int64_t seconds = *t + kFileTimeEpoch;
        if (seconds < 0) return invalid("A FILETIME starts at 1601-01-01.");
        const std::uint64_t ticks = std::uint64_t(seconds) * 10'000'000 + std::stoull(fraction);
        return writeUInt(ticks, 8, big);
    }
    case ValueType::Guid: {
        std::string s;
        for (char ch : text)
            if (ch != '{' && ch != '}' && ch != '-') s += ch;
        if (s.size() != 32 || s.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
            return invalid("Type a GUID as {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}.");
        auto hex = [&](std::size_t at, std::size_t digits) { return std::stoull(s.substr(at, digits), nullptr, 16); };
        auto out = writeUInt(hex(0, 8), 4, big);
        const auto b = writeUInt(hex(8, 4), 2, big), c = writeUInt(hex(12, 4), 2, big);
        out.insert(out.end(), b.begin(), b.end());
        out.insert(out.end(), c.begin(), c.end());
        for (std::size_t i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(hex(16 + 2 * i, 2)));
        return out;
    }
    }
    return invalid("unknown type");
}

} // namespace hexmap
