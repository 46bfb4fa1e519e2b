#include "hex_view.h"

#include "byte_format.h"
#include "mapped_file.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>

namespace hexmap {

HexView::HexView(QWidget* parent) : QAbstractScrollArea(parent) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    relayout();
}

std::uint64_t HexView::size() const { return m_file ? m_file->size() : 0; }

void HexView::setFile(const MappedFile* file) {
    m_file = file;
    m_topRow = 0;
    m_cursor = 0;
    m_hasAnchor = false;
    m_damageReported = false;
    relayout();
    viewport()->update();
    emit cursorMoved();
}

void HexView::setBytesPerRow(int bytesPerRow) {
    const std::uint64_t keep = m_cursor;
    m_bprSetting = bytesPerRow;
    relayout();
    setCursor(keep, m_hasAnchor);
}

void HexView::relayout() {
    const QFontMetricsF fm(font());
    const double cw = fm.horizontalAdvance(QLatin1Char('0'));
    const int lh = static_cast<int>(fm.height()) + 2;
    const int digits = offsetDigits(size());
    const int bpr = m_bprSetting > 0
                        ? m_bprSetting
                        : GridLayout::fitBytesPerRow(cw, digits, viewport()->width());
    const std::uint64_t firstByte = m_topRow * static_cast<unsigned>(m_layout.bytesPerRow());
    m_layout = GridLayout(cw, lh, bpr, digits);
    m_topRow = m_layout.rowOf(firstByte);
    updateScrollBars();
}

int HexView::visibleRows() const {
    return std::max(1, viewport()->height() / m_layout.lineHeight());
}

std::uint64_t HexView::maxTopRow() const {
    const std::uint64_t rows = m_layout.rowCount(size());
    const auto visible = static_cast<std::uint64_t>(visibleRows());
    return rows > visible ? rows - visible : 0;
}

void HexView::setScrollLimit(int limit) {
    m_scrollLimit = limit;
    updateScrollBars();
}

void HexView::updateScrollBars() {
    m_topRow = std::min(m_topRow, maxTopRow());
    m_scroll = ScrollMapping(maxTopRow(), m_scrollLimit);
    m_syncingBar = true;
    QScrollBar* v = verticalScrollBar();
    v->setRange(0, m_scroll.barMaximum());
    // When scaled, a page of the bar is no longer a page of rows; keep a usable step.
    v->setPageStep(m_scroll.scaled() ? std::max(1, m_scroll.barMaximum() / 100) : visibleRows());
    v->setSingleStep(1);
    v->setValue(m_scroll.valueForRow(m_topRow));
    QScrollBar* h = horizontalScrollBar();
    const int overflow = static_cast<int>(m_layout.totalWidth()) - viewport()->width();
    h->setRange(0, std::max(0, overflow));
    h->setPageStep(viewport()->width());
    h->setSingleStep(static_cast<int>(m_layout.charWidth()));
    m_xOffset = h->value();
    m_syncingBar = false;
}

void HexView::scrollContentsBy(int, int) {
    m_xOffset = horizontalScrollBar()->value();
    if (!m_syncingBar) m_topRow = m_scroll.rowForValue(verticalScrollBar()->value());
    viewport()->update();
}

void HexView::setTopRow(std::uint64_t row) {
    m_topRow = std::min(row, maxTopRow());
    m_syncingBar = true;
    verticalScrollBar()->setValue(m_scroll.valueForRow(m_topRow));
    m_syncingBar = false;
    viewport()->update();
}

void HexView::ensureCursorVisible() {
    const std::uint64_t row = m_layout.rowOf(m_cursor);
    const auto visible = static_cast<std::uint64_t>(visibleRows());
    if (row < m_topRow) setTopRow(row);
    else if (row >= m_topRow + visible) setTopRow(row - visible + 1);
}

void HexView::setCursor(std::uint64_t offset, bool extend) {
    const std::uint64_t n = size();
    offset = n ? std::min(offset, n - 1) : 0;
    if (extend && !m_hasAnchor) {
        m_anchor = m_cursor;
        m_hasAnchor = true;
    } else if (!extend) {
        m_hasAnchor = false;
    }
    m_cursor = offset;
    ensureCursorVisible();
    viewport()->update();
    emit cursorMoved();
}

std::uint64_t HexView::selectionStart() const {
    return m_hasAnchor ? std::min(m_anchor, m_cursor) : m_cursor;
}

std::uint64_t HexView::selectionLength() const {
    if (!m_hasAnchor || size() == 0) return 0;
    return std::max(m_anchor, m_cursor) - std::min(m_anchor, m_cursor) + 1;
}

void HexView::setSelection(std::uint64_t start, std::uint64_t length) {
    if (length == 0 || size() == 0) {
        clearSelection();
        return;
    }
    const std::uint64_t last = std::min(size() - 1, start + (length - 1));
    m_cursor = std::min(start, size() - 1);
    setCursor(last, true);
    m_anchor = std::min(start, size() - 1);
    viewport()->update();
    emit cursorMoved();
}

void HexView::selectAll() { setSelection(0, size()); }

void HexView::clearSelection() {
    m_hasAnchor = false;
    viewport()->update();
    emit cursorMoved();
}

QRect HexView::byteRect(std::uint64_t offset, GridLayout::Area area) const {
    const std::uint64_t row = m_layout.rowOf(offset);
    if (row < m_topRow || row > m_topRow + static_cast<std::uint64_t>(visibleRows())) return {};
    const int y = static_cast<int>(row - m_topRow) * m_layout.lineHeight();
    const int col = m_layout.columnOf(offset);
    const double cw = m_layout.charWidth();
    const double x = area == GridLayout::Area::Text ? m_layout.byteTextX(col) : m_layout.byteHexX(col);
    const double w = area == GridLayout::Area::Text ? cw : 2 * cw;
    return QRectF(x - m_xOffset, y, w, m_layout.lineHeight()).toAlignedRect();
}

// --- painting -------------------------------------------------------------------------

void HexView::paintEmpty(QPainter& p, const QString& text) const {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(viewport()->rect(), Qt::AlignCenter, text);
}

void HexView::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), palette().color(QPalette::Base));
    if (!m_file) {
        paintEmpty(p, tr("Open a file with Ctrl+O, or drop one here."));
        return;
    }
    if (size() == 0) {
        paintEmpty(p, tr("The file is empty (0 bytes)."));
        return;
    }
    p.setFont(font());
    const std::uint64_t rows = m_layout.rowCount(size());
    const int lh = m_layout.lineHeight();
    for (int i = 0; i <= visibleRows(); ++i) {
        const std::uint64_t row = m_topRow + static_cast<std::uint64_t>(i);
        if (row >= rows) break;
        paintRow(p, row, i * lh);
    }
    if (!m_damageReported && m_file->damaged()) {
        m_damageReported = true;
        emit damageDetected();
    }
    emit framePainted();
}

void HexView::paintRow(QPainter& p, std::uint64_t row, int y) const {
    const GridLayout& L = m_layout;
    const int bpr = L.bytesPerRow();
    const double cw = L.charWidth();
    const int lh = L.lineHeight();
    const double x0 = -m_xOffset;
    const std::uint64_t first = row * static_cast<unsigned>(bpr);
    const int n = static_cast<int>(std::min<std::uint64_t>(bpr, size() - first));
    const std::uint8_t* bytes = m_file->data() + first;
    const QPalette& pal = palette();

    // Backgrounds first: the cursor's row, the selection, then the cursor itself.
    if (L.rowOf(m_cursor) == row)
        p.fillRect(QRectF(0, y, viewport()->width(), lh), pal.color(QPalette::AlternateBase));
    const std::uint64_t selLen = selectionLength();
    if (selLen) {
        const std::uint64_t s = selectionStart(), e = s + selLen; // [s, e)
        if (s < first + static_cast<unsigned>(n) && e > first) {
            const int a = static_cast<int>(std::max(s, first) - first);
            const int b = static_cast<int>(std::min(e, first + static_cast<unsigned>(n)) - first) - 1;
            const QColor sel = pal.color(QPalette::Highlight);
            p.fillRect(QRectF(x0 + L.byteHexX(a), y, L.byteHexX(b) + 2 * cw - L.byteHexX(a), lh), sel);
            p.fillRect(QRectF(x0 + L.byteTextX(a), y, (b - a + 1) * cw, lh), sel);
        }
    }
    if (L.rowOf(m_cursor) == row) {
        const int c = L.columnOf(m_cursor);
        const QRectF hexCell(x0 + L.byteHexX(c), y, 2 * cw, lh);
        const QRectF textCell(x0 + L.byteTextX(c), y, cw, lh);
        const QColor cursorColor = hasFocus() ? pal.color(QPalette::Highlight).darker(130)
                                              : pal.color(QPalette::Mid);
        // The active column gets a filled cell, the other an outline.
        const bool hexActive = m_activeArea != GridLayout::Area::Text;
        p.fillRect(hexActive ? hexCell : textCell, cursorColor);
        p.setPen(cursorColor);
        p.drawRect((hexActive ? textCell : hexCell).adjusted(0, 0, -1, -1));
    }

    // Text, per row and column group, never per byte.
    const int baseline = y + (lh + p.fontMetrics().ascent() - p.fontMetrics().descent()) / 2;
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(QPointF(x0 + L.offsetX(), baseline),
               QString::fromLatin1(formatOffset(first, L.offsetDigits())));
    p.setPen(pal.color(QPalette::Text));
    char buf[8 * 3];
    for (int g = 0; g < n; g += 8) {
        const int len = std::min(8, n - g);
        for (int i = 0; i < len; ++i) {
            const char* h = hexPair(bytes[g + i]);
            buf[i * 3] = h[0];
            buf[i * 3 + 1] = h[1];
            buf[i * 3 + 2] = ' ';
        }
        p.drawText(QPointF(x0 + L.byteHexX(g), baseline), QString::fromLatin1(buf, len * 3 - 1));
    }
    QString text(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i) text[i] = QLatin1Char(printableOrDot(bytes[i]));
    p.drawText(QPointF(x0 + L.textX(), baseline), text);
}

// --- input ----------------------------------------------------------------------------

bool HexView::offsetAt(const QPoint& pos, std::uint64_t* offset, GridLayout::Area* area) const {
    if (size() == 0) return false;
    const GridLayout::Hit hit = m_layout.hitTest(pos.x() + m_xOffset);
    const std::int64_t rel = m_layout.rowAtY(pos.y());
    std::uint64_t row;
    if (rel < 0) row = m_topRow > static_cast<std::uint64_t>(-rel) ? m_topRow + rel : 0;
    else row = m_topRow + static_cast<std::uint64_t>(rel);
    const std::uint64_t off = row * static_cast<unsigned>(m_layout.bytesPerRow()) +
                              static_cast<unsigned>(hit.column);
    *offset = std::min(off, size() - 1);
    *area = hit.area;
    return true;
}

void HexView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QAbstractScrollArea::mousePressEvent(event);
    std::uint64_t off;
    GridLayout::Area area;
    if (!offsetAt(event->position().toPoint(), &off, &area)) return;
    if (area == GridLayout::Area::Hex || area == GridLayout::Area::Text) m_activeArea = area;
    const bool extend = event->modifiers() & Qt::ShiftModifier;
    setCursor(off, extend);
    // A drag extends from where the button went down (or from the anchor with Shift).
    m_dragOrigin = extend ? m_anchor : off;
}

void HexView::mouseMoveEvent(QMouseEvent* event) {
    if (!(event->buttons() & Qt::LeftButton)) return;
    QPoint pos = event->position().toPoint();
    // Dragging past the top or bottom edge scrolls a row at a time.
    if (pos.y() < 0 && m_topRow > 0) setTopRow(m_topRow - 1);
    else if (pos.y() >= viewport()->height()) setTopRow(m_topRow + 1);
    std::uint64_t off;
    GridLayout::Area area;
    if (!offsetAt(pos, &off, &area)) return;
    if (off == m_dragOrigin && !m_hasAnchor) return; // a click that has not moved yet
    m_hasAnchor = true;
    m_anchor = m_dragOrigin;
    m_cursor = off;
    ensureCursorVisible();
    viewport()->update();
    emit cursorMoved();
}

void HexView::wheelEvent(QWheelEvent* event) {
    const int steps = event->angleDelta().y() / 40; // three rows per notch
    if (steps > 0) setTopRow(m_topRow > static_cast<std::uint64_t>(steps) ? m_topRow - steps : 0);
    else if (steps < 0) setTopRow(m_topRow + static_cast<std::uint64_t>(-steps));
    event->accept();
}

void HexView::keyPressEvent(QKeyEvent* event) {
    const std::uint64_t n = size();
    if (n == 0) return QAbstractScrollArea::keyPressEvent(event);
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const auto bpr = static_cast<std::uint64_t>(m_layout.bytesPerRow());
    const auto page = static_cast<std::uint64_t>(visibleRows()) * bpr;
    const std::uint64_t c = m_cursor;
    const std::uint64_t rowStart = c - c % bpr;
    std::uint64_t target;
    switch (event->key()) {
    case Qt::Key_Left: target = c ? c - 1 : 0; break;
    case Qt::Key_Right: target = c + 1; break;
    case Qt::Key_Up: target = c >= bpr ? c - bpr : c; break;
    case Qt::Key_Down: target = n - 1 - c >= bpr ? c + bpr : c; break;
    case Qt::Key_PageUp:
        target = c >= page ? c - page : c % bpr;
        setTopRow(m_topRow > static_cast<std::uint64_t>(visibleRows()) ? m_topRow - visibleRows() : 0);
        break;
    case Qt::Key_PageDown:
        target = n - 1 - c >= page ? c + page : c;
        setTopRow(m_topRow + static_cast<std::uint64_t>(visibleRows()));
        break;
    case Qt::Key_Home: target = ctrl ? 0 : rowStart; break;
    case Qt::Key_End: target = ctrl ? n - 1 : std::min(n - 1, rowStart + bpr - 1); break;
    default: return QAbstractScrollArea::keyPressEvent(event);
    }
    setCursor(target, shift);
    event->accept();
}

void HexView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void HexView::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) relayout();
}

} // namespace hexmap
