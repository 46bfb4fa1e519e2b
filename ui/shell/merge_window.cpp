// SPDX-License-Identifier: MIT
#include "merge_window.h"

#include "document_model.h"
#include "log_level.h"
#include "log_time_model.h"
#include "merged_log_view.h"
#include "merged_logs.h"

#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

namespace hexmap {

MergeWindow::MergeWindow(const QStringList& paths, QString* error, QWidget* parent)
    : QWidget(parent) {
    setWindowFlag(Qt::Window);
    m_legend = new QLabel(this);
    m_legend->setObjectName("mergeLegend");
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    m_goTo = new QLineEdit(this);
    m_goTo->setObjectName("mergeGoTo");
    m_goTo->setPlaceholderText(
        tr("Go to a time (2026-11-26T03:21, 03:21:10) or a row number — Ctrl+G"));
    m_goTo->setClearButtonEnabled(true);
    m_view = new MergedLogView(this);
    m_view->setObjectName("mergedView");
    m_status = new QLabel(this);
    m_status->setObjectName("mergeStatus");
    m_note = new QLabel(this);
    m_note->setObjectName("mergeNote");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_legend);
    layout->addWidget(m_goTo);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_note);
    resize(1100, 700);

    m_paths = paths;
    if (const UiStatus opened = load(); !opened) {
        if (error) *error = opened.message();
        return;
    }
    connect(m_view, &MergedLogView::currentRowChanged, this, &MergeWindow::updateStatus);
    connect(m_view, &MergedLogView::copied, m_note, &QLabel::setText);
    connect(m_view, &MergedLogView::openRequested, this, [this](std::size_t row) {
        const MergedLine line = m_logs->at(row);
        emit openRequested(m_logs->model(static_cast<int>(line.file()))->path(), line.start());
    });
    connect(m_goTo, &QLineEdit::returnPressed, this, [this] {
        const UiStatus st = goTo(m_goTo->text());
        m_note->setText(st ? QString() : st.message());
        if (st) m_view->setFocus();
    });
    auto* focusGoTo = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_G), this);
    connect(focusGoTo, &QShortcut::activated, this, [this] {
        m_goTo->setFocus();
        m_goTo->selectAll();
    });
    auto* again = new QShortcut(QKeySequence(Qt::Key_F5), this);
    connect(again, &QShortcut::activated, this, [this] {
        const UiStatus st = reload();
        m_note->setText(st ? tr("Merged again from the files as they are now.") : st.message());
    });
    m_levelScan = new QTimer(this);
    m_levelScan->setInterval(0);
    connect(m_levelScan, &QTimer::timeout, this, &MergeWindow::continueLevelScan);
    connect(m_view, &MergedLogView::levelJumpRequested, this, &MergeWindow::findLevel);
    auto* close = new QShortcut(QKeySequence::Close, this);
    connect(close, &QShortcut::activated, this, &QWidget::close);
    // Another process may cut or grow a file: look once a second (a stat per file).
    m_diskCheck = new QTimer(this);
    m_diskCheck->setInterval(1000);
    connect(m_diskCheck, &QTimer::timeout, this, &MergeWindow::checkDisk);
    m_diskCheck->start();
    m_view->setFocus();
}

UiStatus MergeWindow::load() {
    auto* logs = new MergedLogs(this);
    if (const UiStatus opened = logs->open(m_paths); !opened) {
        delete logs;
        return opened;
    }
    if (m_logs) {
        m_view->setLogs(nullptr);
        delete m_logs; // stops its job first
    }
    m_logs = logs;
    m_done = m_total = 0;
    QStringList names;
    for (int f = 0; f < m_logs->fileCount(); ++f)
        names << m_logs->fileName(f);
    setWindowTitle(tr("%1 — merged by time — hexmap").arg(names.join(QStringLiteral(", "))));
    m_view->setLogs(m_logs);
    connect(m_logs, &MergedLogs::progress, this, [this](quint64 done, quint64 total) {
        m_done = done;
        m_total = total;
        updateStatus();
    });
    connect(m_logs, &MergedLogs::changed, this, &MergeWindow::updateStatus);
    connect(m_logs, &MergedLogs::finished, this, &MergeWindow::updateLegend);
    connect(m_logs, &MergedLogs::finished, this, &MergeWindow::showKeptRow);
    updateLegend();
    m_logs->start();
    return {};
}

UiStatus MergeWindow::reload() {
    // Keep the current row: its time (where the new merge will put it) and its line.
    m_keepTime.reset();
    if (m_logs && m_logs->count() > 0) {
        const std::size_t row = m_view->currentRow();
        m_keepTime = m_logs->timeOf(row);
        const MergedLine line = m_logs->at(row);
        m_keepFile = static_cast<int>(line.file());
        m_keepStart = line.start();
    }
    if (m_levelScan) m_levelScan->stop();
    const UiStatus loaded = load();
    if (!loaded) m_keepTime.reset(); // the old merge stays as it is, and where it is
    return loaded;
}

void MergeWindow::showKeptRow() {
    if (!m_keepTime || !m_logs || m_logs->count() == 0) return;
    std::size_t row = m_logs->rowOfTime(*m_keepTime);
    // Rows of one time are few: find the same line among them (else the first of its time).
    for (std::size_t r = row; r < m_logs->count() && r < row + 4096; ++r) {
        const auto t = m_logs->timeOf(r);
        if (!t || *t != *m_keepTime) break;
        const MergedLine line = m_logs->at(r);
        if (static_cast<int>(line.file()) == m_keepFile && line.start() == m_keepStart) {
            row = r;
            break;
        }
    }
    m_keepTime.reset();
    m_view->showRow(std::min(row, m_logs->count() - 1));
}

void MergeWindow::findLevel(bool error, bool forward) {
    if (!m_logs || m_logs->count() == 0) return;
    m_keepTime.reset(); // the user goes elsewhere: F5's merge must not pull the view back
    m_levelError = error;
    m_levelForward = forward;
    const std::size_t here = m_view->currentRow();
    if (forward ? here + 1 >= m_logs->count() : here == 0) {
        m_note->setText(forward ? tr("This is the last line.") : tr("This is the first line."));
        return;
    }
    m_levelNext = forward ? here + 1 : here - 1;
    m_note->setText(forward ? tr("Looking for the next %1...").arg(error ? tr("error") : tr("warning"))
                            : tr("Looking for the previous %1...").arg(error ? tr("error") : tr("warning")));
    continueLevelScan();
}

bool MergeWindow::findingLevel() const { return m_levelScan && m_levelScan->isActive(); }

void MergeWindow::continueLevelScan() {
    m_levelScan->stop();
    // A slice of rows per turn of the event loop: about a millisecond or two of reading.
    constexpr std::size_t kSlice = 20000;
    const LineLevel want = m_levelError ? LineLevel::Error : LineLevel::Warning;
    const std::size_t count = m_logs->count();
    std::vector<std::uint8_t> scratch;
    bool done = false;
    for (std::size_t n = 0; n < kSlice; ++n) {
        const std::size_t row = m_levelNext;
        if (row >= count) break; // forward, past the rows merged so far
        if (levelOfLine(m_logs->text(row, 4096, scratch)) == want) {
            m_view->showRow(row);
            m_note->setText(QString());
            return;
        }
        if (!m_levelForward && row == 0) {
            done = true;
            break;
        }
        m_levelNext = m_levelForward ? row + 1 : row - 1;
    }
    if (!done && (m_levelNext < count || m_logs->running())) {
        // More rows to read, or (forward, while the merge runs) rows still to come: the
        // next turn, or a little later.
        m_levelScan->start(m_levelNext < count ? 0 : 50);
        return;
    }
    const QString what = m_levelError ? tr("error") : tr("warning");
    m_note->setText(m_levelForward ? tr("No %1 after this line.").arg(what)
                                   : tr("No %1 before this line.").arg(what));
}

void MergeWindow::checkDisk() {
    QStringList cut, grew;
    for (int f = 0; f < m_logs->fileCount(); ++f) {
        const QFileInfo info(m_logs->model(f)->path());
        if (!info.exists()) continue; // renamed away (a rotation): the mapping still holds it
        const auto size = static_cast<std::uint64_t>(info.size());
        m_logs->noteSizeOnDisk(f, size);
        if (size < m_logs->model(f)->size())
            cut << m_logs->fileName(f);
        else if (size > m_logs->model(f)->size())
            grew << m_logs->fileName(f);
    }
    QString text;
    if (!cut.isEmpty())
        text = tr("%1 shrank on disk: its lines past the new end are gone (shown as such). ")
                   .arg(cut.join(QStringLiteral(", ")));
    if (!grew.isEmpty()) text += tr("%1 grew on disk. ").arg(grew.join(QStringLiteral(", ")));
    if (!text.isEmpty()) text += tr("F5 merges the files again as they are now.");
    if (text != m_diskNote) {
        // A note of something else (a copy, a Go To refused) stays until there is news here.
        if (!text.isEmpty() || m_note->text() == m_diskNote) m_note->setText(text);
        m_diskNote = text;
    }
}

MergeWindow::~MergeWindow() = default;

void MergeWindow::updateLegend() {
    QString html;
    const QLocale locale;
    for (int f = 0; f < m_logs->fileCount(); ++f) {
        const QColor c = m_view->fileColor(f);
        QString lines;
        if (m_logs->complete()) {
            const std::uint64_t n = m_logs->linesOf(f);
            lines = tr(", %1 lines").arg(locale.toString(static_cast<qulonglong>(n)));
        }
        html += QStringLiteral("<span style=\"background-color:%1; "
                               "color:%2\">&nbsp;%3&nbsp;</span> %4%5&nbsp;&nbsp; ")
                    .arg(c.name(), palette().color(QPalette::Text).name(),
                         m_logs->fileName(f).toHtmlEscaped(),
                         QString::fromLatin1(timeFormatName(m_logs->times(f).format())), lines);
    }
    m_legend->setText(html);
}

QString MergeWindow::noteText() const {
    return m_note->text();
}

QString MergeWindow::statusText() const {
    return m_status->text();
}

void MergeWindow::updateStatus() {
    const QLocale locale;
    QString text;
    const QString rows = locale.toString(static_cast<qulonglong>(m_logs->count()));
    if (m_logs->running())
        text = tr("Merging… %1% · %2 lines so far")
                   .arg(m_total ? static_cast<int>(m_done * 100 / m_total) : 0)
                   .arg(rows);
    else if (m_logs->complete())
        text = tr("%1 files · %2 lines merged by time in %3 s")
                   .arg(m_logs->fileCount())
                   .arg(rows)
                   .arg(locale.toString(static_cast<double>(m_logs->elapsedMs()) / 1000.0, 'f', 2));
    else
        text = m_logs->error().isEmpty() ? tr("%1 lines").arg(rows) : m_logs->error();
    if (m_logs->count() > 0) {
        const std::size_t row = std::min(m_view->currentRow(), m_logs->count() - 1);
        const MergedLine line = m_logs->at(row);
        const auto t = m_logs->timeOf(row);
        text +=
            tr(" · row %1: %2%3 line %4")
                .arg(locale.toString(static_cast<qulonglong>(row + 1)),
                     t ? QString::fromStdString(formatTime(*t)) + QStringLiteral(", ") : QString(),
                     m_logs->fileName(static_cast<int>(line.file())),
                     locale.toString(static_cast<qulonglong>(m_logs->lineNumber(row) + 1)));
    }
    m_status->setText(text);
}

UiStatus MergeWindow::goTo(const QString& input) {
    const QString text = input.trimmed();
    if (text.isEmpty()) return UiStatus::failure(tr("Type a time or a row number."));
    const std::size_t n = m_logs->count();
    if (n == 0) return UiStatus::failure(tr("No line is merged yet."));
    bool isNumber = false;
    const qulonglong number = text.toULongLong(&isNumber);
    if (isNumber) {
        if (number == 0 || number > n)
            return UiStatus::failure(
                tr("There is no row %1: the view has %2.")
                    .arg(text, QLocale().toString(static_cast<qulonglong>(n))));
        m_view->showRow(static_cast<std::size_t>(number - 1));
        return {};
    }
    const auto target = parseTimeQuery(text.toStdString(), m_logs->timeOf(m_view->currentRow()));
    if (!target)
        return UiStatus::failure(tr("\"%1\" is neither a time (2026-11-26T03:21, 2026-11-26 "
                                    "03:21:10, 03:21) nor a row number.")
                                     .arg(text));
    const std::size_t row = m_logs->rowOfTime(*target);
    if (row >= n) {
        m_view->setCurrentRow(n - 1);
        return UiStatus::failure(
            m_logs->complete()
                ? tr("Every line is earlier than %1: at the last one.").arg(text)
                : tr("The lines merged so far are all earlier than %1: at the last one.")
                      .arg(text));
    }
    m_view->showRow(row);
    return {};
}

} // namespace hexmap
