// SPDX-License-Identifier: MIT
#include "log_level.h"

#include <array>

namespace hexmap {

namespace {

bool isWordByte(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

LineLevel levelOfWord(std::string_view w) {
    static constexpr std::array<std::string_view, 8> kErrors{"FATAL", "CRIT",   "CRITICAL", "ERROR",
                                                             "ERR",   "SEVERE", "EMERG",    "ALERT"};
    for (const std::string_view e : kErrors)
        if (w == e) return LineLevel::Error;
    if (w == "WARN" || w == "WARNING") return LineLevel::Warning;
    return LineLevel::None;
}

LineLevel levelOfValue(std::string_view v) {
    static constexpr std::array<std::string_view, 5> kErrors{"fatal", "crit", "critical", "error", "err"};
    for (const std::string_view e : kErrors)
        if (v == e) return LineLevel::Error;
    if (v == "warn" || v == "warning") return LineLevel::Warning;
    return LineLevel::None;
}

} // namespace

LineLevel levelOfLine(std::string_view line) {
    LineLevel best = LineLevel::None;
    std::size_t i = 0;
    while (i < line.size()) {
        if (!isWordByte(line[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < line.size() && isWordByte(line[j])) ++j;
        const std::string_view word = line.substr(i, j - i);
        LineLevel found = levelOfWord(word);
        if (found == LineLevel::None && word == "level" && j < line.size() && line[j] == '=') {
            std::size_t k = j + 1;
            while (k < line.size() && isWordByte(line[k])) ++k;
            found = levelOfValue(line.substr(j + 1, k - j - 1));
            j = k;
        }
        if (found == LineLevel::Error) return found;
        if (found == LineLevel::Warning) best = found;
        i = j;
    }
    return best;
}

} // namespace hexmap
