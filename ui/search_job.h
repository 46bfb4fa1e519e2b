// SearchJob: one search (find next, find previous or find all) on a worker thread, so
// the GUI thread never walks the file. Matches, progress and the end arrive as queued
// signals on the GUI thread; cancel() stops the workers within a chunk.
//
// The rule for concurrent edits: while a job runs, the window refuses edits to the
// document (MainWindow::editBlocker), so a search always sees one consistent state.
#pragma once

#include "pattern.h"
#include "searcher.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace hexmap {

class Document;

class SearchJob : public QObject {
    Q_OBJECT
public:
    enum class Kind { Next, Previous, All };

    // Starts at once. The document must stay open (and unedited) until finished() was
    // emitted or the job is destroyed; the destructor cancels and joins.
    SearchJob(const Document& document, Pattern pattern, Kind kind, std::uint64_t from,
              QObject* parent = nullptr);
    ~SearchJob() override;

    Kind kind() const { return m_kind; }
    const Pattern& pattern() const { return m_pattern; }
    void cancel() { m_cancel.store(true); }
    bool running() const { return m_running; }

    // How the job reads the document: for read-only and shared mappings, whose page cache
    // is the file, pread or the mapping, whichever chooseFileSource measures faster; the
    // mapping itself in private mode, where the unsaved copy-on-write edits live only there.
    static std::unique_ptr<ByteSource> sourceFor(const Document& document);

signals:
    void progress(quint64 done, quint64 total);
    // Find all: a batch of matches in offset order (the vector is moved into the signal).
    void matchesFound(std::shared_ptr<std::vector<hexmap::Match>> batch);
    // Find next/previous: the match, if any. wrapped: the search passed an end.
    void found(bool any, hexmap::Match match, bool wrapped);
    // The end, whatever it was. error is empty unless the search failed.
    void finished(bool cancelled, QString error);

private:
    void run(std::uint64_t from);

    Pattern m_pattern;
    Kind m_kind;
    std::unique_ptr<ByteSource> m_source;
    std::atomic<bool> m_cancel{false};
    bool m_running = true;
    std::thread m_thread;
};

} // namespace hexmap

Q_DECLARE_METATYPE(hexmap::Match)
