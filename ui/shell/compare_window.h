// SPDX-License-Identifier: MIT
// CompareWindow: two files side by side (File > Compare With..., `hexmap --compare A B`).
// Each pane is a HexView over its own DocumentModel (opened read-only), scrolled together
// while "Scroll together" is on, offsets aligned; the bytes that differ are tinted in both
// (DiffRanges), a strip beside each pane shows where they lie over the whole file, F7 and
// Shift+F7 go to the next and previous difference, and the status line counts them. The
// comparison runs as a CompareJob while the panes are already shown.
#pragma once

#include "diff_ranges.h"

#include <QWidget>
#include <memory>

class QCheckBox;
class QLabel;

namespace hexmap {

class CompareJob;
class CursorModel;
class DocumentModel;
class HexView;
class OverviewStrip;

class CompareWindow : public QWidget {
    Q_OBJECT
public:
    // Opens both files read-only; on failure *error says why and the window is not usable.
    CompareWindow(const QString& pathA, const QString& pathB, QString* error, QWidget* parent = nullptr);
    ~CompareWindow() override;

    HexView* view(int side) const { return m_side[side].view; }
    OverviewStrip* strip(int side) const { return m_side[side].strip; }
    const DiffRanges& differences() const { return m_diffs; }
    bool comparing() const;
    QString statusText() const;
    void setScrollTogether(bool on);
    // F7 / Shift+F7: the cursor of both panes to the next / previous difference.
    bool nextDifference();
    bool previousDifference();

signals:
    // The comparison finished (or failed: the status line says why).
    void compared();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    struct Side {
        std::unique_ptr<DocumentModel> model;
        std::unique_ptr<CursorModel> cursor;
        HexView* view = nullptr;
        OverviewStrip* strip = nullptr;
        QLabel* title = nullptr;
    };
    void start();
    void onRanges(const std::vector<DiffRange>& batch);
    void onFinished(bool cancelled, const QString& error);
    void followScroll(int from);
    void goTo(std::uint64_t offset);
    std::uint64_t position() const;
    void updateStatus();

    Side m_side[2];
    DiffRanges m_diffs;
    std::unique_ptr<CompareJob> m_job;
    QCheckBox* m_together = nullptr;
    QLabel* m_status = nullptr;
    QString m_outcome;
    bool m_following = false;
};

} // namespace hexmap
