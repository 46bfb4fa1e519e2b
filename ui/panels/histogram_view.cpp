// SPDX-License-Identifier: MIT
#include "histogram_view.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace hexmap {

HistogramView::HistogramView(QWidget* parent) : QWidget(parent) {
    setObjectName("histogramView");
    setMinimumSize(128, 60);
}

void HistogramView::setHistogram(const ByteHistogram& h) {
    m_hist = h;
    m_any = true;
    update();
}

void HistogramView::clear() {
    m_hist.fill(0);
    m_any = false;
    update();
}

void HistogramView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_any) return;
    const std::uint64_t top = *std::max_element(m_hist.begin(), m_hist.end());
    if (!top) return;
    const double w = double(width()) / 256.0, h = height() - 2;
    const QColor bar = palette().color(QPalette::Highlight);
    for (int b = 0; b < 256; ++b) {
        const double v = std::sqrt(double(m_hist[static_cast<std::size_t>(b)]) / double(top));
        const int bh = m_hist[static_cast<std::size_t>(b)] ? std::max(1, int(v * h)) : 0;
        p.fillRect(QRectF(b * w, height() - bh, std::max(1.0, w - (w > 2 ? 0.5 : 0)), bh), bar);
    }
}

} // namespace hexmap
