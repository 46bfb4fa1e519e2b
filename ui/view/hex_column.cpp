// SPDX-License-Identifier: MIT
#include "byte_format.h"
#include "column_renderer.h"

#include <QPainter>
#include <algorithm>

namespace hexmap {

double HexColumn::cellX(const GridLayout& layout, int column) const { return layout.byteHexX(column); }

double HexColumn::spanWidth(const GridLayout& layout, int a, int b) const {
    return layout.byteHexX(b) + 2 * layout.charWidth() - layout.byteHexX(a);
}

void HexColumn::cursorCell(const RowContext& row, double& x, double& width) const {
    // After the high nibble is typed, the cursor sits on the low one.
    const double cw = row.layout->charWidth();
    x = row.x0 + row.layout->byteHexX(row.cursorColumn) + (row.lowNibble ? cw : 0);
    width = row.lowNibble ? cw : 2 * cw;
}

void HexColumn::paintText(const RowContext& row) const {
    // One string per group of 8 bytes, never one draw per byte.
    row.painter->setPen(row.colors->text);
    char buf[8 * 3];
    for (int g = 0; g < row.count; g += 8) {
        const int len = std::min(8, row.count - g);
        for (int i = 0; i < len; ++i) {
            const char* h = row.upperHex ? upperHexPair(row.bytes[g + i]) : hexPair(row.bytes[g + i]);
            buf[i * 3] = h[0];
            buf[i * 3 + 1] = h[1];
            buf[i * 3 + 2] = ' ';
        }
        row.painter->drawText(QPointF(row.x0 + row.layout->byteHexX(g), row.baseline),
                              QString::fromLatin1(buf, len * 3 - 1));
    }
}

} // namespace hexmap
