// SPDX-License-Identifier: MIT
// Document: a MappedFile plus what editing needs. Edits are stores into the mapping
// itself (so in shared mode they are in the file's page cache at once; in private mode
// they stay in this process's copy-on-write pages until save). Every change is recorded
// in an undo journal that keeps only the bytes that changed, old and new, so its memory
// grows with the edits and never with the file.
//
// Threading: one owner thread (the GUI thread) makes every change. Other threads may read
// the bytes (DocumentReader) only while they hold a ReadLease from lease(); while any lease is held, every
// call that changes bytes or can move or unmap the mapping refuses with a sentence (or,
// for yielding leases, first asks the readers to stop): see read_gate.h. Destroying or
// move-assigning over a document asks its readers to stop and waits for them.
// Offsets and sizes are std::uint64_t everywhere.
#pragma once

#include "byte_view.h"
#include "mapped_file.h"
#include "piece_edits.h"
#include "range_set.h"
#include "read_gate.h"
#include "result.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hexmap {

class Document {
public:
    // What an edit was, for coalescing: consecutive Typing edits that continue where the
    // previous one ended (or rewrite its last byte, for the low nibble) are one undo step.
    // PasteExtended: the bytes of a paste that ran past the end, right after the resize that
    // made room for them: the resize and the bytes are one undo step.
    enum class EditKind { Typing, Paste, PasteExtended, Fill, Replace, Other };

    static Result<Document> open(const std::string& path, OpenMode mode);

    Document() = default;
    // Member-wise: the gate (declared first) stops the readers of both documents before
    // the mapping moves.
    Document(Document&& other) noexcept = default;
    Document& operator=(Document&& other) noexcept = default;
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;
    ~Document();

    // --- the edit gate ---------------------------------------------------------------
    // A lease to read the bytes from another thread (see read_gate.h). `holder` names the
    // reader in refusals: "a search", "Save As". Thread-safe.
    ReadLease lease(std::string holder, bool yields = false,
                    std::shared_ptr<std::atomic<bool>> stop = {}) const;
    // True while any lease is held.
    bool leased() const { return m_gate && m_gate->leased(); }
    // Who reads now, for messages ("a search and Save As"), or empty.
    std::string readers(bool holdingOnly = false) const { return m_gate ? m_gate->holders(holdingOnly) : std::string(); }
    // Whether a reader that refuses changes (not one that yields) holds a lease.
    bool held() const { return m_gate && m_gate->held(); }
    // Asks every reader to stop, and waits until they have (closing the document).
    void stopReaders();

    const MappedFile& file() const { return m_file; }
    const std::string& path() const { return m_file.path(); }
    OpenMode mode() const { return m_file.mode(); }
    std::uint64_t size() const { return hasPieces() ? m_pieces->size() : m_file.size(); }
    // The bytes, as the owner's thread reads them (see byte_view.h); valid until the next
    // change. Other threads read through DocumentReader, under a lease.
    ByteView view() const {
        return hasPieces() ? ByteView(m_file.data(), &m_pieces->table(), &m_pieces->added())
                           : ByteView(m_file.data(), m_file.size());
    }
    // Whether an insert or delete made the document pieces over the mapping (the mapping
    // itself is then no longer the document: read through view()).
    bool hasPieces() const { return m_pieces && m_pieces->position() > 0; }
    // The pieces and their history, or null before the first insert or delete (benchmarks
    // and tests count pieces and their memory through it).
    const PieceEdits* pieceEdits() const { return m_pieces.get(); }
    // The mapping itself: the document's bytes only while it is flat (!hasPieces()). For
    // the flat save paths and tests; everything else reads view().
    const std::uint8_t* mappingData() const { return m_file.data(); }
    bool damaged() const { return m_file.damaged(); }

    // --- editing ---------------------------------------------------------------------
    // Why an edit would be refused right now (read-only mode, write-protected), or empty.
    std::string editBlocker() const;
    // Overwrites bytes [offset, offset+n) with `bytes`. Refuses (nothing changes) when
    // blocked or when the range runs past size(). Records one undo step (or extends the
    // last one, see EditKind).
    Status overwrite(std::uint64_t offset, const std::uint8_t* bytes, std::size_t n,
                     EditKind kind = EditKind::Other);
    // Fills [start, start+length) with `pattern` repeated (pattern non-empty). One step.
    // Refuses lengths above kMaxFillBytes (its old bytes are kept for undo).
    Status fill(std::uint64_t start, std::uint64_t length, const std::vector<std::uint8_t>& pattern);
    static constexpr std::uint64_t kMaxFillBytes = 256ull << 20;
    // Writes the same n bytes at every offset (sorted, non-overlapping ranges), as one
    // undo step: Replace All. Refuses, changing nothing, if any range runs past size().
    Status replaceAll(const std::vector<std::uint64_t>& offsets, const std::uint8_t* bytes,
                      std::size_t n);
    // Ends the current typing step, so the next typing starts a new one (cursor moved).
    void breakCoalescing() {
        m_coalesce = false;
        if (m_pieces) m_pieces->breakCoalescing();
    }

    // --- insert and delete (private mode) ----------------------------------------------
    // Why an insert or delete would be refused (read-only, shared, write-protected), or empty.
    std::string lengthEditBlocker() const;
    // Puts n bytes before the byte at `offset` (offset <= size()). From the first insert or
    // delete on, the document is pieces over the mapping (hasPieces). One undo step, or
    // (Typing) part of the typing step it continues.
    Status insert(std::uint64_t offset, const std::uint8_t* bytes, std::size_t n,
                  EditKind kind = EditKind::Other);
    // Removes [offset, offset+n) (clamped to the end). One undo step; Typing joins a run of
    // Delete or Backspace presses.
    Status erase(std::uint64_t offset, std::uint64_t n, EditKind kind = EditKind::Other);
    // Whether the last change (edit, undo, redo) moved the bytes after lastStepRange().first.
    bool lastStepShifted() const { return m_stepShifted; }


    bool canUndo() const;
    bool canRedo() const;
    Status undo();
    Status redo();
    // Where the last undo/redo changed bytes (for moving the cursor there).
    std::uint64_t lastChangeOffset() const { return m_lastChange; }
    // Every byte the last undo or redo step changed lies in [first, second) (a resize
    // counts from the smaller size to the larger).
    std::pair<std::uint64_t, std::uint64_t> lastStepRange() const { return {m_stepFirst, m_stepEnd}; }

    // Bytes modified since the last save (or open), while the document is flat (the
    // mapping's own edits). For painting use modifiedIn, which also knows pieces.
    const RangeSet& modified() const { return m_modified; }
    // The modified ranges within [start, end), in order: edited bytes of the mapping, and
    // once there are pieces, every inserted, overwritten or zero-extended byte.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> modifiedIn(std::uint64_t start,
                                                                    std::uint64_t end) const;
    // True when the document differs from what was last saved.
    bool isModified() const;

    // --- resize ----------------------------------------------------------------------
    // Shared: ftruncate then mremap; the file changes at once. Private: the new size is
    // the document's until save. Extending reads as zeros (sparse on disk). A shrink
    // keeps the lost tail for undo when it is at most kMaxUndoableShrink bytes; beyond
    // that the history is cleared (resizeIsUndoable tells the UI beforehand).
    Status resize(std::uint64_t newSize);
    bool resizeIsUndoable(std::uint64_t newSize) const;
    static constexpr std::uint64_t kMaxUndoableShrink = 64ull << 20;

    // --- saving ----------------------------------------------------------------------
    // Whether save() can write to this file (private mode on a file we may not write:
    // only saveAs). Read-only mode: false.
    bool canSave() const;
    // Shared: writes back the pages of the modified ranges (sync_file_range on each,
    // then one fdatasync: an msync per range would flush the disk once per range).
    // Blocks until they are on disk. Private: ftruncate if resized, then
    // pwrite of the modified ranges, then fdatasync. Refused when the file shrank on disk
    // under us (damaged): writing would put zeros over data we never had.
    // On failure nothing is lost: the edits and the journal stay as they were.
    // Private mode never makes the file shorter than it is on disk unless the user resized
    // the document: bytes another process appended are kept (and the document takes them on
    // after the save). When the user resized and the file also grew on disk, the save is
    // refused (EEXIST) unless cutAppended says the user agreed to cut those bytes off.
    Status save(bool cutAppended = false);
    // What save() checks before it writes anything: "" when it may go ahead. With pieces a
    // save is writeCopy(path()) then adoptCopy(path()), which the window runs as a job.
    Status saveCheck(bool cutAppended = false) const;
    // The second half of a save with pieces, given what writeCopy(path()) returned: the
    // document switches to the new file when the copy was renamed over the path (even if
    // syncing its folder then failed, whose warning it passes on).
    Status finishSavePieces(const Status& copied);
    // Writes a complete copy to a temporary file in the target's folder, fsyncs it and
    // renames it over `path`; then this document edits the new file (same mode; the
    // journal is kept, marks cleared). On failure the target and this document are as
    // they were.
    Status saveAs(const std::string& path);
    // saveAs in two halves, so the copy can run on a worker thread: writeCopy only reads
    // the document (no edit may run meanwhile) and blocks while it writes; progress is
    // called per MiB with bytes done and total and may return false to cancel (nothing is
    // written then). adoptCopy, on the document's thread, makes the copy the document.
    using CopyProgress = std::function<bool(std::uint64_t done, std::uint64_t total)>;
    Status writeCopy(const std::string& path, const CopyProgress& progress = {}) const;
    // In shared mode the unsaved edits are already in the original file; adoptCopy puts
    // the original's bytes back from the journal (and syncs them) before it switches, so
    // "save as" leaves the original as it was last saved. When the journal cannot lead
    // back (a shrink too large to undo), the original keeps the edits and
    // originalKeptEdits() says so until the next adoptCopy.
    Status adoptCopy(const std::string& path);
    // --- save in place (inserts and deletes without a second copy; rewrite_in_place.h) ---
    // Why the document cannot be saved in place now (no inserts or deletes, an unsaved
    // resize of the mapping, a file we may not write), or empty.
    std::string inPlaceBlocker() const;
    // The worker half of a save in place: rewrites the file into the document's bytes,
    // moves ordered so nothing is overwritten before it is read, with a record beside the
    // file that finishes the rewrite after a crash. Only reads the document (run it under a
    // lease; nothing may edit meanwhile). *touched: the file was written, so a failure left
    // the record (Reload offers to finish it). Then finishSavePieces() on this thread.
    Status rewriteInPlace(const CopyProgress& progress = {}, bool* touched = nullptr,
                          std::uint64_t chunk = 32ull << 20) const;
    // Both halves, on this thread (tests, the command line).
    Status saveInPlace(bool cutAppended = false, std::uint64_t chunk = 32ull << 20);
    bool originalKeptEdits() const { return m_originalKeptEdits; }
    // Shared: undoes every step back to the last save, restoring the original bytes.
    // Private: drops every edit (remaps the file). Afterwards !isModified().
    Status revert();

    // --- write lock ------------------------------------------------------------------
    // mprotect(PROT_READ) on the whole mapping while locked; PROT_READ|PROT_WRITE when
    // unlocked. Refused in read-only mode.
    Status setWriteProtected(bool locked);
    bool writeProtected() const { return m_locked; }

    // --- changes on disk -------------------------------------------------------------
    // Private mode, after another process truncated the file: the kernel drops the
    // copy-on-write pages past the file's new end, so edits there vanish from the mapping
    // (they read as zeros). The journal still holds every edit: this maps the file afresh,
    // gives the document back its size (zeros past the file's new end) and applies again
    // every change since the last save. Afterwards every unsaved edit is back; the bytes
    // the other process cut off read as zeros, and the document is no longer damaged (a
    // Save As keeps all of it; a save writes it over the file). Refused when the journal
    // cannot lead from the save point to here (undone past it, or a shrink too large to
    // keep). Returns how many changes were applied again.
    Result<std::size_t> recoverEdits();
    bool canRecoverEdits() const;
    // After inserts or deletes, when another program cut the file below what the pieces
    // take from it: drops every part of the file past its new end from the document and
    // keeps the rest, with every inserted byte, so the document is whole again (it can be
    // saved). The undo history starts again here (it holds the lost bytes). Returns the
    // ranges that went, in offsets of the document before; refused (changing nothing)
    // without pieces, or when the file still holds every byte the document takes from it.
    Result<std::vector<std::pair<std::uint64_t, std::uint64_t>>> keepWhatRemains();
    bool canKeepWhatRemains() const;
    // The part of the document that still comes from the file (private mode: what a shrink
    // since the last save did not cut off); the file shrinking below it loses bytes.
    std::uint64_t fileBackedSize() const {
        const std::uint64_t flat =
            mode() == OpenMode::Private ? std::min(m_minSize, m_file.size()) : m_file.size();
        return hasPieces() ? std::min(flat, m_pieces->fileEnd()) : flat;
    }
    std::uint64_t sizeOnDisk() const { return m_file.sizeOnDisk(); }
    // The file's size when the document last agreed with it (open, save, follow, recover).
    std::uint64_t agreedSize() const { return m_savedSize; }
    // Whether the user changed the document's size since then (Resize, paste past the end):
    // only then may a private save make the file shorter than it is on disk.
    // With pieces, a save rewrites the whole file: as a resize, it may cut appended bytes.
    bool resizedSinceSave() const {
        return hasPieces() || size() != m_savedSize || m_minSize < m_savedSize;
    }
    // Bytes another process appended to the file since the document last agreed with it.
    std::uint64_t appendedOnDisk() const {
        const std::uint64_t disk = sizeOnDisk();
        return disk > m_knownDiskSize ? disk - m_knownDiskSize : 0;
    }
    // An error when bytes the document takes from the file are gone: the fault guard saw
    // them vanish (damaged), or the file is now shorter than the part the document reads
    // from it. `doing` completes the sentence: "Save As would write zeros…". Empty otherwise.
    Status checkIntact(const std::string& doing) const;
    // Remaps to the file's current size when it grew on disk (follow a growing log).
    // Only when the document has no resize of its own pending. Returns true if it grew.
    // With inserts and deletes the file's new bytes join the document's end (in every
    // state of the undo history: they are the file's, not an edit).
    Result<bool> followGrowth();
    // Whether followGrowth would take the file's growth now: it grew past the mapping, and
    // the document has no resize of its own (private mode) and takes the file's bytes up to
    // the mapping's end (not after keepWhatRemains cut them).
    bool canFollowGrowth() const;

    // Memory held by the undo journal and the modified set, bytes (for tests/benchmarks).
    std::size_t journalMemory() const;

private:
    // After the mapping changed size under the pieces (a growth followed; a remap after a
    // save, a revert or a recover) from `before` bytes: when the file grew on from where
    // the pieces take it, the new bytes join every state of their history; otherwise steps
    // kept for redo (at step 0) no longer fit the mapping and go.
    void fitPiecesToMapping(std::uint64_t before);
    // The same after a remap (save, revert, recover), when the flat journal stands at its
    // end, where the pieces' steps kept for redo begin: grown with the file, or dropped.
    void fitPiecesAtFlatEnd();
    // Whether the pieces take no byte past the mapping's end (redo checks it).
    bool piecesFitMapping() const { return !m_pieces || m_pieces->fileEnd() <= m_file.size(); }
    // Shared mode: makes the file's blocks under [offset, offset+n) exist before a store,
    // so a full disk is an error here instead of a SIGBUS later.
    Status reserve(std::uint64_t offset, std::uint64_t n);
    // The journal. A change is one contiguous overwrite (or one resize); a step (one undo)
    // is a run of changes, the first flagged kStepStart. Old and new bytes live in two
    // arenas, in change order, so a change needs no stored position: walking the changes
    // moves two cursors. 16 bytes a change plus the bytes themselves.
    struct Change {
        std::uint64_t offset; // first byte changed; for a resize: index into m_resizes
        std::uint32_t length; // bytes changed; for a resize: tail bytes kept (old arena)
        std::uint32_t flags;  // kStepStart | kResize | kPattern; pattern length << 16
    };
    struct ResizeRecord {
        std::uint64_t oldSize;
        std::uint64_t newSize;
    };

    static std::size_t newBytes(const Change& c);
    void truncateRedo();
    void pushChange(const Change& c, const std::uint8_t* oldBytes, std::size_t oldCount,
                    const std::uint8_t* newBytes, std::size_t newCount);
    void clearJournal();
    // Size bookkeeping after the mapping changed size from oldSize to size().
    void sizeChanged(std::uint64_t oldSize);
    // After undo/redo: back at the save point, the document is what is on disk.
    void positionChanged();
    // The document now equals the file on disk.
    void markSaved();
    Status blocked() const;
    Status savePrivate(bool cutAppended);
    // Save with pieces: a complete copy beside the file, fsync, rename over it.
    Status savePieces();
    // The edit is a length change or the document has pieces: route it to m_pieces.
    PieceEdits& pieces();
    // After a piece step: the step's range for the UI.
    void pieceStepDone();
    Status saveShared();
    // The journal steps from the save point to m_pos, applied or undone, without the
    // checks of undo()/redo() (the caller holds the gate). Used by adoptCopy.
    Status undoStep();
    Status redoStep();
    // Moves m_pos (and the cursors) to `pos` without touching the bytes.
    void seekJournal(std::size_t pos);

    GateHolder m_gate; // first: see the move operations
    MappedFile m_file;
    // Insert/delete history over the mapping; its step 0 is the mapping as the flat
    // journal left it (see piece_edits.h). Kept at step 0 for redo until a flat edit.
    std::unique_ptr<PieceEdits> m_pieces;
    bool m_stepShifted = false;
    RangeSet m_modified;
    bool m_locked = false;
    bool m_coalesce = false;
    bool m_joinNext = false; // the next pushChange continues the last step (PasteExtended)
    std::uint64_t m_lastChange = 0;
    std::uint64_t m_stepFirst = 0, m_stepEnd = 0;

    std::vector<Change> m_changes;
    std::vector<std::uint8_t> m_oldArena;
    std::vector<std::uint8_t> m_newArena;
    std::vector<ResizeRecord> m_resizes;
    std::size_t m_pos = 0;       // changes applied; the rest is the redo tail
    std::size_t m_oldCursor = 0; // old-arena bytes owned by the applied changes
    std::size_t m_newCursor = 0;
    std::size_t m_resizeCursor = 0;
    std::size_t m_savePos = 0; // m_pos at the last save; kNoSavePoint when unreachable
    static constexpr std::size_t kNoSavePoint = static_cast<std::size_t>(-1);
    // Private mode: the smallest size the document had since the save; save truncates
    // the file to it first so bytes the document lost are not read back from disk.
    std::uint64_t m_minSize = 0;
    // See agreedSize().
    std::uint64_t m_savedSize = 0;
    // The file's size as this document last made or saw it: agreedSize(), or what a save
    // that failed half-way left (its own growth is not another program's append).
    std::uint64_t m_knownDiskSize = 0;
    // A pieces save renamed its copy over the path but could not open it again: the file
    // at the path (this device and inode) is ours, not another program's, so the next
    // save may replace it (it writes the copy again). {0, 0} otherwise.
    std::pair<std::uint64_t, std::uint64_t> m_unadoptedCopy{0, 0};
    // Sized since the mapping was last made fresh (private: part of it is anonymous
    // memory, so it cannot follow the file's growth); since save (shared: fdatasync).
    bool m_resized = false;
    bool m_originalKeptEdits = false;
};

} // namespace hexmap
