// SPDX-License-Identifier: MIT
// MainWindow: opening (and failing to), the banner for a file that shrank on disk,
// go-to, copy formats, recent files, drag and drop, status bar and title.
#include "prompt_dialog.h"
#include "raw_arguments.h"
#include "window_driver.h"
#include "open_dialog.h"
#include "preferences_dialog.h"
#include "lines_view.h"
#include "keys_dialog.h"
#include "theme.h"
#include "temp_files.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTableWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QtTest>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hexmap;

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;
    QString m_small;


private slots:
    void initTestCase() {
        testutil::isolateSettings(m_config);
        QByteArray bytes;
        for (int i = 0; i < 4096; ++i) bytes += char(i & 0xff);
        m_small = QString::fromStdString(testutil::writeFile(m_dir, "small.bin", bytes));
    }

    void opensAndShowsTitleAndStatus() {
        Driver d;
        d.w.show();
        QCOMPARE(d.w.windowTitle(), QString("hexmap"));
        QCOMPARE(said(d.w.openFile(m_small, OpenMode::ReadOnly)), QString());
        QCOMPARE(d.w.windowTitle().remove("[*]"), QString("small.bin \u2014 hexmap"));
        QVERIFY(d.view()->hasFocus() || QApplication::focusWidget() == d.view() || !d.w.isActiveWindow());
        QTest::keyClick(d.view(), Qt::Key_Right);
        QTest::keyClick(d.view(), Qt::Key_Right, Qt::ShiftModifier);
        const QString status = d.w.statusText();
        QVERIFY2(status.contains("Offset 0x2 (2)"), qPrintable(status));
        QVERIFY2(status.contains("Selection 2 bytes"), qPrintable(status));
        QVERIFY2(status.contains("4096 bytes"), qPrintable(status));
        QVERIFY2(status.endsWith("read-only"), qPrintable(status));
        QCOMPARE(d.w.session()->recentFiles().first(), m_small);
        // Open Recent > Clear Menu empties it (and the menu says so by being disabled).
        auto* clear = d.w.findChild<QAction*>("clearRecent");
        QVERIFY(clear);
        clear->trigger();
        QTRY_VERIFY(d.w.session()->recentFiles().isEmpty());
        QTRY_VERIFY(!d.w.findChild<QAction*>("clearRecent"));
    }

    void openErrorsShowInTheBannerAndKeepTheFile_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << m_dir.filePath("missing.bin") << "does not exist";
        QTest::newRow("directory") << m_dir.path() << "is a folder";
        QTest::newRow("device") << "/dev/zero" << "character device";
        QTest::newRow("proc") << "/proc/self/maps" << "virtual file";
    }
    void openErrorsShowInTheBannerAndKeepTheFile() {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        Driver d;
        d.w.show();
        QCOMPARE(said(d.w.openFile(m_small, OpenMode::ReadOnly)), QString());
        const UiStatus error = d.w.openFile(path, OpenMode::ReadOnly);
        QVERIFY2(said(error).contains(expected), qPrintable(said(error)));
        QVERIFY(d.w.banner()->isVisible());
        QCOMPARE(d.w.banner()->text(), said(error));
        QCOMPARE(d.w.banner()->kind(), MessageBanner::Kind::Error);
        QVERIFY(d.document() != nullptr); // the open file stays open
        QCOMPARE(d.w.tabs()->count(), 1);
        QCOMPARE(d.w.windowTitle().remove("[*]"), QString("small.bin \u2014 hexmap"));
    }

    void fifoDoesNotHang() {
        const QString fifo = m_dir.filePath("pipe");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0644), 0);
        Driver d;
        const UiStatus error = d.w.openFile(fifo, OpenMode::ReadOnly);
        QVERIFY(said(error).contains("FIFO"));
    }

    void emptyFile() {
        const QString path = QString::fromStdString(testutil::writeFile(m_dir, "empty.bin", {}));
        Driver d;
        d.w.show();
        QCOMPARE(said(d.w.openFile(path, OpenMode::ReadOnly)), QString());
        QVERIFY(d.w.statusText().contains("Empty file"));
        QVERIFY(d.goToOffset("0").contains("empty"));
        QCOMPARE(d.copyText(CopyFormat::Hex), QString());
    }

    void shrinkOnDiskShowsBannerAndReloads() {
        QByteArray bytes(64 * 1024, 'x');
        const QString path = QString::fromStdString(testutil::writeFile(m_dir, "shrink.bin", bytes));
        Driver d;
        d.w.resize(900, 500);
        d.w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d.w));
        QCOMPARE(said(d.w.openFile(path, OpenMode::ReadOnly)), QString());
        d.view()->moveCursor(40000);
        // Another process truncates the file under us.
        QCOMPARE(::truncate(QFile::encodeName(path).constData(), 100), 0);
        // Painting the lost rows reads lost pages: zeros, not a crash.
        d.view()->viewport()->repaint();
        QVERIFY(d.document()->damaged());
        QCOMPARE(d.document()->view().at(40000), std::uint8_t(0));
        QTRY_VERIFY(d.banner()->isVisible());
        QVERIFY(d.banner()->text().contains("shrank on disk"));
        QVERIFY(d.banner()->text().contains("zeros"));
        QPushButton* reload = d.bannerButton(d.banner(), "Reload");
        QVERIFY(reload);
        reload->click();
        QCOMPARE(d.document()->size(), std::uint64_t(100));
        QVERIFY(!d.document()->damaged());
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(99)); // kept where it can be
        QVERIFY(!d.banner()->isVisible());
    }

    void shrinkNoticedWithoutReadingLostPages() {
        QByteArray bytes(64 * 1024, 'y');
        const QString path = QString::fromStdString(testutil::writeFile(m_dir, "shrink2.bin", bytes));
        Driver d;
        d.w.show();
        QCOMPARE(said(d.w.openFile(path, OpenMode::ReadOnly)), QString());
        QCOMPARE(::truncate(QFile::encodeName(path).constData(), 10), 0);
        QTRY_VERIFY_WITH_TIMEOUT(d.banner()->isVisible(), 3000); // the fstat watch
        QVERIFY(d.banner()->text().contains("shrank on disk to 10 bytes"));
    }

    void gotoDialogRefusesAndJumps() {
        Driver d;
        d.w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d.w));
        QCOMPARE(said(d.w.openFile(m_small, OpenMode::ReadOnly)), QString());
        d.w.actions().gotoOffset->trigger();
        auto* dialog = d.w.findChild<PromptDialog*>("gotoDialog");
        QVERIFY(dialog);
        QTest::keyClicks(dialog->input(), "0x1000");
        QTest::keyClick(dialog->input(), Qt::Key_Return);
        QVERIFY(dialog->isVisible()); // refused, not clamped
        QVERIFY2(dialog->errorText().contains("past the end"), qPrintable(dialog->errorText()));
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(0));
        dialog->input()->clear();
        QTest::keyClicks(dialog->input(), "0xfff");
        QTest::keyClick(dialog->input(), Qt::Key_Return);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(0xfff));
        QVERIFY(d.goToOffset("-0x10").isEmpty());
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(0xfef));
        QVERIFY(!d.goToOffset("+0x11").isEmpty());
        QVERIFY(d.goToOffset("bogus").contains("not a valid number"));
    }

    void dialogsGrowWithWhatTheySay() {
        // Bug: Go To, Resize and Fill clipped their hint and warning lines.
        Driver d;
        d.open(m_small, OpenMode::Private);
        d.w.actions().resize->trigger();
        auto* dialog = d.w.findChild<PromptDialog*>("resizeDialog");
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto labelsFit = [&] {
            QTest::qWait(20);
            for (QLabel* label : dialog->findChildren<QLabel*>()) {
                if (!label->isVisible() || label->text().isEmpty()) continue;
                QVERIFY2(label->geometry().bottom() <= dialog->height(), qPrintable(label->text()));
                QVERIFY2(label->height() >= label->heightForWidth(label->width()), qPrintable(label->text()));
            }
        };
        QTest::keyClicks(dialog->input(), "1"); // "Shrinks the file: the last 4095 bytes..."
        QVERIFY(!dialog->descriptionText().isEmpty());
        labelsFit();
        dialog->input()->setText("12 parsecs");
        QTest::keyClick(dialog->input(), Qt::Key_Return); // an error under the field
        QVERIFY(!dialog->errorText().isEmpty());
        labelsFit();
        dialog->reject();
    }

    void namesThatAreNotUtf8RoundTrip() {
        // Found: a file whose name is not valid UTF-8 opened from the command line but not in
        // the window ("does not exist": its name had become U+FFFD).
        const QByteArray raw = QFile::encodeName(m_dir.path()) + "/bad-\xff\xfe.bin";
        {
            const int fd = ::open(raw.constData(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
            QVERIFY(fd >= 0);
            QCOMPARE(::write(fd, "abcdef", 6), ssize_t(6));
            ::close(fd);
        }
        // The command line gives bytes; the parser's strings would not find the file.
        char prog[] = "hexmap";
        QByteArray arg = raw;
        char* argv[] = {prog, arg.data(), nullptr};
        const QStringList decoded{QString::fromLocal8Bit(raw)};
        QCOMPARE(QFile::exists(decoded.first()), false);
        const QList<QByteArray> args = rawPositionalArguments(2, argv, decoded);
        QCOMPARE(args, QList<QByteArray>{raw});
        Driver d;
        d.w.show();
        QCOMPARE(said(d.w.session()->open(args.first(), OpenMode::Private)), QString());
        QVERIFY(d.w.windowTitle().contains(QChar(0xFFFD)));
        d.view()->setFocus();
        QTest::keyClicks(d.view(), "41");
        QCOMPARE(d.save(), QString());
        {
            const int fd = ::open(raw.constData(), O_RDONLY);
            char buf[6] = {};
            QCOMPARE(::read(fd, buf, 6), ssize_t(6));
            ::close(fd);
            QCOMPARE(QByteArray(buf, 6), QByteArray("Abcdef"));
        }
        QCOMPARE(d.w.session()->recentRawFiles().first(), raw);
        QVERIFY(d.closeFile());
        // Dropped, as a file manager sends it (percent-encoded bytes).
        QMimeData mime;
        mime.setUrls({QUrl::fromEncoded("file://" + raw.toPercentEncoding("/"))});
        QVERIFY(d.w.session()->openDropped(&mime));
        QCOMPARE(d.model()->rawPath(), raw);
    }

    void copyFormats() {
        Driver d;
        d.w.show();
        QCOMPARE(said(d.w.openFile(m_small, OpenMode::ReadOnly)), QString());
        d.select(0x41, 4);
        QCOMPARE(d.copyText(CopyFormat::Hex), QString("41 42 43 44"));
        QCOMPARE(d.copyText(CopyFormat::Text), QString("ABCD"));
        QCOMPARE(d.copyText(CopyFormat::CArray), QString("unsigned char data[4] = {\n    0x41, 0x42, 0x43, 0x44\n};\n"));
        d.select(0x1e, 3);
        QCOMPARE(d.copyText(CopyFormat::HexDump),
                 QString("0000001e  1e 1f 20                                          |.. |\n00000021\n"));
        // Ctrl+C puts hex on the clipboard.
        d.w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&d.w));
        d.view()->setFocus();
        d.select(0xde, 2);
        QTest::keyClick(d.view(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QString("de df"));
        // Without a selection: the byte under the cursor.
        d.view()->moveCursor(0x7f);
        QCOMPARE(d.copyText(CopyFormat::Hex), QString("7f"));
    }

    void copyRefusesHugeSelections() {
        const QString big = QString::fromStdString(testutil::sparseFile(m_dir, "huge.bin", 1ULL << 32));
        Driver d;
        d.w.show();
        QCOMPARE(said(d.w.openFile(big, OpenMode::ReadOnly)), QString());
        d.cursor()->selectAll();
        QCOMPARE(d.cursor()->selectionLength(), 1ULL << 32);
        QCOMPARE(d.copyText(CopyFormat::Hex), QString());
    }

    void recentFilesAndDrop() {
        const QString other = QString::fromStdString(testutil::writeFile(m_dir, "other.bin", "other"));
        Driver d;
        d.w.show();
        QVERIFY(said(d.w.openFile(m_small, OpenMode::ReadOnly)).isEmpty());
        QVERIFY(said(d.w.openFile(other, OpenMode::ReadOnly)).isEmpty());
        QCOMPARE(d.w.session()->recentFiles().mid(0, 2), (QStringList{other, m_small}));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_small)});
        QVERIFY(d.w.session()->openDropped(&mime));
        QMimeData notAFile;
        notAFile.setText("hello");
        QVERIFY(!d.w.session()->openDropped(&notAFile));
        QCOMPARE(d.w.windowTitle().remove("[*]"), QString("small.bin \u2014 hexmap"));
        QCOMPARE(d.w.session()->recentFiles().first(), m_small);
    }

    void openDialogDefaultsToReadOnly() {
        Driver d;
        d.w.show();
        d.w.actions().open->trigger();
        auto* dialog = d.w.findChild<OpenDialog*>();
        QVERIFY(dialog);
        QCOMPARE(dialog->mode(), OpenMode::ReadOnly);
        dialog->setPath(m_small);
        dialog->setMode(OpenMode::Private);
        dialog->accept();
        QVERIFY(d.document());
        QCOMPARE(d.document()->mode(), OpenMode::Private);
        QVERIFY(d.w.statusText().contains("private"));
    }

    void closeShowsNothing() {
        Driver d;
        d.w.show();
        QVERIFY(said(d.w.openFile(m_small, OpenMode::ReadOnly)).isEmpty());
        QVERIFY(d.closeFile());
        QVERIFY(!d.tab());
        QCOMPARE(d.w.windowTitle(), QString("hexmap"));
        QCOMPARE(d.w.tabs()->count(), 0);
        QVERIFY(!d.w.actions().save->isEnabled());
        QVERIFY(d.w.statusText().startsWith("No file"));
    }

    // With no file open the window says how to open one and lists the recent files; a
    // click on one opens it. F1 lists every shortcut of the menus and the views' own keys.
    void emptyWindowHelpsAndKeysAreListed() {
        Driver d;
        d.w.show();
        QVERIFY(said(d.w.openFile(m_small, OpenMode::ReadOnly)).isEmpty());
        QVERIFY(d.closeFile());
        auto* start = d.w.findChild<QWidget*>("startPage");
        QVERIFY(start && start->isVisible());
        QVERIFY(d.w.findChild<QLabel*>("startHint")->text().contains("Ctrl+O"));
        auto* recent = d.w.findChild<QListWidget*>("startRecent");
        QVERIFY(recent && recent->count() >= 1);
        QCOMPARE(recent->item(0)->toolTip(), m_small);
        emit recent->itemActivated(recent->item(0));
        QVERIFY(d.tab());
        QCOMPARE(d.model()->path(), m_small);
        QVERIFY(!start->isVisible());

        d.w.findChild<QAction*>("keyReference")->trigger();
        auto* keys = d.w.findChild<KeysDialog*>();
        QVERIFY(keys && keys->isVisible());
        const QStringList rows = keys->rows();
        // From the menus (so they cannot drift), with the path to the item.
        QVERIFY(rows.contains("Edit\tF2\tNext Bookmark"));
        QVERIFY(rows.contains("View\tCtrl+Shift+Tab\tPrevious Tab"));
        QVERIFY(rows.contains("Search\t" + QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText) + "\tFind"));
        QVERIFY(std::any_of(rows.begin(), rows.end(), [](const QString& r) { return r.startsWith("Hex grid\tTab\t"); }));
        // The filter narrows the table.
        auto* filter = keys->findChild<QLineEdit*>("keysFilter");
        QTest::keyClicks(filter, "bookmark");
        int shown = 0;
        for (int r = 0; r < keys->table()->rowCount(); ++r) shown += keys->table()->isRowHidden(r) ? 0 : 1;
        QVERIFY(shown >= 3 && shown < rows.size());
        keys->close();
    }

    void viewMenuRowWidths() {
        Driver d;
        d.w.show();
        QVERIFY(said(d.w.openFile(m_small, OpenMode::ReadOnly)).isEmpty());
        d.w.actions().bytesPerRow32->trigger();
        QCOMPARE(d.view()->gridLayout().bytesPerRow(), 32);
        d.w.actions().bytesPerRow8->trigger();
        QCOMPARE(d.view()->gridLayout().bytesPerRow(), 8);
        d.w.actions().bytesPerRowFit->trigger();
        QCOMPARE(d.view()->bytesPerRowSetting(), 0);
    }

    // Edit > Preferences: set in the dialog, applied to the open tab at once, kept for the
    // next window, and taken by tabs opened later.
    void preferencesApplyAtOnceAndAreKept() {
        const QColor platformBase = QApplication::palette().color(QPalette::Base);
        {
            Driver d;
            d.w.show();
            QVERIFY(said(d.w.openFile(m_small, OpenMode::ReadOnly)).isEmpty());
            const int digitsBefore = d.view()->gridLayout().offsetDigits();
            d.w.actions().preferences->trigger();
            auto* dialog = d.w.findChild<PreferencesDialog*>();
            QVERIFY(dialog);
            dialog->findChild<QSpinBox*>("prefFontSize")->setValue(17);
            auto* bpr = dialog->findChild<QComboBox*>("prefBytesPerRow");
            bpr->setCurrentIndex(bpr->findData(32));
            auto* mode = dialog->findChild<QComboBox*>("prefMode");
            mode->setCurrentIndex(mode->findData(int(OpenMode::Private)));
            dialog->findChild<QCheckBox*>("prefUpperHex")->setChecked(true);
            dialog->findChild<QComboBox*>("prefOffsetBase")->setCurrentIndex(1);
            auto* theme = dialog->findChild<QComboBox*>("prefTheme");
            theme->setCurrentIndex(theme->findData(int(Theme::Dark)));
            dialog->findChild<QCheckBox*>("prefRestore")->setChecked(true);
            QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Apply), Qt::LeftButton);
            // At once, in the open tab.
            QCOMPARE(d.view()->font().pointSize(), 17);
            QCOMPARE(d.tab()->linesView()->font().pointSize(), 17);
            QCOMPARE(d.view()->gridLayout().bytesPerRow(), 32);
            QVERIFY(d.w.actions().bytesPerRow32->isChecked());
            QVERIFY(d.view()->upperHex());
            QVERIFY(d.view()->decimalOffsets());
            QCOMPARE(d.view()->gridLayout().offsetDigits(), std::max(8, digitsBefore)); // 4095: 4 digits
            QCOMPARE(QApplication::palette().color(QPalette::Base), darkPalette().color(QPalette::Base));
            QTRY_COMPARE(d.view()->colors().base, darkPalette().color(QPalette::Base));
            dialog->reject();
            // File > Open starts in the chosen mode.
            d.w.actions().open->trigger();
            auto* open = d.w.findChild<OpenDialog*>();
            QVERIFY(open);
            QCOMPARE(open->mode(), OpenMode::Private);
            open->reject();
        }
        // Kept: a new window (the next start) has them, and a tab it opens takes them.
        const Preferences kept = Preferences::load();
        QCOMPARE(kept.font.pointSize(), 17);
        QCOMPARE(kept.bytesPerRow, 32);
        QCOMPARE(kept.defaultMode, OpenMode::Private);
        QVERIFY(kept.upperHex && kept.decimalOffsets && kept.restoreFiles);
        QCOMPARE(kept.theme, Theme::Dark);
        {
            Driver d;
            d.w.show();
            QVERIFY(said(d.w.openFile(m_small, OpenMode::ReadOnly)).isEmpty());
            QCOMPARE(d.view()->gridLayout().bytesPerRow(), 32);
            QCOMPARE(d.view()->font().pointSize(), 17);
            QVERIFY(d.view()->upperHex());
            // Back to the defaults, so the other tests see what they expect.
            d.w.applyPreferences(Preferences::defaults());
            QCOMPARE(d.view()->gridLayout().bytesPerRow(), 16);
            QVERIFY(!d.view()->upperHex());
            QCOMPARE(QApplication::palette().color(QPalette::Base), platformBase); // "as the system" again
        }
    }

    // Issue 21: a restored session reopened private files read-only and made the last tab
    // current. Each file comes back in its mode, with the current tab current.
    void aRestoredSessionKeepsModesAndTheCurrentTab() {
        Preferences p = Preferences::defaults();
        p.restoreFiles = true;
        p.save();
        const QByteArray first = QFile::encodeName(testutil::newFile(m_dir, "first"));
        const QByteArray second = QFile::encodeName(testutil::newFile(m_dir, "second"));
        {
            Driver d;
            d.w.show();
            QVERIFY(said(d.w.session()->open(first, OpenMode::Private)).isEmpty());
            QVERIFY(said(d.w.session()->open(second, OpenMode::ReadOnly)).isEmpty());
            d.w.findChild<QTabWidget*>("tabs")->setCurrentIndex(0);
            QVERIFY(d.w.close());
        }
        {
            Driver d;
            d.w.show();
            QVERIFY(d.w.restoreSession().isEmpty());
            QCOMPARE(d.w.session()->count(), 2);
            QCOMPARE(d.w.session()->tabAt(0)->model()->mode(), OpenMode::Private);
            QCOMPARE(d.w.session()->tabAt(1)->model()->mode(), OpenMode::ReadOnly);
            QCOMPARE(d.w.currentTab(), d.w.session()->tabAt(0));
            QVERIFY(d.w.close());
        }
        {
            Driver d; // a mode asked for on the command line wins
            d.w.show();
            QVERIFY(d.w.restoreSession(OpenMode::ReadOnly).isEmpty());
            QCOMPARE(d.w.session()->tabAt(0)->model()->mode(), OpenMode::ReadOnly);
            QVERIFY(d.w.close());
        }
        p.restoreFiles = false;
        p.save();
    }

    // Closing the window keeps its geometry and dock layout and the files it had open; a
    // new window comes back the same, and with "reopen the files" the files are offered.
    void windowStateAndOpenFilesAreKept() {
        Preferences p = Preferences::defaults();
        p.restoreFiles = true;
        p.save();
        QByteArray other = QFile::encodeName(m_dir.filePath("other.bin"));
        QVERIFY(QFile(QFile::decodeName(other)).open(QIODevice::WriteOnly));
        {
            Driver d;
            d.w.show();
            d.w.resize(913, 577);
            d.w.inspectorDock()->show();
            QVERIFY(said(d.w.openFile(m_small, OpenMode::ReadOnly)).isEmpty());
            QVERIFY(said(d.w.session()->open(other, OpenMode::ReadOnly)).isEmpty());
            QVERIFY(d.w.close());
        }
        QCOMPARE(MainWindow::filesToRestore(), (QList<QByteArray>{QFile::encodeName(m_small), other}));
        {
            Driver d;
            QCOMPARE(d.w.size(), QSize(913, 577));
            QVERIFY(!d.w.inspectorDock()->isHidden());
            d.w.inspectorDock()->hide();
            QVERIFY(d.w.close());
        }
        {
            // A dock left taking most of the window (or restored on a screen at scale 2,
            // where the window is half as tall) leaves the grid a few rows: it is set back.
            Driver d;
            d.w.resize(1000, 700);
            d.w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d.w));
            d.w.resultsDock()->show();
            d.w.resizeDocks({d.w.resultsDock()}, {600}, Qt::Vertical);
            QTest::qWait(20);
            QVERIFY2(d.w.resultsDock()->height() * 10 > d.w.height() * 5, qPrintable(QString::number(d.w.resultsDock()->height())));
            QVERIFY(d.w.close());
        }
        {
            Driver d;
            d.w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d.w));
            QVERIFY(d.w.resultsDock()->isVisible());
            QTRY_VERIFY2(d.w.resultsDock()->height() * 10 <= d.w.height() * 4,
                         qPrintable(QString("%1 of %2").arg(d.w.resultsDock()->height()).arg(d.w.height())));
            d.w.resultsDock()->hide();
            QVERIFY(d.w.close());
        }
        p.restoreFiles = false;
        p.save();
        QVERIFY(MainWindow::filesToRestore().isEmpty()); // off: nothing is reopened
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
