// SPDX-License-Identifier: MIT
// InspectorPanel: the Inspector dock's contents. The bytes at the cursor read as every
// number type (InspectorModel), a Big-endian box, and a value edited in place with Enter or a
// double-click; typing alone does not start an edit (a letter meant for the grid would
// otherwise open an editor on whichever row was current).
#pragma once

#include <QWidget>

class QCheckBox;
class QTableView;

namespace hexmap {

class InspectorModel;

class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPanel(InspectorModel* model, QWidget* parent = nullptr);
    QTableView* table() const { return m_table; }

private:
    QTableView* m_table;
    QCheckBox* m_bigEndian;
};

} // namespace hexmap
