// SPDX-License-Identifier: MIT
// A parsed tree as JSON (`hexmap parse`): a structure is an object of its fields in seq
// order, then its instances, with "_offset" and "_size" (in the file; inside processed data,
// in that data, with "_processed": true); a single value is {"_offset", "_size", "value"}
// with "enum" when an enum names it; a repeated field is an array of those; integers beyond
// 2^53 are strings; bytes are lowercase hex; a field that could not be read carries
// "_error" with the sentence.
#pragma once

#include "ksy_interpreter.h"

#include <cstdio>

namespace hexmap::ksy {

struct JsonOptions {
    std::uint64_t maxBytes = 1 << 20; // hex of at most this many bytes per field; then "_truncated": true
    bool instances = true;
    int indent = 2; // 0: one line
};

// Writes the tree under `node` (read as needed) to `out`; returns false when writing failed.
bool writeJson(Interpreter& in, StructNode& node, std::FILE* out, const JsonOptions& options = {});

} // namespace hexmap::ksy
