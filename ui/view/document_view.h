// SPDX-License-Identifier: MIT
// DocumentView: what the hex grid and the Lines view share. Both paint only the viewport,
// straight from the mapping; both follow one DocumentModel and its CursorModel and change
// nothing themselves (typing goes to the EditController). This base holds that common part
// once: attaching to a document, the highlight sources (the modified bytes first), the
// colours from the palette, the 64-bit top mapped onto the int scroll bar (ScrollMapping),
// the frame (its empty states and its timing), and the list of input handlers each event
// is offered to. A subclass lays rows out (GridLayout or LineLayout) and paints them with its
// renderers; the handlers that do not care how rows are laid out (the mouse, Delete, typed
// characters) serve both views through the virtual functions below.
#pragma once

#include "cursor_model.h"
#include "grid_colors.h"
#include "highlight.h"
#include "scroll_mapping.h"
#include "text_encoding.h"
#include "ui_status.h"

#include <QAbstractScrollArea>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace hexmap {

struct DocumentChange;
class DocumentModel;
class EditController;
class InputHandler;

class DocumentView : public QAbstractScrollArea {
    Q_OBJECT
public:
    ~DocumentView() override;

    DocumentModel* documentModel() const { return m_model; }
    CursorModel* cursorModel() const { return m_cursor; }
    EditController* editController() const { return m_edit; }
    std::uint64_t documentSize() const;
    std::uint64_t cursorOffset() const { return m_cursor ? m_cursor->cursor() : 0; }
    // Moves the cursor through the cursor model (every view of the document follows).
    void moveCursor(std::uint64_t offset, bool extend = false);

    // Sources of coloured ranges (modified bytes, matches, bookmarks), painted in order.
    // Painted over the sources added before it, or under every one (a background tint).
    void addHighlightSource(const HighlightSource* source, bool underAll = false);
    void removeHighlightSource(const HighlightSource* source);
    const GridColors& colors() const { return m_colors; }
    const ScrollMapping& scrollMapping() const { return m_scroll; }
    // How long the last frame took to paint, in nanoseconds (for benchmarks and the
    // "first frame" targets; 0 before the first).
    std::int64_t lastFrameNanoseconds() const { return m_lastFrameNs; }

    // --- what the shared input handlers ask of a view ---
    // The byte under a viewport point; nullopt for an empty document.
    virtual std::optional<std::uint64_t> offsetAt(const QPoint& viewportPoint) const = 0;
    // Scrolls by whole rows (negative: up), as the wheel and a drag past an edge do.
    virtual void scrollRows(std::int64_t rows) = 0;
    // A press at a point before the cursor moves there (the grid picks the column).
    virtual void pressedAt(const QPoint&) {}
    // Whether typed characters go into the text here, and in which encoding.
    virtual bool typesText() const { return true; }
    virtual ColumnEncoding typingEncoding() const { return ColumnEncoding::Utf8; }
    // Half a byte typed (the hex column's high nibble): views without one keep the defaults.
    virtual bool onLowNibble() const { return false; }
    virtual void setLowNibble(bool) {}
    // Whether an edit went through; a refused one is reported (editRefused) with its reason.
    bool accepted(const UiStatus& edit);

signals:
    // The top changed (scrolling).
    void scrolled();
    // A frame with a file was painted (for the start-up benchmark).
    void framePainted();
    // An edit was refused (read-only, write-protected, a search running): the reason.
    void editRefused(const QString& reason);
    // A message for the status bar (e.g. why Insert does nothing).
    void statusMessage(const QString& text);

protected:
    explicit DocumentView(QWidget* parent);

    // Follows `model` and `cursor` (either may be nullptr): their changes reach the two
    // functions below.
    void attachDocument(DocumentModel* model, CursorModel* cursor, EditController* edit);
    virtual void onDocumentChanged(const DocumentChange& change) = 0;
    virtual void onCursorChanged(CursorModel::Reveal how) = 0;
    // Paints a non-empty document's visible rows (the background is already filled).
    virtual void paintDocument(QPainter& p) = 0;
    // The font changed (and once at construction): recompute metrics.
    virtual void fontChanged() {}

    // This frame's highlights over [first, end), in paint order.
    std::vector<Highlight> highlightsIn(std::uint64_t first, std::uint64_t end) const;
    // Handlers are offered each event in the order added; the first that takes it ends it.
    void addInputHandler(std::unique_ptr<InputHandler> handler);
    // One of each handler type, made for `view` (the subclass), in order.
    template <class... Handlers, class View> void addInputHandlers(View& view) {
        (addInputHandler(std::make_unique<Handlers>(view)), ...);
    }
    // Puts the vertical bar at `top` under `mapping` without it scrolling the view back.
    void syncVerticalBar(const ScrollMapping& mapping, std::uint64_t top, int pageStep);
    // The top the vertical bar's value stands for.
    std::uint64_t topForBar() const;
    // The text baseline in a row of `lineHeight` pixels, for the painter's font.
    static int baselineShift(const QPainter& p, int lineHeight);

    void paintEvent(QPaintEvent* event) final;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void changeEvent(QEvent* event) override;

    ScrollMapping m_scroll;
    bool m_syncingBar = false; // the view moves the bar: not a scroll by the user
    int m_xOffset = 0;         // horizontal scroll, pixels

private:
    DocumentModel* m_model = nullptr;
    CursorModel* m_cursor = nullptr;
    EditController* m_edit = nullptr;
    GridColors m_colors;
    std::unique_ptr<HighlightSource> m_modified; // always the first source
    std::vector<const HighlightSource*> m_sources;
    std::vector<std::unique_ptr<InputHandler>> m_handlers;
    std::int64_t m_lastFrameNs = 0;
};

} // namespace hexmap
