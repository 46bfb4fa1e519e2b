// SPDX-License-Identifier: MIT
#include "save_controller.h"

#include "document.h"
#include "document_model.h"
#include "finish_rewrite.h"
#include "preferences.h"
#include "save_as_job.h"

#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QTimer>
#include <sys/statvfs.h>

namespace hexmap {

SaveController::SaveController(DocumentModel* model, QWidget* dialogParent, QObject* parent)
    : QObject(parent), m_model(model), m_dialogParent(dialogParent) {}

SaveController::~SaveController() { stopSaveAs(); }

bool SaveController::saving() const { return m_job && m_job->running(); }

bool SaveController::confirm(const QString& question) {
    if (m_confirm) return m_confirm(question);
    return QMessageBox::question(m_dialogParent, tr("Save"), question,
                                 QMessageBox::Save | QMessageBox::Cancel,
                                 QMessageBox::Cancel) == QMessageBox::Save;
}

UiStatus SaveController::save() {
    if (!m_model->canSave())
        return UiStatus::failure(m_model->mode() == OpenMode::ReadOnly
                   ? tr("\"%1\" is open read-only; there is nothing to save.").arg(m_model->fileName())
                   : tr("You may not write to \"%1\". Use Save As to write the edits to another file.")
                         .arg(m_model->fileName()));
    // A private document the user resized, over a file another program appended to: saving
    // the user's size cuts off the other program's bytes. Ask first; never do it silently.
    const Document& doc = m_model->document();
    bool cutAppended = false;
    if (doc.mode() == OpenMode::Private && doc.resizedSinceSave() && doc.appendedOnDisk() > 0) {
        const QString question =
            tr("\"%1\" grew on disk by %2 bytes since it was opened (another program appended "
               "to it). You resized the document to %3 bytes, so saving cuts off or overwrites "
               "what the other program wrote. Save anyway?")
                .arg(m_model->fileName())
                .arg(doc.appendedOnDisk())
                .arg(doc.size());
        if (!confirm(question))
            return UiStatus::failure(tr("Not saved: \"%1\" grew on disk, and saving your resize would cut off what "
                      "another program appended. Use Save As to keep both.")
                .arg(m_model->fileName()));
        cutAppended = true;
    }
    if (doc.hasPieces()) {
        // Inserts and deletes: the whole file is written again, beside it, on a worker.
        if (saving()) return UiStatus::failure(tr("A save is already running."));
        if (UiStatus why = m_model->saveCheck(cutAppended); !why) return why;
        const bool inPlace = savesInPlace(&m_inPlaceWhy);
        return startCopy(m_model->rawPath(), m_model->path(), true, inPlace);
    }
    const UiStatus error = m_model->save(cutAppended);
    if (error.ok()) emit finished({}, tr("Saved \"%1\".").arg(m_model->fileName()));
    return error;
}

UiStatus SaveController::saveAs(const QString& path) {
    if (saving()) return UiStatus::failure(tr("A Save As is already running."));
    return startCopy(m_model->encodePath(path), path, false);
}

bool SaveController::savesInPlace(QString* why) const {
    const Document& doc = m_model->document();
    if (!doc.inPlaceBlocker().empty()) return false;
    if (Preferences::load().saveInPlace) {
        *why = tr("as Preferences ask");
        return true;
    }
    // A copy needs the whole new file's room beside the old one (and a margin).
    struct statvfs fs;
    const QByteArray folder = QFileInfo(m_model->path()).absolutePath().toLocal8Bit();
    if (::statvfs(folder.constData(), &fs) == 0) {
        const std::uint64_t room = std::uint64_t(fs.f_bavail) * fs.f_frsize;
        if (room < doc.size() + (64u << 20)) {
            *why = tr("there is no room for a copy: %1 MiB free, %2 MiB needed")
                       .arg(room >> 20)
                       .arg((doc.size() + (64u << 20)) >> 20);
            return true;
        }
    }
    return false;
}

UiStatus SaveController::startCopy(const QByteArray& rawPath, const QString& path, bool isSave,
                                   bool inPlace) {
    // Another reader (a checksum, a search) does not keep Save As from copying: both only
    // read. Switching to the copy waits for it (adoptWhenFree).
    m_isSave = isSave;
    m_job = std::make_unique<SaveAsJob>(m_model, rawPath, path);
    m_job->setInPlace(inPlace);
    SaveAsJob* job = m_job.get();
    m_progress = new QProgressDialog(inPlace ? tr("Saving \"%1\" in place (%2)\u2026").arg(m_model->fileName(), m_inPlaceWhy)
                                     : isSave ? tr("Saving \"%1\" through a copy beside it\u2026").arg(m_model->fileName())
                                              : tr("Saving a copy as \"%1\"\u2026").arg(path),
                                     tr("Cancel"), 0, 1000, m_dialogParent);
    m_progress->setObjectName("saveProgress");
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(400); // quick saves never show it
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, this, &SaveController::cancelSaveAs);
    connect(job, &BackgroundJob::progress, this, [this, inPlace](quint64 done, quint64 total) {
        if (!m_progress || !total) return;
        if (inPlace && done > 0 && m_progress->property("moving").isNull()) {
            // The file itself is being rewritten now: stopping would leave it half moved.
            m_progress->setProperty("moving", true);
            m_progress->setCancelButton(nullptr);
            m_progress->setLabelText(tr("Rewriting \"%1\" in place\u2026 (this cannot stop half-way)")
                                         .arg(m_model->fileName()));
        }
        m_progress->setValue(static_cast<int>(done * 1000 / total));
    });
    connect(job, &BackgroundJob::finished, this, &SaveController::onSaveAsFinished);
    job->start(); // wired first, then started: no signal is lost
    emit busyChanged(true);
    return {};
}

void SaveController::dropProgress() {
    // Never `delete`: a modal QProgressDialog's setValue() runs the event loop, so this can
    // run inside it (the job finished meanwhile) and the dialog must outlive that call.
    if (!m_progress) return;
    m_progress->hide();
    m_progress->deleteLater();
    m_progress = nullptr;
}

void SaveController::cancelSaveAs() {
    if (m_job) m_job->cancel();
}

void SaveController::stopSaveAs() {
    if (!m_job) return;
    m_job.reset(); // cancels and joins
    dropProgress();
    emit busyChanged(false);
}

void SaveController::onSaveAsFinished(bool cancelled, const QString& error) {
    const QString path = m_job->target();
    const QByteArray rawPath = m_job->rawTarget();
    const Status copied = m_job->status();
    const bool inPlace = m_job->inPlace(), touched = m_job->touched();
    m_job.release()->deleteLater(); // its signal is still on the stack
    dropProgress();
    emit busyChanged(false);
    if (m_isSave) {
        if (cancelled) {
            emit finished({}, tr("Save was cancelled: \"%1\" is as it was, and your edits are "
                                 "unchanged.").arg(m_model->fileName()));
            return;
        }
        finishSave(copied, inPlace, touched);
        return;
    }
    if (cancelled) {
        emit finished({}, tr("Save As was cancelled: \"%1\" was not written, and your edits are "
                             "unchanged.").arg(path));
        return;
    }
    if (!error.isEmpty()) {
        emit finished(error, {});
        return;
    }
    adoptWhenFree(rawPath, path, m_model->isModified());
}

void SaveController::finishSave(const Status& copied, bool inPlace, bool touched) {
    // As adoptWhenFree: the switch to the new file waits for other readers to let go.
    if (m_model->document().held()) {
        QTimer::singleShot(50, this, [this, copied, inPlace, touched] { finishSave(copied, inPlace, touched); });
        return;
    }
    if (inPlace && touched && !copied) {
        // The file is part old, part new; the record beside it holds the rest. The pieces
        // over it no longer read true, so the document must not go on as it was: finish now
        // (the fault may have passed), or show the file as it is and leave the record for
        // the next open.
        const QString why = QString::fromStdString(copied.error().message);
        if (confirm(tr("%1\n\nFinish the save now?").arg(why))) {
            if (UiStatus done = finishUnfinishedSave(m_model->rawPath(), m_dialogParent); !done) {
                (void)m_model->reopen(m_model->mode());
                emit finished(done.message(), {});
                return;
            }
            const UiStatus e = m_model->finishSavePieces(Status{});
            if (!e) emit finished(e.message(), {});
            else emit finished({}, tr("Saved \"%1\" in place (the save was finished after: %2).")
                                       .arg(m_model->fileName(), why));
            return;
        }
        (void)m_model->reopen(m_model->mode());
        emit finished(why, {});
        return;
    }
    const UiStatus e = m_model->finishSavePieces(copied);
    if (!e) emit finished(e.message(), {});
    else if (inPlace) emit finished({}, tr("Saved \"%1\" in place (%2).").arg(m_model->fileName(), m_inPlaceWhy));
    else emit finished({}, tr("Saved \"%1\" through a copy beside it.").arg(m_model->fileName()));
}

void SaveController::adoptWhenFree(const QByteArray& rawPath, const QString& path, bool hadEdits) {
    // The copy is safely on disk; the document switches to it once no other reader holds it
    // (the banner says edits wait while a checksum runs: so does this, instead of failing).
    if (m_model->document().held()) {
        QTimer::singleShot(50, this, [this, rawPath, path, hadEdits] { adoptWhenFree(rawPath, path, hadEdits); });
        return;
    }
    const UiStatus e = m_model->adoptCopy(rawPath);
    if (!e) {
        emit finished(e.message(), {});
        return;
    }
    QString note = tr("Saved as \"%1\".").arg(path);
    if (m_model->document().originalKeptEdits())
        note += tr(" The original file still holds the unsaved edits (they could not be undone "
                   "there).");
    else if (hadEdits && m_model->mode() == OpenMode::Shared)
        note += tr(" The original file was put back as it was last saved.");
    emit finished({}, note);
}

} // namespace hexmap
