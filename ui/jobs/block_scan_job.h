// SPDX-License-Identifier: MIT
// BlockScanJob: the reading loop of the jobs that look at every byte of a document in
// blocks (the line count, the colour rule scan): two threads take blocks in turn, each
// block's data is handed over extent by extent with the holes of a sparse file skipped
// (they are known zeros, never read), read with pread into a buffer for a read-only or
// shared file (no page-table work, the same speed in every page-cache state) or in place
// for a private one (its unsaved edits live only in the mapping). The lease yields: an
// edit stops the job instead of being refused.
#pragma once

#include "background_job.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace hexmap {

class BlockScanJob : public BackgroundJob {
    Q_OBJECT
public:
    BlockScanJob(const DocumentModel* model, QString holder, std::uint64_t blockSize,
                 std::vector<std::uint64_t> blocks, QObject* parent = nullptr);
    // Only [start, end) of the document: block b covers [start + b * blockSize, ...).
    void setRange(std::uint64_t start, std::uint64_t end) {
        m_start = start;
        m_end = end;
    }

protected:
    // On worker `thread` (0 or 1): the data bytes [at, at + n) of `block`, in order.
    using Visit = std::function<void(int thread, std::uint64_t block, std::uint64_t at, const std::uint8_t* p,
                                     std::size_t n)>;
    // On worker `thread`, after the last extent of `block` (also for a block all hole).
    using BlockDone = std::function<void(int thread, std::uint64_t block)>;
    // Results from both scan threads, handed to `send` (on the worker, which posts them to
    // the GUI thread) in batches of `size`, and what is left by flush().
    template <class Item> class Batches {
    public:
        using Send = std::function<void(std::shared_ptr<std::vector<Item>>)>;
        Batches(std::size_t size, Send send) : m_size(size), m_send(std::move(send)) {}
        void add(Item item) {
            std::lock_guard lock(m_mutex);
            m_pending->push_back(std::move(item));
            if (m_pending->size() >= m_size) flushLocked();
        }
        void flush() {
            std::lock_guard lock(m_mutex);
            flushLocked();
        }

    private:
        void flushLocked() {
            if (m_pending->empty()) return;
            m_send(std::move(m_pending));
            m_pending = std::make_shared<std::vector<Item>>();
        }
        std::size_t m_size;
        Send m_send;
        std::mutex m_mutex;
        std::shared_ptr<std::vector<Item>> m_pending = std::make_shared<std::vector<Item>>();
    };

    // Scans the blocks through the document's reader (core's scanBlocks); returns early
    // when stopping(). False when the file shrank under the scan (a short read).
    bool scanBlocks(const Visit& visit, const BlockDone& done);
    std::uint64_t blockSize() const { return m_blockSize; }

private:
    std::uint64_t m_blockSize;
    std::uint64_t m_start = 0;
    std::uint64_t m_end = UINT64_MAX;
    std::vector<std::uint64_t> m_blocks;
};

} // namespace hexmap
