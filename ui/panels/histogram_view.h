// SPDX-License-Identifier: MIT
// HistogramView: 256 bars, one per byte value (height on a square-root scale so that rare
// values still show next to a dominant one), for the selection's bytes.
#pragma once

#include "byte_stats.h"

#include <QWidget>

namespace hexmap {

class HistogramView : public QWidget {
    Q_OBJECT
public:
    explicit HistogramView(QWidget* parent = nullptr);
    void setHistogram(const ByteHistogram& h);
    void clear();
    const ByteHistogram& histogram() const { return m_hist; }
    QSize sizeHint() const override { return {256, 90}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    ByteHistogram m_hist{};
    bool m_any = false;
};

} // namespace hexmap
