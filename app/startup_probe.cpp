// SPDX-License-Identifier: MIT
#include "startup_probe.h"

#include "document_tab.h"
#include "cursor_model.h"
#include "hex_view.h"
#include "lines_view.h"
#include "main_window.h"
#include "session_controller.h"

#include <QApplication>
#include <QFile>
#include <QKeyEvent>
#include <QTimer>
#include <cstdio>
#include <ctime>

namespace hexmap {

namespace {
long long monotonicNs() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

long long residentKb() {
    QFile status("/proc/self/status");
    if (!status.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:")) return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

// Either view: the hex grid, or the Lines view with --lines.
template <class View> void armOnView(View* view, DocumentTab* tab) {
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = QObject::connect(view, &View::framePainted, view, [view, tab, conn] {
        QObject::disconnect(*conn);
        std::printf("first-paint-ns %lld\n", monotonicNs());
        std::fflush(stdout);
        QTimer::singleShot(0, view, [view, tab] {
            QKeyEvent press(QEvent::KeyPress, Qt::Key_End, Qt::ControlModifier);
            QApplication::sendEvent(view, &press);
            view->viewport()->repaint();
            std::printf("cursor %llu\nrss-kb %lld\n",
                        static_cast<unsigned long long>(tab->cursor()->cursor()), residentKb());
            std::fflush(stdout);
            QApplication::quit();
        });
    });
}
} // namespace

void armStartupProbe(MainWindow* window) {
    // Armed before the file opens: it waits for the first tab and watches its grid.
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = QObject::connect(window->session(), &SessionController::tabOpened, window,
                             [conn](DocumentTab* tab) {
                                 QObject::disconnect(*conn);
                                 if (tab->viewMode() == DocumentTab::ViewMode::Lines) {
                                     armOnView(tab->linesView(), tab);
                                 } else {
                                     armOnView(tab->hexView(), tab);
                                 }
                             });
}

} // namespace hexmap
