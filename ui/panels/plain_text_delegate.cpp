// SPDX-License-Identifier: MIT
#include "plain_text_delegate.h"

#include <QPainter>

namespace hexmap {

void PlainTextDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = option.state & QStyle::State_Enabled ? QPalette::Active : QPalette::Disabled;
    if (selected) painter->fillRect(option.rect, option.palette.brush(group, QPalette::Highlight));
    const QVariant font = index.data(Qt::FontRole);
    painter->save();
    if (font.isValid()) painter->setFont(font.value<QFont>());
    painter->setPen(option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setClipRect(option.rect);
    painter->drawText(option.rect.adjusted(4, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter, index.data().toString());
    painter->restore();
}

} // namespace hexmap
