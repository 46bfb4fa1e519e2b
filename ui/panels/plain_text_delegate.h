// SPDX-License-Identifier: MIT
// PlainTextDelegate: paints a cell as its text on the row's background, nothing more (no
// icon, check box, elision or style primitive). The inspector's table repaints its values
// on every cursor move; the standard delegate's style path made that cost as much as the
// hex grid's own frame. Editing is the standard delegate's.
#pragma once

#include <QStyledItemDelegate>

namespace hexmap {

class PlainTextDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace hexmap
