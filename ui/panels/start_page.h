// SPDX-License-Identifier: MIT
// StartPage: what the window shows with no file open — how to open one (the keys, the drop)
// and the recent files, opened with a click or Enter; a recent file that is gone says so.
#pragma once

#include <QList>
#include <QWidget>

class QLabel;
class QListWidget;

namespace hexmap {

class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);
    // Newest first, as bytes (a name need not be UTF-8).
    void setRecentFiles(const QList<QByteArray>& rawPaths);
    QListWidget* recentList() const { return m_recent; }

signals:
    void openRequested(const QByteArray& rawPath);

private:
    QLabel* m_recentTitle;
    QListWidget* m_recent;
};

} // namespace hexmap
