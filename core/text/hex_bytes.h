// SPDX-License-Identifier: MIT
// Bytes typed or pasted as hex: "de ad be ef", "deadbeef", "0xde, 0xad". Used by paste
// and by Fill Selection. (Search patterns, with wildcards, have their own parser.)
#pragma once

#include "result.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace hexmap {

// Whitespace, commas and "0x" prefixes separate bytes; a group of digits is read two at a
// time. An odd number of digits in a group, or any other character, is an error naming
// its 1-based column.
Result<std::vector<std::uint8_t>> parseHexBytes(std::string_view text);

} // namespace hexmap
