// SPDX-License-Identifier: MIT
// ChecksumsDialog (Tools > Checksums): the algorithms the user ticks (CRC-32, Adler-32, MD5,
// SHA-1, SHA-256, SHA-512, SHA3-256; remembered, CRC-32 and SHA-256 at first) of the
// selection or of the whole file, all in one pass of a HashJob with a progress bar and Cancel;
// each value can be selected and copied. Ticking another starts the pass again.
#pragma once

#include "ui_status.h"
#include <QDialog>
#include <memory>
#include <vector>

#include "hasher.h"

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace hexmap {

class CursorModel;
class DocumentModel;
class HashJob;

class ChecksumsDialog : public QDialog {
    Q_OBJECT
public:
    ChecksumsDialog(DocumentModel* model, CursorModel* cursor, QWidget* parent = nullptr);
    ~ChecksumsDialog() override;
    // Starts the job (the dialog's constructor does); a failure says why not.
    UiStatus start();
    bool running() const;
    // The document is going away: stop and drop the job (its lease with it), and close.
    void abandon();
    QTableWidget* table() const { return m_table; }
    // The algorithms ticked (in the table's order) and the remembered choice they come from.
    std::vector<HashAlgorithm> chosen() const;
    static std::vector<HashAlgorithm> rememberedAlgorithms();

private:
    DocumentModel* m_model;
    std::uint64_t m_start = 0, m_length = 0;
    QString m_description; // what is hashed: the selection or the whole file
    std::unique_ptr<HashJob> m_job;
    QLabel* m_what;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QTableWidget* m_table;
    std::vector<QCheckBox*> m_boxes; // one per allHashAlgorithms(), in its order
};

} // namespace hexmap
