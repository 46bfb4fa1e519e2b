// SPDX-License-Identifier: MIT
// OpenDialog: File > Open. A path (typed or picked with Browse) and the mapping mode,
// read-only by default, chosen in the same dialog so that nobody opens a file for
// writing by accident.
#pragma once

#include "mapped_file.h"

#include <QDialog>

class QLineEdit;
class QRadioButton;

namespace hexmap {

class OpenDialog : public QDialog {
    Q_OBJECT
public:
    explicit OpenDialog(const QString& startFolder, QWidget* parent = nullptr);
    QString path() const;
    OpenMode mode() const;
    void setPath(const QString& path);
    void setMode(OpenMode mode);

private:
    QLineEdit* m_path;
    QRadioButton* m_readOnly;
    QRadioButton* m_shared;
    QRadioButton* m_private;
    QString m_startFolder;
};

} // namespace hexmap
