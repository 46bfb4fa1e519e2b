// SPDX-License-Identifier: MIT
// A read tree as rows for a view: a flat list in display order, each row with its parent,
// its name, type, place in the file and value as text, and its path ("header.entries[3]").
// Made on a worker (the interpreter reads the document); the GUI thread only shows the
// rows. Bounded: at most `maxRows` rows, at most `maxItems` entries of an array (then a row
// saying how many more), structures at most `maxDepth` levels down.
#pragma once

#include "ksy_interpreter.h"

#include <string>
#include <vector>

namespace hexmap::ksy {

struct TreeRow {
    int parent = -1; // index of the parent row; -1 at the top
    int depth = 0;
    std::string name, type, value, path;
    std::uint64_t offset = 0, size = 0;
    bool located = false; // offset/size are in the file (not computed, not in processed data)
    bool error = false;   // value is the reason the field could not be read
    bool structure = false;
    // How the value can be written back (the Structure dock's editing); kind None when it
    // cannot (computed, processed, a structure, variable size, an encoding not written here)
    enum class Edit : std::uint8_t { None, Unsigned, Signed, Text } edit = Edit::None;
    bool little = false;     // integers: byte order
    std::string encoding;    // Text: ASCII, UTF-8 or ISO-8859-1
    int pad = 0;             // Text: the byte that fills the rest of the field
    std::vector<std::pair<std::string, std::int64_t>> enumValues; // integers with an enum
};

struct RowLimits {
    std::size_t maxRows = 100000;
    std::uint64_t maxItems = 2000;
    int maxDepth = 16;
};

std::vector<TreeRow> treeRows(Interpreter& in, StructNode& root, const RowLimits& limits = {});

// The bytes that write `text` into the field of `row` (exactly row.size of them): an
// integer (decimal, 0x hex, negative when signed, or an enum's name) in the field's width and
// byte order, or text in the field's encoding padded to its size. False with a sentence in
// `err` when it cannot be written (out of range, too long, not a number).
bool encodeFieldValue(const TreeRow& row, const std::string& text, std::string& bytes, std::string& err);

// A value as the tree shows it: 258 (0x102), "text", 7f 45 4c 46, an enum's name and number.
std::string rowValueText(const Value& v);

// The description to read a file with, among `specs` (paths): the first whose top seq
// begins with `contents` the file begins with (its first bytes in `head`), else the first
// whose meta/file-extension matches the file name's; -1 when none does.
int chooseDescription(const std::vector<std::string>& specs, const std::vector<std::string>& searchPath,
                      const std::string& head, const std::string& fileName);

} // namespace hexmap::ksy
