// SPDX-License-Identifier: MIT
// Editing through the window as a user does it: typing in both columns, undo/redo,
// paste, fill, resize, save, the write lock, read-only refusals, unsaved-edit prompts,
// and files that grow on disk (Follow End).
#include "window_driver.h"
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

private slots:
    void initTestCase() {
        testutil::isolateSettings(m_config);
    }

    void typingHexAndTextIsOneUndoStep() {
        const QString path = makeFile(QByteArray(64, '\0'));
        Driver d;
        d.open(path, OpenMode::Private);
        QTest::keyClicks(d.view(), "deadBEEF");
        QCOMPARE(d.shown().left(4), QByteArray("\xde\xad\xbe\xef"));
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(4));
        QVERIFY(d.w.windowTitle().contains("[*]") && d.w.isWindowModified());
        QTest::keyClick(d.view(), Qt::Key_Tab); // to the text column
        QCOMPARE(d.view()->activeArea(), GridLayout::Area::Text);
        QTest::keyClicks(d.view(), "Hi!");
        QCOMPARE(d.shown().mid(4, 3), QByteArray("Hi!"));
        QTest::keyClick(d.view(), Qt::Key_Tab);
        QCOMPARE(d.view()->activeArea(), GridLayout::Area::Hex);
        QTest::keyClicks(d.view(), "7"); // high nibble only
        QVERIFY(d.view()->onLowNibble());
        QCOMPARE(quint8(d.shown()[7]), quint8(0x70));
        QTest::keyClicks(d.view(), "g"); // not a hex digit: nothing
        QCOMPARE(quint8(d.shown()[7]), quint8(0x70));
        QTest::keyClicks(d.view(), "1");
        QCOMPARE(quint8(d.shown()[7]), quint8(0x71));
        // Hex typed, then Tab, then text, then Tab, then hex: three undo steps (a Tab ends
        // the typing step, so undo takes back one column's typing at a time).
        QVERIFY(d.undo().isEmpty());
        QCOMPARE(d.shown().left(8), QByteArray("\xde\xad\xbe\xefHi!\0", 8));
        QVERIFY(d.undo().isEmpty());
        QCOMPARE(d.shown().left(8), QByteArray("\xde\xad\xbe\xef\0\0\0\0", 8));
        QVERIFY(d.undo().isEmpty());
        QCOMPARE(d.shown().left(8), QByteArray(8, '\0'));
        QVERIFY(!d.document()->canUndo());
        QVERIFY(d.redo().isEmpty() && d.redo().isEmpty() && d.redo().isEmpty());
        QCOMPARE(d.shown().left(8), QByteArray("\xde\xad\xbe\xefHi!\x71", 8));
        // Typing within one column, without moving away, is one step.
        d.view()->moveCursor(40);
        QTest::keyClicks(d.view(), "0102030405");
        QVERIFY(d.undo().isEmpty());
        QCOMPARE(d.shown().mid(40, 5), QByteArray(5, '\0'));
        QVERIFY(d.redo().isEmpty());
        // A cursor move starts a new step.
        d.view()->moveCursor(20);
        QTest::keyClicks(d.view(), "ff");
        QVERIFY(d.undo().isEmpty());
        QCOMPARE(quint8(d.shown()[20]), quint8(0));
        QCOMPARE(quint8(d.shown()[0]), quint8(0xde));
        QCOMPARE(disk(path), QByteArray(64, '\0')); // private: nothing on disk yet
    }

    void backspaceMovesBackAndInsertExplains() {
        const QString path = makeFile(QByteArray(32, 'a'));
        Driver d;
        d.open(path, OpenMode::Shared);
        d.view()->moveCursor(5);
        QTest::keyClick(d.view(), Qt::Key_Backspace); // overwrite mode: steps back
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(4));
        QCOMPARE(d.document()->size(), std::uint64_t(32)); // nothing deleted
        // Shared: bytes cannot shift under the other programs; Insert says why.
        QTest::keyClick(d.view(), Qt::Key_Insert);
        QVERIFY(!d.tab()->edit()->insertMode());
        QVERIFY2(d.w.lastStatusMessage().contains("Reopen it private") ||
                     d.banner()->text().contains("Reopen it private"),
                 qPrintable(d.w.lastStatusMessage() + " / " + d.banner()->text()));
        QVERIFY(!d.document()->isModified());
    }

    void undoRedoWithKeys() {
        const QString path = makeFile(QByteArray(16, '\0'));
        Driver d;
        d.open(path, OpenMode::Private);
        QTest::keyClicks(d.view(), "aa");
        QTest::keyClick(d.view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(quint8(d.shown()[0]), quint8(0));
        QTest::keyClick(d.view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(quint8(d.shown()[0]), quint8(0xaa));
        QTest::keyClick(d.view(), Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(d.view(), Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(quint8(d.shown()[0]), quint8(0xaa));
    }

    void readOnlyRefusesAndOffersReopen() {
        const QString path = makeFile("read only bytes");
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        QTest::keyClicks(d.view(), "00");
        QCOMPARE(d.shown(), QByteArray("read only bytes"));
        QVERIFY2(d.w.lastStatusMessage().contains("read-only"), qPrintable(d.w.lastStatusMessage()));
        QVERIFY(d.banner()->isVisible());
        QVERIFY(!d.w.actions().writeProtect->isEnabled());
        QVERIFY(d.w.actions().writeProtect->toolTip().contains("read-only"));
        QPushButton* reopen = d.bannerButton(d.banner(), "Reopen Private");
        QVERIFY(reopen);
        reopen->click();
        QCOMPARE(d.document()->mode(), OpenMode::Private);
        d.view()->setFocus();
        QTest::keyClicks(d.view(), "00");
        QCOMPARE(d.shown()[0], '\0');
    }

    void sharedEditsReachTheFileAtOnce() {
        const QString path = makeFile("shared!");
        Driver d;
        d.open(path, OpenMode::Shared);
        QVERIFY(d.w.statusText().contains("edits go straight to the file"));
        QTest::keyClick(d.view(), Qt::Key_Tab);
        QTest::keyClicks(d.view(), "S");
        QCOMPARE(disk(path), QByteArray("Shared!"));
        QVERIFY(d.save().isEmpty());
        QVERIFY(!d.w.isWindowModified());
        // Discard on close puts the original bytes back from the journal.
        QTest::keyClicks(d.view(), "H");
        QCOMPARE(disk(path), QByteArray("SHared!"));
        d.setUnsavedPrompt([] { return SessionController::UnsavedChoice::Discard; });
        QVERIFY(d.closeFile());
        QCOMPARE(disk(path), QByteArray("Shared!"));
    }

    void privateSaveWritesTheFile() {
        const QString path = makeFile("private");
        Driver d;
        d.open(path, OpenMode::Private);
        QTest::keyClick(d.view(), Qt::Key_Tab);
        QTest::keyClicks(d.view(), "PRI");
        QCOMPARE(disk(path), QByteArray("private"));
        QTest::keyClick(d.view(), Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(disk(path), QByteArray("PRIvate"));
        QVERIFY(!d.w.isWindowModified());
        QVERIFY(d.undo().isEmpty()); // undo across a save
        QVERIFY(d.w.isWindowModified());
        QVERIFY(d.save().isEmpty());
        QCOMPARE(disk(path), QByteArray("private"));
    }

    void unsavedPromptCancelKeepsEverything() {
        const QString path = makeFile("keep me");
        Driver d;
        d.open(path, OpenMode::Private);
        QTest::keyClicks(d.view(), "4b");
        int asked = 0;
        d.setUnsavedPrompt([&] { ++asked; return SessionController::UnsavedChoice::Cancel; });
        QVERIFY(!d.closeFile());
        QCOMPARE(asked, 1);
        QVERIFY(d.tab());
        QCOMPARE(d.shown(), QByteArray("Keep me"));
        d.setUnsavedPrompt([&] { ++asked; return SessionController::UnsavedChoice::Save; });
        QVERIFY(d.w.close());
        QCOMPARE(asked, 2);
        QCOMPARE(disk(path), QByteArray("Keep me"));
    }

    void pasteHexTextAndExtend() {
        const QString path = makeFile(QByteArray(8, '.'));
        Driver d;
        d.open(path, OpenMode::Private);
        d.view()->moveCursor(1);
        QVERIFY(d.paste("de ad").isEmpty());
        QCOMPARE(d.shown(), QByteArray(".\xde\xad.....", 8));
        d.view()->moveCursor(3);
        QVERIFY(d.paste("beef").isEmpty());
        QCOMPARE(d.shown(), QByteArray(".\xde\xad\xbe\xef...", 8));
        d.view()->setActiveArea(GridLayout::Area::Text);
        d.view()->moveCursor(5);
        QVERIFY(d.paste("ab").isEmpty()); // text column: text, even if it looks like hex
        QCOMPARE(d.shown(), QByteArray(".\xde\xad\xbe\xef" "ab.", 8));
        // Past the end: refused extension pastes what fits; accepted extends.
        d.setConfirm([](const QString&) { return false; });
        d.view()->moveCursor(6);
        QVERIFY(d.paste("XYZW").isEmpty());
        QCOMPARE(d.document()->size(), std::uint64_t(8));
        QCOMPARE(d.shown().right(2), QByteArray("XY"));
        QString asked;
        d.setConfirm([&](const QString& q) { asked = q; return true; });
        d.view()->moveCursor(6);
        QVERIFY(d.paste("1234").isEmpty());
        QVERIFY(asked.contains("2 bytes past the end"));
        QCOMPARE(d.document()->size(), std::uint64_t(10));
        QCOMPARE(d.shown().right(4), QByteArray("1234"));
        // Extend and paste are one step (issue 21: the first Ctrl+Z left the zeros of the
        // extension, the second restored the size).
        const QByteArray beforePaste = QByteArray(".\xde\xad\xbe\xef" "aXY", 8);
        QTest::keyClick(d.view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(d.document()->size(), std::uint64_t(8));
        QCOMPARE(d.shown(), beforePaste);
        QTest::keyClick(d.view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(d.document()->size(), std::uint64_t(10));
        QCOMPARE(d.shown().right(4), QByteArray("1234"));
        QTest::keyClick(d.view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(d.shown(), beforePaste);
    }

    void fillSelection() {
        const QString path = makeFile(QByteArray(16, '\0'));
        Driver d;
        d.open(path, OpenMode::Private);
        d.select(2, 7);
        QVERIFY(d.fillSelection("ab cd").isEmpty());
        QCOMPARE(d.shown().mid(0, 10), QByteArray("\0\0\xab\xcd\xab\xcd\xab\xcd\xab\0", 10));
        QVERIFY(d.fillSelection("xyz").contains("not a hex digit"));
        QVERIFY(d.undo().isEmpty());
        QCOMPARE(d.shown(), QByteArray(16, '\0'));
    }

    void resizeDialogSaysWhatItWillDo() {
        const QString path = makeFile(QByteArray(100, 'r'));
        Driver d;
        d.open(path, OpenMode::Private);
        d.w.actions().resize->trigger();
        auto* dialog = d.w.findChild<PromptDialog*>("resizeDialog");
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
        QCOMPARE(d.document()->size(), std::uint64_t(64));
        QCOMPARE(d.view()->documentSize(), std::uint64_t(64));
        QVERIFY(d.undo().isEmpty());
        QCOMPARE(d.document()->size(), std::uint64_t(100));
        QCOMPARE(d.shown(), QByteArray(100, 'r'));
    }

    void emptyFileCanBeExtendedAndEdited() {
        const QString path = makeFile({});
        Driver d;
        d.open(path, OpenMode::Shared);
        QVERIFY(d.resizeTo("4").isEmpty());
        QCOMPARE(d.view()->documentSize(), std::uint64_t(4));
        QTest::keyClicks(d.view(), "4142");
        QCOMPARE(disk(path), QByteArray("AB\0\0", 4));
    }

    void writeLockRefusesEdits() {
        const QString path = makeFile("lock me");
        Driver d;
        d.open(path, OpenMode::Shared);
        QTest::keyClick(d.view(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(d.document()->writeProtected());
        QVERIFY(d.w.actions().writeProtect->isChecked());
        QVERIFY(d.w.statusText().contains("LOCKED"));
        QTest::keyClicks(d.view(), "00");
        QCOMPARE(disk(path), QByteArray("lock me"));
        QVERIFY2(d.w.lastStatusMessage().contains("write-protected"), qPrintable(d.w.lastStatusMessage()));
        QVERIFY(!d.paste("00").isEmpty());
        QCOMPARE(disk(path), QByteArray("lock me"));
        d.w.actions().writeProtect->trigger();
        QVERIFY(!d.document()->writeProtected());
        d.view()->setFocus();
        QTest::keyClicks(d.view(), "4c");
        QCOMPARE(disk(path), QByteArray("Lock me"));
    }

    void saveAsRunsOnAWorkerAndEditsTheCopy() {
        const QString path = makeFile("original bytes");
        Driver d;
        d.open(path, OpenMode::Private);
        QTest::keyClick(d.view(), Qt::Key_Tab);
        QTest::keyClicks(d.view(), "ORIG");
        const QString copy = m_dir.filePath("copy.bin");
        QCOMPARE(d.saveAs(copy), QString());
        QTRY_VERIFY(!d.saving());
        QCOMPARE(disk(copy), QByteArray("ORIGinal bytes"));
        QCOMPARE(disk(path), QByteArray("original bytes")); // the original is untouched
        QCOMPARE(d.w.windowTitle().remove("[*]"), QString("copy.bin \u2014 hexmap"));
        QVERIFY(!d.w.isWindowModified());
        QTest::keyClicks(d.view(), "!");
        QVERIFY(d.save().isEmpty());
        QCOMPARE(disk(copy), QByteArray("ORIG!nal bytes"));
        // A folder as the target: refused with the reason, everything as it was.
        QTest::keyClicks(d.view(), "?");
        QCOMPARE(d.saveAs(m_dir.path()), QString());
        QTRY_VERIFY(!d.saving());
        QVERIFY(d.banner()->isVisible());
        QVERIFY2(d.banner()->text().contains("folder"), qPrintable(d.banner()->text()));
        QVERIFY(d.w.isWindowModified());
        QCOMPARE(d.shown(), QByteArray("ORIG!?al bytes"));
    }

    void saveAsCanBeCancelled() {
        // 64 MiB of non-zero bytes: long enough that the cancel lands first.
        const QString path = makeFile(QByteArray(64 << 20, 'z'));
        Driver d;
        d.open(path, OpenMode::Private);
        const QString copy = m_dir.filePath("cancelled.bin");
        QCOMPARE(d.saveAs(copy), QString());
        QVERIFY(d.saving());
        QVERIFY(!d.editBlocker().isEmpty()); // edits wait while the copy is written
        d.tab()->saver()->cancelSaveAs();
        QTRY_VERIFY(!d.saving());
        QVERIFY2(d.w.lastStatusMessage().contains("cancelled"), qPrintable(d.w.lastStatusMessage()));
        QVERIFY(!QFile::exists(copy));
        QCOMPARE(d.w.windowTitle().remove("[*]"), QFileInfo(path).fileName() + " \u2014 hexmap");
        QVERIFY(d.editBlocker().isEmpty());
    }

    void sharedSaveAsPutsTheOriginalBack() {
        // Bug: in shared mode the edits are in the original file already; Save As left
        // them there without a word. Now the original gets its saved bytes back.
        const QString path = makeFile("original text");
        Driver d;
        d.open(path, OpenMode::Shared);
        QTest::keyClick(d.view(), Qt::Key_Tab);
        QTest::keyClicks(d.view(), "EDIT");
        QCOMPARE(disk(path), QByteArray("EDITinal text")); // shared: in the file at once
        const QString copy = m_dir.filePath("shared-copy.txt");
        QCOMPARE(d.saveAs(copy), QString());
        QTRY_VERIFY(!d.saving());
        QCOMPARE(disk(copy), QByteArray("EDITinal text"));
        QCOMPARE(disk(path), QByteArray("original text"));
        QVERIFY2(d.w.lastStatusMessage().contains("original file was put back"),
                 qPrintable(d.w.lastStatusMessage()));
        QCOMPARE(d.model()->path(), QFileInfo(copy).absoluteFilePath());
        // Undo still works, on the copy.
        QVERIFY(d.undo().isEmpty());
        QCOMPARE(disk(copy), QByteArray("original text"));
        QCOMPARE(disk(path), QByteArray("original text"));
    }

    void followEndFollowsATruncatedAndRegrownLog() {
        // Bug: after ": > log" and new lines, Follow End showed zeros until Reload and the
        // banner kept saying "shrank". It follows as tail -F does: from the new start.
        const QString path = makeFile("old line 1\nold line 2\nold line 3\n");
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.setFollowEnd(true);
        d.view()->viewport()->repaint();
        QVERIFY(QFile::resize(path, 0));
        d.view()->viewport()->repaint(); // reads the lost pages: zeros, no crash
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write("new 1\nnew 2\n");
        }
        d.checkFileOnDisk();
        QCOMPARE(d.shown(), QByteArray("new 1\nnew 2\n"));
        QVERIFY(!d.model()->damaged());
        QVERIFY(!d.banner()->isVisible() || !d.banner()->text().contains("shrank"));
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(11));
        // And it keeps following what is appended next.
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write("new 3\n");
        }
        d.checkFileOnDisk();
        QCOMPARE(d.shown(), QByteArray("new 1\nnew 2\nnew 3\n"));
    }

    void theFileIsWatchedNotOnlyPolled() {
        // inotify (QFileSystemWatcher) notices growth at once; the poll is only a fall-back.
        const QString path = makeFile("first\n");
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.tab()->disk()->setPollInterval(3600 * 1000); // no help from the timer
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write("second\n");
        }
        QTRY_VERIFY(d.banner()->isVisible());
        QVERIFY2(d.banner()->text().contains("grew on disk to 13 bytes"), qPrintable(d.banner()->text()));
    }

    void theCursorRowStaysInViewWhenABannerAppears() {
        const QString path = makeFile(QByteArray(1 << 20, 'r'));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        QTest::keyClick(d.view(), Qt::Key_End, Qt::ControlModifier);
        QVERIFY(!d.view()->byteRect(d.cursor()->cursor(), GridLayout::Area::Hex).isEmpty());
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write("grown");
        }
        d.checkFileOnDisk(); // the growth banner appears above the grid
        QVERIFY(d.banner()->isVisible());
        QTest::qWait(50); // let the layout settle
        const QRect cell = d.view()->byteRect(d.cursor()->cursor(), GridLayout::Area::Hex);
        QVERIFY(!cell.isEmpty());
        QVERIFY(cell.bottom() <= d.view()->viewport()->height());
    }

    void selectAllKeepsTheView() {
        const QString path = makeFile(QByteArray(1 << 20, 's'));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.view()->setTopRow(1000);
        QTest::keyClick(d.view(), Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(d.cursor()->selectionLength(), std::uint64_t(1 << 20));
        QCOMPARE(d.view()->topRow(), std::uint64_t(1000));
    }

    void privateEditsCutOffByAnotherProgramCanBeAppliedAgain() {
        const QString path = makeFile(QByteArray(64 * 1024, 'p'));
        Driver d;
        d.open(path, OpenMode::Private);
        d.view()->moveCursor(60000);
        QTest::keyClicks(d.view(), "4142");
        QVERIFY(QFile::resize(path, 4096)); // another program cuts the file
        d.checkFileOnDisk();
        QVERIFY(d.banner()->isVisible());
        QPushButton* apply = d.bannerButton(d.banner(), "Apply My Edits Again");
        QVERIFY2(apply, qPrintable(d.banner()->text()));
        apply->click();
        QVERIFY(!d.model()->damaged());
        QCOMPARE(d.model()->size(), std::uint64_t(64 * 1024));
        QCOMPARE(d.shown().mid(60000, 2), QByteArray("AB"));
        QCOMPARE(d.shown().at(100), 'p');      // still in the file
        QCOMPARE(d.shown().at(30000), '\0');  // cut off: zeros
        const QString copy = m_dir.filePath("kept.bin");
        QCOMPARE(d.saveAs(copy), QString());
        QTRY_VERIFY(!d.saving());
        QCOMPARE(disk(copy).mid(60000, 2), QByteArray("AB"));
    }

    void growthIsReportedAndFollowed() {
        const QString path = makeFile("line 1\n");
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write("line 2\n");
        }
        d.checkFileOnDisk();
        QVERIFY(d.banner()->isVisible());
        QVERIFY2(d.banner()->text().contains("grew on disk to 14 bytes"), qPrintable(d.banner()->text()));
        d.view()->moveCursor(3);
        d.reload();
        QCOMPARE(d.document()->size(), std::uint64_t(14));
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(3)); // the cursor is kept
        d.setFollowEnd(true);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write(QByteArray(100000, 'x'));
        }
        d.checkFileOnDisk();
        QCOMPARE(d.document()->size(), std::uint64_t(100014));
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(100013));
        QCOMPARE(d.view()->topRow(), d.view()->maxTopRow());
        QCOMPARE(char(d.document()->view().at(100013)), 'x');
    }
};

QTEST_MAIN(TestEditing)
#include "test_editing.moc"
