// SPDX-License-Identifier: MIT
// Input handlers: each view hands each key and mouse event to a short list of small
// handlers, one job each (moving the cursor, switching columns, typing hex digits, typing
// text, the mouse); the first that takes the event ends its journey. Edits go through the
// tab's EditController, never to the document directly. The handlers that do not care how
// rows are laid out work on any DocumentView and serve both views; the others know theirs.
#pragma once

#include <cstdint>

class QKeyEvent;
class QMouseEvent;
class QWheelEvent;

namespace hexmap {

class DocumentView;
class FilteredLinesView;
class HexView;
class LinesView;

class InputHandler {
public:
    InputHandler() = default;
    virtual ~InputHandler() = default;
    InputHandler(const InputHandler&) = delete;
    InputHandler& operator=(const InputHandler&) = delete;

    // Each returns true when it handled (and accepted) the event.
    virtual bool keyPress(QKeyEvent*) { return false; }
    virtual bool mousePress(QMouseEvent*) { return false; }
    virtual bool mouseMove(QMouseEvent*) { return false; }
    virtual bool wheel(QWheelEvent*) { return false; }
};

// A handler of one kind of view.
template <class View>
class ViewInputHandler : public InputHandler {
public:
    explicit ViewInputHandler(View& view) : m_view(view) {}

protected:
    View& m_view;
};

// --- both views -----------------------------------------------------------------------

// Click to place the cursor, Shift+click and drag to select (a drag past the top or bottom
// edge scrolls), the wheel to scroll three rows a notch.
class MouseHandler final : public ViewInputHandler<DocumentView> {
public:
    using ViewInputHandler::ViewInputHandler;
    bool mousePress(QMouseEvent* event) override;
    bool mouseMove(QMouseEvent* event) override;
    bool wheel(QWheelEvent* event) override;

private:
    std::uint64_t m_dragOrigin = 0;
    bool m_dragging = false;
};

// Delete (the selection or the byte under the cursor) and, in insert mode, Backspace.
class DeleteKeysHandler final : public ViewInputHandler<DocumentView> {
public:
    using ViewInputHandler::ViewInputHandler;
    bool keyPress(QKeyEvent* event) override;
};

// Printable characters where the view types text, in its encoding: overwritten in place,
// or inserted before the cursor in insert mode.
class TextCharHandler final : public ViewInputHandler<DocumentView> {
public:
    using ViewInputHandler::ViewInputHandler;
    bool keyPress(QKeyEvent* event) override;
};

// --- the hex grid ---------------------------------------------------------------------

// Arrows, PgUp/PgDn, Home/End (Ctrl: the file's ends), Backspace (steps back when not
// inserting); with Shift they select.
class NavigationHandler final : public ViewInputHandler<HexView> {
public:
    using ViewInputHandler::ViewInputHandler;
    bool keyPress(QKeyEvent* event) override;
};

// Tab / Shift+Tab switch between the hex and the text column (ending the typing step);
// Insert toggles insert mode (or says why it cannot).
class ColumnKeysHandler final : public ViewInputHandler<HexView> {
public:
    using ViewInputHandler::ViewInputHandler;
    bool keyPress(QKeyEvent* event) override;
};

// Hex digits in the hex column: the high nibble, then the low one, then the next byte.
class HexDigitHandler final : public ViewInputHandler<HexView> {
public:
    using ViewInputHandler::ViewInputHandler;
    bool keyPress(QKeyEvent* event) override;
};

// --- the Lines view -------------------------------------------------------------------

// Arrows (up and down keep the column they started from), PgUp/PgDn, Home/End of the row
// (Ctrl: the file's ends); with Shift they select.
class LinesNavigationHandler final : public ViewInputHandler<LinesView> {
public:
    using ViewInputHandler::ViewInputHandler;
    bool keyPress(QKeyEvent* event) override;

private:
    int m_wantedColumn = -1;       // the column up/down aims for
    std::uint64_t m_movedTo = ~0ULL; // where this handler left the cursor: if it is
                                     // elsewhere now, the wanted column is stale
};

// e / E, w / W in a read-only document (lnav's keys): the next or previous error or
// warning line. Where typing edits, the Search menu's items (F8, F7) do it.
class LevelKeysHandler final : public ViewInputHandler<LinesView> {
public:
    using ViewInputHandler::ViewInputHandler;
    bool keyPress(QKeyEvent* event) override;
};

// --- the filter pane ------------------------------------------------------------------

// Up / Down, PgUp / PgDn, Home / End: from kept line to kept line (the cursor goes to the
// line's start, and the main view follows); with Shift they select.
class FilteredNavigationHandler final : public ViewInputHandler<FilteredLinesView> {
public:
    using ViewInputHandler::ViewInputHandler;
    bool keyPress(QKeyEvent* event) override;
};

} // namespace hexmap
