// SPDX-License-Identifier: MIT
#include "overview_strip.h"

#include "bookmark_model.h"
#include "grid_colors.h"
#include "rule_map.h"
#include "strip_math.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace hexmap {

OverviewStrip::OverviewStrip(QWidget* parent) : QWidget(parent), m_buckets(kBuckets, 0) {
    setObjectName("overviewStrip");
    setFixedWidth(14);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Where the matches lie in the file; click to jump there."));
}

void OverviewStrip::reset(std::uint64_t fileSize) {
    std::fill(m_buckets.begin(), m_buckets.end(), 0);
    m_size = fileSize;
    m_any = false;
    update();
}

int OverviewStrip::bucketOf(std::uint64_t offset) const {
    if (m_size == 0) return 0;
    return static_cast<int>(static_cast<unsigned __int128>(offset) * kBuckets / m_size);
}

void OverviewStrip::count(std::uint64_t offset) {
    const auto b = static_cast<std::size_t>(std::min(kBuckets - 1, bucketOf(offset)));
    if (m_buckets[b] < UINT32_MAX) ++m_buckets[b];
    m_any = true;
}

void OverviewStrip::addMatches(const Match* matches, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) count(matches[i].offset);
    update();
}

void OverviewStrip::addMatches(const MatchChunk& chunk) {
    // The matches are in order, so each bucket's share is found by a binary search, not by
    // bucketing every match: the GUI thread's work per chunk is the buckets it spans.
    for (std::size_t i = 0; i < chunk.size();) {
        const int b = std::min(kBuckets - 1, bucketOf(chunk.at(i).offset));
        std::size_t j = chunk.size();
        if (b + 1 < kBuckets && m_size > 0) {
            // the first offset of bucket b + 1: ceil((b + 1) * size / kBuckets)
            const auto next = static_cast<std::uint64_t>(
                (static_cast<unsigned __int128>(b + 1) * m_size + kBuckets - 1) / kBuckets);
            j = std::max(i + 1, chunk.lowerBound(next));
        }
        auto& bucket = m_buckets[static_cast<std::size_t>(b)];
        bucket = static_cast<std::uint32_t>(std::min<std::uint64_t>(UINT32_MAX, std::uint64_t(bucket) + (j - i)));
        i = j;
    }
    m_any = m_any || !chunk.empty();
    update();
}

void OverviewStrip::addMatches(const MatchStore& store) {
    for (const auto& chunk : store.chunks()) addMatches(*chunk);
}

void OverviewStrip::setRuleMap(const RuleMap* rules) {
    if (m_rules) disconnect(m_rules, nullptr, this, nullptr);
    m_rules = rules;
    if (m_rules) connect(m_rules, &RuleMap::updated, this, qOverload<>(&QWidget::update));
    update();
}

void OverviewStrip::setBookmarks(const BookmarkModel* bookmarks) {
    if (m_bookmarks) disconnect(m_bookmarks, nullptr, this, nullptr);
    m_bookmarks = bookmarks;
    if (m_bookmarks) connect(m_bookmarks, &BookmarkModel::changed, this, qOverload<>(&QWidget::update));
    update();
}

void OverviewStrip::setViewport(std::uint64_t first, std::uint64_t end) {
    if (first == m_viewFirst && end == m_viewEnd) return;
    m_viewFirst = first;
    m_viewEnd = end;
    update();
}

std::uint64_t OverviewStrip::offsetAtY(int y) const { return offsetAtRow(m_size, y, height()); }

int OverviewStrip::yForOffset(std::uint64_t offset) const {
    if (m_size == 0) return 0;
    return static_cast<int>(static_cast<unsigned __int128>(offset) * static_cast<unsigned>(height()) / m_size);
}

void OverviewStrip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window).darker(108));
    if (m_size == 0) return;
    // The viewport, as a band.
    const int vy = yForOffset(m_viewFirst);
    const int vh = std::max(2, yForOffset(m_viewEnd) - vy);
    p.fillRect(QRect(0, vy, width(), vh), palette().color(QPalette::Mid));
    const int h = height();
    if (m_rules && m_rules->enabled()) {
        // The rule band: each pixel row in the colour of the most important rule found in
        // its part of the file, mixed into the base like the Lines view's tints but stronger.
        const QColor base = palette().color(QPalette::Base);
        for (int y = 0; y < h; ++y) {
            if (const std::uint8_t r = m_rules->bestIn(offsetAtY(y), std::max(offsetAtY(y + 1), offsetAtY(y) + 1)))
                p.fillRect(QRect(0, y, 4, 1), GridColors::mix(base, m_rules->colorOf(r), 0.75));
        }
    }
    if (m_bookmarks) {
        for (const Bookmark& b : m_bookmarks->bookmarks())
            p.fillRect(QRect(width() - 4, std::min(yForOffset(b.offset), h - 3), 4, 3), b.color);
    }
    if (!m_any) return;
    const QColor mark(230, 120, 0);
    for (int y = 0; y < h; ++y) {
        // Buckets [b0, b1) fall on this pixel row.
        const int b0 = static_cast<int>(static_cast<long long>(y) * kBuckets / h);
        const int b1 = std::max(b0 + 1, static_cast<int>(static_cast<long long>(y + 1) * kBuckets / h));
        bool hit = false;
        for (int b = b0; b < b1 && b < kBuckets && !hit; ++b) hit = m_buckets[static_cast<std::size_t>(b)] != 0;
        if (hit) p.fillRect(QRect(5, y, width() - 10, 2), mark); // 2 px: a lone match stays visible
    }
}

void OverviewStrip::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && m_size)
        emit jumpRequested(offsetAtY(event->position().toPoint().y()));
}

} // namespace hexmap
