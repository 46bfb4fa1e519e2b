// SPDX-License-Identifier: MIT
// Insert mode in the window (issue 18), as a user drives it: the Insert key and INS/OVR,
// hex digits and characters inserting, Backspace and Delete deleting, paste inserting,
// Cut, Edit > Insert Bytes, undo as one step per typing run, and what holds an offset (the
// cursor, bookmarks, Find All's results) following the shift. Save writes the shifted file.
#include "window_driver.h"
#include "bookmark_model.h"
#include "line_counter.h"
#include "preferences.h"
#include "rewrite_in_place.h"
#include "document.h"
#include "sys_io.h"
#include "temp_files.h"

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include <QClipboard>
#include <QGuiApplication>
#include <QtTest>

using namespace hexmap;

class TestInsertMode : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;
    QString makeFile(const QByteArray& bytes) { return testutil::newFile(m_dir, bytes); }
    static QByteArray disk(const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
    }

private slots:
    void initTestCase() { testutil::isolateSettings(m_config); }

    void insertKeyTogglesAndTheStatusBarSaysWhich() {
        Driver d;
        d.open(makeFile("0123456789"), OpenMode::Private);
        QVERIFY(d.w.statusText().contains("OVR"));
        QTest::keyClick(d.view(), Qt::Key_Insert);
        QVERIFY(d.tab()->edit()->insertMode());
        QVERIFY(d.w.actions().insertMode->isChecked());
        QVERIFY2(d.w.statusText().contains("INS"), qPrintable(d.w.statusText()));
        QTest::keyClick(d.view(), Qt::Key_Insert);
        QVERIFY(!d.tab()->edit()->insertMode());
        QVERIFY(d.w.statusText().contains("OVR"));
    }

    void hexDigitsAndTextInsertAndUndoAsOneStep() {
        const QString path = makeFile("0123456789");
        Driver d;
        d.open(path, OpenMode::Private);
        d.view()->moveCursor(2);
        QTest::keyClick(d.view(), Qt::Key_Insert);
        QTest::keyClicks(d.view(), "cafe");
        QCOMPARE(d.shown(), QByteArray("01\xca\xfe" "23456789"));
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(4)); // still on the '2'
        QTest::keyClick(d.view(), Qt::Key_Tab); // the text column
        QTest::keyClicks(d.view(), "Hi");
        QCOMPARE(d.shown(), QByteArray("01\xca\xfe" "Hi23456789"));
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(6));
        QCOMPARE(d.model()->size(), std::uint64_t(14));
        // Modified tint covers the inserted bytes only.
        const auto mod = d.document()->modifiedIn(0, d.model()->size());
        QCOMPARE(mod.size(), std::size_t(1));
        QCOMPARE(mod[0], std::make_pair(std::uint64_t(2), std::uint64_t(6)));
        QVERIFY(d.undo().isEmpty()); // "Hi"
        QCOMPARE(d.shown(), QByteArray("01\xca\xfe" "23456789"));
        QVERIFY(d.undo().isEmpty()); // "cafe"
        QCOMPARE(d.shown(), QByteArray("0123456789"));
        QVERIFY(!d.model()->isModified());
        QVERIFY(d.redo().isEmpty());
        QVERIFY(d.redo().isEmpty());
        QCOMPARE(d.shown(), QByteArray("01\xca\xfe" "Hi23456789"));
        QCOMPARE(disk(path), QByteArray("0123456789")); // nothing on disk before Save
        QVERIFY(d.save().isEmpty());
        QTRY_VERIFY(!d.saving());
        QCOMPARE(disk(path), QByteArray("01\xca\xfe" "Hi23456789"));
        QVERIFY(!d.model()->isModified());
    }

    void backspaceAndDeleteDelete() {
        Driver d;
        d.open(makeFile("abcdefghij"), OpenMode::Private);
        d.view()->moveCursor(5); // 'f'
        QTest::keyClick(d.view(), Qt::Key_Delete); // overwrite mode too: Delete deletes
        QCOMPARE(d.shown(), QByteArray("abcdeghij"));
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(5));
        QTest::keyClick(d.view(), Qt::Key_Backspace); // overwrite mode: only moves back
        QCOMPARE(d.shown(), QByteArray("abcdeghij"));
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(4));
        QTest::keyClick(d.view(), Qt::Key_Insert);
        QTest::keyClick(d.view(), Qt::Key_Backspace);
        QTest::keyClick(d.view(), Qt::Key_Backspace);
        QCOMPARE(d.shown(), QByteArray("abeghij"));
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(2));
        QVERIFY(d.undo().isEmpty()); // both Backspaces: one step
        QCOMPARE(d.shown(), QByteArray("abcdeghij"));
        // A selection goes at once.
        d.select(1, 3);
        QTest::keyClick(d.view(), Qt::Key_Delete);
        QCOMPARE(d.shown(), QByteArray("aeghij"));
        QVERIFY(!d.cursor()->hasSelection());
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(1));
    }

    void pasteInsertsCutRemovesInsertBytesFills() {
        Driver d;
        d.open(makeFile("0123456789"), OpenMode::Private);
        QTest::keyClick(d.view(), Qt::Key_Insert);
        d.view()->moveCursor(3);
        QVERIFY(d.paste("aa bb").isEmpty());
        QCOMPARE(d.shown(), QByteArray("012\xaa\xbb" "3456789"));
        d.select(0, 4);
        d.w.actions().cut->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QString("30 31 32 aa"));
        QCOMPARE(d.shown(), QByteArray("\xbb" "3456789"));
        d.view()->moveCursor(1);
        QVERIFY(said(d.tab()->edit()->insertBytes("3", "de ad")).isEmpty());
        QCOMPARE(d.shown(), QByteArray("\xbb\xde\xad\xde" "3456789"));
        QCOMPARE(d.cursor()->selectionStart(), std::uint64_t(1));
        QCOMPARE(d.cursor()->selectionLength(), std::uint64_t(3));
        QVERIFY(!said(d.tab()->edit()->insertBytes("x", {})).isEmpty()); // a clear refusal
        QVERIFY(d.undo().isEmpty());
        QCOMPARE(d.shown(), QByteArray("\xbb" "3456789"));
    }

    void offsetsFollowTheShift() {
        QByteArray text;
        for (int i = 0; i < 50; ++i) text += "line " + QByteArray::number(i) + (i % 10 == 0 ? " ERROR\n" : "\n");
        Driver d;
        d.open(makeFile(text), OpenMode::Private);
        const std::uint64_t e20 = std::uint64_t(text.indexOf("line 20 ERROR") + 8);
        d.tab()->bookmarks()->add(e20, 5, "err20");
        d.findBar()->show();
        d.findBar()->setPatternText("ERROR");
        d.w.actions().findAll->trigger();
        d.waitIdle();
        QCOMPARE(d.results()->rowCount(), 5);
        const std::uint64_t second = d.results()->at(1).offset;
        // Insert 4 bytes at the start; delete the first ERROR's line.
        d.view()->moveCursor(0);
        QTest::keyClick(d.view(), Qt::Key_Insert);
        QTest::keyClick(d.view(), Qt::Key_Tab);
        QTest::keyClicks(d.view(), "####");
        QCOMPARE(d.tab()->bookmarks()->at(0).offset, e20 + 4);
        QCOMPARE(d.results()->rowCount(), 5);
        QCOMPARE(d.results()->at(1).offset, second + 4);
        QCOMPARE(d.shown().mid(int(d.results()->at(1).offset), 5), QByteArray("ERROR"));
        // Delete a stretch that holds the first match: it goes, the others move back.
        const std::uint64_t firstMatch = d.results()->at(0).offset;
        d.select(firstMatch - 2, 10);
        QTest::keyClick(d.view(), Qt::Key_Delete);
        QCOMPARE(d.results()->rowCount(), 4);
        QCOMPARE(d.results()->at(0).offset, second + 4 - 10);
        QCOMPARE(d.tab()->bookmarks()->at(0).offset, e20 + 4 - 10);
        QCOMPARE(d.shown().mid(int(d.tab()->bookmarks()->at(0).offset), 5), QByteArray("ERROR"));
        // Undo puts the bytes back, and the offsets with them.
        QVERIFY(d.undo().isEmpty());
        QCOMPARE(d.tab()->bookmarks()->at(0).offset, e20 + 4);
        // The line count follows (a worker recounts from the changed block).
        d.w.actions().viewLines->trigger();
        QTRY_VERIFY(d.tab()->lineCounter()->lineCount().has_value());
        QCOMPARE(*d.tab()->lineCounter()->lineCount(), std::uint64_t(50));
    }

    void sharedModeRefusesWithTheReason() {
        Driver d;
        d.open(makeFile("abcdef"), OpenMode::Shared);
        QVERIFY(!d.w.actions().insertMode->isEnabled());
        QVERIFY(!said(d.tab()->edit()->setInsertMode(true)).isEmpty());
        d.view()->moveCursor(2);
        QTest::keyClick(d.view(), Qt::Key_Delete);
        QCOMPARE(d.shown(), QByteArray("abcdef"));
        QVERIFY(!d.model()->isModified());
    }

    void aCutFileKeepsTheInsertsWhenAsked() {
        const QString path = makeFile(QByteArray(64 * 1024, 'p'));
        Driver d;
        d.open(path, OpenMode::Private);
        d.view()->moveCursor(10);
        QTest::keyClick(d.view(), Qt::Key_Insert);
        QTest::keyClicks(d.view(), "4142"); // "AB" before offset 10
        QVERIFY(QFile::resize(path, 4096)); // another program cuts the file
        d.checkFileOnDisk();
        QVERIFY(d.banner()->isVisible());
        QPushButton* keep = d.bannerButton(d.banner(), "Keep What Remains");
        QVERIFY2(keep, qPrintable(d.banner()->text()));
        keep->click();
        QVERIFY(!d.banner()->isVisible());
        QCOMPARE(d.model()->size(), std::uint64_t(4096 + 2));
        QByteArray expected(4096, 'p');
        expected.insert(10, "AB");
        QCOMPARE(d.shown(), expected);
        QVERIFY2(d.w.lastStatusMessage().contains("Dropped " + QLocale::system().toString(61440) + " bytes"),
                 qPrintable(d.w.lastStatusMessage()));
        QVERIFY(d.save().isEmpty());
        QTRY_VERIFY(!d.saving());
        QCOMPARE(disk(path), expected);
    }

    // Follow End under inserts: the banner offers it, and once on, each growth joins the
    // end after the edits, the cursor follows the end, and Undo keeps the file's bytes.
    void followEndAddsTheGrowthAfterTheInserts() {
        const QByteArray log = "line 1\nline 2\n";
        const QString path = makeFile(log);
        Driver d;
        d.open(path, OpenMode::Private);
        QTest::keyClick(d.view(), Qt::Key_Insert);
        QTest::keyClick(d.view(), Qt::Key_Tab); // the text column
        QTest::keyClicks(d.view(), "# ");
        auto appendToFile = [&](const QByteArray& b) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            QCOMPARE(f.write(b), b.size());
        };
        appendToFile("line 3\n");
        d.checkFileOnDisk();
        QVERIFY(d.banner()->isVisible());
        QVERIFY2(d.banner()->text().contains("Follow End adds them"), qPrintable(d.banner()->text()));
        QPushButton* follow = d.bannerButton(d.banner(), "Follow End");
        QVERIFY(follow);
        follow->click();
        QVERIFY(!d.banner()->isVisible());
        QCOMPARE(d.shown(), QByteArray("# line 1\nline 2\nline 3\n"));
        QCOMPARE(d.view()->cursorOffset(), d.model()->size() - 1);
        appendToFile("line 4\n");
        d.checkFileOnDisk();
        QCOMPARE(d.shown(), QByteArray("# line 1\nline 2\nline 3\nline 4\n"));
        QCOMPARE(d.view()->cursorOffset(), d.model()->size() - 1);
        QVERIFY(!d.banner()->isVisible());
        d.w.actions().undo->trigger();
        QCOMPARE(d.shown(), QByteArray("line 1\nline 2\nline 3\nline 4\n"));
        d.w.actions().redo->trigger();
        QVERIFY(d.save().isEmpty()); // nothing appended since the last look: no question
        QTRY_VERIFY(!d.saving());
        QCOMPARE(disk(path), QByteArray("# line 1\nline 2\nline 3\nline 4\n"));
    }

    void closingWithInsertsSavesBeforeTheTabGoes() {
        // The save of a document with inserts runs as a job: closing waits for it.
        const QString path = makeFile("tail");
        Driver d;
        d.open(path, OpenMode::Private);
        QTest::keyClick(d.view(), Qt::Key_Insert);
        QTest::keyClicks(d.view(), "4142");
        int asked = 0;
        d.setUnsavedPrompt([&] { ++asked; return SessionController::UnsavedChoice::Save; });
        QVERIFY(d.w.close());
        QCOMPARE(asked, 1);
        QCOMPARE(disk(path), QByteArray("ABtail"));
    }

    void aSaveWithInsertsRunsAsAJobThatCancels() {
        const QByteArray bytes = testutil::randomBytes(48 << 20, 18);
        const QString path = makeFile(bytes);
        Driver d;
        d.open(path, OpenMode::Private);
        QTest::keyClick(d.view(), Qt::Key_Insert);
        QTest::keyClicks(d.view(), "00");
        QString error = "<none>", message;
        QObject::connect(d.tab()->saver(), &SaveController::finished, [&](const QString& e, const QString& m) {
            error = e;
            message = m;
        });
        QVERIFY(d.save().isEmpty());
        QVERIFY(d.saving()); // on a worker: the window goes on
        QVERIFY(!said(d.model()->insert(0, reinterpret_cast<const std::uint8_t*>("x"), 1)).isEmpty()); // edits wait
        d.tab()->saver()->cancelSaveAs();
        QTRY_VERIFY(!d.saving());
        QTRY_VERIFY(error != "<none>");
        QVERIFY2(message.contains("cancelled"), qPrintable(message));
        QCOMPARE(disk(path), bytes); // the file as it was
        QVERIFY(d.model()->isModified());
        QCOMPARE(d.model()->size(), std::uint64_t(bytes.size() + 1));
        // Saved for real, the document is the new file.
        error = "<none>";
        QVERIFY(d.save().isEmpty());
        QTRY_VERIFY(!d.saving());
        QTRY_VERIFY(error != "<none>");
        QVERIFY2(error.isEmpty() && message.contains("Saved"), qPrintable(error + message));
        QCOMPARE(disk(path), QByteArray(1, '\0') + bytes);
        QVERIFY(!d.model()->isModified());
    }

    void aSaveInPlaceSaysSoAndWritesTheFile() {
        // Preferences ask for in place: the progress and the note say which, and the file is
        // the document without a copy beside it.
        Preferences p = Preferences::load();
        p.saveInPlace = true;
        p.save();
        const QByteArray bytes = testutil::randomBytes(3 << 20, 21);
        const QString path = makeFile(bytes);
        Driver d;
        d.open(path, OpenMode::Private);
        QTest::keyClick(d.view(), Qt::Key_Insert);
        QTest::keyClicks(d.view(), "cafe");
        d.view()->moveCursor(1 << 20);
        QTest::keyClick(d.view(), Qt::Key_Delete);
        QString error = "<none>", message;
        QObject::connect(d.tab()->saver(), &SaveController::finished, [&](const QString& e, const QString& m) {
            error = e;
            message = m;
        });
        QVERIFY(d.save().isEmpty());
        QTRY_VERIFY(error != "<none>");
        QVERIFY2(error.isEmpty() && message.contains("in place"), qPrintable(error + message));
        QByteArray want = QByteArray("\xca\xfe", 2) + bytes;
        want.remove(1 << 20, 1);
        QCOMPARE(disk(path), want);
        QVERIFY(!d.model()->isModified());
        QVERIFY(!rewriteUnfinished(path.toStdString()));
        p.saveInPlace = false;
        p.save();
    }

    void openingAFileWithAnUnfinishedSaveOffersToFinishIt_data() {
        QTest::addColumn<bool>("finish");
        QTest::newRow("finish") << true;
        QTest::newRow("open as it is") << false;
    }
    void openingAFileWithAnUnfinishedSaveOffersToFinishIt() {
        QFETCH(bool, finish);
        const QByteArray bytes = testutil::randomBytes(200000, 22);
        const QString path = makeFile(bytes);
        const std::string file = path.toStdString();
        // A save killed in its moves (in a child: the kill is real).
        const pid_t pid = ::fork();
        if (pid == 0) {
            auto doc = Document::open(file, OpenMode::Private);
            if (!doc) _exit(2);
            Document d = std::move(doc).value();
            if (!d.insert(0, reinterpret_cast<const std::uint8_t*>("HEAD"), 4)) _exit(2);
            class KillAt final : public sysio::Injector {
            public:
                int n = 0;
                int before(sysio::Call) override { return 0; }
                void after(sysio::Call c) override {
                    if (c == sysio::Call::Fdatasync && ++n == 3) ::kill(::getpid(), SIGKILL);
                }
            } kill;
            sysio::setInjector(&kill);
            (void)d.saveInPlace(false, 16384);
            _exit(3);
        }
        int status = 0;
        QVERIFY(::waitpid(pid, &status, 0) == pid);
        QVERIFY(WIFSIGNALED(status));
        QVERIFY(rewriteUnfinished(file));
        const QByteArray want = "HEAD" + bytes;
        QVERIFY(disk(path) != want && disk(path) != bytes); // part old, part new
        Driver d;
        QString asked;
        d.w.session()->setFinishSavePrompt([&](const QString& name) {
            asked = name;
            return finish;
        });
        d.open(path, OpenMode::Private);
        QCOMPARE(asked, QFileInfo(path).fileName());
        if (finish) {
            QCOMPARE(disk(path), want);
            QCOMPARE(d.shown().left(8), want.left(8));
            QVERIFY(!rewriteUnfinished(file));
        } else {
            QVERIFY(rewriteUnfinished(file));
            QVERIFY(disk(path) != want);
            QVERIFY(finishRewrite(file).ok());
            QCOMPARE(disk(path), want);
        }
    }
};

QTEST_MAIN(TestInsertMode)
#include "test_insert_mode.moc"
