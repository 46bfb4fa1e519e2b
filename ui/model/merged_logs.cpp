// SPDX-License-Identifier: MIT
#include "merged_logs.h"

#include "document_model.h"
#include "log_time_model.h"
#include "merge_job.h"

#include <QDateTime>
#include <algorithm>
#include <cstring>

namespace hexmap {

MergedLogs::MergedLogs(QObject* parent) : QObject(parent) {}

MergedLogs::~MergedLogs() {
    stop(); // the job reads the documents: it goes first
}

UiStatus MergedLogs::open(const QStringList& paths) {
    if (paths.isEmpty()) return UiStatus::failure(tr("Choose the log files to merge."));
    if (paths.size() > static_cast<int>(kMaxMergedFiles))
        return UiStatus::failure(tr("At most %1 files can be merged.").arg(kMaxMergedFiles));
    for (const QString& path : paths) {
        auto opened = DocumentModel::open(path, OpenMode::ReadOnly);
        if (!opened) return UiStatus::fromCore(opened.error());
        File f;
        f.model = std::move(opened.value());
        f.times = std::make_unique<LogTimeModel>(f.model.get());
        if (f.times->format() == TimeFormat::None)
            return UiStatus::failure(
                tr("\"%1\" cannot be merged by time: its first lines start with no timestamp "
                   "hexmap "
                   "knows (ISO 8601, syslog, common log, epoch seconds or milliseconds).")
                    .arg(f.model->fileName()));
        m_files.push_back(std::move(f));
    }
    return {};
}

DocumentModel* MergedLogs::model(int file) const {
    return m_files[static_cast<std::size_t>(file)].model.get();
}

const LogTimeModel& MergedLogs::times(int file) const {
    return *m_files[static_cast<std::size_t>(file)].times;
}

QString MergedLogs::fileName(int file) const {
    return model(file)->fileName();
}

void MergedLogs::start() {
    stop();
    m_batches.clear();
    m_starts.clear();
    m_count = 0;
    m_linesPerFile.clear();
    m_complete = false;
    m_error.clear();
    m_startedAt = QDateTime::currentMSecsSinceEpoch();
    m_endedAt = -1;
    emit changed();
    if (m_files.empty()) return;
    std::vector<const DocumentModel*> models;
    std::vector<TimeFormat> formats;
    std::vector<int> years;
    for (const File& f : m_files) {
        models.push_back(f.model.get());
        formats.push_back(f.times->format());
        years.push_back(f.times->year());
    }
    m_job = std::make_unique<MergeJob>(std::move(models), std::move(formats), std::move(years));
    connect(m_job.get(), &MergeJob::merged, this,
            [this](const std::shared_ptr<const MergedBatches>& b) { onMerged(*b); });
    connect(m_job.get(), &BackgroundJob::progress, this, &MergedLogs::progress);
    connect(m_job.get(), &BackgroundJob::finished, this, &MergedLogs::onFinished);
    m_job->start();
}

void MergedLogs::stop() {
    m_job.reset();
}

void MergedLogs::onMerged(const std::vector<std::shared_ptr<const MergedBatch>>& batches) {
    for (const auto& b : batches) {
        if (b->lines.empty()) continue;
        m_starts.push_back(m_count);
        m_count += b->lines.size();
        m_batches.push_back(b);
    }
    emit changed();
}

void MergedLogs::onFinished(bool cancelled, const QString& error) {
    m_endedAt = QDateTime::currentMSecsSinceEpoch();
    m_complete = !cancelled && error.isEmpty();
    m_error = error;
    if (m_complete) m_linesPerFile = m_job->summary().lines;
    if (cancelled && error.isEmpty()) m_error = tr("The merge was stopped.");
    m_job.release()->deleteLater(); // finished() is emitted from inside the job
    emit changed();
    emit finished();
}

std::uint64_t MergedLogs::linesOf(int file) const {
    const auto f = static_cast<std::size_t>(file);
    return f < m_linesPerFile.size() ? m_linesPerFile[f] : 0;
}

qint64 MergedLogs::elapsedMs() const {
    return (m_endedAt >= 0 ? m_endedAt : QDateTime::currentMSecsSinceEpoch()) - m_startedAt;
}

std::pair<const MergedBatch*, std::size_t> MergedLogs::locate(std::size_t row) const {
    const auto k = static_cast<std::size_t>(
                       std::upper_bound(m_starts.begin(), m_starts.end(), row) - m_starts.begin()) -
                   1;
    return {m_batches[k].get(), row - m_starts[k]};
}

MergedLine MergedLogs::at(std::size_t row) const {
    const auto [batch, i] = locate(row);
    return batch->lines[i];
}

std::uint64_t MergedLogs::lineNumber(std::size_t row) const {
    const auto [batch, i] = locate(row);
    const unsigned file = batch->lines[i].file();
    std::uint64_t n = batch->firstNumbers[file];
    for (std::size_t j = 0; j < i; ++j)
        n += batch->lines[j].file() == file;
    return n;
}

void MergedLogs::noteSizeOnDisk(int file, std::uint64_t size) {
    File& f = m_files[static_cast<std::size_t>(file)];
    if (f.onDisk == size) return;
    f.onDisk = size;
    emit changed();
}

std::uint64_t MergedLogs::readable(int file) const {
    const File& f = m_files[static_cast<std::size_t>(file)];
    return std::min(f.onDisk, f.model->size());
}

std::string_view MergedLogs::text(std::size_t row, std::size_t max,
                                  std::vector<std::uint8_t>& scratch) const {
    const MergedLine line = at(row);
    const ByteView view = model(static_cast<int>(line.file()))->view();
    const std::uint64_t size = readable(static_cast<int>(line.file()));
    if (line.start() >= size) return {};
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(max, size - line.start()));
    const auto bytes = view.bytes(line.start(), want, scratch);
    std::string_view s(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (const auto nl = s.find('\n'); nl != std::string_view::npos) s = s.substr(0, nl);
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    return s;
}

std::optional<std::int64_t> MergedLogs::timeOf(std::size_t row) const {
    if (row >= m_count) return std::nullopt;
    const unsigned file = at(row).file();
    std::vector<std::uint8_t> scratch;
    const LogTimeModel& t = times(static_cast<int>(file));
    for (std::size_t r = row, looked = 0; looked < 256; --r, ++looked) {
        if (at(r).file() == file)
            if (const auto ms = lineTime(text(r, 512, scratch), t.format(), t.year())) return ms;
        if (r == 0) break;
    }
    return std::nullopt;
}

std::size_t MergedLogs::rowOfTime(std::int64_t ms) const {
    // The rows' times grow (a line out of order in its file only makes the answer land
    // near it); a row with no time found counts as early.
    std::size_t lo = 0, hi = m_count;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        const auto t = timeOf(mid);
        if (!t || *t < ms)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

} // namespace hexmap
