// SPDX-License-Identifier: MIT
// DocumentReader: the one way to read a document off its owner's thread (search, checksums,
// the line count, the rule scan, the file map, and later compare and structures). It takes
// the document's ReadLease in its constructor, so "no read without a lease" is a rule the
// compiler keeps, and it decides how to read in one place:
//   - private mode, or a damaged mapping: the mapping itself (the unsaved copy-on-write
//     edits live only there), with the file's holes and the edited ranges as its data map;
//   - read-only and shared mode: pread or the mapping, whichever a ~2 ms probe measures
//     faster for how the kernel holds the file now (chooseFileSource); holes from the file.
// It is a ByteSource, so everything that scans takes it as it is; it must not outlive the
// lease it was given.
#pragma once

#include "byte_source.h"
#include "document.h"

#include <atomic>
#include <functional>
#include <memory>

namespace hexmap {

// A document's bytes as a ByteSource, through its view: in place when flat, piece by piece
// otherwise. The owner's thread uses it as it is (a search of the visible rows); another
// thread only under the document's lease, which keeps every edit out meanwhile.
class ViewSource final : public ByteSource {
public:
    explicit ViewSource(ByteView view) : m_view(view) {}
    std::uint64_t size() const override { return m_view.size(); }
    std::size_t read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const override {
        return m_view.read(offset, buf, len);
    }
    const std::uint8_t* direct() const override { return m_view.flatData(); }
    std::uint64_t runs(std::uint64_t from, std::uint64_t to, std::size_t maxRuns,
                       std::vector<std::span<const std::uint8_t>>& out) const override {
        return m_view.flat() ? from : m_view.runs(from, to, maxRuns, out);
    }

private:
    ByteView m_view;
};

class DocumentReader final : public ByteSource {
public:
    DocumentReader(const Document& doc, const ReadLease& lease);

    std::uint64_t size() const override { return m_inner ? m_inner->size() : 0; }
    std::size_t read(std::uint64_t offset, std::uint8_t* buf, std::size_t len) const override {
        return m_inner ? m_inner->read(offset, buf, len) : 0;
    }
    const std::uint8_t* direct() const override { return m_inner ? m_inner->direct() : nullptr; }
    std::uint64_t runs(std::uint64_t from, std::uint64_t to, std::size_t maxRuns,
                       std::vector<std::span<const std::uint8_t>>& out) const override {
        return m_inner ? m_inner->runs(from, to, maxRuns, out) : from;
    }
    Extent dataAt(std::uint64_t from) const override {
        return m_inner ? m_inner->dataAt(from) : Extent{0, 0};
    }
    void releasePages() const override {
        if (m_inner) m_inner->releasePages();
    }

private:
    std::unique_ptr<ByteSource> m_inner;
};

// The one parallel scan over a source: the blocks (indexes of blockSize-byte blocks from
// `start`, up to `end`) are shared among `threads` threads; within a block only the data
// stretches are visited (holes are skipped unread), each as contiguous bytes: straight
// from memory when the source is memory, else read into the thread's buffer, at most 1 MiB
// at a time. The stop flag is checked before every MiB, so a cancel is seen within one.
// A short read (the file shrank under the reader) ends the scan with false.
struct BlockScan {
    std::uint64_t start = 0;
    std::uint64_t end = ~0ull;
    std::uint64_t blockSize = 1u << 20;
    std::vector<std::uint64_t> blocks;
    unsigned threads = 2;
    const std::atomic<bool>* stop = nullptr;
    // thread, block, offset, bytes, length
    std::function<void(int, std::uint64_t, std::uint64_t, const std::uint8_t*, std::size_t)> visit;
    // thread, block: the block is complete
    std::function<void(int, std::uint64_t)> blockDone;
};
bool scanBlocks(const ByteSource& source, const BlockScan& scan);

} // namespace hexmap
