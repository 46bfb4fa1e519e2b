// SPDX-License-Identifier: MIT
// MessageBanner: a non-modal strip above the grid that says what went wrong and offers
// what to do about it (Reload, Open read-only, ...). Non-modal so that errors never
// block the window, its tests, or a user who wants to keep reading.
#pragma once

#include <QFrame>
#include <functional>

class QLabel;
class QHBoxLayout;

namespace hexmap {

class MessageBanner : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Error, Warning, Info };
    explicit MessageBanner(QWidget* parent = nullptr);

    // Shows `text` with the buttons given afterwards by addAction; replaces any
    // earlier message and its buttons.
    void showMessage(const QString& text, Kind kind);
    // A button that runs `action` and then hides the banner.
    void addAction(const QString& label, std::function<void()> action);
    QString text() const;
    Kind kind() const { return m_kind; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColors();

    QLabel* m_label;
    QHBoxLayout* m_buttons;
    Kind m_kind = Kind::Info;
};

} // namespace hexmap
