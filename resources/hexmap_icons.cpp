// SPDX-License-Identifier: MIT
// hexmap-icons OUTDIR: writes OUTDIR/SIZE/hexmap.png for the hicolor sizes (build step).
#include "app_icon.h"

#include <QDir>
#include <QGuiApplication>
#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    for (int s : {16, 24, 32, 48, 64, 128, 256}) {
        const QString dir = QString::fromLocal8Bit(argv[1]) + QString("/%1x%1").arg(s);
        QDir().mkpath(dir);
        if (!hexmap::renderAppIcon(s).save(dir + "/io.github.hexmap.HexMap.png")) {
            std::fprintf(stderr, "hexmap-icons: cannot write %s\n", qPrintable(dir));
            return 1;
        }
    }
    return 0;
}
