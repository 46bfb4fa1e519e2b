// SPDX-License-Identifier: MIT
// RuleMap: where the colour rules (texts and regexes) match across the whole file, for the overview
// strip's rule band. The file is cut into at most ~8192 segments (512 bytes to 1 MiB each);
// a RuleScanJob finds each segment's most important rule on the worker. It scans only while
// enabled (the tab shows the Lines view), and again after rules change or the document
// does (after a pause, so typing does not start a scan a key).
#pragma once

#include "line_rules.h"

#include <QColor>
#include <QObject>
#include <QTimer>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hexmap {

struct DocumentChange;
class DocumentModel;
class RuleScanJob;

class RuleMap : public QObject {
    Q_OBJECT
public:
    explicit RuleMap(DocumentModel* model, QObject* parent = nullptr);
    ~RuleMap() override;

    void setRules(const LineRules& rules);
    void setEnabled(bool on);
    // Holds scans back until release() (the window's first frame).
    void hold() { m_held = true; }
    void release();
    bool enabled() const { return m_enabled; }
    // The last scan finished (for the current rules and document).
    bool complete() const { return m_complete; }
    std::uint64_t segmentSize() const { return m_segmentSize; }
    // The most important rule (1 = the first) found in the segments overlapping
    // [start, end); 0 when none.
    std::uint8_t bestIn(std::uint64_t start, std::uint64_t end) const;
    // The colour of rule id `rule` (1-based).
    QColor colorOf(std::uint8_t rule) const;
    void stop();

signals:
    void updated();

private:
    void onChanged(const DocumentChange& change);
    void restart(bool forget);
    void startJob();

    DocumentModel* m_model;
    std::vector<RuleSpec> m_rules;
    std::vector<QColor> m_colors;
    std::vector<std::uint8_t> m_shown;   // per segment, what the strip draws
    std::vector<std::uint8_t> m_pending; // the running scan's, swapped in when it completes
    std::uint64_t m_segmentSize = 512;
    std::uint64_t m_generation = 0;
    bool m_enabled = false;
    bool m_held = false;
    bool m_complete = false;
    bool m_progressive = true; // a first scan shows its findings as they arrive
    std::unique_ptr<RuleScanJob> m_job;
    QTimer m_debounce;
};

} // namespace hexmap
