// SPDX-License-Identifier: MIT
// SaveAsJob: Save As's copy, written on a worker with progress and cancel. The document is
// leased while it runs, so nothing (an edit, Replace All, Save, Follow End) can change or
// move the bytes being copied; the owner adopts the copy when finished() says it succeeded.
#pragma once

#include "ui_status.h"
#include "background_job.h"
#include "result.h"

namespace hexmap {

class SaveAsJob final : public BackgroundJob {
    Q_OBJECT
public:
    // rawTarget: the file name's bytes as the file system holds them (see
    // DocumentModel::encodePath); target: how to show it.
    SaveAsJob(const DocumentModel* model, QByteArray rawTarget, QString target, QObject* parent = nullptr);
    // A save of inserts and deletes in place (Document::rewriteInPlace) instead of a copy.
    void setInPlace(bool inPlace) { m_inPlace = inPlace; }
    bool inPlace() const { return m_inPlace; }
    // In place: the file itself was written (read after finished()); a failure then left
    // the record that finishes the save.
    bool touched() const { return m_touched; }
    ~SaveAsJob() override;
    QString target() const { return m_target; }
    const QByteArray& rawTarget() const { return m_rawTarget; }
    // What writeCopy returned (read after finished()): a pieces save passes it on to
    // Document::finishSavePieces, which tells a failure before the rename from one after.
    const Status& status() const { return m_status; }

protected:
    UiStatus work() override;
    bool endedEarly() const override { return m_cancelled; }

private:
    QByteArray m_rawTarget;
    QString m_target;
    bool m_inPlace = false;
    bool m_cancelled = false; // written by work(), read after it returned
    bool m_touched = false;   // likewise
    Status m_status;          // likewise
};

} // namespace hexmap
