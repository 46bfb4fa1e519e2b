// SPDX-License-Identifier: MIT
// ChecksumsDialog (Tools > Checksums): CRC-32, Adler-32, MD5, SHA-1, SHA-256, SHA-512 and
// SHA3-256 of the selection or of the whole file, computed by a HashJob with a progress bar
// and Cancel; each value can be selected and copied.
#pragma once

#include <QDialog>
#include <memory>

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
    // Starts the job (the dialog's constructor does): "" or why not.
    QString start();
    bool running() const;
    // The document is going away: stop and drop the job (its lease with it), and close.
    void abandon();
    QTableWidget* table() const { return m_table; }

private:
    DocumentModel* m_model;
    std::uint64_t m_start = 0, m_length = 0;
    std::unique_ptr<HashJob> m_job;
    QLabel* m_what;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QTableWidget* m_table;
};

} // namespace hexmap
