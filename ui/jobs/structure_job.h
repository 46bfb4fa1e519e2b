// SPDX-License-Identifier: MIT
// StructureJob: reads the document with a .ksy description on a worker, under a yielding
// lease (an edit stops it; the panel starts it again), and hands the tree to the GUI thread
// as rows (ksy_rows.h). With several descriptions to choose from, it picks the one whose
// magic the file starts with, else the one whose extension the file name has.
#pragma once

#include "ui_status.h"
#include "background_job.h"
#include "ksy_rows.h"

#include <string>
#include <vector>

namespace hexmap {

class StructureJob : public BackgroundJob {
    Q_OBJECT
public:
    // With `exportPath`, the whole tree is written there as JSON (as `hexmap parse` prints
    // it) instead of being made into rows.
    StructureJob(const DocumentModel* model, std::vector<std::string> specs, std::vector<std::string> searchPath,
                 std::string fileName, std::string exportPath = {}, QObject* parent = nullptr);
    ~StructureJob() override;

    // After finished() without an error: the description used ("" when none fits) and the rows.
    const std::string& specPath() const { return m_chosen; }
    const std::vector<ksy::TreeRow>& rows() const { return m_rows; }
    bool mismatch() const { return m_mismatch; }

protected:
    UiStatus work() override;

private:
    std::vector<std::string> m_specs, m_searchPath;
    std::string m_fileName, m_chosen, m_export;
    std::vector<ksy::TreeRow> m_rows;
    bool m_mismatch = false;
};

} // namespace hexmap
