// SPDX-License-Identifier: MIT
#include "structure_job.h"

#include "block_cache_source.h"
#include "ksy_json.h"
#include "ksy_spec.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace hexmap {

StructureJob::StructureJob(const DocumentModel* model, std::vector<std::string> specs,
                           std::vector<std::string> searchPath, std::string fileName, std::string exportPath,
                           QObject* parent)
    : BackgroundJob(model, tr("reading the structure"), true, parent), m_specs(std::move(specs)),
      m_searchPath(std::move(searchPath)), m_fileName(std::move(fileName)), m_export(std::move(exportPath)) {}

StructureJob::~StructureJob() { stopAndWait(); }

UiStatus StructureJob::work() {
    const DocumentReader source = reader();
    const BlockCacheSource cached(source);
    int chosen = 0;
    if (m_specs.size() != 1) {
        std::string head(64, '\0');
        head.resize(cached.read(0, reinterpret_cast<std::uint8_t*>(head.data()), head.size()));
        chosen = ksy::chooseDescription(m_specs, m_searchPath, head, m_fileName);
        if (chosen < 0) return {}; // no description fits: an empty tree, not an error
    }
    m_chosen = m_specs[std::size_t(chosen)];
    ksy::SpecSet specs;
    auto loaded = specs.load(m_chosen, m_searchPath);
    if (!loaded) return UiStatus::fromCore(loaded.error());
    ksy::Limits limits;
    limits.cancel = stopFlag();
    ksy::Interpreter in(specs, cached, limits);
    if (!m_export.empty()) {
        std::FILE* out = std::fopen(m_export.c_str(), "w");
        if (!out) return UiStatus::failure(tr("Cannot write %1: %2.").arg(QString::fromStdString(m_export), QString::fromLocal8Bit(std::strerror(errno))));
        const bool written = ksy::writeJson(in, *in.root(), out);
        const bool closed = std::fclose(out) == 0;
        if (stopping()) return {};
        if (!written || !closed)
            return UiStatus::failure(tr("Cannot write %1: %2.").arg(QString::fromStdString(m_export), QString::fromLocal8Bit(std::strerror(errno))));
        m_mismatch = in.mismatch();
        return {};
    }
    m_rows = ksy::treeRows(in, *in.root());
    m_mismatch = in.mismatch();
    return {};
}

} // namespace hexmap
