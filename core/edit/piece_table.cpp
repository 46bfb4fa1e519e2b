// SPDX-License-Identifier: MIT
#include "piece_table.h"

#include <algorithm>
#include <cstring>

namespace hexmap {

// --- AddBuffer -----------------------------------------------------------------------

std::uint64_t AddBuffer::append(const std::uint8_t* bytes, std::size_t n) {
    constexpr std::size_t kBlock = std::size_t(1) << 20;
    const std::uint64_t first = m_size;
    while (n > 0) {
        if (m_blocks.empty() || m_blocks.back().used == m_blocks.back().capacity) {
            const std::size_t capacity = std::max(kBlock, n);
            m_blocks.push_back(Block{m_size, 0, capacity, std::make_unique<std::uint8_t[]>(capacity)});
        }
        Block& b = m_blocks.back();
        const std::size_t take = std::min(n, b.capacity - b.used);
        std::memcpy(b.data.get() + b.used, bytes, take);
        b.used += take;
        m_size += take;
        bytes += take;
        n -= take;
    }
    return first;
}

const std::uint8_t* AddBuffer::at(std::uint64_t offset, std::size_t want, std::size_t* got) const {
    // The last block that starts at or before offset.
    auto it = std::upper_bound(m_blocks.begin(), m_blocks.end(), offset,
                               [](std::uint64_t o, const Block& b) { return o < b.start; });
    if (it == m_blocks.begin() || offset >= m_size) {
        *got = 0;
        return nullptr;
    }
    const Block& b = *(it - 1);
    const std::size_t inside = static_cast<std::size_t>(offset - b.start);
    *got = std::min(want, b.used - inside);
    return b.data.get() + inside;
}

std::size_t AddBuffer::memoryUsage() const {
    std::size_t n = m_blocks.capacity() * sizeof(Block);
    for (const Block& b : m_blocks) n += b.capacity;
    return n;
}

// --- the tree ------------------------------------------------------------------------

struct PieceTable::Node {
    bool leaf = true;
    int height = 1;
    std::uint64_t length = 0;
    std::size_t count = 0; // pieces below
    std::vector<Piece> pieces;                     // a leaf's
    std::vector<std::shared_ptr<const Node>> kids; // an inner node's
};

namespace {

using Node = PieceTable::Node;
using NodePtr = std::shared_ptr<const Node>;

// Fan-out: a leaf holds up to 32 pieces (24 bytes each), an inner node up to 32 children,
// so 100,000 pieces make a tree 4 levels high and a lookup touches ~4 small arrays.
constexpr std::size_t kMaxPieces = 32;
constexpr std::size_t kMaxKids = 32;

NodePtr makeLeaf(std::vector<Piece> pieces) {
    auto n = std::make_shared<Node>();
    n->leaf = true;
    for (const Piece& p : pieces) n->length += p.length;
    n->count = pieces.size();
    n->pieces = std::move(pieces);
    return n;
}

NodePtr makeInner(std::vector<NodePtr> kids) {
    auto n = std::make_shared<Node>();
    n->leaf = false;
    n->height = kids.front()->height + 1;
    for (const NodePtr& k : kids) {
        n->length += k->length;
        n->count += k->count;
    }
    n->kids = std::move(kids);
    return n;
}

// A node that grew past its fan-out becomes two halves.
template <class T, class Make>
std::vector<NodePtr> splitIfFull(std::vector<T> items, std::size_t max, Make make) {
    if (items.size() <= max) return {make(std::move(items))};
    const auto half = static_cast<std::ptrdiff_t>(items.size() / 2);
    std::vector<T> right(std::make_move_iterator(items.begin() + half), std::make_move_iterator(items.end()));
    items.resize(static_cast<std::size_t>(half));
    return {make(std::move(items)), make(std::move(right))};
}

bool continues(const Piece& before, const Piece& next) {
    if (before.source == Piece::Source::Zero) return next.source == Piece::Source::Zero;
    return before.source == next.source && before.offset + before.length == next.offset;
}

// Inserts into the subtree; returns it as one node, or two when it split.
std::vector<NodePtr> insertInto(const NodePtr& n, std::uint64_t at, const Piece& piece) {
    if (n->leaf) {
        std::vector<Piece> p = n->pieces;
        std::uint64_t pos = 0;
        std::size_t i = 0;
        while (i < p.size() && at >= pos + p[i].length) pos += p[i++].length;
        if (i < p.size() && at > pos) { // inside p[i]: split it
            Piece right = p[i];
            const std::uint64_t left = at - pos;
            p[i].length = left;
            right.offset += left;
            right.length -= left;
            p.insert(p.begin() + static_cast<std::ptrdiff_t>(++i), right);
        }
        if (i > 0 && continues(p[i - 1], piece))
            p[i - 1].length += piece.length; // typing: the run grows, no new piece
        else
            p.insert(p.begin() + static_cast<std::ptrdiff_t>(i), piece);
        return splitIfFull(std::move(p), kMaxPieces, makeLeaf);
    }
    std::vector<NodePtr> kids = n->kids;
    std::uint64_t pos = 0;
    std::size_t j = 0;
    // At a boundary, the left child takes it (so a run typed at its end can grow).
    while (j + 1 < kids.size() && at > pos + kids[j]->length) pos += kids[j++]->length;
    std::vector<NodePtr> made = insertInto(kids[j], at - pos, piece);
    kids[j] = made[0];
    if (made.size() == 2) kids.insert(kids.begin() + static_cast<std::ptrdiff_t>(j + 1), made[1]);
    return splitIfFull(std::move(kids), kMaxKids, makeInner);
}

// Removes [from, to) (relative to the subtree): what is left as no node, one, or two (a
// piece cut in the middle can push a full leaf past its fan-out).
std::vector<NodePtr> eraseFrom(const NodePtr& n, std::uint64_t from, std::uint64_t to) {
    if (to <= from) return {n};
    if (n->leaf) {
        std::vector<Piece> kept;
        kept.reserve(n->pieces.size() + 1);
        std::uint64_t pos = 0;
        for (const Piece& p : n->pieces) {
            const std::uint64_t s = pos, e = pos + p.length;
            pos = e;
            if (e <= from || s >= to) {
                kept.push_back(p);
                continue;
            }
            if (s < from) kept.push_back(Piece{p.source, p.offset, from - s});
            if (e > to) kept.push_back(Piece{p.source, p.offset + (to - s), e - to});
        }
        if (kept.empty()) return {};
        return splitIfFull(std::move(kept), kMaxPieces, makeLeaf);
    }
    std::vector<NodePtr> kids;
    kids.reserve(n->kids.size());
    std::uint64_t pos = 0;
    for (const NodePtr& k : n->kids) {
        const std::uint64_t s = pos, e = pos + k->length;
        pos = e;
        if (e <= from || s >= to) {
            kids.push_back(k);
            continue;
        }
        for (NodePtr& left : eraseFrom(k, from > s ? from - s : 0, std::min(to, e) - s))
            kids.push_back(std::move(left));
    }
    if (kids.empty()) return {};
    // Every child keeps its height, so the tree stays uniform; underfull nodes are left as
    // they are (a lone child takes its parent's place only at the root, see erase).
    return splitIfFull(std::move(kids), kMaxKids, makeInner);
}

bool visit(const NodePtr& n, std::uint64_t base, std::uint64_t from, std::uint64_t to,
           const std::function<bool(const Piece&)>& fn) {
    if (n->leaf) {
        std::uint64_t pos = base;
        for (const Piece& p : n->pieces) {
            const std::uint64_t s = pos, e = pos + p.length;
            pos = e;
            if (e <= from) continue;
            if (s >= to) return false;
            const std::uint64_t cs = std::max(s, from), ce = std::min(e, to);
            if (!fn(Piece{p.source, p.offset + (cs - s), ce - cs})) return false;
        }
        return true;
    }
    std::uint64_t pos = base;
    for (const NodePtr& k : n->kids) {
        const std::uint64_t s = pos, e = pos + k->length;
        pos = e;
        if (e <= from) continue;
        if (s >= to) return false;
        if (!visit(k, s, from, to, fn)) return false;
    }
    return true;
}

std::size_t memoryOf(const NodePtr& n) {
    std::size_t m = sizeof(Node) + 16; // the node and its shared_ptr control block
    m += n->pieces.capacity() * sizeof(Piece) + n->kids.capacity() * sizeof(NodePtr);
    for (const NodePtr& k : n->kids) m += memoryOf(k);
    return m;
}

} // namespace

PieceTable PieceTable::overFile(std::uint64_t size) {
    PieceTable t;
    if (size > 0) t.m_root = makeLeaf({Piece{Piece::Source::File, 0, size}});
    return t;
}

std::uint64_t PieceTable::size() const { return m_root ? m_root->length : 0; }
std::size_t PieceTable::pieceCount() const { return m_root ? m_root->count : 0; }
int PieceTable::height() const { return m_root ? m_root->height : 0; }

void PieceTable::insert(std::uint64_t at, const Piece& piece) {
    if (piece.length == 0) return;
    at = std::min(at, size());
    if (!m_root) {
        m_root = makeLeaf({piece});
        return;
    }
    std::vector<NodePtr> made = insertInto(m_root, at, piece);
    m_root = made.size() == 1 ? made[0] : makeInner(std::move(made));
}

void PieceTable::erase(std::uint64_t at, std::uint64_t length) {
    if (!m_root || at >= size() || length == 0) return;
    const std::uint64_t end = length > size() - at ? size() : at + length;
    std::vector<NodePtr> left = eraseFrom(m_root, at, end);
    NodePtr root = left.empty() ? nullptr : left.size() == 1 ? left[0] : makeInner(std::move(left));
    // A root with one child hands over to it, so the height shrinks as pieces go.
    while (root && !root->leaf && root->kids.size() == 1) root = root->kids.front();
    m_root = std::move(root);
}

void PieceTable::forEach(std::uint64_t from, std::uint64_t to,
                         const std::function<bool(const Piece&)>& fn) const {
    if (!m_root || from >= to) return;
    visit(m_root, 0, from, std::min(to, size()), fn);
}

std::vector<Piece> PieceTable::pieces() const {
    std::vector<Piece> out;
    out.reserve(pieceCount());
    forEach(0, size(), [&](const Piece& p) {
        out.push_back(p);
        return true;
    });
    return out;
}

std::size_t PieceTable::memoryUsage() const { return m_root ? memoryOf(m_root) : 0; }

} // namespace hexmap
