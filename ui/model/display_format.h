// SPDX-License-Identifier: MIT
// How the window writes sizes and offsets for people: "1.5 GiB", "0x1f40".
#pragma once

#include <QString>
#include <cstdint>

namespace hexmap {

// A size in the system locale with binary units: "4.0 KiB", "16.0 GiB".
QString humanSize(std::uint64_t bytes);
// A count and its noun, singular for 1: "1 match", "2,048 matches" (the window has no
// translations, where tr()'s %n plural forms would need one).
QString counted(std::uint64_t n, const QString& one, const QString& many);
// "0x" and lower-case hex digits.
QString hexOffset(std::uint64_t offset);

} // namespace hexmap
