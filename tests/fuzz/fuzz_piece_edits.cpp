// SPDX-License-Identifier: MIT
// Fuzz target: a document's edits after its first insert (PieceEdits). A byte string becomes
// inserts, deletes, overwrites (typing runs included), fills, resizes, undo, redo and the
// file growing under them (Follow End); after every step the pieces must read as a plain
// std::vector that took the same operations, and undo and redo must bring back each state
// with the file's growth at its end. Whether an edit joined the last step (a typing run) is
// read from position(): the model then replaces its last state instead of adding one.
#include "piece_bytes.h"
#include "piece_edits.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace hexmap;
using Bytes = std::vector<std::uint8_t>;

namespace {

[[noreturn]] void fail(const char* what, std::size_t step) {
    std::fprintf(stderr, "fuzz_piece_edits: %s at step %zu\n", what, step);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    Bytes file(data[0] % 97);
    for (std::size_t i = 0; i < file.size(); ++i) file[i] = static_cast<std::uint8_t>(i * 7 + 1);
    PieceEdits edits(file.size());
    // states[i]: the document after step i, as far as the file's growth it had seen
    // (had[i] bytes of `grown`); the rest of the growth belongs at its end.
    std::vector<Bytes> states{file};
    std::vector<std::size_t> had{0};
    Bytes grown;
    auto catchUp = [&](std::size_t i) {
        states[i].insert(states[i].end(), grown.begin() + static_cast<std::ptrdiff_t>(had[i]), grown.end());
        had[i] = grown.size();
    };
    std::size_t pos = 0, step = 0;
    for (std::size_t i = 1; i + 3 < size && step < 300; i += 4, ++step) {
        catchUp(pos);
        const Bytes& cur = states[pos];
        const std::uint8_t op = data[i] % 9;
        const std::uint64_t at = cur.empty() ? 0 : data[i + 1] % (cur.size() + 1);
        const std::uint8_t n = static_cast<std::uint8_t>(1 + data[i + 2] % 24);
        const bool typing = data[i + 3] & 1;
        const Bytes bytes(n, static_cast<std::uint8_t>(data[i + 3] | 1));
        Bytes next = cur;
        bool edited = true;
        const std::size_t before = edits.position();
        switch (op) {
        case 0:
        case 1:
            edits.insert(at, bytes.data(), n, typing);
            next.insert(next.begin() + static_cast<std::ptrdiff_t>(at), bytes.begin(), bytes.end());
            break;
        case 2:
            edits.erase(at, n, typing);
            if (at < next.size())
                next.erase(next.begin() + static_cast<std::ptrdiff_t>(at),
                           next.begin() + static_cast<std::ptrdiff_t>(std::min<std::uint64_t>(next.size(), at + n)));
            break;
        case 3: {
            edits.overwrite(at, bytes.data(), n, typing);
            for (std::size_t k = 0; k < n && at + k < next.size(); ++k) next[at + k] = bytes[k];
            break;
        }
        case 4: {
            const std::vector<std::uint8_t> pattern{data[i + 3], static_cast<std::uint8_t>(data[i + 3] + 1)};
            edits.fill(at, n, pattern);
            for (std::size_t k = 0; k < n && at + k < next.size(); ++k) next[at + k] = pattern[k % 2];
            break;
        }
        case 5:
            edits.resize(at + n / 2);
            next.resize(at + n / 2, 0);
            break;
        case 6:
            edited = false;
            if (edits.canUndo() != (pos > 0)) fail("canUndo differs", step);
            if (pos > 0) {
                edits.undo();
                --pos;
            }
            break;
        case 7:
            edited = false;
            if (edits.canRedo() != (pos + 1 < states.size())) fail("canRedo differs", step);
            if (pos + 1 < states.size()) {
                edits.redo();
                ++pos;
            }
            break;
        default: { // the file grows: its new bytes join the end of every state
            edited = false;
            const std::size_t old = file.size();
            for (std::size_t k = 0; k < n; ++k) file.push_back(static_cast<std::uint8_t>(data[i + 1] + k));
            edits.growFile(file.size());
            grown.insert(grown.end(), file.begin() + static_cast<std::ptrdiff_t>(old), file.end());
            break;
        }
        }
        if (edited) {
            const std::size_t after = edits.position();
            if (after == before + 1) { // a step of its own; the redo states go
                states.resize(pos + 1);
                had.resize(pos + 1);
                states.push_back(next);
                had.push_back(grown.size());
                ++pos;
            } else if (after == before && pos > 0 && pos + 1 == states.size()) {
                states[pos] = next; // joined the last step (a typing run), or changed nothing
                had[pos] = grown.size();
            } else if (after != before || next != cur) {
                fail("an edit moved the history oddly", step);
            }
        }
        catchUp(pos);
        if (edits.position() != pos) fail("position differs", step);
        if (edits.size() != states[pos].size()) fail("size differs", step);
        if (fuzz::pieceBytes(edits.table(), file, edits.added()) != states[pos]) fail("bytes differ", step);
    }
    return 0;
}
