// SPDX-License-Identifier: MIT
// MergeJob: several logs merged by time on a worker (core's mergeLogs over each document's
// reader), for the merged view. It holds a yielding read lease on every document: the
// first from BackgroundJob, the others taken in the constructor on the GUI thread, sharing
// the job's stop flag and given back on the worker as soon as the merge ends (as
// CompareJob's second). The merged lines reach the GUI thread in batches while it runs.
#pragma once

#include "background_job.h"
#include "log_merge.h"
#include "ui_status.h"

#include <memory>
#include <vector>

namespace hexmap {

using MergedBatches = std::vector<std::shared_ptr<const MergedBatch>>;

class MergeJob final : public BackgroundJob {
    Q_OBJECT
public:
    // One format and year per model, in the same order.
    MergeJob(std::vector<const DocumentModel*> models, std::vector<TimeFormat> formats,
             std::vector<int> years, QObject* parent = nullptr);
    ~MergeJob() override;
    // After finished() without an error.
    const LogMergeSummary& summary() const { return m_summary; }

signals:
    void merged(std::shared_ptr<const hexmap::MergedBatches> batches);

protected:
    UiStatus work() override;

private:
    std::vector<const DocumentModel*> m_models;
    std::vector<TimeFormat> m_formats;
    std::vector<int> m_years;
    std::vector<ReadLease> m_leases; // of models 1..n-1
    LogMergeSummary m_summary;
};

} // namespace hexmap

Q_DECLARE_METATYPE(std::shared_ptr<const hexmap::MergedBatches>)
