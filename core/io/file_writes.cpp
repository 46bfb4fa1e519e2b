// SPDX-License-Identifier: MIT
#include "file_writes.h"

#include "sys_io.h"

#include <cerrno>
#include <fcntl.h>
#include <cstring>
#include <unistd.h>

namespace hexmap::fileio {

std::string quoted(const std::string& path) { return "\"" + path + "\""; }

std::string folderOf(const std::string& path) {
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

int syncFolder(const std::string& folder) {
    const int dir = sysio::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return errno;
    const int code = sysio::fsync(dir) == 0 ? 0 : errno;
    ::close(dir);
    return code;
}

std::string baseName(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool allZero(const std::uint8_t* p, std::size_t n) {
    // memcmp against the block's own first byte: p[0]==0 and p[i]==p[i-1] for all i.
    return n == 0 || (p[0] == 0 && std::memcmp(p, p + 1, n - 1) == 0);
}

std::string causeTail(int code) {
    if (code == ENOSPC || code == EDQUOT) return ". The disk is full; free some space and try again.";
    if (code == EIO) return ". The disk reported an input/output error.";
    return ".";
}

Status writeAll(int fd, const std::uint8_t* p, std::size_t n, std::uint64_t at,
                const std::string& path) {
    while (n > 0) {
        const ssize_t w = sysio::pwrite(fd, p, n, static_cast<off_t>(at));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            // A write of 0 bytes makes no progress: the disk is full in all but name.
            const int code = w < 0 ? errno : ENOSPC;
            return Error{code, "Could not write " + quoted(path) + ": " + errnoText(code) +
                                   causeTail(code)};
        }
        p += w;
        n -= static_cast<std::size_t>(w);
        at += static_cast<std::uint64_t>(w);
    }
    return {};
}

bool readAll(int fd, std::uint8_t* p, std::size_t n, std::uint64_t at) {
    while (n > 0) {
        const ssize_t r = ::pread(fd, p, n, static_cast<off_t>(at));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
            if (r == 0) errno = EIO;
            return false;
        }
        p += r;
        n -= static_cast<std::size_t>(r);
        at += static_cast<std::uint64_t>(r);
    }
    return true;
}

} // namespace hexmap::fileio
