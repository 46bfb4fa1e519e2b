// SPDX-License-Identifier: MIT
// LineCounter: the line numbers of one document. It owns the LineIndex, starts a
// LineCountJob for the blocks it does not know, and follows the document: an edit makes the
// blocks it touched unknown and recounts only those (a few blocks on the spot, more on the
// worker), growth counts the new blocks, a reload counts everything again.
#pragma once

#include "line_index.h"

#include <QObject>
#include <QPointer>
#include <cstdint>
#include <memory>
#include <vector>

namespace hexmap {

struct DocumentChange;
class DocumentModel;
class LineCountJob;

class LineCounter : public QObject {
    Q_OBJECT
public:
    // Starts counting from the event loop, or (deferred) when start() is called: the window
    // starts it after the first frame, so the count's two threads do not compete with it.
    explicit LineCounter(DocumentModel* model, QObject* parent = nullptr, bool deferred = false);
    void start();
    ~LineCounter() override;

    const LineIndex& index() const { return m_index; }
    bool complete() const { return m_index.complete(); }
    // 0-based line of `offset`, or nullopt while counting.
    std::optional<std::uint64_t> lineOf(std::uint64_t offset) const;
    std::optional<std::uint64_t> lineCount() const;
    // Where 1-based line `line` starts; nullopt while counting or past the last line.
    std::optional<std::uint64_t> startOfLine(std::uint64_t line) const;
    // Stops the worker (before the tab closes).
    void stop();
    // "line N of M", "counting lines… 40%", for the status bar.
    QString statusText(std::uint64_t offset) const;

signals:
    // Counts arrived or the index was invalidated: gutters and the status bar repaint.
    void updated();

private:
    void onChanged(const DocumentChange& change);
    void startJob();

    DocumentModel* m_model;
    LineIndex m_index;
    std::unique_ptr<LineCountJob> m_job;
    std::uint64_t m_generation = 0; // counts from an older generation are stale
    bool m_restart = false;
    bool m_deferred = false;
};

} // namespace hexmap
