// SPDX-License-Identifier: MIT
// PreferencesDialog: Edit > Preferences. Shows a Preferences, and emits `applied` on Apply
// and OK; the window applies them at once and saves them.
#pragma once

#include "preferences.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFontComboBox;
class QSpinBox;

namespace hexmap {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(const Preferences& current, QWidget* parent = nullptr);
    Preferences preferences() const;
    void setPreferences(const Preferences& p);

signals:
    void applied(const Preferences& p);

private:
    QFontComboBox* m_family;
    QSpinBox* m_size;
    QComboBox* m_bytesPerRow;
    QComboBox* m_mode;
    QCheckBox* m_upperHex;
    QComboBox* m_offsetBase;
    QCheckBox* m_restore;
    QCheckBox* m_inPlace;
    QComboBox* m_theme;
};

} // namespace hexmap
