// SPDX-License-Identifier: MIT
// Paint benchmark: a full 1600x1000 viewport of the grid at the start and at the end of
// a 16 GiB sparse file. The cost must not depend on the scroll position: prints the
// time per frame for both and their ratio.
#include "cursor_model.h"
#include "document_model.h"
#include "hex_view.h"
#include "bench_util.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

using namespace hexmap;
using bench::msPerFrame;


int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;
    const std::string path = dir.filePath("sparse-16GiB.bin").toStdString();
    const int fd = ::open(path.c_str(), O_CREAT | O_RDWR, 0644);
    if (fd < 0 || ::ftruncate(fd, 16LL << 30) != 0) return 1;
    // Some text at both ends so that neither frame is all zeros.
    const char text[] = "hexmap paint benchmark: bytes at both ends of the file........";
    constexpr long long n = sizeof text - 1;
    for (long long off : {0LL, (16LL << 30) - 4096})
        for (long long i = 0; i < 4096 / n; ++i)
            if (::pwrite(fd, text, n, off + i * n) != n) return 1;
    ::close(fd);
    auto file = DocumentModel::open(QString::fromStdString(path), OpenMode::ReadOnly);
    if (!file) return 1;
    CursorModel cursor;
    cursor.setDocumentSize(file.value()->size());
    HexView view;
    view.attach(file.value().get(), &cursor, nullptr);
    view.resize(1600, 1000);
    view.show();
    app.processEvents();
    const int frames = argc > 1 ? std::max(1, atoi(argv[1])) : 100;
    view.moveCursor(0);
    msPerFrame(view, 10); // warm-up
    const double start = msPerFrame(view, frames);
    view.moveCursor((16ULL << 30) - 1);
    const double end = msPerFrame(view, frames);
    std::printf("paint 1600x1000 viewport (%d rows x %d bytes): start %.3f ms, end %.3f ms, ratio %.3f (target <= 1.1)\n",
                view.visibleRows(), view.gridLayout().bytesPerRow(), start, end, end / start);
    return 0;
}
