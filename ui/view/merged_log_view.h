// SPDX-License-Identifier: MIT
// MergedLogView: the rows of MergedLogs — several logs' lines in time order — each tagged
// with its file (a column of the file's name on the file's own colour, blended from the
// palette so that a dark theme stays dark), numbered as in its own file, tinted by the
// colour rules and drawn by the Lines view's renderers. Rows are indexes into MergedLogs,
// so a frame costs the same anywhere in tens of millions of lines.
//
// Keys: arrows, Page Up/Down, Home/End (Ctrl too) move the current row, with Shift they
// extend the selection of rows; Left/Right scroll sideways; Ctrl+C copies the selected
// lines; Ctrl+A selects all; Enter or a double click asks to open the row's file at its line.
#pragma once

#include "ascii_glyphs.h"
#include "grid_colors.h"
#include "line_renderer.h"
#include "line_rules.h"

#include <QAbstractScrollArea>
#include <QPointer>
#include <cstdint>
#include <memory>
#include <vector>

namespace hexmap {

class MergedLogs;

class MergedLogView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit MergedLogView(QWidget* parent = nullptr);
    ~MergedLogView() override;

    void setLogs(MergedLogs* logs);
    void setRules(const LineRules& rules);

    std::size_t topRow() const { return m_top; }
    void setTopRow(std::size_t row);
    std::size_t currentRow() const { return m_current; }
    // Moves the current row (clamped), extending the selection or not, and shows it.
    void setCurrentRow(std::size_t row, bool extend = false);
    // Makes `row` current and scrolls it a third down the view (Go To).
    void showRow(std::size_t row);
    // The selected rows [first, last] (the current row alone when nothing more is selected).
    std::pair<std::size_t, std::size_t> selectedRows() const;
    int visibleRows() const;
    // The text of the selected lines, one per line; at most `maxBytes` (*cut tells).
    QString selectedText(std::size_t maxBytes = 16u << 20, bool* cut = nullptr) const;
    // The tag colour of file `file` for this palette.
    QColor fileColor(int file) const;
    // The row under a point of the viewport (clamped to the rows there are).
    std::size_t rowAt(const QPoint& viewportPoint) const;

signals:
    void currentRowChanged(std::size_t row);
    // Enter or a double click on a row.
    void openRequested(std::size_t row);
    void copied(const QString& message);
    // e/E (next/previous error) and w/W (warning), as in lnav and the Lines view.
    void levelJumpRequested(bool error, bool forward);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void onLogsChanged();
    void updateScrollBars();
    void updateMetrics();
    std::size_t maxTop() const;
    int tagWidth() const;
    int gutterWidth() const;

    QPointer<MergedLogs> m_logs;
    std::vector<std::unique_ptr<LineRenderer>> m_renderers;
    AsciiGlyphs m_glyphs;
    LineRules m_rules;
    LineMetrics m_metrics;
    GridColors m_colors;
    mutable std::vector<std::uint8_t> m_scratch;
    std::size_t m_top = 0;
    std::size_t m_current = 0;
    std::size_t m_anchor = 0;
    int m_xOffset = 0;
    bool m_syncing = false;
};

} // namespace hexmap
