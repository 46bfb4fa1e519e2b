// SPDX-License-Identifier: MIT
#include "demo_log.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <random>

namespace hexmap {

QString ensureDemoLog(const QString& path) {
    if (QFileInfo::exists(path)) return {};
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) return out.errorString();
    std::mt19937 rng(2026);
    static const char* levels[] = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
    static const char* what[] = {"request served", "cache miss", "connection opened",
                                 "connection closed", "slow query", "retrying upstream",
                                 "disk write failed", "user logged in"};
    QByteArray chunk;
    for (int i = 0; i < 50000; ++i) {
        const unsigned ms = static_cast<unsigned>(i) * 37u;
        chunk += QStringLiteral("2026-11-26T%1:%2:%3.%4Z %5 worker-%6 %7 id=%8 bytes=%9\n")
                     .arg(ms / 3600000 % 24, 2, 10, QLatin1Char('0'))
                     .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
                     .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
                     .arg(ms % 1000, 3, 10, QLatin1Char('0'))
                     .arg(QLatin1String(levels[rng() % 6]), -5)
                     .arg(rng() % 8)
                     .arg(QLatin1String(what[rng() % 8]))
                     .arg(rng(), 8, 16, QLatin1Char('0'))
                     .arg(rng() % 100000)
                     .toLatin1();
        if (chunk.size() > (1 << 20)) {
            out.write(chunk);
            chunk.clear();
        }
    }
    // A little binary at the end: a header-like record and every byte value.
    chunk += QByteArray::fromHex("7f454c4602010100deadbeefcafebabe");
    for (int b = 0; b < 256; ++b) chunk += static_cast<char>(b);
    out.write(chunk);
    return out.commit() ? QString() : out.errorString();
}

} // namespace hexmap
