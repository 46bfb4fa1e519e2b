// SPDX-License-Identifier: MIT
#include "sys_io.h"

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace hexmap::sysio {

namespace {
std::atomic<Injector*> g_injector{nullptr};

// Runs `call` unless the injector fails it; tells the injector afterwards.
template <class R, class F> R through(Call which, R failed, F call) {
    Injector* injector = g_injector.load(std::memory_order_acquire);
    if (!injector) return call();
    if (const int code = injector->before(which); code != 0) {
        errno = code;
        return failed;
    }
    const R result = call();
    const int saved = errno;
    injector->after(which);
    errno = saved;
    return result;
}
} // namespace

const char* callName(Call call) {
    switch (call) {
    case Call::Open: return "open";
    case Call::Pwrite: return "pwrite";
    case Call::Fsync: return "fsync";
    case Call::Fdatasync: return "fdatasync";
    case Call::Ftruncate: return "ftruncate";
    case Call::Fallocate: return "fallocate";
    case Call::Rename: return "rename";
    case Call::Msync: return "msync";
    case Call::SyncFileRange: return "sync_file_range";
    case Call::Mremap: return "mremap";
    case Call::Unlink: return "unlink";
    case Call::CopyFileRange: return "copy_file_range";
    case Call::Count: break;
    }
    return "?";
}

void setInjector(Injector* injector) { g_injector.store(injector, std::memory_order_release); }

int open(const char* path, int flags, mode_t mode) {
    return through(Call::Open, -1, [&] { return ::open(path, flags, mode); });
}

ssize_t pwrite(int fd, const void* buf, std::size_t n, off_t at) {
    Injector* injector = g_injector.load(std::memory_order_acquire);
    if (injector) n = injector->allowBytes(n);
    return through(Call::Pwrite, ssize_t(-1), [&] { return ::pwrite(fd, buf, n, at); });
}

int fsync(int fd) {
    return through(Call::Fsync, -1, [&] { return ::fsync(fd); });
}

int fdatasync(int fd) {
    return through(Call::Fdatasync, -1, [&] { return ::fdatasync(fd); });
}

int ftruncate(int fd, off_t length) {
    return through(Call::Ftruncate, -1, [&] { return ::ftruncate(fd, length); });
}

int fallocate(int fd, int mode, off_t at, off_t length) {
    return through(Call::Fallocate, -1, [&] { return ::fallocate(fd, mode, at, length); });
}

int rename(const char* from, const char* to) {
    return through(Call::Rename, -1, [&] { return ::rename(from, to); });
}

int msync(void* at, std::size_t length, int flags) {
    return through(Call::Msync, -1, [&] { return ::msync(at, length, flags); });
}

int syncFileRange(int fd, off_t at, off_t length, unsigned flags) {
    return through(Call::SyncFileRange, -1, [&] { return ::sync_file_range(fd, at, length, flags); });
}

void* mremap(void* old, std::size_t oldLength, std::size_t newLength, int flags, void* newAddress) {
    return through(Call::Mremap, MAP_FAILED,
                   [&] { return ::mremap(old, oldLength, newLength, flags, newAddress); });
}

int unlink(const char* path) {
    return through(Call::Unlink, -1, [&] { return ::unlink(path); });
}

ssize_t copyFileRange(int in, off_t inAt, int out, off_t outAt, std::size_t n) {
    Injector* injector = g_injector.load(std::memory_order_acquire);
    if (injector) n = injector->allowBytes(n);
    return through(Call::CopyFileRange, ssize_t(-1), [&] {
        loff_t i = inAt, o = outAt;
        return ::copy_file_range(in, &i, out, &o, n, 0);
    });
}

} // namespace hexmap::sysio
