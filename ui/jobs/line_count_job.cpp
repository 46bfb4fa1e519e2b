// SPDX-License-Identifier: MIT
#include "line_count_job.h"

#include "document.h"
#include "document_source.h"
#include "line_index.h"
#include "byte_source.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace hexmap {

using Counts = LineCounts;

LineCountJob::LineCountJob(const DocumentModel* model, std::vector<std::uint64_t> blocks, QObject* parent)
    : BackgroundJob(model, tr("the line count"), /*yields=*/true, parent), m_blocks(std::move(blocks)) {
    qRegisterMetaType<std::shared_ptr<Counts>>();
}

LineCountJob::~LineCountJob() { stopAndWait(); }

QString LineCountJob::work() {
    const Document& doc = document();
    const std::uint8_t* data = doc.data();
    const std::uint64_t size = doc.size();
    // Where the data lies (holes are known zeros, never read): the same sources a search uses.
    // Read-only and shared: the mapping is the file, so read it with pread into a small
    // buffer (no page-table work, the same speed in every page-cache state, as the search
    // measured). Private: the unsaved edits live only in the mapping: count it in place.
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
    std::mutex mutex;
    auto pending = std::make_shared<Counts>();
    auto flush = [&] { // with mutex held
        if (pending->empty()) return;
        post([this, batch = pending] { emit counted(batch); });
        pending = std::make_shared<Counts>();
    };
    const std::uint64_t total = std::uint64_t(m_blocks.size()) * LineIndex::kBlock;
    auto run = [&] {
        std::vector<std::uint8_t> buffer(inPlace ? 0 : LineIndex::kBlock);
        for (;;) {
            if (stopping()) return;
            const std::size_t i = next.fetch_add(1);
            if (i >= m_blocks.size()) return;
            const std::uint64_t b = m_blocks[i];
            const std::uint64_t start = b * LineIndex::kBlock;
            const std::uint64_t end = std::min(size, start + LineIndex::kBlock);
            std::uint64_t n = 0;
            for (std::uint64_t at = start; at < end;) {
                const Extent e = source->dataAt(at);
                if (e.start >= end) break;
                const std::uint64_t s = std::max(at, e.start), t = std::min(end, e.end);
                if (t <= s) break;
                const auto len = static_cast<std::size_t>(t - s);
                if (inPlace) {
                    n += countNewlines(data + s, len);
                } else {
                    // A short read (the file shrank under us): count what the mapping
                    // shows, which the fault guard keeps safe.
                    const ssize_t got = pread(fd, buffer.data(), len, static_cast<off_t>(s));
                    n += got == static_cast<ssize_t>(len) ? countNewlines(buffer.data(), len)
                                                          : countNewlines(data + s, len);
                }
                at = t;
            }
            const std::uint64_t done = doneBytes.fetch_add(LineIndex::kBlock) + LineIndex::kBlock;
            std::lock_guard lock(mutex);
            pending->emplace_back(b, static_cast<std::uint32_t>(n));
            if (pending->size() >= 256) flush();
            reportProgress(std::min(done, total), total);
        }
    };
    std::thread helper;
    try {
        if (m_blocks.size() > 1) helper = std::thread(run);
    } catch (const std::system_error&) {
        // one thread does it all
    }
    run();
    if (helper.joinable()) helper.join();
    std::lock_guard lock(mutex);
    flush();
    return {};
}

} // namespace hexmap
