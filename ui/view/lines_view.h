// SPDX-License-Identifier: MIT
// LinesView: the document as lines of text, for logs. Like the hex grid it paints only what
// is in the viewport straight from the mapping, with no index: the top of the view is a byte
// offset, the rows around it come from LineLayout (a look back for the newline before it,
// then forward row by row), and the scroll bar is a fraction of the file's bytes. So a
// 16 GiB log shows its first, last or middle lines at once. Line numbers come from the
// LineCounter when its background count is done; until then the gutter shows offsets.
// It shares the document, cursor and selection with the hex grid, colours lines by the
// LineRules, and paints the same HighlightSources (modified bytes, search matches).
#pragma once

#include "ascii_glyphs.h"
#include "cursor_model.h"
#include "grid_colors.h"
#include "highlight.h"
#include "line_cells.h"
#include "line_layout.h"
#include "line_rules.h"
#include "scroll_mapping.h"

#include <QAbstractScrollArea>
#include <cstdint>
#include <optional>
#include <vector>

namespace hexmap {

struct DocumentChange;
class DocumentModel;
class EditController;
class LineCounter;

class LinesView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit LinesView(QWidget* parent = nullptr);
    ~LinesView() override;

    void attach(DocumentModel* model, CursorModel* cursor, EditController* edit, LineCounter* lines);
    void addHighlightSource(const HighlightSource* source);
    void setRules(const LineRules& rules);
    const LineRules& rules() const { return m_rules; }

    // Soft wrap (default on): long lines continue on the next rows; off, they are cut at the
    // view's edge (scroll sideways to read on).
    void setWrap(bool wrap);
    // How the gutter writes offsets while the lines are being counted (preferences).
    void setDisplayOptions(bool upperHex, bool decimalOffsets);
    bool wrap() const { return m_wrap; }

    // The first byte of the top row, and the rows shown.
    std::uint64_t topOffset() const { return m_top; }
    void setTopOffset(std::uint64_t offset);
    int visibleRows() const;
    std::uint64_t endVisibleByte() const;
    // Bytes per row when wrapping (the text area's width in cells).
    std::uint32_t wrapBytes() const;
    LineLayout layout() const;
    // The byte drawn at a viewport point, if any.
    std::optional<std::uint64_t> offsetAt(const QPoint& viewportPoint) const;
    // Where the cell of `offset` is drawn (empty when not visible).
    QRect cellRect(std::uint64_t offset) const;
    const GridColors& colors() const { return m_colors; }

signals:
    void scrolled();
    void framePainted();
    void editRefused(const QString& reason);
    // e / E, w / W in a read-only document (lnav's keys): the next or previous error or
    // warning line. Where typing edits, the Search menu's items do it.
    void levelJumpRequested(bool error, bool forward);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void changeEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    // Keeps m_top inside the document and the page full (see the .cpp).
    void fillToBottom();
    struct VisibleRow {
        LineRow row;
        int y = 0;
        std::vector<LineCell> cells;
    };
    std::uint64_t size() const;
    std::vector<VisibleRow> visibleRowList(bool withCells = true) const;
    int gutterWidth() const;
    int cellWidth() const { return m_charWidth; }
    int lineHeight() const { return m_lineHeight; }
    void updateScrollBars();
    void scrollRows(std::int64_t rows);
    void reveal(std::uint64_t offset, CursorModel::Reveal how);
    void onDocumentChanged(const DocumentChange& change);
    void onCursorChanged(CursorModel::Reveal reveal);
    void moveCursor(std::uint64_t offset, bool extend);
    std::uint64_t offsetInRow(const LineRow& row, int column) const;
    // The row's characters, from its bytes (made contiguous when they cross pieces).
    std::vector<LineCell> cellsOf(const LineRow& row) const;
    mutable std::vector<std::uint8_t> m_scratch;
    int columnOf(const LineRow& row, std::uint64_t offset) const;

    DocumentModel* m_model = nullptr;
    CursorModel* m_cursor = nullptr;
    EditController* m_edit = nullptr;
    LineCounter* m_lines = nullptr;
    std::vector<const HighlightSource*> m_sources;
    std::unique_ptr<HighlightSource> m_modified;
    GridColors m_colors;
    AsciiGlyphs m_glyphs;
    LineRules m_rules;
    ScrollMapping m_scroll;
    std::uint64_t m_top = 0;
    bool m_wrap = true;
    bool m_upperHex = false;
    bool m_decimalOffsets = false;
    bool m_syncingBar = false;
    int m_charWidth = 8;   // rounded, for the gutter and the scroll range
    qreal m_advance = 8.0; // one cell, as the text is drawn
    int xOf(int column) const { return qRound(column * m_advance); }
    int m_lineHeight = 16;
    int m_xOffset = 0;
    int m_wantedColumn = -1; // kept while moving up and down
};

} // namespace hexmap
