// SPDX-License-Identifier: MIT
#include "line_renderer.h"

#include <QPainter>
#include <QRect>

namespace hexmap {

void LineGutter::paintRow(const LineRowContext& r) const {
    QPainter& p = *r.painter;
    p.fillRect(QRect(0, r.y, r.gutterWidth, r.lineHeight),
               GridColors::mix(r.colors->base, r.colors->dimText, 0.08));
    if (r.label.isEmpty()) return;
    p.setPen(r.colors->dimText);
    p.drawText(QRect(r.gutterPad, r.y, r.gutterWidth - 2 * r.gutterPad, r.lineHeight),
               Qt::AlignRight | Qt::AlignVCenter, r.label);
}

} // namespace hexmap
