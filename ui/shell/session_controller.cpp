// SPDX-License-Identifier: MIT
#include "session_controller.h"

#include "action_registry.h"

#include "cursor_model.h"
#include "document_model.h"
#include "document_tab.h"
#include "edit_controller.h"
#include "finish_rewrite.h"
#include "hex_view.h"
#include "message_banner.h"
#include "open_dialog.h"
#include "save_controller.h"

#include <QAction>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QTabWidget>
#include <QUrl>
#include <cstdlib>

namespace hexmap {

namespace {
constexpr int kMaxRecent = 10;

// Bytes of an absolute path (relative ones are taken from the current folder).
QByteArray absolute(const QByteArray& raw) {
    if (raw.startsWith('/')) return raw;
    return QFile::encodeName(QDir::currentPath()) + '/' + raw;
}

QByteArray canonical(const QByteArray& raw) {
    if (char* real = ::realpath(raw.constData(), nullptr)) {
        QByteArray out(real);
        std::free(real);
        return out;
    }
    return absolute(raw);
}
} // namespace

SessionController::SessionController(QTabWidget* tabs, MessageBanner* windowBanner,
                                     QWidget* dialogParent)
    : QObject(dialogParent), m_tabs(tabs), m_banner(windowBanner), m_dialogParent(dialogParent) {
    m_unsavedPrompt = [this](const QString& name) {
        const auto answer = QMessageBox::question(
            m_dialogParent, tr("Unsaved edits"), tr("\"%1\" has unsaved edits. Save them?").arg(name),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        return answer == QMessageBox::Save      ? UnsavedChoice::Save
               : answer == QMessageBox::Discard ? UnsavedChoice::Discard
                                                : UnsavedChoice::Cancel;
    };
    m_finishSavePrompt = [this](const QString& name) {
        return QMessageBox::question(
                   m_dialogParent, tr("Unfinished save"),
                   tr("A save of \"%1\" in place did not finish (hexmap or the computer stopped "
                      "during it), so the file holds part of the old bytes and part of the new. "
                      "The record beside it holds the rest.\n\nFinish the save now? (Otherwise the "
                      "file opens as it is, and the record stays for next time.)").arg(name),
                   QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
    };
}

DocumentTab* SessionController::currentTab() const {
    return qobject_cast<DocumentTab*>(m_tabs->currentWidget());
}
DocumentTab* SessionController::tabAt(int index) const {
    return qobject_cast<DocumentTab*>(m_tabs->widget(index));
}
int SessionController::count() const { return m_tabs->count(); }

DocumentTab* SessionController::findTab(const QByteArray& path) const {
    const QByteArray wanted = canonical(path);
    for (int i = 0; i < m_tabs->count(); ++i)
        if (tabAt(i)->model()->canonicalPath() == wanted) return tabAt(i);
    return nullptr;
}

UiStatus SessionController::open(const QString& path, OpenMode mode) {
    return open(QFile::encodeName(path), mode);
}

UiStatus SessionController::open(const QByteArray& path, OpenMode mode) {
    if (DocumentTab* existing = findTab(path)) {
        m_tabs->setCurrentWidget(existing);
        existing->setFocus();
        rememberRecent(absolute(path));
        return {};
    }
    // A save in place that stopped part way: finish it before the file is shown.
    QString unfinished;
    bool unfinishedFailed = false;
    if (saveLeftUnfinished(path)) {
        const QString name = QFileInfo(QFile::decodeName(path)).fileName();
        if (m_finishSavePrompt(name)) {
            if (UiStatus done = finishUnfinishedSave(path, m_dialogParent); !done) {
                unfinished = done.message();
                unfinishedFailed = true;
            } else
                unfinished = tr("The save of \"%1\" that did not finish was finished.").arg(name);
        } else {
            unfinished = tr("\"%1\" holds a save in place that did not finish (part old bytes, part "
                            "new). Open it again to finish it.").arg(name);
        }
    }
    auto opened = DocumentModel::open(path, mode);
    if (!opened) {
        const QString message = QString::fromStdString(opened.error().message);
        // Every failed open stays in the window's banner until it is closed: opening several
        // files (the command line, the desktop entry, a restored session) must not show the
        // good ones and drop the errors of the others.
        if (!m_banner->isVisible() || m_banner->kind() != MessageBanner::Kind::Error) m_openErrors.clear();
        m_openErrors << message;
        m_banner->showMessage(m_openErrors.size() == 1
                                  ? message
                                  : tr("%1 files could not be opened:").arg(m_openErrors.size()) +
                                        "\n" + m_openErrors.join('\n'),
                              MessageBanner::Kind::Error);
        const int code = opened.error().code;
        if (mode == OpenMode::Shared && (code == EACCES || code == EPERM || code == EROFS)) {
            // (a failure of these is on the banner again)
            m_banner->addAction(tr("Open Read-only"), [this, path] { (void)open(path, OpenMode::ReadOnly); });
            m_banner->addAction(tr("Open Private"), [this, path] { (void)open(path, OpenMode::Private); });
        }
        return UiStatus::failure(message);
    }
    if (m_openErrors.isEmpty() || !m_banner->isVisible()) m_banner->hide(); // errors stay
    auto* tab = new DocumentTab(std::move(opened).value());
    emit tabOpened(tab); // wired into the window before it becomes the current tab
    const int index = m_tabs->addTab(tab, tab->title());
    m_tabs->setTabToolTip(index, tab->toolTip());
    connect(tab, &DocumentTab::titleChanged, this, [this, tab] {
        const int i = m_tabs->indexOf(tab);
        if (i < 0) return;
        m_tabs->setTabText(i, tab->title());
        m_tabs->setTabToolTip(i, tab->toolTip());
    });
    connect(tab, &DocumentTab::reopenRequested, this, [this, tab](OpenMode m) { reopenAs(tab, m); });
    m_tabs->setCurrentWidget(tab);
    tab->setFocus();
    rememberRecent(absolute(path));
    if (mode == OpenMode::Shared) emit tab->message(tr("Shared mapping: edits go straight to the file."));
    if (unfinishedFailed) tab->showError(unfinished);
    else if (!unfinished.isEmpty()) emit tab->message(unfinished);
    return {};
}

bool SessionController::maybeKeepEdits(DocumentTab* tab) {
    if (!tab || !tab->model()->isModified()) return true;
    switch (m_unsavedPrompt(tab->model()->fileName())) {
    case UnsavedChoice::Save: {
        if (!tab->model()->canSave()) {
            emit saveAsNeeded(tab);
            return false; // the edits stay until the copy is written
        }
        UiStatus saved = tab->saver()->save();
        if (saved.ok() && tab->saver()->saving()) {
            // A save after inserts or deletes runs as a job (with its progress dialog and
            // Cancel): the tab closes only once the file holds the edits.
            QEventLoop wait;
            const auto done = connect(tab->saver(), &SaveController::finished, &wait,
                                      [&](const QString& e, const QString&) {
                                          saved = UiStatus::fromMessage(e);
                                          wait.quit();
                                      });
            wait.exec();
            disconnect(done);
            if (saved.ok() && tab->model()->isModified()) return false; // cancelled
        }
        if (!saved) tab->showError(saved.message());
        return saved.ok();
    }
    case UnsavedChoice::Discard: {
        // Shared mode: the edits are already in the file; discarding puts the original
        // bytes back from the journal. Private edits simply go with the mapping.
        if (tab->model()->mode() != OpenMode::Shared) return true;
        const UiStatus reverted = tab->edit()->revert();
        if (!reverted) tab->showError(reverted.message());
        return reverted.ok();
    }
    case UnsavedChoice::Cancel: return false;
    }
    return false;
}

bool SessionController::closeTab(DocumentTab* tab) {
    if (!tab || !maybeKeepEdits(tab)) return false;
    emit tabClosing(tab);
    tab->stopJobs();
    m_tabs->removeTab(m_tabs->indexOf(tab));
    delete tab;
    return true;
}

bool SessionController::closeAll() {
    // Ask about every modified tab first, so a Cancel leaves all of them open.
    for (int i = 0; i < count(); ++i) {
        DocumentTab* tab = tabAt(i);
        if (!tab->model()->isModified()) continue;
        m_tabs->setCurrentWidget(tab);
        if (!maybeKeepEdits(tab)) return false;
    }
    while (count() > 0) {
        DocumentTab* tab = tabAt(count() - 1);
        emit tabClosing(tab);
        tab->stopJobs();
        m_tabs->removeTab(count() - 1);
        delete tab;
    }
    return true;
}

void SessionController::reopenAs(DocumentTab* tab, OpenMode mode) {
    if (!tab || !maybeKeepEdits(tab)) return;
    const std::uint64_t cursor = tab->cursor()->cursor();
    const std::uint64_t top = tab->hexView()->topRow();
    const UiStatus reopened = tab->model()->reopen(mode);
    if (!reopened) {
        tab->showError(reopened.message());
        return;
    }
    tab->hexView()->setTopRow(top);
    tab->cursor()->moveCursor(cursor);
    emit tab->titleChanged();
    emit tab->message(mode == OpenMode::Shared ? tr("Shared mapping: edits go straight to the file.")
                                               : tr("Reopened %1.").arg(QString::fromLatin1(modeName(mode))));
}

QList<QByteArray> SessionController::recentRawFiles() const {
    QList<QByteArray> out;
    for (const QVariant& v : QSettings().value("recentFiles").toList()) out << v.toByteArray();
    return out;
}

QStringList SessionController::recentFiles() const {
    QStringList out;
    for (const QByteArray& raw : recentRawFiles()) out << QFile::decodeName(raw);
    return out;
}

void SessionController::rememberRecent(const QByteArray& path) {
    // Kept as bytes, so that a name that is not valid UTF-8 opens again from the menu.
    QList<QByteArray> recent = recentRawFiles();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent) recent.removeLast();
    QVariantList values;
    for (const QByteArray& raw : recent) values << raw;
    QSettings().setValue("recentFiles", values);
    emit recentFilesChanged();
}

void SessionController::clearRecent() {
    QSettings().remove("recentFiles");
    emit recentFilesChanged();
}

bool SessionController::openDropped(const QMimeData* mime) {
    bool any = false;
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile()) continue;
        // The URL's percent-encoded path holds the name's bytes exactly; toLocalFile()
        // would decode them as UTF-8 and lose any that are not.
        (void)open(QByteArray::fromPercentEncoding(url.path(QUrl::FullyEncoded).toLatin1()), OpenMode::ReadOnly); // failures: the banner
        any = true;
    }
    return any;
}

void SessionController::connectActions(const ActionRegistry& a, std::function<OpenMode()> defaultMode) {
    connect(a.open, &QAction::triggered, this, [this, defaultMode] {
        auto* dialog = new OpenDialog(openFolder(), m_tabs->window());
        dialog->setMode(defaultMode());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog] {
            if (dialog->path().isEmpty()) return;
            QSettings().setValue("open/lastFolder", QFileInfo(dialog->path()).absolutePath());
            (void)open(dialog->path(), dialog->mode()); // a failure is on the banner
        });
        dialog->open();
    });
    auto on = [this](QAction* action, auto fn) {
        connect(action, &QAction::triggered, this, [this, fn] {
            if (DocumentTab* t = currentTab()) fn(t);
        });
    };
    on(a.closeTab, [this](DocumentTab* t) { closeTab(t); });
    on(a.reload, [this](DocumentTab* t) { reopenAs(t, t->model()->mode()); });
    on(a.reopenReadOnly, [this](DocumentTab* t) { reopenAs(t, OpenMode::ReadOnly); });
    on(a.reopenShared, [this](DocumentTab* t) { reopenAs(t, OpenMode::Shared); });
    on(a.reopenPrivate, [this](DocumentTab* t) { reopenAs(t, OpenMode::Private); });
}

QString SessionController::openFolder() const {
    const QString last = QSettings().value("open/lastFolder").toString();
    if (!last.isEmpty() && QFileInfo(last).isDir()) return last;
    const QStringList recent = recentFiles();
    return recent.isEmpty() ? QDir::homePath() : QFileInfo(recent.first()).absolutePath();
}

} // namespace hexmap
