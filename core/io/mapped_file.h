// SPDX-License-Identifier: MIT
// MappedFile: RAII owner of one file descriptor and one mapping of the whole file.
//
// The mapping is the document: views read straight from data() and nothing copies the
// file. Three modes:
//   ReadOnly  - O_RDONLY, PROT_READ, MAP_SHARED.
//   Shared    - O_RDWR, PROT_READ|PROT_WRITE, MAP_SHARED: a store goes to the page cache,
//               so to the file and to every process that maps or reads it, at once.
//   Private   - PROT_READ|PROT_WRITE, MAP_PRIVATE: stores copy the page and stay in
//               this process until written back explicitly. Works on files we may only
//               read (the fd is then O_RDONLY and only "save as" can write).
// An empty file cannot be mapped: data() is then nullptr and size() is 0.
// Every mapping is registered with the fault guard, so a file truncated by another
// process reads as zeros past its new end instead of killing us (see fault_guard.h).
#pragma once

#include "map_region.h"
#include "result.h"
#include "unique_fd.h"

#include <cstdint>
#include <string>

namespace hexmap {

enum class OpenMode { ReadOnly, Shared, Private };

// "read-only", "shared", "private": the words the UI and the command line use.
const char* modeName(OpenMode mode);

class MappedFile {
public:
    // Opens and maps path. Never blocks on a FIFO; refuses directories, FIFOs, sockets,
    // devices and /proc-style files whose size is unknown, with a sentence that says so.
    static Result<MappedFile> open(const std::string& path, OpenMode mode);

    MappedFile() = default;
    MappedFile(MappedFile&& other) noexcept = default;
    MappedFile& operator=(MappedFile&& other) noexcept = default;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile() = default;

    bool isOpen() const { return m_fd.get() >= 0; }
    const std::string& path() const { return m_path; }
    OpenMode mode() const { return m_mode; }
    int fd() const { return m_fd.get(); }

    // Bytes in the document. 0 for an empty file (then data() is nullptr).
    std::uint64_t size() const { return m_map.size; }
    const std::uint8_t* data() const { return m_map.data; }
    // nullptr in ReadOnly mode.
    std::uint8_t* writableData() { return m_mode == OpenMode::ReadOnly ? nullptr : m_map.data; }

    // The file's size on disk now (fstat). May differ from size() when another process
    // grew or truncated it. Returns size() if fstat fails.
    std::uint64_t sizeOnDisk() const;

    // True when a read past the file's new end was absorbed by the fault guard: the
    // file shrank on disk and the lost bytes read as zeros.
    bool damaged() const;
    // True when the damage was a page the kernel could not provide inside the file (a
    // write into a hole on a full disk) rather than a truncation.
    bool writeFailed() const;

    // Whether the file could be opened for writing (for offering shared mode or "save").
    // In private mode the fd is then O_RDWR, so the owner may pwrite/ftruncate it.
    bool fileWritable() const { return m_fileWritable; }

    // --- changing the mapping (GUI thread; no worker may read data() meanwhile) -------
    // Every call below may move the mapping: data() is to be fetched again afterwards.

    // Makes the document newSize bytes long.
    //   Shared:  ftruncate(newSize), then mremap; the file changes at once.
    //   Private: the file is not touched. Bytes past the old size read as zeros
    //            (anonymous pages), even where the file still has bytes there; pages
    //            already edited (copy-on-write) below the new size are kept.
    //   ReadOnly: refused.
    // Refused when damaged(): the mapping no longer matches the file.
    // On failure the mapping is as it was (data() and size() unchanged).
    Status resize(std::uint64_t newSize);

    // Follows a file that grew on disk: maps up to sizeOnDisk() when that is larger than
    // size(). Private mode maps the file's new bytes (not zeros). Does nothing otherwise.
    Status growToFile();

    // Drops the mapping, every copy-on-write page with it, and maps the file again at its
    // current size on disk (private revert, or after the file was rewritten). Keeps the
    // protection set by protect(). Clears the damage mark.
    Status remapFresh();

    // mprotect: PROT_READ|PROT_WRITE when writable, PROT_READ otherwise. Remembered, so
    // mappings made later by resize/remapFresh get the same protection. Refused in
    // ReadOnly mode when writable is asked.
    Status protect(bool writable);
    bool writable() const { return m_writable; }

    // msync(MS_SYNC) of the pages covering [offset, offset+length) (clipped to size()).
    // Blocks until the bytes are on disk. Shared mode only; a no-op otherwise.
    Status sync(std::uint64_t offset, std::uint64_t length);

private:
    void unmap();
    // Maps [0, size) of the file afresh with the current protection (size > 0).
    Status mapFile(std::uint64_t size);
    // Records a new base/length with the fault guard (registers when there was none).
    void updateGuard();
    // Private grow when mremap cannot extend in place over several VMAs.
    Status movePrivate(std::size_t oldSpan, std::size_t newSpan);
    int prot() const;

    std::string m_path;
    OpenMode m_mode = OpenMode::ReadOnly;
    // Declared in this order so the mapping goes before its descriptor closes.
    UniqueFd m_fd;
    MapRegion m_map;
    bool m_fileWritable = false;
    bool m_writable = true; // protection requested by protect() (not in ReadOnly mode)
    bool m_holesTakeSpace = false; // tmpfs: reading a hole allocates a page
};

} // namespace hexmap
