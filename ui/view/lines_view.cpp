// SPDX-License-Identifier: MIT
#include "lines_view.h"

#include "document_model.h"
#include "edit_controller.h"
#include "input_handler.h"
#include "line_counter.h"

#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <cstring>

namespace hexmap {

namespace {
constexpr int kGutterPad = LineMetrics::kGutterPad;
constexpr int kTextPad = LineMetrics::kTextPad;
} // namespace

LinesView::LinesView(QWidget* parent) : DocumentView(parent) {
    m_rules = LineRules::load();
    m_renderers = lineRenderers();
    addInputHandlers<DeleteKeysHandler, LinesNavigationHandler, LevelKeysHandler, TextCharHandler, MouseHandler>(
        *this);
    fontChanged();
}

LinesView::~LinesView() = default;

void LinesView::attach(DocumentModel* model, CursorModel* cursor, EditController* edit,
                       LineCounter* lines) {
    attachDocument(model, cursor, edit);
    if (m_lines) disconnect(m_lines, nullptr, this, nullptr);
    m_lines = lines;
    m_top = 0;
    if (m_lines) connect(m_lines, &LineCounter::updated, viewport(), qOverload<>(&QWidget::update));
    updateScrollBars();
    viewport()->update();
}

void LinesView::setRules(const LineRules& rules) {
    m_rules = rules;
    viewport()->update();
}

void LinesView::setWrap(bool wrap) {
    m_wrap = wrap;
    m_xOffset = 0;
    setTopOffset(layout().rowAt(m_top).start);
    updateScrollBars();
    viewport()->update();
}

void LinesView::setDisplayOptions(bool upperHex, bool decimalOffsets) {
    m_upperHex = upperHex;
    m_decimalOffsets = decimalOffsets;
    viewport()->update();
}

LineLayout LinesView::layout() const {
    return LineLayout(documentModel() ? documentModel()->view() : ByteView(),
                      m_wrap ? wrapBytes() : 0);
}

std::vector<LineCell> LinesView::cellsOf(const LineRow& row) const {
    const auto bytes = documentModel()->view().bytes(
        row.start, static_cast<std::size_t>(row.end - row.start), m_scratch);
    return layoutCells(bytes.data(), bytes.size(), row.start);
}

int LinesView::gutterWidth() const {
    return LineMetrics{m_charWidth, m_advance, m_lineHeight}.gutterWidth();
}

std::uint32_t LinesView::wrapBytes() const {
    const int cells =
        static_cast<int>((viewport()->width() - gutterWidth() - kTextPad * 2) / m_advance);
    return static_cast<std::uint32_t>(std::max(8, cells));
}

int LinesView::visibleRows() const {
    return std::max(1, viewport()->height() / std::max(1, m_lineHeight));
}

void LinesView::setTopOffset(std::uint64_t offset) {
    const std::uint64_t top = documentSize() ? layout().rowAt(offset).start : 0;
    if (top == m_top) return;
    m_top = top;
    updateScrollBars();
    viewport()->update();
    emit scrolled();
}

std::vector<LinesView::VisibleRow> LinesView::visibleRowList(bool withCells) const {
    std::vector<VisibleRow> rows;
    if (documentSize() == 0) return rows;
    const LineLayout lay = layout();
    std::optional<LineRow> r = lay.rowAt(m_top);
    for (int i = 0; r && i <= visibleRows(); ++i) {
        VisibleRow v;
        v.row = *r;
        v.y = i * m_lineHeight;
        if (withCells) v.cells = cellsOf(*r);
        rows.push_back(std::move(v));
        r = lay.next(*r);
    }
    return rows;
}

std::uint64_t LinesView::endVisibleByte() const {
    const auto rows = visibleRowList(false);
    return rows.empty() ? 0 : rows.back().row.end;
}

void LinesView::updateScrollBars() {
    // The bar is a fraction of the bytes: value v puts the row holding byte v*size/max on top.
    const std::uint64_t size = documentSize();
    const ScrollMapping mapping(size ? size - 1 : 0);
    syncVerticalBar(mapping, m_top, mapping.scaled() ? mapping.barMaximum() / 50 : 4096);
    m_syncingBar = true;
    const int textWidth = viewport()->width() - gutterWidth();
    horizontalScrollBar()->setRange(0, m_wrap ? 0 : std::max(0, 400 * m_charWidth - textWidth));
    horizontalScrollBar()->setPageStep(std::max(1, textWidth));
    m_syncingBar = false;
}

void LinesView::scrollContentsBy(int dx, int) {
    if (m_syncingBar) return;
    if (dx) m_xOffset = horizontalScrollBar()->value();
    const std::uint64_t top = documentSize() ? layout().rowAt(topForBar()).start : 0;
    if (top != m_top) {
        m_top = top;
        emit scrolled();
    }
    viewport()->update();
}

void LinesView::scrollRows(std::int64_t rows) {
    if (!documentSize()) return;
    const LineLayout lay = layout();
    setTopOffset(lay.step(lay.rowAt(m_top), rows).start);
}

void LinesView::reveal(std::uint64_t offset, CursorModel::Reveal how) {
    if (how == CursorModel::Reveal::None || !documentSize()) return;
    const LineLayout lay = layout();
    const LineRow target = lay.rowAt(offset);
    const auto rows = visibleRowList(false);
    const int full = visibleRows();
    const bool visible = !rows.empty() && target.start >= m_top &&
                         static_cast<int>(rows.size()) >= full &&
                         target.start < rows[static_cast<std::size_t>(full - 1)].row.end;
    if (visible || (rows.size() < static_cast<std::size_t>(full) && target.start >= m_top)) return;
    int back = 0;
    if (how == CursorModel::Reveal::Center) {
        back = full / 2;
    } else if (target.start > m_top) {
        back = full - 1; // below: it becomes the last row
    }
    setTopOffset(lay.step(target, -back).start);
}

void LinesView::fillToBottom() {
    const std::uint64_t size = documentSize();
    if (!size) {
        m_top = 0;
        return;
    }
    const LineLayout lay = layout();
    if (m_top >= size) m_top = lay.rowAt(size - 1).start;
    // A top near the end after the file shrank or the view grew would show a few rows and
    // an empty page: move it back until the last row is at the bottom (or the file's start).
    const int full = visibleRows();
    const int shown = static_cast<int>(visibleRowList(false).size());
    if (shown >= full) return;
    m_top = lay.step(lay.rowAt(m_top), -(full - shown)).start;
}

void LinesView::onDocumentChanged(const DocumentChange& change) {
    if (change.has(DocumentChange::Size) || change.has(DocumentChange::Replaced) ||
        change.has(DocumentChange::Mapping)) {
        fillToBottom();
        updateScrollBars();
    }
    viewport()->update();
}

void LinesView::onCursorChanged(CursorModel::Reveal how) {
    reveal(cursorOffset(), how);
    viewport()->update();
}

std::uint64_t LinesView::offsetInRow(const LineRow& row, int column) const {
    const auto cells = cellsOf(row);
    if (cells.empty()) return row.start;
    for (const LineCell& c : cells)
        if (column < c.column + c.width) return c.offset;
    // Past the end of the text: the newline, or the last character of a cut row.
    return cells.back().offset;
}

int LinesView::columnOf(const LineRow& row, std::uint64_t offset) const {
    const auto cells = cellsOf(row);
    for (const LineCell& c : cells)
        if (offset < c.offset + static_cast<std::uint64_t>(c.bytes)) return c.column;
    return 0;
}

std::optional<std::uint64_t> LinesView::offsetAt(const QPoint& pt) const {
    const auto rows = visibleRowList(false);
    if (rows.empty()) return std::nullopt;
    std::size_t i = static_cast<std::size_t>(std::max(0, pt.y()) / std::max(1, m_lineHeight));
    i = std::min(i, rows.size() - 1);
    const int x = pt.x() - gutterWidth() - kTextPad + m_xOffset;
    return offsetInRow(rows[i].row, static_cast<int>(std::max(0, x) / m_advance));
}

QRect LinesView::cellRect(std::uint64_t offset) const {
    for (const VisibleRow& v : visibleRowList(false)) {
        if (offset < v.row.start || offset >= v.row.end) continue;
        const auto cells = cellsOf(v.row);
        for (const LineCell& c : cells) {
            if (offset < c.offset + static_cast<std::uint64_t>(c.bytes))
                return QRect(gutterWidth() + kTextPad - m_xOffset + xOf(c.column), v.y,
                             xOf(c.column + c.width) - xOf(c.column), m_lineHeight);
        }
    }
    return {};
}

QString LinesView::gutterLabel(const LineRow& row, bool firstShown,
                               std::optional<std::uint64_t> lineNo) const {
    // The line number on a line's first row (an ellipsis on a continued line at the top),
    // an offset while the lines are being counted; nothing on a continuation row.
    if (!row.lineStart && !firstShown) return {};
    if (lineNo) return row.lineStart ? QString::number(*lineNo + 1) : QStringLiteral("…");
    if (m_decimalOffsets) return QString::number(row.start);
    const QString hex = QString::number(row.start, 16);
    return QStringLiteral("0x") + (m_upperHex ? hex.toUpper() : hex);
}

void LinesView::paintDocument(QPainter& p) {
    const auto rows = visibleRowList();
    const std::uint64_t first = rows.front().row.start;
    const std::vector<Highlight> highlights = highlightsIn(first, rows.back().row.end);
    LineRowContext ctx;
    ctx.painter = &p;
    ctx.colors = &colors();
    ctx.glyphs = &m_glyphs;
    ctx.highlights = &highlights;
    ctx.cursor = cursorOffset();
    if (const CursorModel* c = cursorModel(); c && c->hasSelection()) {
        ctx.selectionStart = c->selectionStart();
        ctx.selectionEnd = ctx.selectionStart + c->selectionLength();
    }
    ctx.focused = hasFocus();
    ctx.viewportWidth = viewport()->width();
    ctx.gutterWidth = gutterWidth();
    ctx.gutterPad = kGutterPad;
    ctx.textX = ctx.gutterWidth + kTextPad - m_xOffset;
    ctx.advance = m_advance;
    ctx.charWidth = m_charWidth;
    ctx.lineHeight = m_lineHeight;
    ctx.baselineShift = baselineShift(p, m_lineHeight);
    ctx.documentSize = documentSize();
    const LineLayout lay = layout();
    std::optional<std::uint64_t> lineNo = m_lines ? m_lines->lineOf(first) : std::nullopt;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const VisibleRow& v = rows[i];
        if (i > 0 && lineNo && rows[i - 1].row.newline) ++*lineNo;
        // The line's tint: decided from its start, so all its rows share it.
        if (v.row.lineStart || i == 0) ctx.tint = lineTint(m_rules, documentModel()->view(), lay.lineStartOf(v.row.start), colors(), m_scratch);
        ctx.row = v.row;
        ctx.y = v.y;
        ctx.cells = &v.cells;
        ctx.label = gutterLabel(v.row, i == 0, lineNo);
        for (const auto& renderer : m_renderers)
            renderer->paintRow(ctx);
    }
}

void LinesView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    if (documentSize()) m_top = layout().rowAt(m_top).start; // wrap width changed
    fillToBottom(); // taller now (Ctrl+3 then Ctrl+2 at the end): no empty page
    updateScrollBars();
}

void LinesView::fontChanged() {
    const LineMetrics m = LineMetrics::of(font());
    m_charWidth = m.charWidth;
    m_advance = m.advance;
    m_lineHeight = m.lineHeight;
    m_glyphs.setFont(font());
    updateScrollBars();
    viewport()->update();
}

} // namespace hexmap
