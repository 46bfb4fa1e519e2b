// SPDX-License-Identifier: MIT
// The workers behind View > File Map: FileMapJob measures every segment of a document
// (entropy and byte classes; the holes of a sparse file count as zeros without being
// read) and posts them in batches, so the map is drawn as it fills; HistogramJob counts the
// bytes of a range (the selection) into one histogram. Both read like the line count
// (BlockScanJob: two threads, pread, a yielding lease).
#pragma once

#include "ui_status.h"
#include "block_scan_job.h"
#include "byte_stats.h"

#include <memory>
#include <vector>

namespace hexmap {

struct SegmentStats {
    std::uint64_t segment = 0;
    float entropy = 0; // bits per byte
    float zeros = 0, text = 0, high = 0; // fractions of the segment's bytes
};
using SegmentBatch = std::vector<SegmentStats>;

class FileMapJob : public BlockScanJob {
    Q_OBJECT
public:
    FileMapJob(const DocumentModel* model, std::uint64_t segmentSize, std::uint64_t segments,
               QObject* parent = nullptr);
    ~FileMapJob() override;

signals:
    void measured(std::shared_ptr<hexmap::SegmentBatch> batch);

protected:
    UiStatus work() override;
};

class HistogramJob : public BlockScanJob {
    Q_OBJECT
public:
    HistogramJob(const DocumentModel* model, std::uint64_t start, std::uint64_t length, QObject* parent = nullptr);
    ~HistogramJob() override;

signals:
    // Once, when the whole range is counted.
    void counted(std::shared_ptr<hexmap::ByteHistogram> histogram);

protected:
    UiStatus work() override;

private:
    std::uint64_t m_length;
};

} // namespace hexmap

Q_DECLARE_METATYPE(std::shared_ptr<hexmap::SegmentBatch>)
Q_DECLARE_METATYPE(std::shared_ptr<hexmap::ByteHistogram>)
