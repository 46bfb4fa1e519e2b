// SPDX-License-Identifier: MIT
#include "edit_controller.h"
#include "hex_view.h"
#include "input_handler.h"

#include <QCoreApplication>
#include <QKeyEvent>

namespace hexmap {

bool ColumnKeysHandler::keyPress(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        m_view.setActiveArea(m_view.activeArea() == GridLayout::Area::Text ? GridLayout::Area::Hex
                                                                           : GridLayout::Area::Text);
        // Text typed before the Tab and hex typed after it are two undo steps.
        if (EditController* edit = m_view.editController()) edit->breakTyping();
        event->accept();
        return true;
    case Qt::Key_Insert:
        // Edit > Insert Mode takes the key first in a window; this serves a bare view.
        if (EditController* edit = m_view.editController())
            (void)m_view.accepted(edit->setInsertMode(!edit->insertMode()));
        event->accept();
        return true;
    default: return false;
    }
}

} // namespace hexmap
