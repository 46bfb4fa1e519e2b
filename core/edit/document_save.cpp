// SPDX-License-Identifier: MIT
// Document: saving. Shared save (the edits are in the page cache: get them to disk),
// private save (write the edits into the file, and put the old bytes back if anything
// fails before the save is complete), Save As (a temporary file, fsync, rename), and
// adopting the copy a Save As wrote.
#include "document.h"
#include "rewrite_in_place.h"

#include "file_writes.h"
#include "page_size.h"
#include "sys_io.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <mutex>
#include <random>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace hexmap {

using fileio::causeTail;
using fileio::quoted;

namespace {

// Save As writes `.NAME.hexmap-PID-RANDOM` beside the target. One whose process is gone
// was left by a Save As that died (killed, power cut); one of this process that no Save As
// is writing now was left by a failure that could not remove it (a folder made read-only
// under us). The next Save As to the same name removes both.
std::string tempPrefix(const std::string& name) { return "." + name + ".hexmap-"; }

std::mutex g_activeMutex;
std::set<std::string>& activeTemps() {
    static std::set<std::string> temps;
    return temps;
}

// Marks a temporary file as being written by this process until the end of its scope.
struct TempClaim {
    std::string path;
    ~TempClaim() {
        std::lock_guard lock(g_activeMutex);
        activeTemps().erase(path);
    }
};

void removeStaleTemps(const std::string& folder, const std::string& name) {
    DIR* dir = ::opendir(folder.c_str());
    if (!dir) return;
    const std::string prefix = tempPrefix(name);
    while (const dirent* entry = ::readdir(dir)) {
        const std::string file = entry->d_name;
        if (file.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string rest = file.substr(prefix.size());
        const auto dash = rest.find('-');
        if (dash == std::string::npos) continue;
        char* end = nullptr;
        const long pid = std::strtol(rest.c_str(), &end, 10);
        if (end != rest.c_str() + dash || pid <= 0) continue;
        const std::string path = folder + "/" + file;
        if (pid == ::getpid()) {
            std::lock_guard lock(g_activeMutex);
            if (activeTemps().count(path)) continue; // another Save As of ours writes it
        } else if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) {
            continue; // its process is alive: not ours to remove
        }
        (void)sysio::unlink(path.c_str());
    }
    ::closedir(dir);
}

// Creates the temporary file, exclusively; -1 with errno on failure.
int createTemp(const std::string& folder, const std::string& name, std::string& temp) {
    static thread_local std::mt19937 rng{std::random_device{}()};
    for (int attempt = 0; attempt < 100; ++attempt) {
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "%08x", static_cast<unsigned>(rng()));
        temp = folder + "/" + tempPrefix(name) + std::to_string(::getpid()) + "-" + suffix;
        const int fd = sysio::open(temp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    errno = EEXIST;
    return -1;
}

} // namespace

bool Document::canSave() const {
    return m_file.isOpen() && m_file.mode() != OpenMode::ReadOnly && m_file.fileWritable();
}

Status Document::saveShared() {
    // The edits are in the page cache already; what is left is to get the pages that
    // hold them to disk. One msync per run of pages would commit and flush the device
    // once per run (measured: 1,000 runs took 2.4x one msync of the whole mapping), so
    // start writeback of every run first, wait for all, then flush once with fdatasync
    // (which also writes a new size, metadata that msync does not promise to write).
    const std::uint64_t page = static_cast<std::uint64_t>(pageSize());
    std::vector<std::pair<std::uint64_t, std::uint64_t>> runs;
    for (const auto& [s, e] : m_modified.ranges()) {
        const std::uint64_t ps = s & ~(page - 1);
        const std::uint64_t pe = std::min(size(), (e + page - 1) & ~(page - 1));
        if (!runs.empty() && ps <= runs.back().second)
            runs.back().second = std::max(runs.back().second, pe);
        else
            runs.emplace_back(ps, pe);
    }
    const int fd = m_file.fd();
    auto fail = [&](int code) {
        return Error{code, "Could not write " + quoted(path()) + " to disk: " + errnoText(code) +
                               causeTail(code) + " The edits are in the file's cache and still "
                               "here; save again to retry."};
    };
    for (unsigned flags : {unsigned(SYNC_FILE_RANGE_WRITE),
                           unsigned(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                                    SYNC_FILE_RANGE_WAIT_AFTER)}) {
        for (const auto& [s, e] : runs)
            if (sysio::syncFileRange(fd, static_cast<off_t>(s), static_cast<off_t>(e - s), flags) != 0)
                return fail(errno);
    }
    if ((!runs.empty() || m_resized) && sysio::fdatasync(fd) != 0) return fail(errno);
    m_resized = false;
    return {};
}

// A private save in two phases.
//   A (undoable): read what the file holds where the edits go; write the edits (the file
//     grows where the document grew); fdatasync. Any failure puts the old bytes back and
//     the old size, so the file is as it was.
//   B (the commit): bytes the document lost since the last save (a shrink, then maybe a
//     grow) become holes, and the file takes the document's size; fdatasync. A failure here
//     is reported with what the file now holds.
//   The file's size: the document's when the user resized it; otherwise the larger of the
//     document's and the file's, so bytes another process appended are never cut off.
Status Document::savePrivate(bool cutAppended) {
    if (!m_file.fileWritable())
        return Error{EACCES, "You may not write to " + quoted(path()) + ". Use Save As to write "
                             "the edits to another file."};
    const int fd = m_file.fd();
    const std::uint64_t oldSize = sizeOnDisk();
    const bool resized = resizedSinceSave();
    if (resized && oldSize > m_knownDiskSize && !cutAppended)
        return Error{EEXIST, quoted(path()) + " grew on disk by " +
                                 std::to_string(oldSize - m_knownDiskSize) + " bytes since it was "
                                 "opened (another program appended to it), and you resized the "
                                 "document to " + std::to_string(size()) + " bytes. Saving "
                                 "would cut off or overwrite what the other program wrote, so "
                                 "nothing was saved. Confirm to save anyway, or use Save As."};
    const std::uint64_t newSize = resized ? size() : std::max(size(), oldSize);
    const auto writes = m_modified.ranges();

    struct Kept {
        std::uint64_t offset;
        std::vector<std::uint8_t> bytes;
    };
    std::vector<Kept> kept;
    for (const auto& [s, e] : writes) {
        if (s >= oldSize) break;
        Kept k{s, std::vector<std::uint8_t>(static_cast<std::size_t>(std::min(e, oldSize) - s))};
        if (!fileio::readAll(fd, k.bytes.data(), k.bytes.size(), s)) {
            const int code = errno;
            return Error{code, "Could not save " + quoted(path()) + ": reading it failed (" +
                                   errnoText(code) + "). Nothing was written; your edits are "
                                   "unchanged."};
        }
        kept.push_back(std::move(k));
    }
    // Phase A fails: put back every byte and the size, then say why.
    auto undone = [&](const Error& cause) -> Status {
        bool restored = true;
        for (const Kept& k : kept)
            restored = fileio::writeAll(fd, k.bytes.data(), k.bytes.size(), k.offset, path()).ok() &&
                       restored;
        if (sysio::ftruncate(fd, static_cast<off_t>(oldSize)) != 0) restored = false;
        if (sysio::fdatasync(fd) != 0) restored = false;
        // A size this save left behind is its own doing, not another program's append.
        m_knownDiskSize = std::max(m_knownDiskSize, sizeOnDisk());
        std::string text = "Could not save " + quoted(path()) + ": " + errnoText(cause.code) +
                           causeTail(cause.code);
        text += restored ? " The file was left as it was; your edits are still here."
                         : " The file could not be put back as it was either (the disk keeps "
                           "failing), so it may hold some of the edits; your edits are still "
                           "here: use Save As to keep them on another disk.";
        return Error{cause.code, text};
    };
    // A file that grows takes its new size first, so that at every moment its size is the
    // old one or the new one (a crash between two writes must not leave a third).
    if (newSize > oldSize && sysio::ftruncate(fd, static_cast<off_t>(newSize)) != 0)
        return undone(Error{errno, {}});
    for (const auto& [s, e] : writes) {
        const std::uint64_t end = std::min(e, size());
        for (std::uint64_t at = s; at < end;) {
            // Past the file's old end, all-zero stretches stay holes (the size is set below).
            const std::uint64_t chunkEnd = at < oldSize ? std::min(end, oldSize)
                                                        : std::min(end, at + (1u << 20));
            const auto n = static_cast<std::size_t>(chunkEnd - at);
            if (at < oldSize || !fileio::allZero(m_file.data() + at, n))
                if (Status st = fileio::writeAll(fd, m_file.data() + at, n, at, path()); !st)
                    return undone(st.error());
            at = chunkEnd;
        }
    }
    if (sysio::fdatasync(fd) != 0) return undone(Error{errno, {}});

    // Phase B: from here the file only moves towards the document.
    auto committed = [&](int code) {
        m_knownDiskSize = std::max(m_knownDiskSize, sizeOnDisk()); // as in undone()
        return Error{code, "Saving " + quoted(path()) + " stopped half-way: " + errnoText(code) +
                               causeTail(code) + " Your edits are written, but the part of the "
                               "file past offset " + std::to_string(m_minSize) + " may still "
                               "hold old bytes. Save again to finish; your edits are still here."};
    };
    // Only a resize by the user loses bytes (without one, m_minSize is the saved size and
    // what lies past it on disk is another program's appended data).
    const std::uint64_t lostEnd = resized ? std::min(oldSize, newSize) : 0;
    if (m_minSize < lostEnd) {
        // The document reads zeros in [minSize, lostEnd) except where it was edited since.
        std::uint64_t at = m_minSize;
        auto zero = [&](std::uint64_t from, std::uint64_t to) -> int {
            if (from >= to) return 0;
            if (sysio::fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                                 static_cast<off_t>(from), static_cast<off_t>(to - from)) == 0)
                return 0;
            if (errno != EOPNOTSUPP) return errno;
            static const std::uint8_t zeros[65536] = {};
            for (std::uint64_t p = from; p < to; p += sizeof zeros) {
                const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof zeros, to - p));
                if (Status st = fileio::writeAll(fd, zeros, n, p, path()); !st) return st.error().code;
            }
            return 0;
        };
        for (const auto& [s, e] : m_modified.overlapping(m_minSize, lostEnd)) {
            if (const int code = zero(at, s)) return committed(code);
            at = e;
        }
        if (const int code = zero(at, lostEnd)) return committed(code);
    }
    if (newSize < oldSize && sysio::ftruncate(fd, static_cast<off_t>(newSize)) != 0)
        return committed(errno);
    if (sysio::fdatasync(fd) != 0) return committed(errno);
    // The file now holds the document: map it afresh, which frees the private copies of
    // every edited page (and makes the mapping one piece that can follow growth again).
    if (m_file.remapFresh()) {
        m_resized = false;
        fitPiecesAtFlatEnd(); // steps kept for redo after the first insert
    }
    return {};
}

Status Document::save(bool cutAppended) {
    breakCoalescing();
    if (Status st = saveCheck(cutAppended); !st) return st;
    if (hasPieces()) return savePieces();
    const ChangeScope change(m_gate.get(), "save");
    if (!change) return change.status();
    if (Status st = mode() == OpenMode::Shared ? saveShared() : savePrivate(cutAppended); !st)
        return st;
    markSaved();
    return {};
}

Status Document::saveCheck(bool cutAppended) const {
    if (!m_file.isOpen()) return Error{EBADF, "No file is open."};
    if (mode() == OpenMode::ReadOnly)
        return Error{EROFS, quoted(path()) + " is open read-only; there is nothing to save."};
    if (damaged() && m_file.writeFailed())
        return Error{ENOSPC, "An edit to " + quoted(path()) + " could not be stored on disk (the "
                             "disk was full) and exists only here. Saving over the file would "
                             "lose it: use Save As to keep a copy on another disk."};
    if (Status st = checkIntact("Saving would write those zeros over the file, so nothing "
                                "was saved."); !st)
        return st;
    // The file is half of a save in place that did not finish: writing into it now would
    // be undone (or mixed up) by finishing that save later.
    if (rewriteUnfinished(path()))
        return Error{EBUSY, "An earlier save in place of " + quoted(path()) + " did not finish "
                            "(its record " + quoted(rewriteRecordPath(path())) + " is beside it), "
                            "so the file holds part old and part new bytes. Nothing was saved: "
                            "open the file again to finish that save first, or use Save As."};
    // Another file renamed over the path (an editor's save, a log rotation): writing would
    // go into the old file, which no longer has a name, and the user would find nothing.
    struct stat atPath, ours;
    const bool ourCopy = hasPieces() && ::stat(path().c_str(), &atPath) == 0 &&
                         m_unadoptedCopy == std::pair<std::uint64_t, std::uint64_t>(atPath.st_dev, atPath.st_ino);
    if (!ourCopy && ::fstat(m_file.fd(), &ours) == 0 &&
        (::stat(path().c_str(), &atPath) != 0 || atPath.st_ino != ours.st_ino ||
         atPath.st_dev != ours.st_dev))
        return Error{ESTALE, quoted(path()) + " was replaced on disk by another file (or "
                             "removed) while it was open, so saving would write into the old "
                             "file, which no longer has that name. Nothing was saved; your "
                             "edits are still here: use Save As to keep them, or Reload to see "
                             "the new file."};
    // Bytes moved, so the file is written whole, as the document is: what another program
    // appended meanwhile is not in it.
    if (const std::uint64_t appended = appendedOnDisk(); hasPieces() && appended > 0 && !cutAppended)
        return Error{EEXIST, quoted(path()) + " grew by " + std::to_string(appended) +
                                 " bytes on disk since it was opened (another program appended "
                                 "to it). Saving your inserts and deletes writes the document as "
                                 "you see it, which does not hold those bytes. Nothing was saved; "
                                 "confirm to save anyway, or use Save As."};
    return {};
}

Status Document::savePieces() {
    // Bytes moved: the file is rewritten whole. Through a copy beside it and a rename, so
    // a save killed at any instant leaves the old file or the new one, never a mix (the
    // in-place strategy that needs no second copy is issue 18's next step). The window
    // runs the same two halves itself: writeCopy on a worker, then adoptCopy.
    return finishSavePieces(writeCopy(path()));
}

Status Document::finishSavePieces(const Status& copied) {
    if (!copied) {
        // Before the rename the old file stands and this document is still its mapping.
        // After it (the folder's sync failed) the name holds the new file: switch to it as
        // a completed save does, and pass on the warning.
        struct stat atPath, ours;
        if (::fstat(m_file.fd(), &ours) != 0 || ::stat(path().c_str(), &atPath) != 0 ||
            (atPath.st_ino == ours.st_ino && atPath.st_dev == ours.st_dev))
            return copied;
    }
    if (Status st = adoptCopy(path()); !st) {
        struct stat atPath;
        if (::stat(path().c_str(), &atPath) == 0) m_unadoptedCopy = {atPath.st_dev, atPath.st_ino};
        return st;
    }
    m_unadoptedCopy = {0, 0};
    return copied;
}

Status Document::saveAs(const std::string& target) {
    breakCoalescing();
    if (Status st = writeCopy(target); !st) return st;
    return adoptCopy(target);
}

Status Document::writeCopy(const std::string& target, const CopyProgress& progress) const {
    if (!m_file.isOpen()) return Error{EBADF, "No file is open."};
    if (Status intact = checkIntact("A copy would hold those zeros as if they were the file's, "
                                    "so " + quoted(target) + " was not written."); !intact)
        return intact;
    struct stat st;
    const bool exists = ::stat(target.c_str(), &st) == 0;
    if ((exists && S_ISDIR(st.st_mode)) || target.empty() || target.back() == '/')
        return Error{EISDIR, quoted(target) + " is a folder. Choose a file name, not a folder."};
    const std::string folder = fileio::folderOf(target);
    const std::string name = fileio::baseName(target);
    removeStaleTemps(folder, name);
    std::string temp;
    int fd;
    {
        // Claimed as it is created, so that no sweep (another Save As) sees it unclaimed.
        std::lock_guard lock(g_activeMutex);
        fd = createTemp(folder, name, temp);
        if (fd >= 0) activeTemps().insert(temp);
    }
    const TempClaim claim{fd >= 0 ? temp : std::string()};
    if (fd < 0) {
        const int code = errno;
        if (code == ENOENT || code == ENOTDIR)
            return Error{code, "Could not save as " + quoted(target) + ": the folder " +
                                   quoted(folder) + " does not exist."};
        if (code == EACCES || code == EPERM || code == EROFS)
            return Error{code, "Could not save as " + quoted(target) + ": you may not create "
                               "files in the folder " + quoted(folder) + " (" +
                               errnoText(code) + "). Choose another folder."};
        return Error{code, "Could not save as " + quoted(target) + ": " + errnoText(code) +
                               causeTail(code)};
    }
    // Every failure removes the temporary file, and says so when it cannot.
    auto removeTemp = [&]() -> std::string {
        if (sysio::unlink(temp.c_str()) == 0 || errno == ENOENT) return {};
        const int code = errno;
        return " The temporary file " + quoted(temp) + " could not be removed (" +
               errnoText(code) + "); delete it, or save as " + quoted(name) +
               " again later, which removes it.";
    };
    auto failed = [&](int code, const std::string& why) -> Status {
        ::close(fd);
        const std::string left = removeTemp();
        // EFAULT from a write out of the mapping: the file was cut under the copy (pwrite
        // says so instead of raising SIGBUS). The original did change, so do not say it did not.
        if (code == EFAULT || !checkIntact({}).ok())
            return Error{EIO, "Could not save as " + quoted(target) + ": " + quoted(path()) +
                                  " shrank on disk while it was being copied (another program "
                                  "cut it), so the copy would hold zeros that were never in it. "
                                  "Nothing was written to " + quoted(target) + "; your edits are "
                                  "still here. Reload the file to see what it holds now." + left};
        return Error{code, "Could not save as " + quoted(target) + ": " +
                               (why.empty() ? errnoText(code) + causeTail(code) : why) +
                               " The original and your edits are unchanged." + left};
    };
    // Keep the permissions the target had, or else those of the file being edited.
    struct stat src;
    const mode_t perms = exists ? st.st_mode & 07777
                         : ::fstat(m_file.fd(), &src) == 0 ? src.st_mode & 0777
                                                            : 0644;
    if (::fchmod(fd, perms) != 0) return failed(errno, {});

    // A copy of bytes that vanished while it was read would hold invented zeros: refuse
    // when they are gone already, and watch for the file shrinking under the copy.
    // What to copy, as segments of the document in order: stretches that are the file's
    // own bytes, unedited (copied by the kernel, file to file, as cp does: copy_file_range,
    // no pass through this process), and the rest (edits, inserted bytes) read through the
    // view. The file's holes stay holes (SEEK_DATA), and so do stretches of zeros past its
    // end (a private document grown, a Zero piece); within the view's parts all-zero
    // blocks are skipped too.
    struct Segment {
        std::uint64_t start, end; // in the document
        bool fromFile;            // the file's bytes at fileAt, unedited
        std::uint64_t fileAt;
    };
    std::vector<Segment> segments;
    const std::uint64_t total = size();
    // Private: past the smallest size since the save the document is its edits and zeros
    // (the file's bytes there were cut off by a shrink).
    const std::uint64_t fromFile =
        mode() == OpenMode::Private ? std::min({m_minSize, total, sizeOnDisk()})
                                    : std::min(total, sizeOnDisk());
    const ByteView bytes = view();
    const int srcFd = m_file.fd();
    // The document's [docAt, docAt + (fileEnd - fileStart)) is the file's [fileStart,
    // fileEnd), but for the bytes edited in the mapping (m_modified, in file offsets).
    auto addFileStretch = [&](std::uint64_t fileStart, std::uint64_t fileEnd, std::uint64_t docAt) {
        auto addData = [&](std::uint64_t a, std::uint64_t b) { // unedited file bytes
            // Past fromFile the mapping is not the file's bytes (a private shrink and grow
            // left zeros there): that part goes through the view, after the file's part.
            const std::uint64_t fileEnd = std::max(a, std::min(b, fromFile));
            for (std::uint64_t at = a; at < fileEnd;) {
                const off_t dataAt = ::lseek(srcFd, static_cast<off_t>(at), SEEK_DATA);
                if (dataAt < 0 && errno == ENXIO) break;  // no data past `at`
                std::uint64_t s = at, e = fileEnd;        // cannot tell: copy it all
                if (dataAt >= 0) {
                    const off_t holeAt = ::lseek(srcFd, dataAt, SEEK_HOLE);
                    s = static_cast<std::uint64_t>(dataAt);
                    e = holeAt < 0 ? fileEnd : std::min<std::uint64_t>(static_cast<std::uint64_t>(holeAt), fileEnd);
                }
                if (s >= fileEnd) break;
                segments.push_back({docAt + (s - fileStart), docAt + (e - fileStart), true, s});
                at = e;
            }
            if (fileEnd < b) segments.push_back({docAt + (fileEnd - fileStart), docAt + (b - fileStart), false, 0});
        };
        std::uint64_t at = fileStart;
        for (const auto& [ms, me] : m_modified.overlapping(fileStart, fileEnd)) {
            const std::uint64_t s = std::max(ms, fileStart), e = std::min(me, fileEnd);
            addData(at, s);
            segments.push_back({docAt + (s - fileStart), docAt + (e - fileStart), false, 0});
            at = e;
        }
        addData(at, fileEnd);
    };
    if (hasPieces()) {
        bytes.pieces(0, total, [&](std::uint64_t s, std::uint64_t e, const Piece& p) {
            if (p.source == Piece::Source::File) addFileStretch(p.offset, p.offset + (e - s), s);
            else if (p.source == Piece::Source::Added) segments.push_back({s, e, false, 0});
        });
    } else {
        addFileStretch(0, fromFile, 0);
        for (const auto& [ms, me] : m_modified.overlapping(fromFile, total))
            segments.push_back({std::max(ms, fromFile), std::min(me, total), false, 0});
    }
    std::vector<std::uint8_t> scratch;
    constexpr std::size_t kChunk = 1 << 20;
    std::uint64_t toCopy = 0, copied = 0;
    for (const Segment& g : segments) toCopy += g.end - g.start;
    bool kernelCopy = true; // until the kernel says it cannot (another file system, old kernel)
    for (const Segment& g : segments) {
        for (std::uint64_t at = g.start; at < g.end;) {
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, g.end - at));
            std::size_t done = 0;
            while (g.fromFile && kernelCopy && done < n) {
                const ssize_t c = sysio::copyFileRange(srcFd, static_cast<off_t>(g.fileAt + (at - g.start) + done),
                                                       fd, static_cast<off_t>(at + done), n - done);
                if (c < 0 && errno == EINTR) continue;
                if (c < 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS ||
                              errno == EOPNOTSUPP || errno == EBADF)) {
                    kernelCopy = false; // the rest goes through the view
                    break;
                }
                if (c < 0) return failed(errno, {});
                if (c == 0) return failed(EFAULT, {}); // the file ended early: it shrank
                done += static_cast<std::size_t>(c);
            }
            if (done < n) {
                const auto chunk = bytes.bytes(at + done, n - done, scratch);
                if (!fileio::allZero(chunk.data(), chunk.size()))
                    if (Status w = fileio::writeAll(fd, chunk.data(), chunk.size(), at + done, temp); !w)
                        return failed(w.error().code, {});
            }
            at += n;
            copied += n;
            if (progress && !progress(copied, toCopy)) {
                ::close(fd);
                const std::string left = removeTemp();
                return Error{ECANCELED, "Save As was cancelled: " + quoted(target) +
                                            " was not written, and your edits are unchanged." +
                                            left};
            }
        }
    }
    if (!checkIntact({}).ok() || (mode() != OpenMode::Private && sizeOnDisk() < fromFile))
        return failed(EIO, {});
    if (sysio::ftruncate(fd, static_cast<off_t>(total)) != 0) return failed(errno, {});
    if (sysio::fsync(fd) != 0) return failed(errno, {});
    if (::close(fd) != 0) {
        const int code = errno;
        const std::string left = removeTemp();
        return Error{code, "Could not save as " + quoted(target) + ": " + errnoText(code) +
                               causeTail(code) + " The original and your edits are unchanged." + left};
    }
    if (sysio::rename(temp.c_str(), target.c_str()) != 0) {
        const int code = errno;
        const std::string left = removeTemp();
        return Error{code, "Could not save as " + quoted(target) + ": " + errnoText(code) +
                               causeTail(code) + " The original and your edits are unchanged." + left};
    }
    // The rename is durable only once the folder is synced.
    if (const int code = fileio::syncFolder(folder); code != 0)
        return Error{code, "Saved as " + quoted(target) + ", but its folder could not be synced ("
                               + errnoText(code) + "), so the new name may not survive a crash. "
                               "Your edits are still here; save again to be sure."};
    return {};
}

Status Document::adoptCopy(const std::string& target) {
    breakCoalescing();
    const ChangeScope change(m_gate.get(), "switch to the saved copy");
    if (!change) return change.status();
    auto reopened = MappedFile::open(target, mode());
    if (!reopened)
        return Error{reopened.error().code,
                     "The document was saved as " + quoted(target) + " but could not be opened "
                     "again: " + reopened.error().message};
    MappedFile next = std::move(reopened.value());
    if (m_locked) (void)next.protect(false);
    // Shared mode: the unsaved edits are in the original file too. Put its saved bytes
    // back (walk the journal back to the save point on the old mapping, sync), then return
    // the journal to where it was: the copy holds the edits, and undo still works there.
    m_originalKeptEdits = false;
    if (mode() == OpenMode::Shared && isModified() && !damaged()) {
        if (m_savePos == kNoSavePoint || m_locked) {
            m_originalKeptEdits = true;
        } else {
            const std::size_t here = m_pos;
            Status restored;
            while (restored && m_pos > m_savePos) restored = undoStep();
            while (restored && m_pos < m_savePos) restored = redoStep();
            if (restored) restored = saveShared();
            // Forward again to where the document was: the copy holds these bytes.
            seekJournal(here);
            if (!restored) m_originalKeptEdits = true;
        }
    }
    m_file = std::move(next);
    m_resized = false;
    if (m_pieces) {
        // The new file holds the bytes where the pieces put them; the flat journal's offsets
        // and the pieces' snapshots describe the old file, so the history starts here.
        m_pieces.reset();
        clearJournal();
        m_savePos = 0;
    }
    markSaved();
    return {};
}

} // namespace hexmap
