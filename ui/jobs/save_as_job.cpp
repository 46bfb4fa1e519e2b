// SPDX-License-Identifier: MIT
#include "save_as_job.h"

#include "document.h"

#include <QFile>
#include <cerrno>

namespace hexmap {

SaveAsJob::SaveAsJob(const DocumentModel* model, QByteArray rawTarget, QString target, QObject* parent)
    : BackgroundJob(model, tr("Save As"), false, parent), m_rawTarget(std::move(rawTarget)),
      m_target(std::move(target)) {}

SaveAsJob::~SaveAsJob() { stopAndWait(); }

UiStatus SaveAsJob::work() {
    const auto progress = [this](std::uint64_t done, std::uint64_t total) {
        reportProgress(done, total);
        return !stopping();
    };
    const Status st = m_inPlace ? document().rewriteInPlace(progress, &m_touched)
                                : document().writeCopy(m_rawTarget.toStdString(), progress);
    m_status = st;
    m_cancelled = !st && st.error().code == ECANCELED;
    if (!st && !m_cancelled) return UiStatus::fromCore(st.error());
    return {};
}

} // namespace hexmap
