// SPDX-License-Identifier: MIT
// MainWindow: builds the window and wires it — the tab widget with one DocumentTab per
// open file, the actions (ActionRegistry) and menus, the Results dock, the status bar and
// a banner for files that could not be opened. It routes: the actions' slots live with the
// ones who decide — SessionController (open, close, reload, reopen), DocumentActions (what
// acts on the current file), ViewActions (the View menu) — and the docks get the current
// file's DocumentContext.
#pragma once

#include "merge_window.h"
#include "ui_status.h"
#include "document_tab.h"
#include "mapped_file.h"
#include "preferences.h"
#include "text_encoding.h"

#include <QMainWindow>
#include <QPointer>
#include <QStringList>
#include <memory>
#include <optional>

class QDockWidget;
class QMenu;
class QStackedWidget;
class QTabWidget;

class QMimeData;

namespace hexmap {

struct ActionRegistry;
class DocumentTab;
class InspectorModel;
class BookmarksPanel;
class FileMapPanel;
class StartPage;
class StructurePanel;
class MessageBanner;
class SessionController;
class StatusFields;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens path in a tab (see SessionController::open); a failure says why.
    UiStatus openFile(const QString& path, OpenMode mode);

    SessionController* session() const { return m_session; }
    const ActionRegistry& actions() const { return *m_actions; }
    DocumentTab* currentTab() const;
    // How tabs show their document (the current one, and every tab opened later, whatever
    // view each file was last shown in): --lines.
    void setViewMode(DocumentTab::ViewMode mode);
    // The About box's text: version, Qt versions, licence, homepage.
    static QString aboutText();
    QTabWidget* tabs() const { return m_tabs; }
    MessageBanner* banner() const { return m_banner; }
    QDockWidget* resultsDock() const { return m_resultsDock; }
    QDockWidget* inspectorDock() const { return m_inspectorDock; }
    QDockWidget* bookmarksDock() const { return m_bookmarksDock; }
    BookmarksPanel* bookmarksPanel() const { return m_bookmarksPanel; }
    QDockWidget* fileMapDock() const { return m_fileMapDock; }
    FileMapPanel* fileMapPanel() const { return m_fileMapPanel; }
    QDockWidget* structureDock() const { return m_structureDock; }
    StructurePanel* structurePanel() const { return m_structurePanel; }
    InspectorModel* inspector() const { return m_inspector; }
    QString statusText() const;
    // A comparison window of two files (File > Compare With...); a failure says why it could not
    // open. The window closes itself; lastComparison() is it while it is open (tests).
    UiStatus openComparison(const QString& a, const QString& b);
    QWidget* lastComparison() const { return m_comparison; }
    // Several logs merged by time in their own window (File > Merge Logs by Time...,
    // --merge); a failure says why. Enter on a row there opens its file here at that line
    // (and shows this window if it was not shown).
    UiStatus openMerged(const QStringList& paths);
    MergeWindow* lastMerge() const { return m_merge; }
    // What a drop does (dropEvent): open the files, or with Ctrl compare one with the
    // current tab's. False when nothing in it is a local file.
    bool dropFiles(const QMimeData* mime, Qt::KeyboardModifiers modifiers);
    QString lastStatusMessage() const { return m_lastMessage; }
    void showMessage(const QString& text, int ms = 6000);

    // Edit > Preferences: applied to every tab at once (and to tabs opened later), and kept.
    const Preferences& preferences() const { return m_prefs; }
    void applyPreferences(const Preferences& prefs);
    // The files open at the last quit, for "reopen the files" (empty when that is off).
    static QList<QByteArray> filesToRestore();
    // Opens the files open at the last quit, each in the mode it had (or in `mode` when one
    // was asked for on the command line), and makes current the tab that was current.
    // Returns the errors of those that could not be opened (they also stay in the banner).
    QStringList restoreSession(std::optional<OpenMode> mode = std::nullopt);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void connectActions();
    void adoptTab(DocumentTab* tab);
    void onCurrentTabChanged();
    void updateActions();
    void updateTitle();
    void updateRecentMenu();
    void applyPreferencesTo(DocumentTab* tab) const;
    // A hidden dock at `area` (shown from the View menu).
    QDockWidget* addDock(const QString& title, const char* name, QWidget* content, Qt::DockWidgetArea area);
    void saveWindowState(const QList<QByteArray>& openFiles) const;
    // The session to restore: each file's mode, and which tab was current.
    void saveSession() const;
    // Runs fn on the current tab, if any; shows what it returns (an error) in the status bar.
    template <class F> void onTab(F fn);
    // Asks for a name and starts the tab's Save As; a refusal goes to the tab's banner.
    void reportSaveAs(DocumentTab* tab);

    std::unique_ptr<ActionRegistry> m_actions;

    QTabWidget* m_tabs;
    InspectorModel* m_inspector = nullptr;
    QDockWidget* m_inspectorDock = nullptr;
    QDockWidget* m_bookmarksDock = nullptr;
    BookmarksPanel* m_bookmarksPanel = nullptr;
    QDockWidget* m_fileMapDock = nullptr;
    FileMapPanel* m_fileMapPanel = nullptr;
    QDockWidget* m_structureDock = nullptr;
    StructurePanel* m_structurePanel = nullptr;
    bool m_viewModeForced = false; // --lines: every file opens that way
    DocumentTab::ViewMode m_viewMode = DocumentTab::ViewMode::Hex;
    MessageBanner* m_banner;
    SessionController* m_session;
    StatusFields* m_status;
    QDockWidget* m_resultsDock;
    QStackedWidget* m_resultsStack;
    QMenu* m_recentMenu = nullptr;
    bool m_dockRoomChecked = false;
    void keepRoomForTheGrid();
    StartPage* m_startPage = nullptr;
    QStackedWidget* m_pages = nullptr; // the start page or the tabs
    QString m_lastMessage;
    QPointer<QWidget> m_comparison;
    QPointer<MergeWindow> m_merge;
    Preferences m_prefs;
};

} // namespace hexmap
