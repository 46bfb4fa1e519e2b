// SPDX-License-Identifier: MIT
#include "hex_view.h"

#include "byte_format.h"
#include "document_model.h"
#include "input_handler.h"
#include "modified_highlights.h"

#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>

namespace hexmap {

HexView::HexView(QWidget* parent) : DocumentView(parent) {
    m_columns.push_back(std::make_unique<OffsetColumn>());
    m_columns.push_back(std::make_unique<HexColumn>());
    m_columns.push_back(std::make_unique<TextColumn>());
    addInputHandlers<DeleteKeysHandler, NavigationHandler, ColumnKeysHandler, HexDigitHandler, TextCharHandler,
                     MouseHandler>(*this);
    relayout();
}

HexView::~HexView() = default;

void HexView::attach(DocumentModel* model, CursorModel* cursor, EditController* edit) {
    attachDocument(model, cursor, edit);
    m_topRow = 0;
    m_lowNibble = false;
    relayout();
    viewport()->update();
}

void HexView::onDocumentChanged(const DocumentChange& change) {
    if (change.has(DocumentChange::Size) || change.has(DocumentChange::Replaced)) {
        relayout();
        if (cursorModel()) reveal(cursorOffset(), CursorModel::Reveal::Nearest);
    }
    viewport()->update();
}

void HexView::onCursorChanged(CursorModel::Reveal how) {
    m_lowNibble = false;
    reveal(cursorOffset(), how);
    viewport()->update();
}

std::optional<std::uint64_t> HexView::offsetAt(const QPoint& viewportPoint) const {
    const auto pos = positionAt(viewportPoint);
    return pos ? std::optional<std::uint64_t>(pos->offset) : std::nullopt;
}

void HexView::pressedAt(const QPoint& viewportPoint) {
    const auto pos = positionAt(viewportPoint);
    if (pos && (pos->area == GridLayout::Area::Hex || pos->area == GridLayout::Area::Text))
        setActiveArea(pos->area);
}

void HexView::scrollRows(std::int64_t rows) {
    if (rows < 0)
        setTopRow(m_topRow > static_cast<std::uint64_t>(-rows)
                      ? m_topRow - static_cast<std::uint64_t>(-rows)
                      : 0);
    else if (rows > 0)
        setTopRow(m_topRow + static_cast<std::uint64_t>(rows));
}

std::uint64_t HexView::firstVisibleByte() const {
    return std::min(documentSize(), m_layout.rowStart(m_topRow));
}

std::uint64_t HexView::endVisibleByte() const {
    const auto rows = static_cast<std::uint64_t>(visibleRows()) + 1;
    return std::min(documentSize(), m_layout.rowStart(m_topRow + rows));
}

void HexView::setActiveArea(GridLayout::Area area) {
    m_activeArea = area == GridLayout::Area::Text ? area : GridLayout::Area::Hex;
    m_lowNibble = false;
    viewport()->update();
}

void HexView::setLowNibble(bool low) {
    m_lowNibble = low;
    viewport()->update();
}

bool HexView::focusNextPrevChild(bool) {
    // Tab switches between the hex and the text column instead of leaving the grid.
    return false;
}

void HexView::setBytesPerRow(int bytesPerRow) {
    m_bprSetting = bytesPerRow;
    relayout();
    if (cursorModel()) reveal(cursorOffset(), CursorModel::Reveal::Nearest);
}

void HexView::setDisplayOptions(bool upperHex, bool decimalOffsets) {
    m_upperHex = upperHex;
    m_decimalOffsets = decimalOffsets;
    relayout();
    viewport()->update();
}

void HexView::setColumnEncoding(ColumnEncoding encoding) {
    m_encoding = encoding;
    viewport()->update();
}

void HexView::relayout() {
    const QFontMetricsF fm(font());
    const double cw = fm.horizontalAdvance(QLatin1Char('0'));
    const int lh = static_cast<int>(fm.height()) + 2;
    // Decimal offsets need as many digits as the largest offset has (at least 8, as hex).
    const std::uint64_t size = documentSize();
    const int digits = m_decimalOffsets
                           ? std::max<int>(8, QString::number(size ? size - 1 : 0).size())
                           : offsetDigits(size);
    const int bpr = m_bprSetting > 0 ? m_bprSetting
                                     : GridLayout::fitBytesPerRow(cw, digits, viewport()->width());
    const std::uint64_t firstByte = m_layout.rowStart(m_topRow);
    m_layout = GridLayout(cw, lh, bpr, digits);
    m_topRow = m_layout.rowOf(firstByte);
    updateScrollBars();
}

int HexView::visibleRows() const {
    return std::max(1, viewport()->height() / m_layout.lineHeight());
}

std::uint64_t HexView::maxTopRow() const {
    const std::uint64_t rows = m_layout.rowCount(documentSize());
    const auto visible = static_cast<std::uint64_t>(visibleRows());
    return rows > visible ? rows - visible : 0;
}

void HexView::setScrollLimit(int limit) {
    m_scrollLimit = limit;
    updateScrollBars();
}

void HexView::updateScrollBars() {
    m_topRow = std::min(m_topRow, maxTopRow());
    const ScrollMapping mapping(maxTopRow(), m_scrollLimit);
    // When scaled, a page of the bar is no longer a page of rows; keep a usable step.
    syncVerticalBar(mapping, m_topRow,
                    mapping.scaled() ? mapping.barMaximum() / 100 : visibleRows());
    m_syncingBar = true;
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
    if (!m_syncingBar) m_topRow = topForBar();
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

void HexView::reveal(std::uint64_t offset, CursorModel::Reveal how) {
    if (how == CursorModel::Reveal::None || documentSize() == 0) return;
    const std::uint64_t top = m_layout.topRowShowing(m_layout.rowOf(offset), m_topRow,
                                                     static_cast<std::uint64_t>(visibleRows()),
                                                     how == CursorModel::Reveal::Center);
    if (top != m_topRow) setTopRow(top);
}

std::optional<GridLayout::Position> HexView::positionAt(const QPoint& p) const {
    return m_layout.positionAt(p.x() + m_xOffset, p.y(), m_topRow, documentSize());
}

QRect HexView::byteRect(std::uint64_t offset, GridLayout::Area area) const {
    const std::uint64_t row = m_layout.rowOf(offset);
    if (row < m_topRow || row > m_topRow + static_cast<std::uint64_t>(visibleRows())) return {};
    const GridLayout::Cell cell = m_layout.cellOf(offset, area, m_topRow);
    return QRectF(cell.x - m_xOffset, static_cast<double>(cell.y), cell.width, cell.height)
        .toAlignedRect();
}

// --- painting -------------------------------------------------------------------------

void HexView::paintDocument(QPainter& p) {
    const std::uint64_t size = documentSize();
    const std::vector<Highlight> highlights = highlightsIn(firstVisibleByte(), endVisibleByte());

    RowContext row;
    row.painter = &p;
    row.layout = &m_layout;
    row.colors = &colors();
    row.x0 = -m_xOffset;
    row.highlights = &highlights;
    row.activeArea = m_activeArea;
    row.focused = hasFocus();
    row.lowNibble = m_lowNibble;
    row.upperHex = m_upperHex;
    row.decimalOffsets = m_decimalOffsets;
    row.encoding = m_encoding;
    const ByteView bytes = documentModel()->view();
    row.fileData = bytes.flatData();
    row.fileSize = size;
    std::vector<std::uint8_t> window;
    const std::uint64_t cursor = cursorOffset();
    if (const CursorModel* c = cursorModel(); c && c->hasSelection()) {
        row.selectionStart = c->selectionStart();
        row.selectionEnd = row.selectionStart + c->selectionLength();
    }
    const int lh = m_layout.lineHeight();
    const int ascentShift = baselineShift(p, lh);
    const std::uint64_t rows = m_layout.rowCount(size);
    for (int i = 0; i <= visibleRows(); ++i) {
        const std::uint64_t r = m_topRow + static_cast<std::uint64_t>(i);
        if (r >= rows) break;
        row.y = i * lh;
        row.baseline = row.y + ascentShift;
        row.first = m_layout.rowStart(r);
        row.count =
            static_cast<int>(std::min<std::uint64_t>(m_layout.bytesPerRow(), size - row.first));
        if (bytes.flat()) {
            row.bytes = row.fileData + row.first;
        } else {
            // Pieces: the row and 8 bytes either side (a character that crosses the row's
            // edge), from an even offset (UTF-16 units start there), made contiguous.
            const std::uint64_t lo = (row.first > 8 ? row.first - 8 : 0) & ~std::uint64_t(1);
            const std::uint64_t hi =
                std::min(size, row.first + static_cast<std::uint64_t>(row.count) + 8);
            window.resize(static_cast<std::size_t>(hi - lo));
            bytes.read(lo, window.data(), window.size());
            row.windowStart = lo;
            row.fileData = window.data();
            row.fileSize = window.size();
            row.bytes = window.data() + (row.first - lo);
        }
        row.cursorColumn = m_layout.rowOf(cursor) == r ? m_layout.columnOf(cursor) : -1;
        if (row.cursorColumn >= 0)
            p.fillRect(QRect(0, row.y, viewport()->width(), lh), colors().cursorRow);
        for (const auto& column : m_columns)
            column->paintRow(row);
    }
    m_cursorWasVisible =
        m_layout.rowOf(cursor) >= m_topRow &&
        m_layout.rowOf(cursor) < m_topRow + static_cast<std::uint64_t>(visibleRows());
}

void HexView::resizeEvent(QResizeEvent* event) {
    const bool keepCursor = m_cursorWasVisible;
    QAbstractScrollArea::resizeEvent(event);
    relayout();
    // A banner that appears above the grid shrinks it: keep the cursor's row in sight.
    if (keepCursor && cursorModel()) reveal(cursorOffset(), CursorModel::Reveal::Nearest);
}

} // namespace hexmap
