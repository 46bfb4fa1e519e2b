// SPDX-License-Identifier: MIT
// KeysDialog (Help > Keyboard Reference, F1): every shortcut of the window, read from its
// menus (so it cannot drift from them), and the keys the hex grid and the Lines view take
// themselves, in one table that a filter box narrows.
#pragma once

#include <QDialog>

class QMenuBar;
class QTableWidget;

namespace hexmap {

class KeysDialog : public QDialog {
    Q_OBJECT
public:
    KeysDialog(const QMenuBar* menus, QWidget* parent = nullptr);
    QTableWidget* table() const { return m_table; }
    // The rows as "where\tkeys\twhat", for tests and Copy.
    QStringList rows() const;

private:
    void addRow(const QString& where, const QString& keys, const QString& what);
    QTableWidget* m_table;
};

} // namespace hexmap
