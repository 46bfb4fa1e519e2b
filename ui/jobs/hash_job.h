// SPDX-License-Identifier: MIT
// HashJob: checksums and hashes of a range of the document on a worker (every algorithm in
// one pass), with progress and cancel. Its lease holds: the bytes cannot change under it.
#pragma once

#include "ui_status.h"
#include "background_job.h"
#include "hasher.h"

#include <vector>

namespace hexmap {

class HashJob : public BackgroundJob {
    Q_OBJECT
public:
    HashJob(const DocumentModel* model, std::uint64_t start, std::uint64_t length,
            std::vector<HashAlgorithm> algorithms, QObject* parent = nullptr);
    ~HashJob() override;
    // Valid after finished() without an error.
    const std::vector<HashResult>& results() const { return m_results; }

protected:
    UiStatus work() override;

private:
    std::uint64_t m_start, m_length;
    std::vector<HashAlgorithm> m_algorithms;
    std::vector<HashResult> m_results;
};

} // namespace hexmap
