// SPDX-License-Identifier: MIT
#include "byte_source.h"

#include "page_size.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace hexmap {

std::size_t MemorySource::read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const {
    if (offset >= m_size) return 0;
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(len, m_size - offset));
    std::memcpy(buf, m_data + offset, n);
    return n;
}

Extent MemorySource::dataAt(std::uint64_t from) const {
    if (m_fd < 0) return {std::min(from, m_size), m_size};
    return fileDataAt(m_fd, from, m_size);
}

void MemorySource::releasePages() const {
    // Drops only this process's page table entries of a shared file mapping: the bytes stay
    // in the page cache (and in the file). Never for private memory, where it would drop
    // copy-on-write edits.
    if (!m_shared || !m_data || m_size == 0) return;
    const auto start = reinterpret_cast<std::uintptr_t>(m_data) & ~std::uintptr_t(pageSize() - 1);
    const auto end = reinterpret_cast<std::uintptr_t>(m_data) + m_size;
    (void)::madvise(reinterpret_cast<void*>(start), end - start, MADV_DONTNEED);
}

std::size_t FdSource::read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const {
    std::size_t done = 0;
    while (done < len) {
        const ssize_t n = ::pread(m_fd, buf + done, len - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break; // error or end of file: the caller sees a short count
        done += static_cast<std::size_t>(n);
    }
    return done;
}

Extent FdSource::dataAt(std::uint64_t from) const { return fileDataAt(m_fd, from, m_size); }

Extent fileDataAt(int fd, std::uint64_t from, std::uint64_t size) {
    if (from >= size) return {size, size};
    // lseek moves the descriptor's offset, which nothing else here uses (reads are preads).
    const off_t data = ::lseek(fd, static_cast<off_t>(from), SEEK_DATA);
    if (data < 0) {
        struct stat st;
        // Nothing but holes from here, unless the file is now shorter than the source
        // says (truncated under us): then "data", so that reading it reports the loss.
        if (errno == ENXIO && ::fstat(fd, &st) == 0 && static_cast<std::uint64_t>(st.st_size) >= size)
            return {size, size};
        return {from, size}; // cannot tell: all data
    }
    const auto start = std::min<std::uint64_t>(static_cast<std::uint64_t>(data), size);
    const off_t hole = ::lseek(fd, data, SEEK_HOLE);
    const std::uint64_t end = hole < 0 ? size : std::min<std::uint64_t>(static_cast<std::uint64_t>(hole), size);
    return {start, std::max(start, end)};
}

namespace {

double secondsNow() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

bool resident(const std::uint8_t* start, std::size_t len) {
    const std::size_t page = pageSize();
    std::vector<unsigned char> vec((len + page - 1) / page);
    if (::mincore(const_cast<std::uint8_t*>(start), len, vec.data()) != 0) return false;
    for (unsigned char v : vec)
        if (!(v & 1)) return false;
    return true;
}

// Reads every byte of [p, p + n) (n a multiple of 8) and folds them into one word: the
// probe's stand-in for a scan. It must not stop early (memchr for a byte did, at once on
// binary data, so the mapping's side of the probe cost nothing and was always chosen,
// though reading a mapping of 4 KiB pages was 5x slower than pread here).
std::uint64_t foldWords(const std::uint8_t* p, std::size_t n) {
    std::uint64_t acc = 0;
    for (std::size_t i = 0; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        acc ^= w;
    }
    return acc;
}

} // namespace

std::unique_ptr<ByteSource> chooseFileSource(const std::uint8_t* mapping, int fd,
                                             std::uint64_t size) {
    constexpr std::uint64_t kSample = 8u << 20;
    constexpr std::uint64_t kAlign = 2u << 20;
    if (!mapping || size < 64u << 20) return std::make_unique<FdSource>(fd, size);
    const std::uint64_t a = (size / 4) & ~(kAlign - 1); // pread sample
    const std::uint64_t b = (size / 2) & ~(kAlign - 1); // mapping sample
    // A file that is not in the page cache is read from disk either way, and pread's
    // readahead serves that better than page faults.
    if (!resident(mapping + a, kSample) || !resident(mapping + b, kSample))
        return std::make_unique<FdSource>(fd, size);
    std::vector<std::uint8_t> buf(1u << 20);
    std::uint64_t sink = 0;
    const double t0 = secondsNow();
    for (std::uint64_t off = a; off < a + kSample; off += buf.size()) {
        const ssize_t n = ::pread(fd, buf.data(), buf.size(), static_cast<off_t>(off));
        if (n <= 0) return std::make_unique<FdSource>(fd, size);
        sink += foldWords(buf.data(), static_cast<std::size_t>(n));
    }
    const double t1 = secondsNow();
    sink += foldWords(mapping + b, kSample);
    const double t2 = secondsNow();
    asm volatile("" : : "r"(sink)); // keep the scans
    if ((t2 - t1) < 0.8 * (t1 - t0))
        return std::make_unique<MemorySource>(mapping, size, fd, true);
    return std::make_unique<FdSource>(fd, size);
}

} // namespace hexmap
