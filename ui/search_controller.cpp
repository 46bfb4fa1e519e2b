#include "search_controller.h"

#include "document.h"
#include "find_bar.h"
#include "hex_bytes.h"
#include "hex_view.h"
#include "match_list_model.h"
#include "overview_strip.h"

#include <QLocale>

namespace hexmap {

SearchController::SearchController(HexView* view, FindBar* bar, OverviewStrip* overview,
                                   MatchListModel* results, QObject* parent)
    : QObject(parent), m_view(view), m_bar(bar), m_overview(overview), m_results(results) {
    connect(bar, &FindBar::findNext, this, [this] { findNext(); });
    connect(bar, &FindBar::findPrevious, this, [this] { findPrevious(); });
    connect(bar, &FindBar::findAll, this, [this] { findAll(); });
    connect(bar, &FindBar::replaceOne, this, [this] { replaceOne(); });
    connect(bar, &FindBar::replaceAll, this, [this] { replaceAll(); });
    connect(bar, &FindBar::cancelRequested, this, &SearchController::cancel);
    connect(bar, &FindBar::patternChanged, this, [this] {
        // Old results describe another pattern: drop them rather than show them as this one's.
        if (!m_job) invalidateResults();
    });
    connect(bar, &FindBar::closed, this, [this] {
        m_highlight.reset();
        m_view->setHighlight(nullptr, std::nullopt);
        m_view->setFocus();
    });
}

SearchController::~SearchController() = default;

void SearchController::setDocument(Document* document) {
    m_job.reset(); // cancels and joins: the job must not outlive the mapping it reads
    if (m_bar->isBusy()) {
        m_bar->setBusy(false);
        emit busyChanged(false);
    }
    m_doc = document;
    m_results->setDocument(document);
    invalidateResults();
}

void SearchController::invalidateResults() {
    m_results->clear();
    m_resultsComplete = false;
    m_current.reset();
    m_overview->reset(m_doc ? m_doc->size() : 0);
    m_view->setHighlight(m_highlight, std::nullopt);
}

void SearchController::documentEdited() {
    // Same-length edits keep offsets valid but may create or destroy matches; say so by
    // no longer calling the list complete. The overview stays as a hint.
    m_resultsComplete = false;
    updateCount();
}

Result<Pattern> SearchController::parsedPattern() {
    const QString text = m_bar->patternText();
    if (text.isEmpty()) return Error{EINVAL, "Type something to find."};
    return Pattern::parse(text.toStdString(), m_bar->options());
}

QString SearchController::start(SearchJob::Kind kind, std::uint64_t from) {
    if (!m_doc) return tr("No file is open.");
    if (m_job) return tr("A search is already running; cancel it first (Esc).");
    auto pattern = parsedPattern();
    if (!pattern) {
        const QString error = QString::fromStdString(pattern.error().message);
        m_bar->setStatus(error, true);
        return error;
    }
    if (m_doc->size() == 0) {
        m_bar->setStatus(tr("The file is empty."), true);
        return tr("The file is empty.");
    }
    m_highlight = std::make_shared<const Pattern>(pattern.value());
    if (kind == SearchJob::Kind::All) invalidateResults();
    m_job = std::make_unique<SearchJob>(*m_doc, std::move(pattern).value(), kind, from);
    const quint64 generation = ++m_generation;
    SearchJob* job = m_job.get();
    // Queued signals may arrive after the job was replaced: the generation drops them.
    connect(job, &SearchJob::progress, this, [this, generation](quint64 done, quint64 total) {
        if (generation == m_generation) m_bar->setProgress(done, total);
    });
    connect(job, &SearchJob::matchesFound, this,
            [this, generation](std::shared_ptr<std::vector<Match>> batch) {
                if (generation != m_generation) return;
                m_overview->addMatches(batch->data(), batch->size());
                m_results->append(*batch);
                updateCount();
            });
    connect(job, &SearchJob::found, this, [this, generation](bool any, Match m, bool wrapped) {
        if (generation == m_generation) onFound(any, m, wrapped);
    });
    connect(job, &SearchJob::finished, this, [this, generation](bool cancelled, QString error) {
        if (generation == m_generation) onFinished(cancelled, error);
    });
    m_bar->setBusy(true);
    m_bar->setStatus(kind == SearchJob::Kind::All ? tr("Finding all\u2026") : tr("Searching\u2026"));
    emit busyChanged(true);
    return {};
}

QString SearchController::findNext() {
    if (!m_doc) return tr("No file is open.");
    // From the byte after the current match, so F3 steps through the matches.
    const std::uint64_t cursor = m_view->cursor();
    const std::uint64_t from = m_current && m_current->offset == cursor ? cursor + 1 : cursor;
    return start(SearchJob::Kind::Next, m_doc->size() ? from % m_doc->size() : 0);
}

QString SearchController::findPrevious() {
    return start(SearchJob::Kind::Previous, m_view->cursor());
}

QString SearchController::findAll() { return start(SearchJob::Kind::All, 0); }

void SearchController::cancel() {
    if (m_job) m_job->cancel();
}

void SearchController::onFound(bool any, const Match& match, bool wrapped) {
    if (!any) {
        m_current.reset();
        m_bar->setStatus(tr("No matches."), true);
        emit message(tr("\"%1\" was not found.").arg(m_bar->patternText()));
        return;
    }
    showMatch(match);
    if (wrapped) {
        const bool forward = m_job && m_job->kind() == SearchJob::Kind::Next;
        const QString note = forward ? tr("Passed the end of the file; continued from the start.")
                                     : tr("Passed the start of the file; continued from the end.");
        m_bar->setStatus(m_bar->statusText() + QStringLiteral(" — ") + tr("wrapped"));
        emit message(note);
    }
}

void SearchController::showMatch(const Match& match) {
    if (!m_doc || match.offset >= m_doc->size()) return;
    m_current = match;
    // Select the match with the cursor on its first byte, so the next F3 starts after it.
    const std::uint64_t last = match.offset + (match.length ? match.length - 1 : 0);
    m_view->setCursor(last);
    m_view->setCursor(match.offset, true);
    m_view->setHighlight(m_highlight, match);
    updateCount();
}

void SearchController::updateCount() {
    const std::size_t total = m_results->matches().size();
    const QLocale locale;
    if (m_current && total) {
        const std::size_t i = m_results->lowerBound(m_current->offset);
        if (i < total && m_results->matches()[i].offset == m_current->offset) {
            if (i < static_cast<std::size_t>(m_results->rowCount())) emit currentRowChanged(static_cast<int>(i));
            m_bar->setStatus(tr("%1 of %2").arg(locale.toString(qulonglong(i + 1)),
                                                locale.toString(qulonglong(total))));
            return;
        }
    }
    if (total) m_bar->setStatus(tr("%1 matches").arg(locale.toString(qulonglong(total))));
    else if (m_current) m_bar->setStatus(tr("Match at 0x%1").arg(m_current->offset, 0, 16));
}

void SearchController::onFinished(bool cancelled, const QString& error) {
    const bool wasAll = m_job && m_job->kind() == SearchJob::Kind::All;
    // The job's thread has finished its work; destroy it later (its signal is on the stack).
    m_job.release()->deleteLater();
    m_bar->setBusy(false);
    emit busyChanged(false);
    if (!error.isEmpty()) {
        m_bar->setStatus(error, true);
        emit message(error);
        m_replaceAfterFindAll = false;
        return;
    }
    if (cancelled) {
        m_bar->setStatus(tr("Cancelled; %1 matches so far.").arg(m_results->matches().size()));
        m_replaceAfterFindAll = false;
        return;
    }
    if (!wasAll) return;
    m_resultsComplete = true;
    if (m_results->matches().empty()) m_bar->setStatus(tr("No matches."), true);
    else updateCount();
    if (m_replaceAfterFindAll) {
        m_replaceAfterFindAll = false;
        const QString e = applyReplaceAll();
        if (!e.isEmpty()) {
            m_bar->setStatus(e, true);
            emit message(e);
        }
    }
}

QString SearchController::replacementBytes(std::vector<std::uint8_t>* out) {
    const PatternOptions o = m_bar->options();
    const std::string text = m_bar->replacementText().toStdString();
    if (o.kind == PatternKind::Hex) {
        if (text.empty()) return tr("Type the replacement bytes.");
        auto bytes = parseHexBytes(text);
        if (!bytes) return QString::fromStdString(bytes.error().message);
        *out = std::move(bytes).value();
        return {};
    }
    // Text and regex: the replacement is text, with the same escapes and encoding.
    if (text.empty()) return tr("Type the replacement text.");
    PatternOptions textOptions;
    textOptions.kind = PatternKind::Text;
    textOptions.encoding = o.kind == PatternKind::Text ? o.encoding : TextEncoding::Utf8;
    auto p = Pattern::parse(text, textOptions);
    if (!p) return QString::fromStdString(p.error().message);
    *out = p.value().bytes();
    return {};
}

QString SearchController::replaceOne() {
    if (!m_doc) return tr("No file is open.");
    if (m_job) return tr("A search is running.");
    if (!m_current) return findNext(); // first find what to replace
    std::vector<std::uint8_t> bytes;
    if (QString e = replacementBytes(&bytes); !e.isEmpty()) {
        m_bar->setStatus(e, true);
        return e;
    }
    if (bytes.size() != m_current->length) {
        const QString e = tr("The replacement is %1 bytes but the match is %2: hexmap replaces in "
                             "place, so both must be the same length.")
                              .arg(bytes.size())
                              .arg(m_current->length);
        m_bar->setStatus(e, true);
        return e;
    }
    const Status st = m_doc->overwrite(m_current->offset, bytes.data(), bytes.size(),
                                       Document::EditKind::Replace);
    if (!st) {
        const QString e = QString::fromStdString(st.error().message);
        m_bar->setStatus(e, true);
        return e;
    }
    m_doc->breakCoalescing();
    emit edited();
    documentEdited();
    return findNext();
}

QString SearchController::replaceAll() {
    if (!m_doc) return tr("No file is open.");
    std::vector<std::uint8_t> bytes;
    if (QString e = replacementBytes(&bytes); !e.isEmpty()) {
        m_bar->setStatus(e, true);
        return e;
    }
    if (m_resultsComplete) return applyReplaceAll();
    m_replaceAfterFindAll = true;
    const QString e = findAll();
    if (!e.isEmpty()) m_replaceAfterFindAll = false;
    return e;
}

QString SearchController::applyReplaceAll() {
    std::vector<std::uint8_t> bytes;
    if (QString e = replacementBytes(&bytes); !e.isEmpty()) return e;
    const std::vector<Match>& all = m_results->matches();
    if (all.empty()) return tr("No matches to replace.");
    std::vector<std::uint64_t> offsets;
    offsets.reserve(all.size());
    for (const Match& m : all) {
        if (m.length != bytes.size())
            return tr("The match at 0x%1 is %2 bytes but the replacement is %3: hexmap replaces in "
                      "place, so all must be the same length. Nothing was replaced.")
                .arg(m.offset, 0, 16)
                .arg(m.length)
                .arg(bytes.size());
        offsets.push_back(m.offset);
    }
    const Status st = m_doc->replaceAll(offsets, bytes.data(), bytes.size());
    if (!st) return QString::fromStdString(st.error().message);
    emit edited();
    emit message(tr("Replaced %1 matches (one undo step).").arg(offsets.size()));
    invalidateResults();
    m_bar->setStatus(tr("Replaced %1.").arg(offsets.size()));
    return {};
}

} // namespace hexmap
