// SPDX-License-Identifier: MIT
// The time of a log line, for the Lines view (issue 22): which timestamp format a file's
// lines use, the time of one line, a time typed in Go To, and the line where a time falls,
// found by binary search over the file's bytes (no index: the time is taken to grow through
// the file, and a line out of order only makes the answer land near it).
//
// Formats: ISO 8601 ("2026-11-26T03:21:10.123Z", a space for the T, a comma for the dot, a
// zone or none), syslog and journalctl's short format ("Nov 26 03:21:10", no year: the year
// given), Apache/nginx common log ("[26/Nov/2026:03:21:10 +0100]"), epoch seconds
// ("1764127270" or "1764127270.123") and milliseconds ("1764127270123") at the line's start.
// A time without a zone is read as UTC, so it prints back as written. Times are
// milliseconds since 1970-01-01 UTC.
#pragma once

#include "byte_view.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hexmap {

enum class TimeFormat { None, Iso8601, Syslog, CommonLog, EpochSeconds, EpochMillis };

// "ISO 8601", "syslog", ... ("none").
const char* timeFormatName(TimeFormat format);

// The format most of the sample's lines start with (the first lines of a file; at least
// half of its non-empty lines must parse), or None.
TimeFormat detectTimeFormat(std::string_view sample, int year);

// The time of a line in `format`, or nullopt when the line has none. `year` is for syslog.
std::optional<std::int64_t> lineTime(std::string_view line, TimeFormat format, int year);

// What Go To takes as a time: "2026-11-26T03:21", "2026-11-26 03:21:10(.123)", or a time of
// day "03:21" / "03:21:10", which is on the day of `reference` (the cursor line's time).
// nullopt when the text is not a time.
std::optional<std::int64_t> parseTimeQuery(std::string_view text, std::optional<std::int64_t> reference);

// "2026-11-26 03:21:10.123" (the milliseconds only when not zero).
std::string formatTime(std::int64_t ms);

// The year of a time (for syslog lines, which have none: the file's modification year).
int yearOf(std::int64_t ms);

// Where a time falls: the start of the first line whose time is at or after `target`
// (the file's size when every line is earlier). Reads O(log n) lines through `bytes`;
// `linesRead` (if given) counts them, for tests of that bound.
std::uint64_t findTime(const ByteView& bytes, TimeFormat format, int year, std::int64_t target,
                       std::uint64_t* linesRead = nullptr);

} // namespace hexmap
