// SPDX-License-Identifier: MIT
#include "log_time_model.h"

#include "document.h"
#include "document_change.h"
#include "document_model.h"

#include <QDateTime>
#include <QFileInfo>
#include <algorithm>
#include <cstring>
#include <vector>

namespace hexmap {

LogTimeModel::LogTimeModel(const DocumentModel* model, QObject* parent)
    : QObject(parent), m_model(model) {
    connect(model, &DocumentModel::changed, this, &LogTimeModel::onChanged);
    detect();
}

void LogTimeModel::onChanged(const DocumentChange& change) {
    // Another file (a reload, a Save As) or bytes at the start: look at the format again.
    if (change.has(DocumentChange::Replaced) ||
        (change.has(DocumentChange::Bytes) && change.start < 64 * 1024) ||
        (m_format == TimeFormat::None && change.has(DocumentChange::Grew)))
        detect();
}

void LogTimeModel::detect() {
    const QDateTime modified = QFileInfo(m_model->path()).lastModified().toUTC();
    m_year =
        modified.isValid() ? modified.date().year() : QDateTime::currentDateTimeUtc().date().year();
    const ByteView bytes = m_model->view();
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(bytes.size(), 64 * 1024));
    std::vector<std::uint8_t> scratch;
    const auto head = bytes.bytes(0, n, scratch);
    m_format = detectTimeFormat(
        std::string_view(reinterpret_cast<const char*>(head.data()), head.size()), m_year);
}

std::optional<std::int64_t> LogTimeModel::timeAt(std::uint64_t offset) const {
    if (m_format == TimeFormat::None) return std::nullopt;
    const ByteView bytes = m_model->view();
    if (offset >= bytes.size()) return std::nullopt;
    // Back to the line's start (at most 64 KiB: a longer line has no time worth showing).
    const std::uint64_t start =
        bytes.afterNewlineBefore(offset, offset > 64 * 1024 ? offset - 64 * 1024 : 0);
    std::vector<std::uint8_t> scratch;
    const auto line = bytes.bytes(
        start, static_cast<std::size_t>(std::min<std::uint64_t>(512, bytes.size() - start)),
        scratch);
    std::string_view text(reinterpret_cast<const char*>(line.data()), line.size());
    if (const auto nl = text.find('\n'); nl != std::string_view::npos) text = text.substr(0, nl);
    return lineTime(text, m_format, m_year);
}

QString LogTimeModel::timeTextAt(std::uint64_t offset) const {
    const auto t = timeAt(offset);
    return t ? QString::fromStdString(formatTime(*t)) : QString();
}

std::optional<std::uint64_t> LogTimeModel::offsetOfTime(const QString& text,
                                                        std::uint64_t cursor) const {
    if (m_format == TimeFormat::None) return std::nullopt;
    const auto target = parseTimeQuery(text.toStdString(), timeAt(cursor));
    if (!target) return std::nullopt;
    return findTime(m_model->view(), m_format, m_year, *target);
}

} // namespace hexmap
