// SPDX-License-Identifier: MIT
// CompareWindow: two files side by side (File > Compare With..., `hexmap --compare A B`, a
// file dropped on the window with Ctrl held). Each pane is a HexView over its own
// DocumentModel, opened private (copy-on-write) so that either side can be edited as in a
// tab — typing, Insert, Delete, Ctrl+Z / Ctrl+Shift+Z, Ctrl+S — and the comparison runs
// again after each edit. The panes scroll together while "Scroll together" is on; the bytes
// that differ are tinted in both (DiffRanges, one per side), a strip beside each pane shows
// where they lie over the whole file, F7 and Shift+F7 go to the next and previous
// difference, and the status line counts them. The comparison runs as a CompareJob while
// the panes are already shown.
//
// "Find insertions" (on by default up to kResyncByDefault bytes) resynchronises: the job
// makes an edit script (core's resyncDiff), each pane tints its own part of each edit, an
// insertion shows as a bar (a gap) in the pane that lacks the bytes, and scrolling together
// keeps the same bytes at the same height (alignedOffset).
#pragma once

#include "diff_ranges.h"
#include "resync.h"
#include "ui_status.h"

#include <QWidget>
#include <functional>
#include <memory>

class QCheckBox;
class QLabel;
class QTimer;

namespace hexmap {

class CompareJob;
class CursorModel;
class DocumentModel;
class EditController;
class HexView;
class OverviewStrip;
class SaveController;
struct DocumentChange;

class CompareWindow : public QWidget {
    Q_OBJECT
public:
    // Up to this size (of the larger file) a comparison finds insertions unless told not to:
    // the worst case, two files different all through, took 0.7 s at 64 MiB here (release
    // build); files with a few changes go at memcmp speed.
    static constexpr std::uint64_t kResyncByDefault = 64ull << 20;

    // Opens both files; on failure *error says why and the window is not usable.
    CompareWindow(const QString& pathA, const QString& pathB, QString* error, QWidget* parent = nullptr);
    ~CompareWindow() override;

    HexView* view(int side) const { return m_side[side].view; }
    OverviewStrip* strip(int side) const { return m_side[side].strip; }
    DocumentModel* model(int side) const { return m_side[side].model.get(); }
    EditController* edit(int side) const { return m_side[side].edit; }
    CursorModel* cursor(int side) const { return m_side[side].cursor.get(); }
    // The ranges tinted in a pane (in a plain comparison both hold the same ranges).
    const DiffRanges& differences(int side = 0) const { return m_side[side].diffs; }
    // The edit script of a comparison that finds insertions (empty otherwise).
    const std::vector<EditOp>& script() const { return m_ops; }
    bool comparing() const;
    bool findsInsertions() const;
    void setFindInsertions(bool on);
    QString statusText() const;
    // The last thing an edit, undo or save in a pane said.
    QString noteText() const;
    void setScrollTogether(bool on);
    // F7 / Shift+F7: the cursor of both panes to the next / previous difference.
    bool nextDifference();
    bool previousDifference();
    // Ctrl+Z, Ctrl+Shift+Z, Ctrl+S in the pane that has (or last had) the focus.
    UiStatus undo();
    UiStatus redo();
    UiStatus save();
    // What closing asks about a pane with unsaved edits: Save, Discard or Cancel (tests
    // replace the message box).
    enum class CloseAnswer { Save, Discard, Cancel };
    void setCloseQuestion(std::function<CloseAnswer(const QString& fileName)> ask) { m_ask = std::move(ask); }

signals:
    // The comparison finished (or failed: the status line says why).
    void compared();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    struct Side {
        std::unique_ptr<DocumentModel> model;
        std::unique_ptr<CursorModel> cursor;
        EditController* edit = nullptr;
        SaveController* saver = nullptr;
        HexView* view = nullptr;
        OverviewStrip* strip = nullptr;
        QLabel* title = nullptr;
        DiffRanges diffs;
    };
    UiStatus openSide(int i, const QString& path);
    void start();
    void scheduleCompare();
    void onChanged(int side, const DocumentChange& change);
    void onRanges(const std::vector<DiffRange>& batch);
    void onScript(const std::vector<EditOp>& ops);
    void onFinished(bool cancelled, const QString& error);
    void followScroll(int from);
    void goTo(std::uint64_t a, std::uint64_t b);
    bool goToOp(bool forward);
    int activeSide() const;
    void note(const UiStatus& status, const QString& done = {});
    void updateTitles();
    void updateStatus();
    bool sameFileUnedited() const;
    // The files another program cut while they were open here, named for a sentence ("" if none).
    QString cutFiles() const;
    QString cutSentence(const QString& files) const;

    Side m_side[2];
    std::vector<EditOp> m_ops;
    std::unique_ptr<CompareJob> m_job;
    QCheckBox* m_together = nullptr;
    QCheckBox* m_resync = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_note = nullptr;
    QTimer* m_again = nullptr;
    QString m_outcome;
    bool m_following = false;
    bool m_sameFile = false; // both paths name one file (same device and inode)
    int m_active = 0;        // the pane that last had the focus
    std::function<CloseAnswer(const QString&)> m_ask;
};

} // namespace hexmap
