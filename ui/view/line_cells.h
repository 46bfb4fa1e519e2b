// SPDX-License-Identifier: MIT
// LineCells: how one row of the Lines view is drawn, cell by cell. UTF-8 text is shown as
// text; a tab runs to the next tab stop; control bytes get their visible control picture
// (U+2400 + byte, ␀ ␉ ␍ ...); every byte that is not valid UTF-8 is shown as "\xNN" in the
// dim colour. Nothing is dropped: every byte has a cell, so a click always lands on a byte.
#pragma once

#include <QString>
#include <cstdint>
#include <vector>

namespace hexmap {

struct LineCell {
    enum class Kind { Text, Control, Invalid, Tab, Newline };
    std::uint64_t offset = 0; // the first byte of the character
    int bytes = 1;            // bytes it covers (UTF-8 sequences cover 2-4)
    int column = 0;           // first cell column
    int width = 1;            // cells
    Kind kind = Kind::Text;
    QString text;
};

// Cells for bytes[0, n) at document offset `base`. A '\n' gets a Newline cell of width 1
// (drawn as nothing; the cursor can stand on it).
std::vector<LineCell> layoutCells(const std::uint8_t* bytes, std::size_t n, std::uint64_t base,
                                  int tabWidth = 8);

} // namespace hexmap
