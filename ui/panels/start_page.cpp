// SPDX-License-Identifier: MIT
#include "start_page.h"

#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace hexmap {

StartPage::StartPage(QWidget* parent) : QWidget(parent) {
    setObjectName("startPage");
    auto* title = new QLabel(tr("No file open"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    title->setFont(big);
    auto* hint = new QLabel(tr("Open a file with Ctrl+O (its dialog chooses the mode: read-only, private or "
                               "shared), drop files on the window, or pick a recent one. F1 lists every key."),
                            this);
    hint->setObjectName("startHint");
    hint->setWordWrap(true);
    m_recentTitle = new QLabel(tr("Recent files"), this);
    m_recent = new QListWidget(this);
    m_recent->setObjectName("startRecent");
    m_recent->setUniformItemSizes(true);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit openRequested(item->data(Qt::UserRole).toByteArray());
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 32, 48, 32);
    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addSpacing(16);
    layout->addWidget(m_recentTitle);
    layout->addWidget(m_recent, 1);
}

void StartPage::setRecentFiles(const QList<QByteArray>& rawPaths) {
    m_recent->clear();
    for (const QByteArray& raw : rawPaths) {
        const QString path = QFile::decodeName(raw);
        const QFileInfo info(path);
        // The name first (what people look for), then its folder; a file gone since is
        // greyed and says so rather than failing only when clicked.
        auto* item = new QListWidgetItem(info.fileName() + QStringLiteral("  \u2014  ") + info.path(), m_recent);
        item->setData(Qt::UserRole, raw);
        item->setToolTip(path);
        if (!info.exists()) {
            item->setText(item->text() + tr("  (not found)"));
            item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        }
    }
    m_recentTitle->setVisible(!rawPaths.isEmpty());
    m_recent->setVisible(!rawPaths.isEmpty());
}

} // namespace hexmap
