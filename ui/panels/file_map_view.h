// SPDX-License-Identifier: MIT
// FileMapView: the whole file as a vertical map, top to bottom, one pixel row a part of it.
// Left: entropy (dark-to-light blue for ordered data, through green, to red near 8 bits a
// byte: compressed or encrypted). Right: byte classes side by side (zeros grey, ASCII text
// green, high bytes orange). Segments not measured yet stay empty, so the map fills in as
// the FileMapJob reports; a click asks to jump there.
#pragma once

#include "byte_stats_jobs.h"

#include <QWidget>
#include <vector>

namespace hexmap {

class FileMapView : public QWidget {
    Q_OBJECT
public:
    explicit FileMapView(QWidget* parent = nullptr);
    void reset(std::uint64_t fileSize, std::uint64_t segmentSize);
    void add(const SegmentBatch& batch);
    // The measured segments (for tests): -1 entropy where not measured yet.
    const std::vector<SegmentStats>& segments() const { return m_segments; }
    std::size_t measured() const { return m_measured; }
    std::uint64_t offsetAtY(int y) const;
    // The colour entropy `e` (0..8) is drawn in.
    static QColor entropyColor(double e);

    QSize sizeHint() const override { return {120, 300}; }

signals:
    void jumpRequested(std::uint64_t offset);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    std::vector<SegmentStats> m_segments;
    std::vector<bool> m_known;
    std::size_t m_measured = 0;
    std::uint64_t m_size = 0;
    std::uint64_t m_segmentSize = 1;
};

} // namespace hexmap
