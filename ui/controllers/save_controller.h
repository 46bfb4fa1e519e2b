// SPDX-License-Identifier: MIT
// SaveController: Save and Save As for one open file. Save runs on the GUI thread (it
// writes only the modified ranges); Save As copies the whole document, so it runs as a
// SaveAsJob with progress and cancel, and the document adopts the copy when it is safely
// on disk. A Save after inserts or deletes rewrites the whole file, so it runs the same
// way: a copy beside it, renamed over it, or (Preferences, or no room for a copy) in place,
// rewritten where it is with a record that finishes it after a crash. While the copy runs, the job's read lease makes the document refuse every
// change (edits, Replace All, Save, Follow End), so the copy is never torn.
#pragma once

#include "ui_status.h"
#include "result.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>

class QProgressDialog;
class QWidget;

namespace hexmap {

class DocumentModel;
class SaveAsJob;

class SaveController : public QObject {
    Q_OBJECT
public:
    // `dialogParent` shows the progress dialog of a long Save As.
    SaveController(DocumentModel* model, QWidget* dialogParent, QObject* parent = nullptr);
    ~SaveController() override;

    // Writes the edits to the file; a failure says why (the edits stay).
    UiStatus save();
    // Starts writing a complete copy to `path` on a worker. "" when it started, else why
    // not. finished() follows with the outcome.
    UiStatus saveAs(const QString& path);
    bool saving() const;
    void cancelSaveAs();
    // Cancels a running Save As and waits for its worker (closing the tab).
    void stopSaveAs();
    // Answers the questions save() asks (tests; the default is a message box).
    void setConfirm(std::function<bool(const QString&)> confirm) { m_confirm = std::move(confirm); }

signals:
    // A save or Save As ended: error is empty on success; message says what happened.
    void finished(const QString& error, const QString& message);
    // A Save As started or ended (for the actions' enabled state).
    void busyChanged(bool busy);

private:
    void onSaveAsFinished(bool cancelled, const QString& error);
    UiStatus startCopy(const QByteArray& rawPath, const QString& path, bool isSave, bool inPlace = false);
    void finishSave(const Status& copied, bool inPlace, bool touched);
    // Whether this save of inserts and deletes goes in place; *why says why, for the note.
    bool savesInPlace(QString* why) const;
    QString m_inPlaceWhy;
    bool m_isSave = false; // the running job is a Save (with pieces), not a Save As
    bool confirm(const QString& question);
    void adoptWhenFree(const QByteArray& rawPath, const QString& path, bool hadEdits);
    std::function<bool(const QString&)> m_confirm;

    DocumentModel* m_model;
    QWidget* m_dialogParent;
    std::unique_ptr<SaveAsJob> m_job;
    QPointer<QProgressDialog> m_progress;
    void dropProgress();
};

} // namespace hexmap
