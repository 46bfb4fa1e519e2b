// SPDX-License-Identifier: MIT
#include "hex_bytes.h"

#include "hex_digit.h"

#include <cerrno>
#include <string>

namespace hexmap {

namespace {
bool isSeparator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ','; }
} // namespace

Result<std::vector<std::uint8_t>> parseHexBytes(std::string_view text) {
    std::vector<std::uint8_t> out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (isSeparator(text[i])) {
            ++i;
            continue;
        }
        if (text[i] == '0' && i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X'))
            i += 2;
        const std::size_t groupStart = i;
        while (i < text.size() && !isSeparator(text[i])) {
            if (hexDigitValue(text[i]) < 0)
                return Error{EINVAL, "Not hex at column " + std::to_string(i + 1) + ": '" +
                                         std::string(1, text[i]) + "' is not a hex digit."};
            ++i;
        }
        if ((i - groupStart) % 2 != 0)
            return Error{EINVAL, "Odd number of hex digits at column " +
                                     std::to_string(groupStart + 1) +
                                     ": write each byte as two digits (0f, not f)."};
        for (std::size_t j = groupStart; j < i; j += 2)
            out.push_back(static_cast<std::uint8_t>(hexDigitValue(text[j]) << 4 | hexDigitValue(text[j + 1])));
    }
    if (out.empty()) return Error{EINVAL, "No hex bytes given."};
    return out;
}

} // namespace hexmap
