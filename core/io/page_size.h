// SPDX-License-Identifier: MIT
// The system's page size, read once when the program starts (sysconf is not
// async-signal-safe, and a page size never changes while a process runs).
#pragma once

#include <cstddef>
#include <cstdint>

namespace hexmap {

// Bytes in a page of memory (4096 on x86-64 Linux).
std::size_t pageSize();

// `bytes` rounded up / down to a whole number of pages.
inline std::uint64_t pageCeil(std::uint64_t bytes) {
    const std::uint64_t page = pageSize();
    return (bytes + page - 1) & ~(page - 1);
}
inline std::uint64_t pageFloor(std::uint64_t bytes) {
    return bytes & ~static_cast<std::uint64_t>(pageSize() - 1);
}

} // namespace hexmap
