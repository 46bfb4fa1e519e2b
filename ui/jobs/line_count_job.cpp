// SPDX-License-Identifier: MIT
#include "line_count_job.h"

#include "line_index.h"


namespace hexmap {

using Counts = LineCounts;

LineCountJob::LineCountJob(const DocumentModel* model, std::vector<std::uint64_t> blocks, QObject* parent)
    : BlockScanJob(model, tr("the line count"), LineIndex::kBlock, std::move(blocks), parent) {
    qRegisterMetaType<std::shared_ptr<Counts>>();
}

LineCountJob::~LineCountJob() { stopAndWait(); }

UiStatus LineCountJob::work() {
    std::uint64_t newlines[2] = {0, 0}; // per thread, for the block it is on
    Batches<std::pair<std::uint64_t, std::uint32_t>> batches(
        256, [this](std::shared_ptr<Counts> batch) { post([this, batch] { emit counted(batch); }); });
    scanBlocks([&](int t, std::uint64_t, std::uint64_t, const std::uint8_t* p,
                   std::size_t n) { newlines[t] += countNewlines(p, n); },
               [&](int t, std::uint64_t b) {
                   batches.add({b, static_cast<std::uint32_t>(newlines[t])});
                   newlines[t] = 0;
               });
    batches.flush();
    return {};
}

} // namespace hexmap
