// SPDX-License-Identifier: MIT
// DocumentActions: the slots of the actions that act on the current file — save, undo and
// redo, copy and paste in every format, fill, cut, insert and delete, insert mode, resize,
// go to, write protect, find, checksums, bookmarks. Each decides here and hands the work to
// the current tab's controllers; an error comes back as the status message. MainWindow only
// builds it and says which tab is current (Hooks), so it stays a router.
#pragma once

#include <QObject>
#include <functional>

class QWidget;

namespace hexmap {

struct ActionRegistry;
struct Bookmark;
class DocumentTab;

class DocumentActions : public QObject {
    Q_OBJECT
public:
    struct Hooks {
        std::function<DocumentTab*()> current;                   // the tab the actions act on
        std::function<void(const QString&, int ms)> message;     // the status bar
        std::function<void()> stateChanged;                      // insert mode, lock: menus follow
        std::function<void(int row)> bookmarkAdded;              // show the dock, name the row
        std::function<void(const Bookmark&)> bookmarkShown;      // F2 went there
    };
    DocumentActions(const ActionRegistry& actions, QWidget* window, Hooks hooks);

private:
    template <class F> void onCurrent(F fn);
    QWidget* m_window; // the parent of the dialogs
    Hooks m_hooks;
};

} // namespace hexmap
