// MainWindow: opening (and failing to), the banner for a file that shrank on disk,
// go-to, copy formats, recent files, drag and drop, status bar and title.
#include "prompt_dialog.h"
#include "hex_view.h"
#include "main_window.h"
#include "message_banner.h"
#include "open_dialog.h"
#include "temp_files.h"

#include <QClipboard>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
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

    QPushButton* bannerButton(MainWindow& w, const QString& text) {
        for (auto* b : w.banner()->findChildren<QPushButton*>())
            if (b->text() == text) return b;
        return nullptr;
    }

private slots:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_config.path());
        QCoreApplication::setOrganizationName("hexmap-test");
        QCoreApplication::setApplicationName("hexmap-test");
        QByteArray bytes;
        for (int i = 0; i < 4096; ++i) bytes += char(i & 0xff);
        m_small = QString::fromStdString(testutil::writeFile(m_dir, "small.bin", bytes));
    }

    void opensAndShowsTitleAndStatus() {
        MainWindow w;
        w.show();
        QCOMPARE(w.windowTitle(), QString("hexmap"));
        QCOMPARE(w.openFile(m_small, OpenMode::ReadOnly), QString());
        QCOMPARE(w.windowTitle().remove("[*]"), QString("small.bin \u2014 hexmap"));
        QVERIFY(w.view()->hasFocus() || QApplication::focusWidget() == w.view() || !w.isActiveWindow());
        QTest::keyClick(w.view(), Qt::Key_Right);
        QTest::keyClick(w.view(), Qt::Key_Right, Qt::ShiftModifier);
        const QString status = w.statusText();
        QVERIFY2(status.contains("Offset 0x2 (2)"), qPrintable(status));
        QVERIFY2(status.contains("Selection 2 bytes"), qPrintable(status));
        QVERIFY2(status.contains("4096 bytes"), qPrintable(status));
        QVERIFY2(status.endsWith("read-only"), qPrintable(status));
        QCOMPARE(w.recentFiles().first(), m_small);
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
        MainWindow w;
        w.show();
        QCOMPARE(w.openFile(m_small, OpenMode::ReadOnly), QString());
        const QString error = w.openFile(path, OpenMode::ReadOnly);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(w.banner()->isVisible());
        QCOMPARE(w.banner()->text(), error);
        QCOMPARE(w.banner()->kind(), MessageBanner::Kind::Error);
        QVERIFY(w.document() != nullptr); // the open file stays open
        QCOMPARE(w.windowTitle().remove("[*]"), QString("small.bin \u2014 hexmap"));
    }

    void fifoDoesNotHang() {
        const QString fifo = m_dir.filePath("pipe");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0644), 0);
        MainWindow w;
        const QString error = w.openFile(fifo, OpenMode::ReadOnly);
        QVERIFY(error.contains("FIFO"));
    }

    void emptyFile() {
        const QString path = QString::fromStdString(testutil::writeFile(m_dir, "empty.bin", {}));
        MainWindow w;
        w.show();
        QCOMPARE(w.openFile(path, OpenMode::ReadOnly), QString());
        QVERIFY(w.statusText().contains("Empty file"));
        QVERIFY(w.goToOffset("0").contains("empty"));
        QCOMPARE(w.copyText(CopyFormat::Hex), QString());
    }

    void shrinkOnDiskShowsBannerAndReloads() {
        QByteArray bytes(64 * 1024, 'x');
        const QString path = QString::fromStdString(testutil::writeFile(m_dir, "shrink.bin", bytes));
        MainWindow w;
        w.resize(900, 500);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.openFile(path, OpenMode::ReadOnly), QString());
        w.view()->setCursor(40000);
        // Another process truncates the file under us.
        QCOMPARE(::truncate(QFile::encodeName(path).constData(), 100), 0);
        // Painting the lost rows reads lost pages: zeros, not a crash.
        w.view()->viewport()->repaint();
        QVERIFY(w.document()->damaged());
        QCOMPARE(w.document()->data()[40000], std::uint8_t(0));
        QTRY_VERIFY(w.banner()->isVisible());
        QVERIFY(w.banner()->text().contains("shrank on disk"));
        QVERIFY(w.banner()->text().contains("zeros"));
        QPushButton* reload = bannerButton(w, "Reload");
        QVERIFY(reload);
        reload->click();
        QCOMPARE(w.document()->size(), std::uint64_t(100));
        QVERIFY(!w.document()->damaged());
        QCOMPARE(w.view()->cursor(), std::uint64_t(99)); // kept where it can be
        QVERIFY(!w.banner()->isVisible());
    }

    void shrinkNoticedWithoutReadingLostPages() {
        QByteArray bytes(64 * 1024, 'y');
        const QString path = QString::fromStdString(testutil::writeFile(m_dir, "shrink2.bin", bytes));
        MainWindow w;
        w.show();
        QCOMPARE(w.openFile(path, OpenMode::ReadOnly), QString());
        QCOMPARE(::truncate(QFile::encodeName(path).constData(), 10), 0);
        QTRY_VERIFY_WITH_TIMEOUT(w.banner()->isVisible(), 3000); // the fstat watch
        QVERIFY(w.banner()->text().contains("shrank on disk to 10 bytes"));
    }

    void gotoDialogRefusesAndJumps() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.openFile(m_small, OpenMode::ReadOnly), QString());
        w.action("goto")->trigger();
        auto* dialog = w.findChild<PromptDialog*>("gotoDialog");
        QVERIFY(dialog);
        QTest::keyClicks(dialog->input(), "0x1000");
        QTest::keyClick(dialog->input(), Qt::Key_Return);
        QVERIFY(dialog->isVisible()); // refused, not clamped
        QVERIFY2(dialog->errorText().contains("past the end"), qPrintable(dialog->errorText()));
        QCOMPARE(w.view()->cursor(), std::uint64_t(0));
        dialog->input()->clear();
        QTest::keyClicks(dialog->input(), "0xfff");
        QTest::keyClick(dialog->input(), Qt::Key_Return);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(w.view()->cursor(), std::uint64_t(0xfff));
        QVERIFY(w.goToOffset("-0x10").isEmpty());
        QCOMPARE(w.view()->cursor(), std::uint64_t(0xfef));
        QVERIFY(!w.goToOffset("+0x11").isEmpty());
        QVERIFY(w.goToOffset("bogus").contains("not a valid number"));
    }

    void copyFormats() {
        MainWindow w;
        w.show();
        QCOMPARE(w.openFile(m_small, OpenMode::ReadOnly), QString());
        w.view()->setSelection(0x41, 4);
        QCOMPARE(w.copyText(CopyFormat::Hex), QString("41 42 43 44"));
        QCOMPARE(w.copyText(CopyFormat::Text), QString("ABCD"));
        QCOMPARE(w.copyText(CopyFormat::CArray), QString("unsigned char data[4] = {\n    0x41, 0x42, 0x43, 0x44\n};\n"));
        w.view()->setSelection(0x1e, 3);
        QCOMPARE(w.copyText(CopyFormat::HexDump),
                 QString("0000001e  1e 1f 20                                          |.. |\n00000021\n"));
        // Ctrl+C puts hex on the clipboard.
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.view()->setFocus();
        w.view()->setSelection(0xde, 2);
        QTest::keyClick(w.view(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QString("de df"));
        // Without a selection: the byte under the cursor.
        w.view()->setCursor(0x7f);
        QCOMPARE(w.copyText(CopyFormat::Hex), QString("7f"));
    }

    void copyRefusesHugeSelections() {
        const QString big = QString::fromStdString(testutil::sparseFile(m_dir, "huge.bin", 1ULL << 32));
        MainWindow w;
        w.show();
        QCOMPARE(w.openFile(big, OpenMode::ReadOnly), QString());
        w.view()->selectAll();
        QCOMPARE(w.view()->selectionLength(), 1ULL << 32);
        QCOMPARE(w.copyText(CopyFormat::Hex), QString());
    }

    void recentFilesAndDrop() {
        const QString other = QString::fromStdString(testutil::writeFile(m_dir, "other.bin", "other"));
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_small, OpenMode::ReadOnly).isEmpty());
        QVERIFY(w.openFile(other, OpenMode::ReadOnly).isEmpty());
        QCOMPARE(w.recentFiles().mid(0, 2), (QStringList{other, m_small}));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_small)});
        QVERIFY(w.openDropped(&mime));
        QMimeData notAFile;
        notAFile.setText("hello");
        QVERIFY(!w.openDropped(&notAFile));
        QCOMPARE(w.windowTitle().remove("[*]"), QString("small.bin \u2014 hexmap"));
        QCOMPARE(w.recentFiles().first(), m_small);
    }

    void openDialogDefaultsToReadOnly() {
        MainWindow w;
        w.show();
        w.action("open")->trigger();
        auto* dialog = w.findChild<OpenDialog*>();
        QVERIFY(dialog);
        QCOMPARE(dialog->mode(), OpenMode::ReadOnly);
        dialog->setPath(m_small);
        dialog->setMode(OpenMode::Private);
        dialog->accept();
        QVERIFY(w.document());
        QCOMPARE(w.document()->mode(), OpenMode::Private);
        QVERIFY(w.statusText().contains("private"));
    }

    void closeShowsNothing() {
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_small, OpenMode::ReadOnly).isEmpty());
        QVERIFY(w.closeFile());
        QVERIFY(!w.document());
        QCOMPARE(w.windowTitle(), QString("hexmap"));
        QCOMPARE(w.view()->size(), std::uint64_t(0));
    }

    void viewMenuRowWidths() {
        MainWindow w;
        w.show();
        QVERIFY(w.openFile(m_small, OpenMode::ReadOnly).isEmpty());
        w.action("bytesPerRow32")->trigger();
        QCOMPARE(w.view()->layout().bytesPerRow(), 32);
        w.action("bytesPerRow8")->trigger();
        QCOMPARE(w.view()->layout().bytesPerRow(), 8);
        w.action("bytesPerRowFit")->trigger();
        QCOMPARE(w.view()->bytesPerRowSetting(), 0);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
