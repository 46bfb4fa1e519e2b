// SPDX-License-Identifier: MIT
// PromptDialog: one line of input, checked by a callback before the dialog closes.
// Used for Go to Offset, Fill Selection and Resize. A refused input keeps the dialog
// open with the reason under the field (never clamped or guessed silently); an optional
// `describe` callback says, while typing, what the input would do (e.g. how many bytes
// a shrink loses).
#pragma once

#include "ui_status.h"

#include <QDialog>
#include <functional>

class QLabel;
class QLineEdit;

namespace hexmap {

class PromptDialog : public QDialog {
    Q_OBJECT
public:
    // `apply` tries the text: the dialog closes when it succeeds, else shows its reason.
    PromptDialog(const QString& title, const QString& label,
                 std::function<UiStatus(const QString&)> apply, QWidget* parent = nullptr);
    void setDescriber(std::function<QString(const QString&)> describe);
    QString errorText() const;
    QString descriptionText() const;
    QLineEdit* input() const { return m_input; }

private:
    void tryApply();

    std::function<UiStatus(const QString&)> m_apply;
    std::function<QString(const QString&)> m_describe;
    QLineEdit* m_input;
    QLabel* m_description;
    QLabel* m_error;
};

} // namespace hexmap
