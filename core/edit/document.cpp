// SPDX-License-Identifier: MIT
#include "document.h"

#include <utility>

#include "file_writes.h"
#include "page_size.h"
#include "sys_io.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hexmap {

using fileio::quoted;

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

} // namespace

Document::~Document() { stopReaders(); }

void Document::stopReaders() { m_gate.stopReaders(); }

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
    doc.m_savedSize = doc.m_file.size();
    doc.m_knownDiskSize = doc.m_savedSize;
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
    if (sysio::fallocate(m_file.fd(), FALLOC_FL_KEEP_SIZE, static_cast<off_t>(start),
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
    // A flat edit: the insert/delete steps left for redo cannot follow it.
    m_pieces.reset();
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
    if (std::exchange(m_joinNext, false) && m_pos > 0) m_changes.back().flags &= ~kStepStart;
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
    breakCoalescing();
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
    m_savedSize = size();
    m_knownDiskSize = size();
    breakCoalescing();
}

bool Document::isModified() const { return m_pos != m_savePos || hasPieces(); }
bool Document::canUndo() const { return hasPieces() ? m_pieces->canUndo() : m_pos > 0; }
bool Document::canRedo() const {
    return m_pos < m_changes.size() || (m_pieces && m_pieces->canRedo() && piecesFitMapping());
}

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
    if (hasPieces()) {
        pieces().overwrite(offset, bytes, n, kind == EditKind::Typing, kind == EditKind::PasteExtended);
        pieceStepDone();
        return {};
    }
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

    breakCoalescing();
    truncateRedo();
    // Right after the resize that made room for it (nothing undone between), a paste past
    // the end joins that resize's step.
    m_joinNext = kind == EditKind::PasteExtended && m_pos > 0 && m_pos == m_changes.size() &&
                 (m_changes.back().flags & kResize);
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
    breakCoalescing();
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
    if (hasPieces()) {
        pieces().fill(start, length, pattern);
        pieceStepDone();
        return {};
    }
    if (Status r = reserve(start, length); !r) return r;
    breakCoalescing();
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
    breakCoalescing();
    if (Status st = blocked(); !st) return st;
    if (offsets.empty() || n == 0) return {};
    if (n > kMaxChange) return Error{EINVAL, "A replacement can be at most " + std::to_string(kMaxChange) + " bytes."};
    for (const std::uint64_t o : offsets)
        if (o > size() || n > size() - o)
            return Error{ERANGE, "A match to replace runs past the end of " + quoted(path()) + "."};
    const ChangeScope change(m_gate.get(), "replace");
    if (!change) return change.status();
    if (hasPieces()) {
        pieces().replaceAll(offsets, bytes, n);
        pieceStepDone();
        return {};
    }
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
    breakCoalescing();
    if (Status st = blocked(); !st) return st;
    if (!canUndo()) return Error{0, "Nothing to undo."};
    const ChangeScope change(m_gate.get(), "undo");
    if (!change) return change.status();
    if (hasPieces()) {
        m_pieces->undo();
        pieceStepDone();
        return {};
    }
    m_stepShifted = false;
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
    breakCoalescing();
    if (Status st = blocked(); !st) return st;
    if (!canRedo()) return Error{0, "Nothing to redo."};
    const ChangeScope change(m_gate.get(), "redo");
    if (!change) return change.status();
    if (m_pos == m_changes.size()) { // the flat journal is at its end: the pieces' turn
        if (!piecesFitMapping()) return Error{0, "Nothing to redo."}; // see canRedo
        m_pieces->redo();
        pieceStepDone();
        return {};
    }
    m_stepShifted = false;
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
    return hasPieces() || newSize >= size() || size() - newSize <= kMaxUndoableShrink;
}

Status Document::resize(std::uint64_t newSize) {
    breakCoalescing();
    if (Status st = blocked(); !st) return st;
    if (newSize == size()) return {};
    const ChangeScope change(m_gate.get(), "resize");
    if (!change) return change.status();
    if (hasPieces()) {
        pieces().resize(newSize);
        pieceStepDone();
        return {};
    }
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
               tail ? m_file.data() + newSize : nullptr, tail, nullptr, 0);
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

Status Document::revert() {
    if (!m_file.isOpen() || mode() == OpenMode::ReadOnly) return {};
    if (Status st = blocked(); !st) return st;
    const ChangeScope change(m_gate.get(), "revert");
    if (!change) return change.status();
    breakCoalescing();
    if (mode() == OpenMode::Private) {
        if (Status st = m_file.remapFresh(); !st) return st;
        // Back to the mapping: the insert/delete steps stay for redo (they start from the
        // flat journal's end, which redo reaches first).
        if (m_pieces && m_pieces->floor() > 0)
            m_pieces.reset(); // after keepWhatRemains nothing leads back: the file it is
        if (m_pieces)
            while (m_pieces->canUndo()) m_pieces->undo();
        // The document is the file again, which is where the journal's save point is;
        // the steps after it stay for redo. Without a save point, nothing leads back.
        if (m_savePos == kNoSavePoint) {
            clearJournal();
            m_savePos = 0;
        } else {
            seekJournal(m_savePos);
        }
        fitPiecesAtFlatEnd();
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
    breakCoalescing();
    return {};
}

bool Document::canRecoverEdits() const {
    return m_file.isOpen() && mode() == OpenMode::Private && isModified() && !m_locked && !hasPieces() &&
           m_savePos != kNoSavePoint && m_savePos <= m_pos;
}

bool Document::canKeepWhatRemains() const {
    return m_file.isOpen() && hasPieces() && !m_locked && sizeOnDisk() < fileBackedSize();
}

Result<std::vector<std::pair<std::uint64_t, std::uint64_t>>> Document::keepWhatRemains() {
    if (!canKeepWhatRemains())
        return Error{EINVAL, hasPieces() ? quoted(path()) + " still holds every byte this "
                                           "document takes from it: nothing was lost."
                                         : "Only a document with inserts or deletes keeps what "
                                           "remains; reload the file, or apply your edits again."};
    const ChangeScope change(m_gate.get(), "keep what remains");
    if (!change) return change.status().error();
    const std::uint64_t disk = sizeOnDisk();
    auto lost = m_pieces->dropFileFrom(disk);
    // The flat edits made before the first insert are in the table's file pieces now (the
    // kernel kept the copy-on-write pages below the new end); their steps cannot be undone.
    clearJournal();
    m_savePos = kNoSavePoint;
    m_modified.truncate(disk);
    m_knownDiskSize = std::min(m_knownDiskSize, disk);
    pieceStepDone();
    return lost;
}

Result<std::size_t> Document::recoverEdits() {
    if (!canRecoverEdits())
        return Error{EINVAL, "The edits to " + quoted(path()) + " cannot be applied again: the "
                             "undo history does not lead from the last save to them."};
    const ChangeScope change(m_gate.get(), "apply the edits again");
    if (!change) return change.status().error();
    const std::size_t here = m_pos;
    // The document's size at the save point: the first resize since then started there.
    std::uint64_t savedSize = size();
    for (std::size_t j = m_savePos; j < here; ++j)
        if (m_changes[j].flags & kResize) {
            savedSize = m_resizes[m_changes[j].offset].oldSize;
            break;
        }
    if (Status st = m_file.remapFresh(); !st) return st.error();
    const std::uint64_t fileSize = size();
    seekJournal(m_savePos);
    if (savedSize != fileSize)
        if (Status st = m_file.resize(savedSize); !st) {
            seekJournal(here);
            return st.error();
        }
    m_modified.clear();
    if (fileSize < savedSize) m_modified.add(fileSize, savedSize); // zeros the file lacks
    m_minSize = std::min(fileSize, savedSize);
    m_savedSize = fileSize;
    m_knownDiskSize = fileSize;
    m_resized = savedSize != fileSize;
    std::size_t applied = 0;
    while (m_pos < here) {
        if (Status st = redoStep(); !st) return st.error();
        ++applied;
    }
    fitPiecesAtFlatEnd();
    breakCoalescing();
    return applied;
}

bool Document::canFollowGrowth() const {
    if (!m_file.isOpen() || damaged()) return false;
    // Private: a resize in the flat journal, even saved, would be undone or redone over the
    // grown mapping (cutting the new bytes out of it, or leaving pieces past its end).
    if (mode() == OpenMode::Private && (m_resized || !m_resizes.empty())) return false;
    if (m_pieces && m_pieces->fileEnd() != m_file.size() && hasPieces()) return false;
    return sizeOnDisk() > m_file.size();
}

Result<bool> Document::followGrowth() {
    if (!canFollowGrowth()) return false;
    const std::uint64_t before = m_file.size(); // the mapping's, whatever the pieces made
    const ChangeScope change(m_gate.get(), "follow the file's growth");
    if (!change) return change.status().error();
    if (Status st = m_file.growToFile(); !st) return st.error();
    const std::uint64_t after = m_file.size();
    fitPiecesToMapping(before);
    // The new bytes are the file's, not edits: a private save must not cut them off.
    if (m_minSize == before) m_minSize = after;
    if (m_savedSize == before) m_savedSize = after;
    m_knownDiskSize = std::max(m_knownDiskSize, after);
    return after > before;
}

void Document::fitPiecesAtFlatEnd() {
    // Only here do the pieces' redo steps start from the mapping as it is; elsewhere in the
    // flat journal, redo changes the mapping (even its size) before it reaches them, and
    // redo refuses them if they take bytes past its end (piecesFitMapping).
    if (m_pieces && !hasPieces() && m_pos == m_changes.size()) fitPiecesToMapping(m_pieces->fileEnd());
}

void Document::fitPiecesToMapping(std::uint64_t before) {
    if (!m_pieces) return;
    const std::uint64_t now = m_file.size();
    if (m_pieces->fileEnd() == before && now >= before) {
        // The file grew on from where the pieces take it: the new bytes join every state.
        m_pieces->growFile(now);
    } else if (!hasPieces()) {
        m_pieces.reset(); // steps kept for redo over a mapping they no longer fit
    }
}

Status Document::checkIntact(const std::string& doing) const {
    if (!m_file.isOpen()) return {};
    const std::uint64_t disk = sizeOnDisk();
    const std::uint64_t backed = fileBackedSize();
    // Damage past the end of what pieces take from the file (after keepWhatRemains) is
    // damage to nothing the document holds.
    if ((!damaged() || (hasPieces() && m_pieces->floor() > 0)) && disk >= backed) return {};
    std::string text = quoted(path()) + " shrank on disk";
    if (disk < backed)
        text += " to " + std::to_string(disk) + " bytes (another program cut it; the document "
                "takes " + std::to_string(backed) + " bytes from it)";
    text += ", so bytes that were in it are gone and read as zeros here. " + doing;
    if (mode() == OpenMode::Private && isModified())
        text += " Your edits are still here: File > Reload discards them; applying them again "
                "(the banner's Recover) keeps them over what the file holds now.";
    else
        text += " Reload the file to see what it holds now.";
    return Error{EIO, text};
}

std::size_t Document::journalMemory() const {
    return m_changes.capacity() * sizeof(Change) + m_oldArena.capacity() +
           m_newArena.capacity() + m_resizes.capacity() * sizeof(ResizeRecord) +
           m_modified.memoryUsage() + (m_pieces ? m_pieces->memoryUsage() : 0);
}

// --- insert and delete -------------------------------------------------------------------

std::string Document::lengthEditBlocker() const {
    std::string why = editBlocker();
    if (!why.empty()) return why;
    if (mode() == OpenMode::Shared)
        return quoted(path()) + " is open read-write (shared): an edit there reaches every "
               "program that has the file open at once, and shifting its bytes is not a change "
               "they can follow. Reopen it private (File > Reopen Private) to insert or delete; "
               "Save then writes the result.";
    return {};
}

PieceEdits& Document::pieces() {
    if (!m_pieces || !hasPieces()) {
        // The first insert or delete (or the first after undoing back to the mapping):
        // step 0 is the mapping as it is now, with the flat journal at its end.
        if (!m_pieces || m_pos != m_changes.size() || m_pieces->size() != m_file.size()) {
            truncateRedo();
            m_pieces = std::make_unique<PieceEdits>(m_file.size());
        }
    }
    return *m_pieces;
}

void Document::pieceStepDone() {
    m_stepFirst = m_pieces->stepFirst();
    m_stepEnd = m_pieces->stepEnd();
    m_stepShifted = m_pieces->stepShifted();
    m_lastChange = m_stepFirst;
}

Status Document::insert(std::uint64_t offset, const std::uint8_t* bytes, std::size_t n,
                        EditKind kind) {
    if (std::string why = lengthEditBlocker(); !why.empty())
        return Error{mode() == OpenMode::Shared ? EPERM : m_locked ? EPERM : EROFS, why};
    if (n == 0) {
        if (kind != EditKind::Typing) breakCoalescing(); // as every other edit does
        return {};
    }
    if (offset > size())
        return Error{ERANGE, "The insert lies past the end of " + quoted(path()) + " (" +
                                 std::to_string(size()) + " bytes)."};
    const ChangeScope change(m_gate.get(), "insert");
    if (!change) return change.status();
    m_coalesce = false; // the flat journal's typing run ends; the pieces' may go on
    pieces().insert(offset, bytes, n, kind == EditKind::Typing);
    pieceStepDone();
    return {};
}

Status Document::erase(std::uint64_t offset, std::uint64_t n, EditKind kind) {
    if (std::string why = lengthEditBlocker(); !why.empty())
        return Error{mode() == OpenMode::Shared ? EPERM : m_locked ? EPERM : EROFS, why};
    if (offset >= size() || n == 0) {
        if (kind != EditKind::Typing) breakCoalescing(); // as every other edit does
        return {};
    }
    const ChangeScope change(m_gate.get(), "delete");
    if (!change) return change.status();
    m_coalesce = false; // the flat journal's typing run ends; the pieces' may go on
    pieces().erase(offset, n, kind == EditKind::Typing);
    pieceStepDone();
    return {};
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> Document::modifiedIn(std::uint64_t start,
                                                                          std::uint64_t end) const {
    if (!hasPieces()) return m_modified.overlapping(start, end);
    std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
    auto add = [&](std::uint64_t s, std::uint64_t e) {
        if (s >= e) return;
        if (!out.empty() && out.back().second == s)
            out.back().second = e;
        else
            out.emplace_back(s, e);
    };
    view().pieces(start, end, [&](std::uint64_t s, std::uint64_t e, const Piece& p) {
        if (p.source != Piece::Source::File) {
            add(s, e);
            return;
        }
        // A piece of the mapping: its bytes edited before the first insert stay tinted.
        for (const auto& [ms, me] : m_modified.overlapping(p.offset, p.offset + p.length))
            add(s + (ms - p.offset), s + (me - p.offset));
    });
    return out;
}

} // namespace hexmap
