// SPDX-License-Identifier: MIT
// ByteView: how the owner's thread reads a document's bytes, whether the document is
// still the mapping (flat: a pointer and a size, read in place) or pieces after an insert
// or delete (issue 18). Views ask for spans — the longest contiguous run at or before an
// offset — or for n bytes made contiguous in a scratch buffer only when they cross a
// piece boundary, so a flat document is read exactly as before (no copy, no tree walk).
// A ByteView is a cheap value; it is valid until the document next changes (an edit, an
// undo, a remap): take it again then. Other threads read through DocumentReader.
#pragma once

#include "piece_table.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace hexmap {

class ByteView {
public:
    ByteView() = default;
    // A flat document: the mapping.
    ByteView(const std::uint8_t* data, std::uint64_t size) : m_file(data), m_size(size) {}
    // A document of pieces over the mapping (`file`) and the inserted bytes.
    ByteView(const std::uint8_t* file, const PieceTable* table, const AddBuffer* added)
        : m_file(file), m_size(table->size()), m_table(table), m_added(added) {}

    std::uint64_t size() const { return m_size; }
    bool flat() const { return m_table == nullptr; }
    // The whole document in place when it is flat, else nullptr.
    const std::uint8_t* flatData() const { return m_table ? nullptr : m_file; }

    // The longest contiguous run starting at `offset` (at most `want` bytes); empty when
    // offset >= size().
    std::span<const std::uint8_t> spanAt(std::uint64_t offset, std::size_t want = SIZE_MAX) const;
    // The longest contiguous run ending at `end` (at most `want` bytes); empty when end == 0.
    std::span<const std::uint8_t> spanBefore(std::uint64_t end, std::size_t want = SIZE_MAX) const;
    // The bytes of [from, to) in place, run after run (a piece, or the part of one that is
    // contiguous in memory), into `out`, at most `maxRuns` of them: one walk of the tree
    // for a stretch a scan reads piece by piece. Returns where the runs end (`to` clipped
    // to the size, or sooner when maxRuns stopped it).
    std::uint64_t runs(std::uint64_t from, std::uint64_t to, std::size_t maxRuns,
                       std::vector<std::span<const std::uint8_t>>& out) const;
    // Copies up to n bytes from offset into buf; returns how many (less only at the end).
    std::size_t read(std::uint64_t offset, std::uint8_t* buf, std::size_t n) const;
    // n contiguous bytes at offset (clamped to the end): in place when one span holds them,
    // else copied into `scratch`. The count is the returned span's size.
    std::span<const std::uint8_t> bytes(std::uint64_t offset, std::size_t n,
                                        std::vector<std::uint8_t>& scratch) const;
    std::uint8_t at(std::uint64_t offset) const;
    // Line starts, looking no further than a bound (a line may be gigabytes long): one past
    // the last '\n' in [floor, offset) — the start of the line holding `offset` — or `floor`
    // when none lies there; and one past the first '\n' in [from, limit) — the next line's
    // start — or nullopt when none does. Span by span: in place when flat.
    std::uint64_t afterNewlineBefore(std::uint64_t offset, std::uint64_t floor) const;
    std::optional<std::uint64_t> afterNewlineFrom(std::uint64_t from, std::uint64_t limit) const;

    // Where each piece that covers [from, to) comes from, for the modified tint: calls fn
    // with (document start, document end, piece). Flat: one File piece.
    template <typename Fn> void pieces(std::uint64_t from, std::uint64_t to, Fn&& fn) const {
        if (from >= to || from >= m_size) return;
        to = std::min(to, m_size);
        if (!m_table) {
            fn(from, to, Piece{Piece::Source::File, from, to - from});
            return;
        }
        std::uint64_t pos = from;
        m_table->forEach(from, to, [&](const Piece& p) {
            fn(pos, pos + p.length, p);
            pos += p.length;
            return true;
        });
    }

private:
    std::span<const std::uint8_t> pieceBytes(const Piece& p, std::size_t want) const;

    const std::uint8_t* m_file = nullptr;
    std::uint64_t m_size = 0;
    const PieceTable* m_table = nullptr;
    const AddBuffer* m_added = nullptr;
};

} // namespace hexmap
