// SPDX-License-Identifier: MIT
#include "block_scan_job.h"

#include "byte_source.h"
#include "document.h"
#include "document_source.h"

#include <atomic>
#include <system_error>
#include <thread>
#include <unistd.h>

namespace hexmap {

BlockScanJob::BlockScanJob(const DocumentModel* model, QString holder, std::uint64_t blockSize,
                           std::vector<std::uint64_t> blocks, QObject* parent)
    : BackgroundJob(model, std::move(holder), /*yields=*/true, parent), m_blockSize(blockSize),
      m_blocks(std::move(blocks)) {}

void BlockScanJob::scanBlocks(const Visit& visit, const BlockDone& done) {
    const Document& doc = document();
    const std::uint8_t* data = doc.data();
    const std::uint64_t size = doc.size();
    const bool inPlace = doc.mode() == OpenMode::Private || doc.damaged();
    const int fd = doc.file().fd();
    const std::unique_ptr<ByteSource> source =
        inPlace ? std::unique_ptr<ByteSource>(std::make_unique<DocumentSource>(doc))
                : std::unique_ptr<ByteSource>(std::make_unique<MemorySource>(data, size, fd, true));
    struct Release {
        const ByteSource& s;
        ~Release() { s.releasePages(); }
    } release{*source};

    std::atomic<std::size_t> next{0};
    std::atomic<std::uint64_t> doneBytes{0};
    const std::uint64_t total = std::uint64_t(m_blocks.size()) * m_blockSize;
    auto run = [&](int thread) {
        std::vector<std::uint8_t> buffer(inPlace ? 0 : m_blockSize);
        for (;;) {
            if (stopping()) return;
            const std::size_t i = next.fetch_add(1);
            if (i >= m_blocks.size()) return;
            const std::uint64_t b = m_blocks[i];
            const std::uint64_t start = m_start + b * m_blockSize;
            const std::uint64_t end = std::min({size, m_end, start + m_blockSize});
            for (std::uint64_t at = start; at < end;) {
                const Extent e = source->dataAt(at);
                if (e.start >= end) break;
                const std::uint64_t s = std::max(at, e.start), t = std::min(end, e.end);
                if (t <= s) break;
                const auto len = static_cast<std::size_t>(t - s);
                if (inPlace) {
                    visit(thread, b, s, data + s, len);
                } else {
                    // A short read (the file shrank under us): use what the mapping shows,
                    // which the fault guard keeps safe.
                    const ssize_t got = pread(fd, buffer.data(), len, static_cast<off_t>(s));
                    visit(thread, b, s, got == static_cast<ssize_t>(len) ? buffer.data() : data + s, len);
                }
                at = t;
            }
            done(thread, b);
            const std::uint64_t doneNow = doneBytes.fetch_add(m_blockSize) + m_blockSize;
            reportProgress(std::min(doneNow, total), total);
        }
    };
    std::thread helper;
    try {
        if (m_blocks.size() > 1) helper = std::thread(run, 1);
    } catch (const std::system_error&) {
        // one thread does it all
    }
    run(0);
    if (helper.joinable()) helper.join();
}

} // namespace hexmap
