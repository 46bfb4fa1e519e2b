// SPDX-License-Identifier: MIT
// CompareJob: two documents compared on a worker (core's compareSources over their readers,
// so unsaved edits count). It holds a read lease on each: the first through BackgroundJob,
// the second of its own, taken in the constructor on the GUI thread and given back when the
// job is destroyed. Differing ranges come back in order, in batches, through ranges().
#pragma once

#include "ui_status.h"
#include "background_job.h"
#include "byte_compare.h"

#include <vector>

namespace hexmap {

class CompareJob final : public BackgroundJob {
    Q_OBJECT
public:
    CompareJob(const DocumentModel* a, const DocumentModel* b, QObject* parent = nullptr);
    ~CompareJob() override;
    // Valid after finished() without an error.
    const CompareSummary& summary() const { return m_summary; }

signals:
    // A batch of differing ranges, in offset order after every earlier batch.
    void ranges(const std::vector<hexmap::DiffRange>& batch);

protected:
    UiStatus work() override;

private:
    const DocumentModel* m_b;
    ReadLease m_leaseB;
    CompareSummary m_summary;
};

} // namespace hexmap
