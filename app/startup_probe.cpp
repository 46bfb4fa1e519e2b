// SPDX-License-Identifier: MIT
#include "startup_probe.h"

#include "document_tab.h"
#include "cursor_model.h"
#include "hex_view.h"
#include "line_counter.h"
#include "lines_view.h"
#include "rule_map.h"
#include "main_window.h"
#include "session_controller.h"

#include <QApplication>
#include <QElapsedTimer>
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
            // One frame at the top, after Ctrl+End, and after a jump to the middle: each
            // costs a frame, wherever it is (nothing is read but what is shown). Measured
            // once the background readers that start after the first frame are done, so
            // that their threads do not compete with the frames on two cores.
            QElapsedTimer wait;
            wait.start();
            while ((!tab->lineCounter()->complete() || (tab->ruleMap()->enabled() && !tab->ruleMap()->complete())) &&
                   wait.elapsed() < 5000)
                QApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
            auto frame = [view] {
                const long long t = monotonicNs();
                view->viewport()->repaint();
                return monotonicNs() - t;
            };
            const long long top = frame();
            const long long t0 = monotonicNs();
            QKeyEvent press(QEvent::KeyPress, Qt::Key_End, Qt::ControlModifier);
            QApplication::sendEvent(view, &press);
            view->viewport()->repaint();
            const long long end = monotonicNs() - t0;
            const std::uint64_t last = tab->cursor()->cursor();
            const long long t1 = monotonicNs();
            tab->cursor()->moveCursor(last / 2, false, CursorModel::Reveal::Center);
            view->viewport()->repaint();
            const long long middle = monotonicNs() - t1;
            std::printf("frame-top-ns %lld\nframe-end-ns %lld\nframe-middle-ns %lld\n", top, end, middle);
            std::printf("cursor %llu\nrss-kb %lld\n", static_cast<unsigned long long>(last), residentKb());
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
