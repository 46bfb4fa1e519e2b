#include "main_window.h"

#include "byte_format.h"
#include "find_bar.h"
#include "hex_bytes.h"
#include "hex_view.h"
#include "match_list_model.h"
#include "overview_strip.h"
#include "search_controller.h"
#include "message_banner.h"
#include "number_parse.h"
#include "open_dialog.h"
#include "prompt_dialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableView>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace hexmap {

namespace {
constexpr int kMaxRecent = 10;

QString humanSize(std::uint64_t bytes) {
    return QLocale::system().formattedDataSize(static_cast<qint64>(bytes), 1,
                                               QLocale::DataSizeIecFormat);
}

QString hexOffset(std::uint64_t v) { return QStringLiteral("0x") + QString::number(v, 16); }

QString fileName(const Document& doc) {
    return QFileInfo(QFile::decodeName(doc.path().c_str())).fileName();
}
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setAcceptDrops(true);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_banner = new MessageBanner(central);
    m_view = new HexView(central);
    m_overview = new OverviewStrip(central);
    m_findBar = new FindBar(central);
    m_findBar->hide();
    layout->addWidget(m_banner);
    auto* gridRow = new QHBoxLayout;
    gridRow->setSpacing(0);
    gridRow->addWidget(m_view, 1);
    gridRow->addWidget(m_overview);
    layout->addLayout(gridRow, 1);
    layout->addWidget(m_findBar);
    setCentralWidget(central);
    createSearch();

    m_offsetLabel = new QLabel(this);
    m_selectionLabel = new QLabel(this);
    m_sizeLabel = new QLabel(this);
    m_lockLabel = new QLabel(this);
    m_modeLabel = new QLabel(this);
    m_modeLabel->setObjectName("modeLabel");
    statusBar()->addWidget(m_offsetLabel);
    statusBar()->addWidget(m_selectionLabel);
    statusBar()->addPermanentWidget(m_sizeLabel);
    statusBar()->addPermanentWidget(m_lockLabel);
    statusBar()->addPermanentWidget(m_modeLabel);

    m_unsavedPrompt = [this] {
        const auto answer = QMessageBox::question(
            this, tr("Unsaved edits"),
            tr("\"%1\" has unsaved edits. Save them?").arg(m_doc ? fileName(*m_doc) : QString()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        return answer == QMessageBox::Save      ? UnsavedChoice::Save
               : answer == QMessageBox::Discard ? UnsavedChoice::Discard
                                                : UnsavedChoice::Cancel;
    };
    m_confirm = [this](const QString& question) {
        return QMessageBox::question(this, tr("hexmap"), question) == QMessageBox::Yes;
    };

    createActions();
    createMenus();
    connect(m_view, &HexView::cursorMoved, this, &MainWindow::updateStatus);
    connect(m_view, &HexView::damageDetected, this, &MainWindow::reportShrink);
    connect(m_view, &HexView::editRefused, this, &MainWindow::onEditRefused);
    connect(m_view, &HexView::statusMessage, this, [this](const QString& t) { showMessage(t); });
    connect(m_view, &HexView::edited, this, &MainWindow::afterEdit);

    // A cheap fstat once a second notices a file that shrank or grew under us, even
    // before a read of a lost page does.
    m_diskWatch = new QTimer(this);
    m_diskWatch->setInterval(1000);
    connect(m_diskWatch, &QTimer::timeout, this, &MainWindow::checkFileOnDisk);
    m_diskWatch->start();
    // MAP_SHARED pages show what other processes write at once; repainting the visible
    // rows twice a second is all it takes to show it (a frame costs ~2 ms).
    m_repaintTimer = new QTimer(this);
    m_repaintTimer->setInterval(500);
    connect(m_repaintTimer, &QTimer::timeout, this, [this] {
        if (m_doc && m_doc->mode() != OpenMode::Private && isVisible() && !isMinimized())
            m_view->viewport()->update();
    });
    m_repaintTimer->start();

    resize(1000, 700);
    updateTitle();
    updateStatus();
    updateActions();
}

MainWindow::~MainWindow() {
    // Neither a save, a search nor the view may outlive the mapping they read.
    stopSave();
    m_search->setDocument(nullptr);
    m_view->setDocument(nullptr);
}

void MainWindow::createSearch() {
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
    m_resultsDock = new QDockWidget(tr("Results"), this);
    m_resultsDock->setObjectName("resultsDock");
    m_resultsDock->setWidget(m_resultsView);
    addDockWidget(Qt::BottomDockWidgetArea, m_resultsDock);
    m_resultsDock->hide();
    auto jumpToRow = [this](const QModelIndex& index) {
        if (!index.isValid()) return;
        const Match& m = m_results->at(index.row());
        showMatch(m.offset, m.length);
    };
    connect(m_resultsView, &QTableView::doubleClicked, this, jumpToRow);
    connect(m_resultsView, &QTableView::activated, this, jumpToRow);

    m_search = new SearchController(m_view, m_findBar, m_overview, m_results, this);
    connect(m_search, &SearchController::busyChanged, this, [this](bool busy) {
        m_searchBusy = busy;
        updateEditBlocker();
    });
    connect(m_search, &SearchController::edited, this, &MainWindow::afterEdit);
    connect(m_search, &SearchController::currentRowChanged, this, [this](int row) {
        const QModelIndex index = m_results->index(row, 0);
        m_resultsView->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_resultsView->scrollTo(index);
    });
    connect(m_search, &SearchController::message, this, [this](const QString& t) { showMessage(t); });
    connect(m_findBar, &FindBar::findAll, this, [this] { m_resultsDock->show(); });
    connect(m_overview, &OverviewStrip::jumpRequested, this, [this](std::uint64_t offset) {
        const auto& all = m_results->matches();
        if (all.empty()) {
            m_view->setCursor(offset);
            return;
        }
        const std::size_t i = std::min(m_results->lowerBound(offset), all.size() - 1);
        showMatch(all[i].offset, all[i].length);
    });
    auto syncOverview = [this] {
        m_overview->setViewport(m_view->firstVisibleByte(), m_view->endVisibleByte());
    };
    connect(m_view, &HexView::scrolled, this, syncOverview);
    connect(m_view, &HexView::cursorMoved, this, syncOverview);
}

void MainWindow::showMatch(std::uint64_t offset, std::uint64_t length) {
    m_search->showMatch({offset, length});
}

void MainWindow::updateEditBlocker() {
    m_editBlocker = m_searchBusy ? tr("A search is running: edits wait until it ends (Esc cancels it).")
                    : saving()   ? tr("Saving a copy: edits wait until it is written.")
                                 : QString();
    m_view->setEditBlocker(m_editBlocker);
    updateActions();
}

bool MainWindow::refuseIfBusy(QString* reason) {
    if (m_editBlocker.isEmpty()) return false;
    *reason = m_editBlocker;
    showMessage(m_editBlocker);
    return true;
}

void MainWindow::createActions() {
    auto add = [this](const QString& name, const QString& text, const QList<QKeySequence>& keys,
                      auto slot) {
        auto* a = new QAction(text, this);
        a->setObjectName(name);
        a->setShortcuts(keys);
        connect(a, &QAction::triggered, this, slot);
        m_actions.insert(name, a);
        addAction(a); // shortcuts work even while the menu bar is hidden
        return a;
    };
    add("open", tr("&Open..."), {QKeySequence::Open}, [this] { showOpenDialog(); });
    add("close", tr("&Close"), {QKeySequence::Close}, [this] { closeFile(); });
    add("reload", tr("&Reload"), {QKeySequence(Qt::Key_F5)}, [this] { reload(); });
    add("reopenReadOnly", tr("Reopen &Read-only"), {}, [this] { reopenAs(OpenMode::ReadOnly); });
    add("reopenShared", tr("Reopen Read-write &Shared"), {}, [this] { reopenAs(OpenMode::Shared); });
    add("reopenPrivate", tr("Reopen &Private (copy-on-write)"), {}, [this] { reopenAs(OpenMode::Private); });
    add("save", tr("&Save"), {QKeySequence::Save}, [this] { save(); });
    add("saveAs", tr("Save &As..."), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)},
        [this] { showSaveAsDialog(); });
    add("revert", tr("Re&vert"), {}, [this] { revert(); });
    add("quit", tr("&Quit"), {QKeySequence::Quit}, [this] { close(); });

    add("undo", tr("&Undo"), {QKeySequence(Qt::CTRL | Qt::Key_Z)}, [this] { undo(); });
    add("redo", tr("&Redo"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)},
        [this] { redo(); });
    add("copy", tr("&Copy"), {QKeySequence::Copy}, [this] { copyToClipboard(CopyFormat::Hex); });
    add("copyHex", tr("As &Hex (de ad be ef)"), {}, [this] { copyToClipboard(CopyFormat::Hex); });
    add("copyText", tr("As &Text"), {}, [this] { copyToClipboard(CopyFormat::Text); });
    add("copyCArray", tr("As &C Array"), {}, [this] { copyToClipboard(CopyFormat::CArray); });
    add("copyHexDump", tr("As Hex &Dump (hexdump -C)"), {},
        [this] { copyToClipboard(CopyFormat::HexDump); });
    add("paste", tr("&Paste Over"), {QKeySequence::Paste}, [this] {
        const QString error = paste(QApplication::clipboard()->text());
        if (!error.isEmpty()) showMessage(error);
    });
    add("fill", tr("&Fill Selection..."), {}, [this] { showFillDialog(); });
    add("selectAll", tr("Select &All"), {QKeySequence::SelectAll}, [this] { m_view->selectAll(); });
    add("resize", tr("Re&size..."), {}, [this] { showResizeDialog(); });
    auto* lock = add("writeProtect", tr("&Write Protect"),
                     {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)}, [this](bool on) {
                         const QString error = setWriteProtected(on);
                         if (!error.isEmpty()) showError(error);
                     });
    lock->setCheckable(true);
    lock->setIconText(tr("Lock"));
    add("goto", tr("&Go to Offset..."), {QKeySequence(Qt::CTRL | Qt::Key_G)},
        [this] { showGotoDialog(); });
    add("find", tr("&Find..."), {QKeySequence::Find}, [this] { m_findBar->focusPattern(); });
    add("findNext", tr("Find &Next"), {QKeySequence(Qt::Key_F3)}, [this] {
        if (m_findBar->patternText().isEmpty()) m_findBar->focusPattern();
        else m_search->findNext();
    });
    add("findPrevious", tr("Find Pre&vious"), {QKeySequence(Qt::SHIFT | Qt::Key_F3)}, [this] {
        if (m_findBar->patternText().isEmpty()) m_findBar->focusPattern();
        else m_search->findPrevious();
    });
    add("findAll", tr("Find A&ll"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F)}, [this] {
        if (m_findBar->patternText().isEmpty()) {
            m_findBar->focusPattern();
            return;
        }
        m_resultsDock->show();
        m_search->findAll();
    });

    m_rowWidthGroup = new QActionGroup(this);
    for (int bpr : {8, 16, 32, 0}) {
        const QString name = bpr ? QStringLiteral("bytesPerRow%1").arg(bpr) : QStringLiteral("bytesPerRowFit");
        auto* a = add(name, bpr ? tr("%1 Bytes per Row").arg(bpr) : tr("&Fit to Window"), {},
                      [this, bpr] { m_view->setBytesPerRow(bpr); });
        a->setCheckable(true);
        a->setChecked(bpr == 16);
        m_rowWidthGroup->addAction(a);
    }
    auto* follow = add("followEnd", tr("Follow &End (like tail -f)"), {}, [this](bool on) { setFollowEnd(on); });
    follow->setCheckable(true);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_actions["open"]);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    QMenu* reopen = file->addMenu(tr("Reopen &As"));
    reopen->addAction(m_actions["reopenReadOnly"]);
    reopen->addAction(m_actions["reopenShared"]);
    reopen->addAction(m_actions["reopenPrivate"]);
    file->addAction(m_actions["reload"]);
    file->addSeparator();
    file->addAction(m_actions["save"]);
    file->addAction(m_actions["saveAs"]);
    file->addAction(m_actions["revert"]);
    file->addSeparator();
    file->addAction(m_actions["close"]);
    file->addAction(m_actions["quit"]);
    updateRecentMenu();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_actions["undo"]);
    edit->addAction(m_actions["redo"]);
    edit->addSeparator();
    edit->addAction(m_actions["copy"]);
    QMenu* copyAs = edit->addMenu(tr("Copy &As"));
    for (const char* name : {"copyHex", "copyText", "copyCArray", "copyHexDump"})
        copyAs->addAction(m_actions[name]);
    edit->addAction(m_actions["paste"]);
    edit->addAction(m_actions["fill"]);
    edit->addAction(m_actions["selectAll"]);
    edit->addSeparator();
    edit->addAction(m_actions["resize"]);
    edit->addAction(m_actions["writeProtect"]);
    edit->addSeparator();
    edit->addAction(m_actions["goto"]);

    QMenu* search = menuBar()->addMenu(tr("&Search"));
    for (const char* name : {"find", "findNext", "findPrevious", "findAll"})
        search->addAction(m_actions[name]);
    search->addAction(m_resultsDock->toggleViewAction());

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_rowWidthGroup->actions());
    view->addSeparator();
    view->addAction(m_actions["followEnd"]);

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName("mainToolBar");
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (const char* name : {"open", "save", "undo", "redo", "writeProtect", "followEnd"})
        bar->addAction(m_actions[name]);
}

// --- the document's life cycle ------------------------------------------------------------

QString MainWindow::openFile(const QString& path, OpenMode mode) {
    auto result = Document::open(QFile::encodeName(path).toStdString(), mode);
    if (!result) {
        const QString message = QString::fromStdString(result.error().message);
        showError(message);
        const int code = result.error().code;
        if (mode == OpenMode::Shared && (code == EACCES || code == EPERM || code == EROFS)) {
            m_banner->addAction(tr("Open Read-only"), [this, path] { openFile(path, OpenMode::ReadOnly); });
            m_banner->addAction(tr("Open Private"), [this, path] { openFile(path, OpenMode::Private); });
        }
        return message;
    }
    stopSave();
    m_search->setDocument(nullptr);
    m_view->setDocument(nullptr);
    m_doc = std::make_unique<Document>(std::move(result).value());
    m_shrinkReported = false;
    m_growthReportedAt = 0;
    m_banner->hide();
    m_view->setDocument(m_doc.get());
    m_search->setDocument(m_doc.get());
    m_view->setFocus();
    rememberRecent(QFileInfo(path).absoluteFilePath());
    m_actions["writeProtect"]->setChecked(false);
    updateTitle();
    updateStatus();
    updateActions();
    if (mode == OpenMode::Shared)
        showMessage(tr("Shared mapping: edits go straight to the file."));
    return {};
}

bool MainWindow::maybeKeepEdits() {
    if (!m_doc || !m_doc->isModified()) return true;
    switch (m_unsavedPrompt()) {
    case UnsavedChoice::Save: return save().isEmpty();
    case UnsavedChoice::Discard: {
        // Shared mode: the edits are already in the file; discarding puts the original
        // bytes back from the journal.
        const QString error = revert();
        if (!error.isEmpty()) showError(error);
        return error.isEmpty();
    }
    case UnsavedChoice::Cancel: return false;
    }
    return false;
}

bool MainWindow::closeFile() {
    if (!maybeKeepEdits()) return false;
    stopSave();
    m_search->setDocument(nullptr);
    m_view->setDocument(nullptr);
    m_doc.reset();
    m_banner->hide();
    updateTitle();
    updateStatus();
    updateActions();
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (maybeKeepEdits()) event->accept();
    else event->ignore();
}

void MainWindow::reopenAs(OpenMode mode) {
    if (!m_doc || !maybeKeepEdits()) return;
    const QString path = QFile::decodeName(m_doc->path().c_str());
    const std::uint64_t cursor = m_view->cursor();
    const std::uint64_t top = m_view->topRow();
    if (openFile(path, mode).isEmpty()) {
        m_view->setTopRow(top);
        m_view->setCursor(cursor);
    }
}

void MainWindow::reload() {
    if (m_doc) reopenAs(m_doc->mode());
}

// --- errors and messages -------------------------------------------------------------------

void MainWindow::showError(const QString& text) {
    m_banner->showMessage(text, MessageBanner::Kind::Error);
}

void MainWindow::showMessage(const QString& text, int ms) {
    m_lastMessage = text;
    statusBar()->showMessage(text, ms);
}

QString MainWindow::resultText(const Status& status) const {
    return status ? QString() : QString::fromStdString(status.error().message);
}

void MainWindow::onEditRefused(const QString& reason) {
    showMessage(reason);
    if (m_doc && m_doc->mode() == OpenMode::ReadOnly && !m_banner->isVisible()) {
        m_banner->showMessage(tr("The file is open read-only. Reopen it to edit:"),
                              MessageBanner::Kind::Info);
        m_banner->addAction(tr("Reopen Private"), [this] { reopenAs(OpenMode::Private); });
        m_banner->addAction(tr("Reopen Read-write"), [this] { reopenAs(OpenMode::Shared); });
    }
}

void MainWindow::afterEdit() {
    m_search->documentEdited();
    m_view->viewport()->update();
    updateTitle();
    updateStatus();
    updateActions();
}

// --- changes on disk -----------------------------------------------------------------------

void MainWindow::checkFileOnDisk() {
    if (!m_doc) return;
    // A private document with edits may have its own size; the file's size then says
    // nothing about what we show.
    if (m_doc->mode() == OpenMode::Private && m_doc->isModified()) return;
    const std::uint64_t onDisk = m_doc->sizeOnDisk();
    if (onDisk < m_doc->size()) {
        reportShrink();
    } else if (onDisk > m_doc->size()) {
        if (m_followEnd && !m_doc->damaged()) {
            auto grew = m_doc->followGrowth();
            if (grew && grew.value()) {
                m_view->documentResized();
                m_view->setCursor(m_doc->size() - 1);
                updateStatus();
                return;
            }
        }
        if (m_growthReportedAt != onDisk) reportGrowth();
    }
}

void MainWindow::reportShrink() {
    if (!m_doc || m_shrinkReported) return;
    m_shrinkReported = true;
    if (m_doc->file().writeFailed()) {
        m_banner->showMessage(
            tr("A write to \"%1\" could not be stored: the disk is full. The bytes shown there "
               "exist only in this window, and saving over the file is blocked. Use Save As to "
               "keep them on another disk.")
                .arg(fileName(*m_doc)),
            MessageBanner::Kind::Error);
        m_banner->addAction(tr("Save As..."), [this] { showSaveAsDialog(); });
        return;
    }
    m_banner->showMessage(
        tr("\"%1\" shrank on disk to %2 bytes while it was open: bytes past the new size read "
           "as zeros here, and saving over it is blocked. Reload to see the file as it is now.")
            .arg(fileName(*m_doc))
            .arg(m_doc->sizeOnDisk()),
        MessageBanner::Kind::Warning);
    m_banner->addAction(tr("Reload"), [this] { reload(); });
}

void MainWindow::reportGrowth() {
    m_growthReportedAt = m_doc->sizeOnDisk();
    m_banner->showMessage(tr("\"%1\" grew on disk to %2 bytes. Reload to see the new bytes, or "
                             "turn on View > Follow End to follow it as it grows.")
                              .arg(fileName(*m_doc))
                              .arg(m_growthReportedAt),
                          MessageBanner::Kind::Info);
    m_banner->addAction(tr("Reload"), [this] { reload(); });
    m_banner->addAction(tr("Follow End"), [this] { m_actions["followEnd"]->setChecked(true); setFollowEnd(true); });
}

void MainWindow::setFollowEnd(bool on) {
    m_followEnd = on;
    m_actions["followEnd"]->setChecked(on);
    // Following wants a quicker look than the once-a-second watch.
    m_diskWatch->setInterval(on ? 250 : 1000);
    if (on && m_doc) {
        m_banner->hide();
        checkFileOnDisk();
        if (m_doc->size()) m_view->setCursor(m_doc->size() - 1);
    }
}

// --- editing -------------------------------------------------------------------------------

QString MainWindow::paste(const QString& clipboardText) {
    if (!m_doc) return tr("No file is open.");
    if (QString busy; refuseIfBusy(&busy)) return busy;
    if (clipboardText.isEmpty()) return tr("The clipboard holds no text.");
    // In the hex column, text that reads as hex is bytes; otherwise it is text (UTF-8).
    std::vector<std::uint8_t> bytes;
    auto hex = parseHexBytes(clipboardText.toStdString());
    if (m_view->activeArea() != GridLayout::Area::Text && hex) {
        bytes = std::move(hex).value();
    } else {
        const QByteArray utf8 = clipboardText.toUtf8();
        bytes.assign(utf8.begin(), utf8.end());
    }
    const std::uint64_t at = m_doc->size() ? m_view->cursor() : 0;
    std::uint64_t n = bytes.size();
    if (at + n > m_doc->size()) {
        const std::uint64_t extra = at + n - m_doc->size();
        if (m_confirm(tr("The paste runs %1 bytes past the end of the file. Extend the file?").arg(extra))) {
            if (QString e = resultText(m_doc->resize(at + n)); !e.isEmpty()) return e;
            m_view->documentResized();
        } else {
            n = m_doc->size() - at;
            if (n == 0) return tr("Nothing pasted: the cursor is at the end of the file.");
        }
    }
    const QString error = resultText(m_doc->overwrite(at, bytes.data(), n, Document::EditKind::Paste));
    if (!error.isEmpty()) {
        onEditRefused(error);
        return error;
    }
    m_view->setCursor(std::min(at + n, m_doc->size() - 1));
    afterEdit();
    showMessage(tr("Pasted %1 bytes at %2.").arg(n).arg(hexOffset(at)));
    return {};
}

QString MainWindow::fillSelection(const QString& hexPattern) {
    if (!m_doc || m_doc->size() == 0) return tr("No bytes to fill.");
    if (QString busy; refuseIfBusy(&busy)) return busy;
    auto pattern = parseHexBytes(hexPattern.toStdString());
    if (!pattern) return QString::fromStdString(pattern.error().message);
    const std::uint64_t start = m_view->selectionStart();
    const std::uint64_t length = m_view->hasSelection() ? m_view->selectionLength() : 1;
    const QString error = resultText(m_doc->fill(start, length, pattern.value()));
    if (!error.isEmpty()) return error;
    afterEdit();
    showMessage(tr("Filled %1 bytes.").arg(length));
    return {};
}

QString MainWindow::resizeTo(const QString& sizeText) {
    if (!m_doc) return tr("No file is open.");
    if (QString busy; refuseIfBusy(&busy)) return busy;
    auto size = parseSize(sizeText.toStdString());
    if (!size) return QString::fromStdString(size.error().message);
    const QString error = resultText(m_doc->resize(size.value()));
    if (!error.isEmpty()) return error;
    m_view->documentResized();
    afterEdit();
    showMessage(tr("The document is now %1 bytes.").arg(m_doc->size()));
    return {};
}

QString MainWindow::undo() { return stepHistory(false); }
QString MainWindow::redo() { return stepHistory(true); }

QString MainWindow::stepHistory(bool forward) {
    if (!m_doc || !(forward ? m_doc->canRedo() : m_doc->canUndo()))
        return forward ? tr("Nothing to redo.") : tr("Nothing to undo.");
    if (QString busy; refuseIfBusy(&busy)) return busy;
    const std::uint64_t before = m_doc->size();
    const QString error = resultText(forward ? m_doc->redo() : m_doc->undo());
    if (!error.isEmpty()) {
        showMessage(error);
        return error;
    }
    if (m_doc->size() != before) m_view->documentResized();
    if (m_doc->size()) m_view->setCursor(m_doc->lastChangeOffset());
    afterEdit();
    return {};
}

QString MainWindow::save() {
    if (!m_doc) return tr("No file is open.");
    if (!m_doc->canSave()) {
        showSaveAsDialog();
        return tr("This file cannot be written in place; use Save As.");
    }
    const QString error = resultText(m_doc->save());
    if (!error.isEmpty()) {
        showError(error);
        return error;
    }
    afterEdit();
    showMessage(tr("Saved \"%1\".").arg(fileName(*m_doc)));
    return {};
}

QString MainWindow::saveAs(const QString& path) {
    if (!m_doc) return tr("No file is open.");
    if (QString busy; refuseIfBusy(&busy)) return busy;
    m_saveCancel = false;
    m_saveDone = 0;
    m_saveTotal = 0;
    const std::string target = QFile::encodeName(path).toStdString();
    const Document* doc = m_doc.get();
    // The copy reads the mapping on a worker; the document stays open and unedited until
    // finishSaveAs runs on this thread (stopSave joins it first if the window closes).
    m_saveThread = std::thread([this, doc, target, path] {
        const Status st = doc->writeCopy(target, [this](std::uint64_t done, std::uint64_t total) {
            m_saveDone = done;
            m_saveTotal = total;
            return !m_saveCancel.load();
        });
        QMetaObject::invokeMethod(this, [this, path, st] { finishSaveAs(path, st); },
                                  Qt::QueuedConnection);
    });
    updateEditBlocker();
    m_saveProgress = new QProgressDialog(tr("Saving a copy as \"%1\"\u2026").arg(path), tr("Cancel"),
                                         0, 1000, this);
    m_saveProgress->setObjectName("saveProgress");
    m_saveProgress->setWindowModality(Qt::WindowModal);
    m_saveProgress->setMinimumDuration(400); // quick saves never show it
    m_saveProgress->setAutoClose(false);
    m_saveProgress->setAutoReset(false);
    connect(m_saveProgress, &QProgressDialog::canceled, this, &MainWindow::cancelSave);
    auto* poll = new QTimer(m_saveProgress);
    connect(poll, &QTimer::timeout, this, [this] {
        if (m_saveProgress && m_saveTotal)
            m_saveProgress->setValue(static_cast<int>(m_saveDone * 1000 / m_saveTotal));
    });
    poll->start(100);
    return {};
}

void MainWindow::stopSave() {
    if (!m_saveThread.joinable()) return;
    m_saveCancel = true;
    m_saveThread.join();
    delete m_saveProgress;
    m_saveProgress = nullptr;
    updateEditBlocker();
}

void MainWindow::finishSaveAs(const QString& path, const Status& status) {
    if (!m_saveThread.joinable()) return; // stopSave already ended it
    m_saveThread.join();
    delete m_saveProgress;
    m_saveProgress = nullptr;
    updateEditBlocker();
    QString error = resultText(status);
    if (error.isEmpty()) error = resultText(m_doc->adoptCopy(QFile::encodeName(path).toStdString()));
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    rememberRecent(QFileInfo(path).absoluteFilePath());
    m_view->documentResized();
    afterEdit();
    showMessage(tr("Saved as \"%1\".").arg(path));
}

QString MainWindow::revert() {
    if (!m_doc) return tr("No file is open.");
    if (QString busy; refuseIfBusy(&busy)) return busy;
    const std::uint64_t before = m_doc->size();
    const QString error = resultText(m_doc->revert());
    if (!error.isEmpty()) return error;
    if (m_doc->size() != before) m_view->documentResized();
    afterEdit();
    return {};
}

QString MainWindow::setWriteProtected(bool locked) {
    if (!m_doc) return tr("No file is open.");
    const QString error = resultText(m_doc->setWriteProtected(locked));
    m_actions["writeProtect"]->setChecked(m_doc->writeProtected());
    updateStatus();
    updateActions();
    if (error.isEmpty())
        showMessage(locked ? tr("Write-protected: the mapping is read-only (mprotect) until you unlock it.")
                           : tr("Unlocked: edits are allowed again."));
    return error;
}

// --- dialogs ---------------------------------------------------------------------------------

void MainWindow::showGotoDialog() {
    auto* dialog = new PromptDialog(
        tr("Go to Offset"),
        tr("Offset: decimal, 0x hex, or +N / -N from the cursor (e.g. 4096, 0x1000, +0x10, 64K)"),
        [this](const QString& t) { return goToOffset(t); }, this);
    dialog->setObjectName("gotoDialog");
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showFillDialog() {
    if (!m_doc) return;
    const std::uint64_t length = m_view->hasSelection() ? m_view->selectionLength() : 1;
    auto* dialog = new PromptDialog(
        tr("Fill Selection"),
        tr("Fill %1 bytes from %2 with a byte or a repeated hex pattern (e.g. 00, de ad be ef):")
            .arg(length)
            .arg(hexOffset(m_view->selectionStart())),
        [this](const QString& t) { return fillSelection(t); }, this);
    dialog->setObjectName("fillDialog");
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showResizeDialog() {
    if (!m_doc) return;
    auto* dialog = new PromptDialog(
        tr("Resize"),
        tr("New size of \"%1\", now %2 bytes (e.g. 4096, 0x1000, 64K, 1.5G):")
            .arg(fileName(*m_doc))
            .arg(m_doc->size()),
        [this](const QString& t) { return resizeTo(t); }, this);
    dialog->setObjectName("resizeDialog");
    dialog->setDescriber([this](const QString& t) -> QString {
        auto size = parseSize(t.toStdString());
        if (!size || !m_doc) return {};
        const std::uint64_t now = m_doc->size(), next = size.value();
        QString text;
        if (next > now)
            text = tr("Extends the file by %1 bytes of zeros (sparse on disk).").arg(next - now);
        else if (next < now)
            text = tr("Shrinks the file: the last %1 bytes will be lost.").arg(now - next);
        else
            return tr("That is the current size.");
        if (m_doc->mode() == OpenMode::Shared) text += tr(" The file changes at once.");
        if (!m_doc->resizeIsUndoable(next))
            text += tr(" This cannot be undone (more than %1 would be lost).")
                        .arg(humanSize(Document::kMaxUndoableShrink));
        return text;
    });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showSaveAsDialog() {
    if (!m_doc) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save As"),
                                                      QFile::decodeName(m_doc->path().c_str()));
    if (!path.isEmpty()) saveAs(path);
}

QString MainWindow::goToOffset(const QString& text) {
    auto target = parseGotoOffset(text.toStdString(), m_view->cursor(), m_view->size());
    if (!target) return QString::fromStdString(target.error().message);
    m_view->setCursor(target.value());
    return {};
}

void MainWindow::showOpenDialog() {
    const QStringList recent = recentFiles();
    const QString folder = recent.isEmpty() ? QDir::homePath() : QFileInfo(recent.first()).absolutePath();
    auto* dialog = new OpenDialog(folder, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!dialog->path().isEmpty() && maybeKeepEdits()) openFile(dialog->path(), dialog->mode());
    });
    dialog->open();
}

// --- copy ----------------------------------------------------------------------------------

QString MainWindow::copyText(CopyFormat format) {
    if (!m_doc || m_doc->size() == 0) return {};
    const std::uint64_t start = m_view->selectionStart();
    const std::uint64_t length = m_view->hasSelection() ? m_view->selectionLength() : 1;
    if (length > kMaxCopyBytes) {
        showMessage(tr("The selection (%1) is too large to copy; the limit is %2. "
                       "Use \"hexmap dump\" for large ranges.")
                        .arg(humanSize(length), humanSize(kMaxCopyBytes)),
                    8000);
        return {};
    }
    const std::uint8_t* bytes = m_doc->data() + start;
    const auto n = static_cast<std::size_t>(length);
    switch (format) {
    case CopyFormat::Hex: return QString::fromStdString(formatHex(bytes, n));
    case CopyFormat::Text: return QString::fromUtf8(reinterpret_cast<const char*>(bytes), static_cast<qsizetype>(n));
    case CopyFormat::CArray: return QString::fromStdString(formatCArray(bytes, n));
    case CopyFormat::HexDump: return QString::fromStdString(formatHexdump(start, bytes, n));
    }
    return {};
}

void MainWindow::copyToClipboard(CopyFormat format) {
    const QString text = copyText(format);
    if (text.isEmpty()) return;
    QApplication::clipboard()->setText(text);
    showMessage(tr("Copied %1.").arg(humanSize(m_view->hasSelection() ? m_view->selectionLength() : 1)), 3000);
}

// --- status --------------------------------------------------------------------------------

void MainWindow::updateTitle() {
    if (!m_doc) {
        setWindowTitle(tr("hexmap"));
        setWindowModified(false);
        return;
    }
    setWindowTitle(QStringLiteral("%1[*] \u2014 hexmap").arg(fileName(*m_doc)));
    setWindowModified(m_doc->isModified());
}

void MainWindow::updateActions() {
    const bool open = m_doc != nullptr;
    const bool editable = open && m_doc->mode() != OpenMode::ReadOnly;
    for (const char* name : {"find", "findNext", "findPrevious", "findAll"})
        m_actions[name]->setEnabled(open);
    m_actions["undo"]->setEnabled(open && m_doc->canUndo());
    m_actions["redo"]->setEnabled(open && m_doc->canRedo());
    m_actions["save"]->setEnabled(editable);
    m_actions["saveAs"]->setEnabled(open && !saving());
    m_actions["revert"]->setEnabled(editable && m_doc->isModified());
    m_actions["paste"]->setEnabled(editable);
    m_actions["fill"]->setEnabled(editable);
    m_actions["resize"]->setEnabled(editable);
    QAction* lock = m_actions["writeProtect"];
    lock->setEnabled(editable);
    lock->setToolTip(!open       ? tr("Open a file first.")
                     : !editable ? tr("The file is open read-only: there is nothing to protect. "
                                      "Reopen it private or read-write to edit.")
                                 : tr("Make the mapping read-only with mprotect (Ctrl+Shift+L)."));
    for (const char* name : {"close", "reload", "reopenReadOnly", "reopenShared", "reopenPrivate",
                             "copy", "goto", "selectAll", "followEnd"})
        m_actions[name]->setEnabled(open);
}

void MainWindow::updateStatus() {
    if (!m_doc) {
        m_offsetLabel->setText(tr("No file"));
        m_selectionLabel->clear();
        m_sizeLabel->clear();
        m_lockLabel->clear();
        m_modeLabel->clear();
        return;
    }
    const std::uint64_t c = m_view->cursor();
    m_offsetLabel->setText(m_doc->size() ? tr("Offset %1 (%2)").arg(hexOffset(c)).arg(c) : tr("Empty file"));
    m_selectionLabel->setText(m_view->hasSelection()
                                  ? tr("Selection %1 bytes").arg(m_view->selectionLength())
                                  : QString());
    m_sizeLabel->setText(tr("%1 (%2 bytes)").arg(humanSize(m_doc->size())).arg(m_doc->size()));
    m_lockLabel->setText(m_doc->writeProtected() ? tr("LOCKED (write-protected)") : QString());
    switch (m_doc->mode()) {
    case OpenMode::ReadOnly: m_modeLabel->setText(tr("read-only")); break;
    case OpenMode::Shared: m_modeLabel->setText(tr("shared: edits go straight to the file")); break;
    case OpenMode::Private: m_modeLabel->setText(tr("private: edits stay here until saved")); break;
    }
}

QString MainWindow::statusText() const {
    return QStringList{m_offsetLabel->text(), m_selectionLabel->text(), m_sizeLabel->text(),
                       m_lockLabel->text(), m_modeLabel->text()}
        .join(QStringLiteral(" | "));
}

// --- recent files, drag and drop -------------------------------------------------------------

QStringList MainWindow::recentFiles() const {
    return QSettings().value("recentFiles").toStringList();
}

void MainWindow::rememberRecent(const QString& path) {
    QStringList recent = recentFiles();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent) recent.removeLast();
    QSettings().setValue("recentFiles", recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    for (const QString& path : recent)
        m_recentMenu->addAction(path, this, [this, path] {
            if (maybeKeepEdits()) openFile(path, OpenMode::ReadOnly);
        });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    if (openDropped(event->mimeData())) event->acceptProposedAction();
}

bool MainWindow::openDropped(const QMimeData* mime) {
    const QList<QUrl> urls = mime->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile()) return false;
    if (maybeKeepEdits()) openFile(urls.first().toLocalFile(), OpenMode::ReadOnly);
    return true;
}

} // namespace hexmap
