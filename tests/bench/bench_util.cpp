// SPDX-License-Identifier: MIT
#include "bench_util.h"

#include <QFile>

#include <fcntl.h>
#include <unistd.h>

namespace bench {

double msPerFrame(QAbstractScrollArea& view, int frames) {
    std::vector<double> samples;
    for (int round = 0; round < 5; ++round) {
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < frames; ++i)
            view.viewport()->repaint();
        samples.push_back(double(t.nsecsElapsed()) / 1e6 / frames);
    }
    return median(samples);
}

QByteArray logText(std::size_t bytes) {
    QByteArray out;
    out.reserve(qsizetype(bytes) + 128);
    int i = 0;
    while (std::size_t(out.size()) < bytes) {
        out += "2026-11-26 12:00:";
        out += QByteArray::number(10 + i % 50);
        out += i % 7 == 0 ? " [worker-3] ERROR request failed id=" : " [worker-1] INFO request served id=";
        out += QByteArray::number(i++);
        out += '\n';
    }
    out.truncate(qsizetype(bytes));
    return out;
}

bool writeFile(const QString& path, const QByteArray& bytes, long long sparseSize) {
    const int fd = ::open(path.toLocal8Bit().constData(), O_CREAT | O_TRUNC | O_RDWR, 0644);
    if (fd < 0) return false;
    bool ok = true;
    if (sparseSize) {
        ok = ::ftruncate(fd, sparseSize) == 0 &&
             ::pwrite(fd, bytes.constData(), size_t(bytes.size()), 0) == bytes.size() &&
             ::pwrite(fd, bytes.constData(), size_t(bytes.size()), sparseSize - bytes.size()) == bytes.size();
    } else {
        ok = ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size();
    }
    ::close(fd);
    return ok;
}

double seconds(const std::function<void()>& f) {
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e9;
}

long residentKiB(const char* field) {
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(field)) return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLong();
    return 0;
}

} // namespace bench
