// SPDX-License-Identifier: MIT
// ClipboardController: Copy (as hex, text, a C array, a hex dump) and Paste Over for one
// open file. The text of each format is made by a core function in byte_format; this
// class decides what the selection is, caps what may go to the clipboard, and talks to it.
#pragma once

#include "ui_status.h"
#include <QObject>
#include <QString>
#include <cstdint>

namespace hexmap {

class CursorModel;
class DocumentModel;
class EditController;

enum class CopyFormat { Hex, Text, CArray, HexDump, Base64, PythonBytes, RustArray, GoSlice };

class ClipboardController : public QObject {
    Q_OBJECT
public:
    ClipboardController(DocumentModel* model, CursorModel* cursor, EditController* edit,
                        QObject* parent = nullptr);

    // The selection (or the byte under the cursor) in `format`; empty with a message when
    // it is larger than kMaxCopyBytes.
    QString copyText(CopyFormat format);
    void copy(CopyFormat format);
    // Paste Over of base64 text (Edit > Paste From Base64); a failure says why not.
    UiStatus pasteBase64(const QString& text);
    // Paste Over from the system clipboard (hex when the hex column is active and the
    // text reads as hex).
    UiStatus paste(bool hexColumn);

    // Largest selection copied to the clipboard; beyond it the copy is refused because it
    // would walk the file on the GUI thread and flood the clipboard.
    static constexpr std::uint64_t kMaxCopyBytes = 16u << 20;

signals:
    void message(const QString& text);

private:
    DocumentModel* m_model;
    CursorModel* m_cursor;
    EditController* m_edit;
};

} // namespace hexmap
