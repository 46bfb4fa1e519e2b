// SPDX-License-Identifier: MIT
#include "message_banner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace hexmap {

namespace {
QColor mix(const QColor& a, const QColor& b, double k) {
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * k, a.greenF() + (b.greenF() - a.greenF()) * k,
                            a.blueF() + (b.blueF() - a.blueF()) * k);
}
} // namespace

MessageBanner::MessageBanner(QWidget* parent) : QFrame(parent) {
    setObjectName("messageBanner");
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
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
    applyColors();
    show();
}

void MessageBanner::applyColors() {
    // Tinted from the window's own colours (not fixed RGB), so the banner reads well on a
    // light and on a dark desktop: red for errors, amber for warnings, blue for news.
    const QPalette base = parentWidget() ? parentWidget()->palette() : palette();
    const QColor window = base.color(QPalette::Window);
    const bool dark = window.lightness() < 128;
    const QColor hue = m_kind == Kind::Error     ? QColor(220, 50, 60)
                       : m_kind == Kind::Warning ? QColor(230, 170, 0)
                                                 : QColor(40, 130, 220);
    QPalette p = base;
    p.setColor(QPalette::Window, mix(window, hue, dark ? 0.30 : 0.22));
    p.setColor(QPalette::WindowText, base.color(QPalette::WindowText));
    setPalette(p);
}

void MessageBanner::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::ParentChange || event->type() == QEvent::ApplicationPaletteChange)
        applyColors();
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
