// SPDX-License-Identifier: MIT
#include "action_registry.h"

#include "text_encoding.h"
#include "toolbar_icons.h"

#include <QAction>
#include <QActionGroup>
#include <QMainWindow>
#include <QMenuBar>
#include <QToolBar>

namespace hexmap {

namespace {
QAction* make(QMainWindow* w, const char* name, const QString& text, const QList<QKeySequence>& keys = {},
              const QString& tip = {}) {
    auto* a = new QAction(text, w);
    a->setObjectName(QString::fromLatin1(name));
    a->setShortcuts(keys);
    // The tooltip names the shortcut, so the toolbar teaches it.
    QString tooltip = tip.isEmpty() ? QString(text).remove(QLatin1Char('&')) : tip;
    if (!keys.isEmpty())
        tooltip += QStringLiteral(" (%1)").arg(keys.first().toString(QKeySequence::NativeText));
    a->setToolTip(tooltip);
    w->addAction(a); // shortcuts work even while the menu bar is hidden
    return a;
}
} // namespace

ActionRegistry::ActionRegistry(QMainWindow* w) {
    using KS = QKeySequence;
    open = make(w, "open", QObject::tr("&Open..."), {KS::Open});
    closeTab = make(w, "closeTab", QObject::tr("&Close Tab"), {KS(Qt::CTRL | Qt::Key_W)});
    reload = make(w, "reload", QObject::tr("&Reload"), {KS(Qt::Key_F5)});
    reopenReadOnly = make(w, "reopenReadOnly", QObject::tr("Reopen &Read-only"));
    reopenShared = make(w, "reopenShared", QObject::tr("Reopen Read-write &Shared"));
    reopenPrivate = make(w, "reopenPrivate", QObject::tr("Reopen &Private (copy-on-write)"));
    save = make(w, "save", QObject::tr("&Save"), {KS::Save});
    saveAs = make(w, "saveAs", QObject::tr("Save &As..."), {KS(Qt::CTRL | Qt::SHIFT | Qt::Key_S)});
    compareWith = make(w, "compareWith", QObject::tr("Co&mpare With..."), {},
                       QObject::tr("This file and another side by side, with their differences"));
    mergeLogs = make(w, "mergeLogs", QObject::tr("Merge &Logs by Time..."), {},
                     QObject::tr("Several log files in one view, their lines ordered by time"));
    openDescription = make(w, "openDescription", QObject::tr("Open &Description (.ksy)..."), {},
                           QObject::tr("Read this file with a Kaitai Struct description and show its fields"));
    revert = make(w, "revert", QObject::tr("Re&vert"));
    quit = make(w, "quit", QObject::tr("&Quit"), {KS::Quit});

    undo = make(w, "undo", QObject::tr("&Undo"), {KS(Qt::CTRL | Qt::Key_Z)});
    redo = make(w, "redo", QObject::tr("&Redo"),
                {KS(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), KS(Qt::CTRL | Qt::Key_Y)});
    copy = make(w, "copy", QObject::tr("&Copy"), {KS::Copy});
    copyHex = make(w, "copyHex", QObject::tr("As &Hex (de ad be ef)"));
    copyText = make(w, "copyText", QObject::tr("As &Text"));
    copyCArray = make(w, "copyCArray", QObject::tr("As &C Array"));
    copyHexDump = make(w, "copyHexDump", QObject::tr("As Hex &Dump (hexdump -C)"));
    copyBase64 = make(w, "copyBase64", QObject::tr("As &Base64"));
    copyPython = make(w, "copyPython", QObject::tr("As &Python bytes"));
    copyRust = make(w, "copyRust", QObject::tr("As &Rust array"));
    copyGo = make(w, "copyGo", QObject::tr("As &Go slice"));
    pasteBase64 = make(w, "pasteBase64", QObject::tr("Paste From Base&64"));
    paste = make(w, "paste", QObject::tr("&Paste Over"), {KS::Paste});
    fill = make(w, "fill", QObject::tr("&Fill Selection..."));
    cut = make(w, "cut", QObject::tr("Cu&t"), {KS::Cut},
               QObject::tr("Copy the selection and delete it (private mode)"));
    insertMode = make(w, "insertMode", QObject::tr("&Insert Mode"), {KS(Qt::Key_Insert)},
                      QObject::tr("Typing and paste insert bytes instead of overwriting them (INS/OVR)"));
    insertMode->setCheckable(true);
    insertBytes = make(w, "insertBytes", QObject::tr("I&nsert Bytes..."), {},
                       QObject::tr("Insert a number of bytes of a pattern before the cursor"));
    deleteSelection = make(w, "deleteSelection", QObject::tr("&Delete"), {},
                           QObject::tr("Delete the selection, or the byte under the cursor (Del)"));
    selectAll = make(w, "selectAll", QObject::tr("Select &All"), {KS::SelectAll});
    resize = make(w, "resize", QObject::tr("Re&size..."));
    writeProtect = make(w, "writeProtect", QObject::tr("&Write Protect"),
                        {KS(Qt::CTRL | Qt::SHIFT | Qt::Key_L)},
                        QObject::tr("Make the mapping read-only with mprotect"));
    writeProtect->setCheckable(true);
    writeProtect->setIconText(QObject::tr("Lock"));
    gotoOffset = make(w, "goto", QObject::tr("&Go to Offset or Line..."), {KS(Qt::CTRL | Qt::Key_G)});
    preferences = make(w, "preferences", QObject::tr("Pre&ferences..."), {KS(Qt::CTRL | Qt::Key_Comma)},
                       QObject::tr("Font, bytes per row, open mode, hex case, offsets, colours"));
    preferences->setMenuRole(QAction::PreferencesRole);

    find = make(w, "find", QObject::tr("&Find..."), {KS::Find});
    findNext = make(w, "findNext", QObject::tr("Find &Next"), {KS(Qt::Key_F3)});
    findPrevious = make(w, "findPrevious", QObject::tr("Find Pre&vious"), {KS(Qt::SHIFT | Qt::Key_F3)});
    findAll = make(w, "findAll", QObject::tr("Find A&ll"), {KS(Qt::CTRL | Qt::SHIFT | Qt::Key_F)});
    // Lines whose level is error or warning (e / E, w / W in the Lines view of a read-only
    // file, as in lnav); F8 / F7 everywhere.
    nextError = make(w, "nextError", QObject::tr("Next &Error Line"), {KS(Qt::Key_F8)});
    previousError = make(w, "previousError", QObject::tr("Previous Error Line"), {KS(Qt::SHIFT | Qt::Key_F8)});
    nextWarning = make(w, "nextWarning", QObject::tr("Next &Warning Line"), {KS(Qt::Key_F7)});
    previousWarning = make(w, "previousWarning", QObject::tr("Previous Warning Line"), {KS(Qt::SHIFT | Qt::Key_F7)});

    rowWidth = new QActionGroup(w);
    bytesPerRow8 = make(w, "bytesPerRow8", QObject::tr("&8 Bytes per Row"));
    bytesPerRow16 = make(w, "bytesPerRow16", QObject::tr("1&6 Bytes per Row"));
    bytesPerRow32 = make(w, "bytesPerRow32", QObject::tr("&32 Bytes per Row"));
    bytesPerRowFit = make(w, "bytesPerRowFit", QObject::tr("&Fit to Window"));
    for (QAction* a : {bytesPerRow8, bytesPerRow16, bytesPerRow32, bytesPerRowFit}) {
        a->setCheckable(true);
        rowWidth->addAction(a);
    }
    bytesPerRow16->setChecked(true);
    followEnd = make(w, "followEnd", QObject::tr("Follow &End (like tail -F)"), {},
                     QObject::tr("Keep the end of a growing file in view"));
    followEnd->setCheckable(true);
    viewGroup = new QActionGroup(w);
    viewHex = make(w, "viewHex", QObject::tr("&Hex"), {KS(Qt::CTRL | Qt::Key_1)},
                   QObject::tr("Show the bytes as a hex grid"));
    viewLines = make(w, "viewLines", QObject::tr("&Lines"), {KS(Qt::CTRL | Qt::Key_2)},
                     QObject::tr("Show the file as lines of text (for logs)"));
    viewBoth = make(w, "viewBoth", QObject::tr("Hex &and Lines"), {KS(Qt::CTRL | Qt::Key_3)},
                    QObject::tr("Show the hex grid and the lines side by side"));
    for (QAction* a : {viewHex, viewLines, viewBoth}) {
        a->setCheckable(true);
        viewGroup->addAction(a);
    }
    viewHex->setChecked(true);
    wrapLines = make(w, "wrapLines", QObject::tr("&Wrap Long Lines"), {},
                     QObject::tr("Continue long lines on the next rows in the Lines view"));
    wrapLines->setCheckable(true);
    wrapLines->setChecked(true);
    filterPane = make(w, "filterPane", QObject::tr("&Filter Pane"), {KS(Qt::CTRL | Qt::Key_4)},
                      QObject::tr("Below the lines, only those that match filters (show / hide, text or regex)"));
    filterPane->setCheckable(true);
    lineRules = make(w, "lineRules", QObject::tr("Line &Colour Rules..."), {},
                     QObject::tr("Tint the lines that contain a text (ERROR, WARN...)"));
    addBookmark = make(w, "addBookmark", QObject::tr("&Bookmark the Selection"), {KS(Qt::CTRL | Qt::Key_B)},
                       QObject::tr("Mark the selection (or the byte under the cursor) as a bookmark"));
    nextBookmark = make(w, "nextBookmark", QObject::tr("Ne&xt Bookmark"), {KS(Qt::Key_F2)});
    previousBookmark = make(w, "previousBookmark", QObject::tr("Pre&vious Bookmark"), {KS(Qt::SHIFT | Qt::Key_F2)});
    encodingGroup = new QActionGroup(w);
    for (int e = 0; e < kColumnEncodingCount; ++e) {
        const auto enc = static_cast<ColumnEncoding>(e);
        QAction* a = make(w, "encoding", QString::fromLatin1(encodingName(enc)), {},
                          QObject::tr("Read and type the text column as %1").arg(QString::fromLatin1(encodingName(enc))));
        a->setObjectName(QStringLiteral("encoding%1").arg(e));
        a->setCheckable(true);
        a->setData(e);
        encodingGroup->addAction(a);
    }
    encodingGroup->actions().front()->setChecked(true);
    checksums = make(w, "checksums", QObject::tr("&Checksums..."), {},
                     QObject::tr("CRC-32, MD5, SHA-1, SHA-256... of the selection or the whole file"));
    keyReference = make(w, "keyReference", QObject::tr("&Keyboard Reference"), {QKeySequence::HelpContents});
    about = make(w, "about", QObject::tr("&About hexmap"));
    about->setMenuRole(QAction::AboutRole);
    nextTab = make(w, "nextTab", QObject::tr("&Next Tab"), {KS(Qt::CTRL | Qt::Key_Tab)});
    // Ctrl+Shift+Tab first: the menu shows the first one, and X11 delivers Shift+Tab as
    // Backtab, so that is kept as the second.
    previousTab = make(w, "previousTab", QObject::tr("&Previous Tab"),
                       {KS(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab), KS(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab)});
}

QList<QAction*> ActionRegistry::documentActions() const {
    return {closeTab, reload, reopenReadOnly, reopenShared, reopenPrivate, save, saveAs, revert, compareWith, openDescription,
            undo, redo, copy, copyHex, copyText, copyCArray, copyHexDump, copyBase64, copyPython,
            copyRust, copyGo, paste, pasteBase64, fill, cut, insertMode, insertBytes, deleteSelection, selectAll,
            resize, writeProtect, gotoOffset, find, findNext, findPrevious, findAll, followEnd,
            viewHex, viewLines, viewBoth, wrapLines, filterPane, checksums, addBookmark, nextBookmark, previousBookmark,
            nextError, previousError, nextWarning, previousWarning};
}

void ActionRegistry::buildMenus(QMainWindow* window, QMenu** recent,
                                const QList<QAction*>& extraView) const {
    QMenuBar* bar = window->menuBar();
    QMenu* file = bar->addMenu(QObject::tr("&File"));
    file->addAction(open);
    *recent = file->addMenu(QObject::tr("Open &Recent"));
    QMenu* reopen = file->addMenu(QObject::tr("Reopen &As"));
    reopen->addActions({reopenReadOnly, reopenShared, reopenPrivate});
    file->addAction(reload);
    file->addSeparator();
    file->addActions({save, saveAs, revert});
    file->addSeparator();
    file->addAction(compareWith);
    file->addAction(mergeLogs);
    file->addSeparator();
    file->addActions({closeTab, quit});

    QMenu* edit = bar->addMenu(QObject::tr("&Edit"));
    edit->addActions({undo, redo});
    edit->addSeparator();
    edit->addAction(copy);
    QMenu* copyAs = edit->addMenu(QObject::tr("Copy &As"));
    copyAs->addActions({copyHex, copyText, copyCArray, copyHexDump, copyBase64, copyPython, copyRust, copyGo});
    edit->addActions({cut, paste, pasteBase64, fill, selectAll});
    edit->addSeparator();
    edit->addActions({insertMode, insertBytes, deleteSelection});
    edit->addSeparator();
    edit->addActions({resize, writeProtect});
    edit->addSeparator();
    edit->addAction(gotoOffset);
    edit->addActions({addBookmark, nextBookmark, previousBookmark});
    edit->addSeparator();
    edit->addAction(preferences);

    QMenu* search = bar->addMenu(QObject::tr("&Search"));
    search->addActions({find, findNext, findPrevious, findAll});
    search->addSeparator();
    search->addActions({nextError, previousError, nextWarning, previousWarning});

    QMenu* view = bar->addMenu(QObject::tr("&View"));
    view->addActions(viewGroup->actions());
    view->addActions({wrapLines, filterPane, lineRules});
    view->addSeparator();
    view->addActions(rowWidth->actions());
    QMenu* encoding = view->addMenu(QObject::tr("&Encoding"));
    encoding->addActions(encodingGroup->actions());
    view->addSeparator();
    view->addAction(followEnd);
    view->addSeparator();
    view->addActions({nextTab, previousTab});
    view->addSeparator();
    view->addActions(extraView);

    QMenu* toolsMenu = bar->addMenu(QObject::tr("&Tools"));
    toolsMenu->addAction(checksums);
    QMenu* structure = toolsMenu->addMenu(QObject::tr("&Structure"));
    structure->addAction(openDescription);

    QMenu* help = bar->addMenu(QObject::tr("&Help"));
    help->addActions({keyReference, about});

    // Icons from the desktop's icon theme, with the ones drawn here (ToolbarIcons) where
    // the theme has none; the button shows the icon, its tooltip the name and the shortcut.
    setToolbarIcons();
    QToolBar* tools = window->addToolBar(QObject::tr("Main"));
    tools->setObjectName("mainToolBar");
    tools->setToolButtonStyle(Qt::ToolButtonFollowStyle);
    tools->addActions({open, save, undo, redo});
    tools->addSeparator();
    tools->addActions({find, findAll});
    tools->addSeparator();
    tools->addActions({writeProtect, followEnd});
}

void ActionRegistry::setToolbarIcons() const {
    const std::pair<QAction*, const char*> icons[] = {
        {open, "document-open"},  {save, "document-save"},   {saveAs, "document-save-as"},
        {undo, "edit-undo"},      {redo, "edit-redo"},       {find, "edit-find"},
        {findAll, "edit-find-replace"}, {writeProtect, "object-locked"}, {followEnd, "go-bottom"},
        {gotoOffset, "go-jump"},  {copy, "edit-copy"},       {paste, "edit-paste"},
        {preferences, "preferences-system"}, {quit, "application-exit"}, {about, "help-about"},
        {addBookmark, "bookmark-new"}};
    for (const auto& [action, name] : icons) {
        action->setIcon(toolbarIcon(QString::fromLatin1(name)));
        // A menu draws a checkable item's icon in place of its check mark (on or off, the same
        // picture): in menus these show the check mark; the tool button shows the state.
        if (action->isCheckable()) action->setIconVisibleInMenu(false);
    }
}

} // namespace hexmap
