// SPDX-License-Identifier: MIT
#include "line_count_job.h"

#include "line_index.h"

#include <mutex>

namespace hexmap {

using Counts = LineCounts;

LineCountJob::LineCountJob(const DocumentModel* model, std::vector<std::uint64_t> blocks, QObject* parent)
    : BlockScanJob(model, tr("the line count"), LineIndex::kBlock, std::move(blocks), parent) {
    qRegisterMetaType<std::shared_ptr<Counts>>();
}

LineCountJob::~LineCountJob() { stopAndWait(); }

QString LineCountJob::work() {
    std::uint64_t newlines[2] = {0, 0}; // per thread, for the block it is on
    std::mutex mutex;
    auto pending = std::make_shared<Counts>();
    auto flush = [&] { // with mutex held
        if (pending->empty()) return;
        post([this, batch = pending] { emit counted(batch); });
        pending = std::make_shared<Counts>();
    };
    scanBlocks([&](int t, std::uint64_t, std::uint64_t, const std::uint8_t* p,
                   std::size_t n) { newlines[t] += countNewlines(p, n); },
               [&](int t, std::uint64_t b) {
                   std::lock_guard lock(mutex);
                   pending->emplace_back(b, static_cast<std::uint32_t>(newlines[t]));
                   newlines[t] = 0;
                   if (pending->size() >= 256) flush();
               });
    std::lock_guard lock(mutex);
    flush();
    return {};
}

} // namespace hexmap
