// SPDX-License-Identifier: MIT
#include "filter_job.h"

#include <QElapsedTimer>
#include <utility>

#include "document_reader.h"

namespace hexmap {

FilterJob::FilterJob(const DocumentModel* model, std::vector<LineFilterRule> rules,
                     std::uint64_t from, std::uint64_t firstNumber, QObject* parent)
    : BackgroundJob(model, tr("the line filter"), false, parent), m_rules(std::move(rules)),
      m_from(from), m_firstNumber(firstNumber) {
    qRegisterMetaType<std::shared_ptr<const FilteredBatches>>();
}

FilterJob::~FilterJob() {
    stopAndWait();
}

UiStatus FilterJob::work() {
    const DocumentReader reader = this->reader();
    struct Release { // the pages a scan of a shared mapping touched (see SearchJob)
        const ByteSource& s;
        ~Release() { s.releasePages(); }
    } release{reader};
    LineFilterOptions options;
    options.cancel = stopFlag();
    // A post every 40 ms at most (as SearchJob's): one per 1 MiB chunk made 1,024 for a
    // 1 GiB log, each a change the pane and the GUI thread answered. A post carries the
    // regions' batches as they are (merged into one, they regrew and copied on this thread).
    FilteredBatches pending;
    QElapsedTimer sinceFlush;
    sinceFlush.start();
    auto flush = [&] {
        sinceFlush.restart();
        if (pending.empty()) return;
        auto batches = std::make_shared<const FilteredBatches>(std::exchange(pending, {}));
        post([this, batches] { emit linesKept(batches); });
    };
    const std::uint64_t total = reader.size();
    auto result = filterLines(
        reader, m_rules, m_from, m_firstNumber,
        [&](std::vector<FilteredLine>& lines) {
            const std::uint64_t last = lines.back().start;
            pending.push_back(std::make_shared<const FilteredBatch>(std::move(lines)));
            if (sinceFlush.elapsed() >= 40) flush();
            reportProgress(last, total);
        },
        options);
    flush();
    if (!result) return UiStatus::fromCore(result.error());
    m_summary = result.value();
    if (Status st = document().checkIntact("Lines past the new end are not real."); !st)
        return UiStatus::fromCore(st.error());
    return {};
}

} // namespace hexmap
