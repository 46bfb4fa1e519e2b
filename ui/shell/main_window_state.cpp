// SPDX-License-Identifier: MIT
// What the window remembers and applies: the preferences, its geometry and docks, the files
// open at the last quit, the folder File > Open starts in, the view each file was shown in.
#include "main_window.h"

#include "action_registry.h"
#include "document_model.h"
#include "hex_view.h"
#include "lines_view.h"
#include "session_controller.h"
#include "theme.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QDockWidget>
#include <QTimer>
#include <utility>

namespace hexmap {

void MainWindow::saveWindowState(const QList<QByteArray>& openFiles) const {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    QVariantList files;
    for (const QByteArray& f : openFiles) files << f;
    settings.setValue("session/files", files);
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (std::exchange(m_dockRoomChecked, true)) return;
    // Once laid out: dock sizes restored from another screen (another scale factor, a smaller
    // window) can leave the grid a few rows tall.
    QTimer::singleShot(0, this, &MainWindow::keepRoomForTheGrid);
}

void MainWindow::keepRoomForTheGrid() {
    // A dock may take at most 40% of the window's height (top, bottom) or width (sides);
    // one restored larger is set to 30%.
    QList<QDockWidget*> tall, wide;
    QList<int> heights, widths;
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        if (dock->isHidden() || dock->isFloating()) continue;
        const Qt::DockWidgetArea area = dockWidgetArea(dock);
        if ((area == Qt::TopDockWidgetArea || area == Qt::BottomDockWidgetArea) && dock->height() * 10 > height() * 4) {
            tall << dock;
            heights << height() * 3 / 10;
        } else if ((area == Qt::LeftDockWidgetArea || area == Qt::RightDockWidgetArea) && dock->width() * 10 > width() * 4) {
            wide << dock;
            widths << width() * 3 / 10;
        }
    }
    if (!tall.isEmpty()) resizeDocks(tall, heights, Qt::Vertical);
    if (!wide.isEmpty()) resizeDocks(wide, widths, Qt::Horizontal);
}

void MainWindow::saveSession() const {
    QVariantList modes;
    for (int i = 0; i < m_session->count(); ++i) modes << static_cast<int>(m_session->tabAt(i)->model()->mode());
    QSettings settings;
    settings.setValue("session/modes", modes);
    settings.setValue("session/current", m_tabs->currentIndex());
}

QStringList MainWindow::restoreSession(std::optional<OpenMode> mode) {
    const QList<QByteArray> files = filesToRestore();
    const QVariantList modes = QSettings().value("session/modes").toList();
    const int current = QSettings().value("session/current", -1).toInt();
    QStringList errors;
    DocumentTab* currentTab = nullptr;
    for (int i = 0; i < files.size(); ++i) {
        OpenMode m = m_prefs.defaultMode;
        if (mode) {
            m = *mode;
        } else if (i < modes.size()) {
            const int v = modes[i].toInt();
            if (v >= int(OpenMode::ReadOnly) && v <= int(OpenMode::Private)) m = static_cast<OpenMode>(v);
        }
        const UiStatus opened = m_session->open(files[i], m);
        if (!opened) errors << opened.message();
        else if (i == current) currentTab = m_session->tabAt(m_session->count() - 1);
    }
    if (currentTab) m_tabs->setCurrentWidget(currentTab);
    return errors;
}

QList<QByteArray> MainWindow::filesToRestore() {
    if (!Preferences::load().restoreFiles) return {};
    QList<QByteArray> files;
    for (const QVariant& v : QSettings().value("session/files").toList())
        if (!v.toByteArray().isEmpty()) files << v.toByteArray();
    return files;
}

void MainWindow::applyPreferences(const Preferences& prefs) {
    const bool themeChanged = prefs.theme != m_prefs.theme;
    m_prefs = prefs;
    m_prefs.save();
    if (themeChanged) applyTheme(m_prefs.theme);
    const ActionRegistry& a = *m_actions;
    (m_prefs.bytesPerRow == 8    ? a.bytesPerRow8
     : m_prefs.bytesPerRow == 32 ? a.bytesPerRow32
     : m_prefs.bytesPerRow == 0  ? a.bytesPerRowFit
                                 : a.bytesPerRow16)
        ->setChecked(true);
    for (int i = 0; i < m_session->count(); ++i) applyPreferencesTo(m_session->tabAt(i));
}

void MainWindow::applyPreferencesTo(DocumentTab* tab) const {
    tab->hexView()->setFont(m_prefs.font);
    tab->linesView()->setFont(m_prefs.font);
    tab->hexView()->setDisplayOptions(m_prefs.upperHex, m_prefs.decimalOffsets);
    tab->linesView()->setDisplayOptions(m_prefs.upperHex, m_prefs.decimalOffsets);
    tab->hexView()->setBytesPerRow(m_prefs.bytesPerRow);
}


} // namespace hexmap
