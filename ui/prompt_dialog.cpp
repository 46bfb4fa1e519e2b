#include "goto_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace hexmap {

GotoDialog::GotoDialog(std::function<QString(const QString&)> jump, QWidget* parent)
    : QDialog(parent), m_jump(std::move(jump)) {
    setWindowTitle(tr("Go to Offset"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("Offset: decimal, 0x hex, or +N / -N from the cursor (e.g. 4096, 0x1000, +0x10, 64K)"),
        this));
    m_input = new QLineEdit(this);
    m_input->setObjectName("gotoInput");
    layout->addWidget(m_input);
    m_error = new QLabel(this);
    m_error->setObjectName("gotoError");
    m_error->setStyleSheet("color: #b00020;");
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &GotoDialog::tryJump);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void GotoDialog::tryJump() {
    const QString error = m_jump(m_input->text());
    if (error.isEmpty()) {
        accept();
        return;
    }
    m_error->setText(error);
    m_error->show();
    m_input->selectAll();
    m_input->setFocus();
}

QString GotoDialog::errorText() const { return m_error->isVisible() ? m_error->text() : QString(); }

} // namespace hexmap
