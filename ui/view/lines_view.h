// SPDX-License-Identifier: MIT
// LinesView: the document as lines of text, for logs. Like the hex grid it paints only what
// is in the viewport straight from the mapping, with no index: the top of the view is a byte
// offset, the rows around it come from LineLayout (a look back for the newline before it,
// then forward row by row), and the scroll bar is a fraction of the file's bytes. So a
// 16 GiB log shows its first, last or middle lines at once. Line numbers come from the
// LineCounter when its background count is done; until then the gutter shows offsets.
// It shares the document, cursor and selection with the hex grid, colours lines by the
// LineRules, and paints the same HighlightSources (modified bytes, search matches). It is a
// DocumentView like the grid; its rows are painted by LineRenderers and its keys taken by
// InputHandlers (the mouse, Delete and typing are the grid's own handlers).
#pragma once

#include "ascii_glyphs.h"
#include "document_view.h"
#include "line_cells.h"
#include "line_layout.h"
#include "line_renderer.h"
#include "line_rules.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace hexmap {

class LineCounter;

class LinesView : public DocumentView {
    Q_OBJECT
public:
    explicit LinesView(QWidget* parent = nullptr);
    ~LinesView() override;

    void attach(DocumentModel* model, CursorModel* cursor, EditController* edit,
                LineCounter* lines);
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
    // Where cell `column` of `row` is (the newline, or the last character, past its end),
    // and the column of the character holding `offset`: up and down keep a column.
    std::uint64_t offsetInRow(const LineRow& row, int column) const;
    int columnOf(const LineRow& row, std::uint64_t offset) const;
    // Where the cell of `offset` is drawn (empty when not visible).
    QRect cellRect(std::uint64_t offset) const;

    std::optional<std::uint64_t> offsetAt(const QPoint& viewportPoint) const override;
    void scrollRows(std::int64_t rows) override;

signals:
    // e / E, w / W in a read-only document (lnav's keys): the next or previous error or
    // warning line. Where typing edits, the Search menu's items do it.
    void levelJumpRequested(bool error, bool forward);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void onDocumentChanged(const DocumentChange& change) override;
    void onCursorChanged(CursorModel::Reveal reveal) override;
    void paintDocument(QPainter& p) override;
    void fontChanged() override;

private:
    // Keeps m_top inside the document and the page full (see the .cpp).
    void fillToBottom();
    struct VisibleRow {
        LineRow row;
        int y = 0;
        std::vector<LineCell> cells;
    };
    std::vector<VisibleRow> visibleRowList(bool withCells = true) const;
    int gutterWidth() const;
    void updateScrollBars();
    void reveal(std::uint64_t offset, CursorModel::Reveal how);
    // The row's characters, from its bytes (made contiguous when they cross pieces).
    std::vector<LineCell> cellsOf(const LineRow& row) const;
    QString gutterLabel(const LineRow& row, bool firstShown,
                        std::optional<std::uint64_t> lineNo) const;
    int xOf(int column) const { return qRound(column * m_advance); }

    LineCounter* m_lines = nullptr;
    std::vector<std::unique_ptr<LineRenderer>> m_renderers;
    AsciiGlyphs m_glyphs;
    LineRules m_rules;
    mutable std::vector<std::uint8_t> m_scratch;
    std::uint64_t m_top = 0;
    bool m_wrap = true;
    bool m_upperHex = false;
    bool m_decimalOffsets = false;
    int m_charWidth = 8;   // rounded, for the gutter and the scroll range
    qreal m_advance = 8.0; // one cell, as the text is drawn
    int m_lineHeight = 16;
};

} // namespace hexmap
