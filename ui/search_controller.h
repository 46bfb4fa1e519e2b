// SearchController: runs what the find bar asks for against the open document and shows
// the outcome everywhere it belongs: the selection in the grid, the "N of M" count, the
// highlights, the overview strip and the results panel. Every search runs as a SearchJob
// on worker threads; while one runs, busyChanged(true) tells the window to refuse edits.
#pragma once

#include "pattern.h"
#include "search_job.h"

#include <QObject>
#include <memory>
#include <optional>

namespace hexmap {

class Document;
class FindBar;
class HexView;
class MatchListModel;
class OverviewStrip;

class SearchController : public QObject {
    Q_OBJECT
public:
    SearchController(HexView* view, FindBar* bar, OverviewStrip* overview, MatchListModel* results,
                     QObject* parent = nullptr);
    ~SearchController() override;

    // The document searched (not owned), or nullptr. Cancels any running search.
    void setDocument(Document* document);

    // Start a search with the find bar's pattern. Return the reason when it cannot start
    // (no file, invalid pattern with its position, a search already running); else empty.
    QString findNext();
    QString findPrevious();
    QString findAll();
    // Replaces the current match (same length only) and finds the next one.
    QString replaceOne();
    // Finds every match (if the results are not complete yet) and replaces them all as
    // one undo step.
    QString replaceAll();
    void cancel();
    // Makes `match` the current one: selected in the grid, counted in "N of M".
    void showMatch(const Match& match);

    bool running() const { return m_job != nullptr; }
    // The match the grid shows as current, if any.
    std::optional<Match> current() const { return m_current; }
    // The pattern whose matches are highlighted, or nullptr.
    std::shared_ptr<const Pattern> highlightPattern() const { return m_highlight; }
    // The results panel holds every match of the current pattern.
    bool resultsComplete() const { return m_resultsComplete; }
    // The document's contents changed: results may no longer hold.
    void documentEdited();

signals:
    void busyChanged(bool busy);
    // Bytes were replaced (for the window's title, undo state, ...).
    void edited();
    void message(const QString& text);
    // The current match is row `row` of the results (for the panel to follow it).
    void currentRowChanged(int row);

private:
    Result<Pattern> parsedPattern();
    QString start(SearchJob::Kind kind, std::uint64_t from);
    void onFound(bool any, const Match& match, bool wrapped);
    void onFinished(bool cancelled, const QString& error);
    void updateCount();
    void invalidateResults();
    QString replacementBytes(std::vector<std::uint8_t>* out);
    QString applyReplaceAll();

    HexView* m_view;
    FindBar* m_bar;
    OverviewStrip* m_overview;
    MatchListModel* m_results;
    Document* m_doc = nullptr;
    std::unique_ptr<SearchJob> m_job;
    std::shared_ptr<const Pattern> m_highlight;
    std::optional<Match> m_current;
    bool m_resultsComplete = false;
    bool m_replaceAfterFindAll = false;
    quint64 m_generation = 0;
};

} // namespace hexmap
