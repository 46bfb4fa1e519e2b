// SPDX-License-Identifier: MIT
// StatusFields: the status bar's fields (cursor offset, selection, size, lock, mode) for
// the current tab. It listens to the document's models; the window says which document and
// whether its Lines view shows (then the line is shown too).
#pragma once

#include "document_context.h"

#include <QObject>
#include <QPointer>

class QLabel;
class QStatusBar;

namespace hexmap {

class StatusFields : public QObject {
    Q_OBJECT
public:
    explicit StatusFields(QStatusBar* bar);
    void setContext(const DocumentContext& context);
    void setShowsLines(bool shows);
    // The fields' texts joined with " | ", for tests.
    QString text() const;

private:
    void refresh();

    QStatusBar* m_bar;
    DocumentContext m_doc;
    bool m_showsLines = false;
    QLabel* m_offset;
    QLabel* m_selection;
    QLabel* m_size;
    QLabel* m_lock;
    QLabel* m_mode;
    QLabel* m_insert; // INS / OVR
    QList<QMetaObject::Connection> m_connections;
};

} // namespace hexmap
