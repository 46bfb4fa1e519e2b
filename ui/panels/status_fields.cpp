// SPDX-License-Identifier: MIT
#include "status_fields.h"

#include "cursor_model.h"
#include "display_format.h"
#include "document_model.h"
#include "edit_controller.h"
#include "line_counter.h"
#include "log_time_model.h"

#include <QLabel>
#include <QStatusBar>

namespace hexmap {

StatusFields::StatusFields(QStatusBar* bar)
    : QObject(bar), m_bar(bar), m_offset(new QLabel(bar)), m_selection(new QLabel(bar)),
      m_size(new QLabel(bar)), m_lock(new QLabel(bar)), m_mode(new QLabel(bar)),
      m_insert(new QLabel(bar)) {
    m_mode->setObjectName("modeLabel");
    m_insert->setObjectName("insertLabel");
    bar->addWidget(m_offset);
    bar->addWidget(m_selection);
    bar->addPermanentWidget(m_size);
    bar->addPermanentWidget(m_lock);
    bar->addPermanentWidget(m_insert);
    bar->addPermanentWidget(m_mode);
    refresh();
}

void StatusFields::setContext(const DocumentContext& context) {
    for (const auto& c : m_connections) disconnect(c);
    m_connections.clear();
    m_doc = context;
    // A message about the previous tab (or file) would overlap the new fields: drop it.
    m_bar->clearMessage();
    if (m_doc) {
        m_connections << connect(m_doc.cursor, &CursorModel::changed, this, &StatusFields::refresh);
        m_connections << connect(m_doc.model, &DocumentModel::changed, this, &StatusFields::refresh);
        m_connections << connect(m_doc.lines, &LineCounter::updated, this, &StatusFields::refresh);
        m_connections << connect(m_doc.edit, &EditController::insertModeChanged, this, &StatusFields::refresh);
    }
    refresh();
}

void StatusFields::setShowsLines(bool shows) {
    m_showsLines = shows;
    refresh();
}

void StatusFields::refresh() {
    if (!m_doc) {
        m_offset->setText(tr("No file"));
        for (QLabel* l : {m_selection, m_size, m_lock, m_mode, m_insert}) l->clear();
        return;
    }
    const DocumentModel& model = *m_doc.model;
    const CursorModel& cursor = *m_doc.cursor;
    const std::uint64_t c = cursor.cursor();
    QString where = model.size() ? tr("Offset 0x%1 (%2)").arg(c, 0, 16).arg(c) : tr("Empty file");
    // In the Lines view, the line too (or how far the count is).
    if (model.size() && m_showsLines) {
        where += QStringLiteral(", ") + m_doc.lines->statusText(c);
        // The line's time, when the file's lines have one (one line read).
        if (m_doc.time)
            if (const QString time = m_doc.time->timeTextAt(c); !time.isEmpty()) where += QStringLiteral(", ") + time;
    }
    m_offset->setText(where);
    m_selection->setText(cursor.hasSelection()
                             ? tr("Selection %1 bytes").arg(cursor.selectionLength())
                             : QString());
    m_size->setText(tr("%1 (%2 bytes)").arg(humanSize(model.size())).arg(model.size()));
    m_lock->setText(model.writeProtected() ? tr("LOCKED (write-protected)") : QString());
    const bool inserting = m_doc.edit->insertMode();
    m_insert->setText(model.mode() == OpenMode::ReadOnly ? QString() : inserting ? tr("INS") : tr("OVR"));
    m_insert->setToolTip(inserting ? tr("Insert mode: typing and paste insert bytes (Insert to switch)")
                                   : tr("Overwrite mode: typing and paste replace bytes (Insert to switch)"));
    switch (model.mode()) {
    case OpenMode::ReadOnly: m_mode->setText(tr("read-only")); break;
    case OpenMode::Shared: m_mode->setText(tr("shared: edits go straight to the file")); break;
    case OpenMode::Private: m_mode->setText(tr("private: edits stay here until saved")); break;
    }
}

QString StatusFields::text() const {
    return QStringList{m_offset->text(), m_selection->text(), m_size->text(), m_lock->text(),
                       m_insert->text(), m_mode->text()}
        .join(QStringLiteral(" | "));
}

} // namespace hexmap
