// SPDX-License-Identifier: MIT
// Parsing the numbers users type: offsets, lengths and sizes. 64-bit unsigned, with
// overflow refused rather than wrapped, and nothing rounded silently.
#pragma once

#include "result.h"

#include <cstdint>
#include <string_view>

namespace hexmap {

// "4096", "0x1000", "64K", "1.5G", "2MiB", "1T": decimal or 0x hex; a decimal may have a
// fraction when a binary-unit suffix (K, M, G, T, with optional "iB" or "B") follows, as
// long as the result is a whole number of bytes ("1.5K" is 1536; "1.1K", 1126.4 bytes,
// is refused with the two nearest sizes).
Result<std::uint64_t> parseSize(std::string_view text);

// A go-to target: an absolute offset ("1234", "0x4d2", "64K") or one relative to the
// cursor ("+16", "-0x10"). Refuses targets outside [0, size) with a message that says
// the file's last offset, instead of clamping or wrapping.
Result<std::uint64_t> parseGotoOffset(std::string_view text, std::uint64_t cursor,
                                      std::uint64_t size);

// `hexdump -s` / `-n` syntax (util-linux), for `hexmap dump`: the number in C notation
// ("0x10" hex, "010" octal 8, "10" decimal, a leading + or blanks allowed), then
// optionally a fraction and a unit: K M G T P E Z Y (either case) alone or with "iB"
// means powers of 1024, with "B" powers of 1000 ("1K" = "1KiB" = 1024, "1KB" = 1000).
// Where hexdump's own arithmetic loses precision on fractions ("1.25K" gives it 1279)
// this gives the exact value rounded down (1280); whole numbers agree exactly.
Result<std::uint64_t> parseHexdumpSize(std::string_view text);

} // namespace hexmap
