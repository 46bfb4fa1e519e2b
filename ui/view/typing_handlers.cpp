// SPDX-License-Identifier: MIT
// The typing handlers: hex digits in the hex column; characters where a view types text
// (the grid's text column, the Lines view); Delete and Backspace in both views.
#include "cursor_model.h"
#include "document_model.h"
#include "edit_controller.h"
#include "hex_digit.h"
#include "document_view.h"
#include "hex_view.h"
#include "input_handler.h"
#include "text_encoding.h"

#include <QCoreApplication>
#include <QKeyEvent>

namespace hexmap {

namespace {
// The one character a key press types, or 0 (a modifier chord, a control key).
char32_t typedChar(const QKeyEvent* event) {
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) return 0;
    const QList<uint> ucs4 = event->text().toUcs4();
    if (ucs4.size() != 1) return 0;
    const char32_t ch = ucs4.front();
    return ch < 0x20 || ch == 0x7f ? 0 : ch;
}

// Types `value` at the cursor and moves on (to the low nibble, or the next byte).
void type(DocumentView& view, std::uint8_t value, bool highNibble) {
    EditController* edit = view.editController();
    CursorModel* cursor = view.cursorModel();
    const std::uint64_t at = cursor->cursor();
    if (edit->insertMode() && highNibble) {
        // Insert mode: the high nibble makes a new byte before the cursor (the low nibble
        // then completes it in place, as in overwrite mode).
        if (!view.accepted(edit->insertTyped(at, {value}, at))) return;
        // The insert moved the cursor on with the byte it was on: back to the new byte,
        // then to its low nibble (a cursor move resets the nibble).
        cursor->moveCursor(at);
        view.setLowNibble(true);
        return;
    }
    const bool lastByte = at + 1 >= view.documentSize();
    const std::uint64_t next = highNibble || lastByte ? at : at + 1;
    if (!view.accepted(edit->typeByte(at, value, next))) return;
    view.setLowNibble(highNibble);
    if (next != at) cursor->moveCursor(next);
}
} // namespace

bool HexDigitHandler::keyPress(QKeyEvent* event) {
    if (m_view.activeArea() != GridLayout::Area::Hex || !m_view.editController() ||
        m_view.documentSize() == 0)
        return false;
    const char32_t ch = typedChar(event);
    const int digit = ch < 0x80 ? hexDigitValue(static_cast<char>(ch)) : -1;
    if (digit < 0) return false;
    const bool low = m_view.onLowNibble();
    const bool inserting = m_view.editController()->insertMode() && !low;
    const std::uint8_t old = inserting ? 0 : m_view.documentModel()->view().at(m_view.cursorOffset());
    const auto value = low ? static_cast<std::uint8_t>((old & 0xf0) | digit)
                           : static_cast<std::uint8_t>((old & 0x0f) | (digit << 4));
    type(m_view, value, !low);
    event->accept();
    return true;
}

bool TextCharHandler::keyPress(QKeyEvent* event) {
    if (!m_view.typesText() || !m_view.editController() ||
        m_view.documentSize() == 0)
        return false;
    const char32_t ch = typedChar(event);
    if (ch == 0) return false;
    event->accept();
    // The character's bytes in the column's encoding, written one after the other as one
    // typing step (one undo); refused when the encoding has no such character or the
    // bytes would run past the end.
    const ColumnEncoding enc = m_view.typingEncoding();
    const std::vector<std::uint8_t> bytes = encodeChar(enc, ch);
    auto tr = [](const char* s) { return QCoreApplication::translate("HexView", s); };
    if (bytes.empty()) {
        emit m_view.editRefused(tr("\u201c%1\u201d has no byte in %2: it cannot be typed in the text column.")
                                    .arg(QString::fromUcs4(&ch, 1), QString::fromLatin1(encodingName(enc))));
        return true;
    }
    const std::uint64_t at = m_view.cursorOffset();
    if (EditController* edit = m_view.editController(); edit->insertMode()) {
        // Insert mode: the character's bytes go before the cursor, which stays on the byte
        // it was on (now after them).
        const std::uint64_t next = at + bytes.size();
        if (!m_view.accepted(edit->insertTyped(at, bytes, next))) return true;
        m_view.cursorModel()->moveCursor(next);
        return true;
    }
    if (at + bytes.size() > m_view.documentSize()) {
        emit m_view.editRefused(tr("\u201c%1\u201d takes %2 bytes in %3: the file ends before that.")
                                    .arg(QString::fromUcs4(&ch, 1))
                                    .arg(bytes.size())
                                    .arg(QString::fromLatin1(encodingName(enc))));
        return true;
    }
    for (std::uint8_t b : bytes) type(m_view, b, false);
    return true;
}

bool DeleteKeysHandler::keyPress(QKeyEvent* event) {
    EditController* edit = m_view.editController();
    if (!edit || event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    UiStatus done;
    if (event->key() == Qt::Key_Delete) {
        // With a selection, it goes; else the byte under the cursor (a run of presses is
        // one undo step).
        done = edit->deleteSelection(!m_view.cursorModel()->hasSelection());
    } else if (event->key() == Qt::Key_Backspace && edit->insertMode()) {
        // After a high nibble typed into a new byte, Backspace takes that byte back.
        done = m_view.onLowNibble() && !m_view.cursorModel()->hasSelection() ? edit->deleteSelection(true)
                                                                              : edit->deleteBackward();
    } else {
        return false;
    }
    m_view.setLowNibble(false);
    (void)m_view.accepted(done);
    event->accept();
    return true;
}

} // namespace hexmap
