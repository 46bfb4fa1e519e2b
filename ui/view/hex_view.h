// SPDX-License-Identifier: MIT
// HexView: the hex grid. A QAbstractScrollArea that paints only the rows in the viewport,
// reading them straight from the mapping; nothing is copied and nothing is cached per
// row, so the cost of a frame depends on the viewport, never on the file's size or the
// scroll position. Rows and the top row are 64-bit; the int scroll bar is mapped onto
// them by ScrollMapping. All geometry comes from GridLayout, each column is painted by
// its ColumnRenderer, each kind of input is taken by an InputHandler, and coloured ranges
// come from HighlightSources. The view listens to its DocumentModel and CursorModel; it
// changes nothing itself (typing goes to the EditController).
#pragma once

#include "column_renderer.h"
#include "cursor_model.h"
#include "grid_colors.h"
#include "grid_layout.h"
#include "text_encoding.h"
#include "highlight.h"
#include "scroll_mapping.h"

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

class HexView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit HexView(QWidget* parent = nullptr);
    ~HexView() override;

    // What to show and edit (not owned; each may be nullptr for none). The view follows
    // the model's changed() and the cursor model's changed().
    void attach(DocumentModel* model, CursorModel* cursor, EditController* edit);
    DocumentModel* documentModel() const { return m_model; }
    CursorModel* cursorModel() const { return m_cursor; }
    EditController* editController() const { return m_edit; }
    std::uint64_t documentSize() const;

    // Bytes per row: 8, 16, 32..., or 0 for "fit to window".
    void setBytesPerRow(int bytesPerRow);
    // Upper-case hex digits (bytes and hex offsets), and decimal offsets: preferences.
    void setDisplayOptions(bool upperHex, bool decimalOffsets);
    bool upperHex() const { return m_upperHex; }
    bool decimalOffsets() const { return m_decimalOffsets; }
    // How the text column reads and types bytes (View > Encoding).
    void setColumnEncoding(ColumnEncoding encoding);
    ColumnEncoding textEncoding() const { return m_encoding; }
    int bytesPerRowSetting() const { return m_bprSetting; }
    const GridLayout& gridLayout() const { return m_layout; }

    std::uint64_t cursorOffset() const { return m_cursor ? m_cursor->cursor() : 0; }
    // Moves the cursor through the cursor model (every view of the document follows).
    void moveCursor(std::uint64_t offset, bool extend = false);

    std::uint64_t topRow() const { return m_topRow; }
    void setTopRow(std::uint64_t row);
    std::uint64_t maxTopRow() const;
    int visibleRows() const; // rows fully inside the viewport, at least 1
    const ScrollMapping& scrollMapping() const { return m_scroll; }
    // For tests: a smaller scroll-bar limit shows the scaling on small files.
    void setScrollLimit(int limit);
    // The first byte shown and one past the last (for the overview strip).
    std::uint64_t firstVisibleByte() const;
    std::uint64_t endVisibleByte() const;

    // Sources of coloured ranges (modified bytes, matches, bookmarks), painted in order.
    // Painted over the sources added before it, or under every one (a background tint).
    void addHighlightSource(const HighlightSource* source, bool underAll = false);
    void removeHighlightSource(const HighlightSource* source);
    const GridColors& colors() const { return m_colors; }

    GridLayout::Area activeArea() const { return m_activeArea; }
    void setActiveArea(GridLayout::Area area);
    // In the hex column, true after the high nibble was typed (the low one is next).
    bool onLowNibble() const { return m_lowNibble; }
    void setLowNibble(bool low);

    // The byte under a viewport point; nullopt for an empty document.
    std::optional<GridLayout::Position> positionAt(const QPoint& viewportPoint) const;
    // Where byte `offset` is drawn in `area`, in viewport coordinates. Empty when its row
    // is not visible.
    QRect byteRect(std::uint64_t offset, GridLayout::Area area) const;

signals:
    // The top row changed (scrolling).
    void scrolled();
    // A frame with a file was painted (for the start-up benchmark).
    void framePainted();
    // An edit was refused (read-only, write-protected, a search running): the reason.
    void editRefused(const QString& reason);
    // A message for the status bar (e.g. why Insert does nothing).
    void statusMessage(const QString& text);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void changeEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool focusNextPrevChild(bool next) override;

private:
    void onDocumentChanged(const DocumentChange& change);
    void onCursorChanged(CursorModel::Reveal reveal);
    void relayout();
    void updateScrollBars();
    void reveal(std::uint64_t offset, CursorModel::Reveal how);
    void paintEmpty(QPainter& p, const QString& text) const;

    DocumentModel* m_model = nullptr;
    CursorModel* m_cursor = nullptr;
    EditController* m_edit = nullptr;
    GridLayout m_layout;
    ScrollMapping m_scroll;
    GridColors m_colors;
    std::vector<std::unique_ptr<ColumnRenderer>> m_columns;
    std::vector<std::unique_ptr<InputHandler>> m_handlers;
    std::unique_ptr<HighlightSource> m_modified; // always the first source
    std::vector<const HighlightSource*> m_sources;
    int m_scrollLimit = ScrollMapping::kDefaultLimit;
    int m_bprSetting = 16;
    bool m_upperHex = false;
    bool m_decimalOffsets = false;
    ColumnEncoding m_encoding = ColumnEncoding::Ascii;
    std::uint64_t m_topRow = 0;
    bool m_syncingBar = false;
    bool m_lowNibble = false;
    GridLayout::Area m_activeArea = GridLayout::Area::Hex;
    int m_xOffset = 0;
    // Keeps the cursor's row on screen when the viewport shrinks (a banner appears).
    bool m_cursorWasVisible = false;
};

} // namespace hexmap
