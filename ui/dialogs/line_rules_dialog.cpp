// SPDX-License-Identifier: MIT
#include "line_rules_dialog.h"

#include <QColorDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hexmap {

LineRulesDialog::LineRulesDialog(const std::vector<LineRule>& rules, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Line Colour Rules"));
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName("rulesTable");
    m_table->setHorizontalHeaderLabels({tr("Lines containing (any case; the first rule that matches wins)"), tr("Colour"), tr("Regex")});
    m_table->horizontalHeaderItem(2)->setToolTip(tr("Match the text as a regular expression (PCRE2, as Find reads it), any case"));
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    // A double-click on a colour cell picks a new colour.
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        if (column != 1) return;
        QTableWidgetItem* item = m_table->item(row, 1);
        const QColor c = QColorDialog::getColor(item->background().color(), this, tr("Rule Colour"));
        if (c.isValid()) {
            item->setBackground(c);
            item->setText(c.name());
        }
    });
    auto* add = new QPushButton(tr("&Add"), this);
    auto* remove = new QPushButton(tr("&Remove"), this);
    auto* defaults = new QPushButton(tr("Restore &Defaults"), this);
    // The first rule a line matches gives its colour: the order is the priority.
    auto* up = new QPushButton(tr("Move &Up"), this);
    up->setObjectName("ruleUp");
    auto* down = new QPushButton(tr("Move Do&wn"), this);
    down->setObjectName("ruleDown");
    connect(up, &QPushButton::clicked, this, [this] { moveRow(m_table->currentRow(), -1); });
    connect(down, &QPushButton::clicked, this, [this] { moveRow(m_table->currentRow(), 1); });
    connect(add, &QPushButton::clicked, this, [this] {
        addRow({tr("text"), QColor(120, 180, 60)});
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0) m_table->removeRow(m_table->currentRow());
    });
    connect(defaults, &QPushButton::clicked, this, [this] { setRows(LineRules::defaults()); });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addWidget(up);
    row->addWidget(down);
    row->addStretch(1);
    row->addWidget(defaults);
    m_problem = new QLabel(this);
    m_problem->setObjectName("rulesProblem");
    m_problem->setWordWrap(true);
    m_problem->hide();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(row);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setRows(rules);
    resize(480, 320);
}

void LineRulesDialog::addRow(const LineRule& rule) {
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    m_table->setItem(r, 0, new QTableWidgetItem(rule.text));
    auto* colour = new QTableWidgetItem(rule.color.name());
    colour->setBackground(rule.color);
    colour->setFlags(colour->flags() & ~Qt::ItemIsEditable);
    m_table->setItem(r, 1, colour);
    auto* regex = new QTableWidgetItem;
    regex->setFlags((regex->flags() | Qt::ItemIsUserCheckable) & ~Qt::ItemIsEditable);
    regex->setCheckState(rule.regex ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(r, 2, regex);
}

void LineRulesDialog::moveRow(int row, int by) {
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_table->rowCount()) return;
    for (int c = 0; c < m_table->columnCount(); ++c) {
        QTableWidgetItem* a = m_table->takeItem(row, c);
        QTableWidgetItem* b = m_table->takeItem(to, c);
        m_table->setItem(row, c, b);
        m_table->setItem(to, c, a);
    }
    m_table->setCurrentCell(to, m_table->currentColumn() < 0 ? 0 : m_table->currentColumn());
}

void LineRulesDialog::setRows(const std::vector<LineRule>& rules) {
    m_table->setRowCount(0);
    for (const LineRule& r : rules)
        addRow(r);
}

std::vector<LineRule> LineRulesDialog::rules() const {
    std::vector<LineRule> out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString text = m_table->item(r, 0)->text().trimmed();
        const QColor color(m_table->item(r, 1)->text());
        const bool regex = m_table->item(r, 2)->checkState() == Qt::Checked;
        if (!text.isEmpty() && color.isValid()) out.push_back({text, color, regex});
    }
    return out;
}

QString LineRulesDialog::problem() const {
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString text = m_table->item(r, 0)->text().trimmed();
        if (text.isEmpty() || m_table->item(r, 2)->checkState() != Qt::Checked) continue;
        if (const QString why = LineRules::checkRegex(text); !why.isEmpty())
            return tr("Rule %1 (\u201c%2\u201d) is not a regular expression: %3").arg(r + 1).arg(text, why);
    }
    return {};
}

void LineRulesDialog::accept() {
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    if (why.isEmpty()) return QDialog::accept();
    for (int r = 0; r < m_table->rowCount(); ++r) // select the rule, to fix it
        if (why.startsWith(tr("Rule %1 ").arg(r + 1))) m_table->setCurrentCell(r, 0);
}

} // namespace hexmap
