// SPDX-License-Identifier: MIT
// Preferences: what Edit > Preferences sets, kept with QSettings under "preferences/".
// The window applies them at once (MainWindow::applyPreferences); new tabs take them too.
#pragma once

#include "mapped_file.h"

#include <QFont>

namespace hexmap {

// The palette the user chose: the platform's, or Light or Dark (applyTheme, in view/theme.h,
// sets it).
enum class Theme { System, Light, Dark };

struct Preferences {
    QFont font;                               // the grid's and the Lines view's; monospace
    int bytesPerRow = 16;                     // 8, 16, 32, or 0: fit the window
    OpenMode defaultMode = OpenMode::ReadOnly; // for File > Open and a command line without a mode
    bool upperHex = false;                    // "DE AD" rather than "de ad"
    bool decimalOffsets = false;              // offsets in the grid in decimal
    bool restoreFiles = false;                // reopen the files open at the last quit
    Theme theme = Theme::System;
    // A save after inserts or deletes rewrites the file where it is (no second copy on disk)
    // rather than through a copy beside it and a rename. Without room for the copy it is
    // done in place anyway.
    bool saveInPlace = false;

    static Preferences defaults();
    static Preferences load();
    void save() const;
    bool operator==(const Preferences& other) const;
};

} // namespace hexmap
