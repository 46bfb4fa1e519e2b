// HexView: the hex grid. A QAbstractScrollArea that paints only the rows in the viewport,
// reading them straight from the mapping; nothing is copied and nothing is cached per
// row, so the cost of a frame depends on the viewport, never on the file's size or the
// scroll position. Rows and the top row are 64-bit; the int scroll bar is mapped onto
// them by ScrollMapping. All geometry comes from GridLayout.
#pragma once

#include "grid_layout.h"
#include "searcher.h"

#include <QAbstractScrollArea>
#include <cstdint>
#include <memory>
#include <optional>

namespace hexmap {

class Document;

class HexView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit HexView(QWidget* parent = nullptr);

    // The document to show and edit, or nullptr for none. Not owned; must outlive its
    // use here. Call again (or documentResized) after the document changes size.
    void setDocument(Document* document);
    Document* document() const { return m_doc; }
    std::uint64_t size() const;
    // The document's size changed (resize, undo of a resize, a file that grew): relayout
    // and keep the cursor, clamped.
    void documentResized();

    // Bytes per row: 8, 16, 32..., or 0 for "fit to window".
    void setBytesPerRow(int bytesPerRow);
    int bytesPerRowSetting() const { return m_bprSetting; }
    const GridLayout& layout() const { return m_layout; }

    std::uint64_t cursor() const { return m_cursor; }
    // Moves the cursor (clamped to the last byte) and scrolls it into view. With
    // `extend`, the selection grows from its anchor (or from the old cursor) to it.
    void setCursor(std::uint64_t offset, bool extend = false);
    bool hasSelection() const { return m_hasAnchor; }
    std::uint64_t selectionStart() const;
    std::uint64_t selectionLength() const; // 0 without a selection
    void setSelection(std::uint64_t start, std::uint64_t length);
    void selectAll();
    void clearSelection();

    std::uint64_t topRow() const { return m_topRow; }
    void setTopRow(std::uint64_t row);
    std::uint64_t maxTopRow() const;
    int visibleRows() const; // rows fully inside the viewport, at least 1
    const ScrollMapping& scrollMapping() const { return m_scroll; }
    // For tests: a smaller scroll-bar limit shows the scaling on small files.
    void setScrollLimit(int limit);

    // Matches of `pattern` in the viewport are highlighted (found afresh on each frame,
    // over the visible bytes only), `current` distinctly. nullptr: no highlights.
    void setHighlight(std::shared_ptr<const Pattern> pattern, std::optional<Match> current);
    // While not empty, typing is refused with this reason (e.g. a search is running).
    void setEditBlocker(const QString& reason) { m_editBlocker = reason; }
    // The first byte shown and one past the last (for the overview strip).
    std::uint64_t firstVisibleByte() const;
    std::uint64_t endVisibleByte() const;

    GridLayout::Area activeArea() const { return m_activeArea; }
    void setActiveArea(GridLayout::Area area);
    // In the hex column, true after the high nibble was typed (the low one is next).
    bool onLowNibble() const { return m_lowNibble; }

    // Where byte `offset` is drawn in the hex column, in viewport coordinates (for tests
    // and for tooltips). Empty when the row is not visible.
    QRect byteRect(std::uint64_t offset, GridLayout::Area area) const;

signals:
    // Cursor or selection changed.
    void cursorMoved();
    // The top row changed (scrolling).
    void scrolled();
    // A read of the mapping hit pages the file no longer has (it shrank on disk).
    void damageDetected();
    // A frame with a file was painted (for the start-up benchmark).
    void framePainted();
    // An edit was refused (read-only, write-protected, ...): the reason, for the status bar.
    void editRefused(const QString& reason);
    // A message for the status bar (e.g. why Insert does nothing).
    void statusMessage(const QString& text);
    // Bytes changed through this view.
    void edited();

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
    void relayout();
    void updateScrollBars();
    void ensureCursorVisible();
    bool offsetAt(const QPoint& pos, std::uint64_t* offset, GridLayout::Area* area) const;
    void paintRow(class QPainter& p, std::uint64_t row, int y,
                  const std::vector<Match>& highlights) const;
    std::vector<Match> visibleMatches() const;
    void paintEmpty(QPainter& p, const QString& text) const;
    bool typeByte(QKeyEvent* event);

    Document* m_doc = nullptr;
    GridLayout m_layout;
    ScrollMapping m_scroll;
    int m_scrollLimit = ScrollMapping::kDefaultLimit;
    int m_bprSetting = 16;
    std::uint64_t m_topRow = 0;
    std::uint64_t m_cursor = 0;
    std::uint64_t m_anchor = 0;
    bool m_hasAnchor = false;
    std::uint64_t m_dragOrigin = 0;
    bool m_syncingBar = false;
    bool m_damageReported = false;
    bool m_lowNibble = false;
    std::shared_ptr<const Pattern> m_highlight;
    std::optional<Match> m_currentMatch;
    QString m_editBlocker;
    GridLayout::Area m_activeArea = GridLayout::Area::Hex;
    int m_xOffset = 0;
};

} // namespace hexmap
