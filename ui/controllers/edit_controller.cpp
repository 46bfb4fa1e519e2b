// SPDX-License-Identifier: MIT
#include "edit_controller.h"

#include "cursor_model.h"
#include "display_format.h"
#include "document_model.h"
#include "hex_bytes.h"
#include "number_parse.h"

#include <climits>

namespace hexmap {

EditController::EditController(DocumentModel* model, CursorModel* cursor, QObject* parent)
    : QObject(parent), m_model(model), m_cursor(cursor), m_confirm([](const QString&) { return false; }) {
    // Moving the cursor anywhere but where typing put it ends the typing step.
    connect(m_cursor, &CursorModel::changed, this, [this] {
        // (An insert or delete of the typing itself moves the cursor with the bytes: not a move.)
        if (m_typing && !m_shifting && m_cursor->cursor() != m_typingCursor) breakTyping();
    });
}

UiStatus EditController::typeByte(std::uint64_t offset, std::uint8_t value, std::uint64_t nextCursor) {
    const UiStatus error = m_model->overwrite(offset, &value, 1, Document::EditKind::Typing);
    if (!error) return error;
    m_typing = true;
    m_typingCursor = nextCursor;
    return {};
}

void EditController::breakTyping() {
    m_typing = false;
    m_model->breakCoalescing();
}

UiStatus EditController::setInsertMode(bool on) {
    if (on == m_insert) return {};
    if (on)
        if (QString why = m_model->lengthEditBlocker(); !why.isEmpty()) return UiStatus::failure(why);
    m_insert = on;
    breakTyping();
    emit insertModeChanged(on);
    return {};
}

UiStatus EditController::insertTyped(std::uint64_t offset, const std::vector<std::uint8_t>& bytes,
                                    std::uint64_t nextCursor) {
    m_shifting = true;
    const UiStatus error = m_model->insert(offset, bytes.data(), bytes.size(), Document::EditKind::Typing);
    m_shifting = false;
    if (!error) return error;
    m_typing = true;
    m_typingCursor = nextCursor;
    return {};
}

UiStatus EditController::deleteSelection(bool typing) {
    if (m_model->size() == 0) return UiStatus::failure(tr("There is nothing to delete: the file is empty."));
    const std::uint64_t start = m_cursor->selectionStart();
    const std::uint64_t length = m_cursor->targetLength();
    if (!typing) breakTyping();
    m_shifting = typing;
    const UiStatus error = m_model->erase(start, length, typing ? Document::EditKind::Typing
                                                               : Document::EditKind::Other);
    m_shifting = false;
    if (!error) return error;
    if (typing) {
        m_typing = true;
        m_typingCursor = std::min(start, m_model->size() ? m_model->size() - 1 : 0);
    }
    m_cursor->moveCursor(start);
    if (!typing) {
        emit message(tr("Deleted %n byte(s) at %1.", nullptr, static_cast<int>(std::min<std::uint64_t>(length, INT_MAX)))
                         .arg(hexOffset(start)));
    }
    return {};
}

UiStatus EditController::deleteBackward() {
    if (m_cursor->hasSelection()) return deleteSelection();
    const std::uint64_t at = m_cursor->cursor();
    if (at == 0) return UiStatus::failure(tr("The cursor is at the start of the file: nothing before it to delete."));
    m_shifting = true;
    const UiStatus error = m_model->erase(at - 1, 1, Document::EditKind::Typing);
    m_shifting = false;
    if (!error) return error;
    m_typing = true;
    m_typingCursor = at - 1;
    m_cursor->moveCursor(at - 1);
    return {};
}

UiStatus EditController::insertBytes(const QString& countText, const QString& hexPattern) {
    auto count = parseSize(countText.toStdString());
    if (!count) return UiStatus::fromCore(count.error());
    if (count.value() == 0) return UiStatus::failure(tr("Insert at least one byte."));
    if (count.value() > kMaxInsertBytes)
        return UiStatus::failure(tr("At most %1 can be inserted at once (inserted bytes are kept in memory until "
                  "you save).").arg(humanSize(kMaxInsertBytes)));
    std::vector<std::uint8_t> pattern{0};
    if (!hexPattern.trimmed().isEmpty()) {
        auto parsed = parseHexBytes(hexPattern.toStdString());
        if (!parsed) return UiStatus::fromCore(parsed.error());
        pattern = std::move(parsed).value();
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(count.value()));
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = pattern[i % pattern.size()];
    const std::uint64_t at = m_model->size() ? m_cursor->cursor() : 0;
    breakTyping();
    if (UiStatus e = m_model->insert(at, bytes.data(), bytes.size()); !e) return e;
    m_cursor->select(at, at + bytes.size() - 1);
    emit message(tr("Inserted %n byte(s) at %1.", nullptr, static_cast<int>(std::min<std::uint64_t>(bytes.size(), INT_MAX)))
                     .arg(hexOffset(at)));
    return {};
}

UiStatus EditController::paste(const QString& text, bool asHexWhenPossible) {
    if (text.isEmpty()) return UiStatus::failure(tr("The clipboard holds no text."));
    std::vector<std::uint8_t> bytes;
    auto hex = parseHexBytes(text.toStdString());
    if (asHexWhenPossible && hex) {
        bytes = std::move(hex).value();
    } else {
        const QByteArray utf8 = text.toUtf8();
        bytes.assign(utf8.begin(), utf8.end());
    }
    return pasteBytes(bytes);
}

UiStatus EditController::pasteBytes(const std::vector<std::uint8_t>& bytes) {
    if (bytes.empty()) return UiStatus::failure(tr("Nothing to paste."));
    if (QString why = m_model->editBlocker(); !why.isEmpty()) return UiStatus::failure(why);
    const std::uint64_t size = m_model->size();
    const std::uint64_t at = size ? m_cursor->cursor() : 0;
    std::uint64_t n = bytes.size();
    if (m_insert) {
        // Insert mode: the bytes go before the cursor, and everything after moves on.
        breakTyping();
        if (UiStatus e = m_model->insert(at, bytes.data(), bytes.size(), Document::EditKind::Paste); !e)
            return e;
        m_cursor->moveCursor(std::min(at + n, m_model->size() - 1));
        emit message(tr("Inserted %n byte(s) at %1.", nullptr, static_cast<int>(n)).arg(hexOffset(at)));
        return {};
    }
    Document::EditKind kind = Document::EditKind::Paste;
    if (at + n > size) {
        const std::uint64_t extra = at + n - size;
        if (m_confirm(tr("The paste runs %1 bytes past the end of the file. Extend the file?").arg(extra))) {
            if (UiStatus e = m_model->resize(at + n); !e) return e;
            kind = Document::EditKind::PasteExtended; // extend and paste: one undo step
        } else {
            n = size - at;
            if (n == 0) return UiStatus::failure(tr("Nothing pasted: the cursor is at the end of the file."));
        }
    }
    breakTyping();
    const UiStatus error = m_model->overwrite(at, bytes.data(), static_cast<std::size_t>(n), kind);
    if (!error) return error;
    m_cursor->moveCursor(std::min(at + n, m_model->size() - 1));
    emit message(tr("Pasted %1 bytes at %2.").arg(n).arg(hexOffset(at)));
    return {};
}

UiStatus EditController::fillSelection(const QString& hexPattern) {
    if (m_model->size() == 0) return UiStatus::failure(tr("No bytes to fill."));
    auto pattern = parseHexBytes(hexPattern.toStdString());
    if (!pattern) return UiStatus::fromCore(pattern.error());
    const std::uint64_t start = m_cursor->selectionStart();
    const std::uint64_t length = m_cursor->targetLength();
    breakTyping();
    if (UiStatus e = m_model->fill(start, length, pattern.value()); !e) return e;
    emit message(tr("Filled %1 bytes.").arg(length));
    return {};
}

UiStatus EditController::resizeTo(const QString& sizeText) {
    auto size = parseSize(sizeText.toStdString());
    if (!size) return UiStatus::fromCore(size.error());
    breakTyping();
    if (UiStatus e = m_model->resize(size.value()); !e) return e;
    emit message(tr("The document is now %1 bytes.").arg(m_model->size()));
    return {};
}

UiStatus EditController::undo() { return stepHistory(false); }
UiStatus EditController::redo() { return stepHistory(true); }

UiStatus EditController::stepHistory(bool forward) {
    breakTyping(); // even a step that cannot be taken ends the typing step
    if (!(forward ? m_model->canRedo() : m_model->canUndo()))
        return UiStatus::failure(forward ? tr("Nothing to redo.") : tr("Nothing to undo."));
    const UiStatus error = forward ? m_model->redo() : m_model->undo();
    if (!error) return error;
    if (m_model->size()) m_cursor->moveCursor(m_model->document().lastChangeOffset());
    return {};
}

UiStatus EditController::revert() {
    m_typing = false;
    if (UiStatus e = m_model->revert(); !e) return e;
    emit message(tr("Reverted to the saved file."));
    return {};
}

UiStatus EditController::setWriteProtected(bool locked) {
    m_typing = false;
    if (UiStatus e = m_model->setWriteProtected(locked); !e) return e;
    emit message(locked ? tr("Write-protected: the mapping is read-only (mprotect) until you unlock it.")
                        : tr("Unlocked: edits are allowed again."));
    return {};
}

} // namespace hexmap
