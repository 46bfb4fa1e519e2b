// SPDX-License-Identifier: MIT
// Where a search's bytes come from: memory (a mapping) or a file descriptor (pread), and
// which parts of it are holes (known zeros that are never read, so that a search of a
// sparse disk image costs what its data costs and leaves no zero pages behind).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace hexmap {

// [start, end), in bytes.
struct Extent {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
};

// read() and dataAt() must be safe to call from several threads at once.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Bytes in the source; fixed for the duration of a search.
    virtual std::uint64_t size() const = 0;
    // Copies up to len bytes at offset into buf and returns how many were copied; fewer
    // than asked (before the end) means a read error. Blocks on I/O.
    virtual std::size_t read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const = 0;
    // The whole source as memory, when it is memory: then it is scanned in place. nullptr
    // when bytes must be read().
    virtual const std::uint8_t* direct() const { return nullptr; }
    // When the source is memory in pieces (a document after inserts and deletes): the bytes
    // of [from, to) in place, piece after piece, appended to `out` (at most maxRuns), so a
    // scan reads each piece where it lies and copies only the few bytes around a seam.
    // Returns where the runs end; `from` (nothing appended) when the bytes must be read()
    // (and for direct() sources, which need no pieces). Safe from several threads.
    virtual std::uint64_t runs(std::uint64_t from, std::uint64_t /*to*/, std::size_t /*maxRuns*/,
                               std::vector<std::span<const std::uint8_t>>& /*out*/) const {
        return from;
    }
    // The first stretch at or after `from` that may hold bytes other than zero; start >=
    // from, and {size, size} when there is none. Bytes outside these stretches are holes:
    // zeros, never to be read. The default: everything is data.
    virtual Extent dataAt(std::uint64_t from) const { return {from, size()}; }
    // Gives back the memory a scan of direct() made resident, where that is safe (the page
    // table entries of a shared file mapping: the page cache keeps the bytes). Default: none.
    virtual void releasePages() const {}
};

// Memory owned elsewhere (a mapping; must outlive the search). With `holesFd` (the file the
// memory maps, at offset 0) the file's holes are known; with `sharedFileMapping` the pages a
// scan touched can be given back (never for private copy-on-write memory).
class MemorySource final : public ByteSource {
public:
    MemorySource(const std::uint8_t* data, std::uint64_t size, int holesFd = -1,
                 bool sharedFileMapping = false)
        : m_data(data), m_size(size), m_fd(holesFd), m_shared(sharedFileMapping) {}
    std::uint64_t size() const override { return m_size; }
    std::size_t read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const override;
    const std::uint8_t* direct() const override { return m_data; }
    Extent dataAt(std::uint64_t from) const override;
    void releasePages() const override;

private:
    const std::uint8_t* m_data;
    std::uint64_t m_size;
    int m_fd;
    bool m_shared;
};

// A file descriptor (not owned; must stay open during the search), read with pread; its
// holes are found with lseek(SEEK_DATA / SEEK_HOLE). Measured on this machine (DESIGN.md)
// pread into a small buffer keeps its speed whether the page cache holds the file in 4 KiB
// or 2 MiB pages, where walking a mapping drops to ~2.5 GB/s.
class FdSource final : public ByteSource {
public:
    FdSource(int fd, std::uint64_t size) : m_fd(fd), m_size(size) {}
    std::uint64_t size() const override { return m_size; }
    std::size_t read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const override;
    Extent dataAt(std::uint64_t from) const override;

private:
    int m_fd;
    std::uint64_t m_size;
};

// The data stretch of file `fd` at or after `from`, clipped to [0, size): lseek SEEK_DATA
// then SEEK_HOLE. Where the file system cannot tell, everything from `from` is data.
// The part of another source from `base` on, with offsets counted from base: a search of
// what was appended to a growing file. The inner source must outlive it.
class TailSource final : public ByteSource {
public:
    TailSource(const ByteSource& inner, std::uint64_t base)
        : m_inner(inner), m_base(base < inner.size() ? base : inner.size()) {}
    std::uint64_t size() const override { return m_inner.size() - m_base; }
    std::size_t read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const override {
        return m_inner.read(m_base + offset, buf, len);
    }
    const std::uint8_t* direct() const override {
        const std::uint8_t* d = m_inner.direct();
        return d ? d + m_base : nullptr;
    }
    std::uint64_t runs(std::uint64_t from, std::uint64_t to, std::size_t maxRuns,
                       std::vector<std::span<const std::uint8_t>>& out) const override {
        return m_inner.runs(m_base + from, m_base + std::min(to, size()), maxRuns, out) - m_base;
    }
    Extent dataAt(std::uint64_t from) const override {
        const Extent e = m_inner.dataAt(m_base + from);
        return {e.start - m_base, e.end - m_base};
    }
    void releasePages() const override { m_inner.releasePages(); }

private:
    const ByteSource& m_inner;
    std::uint64_t m_base;
};

Extent fileDataAt(int fd, std::uint64_t from, std::uint64_t size);

// How to read a file that is both mapped and open, chosen by measuring, because the
// answer depends on how the kernel holds the file (DESIGN.md): a page cache filled by one
// big sequential read sits in 2 MiB folios, which a scan of the mapping walks at memory
// speed; one filled by small writes sits in 4 KiB pages, and a scan of the mapping takes
// a page fault every few KiB while pread keeps its speed. The probe times pread against a
// first-touch scan of the mapping on 8 MiB samples (about 2 ms on a cached file) and
// returns a MemorySource over `mapping` only when the samples are resident and the
// mapping is clearly faster; else an FdSource. Files under 64 MiB are not worth a probe.
// `mapping` may be nullptr; mapping and fd must outlive the source; the mapping must be a
// shared (or read-only) mapping of the whole file.
std::unique_ptr<ByteSource> chooseFileSource(const std::uint8_t* mapping, int fd,
                                             std::uint64_t size);

} // namespace hexmap
