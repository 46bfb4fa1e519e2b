// SPDX-License-Identifier: MIT
// FindBar: the non-modal search bar under the grid (Ctrl+F). It only gathers what to
// find and shows where a search stands; MainWindow runs the searches.
#pragma once

#include "pattern.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace hexmap {

class FindBar : public QWidget {
    Q_OBJECT
public:
    explicit FindBar(QWidget* parent = nullptr);

    QString patternText() const;
    PatternOptions options() const;
    QString replacementText() const;
    void setPatternText(const QString& text);
    void setKind(PatternKind kind);
    void setCaseInsensitive(bool on);
    void setEncoding(TextEncoding encoding);
    void setReplacementText(const QString& text);

    // "3 of 120", "no matches", an error...
    void setStatus(const QString& text, bool error = false);
    QString statusText() const;
    // Shows the progress bar and Cancel while a search runs.
    void setBusy(bool busy);
    void setProgress(quint64 done, quint64 total);
    bool isBusy() const;
    // The results of the last Find All may no longer match the bytes (another process wrote
    // in place): shows Refresh, which runs Find All again.
    void setStale(bool stale);
    bool isStale() const;

    QLineEdit* patternEdit() const { return m_pattern; }
    QLineEdit* replaceEdit() const { return m_replace; }
    void focusPattern();

signals:
    void findNext();
    void findPrevious();
    void findAll();
    void replaceOne();
    void replaceAll();
    void cancelRequested();
    void closed();
    // The pattern or its options changed (the old results no longer apply).
    void patternChanged();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyStatusColor();

    QLineEdit* m_pattern;
    QComboBox* m_kind;
    QCheckBox* m_case;
    QComboBox* m_encoding;
    QLineEdit* m_replace;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_refresh;
    QPushButton* m_cancel;
    bool m_statusIsError = false;
};

} // namespace hexmap
