// SPDX-License-Identifier: MIT
#include "byte_format.h"
#include "column_renderer.h"

#include <QPainter>

namespace hexmap {

void OffsetColumn::paintRow(const RowContext& row) const {
    row.painter->setPen(row.colors->dimText);
    row.painter->drawText(QPointF(row.x0 + row.layout->offsetX(), row.baseline),
                          QString::fromLatin1(formatOffset(row.first, row.layout->offsetDigits())));
}

} // namespace hexmap
