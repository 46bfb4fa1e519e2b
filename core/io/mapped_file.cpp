// SPDX-License-Identifier: MIT
#include "mapped_file.h"

#include "fault_guard.h"
#include "page_size.h"
#include "sys_io.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

namespace hexmap {

std::string errnoText(int code) {
    char buf[256];
    // GNU strerror_r returns the message, which may or may not be buf.
    return strerror_r(code, buf, sizeof buf);
}

const char* modeName(OpenMode mode) {
    switch (mode) {
    case OpenMode::ReadOnly: return "read-only";
    case OpenMode::Shared: return "shared";
    case OpenMode::Private: return "private";
    }
    return "?";
}

namespace {

Error openError(const std::string& path, int code, OpenMode mode) {
    switch (code) {
    case ENOENT:
        return {code, "\"" + path + "\" does not exist. Check the name and the folder."};
    case ENOTDIR:
        return {code, "\"" + path + "\" cannot be reached: a part of the path is not a folder."};
    case EACCES:
    case EPERM:
    case EROFS:
        if (mode == OpenMode::Shared)
            return {code, "You may not write to \"" + path + "\" (" + errnoText(code) +
                              "). Open it read-only, or private (copy-on-write: edit here, "
                              "save under another name)."};
        return {code, "You may not read \"" + path + "\" (" + errnoText(code) +
                          "). Check its permissions."};
    case EISDIR:
        return {code, "\"" + path + "\" is a folder, not a file. Choose a file inside it."};
    default:
        return {code, "\"" + path + "\" could not be opened: " + errnoText(code) + "."};
    }
}

const char* fileKind(mode_t m) {
    if (S_ISFIFO(m)) return "a FIFO (named pipe)";
    if (S_ISSOCK(m)) return "a socket";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    return "not a regular file";
}

// Files in /proc and /sys report size 0 (or a page) whatever they hold; a mapping of
// them shows nothing true. Say so instead of showing an "empty" file.
bool isVirtualFs(int fd) {
    struct statfs fs;
    if (fstatfs(fd, &fs) != 0) return false;
    return fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC ||
           fs.f_type == DEBUGFS_MAGIC;
}

} // namespace

Result<MappedFile> MappedFile::open(const std::string& path, OpenMode mode) {
    if (path.empty()) return Error{ENOENT, "No file name was given."};

    // Look before opening: open(2) on a FIFO would block until a writer appears.
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return openError(path, errno, mode);
    if (S_ISDIR(st.st_mode)) return openError(path, EISDIR, mode);
    if (!S_ISREG(st.st_mode))
        return Error{EINVAL, "\"" + path + "\" is " + fileKind(st.st_mode) +
                                 ", not a regular file; hexmap maps regular files only."};

    // Private mode asks for write access too, so that save() can pwrite the edits back;
    // a file we may only read still opens (then only "save as" can write).
    const int common = O_CLOEXEC | O_NONBLOCK;
    int fd = sysio::open(path.c_str(), (mode == OpenMode::ReadOnly ? O_RDONLY : O_RDWR) | common);
    bool opened_rw = mode != OpenMode::ReadOnly;
    if (fd < 0 && mode == OpenMode::Private &&
        (errno == EACCES || errno == EPERM || errno == EROFS || errno == ETXTBSY)) {
        fd = sysio::open(path.c_str(), O_RDONLY | common);
        opened_rw = false;
    }
    if (fd < 0) return openError(path, errno, mode);

    MappedFile file;
    file.m_fd.reset(fd);
    file.m_path = path;
    file.m_mode = mode;
    file.m_writable = mode != OpenMode::ReadOnly;
    file.m_fileWritable = opened_rw || (mode == OpenMode::ReadOnly &&
                                        ::access(path.c_str(), W_OK) == 0);

    // The file may have been swapped between stat and open: check what we really hold.
    if (fstat(fd, &st) != 0) return openError(path, errno, mode);
    if (!S_ISREG(st.st_mode))
        return Error{EINVAL, "\"" + path + "\" is " + fileKind(st.st_mode) +
                                 ", not a regular file; hexmap maps regular files only."};
    if (isVirtualFs(fd))
        return Error{ENOTSUP, "\"" + path + "\" is a virtual file (/proc or /sys) whose size "
                                          "is not known in advance, so it cannot be mapped. "
                                          "Copy it first: cat " + path + " > copy.bin"};

    struct statfs fs;
    file.m_holesTakeSpace = ::fstatfs(fd, &fs) == 0 && fs.f_type == TMPFS_MAGIC;
    file.m_map.size = static_cast<std::uint64_t>(st.st_size);
    if (file.m_map.size == 0) return file; // nothing to map: a valid, empty document

    if (file.m_map.size > static_cast<std::uint64_t>(SIZE_MAX))
        return Error{EFBIG, "\"" + path + "\" is larger than this machine can map."};
    const int prot = mode == OpenMode::ReadOnly ? PROT_READ : PROT_READ | PROT_WRITE;
    const int share = mode == OpenMode::Private ? MAP_PRIVATE : MAP_SHARED;
    void* p = mmap(nullptr, static_cast<std::size_t>(file.m_map.size), prot, share, fd, 0);
    if (p == MAP_FAILED) {
        const int code = errno;
        return Error{code, "\"" + path + "\" could not be mapped into memory: " +
                               errnoText(code) + "."};
    }
    file.m_map.data = static_cast<std::uint8_t*>(p);
    file.m_map.guardSlot = fault_guard::registerRegion(p, static_cast<std::size_t>(file.m_map.size), fd);
    return file;
}

void MapRegion::unmap() {
    if (guardSlot >= 0) fault_guard::unregisterRegion(guardSlot);
    if (data) munmap(data, static_cast<std::size_t>(size));
    data = nullptr;
    guardSlot = -1;
}

void MappedFile::unmap() { m_map.unmap(); }

std::uint64_t MappedFile::sizeOnDisk() const {
    struct stat st;
    if (m_fd.get() < 0 || fstat(m_fd.get(), &st) != 0) return m_map.size;
    return static_cast<std::uint64_t>(st.st_size);
}

bool MappedFile::damaged() const { return fault_guard::damaged(m_map.guardSlot); }
bool MappedFile::writeFailed() const { return fault_guard::writeFailed(m_map.guardSlot); }

// --- changing the mapping ------------------------------------------------------------

namespace {

std::size_t pageSpan(std::uint64_t bytes) {
    const std::size_t page = pageSize();
    return (static_cast<std::size_t>(bytes) + page - 1) & ~(page - 1);
}

// Anonymous zero pages at a fixed address. MAP_NORESERVE: a grown document is sparse
// like the file it stands for, so a 16 GiB extension must not be charged up front.
bool mapZeros(void* at, std::size_t length, int prot) {
    if (length == 0) return true;
    return mmap(at, length, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1,
                0) != MAP_FAILED;
}

// The kernel's mappings (VMAs) that intersect [from, to), clipped to it, in order.
std::vector<std::pair<std::uintptr_t, std::uintptr_t>> vmasIn(std::uintptr_t from,
                                                                std::uintptr_t to) {
    std::vector<std::pair<std::uintptr_t, std::uintptr_t>> out;
    const int fd = ::open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return out;
    std::string text;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t eol = text.find('\n', pos);
        const std::string line = text.substr(pos, eol == std::string::npos ? eol : eol - pos);
        pos = eol == std::string::npos ? text.size() : eol + 1;
        char* rest = nullptr;
        const std::uintptr_t start = std::strtoull(line.c_str(), &rest, 16);
        if (!rest || *rest != '-') continue;
        const std::uintptr_t end = std::strtoull(rest + 1, nullptr, 16);
        if (end <= from || start >= to) continue;
        out.emplace_back(std::max(start, from), std::min(end, to));
    }
    return out;
}

} // namespace

int MappedFile::prot() const {
    return m_mode == OpenMode::ReadOnly || !m_writable ? PROT_READ : PROT_READ | PROT_WRITE;
}

void MappedFile::updateGuard() {
    if (!m_map.data) {
        if (m_map.guardSlot >= 0) fault_guard::unregisterRegion(m_map.guardSlot);
        m_map.guardSlot = -1;
    } else if (m_map.guardSlot < 0) {
        m_map.guardSlot = fault_guard::registerRegion(m_map.data, static_cast<std::size_t>(m_map.size), m_fd.get());
    } else {
        fault_guard::updateRegion(m_map.guardSlot, m_map.data, static_cast<std::size_t>(m_map.size));
    }
}

Status MappedFile::mapFile(std::uint64_t size) {
    if (size > static_cast<std::uint64_t>(SIZE_MAX))
        return Error{EFBIG, "\"" + m_path + "\" is larger than this machine can map."};
    const int share = m_mode == OpenMode::Private ? MAP_PRIVATE : MAP_SHARED;
    void* p = mmap(nullptr, static_cast<std::size_t>(size), prot(), share, m_fd.get(), 0);
    if (p == MAP_FAILED) {
        const int code = errno;
        return Error{code, "\"" + m_path + "\" could not be mapped into memory: " +
                               errnoText(code) + "."};
    }
    unmap();
    m_map.data = static_cast<std::uint8_t*>(p);
    m_map.size = size;
    updateGuard();
    return {};
}

Status MappedFile::movePrivate(std::size_t oldSpan, std::size_t newSpan) {
    // mremap grows one VMA only; a private document that was grown before is a file VMA
    // followed by anonymous zero pages. Move every piece into a new, larger reservation
    // (mremap moves pages, copy-on-write edits included, without copying them).
    void* reserve = mmap(nullptr, newSpan, PROT_NONE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (reserve == MAP_FAILED) {
        const int code = errno;
        return Error{code, "No room in memory to extend \"" + m_path + "\": " +
                               errnoText(code) + "."};
    }
    const auto base = reinterpret_cast<std::uintptr_t>(m_map.data);
    const auto target = reinterpret_cast<std::uintptr_t>(reserve);
    const auto pieces = vmasIn(base, base + oldSpan);
    std::size_t moved = 0;
    int code = pieces.empty() ? EFAULT : 0;
    for (const auto& [from, to] : pieces) {
        void* p = sysio::mremap(reinterpret_cast<void*>(from), to - from, to - from,
                         MREMAP_MAYMOVE | MREMAP_FIXED,
                         reinterpret_cast<void*>(target + (from - base)));
        if (p == MAP_FAILED) {
            code = errno;
            break;
        }
        ++moved;
    }
    if (code != 0) {
        // Put back what moved, so the document stays whole.
        for (std::size_t i = 0; i < moved; ++i) {
            const auto [from, to] = pieces[i];
            sysio::mremap(reinterpret_cast<void*>(target + (from - base)), to - from, to - from,
                   MREMAP_MAYMOVE | MREMAP_FIXED, reinterpret_cast<void*>(from));
        }
        munmap(reserve, newSpan);
        return Error{code, "\"" + m_path + "\" could not be extended in memory: " +
                               errnoText(code) + "."};
    }
    m_map.data = static_cast<std::uint8_t*>(reserve);
    return {};
}

Status MappedFile::resize(std::uint64_t newSize) {
    if (m_fd.get() < 0) return Error{EBADF, "No file is open."};
    if (m_mode == OpenMode::ReadOnly)
        return Error{EROFS, "\"" + m_path + "\" is open read-only; it cannot be resized. Reopen "
                                            "it private or read-write."};
    if (damaged())
        return Error{EIO, "\"" + m_path + "\" shrank on disk while open, so the document no "
                                          "longer matches it. Reload it before resizing."};
    if (newSize > static_cast<std::uint64_t>(SIZE_MAX) ||
        newSize > static_cast<std::uint64_t>(INT64_MAX))
        return Error{EFBIG, "\"" + m_path + "\" cannot be made that large on this machine."};
    if (newSize == m_map.size) return {};
    const std::uint64_t oldSize = m_map.size;
    const std::size_t oldSpan = pageSpan(oldSize);
    const std::size_t newSpan = pageSpan(newSize);

    if (m_mode == OpenMode::Shared) {
        auto failed = [&](int code, const char* what) {
            return Error{code, "\"" + m_path + "\" could not be " + what + ": " + errnoText(code) +
                                   (code == ENOSPC ? ". The disk is full; nothing was changed."
                                                   : ". Nothing was changed.")};
        };
        if (newSize < oldSize) {
            // Shrinking: the mapping first, the file last, so that a failure leaves the file
            // whole (after ftruncate its lost tail would be gone for good).
            if (newSize == 0) {
                if (sysio::ftruncate(m_fd.get(), 0) != 0) return failed(errno, "emptied");
                unmap();
                m_map.size = 0;
                return {};
            }
            if (newSpan != oldSpan) {
                void* p = sysio::mremap(m_map.data, oldSpan, newSpan, 0);
                if (p == MAP_FAILED) return failed(errno, "shrunk in memory");
            }
            if (sysio::ftruncate(m_fd.get(), static_cast<off_t>(newSize)) != 0) {
                const int code = errno;
                if (newSpan != oldSpan) (void)sysio::mremap(m_map.data, newSpan, oldSpan, 0);
                return failed(code, "shrunk");
            }
            m_map.size = newSize;
            updateGuard();
            return {};
        }
        // Growing: on tmpfs even reading a hole takes memory the file system may not have,
        // so the new area would fault (SIGBUS) when it is merely painted. There, take the
        // space first, so a full disk refuses the extension instead.
        if (m_holesTakeSpace &&
            sysio::fallocate(m_fd.get(), 0, static_cast<off_t>(oldSize),
                             static_cast<off_t>(newSize - oldSize)) != 0 &&
            errno != EOPNOTSUPP)
            return failed(errno, "extended");
        if (sysio::ftruncate(m_fd.get(), static_cast<off_t>(newSize)) != 0) {
            const int code = errno;
            (void)!sysio::ftruncate(m_fd.get(), static_cast<off_t>(oldSize)); // a tmpfs reservation
            return failed(code, "extended");
        }
        if (!m_map.data) {
            Status st = mapFile(newSize);
            if (!st) (void)!sysio::ftruncate(m_fd.get(), static_cast<off_t>(oldSize));
            return st;
        }
        void* p = sysio::mremap(m_map.data, oldSpan, newSpan, MREMAP_MAYMOVE);
        if (p == MAP_FAILED) {
            const int code = errno;
            (void)!sysio::ftruncate(m_fd.get(), static_cast<off_t>(oldSize));
            return failed(code, "extended in memory");
        }
        m_map.data = static_cast<std::uint8_t*>(p);
        m_map.size = newSize;
        updateGuard();
        return {};
    }

    // Private: the file stays as it is; only this process's copy changes size.
    if (!m_writable)
        return Error{EACCES, "The document is write-protected; unlock it to resize."};
    if (newSize == 0) {
        unmap();
        m_map.size = 0;
        return {};
    }
    if (!m_map.data) {
        // Nothing of the file is visible any more (it was emptied): all zeros.
        void* p = mmap(nullptr, newSpan, prot(),
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) {
            const int code = errno;
            return Error{code, "No room in memory to extend \"" + m_path + "\": " +
                                   errnoText(code) + "."};
        }
        m_map.data = static_cast<std::uint8_t*>(p);
        m_map.size = newSize;
        updateGuard();
        return {};
    }
    if (newSize < oldSize) {
        if (newSpan != oldSpan) {
            // Shrinking in place never moves and works across several VMAs.
            void* p = sysio::mremap(m_map.data, oldSpan, newSpan, 0);
            if (p == MAP_FAILED) {
                const int code = errno;
                return Error{code, "\"" + m_path + "\" could not be shrunk in memory: " +
                                       errnoText(code) + "."};
            }
        }
        m_map.size = newSize;
        updateGuard();
        return {};
    }
    if (newSpan != oldSpan) {
        void* p = sysio::mremap(m_map.data, oldSpan, newSpan, MREMAP_MAYMOVE);
        if (p != MAP_FAILED) {
            m_map.data = static_cast<std::uint8_t*>(p);
        } else if (errno == EFAULT) {
            Status st = movePrivate(oldSpan, newSpan);
            if (!st) return st;
        } else {
            const int code = errno;
            return Error{code, "No room in memory to extend \"" + m_path + "\": " +
                                   errnoText(code) + "."};
        }
        // The new pages would be the file's (stale bytes after a shrink, or SIGBUS past
        // its end): zeros instead, as the document says.
        if (!mapZeros(m_map.data + oldSpan, newSpan - oldSpan, prot())) {
            const int code = errno;
            sysio::mremap(m_map.data, newSpan, oldSpan, 0);
            updateGuard();
            return Error{code, "No room in memory to extend \"" + m_path + "\": " +
                                   errnoText(code) + "."};
        }
    }
    // The rest of the old last page: after a shrink it still holds the lost bytes.
    std::memset(m_map.data + oldSize, 0, oldSpan - static_cast<std::size_t>(oldSize));
    m_map.size = newSize;
    updateGuard();
    return {};
}

Status MappedFile::growToFile() {
    if (m_fd.get() < 0) return {};
    const std::uint64_t disk = sizeOnDisk();
    if (disk <= m_map.size) return {};
    if (disk > static_cast<std::uint64_t>(SIZE_MAX))
        return Error{EFBIG, "\"" + m_path + "\" grew larger than this machine can map."};
    if (!m_map.data) return mapFile(disk);
    const std::uint64_t oldSize = m_map.size;
    const std::size_t oldSpan = pageSpan(oldSize);
    void* p = sysio::mremap(m_map.data, oldSpan, pageSpan(disk), MREMAP_MAYMOVE);
    if (p == MAP_FAILED) {
        const int code = errno;
        return Error{code, "\"" + m_path + "\" grew, but the new part could not be mapped: " +
                               errnoText(code) + "."};
    }
    m_map.data = static_cast<std::uint8_t*>(p);
    m_map.size = disk;
    updateGuard();
    if (m_mode == OpenMode::Private && oldSpan > oldSize) {
        // The old last page may be a private copy holding zeros past the old end; the
        // file has new bytes there now.
        std::uint8_t* page = m_map.data + oldSpan - pageSize();
        if (!m_writable) mprotect(page, pageSize(), PROT_READ | PROT_WRITE);
        const std::size_t want = std::min<std::uint64_t>(oldSpan, disk) - oldSize;
        (void)!::pread(m_fd.get(), m_map.data + oldSize, want, static_cast<off_t>(oldSize));
        if (!m_writable) mprotect(page, pageSize(), PROT_READ);
    }
    return {};
}

Status MappedFile::remapFresh() {
    if (m_fd.get() < 0) return {};
    const std::uint64_t disk = sizeOnDisk();
    if (disk == 0) {
        unmap();
        m_map.size = 0;
        return {};
    }
    return mapFile(disk); // maps first, then drops the old mapping: failure keeps it
}

Status MappedFile::protect(bool writable) {
    if (m_mode == OpenMode::ReadOnly && writable)
        return Error{EROFS, "\"" + m_path + "\" is open read-only."};
    const bool was = m_writable;
    m_writable = writable;
    if (m_map.data && mprotect(m_map.data, pageSpan(m_map.size), prot()) != 0) {
        const int code = errno;
        m_writable = was;
        return Error{code, "The protection of \"" + m_path + "\" could not be changed: " +
                               errnoText(code) + "."};
    }
    return {};
}

Status MappedFile::sync(std::uint64_t offset, std::uint64_t length) {
    if (m_mode != OpenMode::Shared || !m_map.data || offset >= m_map.size || length == 0) return {};
    const std::uint64_t end = std::min(m_map.size, offset + std::min(length, m_map.size - offset));
    const std::uint64_t start = offset & ~static_cast<std::uint64_t>(pageSize() - 1);
    if (sysio::msync(m_map.data + start, static_cast<std::size_t>(end - start), MS_SYNC) != 0) {
        const int code = errno;
        return Error{code, "\"" + m_path + "\" could not be written to disk: " +
                               errnoText(code) + (code == ENOSPC ? ". The disk is full." : ".")};
    }
    return {};
}

} // namespace hexmap
