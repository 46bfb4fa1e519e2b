// SPDX-License-Identifier: MIT
// ViewActions: the slots of the View menu — bytes per row, Hex / Lines / both, the text
// column's encoding (per file, remembered), wrap, colour rules, Follow End — and the memory
// of each file's view and encoding (QSettings, keyed by the canonical path). MainWindow
// builds it with hooks and routes.
#pragma once

#include "document_tab.h"
#include "text_encoding.h"

#include <QList>
#include <QObject>
#include <functional>

class QWidget;

namespace hexmap {

struct ActionRegistry;
class DocumentModel;

class ViewActions : public QObject {
    Q_OBJECT
public:
    struct Hooks {
        std::function<DocumentTab*()> current;
        std::function<QList<DocumentTab*>()> tabs;
        std::function<void(int bytesPerRow)> setRowWidth;                 // a preference: kept
        std::function<void(DocumentTab::ViewMode)> setDefaultViewMode;   // for tabs opened later
    };
    ViewActions(const ActionRegistry& actions, QWidget* window, Hooks hooks);

    static void rememberViewMode(const DocumentModel& model, DocumentTab::ViewMode mode);
    static DocumentTab::ViewMode rememberedViewMode(const DocumentModel& model, DocumentTab::ViewMode fallback);
    static void rememberEncoding(const DocumentModel& model, ColumnEncoding encoding);
    static ColumnEncoding rememberedEncoding(const DocumentModel& model);

private:
    QWidget* m_window; // the parent of the Line Rules dialog
    Hooks m_hooks;
};

} // namespace hexmap
