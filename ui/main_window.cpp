#include "main_window.h"

#include "byte_format.h"
#include "goto_dialog.h"
#include "hex_view.h"
#include "message_banner.h"
#include "number_parse.h"
#include "open_dialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace hexmap {

namespace {
constexpr int kMaxRecent = 10;

QString humanSize(std::uint64_t bytes) {
    return QLocale::system().formattedDataSize(static_cast<qint64>(bytes), 1,
                                               QLocale::DataSizeIecFormat);
}

QString hexOffset(std::uint64_t v) { return QStringLiteral("0x") + QString::number(v, 16); }
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setAcceptDrops(true);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_banner = new MessageBanner(central);
    m_view = new HexView(central);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    m_offsetLabel = new QLabel(this);
    m_selectionLabel = new QLabel(this);
    m_sizeLabel = new QLabel(this);
    m_modeLabel = new QLabel(this);
    m_modeLabel->setObjectName("modeLabel");
    statusBar()->addWidget(m_offsetLabel);
    statusBar()->addWidget(m_selectionLabel);
    statusBar()->addPermanentWidget(m_sizeLabel);
    statusBar()->addPermanentWidget(m_modeLabel);

    createActions();
    createMenus();
    connect(m_view, &HexView::cursorMoved, this, &MainWindow::updateStatus);
    connect(m_view, &HexView::damageDetected, this, &MainWindow::reportShrink);

    // A cheap fstat once a second notices a file that shrank under us even before a
    // read of a lost page does.
    m_diskWatch = new QTimer(this);
    m_diskWatch->setInterval(1000);
    connect(m_diskWatch, &QTimer::timeout, this, &MainWindow::checkFileOnDisk);
    m_diskWatch->start();

    resize(1000, 700);
    updateTitle();
    updateStatus();
}

MainWindow::~MainWindow() {
    m_view->setFile(nullptr); // the view must not outlive the mapping it reads
}

void MainWindow::createActions() {
    auto add = [this](const QString& name, const QString& text, const QKeySequence& key,
                      auto slot) {
        auto* a = new QAction(text, this);
        a->setObjectName(name);
        if (!key.isEmpty()) a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        m_actions.insert(name, a);
        addAction(a); // shortcuts work even while the menu bar is hidden
        return a;
    };
    add("open", tr("&Open..."), QKeySequence::Open, [this] { showOpenDialog(); });
    add("close", tr("&Close"), QKeySequence::Close, [this] { closeFile(); });
    add("reload", tr("&Reload"), QKeySequence(Qt::Key_F5), [this] { reload(); });
    add("quit", tr("&Quit"), QKeySequence::Quit, [this] { close(); });
    add("copy", tr("&Copy"), QKeySequence::Copy, [this] { copyToClipboard(CopyFormat::Hex); });
    add("copyHex", tr("As &Hex (de ad be ef)"), {}, [this] { copyToClipboard(CopyFormat::Hex); });
    add("copyText", tr("As &Text"), {}, [this] { copyToClipboard(CopyFormat::Text); });
    add("copyCArray", tr("As &C Array"), {}, [this] { copyToClipboard(CopyFormat::CArray); });
    add("copyHexDump", tr("As Hex &Dump (hexdump -C)"), {},
        [this] { copyToClipboard(CopyFormat::HexDump); });
    add("selectAll", tr("Select &All"), QKeySequence::SelectAll, [this] { m_view->selectAll(); });
    add("goto", tr("&Go to Offset..."), QKeySequence(Qt::CTRL | Qt::Key_G),
        [this] { showGotoDialog(); });

    m_rowWidthGroup = new QActionGroup(this);
    for (int bpr : {8, 16, 32, 0}) {
        const QString name = bpr ? QStringLiteral("bytesPerRow%1").arg(bpr) : QStringLiteral("bytesPerRowFit");
        auto* a = add(name, bpr ? tr("%1 Bytes per Row").arg(bpr) : tr("&Fit to Window"), {},
                      [this, bpr] { m_view->setBytesPerRow(bpr); });
        a->setCheckable(true);
        a->setChecked(bpr == 16);
        m_rowWidthGroup->addAction(a);
    }
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_actions["open"]);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(m_actions["reload"]);
    file->addAction(m_actions["close"]);
    file->addSeparator();
    file->addAction(m_actions["quit"]);
    updateRecentMenu();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_actions["copy"]);
    QMenu* copyAs = edit->addMenu(tr("Copy &As"));
    for (const char* name : {"copyHex", "copyText", "copyCArray", "copyHexDump"})
        copyAs->addAction(m_actions[name]);
    edit->addAction(m_actions["selectAll"]);
    edit->addSeparator();
    edit->addAction(m_actions["goto"]);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_rowWidthGroup->actions());
}

QString MainWindow::openFile(const QString& path, OpenMode mode) {
    auto result = MappedFile::open(QFile::encodeName(path).toStdString(), mode);
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
    m_view->setFile(nullptr);
    m_file = std::make_unique<MappedFile>(std::move(result).value());
    m_shrinkReported = false;
    m_banner->hide();
    m_view->setFile(m_file.get());
    m_view->setFocus();
    rememberRecent(QFileInfo(path).absoluteFilePath());
    updateTitle();
    updateStatus();
    if (mode == OpenMode::Shared)
        statusBar()->showMessage(tr("Shared mapping: edits go straight to the file."), 5000);
    return {};
}

void MainWindow::closeFile() {
    m_view->setFile(nullptr);
    m_file.reset();
    m_banner->hide();
    updateTitle();
    updateStatus();
}

void MainWindow::reload() {
    if (!m_file) return;
    const QString path = QFile::decodeName(m_file->path().c_str());
    const OpenMode mode = m_file->mode();
    const std::uint64_t cursor = m_view->cursor();
    const std::uint64_t top = m_view->topRow();
    if (openFile(path, mode).isEmpty()) {
        m_view->setTopRow(top);
        m_view->setCursor(cursor);
    }
}

void MainWindow::showError(const QString& text) {
    m_banner->showMessage(text, MessageBanner::Kind::Error);
}

void MainWindow::checkFileOnDisk() {
    if (m_file && !m_shrinkReported && m_file->sizeOnDisk() < m_file->size()) reportShrink();
}

void MainWindow::reportShrink() {
    if (!m_file || m_shrinkReported) return;
    m_shrinkReported = true;
    m_banner->showMessage(
        tr("\"%1\" shrank on disk to %2 bytes while it was open: bytes past the new size read "
           "as zeros here. Reload to see the file as it is now.")
            .arg(QFileInfo(QFile::decodeName(m_file->path().c_str())).fileName())
            .arg(m_file->sizeOnDisk()),
        MessageBanner::Kind::Warning);
    m_banner->addAction(tr("Reload"), [this] { reload(); });
}

QString MainWindow::goToOffset(const QString& text) {
    auto target = parseGotoOffset(text.toStdString(), m_view->cursor(), m_view->size());
    if (!target) return QString::fromStdString(target.error().message);
    m_view->setCursor(target.value());
    return {};
}

void MainWindow::showGotoDialog() {
    auto* dialog = new GotoDialog([this](const QString& t) { return goToOffset(t); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showOpenDialog() {
    const QStringList recent = recentFiles();
    const QString folder = recent.isEmpty() ? QDir::homePath() : QFileInfo(recent.first()).absolutePath();
    auto* dialog = new OpenDialog(folder, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!dialog->path().isEmpty()) openFile(dialog->path(), dialog->mode());
    });
    dialog->open();
}

QString MainWindow::copyText(CopyFormat format) {
    if (!m_file || m_file->size() == 0) return {};
    const std::uint64_t start = m_view->selectionStart();
    const std::uint64_t length = m_view->hasSelection() ? m_view->selectionLength() : 1;
    if (length > kMaxCopyBytes) {
        statusBar()->showMessage(tr("The selection (%1) is too large to copy; the limit is %2. "
                                    "Use \"hexmap dump\" for large ranges.")
                                     .arg(humanSize(length), humanSize(kMaxCopyBytes)),
                                 8000);
        return {};
    }
    const std::uint8_t* bytes = m_file->data() + start;
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
    statusBar()->showMessage(tr("Copied %1.").arg(humanSize(m_view->hasSelection() ? m_view->selectionLength() : 1)), 3000);
}

void MainWindow::updateTitle() {
    if (!m_file) {
        setWindowTitle(tr("hexmap"));
        return;
    }
    setWindowTitle(QStringLiteral("%1 \u2014 hexmap")
                       .arg(QFileInfo(QFile::decodeName(m_file->path().c_str())).fileName()));
}

void MainWindow::updateStatus() {
    if (!m_file) {
        m_offsetLabel->setText(tr("No file"));
        m_selectionLabel->clear();
        m_sizeLabel->clear();
        m_modeLabel->clear();
        return;
    }
    const std::uint64_t c = m_view->cursor();
    m_offsetLabel->setText(m_file->size() ? tr("Offset %1 (%2)").arg(hexOffset(c)).arg(c) : tr("Empty file"));
    m_selectionLabel->setText(m_view->hasSelection()
                                  ? tr("Selection %1 bytes").arg(m_view->selectionLength())
                                  : QString());
    m_sizeLabel->setText(tr("%1 (%2 bytes)").arg(humanSize(m_file->size())).arg(m_file->size()));
    m_modeLabel->setText(QString::fromLatin1(modeName(m_file->mode())));
}

QString MainWindow::statusText() const {
    return QStringList{m_offsetLabel->text(), m_selectionLabel->text(), m_sizeLabel->text(),
                       m_modeLabel->text()}
        .join(QStringLiteral(" | "));
}

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
        m_recentMenu->addAction(path, this, [this, path] { openFile(path, OpenMode::ReadOnly); });
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
    openFile(urls.first().toLocalFile(), OpenMode::ReadOnly);
    return true;
}

} // namespace hexmap
