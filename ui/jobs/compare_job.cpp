// SPDX-License-Identifier: MIT
#include "compare_job.h"

#include "document_model.h"

#include <cerrno>
#include <chrono>

namespace hexmap {

CompareJob::CompareJob(const DocumentModel* a, const DocumentModel* b, Kind kind, QObject* parent)
    : BackgroundJob(a, tr("a comparison"), true, parent), m_b(b), m_kind(kind),
      m_leaseB(b->lease(tr("a comparison"), true, sharedStopFlag())) {}

CompareJob::~CompareJob() { stopAndWait(); }

UiStatus CompareJob::work() {
    if (!m_leaseB.held()) return UiStatus::failure(tr("\"%1\" is busy: try the comparison again in a moment.").arg(m_b->fileName()));
    UiStatus result;
    {
        const DocumentReader a = reader();
        const DocumentReader b(m_b->document(), m_leaseB);
        result = m_kind == Kind::Resync ? resync(a, b) : compareBytes(a, b);
    }
    // The second lease yields too, so it goes back here, on the worker, as the first does:
    // an edit of the second file may be waiting for it on the GUI thread.
    m_leaseB.release();
    return result;
}

UiStatus CompareJob::compareBytes(const DocumentReader& a, const DocumentReader& b) {
    CompareOptions options;
    options.stop = stopFlag();
    const std::uint64_t total = std::min(a.size(), b.size());
    // Batches go to the GUI a few times a second, not once per range.
    std::vector<DiffRange> batch;
    auto last = std::chrono::steady_clock::now();
    auto flush = [&] {
        if (batch.empty()) return;
        post([this, out = std::move(batch)] { emit ranges(out); });
        batch.clear();
        last = std::chrono::steady_clock::now();
    };
    auto result = compareSources(a, b, [&](const DiffRange* r, std::size_t n) {
        batch.insert(batch.end(), r, r + n);
        reportProgress(r[n - 1].offset + r[n - 1].length, total);
        if (batch.size() >= 65536 || std::chrono::steady_clock::now() - last > std::chrono::milliseconds(100))
            flush();
        return true;
    }, options, "the first file", "the second file");
    flush();
    if (!result) return UiStatus::fromCore(result.error());
    m_summary = result.value();
    reportProgress(total, total);
    return {};
}

UiStatus CompareJob::resync(const DocumentReader& a, const DocumentReader& b) {
    ResyncOptions options;
    options.stop = stopFlag();
    const std::uint64_t total = a.size();
    options.progress = [&](std::uint64_t at) { reportProgress(at, total); };
    auto result = resyncDiff(a, b, options);
    if (!result) // stopped: endedEarly() says so; anything else is why it failed
        return result.error().code == ECANCELED ? UiStatus() : UiStatus::fromCore(result.error());
    post([this, ops = std::move(result).value()] { emit script(ops); });
    reportProgress(total, total);
    return {};
}

} // namespace hexmap
