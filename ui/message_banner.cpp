#include "message_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace hexmap {

MessageBanner::MessageBanner(QWidget* parent) : QFrame(parent) {
    setObjectName("messageBanner");
    setFrameShape(QFrame::StyledPanel);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(8, 4, 4, 4);
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_label, 1);
    m_buttons = new QHBoxLayout;
    row->addLayout(m_buttons);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("\u2715"));
    close->setToolTip(tr("Dismiss"));
    close->setAutoRaise(true);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    row->addWidget(close);
    hide();
}

void MessageBanner::showMessage(const QString& text, Kind kind) {
    while (QLayoutItem* item = m_buttons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_kind = kind;
    m_label->setText(text);
    const char* colors = kind == Kind::Error     ? "background:#f8d7da; color:#58151c;"
                         : kind == Kind::Warning ? "background:#fff3cd; color:#523c00;"
                                                 : "background:#d1ecf1; color:#0c5460;";
    setStyleSheet(QStringLiteral("#messageBanner { %1 border:1px solid #999; }"
                                 " #messageBanner QLabel { %1 }")
                      .arg(QLatin1String(colors)));
    show();
}

void MessageBanner::addAction(const QString& label, std::function<void()> action) {
    auto* button = new QPushButton(label, this);
    connect(button, &QPushButton::clicked, this, [this, action = std::move(action)] {
        hide();
        action();
    });
    m_buttons->addWidget(button);
}

QString MessageBanner::text() const { return m_label->text(); }

} // namespace hexmap
