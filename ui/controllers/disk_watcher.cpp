// SPDX-License-Identifier: MIT
#include "disk_watcher.h"

#include "document_model.h"

#include <QFile>
#include <QFileSystemWatcher>
#include <QTimer>
#include <sys/stat.h>

namespace hexmap {

DiskWatcher::DiskWatcher(DocumentModel* model, QObject* parent)
    : QObject(parent), m_model(model), m_watcher(new QFileSystemWatcher(this)),
      m_poll(new QTimer(this)), m_soon(new QTimer(this)) {
    m_soon->setSingleShot(true);
    m_soon->setInterval(15);
    connect(m_soon, &QTimer::timeout, this, &DiskWatcher::check);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
        m_soon->start();
        // A file that was removed and created again drops out of the watch list.
        if (m_watcher->files().isEmpty()) watchPath();
    });
    m_poll->setInterval(1000);
    connect(m_poll, &QTimer::timeout, this, &DiskWatcher::check);
    m_poll->start();
    connect(m_model, &DocumentModel::changed, this, [this](const DocumentChange& change) {
        if (change.has(DocumentChange::Replaced)) {
            m_shrinkReported = false;
            m_growthReportedAt = 0;
            watchPath();
        } else if (!change.has(DocumentChange::Disk) && !change.has(DocumentChange::Damaged)) {
            // Our own write (a shared edit faults a page writable, a save writes) moves the
            // mtime at once: take it as known, or the next look would call it another
            // process's write and have the lines counted and the search marked stale again.
            readMtime();
        }
    });
    watchPath();
}

void DiskWatcher::watchPath() {
    if (!m_watcher->files().isEmpty()) m_watcher->removePaths(m_watcher->files());
    m_watcher->addPath(m_model->path());
    struct stat st;
    if (::fstat(m_model->document().file().fd(), &st) == 0) {
        m_dev = st.st_dev;
        m_ino = st.st_ino;
    }
    readMtime();
}

void DiskWatcher::readMtime() {
    struct stat st;
    if (::fstat(m_model->document().file().fd(), &st) == 0)
        m_mtimeNs = std::int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

bool DiskWatcher::replacedOnDisk() const {
    struct stat st;
    if (::stat(m_model->rawPath().constData(), &st) != 0) return false;
    return st.st_dev != m_dev || st.st_ino != m_ino;
}

void DiskWatcher::setFollow(bool on) {
    m_follow = on;
    // Following wants a quicker look than the once-a-second watch.
    m_poll->setInterval(on ? std::min(m_pollMs, 250) : m_pollMs);
    if (on) check();
}

void DiskWatcher::setPollInterval(int ms) {
    m_pollMs = ms;
    m_poll->setInterval(m_follow ? std::min(ms, 250) : ms);
}

void DiskWatcher::check() {
    const Document& doc = m_model->document();
    const std::uint64_t onDisk = doc.sizeOnDisk();
    // A write in place by another process (dd conv=notrunc, a database page): same size,
    // new mtime. The mapping shows the new bytes already; the views must be told.
    struct stat st;
    if (::fstat(doc.file().fd(), &st) == 0) {
        const std::int64_t mtime = std::int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
        if (mtime != m_mtimeNs) {
            m_mtimeNs = mtime;
            // The mapping's size: with inserts and deletes the document's is another.
            if (std::uint64_t(st.st_size) == doc.file().size()) m_model->noteWrittenOnDisk();
        }
    }
    // A private document with edits may have its own size; only the part that still comes
    // from the file can be lost (the kernel drops copy-on-write pages past the new end).
    if (doc.mode() == OpenMode::Private && doc.isModified()) {
        if ((onDisk < doc.fileBackedSize() || doc.damaged()) && !m_shrinkReported) {
            m_shrinkReported = true;
            emit this->shrank(onDisk);
        } else if (doc.appendedOnDisk() > 0) {
            // Follow End keeps following under the edits (the new bytes join the end); a
            // document resized by the user cannot, and says the file grew instead.
            if (m_follow && doc.canFollowGrowth() && !m_shrinkReported)
                followGrowth();
            else
                reportGrowth(onDisk);
        }
        return;
    }
    const std::uint64_t size = doc.size();
    const bool shrank = onDisk < size || doc.damaged();

    if (m_follow && !doc.isModified() && (shrank || replacedOnDisk())) {
        // tail -F: the file was truncated or replaced. Open it again and follow it from
        // there. While a worker reads the mapping, try again at the next look.
        if (m_model->leased()) return;
        const UiStatus error = m_model->reopen(doc.mode());
        if (!error) {
            emit message(error.message());
            return;
        }
        emit message(tr("\"%1\" was truncated or replaced on disk; following it from its new "
                        "start.").arg(m_model->fileName()));
        emit followed();
        return;
    }
    if (shrank) {
        if (!m_shrinkReported) {
            m_shrinkReported = true;
            emit this->shrank(onDisk);
        }
        return;
    }
    if (onDisk > size) {
        if (m_follow)
            followGrowth();
        else
            reportGrowth(onDisk);
    }
}

void DiskWatcher::followGrowth() {
    if (m_model->leased()) return; // a worker reads: follow at the next look
    bool grew = false;
    const UiStatus error = m_model->followGrowth(&grew);
    if (!error)
        emit message(error.message());
    else if (grew)
        emit followed();
}

void DiskWatcher::reportGrowth(std::uint64_t onDisk) {
    if (m_growthReportedAt == onDisk) return; // said once for each new size
    m_growthReportedAt = onDisk;
    emit grew(onDisk);
}

} // namespace hexmap
