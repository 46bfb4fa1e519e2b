// SPDX-License-Identifier: MIT
// Finishing a save in place that stopped part way (a crash, a failed write): the record
// beside the file (rewrite_in_place.h) completes it. Runs on a worker thread behind a
// progress dialog without Cancel (a half-moved file is no place to stop), so the GUI
// thread never walks the file.
#pragma once

#include "ui_status.h"

#include <QByteArray>

class QWidget;

namespace hexmap {

// Whether `rawPath` has the record of a save in place that did not finish.
bool saveLeftUnfinished(const QByteArray& rawPath);
// Completes it; the dialog (after 400 ms) on `parent`. Empty on success, else why not.
UiStatus finishUnfinishedSave(const QByteArray& rawPath, QWidget* parent);

} // namespace hexmap
