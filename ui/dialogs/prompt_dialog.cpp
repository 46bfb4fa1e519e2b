// SPDX-License-Identifier: MIT
#include "prompt_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace hexmap {

PromptDialog::PromptDialog(const QString& title, const QString& label,
                           std::function<UiStatus(const QString&)> apply, QWidget* parent)
    : QDialog(parent), m_apply(std::move(apply)) {
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    // The dialog grows with what it says (a hint, a warning, an error that appears while
    // typing) instead of clipping it, and starts wide enough for a sentence.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 56);
    auto* text = new QLabel(label, this);
    text->setWordWrap(true);
    layout->addWidget(text);
    m_input = new QLineEdit(this);
    m_input->setObjectName("promptInput");
    layout->addWidget(m_input);
    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    m_description->hide();
    layout->addWidget(m_description);
    m_error = new QLabel(this);
    m_error->setObjectName("promptError");
    QPalette errorPalette = m_error->palette();
    const bool dark = errorPalette.color(QPalette::Window).lightness() < 128;
    errorPalette.setColor(QPalette::WindowText, dark ? QColor(255, 120, 110) : QColor(176, 0, 32));
    m_error->setPalette(errorPalette);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &PromptDialog::tryApply);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_input, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_error->hide();
        if (!m_describe) return;
        const QString d = m_describe(t);
        m_description->setText(d);
        m_description->setVisible(!d.isEmpty());
        adjustSize();
    });
}

void PromptDialog::setDescriber(std::function<QString(const QString&)> describe) {
    m_describe = std::move(describe);
}

void PromptDialog::tryApply() {
    const UiStatus applied = m_apply(m_input->text());
    if (applied) {
        accept();
        return;
    }
    m_error->setText(applied.message());
    m_error->show();
    adjustSize();
    m_input->selectAll();
    m_input->setFocus();
}

QString PromptDialog::errorText() const { return m_error->isVisible() ? m_error->text() : QString(); }
QString PromptDialog::descriptionText() const {
    return m_description->isVisible() ? m_description->text() : QString();
}

} // namespace hexmap
