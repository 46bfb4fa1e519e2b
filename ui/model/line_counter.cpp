// SPDX-License-Identifier: MIT
#include "line_counter.h"

#include "document_change.h"
#include "document_model.h"
#include "line_count_job.h"

#include <QLocale>
#include <QTimer>

namespace hexmap {

namespace {
// Blocks recounted on the GUI thread after an edit: ~0.1 ms each at memory speed.
constexpr std::uint64_t kInlineBlocks = 4;
} // namespace

LineCounter::LineCounter(DocumentModel* model, QObject* parent, bool deferred) : QObject(parent), m_model(model) {
    m_index.reset(model->size());
    connect(model, &DocumentModel::changed, this, &LineCounter::onChanged);
    if (!deferred) QTimer::singleShot(0, this, &LineCounter::startJob);
    else m_deferred = true;
}

void LineCounter::start() {
    if (!m_deferred) return;
    m_deferred = false;
    startJob();
}

LineCounter::~LineCounter() { stop(); }

void LineCounter::stop() { m_job.reset(); }

std::optional<std::uint64_t> LineCounter::lineOf(std::uint64_t offset) const {
    return m_index.lineOf(m_model->view(), offset);
}

std::optional<std::uint64_t> LineCounter::lineCount() const { return m_index.lineCount(m_model->view()); }

std::optional<std::uint64_t> LineCounter::startOfLine(std::uint64_t line) const {
    if (line == 0) return std::nullopt;
    return m_index.startOfLine(m_model->view(), line - 1);
}

QString LineCounter::statusText(std::uint64_t offset) const {
    const QLocale loc;
    if (m_model->size() == 0) return tr("no lines");
    if (auto line = lineOf(offset)) {
        return tr("line %1 of %2").arg(loc.toString(qulonglong(*line + 1)), loc.toString(qulonglong(*lineCount())));
    }
    const std::uint64_t blocks = std::max<std::uint64_t>(1, m_index.blocks());
    return tr("counting lines… %1%").arg(m_index.known() * 100 / blocks);
}

void LineCounter::onChanged(const DocumentChange& change) {
    ++m_generation;
    const std::uint64_t size = m_model->size();
    if (change.has(DocumentChange::Replaced) || change.has(DocumentChange::Mapping) ||
        change.has(DocumentChange::Damaged)) {
        m_index.reset(size);
    } else if (change.has(DocumentChange::Size) || change.has(DocumentChange::Bytes) ||
               change.has(DocumentChange::Disk)) {
        // Disk: another process wrote in place, somewhere in [start, end) (the whole file).
        const bool ranged = change.has(DocumentChange::Bytes) || change.has(DocumentChange::Disk);
        const std::uint64_t start = ranged ? change.start : size;
        const std::uint64_t end = ranged ? change.end : size;
        const auto [first, last] = m_index.invalidate(std::min(start, m_index.size()), end, size);
        if (last - first <= kInlineBlocks) {
            // A typed byte: recount its block here, so the gutter never flickers.
            for (std::uint64_t b = first; b < last; ++b) {
                const std::uint64_t s = b * LineIndex::kBlock;
                const std::uint64_t e = std::min(size, s + LineIndex::kBlock);
                const ByteView bytes = m_model->view();
                std::uint64_t newlines = 0;
                for (std::uint64_t at = s; at < e;) {
                    const auto span = bytes.spanAt(at, static_cast<std::size_t>(e - at));
                    if (span.empty()) break;
                    newlines += countNewlines(span.data(), span.size());
                    at += span.size();
                }
                m_index.setBlock(b, static_cast<std::uint32_t>(newlines));
            }
        }
    } else {
        return;
    }
    emit updated();
    if (!m_index.complete()) {
        // After the change is done (an edit may be in the middle of stopping the old job).
        QTimer::singleShot(0, this, &LineCounter::startJob);
    }
}

void LineCounter::startJob() {
    if (m_deferred) return; // start() comes after the first frame
    if (m_job && m_job->running()) {
        m_restart = true; // when it ends, count what is still unknown
        return;
    }
    m_job.reset();
    if (m_index.complete()) return;
    std::vector<std::uint64_t> todo;
    const LineIndex& idx = m_index;
    for (std::uint64_t b = 0; b < idx.blocks(); ++b)
        if (!idx.blockKnown(b)) todo.push_back(b);
    if (todo.empty()) return;
    m_job = std::make_unique<LineCountJob>(m_model, std::move(todo));
    const std::uint64_t generation = m_generation;
    connect(m_job.get(), &LineCountJob::counted, this,
            [this, generation](const std::shared_ptr<LineCounts>& c) {
                if (generation != m_generation) return; // counted before a change
                for (const auto& [b, n] : *c)
                    m_index.setBlock(b, n);
                emit updated();
            });
    connect(m_job.get(), &BackgroundJob::finished, this, [this](bool, const QString&) {
        if (m_restart || !m_index.complete()) {
            m_restart = false;
            QTimer::singleShot(0, this, &LineCounter::startJob);
        }
    });
    m_job->start();
}

} // namespace hexmap
