#include "hex_view.h"

#include "byte_format.h"
#include "document.h"

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

std::uint64_t HexView::size() const { return m_doc ? m_doc->size() : 0; }

void HexView::setDocument(Document* document) {
    m_doc = document;
    m_topRow = 0;
    m_cursor = 0;
    m_hasAnchor = false;
    m_damageReported = false;
    m_lowNibble = false;
    relayout();
    viewport()->update();
    emit cursorMoved();
}

void HexView::documentResized() {
    const bool keepSelection = m_hasAnchor && m_anchor < size();
    relayout();
    m_hasAnchor = keepSelection;
    setCursor(m_cursor, keepSelection);
}

void HexView::setHighlight(std::shared_ptr<const Pattern> pattern, std::optional<Match> current) {
    m_highlight = std::move(pattern);
    m_currentMatch = current;
    viewport()->update();
}

std::uint64_t HexView::firstVisibleByte() const {
    return std::min(size(), m_topRow * static_cast<unsigned>(m_layout.bytesPerRow()));
}

std::uint64_t HexView::endVisibleByte() const {
    const auto rows = static_cast<std::uint64_t>(visibleRows()) + 1;
    return std::min(size(), (m_topRow + rows) * static_cast<unsigned>(m_layout.bytesPerRow()));
}

std::vector<Match> HexView::visibleMatches() const {
    std::vector<Match> out;
    if (!m_highlight || !m_doc || size() == 0) return out;
    // Search a window a little wider than the screen, so matches that start above the
    // first row or end below the last still show their visible part. A screenful is a
    // few KiB: this costs microseconds, and never depends on the file's size.
    const std::uint64_t margin = m_highlight->isRegex() ? 256 : m_highlight->length();
    const std::uint64_t first = firstVisibleByte(), end = endVisibleByte();
    const std::uint64_t from = first > margin ? first - margin : 0;
    const std::uint64_t to = std::min(size(), end + margin);
    const MemorySource window(m_doc->data() + from, to - from);
    SearchOptions options;
    options.threads = 1;
    options.chunkSize = static_cast<std::size_t>(to - from);
    auto all = findAll(window, *m_highlight, [&](const Match* m, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i)
            if (m[i].offset + from + m[i].length > first && m[i].offset + from < end)
                out.push_back({m[i].offset + from, m[i].length});
    }, {}, options);
    (void)all; // a failed highlight (e.g. regex limit) just shows nothing
    return out;
}

void HexView::setActiveArea(GridLayout::Area area) {
    m_activeArea = area == GridLayout::Area::Text ? area : GridLayout::Area::Hex;
    m_lowNibble = false;
    viewport()->update();
}

bool HexView::focusNextPrevChild(bool) {
    // Tab switches between the hex and the text column instead of leaving the grid.
    return false;
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
    emit scrolled();
}

void HexView::setTopRow(std::uint64_t row) {
    m_topRow = std::min(row, maxTopRow());
    m_syncingBar = true;
    verticalScrollBar()->setValue(m_scroll.valueForRow(m_topRow));
    m_syncingBar = false;
    viewport()->update();
    emit scrolled();
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
    m_lowNibble = false;
    if (m_doc) m_doc->breakCoalescing();
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
    if (!m_doc) {
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
    const std::vector<Match> highlights = visibleMatches();
    for (int i = 0; i <= visibleRows(); ++i) {
        const std::uint64_t row = m_topRow + static_cast<std::uint64_t>(i);
        if (row >= rows) break;
        paintRow(p, row, i * lh, highlights);
    }
    if (!m_damageReported && m_doc->damaged()) {
        m_damageReported = true;
        emit damageDetected();
    }
    emit framePainted();
}

void HexView::paintRow(QPainter& p, std::uint64_t row, int y,
                       const std::vector<Match>& highlights) const {
    const GridLayout& L = m_layout;
    const int bpr = L.bytesPerRow();
    const double cw = L.charWidth();
    const int lh = L.lineHeight();
    const double x0 = -m_xOffset;
    const std::uint64_t first = row * static_cast<unsigned>(bpr);
    const int n = static_cast<int>(std::min<std::uint64_t>(bpr, size() - first));
    const std::uint8_t* bytes = m_doc->data() + first;
    const QPalette& pal = palette();

    // Backgrounds first, each span in both columns: the cursor's row, modified bytes,
    // search matches, the selection, then the cursor itself.
    if (L.rowOf(m_cursor) == row)
        p.fillRect(QRectF(0, y, viewport()->width(), lh), pal.color(QPalette::AlternateBase));
    const std::uint64_t rowEnd = first + static_cast<unsigned>(n);
    auto paintSpan = [&](std::uint64_t s, std::uint64_t e, const QColor& color) { // [s, e)
        if (s >= rowEnd || e <= first) return;
        const int a = static_cast<int>(std::max(s, first) - first);
        const int b = static_cast<int>(std::min(e, rowEnd) - first) - 1;
        p.fillRect(QRectF(x0 + L.byteHexX(a), y, L.byteHexX(b) + 2 * cw - L.byteHexX(a), lh), color);
        p.fillRect(QRectF(x0 + L.byteTextX(a), y, (b - a + 1) * cw, lh), color);
    };
    for (const auto& [ms, me] : m_doc->modified().overlapping(first, rowEnd))
        paintSpan(ms, me, QColor(255, 170, 120, 150));
    for (const Match& m : highlights) paintSpan(m.offset, m.offset + m.length, QColor(255, 230, 80));
    if (m_currentMatch)
        paintSpan(m_currentMatch->offset, m_currentMatch->offset + m_currentMatch->length,
                  QColor(255, 150, 30));
    if (const std::uint64_t selLen = selectionLength())
        paintSpan(selectionStart(), selectionStart() + selLen, [&] {
            QColor c = pal.color(QPalette::Highlight);
            c.setAlpha(170); // what lies under the selection (a match, an edit) shows through
            return c;
        }());
    if (L.rowOf(m_cursor) == row) {
        const int c = L.columnOf(m_cursor);
        // After the high nibble is typed, the cursor sits on the low one.
        const QRectF hexCell(x0 + L.byteHexX(c) + (m_lowNibble ? cw : 0), y,
                             m_lowNibble ? cw : 2 * cw, lh);
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
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        setActiveArea(m_activeArea == GridLayout::Area::Text ? GridLayout::Area::Hex
                                                             : GridLayout::Area::Text);
        event->accept();
        return;
    case Qt::Key_Backspace:
        // Overwrite-only: Backspace steps back, it deletes nothing.
        target = m_lowNibble ? c : (c ? c - 1 : 0);
        break;
    case Qt::Key_Insert:
        emit statusMessage(tr("A mapped file is edited in place: bytes cannot be inserted or "
                              "deleted. Use Edit > Resize to change the file's length."));
        event->accept();
        return;
    default:
        if (!ctrl && typeByte(event)) {
            event->accept();
            return;
        }
        return QAbstractScrollArea::keyPressEvent(event);
    }
    setCursor(target, shift);
    event->accept();
}

bool HexView::typeByte(QKeyEvent* event) {
    const QString text = event->text();
    if (text.size() != 1 || !m_doc || size() == 0) return false;
    const QChar ch = text.at(0);
    if (ch.unicode() < 0x20 || ch.unicode() == 0x7f) return false;
    if (!m_editBlocker.isEmpty()) {
        emit editRefused(m_editBlocker);
        return true;
    }
    std::uint8_t value;
    if (m_activeArea == GridLayout::Area::Text) {
        if (ch.unicode() < 0x20 || ch.unicode() > 0x7e) return false;
        value = static_cast<std::uint8_t>(ch.unicode());
    } else {
        const int digit = QStringLiteral("0123456789abcdef").indexOf(ch.toLower());
        if (digit < 0) return false;
        const std::uint8_t old = m_doc->data()[m_cursor];
        value = m_lowNibble ? static_cast<std::uint8_t>((old & 0xf0) | digit)
                            : static_cast<std::uint8_t>((old & 0x0f) | (digit << 4));
    }
    const Status st = m_doc->overwrite(m_cursor, &value, 1, Document::EditKind::Typing);
    if (!st) {
        emit editRefused(QString::fromStdString(st.error().message));
        return true;
    }
    emit edited();
    if (m_activeArea == GridLayout::Area::Hex && !m_lowNibble) {
        m_lowNibble = true; // same byte, low nibble next
    } else {
        // Move on without breaking the typing step (setCursor would).
        m_lowNibble = false;
        if (m_cursor + 1 < size()) ++m_cursor;
        m_hasAnchor = false;
        ensureCursorVisible();
        emit cursorMoved();
    }
    viewport()->update();
    return true;
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
