// SPDX-License-Identifier: MIT
#include "finish_rewrite.h"

#include "rewrite_in_place.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QProgressDialog>
#include <QTimer>
#include <atomic>
#include <thread>

namespace hexmap {

bool saveLeftUnfinished(const QByteArray& rawPath) { return rewriteUnfinished(rawPath.toStdString()); }

UiStatus finishUnfinishedSave(const QByteArray& rawPath, QWidget* parent) {
    const std::string path = rawPath.toStdString();
    std::atomic<std::uint64_t> done{0}, total{0};
    std::atomic<bool> over{false};
    Status result;
    std::thread worker([&] {
        result = finishRewrite(path, [&](std::uint64_t d, std::uint64_t t) {
            done = d;
            total = t;
            return true;
        });
        over = true;
    });
    QProgressDialog progress(QCoreApplication::translate("hexmap", "Finishing the save of \"%1\"\u2026")
                                 .arg(QFile::decodeName(rawPath)),
                             QString(), 0, 1000, parent);
    progress.setObjectName("finishSaveProgress");
    progress.setCancelButton(nullptr);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    QEventLoop wait;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &wait, [&] {
        if (const std::uint64_t t = total.load()) progress.setValue(int(done.load() * 1000 / t));
        if (over.load()) wait.quit();
    });
    poll.start(30);
    if (!over.load()) wait.exec();
    worker.join();
    progress.hide();
    if (!result) return UiStatus::fromCore(result.error());
    return {};
}

} // namespace hexmap
