// SPDX-License-Identifier: MIT
#include "rule_map.h"

#include "document_change.h"
#include "document_model.h"
#include "rule_scan_job.h"

#include <algorithm>
#include <bit>

namespace hexmap {

RuleMap::RuleMap(DocumentModel* model, QObject* parent) : QObject(parent), m_model(model) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &RuleMap::startJob);
    connect(model, &DocumentModel::changed, this, &RuleMap::onChanged);
}

RuleMap::~RuleMap() { stop(); }

void RuleMap::stop() {
    m_debounce.stop();
    m_job.reset();
}

void RuleMap::setRules(const LineRules& rules) {
    m_rules = rules.specs();
    m_colors = rules.colors();
    restart(true);
}

void RuleMap::setEnabled(bool on) {
    if (on == m_enabled) return;
    m_enabled = on;
    if (!on) {
        stop();
        m_complete = false;
    } else if (!m_complete) {
        restart(true);
    }
}

std::uint8_t RuleMap::bestIn(std::uint64_t start, std::uint64_t end) const {
    if (m_shown.empty() || end <= start) return 0;
    const std::uint64_t first = start / m_segmentSize;
    const std::uint64_t last = std::min<std::uint64_t>(m_shown.size(), (end - 1) / m_segmentSize + 1);
    std::uint8_t best = 0;
    for (std::uint64_t s = first; s < last; ++s) {
        const std::uint8_t r = m_shown[static_cast<std::size_t>(s)];
        if (r && (!best || r < best)) best = r;
    }
    return best;
}

QColor RuleMap::colorOf(std::uint8_t rule) const {
    return rule >= 1 && rule <= m_colors.size() ? m_colors[rule - 1u] : QColor();
}

void RuleMap::onChanged(const DocumentChange& change) {
    const bool reshaped = change.has(DocumentChange::Size) || change.has(DocumentChange::Replaced) ||
                          change.has(DocumentChange::Mapping);
    // Disk: another process wrote in place; its lines may have other colours now.
    if (!reshaped && !change.has(DocumentChange::Bytes) && !change.has(DocumentChange::Damaged) &&
        !change.has(DocumentChange::Disk))
        return;
    restart(reshaped);
}

void RuleMap::restart(bool forget) {
    ++m_generation;
    m_job.reset();
    m_complete = false;
    const std::uint64_t size = m_model->size();
    // Segments: about 8192 of them, a power of two between 512 bytes and 1 MiB each.
    const std::uint64_t wanted = std::max<std::uint64_t>(512, std::bit_ceil(std::max<std::uint64_t>(1, size / 8192)));
    const std::uint64_t segmentSize = std::min<std::uint64_t>(wanted, std::uint64_t(1) << 20);
    const auto segments = static_cast<std::size_t>((size + segmentSize - 1) / segmentSize);
    if (forget || segmentSize != m_segmentSize || segments != m_shown.size()) {
        m_segmentSize = segmentSize;
        m_shown.assign(segments, 0);
        m_progressive = true;
        emit updated();
    } else {
        m_progressive = false; // keep what is drawn until the new scan is complete
    }
    if (m_enabled) m_debounce.start(forget ? 0 : 300);
}

void RuleMap::release() {
    if (!m_held) return;
    m_held = false;
    if (m_enabled && !m_complete) startJob();
}

void RuleMap::startJob() {
    if (m_held) return;
    m_job.reset();
    if (!m_enabled || m_rules.empty() || m_shown.empty()) {
        m_complete = !m_rules.empty() || m_shown.empty();
        return;
    }
    std::vector<std::uint64_t> todo(m_shown.size());
    for (std::size_t i = 0; i < todo.size(); ++i) todo[i] = i;
    m_pending.assign(m_shown.size(), 0);
    m_job = std::make_unique<RuleScanJob>(m_model, m_rules, m_segmentSize, std::move(todo));
    const std::uint64_t generation = m_generation;
    connect(m_job.get(), &RuleScanJob::scanned, this, [this, generation](const std::shared_ptr<RuleHits>& hits) {
        if (generation != m_generation) return;
        std::vector<std::uint8_t>& into = m_progressive ? m_shown : m_pending;
        for (const auto& [segment, rule] : *hits)
            if (segment < into.size()) into[static_cast<std::size_t>(segment)] = rule;
        if (m_progressive) emit updated();
    });
    connect(m_job.get(), &BackgroundJob::finished, this, [this, generation](bool cancelled, const QString&) {
        if (generation != m_generation) return; // the change that stopped it restarts it
        if (cancelled) { // asked to yield, with no change after all: try again later
            m_debounce.start(300);
            return;
        }
        if (!m_progressive) m_shown.swap(m_pending);
        m_pending.clear();
        m_complete = true;
        emit updated();
    });
    m_job->start();
}

} // namespace hexmap
