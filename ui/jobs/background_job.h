// SPDX-License-Identifier: MIT
// BackgroundJob: the one mechanism every worker uses (search, Save As, and the jobs that
// come later). It owns a thread, a cancel flag, progress, and the document's read lease:
//
//   auto* job = new SomeJob(model, ...);
//   connect(job, &BackgroundJob::progress, ...);   // wire everything first,
//   connect(job, &BackgroundJob::finished, ...);
//   job->start();                                  // then start: nothing is emitted before
//
// start() takes the read lease on the calling (GUI) thread, so from that moment the
// document refuses changes that could pull the mapping away. The lease is released on the
// GUI thread just before finished() is emitted, so nothing can change the document between
// the end of the work and its receivers (a yielding lease is released by the worker as soon
// as work() returns). A job must therefore be destroyed before its document. cancel() and the document's own stop
// request (closing) set the same flag, which work() polls. Every subclass's destructor
// calls stopAndWait() first (the worker runs the subclass's work(), so it must end before
// the subclass's members do); so a job never outlives the mapping it reads, and signals
// queued for a destroyed job are dropped by Qt.
#pragma once

#include "ui_status.h"
#include "document_reader.h"
#include "read_gate.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <thread>

namespace hexmap {

class Document;
class DocumentModel;

class BackgroundJob : public QObject {
    Q_OBJECT
public:
    // `holder` names the work in the sentences that refuse edits meanwhile ("a search").
    // A yielding job is stopped (not waited for) when the document needs to change.
    BackgroundJob(const DocumentModel* model, QString holder, bool yields = false,
                  QObject* parent = nullptr);
    ~BackgroundJob() override;

    // Takes the lease and starts the worker; call once, after connecting the signals.
    void start();
    // Asks the worker to stop; finished(true, ...) follows.
    void cancel() { m_stop->store(true); }
    bool started() const { return m_started; }
    // True from start() until finished() was emitted.
    bool running() const { return m_started && !m_done; }
    QString holder() const { return m_holder; }

signals:
    // Bytes done and total, at most every 50 ms (and at the end).
    void progress(quint64 done, quint64 total);
    // Exactly once, on the GUI thread, after the lease was released. `error` is empty
    // unless the work failed; cancelled tells whether it stopped early.
    void finished(bool cancelled, const QString& error);

protected:
    // The work, on the worker thread, with the lease held; a failure carries the sentence.
    virtual UiStatus work() = 0;
    // Whether the work ended early, asked once work() has returned (by default: whether
    // it was asked to stop). A job whose work completed regardless says false.
    virtual bool endedEarly() const { return stopping(); }
    // The document to read (only in work(), only what the lease allows).
    const Document& document() const;
    // The document's bytes through its one reader, under this job's lease (only in work()).
    DocumentReader reader() const;
    // The flag work() polls; true once cancelled or asked to stop by the document.
    bool stopping() const { return m_stop->load(std::memory_order_relaxed); }
    const std::atomic<bool>* stopFlag() const { return m_stop.get(); }
    // The same flag, to share with a second lease the job takes (it then stops the job too).
    std::shared_ptr<std::atomic<bool>> sharedStopFlag() const { return m_stop; }
    // From work(): progress, throttled to a few signals a second.
    void reportProgress(std::uint64_t done, std::uint64_t total);
    // From work(): runs fn on the GUI thread, in order with the other signals (and not at
    // all if the job is destroyed first).
    void post(std::function<void()> fn);
    // Cancels and joins the worker. The first thing every subclass's destructor does.
    void stopAndWait();

private:
    const DocumentModel* m_model;
    QString m_holder;
    bool m_yields;
    std::shared_ptr<std::atomic<bool>> m_stop = std::make_shared<std::atomic<bool>>(false);
    ReadLease m_lease;
    std::thread m_thread;
    bool m_started = false;
    bool m_done = false;
    std::atomic<std::int64_t> m_lastProgressNs{0};
};

} // namespace hexmap
