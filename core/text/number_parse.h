// Parsing the numbers users type: offsets, lengths and sizes. 64-bit unsigned, with
// overflow refused rather than wrapped.
#pragma once

#include "result.h"

#include <cstdint>
#include <string_view>

namespace hexmap {

// "4096", "0x1000", "64K", "1.5G", "2MiB", "1T": decimal or 0x hex; a decimal may have a
// fraction when a binary-unit suffix (K, M, G, T, with optional "iB" or "B") follows.
Result<std::uint64_t> parseSize(std::string_view text);

// A go-to target: an absolute offset ("1234", "0x4d2", "64K") or one relative to the
// cursor ("+16", "-0x10"). Refuses targets outside [0, size) with a message that says
// the file's last offset, instead of clamping silently.
Result<std::uint64_t> parseGotoOffset(std::string_view text, std::uint64_t cursor,
                                      std::uint64_t size);

} // namespace hexmap
