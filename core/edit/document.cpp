#include "document.h"

#include "page_size.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hexmap {

// --- Document ------------------------------------------------------------------------

namespace {

constexpr std::uint32_t kStepStart = 1;
constexpr std::uint32_t kResize = 2;
constexpr std::uint32_t kPattern = 4; // new arena holds the pattern, not every byte
constexpr std::size_t kMaxCompactPattern = 0xffff;
// A change's length is 32-bit; longer overwrites are split into several changes.
constexpr std::size_t kMaxChange = std::size_t(1) << 30;

std::uint32_t patternLength(std::uint32_t flags) { return flags >> 16; }

// Repeats pat (plen bytes) over [dst, dst+len), by doubling what is already written.
void writePattern(std::uint8_t* dst, std::uint64_t len, const std::uint8_t* pat,
                  std::size_t plen) {
    if (len == 0) return;
    if (plen == 1) {
        std::memset(dst, pat[0], static_cast<std::size_t>(len));
        return;
    }
    std::uint64_t done = std::min<std::uint64_t>(plen, len);
    std::memcpy(dst, pat, static_cast<std::size_t>(done));
    while (done < len) {
        const std::uint64_t n = std::min(done, len - done); // done stays a multiple of plen
        std::memcpy(dst + done, dst, static_cast<std::size_t>(n));
        done += n;
    }
}

std::string quoted(const std::string& path) { return "\"" + path + "\""; }

std::string folderOf(const std::string& path) {
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

bool allZero(const std::uint8_t* p, std::size_t n) {
    // Word-wise would be faster; memcmp against the block's own first byte is the same
    // idea without alignment concerns: p[0]==0 and p[i]==p[i-1] for all i.
    return n == 0 || (p[0] == 0 && std::memcmp(p, p + 1, n - 1) == 0);
}

Status writeAll(int fd, const std::uint8_t* p, std::size_t n, std::uint64_t at,
                const std::string& path) {
    while (n > 0) {
        const ssize_t w = ::pwrite(fd, p, n, static_cast<off_t>(at));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            const int code = w < 0 ? errno : EIO;
            return Error{code, "Could not write " + quoted(path) + ": " + errnoText(code) +
                                   (code == ENOSPC ? ". The disk is full; free some space "
                                                     "and save again."
                                                   : ".")};
        }
        p += w;
        n -= static_cast<std::size_t>(w);
        at += static_cast<std::uint64_t>(w);
    }
    return {};
}

} // namespace

Document::Document(Document&& other) noexcept { *this = std::move(other); }

Document& Document::operator=(Document&& other) noexcept {
    if (this == &other) return *this;
    // Readers of the mapping this document held must be gone before it is replaced.
    stopReaders();
    // The moved-from document keeps a fresh gate: its leases (none may be held, see
    // stopReaders) belonged to the mapping that moves here.
    other.stopReaders();
    m_gate = std::exchange(other.m_gate, ReadGate::create());
    m_file = std::move(other.m_file);
    m_modified = std::move(other.m_modified);
    m_locked = other.m_locked;
    m_coalesce = other.m_coalesce;
    m_lastChange = other.m_lastChange;
    m_changes = std::move(other.m_changes);
    m_oldArena = std::move(other.m_oldArena);
    m_newArena = std::move(other.m_newArena);
    m_resizes = std::move(other.m_resizes);
    m_pos = other.m_pos;
    m_oldCursor = other.m_oldCursor;
    m_newCursor = other.m_newCursor;
    m_resizeCursor = other.m_resizeCursor;
    m_savePos = other.m_savePos;
    m_minSize = other.m_minSize;
    m_resized = other.m_resized;
    m_originalKeptEdits = other.m_originalKeptEdits;
    return *this;
}

Document::~Document() { stopReaders(); }

void Document::stopReaders() {
    if (!m_gate) return;
    m_gate->requestStop();
    m_gate->waitUntilFree();
}

ReadLease Document::lease(std::string holder, bool yields,
                          std::shared_ptr<std::atomic<bool>> stop) const {
    return m_gate->acquire(std::move(holder), yields, std::move(stop));
}

Result<Document> Document::open(const std::string& path, OpenMode mode) {
    auto file = MappedFile::open(path, mode);
    if (!file) return file.error();
    Document doc;
    doc.m_file = std::move(file.value());
    doc.m_minSize = doc.m_file.size();
    return doc;
}

std::string Document::editBlocker() const {
    if (!m_file.isOpen()) return "No file is open.";
    if (m_file.mode() == OpenMode::ReadOnly)
        return quoted(path()) + " is open read-only, so it cannot be edited. Reopen it private "
                                "(copy-on-write: edits stay here until you save) or "
                                "read-write (edits go straight to the file).";
    if (m_locked)
        return "The document is write-protected (Edit > Write Protect). Unlock it to edit.";
    return {};
}

Status Document::blocked() const {
    std::string why = editBlocker();
    if (why.empty()) return {};
    return Error{m_locked ? EPERM : EROFS, std::move(why)};
}

Status Document::reserve(std::uint64_t offset, std::uint64_t n) {
    // A store into a hole of a shared mapping makes the kernel find a disk block on the
    // spot; on a full disk it cannot, and the store raises SIGBUS. Asking for the blocks
    // first turns that into an error we can report while nothing has changed yet.
    if (mode() != OpenMode::Shared || n == 0) return {};
    const std::uint64_t page = static_cast<std::uint64_t>(pageSize());
    const std::uint64_t start = offset & ~(page - 1);
    const std::uint64_t end = std::min(size(), (offset + n + page - 1) & ~(page - 1));
    if (end <= start) return {};
    if (::fallocate(m_file.fd(), FALLOC_FL_KEEP_SIZE, static_cast<off_t>(start),
                    static_cast<off_t>(end - start)) == 0)
        return {};
    const int code = errno;
    if (code == ENOSPC || code == EDQUOT)
        return Error{code, "The disk holding " + quoted(path()) + " is full: there is no room "
                           "to store this edit, so nothing was changed. Free some space, or "
                           "reopen the file private and use Save As on another disk."};
    return {}; // no fallocate here (EOPNOTSUPP...): the fault guard still keeps us alive
}

std::size_t Document::newBytes(const Change& c) {
    if (c.flags & kResize) return 0;
    if (c.flags & kPattern) return patternLength(c.flags);
    return c.length;
}

void Document::truncateRedo() {
    if (m_pos == m_changes.size()) return;
    if (m_savePos != kNoSavePoint && m_savePos > m_pos) m_savePos = kNoSavePoint;
    m_changes.resize(m_pos);
    m_oldArena.resize(m_oldCursor);
    m_newArena.resize(m_newCursor);
    m_resizes.resize(m_resizeCursor);
}

void Document::pushChange(const Change& c, const std::uint8_t* oldBytes, std::size_t oldCount,
                          const std::uint8_t* newBytes, std::size_t newCount) {
    m_changes.push_back(c);
    m_oldArena.insert(m_oldArena.end(), oldBytes, oldBytes + oldCount);
    m_newArena.insert(m_newArena.end(), newBytes, newBytes + newCount);
    ++m_pos;
    m_oldCursor += oldCount;
    m_newCursor += newCount;
}

void Document::clearJournal() {
    m_changes.clear();
    m_oldArena.clear();
    m_newArena.clear();
    m_resizes.clear();
    m_pos = m_oldCursor = m_newCursor = m_resizeCursor = 0;
    m_coalesce = false;
}

void Document::seekJournal(std::size_t pos) {
    while (m_pos > pos) {
        const Change& c = m_changes[--m_pos];
        m_oldCursor -= c.length;
        m_newCursor -= newBytes(c);
        if (c.flags & kResize) --m_resizeCursor;
    }
    while (m_pos < pos) {
        const Change& c = m_changes[m_pos++];
        m_oldCursor += c.length;
        m_newCursor += newBytes(c);
        if (c.flags & kResize) ++m_resizeCursor;
    }
}

void Document::sizeChanged(std::uint64_t oldSize) {
    const std::uint64_t now = size();
    if (now < oldSize) m_modified.truncate(now);
    m_minSize = std::min(m_minSize, now);
    m_resized = true;
    m_lastChange = std::min(oldSize, now);
}

void Document::positionChanged() {
    if (m_pos != m_savePos) return;
    // Back at the save point: the bytes are what the file holds (shared: what was synced,
    // private: what is on disk), so nothing is pending.
    m_modified.clear();
    m_minSize = size();
}

void Document::markSaved() {
    m_savePos = m_pos;
    m_modified.clear();
    m_minSize = size();
    m_coalesce = false;
}

bool Document::isModified() const { return m_pos != m_savePos; }
bool Document::canUndo() const { return m_pos > 0; }
bool Document::canRedo() const { return m_pos < m_changes.size(); }

Status Document::overwrite(std::uint64_t offset, const std::uint8_t* bytes, std::size_t n,
                           EditKind kind) {
    if (Status st = blocked(); !st) return st;
    if (n == 0) return {};
    const ChangeScope change(m_gate.get(), "edit");
    if (!change) return change.status();
    if (offset > size() || n > size() - offset)
        return Error{ERANGE, "The edit runs past the end of " + quoted(path()) + " (" +
                                 std::to_string(size()) + " bytes). Resize the file first "
                                 "(Edit > Resize)."};
    if (Status r = reserve(offset, n); !r) return r;
    std::uint8_t* d = m_file.writableData();

    if (kind == EditKind::Typing && m_coalesce && m_pos == m_changes.size() && m_pos > 0) {
        // Typing that continues the last typing step, or rewrites its last byte (the low
        // nibble after the high one), joins that step. Its new bytes end the new arena.
        Change& c = m_changes.back();
        const std::uint64_t end = c.offset + c.length;
        if ((offset == end || offset + 1 == end) && offset + n >= end &&
            c.length + (offset + n - end) <= kMaxChange) {
            const std::size_t overlap = static_cast<std::size_t>(end - offset);
            const std::size_t extra = n - overlap;
            std::memcpy(m_newArena.data() + m_newArena.size() - overlap, bytes, overlap);
            m_oldArena.insert(m_oldArena.end(), d + end, d + end + extra);
            m_newArena.insert(m_newArena.end(), bytes + overlap, bytes + n);
            c.length += static_cast<std::uint32_t>(extra);
            m_oldCursor += extra;
            m_newCursor += extra;
            std::memcpy(d + offset, bytes, n);
            m_modified.add(offset, offset + n);
            m_lastChange = offset;
            return {};
        }
    }

    m_coalesce = false;
    truncateRedo();
    for (std::size_t done = 0; done < n;) {
        const std::size_t len = std::min(n - done, kMaxChange);
        pushChange({offset + done, static_cast<std::uint32_t>(len), done == 0 ? kStepStart : 0},
                   d + offset + done, len, bytes + done, len);
        done += len;
    }
    std::memcpy(d + offset, bytes, n);
    m_modified.add(offset, offset + n);
    m_coalesce = kind == EditKind::Typing && n <= kMaxChange;
    m_lastChange = offset;
    return {};
}

Status Document::fill(std::uint64_t start, std::uint64_t length,
                      const std::vector<std::uint8_t>& pattern) {
    m_coalesce = false;
    if (Status st = blocked(); !st) return st;
    if (pattern.empty()) return Error{EINVAL, "The fill pattern is empty."};
    if (length == 0) return {};
    if (length > kMaxFillBytes)
        return Error{EFBIG, "A fill can cover at most " + std::to_string(kMaxFillBytes >> 20) +
                                " MiB at once (its old bytes are kept for undo). Select less."};
    if (start > size() || length > size() - start)
        return Error{ERANGE, "The fill runs past the end of " + quoted(path()) + "."};
    const ChangeScope change(m_gate.get(), "fill");
    if (!change) return change.status();
    if (Status r = reserve(start, length); !r) return r;
    m_coalesce = false;
    truncateRedo();
    std::uint8_t* d = m_file.writableData() + start;
    const auto len = static_cast<std::size_t>(length);
    if (pattern.size() <= kMaxCompactPattern) {
        const auto flags = kStepStart | kPattern | static_cast<std::uint32_t>(pattern.size() << 16);
        pushChange({start, static_cast<std::uint32_t>(len), flags}, d, len, pattern.data(),
                   pattern.size());
        writePattern(d, len, pattern.data(), pattern.size());
    } else {
        pushChange({start, static_cast<std::uint32_t>(len), kStepStart}, d, len, nullptr, 0);
        writePattern(d, len, pattern.data(), pattern.size());
        m_newArena.insert(m_newArena.end(), d, d + len);
        m_newCursor += len;
    }
    m_modified.add(start, start + length);
    m_lastChange = start;
    return {};
}

Status Document::replaceAll(const std::vector<std::uint64_t>& offsets, const std::uint8_t* bytes,
                            std::size_t n) {
    m_coalesce = false;
    if (Status st = blocked(); !st) return st;
    if (offsets.empty() || n == 0) return {};
    if (n > kMaxChange) return Error{EINVAL, "A replacement can be at most " + std::to_string(kMaxChange) + " bytes."};
    for (const std::uint64_t o : offsets)
        if (o > size() || n > size() - o)
            return Error{ERANGE, "A match to replace runs past the end of " + quoted(path()) + "."};
    const ChangeScope change(m_gate.get(), "replace");
    if (!change) return change.status();
    for (const std::uint64_t o : offsets)
        if (Status r = reserve(o, n); !r) return r;
    truncateRedo();
    std::uint8_t* d = m_file.writableData();
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        const std::uint64_t o = offsets[i];
        pushChange({o, static_cast<std::uint32_t>(n), i == 0 ? kStepStart : 0}, d + o, n, bytes, n);
        std::memcpy(d + o, bytes, n);
        m_modified.add(o, o + n);
    }
    m_lastChange = offsets.front();
    return {};
}

Status Document::undo() {
    m_coalesce = false;
    if (Status st = blocked(); !st) return st;
    if (m_pos == 0) return Error{0, "Nothing to undo."};
    const ChangeScope change(m_gate.get(), "undo");
    if (!change) return change.status();
    return undoStep();
}

Status Document::undoStep() {
    m_stepFirst = UINT64_MAX;
    m_stepEnd = 0;
    std::size_t first = m_pos - 1;
    while (!(m_changes[first].flags & kStepStart)) --first;
    // Room on disk for every byte of the step first, so a full disk leaves it whole.
    for (std::size_t j = first; j < m_pos; ++j)
        if (!(m_changes[j].flags & kResize))
            if (Status st = reserve(m_changes[j].offset, m_changes[j].length); !st) return st;
    for (std::size_t j = m_pos; j-- > first;) {
        const Change c = m_changes[j];
        const std::size_t oldAt = m_oldCursor - c.length;
        const std::size_t newAt = m_newCursor - newBytes(c);
        if (c.flags & kResize) {
            // A resize is a step of its own, so failing here leaves the step whole.
            const ResizeRecord r = m_resizes[c.offset];
            if (Status st = m_file.resize(r.oldSize); !st) return st;
            if (Status st = reserve(r.newSize, c.length); !st) {
                (void)m_file.resize(r.newSize); // leave the step undone, whole
                return st;
            }
            sizeChanged(r.newSize);
            if (c.length > 0) {
                std::memcpy(m_file.writableData() + r.newSize, m_oldArena.data() + oldAt,
                            c.length);
                m_modified.add(r.newSize, r.oldSize);
            }
            --m_resizeCursor;
            m_stepFirst = std::min({m_stepFirst, r.oldSize, r.newSize});
            m_stepEnd = std::max({m_stepEnd, r.oldSize, r.newSize});
        } else {
            std::memcpy(m_file.writableData() + c.offset, m_oldArena.data() + oldAt, c.length);
            m_modified.add(c.offset, c.offset + c.length);
            m_lastChange = c.offset;
            m_stepFirst = std::min<std::uint64_t>(m_stepFirst, c.offset);
            m_stepEnd = std::max<std::uint64_t>(m_stepEnd, c.offset + c.length);
        }
        m_oldCursor = oldAt;
        m_newCursor = newAt;
    }
    m_pos = first;
    positionChanged();
    return {};
}

Status Document::redo() {
    m_coalesce = false;
    if (Status st = blocked(); !st) return st;
    if (m_pos == m_changes.size()) return Error{0, "Nothing to redo."};
    const ChangeScope change(m_gate.get(), "redo");
    if (!change) return change.status();
    return redoStep();
}

Status Document::redoStep() {
    m_stepFirst = UINT64_MAX;
    m_stepEnd = 0;
    std::size_t end = m_pos + 1;
    while (end < m_changes.size() && !(m_changes[end].flags & kStepStart)) ++end;
    for (std::size_t j = m_pos; j < end; ++j)
        if (!(m_changes[j].flags & kResize))
            if (Status st = reserve(m_changes[j].offset, m_changes[j].length); !st) return st;
    bool firstChange = true;
    for (std::size_t j = m_pos; j < end; ++j) {
        const Change c = m_changes[j];
        const std::size_t nb = newBytes(c);
        if (c.flags & kResize) {
            const ResizeRecord r = m_resizes[c.offset];
            if (Status st = m_file.resize(r.newSize); !st) return st;
            sizeChanged(r.oldSize);
            ++m_resizeCursor;
            m_stepFirst = std::min({m_stepFirst, r.oldSize, r.newSize});
            m_stepEnd = std::max({m_stepEnd, r.oldSize, r.newSize});
        } else {
            std::uint8_t* d = m_file.writableData() + c.offset;
            if (c.flags & kPattern)
                writePattern(d, c.length, m_newArena.data() + m_newCursor, nb);
            else
                std::memcpy(d, m_newArena.data() + m_newCursor, c.length);
            m_modified.add(c.offset, c.offset + c.length);
            if (firstChange) m_lastChange = c.offset;
            m_stepFirst = std::min<std::uint64_t>(m_stepFirst, c.offset);
            m_stepEnd = std::max<std::uint64_t>(m_stepEnd, c.offset + c.length);
        }
        firstChange = false;
        m_oldCursor += c.length;
        m_newCursor += nb;
    }
    m_pos = end;
    positionChanged();
    return {};
}

bool Document::resizeIsUndoable(std::uint64_t newSize) const {
    return newSize >= size() || size() - newSize <= kMaxUndoableShrink;
}

Status Document::resize(std::uint64_t newSize) {
    m_coalesce = false;
    if (Status st = blocked(); !st) return st;
    if (newSize == size()) return {};
    const ChangeScope change(m_gate.get(), "resize");
    if (!change) return change.status();
    const std::uint64_t oldSize = size();
    if (!resizeIsUndoable(newSize)) {
        if (Status st = m_file.resize(newSize); !st) return st;
        // Too much to keep: the history cannot lead back, nor to the save point.
        clearJournal();
        m_savePos = kNoSavePoint;
        sizeChanged(oldSize);
        return {};
    }
    truncateRedo();
    const std::size_t tail = newSize < oldSize ? static_cast<std::size_t>(oldSize - newSize) : 0;
    m_resizes.push_back({oldSize, newSize});
    ++m_resizeCursor;
    pushChange({m_resizes.size() - 1, static_cast<std::uint32_t>(tail), kStepStart | kResize},
               tail ? data() + newSize : nullptr, tail, nullptr, 0);
    if (Status st = m_file.resize(newSize); !st) {
        m_changes.pop_back();
        m_resizes.pop_back();
        --m_resizeCursor;
        --m_pos;
        m_oldCursor -= tail;
        m_oldArena.resize(m_oldCursor);
        return st;
    }
    sizeChanged(oldSize);
    return {};
}

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
        return Error{code, "Could not write " + quoted(path()) + " to disk: " +
                               errnoText(code) + (code == ENOSPC ? ". The disk is full." : ".")};
    };
    for (unsigned flags : {unsigned(SYNC_FILE_RANGE_WRITE),
                           unsigned(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                                    SYNC_FILE_RANGE_WAIT_AFTER)}) {
        for (const auto& [s, e] : runs)
            if (::sync_file_range(fd, static_cast<off_t>(s), static_cast<off_t>(e - s), flags) !=
                0)
                return fail(errno);
    }
    if ((!runs.empty() || m_resized) && ::fdatasync(fd) != 0) return fail(errno);
    m_resized = false;
    return {};
}

Status Document::savePrivate() {
    if (!m_file.fileWritable())
        return Error{EACCES, "You may not write to " + quoted(path()) + ". Use Save As to write "
                             "the edits to another file."};
    const int fd = m_file.fd();
    auto fail = [&](int code) {
        return Error{code, "Could not save " + quoted(path()) + ": " + errnoText(code) +
                               (code == ENOSPC ? ". The disk is full; free some space and "
                                                 "save again."
                                               : ".")};
    };
    // Bytes the document lost (shrink, then maybe grow) must become zeros on disk too:
    // truncate to the smallest size first, then extend (sparse) to the current size.
    if (m_minSize < sizeOnDisk() && ::ftruncate(fd, static_cast<off_t>(m_minSize)) != 0)
        return fail(errno);
    if (size() != sizeOnDisk() && ::ftruncate(fd, static_cast<off_t>(size())) != 0)
        return fail(errno);
    for (const auto& [s, e] : m_modified.ranges())
        if (Status st = writeAll(fd, data() + s, static_cast<std::size_t>(e - s), s, path()); !st)
            return st;
    if (::fdatasync(fd) != 0) return fail(errno);
    // The file now holds the document: map it afresh, which frees the private copies of
    // every edited page (and makes the mapping one piece that can follow growth again).
    if (m_file.remapFresh()) m_resized = false;
    return {};
}

Status Document::save() {
    m_coalesce = false;
    if (!m_file.isOpen()) return Error{EBADF, "No file is open."};
    if (mode() == OpenMode::ReadOnly)
        return Error{EROFS, quoted(path()) + " is open read-only; there is nothing to save."};
    if (damaged() && m_file.writeFailed())
        return Error{ENOSPC, "An edit to " + quoted(path()) + " could not be stored on disk (the "
                             "disk was full) and exists only here. Saving over the file would "
                             "lose it: use Save As to keep a copy on another disk."};
    if (damaged())
        return Error{EIO, quoted(path()) + " shrank on disk while it was open; the bytes past "
                          "its new end are gone and show as zeros. Saving would write those "
                          "zeros over the file, so it is refused: use Save As to keep a copy, "
                          "or reload the file."};
    const ChangeScope change(m_gate.get(), "save");
    if (!change) return change.status();
    if (Status st = mode() == OpenMode::Shared ? saveShared() : savePrivate(); !st) return st;
    markSaved();
    return {};
}

Status Document::saveAs(const std::string& target) {
    m_coalesce = false;
    if (Status st = writeCopy(target); !st) return st;
    return adoptCopy(target);
}

Status Document::writeCopy(const std::string& target, const CopyProgress& progress) const {
    if (!m_file.isOpen()) return Error{EBADF, "No file is open."};
    struct stat st;
    const bool exists = ::stat(target.c_str(), &st) == 0;
    if ((exists && S_ISDIR(st.st_mode)) || target.empty() || target.back() == '/')
        return Error{EISDIR, quoted(target) + " is a folder. Choose a file name, not a folder."};
    const std::string folder = folderOf(target);
    const std::string name = target.substr(target.find_last_of('/') + 1);
    std::string temp = folder + "/." + name + ".hexmap-XXXXXX";
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
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
                               (code == ENOSPC ? ". The disk is full." : ".")};
    }
    auto failed = [&](Error e) -> Status {
        ::close(fd);
        ::unlink(temp.c_str());
        return Error{e.code, "Could not save as " + quoted(target) + ": " + errnoText(e.code) +
                                 (e.code == ENOSPC ? ". The disk is full; free some space or "
                                                     "choose another disk."
                                                   : ".") +
                                 " The original and your edits are unchanged."};
    };
    // Keep the permissions the target had, or else those of the file being edited.
    struct stat src;
    const mode_t perms = exists ? st.st_mode & 07777
                         : ::fstat(m_file.fd(), &src) == 0 ? src.st_mode & 0777
                                                            : 0644;
    if (::fchmod(fd, perms) != 0) return failed({errno, {}});

    // What to copy: the file's data extents below the size it shares with the document
    // (holes stay holes: SEEK_DATA), plus every byte edited since the last save; past
    // that, a private document is zeros. Within them, all-zero blocks are skipped too.
    RangeSet parts;
    const std::uint64_t total = size();
    const std::uint64_t fromFile =
        mode() == OpenMode::Private ? std::min({m_minSize, total, sizeOnDisk()})
                                    : std::min(total, sizeOnDisk());
    for (std::uint64_t at = 0; at < fromFile;) {
        const off_t dataAt = ::lseek(m_file.fd(), static_cast<off_t>(at), SEEK_DATA);
        if (dataAt < 0) {
            if (errno == ENXIO) break;    // no data past `at`
            parts.add(at, fromFile);      // cannot tell: copy it all
            break;
        }
        off_t holeAt = ::lseek(m_file.fd(), dataAt, SEEK_HOLE);
        if (holeAt < 0) holeAt = static_cast<off_t>(fromFile);
        const auto s = static_cast<std::uint64_t>(dataAt);
        const auto e = std::min<std::uint64_t>(static_cast<std::uint64_t>(holeAt), fromFile);
        if (s >= fromFile) break;
        parts.add(s, e);
        at = e;
    }
    for (const auto& [s, e] : m_modified.ranges()) parts.add(s, std::min(e, total));
    constexpr std::size_t kChunk = 1 << 20;
    std::uint64_t toCopy = 0, copied = 0;
    for (const auto& [s, e] : parts.ranges()) toCopy += e - s;
    for (const auto& [s, e] : parts.ranges()) {
        for (std::uint64_t at = s; at < e;) {
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, e - at));
            if (!allZero(data() + at, n))
                if (Status w = writeAll(fd, data() + at, n, at, temp); !w) return failed(w.error());
            at += n;
            copied += n;
            if (progress && !progress(copied, toCopy)) {
                ::close(fd);
                ::unlink(temp.c_str());
                return Error{ECANCELED, "Save As was cancelled: " + quoted(target) +
                                            " was not written, and your edits are unchanged."};
            }
        }
    }
    if (::ftruncate(fd, static_cast<off_t>(total)) != 0) return failed({errno, {}});
    if (::fsync(fd) != 0) return failed({errno, {}});
    if (::close(fd) != 0) {
        const int code = errno;
        ::unlink(temp.c_str());
        return Error{code, "Could not save as " + quoted(target) + ": " + errnoText(code) + "."};
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        const int code = errno;
        ::unlink(temp.c_str());
        return Error{code, "Could not save as " + quoted(target) + ": " + errnoText(code) +
                               ". The original and your edits are unchanged."};
    }
    // The rename is durable only once the folder is synced.
    if (const int dirFd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

Status Document::adoptCopy(const std::string& target) {
    m_coalesce = false;
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
    markSaved();
    return {};
}

Status Document::revert() {
    if (!m_file.isOpen() || mode() == OpenMode::ReadOnly) return {};
    if (Status st = blocked(); !st) return st;
    const ChangeScope change(m_gate.get(), "revert");
    if (!change) return change.status();
    m_coalesce = false;
    if (mode() == OpenMode::Private) {
        if (Status st = m_file.remapFresh(); !st) return st;
        // The document is the file again, which is where the journal's save point is;
        // the steps after it stay for redo. Without a save point, nothing leads back.
        if (m_savePos == kNoSavePoint) {
            clearJournal();
            m_savePos = 0;
        } else {
            seekJournal(m_savePos);
        }
        m_resized = false;
        markSaved();
        return {};
    }
    if (m_savePos == kNoSavePoint)
        return Error{0, "The edits to " + quoted(path()) + " cannot be reverted: a shrink too "
                        "large to undo changed the file since it was last saved."};
    while (m_pos > m_savePos)
        if (Status st = undoStep(); !st) return st;
    while (m_pos < m_savePos)
        if (Status st = redoStep(); !st) return st;
    return {};
}

Status Document::setWriteProtected(bool locked) {
    if (!m_file.isOpen() || mode() == OpenMode::ReadOnly)
        return Error{EROFS, quoted(path()) + " is open read-only; it is protected already."};
    if (Status st = m_file.protect(!locked); !st) return st;
    m_locked = locked;
    m_coalesce = false;
    return {};
}

Result<bool> Document::followGrowth() {
    if (!m_file.isOpen() || damaged()) return false;
    if (mode() == OpenMode::Private && m_resized) return false;
    const std::uint64_t before = size();
    if (sizeOnDisk() <= before) return false;
    const ChangeScope change(m_gate.get(), "follow the file's growth");
    if (!change) return change.status().error();
    if (Status st = m_file.growToFile(); !st) return st.error();
    // The new bytes are the file's, not edits: a private save must not cut them off.
    if (m_minSize == before) m_minSize = size();
    return size() > before;
}

std::size_t Document::journalMemory() const {
    return m_changes.capacity() * sizeof(Change) + m_oldArena.capacity() +
           m_newArena.capacity() + m_resizes.capacity() * sizeof(ResizeRecord) +
           m_modified.memoryUsage();
}

} // namespace hexmap
