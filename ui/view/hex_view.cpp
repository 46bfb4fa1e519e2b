// SPDX-License-Identifier: MIT
#include "hex_view.h"

#include "byte_format.h"
#include "document_model.h"
#include "input_handler.h"
#include "modified_highlights.h"

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
    m_colors = GridColors::fromPalette(palette());
    m_columns.push_back(std::make_unique<OffsetColumn>());
    m_columns.push_back(std::make_unique<HexColumn>());
    m_columns.push_back(std::make_unique<TextColumn>());
    m_handlers.push_back(std::make_unique<DeleteKeysHandler>(*this));
    m_handlers.push_back(std::make_unique<NavigationHandler>(*this));
    m_handlers.push_back(std::make_unique<ColumnKeysHandler>(*this));
    m_handlers.push_back(std::make_unique<HexDigitHandler>(*this));
    m_handlers.push_back(std::make_unique<TextCharHandler>(*this));
    m_handlers.push_back(std::make_unique<MouseHandler>(*this));
    m_modified = std::make_unique<ModifiedHighlights>([this] { return m_model; });
    m_sources.push_back(m_modified.get());
    relayout();
}

HexView::~HexView() = default;

void HexView::attach(DocumentModel* model, CursorModel* cursor, EditController* edit) {
    if (m_model) disconnect(m_model, nullptr, this, nullptr);
    if (m_cursor) disconnect(m_cursor, nullptr, this, nullptr);
    m_model = model;
    m_cursor = cursor;
    m_edit = edit;
    m_topRow = 0;
    m_lowNibble = false;
    if (m_model) connect(m_model, &DocumentModel::changed, this, &HexView::onDocumentChanged);
    if (m_cursor) connect(m_cursor, &CursorModel::changed, this, &HexView::onCursorChanged);
    relayout();
    viewport()->update();
}

std::uint64_t HexView::documentSize() const { return m_model ? m_model->size() : 0; }

void HexView::onDocumentChanged(const DocumentChange& change) {
    if (change.has(DocumentChange::Size) || change.has(DocumentChange::Replaced)) {
        relayout();
        if (m_cursor) reveal(m_cursor->cursor(), CursorModel::Reveal::Nearest);
    }
    viewport()->update();
}

void HexView::onCursorChanged(CursorModel::Reveal how) {
    m_lowNibble = false;
    reveal(m_cursor->cursor(), how);
    viewport()->update();
}

void HexView::moveCursor(std::uint64_t offset, bool extend) {
    if (m_cursor) m_cursor->moveCursor(offset, extend);
}

void HexView::addHighlightSource(const HighlightSource* source, bool underAll) {
    if (underAll) m_sources.insert(m_sources.begin(), source);
    else m_sources.push_back(source);
    viewport()->update();
}

void HexView::removeHighlightSource(const HighlightSource* source) {
    if (source == m_modified.get()) return; // the view's own
    m_sources.erase(std::remove(m_sources.begin(), m_sources.end(), source), m_sources.end());
    viewport()->update();
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
    if (m_cursor) reveal(m_cursor->cursor(), CursorModel::Reveal::Nearest);
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
    const int digits = m_decimalOffsets ? std::max<int>(8, QString::number(size ? size - 1 : 0).size())
                                        : offsetDigits(size);
    const int bpr = m_bprSetting > 0
                        ? m_bprSetting
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

void HexView::reveal(std::uint64_t offset, CursorModel::Reveal how) {
    if (how == CursorModel::Reveal::None || documentSize() == 0) return;
    const std::uint64_t top = m_layout.topRowShowing(
        m_layout.rowOf(offset), m_topRow, static_cast<std::uint64_t>(visibleRows()),
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

void HexView::paintEmpty(QPainter& p, const QString& text) const {
    p.setPen(m_colors.dimText);
    p.drawText(viewport()->rect(), Qt::AlignCenter, text);
}

void HexView::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), m_colors.base);
    if (!m_model) return paintEmpty(p, tr("Open a file with Ctrl+O, or drop one here."));
    const std::uint64_t size = documentSize();
    if (size == 0) return paintEmpty(p, tr("The file is empty (0 bytes)."));
    p.setFont(font());

    const std::uint64_t first = firstVisibleByte(), end = endVisibleByte();
    std::vector<Highlight> highlights;
    for (const HighlightSource* source : m_sources) source->collect(first, end, m_colors, highlights);

    RowContext row;
    row.painter = &p;
    row.layout = &m_layout;
    row.colors = &m_colors;
    row.x0 = -m_xOffset;
    row.highlights = &highlights;
    row.activeArea = m_activeArea;
    row.focused = hasFocus();
    row.lowNibble = m_lowNibble;
    row.upperHex = m_upperHex;
    row.decimalOffsets = m_decimalOffsets;
    row.encoding = m_encoding;
    const ByteView bytes = m_model->view();
    row.fileData = bytes.flatData();
    row.fileSize = size;
    std::vector<std::uint8_t> window;
    const std::uint64_t cursor = cursorOffset();
    if (m_cursor && m_cursor->hasSelection()) {
        row.selectionStart = m_cursor->selectionStart();
        row.selectionEnd = row.selectionStart + m_cursor->selectionLength();
    }
    const int lh = m_layout.lineHeight();
    const int ascentShift = (lh + p.fontMetrics().ascent() - p.fontMetrics().descent()) / 2;
    const std::uint64_t rows = m_layout.rowCount(size);
    for (int i = 0; i <= visibleRows(); ++i) {
        const std::uint64_t r = m_topRow + static_cast<std::uint64_t>(i);
        if (r >= rows) break;
        row.y = i * lh;
        row.baseline = row.y + ascentShift;
        row.first = m_layout.rowStart(r);
        row.count = static_cast<int>(std::min<std::uint64_t>(m_layout.bytesPerRow(), size - row.first));
        if (bytes.flat()) {
            row.bytes = row.fileData + row.first;
        } else {
            // Pieces: the row and 8 bytes either side (a character that crosses the row's
            // edge), from an even offset (UTF-16 units start there), made contiguous.
            const std::uint64_t lo = (row.first > 8 ? row.first - 8 : 0) & ~std::uint64_t(1);
            const std::uint64_t hi = std::min(size, row.first + static_cast<std::uint64_t>(row.count) + 8);
            window.resize(static_cast<std::size_t>(hi - lo));
            bytes.read(lo, window.data(), window.size());
            row.windowStart = lo;
            row.fileData = window.data();
            row.fileSize = window.size();
            row.bytes = window.data() + (row.first - lo);
        }
        row.cursorColumn = m_layout.rowOf(cursor) == r ? m_layout.columnOf(cursor) : -1;
        if (row.cursorColumn >= 0) p.fillRect(QRect(0, row.y, viewport()->width(), lh), m_colors.cursorRow);
        for (const auto& column : m_columns) column->paintRow(row);
    }
    m_cursorWasVisible = m_layout.rowOf(cursor) >= m_topRow &&
                         m_layout.rowOf(cursor) < m_topRow + static_cast<std::uint64_t>(visibleRows());
    // A page the file no longer has, read here, reads as zeros; the fault guard's eventfd
    // tells the model after this frame (DamageNotifier): painting changes nothing.
    emit framePainted();
}

// --- input ----------------------------------------------------------------------------

void HexView::keyPressEvent(QKeyEvent* event) {
    for (const auto& handler : m_handlers)
        if (handler->keyPress(event)) return;
    QAbstractScrollArea::keyPressEvent(event);
}

void HexView::mousePressEvent(QMouseEvent* event) {
    for (const auto& handler : m_handlers)
        if (handler->mousePress(event)) return;
    QAbstractScrollArea::mousePressEvent(event);
}

void HexView::mouseMoveEvent(QMouseEvent* event) {
    for (const auto& handler : m_handlers)
        if (handler->mouseMove(event)) return;
}

void HexView::wheelEvent(QWheelEvent* event) {
    for (const auto& handler : m_handlers)
        if (handler->wheel(event)) return;
}

void HexView::resizeEvent(QResizeEvent* event) {
    const bool keepCursor = m_cursorWasVisible;
    QAbstractScrollArea::resizeEvent(event);
    relayout();
    // A banner that appears above the grid shrinks it: keep the cursor's row in sight.
    if (keepCursor && m_cursor) reveal(m_cursor->cursor(), CursorModel::Reveal::Nearest);
}

void HexView::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) relayout();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        m_colors = GridColors::fromPalette(palette());
        viewport()->update();
    }
}

} // namespace hexmap
