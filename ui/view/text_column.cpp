// SPDX-License-Identifier: MIT
#include "byte_format.h"
#include "column_renderer.h"

#include <QPainter>

namespace hexmap {

double TextColumn::cellX(const GridLayout& layout, int column) const { return layout.byteTextX(column); }

double TextColumn::spanWidth(const GridLayout& layout, int a, int b) const {
    return (b - a + 1) * layout.charWidth();
}

void TextColumn::paintText(const RowContext& row) const {
    QString text(row.count, Qt::Uninitialized);
    for (int i = 0; i < row.count; ++i) text[i] = QLatin1Char(printableOrDot(row.bytes[i]));
    row.painter->setPen(row.colors->text);
    row.painter->drawText(QPointF(row.x0 + row.layout->textX(), row.baseline), text);
}

} // namespace hexmap
