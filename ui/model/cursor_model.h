// SPDX-License-Identifier: MIT
// CursorModel: the cursor and the selection of one open file, shared by every view of it
// (the hex grid, the Lines view), so that moving or selecting in one moves or selects in
// the others. Offsets are 64-bit; the cursor always lies on a byte of the document (0 for
// an empty one). The selection runs from the anchor to the cursor, both included.
#pragma once

#include <QObject>
#include <cstdint>

namespace hexmap {

class CursorModel : public QObject {
    Q_OBJECT
public:
    // How a view should bring the cursor into sight after a move.
    enum class Reveal {
        None,    // leave the view where it is (select all)
        Nearest, // scroll as little as possible (keys, clicks)
        Center,  // put it in the middle when it is off screen (a found match, go to)
    };

    explicit CursorModel(QObject* parent = nullptr);

    // The document's size changed: the cursor and the selection are clamped to it.
    void setDocumentSize(std::uint64_t size);
    // An insert or delete at `start` moved the bytes after it by `delta` (offset_shift.h):
    // the cursor and the selection follow the bytes they were on; then the new size holds.
    void shift(std::uint64_t start, std::int64_t delta, std::uint64_t newSize);
    std::uint64_t documentSize() const { return m_size; }

    std::uint64_t cursor() const { return m_cursor; }
    std::uint64_t anchor() const { return m_anchor; }
    bool hasSelection() const { return m_hasAnchor; }
    // The first selected byte (the cursor when nothing is selected).
    std::uint64_t selectionStart() const;
    // Bytes selected; 0 without a selection.
    std::uint64_t selectionLength() const;
    // The selection, or the byte under the cursor when there is none: [start, start+n).
    std::uint64_t targetLength() const { return m_hasAnchor ? selectionLength() : (m_size ? 1 : 0); }

    // Moves the cursor (clamped to the last byte). With `extend`, the selection grows from
    // its anchor (or from the old cursor) to the new place; without, it is dropped.
    void moveCursor(std::uint64_t offset, bool extend = false, Reveal reveal = Reveal::Nearest);
    // Selects [anchor .. cursor] (either order), cursor last.
    void select(std::uint64_t anchor, std::uint64_t cursor, Reveal reveal = Reveal::Nearest);
    void selectAll();
    void clearSelection();

signals:
    // The cursor or the selection changed; views bring the cursor into sight as asked.
    void changed(hexmap::CursorModel::Reveal reveal);

private:
    std::uint64_t clamp(std::uint64_t offset) const { return m_size ? (offset < m_size ? offset : m_size - 1) : 0; }

    std::uint64_t m_size = 0;
    std::uint64_t m_cursor = 0;
    std::uint64_t m_anchor = 0;
    bool m_hasAnchor = false;
};

} // namespace hexmap

Q_DECLARE_METATYPE(hexmap::CursorModel::Reveal)
