// SPDX-License-Identifier: MIT
// LineRulesDialog: edits the Lines view's colour rules (text and colour per row), with Add,
// Remove, Move Up / Move Down (the first rule a line matches gives its colour) and Restore
// Defaults. OK returns the rules; the caller saves and applies them.
#pragma once

#include "line_rules.h"

#include <QDialog>

class QTableWidget;

namespace hexmap {

class LineRulesDialog : public QDialog {
    Q_OBJECT
public:
    explicit LineRulesDialog(const std::vector<LineRule>& rules, QWidget* parent = nullptr);
    std::vector<LineRule> rules() const;

private:
    void addRow(const LineRule& rule);
    void setRows(const std::vector<LineRule>& rules);
    void moveRow(int row, int by); // Move Up (-1) / Move Down (+1): the order is the priority

    QTableWidget* m_table;
};

} // namespace hexmap
