// Editing through the window as a user does it: typing in both columns, undo/redo,
// paste, fill, resize, save, the write lock, read-only refusals, unsaved-edit prompts,
// and files that grow on disk (Follow End).
#include "document.h"
#include "hex_view.h"
#include "main_window.h"
#include "message_banner.h"
#include "prompt_dialog.h"
#include "temp_files.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QtTest>
#include <fcntl.h>
#include <unistd.h>

using namespace hexmap;

class TestEditing : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;
    QString makeFile(const QByteArray& bytes) { return testutil::newFile(m_dir, bytes); }
    static QByteArray disk(const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
    }
    static QByteArray shown(const MainWindow& w) {
        const Document* d = w.document();
        return QByteArray(reinterpret_cast<const char*>(d->data()), qsizetype(d->size()));
    }
    static void open(MainWindow& w, const QString& path, OpenMode mode) {
        w.show();
        QCOMPARE(w.openFile(path, mode), QString());
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.view()->setFocus();
    }

private slots:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_config.path());
    }

    void typingHexAndTextIsOneUndoStep() {
        const QString path = makeFile(QByteArray(64, '\0'));
        MainWindow w;
        open(w, path, OpenMode::Private);
        QTest::keyClicks(w.view(), "deadBEEF");
        QCOMPARE(shown(w).left(4), QByteArray("\xde\xad\xbe\xef"));
        QCOMPARE(w.view()->cursor(), std::uint64_t(4));
        QVERIFY(w.windowTitle().contains("[*]") && w.isWindowModified());
        QTest::keyClick(w.view(), Qt::Key_Tab); // to the text column
        QCOMPARE(w.view()->activeArea(), GridLayout::Area::Text);
        QTest::keyClicks(w.view(), "Hi!");
        QCOMPARE(shown(w).mid(4, 3), QByteArray("Hi!"));
        QTest::keyClick(w.view(), Qt::Key_Tab);
        QCOMPARE(w.view()->activeArea(), GridLayout::Area::Hex);
        QTest::keyClicks(w.view(), "7"); // high nibble only
        QVERIFY(w.view()->onLowNibble());
        QCOMPARE(quint8(shown(w)[7]), quint8(0x70));
        QTest::keyClicks(w.view(), "g"); // not a hex digit: nothing
        QCOMPARE(quint8(shown(w)[7]), quint8(0x70));
        QTest::keyClicks(w.view(), "1");
        QCOMPARE(quint8(shown(w)[7]), quint8(0x71));
        // All the typing above is one step.
        QVERIFY(w.undo().isEmpty());
        QCOMPARE(shown(w).left(8), QByteArray(8, '\0'));
        QVERIFY(!w.document()->canUndo());
        QVERIFY(w.redo().isEmpty());
        QCOMPARE(shown(w).left(8), QByteArray("\xde\xad\xbe\xefHi!\x71", 8));
        // A cursor move starts a new step.
        w.view()->setCursor(20);
        QTest::keyClicks(w.view(), "ff");
        QVERIFY(w.undo().isEmpty());
        QCOMPARE(quint8(shown(w)[20]), quint8(0));
        QCOMPARE(quint8(shown(w)[0]), quint8(0xde));
        QCOMPARE(disk(path), QByteArray(64, '\0')); // private: nothing on disk yet
    }

    void backspaceMovesBackAndInsertExplains() {
        const QString path = makeFile(QByteArray(32, 'a'));
        MainWindow w;
        open(w, path, OpenMode::Private);
        w.view()->setCursor(5);
        QTest::keyClick(w.view(), Qt::Key_Backspace);
        QCOMPARE(w.view()->cursor(), std::uint64_t(4));
        QCOMPARE(w.document()->size(), std::uint64_t(32)); // nothing deleted
        QTest::keyClick(w.view(), Qt::Key_Insert);
        QVERIFY2(w.lastStatusMessage().contains("Resize"), qPrintable(w.lastStatusMessage()));
        QVERIFY(!w.document()->isModified());
    }

    void undoRedoWithKeys() {
        const QString path = makeFile(QByteArray(16, '\0'));
        MainWindow w;
        open(w, path, OpenMode::Private);
        QTest::keyClicks(w.view(), "aa");
        QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(quint8(shown(w)[0]), quint8(0));
        QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(quint8(shown(w)[0]), quint8(0xaa));
        QTest::keyClick(w.view(), Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(w.view(), Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(quint8(shown(w)[0]), quint8(0xaa));
    }

    void readOnlyRefusesAndOffersReopen() {
        const QString path = makeFile("read only bytes");
        MainWindow w;
        open(w, path, OpenMode::ReadOnly);
        QTest::keyClicks(w.view(), "00");
        QCOMPARE(shown(w), QByteArray("read only bytes"));
        QVERIFY2(w.lastStatusMessage().contains("read-only"), qPrintable(w.lastStatusMessage()));
        QVERIFY(w.banner()->isVisible());
        QVERIFY(!w.action("writeProtect")->isEnabled());
        QVERIFY(w.action("writeProtect")->toolTip().contains("read-only"));
        QPushButton* reopen = nullptr;
        for (auto* b : w.banner()->findChildren<QPushButton*>())
            if (b->text() == "Reopen Private") reopen = b;
        QVERIFY(reopen);
        reopen->click();
        QCOMPARE(w.document()->mode(), OpenMode::Private);
        w.view()->setFocus();
        QTest::keyClicks(w.view(), "00");
        QCOMPARE(shown(w)[0], '\0');
    }

    void sharedEditsReachTheFileAtOnce() {
        const QString path = makeFile("shared!");
        MainWindow w;
        open(w, path, OpenMode::Shared);
        QVERIFY(w.statusText().contains("edits go straight to the file"));
        QTest::keyClick(w.view(), Qt::Key_Tab);
        QTest::keyClicks(w.view(), "S");
        QCOMPARE(disk(path), QByteArray("Shared!"));
        QVERIFY(w.save().isEmpty());
        QVERIFY(!w.isWindowModified());
        // Discard on close puts the original bytes back from the journal.
        QTest::keyClicks(w.view(), "H");
        QCOMPARE(disk(path), QByteArray("SHared!"));
        w.setUnsavedPrompt([] { return MainWindow::UnsavedChoice::Discard; });
        QVERIFY(w.closeFile());
        QCOMPARE(disk(path), QByteArray("Shared!"));
    }

    void privateSaveWritesTheFile() {
        const QString path = makeFile("private");
        MainWindow w;
        open(w, path, OpenMode::Private);
        QTest::keyClick(w.view(), Qt::Key_Tab);
        QTest::keyClicks(w.view(), "PRI");
        QCOMPARE(disk(path), QByteArray("private"));
        QTest::keyClick(w.view(), Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(disk(path), QByteArray("PRIvate"));
        QVERIFY(!w.isWindowModified());
        QVERIFY(w.undo().isEmpty()); // undo across a save
        QVERIFY(w.isWindowModified());
        QVERIFY(w.save().isEmpty());
        QCOMPARE(disk(path), QByteArray("private"));
    }

    void unsavedPromptCancelKeepsEverything() {
        const QString path = makeFile("keep me");
        MainWindow w;
        open(w, path, OpenMode::Private);
        QTest::keyClicks(w.view(), "4b");
        int asked = 0;
        w.setUnsavedPrompt([&] { ++asked; return MainWindow::UnsavedChoice::Cancel; });
        QVERIFY(!w.closeFile());
        QCOMPARE(asked, 1);
        QVERIFY(w.document());
        QCOMPARE(shown(w), QByteArray("Keep me"));
        w.setUnsavedPrompt([&] { ++asked; return MainWindow::UnsavedChoice::Save; });
        QVERIFY(w.close());
        QCOMPARE(asked, 2);
        QCOMPARE(disk(path), QByteArray("Keep me"));
    }

    void pasteHexTextAndExtend() {
        const QString path = makeFile(QByteArray(8, '.'));
        MainWindow w;
        open(w, path, OpenMode::Private);
        w.view()->setCursor(1);
        QVERIFY(w.paste("de ad").isEmpty());
        QCOMPARE(shown(w), QByteArray(".\xde\xad.....", 8));
        w.view()->setCursor(3);
        QVERIFY(w.paste("beef").isEmpty());
        QCOMPARE(shown(w), QByteArray(".\xde\xad\xbe\xef...", 8));
        w.view()->setActiveArea(GridLayout::Area::Text);
        w.view()->setCursor(5);
        QVERIFY(w.paste("ab").isEmpty()); // text column: text, even if it looks like hex
        QCOMPARE(shown(w), QByteArray(".\xde\xad\xbe\xef" "ab.", 8));
        // Past the end: refused extension pastes what fits; accepted extends.
        w.setConfirm([](const QString&) { return false; });
        w.view()->setCursor(6);
        QVERIFY(w.paste("XYZW").isEmpty());
        QCOMPARE(w.document()->size(), std::uint64_t(8));
        QCOMPARE(shown(w).right(2), QByteArray("XY"));
        QString asked;
        w.setConfirm([&](const QString& q) { asked = q; return true; });
        w.view()->setCursor(6);
        QVERIFY(w.paste("1234").isEmpty());
        QVERIFY(asked.contains("2 bytes past the end"));
        QCOMPARE(w.document()->size(), std::uint64_t(10));
        QCOMPARE(shown(w).right(4), QByteArray("1234"));
    }

    void fillSelection() {
        const QString path = makeFile(QByteArray(16, '\0'));
        MainWindow w;
        open(w, path, OpenMode::Private);
        w.view()->setSelection(2, 7);
        QVERIFY(w.fillSelection("ab cd").isEmpty());
        QCOMPARE(shown(w).mid(0, 10), QByteArray("\0\0\xab\xcd\xab\xcd\xab\xcd\xab\0", 10));
        QVERIFY(w.fillSelection("xyz").contains("not a hex digit"));
        QVERIFY(w.undo().isEmpty());
        QCOMPARE(shown(w), QByteArray(16, '\0'));
    }

    void resizeDialogSaysWhatItWillDo() {
        const QString path = makeFile(QByteArray(100, 'r'));
        MainWindow w;
        open(w, path, OpenMode::Private);
        w.action("resize")->trigger();
        auto* dialog = w.findChild<PromptDialog*>("resizeDialog");
        QVERIFY(dialog);
        QTest::keyClicks(dialog->input(), "60");
        QVERIFY2(dialog->descriptionText().contains("last 40 bytes will be lost"),
                 qPrintable(dialog->descriptionText()));
        dialog->input()->setText("1K");
        QVERIFY(dialog->descriptionText().contains("924 bytes of zeros"));
        dialog->input()->setText("12 parsecs");
        QTest::keyClick(dialog->input(), Qt::Key_Return);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->errorText().isEmpty());
        dialog->input()->setText("0x40");
        QTest::keyClick(dialog->input(), Qt::Key_Return);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(w.document()->size(), std::uint64_t(64));
        QCOMPARE(w.view()->size(), std::uint64_t(64));
        QVERIFY(w.undo().isEmpty());
        QCOMPARE(w.document()->size(), std::uint64_t(100));
        QCOMPARE(shown(w), QByteArray(100, 'r'));
    }

    void emptyFileCanBeExtendedAndEdited() {
        const QString path = makeFile({});
        MainWindow w;
        open(w, path, OpenMode::Shared);
        QVERIFY(w.resizeTo("4").isEmpty());
        QCOMPARE(w.view()->size(), std::uint64_t(4));
        QTest::keyClicks(w.view(), "4142");
        QCOMPARE(disk(path), QByteArray("AB\0\0", 4));
    }

    void writeLockRefusesEdits() {
        const QString path = makeFile("lock me");
        MainWindow w;
        open(w, path, OpenMode::Shared);
        QTest::keyClick(w.view(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(w.document()->writeProtected());
        QVERIFY(w.action("writeProtect")->isChecked());
        QVERIFY(w.statusText().contains("LOCKED"));
        QTest::keyClicks(w.view(), "00");
        QCOMPARE(disk(path), QByteArray("lock me"));
        QVERIFY2(w.lastStatusMessage().contains("write-protected"), qPrintable(w.lastStatusMessage()));
        QVERIFY(!w.paste("00").isEmpty());
        QCOMPARE(disk(path), QByteArray("lock me"));
        w.action("writeProtect")->trigger();
        QVERIFY(!w.document()->writeProtected());
        w.view()->setFocus();
        QTest::keyClicks(w.view(), "4c");
        QCOMPARE(disk(path), QByteArray("Lock me"));
    }

    void saveAsRunsOnAWorkerAndEditsTheCopy() {
        const QString path = makeFile("original bytes");
        MainWindow w;
        open(w, path, OpenMode::Private);
        QTest::keyClick(w.view(), Qt::Key_Tab);
        QTest::keyClicks(w.view(), "ORIG");
        const QString copy = m_dir.filePath("copy.bin");
        QCOMPARE(w.saveAs(copy), QString());
        QTRY_VERIFY(!w.saving());
        QCOMPARE(disk(copy), QByteArray("ORIGinal bytes"));
        QCOMPARE(disk(path), QByteArray("original bytes")); // the original is untouched
        QCOMPARE(w.windowTitle().remove("[*]"), QString("copy.bin \u2014 hexmap"));
        QVERIFY(!w.isWindowModified());
        QTest::keyClicks(w.view(), "!");
        QVERIFY(w.save().isEmpty());
        QCOMPARE(disk(copy), QByteArray("ORIG!nal bytes"));
        // A folder as the target: refused with the reason, everything as it was.
        QTest::keyClicks(w.view(), "?");
        QCOMPARE(w.saveAs(m_dir.path()), QString());
        QTRY_VERIFY(!w.saving());
        QVERIFY(w.banner()->isVisible());
        QVERIFY2(w.banner()->text().contains("folder"), qPrintable(w.banner()->text()));
        QVERIFY(w.isWindowModified());
        QCOMPARE(shown(w), QByteArray("ORIG!?al bytes"));
    }

    void saveAsCanBeCancelled() {
        // 64 MiB of non-zero bytes: long enough that the cancel lands first.
        const QString path = makeFile(QByteArray(64 << 20, 'z'));
        MainWindow w;
        open(w, path, OpenMode::Private);
        const QString copy = m_dir.filePath("cancelled.bin");
        QCOMPARE(w.saveAs(copy), QString());
        QVERIFY(w.saving());
        QVERIFY(!w.editBlocker().isEmpty()); // edits wait while the copy is written
        w.cancelSave();
        QTRY_VERIFY(!w.saving());
        QVERIFY2(w.banner()->text().contains("cancelled"), qPrintable(w.banner()->text()));
        QVERIFY(!QFile::exists(copy));
        QCOMPARE(w.windowTitle().remove("[*]"), QFileInfo(path).fileName() + " \u2014 hexmap");
        QVERIFY(w.editBlocker().isEmpty());
    }

    void growthIsReportedAndFollowed() {
        const QString path = makeFile("line 1\n");
        MainWindow w;
        open(w, path, OpenMode::ReadOnly);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write("line 2\n");
        }
        w.checkFileOnDisk();
        QVERIFY(w.banner()->isVisible());
        QVERIFY2(w.banner()->text().contains("grew on disk to 14 bytes"), qPrintable(w.banner()->text()));
        w.view()->setCursor(3);
        w.reload();
        QCOMPARE(w.document()->size(), std::uint64_t(14));
        QCOMPARE(w.view()->cursor(), std::uint64_t(3)); // the cursor is kept
        w.setFollowEnd(true);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write(QByteArray(100000, 'x'));
        }
        w.checkFileOnDisk();
        QCOMPARE(w.document()->size(), std::uint64_t(100014));
        QCOMPARE(w.view()->cursor(), std::uint64_t(100013));
        QCOMPARE(w.view()->topRow(), w.view()->maxTopRow());
        QCOMPARE(char(w.document()->data()[100013]), 'x');
    }
};

QTEST_MAIN(TestEditing)
#include "test_editing.moc"
