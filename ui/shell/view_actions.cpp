// SPDX-License-Identifier: MIT
#include "view_actions.h"

#include "action_registry.h"
#include "document_model.h"
#include "hex_view.h"
#include "line_rules.h"
#include "line_rules_dialog.h"
#include "filter_panel.h"
#include "filtered_lines_view.h"
#include "lines_view.h"
#include "rule_map.h"

#include <QAction>
#include <QActionGroup>
#include <QCryptographicHash>
#include <QSettings>

namespace hexmap {

namespace {
// A file's remembered view and encoding are keyed by its canonical path.
QString fileKey(const DocumentModel& model) {
    return QString::fromLatin1(QCryptographicHash::hash(model.canonicalPath(), QCryptographicHash::Sha1).toHex());
}
} // namespace

void ViewActions::rememberViewMode(const DocumentModel& model, DocumentTab::ViewMode mode) {
    QSettings().setValue(QStringLiteral("views/") + fileKey(model), static_cast<int>(mode));
}

DocumentTab::ViewMode ViewActions::rememberedViewMode(const DocumentModel& model, DocumentTab::ViewMode fallback) {
    const int v = QSettings().value(QStringLiteral("views/") + fileKey(model), -1).toInt();
    return v >= 0 && v <= 2 ? static_cast<DocumentTab::ViewMode>(v) : fallback;
}

void ViewActions::rememberEncoding(const DocumentModel& model, ColumnEncoding encoding) {
    QSettings().setValue(QStringLiteral("encodings/") + fileKey(model), static_cast<int>(encoding));
}

ColumnEncoding ViewActions::rememberedEncoding(const DocumentModel& model) {
    const int v = QSettings().value(QStringLiteral("encodings/") + fileKey(model), 0).toInt();
    return v >= 0 && v < kColumnEncodingCount ? static_cast<ColumnEncoding>(v) : ColumnEncoding::Ascii;
}

ViewActions::ViewActions(const ActionRegistry& a, QWidget* window, Hooks hooks)
    : QObject(window), m_window(window), m_hooks(std::move(hooks)) {
    const std::pair<QAction*, int> widths[] = {
        {a.bytesPerRow8, 8}, {a.bytesPerRow16, 16}, {a.bytesPerRow32, 32}, {a.bytesPerRowFit, 0}};
    for (const auto& [action, bpr] : widths) {
        // The View menu's choice is the preference: kept, and every tab follows it.
        connect(action, &QAction::triggered, this, [this, bpr = bpr] { m_hooks.setRowWidth(bpr); });
    }
    const std::pair<QAction*, DocumentTab::ViewMode> modes[] = {{a.viewHex, DocumentTab::ViewMode::Hex},
                                                                {a.viewLines, DocumentTab::ViewMode::Lines},
                                                                {a.viewBoth, DocumentTab::ViewMode::Both}};
    for (const auto& [action, mode] : modes) {
        connect(action, &QAction::triggered, this, [this, mode = mode] {
            m_hooks.setDefaultViewMode(mode); // new tabs open the same way
            if (DocumentTab* t = m_hooks.current()) {
                t->setViewMode(mode);
                rememberViewMode(*t->model(), mode);
            }
        });
    }
    connect(a.encodingGroup, &QActionGroup::triggered, this, [this](QAction* action) {
        // The current file's encoding, kept with its other remembered state; other tabs and
        // other files keep theirs.
        DocumentTab* tab = m_hooks.current();
        if (!tab) return;
        const auto e = static_cast<ColumnEncoding>(action->data().toInt());
        tab->hexView()->setColumnEncoding(e);
        rememberEncoding(*tab->model(), e);
    });
    a.encodingGroup->actions()[0]->setChecked(true);
    connect(a.lineRules, &QAction::triggered, this, [this] {
        LineRulesDialog dialog(LineRules::load().rules(), m_window);
        if (dialog.exec() != QDialog::Accepted) return;
        LineRules rules;
        rules.setRules(dialog.rules());
        rules.save();
        for (DocumentTab* t : m_hooks.tabs()) {
            t->linesView()->setRules(rules);
            t->filterPanel()->view()->setRules(rules);
            t->ruleMap()->setRules(rules);
        }
    });
    connect(a.filterPane, &QAction::triggered, this, [this](bool on) {
        if (DocumentTab* t = m_hooks.current()) t->setFilterPaneVisible(on);
    });
    connect(a.wrapLines, &QAction::triggered, this, [this](bool on) {
        if (DocumentTab* t = m_hooks.current()) t->linesView()->setWrap(on);
    });
    connect(a.followEnd, &QAction::triggered, this, [this](bool on) {
        if (DocumentTab* t = m_hooks.current()) t->setFollowEnd(on);
    });
}

} // namespace hexmap
