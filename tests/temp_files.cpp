// SPDX-License-Identifier: MIT
#include "temp_files.h"

#include <QSettings>

#include <QCoreApplication>

#include <QFile>
#include <QtTest>
#include <fcntl.h>
#include <random>
#include <unistd.h>

namespace testutil {

std::string writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write test file %s", qPrintable(path));
    return path.toStdString();
}

QString newFile(const QTemporaryDir& dir, const QByteArray& bytes) {
    static int counter = 0;
    return QString::fromStdString(writeFile(dir, QStringLiteral("file%1.bin").arg(++counter), bytes));
}

std::string sparseFile(const QTemporaryDir& dir, const QString& name, std::uint64_t size,
                       const QByteArray& tail) {
    const std::string path = dir.filePath(name).toStdString();
    const int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_RDWR | O_CLOEXEC, 0644);
    if (fd < 0 || ftruncate(fd, static_cast<off_t>(size)) != 0) qFatal("cannot make sparse file");
    if (!tail.isEmpty() &&
        pwrite(fd, tail.constData(), static_cast<size_t>(tail.size()),
               static_cast<off_t>(size - static_cast<std::uint64_t>(tail.size()))) != tail.size())
        qFatal("cannot write sparse tail");
    ::close(fd);
    return path;
}

QByteArray randomBytes(std::size_t n, std::uint32_t seed) {
    std::mt19937 rng(seed);
    QByteArray out(static_cast<qsizetype>(n), Qt::Uninitialized);
    for (auto& c : out) c = static_cast<char>(rng() & 0xff);
    return out;
}

void isolateSettings(const QTemporaryDir& dir) {
    qputenv("XDG_DATA_HOME", QFile::encodeName(dir.filePath("data")));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName("hexmap-test");
    QCoreApplication::setApplicationName("hexmap-test");
}

} // namespace testutil
