// SPDX-License-Identifier: MIT
#include "document_view.h"

#include "document_model.h"
#include "input_handler.h"
#include "modified_highlights.h"

#include <QElapsedTimer>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>

namespace hexmap {

DocumentView::DocumentView(QWidget* parent) : QAbstractScrollArea(parent) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_colors = GridColors::fromPalette(palette());
    m_modified = std::make_unique<ModifiedHighlights>([this] { return m_model; });
    m_sources.push_back(m_modified.get());
}

DocumentView::~DocumentView() = default;

void DocumentView::attachDocument(DocumentModel* model, CursorModel* cursor, EditController* edit) {
    if (m_model) disconnect(m_model, nullptr, this, nullptr);
    if (m_cursor) disconnect(m_cursor, nullptr, this, nullptr);
    m_model = model;
    m_cursor = cursor;
    m_edit = edit;
    if (m_model)
        connect(m_model, &DocumentModel::changed, this,
                [this](const DocumentChange& c) { onDocumentChanged(c); });
    if (m_cursor)
        connect(m_cursor, &CursorModel::changed, this,
                [this](CursorModel::Reveal how) { onCursorChanged(how); });
}

std::uint64_t DocumentView::documentSize() const {
    return m_model ? m_model->size() : 0;
}

void DocumentView::moveCursor(std::uint64_t offset, bool extend) {
    if (m_cursor) m_cursor->moveCursor(offset, extend);
}

void DocumentView::addHighlightSource(const HighlightSource* source, bool underAll) {
    if (underAll)
        m_sources.insert(m_sources.begin(), source);
    else
        m_sources.push_back(source);
    viewport()->update();
}

void DocumentView::removeHighlightSource(const HighlightSource* source) {
    if (source == m_modified.get()) return; // the view's own
    m_sources.erase(std::remove(m_sources.begin(), m_sources.end(), source), m_sources.end());
    viewport()->update();
}

bool DocumentView::accepted(const UiStatus& edit) {
    if (!edit) emit editRefused(edit.message());
    return edit.ok();
}

std::vector<Highlight> DocumentView::highlightsIn(std::uint64_t first, std::uint64_t end) const {
    std::vector<Highlight> out;
    for (const HighlightSource* source : m_sources)
        source->collect(first, end, m_colors, out);
    return out;
}

void DocumentView::addInputHandler(std::unique_ptr<InputHandler> handler) {
    m_handlers.push_back(std::move(handler));
}

void DocumentView::syncVerticalBar(const ScrollMapping& mapping, std::uint64_t top, int pageStep) {
    m_scroll = mapping;
    const bool wasSyncing = m_syncingBar;
    m_syncingBar = true;
    QScrollBar* v = verticalScrollBar();
    v->setRange(0, m_scroll.barMaximum());
    v->setPageStep(std::max(1, pageStep));
    v->setSingleStep(1);
    v->setValue(m_scroll.valueForRow(top));
    m_syncingBar = wasSyncing;
}

std::uint64_t DocumentView::topForBar() const {
    return m_scroll.rowForValue(verticalScrollBar()->value());
}

int DocumentView::baselineShift(const QPainter& p, int lineHeight) {
    return (lineHeight + p.fontMetrics().ascent() - p.fontMetrics().descent()) / 2;
}

void DocumentView::paintEvent(QPaintEvent*) {
    QElapsedTimer timer;
    timer.start();
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), m_colors.base);
    p.setFont(font());
    auto empty = [&](const QString& text) {
        p.setPen(m_colors.dimText);
        p.drawText(viewport()->rect(), Qt::AlignCenter, text);
    };
    if (!m_model) return empty(tr("Open a file with Ctrl+O, or drop one here."));
    if (documentSize() == 0) return empty(tr("The file is empty (0 bytes)."));
    paintDocument(p);
    m_lastFrameNs = timer.nsecsElapsed();
    // A page the file no longer has, read here, reads as zeros; the fault guard's eventfd
    // tells the model after this frame (DamageNotifier): painting changes nothing.
    emit framePainted();
}

void DocumentView::keyPressEvent(QKeyEvent* event) {
    for (const auto& handler : m_handlers)
        if (handler->keyPress(event)) return;
    QAbstractScrollArea::keyPressEvent(event);
}

void DocumentView::mousePressEvent(QMouseEvent* event) {
    for (const auto& handler : m_handlers)
        if (handler->mousePress(event)) return;
    QAbstractScrollArea::mousePressEvent(event);
}

void DocumentView::mouseMoveEvent(QMouseEvent* event) {
    for (const auto& handler : m_handlers)
        if (handler->mouseMove(event)) return;
}

void DocumentView::wheelEvent(QWheelEvent* event) {
    for (const auto& handler : m_handlers)
        if (handler->wheel(event)) return;
}

void DocumentView::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) fontChanged();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        m_colors = GridColors::fromPalette(palette());
        viewport()->update();
    }
}

} // namespace hexmap
