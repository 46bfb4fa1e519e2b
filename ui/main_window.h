// MainWindow: menus, status bar, banners and the file's life cycle around one HexView.
// All actions are created in one place (createActions) so that menus, toolbar,
// shortcuts and tests agree on them.
#pragma once

#include "mapped_file.h"

#include <QHash>
#include <QMainWindow>
#include <memory>

class QActionGroup;
class QLabel;
class QMenu;
class QMimeData;
class QTimer;

namespace hexmap {

class HexView;
class MessageBanner;

enum class CopyFormat { Hex, Text, CArray, HexDump };

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens path in mode. On failure the window keeps what it had, shows the error in
    // the banner (with alternatives, e.g. read-only after a refused read-write) and
    // returns the error text; on success returns an empty string.
    QString openFile(const QString& path, OpenMode mode);
    void closeFile();
    // Reopens the current file in its mode, keeping the cursor where it can.
    void reload();

    // Moves the cursor to the target typed by the user; returns the reason on refusal.
    QString goToOffset(const QString& text);
    // The selection (or the byte under the cursor) in the given form, or an empty
    // string with a status message when it is too large for the clipboard.
    QString copyText(CopyFormat format);

    HexView* view() const { return m_view; }
    MessageBanner* banner() const { return m_banner; }
    const MappedFile* file() const { return m_file.get(); }
    QAction* action(const QString& name) const { return m_actions.value(name); }
    QStringList recentFiles() const;
    QString statusText() const; // the status bar's fields, joined, for tests

    // Largest selection copied to the clipboard; beyond it the copy is refused because it
    // would walk the file on the GUI thread and flood the clipboard.
    static constexpr std::uint64_t kMaxCopyBytes = 16u << 20;

    // Opens the first local file of a drop, read-only. False when there is none.
    bool openDropped(const QMimeData* mime);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void updateStatus();
    void updateTitle();
    void updateRecentMenu();
    void rememberRecent(const QString& path);
    void showOpenDialog();
    void showGotoDialog();
    void copyToClipboard(CopyFormat format);
    void checkFileOnDisk();
    void reportShrink();
    void showError(const QString& text);

    std::unique_ptr<MappedFile> m_file;
    HexView* m_view;
    MessageBanner* m_banner;
    QLabel* m_offsetLabel;
    QLabel* m_selectionLabel;
    QLabel* m_sizeLabel;
    QLabel* m_modeLabel;
    QMenu* m_recentMenu = nullptr;
    QActionGroup* m_rowWidthGroup = nullptr;
    QTimer* m_diskWatch;
    QHash<QString, QAction*> m_actions;
    bool m_shrinkReported = false;
};

} // namespace hexmap
