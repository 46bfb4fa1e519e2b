// SPDX-License-Identifier: MIT
// PieceTable: a document whose length can change, as a sequence of pieces over two byte
// sources that never move: the original file (the mapping) and an append-only buffer of
// inserted bytes (AddBuffer). This is the first step of insert/delete (issue 18): the
// document keeps reading the mapping directly until the first insert or delete, and from
// then on reads piece by piece.
//
// The pieces live in the leaves of a counted B+ tree whose nodes are immutable and shared:
// insert, erase and offset -> piece are O(log n) (they copy the O(log n) nodes on one path),
// and a copy of a PieceTable is an O(1) snapshot that later edits do not disturb (undo).
// Offsets and lengths are std::uint64_t. Not thread-safe: readers on other threads hold the
// document's read lease, which keeps every edit out meanwhile.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace hexmap {

struct Piece {
    // File: the mapping; Added: the AddBuffer; Zero: zeros that exist nowhere (a document
    // extended past its end), so growing a file by gigabytes costs one piece.
    enum class Source : std::uint8_t { File, Added, Zero };
    Source source = Source::File;
    std::uint64_t offset = 0; // where its bytes start in the source
    std::uint64_t length = 0; // never 0 inside a table
    friend bool operator==(const Piece&, const Piece&) = default;
};

// The inserted bytes: appended, never rewritten or moved, so a piece may point into them
// for ever (and a reader's pointer stays valid while more bytes are appended). Blocks of
// 1 MiB, or one block of its own for a larger append.
class AddBuffer {
public:
    // Appends n bytes; returns the offset of the first.
    std::uint64_t append(const std::uint8_t* bytes, std::size_t n);
    std::uint64_t size() const { return m_size; }
    // The longest contiguous run of bytes at offset (at most `want`), as a pointer and its
    // length. offset < size().
    const std::uint8_t* at(std::uint64_t offset, std::size_t want, std::size_t* got) const;
    std::size_t memoryUsage() const;

private:
    struct Block {
        std::uint64_t start; // offset of data[0]
        std::size_t used;
        std::size_t capacity;
        std::unique_ptr<std::uint8_t[]> data;
    };
    std::vector<Block> m_blocks;
    std::uint64_t m_size = 0;
};

class PieceTable {
public:
    // An empty table, or one piece covering a file of `size` bytes.
    PieceTable() = default;
    static PieceTable overFile(std::uint64_t size);

    std::uint64_t size() const;
    std::size_t pieceCount() const;

    // Puts `piece` (length > 0) before the byte now at `at` (at <= size()). A piece that
    // continues the one just before it in the same source (typing) is merged into it.
    void insert(std::uint64_t at, const Piece& piece);
    // Removes [at, at + length), clamped to size().
    void erase(std::uint64_t at, std::uint64_t length);

    // Calls fn with each piece, or the part of it, that covers [from, to), in order; fn
    // returns false to stop. O(log n) to the first, then O(1) per piece.
    void forEach(std::uint64_t from, std::uint64_t to, const std::function<bool(const Piece&)>& fn) const;
    // All pieces in order (tests, saving).
    std::vector<Piece> pieces() const;

    // Memory held by the tree's nodes (bytes), shared nodes counted once per table.
    std::size_t memoryUsage() const;
    // The tree's height (1 for a single leaf), for tests of its balance.
    int height() const;

    struct Node;

private:
    std::shared_ptr<const Node> m_root;
};

} // namespace hexmap
