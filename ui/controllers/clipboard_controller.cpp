// SPDX-License-Identifier: MIT
#include "clipboard_controller.h"

#include "byte_format.h"
#include "cursor_model.h"
#include "display_format.h"
#include "document_model.h"
#include "edit_controller.h"

#include <QClipboard>
#include <QGuiApplication>

namespace hexmap {

ClipboardController::ClipboardController(DocumentModel* model, CursorModel* cursor,
                                         EditController* edit, QObject* parent)
    : QObject(parent), m_model(model), m_cursor(cursor), m_edit(edit) {}

QString ClipboardController::copyText(CopyFormat format) {
    if (m_model->size() == 0) return {};
    const std::uint64_t start = m_cursor->selectionStart();
    const std::uint64_t length = m_cursor->targetLength();
    if (length > kMaxCopyBytes) {
        emit message(tr("The selection (%1) is too large to copy; the limit is %2. Use "
                        "\"hexmap dump\" for large ranges.")
                         .arg(humanSize(length), humanSize(kMaxCopyBytes)));
        return {};
    }
    std::vector<std::uint8_t> scratch;
    const auto span = m_model->view().bytes(start, static_cast<std::size_t>(length), scratch);
    const std::uint8_t* bytes = span.data();
    const auto n = span.size();
    switch (format) {
    case CopyFormat::Hex: return QString::fromStdString(formatHex(bytes, n));
    case CopyFormat::Text:
        return QString::fromUtf8(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(n));
    case CopyFormat::CArray: return QString::fromStdString(formatCArray(bytes, n));
    case CopyFormat::HexDump: return QString::fromStdString(formatHexdump(start, bytes, n));
    case CopyFormat::Base64:
        return QString::fromLatin1(
            QByteArray::fromRawData(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(n)).toBase64());
    case CopyFormat::PythonBytes: return QString::fromStdString(formatPythonBytes(bytes, n));
    case CopyFormat::RustArray: return QString::fromStdString(formatRustArray(bytes, n));
    case CopyFormat::GoSlice: return QString::fromStdString(formatGoSlice(bytes, n));
    }
    return {};
}

void ClipboardController::copy(CopyFormat format) {
    const QString text = copyText(format);
    if (text.isEmpty()) return;
    QGuiApplication::clipboard()->setText(text);
    emit message(tr("Copied %1.").arg(humanSize(m_cursor->targetLength())));
}

UiStatus ClipboardController::paste(bool hexColumn) {
    return m_edit->paste(QGuiApplication::clipboard()->text(), hexColumn);
}

UiStatus ClipboardController::pasteBase64(const QString& text) {
    const auto decoded = QByteArray::fromBase64Encoding(text.trimmed().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || text.trimmed().isEmpty())
        return UiStatus::failure(tr("The clipboard does not hold base64 (A-Z, a-z, 0-9, + and /, padded with =)."));
    const QByteArray& bytes = *decoded;
    return m_edit->pasteBytes(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
}

} // namespace hexmap
