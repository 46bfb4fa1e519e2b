// SPDX-License-Identifier: MIT
// The level of a log line as lnav reads it from common logs: a word in capitals (FATAL,
// CRIT, CRITICAL, ERROR, ERR, SEVERE, EMERG, ALERT for an error; WARN, WARNING for a
// warning) standing alone, or `level=error` / `level=warn` (logfmt, lower case). The same
// words the Lines view's e/E and w/W search for with a regex, for callers that look at one
// line at a time (the merged view walks its rows).
#pragma once

#include <string_view>

namespace hexmap {

enum class LineLevel { None, Warning, Error };

// The highest level named on the line (an error wins over a warning).
LineLevel levelOfLine(std::string_view line);

} // namespace hexmap
