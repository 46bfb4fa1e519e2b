// SPDX-License-Identifier: MIT
// FilteredLinesView: the filter pane's lines — only the lines the filters keep, one row each
// (cut at the view's edge, scroll sideways for the rest), numbered as in the file, tinted by
// the colour rules, drawn by the Lines view's own renderers. Its rows are indexes into
// FilteredLines, so the first frame costs the same at any position of ten million lines.
// It shares the document's cursor: a click or a key here moves the cursor to that line, and
// the main view goes there; it follows the cursor when it lands on a kept line.
#pragma once

#include "ascii_glyphs.h"
#include "document_view.h"
#include "line_renderer.h"
#include "line_rules.h"

#include <QPointer>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace hexmap {

class FilteredLines;

class FilteredLinesView : public DocumentView {
    Q_OBJECT
public:
    explicit FilteredLinesView(QWidget* parent = nullptr);
    ~FilteredLinesView() override;

    void attach(DocumentModel* model, CursorModel* cursor, FilteredLines* lines);
    void setRules(const LineRules& rules);

    std::size_t topIndex() const { return m_top; }
    void setTopIndex(std::size_t index);
    int visibleRows() const;
    // The kept line the cursor is on, if it is on one.
    std::optional<std::size_t> currentIndex() const;
    // Moves the cursor to the start of kept line `index` (clamped), extending the selection.
    void goToIndex(std::size_t index, bool extend);
    // Where the cell of `offset` is drawn (empty when its line is not shown).
    QRect cellRect(std::uint64_t offset) const;

    std::optional<std::uint64_t> offsetAt(const QPoint& viewportPoint) const override;
    void scrollRows(std::int64_t rows) override;
    bool typesText() const override { return false; } // edits are made in the main view

protected:
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void onDocumentChanged(const DocumentChange& change) override;
    void onCursorChanged(CursorModel::Reveal how) override;
    void paintDocument(QPainter& p) override;
    void fontChanged() override;

private:
    struct Row {
        LineRow row;
        std::uint64_t number = 0;
        std::vector<LineCell> cells;
    };
    // Kept line `index`, as far as the view can show it.
    Row rowAt(std::size_t index) const;
    std::size_t maxTop() const;
    void updateScrollBars();
    void onLinesChanged();

    QPointer<FilteredLines> m_lines; // the tab's; it may go first when the tab closes
    std::vector<std::unique_ptr<LineRenderer>> m_renderers;
    AsciiGlyphs m_glyphs;
    LineRules m_rules;
    LineMetrics m_metrics;
    mutable std::vector<std::uint8_t> m_scratch;
    std::size_t m_top = 0;
    bool m_atEnd = true; // showing the last rows: new lines keep it there (Follow End)
};

} // namespace hexmap
