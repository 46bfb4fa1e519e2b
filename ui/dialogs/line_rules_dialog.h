// SPDX-License-Identifier: MIT
// LineRulesDialog: edits the Lines view's colour rules (text, regex or not, and colour per
// row), with Add, Remove, Move Up / Move Down (the first rule a line matches gives its
// colour) and Restore Defaults. OK refuses a regex that does not parse, saying why and
// selecting it; otherwise it returns the rules, and the caller saves and applies them.
#pragma once

#include "line_rules.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace hexmap {

class LineRulesDialog : public QDialog {
    Q_OBJECT
public:
    explicit LineRulesDialog(const std::vector<LineRule>& rules, QWidget* parent = nullptr);
    std::vector<LineRule> rules() const;
    // Why OK is refused now ("" when it is not): the first regex rule that does not parse.
    QString problem() const;
    void accept() override;

private:
    void addRow(const LineRule& rule);
    void setRows(const std::vector<LineRule>& rules);
    void moveRow(int row, int by); // Move Up (-1) / Move Down (+1): the order is the priority

    QTableWidget* m_table;
    QLabel* m_problem;
};

} // namespace hexmap
