// SPDX-License-Identifier: MIT
// CompareJob: two documents compared on a worker (core's compareSources over their readers,
// so unsaved edits count), or, when asked to resynchronise, core's resyncDiff (an edit
// script that finds inserted and deleted runs). It holds a yielding read lease on each: an
// edit in either pane stops it (the window then compares again), and the second lease
// shares the job's stop flag. The first lease comes from BackgroundJob; the second is taken
// in the constructor on the GUI thread and given back when the job is destroyed.
// Differing ranges come back in order, in batches, through ranges(); a script whole,
// through script().
#pragma once

#include "ui_status.h"
#include "background_job.h"
#include "byte_compare.h"
#include "resync.h"

#include <vector>

namespace hexmap {

class CompareJob final : public BackgroundJob {
    Q_OBJECT
public:
    enum class Kind { Bytes, Resync };
    CompareJob(const DocumentModel* a, const DocumentModel* b, Kind kind = Kind::Bytes,
               QObject* parent = nullptr);
    ~CompareJob() override;
    Kind kind() const { return m_kind; }
    // Valid after finished() without an error (Kind::Bytes).
    const CompareSummary& summary() const { return m_summary; }

signals:
    // A batch of differing ranges, in offset order after every earlier batch (Kind::Bytes).
    void ranges(const std::vector<hexmap::DiffRange>& batch);
    // The whole edit script, before finished() (Kind::Resync).
    void script(const std::vector<hexmap::EditOp>& ops);

protected:
    UiStatus work() override;

private:
    UiStatus compareBytes(const DocumentReader& a, const DocumentReader& b);
    UiStatus resync(const DocumentReader& a, const DocumentReader& b);

    const DocumentModel* m_b;
    Kind m_kind;
    ReadLease m_leaseB;
    CompareSummary m_summary;
};

} // namespace hexmap
