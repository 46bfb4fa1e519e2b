// SPDX-License-Identifier: MIT
// LineCountJob: counts the newlines of a document's blocks (LineIndex::kBlock bytes each)
// on two threads at memory speed, skipping holes (they hold no newline), and posts the
// counts to the GUI thread in batches. Its lease yields: an edit stops it instead of being
// refused, and the LineCounter starts it again for what is left.
#pragma once

#include "ui_status.h"
#include "block_scan_job.h"

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace hexmap {

// (block, newlines) pairs, in no particular order.
using LineCounts = std::vector<std::pair<std::uint64_t, std::uint32_t>>;

class LineCountJob : public BlockScanJob {
    Q_OBJECT
public:
    // Counts the blocks listed (ascending).
    LineCountJob(const DocumentModel* model, std::vector<std::uint64_t> blocks, QObject* parent = nullptr);
    ~LineCountJob() override;

signals:
    void counted(std::shared_ptr<hexmap::LineCounts> counts);

protected:
    UiStatus work() override;
};

} // namespace hexmap

Q_DECLARE_METATYPE(std::shared_ptr<hexmap::LineCounts>)
