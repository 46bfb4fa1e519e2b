// SPDX-License-Identifier: MIT
// Fuzz target: the piece table. A byte string becomes inserts, erases, overwrites,
// snapshots and restores on a table over a small "file"; after every step the table must
// read as a plain std::vector that took the same operations, and every snapshot as it was.
#include "piece_bytes.h"
#include "piece_table.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

using namespace hexmap;
using Bytes = std::vector<std::uint8_t>;

namespace {

[[noreturn]] void fail(const char* what, std::size_t step) {
    std::fprintf(stderr, "fuzz_pieces: %s at step %zu\n", what, step);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    Bytes file(data[0] % 97);
    for (std::size_t i = 0; i < file.size(); ++i) file[i] = static_cast<std::uint8_t>(i * 7 + 1);
    AddBuffer added;
    PieceTable t = PieceTable::overFile(file.size());
    Bytes model = file;
    std::vector<std::pair<PieceTable, Bytes>> snaps;
    std::size_t step = 0;
    for (std::size_t i = 1; i + 2 < size && step < 400; i += 3, ++step) {
        const std::uint8_t op = data[i] % 5;
        const std::uint64_t at = model.empty() ? 0 : data[i + 1] % (model.size() + 1);
        const std::uint8_t n = static_cast<std::uint8_t>(1 + data[i + 2] % 40);
        if (op == 0 || op == 1) {
            Bytes bytes(n, data[i + 2]);
            t.insert(at, Piece{Piece::Source::Added, added.append(bytes.data(), n), n});
            model.insert(model.begin() + static_cast<std::ptrdiff_t>(at), bytes.begin(), bytes.end());
        } else if (op == 2) {
            t.erase(at, n);
            if (at < model.size())
                model.erase(model.begin() + static_cast<std::ptrdiff_t>(at),
                            model.begin() + static_cast<std::ptrdiff_t>(std::min<std::uint64_t>(model.size(), at + n)));
        } else if (op == 3) {
            snaps.emplace_back(t, model);
        } else if (!snaps.empty()) {
            t = snaps.back().first;
            model = snaps.back().second;
            snaps.pop_back();
        }
        if (t.size() != model.size()) fail("size differs", step);
        if (fuzz::pieceBytes(t, file, added) != model) fail("bytes differ", step);
    }
    for (const auto& [snap, bytes] : snaps)
        if (fuzz::pieceBytes(snap, file, added) != bytes) fail("a snapshot changed", step);
    return 0;
}
