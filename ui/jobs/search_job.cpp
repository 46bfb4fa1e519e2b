// SPDX-License-Identifier: MIT
#include "search_job.h"

#include "document.h"
#include "document_source.h"

#include <cerrno>

namespace hexmap {

SearchJob::SearchJob(const DocumentModel* model, Pattern pattern, Kind kind, std::uint64_t from,
                     QObject* parent, bool yields)
    : BackgroundJob(model, tr("a search"), yields, parent), m_pattern(std::move(pattern)),
      m_kind(kind), m_from(from) {
    qRegisterMetaType<hexmap::Match>();
    qRegisterMetaType<std::shared_ptr<std::vector<hexmap::Match>>>();
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
        // Batches gather matches for about a chunk's worth of progress, so the GUI gets a
        // few dozen posts a second, not one per match.
        auto pending = std::make_shared<std::vector<Match>>();
        auto flush = [&] {
            if (pending->empty()) return;
            post([this, batch = pending] { emit matchesFound(batch); });
            pending = std::make_shared<std::vector<Match>>();
        };
        auto result = findAll(
            tail, m_pattern,
            [&](const Match* m, std::size_t n) {
                for (std::size_t i = 0; i < n; ++i)
                    pending->push_back(Match{m[i].offset + base, m[i].length});
                if (pending->size() >= 65536) flush();
            },
            [&](std::uint64_t done, std::uint64_t total) {
                flush();
                reportProgress(done, total);
            },
            options);
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
