// SPDX-License-Identifier: MIT
// Rewriting a file in place into a new layout of its own bytes (issue 18's save of inserts
// and deletes without a second copy of the file on disk).
//
// The new file is a list of stretches in order: the old file's bytes moved from `src` to
// `dst`, bytes that exist only in memory (inserted or edited), and zeros. The moves are
// ordered so that no byte is overwritten before it is read: with the file's stretches in
// increasing source order (inserts and deletes never reorder them), a stretch moving left
// can only land on sources of earlier left-moving stretches, and one moving right only on
// sources of later right-moving ones. So the left movers run first, front to back (each
// front to back), then the right movers back to front (each back to front), then the bytes
// from memory and the zeros, which land on sources every move has read by then.
//
// Crash safety: before the file changes, a record beside it (`.NAME.hexmap-rewrite`) holds
// the whole plan and every byte from memory. The moves run in chunks; before chunk g is
// written the record says "g chunks are done" (fsynced) and, when the chunk overlaps its
// own source (a small shift), holds a copy of that source, and after the write the file is
// fdatasynced. A process killed at any instant therefore leaves the old file (the record is
// removed or never reached the first write), the new file, or a record from which
// finishRewrite() redoes chunk g and the rest: every chunk's source is intact at its turn,
// or is in the record. There is no roll back: the bytes a delete dropped are gone once
// written over. Records carry two header copies (alternating, checksummed) so a torn
// header write leaves the one before it.
#pragma once

#include "result.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hexmap {

struct RewriteStretch {
    enum class From : std::uint8_t { File, Memory, Zero };
    From from = From::File;
    std::uint64_t dst = 0;    // where it lands in the new file
    std::uint64_t src = 0;    // File: where its bytes are in the old file
    std::uint64_t length = 0;
};

struct RewriteOptions {
    // Bytes moved per step (and the memory the rewrite holds). Small in tests, to cross
    // many chunk boundaries.
    std::uint64_t chunk = 32ull << 20;
};

// The document's bytes for a Memory stretch: fills out[0, n) with bytes [at, at+n) of the
// new file. False on failure (errno set).
using RewriteRead = std::function<bool(std::uint64_t at, std::uint8_t* out, std::size_t n)>;
// Progress in bytes; returning false asks to stop, which is honoured only until the file
// is first written (after that the rewrite finishes: a half-moved file is no place to stop).
using RewriteProgress = std::function<bool(std::uint64_t done, std::uint64_t total)>;

// The record's path for `path`.
std::string rewriteRecordPath(const std::string& path);
// Whether `path` has a record of a rewrite that did not finish.
bool rewriteUnfinished(const std::string& path);

// The stretches' checks: in order, covering [0, newSize) without gaps, File sources inside
// [0, oldSize) and increasing. Empty when fine, else why not.
std::string rewriteLayoutProblem(const std::vector<RewriteStretch>& layout, std::uint64_t oldSize);

// Rewrites the file open as `fd` (read-write; its size now `oldSize`) at `path` into
// `layout`. *touched (may be null) says whether the file itself was written: on failure
// with touched, the record stays and finishRewrite(path) completes the rewrite.
Status rewriteInPlace(int fd, const std::string& path, std::uint64_t oldSize,
                      const std::vector<RewriteStretch>& layout, const RewriteRead& read,
                      const RewriteProgress& progress = {}, bool* touched = nullptr,
                      const RewriteOptions& options = {});

// Completes the rewrite recorded for `path` (after a crash or a failure) and removes its
// record. A record without a valid header is a save that died before it touched the
// file: it is removed, and the file is as it was. A record for another file (one since
// replaced at this name) is removed too, leaving the file alone, and said (ESTALE).
Status finishRewrite(const std::string& path, const RewriteProgress& progress = {});

} // namespace hexmap
