// SPDX-License-Identifier: MIT
// Input handlers: the hex grid hands each key and mouse event to a short list of small
// handlers, one job each (moving the cursor, switching columns, typing hex digits, typing
// text, the mouse); the first that takes the event ends its journey. Edits go through the
// tab's EditController, never to the document directly.
#pragma once

#include <cstdint>

class QKeyEvent;
class QMouseEvent;
class QWheelEvent;

namespace hexmap {

class HexView;

class InputHandler {
public:
    explicit InputHandler(HexView& view) : m_view(view) {}
    virtual ~InputHandler() = default;
    InputHandler(const InputHandler&) = delete;
    InputHandler& operator=(const InputHandler&) = delete;

    // Each returns true when it handled (and accepted) the event.
    virtual bool keyPress(QKeyEvent*) { return false; }
    virtual bool mousePress(QMouseEvent*) { return false; }
    virtual bool mouseMove(QMouseEvent*) { return false; }
    virtual bool wheel(QWheelEvent*) { return false; }

protected:
    HexView& m_view;
};

// Arrows, PgUp/PgDn, Home/End (Ctrl: the file's ends), Backspace (steps back: a mapped
// file has no bytes to delete); with Shift they select.
class NavigationHandler final : public InputHandler {
public:
    using InputHandler::InputHandler;
    bool keyPress(QKeyEvent* event) override;
};

// Tab / Shift+Tab switch between the hex and the text column (ending the typing step);
// Insert explains why nothing can be inserted.
class ColumnKeysHandler final : public InputHandler {
public:
    using InputHandler::InputHandler;
    bool keyPress(QKeyEvent* event) override;
};

// Hex digits in the hex column: the high nibble, then the low one, then the next byte.
// Delete (the selection or the byte under the cursor) and, in insert mode, Backspace.
class DeleteKeysHandler final : public InputHandler {
public:
    using InputHandler::InputHandler;
    bool keyPress(QKeyEvent* event) override;
};

class HexDigitHandler final : public InputHandler {
public:
    using InputHandler::InputHandler;
    bool keyPress(QKeyEvent* event) override;
};

// Printable characters in the text column, one byte each.
class TextCharHandler final : public InputHandler {
public:
    using InputHandler::InputHandler;
    bool keyPress(QKeyEvent* event) override;
};

// Click to place the cursor (and pick the column), Shift+click and drag to select, the
// wheel to scroll three rows a notch.
class MouseHandler final : public InputHandler {
public:
    using InputHandler::InputHandler;
    bool mousePress(QMouseEvent* event) override;
    bool mouseMove(QMouseEvent* event) override;
    bool wheel(QWheelEvent* event) override;

private:
    std::uint64_t m_dragOrigin = 0;
    bool m_dragging = false;
};

} // namespace hexmap
