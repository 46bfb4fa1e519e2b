// SPDX-License-Identifier: MIT
#include "filter_panel.h"

#include "display_format.h"
#include "filtered_lines_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace hexmap {

namespace {
QString labelOf(const FilterRule& r) {
    return (r.exclude ? QStringLiteral("− ") : QStringLiteral("+ ")) +
           (r.regex ? QStringLiteral("/%1/").arg(r.text) : r.text);
}
} // namespace

FilterPanel::FilterPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);
    auto* controls = new QHBoxLayout;
    m_pattern = new QLineEdit(this);
    m_pattern->setObjectName("filterPattern");
    m_pattern->setPlaceholderText(tr("Filter: text or regex, then Enter"));
    m_kind = new QComboBox(this);
    m_kind->setObjectName("filterKind");
    m_kind->addItems({tr("Show lines with"), tr("Hide lines with")});
    m_regex = new QCheckBox(tr("Regex"), this);
    m_regex->setObjectName("filterRegex");
    m_add = new QPushButton(tr("Add"), this);
    m_add->setObjectName("filterAdd");
    m_list = new QListWidget(this);
    m_list->setObjectName("filterList");
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(false);
    m_list->setFixedHeight(m_list->fontMetrics().height() + 12);
    m_list->setToolTip(
        tr("The filters: tick to use, Delete to remove. A line shows when it matches a "
           "\"show\" filter (or there is none) and no \"hide\" filter."));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName("filterRemove");
    m_status = new QLabel(this);
    m_status->setObjectName("filterStatus");
    controls->addWidget(m_kind);
    controls->addWidget(m_pattern, 2);
    controls->addWidget(m_regex);
    controls->addWidget(m_add);
    controls->addWidget(m_list, 3);
    controls->addWidget(m_remove);
    controls->addWidget(m_status);
    layout->addLayout(controls);
    m_view = new FilteredLinesView(this);
    m_view->setObjectName("filteredLines");
    layout->addWidget(m_view, 1);

    connect(m_pattern, &QLineEdit::returnPressed, this, &FilterPanel::addFromControls);
    connect(m_add, &QPushButton::clicked, this, &FilterPanel::addFromControls);
    connect(m_list, &QListWidget::itemChanged, this, &FilterPanel::applyList);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        delete m_list->currentItem();
        applyList();
    });
    m_list->installEventFilter(this);
    updateStatus();
}

void FilterPanel::attach(DocumentModel* model, CursorModel* cursor, FilteredLines* lines) {
    if (m_lines) disconnect(m_lines, nullptr, this, nullptr);
    m_lines = lines;
    m_view->attach(model, cursor, lines);
    if (m_lines) {
        connect(m_lines, &FilteredLines::changed, this, &FilterPanel::updateStatus);
        connect(m_lines, &FilteredLines::progress, this, [this](quint64 done, quint64 total) {
            m_done = done;
            m_total = total;
            updateStatus();
        });
        connect(m_lines, &FilteredLines::failed, this, [this](const QString& why) {
            // A reason can be a long sentence: a word here, the sentence on hover and in the
            // status bar (a long label widened the whole window).
            m_status->setText(tr("Stopped"));
            m_status->setToolTip(why);
            emit message(why);
        });
    }
    fillList();
    updateStatus();
}

void FilterPanel::focusPattern() {
    m_pattern->setFocus();
    m_pattern->selectAll();
}

UiStatus FilterPanel::addRule(const FilterRule& rule) {
    if (!m_lines) return UiStatus::failure(tr("No file is open."));
    if (rule.text.isEmpty()) return UiStatus::failure(tr("Type the text a filter looks for."));
    std::vector<FilterRule> rules = m_lines->rules();
    rules.push_back(rule);
    if (UiStatus set = m_lines->setRules(rules); !set) return set;
    fillList();
    return {};
}

void FilterPanel::addFromControls() {
    FilterRule r;
    r.text = m_pattern->text();
    r.regex = m_regex->isChecked();
    r.exclude = m_kind->currentIndex() == 1;
    if (const UiStatus added = addRule(r); !added) {
        m_status->setText(tr("Not added"));
        m_status->setToolTip(added.message());
        emit message(added.message());
        return;
    }
    m_pattern->clear();
}

void FilterPanel::fillList() {
    const QSignalBlocker quiet(m_list);
    m_list->clear();
    if (!m_lines) return;
    for (const FilterRule& r : m_lines->rules()) {
        auto* item = new QListWidgetItem(labelOf(r), m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(r.enabled ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(r.exclude ? tr("Hides the lines it matches")
                                   : tr("Shows the lines it matches"));
    }
}

void FilterPanel::applyList() {
    if (!m_lines) return;
    // The list holds the rules in order; a removed item is gone from it.
    std::vector<FilterRule> kept;
    const std::vector<FilterRule>& old = m_lines->rules();
    for (int i = 0; i < m_list->count(); ++i) {
        const QListWidgetItem* item = m_list->item(i);
        for (const FilterRule& r : old) {
            if (labelOf(r) != item->text()) continue;
            FilterRule copy = r;
            copy.enabled = item->checkState() == Qt::Checked;
            kept.push_back(copy);
            break;
        }
    }
    if (const UiStatus set = m_lines->setRules(kept); !set) emit message(set.message());
    fillList();
}

bool FilterPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_list && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Delete && m_list->currentItem()) {
        delete m_list->currentItem();
        applyList();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void FilterPanel::updateStatus() {
    m_status->setToolTip({});
    if (!m_lines || !m_lines->active()) {
        m_status->setText(tr("No filter"));
        return;
    }
    const QString kept = counted(m_lines->count(), tr("line"), tr("lines"));
    if (m_lines->complete())
        m_status->setText(tr("%1 of %2")
                              .arg(QLocale::system().toString(qulonglong(m_lines->count())),
                                   counted(m_lines->linesSeen(), tr("line"), tr("lines"))));
    else
        m_status->setText(m_total ? tr("%1, %2%…").arg(kept).arg(m_done * 100 / m_total)
                                  : tr("%1…").arg(kept));
}

} // namespace hexmap
