// SPDX-License-Identifier: MIT
#include "document_model.h"
#include "input_handler.h"
#include "lines_view.h"

#include <QKeyEvent>

namespace hexmap {

bool LevelKeysHandler::keyPress(QKeyEvent* event) {
    const DocumentModel* model = m_view.documentModel();
    if (!model || model->mode() != OpenMode::ReadOnly || m_view.documentSize() == 0) return false;
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    const QString text = event->text();
    if (text.size() != 1) return false;
    const QChar c = text[0];
    if (c != QLatin1Char('e') && c != QLatin1Char('E') && c != QLatin1Char('w') &&
        c != QLatin1Char('W'))
        return false;
    // Shift counts as well as the letter's case (a key event may carry "e" with Shift).
    const bool back = c.isUpper() || (event->modifiers() & Qt::ShiftModifier);
    emit m_view.levelJumpRequested(c.toLower() == QLatin1Char('e'), !back);
    event->accept();
    return true;
}

} // namespace hexmap
