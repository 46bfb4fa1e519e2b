// SPDX-License-Identifier: MIT
#include "open_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace hexmap {

OpenDialog::OpenDialog(const QString& startFolder, QWidget* parent)
    : QDialog(parent), m_startFolder(startFolder) {
    setWindowTitle(tr("Open File"));
    auto* layout = new QVBoxLayout(this);

    auto* pathRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setObjectName("openPath");
    m_path->setPlaceholderText(tr("/path/to/file"));
    m_path->setMinimumWidth(420);
    auto* browse = new QPushButton(tr("&Browse..."), this);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    layout->addLayout(pathRow);

    auto* modes = new QGroupBox(tr("Open as"), this);
    auto* modeLayout = new QVBoxLayout(modes);
    m_readOnly = new QRadioButton(tr("&Read-only: view only, nothing can change the file"), modes);
    m_shared = new QRadioButton(
        tr("Read-write &shared: edits go straight to the file (and to everyone who has it open)"),
        modes);
    m_private = new QRadioButton(
        tr("&Private copy-on-write: edits stay here until you save"), modes);
    m_readOnly->setChecked(true);
    modeLayout->addWidget(m_readOnly);
    modeLayout->addWidget(m_shared);
    modeLayout->addWidget(m_private);
    layout->addWidget(modes);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString picked = QFileDialog::getOpenFileName(
            this, tr("Choose a file"), m_path->text().isEmpty() ? m_startFolder : m_path->text());
        if (!picked.isEmpty()) m_path->setText(picked);
    });
}

QString OpenDialog::path() const { return m_path->text().trimmed(); }

OpenMode OpenDialog::mode() const {
    if (m_shared->isChecked()) return OpenMode::Shared;
    if (m_private->isChecked()) return OpenMode::Private;
    return OpenMode::ReadOnly;
}

void OpenDialog::setPath(const QString& path) { m_path->setText(path); }

void OpenDialog::setMode(OpenMode mode) {
    (mode == OpenMode::Shared ? m_shared : mode == OpenMode::Private ? m_private : m_readOnly)
        ->setChecked(true);
}

} // namespace hexmap
