// SPDX-License-Identifier: MIT
#include "display_format.h"

#include <QLocale>

namespace hexmap {

QString humanSize(std::uint64_t bytes) {
    return QLocale::system().formattedDataSize(static_cast<qint64>(bytes), 1,
                                               QLocale::DataSizeIecFormat);
}

QString hexOffset(std::uint64_t offset) { return QStringLiteral("0x") + QString::number(offset, 16); }

} // namespace hexmap
