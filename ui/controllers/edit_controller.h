// SPDX-License-Identifier: MIT
// EditController: the editing commands of one open file (typing, paste, fill, resize,
// undo/redo, revert, the write lock), between the actions and the DocumentModel. Each
// returns a UiStatus (a failure carries the sentence to show); the refusal rules (read-only, locked, a
// worker reading the file) are the model's and the core's, never re-checked here.
#pragma once

#include "ui_status.h"
#include <QObject>
#include <QString>
#include <cstdint>
#include <functional>
#include <vector>

namespace hexmap {

class CursorModel;
class DocumentModel;

class EditController : public QObject {
    Q_OBJECT
public:
    EditController(DocumentModel* model, CursorModel* cursor, QObject* parent = nullptr);

    // Writes one typed byte at `offset`, joined to the current typing step. `nextCursor`
    // is where the typist's cursor goes next: moving it anywhere else ends the step.
    UiStatus typeByte(std::uint64_t offset, std::uint8_t value, std::uint64_t nextCursor);
    // Ends the typing step (Tab to the other column, a click).
    void breakTyping();

    // Insert mode (the Insert key; the status bar's INS/OVR): typing and paste put bytes
    // before the cursor instead of over it, and Backspace deletes. Turning it on is refused,
    // with the reason, where bytes cannot shift (read-only, shared, write-protected).
    bool insertMode() const { return m_insert; }
    UiStatus setInsertMode(bool on);
    // Inserts typed bytes at `offset` as part of the typing step (insert mode).
    UiStatus insertTyped(std::uint64_t offset, const std::vector<std::uint8_t>& bytes,
                        std::uint64_t nextCursor);
    // Deletes the selection, or the byte under the cursor (Delete, Edit > Delete, Cut).
    UiStatus deleteSelection(bool typing = false);
    // Backspace in insert mode: the selection, or the byte before the cursor.
    UiStatus deleteBackward();
    // Edit > Insert Bytes: `countText` bytes (a size: 16, 0x10, 4K) of a repeated hex
    // pattern (empty: zeros) before the cursor, as one step.
    UiStatus insertBytes(const QString& countText, const QString& hexPattern);
    // Inserts at most this many bytes at once (they are kept in memory until saved).
    static constexpr std::uint64_t kMaxInsertBytes = 256ull << 20;

    // Paste Over at the cursor: in the hex column text that reads as hex is bytes, else
    // the text's UTF-8. Past the end of the file it asks (confirm) to extend the file.
    UiStatus paste(const QString& text, bool asHexWhenPossible);
    UiStatus pasteBytes(const std::vector<std::uint8_t>& bytes);
    // Fills the selection (or the byte under the cursor) with a repeated hex pattern.
    UiStatus fillSelection(const QString& hexPattern);
    UiStatus resizeTo(const QString& sizeText);
    UiStatus undo();
    UiStatus redo();
    UiStatus revert();
    UiStatus setWriteProtected(bool locked);

    // The answer to yes/no questions (extend the file?). Tests replace it.
    void setConfirm(std::function<bool(const QString&)> confirm) { m_confirm = std::move(confirm); }

signals:
    // A message for the status bar ("Pasted 4 bytes at 0x10").
    void message(const QString& text);
    void insertModeChanged(bool on);

private:
    UiStatus stepHistory(bool forward);

    DocumentModel* m_model;
    CursorModel* m_cursor;
    std::function<bool(const QString&)> m_confirm;
    bool m_typing = false;
    bool m_insert = false;
    bool m_shifting = false; // a typing insert/delete of ours is moving the cursor
    std::uint64_t m_typingCursor = 0;
};

} // namespace hexmap
