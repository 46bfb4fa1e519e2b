// SPDX-License-Identifier: MIT
#include "rewrite_in_place.h"

#include "file_writes.h"
#include "sys_io.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace hexmap {

using fileio::causeTail;
using fileio::quoted;

namespace {

constexpr char kMagic[8] = {'H', 'X', 'M', 'R', 'W', 'R', 'T', '1'};
constexpr std::uint64_t kNone = ~std::uint64_t{0};
constexpr std::uint64_t kHeaderCopy = 512; // two copies, at 0 and 512
constexpr std::uint64_t kStepsAt = 4096;
constexpr std::uint64_t kStepBytes = 32;

std::uint64_t alignUp(std::uint64_t v) { return (v + 4095) & ~std::uint64_t{4095}; }

struct Header {
    char magic[8];
    std::uint64_t seq;
    std::uint64_t dev, ino;
    std::uint64_t oldSize, newSize;
    std::uint64_t chunk;
    std::uint64_t steps;      // in the order they run
    std::uint64_t bytes;      // the bytes from memory, in run order
    std::uint64_t slotSize;   // 0 when no chunk overlaps its own source
    std::uint64_t done;       // chunks written and synced
    std::uint64_t slotChunk;  // the chunk whose source is in slot (slotChunk % 2), or kNone
    std::uint64_t slotLength;
    std::uint64_t check;

    std::uint64_t sum() const {
        // FNV-1a over every field before `check`.
        std::uint64_t h = 1469598103934665603ull;
        const auto* p = reinterpret_cast<const unsigned char*>(this);
        for (std::size_t i = 0; i < offsetof(Header, check); ++i) h = (h ^ p[i]) * 1099511628211ull;
        return h;
    }
    std::uint64_t bytesAt() const { return alignUp(kStepsAt + steps * kStepBytes); }
    std::uint64_t slotAt(std::uint64_t chunkIndex) const {
        return alignUp(bytesAt() + bytes) + (chunkIndex % 2) * slotSize;
    }
};
static_assert(sizeof(Header) <= kHeaderCopy);

struct Step {
    std::uint64_t from, dst, src, length; // src: a file offset, or (Memory) one in the record
};

bool backwards(const Step& s) {
    return s.from == std::uint64_t(RewriteStretch::From::File) && s.dst > s.src;
}
std::uint64_t shiftOf(const Step& s) { return s.dst > s.src ? s.dst - s.src : s.src - s.dst; }

// The k-th chunk of a step, in the order it runs: [offset, offset + length) of the step.
void chunkOf(const Step& s, std::uint64_t chunk, std::uint64_t k, std::uint64_t* offset,
             std::uint64_t* length) {
    if (!backwards(s)) {
        *offset = k * chunk;
        *length = std::min(chunk, s.length - *offset);
        return;
    }
    const std::uint64_t end = s.length - k * chunk;
    *offset = end > chunk ? end - chunk : 0;
    *length = end - *offset;
}
std::uint64_t chunksOf(const Step& s, std::uint64_t chunk) { return (s.length + chunk - 1) / chunk; }
bool selfOverlapping(const Step& s, std::uint64_t length) {
    return s.from == std::uint64_t(RewriteStretch::From::File) && shiftOf(s) < length;
}

std::string errorSentence(const std::string& path, int code) {
    return "Could not save " + quoted(path) + " in place: " + errnoText(code) + causeTail(code);
}

// One rewrite under way (a fresh one, or one a record describes).
struct Rewrite {
    std::string path, recordPath;
    int fd = -1, record = -1;
    Header h{};
    std::vector<Step> steps;
    RewriteProgress progress;
    bool* touched = nullptr;
    bool wrote = false;     // the file itself was written
    bool completed = false; // every chunk is in place; only the record's removal is left

    ~Rewrite() {
        if (record >= 0) ::close(record);
    }

    Status fail(int code, const std::string& doing) const {
        return Error{code, errorSentence(path, code) + " (" + doing + ")"};
    }

    Status writeHeader() {
        ++h.seq;
        h.check = h.sum();
        return fileio::writeAll(record, reinterpret_cast<const std::uint8_t*>(&h), sizeof h,
                                (h.seq % 2) * kHeaderCopy, recordPath);
    }

    Status syncRecord() {
        if (sysio::fsync(record) != 0) return fail(errno, "syncing the save's record");
        return {};
    }

    // The new size, before the moves (they may land past the old end).
    Status grow() {
        struct stat st;
        if (::fstat(fd, &st) != 0) return fail(errno, "reading the file's size");
        if (std::uint64_t(st.st_size) >= h.newSize) return {};
        const off_t at = st.st_size, n = off_t(h.newSize) - st.st_size;
        if (sysio::fallocate(fd, 0, at, n) == 0) return {};
        if (errno != EOPNOTSUPP && errno != ENOSYS) return fail(errno, "making room for the larger file");
        if (sysio::ftruncate(fd, off_t(h.newSize)) != 0) return fail(errno, "making the file larger");
        return {};
    }

    // Chunks from h.done to the end. `recovering`: chunk h.done may be half written, its
    // source then in the slot the header names.
    Status run(bool recovering) {
        std::uint64_t total = 0, done = 0, g = 0;
        for (const Step& s : steps) total += s.length;
        std::unique_ptr<std::uint8_t[]> buf(new std::uint8_t[std::size_t(std::min(h.chunk, std::max<std::uint64_t>(total, 1)))]);
        const std::uint64_t firstChunk = h.done;
        for (const Step& s : steps) {
            const std::uint64_t n = chunksOf(s, h.chunk);
            if (g + n <= firstChunk) {
                g += n;
                done += s.length;
                continue;
            }
            for (std::uint64_t k = 0; k < n; ++k, ++g) {
                std::uint64_t off, len;
                chunkOf(s, h.chunk, k, &off, &len);
                if (g < firstChunk) {
                    done += len;
                    continue;
                }
                auto* p = buf.get();
                const std::size_t ln = std::size_t(len);
                const bool overlap = selfOverlapping(s, len);
                const bool fromSlot = recovering && g == firstChunk && h.slotChunk == g;
                bool ok = true;
                if (fromSlot) ok = fileio::readAll(record, p, ln, h.slotAt(g));
                else if (s.from == std::uint64_t(RewriteStretch::From::File)) ok = fileio::readAll(fd, p, ln, s.src + off);
                else if (s.from == std::uint64_t(RewriteStretch::From::Memory)) ok = fileio::readAll(record, p, ln, h.bytesAt() + s.src + off);
                else std::memset(p, 0, ln);
                if (!ok) return fail(errno, "reading the bytes to move");
                // The record says where the rewrite stands before the file changes there.
                if (!(g == firstChunk && !overlap && !fromSlot)) {
                    if (overlap && !fromSlot) {
                        if (Status st = fileio::writeAll(record, p, ln, h.slotAt(g), recordPath); !st) return st;
                        // The slot on disk before the header that points at it: one fsync
                        // for both could land the header alone (power lost meanwhile), and
                        // recovery would then copy a stale slot into the file.
                        if (Status st = syncRecord(); !st) return st;
                    }
                    h.done = g;
                    h.slotChunk = overlap ? g : kNone;
                    h.slotLength = len;
                    if (Status st = writeHeader(); !st) return st;
                    if (Status st = syncRecord(); !st) return st;
                }
                wrote = true;
                if (touched) *touched = true;
                if (Status st = fileio::writeAll(fd, p, ln, s.dst + off, path); !st) return st;
                if (sysio::fdatasync(fd) != 0) return fail(errno, "syncing the file");
                done += len;
                if (progress) (void)progress(done, total);
            }
        }
        struct stat st;
        if (::fstat(fd, &st) != 0) return fail(errno, "reading the file's size");
        if (std::uint64_t(st.st_size) > h.newSize) {
            // Every chunk is done: say so before the cut, which takes the sources of the
            // last chunks with it (a recovery must not redo them).
            if (h.done != g) {
                h.done = g;
                h.slotChunk = kNone;
                if (Status s = writeHeader(); !s) return s;
                if (Status s = syncRecord(); !s) return s;
            }
            if (sysio::ftruncate(fd, off_t(h.newSize)) != 0) return fail(errno, "cutting the file to its new size");
            if (sysio::fdatasync(fd) != 0) return fail(errno, "syncing the file");
        }
        completed = true;
        return removeRecord();
    }

    Status removeRecord() {
        if (record >= 0) ::close(record);
        record = -1;
        if (sysio::unlink(recordPath.c_str()) != 0 && errno != ENOENT)
            return fail(errno, "removing the save's record " + quoted(recordPath) +
                                   "; the file is saved, delete the record by hand");
        (void)fileio::syncFolder(fileio::folderOf(path));
        return {};
    }
};

bool readHeader(int record, Header* out) {
    Header best{};
    bool found = false;
    for (int copy = 0; copy < 2; ++copy) {
        Header h{};
        if (!fileio::readAll(record, reinterpret_cast<std::uint8_t*>(&h), sizeof h, copy * kHeaderCopy)) continue;
        if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.check != h.sum()) continue;
        if (!found || h.seq > best.seq) best = h;
        found = true;
    }
    if (found) *out = best;
    return found;
}

} // namespace

std::string rewriteRecordPath(const std::string& path) {
    const std::string folder = fileio::folderOf(path);
    return (folder == "/" ? "" : folder) + "/." + fileio::baseName(path) + ".hexmap-rewrite";
}

bool rewriteUnfinished(const std::string& path) {
    return ::access(rewriteRecordPath(path).c_str(), F_OK) == 0;
}

std::string rewriteLayoutProblem(const std::vector<RewriteStretch>& layout, std::uint64_t oldSize) {
    std::uint64_t at = 0, lastSrcEnd = 0;
    for (const RewriteStretch& s : layout) {
        if (s.length == 0) return "an empty stretch";
        if (s.dst != at) return "stretches out of order or with gaps";
        at += s.length;
        if (s.from != RewriteStretch::From::File) continue;
        if (s.src < lastSrcEnd) return "the file's bytes are out of order";
        if (s.src + s.length > oldSize) return "bytes past the file's end";
        lastSrcEnd = s.src + s.length;
    }
    return {};
}

Status rewriteInPlace(int fd, const std::string& path, std::uint64_t oldSize,
                      const std::vector<RewriteStretch>& layout, const RewriteRead& read,
                      const RewriteProgress& progress, bool* touched, const RewriteOptions& options) {
    if (touched) *touched = false;
    if (const std::string why = rewriteLayoutProblem(layout, oldSize); !why.empty())
        return Error{EINVAL, "Could not save " + quoted(path) + " in place: " + why + "."};
    Rewrite w;
    w.path = path;
    w.recordPath = rewriteRecordPath(path);
    w.fd = fd;
    w.progress = progress;
    w.touched = touched;
    if (rewriteUnfinished(path))
        return Error{EEXIST, "Could not save " + quoted(path) + " in place: an earlier save of it "
                             "did not finish (its record " + quoted(w.recordPath) + " is there). "
                             "Open the file again to finish that save first."};

    // The steps in the order they run (see the header): left movers front to back, right
    // movers back to front, then the bytes from memory and the zeros. A stretch that stays
    // where it is, and zeros past the old end (the grown file reads as zeros), need nothing.
    std::vector<Step> left, right, rest;
    std::uint64_t newSize = 0, memoryBytes = 0, slotSize = 0;
    const std::uint64_t chunk = std::max<std::uint64_t>(options.chunk, 1);
    for (const RewriteStretch& s : layout) {
        newSize = s.dst + s.length;
        if (s.from == RewriteStretch::From::File) {
            if (s.src == s.dst) continue;
            const Step step{std::uint64_t(s.from), s.dst, s.src, s.length};
            if (shiftOf(step) < std::min(chunk, s.length)) slotSize = std::min(chunk, std::max(slotSize, s.length));
            (s.dst < s.src ? left : right).push_back(step);
        } else if (s.from == RewriteStretch::From::Memory) {
            rest.push_back({std::uint64_t(s.from), s.dst, memoryBytes, s.length});
            memoryBytes += s.length;
        } else if (s.dst < oldSize) {
            rest.push_back({std::uint64_t(s.from), s.dst, 0, std::min(s.length, oldSize - s.dst)});
        }
    }
    std::reverse(right.begin(), right.end());
    w.steps = std::move(left);
    w.steps.insert(w.steps.end(), right.begin(), right.end());
    w.steps.insert(w.steps.end(), rest.begin(), rest.end());

    struct stat st;
    if (::fstat(fd, &st) != 0) return Error{errno, errorSentence(path, errno)};
    std::memcpy(w.h.magic, kMagic, sizeof kMagic);
    w.h.dev = st.st_dev;
    w.h.ino = st.st_ino;
    w.h.oldSize = oldSize;
    w.h.newSize = newSize;
    w.h.chunk = chunk;
    w.h.steps = w.steps.size();
    w.h.bytes = memoryBytes;
    w.h.slotSize = slotSize;
    w.h.done = 0;
    w.h.slotChunk = kNone;

    // Until the file is first written, every failure removes the record and leaves the
    // file as it was.
    auto abandon = [&](Status why, const std::string& note = " Nothing was changed.") -> Status {
        if (w.record >= 0) ::close(w.record);
        w.record = -1;
        // Its name gone for good too: a record that came back after a power cut would
        // finish, at the next open, a save the user was told had not happened.
        if (sysio::unlink(w.recordPath.c_str()) == 0) (void)fileio::syncFolder(fileio::folderOf(path));
        if (::fstat(fd, &st) == 0 && std::uint64_t(st.st_size) > oldSize)
            (void)sysio::ftruncate(fd, off_t(oldSize));
        return Error{why.error().code, why.error().message + note};
    };
    w.record = sysio::open(w.recordPath.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (w.record < 0)
        return Error{errno, "Could not save " + quoted(path) + " in place: its record " +
                                quoted(w.recordPath) + " could not be made (" + errnoText(errno) +
                                ")" + causeTail(errno) + " Nothing was changed."};
    {
        std::vector<std::uint8_t> table(std::size_t(w.steps.size() * kStepBytes));
        for (std::size_t i = 0; i < w.steps.size(); ++i)
            std::memcpy(table.data() + i * kStepBytes, &w.steps[i], kStepBytes);
        if (Status s = fileio::writeAll(w.record, table.data(), table.size(), kStepsAt, w.recordPath); !s)
            return abandon(s);
        // The bytes from memory, read through the caller in 1 MiB pieces.
        std::vector<std::uint8_t> piece(std::size_t(std::min<std::uint64_t>(memoryBytes, 1 << 20)));
        std::uint64_t total = memoryBytes;
        for (const Step& s : w.steps) if (s.from != std::uint64_t(RewriteStretch::From::Memory)) total += s.length;
        for (const Step& s : w.steps) {
            if (s.from != std::uint64_t(RewriteStretch::From::Memory)) continue;
            for (std::uint64_t off = 0; off < s.length;) {
                const std::size_t n = std::size_t(std::min<std::uint64_t>(piece.size(), s.length - off));
                if (!read(s.dst + off, piece.data(), n))
                    return abandon(Error{errno, "Could not save " + quoted(path) + " in place: reading "
                                                "the edited bytes failed (" + errnoText(errno) + ")."});
                if (Status ws = fileio::writeAll(w.record, piece.data(), n, w.h.bytesAt() + s.src + off, w.recordPath); !ws)
                    return abandon(ws);
                off += n;
            }
            if (progress && !progress(0, total))
                return abandon(Error{ECANCELED, "The save of " + quoted(path) + " was cancelled."},
                               " The file is as it was, and your edits are unchanged.");
        }
    }
    // The plan and the bytes on disk before any header that makes them a record to carry out.
    if (Status s = w.syncRecord(); !s) return abandon(s);
    // Room for the slots now, so that a full disk stops the save before the file changes.
    if (slotSize > 0 && sysio::fallocate(w.record, 0, off_t(w.h.slotAt(0)), off_t(2 * slotSize)) != 0 &&
        errno != EOPNOTSUPP && errno != ENOSYS)
        return abandon(w.fail(errno, "making room for its record"));
    // Both header copies, then the record and its name on disk before the file changes.
    if (Status s = w.writeHeader(); !s) return abandon(s);
    if (Status s = w.writeHeader(); !s) return abandon(s);
    if (Status s = w.syncRecord(); !s) return abandon(s);
    if (const int code = fileio::syncFolder(fileio::folderOf(path)); code != 0)
        return abandon(w.fail(code, "syncing the folder"));
    if (progress && !progress(0, 1))
        return abandon(Error{ECANCELED, "The save of " + quoted(path) + " was cancelled."},
                       " The file is as it was, and your edits are unchanged.");
    if (Status s = w.grow(); !s) return abandon(s);
    const Status ran = w.run(false);
    if (!ran && w.completed) return ran; // saved; only the record could not be removed
    if (!ran && w.wrote)
        return Error{ran.error().code, ran.error().message + " The save stopped part way; its record " +
                                           quoted(w.recordPath) + " holds the rest, and opening the "
                                           "file again finishes it."};
    if (!ran) return abandon(ran);
    return ran;
}

Status finishRewrite(const std::string& path, const RewriteProgress& progress) {
    Rewrite w;
    w.path = path;
    w.recordPath = rewriteRecordPath(path);
    w.progress = progress;
    w.record = sysio::open(w.recordPath.c_str(), O_RDWR | O_CLOEXEC);
    if (w.record < 0)
        return Error{errno, "Could not finish the save of " + quoted(path) + ": its record " +
                                quoted(w.recordPath) + " could not be opened (" + errnoText(errno) + ")."};
    if (!readHeader(w.record, &w.h)) {
        // Its headers are the last thing written before the file is touched (and synced
        // before it): a record without one is a save that died before it changed anything.
        ::close(w.record);
        w.record = -1;
        if (sysio::unlink(w.recordPath.c_str()) != 0 && errno != ENOENT)
            return Error{errno, "The save of " + quoted(path) + " had not started, but its "
                                "record " + quoted(w.recordPath) + " could not be removed (" +
                                errnoText(errno) + ")."};
        return {};
    }
    const int fd = sysio::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return Error{errno, "Could not finish the save of " + quoted(path) + ": " + errnoText(errno) + "."};
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    w.fd = fd;
    struct stat st;
    if (::fstat(fd, &st) != 0 || std::uint64_t(st.st_dev) != w.h.dev || std::uint64_t(st.st_ino) != w.h.ino) {
        // Another file was put at this name since (a Save As over it, an editor's save):
        // the record can never apply here again, so it goes, and the file is left alone.
        ::close(w.record);
        w.record = -1;
        (void)sysio::unlink(w.recordPath.c_str());
        return Error{ESTALE, "The save in place of " + quoted(path) + " that did not finish was "
                             "for another file that had this name (it has been replaced since), "
                             "so its record " + quoted(w.recordPath) + " was removed and the "
                             "file was left as it is."};
    }
    w.steps.resize(std::size_t(w.h.steps));
    if (!w.steps.empty() &&
        !fileio::readAll(w.record, reinterpret_cast<std::uint8_t*>(w.steps.data()), w.steps.size() * kStepBytes, kStepsAt))
        return Error{EINVAL, "Could not finish the save of " + quoted(path) + ": its record is cut short."};
    if (Status s = w.grow(); !s) return s;
    return w.run(true);
}

} // namespace hexmap
