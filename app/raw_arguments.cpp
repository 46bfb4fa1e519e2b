// SPDX-License-Identifier: MIT
#include "raw_arguments.h"

#include <QString>

namespace hexmap {

QList<QByteArray> rawPositionalArguments(int argc, char** argv, const QStringList& positional) {
    QList<QByteArray> out;
    int next = 1;
    for (const QString& wanted : positional) {
        QByteArray found = wanted.toLocal8Bit();
        // Positional arguments keep their order in argv: the first entry at or after the
        // last match that decodes to the same string is the one.
        for (int i = next; i < argc; ++i) {
            if (QString::fromLocal8Bit(argv[i]) == wanted) {
                found = QByteArray(argv[i]);
                next = i + 1;
                break;
            }
        }
        out << found;
    }
    return out;
}

} // namespace hexmap
