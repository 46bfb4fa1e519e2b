// SPDX-License-Identifier: MIT
#include "background_job.h"

#include "document_model.h"

#include <QMetaObject>
#include <chrono>

namespace hexmap {

namespace {
std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

BackgroundJob::BackgroundJob(const DocumentModel* model, QString holder, bool yields,
                             QObject* parent)
    : QObject(parent), m_model(model), m_holder(std::move(holder)), m_yields(yields) {}

BackgroundJob::~BackgroundJob() {
    // A subclass that forgot stopAndWait() would let its worker call a pure virtual.
    Q_ASSERT(!m_thread.joinable());
    stopAndWait();
}

void BackgroundJob::stopAndWait() {
    m_stop->store(true);
    if (m_thread.joinable()) m_thread.join();
}

const Document& BackgroundJob::document() const { return m_model->document(); }

DocumentReader BackgroundJob::reader() const { return DocumentReader(document(), m_lease); }

void BackgroundJob::start() {
    if (m_started) return;
    m_started = true;
    // The lease is taken here, on the GUI thread, before any worker reads: from now on
    // the document refuses what could move or unmap the mapping.
    m_lease = m_model->lease(m_holder, m_yields, m_stop);
    m_thread = std::thread([this] {
        const UiStatus error = work();
        const bool cancelled = endedEarly();
        // A yielding lease goes at once: a change on the GUI thread may be waiting for it.
        if (m_yields) m_lease.release();
        QMetaObject::invokeMethod(
            this,
            [this, cancelled, error] {
                if (m_thread.joinable()) m_thread.join();
                m_done = true;
                // A holding lease goes here, on the GUI thread, just before finished(): no
                // change can slip in between the end of the work and its receivers (Save As
                // adopts the copy it wrote, and nothing may have changed since).
                m_lease.release();
                emit finished(cancelled, error.message());
            },
            Qt::QueuedConnection);
    });
}

void BackgroundJob::reportProgress(std::uint64_t done, std::uint64_t total) {
    const std::int64_t now = nowNs();
    if (done < total && now - m_lastProgressNs.load(std::memory_order_relaxed) < 50'000'000)
        return;
    m_lastProgressNs.store(now, std::memory_order_relaxed);
    post([this, done, total] { emit progress(done, total); });
}

void BackgroundJob::post(std::function<void()> fn) {
    QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection);
}

} // namespace hexmap
