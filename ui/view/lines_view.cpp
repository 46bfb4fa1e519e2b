// SPDX-License-Identifier: MIT
#include "lines_view.h"

#include "document_model.h"
#include "edit_controller.h"
#include "line_counter.h"
#include "modified_highlights.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <cstring>

namespace hexmap {

namespace {
constexpr int kGutterPad = 8;
constexpr int kTextPad = 6;
} // namespace

LinesView::LinesView(QWidget* parent) : QAbstractScrollArea(parent) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_colors = GridColors::fromPalette(palette());
    m_modified = std::make_unique<ModifiedHighlights>([this] { return m_model; });
    m_sources.push_back(m_modified.get());
    m_rules = LineRules::load();
    changeEvent(nullptr);
}

LinesView::~LinesView() = default;

void LinesView::attach(DocumentModel* model, CursorModel* cursor, EditController* edit, LineCounter* lines) {
    if (m_model) disconnect(m_model, nullptr, this, nullptr);
    if (m_cursor) disconnect(m_cursor, nullptr, this, nullptr);
    if (m_lines) disconnect(m_lines, nullptr, this, nullptr);
    m_model = model;
    m_cursor = cursor;
    m_edit = edit;
    m_lines = lines;
    m_top = 0;
    if (m_model) connect(m_model, &DocumentModel::changed, this, &LinesView::onDocumentChanged);
    if (m_cursor) connect(m_cursor, &CursorModel::changed, this, &LinesView::onCursorChanged);
    if (m_lines) connect(m_lines, &LineCounter::updated, viewport(), qOverload<>(&QWidget::update));
    updateScrollBars();
    viewport()->update();
}

void LinesView::addHighlightSource(const HighlightSource* source) {
    m_sources.push_back(source);
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

std::uint64_t LinesView::size() const { return m_model ? m_model->size() : 0; }

LineLayout LinesView::layout() const {
    return LineLayout(m_model ? m_model->view() : ByteView(), m_wrap ? wrapBytes() : 0);
}

std::vector<LineCell> LinesView::cellsOf(const LineRow& row) const {
    const auto bytes = m_model->view().bytes(row.start, static_cast<std::size_t>(row.end - row.start), m_scratch);
    return layoutCells(bytes.data(), bytes.size(), row.start);
}

int LinesView::gutterWidth() const {
    // Room for a 64-bit offset in hex or a line number of a huge file: 16 digits.
    return kGutterPad * 2 + m_charWidth * 16;
}

std::uint32_t LinesView::wrapBytes() const {
    const int cells = static_cast<int>((viewport()->width() - gutterWidth() - kTextPad * 2) / m_advance);
    return static_cast<std::uint32_t>(std::max(8, cells));
}

int LinesView::visibleRows() const { return std::max(1, viewport()->height() / std::max(1, m_lineHeight)); }

void LinesView::setTopOffset(std::uint64_t offset) {
    const std::uint64_t top = size() ? layout().rowAt(offset).start : 0;
    if (top == m_top) return;
    m_top = top;
    updateScrollBars();
    viewport()->update();
    emit scrolled();
}

std::vector<LinesView::VisibleRow> LinesView::visibleRowList(bool withCells) const {
    std::vector<VisibleRow> rows;
    if (!m_model || size() == 0) return rows;
    const LineLayout lay = layout();
    std::optional<LineRow> r = lay.rowAt(m_top);
    for (int i = 0; r && i <= visibleRows(); ++i) {
        VisibleRow v;
        v.row = *r;
        v.y = i * m_lineHeight;
        if (withCells)
            v.cells = cellsOf(*r);
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
    m_scroll = ScrollMapping(size() ? size() - 1 : 0);
    m_syncingBar = true;
    verticalScrollBar()->setRange(0, m_scroll.barMaximum());
    verticalScrollBar()->setPageStep(std::max(1, m_scroll.scaled() ? m_scroll.barMaximum() / 50 : 4096));
    verticalScrollBar()->setSingleStep(1);
    verticalScrollBar()->setValue(m_scroll.valueForRow(m_top));
    const int textWidth = viewport()->width() - gutterWidth();
    horizontalScrollBar()->setRange(0, m_wrap ? 0 : std::max(0, 400 * m_charWidth - textWidth));
    horizontalScrollBar()->setPageStep(std::max(1, textWidth));
    m_syncingBar = false;
}

void LinesView::scrollContentsBy(int dx, int) {
    if (m_syncingBar) return;
    if (dx) m_xOffset = horizontalScrollBar()->value();
    const std::uint64_t target = m_scroll.rowForValue(verticalScrollBar()->value());
    const std::uint64_t top = size() ? layout().rowAt(target).start : 0;
    if (top != m_top) {
        m_top = top;
        emit scrolled();
    }
    viewport()->update();
}

void LinesView::scrollRows(std::int64_t rows) {
    if (!size()) return;
    const LineLayout lay = layout();
    LineRow r = lay.rowAt(m_top);
    for (; rows > 0; --rows) {
        auto n = lay.next(r);
        if (!n) break;
        r = *n;
    }
    for (; rows < 0; ++rows) {
        auto p = lay.previous(r);
        if (!p) break;
        r = *p;
    }
    setTopOffset(r.start);
}

void LinesView::reveal(std::uint64_t offset, CursorModel::Reveal how) {
    if (how == CursorModel::Reveal::None || !size()) return;
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
    LineRow r = target;
    for (int i = 0; i < back; ++i) {
        auto p = lay.previous(r);
        if (!p) break;
        r = *p;
    }
    setTopOffset(r.start);
}

void LinesView::fillToBottom() {
    if (!m_model || !size()) {
        m_top = 0;
        return;
    }
    const LineLayout lay = layout();
    if (m_top >= size()) m_top = lay.rowAt(size() - 1).start;
    // A top near the end after the file shrank or the view grew would show a few rows and
    // an empty page: move it back until the last row is at the bottom (or the file's start).
    const int full = visibleRows();
    const int shown = static_cast<int>(visibleRowList(false).size());
    if (shown >= full) return;
    LineRow r = lay.rowAt(m_top);
    for (int i = shown; i < full; ++i) {
        auto p = lay.previous(r);
        if (!p) break;
        r = *p;
    }
    m_top = r.start;
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
    reveal(m_cursor->cursor(), how);
    viewport()->update();
}

void LinesView::moveCursor(std::uint64_t offset, bool extend) {
    if (m_cursor) m_cursor->moveCursor(offset, extend);
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

void LinesView::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), m_colors.base);
    p.setFont(font());
    if (!m_model) return;
    if (size() == 0) {
        p.setPen(m_colors.dimText);
        p.drawText(viewport()->rect(), Qt::AlignCenter, tr("The file is empty (0 bytes)."));
        return;
    }
    const auto rows = visibleRowList();
    const std::uint64_t first = rows.front().row.start, end = rows.back().row.end;
    std::vector<Highlight> highlights;
    for (const HighlightSource* source : m_sources)
        source->collect(first, end, m_colors, highlights);
    const std::uint64_t cursor = m_cursor ? m_cursor->cursor() : 0;
    std::uint64_t selStart = 0, selEnd = 0;
    if (m_cursor && m_cursor->hasSelection()) {
        selStart = m_cursor->selectionStart();
        selEnd = selStart + m_cursor->selectionLength();
    }
    const int gutter = gutterWidth();
    const int textX = gutter + kTextPad - m_xOffset;
    const int ascentShift = (m_lineHeight + p.fontMetrics().ascent() - p.fontMetrics().descent()) / 2;
    const QColor gutterBg = GridColors::mix(m_colors.base, m_colors.dimText, 0.08);
    const LineLayout lay = layout();
    std::optional<std::uint64_t> lineNo = m_lines ? m_lines->lineOf(first) : std::nullopt;
    bool previousEndedLine = false;
    QColor lineTint;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const VisibleRow& v = rows[i];
        if (i > 0 && lineNo && previousEndedLine) ++*lineNo;
        previousEndedLine = v.row.newline;
        // The line's tint: decided from its start, so all its rows share it.
        if (v.row.lineStart || i == 0) {
            const std::uint64_t ls = lay.lineStartOf(v.row.start);
            const auto head = m_model->view().bytes(ls, static_cast<std::size_t>(std::min<std::uint64_t>(size() - ls, 4096)),
                                                    m_scratch);
            std::size_t n = head.size();
            if (const void* nl = std::memchr(head.data(), '\n', n))
                n = static_cast<std::size_t>(static_cast<const std::uint8_t*>(nl) - head.data());
            lineTint = m_rules.tintFor(head.data(), n, m_colors);
        }
        const QRect rowRect(gutter, v.y, viewport()->width() - gutter, m_lineHeight);
        if (lineTint.isValid()) p.fillRect(rowRect, lineTint);
        if (cursor >= v.row.start && cursor < v.row.end) p.fillRect(rowRect, m_colors.cursorRow);
        // Highlights, the selection and the cursor under the text.
        for (const LineCell& c : v.cells) {
            const std::uint64_t cEnd = c.offset + static_cast<std::uint64_t>(c.bytes);
            const QRect cell(textX + xOf(c.column), v.y, xOf(c.column + c.width) - xOf(c.column), m_lineHeight);
            for (const Highlight& h : highlights)
                if (h.start < cEnd && h.end > c.offset) p.fillRect(cell, h.color);
            if (selEnd > selStart && selStart < cEnd && selEnd > c.offset) p.fillRect(cell, m_colors.selection);
            if (cursor >= c.offset && cursor < cEnd)
                p.fillRect(cell, hasFocus() ? m_colors.cursor : m_colors.cursorNoFocus);
        }
        // Gutter: the line number on a line's first row, an offset while counting.
        p.fillRect(QRect(0, v.y, gutter, m_lineHeight), gutterBg);
        p.setPen(m_colors.dimText);
        QString label;
        if (v.row.lineStart || i == 0) {
            if (lineNo) {
                label = v.row.lineStart ? QString::number(*lineNo + 1) : QStringLiteral("…");
            } else {
                label = m_decimalOffsets ? QString::number(v.row.start)
                        : m_upperHex     ? QString::number(v.row.start, 16).toUpper().prepend("0x")
                                         : QString::number(v.row.start, 16).prepend("0x");
            }
        }
        if (!label.isEmpty())
            p.drawText(QRect(kGutterPad, v.y, gutter - 2 * kGutterPad, m_lineHeight),
                       Qt::AlignRight | Qt::AlignVCenter, label);
        // The text, in runs: one call per run of one-cell characters of one colour. A run of
        // printable ASCII (nearly all of a log, and all of a hole in caret notation) is
        // drawn as cached glyphs at cell positions, without shaping; the rest by drawText.
        QString run;
        int runColumn = 0;
        bool runDim = false, runCached = true;
        auto flush = [&] {
            if (run.isEmpty()) return;
            p.setPen(runDim ? m_colors.dimText : m_colors.text);
            const QPointF at(textX + runColumn * m_advance, v.y + ascentShift);
            if (runCached)
                m_glyphs.draw(p, at, m_advance, run);
            else
                p.drawText(at, run);
            run.clear();
            runCached = true;
        };
        for (const LineCell& c : v.cells) {
            if (c.kind == LineCell::Kind::Newline || c.kind == LineCell::Kind::Tab) {
                flush();
                continue;
            }
            const bool dim = c.kind != LineCell::Kind::Text;
            const bool ascii = c.kind == LineCell::Kind::Text && c.cp < 0x80;
            // A cell can join a run when it draws one narrow character per cell (caret
            // notation and \xNN included); cached when every character has a cached glyph.
            bool single = ascii, cached = ascii && m_glyphs.covers(static_cast<char16_t>(c.cp));
            if (!ascii && c.charCount == c.width) {
                single = cached = true;
                for (std::uint8_t k = 0; k < c.charCount; ++k) {
                    const char16_t ch = c.chars[k];
                    single = single && ch < 0x3000 && !QChar::isSurrogate(ch);
                    cached = cached && m_glyphs.covers(ch);
                }
            }
            if (!single || dim != runDim || (!run.isEmpty() && runColumn + run.size() != c.column)) flush();
            if (!single) {
                p.setPen(dim ? m_colors.dimText : m_colors.text);
                p.drawText(QPointF(textX + c.column * m_advance, v.y + ascentShift), c.display());
                continue;
            }
            if (run.isEmpty()) {
                runColumn = c.column;
                runDim = dim;
            }
            run.append(reinterpret_cast<const QChar*>(c.chars.data()), c.charCount);
            runCached = runCached && cached;
        }
        flush();
        // A row cut by wrap or by the cap continues on the next one: mark it.
        if (!v.row.newline && v.row.end < size()) {
            p.setPen(m_colors.dimText);
            p.drawText(QRect(viewport()->width() - m_charWidth - 2, v.y, m_charWidth, m_lineHeight),
                       Qt::AlignCenter, QStringLiteral("↩"));
        }
    }
    // A page the file no longer has, read here, reads as zeros; the fault guard's eventfd
    // tells the model after this frame (DamageNotifier): painting changes nothing.
    emit framePainted();
}

void LinesView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    if (size()) m_top = layout().rowAt(m_top).start; // wrap width changed
    fillToBottom(); // taller now (Ctrl+3 then Ctrl+2 at the end): no empty page
    updateScrollBars();
}

void LinesView::changeEvent(QEvent* event) {
    if (event) QAbstractScrollArea::changeEvent(event);
    if (!event || event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange) {
        const QFontMetrics fm(font());
        m_charWidth = std::max(1, fm.horizontalAdvance(QLatin1Char('0')));
        // Text is laid out with the font's fractional advance: cells must use the same, or
        // the cursor drifts off its character along a long row.
        m_advance = std::max<qreal>(1, QFontMetricsF(font()).horizontalAdvance(QLatin1Char('0')));
        m_lineHeight = fm.height() + 2;
        m_glyphs.setFont(font());
        m_colors = GridColors::fromPalette(palette());
        if (event) updateScrollBars();
        viewport()->update();
    }
}

void LinesView::wheelEvent(QWheelEvent* event) {
    const int steps = event->angleDelta().y() / 40; // three rows a notch
    if (steps) scrollRows(-steps);
    event->accept();
}

void LinesView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QAbstractScrollArea::mousePressEvent(event);
    if (auto at = offsetAt(event->position().toPoint())) {
        m_wantedColumn = -1;
        moveCursor(*at, event->modifiers() & Qt::ShiftModifier);
    }
}

void LinesView::mouseMoveEvent(QMouseEvent* event) {
    if (!(event->buttons() & Qt::LeftButton)) return;
    if (auto at = offsetAt(event->position().toPoint())) moveCursor(*at, true);
}

void LinesView::keyPressEvent(QKeyEvent* event) {
    if (!m_model || !m_cursor || size() == 0) return QAbstractScrollArea::keyPressEvent(event);
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const std::uint64_t cur = m_cursor->cursor();
    const LineLayout lay = layout();
    const LineRow row = lay.rowAt(cur);
    auto vertical = [&](int rows) {
        if (m_wantedColumn < 0) m_wantedColumn = columnOf(row, cur);
        LineRow r = row;
        for (int i = 0; i < std::abs(rows); ++i) {
            auto n = rows > 0 ? lay.next(r) : lay.previous(r);
            if (!n) break;
            r = *n;
        }
        const int keep = m_wantedColumn;
        moveCursor(offsetInRow(r, keep), shift);
        m_wantedColumn = keep;
    };
    switch (event->key()) {
    case Qt::Key_Up: return vertical(-1);
    case Qt::Key_Down: return vertical(1);
    case Qt::Key_PageUp:
        scrollRows(-(visibleRows() - 1));
        return vertical(-(visibleRows() - 1));
    case Qt::Key_PageDown:
        scrollRows(visibleRows() - 1);
        return vertical(visibleRows() - 1);
    default: break;
    }
    m_wantedColumn = -1;
    switch (event->key()) {
    case Qt::Key_Left: return moveCursor(cur ? cur - 1 : 0, shift);
    case Qt::Key_Right: return moveCursor(std::min(size() - 1, cur + 1), shift);
    case Qt::Key_Home: return moveCursor(ctrl ? 0 : row.start, shift);
    case Qt::Key_End:
        if (ctrl) return moveCursor(size() - 1, shift);
        return moveCursor(row.newline ? row.end - 1 : row.end - 1, shift);
    default: break;
    }
    const QString text = event->text();
    if (!ctrl && m_model->mode() == OpenMode::ReadOnly && text.size() == 1) {
        const QChar c = text[0];
        if (c == QLatin1Char('e') || c == QLatin1Char('E') || c == QLatin1Char('w') || c == QLatin1Char('W')) {
            emit levelJumpRequested(c.toLower() == QLatin1Char('e'), c.isLower() && !shift);
            return;
        }
    }
    // Typing overwrites the byte under the cursor (ASCII), as in the hex grid's text column.
    if (!ctrl && text.size() == 1 && text[0].unicode() >= 0x20 && text[0].unicode() < 0x7F && m_edit) {
        const std::uint64_t next = std::min(size() - 1, cur + 1);
        const QString refused = m_edit->typeByte(cur, static_cast<std::uint8_t>(text[0].unicode()), next);
        if (!refused.isEmpty()) {
            emit editRefused(refused);
            return;
        }
        if (next != cur) m_cursor->moveCursor(next);
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

} // namespace hexmap
