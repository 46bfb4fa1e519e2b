// MainWindow: menus, toolbar, status bar, banners and the document's life cycle around
// one HexView. All actions are created in one place (createActions) so that menus,
// toolbar, shortcuts and tests agree on them.
#pragma once

#include "document.h"

#include <QHash>
#include <QMainWindow>
#include <atomic>
#include <functional>
#include <memory>
#include <thread>

class QActionGroup;
class QLabel;
class QMenu;
class QDockWidget;
class QMimeData;
class QProgressDialog;
class QTableView;
class QTimer;

namespace hexmap {

class FindBar;
class HexView;
class MatchListModel;
class MessageBanner;
class OverviewStrip;
class SearchController;

enum class CopyFormat { Hex, Text, CArray, HexDump };

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens path in mode. On failure the window keeps what it had, shows the error in
    // the banner (with alternatives, e.g. read-only after a refused read-write) and
    // returns the error text; on success returns an empty string. Does not ask about
    // unsaved edits (see maybeKeepEdits).
    QString openFile(const QString& path, OpenMode mode);
    // Closes the document after asking about unsaved edits; false if the user cancelled.
    bool closeFile();
    // Reopens the current file in its mode (or `mode`), keeping the cursor where it can.
    void reload();
    void reopenAs(OpenMode mode);

    // Moves the cursor to the target typed by the user; returns the reason on refusal.
    QString goToOffset(const QString& text);
    // The selection (or the byte under the cursor) in the given form, or an empty
    // string with a status message when it is too large for the clipboard.
    QString copyText(CopyFormat format);

    // Editing entry points behind the actions (tests call them directly). Each returns
    // an empty string on success, or the reason shown to the user.
    QString paste(const QString& clipboardText);
    QString fillSelection(const QString& hexPattern);
    QString resizeTo(const QString& sizeText);
    QString save();
    // Starts writing a complete copy on a worker thread, with a progress dialog that can
    // cancel it; edits wait meanwhile. Returns the reason when it cannot start. When it
    // ends, the window edits the copy (or shows why it failed). saving() tells whether
    // it still runs.
    QString saveAs(const QString& path);
    bool saving() const { return m_saveThread.joinable(); }
    void cancelSave() { m_saveCancel.store(true); }
    QString revert();
    QString undo();
    QString redo();
    QString setWriteProtected(bool locked);
    void setFollowEnd(bool on);
    // Looks at the file on disk now (the timers call it): shrank, grew, follow.
    void checkFileOnDisk();

    // The answer to "unsaved edits: save, discard or cancel?" and to yes/no questions.
    // Tests replace these; the defaults ask with a message box.
    enum class UnsavedChoice { Save, Discard, Cancel };
    void setUnsavedPrompt(std::function<UnsavedChoice()> prompt) { m_unsavedPrompt = std::move(prompt); }
    void setConfirm(std::function<bool(const QString&)> confirm) { m_confirm = std::move(confirm); }
    // Asks about unsaved edits and acts on the answer (save, or discard = revert);
    // false when the user cancelled or the save failed.
    bool maybeKeepEdits();

    HexView* view() const { return m_view; }
    FindBar* findBar() const { return m_findBar; }
    SearchController* search() const { return m_search; }
    MatchListModel* results() const { return m_results; }
    QTableView* resultsView() const { return m_resultsView; }
    OverviewStrip* overview() const { return m_overview; }
    // Why edits are refused right now beyond the document's own reasons (a search is
    // running), or empty.
    QString editBlocker() const { return m_editBlocker; }
    // Selects a match in the grid (results panel, overview strip).
    void showMatch(std::uint64_t offset, std::uint64_t length);
    MessageBanner* banner() const { return m_banner; }
    Document* document() const { return m_doc.get(); }
    QAction* action(const QString& name) const { return m_actions.value(name); }
    QStringList recentFiles() const;
    QString statusText() const; // the status bar's fields, joined, for tests
    QString lastStatusMessage() const { return m_lastMessage; }

    // Opens the first local file of a drop, read-only. False when there is none.
    bool openDropped(const QMimeData* mime);

    // Largest selection copied to the clipboard; beyond it the copy is refused because it
    // would walk the file on the GUI thread and flood the clipboard.
    static constexpr std::uint64_t kMaxCopyBytes = 16u << 20;

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void updateActions();
    void updateStatus();
    void updateTitle();
    void updateRecentMenu();
    void rememberRecent(const QString& path);
    void showOpenDialog();
    void showGotoDialog();
    void showFillDialog();
    void showResizeDialog();
    void showSaveAsDialog();
    void copyToClipboard(CopyFormat format);
    void reportShrink();
    void reportGrowth();
    void showError(const QString& text);
    void showMessage(const QString& text, int ms = 6000);
    void onEditRefused(const QString& reason);
    void afterEdit();
    bool refuseIfBusy(QString* reason);
    void updateEditBlocker();
    // Cancels a running Save As and waits for its thread (before the document goes away).
    void stopSave();
    void finishSaveAs(const QString& path, const Status& status);
    QString stepHistory(bool forward); // undo (false) or redo (true)
    void createSearch();
    QString resultText(const Status& status) const;

    std::unique_ptr<Document> m_doc;
    HexView* m_view;
    MessageBanner* m_banner;
    FindBar* m_findBar = nullptr;
    OverviewStrip* m_overview = nullptr;
    MatchListModel* m_results = nullptr;
    QTableView* m_resultsView = nullptr;
    QDockWidget* m_resultsDock = nullptr;
    SearchController* m_search = nullptr;
    QString m_editBlocker;
    bool m_searchBusy = false;
    std::thread m_saveThread;
    std::atomic<bool> m_saveCancel{false};
    std::atomic<std::uint64_t> m_saveDone{0}, m_saveTotal{0};
    QProgressDialog* m_saveProgress = nullptr;
    QLabel* m_offsetLabel;
    QLabel* m_selectionLabel;
    QLabel* m_sizeLabel;
    QLabel* m_lockLabel;
    QLabel* m_modeLabel;
    QMenu* m_recentMenu = nullptr;
    QActionGroup* m_rowWidthGroup = nullptr;
    QTimer* m_diskWatch;
    QTimer* m_repaintTimer;
    QHash<QString, QAction*> m_actions;
    std::function<UnsavedChoice()> m_unsavedPrompt;
    std::function<bool(const QString&)> m_confirm;
    QString m_lastMessage;
    bool m_shrinkReported = false;
    std::uint64_t m_growthReportedAt = 0;
    bool m_followEnd = false;
};

} // namespace hexmap
