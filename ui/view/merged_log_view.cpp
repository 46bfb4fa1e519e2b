// SPDX-License-Identifier: MIT
#include "merged_log_view.h"

#include "document_model.h"
#include "line_cells.h"
#include "merged_logs.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>

namespace hexmap {

namespace {
constexpr int kMaxColumns = 4000; // how far a row may be scrolled sideways
constexpr int kTagChars = 14;     // the widest file name the tag column shows
constexpr int kBarMax = 1 << 30;  // the vertical bar's range for lists longer than that
} // namespace

MergedLogView::MergedLogView(QWidget* parent) : QAbstractScrollArea(parent) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(false);
    m_rules = LineRules::load();
    m_renderers = lineRenderers();
    m_colors = GridColors::fromPalette(palette());
    updateMetrics();
}

MergedLogView::~MergedLogView() = default;

void MergedLogView::setLogs(MergedLogs* logs) {
    if (m_logs) disconnect(m_logs, nullptr, this, nullptr);
    m_logs = logs;
    m_top = m_current = m_anchor = 0;
    if (m_logs) connect(m_logs, &MergedLogs::changed, this, &MergedLogView::onLogsChanged);
    onLogsChanged();
}

void MergedLogView::setRules(const LineRules& rules) {
    m_rules = rules;
    viewport()->update();
}

QColor MergedLogView::fileColor(int file) const {
    // Hues spread by the golden angle, blended into the base: distinct for a handful of
    // files, and as dark or light as the palette.
    const int hue = static_cast<int>(std::fmod(file * 137.508 + 200.0, 360.0));
    return GridColors::mix(m_colors.base, QColor::fromHsv(hue, 200, 230), 0.35);
}

int MergedLogView::tagWidth() const {
    int chars = 4;
    if (m_logs)
        for (int f = 0; f < m_logs->fileCount(); ++f)
            chars = std::max(chars, static_cast<int>(std::min<qsizetype>(
                                        kTagChars, m_logs->fileName(f).size())));
    return (chars + 2) * m_metrics.charWidth;
}

int MergedLogView::gutterWidth() const {
    // Room for the largest line number there can be (no more rows than that), at least 6
    // digits: the Lines view's 16 would take a fifth of the row from the text.
    const std::size_t n = m_logs ? m_logs->count() : 0;
    const int digits = std::max(6, static_cast<int>(QString::number(n).size()));
    return LineMetrics::kGutterPad * 2 + m_metrics.charWidth * digits;
}

void MergedLogView::showRow(std::size_t row) {
    setCurrentRow(row);
    const auto third = static_cast<std::size_t>(visibleRows() / 3);
    setTopRow(row > third ? row - third : 0);
}

int MergedLogView::visibleRows() const {
    return std::max(1, viewport()->height() / std::max(1, m_metrics.lineHeight));
}

std::size_t MergedLogView::maxTop() const {
    const std::size_t n = m_logs ? m_logs->count() : 0;
    const auto page = static_cast<std::size_t>(visibleRows());
    return n > page ? n - page : 0;
}

void MergedLogView::updateScrollBars() {
    m_top = std::min(m_top, maxTop());
    m_syncing = true;
    const std::size_t max = maxTop();
    QScrollBar* v = verticalScrollBar();
    if (max <= static_cast<std::size_t>(kBarMax)) {
        v->setRange(0, static_cast<int>(max));
        v->setPageStep(visibleRows());
        v->setValue(static_cast<int>(m_top));
    } else { // scaled: the bar says where, the keys move by rows
        v->setRange(0, kBarMax);
        v->setPageStep(kBarMax / 100);
        v->setValue(
            static_cast<int>(static_cast<double>(m_top) / static_cast<double>(max) * kBarMax));
    }
    const int textWidth = viewport()->width() - tagWidth() - gutterWidth() - LineMetrics::kTextPad;
    horizontalScrollBar()->setRange(0, std::max(0, kMaxColumns * m_metrics.charWidth - textWidth));
    horizontalScrollBar()->setPageStep(std::max(1, textWidth));
    m_xOffset = horizontalScrollBar()->value();
    m_syncing = false;
}

void MergedLogView::scrollContentsBy(int, int) {
    m_xOffset = horizontalScrollBar()->value();
    if (!m_syncing) {
        const std::size_t max = maxTop();
        const int value = verticalScrollBar()->value();
        m_top = max <= static_cast<std::size_t>(kBarMax)
                    ? static_cast<std::size_t>(value)
                    : static_cast<std::size_t>(static_cast<double>(value) / kBarMax *
                                               static_cast<double>(max));
    }
    viewport()->update();
}

void MergedLogView::setTopRow(std::size_t row) {
    m_top = std::min(row, maxTop());
    updateScrollBars();
    viewport()->update();
}

void MergedLogView::setCurrentRow(std::size_t row, bool extend) {
    const std::size_t n = m_logs ? m_logs->count() : 0;
    row = n == 0 ? 0 : std::min(row, n - 1);
    m_current = row;
    if (!extend) m_anchor = row;
    const auto page = static_cast<std::size_t>(visibleRows());
    if (row < m_top)
        setTopRow(row);
    else if (row >= m_top + page)
        setTopRow(row + 1 - page);
    viewport()->update();
    emit currentRowChanged(row);
}

std::pair<std::size_t, std::size_t> MergedLogView::selectedRows() const {
    return {std::min(m_anchor, m_current), std::max(m_anchor, m_current)};
}

QString MergedLogView::selectedText(std::size_t maxBytes, bool* cut) const {
    if (cut) *cut = false;
    if (!m_logs || m_logs->count() == 0) return {};
    const auto [first, last] = selectedRows();
    QByteArray out;
    std::vector<std::uint8_t> scratch;
    for (std::size_t r = first; r <= last; ++r) {
        const std::string_view line = m_logs->text(r, 1u << 20, scratch);
        if (static_cast<std::size_t>(out.size()) + line.size() + 1 > maxBytes) {
            if (cut) *cut = true;
            break;
        }
        out.append(line.data(), static_cast<qsizetype>(line.size()));
        out.append('\n');
    }
    return QString::fromUtf8(out);
}

void MergedLogView::onLogsChanged() {
    // At the end (and not merely at the top of a short list): stay there as rows arrive.
    const bool follow = m_top > 0 && m_top == maxTop();
    updateScrollBars();
    if (follow) setTopRow(maxTop());
    const std::size_t n = m_logs ? m_logs->count() : 0;
    if (n == 0) m_top = m_current = m_anchor = 0;
    updateScrollBars();
    viewport()->update();
}

std::size_t MergedLogView::rowAt(const QPoint& pt) const {
    const std::size_t n = m_logs ? m_logs->count() : 0;
    if (n == 0) return 0;
    const auto dy =
        static_cast<std::size_t>(std::max(0, pt.y()) / std::max(1, m_metrics.lineHeight));
    return std::min(n - 1, m_top + dy);
}

void MergedLogView::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    p.setFont(font());
    p.fillRect(viewport()->rect(), m_colors.base);
    auto say = [&](const QString& text) {
        p.setPen(m_colors.dimText);
        p.drawText(viewport()->rect(), Qt::AlignCenter, text);
    };
    if (!m_logs) return;
    if (m_logs->count() == 0)
        return say(m_logs->running()           ? tr("Merging…")
                   : m_logs->error().isEmpty() ? tr("The files hold no lines.")
                                               : m_logs->error());
    const int tagW = tagWidth();
    const std::size_t end =
        std::min(m_logs->count(), m_top + static_cast<std::size_t>(visibleRows()) + 1);
    const std::vector<Highlight> highlights;
    const auto [selFirst, selLast] = selectedRows();
    const bool rowsSelected = selLast > selFirst;
    LineRowContext ctx;
    ctx.painter = &p;
    ctx.colors = &m_colors;
    ctx.glyphs = &m_glyphs;
    ctx.highlights = &highlights;
    ctx.focused = hasFocus();
    ctx.viewportWidth = viewport()->width() - tagW;
    ctx.gutterWidth = gutterWidth();
    ctx.gutterPad = LineMetrics::kGutterPad;
    ctx.textX = ctx.gutterWidth + LineMetrics::kTextPad - m_xOffset;
    ctx.advance = m_metrics.advance;
    ctx.charWidth = m_metrics.charWidth;
    ctx.lineHeight = m_metrics.lineHeight;
    ctx.baselineShift =
        (m_metrics.lineHeight + p.fontMetrics().ascent() - p.fontMetrics().descent()) / 2;
    const std::uint64_t columns =
        static_cast<std::uint64_t>((m_xOffset + viewport()->width()) /
                                   std::max<qreal>(1, m_metrics.advance)) +
        8;
    for (std::size_t r = m_top; r < end; ++r) {
        const MergedLine line = m_logs->at(r);
        const int file = static_cast<int>(line.file());
        const ByteView view = m_logs->model(file)->view();
        const int y = static_cast<int>(r - m_top) * m_metrics.lineHeight;
        // The tag: the file's colour and name.
        const QColor tag = fileColor(file);
        p.fillRect(QRect(0, y, tagW, m_metrics.lineHeight), tag);
        p.setPen(m_colors.text);
        p.drawText(
            QRect(m_metrics.charWidth / 2, y, tagW - m_metrics.charWidth, m_metrics.lineHeight),
            Qt::AlignLeft | Qt::AlignVCenter,
            p.fontMetrics().elidedText(m_logs->fileName(file), Qt::ElideMiddle,
                                       tagW - m_metrics.charWidth));
        // The line, as the Lines view draws one.
        const std::uint64_t size = m_logs->readable(file);
        if (line.start() >= size) { // another process cut the file: this line is gone
            p.fillRect(QRect(tagW, y, viewport()->width() - tagW, m_metrics.lineHeight),
                       GridColors::mix(m_colors.base, m_colors.dimText, 0.08));
            p.setPen(m_colors.dimText);
            p.drawText(QRect(tagW + ctx.gutterWidth + LineMetrics::kTextPad, y,
                             viewport()->width(), m_metrics.lineHeight),
                       Qt::AlignLeft | Qt::AlignVCenter,
                       tr("(gone: %1 was cut to %2 bytes on disk — F5 merges again)")
                           .arg(m_logs->fileName(file))
                           .arg(size));
            continue;
        }
        const std::uint64_t start = line.start();
        const std::uint64_t want = std::min<std::uint64_t>(size - start, columns * 4 + 16);
        const auto bytes = view.bytes(start, static_cast<std::size_t>(want), m_scratch);
        std::size_t n = bytes.size();
        if (const void* nl = std::memchr(bytes.data(), '\n', n))
            n = static_cast<std::size_t>(static_cast<const std::uint8_t*>(nl) - bytes.data()) + 1;
        const std::vector<LineCell> cells = layoutCells(bytes.data(), n, start);
        ctx.row = LineRow{start, start + n, true, true};
        ctx.documentSize = size;
        ctx.y = y;
        ctx.cells = &cells;
        const bool current = r == m_current;
        // The current row's mark and the selected rows, in the renderers' own terms.
        ctx.cursor = current ? start : ~std::uint64_t{0};
        const bool selected = rowsSelected && r >= selFirst && r <= selLast;
        ctx.selectionStart = selected ? start : 0;
        ctx.selectionEnd = selected ? start + std::max<std::size_t>(n, 1) : 0;
        ctx.tint = lineTint(m_rules, view, start, m_colors, m_scratch);
        ctx.label = QString::number(m_logs->lineNumber(r) + 1);
        p.save();
        p.translate(tagW, 0);
        for (const auto& renderer : m_renderers)
            renderer->paintRow(ctx);
        p.restore();
    }
}

void MergedLogView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void MergedLogView::keyPressEvent(QKeyEvent* event) {
    const std::size_t n = m_logs ? m_logs->count() : 0;
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const auto page = static_cast<std::size_t>(std::max(1, visibleRows() - 1));
    if (event->matches(QKeySequence::Copy)) {
        bool cut = false;
        const QString text = selectedText(16u << 20, &cut);
        QApplication::clipboard()->setText(text);
        const auto [a, b] = selectedRows();
        emit copied(cut ? tr("Copied the first 16 MiB of the %1 selected lines.").arg(b - a + 1)
                        : tr("Copied %1 line(s).").arg(b - a + 1));
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        if (n == 0) return;
        m_anchor = 0;
        m_current = n - 1;
        viewport()->update();
        emit currentRowChanged(m_current);
        return;
    }
    if (!(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) &&
        event->text().size() == 1) {
        const QChar c = event->text()[0];
        if (c.toLower() == QLatin1Char('e') || c.toLower() == QLatin1Char('w')) {
            // Shift counts as well as the letter's case (a key event may carry "e" with Shift).
            emit levelJumpRequested(c.toLower() == QLatin1Char('e'), !(c.isUpper() || shift));
            return;
        }
    }
    switch (event->key()) {
    case Qt::Key_Down:
        return setCurrentRow(m_current + 1, shift);
    case Qt::Key_Up:
        return setCurrentRow(m_current > 0 ? m_current - 1 : 0, shift);
    case Qt::Key_PageDown:
        return setCurrentRow(m_current + page, shift);
    case Qt::Key_PageUp:
        return setCurrentRow(m_current > page ? m_current - page : 0, shift);
    case Qt::Key_Home:
        return setCurrentRow(0, shift);
    case Qt::Key_End:
        return setCurrentRow(n > 0 ? n - 1 : 0, shift);
    case Qt::Key_Left:
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - 8 * m_metrics.charWidth);
        return;
    case Qt::Key_Right:
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() + 8 * m_metrics.charWidth);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (n > 0) emit openRequested(m_current);
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void MergedLogView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QAbstractScrollArea::mousePressEvent(event);
    setCurrentRow(rowAt(event->position().toPoint()), event->modifiers() & Qt::ShiftModifier);
}

void MergedLogView::mouseMoveEvent(QMouseEvent* event) {
    if (event->buttons() & Qt::LeftButton) setCurrentRow(rowAt(event->position().toPoint()), true);
}

void MergedLogView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !m_logs || m_logs->count() == 0) return;
    setCurrentRow(rowAt(event->position().toPoint()));
    emit openRequested(m_current);
}

void MergedLogView::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) updateMetrics();
    if (event->type() == QEvent::PaletteChange) {
        m_colors = GridColors::fromPalette(palette());
        viewport()->update();
    }
}

void MergedLogView::updateMetrics() {
    m_metrics = LineMetrics::of(font());
    m_glyphs.setFont(font());
    updateScrollBars();
    viewport()->update();
}

} // namespace hexmap
