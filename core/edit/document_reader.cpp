// SPDX-License-Identifier: MIT
#include "document_reader.h"

#include "document_source.h"

#include <algorithm>
#include <cassert>
#include <system_error>
#include <thread>
#include <vector>

namespace hexmap {


DocumentReader::DocumentReader(const Document& doc, const ReadLease& lease) {
    // A lease of another document (or none) reads nothing.
    assert(lease.held());
    if (!lease.held() || !doc.file().isOpen()) return;
    if (doc.hasPieces()) {
        m_inner = std::make_unique<ViewSource>(doc.view());
    } else if (doc.mode() == OpenMode::Private) {
        m_inner = std::make_unique<DocumentSource>(doc);
    } else if (doc.damaged()) {
        // pread would fail where the file lost its bytes; the mapping reads zeros there
        // (the fault guard's pages), and the caller checks Document::checkIntact.
        m_inner = std::make_unique<MemorySource>(doc.view().flatData(), doc.size());
    } else {
        m_inner = chooseFileSource(doc.view().flatData(), doc.file().fd(), doc.size());
    }
}

bool scanBlocks(const ByteSource& source, const BlockScan& scan) {
    const std::uint64_t size = std::min(source.size(), scan.end);
    const std::uint8_t* direct = source.direct();
    constexpr std::size_t kStep = std::size_t(1) << 20; // a cancel is seen within this
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    auto stopped = [&] {
        return failed.load(std::memory_order_relaxed) ||
               (scan.stop && scan.stop->load(std::memory_order_relaxed));
    };
    auto run = [&](int thread) {
        std::vector<std::uint8_t> buffer(direct ? 0 : std::min<std::uint64_t>(kStep, scan.blockSize));
        for (;;) {
            if (stopped()) return;
            const std::size_t i = next.fetch_add(1);
            if (i >= scan.blocks.size()) return;
            const std::uint64_t b = scan.blocks[i];
            const std::uint64_t blockStart = scan.start + b * scan.blockSize;
            const std::uint64_t blockEnd = std::min(size, blockStart + scan.blockSize);
            for (std::uint64_t at = blockStart; at < blockEnd;) {
                const Extent e = source.dataAt(at);
                if (e.start >= blockEnd) break;
                const std::uint64_t s = std::max(at, e.start);
                const std::uint64_t t = std::min({blockEnd, e.end, s + kStep});
                if (t <= s) break;
                if (stopped()) return;
                const auto len = static_cast<std::size_t>(t - s);
                if (direct) {
                    scan.visit(thread, b, s, direct + s, len);
                } else if (source.read(s, buffer.data(), len) == len) {
                    scan.visit(thread, b, s, buffer.data(), len);
                } else {
                    failed = true; // the file shrank under the reader
                    return;
                }
                at = t;
            }
            if (scan.blockDone) scan.blockDone(thread, b);
        }
    };
    std::vector<std::thread> helpers;
    const unsigned threads = std::max(1u, std::min<unsigned>(scan.threads, static_cast<unsigned>(scan.blocks.size())));
    for (unsigned k = 1; k < threads; ++k) {
        try {
            helpers.emplace_back(run, static_cast<int>(k));
        } catch (const std::system_error&) {
            break; // fewer threads still finish the work
        }
    }
    run(0);
    for (std::thread& h : helpers) h.join();
    return !failed.load();
}

} // namespace hexmap
