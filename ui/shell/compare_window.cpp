// SPDX-License-Identifier: MIT
#include "compare_window.h"

#include "compare_job.h"
#include "display_format.h"
#include "cursor_model.h"
#include "document_model.h"
#include "hex_view.h"
#include "overview_strip.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QGuiApplication>
#include <QScreen>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace hexmap {

CompareWindow::CompareWindow(const QString& pathA, const QString& pathB, QString* error, QWidget* parent)
    : QWidget(parent) {
    setAttribute(Qt::WA_DeleteOnClose, false);
    auto* top = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_together = new QCheckBox(tr("Scroll together"), this);
    m_together->setChecked(true);
    auto* prev = new QPushButton(tr("Previous Difference"), this);
    auto* next = new QPushButton(tr("Next Difference"), this);
    prev->setToolTip(tr("Shift+F7"));
    next->setToolTip(tr("F7"));
    bar->addWidget(m_together);
    bar->addStretch(1);
    bar->addWidget(prev);
    bar->addWidget(next);
    top->addLayout(bar);
    auto* panes = new QHBoxLayout;
    const QString paths[2] = {pathA, pathB};
    for (int i = 0; i < 2; ++i) {
        Side& s = m_side[i];
        auto opened = DocumentModel::open(paths[i], OpenMode::ReadOnly);
        if (!opened) {
            if (error) *error = QString::fromStdString(opened.error().message);
            return;
        }
        s.model = std::move(opened.value());
        s.cursor = std::make_unique<CursorModel>();
        s.cursor->setDocumentSize(s.model->size());
        auto* column = new QVBoxLayout;
        s.title = new QLabel(tr("%1 (%2 bytes)").arg(s.model->fileName(), QLocale().toString(qulonglong(s.model->size()))), this);
        s.title->setToolTip(s.model->path());
        s.view = new HexView(this);
        s.view->setObjectName(i == 0 ? "compareLeft" : "compareRight");
        s.view->attach(s.model.get(), s.cursor.get(), nullptr);
        s.view->setBytesPerRow(16); // the same rows on both sides: offsets align
        s.view->addHighlightSource(&m_diffs);
        s.strip = new OverviewStrip(this);
        s.strip->reset(s.model->size());
        auto* row = new QHBoxLayout;
        row->setSpacing(0);
        row->addWidget(s.view, 1);
        row->addWidget(s.strip);
        column->addWidget(s.title);
        column->addLayout(row, 1);
        panes->addLayout(column, 1);
        connect(s.view, &HexView::scrolled, this, [this, i] { followScroll(i); });
        connect(s.strip, &OverviewStrip::jumpRequested, this, [this](std::uint64_t o) { goTo(o); });
    }
    top->addLayout(panes, 1);
    m_status = new QLabel(this);
    m_status->setObjectName("compareStatus");
    top->addWidget(m_status);
    connect(m_together, &QCheckBox::toggled, this, [this](bool on) {
        if (on) followScroll(0);
    });
    connect(next, &QPushButton::clicked, this, &CompareWindow::nextDifference);
    connect(prev, &QPushButton::clicked, this, &CompareWindow::previousDifference);
    auto* f7 = new QShortcut(QKeySequence(Qt::Key_F7), this);
    connect(f7, &QShortcut::activated, this, &CompareWindow::nextDifference);
    auto* shiftF7 = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F7), this);
    connect(shiftF7, &QShortcut::activated, this, &CompareWindow::previousDifference);
    setWindowTitle(tr("%1 \u2194 %2 \u2014 hexmap").arg(m_side[0].model->fileName(), m_side[1].model->fileName()));
    QSize size(1400, 800); // two grids of 16 bytes side by side, within the screen
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 0.95);
    resize(size);
    if (error) error->clear();
    start();
}

CompareWindow::~CompareWindow() {
    m_job.reset(); // before the models it reads
    for (Side& s : m_side)
        if (s.view) s.view->attach(nullptr, nullptr, nullptr);
}

bool CompareWindow::comparing() const { return m_job && m_job->running(); }

void CompareWindow::closeEvent(QCloseEvent* event) {
    m_job.reset(); // cancels and joins: it stops within a MiB
    event->accept();
}

void CompareWindow::start() {
    m_diffs.clear();
    const std::uint64_t a = m_side[0].model->size(), b = m_side[1].model->size();
    if (a != b) m_diffs.setTail(std::min(a, b), std::max(a, b));
    m_job = std::make_unique<CompareJob>(m_side[0].model.get(), m_side[1].model.get());
    connect(m_job.get(), &CompareJob::ranges, this, &CompareWindow::onRanges);
    connect(m_job.get(), &BackgroundJob::finished, this, &CompareWindow::onFinished);
    connect(m_job.get(), &BackgroundJob::progress, this, [this](quint64 done, quint64 total) {
        if (total) m_outcome = tr("Comparing\u2026 %1%").arg(done * 100 / total);
        updateStatus();
    });
    if (a != b) {
        // The longer file's tail differs as a whole: on its strip at once.
        const Match tail{std::min(a, b), std::max(a, b) - std::min(a, b)};
        m_side[a < b ? 1 : 0].strip->addMatches(&tail, 1);
    }
    m_outcome = tr("Comparing\u2026");
    m_job->start();
    updateStatus();
}

void CompareWindow::onRanges(const std::vector<DiffRange>& batch) {
    m_diffs.add(batch.data(), batch.size());
    std::vector<Match> marks;
    marks.reserve(batch.size());
    for (const DiffRange& r : batch) marks.push_back({r.offset, r.length});
    for (Side& s : m_side) {
        s.strip->addMatches(marks.data(), marks.size());
        s.view->viewport()->update();
    }
    updateStatus();
}

void CompareWindow::onFinished(bool cancelled, const QString& error) {
    if (!error.isEmpty()) m_outcome = error;
    else if (cancelled) m_outcome = tr("The comparison was cancelled: what is shown is what it found.");
    else if (m_side[0].model->damaged() || m_side[1].model->damaged())
        m_outcome = tr("A file was cut by another program during the comparison: what is shown "
                       "may be wrong. Close and compare again.");
    else m_outcome.clear();
    updateStatus();
    emit compared();
}

void CompareWindow::updateStatus() {
    const std::uint64_t a = m_side[0].model->size(), b = m_side[1].model->size();
    QLocale l;
    QString text;
    if (m_diffs.rangeCount() == 0 && a == b && !comparing() && m_outcome.isEmpty())
        text = tr("The files are the same (%1 bytes).").arg(l.toString(qulonglong(a)));
    else
        text = tr("%1 in %2").arg(counted(m_diffs.differingBytes(), tr("differing byte"), tr("differing bytes")),
                                  counted(m_diffs.rangeCount(), tr("range"), tr("ranges")));
    if (a != b)
        text += tr("; the %1 file is %2 longer").arg(a > b ? tr("left") : tr("right"),
                                                     counted(a > b ? a - b : b - a, tr("byte"), tr("bytes")));
    if (m_diffs.coarse()) text += tr(" (past a million ranges, nearby ones are shown as one)");
    if (!m_outcome.isEmpty()) text += QStringLiteral(". ") + m_outcome;
    m_status->setText(text);
}

QString CompareWindow::statusText() const { return m_status->text(); }

void CompareWindow::setScrollTogether(bool on) { m_together->setChecked(on); }

void CompareWindow::followScroll(int from) {
    if (m_following || !m_together->isChecked()) return;
    m_following = true;
    m_side[1 - from].view->setTopRow(m_side[from].view->topRow());
    m_following = false;
}

void CompareWindow::goTo(std::uint64_t offset) {
    for (Side& s : m_side)
        if (s.model->size() > 0)
            s.cursor->moveCursor(std::min(offset, s.model->size() - 1), false, CursorModel::Reveal::Center);
    followScroll(0);
}

std::uint64_t CompareWindow::position() const {
    // Both cursors move together; the shorter file's stops at its last byte.
    return std::max(m_side[0].cursor->cursor(), m_side[1].cursor->cursor());
}

bool CompareWindow::nextDifference() {
    const auto at = m_diffs.next(position());
    if (!at) {
        m_status->setText(statusText().section(". ", 0, 0) + tr(". No difference after the cursor%1.")
                                                               .arg(comparing() ? tr(" yet") : QString()));
        return false;
    }
    goTo(*at);
    return true;
}

bool CompareWindow::previousDifference() {
    const auto at = m_diffs.previous(position());
    if (!at) {
        m_status->setText(statusText().section(". ", 0, 0) + tr(". No difference before the cursor."));
        return false;
    }
    goTo(*at);
    return true;
}

} // namespace hexmap
