// SPDX-License-Identifier: MIT
#include "byte_stats_jobs.h"

#include "document.h"

#include <numeric>

namespace hexmap {

namespace {
std::vector<std::uint64_t> firstN(std::uint64_t n) {
    std::vector<std::uint64_t> v(static_cast<std::size_t>(n));
    std::iota(v.begin(), v.end(), std::uint64_t(0));
    return v;
}
} // namespace

FileMapJob::FileMapJob(const DocumentModel* model, std::uint64_t segmentSize, std::uint64_t segments, QObject* parent)
    : BlockScanJob(model, tr("the file map"), segmentSize, firstN(segments), parent) {
    qRegisterMetaType<std::shared_ptr<SegmentBatch>>();
}

FileMapJob::~FileMapJob() { stopAndWait(); }

UiStatus FileMapJob::work() {
    const std::uint64_t size = document().size();
    ByteHistogram hist[2] = {};
    std::uint64_t read[2] = {0, 0};
    // Small batches: the map fills as it goes.
    Batches<SegmentStats> batches(
        64, [this](std::shared_ptr<SegmentBatch> batch) { post([this, batch] { emit measured(batch); }); });
    scanBlocks(
        [&](int t, std::uint64_t, std::uint64_t, const std::uint8_t* p, std::size_t n) {
            addToHistogram(hist[t], p, n);
            read[t] += n;
        },
        [&](int t, std::uint64_t segment) {
            const std::uint64_t start = segment * blockSize();
            const std::uint64_t length = std::min(size, start + blockSize()) - start;
            hist[t][0] += length - read[t]; // the holes: zeros, never read
            const ByteClasses c = classesOf(hist[t]);
            const double total = std::max<double>(1, double(c.total()));
            batches.add({segment, float(entropyOf(hist[t])), float(double(c.zeros) / total),
                         float(double(c.text) / total), float(double(c.high) / total)});
            hist[t].fill(0);
            read[t] = 0;
        });
    batches.flush();
    return {};
}

HistogramJob::HistogramJob(const DocumentModel* model, std::uint64_t start, std::uint64_t length, QObject* parent)
    : BlockScanJob(model, tr("the byte histogram"), std::uint64_t(1) << 20, firstN((length + (1 << 20) - 1) >> 20),
                   parent),
      m_length(length) {
    qRegisterMetaType<std::shared_ptr<ByteHistogram>>();
    setRange(start, start + length);
}

HistogramJob::~HistogramJob() { stopAndWait(); }

UiStatus HistogramJob::work() {
    ByteHistogram hist[2] = {};
    std::uint64_t read[2] = {0, 0};
    scanBlocks(
        [&](int t, std::uint64_t, std::uint64_t, const std::uint8_t* p, std::size_t n) {
            addToHistogram(hist[t], p, n);
            read[t] += n;
        },
        [](int, std::uint64_t) {});
    if (stopping()) return {};
    auto total = std::make_shared<ByteHistogram>();
    for (int b = 0; b < 256; ++b) (*total)[static_cast<std::size_t>(b)] = hist[0][b] + hist[1][b];
    (*total)[0] += m_length - (read[0] + read[1]); // holes
    post([this, total] { emit counted(total); });
    return {};
}

} // namespace hexmap
