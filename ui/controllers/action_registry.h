// SPDX-License-Identifier: MIT
// ActionRegistry: every action of the window, created once, as typed members, so menus,
// toolbar, shortcuts and tests agree on them and no lookup by name can silently return
// null. It creates and describes the actions (text, shortcut, tooltip); MainWindow
// connects them to the current tab's controllers.
#pragma once

#include <QList>

class QAction;
class QActionGroup;
class QMainWindow;
class QMenu;

namespace hexmap {

struct ActionRegistry {
    explicit ActionRegistry(QMainWindow* window);

    // File
    QAction* open;
    QAction* closeTab;
    QAction* reload;
    QAction* reopenReadOnly;
    QAction* reopenShared;
    QAction* reopenPrivate;
    QAction* save;
    QAction* saveAs;
    QAction* revert;
    QAction* compareWith;
    QAction* mergeLogs;
    QAction* openDescription;
    QAction* quit;
    // Edit
    QAction* undo;
    QAction* redo;
    QAction* copy;
    QAction* copyHex;
    QAction* copyText;
    QAction* copyCArray;
    QAction* copyHexDump;
    QAction* copyBase64;
    QAction* copyPython;
    QAction* copyRust;
    QAction* copyGo;
    QAction* pasteBase64;
    QAction* paste;
    QAction* fill;
    QAction* cut;
    QAction* insertMode;
    QAction* insertBytes;
    QAction* deleteSelection;
    QAction* selectAll;
    QAction* resize;
    QAction* writeProtect;
    QAction* gotoOffset;
    QAction* preferences;
    // Search
    QAction* find;
    QAction* findNext;
    QAction* findPrevious;
    QAction* findAll;
    QAction* nextError;
    QAction* previousError;
    QAction* nextWarning;
    QAction* previousWarning;
    // View
    QActionGroup* rowWidth;
    QAction* bytesPerRow8;
    QAction* bytesPerRow16;
    QAction* bytesPerRow32;
    QAction* bytesPerRowFit;
    QAction* followEnd;
    QActionGroup* viewGroup;
    QAction* viewHex;
    QAction* viewLines;
    QAction* viewBoth;
    QAction* wrapLines;
    QAction* filterPane;
    QAction* lineRules;
    QAction* checksums;
    QActionGroup* encodingGroup; // View > Encoding, one per ColumnEncoding (data: its int)
    QAction* addBookmark;
    QAction* nextBookmark;
    QAction* previousBookmark;
    QAction* keyReference;
    QAction* about;
    QAction* nextTab;
    QAction* previousTab;

    // Actions that need an open file (disabled without a tab).
    QList<QAction*> documentActions() const;
    // Puts the actions in the window's menus and toolbar. `recent` receives the Open
    // Recent submenu; `extraView` adds to the View menu (dock toggles).
    void buildMenus(QMainWindow* window, QMenu** recent, const QList<QAction*>& extraView) const;

private:
    void setToolbarIcons() const;
};

} // namespace hexmap
