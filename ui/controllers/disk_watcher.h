// SPDX-License-Identifier: MIT
// DiskWatcher: notices what other processes do to an open file, and Follow End.
//
// It watches the file with inotify (QFileSystemWatcher) and, as a fall-back, with a cheap
// fstat every second (every 250 ms while following), and tells the tab when the file
// shrank (bytes past the new size read as zeros: the tab shows a banner and blocks save)
// or grew. With Follow End on it follows the file as `tail -F` does: growth is mapped as
// it comes; a file that was truncated (log rotation by copy-truncate, `: > log`) or
// replaced by a new file at the same path is opened again and followed from there.
// When a worker holds the document's read lease, a step of following waits for the next
// look instead of pulling the mapping from under it.
#pragma once

#include <QObject>
#include <cstdint>
#include <sys/types.h>

class QFileSystemWatcher;
class QTimer;

namespace hexmap {

class DocumentModel;

class DiskWatcher : public QObject {
    Q_OBJECT
public:
    explicit DiskWatcher(DocumentModel* model, QObject* parent = nullptr);

    void setFollow(bool on);
    bool following() const { return m_follow; }
    // The fall-back poll's period (1 s; 250 ms while following). Tests lengthen it to
    // show that inotify alone notices a change.
    void setPollInterval(int ms);
    // Looks at the file now (the watcher and the timer call it).
    void check();

signals:
    // The file on disk is smaller than the document (reported once per shrink).
    void shrank(std::uint64_t sizeOnDisk);
    // The file grew and is not followed (reported once per size).
    void grew(std::uint64_t sizeOnDisk);
    // Following: the document grew, or was opened again after a truncation or rotation.
    void followed();
    void message(const QString& text);

private:
    void watchPath();
    bool replacedOnDisk() const;
    // Follow End: takes the file's growth into the document (at the next look while a
    // worker reads); a failure is said.
    void followGrowth();
    // Without Follow End: says the file grew (once for each new size).
    void reportGrowth(std::uint64_t onDisk);

    DocumentModel* m_model;
    QFileSystemWatcher* m_watcher;
    QTimer* m_poll;
    QTimer* m_soon; // coalesces a burst of inotify events into one look
    bool m_follow = false;
    int m_pollMs = 1000;
    bool m_shrinkReported = false;
    std::uint64_t m_growthReportedAt = 0;
    dev_t m_dev = 0;
    ino_t m_ino = 0;
    // The file's last modification time seen, for writes in place by other processes.
    std::int64_t m_mtimeNs = 0;
    void readMtime(); // the file's mtime as known now (after our own writes)
};

} // namespace hexmap
