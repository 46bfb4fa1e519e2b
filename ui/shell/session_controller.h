// SPDX-License-Identifier: MIT
// SessionController: the open files of the window and their life cycle — opening (into a
// new tab, or switching to the tab that already has the file), closing a tab or all of
// them (asking about unsaved edits), reopening in another mode, reloading, recent files,
// and files dropped on the window. Errors about files not yet open go to the window's
// banner; errors about an open file go to its tab's banner.
#pragma once

#include "ui_status.h"
#include "mapped_file.h"

#include <QObject>
#include <QStringList>
#include <functional>

class QMimeData;
class QTabWidget;
class QWidget;

namespace hexmap {

struct ActionRegistry;

class DocumentTab;
class MessageBanner;

class SessionController : public QObject {
    Q_OBJECT
public:
    enum class UnsavedChoice { Save, Discard, Cancel };

    SessionController(QTabWidget* tabs, MessageBanner* windowBanner, QWidget* dialogParent);

    // Opens path in a new tab, or shows the tab that has the same file open (same
    // canonical path). A failure is also shown in the window's banner
    // (with alternatives, e.g. read-only after a refused read-write).
    // File > Open, Close Tab, Reload and Reopen As act here; defaultMode is the preference
    // the Open dialog starts with.
    void connectActions(const ActionRegistry& actions, std::function<OpenMode()> defaultMode);
    // Where File > Open starts: the folder last opened from, else the newest recent file's.
    QString openFolder() const;
    UiStatus open(const QString& path, OpenMode mode);
    // The same for a path as bytes (names that are not valid UTF-8 stay openable).
    UiStatus open(const QByteArray& rawPath, OpenMode mode);
    // Closes a tab after asking about its unsaved edits; false if the user cancelled.
    bool closeTab(DocumentTab* tab);
    // Closes every tab, asking once per modified tab; false if the user cancelled one.
    bool closeAll();
    // Opens the current file again in `mode` (after asking about unsaved edits), keeping
    // the cursor where it can.
    void reopenAs(DocumentTab* tab, OpenMode mode);
    // Opens every local file of a drop, read-only. False when there is none.
    bool openDropped(const QMimeData* mime);

    DocumentTab* currentTab() const;
    DocumentTab* tabAt(int index) const;
    int count() const;
    DocumentTab* findTab(const QByteArray& rawPath) const;

    // Recent files, newest first: as bytes (to open) and as names (to show).
    QList<QByteArray> recentRawFiles() const;
    QStringList recentFiles() const;
    void rememberRecent(const QByteArray& rawPath);
    // Open Recent > Clear Menu.
    void clearRecent();

    // Asks about unsaved edits (Save, Discard, Cancel) and acts on the answer: save, or
    // discard (shared mode puts the original bytes back). False when cancelled or failed.
    bool maybeKeepEdits(DocumentTab* tab);
    // The question. Tests replace it; the default asks with a message box.
    void setUnsavedPrompt(std::function<UnsavedChoice(const QString& fileName)> prompt) {
        m_unsavedPrompt = std::move(prompt);
    }

    // A file opened with the record of a save in place that did not finish: whether to
    // finish it (true) or open the file as it is. Tests replace it; the default asks.
    void setFinishSavePrompt(std::function<bool(const QString& fileName)> prompt) {
        m_finishSavePrompt = std::move(prompt);
    }

signals:
    void tabOpened(hexmap::DocumentTab* tab);
    void tabClosing(hexmap::DocumentTab* tab);
    void recentFilesChanged();
    // A Save As dialog is needed for `tab` (an unsaved prompt on a file we may not write).
    void saveAsNeeded(hexmap::DocumentTab* tab);

private:
    QTabWidget* m_tabs;
    MessageBanner* m_banner;
    QWidget* m_dialogParent;
    std::function<UnsavedChoice(const QString&)> m_unsavedPrompt;
    std::function<bool(const QString&)> m_finishSavePrompt;
    QStringList m_openErrors; // failed opens the window's banner shows
};

} // namespace hexmap
