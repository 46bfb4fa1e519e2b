// SPDX-License-Identifier: MIT
// StatusFields: the status bar's fields (cursor offset, selection, size, lock, mode) for
// the current tab. It listens to the tab's models; the window only says which tab.
#pragma once

#include <QObject>
#include <QPointer>

class QLabel;
class QStatusBar;

namespace hexmap {

class DocumentTab;

class StatusFields : public QObject {
    Q_OBJECT
public:
    explicit StatusFields(QStatusBar* bar);
    void setTab(DocumentTab* tab);
    // The fields' texts joined with " | ", for tests.
    QString text() const;

private:
    void refresh();

    QStatusBar* m_bar;
    QPointer<DocumentTab> m_tab;
    QLabel* m_offset;
    QLabel* m_selection;
    QLabel* m_size;
    QLabel* m_lock;
    QLabel* m_mode;
    QLabel* m_insert; // INS / OVR
    QList<QMetaObject::Connection> m_connections;
};

} // namespace hexmap
