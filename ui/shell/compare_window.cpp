// SPDX-License-Identifier: MIT
#include "compare_window.h"

#include "compare_job.h"
#include "cursor_model.h"
#include "display_format.h"
#include "document_change.h"
#include "document_model.h"
#include "edit_controller.h"
#include "hex_view.h"
#include "overview_strip.h"
#include "save_controller.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QFile>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

#include <sys/stat.h>

namespace hexmap {

namespace {

bool sameInode(const QByteArray& a, const QByteArray& b) {
    struct stat sa {}, sb {};
    return ::stat(a.constData(), &sa) == 0 && ::stat(b.constData(), &sb) == 0 &&
           sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

// How often an edit-script edit of each kind occurs, and the bytes it covers.
struct ScriptCounts {
    std::uint64_t inserts = 0, insertBytes = 0, deletes = 0, deleteBytes = 0;
    std::uint64_t replaces = 0, replacedA = 0, replacedB = 0;
};

ScriptCounts countsOf(const std::vector<EditOp>& ops) {
    ScriptCounts c;
    for (const EditOp& op : ops) {
        if (!op.aLength) ++c.inserts, c.insertBytes += op.bLength;
        else if (!op.bLength) ++c.deletes, c.deleteBytes += op.aLength;
        else ++c.replaces, c.replacedA += op.aLength, c.replacedB += op.bLength;
    }
    return c;
}

} // namespace

CompareWindow::CompareWindow(const QString& pathA, const QString& pathB, QString* error, QWidget* parent)
    : QWidget(parent) {
    setAttribute(Qt::WA_DeleteOnClose, false);
    auto* top = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_together = new QCheckBox(tr("Scroll together"), this);
    m_together->setChecked(true);
    m_resync = new QCheckBox(tr("Find insertions"), this);
    m_resync->setObjectName("compareResync");
    m_resync->setToolTip(tr("Find bytes inserted into or deleted from one file, so that the rest "
                            "lines up (slower on files that differ all through)"));
    auto* prev = new QPushButton(tr("Previous Difference"), this);
    auto* next = new QPushButton(tr("Next Difference"), this);
    prev->setToolTip(tr("Shift+F7"));
    next->setToolTip(tr("F7"));
    bar->addWidget(m_together);
    bar->addWidget(m_resync);
    bar->addStretch(1);
    bar->addWidget(prev);
    bar->addWidget(next);
    top->addLayout(bar);
    auto* panes = new QHBoxLayout;
    const QString paths[2] = {pathA, pathB};
    for (int i = 0; i < 2; ++i) {
        if (const UiStatus opened = openSide(i, paths[i]); !opened) {
            if (error) *error = opened.message();
            return;
        }
        Side& s = m_side[i];
        auto* column = new QVBoxLayout;
        auto* row = new QHBoxLayout;
        row->setSpacing(0);
        row->addWidget(s.view, 1);
        row->addWidget(s.strip);
        column->addWidget(s.title);
        column->addLayout(row, 1);
        panes->addLayout(column, 1);
    }
    top->addLayout(panes, 1);
    m_status = new QLabel(this);
    m_status->setObjectName("compareStatus");
    m_note = new QLabel(this);
    m_note->setObjectName("compareNote");
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_note);
    top->addLayout(bottom);
    m_sameFile = sameInode(m_side[0].model->rawPath(), m_side[1].model->rawPath());
    m_resync->setChecked(std::max(m_side[0].model->size(), m_side[1].model->size()) <= kResyncByDefault);
    m_again = new QTimer(this);
    m_again->setSingleShot(true);
    m_again->setInterval(300); // a typing run compares once, after it
    connect(m_again, &QTimer::timeout, this, &CompareWindow::start);
    connect(m_together, &QCheckBox::toggled, this, [this](bool on) {
        if (on) followScroll(m_active);
    });
    connect(m_resync, &QCheckBox::toggled, this, &CompareWindow::start);
    connect(next, &QPushButton::clicked, this, &CompareWindow::nextDifference);
    connect(prev, &QPushButton::clicked, this, &CompareWindow::previousDifference);
    auto key = [this](QKeySequence keys, auto fn) {
        connect(new QShortcut(keys, this), &QShortcut::activated, this, fn);
    };
    key(QKeySequence(Qt::Key_F7), [this] { nextDifference(); });
    key(QKeySequence(Qt::SHIFT | Qt::Key_F7), [this] { previousDifference(); });
    key(QKeySequence::Undo, [this] { note(undo()); });
    key(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), [this] { note(redo()); });
    key(QKeySequence(Qt::CTRL | Qt::Key_Y), [this] { note(redo()); });
    key(QKeySequence::Save, [this] { (void)save(); }); // save() notes what it did
    setWindowTitle(tr("%1 \u2194 %2 \u2014 hexmap").arg(m_side[0].model->fileName(), m_side[1].model->fileName()));
    QSize size(1400, 800); // two grids of 16 bytes side by side, within the screen
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 0.95);
    resize(size);
    if (error) error->clear();
    updateTitles();
    start();
}

UiStatus CompareWindow::openSide(int i, const QString& path) {
    Side& s = m_side[i];
    // Private: edits stay in this window until saved, and another program sees none of them.
    // A file that cannot be mapped that way (a /proc file) is shown read-only.
    auto opened = DocumentModel::open(path, OpenMode::Private);
    if (!opened) opened = DocumentModel::open(path, OpenMode::ReadOnly);
    if (!opened) return UiStatus::fromCore(opened.error());
    s.model = std::move(opened.value());
    s.cursor = std::make_unique<CursorModel>();
    s.cursor->setDocumentSize(s.model->size());
    s.edit = new EditController(s.model.get(), s.cursor.get(), this);
    s.saver = new SaveController(s.model.get(), this, this);
    s.title = new QLabel(this);
    s.title->setToolTip(s.model->path());
    s.view = new HexView(this);
    s.view->setObjectName(i == 0 ? "compareLeft" : "compareRight");
    s.view->attach(s.model.get(), s.cursor.get(), s.edit);
    s.view->setBytesPerRow(16); // the same rows on both sides: offsets align
    s.view->addHighlightSource(&s.diffs);
    s.strip = new OverviewStrip(this);
    s.strip->reset(s.model->size());
    connect(s.view, &HexView::scrolled, this, [this, i] { followScroll(i); });
    connect(s.strip, &OverviewStrip::jumpRequested, this, [this, i](std::uint64_t o) {
        m_active = i;
        const std::uint64_t other = m_ops.empty() ? o : alignedOffset(m_ops, i == 1, o);
        i == 0 ? goTo(o, other) : goTo(other, o);
    });
    connect(s.cursor.get(), &CursorModel::changed, this, [this, i] {
        if (m_side[i].view->hasFocus()) m_active = i;
    });
    connect(s.view, &HexView::editRefused, this, [this](const QString& why) { note(UiStatus::failure(why)); });
    connect(s.view, &HexView::statusMessage, this, [this](const QString& text) { note({}, text); });
    connect(s.edit, &EditController::message, this, [this](const QString& text) { note({}, text); });
    connect(s.saver, &SaveController::finished, this, [this](const QString& error, const QString& message) {
        note(error.isEmpty() ? UiStatus() : UiStatus::failure(error), message);
    });
    connect(s.model.get(), &DocumentModel::changed, this,
            [this, i](const DocumentChange& change) { onChanged(i, change); });
    return {};
}

CompareWindow::~CompareWindow() {
    m_job.reset(); // before the models it reads
    // The views and the controllers point at the models, which go with m_side before
    // QObject deletes the children: let go of them first.
    for (Side& s : m_side) {
        if (s.view) s.view->attach(nullptr, nullptr, nullptr);
        delete s.saver; // stops a save with inserts that is still copying
        delete s.edit;
        s.saver = nullptr;
        s.edit = nullptr;
    }
}

bool CompareWindow::comparing() const { return m_job && m_job->running(); }

bool CompareWindow::findsInsertions() const { return m_resync->isChecked(); }

void CompareWindow::setFindInsertions(bool on) { m_resync->setChecked(on); }

void CompareWindow::closeEvent(QCloseEvent* event) {
    for (Side& s : m_side) {
        if (!s.model->isModified()) continue;
        const CloseAnswer answer = m_ask ? m_ask(s.model->fileName()) : [&] {
            const auto b = QMessageBox::question(
                this, tr("Unsaved edits"), tr("Save your edits to \u201c%1\u201d?").arg(s.model->fileName()),
                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
            return b == QMessageBox::Save ? CloseAnswer::Save
                   : b == QMessageBox::Discard ? CloseAnswer::Discard : CloseAnswer::Cancel;
        }();
        if (answer == CloseAnswer::Cancel) return event->ignore();
        if (answer == CloseAnswer::Save) {
            m_job.reset(); // a save waits for no comparison
            const UiStatus saved = s.saver->save();
            note(saved);
            // A failed save keeps the window; a save with inserts runs on a worker: closing
            // again once it is done finds nothing to ask.
            if (!saved || s.saver->saving()) return event->ignore();
        }
    }
    m_again->stop();
    m_job.reset(); // cancels and joins: it stops within a MiB
    event->accept();
}

QString CompareWindow::cutFiles() const {
    QStringList names;
    for (const Side& s : m_side)
        if (s.model->damaged()) names << QStringLiteral("\u201c%1\u201d").arg(s.model->fileName());
    return names.join(tr(" and "));
}

QString CompareWindow::cutSentence(const QString& files) const {
    return tr("%1 was cut by another program while it was open here: no difference is shown, "
              "since the bytes it lost read as zeros. Close and compare again.").arg(files);
}

bool CompareWindow::sameFileUnedited() const {
    return m_sameFile && !m_side[0].model->isModified() && !m_side[1].model->isModified();
}

void CompareWindow::start() {
    m_again->stop();
    m_job.reset();
    m_ops.clear();
    m_outcome.clear();
    const std::uint64_t size[2] = {m_side[0].model->size(), m_side[1].model->size()};
    for (int i = 0; i < 2; ++i) {
        m_side[i].diffs.clear();
        m_side[i].strip->reset(size[i]);
        m_side[i].view->viewport()->update();
    }
    if (const QString cut = cutFiles(); !cut.isEmpty()) { // comparing would read zeros
        m_outcome = cutSentence(cut);
        updateStatus();
        emit compared();
        return;
    }
    if (sameFileUnedited()) { // one file twice: the same, without reading a byte
        updateStatus();
        emit compared();
        return;
    }
    const bool resync = findsInsertions();
    if (!resync && size[0] != size[1]) {
        // The longer file's tail differs as a whole: on its strip at once.
        const std::uint64_t from = std::min(size[0], size[1]), to = std::max(size[0], size[1]);
        for (Side& s : m_side) s.diffs.setTail(from, to);
        const Match tail{from, to - from};
        m_side[size[0] < size[1] ? 1 : 0].strip->addMatches(&tail, 1);
    }
    m_job = std::make_unique<CompareJob>(m_side[0].model.get(), m_side[1].model.get(),
                                         resync ? CompareJob::Kind::Resync : CompareJob::Kind::Bytes);
    connect(m_job.get(), &CompareJob::ranges, this, &CompareWindow::onRanges);
    connect(m_job.get(), &CompareJob::script, this, &CompareWindow::onScript);
    connect(m_job.get(), &BackgroundJob::finished, this, &CompareWindow::onFinished);
    connect(m_job.get(), &BackgroundJob::progress, this, [this](quint64 done, quint64 total) {
        if (total) m_outcome = tr("Comparing\u2026 %1%").arg(done * 100 / total);
        updateStatus();
    });
    m_outcome = tr("Comparing\u2026");
    m_job->start();
    updateStatus();
}

void CompareWindow::scheduleCompare() {
    // The running comparison read bytes that are no longer there: stop it now, start a
    // fresh one when the edits pause.
    if (m_job) m_job->cancel();
    m_outcome = tr("Edited: comparing again\u2026");
    updateStatus();
    m_again->start();
}

void CompareWindow::onChanged(int side, const DocumentChange& change) {
    Side& s = m_side[side];
    if (change.has(DocumentChange::Shifted) && !change.has(DocumentChange::Replaced))
        s.cursor->shift(change.start, change.delta, s.model->size());
    if (change.has(DocumentChange::Size) || change.has(DocumentChange::Replaced))
        s.cursor->setDocumentSize(s.model->size());
    if (change.has(DocumentChange::Modified) || change.has(DocumentChange::Replaced) ||
        change.has(DocumentChange::Size))
        updateTitles();
    const unsigned bytesMoved = DocumentChange::Bytes | DocumentChange::Size | DocumentChange::Shifted |
                                DocumentChange::Replaced | DocumentChange::Disk | DocumentChange::Grew |
                                DocumentChange::Damaged;
    if (change.what & bytesMoved) scheduleCompare();
}

void CompareWindow::onRanges(const std::vector<DiffRange>& batch) {
    std::vector<Match> marks;
    marks.reserve(batch.size());
    for (const DiffRange& r : batch) marks.push_back({r.offset, r.length});
    for (Side& s : m_side) {
        s.diffs.add(batch.data(), batch.size());
        s.strip->addMatches(marks.data(), marks.size());
        s.view->viewport()->update();
    }
    updateStatus();
}

void CompareWindow::onScript(const std::vector<EditOp>& ops) {
    m_ops = ops;
    std::vector<Match> marks[2];
    for (const EditOp& op : ops) {
        const std::uint64_t at[2] = {op.aOffset, op.bOffset}, length[2] = {op.aLength, op.bLength};
        for (int i = 0; i < 2; ++i) {
            Side& s = m_side[i];
            const std::uint64_t size = s.model->size();
            if (length[i]) {
                const DiffRange r{at[i], length[i]};
                s.diffs.add(&r, 1);
                marks[i].push_back({at[i], length[i]});
            } else {
                // The other file has bytes here that this one has not: a gap between two bytes.
                s.diffs.addGap(at[i], size);
                if (size) marks[i].push_back({std::min(at[i], size - 1), 1});
            }
        }
    }
    for (int i = 0; i < 2; ++i) {
        m_side[i].strip->addMatches(marks[i].data(), marks[i].size());
        m_side[i].view->viewport()->update();
    }
    followScroll(m_active);
}

void CompareWindow::onFinished(bool cancelled, const QString& error) {
    if (!error.isEmpty()) m_outcome = error;
    else if (m_again->isActive()) return; // stopped for an edit: the next one is on its way
    else if (cancelled) m_outcome = tr("The comparison was cancelled: what is shown is what it found.");
    else m_outcome.clear();
    if (const QString cut = cutFiles(); !cut.isEmpty()) {
        // What was read past the cut reads as zeros: differences found there would be
        // invented. Show none, and say which file it was.
        m_ops.clear();
        for (Side& s : m_side) {
            s.diffs.clear();
            s.strip->reset(s.model->size());
            s.view->viewport()->update();
        }
        m_outcome = cutSentence(cut);
    }
    updateStatus();
    emit compared();
}

void CompareWindow::updateTitles() {
    QLocale l;
    for (Side& s : m_side)
        s.title->setText(tr("%1%2 (%3 bytes)%4")
                             .arg(s.model->fileName(), s.model->isModified() ? QStringLiteral(" *") : QString(),
                                  l.toString(qulonglong(s.model->size())),
                                  s.model->mode() == OpenMode::ReadOnly ? tr(" [read-only]") : QString()));
}

void CompareWindow::updateStatus() {
    const std::uint64_t a = m_side[0].model->size(), b = m_side[1].model->size();
    QLocale l;
    QString text;
    if (sameFileUnedited()) {
        m_status->setText(tr("The same file twice (%1 bytes): identical, nothing was read.").arg(l.toString(qulonglong(a))));
        return;
    }
    const bool done = !comparing() && m_outcome.isEmpty();
    if (findsInsertions() && comparing()) {
        text = tr("Looking for changed, inserted and deleted bytes");
    } else if (!m_ops.empty() || (findsInsertions() && done)) {
        const ScriptCounts c = countsOf(m_ops);
        if (m_ops.empty()) text = tr("The files are the same (%1 bytes).").arg(l.toString(qulonglong(a)));
        else {
            QStringList parts;
            if (c.inserts) parts << tr("%1 (%2) in the right file").arg(counted(c.inserts, tr("insertion"), tr("insertions")),
                                                                      counted(c.insertBytes, tr("byte"), tr("bytes")));
            if (c.deletes) parts << tr("%1 (%2) from the left file").arg(counted(c.deletes, tr("deletion"), tr("deletions")),
                                                                       counted(c.deleteBytes, tr("byte"), tr("bytes")));
            if (c.replaces) parts << tr("%1 (%2 left, %3 right)").arg(counted(c.replaces, tr("changed range"), tr("changed ranges")),
                                                                     l.toString(qulonglong(c.replacedA)), l.toString(qulonglong(c.replacedB)));
            text = parts.join(QStringLiteral(", "));
        }
    } else {
        const DiffRanges& d = m_side[0].diffs;
        if (d.rangeCount() == 0 && a == b && done)
            text = tr("The files are the same (%1 bytes).").arg(l.toString(qulonglong(a)));
        else
            text = tr("%1 in %2").arg(counted(d.differingBytes(), tr("differing byte"), tr("differing bytes")),
                                      counted(d.rangeCount(), tr("range"), tr("ranges")));
        if (d.coarse()) text += tr(" (past a million ranges, nearby ones are shown as one)");
    }
    if (a != b)
        text += tr("; the %1 file is %2 longer").arg(a > b ? tr("left") : tr("right"),
                                                     counted(a > b ? a - b : b - a, tr("byte"), tr("bytes")));
    if (!m_outcome.isEmpty()) text += QStringLiteral(". ") + m_outcome;
    m_status->setText(text);
}

QString CompareWindow::statusText() const { return m_status->text(); }

QString CompareWindow::noteText() const { return m_note->text(); }

void CompareWindow::note(const UiStatus& status, const QString& done) {
    if (!status) m_note->setText(status.message());
    else if (!done.isEmpty()) m_note->setText(done);
}

void CompareWindow::setScrollTogether(bool on) { m_together->setChecked(on); }

void CompareWindow::followScroll(int from) {
    if (m_following || !m_together->isChecked()) return;
    m_following = true;
    HexView* source = m_side[from].view;
    HexView* other = m_side[1 - from].view;
    if (m_ops.empty()) {
        other->setTopRow(source->topRow());
    } else {
        // The bytes in the middle row of one pane in the middle row of the other, wherever
        // the edits before them moved them to: after F7 that is the change and what follows
        // it (rows far above or below a change of a length that is no multiple of 16 cannot
        // line up at the same time).
        const unsigned bpr = 16;
        const std::uint64_t half = std::uint64_t(source->visibleRows() / 2);
        const std::uint64_t middle = (source->topRow() + half) * bpr;
        const std::uint64_t row = alignedOffset(m_ops, from == 1, middle) / bpr;
        other->setTopRow(row > half ? row - half : 0);
    }
    m_following = false;
}

void CompareWindow::goTo(std::uint64_t a, std::uint64_t b) {
    const std::uint64_t at[2] = {a, b};
    for (int i = 0; i < 2; ++i) {
        Side& s = m_side[i];
        if (s.model->size() > 0)
            s.cursor->moveCursor(std::min(at[i], s.model->size() - 1), false, CursorModel::Reveal::Center);
    }
    followScroll(m_active);
}

int CompareWindow::activeSide() const {
    if (m_side[1].view->hasFocus()) return 1;
    if (m_side[0].view->hasFocus()) return 0;
    return m_active;
}

bool CompareWindow::goToOp(bool forward) {
    // Both cursors sit on an edit's two parts after F7; the next edit is the first that
    // starts after them on either side (an insertion has no bytes on one side).
    const std::uint64_t ca = m_side[0].cursor->cursor(), cb = m_side[1].cursor->cursor();
    auto clampA = [&](std::uint64_t o) { return std::min(o, m_side[0].model->size() ? m_side[0].model->size() - 1 : 0); };
    auto clampB = [&](std::uint64_t o) { return std::min(o, m_side[1].model->size() ? m_side[1].model->size() - 1 : 0); };
    auto after = [&](const EditOp& op) {
        const std::uint64_t a = clampA(op.aOffset), b = clampB(op.bOffset);
        return a > ca || b > cb;
    };
    auto before = [&](const EditOp& op) {
        const std::uint64_t a = clampA(op.aOffset), b = clampB(op.bOffset);
        return (a < ca && b <= cb) || (a <= ca && b < cb);
    };
    const EditOp* found = nullptr;
    if (forward) {
        const auto it = std::find_if(m_ops.begin(), m_ops.end(), after);
        if (it != m_ops.end()) found = &*it;
    } else {
        const auto it = std::find_if(m_ops.rbegin(), m_ops.rend(), before);
        if (it != m_ops.rend()) found = &*it;
    }
    if (!found) return false;
    goTo(found->aOffset, found->bOffset);
    return true;
}

bool CompareWindow::nextDifference() {
    const bool resync = !m_ops.empty();
    std::optional<std::uint64_t> at;
    if (!resync) at = m_side[0].diffs.next(std::max(m_side[0].cursor->cursor(), m_side[1].cursor->cursor()));
    if (resync ? !goToOp(true) : !at) {
        m_status->setText(statusText().section(". ", 0, 0) + tr(". No difference after the cursor%1.")
                                                               .arg(comparing() ? tr(" yet") : QString()));
        return false;
    }
    if (at) goTo(*at, *at);
    return true;
}

bool CompareWindow::previousDifference() {
    const bool resync = !m_ops.empty();
    std::optional<std::uint64_t> at;
    if (!resync) at = m_side[0].diffs.previous(std::max(m_side[0].cursor->cursor(), m_side[1].cursor->cursor()));
    if (resync ? !goToOp(false) : !at) {
        m_status->setText(statusText().section(". ", 0, 0) + tr(". No difference before the cursor."));
        return false;
    }
    if (at) goTo(*at, *at);
    return true;
}

UiStatus CompareWindow::undo() { return m_side[activeSide()].edit->undo(); }

UiStatus CompareWindow::redo() { return m_side[activeSide()].edit->redo(); }

UiStatus CompareWindow::save() {
    Side& s = m_side[activeSide()];
    // The comparison reads under a lease that yields to edits, not to a save: stop it first;
    // the save's change starts the next one.
    m_job.reset();
    const UiStatus saved = s.saver->save();
    note(saved, saved && !s.saver->saving() ? tr("Saved \u201c%1\u201d.").arg(s.model->fileName()) : QString());
    if (saved && !s.saver->saving() && !comparing()) scheduleCompare();
    return saved;
}

} // namespace hexmap
