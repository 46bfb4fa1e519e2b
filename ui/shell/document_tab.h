// SPDX-License-Identifier: MIT
// DocumentTab: one open file in the window — its DocumentModel and CursorModel, the
// controllers that act on it (editing, saving, search, the disk watcher, the clipboard),
// and its widgets (a banner, the hex grid, the overview strip, the find bar, and the
// results table the window shows in its Results dock). Every tab has its own undo
// history, search state and running jobs; a search or Save As keeps running while another
// tab is shown. Closing the tab stops its jobs before the mapping goes.
#pragma once

#include "ui_status.h"
#include "document_context.h"
#include "document_dialogs.h"
#include "log_time.h"

#include "mapped_file.h"

#include <QWidget>
#include <memory>

class QSplitter;
class QTableView;

namespace hexmap {

class ClipboardController;
class CursorModel;
class DiskWatcher;
class DocumentModel;
class EditController;
class FindBar;
class HexView;
class LineCounter;
class LogTimeModel;
class RuleMap;
class BookmarkModel;
struct Bookmark;
class FilterPanel;
class FilteredLines;
class LinesView;
class MatchListModel;
class MessageBanner;
class OverviewStrip;
class SaveController;
class SearchController;

class DocumentTab : public QWidget {
    Q_OBJECT
public:
    explicit DocumentTab(std::unique_ptr<DocumentModel> model, QWidget* parent = nullptr);
    ~DocumentTab() override;

    DocumentModel* model() const { return m_model.get(); }
    CursorModel* cursor() const { return m_cursor; }
    EditController* edit() const { return m_edit; }
    SaveController* saver() const { return m_save; }
    SearchController* search() const { return m_search; }
    DiskWatcher* disk() const { return m_disk; }
    ClipboardController* clipboard() const { return m_clipboard; }
    HexView* hexView() const { return m_view; }
    LinesView* linesView() const { return m_linesView; }
    FilterPanel* filterPanel() const { return m_filterPanel; }
    FilteredLines* filteredLines() const { return m_filtered; }
    // The Lines view's filter pane (showing it shows the Lines view).
    void setFilterPaneVisible(bool on);
    bool filterPaneVisible() const;
    LineCounter* lineCounter() const { return m_lines; }
    RuleMap* ruleMap() const { return m_ruleMap; }
    BookmarkModel* bookmarks() const { return m_bookmarks; }
    // What docks and dialogs get of this tab (document_context.h).
    DocumentContext context();
    // Selects bookmark `b` (its bytes), centred.
    void showBookmark(const Bookmark& b);
    // Which views show the document: the hex grid, the Lines view, or both side by side
    // (they share the cursor and the selection).
    enum class ViewMode { Hex, Lines, Both };
    void setViewMode(ViewMode mode);
    ViewMode viewMode() const { return m_viewMode; }
    FindBar* findBar() const { return m_findBar; }
    OverviewStrip* overview() const { return m_overview; }
    MatchListModel* results() const { return m_results; }
    QTableView* resultsView() const { return m_resultsView; }
    MessageBanner* banner() const { return m_banner; }

    // "name [mode]" with a "*" when modified: the tab's label.
    QString title() const;
    // The full path and what the mode means: the tab's tooltip.
    QString toolTip() const;
    // Shows an error in the tab's banner.
    void showError(const QString& text);
    // Moves the cursor to what the user typed ("4096", "0x1000", "+16", "-0x10", or a line
    // "L120" / "line 120" once the lines are counted), centred;
    // a failure says why not (past the end is refused, never clamped).
    UiStatus goTo(const QString& text);
    // What the Go To dialog needs of this tab (lines or offsets, times, the jump).
    GoToRequest goToRequest();
    // Whether Go To reads a bare number as a line (the Lines view) rather than an offset.
    bool goToTakesLines() const;
    // The timestamp format of the file's lines (None: Go To takes no times).
    TimeFormat timeFormat() const;
    // Follow End for this tab (like tail -F): keeps the last row in view as the file grows.
    void setFollowEnd(bool on);
    // Stops every job of this tab and waits for their workers (before closing).
    void stopJobs();

signals:
    // The title or the mode changed (the tab bar and the window title follow).
    void titleChanged();
    // A message for the window's status bar.
    void message(const QString& text);
    // The user asked (from a banner) to open this file again in `mode`, or to Save As.
    void reopenRequested(hexmap::OpenMode mode);
    void saveAsRequested();
    // Something the window's actions depend on changed (a job started or ended, Follow
    // End turned on or off).
    void stateChanged();
    // The tab is about to stop its jobs and let go of its document (closing): whatever
    // else reads it (a dialog's job) must stop now.
    void closing();

private:
    void onEditRefused(const QString& reason);
    void reportShrink(std::uint64_t sizeOnDisk);
    void reportGrowth(std::uint64_t sizeOnDisk);
    void keepEndInView();

    std::unique_ptr<DocumentModel> m_model;
    CursorModel* m_cursor;
    EditController* m_edit;
    SaveController* m_save;
    SearchController* m_search;
    DiskWatcher* m_disk;
    ClipboardController* m_clipboard;
    MessageBanner* m_banner;
    HexView* m_view;
    LinesView* m_linesView;
    FilteredLines* m_filtered;
    FilterPanel* m_filterPanel;
    QSplitter* m_linesPane; // the Lines view over the filter pane
    LineCounter* m_lines;
    LogTimeModel* m_time;
    RuleMap* m_ruleMap;
    BookmarkModel* m_bookmarks;
    void startBackgroundWork();
    QSplitter* m_split;
    ViewMode m_viewMode = ViewMode::Hex;
    OverviewStrip* m_overview;
    FindBar* m_findBar;
    MatchListModel* m_results;
    QTableView* m_resultsView;
    bool m_growthShown = false; // the banner said the file grew (a save may answer it)
};

} // namespace hexmap
