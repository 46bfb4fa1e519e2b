// SPDX-License-Identifier: MIT
// DocumentModel: one open file in the application. It owns the core Document and is the
// only path that changes it: every operation goes through here, returns the sentence to
// show when it is refused, and on success emits exactly one changed() that says what
// changed. Views, the status bar and panels listen to it; nothing calls them by hand.
//
// The edit gate itself lives in the core Document (read leases): while a worker reads the
// mapping, every operation below that changes bytes or could move the mapping is refused
// by the Document with a sentence naming the reader. Jobs take their leases here.
#pragma once

#include "ui_status.h"
#include "document.h"
#include "document_change.h"

#include <QObject>
#include <QString>
#include <memory>

namespace hexmap {

class DocumentModel : public QObject {
    Q_OBJECT
public:
    // Opens a file. Paths are bytes on Linux and need not be valid UTF-8: the model keeps
    // the bytes it was given (rawPath) for every file operation, and decodes them only to
    // show them (path). On failure: the core's error.
    static Result<std::unique_ptr<DocumentModel>> open(const QByteArray& rawPath, OpenMode mode);
    static Result<std::unique_ptr<DocumentModel>> open(const QString& path, OpenMode mode);
    ~DocumentModel() override;

    const Document& document() const { return *m_doc; }
    // The path for people (undecodable bytes shown as U+FFFD) and as the bytes it is.
    QString path() const { return m_path; }
    const QByteArray& rawPath() const { return m_rawPath; }
    QString fileName() const;
    // The path with symlinks and "." resolved, as bytes, to recognise a file already open.
    QByteArray canonicalPath() const;
    OpenMode mode() const { return m_doc->mode(); }
    std::uint64_t size() const { return m_doc->size(); }
    // The bytes, for reading on this thread (see byte_view.h): valid until the next change.
    ByteView view() const { return m_doc->view(); }
    bool isModified() const { return m_doc->isModified(); }
    bool writeProtected() const { return m_doc->writeProtected(); }
    bool damaged() const { return m_doc->damaged(); }
    bool canSave() const { return m_doc->canSave(); }
    bool canUndo() const { return m_doc->canUndo(); }
    bool canRedo() const { return m_doc->canRedo(); }

    // --- operations: a success emits one changed(); a failure carries the sentence ---
    UiStatus overwrite(std::uint64_t offset, const std::uint8_t* bytes, std::size_t n,
                      Document::EditKind kind = Document::EditKind::Other);
    UiStatus fill(std::uint64_t start, std::uint64_t length, const std::vector<std::uint8_t>& pattern);
    UiStatus replaceAll(const std::vector<std::uint64_t>& offsets, const std::uint8_t* bytes,
                       std::size_t n);
    // Insert and delete (private mode; see Document::insert). Notify Bytes | Size | Shifted.
    UiStatus insert(std::uint64_t offset, const std::uint8_t* bytes, std::size_t n,
                   Document::EditKind kind = Document::EditKind::Other);
    UiStatus erase(std::uint64_t offset, std::uint64_t n, Document::EditKind kind = Document::EditKind::Other);
    // Why an insert or delete would be refused now, or "".
    QString lengthEditBlocker() const;
    UiStatus undo();
    UiStatus redo();
    UiStatus resize(std::uint64_t newSize);
    // cutAppended: the user agreed to cut off bytes another process appended (see
    // Document::save). A save that takes on such bytes notifies their arrival (Size).
    UiStatus save(bool cutAppended = false);
    // The bytes of the file name the user chose in a dialog. A name that is not valid UTF-8
    // ("caf\xe9.bin") decodes to U+FFFD and does not encode back to its bytes, so a name in
    // this file's folder keeps the folder's original bytes, and the file's own name (Enter
    // on the suggestion) keeps all of them.
    QByteArray encodePath(const QString& chosen) const;
    UiStatus revert();
    UiStatus setWriteProtected(bool locked);
    // Maps the part of the file that grew on disk. *grew tells whether it did.
    UiStatus followGrowth(bool* grew);
    // Makes the copy written by a Save As job the document (see Document::adoptCopy).
    UiStatus adoptCopy(const QByteArray& rawPath);
    // A save with inserts or deletes is a copy written on a worker (SaveAsJob to path())
    // and then this, with what the copy returned (see Document::finishSavePieces).
    UiStatus saveCheck(bool cutAppended) const;
    UiStatus finishSavePieces(const Status& copied);
    // Opens the file again from its path (in `mode`): reload, Reopen As, a log rotated or
    // truncated under Follow End. Refused while a worker reads. On failure the current
    // document stays.
    UiStatus reopen(OpenMode mode);
    // Ends the current typing step (the next typed byte starts a new undo step).
    void breakCoalescing() { m_doc->breakCoalescing(); }
    // The fault guard absorbed a fault somewhere in this mapping: tell the listeners once.
    void noteDamage();
    // Another process wrote into the file in place (its mtime changed, its size did not):
    // the mapping already shows the new bytes (shared and read-only mappings are the page
    // cache; so are a private mapping's unedited pages), so this only tells the views to
    // repaint, a finished search that its results may be stale, and what is derived from
    // the bytes to look again (DocumentChange::Disk over the whole file). Our own writes
    // move the mtime too: DiskWatcher takes the mtime after each of our changes as known.
    void noteWrittenOnDisk();
    // Private mode, after another process truncated the file: applies every unsaved edit
    // again (see Document::recoverEdits). *applied: how many changes.
    UiStatus recoverEdits(std::size_t* applied);
    // After inserts or deletes, when the file was cut under them: keep every inserted byte
    // and what the file still holds (see Document::keepWhatRemains). *lost: the ranges
    // that went, in offsets before.
    UiStatus keepWhatRemains(std::vector<std::pair<std::uint64_t, std::uint64_t>>* lost);

    // Why an edit would be refused now (read-only, write-protected, a worker reading), or "".
    QString editBlocker() const;

    // A read lease for a worker (see read_gate.h). Thread-safe.
    ReadLease lease(const QString& holder, bool yields = false,
                    std::shared_ptr<std::atomic<bool>> stop = {}) const;
    // Whether a worker that refuses changes reads the document (a search, Save As). Workers
    // that yield (the line count) are stopped by a change instead, so they do not count.
    bool leased() const { return m_doc->held(); }
    // Asks every worker reading this document to stop and waits until they have.
    void stopReaders() { m_doc->stopReaders(); }

signals:
    void changed(const hexmap::DocumentChange& change);
    // The document is about to go: whoever runs a job on it stops it now (its tab emits this).
    void closing();

private:
    DocumentModel(std::unique_ptr<Document> doc, QByteArray rawPath);
    // Emits changed() for an operation that succeeded; `bytes` is the range it wrote.
    void notify(unsigned what, std::uint64_t start = 0, std::uint64_t end = 0, std::int64_t delta = 0);
    UiStatus stepHistory(bool forward); // undo (false) or redo (true)

    std::unique_ptr<Document> m_doc;
    QByteArray m_rawPath;
    QString m_path;
    bool m_damageNoted = false;
};

} // namespace hexmap
