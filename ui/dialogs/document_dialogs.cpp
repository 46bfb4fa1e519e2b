// SPDX-License-Identifier: MIT
#include "document_dialogs.h"

#include "cursor_model.h"
#include "display_format.h"
#include "document_model.h"
#include "edit_controller.h"
#include "number_parse.h"
#include "prompt_dialog.h"
#include "save_controller.h"

#include <QFileDialog>

namespace hexmap {

namespace {
void openPrompt(PromptDialog* dialog, const char* name) {
    dialog->setObjectName(QString::fromLatin1(name));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}
} // namespace

void showGotoDialog(QWidget* parent, GoToRequest request) {
    // A file whose lines have timestamps takes a time too.
    const QString times =
        request.times == TimeFormat::None
            ? QString()
            : QObject::tr(
                  " A time (%1 lines): 2026-11-26T03:21, or 03:21:10 on the cursor line's day.")
                  .arg(QString::fromLatin1(timeFormatName(request.times)));
    auto* dialog = new PromptDialog(
        request.takesLines ? QObject::tr("Go to Line") : QObject::tr("Go to Offset"),
        (request.takesLines
             ? QObject::tr("Line: a number (e.g. 5000000). An offset: 0x hex, a unit, +N / -N from "
                           "the cursor, or @ before a decimal (e.g. 0x1000, 64K, +16, @4096).")
             : QObject::tr(
                   "Offset: decimal, 0x hex, or +N / -N from the cursor (e.g. 4096, 0x1000, "
                   "+0x10, 64K); a line: L and its number (e.g. L120).")) +
            times,
        std::move(request.go), parent);
    openPrompt(dialog, "gotoDialog");
}

namespace {
// The answer when the document went while a dialog was open: nothing to do.
UiStatus gone() {
    return UiStatus::failure(QObject::tr("The file was closed."));
}
} // namespace

void showFillDialog(QWidget* parent, const DocumentContext& doc) {
    if (!doc || !doc.cursor) return;
    const CursorModel& c = *doc.cursor;
    auto* dialog = new PromptDialog(
        QObject::tr("Fill Selection"),
        QObject::tr("Fill %1 bytes from 0x%2 with a byte or a repeated hex pattern (e.g. 00, de "
                    "ad be ef):")
            .arg(c.targetLength())
            .arg(c.selectionStart(), 0, 16),
        [edit = doc.edit](const QString& t) { return edit ? edit->fillSelection(t) : gone(); },
        parent);
    openPrompt(dialog, "fillDialog");
}

void showInsertBytesDialog(QWidget* parent, const DocumentContext& doc) {
    if (!doc || !doc.cursor) return;
    auto* dialog = new PromptDialog(
        QObject::tr("Insert Bytes"),
        QObject::tr("Insert before offset 0x%1: a count, then a hex pattern to repeat (zeros if "
                    "none), e.g. \"16\", \"4K ff\", \"3 de ad be ef\":")
            .arg(doc.model->size() ? doc.cursor->cursor() : 0, 0, 16),
        [edit = doc.edit](const QString& t) -> UiStatus {
            if (!edit) return gone();
            const QString text = t.trimmed();
            const qsizetype space = text.indexOf(QLatin1Char(' '));
            return edit->insertBytes(space < 0 ? text : text.left(space),
                                     space < 0 ? QString() : text.mid(space + 1));
        },
        parent);
    openPrompt(dialog, "insertBytesDialog");
}

void showResizeDialog(QWidget* parent, const DocumentContext& doc) {
    if (!doc) return;
    auto* dialog = new PromptDialog(
        QObject::tr("Resize"),
        QObject::tr("New size of \"%1\", now %2 bytes (e.g. 4096, 0x1000, 64K, 1.5G):")
            .arg(doc.model->fileName())
            .arg(doc.model->size()),
        [edit = doc.edit](const QString& t) { return edit ? edit->resizeTo(t) : gone(); }, parent);
    dialog->setDescriber([model = doc.model](const QString& t) -> QString {
        auto size = parseSize(t.toStdString());
        if (!size || !model) return {};
        const std::uint64_t now = model->size(), next = size.value();
        QString text;
        if (next > now)
            text = QObject::tr("Extends the file by %1 bytes of zeros (sparse on disk).")
                       .arg(next - now);
        else if (next < now)
            text = QObject::tr("Shrinks the file: the last %1 bytes will be lost.").arg(now - next);
        else
            return QObject::tr("That is the current size.");
        if (model->mode() == OpenMode::Shared) text += QObject::tr(" The file changes at once.");
        if (!model->document().resizeIsUndoable(next))
            text += QObject::tr(" This cannot be undone (more than %1 would be lost).")
                        .arg(humanSize(Document::kMaxUndoableShrink));
        return text;
    });
    openPrompt(dialog, "resizeDialog");
}

UiStatus showSaveAsDialog(QWidget* parent, const DocumentContext& doc) {
    if (!doc || !doc.saver) return gone();
    const QString path =
        QFileDialog::getSaveFileName(parent, QObject::tr("Save As"), doc.model->path());
    if (path.isEmpty() || !doc.saver) return {};
    return doc.saver->saveAs(path);
}

} // namespace hexmap
