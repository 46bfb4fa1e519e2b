// SPDX-License-Identifier: MIT
// FilteredLines: the lines of one document that its filters keep, for the filter pane. It
// owns the rules (each on or off), runs a FilterJob over the file and gathers what it keeps
// as it arrives (16 bytes a line), goes on from where it ended when the file grows (Follow
// End), and starts again when the bytes before that change (an edit, a reload, a truncation).
#pragma once

#include "chunked_list.h"

#include "document_change.h"
#include "line_filter.h"
#include "ui_status.h"

#include <QObject>
#include <QString>
#include <memory>
#include <vector>

namespace hexmap {

class DocumentModel;
class FilterJob;

// One filter as the user made it.
struct FilterRule {
    QString text;
    bool regex = false;
    bool exclude = false; // hide the lines it matches
    bool enabled = true;
    friend bool operator==(const FilterRule&, const FilterRule&) = default;
};

class FilteredLines : public QObject {
    Q_OBJECT
public:
    explicit FilteredLines(DocumentModel* model, QObject* parent = nullptr);
    ~FilteredLines() override;

    // Sets the rules and filters again; a rule that does not parse is refused with its reason
    // (and nothing changes).
    UiStatus setRules(const std::vector<FilterRule>& rules);
    const std::vector<FilterRule>& rules() const { return m_rules; }
    // Whether any enabled rule is set (with none, the pane shows nothing).
    bool active() const;

    std::size_t count() const { return m_lines.size(); }
    const FilteredLine& at(std::size_t i) const { return m_lines[i]; }
    // The index of the last kept line starting at or before `offset` (0 when none).
    std::size_t indexAtOrBefore(std::uint64_t offset) const;
    bool running() const { return m_job != nullptr; }
    bool complete() const { return m_complete; }
    // The lines the scans have looked at (a last line without its newline counts).
    std::uint64_t linesSeen() const { return m_linesSeen; }
    // Stops the job (the document is closing).
    void stop();

signals:
    // Lines were added (at the end) or everything was reset.
    void changed();
    void progress(quint64 done, quint64 total);
    // A filter run failed (the reason); what was kept so far stays.
    void failed(const QString& reason);

private:
    void onDocumentChanged(const DocumentChange& change);
    void restart();
    void startFrom(std::uint64_t from, std::uint64_t number);
    void onFinished(bool cancelled, const QString& error);

    DocumentModel* m_model;
    std::vector<FilterRule> m_rules;
    std::vector<LineFilterRule> m_compiled; // the enabled ones
    ChunkedList<FilteredLine> m_lines; // the job's batches, linked in as they come
    std::unique_ptr<FilterJob> m_job;
    std::uint64_t m_resumeAt = 0;
    std::uint64_t m_resumeNumber = 0;
    std::uint64_t m_jobFirstNumber = 0; // the running job's first line number
    std::uint64_t m_linesSeen = 0;
    bool m_complete = false;
    bool m_again = false; // the bytes changed while a job ran: start over when it ends
};

} // namespace hexmap
