// SPDX-License-Identifier: MIT
// SearchController: runs what the find bar asks for against one open file and shows the
// outcome everywhere it belongs: the selection (through the cursor model), the "N of M"
// count, the highlights on screen, the overview strip and the results panel. Every search
// runs as a SearchJob on a worker; while one runs the job's read lease makes the document
// refuse edits, with a sentence that names the search.
#pragma once

#include "ui_status.h"
#include "pattern.h"
#include "search_job.h"

#include <QObject>
#include <memory>
#include <optional>

namespace hexmap {

class CursorModel;
class DocumentModel;
class FindBar;
class HighlightSource;
class MatchListModel;
class OverviewStrip;
struct DocumentChange;

class SearchController : public QObject {
    Q_OBJECT
public:
    SearchController(DocumentModel* model, CursorModel* cursor, FindBar* bar,
                     OverviewStrip* overview, MatchListModel* results, QObject* parent = nullptr);
    ~SearchController() override;

    // Start a search with the find bar's pattern. Return the reason when it cannot start
    // (invalid pattern with its position, a search already running); else empty.
    UiStatus findNext();
    UiStatus findPrevious();
    // lnav's e / E and w / W: the next or previous line whose level is error (or warning),
    // found by a search for the level's words that leaves the find bar as it is.
    enum class LogLevel { Error, Warning };
    UiStatus findLevel(LogLevel level, bool forward);
    UiStatus findAll();
    // Replaces the current match (same length only) and finds the next one.
    UiStatus replaceOne();
    // Finds every match (if the results are not complete yet) and replaces them all as
    // one undo step.
    UiStatus replaceAll();
    void cancel();
    // Cancels a running search and waits for its worker (closing the tab).
    void stop();
    // Makes `match` the current one: selected (centred when off screen), counted in "N of M".
    void showMatch(const Match& match);
    // The overview strip was clicked: the nearest match, or that offset.
    void jumpNear(std::uint64_t offset);

    bool running() const { return m_job != nullptr; }
    std::optional<Match> current() const { return m_current; }
    // The pattern whose matches are highlighted, or nullptr.
    std::shared_ptr<const Pattern> highlightPattern() const { return m_highlight; }
    // The results panel holds every match of the current pattern.
    bool resultsComplete() const { return m_resultsComplete; }
    // Paints the matches on screen, and the current one distinctly, in a byte view.
    const HighlightSource* highlights() const;

signals:
    void busyChanged(bool busy);
    void message(const QString& text);
    // The current match is row `row` of the results (for the panel to follow it).
    void currentRowChanged(int row);
    // Find All started: the results panel should be shown.
    void resultsWanted();
    // What highlights() paints changed (views repaint).
    void highlightsChanged();

private:
    class MatchHighlights;

    Result<Pattern> parsedPattern();
    UiStatus start(SearchJob::Kind kind, std::uint64_t from, std::optional<Pattern> given = std::nullopt);
    // Find All of the part a growing file appended, after the results of a finished Find
    // All: the matches before it stay (appends move no offset), the last line is searched
    // again (a regex match there may grow), and the count goes on.
    void continueAfterGrowth(std::uint64_t oldEnd);
    // Wires a job's signals, then starts it.
    void launch(std::unique_ptr<SearchJob> job);
    void onFound(bool any, const Match& match, bool wrapped);
    void onFinished(bool cancelled, const QString& error);
    void onDocumentChanged(const DocumentChange& change);
    void updateCount();
    void invalidateResults();
    void setStatus(const QString& text, bool error = false);
    void refreshHighlights();
    UiStatus replacementBytes(std::vector<std::uint8_t>* out);
    // Shows a failure in the find bar's status line, and passes it on.
    UiStatus failed(UiStatus status);
    UiStatus applyReplaceAll();

    DocumentModel* m_model;
    CursorModel* m_cursor;
    FindBar* m_bar;
    OverviewStrip* m_overview;
    MatchListModel* m_results;
    std::unique_ptr<MatchHighlights> m_highlighter;
    std::unique_ptr<SearchJob> m_job;
    std::shared_ptr<const Pattern> m_highlight;
    std::optional<Match> m_current;
    bool m_resultsComplete = false;
    // The pattern of the last Find All (the bar may hold another text by now).
    std::shared_ptr<const Pattern> m_allPattern;
    // Growth that arrived while a search ran: the old end, searched when it finishes.
    std::optional<std::uint64_t> m_grewFrom;
    bool m_continuing = false; // the running Find All continues the results
    bool m_replaceAfterFindAll = false;
    std::size_t m_replaceLength = 0;
    QString m_abortReason;
    QString m_levelName; // "error" while an e / E search runs (its not-found message)
};

} // namespace hexmap
