// SPDX-License-Identifier: MIT
#include "byte_format.h"
#include "column_renderer.h"

#include <QPainter>

namespace hexmap {

void OffsetColumn::paintRow(const RowContext& row) const {
    row.painter->setPen(row.colors->dimText);
    const int digits = row.layout->offsetDigits();
    QString text = row.decimalOffsets ? QStringLiteral("%1").arg(row.first, digits, 10, QLatin1Char(' '))
                                      : QString::fromLatin1(formatOffset(row.first, digits));
    if (row.upperHex && !row.decimalOffsets) text = text.toUpper();
    row.painter->drawText(QPointF(row.x0 + row.layout->offsetX(), row.baseline), text);
}

} // namespace hexmap
