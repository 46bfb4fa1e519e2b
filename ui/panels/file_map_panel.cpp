// SPDX-License-Identifier: MIT
#include "file_map_panel.h"

#include "byte_stats_jobs.h"
#include "cursor_model.h"
#include "document_model.h"
#include "cursor_model.h"
#include "document_model.h"
#include "file_map_view.h"
#include "histogram_view.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <bit>

namespace hexmap {

namespace {
// About 4096 segments: a power of two from 256 bytes to 16 MiB each.
std::uint64_t segmentSizeFor(std::uint64_t size) {
    return std::clamp<std::uint64_t>(std::bit_ceil(std::max<std::uint64_t>(1, size / 4096)), 256,
                                     std::uint64_t(16) << 20);
}
} // namespace

FileMapPanel::FileMapPanel(QWidget* parent) : QWidget(parent) {
    m_map = new FileMapView(this);
    m_hist = new HistogramView(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName("histogramSummary");
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_map, 3);
    layout->addWidget(new QLabel(tr("Bytes of the selection:"), this));
    layout->addWidget(m_hist, 1);
    layout->addWidget(m_summary);
    m_mapDebounce.setSingleShot(true);
    m_mapDebounce.setInterval(500);
    m_histDebounce.setSingleShot(true);
    m_histDebounce.setInterval(150);
    connect(&m_mapDebounce, &QTimer::timeout, this, &FileMapPanel::startMap);
    connect(&m_histDebounce, &QTimer::timeout, this, &FileMapPanel::startHistogram);
    connect(m_map, &FileMapView::jumpRequested, this, [this](std::uint64_t offset) {
        if (!m_doc) return;
        m_doc.cursor->moveCursor(offset, false, CursorModel::Reveal::Center);
        m_doc.returnFocus();
    });
}

FileMapPanel::~FileMapPanel() { stopJobs(); }

void FileMapPanel::stopJobs() {
    m_mapDebounce.stop();
    m_histDebounce.stop();
    m_mapJob.reset();
    m_histJob.reset();
}

bool FileMapPanel::busy() const {
    return (m_mapJob && m_mapJob->running()) || (m_histJob && m_histJob->running()) || m_mapDebounce.isActive() ||
           m_histDebounce.isActive();
}

void FileMapPanel::setContext(const DocumentContext& context) {
    stopJobs();
    m_histStart = UINT64_MAX;
    disconnect(m_modelConn);
    disconnect(m_cursorConn);
    disconnect(m_closingConn);
    m_doc = context;
    m_map->reset(0, 1);
    m_hist->clear();
    m_summary->clear();
    if (!m_doc) return;
    m_modelConn = connect(m_doc.model, &DocumentModel::changed, this, [this] {
        m_histStart = UINT64_MAX; // the bytes changed: count again
        if (m_active) m_mapDebounce.start();
        if (m_active) m_histDebounce.start();
    });
    m_cursorConn = connect(m_doc.cursor, &CursorModel::changed, this, [this] {
        if (m_active) m_histDebounce.start();
    });
    // The jobs read this tab's document: they stop before the tab lets go of it.
    m_closingConn = connect(m_doc.model, &DocumentModel::closing, this, [this] { setContext({}); });
    if (m_active) {
        startMap();
        startHistogram();
    }
}

void FileMapPanel::setActive(bool active) {
    if (active == m_active) return;
    m_active = active;
    if (!active) {
        m_histStart = UINT64_MAX;
        return stopJobs();
    }
    startMap();
    startHistogram();
}

void FileMapPanel::startMap() {
    m_mapJob.reset();
    if (!m_doc || !m_active) return;
    const std::uint64_t size = m_doc.model->size();
    const std::uint64_t seg = segmentSizeFor(size);
    m_map->reset(size, seg);
    if (!size) return;
    m_mapJob = std::make_unique<FileMapJob>(m_doc.model, seg, (size + seg - 1) / seg);
    connect(m_mapJob.get(), &FileMapJob::measured, m_map,
            [this](const std::shared_ptr<SegmentBatch>& batch) { m_map->add(*batch); });
    connect(m_mapJob.get(), &BackgroundJob::finished, this, [this](bool cancelled, const QString&) {
        if (cancelled && m_active) m_mapDebounce.start(); // stopped by an edit: again later
    });
    m_mapJob->start();
}

void FileMapPanel::startHistogram() {
    if (!m_doc || !m_active) return;
    const CursorModel& c = *m_doc.cursor;
    const std::uint64_t size = m_doc.model->size();
    const std::uint64_t start = c.hasSelection() ? c.selectionStart() : 0;
    const std::uint64_t length = c.hasSelection() ? c.selectionLength() : size;
    if (start == m_histStart && length == m_histLength) return; // shown, or being counted
    m_histJob.reset();
    m_histStart = start;
    m_histLength = length;
    if (!length) {
        m_hist->clear();
        m_summary->setText(tr("No bytes."));
        return;
    }
    m_summary->setText(tr("Counting %1 bytes…").arg(QLocale().toString(qulonglong(length))));
    m_histJob = std::make_unique<HistogramJob>(m_doc.model, start, length);
    connect(m_histJob.get(), &HistogramJob::counted, this, [this, start, length](const std::shared_ptr<ByteHistogram>& h) {
        m_hist->setHistogram(*h);
        const ByteClasses k = classesOf(*h);
        const double total = double(std::max<std::uint64_t>(1, k.total()));
        int distinct = 0;
        for (std::uint64_t n : *h) distinct += n != 0;
        const QLocale loc;
        m_summary->setText(tr("%1 bytes from 0x%2: entropy %3 bits/byte, %4 distinct values; zeros %5%, "
                              "text %6%, high bytes %7%, other %8%")
                               .arg(loc.toString(qulonglong(length)), QString::number(start, 16))
                               .arg(entropyOf(*h), 0, 'f', 3)
                               .arg(distinct)
                               .arg(100.0 * double(k.zeros) / total, 0, 'f', 1)
                               .arg(100.0 * double(k.text) / total, 0, 'f', 1)
                               .arg(100.0 * double(k.high) / total, 0, 'f', 1)
                               .arg(100.0 * double(k.other) / total, 0, 'f', 1));
    });
    connect(m_histJob.get(), &BackgroundJob::finished, this, [this](bool cancelled, const QString&) {
        if (!cancelled) return;
        m_histStart = UINT64_MAX; // not counted: again later
        if (m_active) m_histDebounce.start();
    });
    m_histJob->start();
}

QString FileMapPanel::summary() const { return m_summary->text(); }

} // namespace hexmap
