// SPDX-License-Identifier: MIT
#include "document_tab.h"

#include "display_format.h"
#include "bookmark_model.h"
#include "clipboard_controller.h"
#include "cursor_model.h"
#include "disk_watcher.h"
#include "document_model.h"
#include "edit_controller.h"
#include "find_bar.h"
#include "hex_view.h"
#include "line_counter.h"
#include "filter_panel.h"
#include "filtered_lines.h"
#include "filtered_lines_view.h"
#include "lines_view.h"
#include "log_time_model.h"
#include "match_list_model.h"
#include "message_banner.h"
#include "number_parse.h"
#include "overview_strip.h"
#include "rule_map.h"
#include "save_controller.h"
#include "search_controller.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace hexmap {

DocumentTab::DocumentTab(std::unique_ptr<DocumentModel> model, QWidget* parent)
    : QWidget(parent), m_model(std::move(model)) {
    m_cursor = new CursorModel(this);
    m_cursor->setDocumentSize(m_model->size());
    m_edit = new EditController(m_model.get(), m_cursor, this);
    m_edit->setConfirm([this](const QString& question) {
        return QMessageBox::question(this, tr("hexmap"), question) == QMessageBox::Yes;
    });
    m_save = new SaveController(m_model.get(), this, this);
    m_disk = new DiskWatcher(m_model.get(), this);
    m_clipboard = new ClipboardController(m_model.get(), m_cursor, m_edit, this);

    m_banner = new MessageBanner(this);
    m_view = new HexView(this);
    m_lines = new LineCounter(m_model.get(), this, /*deferred=*/true);
    m_linesView = new LinesView(this);
    // The Lines view over its filter pane (hidden until View > Filter Pane).
    m_filtered = new FilteredLines(m_model.get(), this);
    m_filterPanel = new FilterPanel(this);
    m_filterPanel->attach(m_model.get(), m_cursor, m_filtered);
    m_filterPanel->hide();
    m_linesPane = new QSplitter(Qt::Vertical, this);
    m_linesPane->setChildrenCollapsible(false);
    m_linesPane->addWidget(m_linesView);
    m_linesPane->addWidget(m_filterPanel);
    m_linesPane->hide();
    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setChildrenCollapsible(false);
    m_split->addWidget(m_view);
    m_split->addWidget(m_linesPane);
    m_overview = new OverviewStrip(this);
    m_ruleMap = new RuleMap(m_model.get(), this);
    m_ruleMap->hold();
    m_ruleMap->setRules(m_linesView->rules());
    m_overview->setRuleMap(m_ruleMap);
    m_findBar = new FindBar(this);
    m_findBar->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    auto* gridRow = new QHBoxLayout;
    gridRow->setSpacing(0);
    gridRow->addWidget(m_split, 1);
    gridRow->addWidget(m_overview);
    layout->addLayout(gridRow, 1);
    layout->addWidget(m_findBar);

    m_results = new MatchListModel(this);
    m_resultsView = new QTableView;
    m_resultsView->setObjectName("resultsView");
    m_resultsView->setModel(m_results);
    m_resultsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_resultsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_resultsView->verticalHeader()->hide();
    // Fixed row heights: the view never asks every row for its size.
    m_resultsView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_resultsView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_resultsView->horizontalHeader()->setStretchLastSection(true);
    m_resultsView->setWordWrap(false);

    m_search = new SearchController(m_model.get(), m_cursor, m_findBar, m_overview, m_results, this);
    m_view->attach(m_model.get(), m_cursor, m_edit);
    // Background readers (line count, rule scan) start after the first frame (or a quarter
    // second, for a tab that is not shown): on two cores their threads would otherwise
    // compete with opening the window.
    connect(m_view, &HexView::framePainted, this, &DocumentTab::startBackgroundWork, Qt::SingleShotConnection);
    connect(m_linesView, &LinesView::framePainted, this, &DocumentTab::startBackgroundWork,
            Qt::SingleShotConnection);
    QTimer::singleShot(250, this, &DocumentTab::startBackgroundWork);
    m_bookmarks = new BookmarkModel(m_model.get(), this);
    m_time = new LogTimeModel(m_model.get(), this);
    // Bookmarks under the search's matches: a match inside a bookmark stays visible.
    m_view->addHighlightSource(m_bookmarks);
    m_linesView->addHighlightSource(m_bookmarks);
    m_overview->setBookmarks(m_bookmarks);
    connect(m_bookmarks, &BookmarkModel::changed, m_view->viewport(), qOverload<>(&QWidget::update));
    connect(m_bookmarks, &BookmarkModel::changed, m_linesView->viewport(), qOverload<>(&QWidget::update));
    m_view->addHighlightSource(m_search->highlights());
    m_linesView->attach(m_model.get(), m_cursor, m_edit, m_lines);
    m_results->setLineSource([this](std::uint64_t offset) -> std::optional<std::uint64_t> {
        const auto line = m_lines->lineOf(offset);
        return line ? std::optional<std::uint64_t>(*line + 1) : std::nullopt;
    });
    // A binary file's "line" is a count of 0x0a bytes: no Line column there.
    connect(m_results, &QAbstractItemModel::modelReset, m_resultsView, [this] {
        m_resultsView->setColumnHidden(MatchListModel::Line, !m_results->showsLines());
    });
    m_resultsView->setColumnHidden(MatchListModel::Line, !m_results->showsLines());
    // Line numbers fill in when the count is done.
    connect(m_lines, &LineCounter::updated, m_resultsView->viewport(), qOverload<>(&QWidget::update));
    m_linesView->addHighlightSource(m_search->highlights());
    m_filterPanel->view()->addHighlightSource(m_bookmarks);
    m_filterPanel->view()->addHighlightSource(m_search->highlights());
    connect(m_filterPanel, &FilterPanel::message, this, &DocumentTab::message);
    connect(m_search, &SearchController::highlightsChanged, m_filterPanel->view()->viewport(),
            qOverload<>(&QWidget::update));
    connect(m_linesView, &LinesView::levelJumpRequested, this, [this](bool error, bool forward) {
        const UiStatus found = m_search->findLevel(error ? SearchController::LogLevel::Error
                                                        : SearchController::LogLevel::Warning, forward);
        if (!found) emit message(found.message());
    });
    setFocusProxy(m_view);

    // The cursor stays on a byte of the document whatever its size becomes.
    connect(m_model.get(), &DocumentModel::changed, this, [this](const DocumentChange& change) {
        if (change.has(DocumentChange::Shifted) && !change.has(DocumentChange::Replaced)) {
            m_cursor->shift(change.start, change.delta, m_model->size());
            m_bookmarks->shift(change.start, change.delta);
        }
        if (change.has(DocumentChange::Size) || change.has(DocumentChange::Replaced))
            m_cursor->setDocumentSize(m_model->size());
        if (change.has(DocumentChange::Modified) || change.has(DocumentChange::Replaced))
            emit titleChanged();
        if (change.has(DocumentChange::Damaged) && m_model->damaged()) reportShrink(m_model->document().sizeOnDisk());
        if (change.has(DocumentChange::Replaced)) m_banner->hide();
    });
    connect(m_view, &HexView::editRefused, this, &DocumentTab::onEditRefused);
    connect(m_linesView, &LinesView::editRefused, this, &DocumentTab::onEditRefused);
    connect(m_lines, &LineCounter::updated, this, &DocumentTab::stateChanged);
    connect(m_view, &HexView::statusMessage, this, &DocumentTab::message);
    connect(m_edit, &EditController::message, this, &DocumentTab::message);
    connect(m_clipboard, &ClipboardController::message, this, &DocumentTab::message);
    connect(m_search, &SearchController::message, this, &DocumentTab::message);
    connect(m_search, &SearchController::busyChanged, this, &DocumentTab::stateChanged);
    connect(m_search, &SearchController::highlightsChanged, m_view->viewport(), qOverload<>(&QWidget::update));
    connect(m_search, &SearchController::highlightsChanged, m_linesView->viewport(), qOverload<>(&QWidget::update));
    connect(m_search, &SearchController::currentRowChanged, this, [this](int row) {
        const QModelIndex index = m_results->index(row, 0);
        m_resultsView->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_resultsView->scrollTo(index);
    });
    auto jumpToRow = [this](const QModelIndex& index) {
        if (index.isValid()) m_search->showMatch(m_results->at(index.row()));
    };
    connect(m_resultsView, &QTableView::doubleClicked, this, jumpToRow);
    connect(m_resultsView, &QTableView::activated, this, jumpToRow);
    connect(m_overview, &OverviewStrip::jumpRequested, m_search, &SearchController::jumpNear);
    auto syncOverview = [this] {
        if (m_viewMode == ViewMode::Lines) {
            m_overview->setViewport(m_linesView->topOffset(), m_linesView->endVisibleByte());
        } else {
            m_overview->setViewport(m_view->firstVisibleByte(), m_view->endVisibleByte());
        }
    };
    connect(m_view, &HexView::scrolled, this, syncOverview);
    connect(m_linesView, &LinesView::scrolled, this, syncOverview);
    connect(m_cursor, &CursorModel::changed, this, syncOverview);
    connect(m_save, &SaveController::busyChanged, this, &DocumentTab::stateChanged);
    connect(m_save, &SaveController::finished, this, [this](const QString& error, const QString& note) {
        if (!error.isEmpty()) {
            showError(error);
        } else {
            // A refusal shown earlier ("cannot save now") no longer holds.
            if (m_banner->isVisible() && m_banner->kind() == MessageBanner::Kind::Error) m_banner->hide();
            // "Grew on disk": the save took the appended bytes on, so it no longer holds.
            if (m_banner->isVisible() && m_growthShown && m_model->document().appendedOnDisk() == 0) {
                m_banner->hide();
                m_growthShown = false;
            }
            emit message(note);
        }
        emit titleChanged();
    });
    connect(m_disk, &DiskWatcher::shrank, this, &DocumentTab::reportShrink);
    connect(m_disk, &DiskWatcher::grew, this, &DocumentTab::reportGrowth);
    connect(m_disk, &DiskWatcher::message, this, &DocumentTab::message);
    connect(m_disk, &DiskWatcher::followed, this, &DocumentTab::keepEndInView);
}

DocumentTab::~DocumentTab() {
    stopJobs();
    delete m_resultsView; // it lives in the window's dock, but shows this tab's results
    // Views and controllers go before the model they point to (members outlive the body,
    // children would be deleted only after the model).
    const QObjectList kids = children();
    for (QObject* kid : kids) delete kid;
}

GoToRequest DocumentTab::goToRequest() {
    QPointer<DocumentTab> guard(this);
    return GoToRequest{goToTakesLines(), timeFormat(), [guard](const QString& text) {
                           return guard ? guard->goTo(text) : UiStatus::failure(tr("The file was closed."));
                       }};
}

DocumentContext DocumentTab::context() {
    return DocumentContext{m_model.get(), m_cursor, m_lines, m_bookmarks, m_edit, m_save, m_time, m_view, this};
}

void DocumentTab::stopJobs() {
    emit closing();
    emit m_model->closing();
    m_search->stop();
    m_save->stopSaveAs();
    m_lines->stop();
    m_ruleMap->stop();
    m_filtered->stop();
    m_model->stopReaders();
}

QString DocumentTab::title() const {
    // A long file name is cut in the middle (its start and its extension tell files apart),
    // so the tab bar keeps room for other tabs and the close button; the tooltip holds it all.
    QString name = m_model->fileName();
    constexpr int kMaxName = 40;
    if (name.size() > kMaxName) name = name.left(kMaxName / 2 - 1) + QChar(0x2026) + name.right(kMaxName / 2 - 1);
    return QStringLiteral("%1 [%2]%3")
        .arg(name, QString::fromLatin1(modeName(m_model->mode())),
             m_model->isModified() ? QStringLiteral(" *") : QString());
}

QString DocumentTab::toolTip() const {
    switch (m_model->mode()) {
    case OpenMode::ReadOnly: return tr("%1\nread-only: nothing can change the file").arg(m_model->path());
    case OpenMode::Shared:
        return tr("%1\nshared: edits go straight to the file").arg(m_model->path());
    case OpenMode::Private:
        return tr("%1\nprivate (copy-on-write): edits stay here until saved").arg(m_model->path());
    }
    return m_model->path();
}

void DocumentTab::showError(const QString& text) {
    m_banner->showMessage(text, MessageBanner::Kind::Error);
}

void DocumentTab::setFilterPaneVisible(bool on) {
    if (on == filterPaneVisible()) return;
    if (on && m_viewMode == ViewMode::Hex) setViewMode(ViewMode::Lines); // the pane is the Lines view's
    m_filterPanel->setVisible(on);
    if (on) {
        // A third of the height, the lines above keep the rest.
        const int h = std::max(3, m_linesPane->height());
        m_linesPane->setSizes({h - h / 3, h / 3});
        m_filterPanel->focusPattern();
    } else {
        m_linesView->setFocus();
    }
    emit stateChanged();
}

bool DocumentTab::filterPaneVisible() const { return !m_filterPanel->isHidden(); }

void DocumentTab::setViewMode(ViewMode mode) {
    m_viewMode = mode;
    const bool hadFocus = m_view->hasFocus() || m_linesView->hasFocus();
    m_view->setVisible(mode != ViewMode::Lines);
    m_linesPane->setVisible(mode != ViewMode::Hex);
    m_ruleMap->setEnabled(mode != ViewMode::Hex); // the rule band belongs to the Lines view
    // A widget shown in a splitter after it was laid out gets no width of its own: share
    // the width out again (halves side by side, all of it to a view alone).
    const int w = std::max(2, m_split->width());
    m_split->setSizes(mode == ViewMode::Both ? QList<int>{w / 2, w - w / 2}
                      : mode == ViewMode::Lines ? QList<int>{0, w}
                                                : QList<int>{w, 0});
    QWidget* main = mode == ViewMode::Lines ? static_cast<QWidget*>(m_linesView) : m_view;
    setFocusProxy(main);
    if (hadFocus) main->setFocus();
    // The byte under the cursor stays in sight in the view that appeared.
    if (m_cursor->hasSelection()) {
        m_cursor->select(m_cursor->anchor(), m_cursor->cursor(), CursorModel::Reveal::Center);
    } else {
        m_cursor->moveCursor(m_cursor->cursor(), false, CursorModel::Reveal::Center);
    }
    emit stateChanged();
}

void DocumentTab::startBackgroundWork() {
    m_lines->start();
    m_ruleMap->release();
}

void DocumentTab::showBookmark(const Bookmark& b) {
    const std::uint64_t size = m_model->size();
    if (b.offset >= size) return;
    const std::uint64_t last = std::min(size - 1, b.offset + b.length - 1);
    m_cursor->select(b.offset, last, CursorModel::Reveal::Center);
}

bool DocumentTab::goToTakesLines() const { return m_viewMode == ViewMode::Lines; }

TimeFormat DocumentTab::timeFormat() const { return m_time->format(); }

UiStatus DocumentTab::goTo(const QString& text) {
    // "L123" or "line 123": a line number, once the count is done. In the Lines view a bare
    // number is a line too (people reading lines think in lines); an offset there is written
    // with 0x, a unit (64K), a sign (+16), or "@" (@4096).
    static const QRegularExpression lineRe(QStringLiteral("^\\s*(?:l|line)\\s*(\\d+)\\s*$"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression bareRe(QStringLiteral("^\\s*(\\d+)\\s*$"));
    static const QRegularExpression atRe(QStringLiteral("^\\s*@\\s*(.+)$"));
    if (const auto at = atRe.match(text); at.hasMatch()) {
        auto target = parseGotoOffset(at.captured(1).toStdString(), m_cursor->cursor(), m_model->size());
        if (!target) return UiStatus::fromCore(target.error());
        m_cursor->moveCursor(target.value(), false, CursorModel::Reveal::Center);
        return {};
    }
    // A time ("2026-11-26T03:21", "03:21:10") in a file whose lines have timestamps.
    if (text.contains(QLatin1Char(':')) || text.count(QLatin1Char('-')) == 2) {
        if (const auto at = m_time->offsetOfTime(text, m_cursor->cursor())) {
            if (*at >= m_model->size()) return UiStatus::failure(tr("Every line is earlier than %1.").arg(text.trimmed()));
            m_cursor->moveCursor(*at, false, CursorModel::Reveal::Center);
            return {};
        }
        if (m_time->format() != TimeFormat::None && text.contains(QLatin1Char(':')))
            return UiStatus::failure(tr("Not a time: write 2026-11-26T03:21, 2026-11-26 03:21:10 or 03:21:10."));
    }
    auto m = lineRe.match(text);
    if (!m.hasMatch() && goToTakesLines()) m = bareRe.match(text);
    if (m.hasMatch()) {
        bool ok = false;
        const qulonglong line = m.captured(1).toULongLong(&ok);
        if (!ok || line == 0) return UiStatus::failure(tr("Line numbers start at 1."));
        if (!m_lines->complete()) return UiStatus::failure(tr("The lines are still being counted; try again in a moment."));
        const auto start = m_lines->startOfLine(line);
        if (!start) return UiStatus::failure(tr("The file has %1 lines.").arg(*m_lines->lineCount()));
        m_cursor->moveCursor(*start, false, CursorModel::Reveal::Center);
        return {};
    }
    auto target = parseGotoOffset(text.toStdString(), m_cursor->cursor(), m_model->size());
    if (!target) return UiStatus::fromCore(target.error());
    m_cursor->moveCursor(target.value(), false, CursorModel::Reveal::Center);
    return {};
}

void DocumentTab::onEditRefused(const QString& reason) {
    emit message(reason);
    if (m_model->mode() == OpenMode::ReadOnly && !m_banner->isVisible()) {
        m_banner->showMessage(tr("The file is open read-only. Reopen it to edit:"),
                              MessageBanner::Kind::Info);
        m_banner->addAction(tr("Reopen Private"), [this] { emit reopenRequested(OpenMode::Private); });
        m_banner->addAction(tr("Reopen Read-write"), [this] { emit reopenRequested(OpenMode::Shared); });
    }
}

void DocumentTab::reportShrink(std::uint64_t sizeOnDisk) {
    if (m_model->document().file().writeFailed()) {
        m_banner->showMessage(
            tr("A write to \"%1\" could not be stored: the disk is full. The bytes shown there "
               "exist only in this window, and saving over the file is blocked. Use Save As to "
               "keep them on another disk.")
                .arg(m_model->fileName()),
            MessageBanner::Kind::Error);
        m_banner->addAction(tr("Save As..."), [this] { emit saveAsRequested(); });
        return;
    }
    if (m_model->document().canKeepWhatRemains()) {
        // Inserts and deletes: the pieces still hold every inserted byte and what the file
        // kept; only the parts of it past the new end are gone.
        m_banner->showMessage(
            tr("\"%1\" was cut to %2 bytes by another program. Your inserts and deletes are "
               "kept, but the bytes your document takes from the file past that point are gone "
               "(they read as zeros here, and saving is blocked). Keep What Remains drops them "
               "and keeps everything else; Reload drops your edits.")
                .arg(m_model->fileName())
                .arg(sizeOnDisk),
            MessageBanner::Kind::Warning);
        m_banner->addAction(tr("Keep What Remains"), [this] {
            std::vector<std::pair<std::uint64_t, std::uint64_t>> lost;
            const UiStatus kept = m_model->keepWhatRemains(&lost);
            if (!kept) {
                showError(kept.message());
                return;
            }
            m_banner->hide();
            std::uint64_t total = 0;
            QStringList where;
            for (const auto& [s, e] : lost) {
                total += e - s;
                if (where.size() < 4)
                    where << tr("0x%1-0x%2").arg(s, 0, 16).arg(e - 1, 0, 16);
            }
            if (lost.size() > 4) where << tr("and %1 more").arg(lost.size() - 4);
            emit message(tr("Dropped %1 the file no longer holds (%2). Everything else is "
                            "kept; undo starts again here.")
                             .arg(counted(total, tr("byte"), tr("bytes")))
                             .arg(where.join(QStringLiteral(", "))));
        });
        m_banner->addAction(tr("Reload (Drop Edits)"), [this] { emit reopenRequested(m_model->mode()); });
        return;
    }
    if (m_model->mode() == OpenMode::Private && m_model->document().canRecoverEdits()) {
        // The kernel dropped our copy-on-write pages past the new end; the journal has them.
        m_banner->showMessage(
            tr("\"%1\" was cut to %2 bytes by another program, and your unsaved edits past "
               "that point are gone from the view. Apply them again: the document keeps its "
               "size, the bytes cut off read as zeros, and Save As keeps all of it.")
                .arg(m_model->fileName())
                .arg(sizeOnDisk),
            MessageBanner::Kind::Warning);
        m_banner->addAction(tr("Apply My Edits Again"), [this] {
            std::size_t applied = 0;
            const UiStatus recovered = m_model->recoverEdits(&applied);
            if (!recovered) showError(recovered.message());
            else emit message(tr("%1 changes applied again. Use Save As to keep a copy with all of them.").arg(applied));
        });
        m_banner->addAction(tr("Reload (Drop Edits)"), [this] { emit reopenRequested(m_model->mode()); });
        return;
    }
    m_banner->showMessage(
        tr("\"%1\" shrank on disk to %2 bytes while it was open: bytes past the new size read "
           "as zeros here, and saving over it is blocked. Reload to see the file as it is now.")
            .arg(m_model->fileName())
            .arg(sizeOnDisk),
        MessageBanner::Kind::Warning);
    m_banner->addAction(tr("Reload"), [this] { emit reopenRequested(m_model->mode()); });
}

void DocumentTab::reportGrowth(std::uint64_t sizeOnDisk) {
    m_growthShown = true;
    const Document& doc = m_model->document();
    if (doc.mode() == OpenMode::Private && doc.isModified()) {
        // Reload would drop the edits: say what a save does, and whether Follow End can
        // add the new bytes under the edits now.
        const bool follows = doc.canFollowGrowth();
        QString keep =
            doc.resizedSinceSave() && !follows
                ? tr("You resized the document to %1 bytes, so Save will ask before it cuts "
                     "off the %2 bytes the other program added.")
                      .arg(doc.size())
                      .arg(doc.appendedOnDisk())
                : tr("Save writes your edits and keeps the %1 bytes the other program added; "
                     "they show after the save.")
                      .arg(doc.appendedOnDisk());
        if (follows && doc.hasPieces())
            keep = tr("You inserted or deleted bytes, so Save will ask before it cuts off the "
                      "%1 bytes the other program added; Follow End adds them at the end of "
                      "the document now, after your edits.")
                       .arg(doc.appendedOnDisk());
        else if (follows)
            keep += tr(" Follow End shows them now.");
        m_banner->showMessage(tr("\"%1\" grew on disk to %2 bytes (another program appended "
                                 "to it). %3")
                                  .arg(m_model->fileName())
                                  .arg(sizeOnDisk)
                                  .arg(keep),
                              MessageBanner::Kind::Info);
        if (follows) m_banner->addAction(tr("Follow End"), [this] { setFollowEnd(true); });
        return;
    }
    m_banner->showMessage(tr("\"%1\" grew on disk to %2 bytes. Reload to see the new bytes, or "
                             "turn on View > Follow End to follow it as it grows.")
                              .arg(m_model->fileName())
                              .arg(sizeOnDisk),
                          MessageBanner::Kind::Info);
    m_banner->addAction(tr("Reload"), [this] { emit reopenRequested(m_model->mode()); });
    m_banner->addAction(tr("Follow End"), [this] { setFollowEnd(true); });
}

void DocumentTab::setFollowEnd(bool on) {
    if (on) m_banner->hide();
    m_disk->setFollow(on);
    if (on) keepEndInView();
    emit stateChanged();
}

void DocumentTab::keepEndInView() {
    if (m_model->size()) m_cursor->moveCursor(m_model->size() - 1);
}

} // namespace hexmap
