// SPDX-License-Identifier: MIT
#include "filtered_lines_view.h"

#include "document_model.h"
#include "filtered_lines.h"
#include "input_handler.h"

#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <cstring>

namespace hexmap {

namespace {
constexpr int kMaxColumns = 4000; // how far a row may be scrolled sideways
} // namespace

FilteredLinesView::FilteredLinesView(QWidget* parent) : DocumentView(parent) {
    m_rules = LineRules::load();
    m_renderers = lineRenderers();
    addInputHandlers<FilteredNavigationHandler, MouseHandler>(*this);
    fontChanged();
}

FilteredLinesView::~FilteredLinesView() = default;

void FilteredLinesView::attach(DocumentModel* model, CursorModel* cursor, FilteredLines* lines) {
    attachDocument(model, cursor, nullptr);
    if (m_lines) disconnect(m_lines, nullptr, this, nullptr);
    m_lines = lines;
    m_top = 0;
    m_atEnd = true;
    if (m_lines)
        connect(m_lines, &FilteredLines::changed, this, &FilteredLinesView::onLinesChanged);
    updateScrollBars();
    viewport()->update();
}

void FilteredLinesView::setRules(const LineRules& rules) {
    m_rules = rules;
    viewport()->update();
}

int FilteredLinesView::visibleRows() const {
    return std::max(1, viewport()->height() / std::max(1, m_metrics.lineHeight));
}

std::size_t FilteredLinesView::maxTop() const {
    const std::size_t n = m_lines ? m_lines->count() : 0;
    const auto page = static_cast<std::size_t>(visibleRows());
    return n > page ? n - page : 0;
}

void FilteredLinesView::setTopIndex(std::size_t index) {
    const std::size_t top = std::min(index, maxTop());
    m_atEnd = top == maxTop();
    if (top == m_top) return;
    m_top = top;
    updateScrollBars();
    viewport()->update();
    emit scrolled();
}

void FilteredLinesView::scrollRows(std::int64_t rows) {
    if (rows < 0)
        setTopIndex(
            m_top > static_cast<std::size_t>(-rows) ? m_top - static_cast<std::size_t>(-rows) : 0);
    else
        setTopIndex(m_top + static_cast<std::size_t>(rows));
}

void FilteredLinesView::updateScrollBars() {
    m_top = std::min(m_top, maxTop());
    const ScrollMapping mapping(maxTop());
    syncVerticalBar(mapping, m_top, mapping.scaled() ? mapping.barMaximum() / 100 : visibleRows());
    m_syncingBar = true;
    const int textWidth = viewport()->width() - m_metrics.gutterWidth();
    horizontalScrollBar()->setRange(0, std::max(0, kMaxColumns * m_metrics.charWidth - textWidth));
    horizontalScrollBar()->setPageStep(std::max(1, textWidth));
    m_xOffset = horizontalScrollBar()->value();
    m_syncingBar = false;
}

void FilteredLinesView::scrollContentsBy(int, int) {
    m_xOffset = horizontalScrollBar()->value();
    if (!m_syncingBar) {
        m_top = static_cast<std::size_t>(topForBar());
        m_atEnd = m_top == maxTop();
    }
    viewport()->update();
    emit scrolled();
}

void FilteredLinesView::onLinesChanged() {
    // Scrolled to the end (not merely at the top of a short list): stay there as lines arrive.
    const bool follow = m_atEnd && m_top > 0;
    updateScrollBars();
    if (follow) m_top = maxTop();
    if (!m_lines || m_lines->count() == 0) m_top = 0;
    updateScrollBars();
    viewport()->update();
}

void FilteredLinesView::onDocumentChanged(const DocumentChange&) {
    viewport()->update();
}

std::optional<std::size_t> FilteredLinesView::currentIndex() const {
    if (!m_lines || m_lines->count() == 0 || !cursorModel()) return std::nullopt;
    const std::uint64_t cursor = cursorOffset();
    const std::size_t i = m_lines->indexAtOrBefore(cursor);
    const FilteredLine& l = m_lines->at(i);
    if (cursor < l.start) return std::nullopt;
    // On that line when no newline lies between its start and the cursor.
    const auto bytes = documentModel()->view().bytes(
        l.start, static_cast<std::size_t>(std::min<std::uint64_t>(cursor - l.start, 1 << 20)),
        m_scratch);
    if (!bytes.empty() && std::memchr(bytes.data(), '\n', bytes.size())) return std::nullopt;
    return i;
}

void FilteredLinesView::goToIndex(std::size_t index, bool extend) {
    if (!m_lines || m_lines->count() == 0) return;
    index = std::min(index, m_lines->count() - 1);
    moveCursor(m_lines->at(index).start, extend);
}

void FilteredLinesView::onCursorChanged(CursorModel::Reveal how) {
    if (how != CursorModel::Reveal::None) {
        if (const auto i = currentIndex()) {
            const auto page = static_cast<std::size_t>(visibleRows());
            if (*i < m_top)
                setTopIndex(*i);
            else if (*i >= m_top + page)
                setTopIndex(*i + 1 - page);
        }
    }
    viewport()->update();
}

FilteredLinesView::Row FilteredLinesView::rowAt(std::size_t index) const {
    Row r;
    const FilteredLine& l = m_lines->at(index);
    const ByteView view = documentModel()->view();
    const std::uint64_t size = view.size();
    // As many bytes as the widest row can show (4 a character at most), scrolled or not.
    const std::uint64_t columns =
        static_cast<std::uint64_t>((m_xOffset + viewport()->width()) /
                                   std::max<qreal>(1, m_metrics.advance)) +
        8;
    const std::uint64_t want =
        std::min<std::uint64_t>(size - std::min(size, l.start), columns * 4 + 16);
    const auto bytes = view.bytes(l.start, static_cast<std::size_t>(want), m_scratch);
    std::size_t n = bytes.size();
    bool newline = false;
    if (const void* nl = std::memchr(bytes.data(), '\n', n)) {
        n = static_cast<std::size_t>(static_cast<const std::uint8_t*>(nl) - bytes.data()) + 1;
        newline = true;
    }
    r.row = LineRow{l.start, l.start + n, true, newline};
    r.number = l.number;
    r.cells = layoutCells(bytes.data(), n, l.start);
    return r;
}

std::optional<std::uint64_t> FilteredLinesView::offsetAt(const QPoint& pt) const {
    if (!m_lines || m_lines->count() == 0 || !documentModel()) return std::nullopt;
    const std::size_t last =
        std::min(m_lines->count() - 1, m_top + static_cast<std::size_t>(visibleRows()));
    const std::size_t i = std::min(
        last, m_top + static_cast<std::size_t>(std::max(0, pt.y()) / m_metrics.lineHeight));
    const Row r = rowAt(i);
    if (r.cells.empty()) return r.row.start;
    const int column = static_cast<int>(std::max(0, pt.x() - m_metrics.textLeft() + m_xOffset) /
                                        m_metrics.advance);
    for (const LineCell& c : r.cells)
        if (column < c.column + c.width) return c.offset;
    return r.cells.back().offset;
}

QRect FilteredLinesView::cellRect(std::uint64_t offset) const {
    if (!m_lines || m_lines->count() == 0) return {};
    const std::size_t end =
        std::min(m_lines->count(), m_top + static_cast<std::size_t>(visibleRows()) + 1);
    for (std::size_t i = m_top; i < end; ++i) {
        const Row r = rowAt(i);
        if (offset < r.row.start || offset >= r.row.end) continue;
        for (const LineCell& c : r.cells) {
            if (offset >= c.offset + static_cast<std::uint64_t>(c.bytes)) continue;
            const int x0 = qRound(c.column * m_metrics.advance),
                      x1 = qRound((c.column + c.width) * m_metrics.advance);
            return QRect(m_metrics.textLeft() - m_xOffset + x0,
                         static_cast<int>(i - m_top) * m_metrics.lineHeight, x1 - x0,
                         m_metrics.lineHeight);
        }
    }
    return {};
}

void FilteredLinesView::paintDocument(QPainter& p) {
    const GridColors& c = colors();
    auto say = [&](const QString& text) {
        p.setPen(c.dimText);
        p.drawText(viewport()->rect(), Qt::AlignCenter, text);
    };
    if (!m_lines || !m_lines->active())
        return say(
            tr("Add a filter above: the lines it keeps show here, numbered as in the file."));
    if (m_lines->count() == 0)
        return say(m_lines->complete() ? tr("No line passes the filters.") : tr("Filtering…"));
    const std::size_t end =
        std::min(m_lines->count(), m_top + static_cast<std::size_t>(visibleRows()) + 1);
    std::vector<Row> rows;
    for (std::size_t i = m_top; i < end; ++i)
        rows.push_back(rowAt(i));
    const std::vector<Highlight> highlights =
        highlightsIn(rows.front().row.start, rows.back().row.end);
    LineRowContext ctx;
    ctx.painter = &p;
    ctx.colors = &c;
    ctx.glyphs = &m_glyphs;
    ctx.highlights = &highlights;
    ctx.cursor = cursorOffset();
    if (const CursorModel* cm = cursorModel(); cm && cm->hasSelection()) {
        ctx.selectionStart = cm->selectionStart();
        ctx.selectionEnd = ctx.selectionStart + cm->selectionLength();
    }
    ctx.focused = hasFocus();
    ctx.viewportWidth = viewport()->width();
    ctx.gutterWidth = m_metrics.gutterWidth();
    ctx.gutterPad = LineMetrics::kGutterPad;
    ctx.textX = m_metrics.textLeft() - m_xOffset;
    ctx.advance = m_metrics.advance;
    ctx.charWidth = m_metrics.charWidth;
    ctx.lineHeight = m_metrics.lineHeight;
    ctx.baselineShift = baselineShift(p, m_metrics.lineHeight);
    ctx.documentSize = documentSize();
    const ByteView view = documentModel()->view();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& r = rows[i];
        ctx.row = r.row;
        ctx.row.newline = true; // a cut row is not continued here: no mark at the edge
        ctx.y = static_cast<int>(i) * m_metrics.lineHeight;
        ctx.cells = &r.cells;
        ctx.tint = lineTint(m_rules, view, r.row.start, c, m_scratch);
        ctx.label = QString::number(r.number + 1);
        for (const auto& renderer : m_renderers)
            renderer->paintRow(ctx);
    }
}

void FilteredLinesView::resizeEvent(QResizeEvent* event) {
    DocumentView::resizeEvent(event);
    updateScrollBars();
}

void FilteredLinesView::fontChanged() {
    m_metrics = LineMetrics::of(font());
    m_glyphs.setFont(font());
    updateScrollBars();
    viewport()->update();
}

} // namespace hexmap
