// SPDX-License-Identifier: MIT
// sys_io: the system calls core makes on files and mappings, behind one seam.
//
// Every call that can fail in a save path (open, pwrite, fsync, fdatasync, ftruncate,
// fallocate, rename, msync, sync_file_range, mremap, copy_file_range, and the few around them) goes through
// these wrappers, so that a test can install an Injector and make any of them fail with
// any errno, cut a pwrite short, or stop the process right after a call (crash tests).
// The seam is a run-time hook rather than a link-time wrapper so that one test binary can
// walk every call of every save path; with no injector installed a wrapper costs one
// relaxed atomic load.
#pragma once

#include <cstddef>
#include <sys/types.h>

namespace hexmap::sysio {

enum class Call {
    Open,
    Pwrite,
    Fsync,
    Fdatasync,
    Ftruncate,
    Fallocate,
    Rename,
    Msync,
    SyncFileRange,
    Mremap,
    Unlink,
    CopyFileRange,
    Count
};
const char* callName(Call call);

// A test's hook. Called on whatever thread makes the call (Save As runs on a worker), so
// implementations must be thread-safe.
class Injector {
public:
    virtual ~Injector() = default;
    // Before the call: 0 lets it run; an errno makes it fail with that errno, unrun.
    virtual int before(Call call) = 0;
    // pwrite only: how many of the n bytes asked for may be written (a short write).
    virtual std::size_t allowBytes(std::size_t n) { return n; }
    // After a call that ran (whatever its result).
    virtual void after(Call) {}
};

// Installs an injector (nullptr removes it). For tests; not to be changed while another
// thread is inside a wrapper.
void setInjector(Injector* injector);

int open(const char* path, int flags, mode_t mode = 0);
ssize_t pwrite(int fd, const void* buf, std::size_t n, off_t at);
int fsync(int fd);
int fdatasync(int fd);
int ftruncate(int fd, off_t length);
int fallocate(int fd, int mode, off_t at, off_t length);
int rename(const char* from, const char* to);
int msync(void* at, std::size_t length, int flags);
int syncFileRange(int fd, off_t at, off_t length, unsigned flags);
void* mremap(void* old, std::size_t oldLength, std::size_t newLength, int flags,
             void* newAddress = nullptr);
int unlink(const char* path);
// copy_file_range(2) with explicit offsets: the kernel copies n bytes from in@inAt to
// out@outAt (a short copy, like a short pwrite, is the caller's to continue).
ssize_t copyFileRange(int in, off_t inAt, int out, off_t outAt, std::size_t n);

} // namespace hexmap::sysio
