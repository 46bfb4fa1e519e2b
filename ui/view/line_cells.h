// SPDX-License-Identifier: MIT
// LineCells: how one row of the Lines view is drawn, cell by cell. UTF-8 text is shown as
// text; a tab runs to the next tab stop; control bytes are shown in caret notation over two
// cells (^@ for NUL, ^M for CR, ^? for DEL, as vim and less show them: the Unicode control
// pictures ␀ ␍ are missing from the usual monospace fonts, DejaVu Sans Mono included, and
// came out as boxes); every byte that is not valid UTF-8 is shown as "\xNN" in the
// dim colour. Nothing is dropped: every byte has a cell, so a click always lands on a byte.
#pragma once

#include <QString>
#include <array>
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
    char32_t cp = 0; // the character, for Text cells
    // What is drawn, as UTF-16, held in the cell: a frame lays out thousands of cells, and a
    // QString each (a heap allocation) was a third of the cost of painting a hole.
    std::array<char16_t, 6> chars{};
    std::uint8_t charCount = 0;
    QString display() const { return QString(reinterpret_cast<const QChar*>(chars.data()), charCount); }
};

// Cells for bytes[0, n) at document offset `base`. A '\n' gets a Newline cell of width 1
// (drawn as nothing; the cursor can stand on it).
std::vector<LineCell> layoutCells(const std::uint8_t* bytes, std::size_t n, std::uint64_t base,
                                  int tabWidth = 8);

} // namespace hexmap
