// SPDX-License-Identifier: MIT
#include "preferences_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

#include "ksy_paths.h"

namespace hexmap {

PreferencesDialog::PreferencesDialog(const Preferences& current, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Preferences"));
    auto* form = new QFormLayout;

    m_family = new QFontComboBox(this);
    m_family->setObjectName("prefFontFamily");
    m_family->setFontFilters(QFontComboBox::MonospacedFonts);
    m_size = new QSpinBox(this);
    m_size->setObjectName("prefFontSize");
    m_size->setRange(6, 48);
    m_size->setSuffix(tr(" pt"));
    auto* fontRow = new QHBoxLayout;
    fontRow->addWidget(m_family, 1);
    fontRow->addWidget(m_size);
    auto* fontLabel = new QLabel(tr("&Font:"), this);
    fontLabel->setBuddy(m_family); // a row holding a layout has no buddy of its own
    form->addRow(fontLabel, fontRow);

    m_bytesPerRow = new QComboBox(this);
    m_bytesPerRow->setObjectName("prefBytesPerRow");
    m_bytesPerRow->addItem(tr("8"), 8);
    m_bytesPerRow->addItem(tr("16"), 16);
    m_bytesPerRow->addItem(tr("32"), 32);
    m_bytesPerRow->addItem(tr("Fit to the window"), 0);
    form->addRow(tr("&Bytes per row:"), m_bytesPerRow);

    m_mode = new QComboBox(this);
    m_mode->setObjectName("prefMode");
    m_mode->addItem(tr("Read-only"), static_cast<int>(OpenMode::ReadOnly));
    m_mode->addItem(tr("Read-write shared"), static_cast<int>(OpenMode::Shared));
    m_mode->addItem(tr("Private copy-on-write"), static_cast<int>(OpenMode::Private));
    m_mode->setToolTip(tr("How File > Open and a command line without --read-only, --read-write or "
                          "--private open a file"));
    form->addRow(tr("Open files &as:"), m_mode);

    m_upperHex = new QCheckBox(tr("&Upper-case hex digits (DE AD BE EF)"), this);
    m_upperHex->setObjectName("prefUpperHex");
    form->addRow(QString(), m_upperHex);

    m_offsetBase = new QComboBox(this);
    m_offsetBase->setObjectName("prefOffsetBase");
    m_offsetBase->addItem(tr("Hexadecimal"), false);
    m_offsetBase->addItem(tr("Decimal"), true);
    form->addRow(tr("O&ffsets:"), m_offsetBase);

    m_theme = new QComboBox(this);
    m_theme->setObjectName("prefTheme");
    m_theme->addItem(tr("As the system"), static_cast<int>(Theme::System));
    m_theme->addItem(tr("Light"), static_cast<int>(Theme::Light));
    m_theme->addItem(tr("Dark"), static_cast<int>(Theme::Dark));
    form->addRow(tr("&Colours:"), m_theme);

    m_restore = new QCheckBox(tr("&Reopen the files that were open at the last quit"), this);
    m_restore->setObjectName("prefRestore");
    form->addRow(QString(), m_restore);
    m_inPlace = new QCheckBox(tr("Save inserts and deletes &in place (no second copy of the file on disk)"), this);
    m_inPlace->setObjectName("prefSaveInPlace");
    m_inPlace->setToolTip(tr("Off: the file is written again beside itself and renamed over, so a crash "
                             "leaves the old file or the new one. On: it is rewritten where it is, "
                             "and a crash leaves a record that finishes the save when the file is "
                             "opened again. Without room for a copy, saves are made in place anyway."));
    form->addRow(QString(), m_inPlace);

    // Where your own .ksy descriptions go (the Structure dock and `hexmap parse --ksy NAME`
    // find them there, before the shipped formats of the same name); opened on a click.
    const QString ksyFolder = QString::fromStdString(ksy::userFolder());
    auto* ksy = new QLabel(QStringLiteral("<a href=\"%1\">%2</a>")
                               .arg(QUrl::fromLocalFile(ksyFolder).toString(), ksyFolder.toHtmlEscaped()),
                           this);
    ksy->setObjectName("prefKsyFolder");
    ksy->setTextInteractionFlags(Qt::TextBrowserInteraction);
    ksy->setToolTip(tr("Your own Kaitai Struct descriptions (.ksy): the Structure dock offers them, and a file "
                       "there wins over a shipped format of the same name"));
    connect(ksy, &QLabel::linkActivated, this, [ksyFolder] {
        QDir().mkpath(ksyFolder);
        QDesktopServices::openUrl(QUrl::fromLocalFile(ksyFolder));
    });
    form->addRow(tr("Structure descriptions:"), ksy);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply |
                                             QDialogButtonBox::RestoreDefaults,
                                         this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        emit applied(preferences());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { emit applied(preferences()); });
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setPreferences(Preferences::defaults()); });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setPreferences(current);
}

void PreferencesDialog::setPreferences(const Preferences& p) {
    m_family->setCurrentFont(p.font);
    m_size->setValue(p.font.pointSize() > 0 ? p.font.pointSize() : 10);
    m_bytesPerRow->setCurrentIndex(m_bytesPerRow->findData(p.bytesPerRow));
    m_mode->setCurrentIndex(m_mode->findData(static_cast<int>(p.defaultMode)));
    m_upperHex->setChecked(p.upperHex);
    m_offsetBase->setCurrentIndex(p.decimalOffsets ? 1 : 0);
    m_restore->setChecked(p.restoreFiles);
    m_inPlace->setChecked(p.saveInPlace);
    m_theme->setCurrentIndex(m_theme->findData(static_cast<int>(p.theme)));
}

Preferences PreferencesDialog::preferences() const {
    Preferences p;
    p.font = m_family->currentFont();
    p.font.setStyleHint(QFont::Monospace);
    p.font.setPointSize(m_size->value());
    p.bytesPerRow = m_bytesPerRow->currentData().toInt();
    p.defaultMode = static_cast<OpenMode>(m_mode->currentData().toInt());
    p.upperHex = m_upperHex->isChecked();
    p.decimalOffsets = m_offsetBase->currentData().toBool();
    p.restoreFiles = m_restore->isChecked();
    p.saveInPlace = m_inPlace->isChecked();
    p.theme = static_cast<Theme>(m_theme->currentData().toInt());
    return p;
}

} // namespace hexmap
