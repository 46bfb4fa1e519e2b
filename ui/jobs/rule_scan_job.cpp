// SPDX-License-Identifier: MIT
#include "rule_scan_job.h"

#include "rule_scanner.h"

#include <mutex>

namespace hexmap {

RuleScanJob::RuleScanJob(const DocumentModel* model, std::vector<std::string> ruleTexts, std::uint64_t segmentSize,
                         std::vector<std::uint64_t> segments, QObject* parent)
    : BlockScanJob(model, tr("the colour rule scan"), segmentSize, std::move(segments), parent),
      m_texts(std::move(ruleTexts)) {
    qRegisterMetaType<std::shared_ptr<RuleHits>>();
}

RuleScanJob::~RuleScanJob() { stopAndWait(); }

QString RuleScanJob::work() {
    const RuleScanner scanner(m_texts);
    std::uint8_t best[2] = {0, 0}; // per thread, for the segment it is on
    std::mutex mutex;
    auto pending = std::make_shared<RuleHits>();
    auto flush = [&] { // with mutex held
        if (pending->empty()) return;
        post([this, batch = pending] { emit scanned(batch); });
        pending = std::make_shared<RuleHits>();
    };
    scanBlocks(
        [&](int t, std::uint64_t, std::uint64_t, const std::uint8_t* p, std::size_t n) {
            if (best[t] == 1) return; // the first rule is already there: nothing ranks higher
            if (const std::uint8_t r = scanner.best(p, n, best[t] ? best[t] : 255)) best[t] = r;
        },
        [&](int t, std::uint64_t segment) {
            if (!best[t]) return;
            std::lock_guard lock(mutex);
            pending->emplace_back(segment, best[t]);
            best[t] = 0;
            if (pending->size() >= 1024) flush();
        });
    std::lock_guard lock(mutex);
    flush();
    return {};
}

} // namespace hexmap
