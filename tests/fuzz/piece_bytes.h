// SPDX-License-Identifier: MIT
// The fuzz targets' reading of a piece table, byte by byte, into a vector: the slow, plain
// reading the table's own reads are checked against.
#pragma once

#include "piece_table.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace hexmap::fuzz {

inline std::vector<std::uint8_t> pieceBytes(const PieceTable& t, const std::vector<std::uint8_t>& file,
                                            const AddBuffer& added) {
    std::vector<std::uint8_t> out;
    t.forEach(0, t.size(), [&](const Piece& p) {
        for (std::uint64_t i = 0; i < p.length; ++i) {
            if (p.source == Piece::Source::File) {
                out.push_back(file.at(p.offset + i));
            } else if (p.source == Piece::Source::Zero) {
                out.push_back(0);
            } else {
                std::size_t got = 0;
                const std::uint8_t* d = added.at(p.offset + i, 1, &got);
                if (!d || got != 1) std::abort();
                out.push_back(*d);
            }
        }
        return true;
    });
    return out;
}

} // namespace hexmap::fuzz
