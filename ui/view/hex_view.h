// SPDX-License-Identifier: MIT
// HexView: the hex grid, a DocumentView that paints only the rows in the viewport,
// reading them straight from the mapping; nothing is copied and nothing is cached per
// row, so the cost of a frame depends on the viewport, never on the file's size or the
// scroll position. Rows and the top row are 64-bit; the int scroll bar is mapped onto
// them by ScrollMapping. All geometry comes from GridLayout, each column is painted by
// its ColumnRenderer, each kind of input is taken by an InputHandler, and coloured ranges
// come from HighlightSources. The view listens to its DocumentModel and CursorModel; it
// changes nothing itself (typing goes to the EditController).
#pragma once

#include "column_renderer.h"
#include "document_view.h"
#include "grid_layout.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace hexmap {

class HexView : public DocumentView {
    Q_OBJECT
public:
    explicit HexView(QWidget* parent = nullptr);
    ~HexView() override;

    // What to show and edit (not owned; each may be nullptr for none). The view follows
    // the model's changed() and the cursor model's changed().
    void attach(DocumentModel* model, CursorModel* cursor, EditController* edit);

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

    std::uint64_t topRow() const { return m_topRow; }
    void setTopRow(std::uint64_t row);
    std::uint64_t maxTopRow() const;
    int visibleRows() const; // rows fully inside the viewport, at least 1
    // For tests: a smaller scroll-bar limit shows the scaling on small files.
    void setScrollLimit(int limit);
    // The first byte shown and one past the last (for the overview strip).
    std::uint64_t firstVisibleByte() const;
    std::uint64_t endVisibleByte() const;

    GridLayout::Area activeArea() const { return m_activeArea; }
    void setActiveArea(GridLayout::Area area);
    // In the hex column, true after the high nibble was typed (the low one is next).
    bool onLowNibble() const override { return m_lowNibble; }
    void setLowNibble(bool low) override;

    // The byte under a viewport point; nullopt for an empty document.
    std::optional<GridLayout::Position> positionAt(const QPoint& viewportPoint) const;
    // Where byte `offset` is drawn in `area`, in viewport coordinates. Empty when its row
    // is not visible.
    QRect byteRect(std::uint64_t offset, GridLayout::Area area) const;

    std::optional<std::uint64_t> offsetAt(const QPoint& viewportPoint) const override;
    void scrollRows(std::int64_t rows) override;
    void pressedAt(const QPoint& viewportPoint) override;
    bool typesText() const override { return m_activeArea == GridLayout::Area::Text; }
    ColumnEncoding typingEncoding() const override { return m_encoding; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool focusNextPrevChild(bool next) override;
    void onDocumentChanged(const DocumentChange& change) override;
    void onCursorChanged(CursorModel::Reveal reveal) override;
    void paintDocument(QPainter& p) override;
    void fontChanged() override { relayout(); }

private:
    void relayout();
    void updateScrollBars();
    void reveal(std::uint64_t offset, CursorModel::Reveal how);

    GridLayout m_layout;
    std::vector<std::unique_ptr<ColumnRenderer>> m_columns;
    int m_scrollLimit = ScrollMapping::kDefaultLimit;
    int m_bprSetting = 16;
    bool m_upperHex = false;
    bool m_decimalOffsets = false;
    ColumnEncoding m_encoding = ColumnEncoding::Ascii;
    std::uint64_t m_topRow = 0;
    bool m_lowNibble = false;
    GridLayout::Area m_activeArea = GridLayout::Area::Hex;
    // Keeps the cursor's row on screen when the viewport shrinks (a banner appears).
    bool m_cursorWasVisible = false;
};

} // namespace hexmap
