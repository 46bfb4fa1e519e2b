// SPDX-License-Identifier: MIT
#include "search_controller.h"

#include "display_format.h"
#include "document_reader.h"

#include "cursor_model.h"
#include "document_model.h"
#include "find_bar.h"
#include "hex_bytes.h"
#include "highlight.h"
#include "match_list_model.h"
#include "overview_strip.h"

#include <QLocale>
#include <algorithm>
#include <cstring>
#include <utility>

namespace hexmap {

// The matches on screen. When Find All has listed every match, they come from the list
// (exactly what find reports); otherwise the visible bytes are searched on this thread,
// reading the true bytes around them (anchors, lookbehind, a match's end), with a small
// budget: a pattern that would need more than that shows only the current match rather
// than highlights that find would not report. The last answer is kept until the view,
// the pattern or the bytes change, so a repaint costs nothing.
class SearchController::MatchHighlights final : public HighlightSource {
public:
    explicit MatchHighlights(const SearchController& search) : m_search(search) {}

    void invalidate() { m_valid = false; }

    void collect(std::uint64_t first, std::uint64_t end, const GridColors& colors,
                 std::vector<Highlight>& out) const override {
        const auto& pattern = m_search.m_highlight;
        if (pattern && first < end) {
            for (const Match& m : visible(*pattern, first, end))
                out.push_back({m.offset, m.offset + m.length, colors.match});
        }
        if (const auto& c = m_search.m_current)
            out.push_back({c->offset, c->offset + c->length, colors.currentMatch});
    }

private:
    const std::vector<Match>& visible(const Pattern& pattern, std::uint64_t first,
                                      std::uint64_t end) const {
        if (m_valid && m_first == first && m_end == end) return m_matches;
        m_valid = true;
        m_first = first;
        m_end = end;
        m_matches.clear();
        const MatchListModel& results = *m_search.m_results;
        const auto& all = results.matches();
        if (m_search.m_resultsComplete) {
            // Sorted and non-overlapping: at most one match before `first` reaches into view.
            std::size_t i = results.lowerBound(first);
            if (i > 0 && all[i - 1].offset + all[i - 1].length > first) --i;
            for (; i < all.size() && all[i].offset < end; ++i) m_matches.push_back(all[i]);
            return m_matches;
        }
        const DocumentModel& model = *m_search.m_model;
        const ViewSource source(model.view());
        const std::uint64_t margin = pattern.isRegex() ? 256 : pattern.length();
        SearchOptions options;
        options.threads = 1;
        options.maxRegexMatchLength = 64 * 1024;
        options.regexMatchLimit = 200'000;
        auto found = findInRange(source, pattern, first > margin ? first - margin : 0, end, options);
        if (!found) return m_matches; // over budget: show only the current match
        for (const Match& m : found.value())
            if (m.offset + m.length > first) m_matches.push_back(m);
        return m_matches;
    }

    const SearchController& m_search;
    mutable bool m_valid = false;
    mutable std::uint64_t m_first = 0, m_end = 0;
    mutable std::vector<Match> m_matches;
};

SearchController::SearchController(DocumentModel* model, CursorModel* cursor, FindBar* bar,
                                   OverviewStrip* overview, MatchListModel* results, QObject* parent)
    : QObject(parent), m_model(model), m_cursor(cursor), m_bar(bar), m_overview(overview),
      m_results(results), m_highlighter(std::make_unique<MatchHighlights>(*this)) {
    // The find bar's buttons: each search puts its own failure in the bar's status line.
    connect(bar, &FindBar::findNext, this, [this] { (void)findNext(); });
    connect(bar, &FindBar::findPrevious, this, [this] { (void)findPrevious(); });
    connect(bar, &FindBar::findAll, this, [this] { (void)findAll(); });
    connect(bar, &FindBar::replaceOne, this, [this] { (void)replaceOne(); });
    connect(bar, &FindBar::replaceAll, this, [this] { (void)replaceAll(); });
    connect(bar, &FindBar::cancelRequested, this, &SearchController::cancel);
    connect(bar, &FindBar::patternChanged, this, [this] {
        // Old results describe another pattern: drop them rather than show them as this one's.
        if (!m_job) invalidateResults();
    });
    connect(bar, &FindBar::closed, this, [this] {
        m_highlight.reset();
        m_current.reset();
        refreshHighlights();
    });
    connect(m_model, &DocumentModel::changed, this, &SearchController::onDocumentChanged);
    m_results->setDocument(&m_model->document());
    m_overview->reset(m_model->size());
}

SearchController::~SearchController() { stop(); }

const HighlightSource* SearchController::highlights() const { return m_highlighter.get(); }

void SearchController::stop() {
    if (!m_job) return;
    m_job.reset(); // cancels and joins: the job must not outlive the mapping it reads
    m_bar->setBusy(false);
    emit busyChanged(false);
}

void SearchController::onDocumentChanged(const DocumentChange& change) {
    refreshHighlights();
    if (change.has(DocumentChange::Grew) && !change.has(DocumentChange::Replaced)) {
        // Appended bytes (Follow End, a save that took on another program's appends): every
        // earlier offset holds, so the results stay, and the appended part is searched.
        if (m_job) {
            m_grewFrom = std::min(m_grewFrom.value_or(change.start), change.start);
        } else if (m_resultsComplete && m_allPattern) {
            continueAfterGrowth(change.start);
        }
        return;
    }
    if (change.has(DocumentChange::Shifted) && !change.has(DocumentChange::Replaced) && !m_job) {
        // An insert or delete: the results follow their bytes; those it cut are gone, and
        // the join may make new ones, so the list is no longer called complete.
        m_results->shift(change.start, change.delta);
        m_current.reset();
        m_overview->reset(m_model->size());
        m_overview->addMatches(m_results->matches());
        m_resultsComplete = false;
        updateCount();
        return;
    }
    if (change.has(DocumentChange::Replaced) || change.has(DocumentChange::Size)) {
        // Other bytes, or offsets that may no longer exist: the results no longer hold, nor
        // what the status line said about them.
        if (!m_job) {
            invalidateResults();
            setStatus({});
        }
        return;
    }
    if (change.has(DocumentChange::Bytes) || change.has(DocumentChange::Disk)) {
        // Same-length edits (ours, or another process's in place) keep offsets valid but may
        // create or destroy matches; say so by no longer calling the list complete. The
        // overview stays as a hint.
        m_resultsComplete = false;
        updateCount();
        if (change.has(DocumentChange::Disk) && !m_results->matches().empty() && !m_job) {
            // Nothing here changed the bytes, so nothing here can say which matches still
            // hold: say they may be stale, and offer to look again.
            m_bar->setStale(true);
            setStatus(tr("The file changed on disk: %1 may be stale. Refresh finds all again.")
                          .arg(counted(m_results->matches().size(), tr("match"), tr("matches"))));
        }
    }
}

void SearchController::invalidateResults() {
    m_bar->setStale(false);
    m_results->clear();
    m_resultsComplete = false;
    m_current.reset();
    m_overview->reset(m_model->size());
    refreshHighlights();
}

void SearchController::refreshHighlights() {
    m_highlighter->invalidate();
    emit highlightsChanged();
}

void SearchController::setStatus(const QString& text, bool error) { m_bar->setStatus(text, error); }

Result<Pattern> SearchController::parsedPattern() {
    const QString text = m_bar->patternText();
    if (text.isEmpty()) return Error{EINVAL, "Type something to find."};
    return Pattern::parse(text.toStdString(), m_bar->options());
}

void SearchController::continueAfterGrowth(std::uint64_t oldEnd) {
    m_grewFrom.reset();
    const Pattern& pattern = *m_allPattern;
    const auto& all = m_results->matches();
    const std::uint64_t lastEnd = all.empty() ? 0 : all.back().offset + all.back().length;
    std::uint64_t resume;
    if (!pattern.isRegex()) {
        // A literal that ended before the old end is final; one may now straddle it.
        const std::uint64_t back = pattern.length() > 0 ? pattern.length() - 1 : 0;
        resume = std::max(lastEnd, oldEnd > back ? oldEnd - back : 0);
    } else {
        // A regex match on the old last line may change ($, or .* growing): search that
        // line again, from its start (a short look back, never the whole file).
        constexpr std::uint64_t kLookBack = 1 << 20;
        resume = m_model->view().afterNewlineBefore(oldEnd, oldEnd > kLookBack ? oldEnd - kLookBack : 0);
        // A match that runs into that line is searched again too.
        if (lastEnd > resume) resume = all.back().offset;
    }
    m_results->truncateFrom(resume);
    // The strip's scale is the file's size: draw the kept matches again at the new one.
    m_overview->reset(m_model->size());
    m_overview->addMatches(all);
    m_resultsComplete = false;
    m_continuing = true;
    m_highlight = m_allPattern;
    m_abortReason.clear();
    launch(std::make_unique<SearchJob>(m_model, pattern, SearchJob::Kind::All, resume, nullptr,
                                       /*yields=*/true));
}

UiStatus SearchController::findLevel(LogLevel level, bool forward) {
    // A line's level as lnav reads it from common logs: the word, in capitals, or level=...
    static const char* const kError =
        R"(\b(?:FATAL|CRIT(?:ICAL)?|ERROR|ERR|SEVERE|EMERG|ALERT)\b|level=(?:fatal|crit(?:ical)?|error|err)\b)";
    static const char* const kWarning = R"(\b(?:WARN(?:ING)?)\b|level=warn(?:ing)?\b)";
    auto pattern = Pattern::parse(level == LogLevel::Error ? kError : kWarning, PatternOptions{PatternKind::Regex});
    if (!pattern) return UiStatus::fromCore(pattern.error());
    // Forward: from the next line's start, so the word on this line is not found again;
    // backward: from this line's start.
    const ByteView bytes = m_model->view();
    const std::uint64_t size = bytes.size();
    std::uint64_t from = std::min(m_cursor->cursor(), size);
    constexpr std::uint64_t kReach = std::uint64_t(1) << 20; // a longer line: from its first MiB
    if (forward) {
        const std::uint64_t limit = std::min(size, from + kReach);
        from = bytes.afterNewlineFrom(from, limit).value_or(limit);
        if (size) from %= size;
    } else {
        from = bytes.afterNewlineBefore(from, from > kReach ? from - kReach : 0);
    }
    m_levelName = level == LogLevel::Error ? tr("error") : tr("warning");
    const UiStatus error = start(forward ? SearchJob::Kind::Next : SearchJob::Kind::Previous, from, std::move(pattern).value());
    if (!error) m_levelName.clear();
    return error;
}

UiStatus SearchController::start(SearchJob::Kind kind, std::uint64_t from, std::optional<Pattern> given) {
    // The search of an appended part was not the user's: a search the user starts replaces
    // it (its results no longer count as complete).
    if (m_job && m_continuing) {
        stop();
        m_continuing = false;
        m_resultsComplete = false;
    }
    if (m_job) return UiStatus::failure(tr("A search is already running; cancel it first (Esc)."));
    if (!given) m_levelName.clear();
    auto pattern = given ? Result<Pattern>(std::move(*given)) : parsedPattern();
    if (!pattern) {
        return failed(UiStatus::fromCore(pattern.error()));
    }
    if (m_model->size() == 0) {
        setStatus(tr("The file is empty."), true);
        return UiStatus::failure(tr("The file is empty."));
    }
    m_highlight = std::make_shared<const Pattern>(pattern.value());
    refreshHighlights();
    m_model->breakCoalescing(); // a search ends the typing step, as any other command does
    if (kind == SearchJob::Kind::All) {
        // The match the cursor is on stays current: F3 right after Find All moves past it
        // instead of finding it again.
        const std::optional<Match> current = m_current;
        invalidateResults();
        m_current = current;
        const PatternOptions options = m_bar->options();
        m_results->setTextEncoding(options.kind == PatternKind::Text ? options.encoding : TextEncoding::Utf8);
        emit resultsWanted();
        m_allPattern = m_highlight;
        m_continuing = false;
        m_grewFrom.reset();
    }
    m_abortReason.clear();
    launch(std::make_unique<SearchJob>(m_model, std::move(pattern).value(), kind, from));
    return {};
}

void SearchController::launch(std::unique_ptr<SearchJob> next) {
    const SearchJob::Kind kind = next->kind();
    m_job = std::move(next);
    SearchJob* job = m_job.get();
    // Everything is connected before start(): a search that ends at once loses nothing.
    connect(job, &BackgroundJob::progress, this,
            [this](quint64 done, quint64 total) { m_bar->setProgress(done, total); });
    connect(job, &SearchJob::matchesFound, this, [this](std::shared_ptr<const MatchChunks> chunks) {
        if (m_replaceAfterFindAll) {
            // A regex match of another length cannot be replaced in place: say so now,
            // not after a scan of the whole file.
            for (const auto& chunk : *chunks) {
                for (std::size_t i = 0; i < chunk->size() && m_abortReason.isEmpty(); ++i) {
                    const Match m = chunk->at(i);
                    if (m.length == m_replaceLength) continue;
                    m_abortReason =
                        tr("The match at 0x%1 is %2 bytes but the replacement is %3: hexmap "
                           "replaces in place, so all must be the same length. Nothing was "
                           "replaced.")
                            .arg(m.offset, 0, 16)
                            .arg(m.length)
                            .arg(m_replaceLength);
                    if (m_job) m_job->cancel();
                }
            }
        }
        for (const auto& chunk : *chunks) m_overview->addMatches(*chunk);
        m_results->append(*chunks);
        refreshHighlights();
        updateCount();
    });
    connect(job, &SearchJob::found, this, &SearchController::onFound);
    connect(job, &BackgroundJob::finished, this, &SearchController::onFinished);
    m_bar->setBusy(true);
    if (!m_continuing)
        setStatus(kind == SearchJob::Kind::All ? tr("Finding all\u2026") : tr("Searching\u2026"));
    job->start();
    emit busyChanged(true);
}

UiStatus SearchController::findNext() {
    // From the byte after the current match, so F3 steps through the matches.
    const std::uint64_t cursor = m_cursor->cursor();
    const std::uint64_t from = m_current && m_current->offset == cursor ? cursor + 1 : cursor;
    return start(SearchJob::Kind::Next, m_model->size() ? from % m_model->size() : 0);
}

UiStatus SearchController::findPrevious() { return start(SearchJob::Kind::Previous, m_cursor->cursor()); }

UiStatus SearchController::findAll() { return start(SearchJob::Kind::All, 0); }

void SearchController::cancel() {
    if (m_job) m_job->cancel();
}

void SearchController::onFound(bool any, const Match& match, bool wrapped) {
    if (!any) {
        m_current.reset();
        if (!m_levelName.isEmpty()) {
            emit message(tr("No %1 lines in this file.").arg(std::exchange(m_levelName, QString())));
            return;
        }
        setStatus(tr("No matches."), true);
        emit message(tr("\"%1\" was not found.").arg(m_bar->patternText()));
        return;
    }
    showMatch(match);
    if (wrapped) {
        const bool forward = m_job && m_job->kind() == SearchJob::Kind::Next;
        emit message(forward ? tr("Passed the end of the file; continued from the start.")
                             : tr("Passed the start of the file; continued from the end."));
        setStatus(m_bar->statusText() + QStringLiteral(" \u2014 ") + tr("wrapped"));
    }
}

void SearchController::showMatch(const Match& match) {
    if (match.offset >= m_model->size()) return;
    m_current = match;
    refreshHighlights();
    // Select the match with the cursor on its first byte, so the next F3 starts after it;
    // centre it when it is off screen, so the lines after it show too.
    const std::uint64_t last = match.offset + (match.length ? match.length - 1 : 0);
    m_cursor->select(last, match.offset, CursorModel::Reveal::Center);
    updateCount();
}

void SearchController::jumpNear(std::uint64_t offset) {
    const auto& all = m_results->matches();
    if (all.empty()) {
        m_cursor->moveCursor(offset, false, CursorModel::Reveal::Center);
        return;
    }
    const std::size_t i = std::min(m_results->lowerBound(offset), all.size() - 1);
    showMatch(all[i]);
}

void SearchController::updateCount() {
    const std::size_t total = m_results->matches().size();
    const QLocale locale;
    if (m_current && total) {
        const std::size_t i = m_results->lowerBound(m_current->offset);
        if (i < total && m_results->matches()[i].offset == m_current->offset) {
            if (i < static_cast<std::size_t>(m_results->rowCount()))
                emit currentRowChanged(static_cast<int>(i));
            setStatus(tr("%1 of %2").arg(locale.toString(qulonglong(i + 1)),
                                         locale.toString(qulonglong(total))));
            return;
        }
    }
    if (total > MatchListModel::kMaxRows)
        setStatus(tr("%1 (the first %2 listed)").arg(counted(total, tr("match"), tr("matches")),
                                                     locale.toString(qulonglong(MatchListModel::kMaxRows))));
    else if (total) setStatus(counted(total, tr("match"), tr("matches")));
    else if (m_current) setStatus(tr("Match at 0x%1").arg(m_current->offset, 0, 16));
}

void SearchController::onFinished(bool cancelled, const QString& error) {
    const bool wasAll = m_job && m_job->kind() == SearchJob::Kind::All;
    m_job.release()->deleteLater(); // its signal is still on the stack
    m_bar->setBusy(false);
    emit busyChanged(false);
    const bool replace = std::exchange(m_replaceAfterFindAll, false);
    if (!m_abortReason.isEmpty()) {
        setStatus(m_abortReason, true);
        emit message(m_abortReason);
        return;
    }
    if (!error.isEmpty()) {
        setStatus(error, true);
        emit message(error);
        return;
    }
    if (cancelled) {
        setStatus(tr("Cancelled; %1 so far.").arg(counted(m_results->matches().size(), tr("match"), tr("matches"))));
        return;
    }
    if (!wasAll) {
        if (m_grewFrom && m_resultsComplete && m_allPattern) continueAfterGrowth(*m_grewFrom);
        return;
    }
    m_resultsComplete = true;
    m_continuing = false;
    if (m_grewFrom) {
        // The file grew while this Find All ran (it read the old size): go on with the rest.
        continueAfterGrowth(*m_grewFrom);
        return;
    }
    refreshHighlights();
    if (m_results->matches().empty()) setStatus(tr("No matches."), true);
    else updateCount();
    if (replace) {
        if (const UiStatus replaced = applyReplaceAll(); !replaced) emit message(failed(replaced).message());
    }
}

UiStatus SearchController::failed(UiStatus status) {
    setStatus(status.message(), true);
    return status;
}

UiStatus SearchController::replacementBytes(std::vector<std::uint8_t>* out) {
    const PatternOptions o = m_bar->options();
    const std::string text = m_bar->replacementText().toStdString();
    if (o.kind == PatternKind::Hex) {
        if (text.empty()) return UiStatus::failure(tr("Type the replacement bytes."));
        auto bytes = parseHexBytes(text);
        if (!bytes) return UiStatus::fromCore(bytes.error());
        *out = std::move(bytes).value();
        return {};
    }
    // Text and regex: the replacement is text, with the same escapes and encoding.
    if (text.empty()) return UiStatus::failure(tr("Type the replacement text."));
    PatternOptions textOptions;
    textOptions.kind = PatternKind::Text;
    textOptions.encoding = o.kind == PatternKind::Text ? o.encoding : TextEncoding::Utf8;
    auto p = Pattern::parse(text, textOptions);
    if (!p) return UiStatus::fromCore(p.error());
    *out = p.value().bytes();
    return {};
}

UiStatus SearchController::replaceOne() {
    if (m_job) return UiStatus::failure(tr("A search is running."));
    if (!m_current) return findNext(); // first find what to replace
    std::vector<std::uint8_t> bytes;
    UiStatus e = replacementBytes(&bytes);
    if (e.ok() && bytes.size() != m_current->length)
        e = UiStatus::failure(tr("The replacement is %1 bytes but the match is %2: hexmap replaces in place, so "
                                 "both must be the same length.")
                                  .arg(bytes.size())
                                  .arg(m_current->length));
    if (e.ok())
        e = m_model->overwrite(m_current->offset, bytes.data(), bytes.size(),
                               Document::EditKind::Replace);
    if (!e) return failed(e);
    m_model->breakCoalescing();
    return findNext();
}

UiStatus SearchController::replaceAll() {
    std::vector<std::uint8_t> bytes;
    UiStatus e = replacementBytes(&bytes);
    if (e.ok()) {
        // A hex or text pattern has one length: a replacement of another is refused at once.
        auto pattern = parsedPattern();
        if (pattern && !pattern.value().isRegex() && pattern.value().length() != bytes.size())
            e = UiStatus::failure(tr("The replacement is %1 bytes but every match is %2: hexmap replaces in "
                                     "place, so both must be the same length. Nothing was replaced.")
                                      .arg(bytes.size())
                                      .arg(pattern.value().length()));
    }
    if (e.ok() && m_resultsComplete) e = applyReplaceAll();
    else if (e.ok()) {
        m_replaceAfterFindAll = true;
        m_replaceLength = bytes.size();
        e = findAll();
        if (!e) m_replaceAfterFindAll = false;
        return e;
    }
    return e ? e : failed(e);
}

UiStatus SearchController::applyReplaceAll() {
    std::vector<std::uint8_t> bytes;
    if (UiStatus e = replacementBytes(&bytes); !e) return e;
    const MatchStore& all = m_results->matches();
    if (all.empty()) return UiStatus::failure(tr("No matches to replace."));
    std::vector<std::uint64_t> offsets;
    offsets.reserve(all.size());
    for (const Match m : all) {
        if (m.length != bytes.size())
            return UiStatus::failure(tr("The match at 0x%1 is %2 bytes but the replacement is %3: hexmap replaces in "
                      "place, so all must be the same length. Nothing was replaced.")
                .arg(m.offset, 0, 16)
                .arg(m.length)
                .arg(bytes.size()));
        offsets.push_back(m.offset);
    }
    if (UiStatus e = m_model->replaceAll(offsets, bytes.data(), bytes.size()); !e) return e;
    emit message(tr("Replaced %1 (one undo step).").arg(counted(offsets.size(), tr("match"), tr("matches"))));
    invalidateResults();
    setStatus(tr("Replaced %1.").arg(offsets.size()));
    return {};
}

} // namespace hexmap
