// SPDX-License-Identifier: MIT
// A child process for the fault guard's tests: what happens to a SIGBUS that is not ours
// can only be watched from outside (it must kill, or reach the handler installed before
// the guard). A plain program, so no test framework's own crash handler is in the chain.
//   fault_guard_child foreign PATH   a fault in a mapping the guard does not know: dies
//   fault_guard_child raise          a SIGBUS raised by hand: dies
//   fault_guard_child chain PATH     a guarded fault is absorbed; then a foreign one reaches
//                                    the handler installed before the guard (exit 42)
#include "fault_guard.h"
#include "mapped_file.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace {
const long kPage = sysconf(_SC_PAGESIZE);

void earlierHandler(int) { _exit(42); }

// Maps 4 pages of path without telling the guard, truncates the file and reads.
int foreignFault(const char* path) {
    const int fd = ::open(path, O_RDWR);
    if (fd < 0) return 3;
    auto* p = static_cast<volatile unsigned char*>(
        ::mmap(nullptr, static_cast<size_t>(4 * kPage), PROT_READ, MAP_SHARED, fd, 0));
    if (p == MAP_FAILED || ::ftruncate(fd, 0) != 0) return 3;
    return p[2 * kPage] == 0 ? 0 : 1; // SIGBUS here
}

bool writePages(const char* path) {
    const int fd = ::open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return false;
    const std::string bytes(static_cast<size_t>(4 * kPage), 'F');
    const bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
    ::close(fd);
    return ok;
}
} // namespace

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    const std::string mode = argv[1];
    if (mode == "raise") {
        hexmap::fault_guard::install();
        ::raise(SIGBUS);
        return 0;
    }
    if (argc < 3 || !writePages(argv[2])) return 2;
    if (mode == "foreign") {
        hexmap::fault_guard::install();
        return foreignFault(argv[2]);
    }
    if (mode == "chain") {
        struct sigaction sa {};
        sa.sa_handler = earlierHandler;
        sigemptyset(&sa.sa_mask);
        ::sigaction(SIGBUS, &sa, nullptr);
        auto guarded = hexmap::MappedFile::open(argv[2], hexmap::OpenMode::ReadOnly);
        if (!guarded) return 4;
        if (::truncate(argv[2], 0) != 0) return 4;
        if (guarded.value().data()[3 * kPage] != 0 || !guarded.value().damaged()) return 5;
        if (!writePages(argv[2])) return 2;
        return foreignFault(argv[2]);
    }
    return 2;
}
