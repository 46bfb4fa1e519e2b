// SPDX-License-Identifier: MIT
// Small helpers for writing and reading whole ranges of a file, through the sys_io seam,
// shared by the save paths. Everything here retries EINTR and short counts.
#pragma once

#include "result.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace hexmap::fileio {

// "\"path\"", for sentences.
std::string quoted(const std::string& path);
// The folder that holds `path` ("." for a bare name, "/" for a file in the root).
std::string folderOf(const std::string& path);
// fsync of `folder` itself, so that a name made, renamed or removed in it survives a power
// cut. 0, or the errno of the open or the fsync (through the fault seam).
int syncFolder(const std::string& folder);
// The last component of `path`.
std::string baseName(const std::string& path);
// True when every byte of [p, p+n) is zero.
bool allZero(const std::uint8_t* p, std::size_t n);

// pwrite of all n bytes at `at`; retries EINTR and short writes. On failure: errno's code
// and a sentence naming `path` (and the full disk, when that is the cause).
Status writeAll(int fd, const std::uint8_t* p, std::size_t n, std::uint64_t at,
                const std::string& path);
// pread of all n bytes at `at`; false (errno set, EIO for end of file) when it could not.
bool readAll(int fd, std::uint8_t* p, std::size_t n, std::uint64_t at);

// The end of a sentence about errno `code`: ". The disk is full; ..." or ".".
std::string causeTail(int code);

} // namespace hexmap::fileio
