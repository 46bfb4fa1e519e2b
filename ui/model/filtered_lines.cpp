// SPDX-License-Identifier: MIT
#include "filtered_lines.h"

#include "document_model.h"
#include "filter_job.h"

#include <algorithm>

namespace hexmap {

FilteredLines::FilteredLines(DocumentModel* model, QObject* parent)
    : QObject(parent), m_model(model) {
    connect(m_model, &DocumentModel::changed, this, &FilteredLines::onDocumentChanged);
    connect(m_model, &DocumentModel::closing, this, &FilteredLines::stop);
}

FilteredLines::~FilteredLines() = default;

bool FilteredLines::active() const {
    return !m_compiled.empty();
}

UiStatus FilteredLines::setRules(const std::vector<FilterRule>& rules) {
    std::vector<LineFilterRule> compiled;
    for (const FilterRule& r : rules) {
        if (!r.enabled) continue;
        PatternOptions o;
        o.kind = r.regex ? PatternKind::Regex : PatternKind::Text;
        auto p = Pattern::parse(r.text.toStdString(), o);
        if (!p)
            return UiStatus::failure(
                tr("\u201c%1\u201d: %2").arg(r.text, QString::fromStdString(p.error().message)));
        compiled.push_back({std::move(p).value(), r.exclude});
    }
    m_rules = rules;
    m_compiled = std::move(compiled);
    restart();
    return {};
}

std::size_t FilteredLines::indexAtOrBefore(std::uint64_t offset) const {
    const std::size_t after = m_lines.partitionPoint([offset](const FilteredLine& l) { return l.start <= offset; });
    return after == 0 ? 0 : after - 1;
}

void FilteredLines::stop() {
    if (m_job) m_job->cancel();
    m_job.reset(); // joins the worker
}

void FilteredLines::restart() {
    stop();
    m_lines.clear();
    m_complete = false;
    m_again = false;
    m_resumeAt = m_resumeNumber = m_linesSeen = 0;
    emit changed();
    if (!active()) {
        m_complete = true;
        return;
    }
    startFrom(0, 0);
}

void FilteredLines::startFrom(std::uint64_t from, std::uint64_t number) {
    // A last line without its newline is looked at again with what was appended to it.
    m_lines.truncate(m_lines.partitionPoint([from](const FilteredLine& l) { return l.start < from; }));
    m_complete = false;
    m_jobFirstNumber = number;
    m_job = std::make_unique<FilterJob>(m_model, m_compiled, from, number);
    connect(m_job.get(), &FilterJob::linesKept, this, [this](std::shared_ptr<const FilteredBatches> batches) {
        for (const auto& b : *batches) m_lines.append(b);
        emit changed();
    });
    connect(m_job.get(), &BackgroundJob::progress, this, &FilteredLines::progress);
    connect(m_job.get(), &BackgroundJob::finished, this, &FilteredLines::onFinished);
    m_job->start();
}

void FilteredLines::onFinished(bool cancelled, const QString& error) {
    const LineFilterSummary summary = m_job->summary();
    m_job.release()->deleteLater(); // its signal is still on the stack
    if (m_again) return restart();
    if (!error.isEmpty()) {
        emit failed(error);
        return;
    }
    if (cancelled) return;
    m_resumeAt = summary.resumeAt;
    m_resumeNumber = summary.resumeNumber;
    m_linesSeen = m_jobFirstNumber + summary.lines;
    m_complete = true;
    emit changed();
    // The file grew while the scan read the size it had: go on with the rest.
    if (m_model->size() > summary.end) startFrom(m_resumeAt, m_resumeNumber);
}

void FilteredLines::onDocumentChanged(const DocumentChange& change) {
    if (!active()) return;
    // Grew: appended at [start, end), every offset below start as it was (the mapping may
    // have moved: that changes no byte).
    const bool grewOnly =
        change.has(DocumentChange::Grew) && !change.has(DocumentChange::Replaced) &&
        !change.has(DocumentChange::Shifted) && !change.has(DocumentChange::Damaged);
    if (grewOnly) {
        // Appended: every kept line before the append is as it was.
        if (!m_job && m_complete) startFrom(m_resumeAt, m_resumeNumber);
        return; // a running job goes on with the rest when it ends
    }
    const bool bytes = change.has(DocumentChange::Bytes) || change.has(DocumentChange::Size) ||
                       change.has(DocumentChange::Disk) || change.has(DocumentChange::Replaced) ||
                       change.has(DocumentChange::Damaged) || change.has(DocumentChange::Shifted);
    if (!bytes) return;
    if (m_job) {
        m_again = true; // the job's lease refused edits; a reload or a cut still reaches here
        m_job->cancel();
        return;
    }
    restart();
}

} // namespace hexmap
