// SPDX-License-Identifier: MIT
// FilterPanel: the Lines view's filter pane (glogg's lower pane, lnav's :filter-in and
// :filter-out). A row of controls makes a rule — text or a regex, to show or to hide the lines
// it matches — the rules sit in a list where each is ticked on or off or removed, and the
// FilteredLinesView below shows the lines they keep, with how many and how far the scan is.
#pragma once

#include "filtered_lines.h"
#include "ui_status.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace hexmap {

class CursorModel;
class DocumentModel;
class FilteredLinesView;

class FilterPanel : public QWidget {
    Q_OBJECT
public:
    explicit FilterPanel(QWidget* parent = nullptr);
    void attach(DocumentModel* model, CursorModel* cursor, FilteredLines* lines);
    FilteredLinesView* view() const { return m_view; }
    // What Add does with the controls' values; a rule that does not parse is refused.
    UiStatus addRule(const FilterRule& rule);
    void focusPattern();

signals:
    void message(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override; // Delete in the list removes

private:
    void addFromControls();
    void applyList();
    void fillList();
    void updateStatus();

    QLineEdit* m_pattern;
    QComboBox* m_kind;
    QCheckBox* m_regex;
    QPushButton* m_add;
    QListWidget* m_list;
    QPushButton* m_remove;
    QLabel* m_status;
    FilteredLinesView* m_view;
    FilteredLines* m_lines = nullptr;
    quint64 m_done = 0, m_total = 0;
};

} // namespace hexmap
