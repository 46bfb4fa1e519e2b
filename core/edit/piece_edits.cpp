// SPDX-License-Identifier: MIT
#include "piece_edits.h"

#include <algorithm>

namespace hexmap {

PieceEdits::PieceEdits(std::uint64_t fileSize)
    : m_table(PieceTable::overFile(fileSize)), m_fileEnd(fileSize) {}

Piece PieceEdits::add(const std::uint8_t* bytes, std::size_t n) {
    return Piece{Piece::Source::Added, m_added.append(bytes, n), n};
}

void PieceEdits::begin(bool join, bool force) {
    m_joining = ((join && m_coalesce) || force) && m_pos == m_steps.size() && m_pos > 0;
    if (m_joining) return;
    m_steps.resize(m_pos);
    m_steps.push_back(Step{m_table, {}, 0, 0, false, m_fileEnd, m_fileEnd});
    ++m_pos;
}

void PieceEdits::finish(std::uint64_t first, std::uint64_t end, bool shifted) {
    Step& s = m_steps.back();
    s.after = m_table;
    s.afterFileEnd = m_fileEnd;
    if (m_joining) {
        s.first = std::min(s.first, first);
        s.end = std::max(s.end, end);
        s.shifted = s.shifted || shifted;
    } else {
        s.first = first;
        s.end = end;
        s.shifted = shifted;
    }
    m_stepFirst = s.first;
    m_stepEnd = s.end;
    m_stepShifted = s.shifted;
}

void PieceEdits::insert(std::uint64_t at, const std::uint8_t* bytes, std::size_t n, bool typing) {
    if (n == 0) return;
    at = std::min(at, size());
    begin(typing && at == m_typedEnd);
    m_table.insert(at, add(bytes, n));
    finish(at, size(), true);
    m_coalesce = typing;
    m_typedEnd = at + n;
}

void PieceEdits::erase(std::uint64_t at, std::uint64_t n, bool typing) {
    if (at >= size() || n == 0) return;
    const std::uint64_t oldSize = size();
    // Backspace runs join when each deletes just before where the last one did.
    begin(typing && (at + n == m_typedEnd || at == m_typedEnd));
    m_table.erase(at, n);
    finish(at, oldSize, true);
    m_coalesce = typing;
    m_typedEnd = at;
}

void PieceEdits::overwrite(std::uint64_t at, const std::uint8_t* bytes, std::size_t n, bool typing,
                           bool join) {
    if (n == 0 || at >= size()) return;
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, size() - at));
    begin(typing && (at == m_typedEnd || at + 1 == m_typedEnd), join);
    m_table.erase(at, n);
    m_table.insert(at, add(bytes, n));
    finish(at, at + n, false);
    m_coalesce = typing;
    m_typedEnd = at + n;
}

void PieceEdits::fill(std::uint64_t start, std::uint64_t length, const std::vector<std::uint8_t>& pattern) {
    if (length == 0 || pattern.empty() || start >= size()) return;
    length = std::min(length, size() - start);
    begin(false);
    m_coalesce = false;
    std::vector<std::uint8_t> run(static_cast<std::size_t>(length));
    for (std::size_t i = 0; i < run.size(); ++i) run[i] = pattern[i % pattern.size()];
    m_table.erase(start, length);
    m_table.insert(start, add(run.data(), run.size()));
    finish(start, start + length, false);
}

void PieceEdits::replaceAll(const std::vector<std::uint64_t>& offsets, const std::uint8_t* bytes,
                            std::size_t n) {
    if (offsets.empty() || n == 0) return;
    begin(false);
    m_coalesce = false;
    // The replacement is stored once; every match becomes a piece pointing at it.
    const Piece once = add(bytes, n);
    for (const std::uint64_t o : offsets) {
        if (o >= size()) break;
        m_table.erase(o, n);
        m_table.insert(o, once);
    }
    finish(offsets.front(), offsets.back() + n, false);
}

void PieceEdits::resize(std::uint64_t newSize) {
    const std::uint64_t oldSize = size();
    if (newSize == oldSize) return;
    begin(false);
    m_coalesce = false;
    if (newSize < oldSize)
        m_table.erase(newSize, oldSize - newSize);
    else
        m_table.insert(oldSize, Piece{Piece::Source::Zero, 0, newSize - oldSize});
    finish(std::min(oldSize, newSize), std::max(oldSize, newSize), true);
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> PieceEdits::dropFileFrom(std::uint64_t fileEnd) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> lost;
    PieceTable kept;
    std::uint64_t at = 0; // in the document before the cut
    for (const Piece& p : m_table.pieces()) {
        if (p.source == Piece::Source::File && p.offset + p.length > fileEnd) {
            const std::uint64_t keep = p.offset < fileEnd ? fileEnd - p.offset : 0;
            if (keep > 0) kept.insert(kept.size(), Piece{p.source, p.offset, keep});
            const std::uint64_t from = at + keep, to = at + p.length;
            if (!lost.empty() && lost.back().second == from)
                lost.back().second = to;
            else
                lost.emplace_back(from, to);
        } else {
            kept.insert(kept.size(), p);
        }
        at += p.length;
    }
    const std::uint64_t oldSize = size();
    m_table = std::move(kept);
    m_fileEnd = std::min(m_fileEnd, fileEnd);
    m_steps.clear();
    m_steps.push_back(Step{m_table, m_table, 0, oldSize, true, m_fileEnd, m_fileEnd});
    m_pos = m_floor = 1;
    m_coalesce = false;
    m_stepFirst = lost.empty() ? oldSize : lost.front().first;
    m_stepEnd = oldSize;
    m_stepShifted = !lost.empty();
    return lost;
}

void PieceEdits::growFile(std::uint64_t fileEnd) {
    m_coalesce = false;
    if (fileEnd <= m_fileEnd) return;
    m_table.insert(m_table.size(), Piece{Piece::Source::File, m_fileEnd, fileEnd - m_fileEnd});
    m_fileEnd = fileEnd;
}

void PieceEdits::restore(const PieceTable& snapshot, std::uint64_t snapshotFileEnd) {
    m_table = snapshot;
    if (snapshotFileEnd < m_fileEnd)
        m_table.insert(m_table.size(),
                       Piece{Piece::Source::File, snapshotFileEnd, m_fileEnd - snapshotFileEnd});
}

void PieceEdits::undo() {
    if (m_pos <= m_floor) return;
    m_coalesce = false;
    const Step& s = m_steps[--m_pos];
    restore(s.before, s.beforeFileEnd);
    m_stepFirst = s.first;
    m_stepEnd = s.end;
    m_stepShifted = s.shifted;
}

void PieceEdits::redo() {
    if (m_pos == m_steps.size()) return;
    m_coalesce = false;
    const Step& s = m_steps[m_pos++];
    restore(s.after, s.afterFileEnd);
    m_stepFirst = s.first;
    m_stepEnd = s.end;
    m_stepShifted = s.shifted;
}

std::size_t PieceEdits::memoryUsage() const {
    // A lower bound: the snapshots share their nodes with the current table except the
    // leaf and the path each step copied (about 2.3 KiB a step at 32 pieces a leaf,
    // measured by bench_pieces), which are not walked here.
    return m_table.memoryUsage() + m_added.memoryUsage() + m_steps.capacity() * sizeof(Step);
}

} // namespace hexmap
