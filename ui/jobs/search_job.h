// SPDX-License-Identifier: MIT
// SearchJob: one search (find next, find previous or find all) on a worker, so the GUI
// thread never walks the file. Matches, the found match and progress arrive as queued
// signals on the GUI thread, in order, and only after start() (see BackgroundJob).
#pragma once

#include "ui_status.h"
#include "background_job.h"
#include "match_store.h"
#include "pattern.h"
#include "searcher.h"

#include <memory>
#include <vector>

namespace hexmap {

class SearchJob final : public BackgroundJob {
    Q_OBJECT
public:
    enum class Kind { Next, Previous, All };

    // Find All searches from `from` on (the part a growing file appended). A yielding job
    // (a search the user did not start: the continuation after growth) is stopped by any
    // change to the document instead of refusing it.
    SearchJob(const DocumentModel* model, Pattern pattern, Kind kind, std::uint64_t from,
              QObject* parent = nullptr, bool yields = false);
    ~SearchJob() override;

    Kind kind() const { return m_kind; }
    const Pattern& pattern() const { return m_pattern; }


signals:
    // Find all: the next matches in offset order, in chunks this worker filled (the GUI
    // thread links them in; it copies nothing).
    void matchesFound(std::shared_ptr<const hexmap::MatchChunks> chunks);
    // Find next/previous: the match, if any. wrapped: the search passed an end.
    void found(bool any, hexmap::Match match, bool wrapped);

protected:
    UiStatus work() override;

private:
    Pattern m_pattern;
    Kind m_kind;
    std::uint64_t m_from;
};

} // namespace hexmap

Q_DECLARE_METATYPE(hexmap::Match)
