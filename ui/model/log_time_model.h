// SPDX-License-Identifier: MIT
// LogTimeModel: the time of the lines of one document (issue 22). It finds the timestamp
// format from the file's first 64 KiB when the document opens or is replaced (core's
// log_time), then answers, on the GUI thread, the time of the line holding an offset (one
// line read) and where a typed time falls (a binary search reading O(log n) lines). Syslog
// lines have no year: the file's modification year is taken.
#pragma once

#include "log_time.h"

#include <QObject>
#include <QString>
#include <cstdint>
#include <optional>

namespace hexmap {

class DocumentModel;
struct DocumentChange;

class LogTimeModel : public QObject {
    Q_OBJECT
public:
    explicit LogTimeModel(const DocumentModel* model, QObject* parent = nullptr);

    TimeFormat format() const { return m_format; }
    // The year syslog lines are taken to be in.
    int year() const { return m_year; }
    // The time of the line holding `offset` ("" when it has none or the file has no format).
    std::optional<std::int64_t> timeAt(std::uint64_t offset) const;
    QString timeTextAt(std::uint64_t offset) const;
    // Go To's time: the start of the first line at or after the time `text` names (a time of
    // day is on the day of the line at `cursor`); nullopt when `text` is not a time or the
    // file has none.
    std::optional<std::uint64_t> offsetOfTime(const QString& text, std::uint64_t cursor) const;

private:
    void detect();
    void onChanged(const DocumentChange& change);

    const DocumentModel* m_model;
    TimeFormat m_format = TimeFormat::None;
    int m_year = 1970;
};

} // namespace hexmap
