// SPDX-License-Identifier: MIT
// The small dialogs that act on one open file: Go to Offset, Fill Selection, Resize and
// Save As. Each is non-blocking (open(), deleted on close), says in its own words what
// the input will do, and refuses a bad input with the reason under the field.
#pragma once

#include "document_context.h"
#include "log_time.h"
#include "ui_status.h"

#include <functional>

class QWidget;

namespace hexmap {

// What Go To needs: whether a bare number is a line (the Lines view), the lines' time
// format (None: no times), and the jump itself.
struct GoToRequest {
    bool takesLines = false;
    TimeFormat times = TimeFormat::None;
    std::function<UiStatus(const QString&)> go;
};

void showGotoDialog(QWidget* parent, GoToRequest request);
void showFillDialog(QWidget* parent, const DocumentContext& doc);
// Edit > Insert Bytes: "COUNT [HEX PATTERN]" before the cursor.
void showInsertBytesDialog(QWidget* parent, const DocumentContext& doc);
void showResizeDialog(QWidget* parent, const DocumentContext& doc);
// Asks for a file name, then starts the document's Save As: what starting it said (a
// cancelled file dialog is a success that does nothing).
UiStatus showSaveAsDialog(QWidget* parent, const DocumentContext& doc);

} // namespace hexmap
