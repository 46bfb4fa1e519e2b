#include "mapped_file.h"

#include "fault_guard.h"

#include <cerrno>
#include <cstring>
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

    const int flags = (mode == OpenMode::Shared ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NONBLOCK;
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0) return openError(path, errno, mode);

    MappedFile file;
    file.m_fd = fd;
    file.m_path = path;
    file.m_mode = mode;
    file.m_fileWritable = mode == OpenMode::Shared || ::access(path.c_str(), W_OK) == 0;

    // The file may have been swapped between stat and open: check what we really hold.
    if (fstat(fd, &st) != 0) return openError(path, errno, mode);
    if (!S_ISREG(st.st_mode))
        return Error{EINVAL, "\"" + path + "\" is " + fileKind(st.st_mode) +
                                 ", not a regular file; hexmap maps regular files only."};
    if (isVirtualFs(fd))
        return Error{ENOTSUP, "\"" + path + "\" is a virtual file (/proc or /sys) whose size "
                                          "is not known in advance, so it cannot be mapped. "
                                          "Copy it first: cat " + path + " > copy.bin"};

    file.m_size = static_cast<std::uint64_t>(st.st_size);
    if (file.m_size == 0) return file; // nothing to map: a valid, empty document

    if (file.m_size > static_cast<std::uint64_t>(SIZE_MAX))
        return Error{EFBIG, "\"" + path + "\" is larger than this machine can map."};
    const int prot = mode == OpenMode::ReadOnly ? PROT_READ : PROT_READ | PROT_WRITE;
    const int share = mode == OpenMode::Private ? MAP_PRIVATE : MAP_SHARED;
    void* p = mmap(nullptr, static_cast<std::size_t>(file.m_size), prot, share, fd, 0);
    if (p == MAP_FAILED) {
        const int code = errno;
        return Error{code, "\"" + path + "\" could not be mapped into memory: " +
                               errnoText(code) + "."};
    }
    file.m_data = static_cast<std::uint8_t*>(p);
    file.m_guardSlot = fault_guard::registerRegion(p, static_cast<std::size_t>(file.m_size), fd);
    return file;
}

MappedFile::MappedFile(MappedFile&& other) noexcept { *this = std::move(other); }

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this == &other) return *this;
    unmap();
    if (m_fd >= 0) ::close(m_fd);
    m_path = std::move(other.m_path);
    m_mode = other.m_mode;
    m_fd = other.m_fd;
    m_data = other.m_data;
    m_size = other.m_size;
    m_guardSlot = other.m_guardSlot;
    m_fileWritable = other.m_fileWritable;
    other.reset();
    return *this;
}

MappedFile::~MappedFile() {
    unmap();
    if (m_fd >= 0) ::close(m_fd);
}

void MappedFile::reset() noexcept {
    m_fd = -1;
    m_data = nullptr;
    m_size = 0;
    m_guardSlot = -1;
}

void MappedFile::unmap() {
    if (m_guardSlot >= 0) fault_guard::unregisterRegion(m_guardSlot);
    if (m_data) munmap(m_data, static_cast<std::size_t>(m_size));
    m_data = nullptr;
    m_guardSlot = -1;
}

std::uint64_t MappedFile::sizeOnDisk() const {
    struct stat st;
    if (m_fd < 0 || fstat(m_fd, &st) != 0) return m_size;
    return static_cast<std::uint64_t>(st.st_size);
}

bool MappedFile::damaged() const { return fault_guard::damaged(m_guardSlot); }

} // namespace hexmap
