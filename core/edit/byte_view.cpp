// SPDX-License-Identifier: MIT
#include "byte_view.h"

#include <algorithm>
#include <cstring>

namespace hexmap {

namespace {
// Zero pieces read from here: they have no bytes anywhere else.
constexpr std::size_t kZeros = 64 * 1024;
const std::uint8_t g_zeros[kZeros] = {};
} // namespace

std::span<const std::uint8_t> ByteView::pieceBytes(const Piece& p, std::size_t want) const {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(p.length, want));
    switch (p.source) {
    case Piece::Source::File:
        return {m_file + p.offset, n};
    case Piece::Source::Added: {
        std::size_t got = 0;
        const std::uint8_t* b = m_added->at(p.offset, n, &got);
        return {b, got};
    }
    case Piece::Source::Zero:
        return {g_zeros, std::min(n, kZeros)};
    }
    return {};
}

std::span<const std::uint8_t> ByteView::spanAt(std::uint64_t offset, std::size_t want) const {
    if (offset >= m_size || want == 0) return {};
    if (!m_table)
        return {m_file + offset,
                static_cast<std::size_t>(std::min<std::uint64_t>(want, m_size - offset))};
    std::span<const std::uint8_t> out;
    m_table->forEach(offset, m_size, [&](const Piece& p) {
        out = pieceBytes(p, want);
        return false;
    });
    return out;
}

std::uint64_t ByteView::runs(std::uint64_t from, std::uint64_t to, std::size_t maxRuns,
                             std::vector<std::span<const std::uint8_t>>& out) const {
    to = std::min(to, m_size);
    if (from >= to || maxRuns == 0) return from;
    if (!m_table) {
        out.emplace_back(m_file + from, static_cast<std::size_t>(to - from));
        return to;
    }
    std::uint64_t at = from;
    std::size_t made = 0;
    m_table->forEach(from, to, [&](const Piece& p) {
        Piece rest = p;
        while (rest.length > 0) {
            if (made == maxRuns) return false;
            const auto b = pieceBytes(rest, SIZE_MAX);
            if (b.empty()) return false;
            out.push_back(b);
            ++made;
            at += b.size();
            rest.offset += b.size();
            rest.length -= b.size();
        }
        return true;
    });
    return at;
}

std::span<const std::uint8_t> ByteView::spanBefore(std::uint64_t end, std::size_t want) const {
    end = std::min(end, m_size);
    if (end == 0 || want == 0) return {};
    if (!m_table) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(want, end));
        return {m_file + (end - n), n};
    }
    // The last piece of the (at most `want`) bytes before `end` is the run that ends there.
    const std::uint64_t from = end > want ? end - want : 0;
    Piece last{};
    m_table->forEach(from, end, [&](const Piece& p) {
        last = p;
        return true;
    });
    // An Added run may cross blocks of the buffer: keep the part in the block holding its
    // last byte (pieceBytes gives the contiguous part from the start).
    for (;;) {
        const auto span = pieceBytes(last, static_cast<std::size_t>(last.length));
        if (span.size() >= last.length || last.source == Piece::Source::Zero)
            return last.source == Piece::Source::Zero
                       ? span.last(std::min(span.size(), static_cast<std::size_t>(last.length)))
                       : span;
        last.offset += span.size();
        last.length -= span.size();
    }
}

std::size_t ByteView::read(std::uint64_t offset, std::uint8_t* buf, std::size_t n) const {
    if (offset >= m_size) return 0;
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, m_size - offset));
    if (!m_table) {
        std::memcpy(buf, m_file + offset, n);
        return n;
    }
    std::size_t done = 0;
    m_table->forEach(offset, offset + n, [&](const Piece& p) {
        Piece rest = p;
        while (rest.length > 0) {
            const auto s = pieceBytes(rest, static_cast<std::size_t>(rest.length));
            if (s.empty()) return false;
            if (rest.source == Piece::Source::Zero)
                std::memset(buf + done, 0, s.size());
            else
                std::memcpy(buf + done, s.data(), s.size());
            done += s.size();
            rest.offset += s.size();
            rest.length -= s.size();
        }
        return true;
    });
    return done;
}

std::span<const std::uint8_t> ByteView::bytes(std::uint64_t offset, std::size_t n,
                                              std::vector<std::uint8_t>& scratch) const {
    if (offset >= m_size) return {};
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, m_size - offset));
    const auto s = spanAt(offset, n);
    if (s.size() == n) return s;
    scratch.resize(n);
    return {scratch.data(), read(offset, scratch.data(), n)};
}

std::uint8_t ByteView::at(std::uint64_t offset) const {
    const auto s = spanAt(offset, 1);
    return s.empty() ? 0 : s[0];
}

std::uint64_t ByteView::afterNewlineBefore(std::uint64_t offset, std::uint64_t floor) const {
    offset = std::min(offset, m_size);
    for (std::uint64_t end = offset; end > floor;) {
        const auto span = spanBefore(end, static_cast<std::size_t>(end - floor));
        if (span.empty()) break;
        if (const void* nl = memrchr(span.data(), '\n', span.size()))
            return end - span.size() +
                   static_cast<std::uint64_t>(static_cast<const std::uint8_t*>(nl) - span.data()) +
                   1;
        end -= span.size();
    }
    return std::min(floor, offset);
}

std::optional<std::uint64_t> ByteView::afterNewlineFrom(std::uint64_t from,
                                                        std::uint64_t limit) const {
    limit = std::min(limit, m_size);
    for (std::uint64_t at = from; at < limit;) {
        const auto span = spanAt(at, static_cast<std::size_t>(limit - at));
        if (span.empty()) break;
        if (const void* nl = std::memchr(span.data(), '\n', span.size()))
            return at +
                   static_cast<std::uint64_t>(static_cast<const std::uint8_t*>(nl) - span.data()) +
                   1;
        at += span.size();
    }
    return std::nullopt;
}

} // namespace hexmap
