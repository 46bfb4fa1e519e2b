// SPDX-License-Identifier: MIT
// Document's save in place: the document's pieces as a layout of the old file's bytes,
// the bytes in memory and zeros, for rewrite_in_place.
#include "document.h"
#include "file_writes.h"
#include "rewrite_in_place.h"

#include <cerrno>

namespace hexmap {

std::string Document::inPlaceBlocker() const {
    if (!m_file.isOpen()) return "No file is open.";
    if (!hasPieces()) return "There are no inserts or deletes: a save writes only the changed bytes.";
    if (!m_file.fileWritable()) return "You may not write to " + fileio::quoted(path()) + ".";
    // The mapping's own unsaved resize (before the first insert) leaves bytes in it that
    // are not the file's: the copy strategy handles that, in place does not.
    if (m_resized || m_file.size() != m_savedSize || m_minSize < m_savedSize)
        return "The file was resized before the first insert; save it through a copy.";
    return {};
}

Status Document::rewriteInPlace(const CopyProgress& progress, bool* touched,
                                std::uint64_t chunk) const {
    if (touched) *touched = false;
    if (const std::string why = inPlaceBlocker(); !why.empty())
        return Error{EINVAL, "Could not save " + fileio::quoted(path()) + " in place: " + why};
    if (Status intact = checkIntact("Saving would write those zeros over the file, so nothing "
                                    "was saved."); !intact)
        return intact;
    // The layout: each File piece is the file's bytes where they are, but for the bytes
    // edited in the mapping before the first insert (m_modified), which exist only in memory,
    // as inserted bytes do. Neighbours that continue each other are merged.
    std::vector<RewriteStretch> layout;
    auto add = [&layout](RewriteStretch s) {
        if (s.length == 0) return;
        if (!layout.empty()) {
            RewriteStretch& last = layout.back();
            const bool continues = last.from == s.from && last.dst + last.length == s.dst &&
                                   (s.from != RewriteStretch::From::File || last.src + last.length == s.src);
            if (continues) {
                last.length += s.length;
                return;
            }
        }
        layout.push_back(s);
    };
    const ByteView bytes = view();
    bytes.pieces(0, size(), [&](std::uint64_t s, std::uint64_t e, const Piece& p) {
        using From = RewriteStretch::From;
        if (p.source == Piece::Source::Added) return add({From::Memory, s, 0, e - s});
        if (p.source == Piece::Source::Zero) return add({From::Zero, s, 0, e - s});
        const std::uint64_t fileStart = p.offset, fileEnd = p.offset + (e - s);
        std::uint64_t at = fileStart;
        for (const auto& [ms, me] : m_modified.overlapping(fileStart, fileEnd)) {
            const std::uint64_t a = std::max(ms, fileStart), b = std::min(me, fileEnd);
            if (a > at) add({From::File, s + (at - fileStart), at, a - at});
            add({From::Memory, s + (a - fileStart), 0, b - a});
            at = b;
        }
        if (fileEnd > at) add({From::File, s + (at - fileStart), at, fileEnd - at});
    });
    RewriteOptions options;
    options.chunk = chunk;
    return hexmap::rewriteInPlace(
        m_file.fd(), path(), sizeOnDisk(), layout,
        [&bytes](std::uint64_t at, std::uint8_t* out, std::size_t n) {
            if (bytes.read(at, out, n) == n) return true;
            errno = EIO;
            return false;
        },
        progress, touched, options);
}

Status Document::saveInPlace(bool cutAppended, std::uint64_t chunk) {
    breakCoalescing();
    if (Status st = saveCheck(cutAppended); !st) return st;
    bool touched = false;
    const Status st = rewriteInPlace({}, &touched, chunk);
    if (!st) return st; // the document is as it was (not touched) or the record finishes it
    return finishSavePieces(st);
}

} // namespace hexmap
