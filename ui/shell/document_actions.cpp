// SPDX-License-Identifier: MIT
#include "document_actions.h"

#include "action_registry.h"
#include "bookmark_model.h"
#include "checksums_dialog.h"
#include "clipboard_controller.h"
#include "cursor_model.h"
#include "document_dialogs.h"
#include "document_model.h"
#include "document_tab.h"
#include "edit_controller.h"
#include "find_bar.h"
#include "hex_view.h"
#include "save_controller.h"
#include "search_controller.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <tuple>

namespace hexmap {

DocumentActions::DocumentActions(const ActionRegistry& a, QWidget* window, Hooks hooks)
    : QObject(window), m_window(window), m_hooks(std::move(hooks)) {
    auto on = [this](QAction* action, auto fn) {
        connect(action, &QAction::triggered, this, [this, fn] { onCurrent(fn); });
    };
    on(a.save, [this](DocumentTab* t) {
        if (!t->model()->canSave() && t->model()->mode() != OpenMode::ReadOnly) {
            return showSaveAsDialog(m_window, t->context());
        }
        const UiStatus saved = t->saver()->save();
        if (!saved) t->showError(saved.message());
        return saved;
    });
    on(a.saveAs, [this](DocumentTab* t) { return showSaveAsDialog(m_window, t->context()); });
    on(a.revert, [](DocumentTab* t) { return t->edit()->revert(); });
    on(a.undo, [](DocumentTab* t) { return t->edit()->undo(); });
    on(a.redo, [](DocumentTab* t) { return t->edit()->redo(); });
    on(a.copy, [](DocumentTab* t) { t->clipboard()->copy(CopyFormat::Hex); return UiStatus(); });
    on(a.copyHex, [](DocumentTab* t) { t->clipboard()->copy(CopyFormat::Hex); return UiStatus(); });
    on(a.copyText, [](DocumentTab* t) { t->clipboard()->copy(CopyFormat::Text); return UiStatus(); });
    on(a.copyCArray, [](DocumentTab* t) { t->clipboard()->copy(CopyFormat::CArray); return UiStatus(); });
    on(a.copyHexDump, [](DocumentTab* t) { t->clipboard()->copy(CopyFormat::HexDump); return UiStatus(); });
    const std::pair<QAction*, CopyFormat> moreFormats[] = {{a.copyBase64, CopyFormat::Base64},
                                                           {a.copyPython, CopyFormat::PythonBytes},
                                                           {a.copyRust, CopyFormat::RustArray},
                                                           {a.copyGo, CopyFormat::GoSlice}};
    for (const auto& [action, format] : moreFormats)
        on(action, [format = format](DocumentTab* t) { t->clipboard()->copy(format); return UiStatus(); });
    on(a.pasteBase64, [](DocumentTab* t) {
        return t->clipboard()->pasteBase64(QGuiApplication::clipboard()->text());
    });
    on(a.paste, [](DocumentTab* t) {
        return t->clipboard()->paste(t->hexView()->activeArea() != GridLayout::Area::Text);
    });
    on(a.fill, [this](DocumentTab* t) { showFillDialog(m_window, t->context()); return UiStatus(); });
    on(a.cut, [](DocumentTab* t) {
        if (QString why = t->model()->lengthEditBlocker(); !why.isEmpty()) return UiStatus::failure(why);
        t->clipboard()->copy(CopyFormat::Hex);
        return t->edit()->deleteSelection();
    });
    on(a.insertBytes, [this](DocumentTab* t) { showInsertBytesDialog(m_window, t->context()); return UiStatus(); });
    on(a.deleteSelection, [](DocumentTab* t) { return t->edit()->deleteSelection(); });
    // A checkable action: its new state goes to the edit controller, a refusal is shown in
    // the tab, and the menus follow what the document says (checked again or not).
    auto toggle = [this](QAction* action, UiStatus (EditController::*set)(bool)) {
        connect(action, &QAction::triggered, this, [this, set](bool on) {
            onCurrent([on, set](DocumentTab* t) {
                const UiStatus done = (t->edit()->*set)(on);
                if (!done) t->showError(done.message());
                return done;
            });
            m_hooks.stateChanged();
        });
    };
    toggle(a.insertMode, &EditController::setInsertMode);
    on(a.selectAll, [](DocumentTab* t) { t->cursor()->selectAll(); return UiStatus(); });
    on(a.resize, [this](DocumentTab* t) { showResizeDialog(m_window, t->context()); return UiStatus(); });
    on(a.gotoOffset, [this](DocumentTab* t) { showGotoDialog(m_window, t->goToRequest()); return UiStatus(); });
    toggle(a.writeProtect, &EditController::setWriteProtected);
    on(a.find, [](DocumentTab* t) { t->findBar()->focusPattern(); return UiStatus(); });
    using Level = SearchController::LogLevel;
    const std::tuple<QAction*, Level, bool> levels[] = {{a.nextError, Level::Error, true},
                                                        {a.previousError, Level::Error, false},
                                                        {a.nextWarning, Level::Warning, true},
                                                        {a.previousWarning, Level::Warning, false}};
    for (const auto& [action, level, forward] : levels)
        on(action, [level = level, forward = forward](DocumentTab* t) { return t->search()->findLevel(level, forward); });
    auto search = [](DocumentTab* t, UiStatus (SearchController::*run)()) {
        if (t->findBar()->patternText().isEmpty()) {
            t->findBar()->focusPattern();
            return UiStatus();
        }
        return (t->search()->*run)();
    };
    on(a.findNext, [search](DocumentTab* t) { return search(t, &SearchController::findNext); });
    on(a.findPrevious, [search](DocumentTab* t) { return search(t, &SearchController::findPrevious); });
    on(a.findAll, [search](DocumentTab* t) { return search(t, &SearchController::findAll); });
    connect(a.checksums, &QAction::triggered, this, [this] {
        DocumentTab* tab = m_hooks.current();
        if (!tab) return;
        auto* dialog = new ChecksumsDialog(tab->model(), tab->cursor(), m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        // The dialog's job reads the tab's document: it stops before the tab lets go of it.
        connect(tab, &DocumentTab::closing, dialog, &ChecksumsDialog::abandon);
        dialog->show();
    });
    on(a.addBookmark, [this](DocumentTab* t) {
        const CursorModel& c = *t->cursor();
        if (t->model()->size() == 0) return UiStatus::failure(tr("The file is empty: there is nothing to bookmark."));
        const int row = c.hasSelection() ? t->bookmarks()->add(c.selectionStart(), c.selectionLength())
                                         : t->bookmarks()->add(c.cursor(), 1);
        m_hooks.bookmarkAdded(row);
        return UiStatus();
    });
    auto jump = [this](DocumentTab* t, bool forward) {
        const std::uint64_t at = t->cursor()->hasSelection() ? t->cursor()->selectionStart() : t->cursor()->cursor();
        const auto b = forward ? t->bookmarks()->next(at) : t->bookmarks()->previous(at);
        if (!b) return UiStatus::failure(tr("No bookmarks in this file: Ctrl+B bookmarks the selection."));
        t->showBookmark(*b);
        m_hooks.bookmarkShown(*b);
        return UiStatus();
    };
    on(a.nextBookmark, [jump](DocumentTab* t) { return jump(t, true); });
    on(a.previousBookmark, [jump](DocumentTab* t) { return jump(t, false); });
}

template <class F> void DocumentActions::onCurrent(F fn) {
    DocumentTab* tab = m_hooks.current();
    if (!tab) return;
    const UiStatus done = fn(tab);
    if (!done) m_hooks.message(done.message(), 0);
}

} // namespace hexmap
