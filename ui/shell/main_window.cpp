// SPDX-License-Identifier: MIT
#include "main_window.h"

#include "action_registry.h"
#include "cursor_model.h"
#include "disk_watcher.h"
#include "document_dialogs.h"
#include "document_model.h"
#include "document_tab.h"
#include "edit_controller.h"
#include "hex_view.h"
#include "bookmark_model.h"
#include "bookmarks_panel.h"
#include "compare_window.h"
#include "merge_window.h"
#include "file_map_panel.h"
#include "ksy_paths.h"
#include "structure_panel.h"
#include "inspector_model.h"
#include "inspector_panel.h"
#include "document_actions.h"
#include "view_actions.h"
#include "start_page.h"
#include "keys_dialog.h"
#include "lines_view.h"
#include "message_banner.h"
#include "preferences_dialog.h"
#include "theme.h"
#include "save_controller.h"
#include "search_controller.h"
#include "session_controller.h"
#include "status_fields.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QStackedWidget>
#include <QSettings>
#include <QMessageBox>
#include <QApplication>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

namespace hexmap {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_prefs(Preferences::load()) {
    setAcceptDrops(true);
    setObjectName("mainWindow");
    if (m_prefs.theme != Theme::System) applyTheme(m_prefs.theme);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_banner = new MessageBanner(central);
    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName("tabs");
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->tabBar()->setExpanding(false);
    // With no file open, the start page (how to open one, the recent files) in the tabs' place.
    m_startPage = new StartPage(central);
    connect(m_startPage, &StartPage::openRequested, this,
            [this](const QByteArray& path) { (void)m_session->open(path, m_prefs.defaultMode); }); // a failure is on the banner
    m_pages = new QStackedWidget(central);
    m_pages->addWidget(m_startPage);
    m_pages->addWidget(m_tabs);
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this] { m_pages->setCurrentWidget(m_tabs->count() ? static_cast<QWidget*>(m_tabs) : m_startPage); });
    layout->addWidget(m_banner);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_resultsStack = new QStackedWidget;
    m_resultsDock = addDock(tr("Results"), "resultsDock", m_resultsStack, Qt::BottomDockWidgetArea);

    // The data inspector follows the current tab's cursor.
    m_inspector = new InspectorModel(this);
    auto* inspectorBox = new InspectorPanel(m_inspector);
    connect(m_inspector, &InspectorModel::refused, this, [this](const QString& why) { showMessage(why, 8000); });
    m_inspectorDock = addDock(tr("Inspector"), "inspectorDock", inspectorBox, Qt::RightDockWidgetArea);

    m_bookmarksPanel = new BookmarksPanel;
    connect(m_bookmarksPanel, &BookmarksPanel::message, this, [this](const QString& t) { showMessage(t); });
    m_bookmarksDock = addDock(tr("Bookmarks"), "bookmarksDock", m_bookmarksPanel, Qt::RightDockWidgetArea);

    m_fileMapPanel = new FileMapPanel;
    m_fileMapDock = addDock(tr("File Map"), "fileMapDock", m_fileMapPanel, Qt::RightDockWidgetArea);
    connect(m_fileMapDock, &QDockWidget::visibilityChanged, m_fileMapPanel, &FileMapPanel::setActive);

    m_structurePanel = new StructurePanel;
    connect(m_structurePanel, &StructurePanel::message, this, [this](const QString& t) { showMessage(t, 8000); });
    m_structureDock = addDock(tr("Structure"), "structureDock", m_structurePanel, Qt::RightDockWidgetArea);
    connect(m_structureDock, &QDockWidget::visibilityChanged, m_structurePanel, &StructurePanel::setActive);
    m_structureDock->hide();

    m_status = new StatusFields(statusBar());
    m_session = new SessionController(m_tabs, m_banner, this);
    m_actions = std::make_unique<ActionRegistry>(this);
    m_inspectorDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_bookmarksDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    m_fileMapDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_structureDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_actions->buildMenus(this, &m_recentMenu,
                          {m_resultsDock->toggleViewAction(), m_inspectorDock->toggleViewAction(),
                           m_bookmarksDock->toggleViewAction(), m_fileMapDock->toggleViewAction(),
                           m_structureDock->toggleViewAction()});
    connectActions();

    connect(m_session, &SessionController::tabOpened, this, &MainWindow::adoptTab);
    connect(m_session, &SessionController::tabClosing, this, [this](DocumentTab* tab) {
        m_resultsStack->removeWidget(tab->resultsView());
    });
    connect(m_session, &SessionController::recentFilesChanged, this, &MainWindow::updateRecentMenu);
    connect(m_session, &SessionController::saveAsNeeded, this,
            [this](DocumentTab* tab) { reportSaveAs(tab); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onCurrentTabChanged);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this,
            [this](int index) { m_session->closeTab(m_session->tabAt(index)); });
    updateRecentMenu();
    resize(1000, 700);
    applyPreferences(m_prefs);
    // The window as it was left: size and place, docks and toolbar.
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    onCurrentTabChanged();
}

QDockWidget* MainWindow::addDock(const QString& title, const char* name, QWidget* content, Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(QString::fromLatin1(name)); // saveState keys docks by name
    dock->setWidget(content);
    addDockWidget(area, dock);
    dock->hide();
    return dock;
}

MainWindow::~MainWindow() {
    // Every tab's jobs stop before its mapping goes (DocumentTab's destructor), and the
    // tabs go before the actions they were wired to.
    while (m_tabs->count() > 0) delete m_tabs->widget(0);
}

UiStatus MainWindow::openFile(const QString& path, OpenMode mode) { return m_session->open(path, mode); }

DocumentTab* MainWindow::currentTab() const { return m_session->currentTab(); }

void MainWindow::reportSaveAs(DocumentTab* tab) {
    if (const UiStatus started = showSaveAsDialog(this, tab->context()); !started) tab->showError(started.message());
}

template <class F> void MainWindow::onTab(F fn) {
    DocumentTab* tab = currentTab();
    if (!tab) return;
    if (const UiStatus done = fn(tab); !done) showMessage(done.message());
}

void MainWindow::connectActions() {
    const ActionRegistry& a = *m_actions;
    new DocumentActions(a, this,
                        {[this] { return currentTab(); },
                         [this](const QString& text, int ms) { showMessage(text, ms); },
                         [this] { updateActions(); },
                         [this](int row) {
                             // Shown and named at once: type a name and Enter, or Esc to keep "Bookmark N".
                             m_bookmarksDock->show();
                             m_bookmarksPanel->editName(row, /*returnFocus=*/true);
                         },
                         [this](const Bookmark& b) {
                             m_bookmarksPanel->showBookmark(b.offset, b.length);
                             showMessage(tr("Bookmark \"%1\"").arg(b.name), 3000);
                         }});
    new ViewActions(a, this,
                    {[this] { return currentTab(); },
                     [this] {
                         QList<DocumentTab*> all;
                         for (int i = 0; i < m_session->count(); ++i) all << m_session->tabAt(i);
                         return all;
                     },
                     [this](int bytesPerRow) {
                         Preferences p = m_prefs;
                         p.bytesPerRow = bytesPerRow;
                         applyPreferences(p);
                     },
                     [this](DocumentTab::ViewMode mode) { m_viewMode = mode; }});
    auto on = [this](QAction* action, auto fn) {
        connect(action, &QAction::triggered, this, [this, fn] { onTab(fn); });
    };
    m_session->connectActions(a, [this] { return m_prefs.defaultMode; });
    connect(a.preferences, &QAction::triggered, this, [this] {
        auto* dialog = new PreferencesDialog(m_prefs, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &PreferencesDialog::applied, this, &MainWindow::applyPreferences);
        dialog->open();
    });
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    on(a.compareWith, [this](DocumentTab* t) {
        const QString other = QFileDialog::getOpenFileName(this, tr("Compare \"%1\" With").arg(t->model()->fileName()),
                                                           QFileInfo(t->model()->path()).absolutePath());
        return other.isEmpty() ? UiStatus() : openComparison(t->model()->path(), other);
    });
    connect(a.mergeLogs, &QAction::triggered, this, [this] {
        const QString folder = currentTab() ? QFileInfo(currentTab()->model()->path()).absolutePath() : QString();
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Merge Logs by Time"), folder,
                                                                tr("Logs (*.log *.txt *.log.*);;All files (*)"));
        if (paths.isEmpty()) return;
        if (const UiStatus st = openMerged(paths); !st) showMessage(st.message());
    });
    on(a.openDescription, [this](DocumentTab*) {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a Kaitai Struct description"),
                                                          QString::fromStdString(ksy::userFolder()),
                                                          tr("Kaitai Struct (*.ksy);;All files (*)"));
        if (path.isEmpty()) return UiStatus();
        m_structureDock->show();
        m_structurePanel->useDescription(path);
        return UiStatus();
    });
    connect(a.keyReference, &QAction::triggered, this, [this] {
        // Beside the window, not over it: the keys can be tried while it is open.
        auto* keys = new KeysDialog(menuBar(), this);
        keys->setAttribute(Qt::WA_DeleteOnClose);
        keys->show();
    });
    connect(a.about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About hexmap"), aboutText());
    });
    auto step = [this](int delta) {
        if (m_tabs->count() > 1) m_tabs->setCurrentIndex((m_tabs->currentIndex() + delta + m_tabs->count()) % m_tabs->count());
    };
    connect(a.nextTab, &QAction::triggered, this, [step] { step(1); });
    connect(a.previousTab, &QAction::triggered, this, [step] { step(-1); });
}

void MainWindow::adoptTab(DocumentTab* tab) {
    m_resultsStack->addWidget(tab->resultsView());
    // A new tab shows its grid with the window's row width.
    const ActionRegistry& a = *m_actions;
    applyPreferencesTo(tab);
    tab->linesView()->setWrap(a.wrapLines->isChecked());
    tab->hexView()->setColumnEncoding(ViewActions::rememberedEncoding(*tab->model()));
    // The view this file was last shown in, unless the command line chose one.
    tab->setViewMode(m_viewModeForced ? m_viewMode : ViewActions::rememberedViewMode(*tab->model(), m_viewMode));
    connect(tab, &DocumentTab::message, this, [this](const QString& t) { showMessage(t); });
    connect(tab, &DocumentTab::saveAsRequested, this, [this, tab] { reportSaveAs(tab); });
    connect(tab, &DocumentTab::stateChanged, this, &MainWindow::updateActions);
    connect(tab, &DocumentTab::stateChanged, this, [this, tab] {
        if (tab == currentTab()) m_status->setShowsLines(tab->viewMode() != DocumentTab::ViewMode::Hex);
    });
    connect(tab, &DocumentTab::titleChanged, this, &MainWindow::updateTitle);
    connect(tab->model(), &DocumentModel::changed, this, &MainWindow::updateActions);
    connect(tab->search(), &SearchController::resultsWanted, m_resultsDock, &QWidget::show);
}

void MainWindow::onCurrentTabChanged() {
    DocumentTab* tab = currentTab();
    const DocumentContext context = tab ? tab->context() : DocumentContext{};
    m_status->setContext(context);
    m_status->setShowsLines(tab && tab->viewMode() != DocumentTab::ViewMode::Hex);
    m_inspector->attach(tab ? tab->model() : nullptr, tab ? tab->cursor() : nullptr);
    m_bookmarksPanel->setContext(context);
    m_fileMapPanel->setContext(context);
    m_structurePanel->setContext(context);
    if (tab) {
        m_resultsStack->setCurrentWidget(tab->resultsView());
        tab->setFocus();
        // View > Encoding shows this tab's encoding.
        const int e = static_cast<int>(tab->hexView()->textEncoding());
        if (e >= 0 && e < m_actions->encodingGroup->actions().size())
            m_actions->encodingGroup->actions()[e]->setChecked(true);
    }
    updateTitle();
    updateActions();
}

void MainWindow::updateTitle() {
    DocumentTab* tab = currentTab();
    if (!tab) {
        setWindowTitle(tr("hexmap"));
        setWindowModified(false);
        return;
    }
    setWindowTitle(QStringLiteral("%1[*] \u2014 hexmap").arg(tab->model()->fileName()));
    setWindowModified(tab->model()->isModified());
}

void MainWindow::updateActions() {
    const ActionRegistry& a = *m_actions;
    DocumentTab* tab = currentTab();
    for (QAction* action : a.documentActions()) action->setEnabled(tab != nullptr);
    a.nextTab->setEnabled(m_tabs->count() > 1);
    a.previousTab->setEnabled(m_tabs->count() > 1);
    if (!tab) {
        a.writeProtect->setChecked(false);
        a.followEnd->setChecked(false);
        a.writeProtect->setToolTip(tr("Open a file first."));
        return;
    }
    const DocumentModel& m = *tab->model();
    const bool editable = m.mode() != OpenMode::ReadOnly;
    a.undo->setEnabled(m.canUndo());
    a.redo->setEnabled(m.canRedo());
    a.save->setEnabled(editable);
    a.saveAs->setEnabled(!tab->saver()->saving());
    a.revert->setEnabled(editable && m.isModified());
    for (QAction* action : {a.paste, a.pasteBase64, a.fill, a.resize, a.writeProtect}) action->setEnabled(editable);
    const bool shifts = m.mode() == OpenMode::Private;
    for (QAction* action : {a.cut, a.insertMode, a.insertBytes, a.deleteSelection}) action->setEnabled(shifts);
    a.insertMode->setChecked(tab->edit()->insertMode());
    a.writeProtect->setChecked(m.writeProtected());
    a.writeProtect->setToolTip(editable ? tr("Make the mapping read-only with mprotect (Ctrl+Shift+L).")
                                        : tr("The file is open read-only: there is nothing to protect. "
                                             "Reopen it private or read-write to edit."));
    a.followEnd->setChecked(tab->disk()->following());
    const DocumentTab::ViewMode mode = tab->viewMode();
    (mode == DocumentTab::ViewMode::Lines  ? a.viewLines
     : mode == DocumentTab::ViewMode::Both ? a.viewBoth
                                           : a.viewHex)
        ->setChecked(true);
    a.wrapLines->setChecked(tab->linesView()->wrap());
    a.filterPane->setChecked(tab->filterPaneVisible());
}

QString MainWindow::aboutText() {
    return tr("<h3>hexmap %1</h3>"
              "<p>A hex viewer and editor for files of any size, built on memory mapping.</p>"
              "<p>Built with Qt %2, running on Qt %3.</p>"
              "<p>Released under the MIT licence. Qt is used under the GNU LGPL version 3, "
              "PCRE2 under its BSD licence.</p>"
              "<p><a href=\"https://github.com/hexmap/hexmap\">github.com/hexmap/hexmap</a></p>")
        .arg(QApplication::applicationVersion(), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
}

void MainWindow::setViewMode(DocumentTab::ViewMode mode) {
    m_viewModeForced = true;
    m_viewMode = mode;
    onTab([mode](DocumentTab* t) { t->setViewMode(mode); return UiStatus(); });
    updateActions();
}

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    const QList<QByteArray> recent = m_session->recentRawFiles();
    m_startPage->setRecentFiles(recent);
    for (const QByteArray& path : recent)
        m_recentMenu->addAction(QFile::decodeName(path), this,
                                [this, path] { (void)m_session->open(path, m_prefs.defaultMode); }); // a failure: the banner
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        // Queued: clearing rebuilds this menu, which deletes the action being triggered.
        QAction* clear = m_recentMenu->addAction(tr("&Clear Menu"), this, [this] {
            QMetaObject::invokeMethod(m_session, &SessionController::clearRecent, Qt::QueuedConnection);
        });
        clear->setObjectName("clearRecent");
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

QString MainWindow::statusText() const { return m_status->text(); }

UiStatus MainWindow::openComparison(const QString& a, const QString& b) {
    QString error;
    auto* window = new CompareWindow(a, b, &error);
    if (!error.isEmpty()) {
        delete window;
        return UiStatus::failure(error);
    }
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setWindowIcon(windowIcon());
    window->show();
    m_comparison = window;
    return {};
}

UiStatus MainWindow::openMerged(const QStringList& paths) {
    QString error;
    auto* window = new MergeWindow(paths, &error);
    if (!error.isEmpty()) {
        delete window;
        return UiStatus::failure(error);
    }
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setWindowIcon(windowIcon());
    connect(window, &MergeWindow::openRequested, this, [this](const QString& path, quint64 offset) {
        if (!isVisible()) show();
        if (const UiStatus opened = openFile(path, m_prefs.defaultMode); !opened) return showMessage(opened.message());
        DocumentTab* tab = currentTab();
        if (!tab) return;
        tab->setViewMode(DocumentTab::ViewMode::Lines);
        if (const UiStatus went = tab->goTo(QStringLiteral("0x%1").arg(offset, 0, 16)); !went)
            showMessage(went.message());
        activateWindow();
        raise();
    });
    window->show();
    m_merge = window;
    return {};
}

void MainWindow::showMessage(const QString& text, int ms) {
    m_lastMessage = text;
    statusBar()->showMessage(text, ms);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    if (dropFiles(event->mimeData(), event->modifiers())) event->acceptProposedAction();
}

bool MainWindow::dropFiles(const QMimeData* mime, Qt::KeyboardModifiers modifiers) {
    // With Ctrl held, one file dropped on a window with a tab is compared with that tab's
    // file (File > Compare With... without the dialog); otherwise dropped files open.
    const QList<QUrl> urls = mime->urls();
    if ((modifiers & Qt::ControlModifier) && currentTab() && urls.size() == 1 && urls[0].isLocalFile()) {
        const QByteArray raw = QByteArray::fromPercentEncoding(urls[0].path(QUrl::FullyEncoded).toLatin1());
        const UiStatus opened = openComparison(currentTab()->model()->path(), QFile::decodeName(raw));
        if (!opened) showMessage(opened.message());
        return true;
    }
    return m_session->openDropped(mime);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QList<QByteArray> open;
    for (int i = 0; i < m_session->count(); ++i)
        open << m_session->tabAt(i)->model()->rawPath();
    saveSession(); // modes and the current tab, before the tabs go
    if (!m_session->closeAll()) return event->ignore();
    saveWindowState(open);
    event->accept();
}

} // namespace hexmap
