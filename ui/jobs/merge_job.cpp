// SPDX-License-Identifier: MIT
#include "merge_job.h"

#include "document_model.h"
#include "document_reader.h"

#include <QElapsedTimer>
#include <utility>

namespace hexmap {

MergeJob::MergeJob(std::vector<const DocumentModel*> models, std::vector<TimeFormat> formats,
                   std::vector<int> years, QObject* parent)
    : BackgroundJob(models.front(), tr("the merged view"), true, parent),
      m_models(std::move(models)), m_formats(std::move(formats)), m_years(std::move(years)) {
    qRegisterMetaType<std::shared_ptr<const MergedBatches>>();
    for (std::size_t i = 1; i < m_models.size(); ++i)
        m_leases.push_back(m_models[i]->lease(tr("the merged view"), true, sharedStopFlag()));
}

MergeJob::~MergeJob() {
    stopAndWait();
}

UiStatus MergeJob::work() {
    for (std::size_t i = 0; i < m_leases.size(); ++i)
        if (!m_leases[i].held())
            return UiStatus::failure(tr("\"%1\" is busy: open the merged view again in a moment.")
                                         .arg(m_models[i + 1]->fileName()));
    UiStatus result;
    {
        std::vector<std::unique_ptr<DocumentReader>> readers;
        readers.push_back(std::make_unique<DocumentReader>(reader()));
        for (std::size_t i = 1; i < m_models.size(); ++i)
            readers.push_back(
                std::make_unique<DocumentReader>(m_models[i]->document(), m_leases[i - 1]));
        std::vector<MergeInput> inputs;
        for (std::size_t i = 0; i < readers.size(); ++i)
            inputs.push_back({readers[i].get(), m_formats[i], m_years[i]});
        // A post every 40 ms at most, carrying the batches as they are (see FilterJob).
        MergedBatches pending;
        QElapsedTimer sinceFlush;
        sinceFlush.start();
        auto flush = [&] {
            sinceFlush.restart();
            if (pending.empty()) return;
            auto batches = std::make_shared<const MergedBatches>(std::exchange(pending, {}));
            post([this, batches] { emit merged(batches); });
        };
        LogMergeOptions options;
        options.stop = stopFlag();
        options.progress = [&](std::uint64_t done, std::uint64_t total) {
            reportProgress(done, total);
        };
        auto merged = mergeLogs(
            inputs,
            [&](std::shared_ptr<MergedBatch> batch) {
                pending.push_back(std::move(batch));
                if (sinceFlush.elapsed() >= 40) flush();
            },
            options);
        flush();
        for (const auto& r : readers)
            r->releasePages();
        if (!merged)
            result = UiStatus::fromCore(merged.error());
        else
            m_summary = std::move(merged).value();
    }
    // The other leases yield too: back on the worker, as the first (see CompareJob).
    for (ReadLease& l : m_leases)
        l.release();
    return result;
}

} // namespace hexmap
