// SPDX-License-Identifier: MIT
// MergedLogs: several log files as one list of lines ordered by time (issue 22; lnav's
// merged view). It opens each file read-only (a DocumentModel and its LogTimeModel, which
// finds the timestamp format), runs a MergeJob and links in the batches of merged lines as
// they arrive: 8 bytes a line, plus each batch's first line numbers, so a row's number in
// its own file is a count within one batch of at most kMergeBatchLines. A file whose lines
// start with no recognised timestamp is refused at open, with the formats it knows.
#pragma once

#include "log_merge.h"
#include "ui_status.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace hexmap {

class DocumentModel;
class LogTimeModel;
class MergeJob;

class MergedLogs : public QObject {
    Q_OBJECT
public:
    explicit MergedLogs(QObject* parent = nullptr);
    ~MergedLogs() override;

    // Opens the files (at least one, at most kMaxMergedFiles); a failure names the file and
    // why. Call once, then start().
    UiStatus open(const QStringList& paths);
    // Merges (again, from the start).
    void start();
    void stop();

    int fileCount() const { return static_cast<int>(m_files.size()); }
    DocumentModel* model(int file) const;
    const LogTimeModel& times(int file) const;
    QString fileName(int file) const;

    std::size_t count() const { return m_count; }
    MergedLine at(std::size_t row) const;
    // The row's line number in its own file (0-based).
    std::uint64_t lineNumber(std::size_t row) const;
    // The row's line, at most `max` bytes, without its newline (a view into `scratch` or
    // the mapping; valid until the next change of that document).
    std::string_view text(std::size_t row, std::size_t max,
                          std::vector<std::uint8_t>& scratch) const;
    // What another process did to a file since it was opened: its size on disk now (the
    // window checks it). Rows of a file past its size on disk are gone: readable() says up to
    // where its bytes are still real.
    void noteSizeOnDisk(int file, std::uint64_t size);
    std::uint64_t readable(int file) const;
    // The row's time: its own, or for a line without one the time of the nearest line above
    // it from the same file (looking back at most 256 rows).
    std::optional<std::int64_t> timeOf(std::size_t row) const;
    // The first row whose time is at or after `ms` (binary search; count() when none).
    std::size_t rowOfTime(std::int64_t ms) const;

    // Lines of `file` in the merge, once it is complete (0 before).
    std::uint64_t linesOf(int file) const;
    bool running() const { return m_job != nullptr; }
    bool complete() const { return m_complete; }
    // Why the last merge failed ("" when it did not).
    QString error() const { return m_error; }
    // Milliseconds from start() to the end of the merge (or to now while it runs).
    qint64 elapsedMs() const;

signals:
    // Rows were added at the end (or everything was reset).
    void changed();
    void progress(quint64 done, quint64 total);
    void finished();

private:
    struct File {
        std::unique_ptr<DocumentModel> model;
        std::unique_ptr<LogTimeModel> times;
        std::uint64_t onDisk = ~std::uint64_t{0};
    };
    void onMerged(const std::vector<std::shared_ptr<const MergedBatch>>& batches);
    void onFinished(bool cancelled, const QString& error);
    // The batch holding `row` and the row's index in it.
    std::pair<const MergedBatch*, std::size_t> locate(std::size_t row) const;

    std::vector<File> m_files;
    std::vector<std::shared_ptr<const MergedBatch>> m_batches;
    std::vector<std::size_t> m_starts; // first row of each batch
    std::size_t m_count = 0;
    std::vector<std::uint64_t> m_linesPerFile; // the finished merge's summary
    std::unique_ptr<MergeJob> m_job;
    bool m_complete = false;
    QString m_error;
    qint64 m_startedAt = 0;
    qint64 m_endedAt = -1;
};

} // namespace hexmap
