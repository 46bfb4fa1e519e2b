// SPDX-License-Identifier: MIT
// PieceEdits: a document's edits once it has had an insert or a delete (issue 18). The
// mapping is not written any more: every change (insert, delete, overwrite, fill, Replace
// All, resize) becomes pieces over the mapping and the buffer of added bytes, and every
// undo step is a pair of O(1) snapshots of the piece table (before, after), so undo and
// redo cost O(1) whatever the edit shifted. Step 0 is the mapping as it was when the
// first insert came: at step 0 the document reads the mapping straight again (Document
// drops back to its flat journal then, and keeps these steps for redo).
// Pure data structure: Document checks modes, locks and the edit gate before calling in.
#pragma once

#include "piece_table.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace hexmap {

class PieceEdits {
public:
    // Over a mapping of `fileSize` bytes.
    explicit PieceEdits(std::uint64_t fileSize);

    const PieceTable& table() const { return m_table; }
    const AddBuffer& added() const { return m_added; }
    std::uint64_t size() const { return m_table.size(); }

    // Each starts an undo step, or (typing) continues the last one when it goes on where
    // it ended: an insert at its end, or a rewrite of its last byte (the low nibble).
    void insert(std::uint64_t at, const std::uint8_t* bytes, std::size_t n, bool typing);
    void erase(std::uint64_t at, std::uint64_t n, bool typing = false);
    // `join`: part of the step just made, whatever it was (a paste past the end joins the
    // resize that made room for it).
    void overwrite(std::uint64_t at, const std::uint8_t* bytes, std::size_t n, bool typing,
                   bool join = false);
    // [start, start+length) becomes `pattern` repeated.
    void fill(std::uint64_t start, std::uint64_t length, const std::vector<std::uint8_t>& pattern);
    // The same n bytes over each offset (sorted, disjoint), as one step.
    void replaceAll(const std::vector<std::uint64_t>& offsets, const std::uint8_t* bytes, std::size_t n);
    // Cuts the end off, or adds zeros (one piece, no memory).
    void resize(std::uint64_t newSize);
    void breakCoalescing() { m_coalesce = false; }

    // The mapping lost its bytes from `fileEnd` on (another program cut the file): every
    // part of a File piece past there goes; the rest of the file and every inserted byte
    // stay. The history cannot go back past this (its snapshots hold the lost pieces), so
    // it starts again here, as a step that cannot be undone. Returns the ranges that went,
    // in offsets of the document before the cut, in order.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> dropFileFrom(std::uint64_t fileEnd);
    // The file grew (another program appended; the mapping now reaches `fileEnd`): its new
    // bytes are the file's, not an edit, so they join the end of the document in every
    // state of the history, not as a step. The current table gets them now; a snapshot
    // taken before gets the part it lacks when undo or redo brings it back (O(log n)), so
    // a growth costs one path of the tree, not one per step. Breaks a typing run.
    void growFile(std::uint64_t fileEnd);

    std::size_t position() const { return m_pos; }
    // Undo goes no further back than this (1 after dropFileFrom, else 0).
    std::size_t floor() const { return m_floor; }
    // How much of the mapping the pieces may take bytes from (the file's size at the first
    // insert, or where dropFileFrom cut it).
    std::uint64_t fileEnd() const { return m_fileEnd; }
    bool canUndo() const { return m_pos > m_floor; }
    bool canRedo() const { return m_pos < m_steps.size(); }
    void undo();
    void redo();
    // Where the last step (done, undone or redone) changed the document: bytes from
    // `first` on may have moved or changed; up to `end` in the longer of the two versions.
    std::uint64_t stepFirst() const { return m_stepFirst; }
    std::uint64_t stepEnd() const { return m_stepEnd; }
    // Whether the last step changed the length (everything after stepFirst moved).
    bool stepShifted() const { return m_stepShifted; }

    std::size_t memoryUsage() const;

private:
    struct Step {
        PieceTable before, after;
        std::uint64_t first = 0, end = 0; // what it touched, in the longer version
        bool shifted = false;
        // m_fileEnd when each snapshot was taken: the file's growth since then is added
        // at its end when it comes back (see growFile).
        std::uint64_t beforeFileEnd = 0, afterFileEnd = 0;
    };
    // `snapshot` (taken when the file ended at `snapshotFileEnd`) as the current table.
    void restore(const PieceTable& snapshot, std::uint64_t snapshotFileEnd);
    // Starts a step (dropping the redo tail) unless `join` continues the last one.
    void begin(bool join, bool force = false);
    void finish(std::uint64_t first, std::uint64_t end, bool shifted);
    Piece add(const std::uint8_t* bytes, std::size_t n);

    PieceTable m_table;
    AddBuffer m_added;
    std::vector<Step> m_steps;
    std::size_t m_pos = 0;
    std::size_t m_floor = 0;
    std::uint64_t m_fileEnd = 0;
    bool m_coalesce = false;
    bool m_joining = false; // the edit under way continues the last step
    std::uint64_t m_typedEnd = 0; // where the typing step ended (valid while m_coalesce)
    std::uint64_t m_stepFirst = 0, m_stepEnd = 0;
    bool m_stepShifted = false;
};

} // namespace hexmap
