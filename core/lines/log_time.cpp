// SPDX-License-Identifier: MIT
#include "log_time.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <ctime>
#include <vector>

namespace hexmap {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

// A cursor over the start of a line: each reader takes what it expects or fails.
struct Scan {
    std::string_view s;
    std::size_t i = 0;

    bool done() const { return i >= s.size(); }
    char peek() const { return done() ? '\0' : s[i]; }
    bool take(char c) {
        if (peek() != c) return false;
        ++i;
        return true;
    }
    // Exactly n decimal digits.
    bool digits(int n, int& out) {
        if (i + static_cast<std::size_t>(n) > s.size()) return false;
        int v = 0;
        for (int k = 0; k < n; ++k) {
            const char c = s[i + static_cast<std::size_t>(k)];
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        i += static_cast<std::size_t>(n);
        out = v;
        return true;
    }
};

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool month(Scan& sc, int& out) {
    if (sc.i + 3 > sc.s.size()) return false;
    for (int m = 0; m < 12; ++m)
        if (sc.s.compare(sc.i, 3, kMonths[static_cast<std::size_t>(m)]) == 0) {
            sc.i += 3;
            out = m + 1;
            return true;
        }
    return false;
}

int daysIn(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

// Milliseconds since the epoch of a UTC wall-clock time; nullopt when a field is out of range.
std::optional<std::int64_t> utcMs(int y, int mo, int d, int h, int mi, int s, int ms) {
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 ||
        mi > 59 || s > 60)
        return std::nullopt;
    // Days since 1970-01-01 by the civil-calendar formula (years from March, so the leap
    // day is the last of its year): arithmetic only, where timegm normalises a struct tm
    // through several calls — this runs once per line of every merged log.
    const int yy = mo <= 2 ? y - 1 : y;
    const int era = yy / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const std::int64_t days = std::int64_t(era) * 146097 + doe - 719468;
    return ((days * 24 + h) * 60 + mi) * 60'000 + std::int64_t(s) * 1000 + ms;
}

// ".123" or ",123456": the first three digits as milliseconds, the rest dropped.
int fraction(Scan& sc) {
    if (sc.peek() != '.' && sc.peek() != ',') return 0;
    if (sc.i + 1 >= sc.s.size() || !isDigit(sc.s[sc.i + 1])) return 0;
    ++sc.i;
    int ms = 0, n = 0;
    while (!sc.done() && isDigit(sc.peek())) {
        if (n < 3) ms = ms * 10 + (sc.peek() - '0');
        ++n;
        ++sc.i;
    }
    for (; n < 3; ++n)
        ms *= 10;
    return ms;
}

// "Z", "+01:00", "+0100", "-07": the offset east of UTC in minutes (0 when none).
int zone(Scan& sc) {
    if (sc.take('Z')) return 0;
    const char sign = sc.peek();
    if (sign != '+' && sign != '-') return 0;
    Scan save = sc;
    ++sc.i;
    int h = 0, m = 0;
    if (!sc.digits(2, h)) {
        sc = save;
        return 0;
    }
    sc.take(':');
    if (!sc.digits(2, m)) m = 0;
    const int minutes = h * 60 + m;
    return sign == '-' ? -minutes : minutes;
}

// Skips what commonly comes before an ISO time: spaces, '[', '"', '('.
void skipOpeners(Scan& sc) {
    for (int k = 0;
         k < 4 && (sc.peek() == ' ' || sc.peek() == '[' || sc.peek() == '"' || sc.peek() == '(');
         ++k)
        ++sc.i;
}

std::optional<std::int64_t> iso(std::string_view line) {
    Scan sc{line};
    skipOpeners(sc);
    int y, mo, d, h, mi, s = 0;
    if (!sc.digits(4, y) || !sc.take('-') || !sc.digits(2, mo) || !sc.take('-') || !sc.digits(2, d))
        return std::nullopt;
    if (!sc.take('T') && !sc.take(' ')) return std::nullopt;
    if (!sc.digits(2, h) || !sc.take(':') || !sc.digits(2, mi)) return std::nullopt;
    if (sc.take(':') && !sc.digits(2, s)) return std::nullopt;
    const int ms = fraction(sc);
    const int offset = zone(sc);
    const auto t = utcMs(y, mo, d, h, mi, s, ms);
    if (!t) return std::nullopt;
    return *t - std::int64_t(offset) * 60'000;
}

std::optional<std::int64_t> syslog(std::string_view line, int year) {
    Scan sc{line};
    int mo, d, h, mi, s;
    if (!month(sc, mo) || !sc.take(' ')) return std::nullopt;
    if (sc.peek() == ' ') { // "Nov  6"
        ++sc.i;
        if (!sc.digits(1, d)) return std::nullopt;
    } else if (!sc.digits(2, d)) {
        return std::nullopt;
    }
    if (!sc.take(' ') || !sc.digits(2, h) || !sc.take(':') || !sc.digits(2, mi) || !sc.take(':') ||
        !sc.digits(2, s))
        return std::nullopt;
    const int ms = fraction(sc);
    return utcMs(year, mo, d, h, mi, s, ms);
}

std::optional<std::int64_t> commonLog(std::string_view line) {
    // host ident user [26/Nov/2026:03:21:10 +0100] "GET ..."
    const std::size_t open = line.substr(0, 256).find('[');
    if (open == std::string_view::npos) return std::nullopt;
    Scan sc{line, open + 1};
    int d, mo, y, h, mi, s;
    if (!sc.digits(2, d) || !sc.take('/') || !month(sc, mo) || !sc.take('/') || !sc.digits(4, y) ||
        !sc.take(':') || !sc.digits(2, h) || !sc.take(':') || !sc.digits(2, mi) || !sc.take(':') ||
        !sc.digits(2, s))
        return std::nullopt;
    const int ms = fraction(sc);
    sc.take(' ');
    const int offset = zone(sc);
    const auto t = utcMs(y, mo, d, h, mi, s, ms);
    if (!t) return std::nullopt;
    return *t - std::int64_t(offset) * 60'000;
}

std::optional<std::int64_t> epoch(std::string_view line, bool millis) {
    std::size_t n = 0;
    while (n < line.size() && n < 20 && isDigit(line[n]))
        ++n;
    if (n != (millis ? 13u : 10u)) return std::nullopt;
    if (n < line.size() && (std::isalnum(static_cast<unsigned char>(line[n])) || line[n] == '_'))
        return std::nullopt;
    std::int64_t v = 0;
    for (std::size_t k = 0; k < n; ++k)
        v = v * 10 + (line[k] - '0');
    if (millis) return v;
    Scan sc{line, n};
    return v * 1000 + fraction(sc);
}

// The first line at or after `from` (from itself when it starts one): its start and its text
// (at most kLineCap bytes). nullopt past the end or when no newline comes within kSeek.
constexpr std::size_t kLineCap = 512;
constexpr std::uint64_t kSeek = 1 << 20;

struct LineAt {
    std::uint64_t start, next; // next: the start of the line after it
    std::string text;
};

std::optional<LineAt> lineFrom(const ByteView& bytes, std::uint64_t from, bool atStart) {
    const std::uint64_t size = bytes.size();
    std::uint64_t at = from;
    if (!atStart) {
        // Forward to the byte after the next newline.
        const auto next = bytes.afterNewlineFrom(from, std::min(size, from + kSeek));
        if (!next) return std::nullopt;
        at = *next;
    }
    if (at >= size) return std::nullopt;
    LineAt line{at, size, {}};
    std::uint64_t p = at;
    const std::uint64_t limit = std::min(size, at + kSeek);
    while (p < limit) {
        const auto span = bytes.spanAt(p, static_cast<std::size_t>(limit - p));
        if (span.empty()) break;
        const void* nl = std::memchr(span.data(), '\n', span.size());
        const std::size_t n =
            nl ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(nl) - span.data())
               : span.size();
        if (line.text.size() < kLineCap)
            line.text.append(reinterpret_cast<const char*>(span.data()),
                             std::min(n, kLineCap - line.text.size()));
        p += n;
        if (nl) {
            line.next = p + 1;
            break;
        }
    }
    if (p >= limit && limit < size) line.next = limit; // a line longer than kSeek: move on
    if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
    return line;
}

} // namespace

const char* timeFormatName(TimeFormat format) {
    switch (format) {
    case TimeFormat::Iso8601:
        return "ISO 8601";
    case TimeFormat::Syslog:
        return "syslog";
    case TimeFormat::CommonLog:
        return "common log";
    case TimeFormat::EpochSeconds:
        return "epoch seconds";
    case TimeFormat::EpochMillis:
        return "epoch milliseconds";
    case TimeFormat::None:
        break;
    }
    return "none";
}

std::optional<std::int64_t> lineTime(std::string_view line, TimeFormat format, int year) {
    switch (format) {
    case TimeFormat::Iso8601:
        return iso(line);
    case TimeFormat::Syslog:
        return syslog(line, year);
    case TimeFormat::CommonLog:
        return commonLog(line);
    case TimeFormat::EpochSeconds:
        return epoch(line, false);
    case TimeFormat::EpochMillis:
        return epoch(line, true);
    case TimeFormat::None:
        break;
    }
    return std::nullopt;
}

TimeFormat detectTimeFormat(std::string_view sample, int year) {
    static constexpr TimeFormat kAll[] = {TimeFormat::Iso8601, TimeFormat::Syslog,
                                          TimeFormat::CommonLog, TimeFormat::EpochMillis,
                                          TimeFormat::EpochSeconds};
    std::array<int, 5> hits{};
    int lines = 0;
    for (std::size_t at = 0; at < sample.size() && lines < 64;) {
        std::size_t end = sample.find('\n', at);
        if (end == std::string_view::npos) end = sample.size();
        const std::string_view line = sample.substr(at, end - at);
        at = end + 1;
        if (line.empty() || line == "\r") continue;
        ++lines;
        for (std::size_t f = 0; f < 5; ++f)
            if (lineTime(line, kAll[f], year)) ++hits[f];
    }
    const auto best =
        static_cast<std::size_t>(std::max_element(hits.begin(), hits.end()) - hits.begin());
    return lines > 0 && hits[best] * 2 >= lines ? kAll[best] : TimeFormat::None;
}

std::optional<std::int64_t> parseTimeQuery(std::string_view text,
                                           std::optional<std::int64_t> reference) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    // A date and a time (the seconds optional), or a date alone (its midnight).
    {
        Scan sc{text};
        int y, mo, d, h = 0, mi = 0, s = 0, ms = 0;
        if (sc.digits(4, y) && sc.take('-') && sc.digits(2, mo) && sc.take('-') &&
            sc.digits(2, d)) {
            if (!sc.done()) {
                if (!sc.take('T') && !sc.take(' ')) return std::nullopt;
                if (!sc.digits(2, h) || !sc.take(':') || !sc.digits(2, mi)) return std::nullopt;
                if (sc.take(':') && !sc.digits(2, s)) return std::nullopt;
                ms = fraction(sc);
                const int offset = zone(sc);
                if (!sc.done()) return std::nullopt;
                const auto t = utcMs(y, mo, d, h, mi, s, ms);
                if (!t) return std::nullopt;
                return *t - std::int64_t(offset) * 60'000;
            }
            return utcMs(y, mo, d, 0, 0, 0, 0);
        }
    }
    // A time of day, on the reference's day.
    Scan sc{text};
    int h, mi, s = 0;
    if (!sc.digits(2, h) || !sc.take(':') || !sc.digits(2, mi)) return std::nullopt;
    if (sc.take(':') && !sc.digits(2, s)) return std::nullopt;
    const int ms = fraction(sc);
    if (!sc.done() || h > 23 || mi > 59 || s > 59 || !reference) return std::nullopt;
    const std::int64_t day =
        (*reference >= 0 ? *reference / kDayMs : (*reference - kDayMs + 1) / kDayMs) * kDayMs;
    return day + ((std::int64_t(h) * 60 + mi) * 60 + s) * 1000 + ms;
}

std::string formatTime(std::int64_t ms) {
    const std::time_t t = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    std::string out = buf;
    const int frac = static_cast<int>(((ms % 1000) + 1000) % 1000);
    if (frac) {
        char f[8];
        std::snprintf(f, sizeof f, ".%03d", frac);
        out += f;
    }
    return out;
}

int yearOf(std::int64_t ms) {
    const std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

std::uint64_t findTime(const ByteView& bytes, TimeFormat format, int year, std::int64_t target,
                       std::uint64_t* linesRead) {
    const std::uint64_t size = bytes.size();
    std::uint64_t count = 0;
    // The first timed line at or after `from`: its start and time (a few untimed lines, a
    // stack trace's, are stepped over). nullopt when none within reach.
    auto timedFrom = [&](std::uint64_t from,
                         bool atStart) -> std::optional<std::pair<std::uint64_t, std::int64_t>> {
        auto line = lineFrom(bytes, from, atStart);
        for (int k = 0; line && k < 64; ++k) {
            ++count;
            if (const auto t = lineTime(line->text, format, year))
                return std::make_pair(line->start, *t);
            line = lineFrom(bytes, line->next, true);
        }
        return std::nullopt;
    };
    // Invariant: every timed line starting before `lo` is earlier than the target (as far as
    // the probes saw); the answer starts in [lo, hi].
    std::uint64_t lo = 0, hi = size;
    if (const auto first = timedFrom(0, true); !first || first->second >= target) {
        if (linesRead) *linesRead = count;
        return first ? first->first : size;
    }
    while (hi - lo > 4096) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        const auto probe = timedFrom(mid, false);
        if (!probe || probe->first >= hi) {
            hi = mid; // nothing timed between mid and hi: look lower
        } else if (probe->second < target) {
            lo = probe->first + 1;
        } else {
            hi = probe->first;
        }
    }
    // The last stretch, line by line from the line holding `lo`.
    const std::uint64_t at = bytes.afterNewlineBefore(lo, 0); // the start of the line that holds lo
    auto line = lineFrom(bytes, at, true);
    while (line && line->start <= hi) {
        ++count;
        if (const auto t = lineTime(line->text, format, year); t && *t >= target) {
            if (linesRead) *linesRead = count;
            return line->start;
        }
        line = lineFrom(bytes, line->next, true);
    }
    if (linesRead) *linesRead = count;
    return line ? line->start : std::min(hi, size);
}

} // namespace hexmap
