// SPDX-License-Identifier: MIT
#include "hash_job.h"

#include "document.h"
#include "document_source.h"

#include <cerrno>

namespace hexmap {

HashJob::HashJob(const DocumentModel* model, std::uint64_t start, std::uint64_t length,
                 std::vector<HashAlgorithm> algorithms, QObject* parent)
    : BackgroundJob(model, tr("a checksum"), false, parent), m_start(start), m_length(length),
      m_algorithms(std::move(algorithms)) {}

HashJob::~HashJob() { stopAndWait(); }

UiStatus HashJob::work() {
    const Document& doc = document();
    // A checksum over bytes that vanished would be of zeros the file never held: refuse
    // before, and again after (the file may be cut while it is read), as `hexmap hash` does.
    const std::string refusal = "A checksum would be of those zeros, so none is shown.";
    if (Status st = doc.checkIntact(refusal); !st) return UiStatus::fromCore(st.error());
    // What the window shows (in private mode the unsaved edits), through the one reader.
    const DocumentReader source = reader();
    auto r = hashRange(source, m_start, m_length, m_algorithms, stopFlag(),
                       [this](std::uint64_t done, std::uint64_t total) { reportProgress(done, total); });
    source.releasePages();
    if (Status st = doc.checkIntact(refusal); !st) return UiStatus::fromCore(st.error());
    if (!r) return r.error().code == ECANCELED ? UiStatus() : UiStatus::fromCore(r.error());
    m_results = std::move(r).value();
    return {};
}

} // namespace hexmap
