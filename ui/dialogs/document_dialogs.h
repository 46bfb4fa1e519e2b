// SPDX-License-Identifier: MIT
// The small dialogs that act on one open file: Go to Offset, Fill Selection, Resize and
// Save As. Each is non-blocking (open(), deleted on close), says in its own words what
// the input will do, and refuses a bad input with the reason under the field.
#pragma once

class QWidget;

namespace hexmap {

class DocumentTab;

void showGotoDialog(QWidget* parent, DocumentTab* tab);
void showFillDialog(QWidget* parent, DocumentTab* tab);
// Edit > Insert Bytes: "COUNT [HEX PATTERN]" before the cursor.
void showInsertBytesDialog(QWidget* parent, DocumentTab* tab);
void showResizeDialog(QWidget* parent, DocumentTab* tab);
// Asks for a file name, then starts the tab's Save As.
void showSaveAsDialog(QWidget* parent, DocumentTab* tab);

} // namespace hexmap
