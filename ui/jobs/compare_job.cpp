// SPDX-License-Identifier: MIT
#include "compare_job.h"

#include "document_model.h"

#include <chrono>

namespace hexmap {

CompareJob::CompareJob(const DocumentModel* a, const DocumentModel* b, QObject* parent)
    : BackgroundJob(a, tr("a comparison"), false, parent), m_b(b),
      m_leaseB(b->lease(tr("a comparison"))) {}

CompareJob::~CompareJob() { stopAndWait(); }

UiStatus CompareJob::work() {
    if (!m_leaseB.held()) return UiStatus::failure(tr("\"%1\" is busy: try the comparison again in a moment.").arg(m_b->fileName()));
    const DocumentReader a = reader();
    const DocumentReader b(m_b->document(), m_leaseB);
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

} // namespace hexmap
