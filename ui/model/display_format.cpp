// SPDX-License-Identifier: MIT
#include "display_format.h"

#include <QLocale>

namespace hexmap {

QString humanSize(std::uint64_t bytes) {
    if (bytes < 1024) return counted(bytes, QStringLiteral("byte"), QStringLiteral("bytes"));
    return QLocale::system().formattedDataSize(static_cast<qint64>(bytes), 1,
                                               QLocale::DataSizeIecFormat);
}

QString counted(std::uint64_t n, const QString& one, const QString& many) {
    return QLocale::system().toString(qulonglong(n)) + QLatin1Char(' ') + (n == 1 ? one : many);
}

QString hexOffset(std::uint64_t offset) { return QStringLiteral("0x") + QString::number(offset, 16); }

} // namespace hexmap
