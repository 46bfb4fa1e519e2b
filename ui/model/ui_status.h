// SPDX-License-Identifier: MIT
// UiStatus: success, or a failure with the sentence the user is shown. The UI's operations
// (edits, saves, opens, finds, a job's work) return it instead of a QString that is empty on
// success: a caller cannot read an error as a success or drop it unread ([[nodiscard]]),
// and a failure always has words. The core's Status converts with fromCore().
#pragma once

#include "result.h"

#include <QString>

namespace hexmap {

class [[nodiscard]] UiStatus {
public:
    UiStatus() = default; // success

    // A failure, with the sentence shown (never empty: an empty one would read as success
    // where messages are still strings, so it is given a generic sentence).
    static UiStatus failure(QString message) {
        UiStatus s;
        s.m_failed = true;
        s.m_message =
            message.isEmpty() ? QStringLiteral("The operation failed.") : std::move(message);
        return s;
    }
    // From a message where empty means success (a job's error signal, Qt's APIs).
    static UiStatus fromMessage(const QString& messageOrEmpty) {
        return messageOrEmpty.isEmpty() ? UiStatus() : failure(messageOrEmpty);
    }
    static UiStatus fromCore(const Error& error) {
        return failure(QString::fromStdString(error.message));
    }
    static UiStatus fromCore(const Status& status) {
        return status ? UiStatus() : failure(QString::fromStdString(status.error().message));
    }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    // The failure's sentence; empty on success.
    const QString& message() const { return m_message; }

private:
    QString m_message;
    bool m_failed = false;
};

} // namespace hexmap
