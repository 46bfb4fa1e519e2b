// SPDX-License-Identifier: MIT
// MergeWindow: several logs in one view ordered by time (File > Merge Logs by Time...,
// `hexmap --merge A B ...`). A legend names each file on its tag colour with its timestamp
// format and line count; the view (MergedLogView) shows rows as soon as the first batch is
// merged while the MergeJob goes on; the status line says how far the merge is, then how
// many lines it merged and how long it took, and the time, file and line of the current
// row. The Go To field (Ctrl+G) takes a time ("2026-11-26T03:21", "03:21:10", a time of day
// on the current row's day) found by binary search over the merged rows, or a bare number,
// a row of the merged view. Enter or a double click on a row opens its file in the main
// window at that line (openRequested). e/E and w/W go to the next/previous error or warning
// (the level word on the line, log_level.h); F5 merges again and comes back to the line.
#pragma once

#include "ui_status.h"

#include <QString>
#include <QStringList>
#include <QWidget>
#include <cstdint>
#include <optional>

class QLabel;
class QLineEdit;
class QTimer;

namespace hexmap {

class MergedLogs;
class MergedLogView;

class MergeWindow : public QWidget {
    Q_OBJECT
public:
    // Opens the files and starts the merge; on failure *error says why and the window is
    // not usable.
    MergeWindow(const QStringList& paths, QString* error, QWidget* parent = nullptr);
    ~MergeWindow() override;

    MergedLogs* logs() const { return m_logs; }
    MergedLogView* view() const { return m_view; }
    QLineEdit* goToField() const { return m_goTo; }
    QString statusText() const;
    // Go To: a time or a row number (1-based); a failure says why.
    UiStatus goTo(const QString& text);
    // F5: opens the files again and merges them as they are now (after another process cut
    // or grew one); a failure says why and keeps what is shown.
    UiStatus reload();
    // Compares each file's size on disk with what was merged (once a second, and for tests).
    void checkDisk();
    QString noteText() const;
    // e/E, w/W: the next (or previous) row whose line names an error (or a warning), looked
    // for a slice of rows at a time from the event loop, so ten million rows never block
    // the window; the note says what it is looking for, then where it stopped. A new
    // request replaces one under way.
    void findLevel(bool error, bool forward);
    bool findingLevel() const;

signals:
    // Open `path` at `offset` (a line start) in the main window.
    void openRequested(const QString& path, quint64 offset);

private:
    UiStatus load();
    void updateStatus();
    void updateLegend();
    void continueLevelScan();
    void showKeptRow();

    MergedLogs* m_logs = nullptr;
    MergedLogView* m_view = nullptr;
    QLabel* m_legend = nullptr;
    QLineEdit* m_goTo = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_note = nullptr;
    QTimer* m_diskCheck = nullptr;
    QStringList m_paths;
    QString m_diskNote;
    quint64 m_done = 0;
    quint64 m_total = 0;
    // The level scan under way (findLevel).
    QTimer* m_levelScan = nullptr;
    bool m_levelError = true;
    bool m_levelForward = true;
    std::size_t m_levelNext = 0; // the next row to look at
    // F5 keeps the current row's time and file: the merge shows it again when done.
    std::optional<std::int64_t> m_keepTime;
    int m_keepFile = -1;
    std::uint64_t m_keepStart = 0; // the row's line start in its file
};

} // namespace hexmap
