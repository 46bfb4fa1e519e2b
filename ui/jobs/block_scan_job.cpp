// SPDX-License-Identifier: MIT
#include "block_scan_job.h"

#include "byte_source.h"
#include "document.h"
#include "document_source.h"

#include <algorithm>
#include <atomic>

namespace hexmap {

BlockScanJob::BlockScanJob(const DocumentModel* model, QString holder, std::uint64_t blockSize,
                           std::vector<std::uint64_t> blocks, QObject* parent)
    : BackgroundJob(model, std::move(holder), /*yields=*/true, parent), m_blockSize(blockSize),
      m_blocks(std::move(blocks)) {}

bool BlockScanJob::scanBlocks(const Visit& visit, const BlockDone& done) {
    // The document's one reader and core's one parallel scan: holes unread, a cancel seen
    // within a MiB, the pages a scan of a shared mapping made resident given back after.
    const DocumentReader source = reader();
    struct Release {
        const ByteSource& s;
        ~Release() { s.releasePages(); }
    } release{source};
    std::atomic<std::uint64_t> doneBytes{0};
    const std::uint64_t total = std::uint64_t(m_blocks.size()) * m_blockSize;
    BlockScan scan;
    scan.start = m_start;
    scan.end = m_end;
    scan.blockSize = m_blockSize;
    scan.blocks = m_blocks;
    scan.threads = 2;
    scan.stop = stopFlag();
    scan.visit = visit;
    scan.blockDone = [&](int thread, std::uint64_t b) {
        done(thread, b);
        const std::uint64_t doneNow = doneBytes.fetch_add(m_blockSize) + m_blockSize;
        reportProgress(std::min(doneNow, total), total);
    };
    return hexmap::scanBlocks(source, scan);
}

} // namespace hexmap
