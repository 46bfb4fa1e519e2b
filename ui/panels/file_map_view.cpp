// SPDX-License-Identifier: MIT
#include "file_map_view.h"

#include "strip_math.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace hexmap {

FileMapView::FileMapView(QWidget* parent) : QWidget(parent) {
    setObjectName("fileMapView");
    setMinimumSize(60, 80);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Left: entropy (blue ordered, red random or compressed). Right: zeros, text, high bytes. "
                  "Click to go there."));
}

void FileMapView::reset(std::uint64_t fileSize, std::uint64_t segmentSize) {
    m_size = fileSize;
    m_segmentSize = std::max<std::uint64_t>(1, segmentSize);
    const auto n = static_cast<std::size_t>((fileSize + m_segmentSize - 1) / m_segmentSize);
    m_segments.assign(n, SegmentStats{});
    m_known.assign(n, false);
    m_measured = 0;
    update();
}

void FileMapView::add(const SegmentBatch& batch) {
    for (const SegmentStats& s : batch) {
        if (s.segment >= m_segments.size()) continue;
        const auto i = static_cast<std::size_t>(s.segment);
        if (!m_known[i]) ++m_measured;
        m_known[i] = true;
        m_segments[i] = s;
    }
    update();
}

std::uint64_t FileMapView::offsetAtY(int y) const { return offsetAtRow(m_size, y, height()); }

QColor FileMapView::entropyColor(double e) {
    // Hue from 220 (blue, ordered) down to 0 (red, random); brighter as it rises.
    const double t = std::clamp(e / 8.0, 0.0, 1.0);
    return QColor::fromHsvF(float((1.0 - t) * 220.0 / 360.0), 0.75f, float(0.35 + 0.6 * t));
}

void FileMapView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_size || m_segments.empty()) return;
    const int h = height(), half = width() / 2;
    const QColor zeros = palette().color(QPalette::Mid), text(60, 170, 90), high(235, 140, 40);
    for (int y = 0; y < h; ++y) {
        // The segments on this pixel row: averaged.
        const std::uint64_t a = offsetAtY(y) / m_segmentSize;
        const std::uint64_t b = std::max(a + 1, (y + 1 < h ? offsetAtY(y + 1) : m_size) / m_segmentSize);
        double e = 0, z = 0, t = 0, hi = 0;
        int n = 0;
        for (std::uint64_t s = a; s < b && s < m_segments.size(); ++s) {
            if (!m_known[static_cast<std::size_t>(s)]) continue;
            const SegmentStats& st = m_segments[static_cast<std::size_t>(s)];
            e += st.entropy, z += st.zeros, t += st.text, hi += st.high;
            ++n;
        }
        if (!n) continue;
        e /= n, z /= n, t /= n, hi /= n;
        p.fillRect(QRect(0, y, half - 1, 1), entropyColor(e));
        int x = half + 1;
        const int w = width() - x;
        for (const auto& [frac, colour] : {std::pair{z, zeros}, std::pair{t, text}, std::pair{hi, high}}) {
            const int span = int(frac * w + 0.5);
            p.fillRect(QRect(x, y, span, 1), colour);
            x += span;
        }
    }
}

void FileMapView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && m_size) emit jumpRequested(offsetAtY(event->position().toPoint().y()));
}

} // namespace hexmap
