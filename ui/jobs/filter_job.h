// SPDX-License-Identifier: MIT
// FilterJob: filterLines on a worker, through the document's one reader under a read lease,
// from a line start on (the whole file, or what a growing file appended). The kept lines
// reach the GUI thread in batches while it runs; where a later scan goes on is read once it
// has finished.
#pragma once

#include "background_job.h"
#include "line_filter.h"
#include "ui_status.h"

#include <memory>
#include <vector>

namespace hexmap {

using FilteredBatch = std::vector<FilteredLine>;
// The batches of one post, in order (each the lines one region of the file kept).
using FilteredBatches = std::vector<std::shared_ptr<const FilteredBatch>>;

class FilterJob : public BackgroundJob {
    Q_OBJECT
public:
    FilterJob(const DocumentModel* model, std::vector<LineFilterRule> rules, std::uint64_t from,
              std::uint64_t firstNumber, QObject* parent = nullptr);
    ~FilterJob() override;
    // After finished(): what the scan saw (see LineFilterSummary).
    const LineFilterSummary& summary() const { return m_summary; }

signals:
    void linesKept(std::shared_ptr<const hexmap::FilteredBatches> batches);

protected:
    UiStatus work() override;

private:
    std::vector<LineFilterRule> m_rules;
    std::uint64_t m_from;
    std::uint64_t m_firstNumber;
    LineFilterSummary m_summary;
};

} // namespace hexmap

Q_DECLARE_METATYPE(std::shared_ptr<const hexmap::FilteredBatches>)
