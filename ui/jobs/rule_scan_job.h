// SPDX-License-Identifier: MIT
// RuleScanJob: finds, for every segment of a document, the most important colour rule
// whose text occurs in it (RuleScanner), for the overview strip's rule band. Reads like
// the line count (BlockScanJob: two threads, holes skipped, a yielding lease) and posts
// the segments that hold a rule in batches.
#pragma once

#include "ui_status.h"
#include "block_scan_job.h"
#include "rule_scanner.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hexmap {

// (segment, rule id) pairs, rule id >= 1, in no particular order.
using RuleHits = std::vector<std::pair<std::uint64_t, std::uint8_t>>;

class RuleScanJob : public BlockScanJob {
    Q_OBJECT
public:
    RuleScanJob(const DocumentModel* model, std::vector<RuleSpec> rules, std::uint64_t segmentSize,
                std::vector<std::uint64_t> segments, QObject* parent = nullptr);
    ~RuleScanJob() override;

signals:
    void scanned(std::shared_ptr<hexmap::RuleHits> hits);

protected:
    UiStatus work() override;

private:
    std::vector<RuleSpec> m_rules;
};

} // namespace hexmap

Q_DECLARE_METATYPE(std::shared_ptr<hexmap::RuleHits>)
