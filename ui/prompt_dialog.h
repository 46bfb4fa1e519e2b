// GotoDialog: Ctrl+G. Accepts "1234", "0x4d2", "64K", "+16", "-0x10"; a target outside
// the file is refused in the dialog itself (which stays open), never clamped silently.
#pragma once

#include <QDialog>
#include <cstdint>
#include <functional>

class QLabel;
class QLineEdit;

namespace hexmap {

class GotoDialog : public QDialog {
    Q_OBJECT
public:
    // `jump` tries the text and returns an empty string on success or the reason it
    // refused; the dialog closes only on success.
    GotoDialog(std::function<QString(const QString&)> jump, QWidget* parent = nullptr);
    QString errorText() const;
    QLineEdit* input() const { return m_input; }

private:
    void tryJump();

    std::function<QString(const QString&)> m_jump;
    QLineEdit* m_input;
    QLabel* m_error;
};

} // namespace hexmap
