// SPDX-License-Identifier: MIT
#include "rule_scan_job.h"

#include "rule_scanner.h"


namespace hexmap {

RuleScanJob::RuleScanJob(const DocumentModel* model, std::vector<RuleSpec> rules, std::uint64_t segmentSize,
                         std::vector<std::uint64_t> segments, QObject* parent)
    : BlockScanJob(model, tr("the colour rule scan"), segmentSize, std::move(segments), parent),
      m_rules(std::move(rules)) {
    qRegisterMetaType<std::shared_ptr<RuleHits>>();
}

RuleScanJob::~RuleScanJob() { stopAndWait(); }

UiStatus RuleScanJob::work() {
    auto made = RuleScanner::make(m_rules); // LineRules kept only rules that parse
    if (!made) return UiStatus::fromCore(made.error());
    const RuleScanner& scanner = made.value();
    std::uint8_t best[2] = {0, 0}; // per thread, for the segment it is on
    Batches<std::pair<std::uint64_t, std::uint8_t>> batches(
        1024, [this](std::shared_ptr<RuleHits> batch) { post([this, batch] { emit scanned(batch); }); });
    scanBlocks(
        [&](int t, std::uint64_t, std::uint64_t, const std::uint8_t* p, std::size_t n) {
            if (best[t] == 1) return; // the first rule is already there: nothing ranks higher
            if (const std::uint8_t r = scanner.best(p, n, best[t] ? best[t] : 255)) best[t] = r;
        },
        [&](int t, std::uint64_t segment) {
            if (best[t]) batches.add({segment, best[t]});
            best[t] = 0;
        });
    batches.flush();
    return {};
}

} // namespace hexmap
