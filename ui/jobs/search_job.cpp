// SPDX-License-Identifier: MIT
#include "search_job.h"

#include "document.h"
#include "document_source.h"

#include <QElapsedTimer>
#include <cerrno>
#include <utility>

namespace hexmap {

SearchJob::SearchJob(const DocumentModel* model, Pattern pattern, Kind kind, std::uint64_t from,
                     QObject* parent, bool yields)
    : BackgroundJob(model, tr("a search"), yields, parent), m_pattern(std::move(pattern)),
      m_kind(kind), m_from(from) {
    qRegisterMetaType<hexmap::Match>();
    qRegisterMetaType<std::shared_ptr<const hexmap::MatchChunks>>();
}

SearchJob::~SearchJob() { stopAndWait(); }

UiStatus SearchJob::work() {
    const DocumentReader reader = this->reader();
    const ByteSource* source = &reader;
    // A scan through a shared mapping leaves the file's pages mapped into this process (a
    // system monitor then counts a searched 1 GiB file as 1 GiB of hexmap's memory): give
    // them back when done. The page cache keeps them; private memory is never dropped.
    struct Release {
        const ByteSource& s;
        ~Release() { s.releasePages(); }
    } release{*source};
    SearchOptions options;
    options.cancel = stopFlag();
    if (m_kind == Kind::All) {
        // From m_from on (what a growing file appended); offsets are reported from 0.
        const TailSource tail(*source, m_from);
        const std::uint64_t base = m_from;
        // Posts gather matches for at least 40 ms (or a million matches), so the GUI thread
        // gets a couple of dozen a second: a post per 1 MiB chunk scanned made 1,024 for a
        // 1 GiB log, each inserting rows, counting the overview and redrawing, and they
        // queued up faster than the GUI thread took them (a stall of over a second).
        // They arrive as compact chunks, packed by the scanning threads, linked in by the
        // GUI thread without a copy.
        MatchChunks pending;
        std::size_t pendingMatches = 0;
        QElapsedTimer sinceFlush;
        sinceFlush.start();
        auto flush = [&] {
            sinceFlush.restart();
            if (pending.empty()) return;
            auto chunks = std::make_shared<const MatchChunks>(std::exchange(pending, {}));
            pendingMatches = 0;
            post([this, chunks] { emit matchesFound(chunks); });
        };
        auto result = findAllChunked(
            tail, m_pattern,
            [&](MatchChunks chunks) {
                for (auto& c : chunks) {
                    pendingMatches += c->size();
                    pending.push_back(std::move(c));
                }
                if (pendingMatches >= 16 * MatchChunk::kCapacity) flush();
            },
            [&](std::uint64_t done, std::uint64_t total) {
                if (sinceFlush.elapsed() >= 40) flush();
                reportProgress(done, total);
            },
            options, base);
        flush();
        if (!result) return UiStatus::fromCore(result.error());
        // Matches in bytes that vanished meanwhile would be matches in zeros: say so.
        if (Status st = document().checkIntact("Matches past the new end are not real."); !st)
            return UiStatus::fromCore(st.error());
        return {};
    }
    auto result = m_kind == Kind::Next ? findNext(*source, m_pattern, m_from, options)
                                       : findPrevious(*source, m_pattern, m_from, options);
    if (!result) {
        if (result.error().code == ECANCELED) return {};
        return UiStatus::fromCore(result.error());
    }
    if (Status st = document().checkIntact("A match there would be in those zeros, so none is shown."); !st)
        return UiStatus::fromCore(st.error());
    const auto& hit = result.value();
    const bool any = hit.has_value();
    const Match m = any ? hit->match : Match{};
    const bool wrapped = any && hit->wrapped;
    post([this, any, m, wrapped] { emit found(any, m, wrapped); });
    return {};
}

} // namespace hexmap
