// SPDX-License-Identifier: MIT
#include "checksums_dialog.h"

#include "cursor_model.h"
#include "display_format.h"
#include "document_model.h"
#include "hash_job.h"

#include <algorithm>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hexmap {

namespace {
const QString kAlgorithmsKey = QStringLiteral("checksums/algorithms");
} // namespace

std::vector<HashAlgorithm> ChecksumsDialog::rememberedAlgorithms() {
    // Two by default: a quick check (CRC-32) and the one published beside downloads; all
    // seven take about ten times as long as SHA-256 alone.
    const QStringList names =
        QSettings().value(kAlgorithmsKey, QStringList{QStringLiteral("crc32"), QStringLiteral("sha256")}).toStringList();
    std::vector<HashAlgorithm> out;
    for (const HashAlgorithm a : allHashAlgorithms())
        if (names.contains(QString::fromStdString(hashName(a)))) out.push_back(a);
    return out;
}

std::vector<HashAlgorithm> ChecksumsDialog::chosen() const {
    std::vector<HashAlgorithm> out;
    for (std::size_t i = 0; i < m_boxes.size(); ++i)
        if (m_boxes[i]->isChecked()) out.push_back(allHashAlgorithms()[i]);
    return out;
}

ChecksumsDialog::ChecksumsDialog(DocumentModel* model, CursorModel* cursor, QWidget* parent)
    : QDialog(parent), m_model(model) {
    setWindowTitle(tr("Checksums"));
    if (cursor->hasSelection()) {
        m_start = cursor->selectionStart();
        m_length = cursor->selectionLength();
    } else {
        m_length = model->size();
    }
    const QString bytes = counted(m_length, tr("byte"), tr("bytes"));
    m_description = cursor->hasSelection() ? tr("The selection: %1 from offset %2").arg(bytes, hexOffset(m_start))
                                           : tr("The whole file: %1").arg(bytes);
    m_what = new QLabel(m_description, this);
    m_what->setObjectName("checksumsWhat");
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_cancel = new QPushButton(tr("Cancel"), this);
    auto* boxes = new QHBoxLayout;
    const std::vector<HashAlgorithm> remembered = rememberedAlgorithms();
    for (const HashAlgorithm a : allHashAlgorithms()) {
        const QString name = QString::fromStdString(hashName(a));
        auto* box = new QCheckBox(name, this);
        box->setObjectName(QStringLiteral("algorithm_") + name);
        box->setChecked(std::find(remembered.begin(), remembered.end(), a) != remembered.end());
        connect(box, &QCheckBox::toggled, this, [this] {
            QStringList names;
            for (const HashAlgorithm c : chosen()) names << QString::fromStdString(hashName(c));
            QSettings().setValue(kAlgorithmsKey, names);
            if (const UiStatus started = start(); !started) m_what->setText(started.message());
        });
        m_boxes.push_back(box);
        boxes->addWidget(box);
    }
    boxes->addStretch(1);
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName("checksumsTable");
    m_table->setHorizontalHeaderLabels({tr("Algorithm"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* copy = new QPushButton(tr("&Copy All"), this);
    connect(copy, &QPushButton::clicked, this, [this] {
        QString text;
        for (int r = 0; r < m_table->rowCount(); ++r)
            text += m_table->item(r, 0)->text() + "  " + m_table->item(r, 1)->text() + "\n";
        QApplication::clipboard()->setText(text);
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_what);
    layout->addLayout(boxes);
    auto* row = new QHBoxLayout;
    row->addWidget(m_progress, 1);
    row->addWidget(m_cancel);
    layout->addLayout(row);
    layout->addWidget(m_table, 1);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(copy);
    bottom->addStretch(1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);
    resize(720, 320);
    if (const UiStatus started = start(); !started) m_what->setText(started.message());
}

ChecksumsDialog::~ChecksumsDialog() = default; // the job stops and joins first

void ChecksumsDialog::abandon() {
    m_job.reset();
    close();
}

bool ChecksumsDialog::running() const { return m_job && m_job->running(); }

UiStatus ChecksumsDialog::start() {
    m_job.reset(); // a pass for other algorithms stops (within a MiB) before the next starts
    m_table->setRowCount(0);
    m_what->setText(m_description);
    m_progress->setValue(0);
    m_cancel->setEnabled(true);
    const std::vector<HashAlgorithm> algorithms = chosen();
    if (algorithms.empty()) {
        m_cancel->setEnabled(false);
        return UiStatus::failure(tr("Tick the algorithms to compute."));
    }
    m_job = std::make_unique<HashJob>(m_model, m_start, m_length, algorithms);
    connect(m_job.get(), &BackgroundJob::progress, this, [this](quint64 done, quint64 total) {
        m_progress->setValue(total ? int(done * 1000 / total) : 1000);
    });
    m_cancel->disconnect();
    connect(m_cancel, &QPushButton::clicked, m_job.get(), &BackgroundJob::cancel);
    connect(m_job.get(), &BackgroundJob::finished, this, [this](bool cancelled, const QString& error) {
        m_cancel->setEnabled(false);
        if (!error.isEmpty()) {
            m_what->setText(error);
            return;
        }
        if (cancelled) {
            m_what->setText(tr("Cancelled."));
            return;
        }
        m_progress->setValue(1000);
        for (const HashResult& r : m_job->results()) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            m_table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(hashName(r.algorithm))));
            m_table->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(r.hex)));
        }
        m_table->resizeColumnToContents(0);
    });
    m_job->start();
    return {};
}

} // namespace hexmap
