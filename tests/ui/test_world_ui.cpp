// SPDX-License-Identifier: MIT
// The window while another process changes the file (issue 23): what is saved on disk and
// what the window says, against what the user and the other process did. Each test names
// the defect it guards (D1 private save after an append, D2 Save As after a truncation, D3
// checksums after a truncation, D5 Find All under Follow End, D7 a file name that is not
// UTF-8).
#include "checksums_dialog.h"
#include "rule_map.h"
#include "line_counter.h"
#include "inspector_model.h"
#include "lines_view.h"
#include "temp_files.h"
#include "window_driver.h"

#include <QDockWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>
#include <QDir>
#include <QLabel>
#include <QTabWidget>
#include <QTableWidget>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

using namespace hexmap;

namespace {

QByteArray disk(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void append(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    QCOMPARE(f.write(bytes), bytes.size());
}

QByteArray logLines(int from, int count) {
    QByteArray b;
    for (int i = from; i < from + count; ++i)
        b += (i % 5 == 0 ? "2026-12-06 ERROR line " : "2026-12-06 INFO line ") + QByteArray::number(i) + "\n";
    return b;
}

// Opens a log read-only under Follow End and starts Find All of ERROR.
void followAndFindErrors(Driver& d, const QString& path) {
    d.open(path, OpenMode::ReadOnly);
    d.setFollowEnd(true);
    d.findBar()->setKind(PatternKind::Text);
    d.findBar()->setPatternText("ERROR");
    QCOMPARE(said(d.search()->findAll()), QString());
}

} // namespace

class TestWorldUi : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;

private slots:
    void initTestCase() { testutil::isolateSettings(m_config); }

    // D1: Ctrl+S in private mode after another process appended keeps its bytes, and the
    // banner says so beforehand.
    void privateSaveAfterAppendKeepsTheOtherProcessBytes() {
        const QByteArray original = testutil::randomBytes(1'200'000, 7);
        const QString path = testutil::newFile(m_dir, original);
        Driver d;
        d.open(path, OpenMode::Private);
        QCOMPARE(said(d.tab()->edit()->typeByte(10, 0x41, 11)), QString());
        const QByteArray appended = testutil::randomBytes(28'000, 8);
        append(path, appended);
        d.checkFileOnDisk();
        QVERIFY(d.banner()->isVisible());
        QVERIFY2(d.banner()->text().contains("grew on disk") &&
                     d.banner()->text().contains("keeps the 28000 bytes"),
                 qPrintable(d.banner()->text()));
        QTest::keyClick(d.view(), Qt::Key_S, Qt::ControlModifier);
        QByteArray expected = original;
        expected[10] = 0x41;
        expected += appended;
        QCOMPARE(disk(path), expected);
        QVERIFY(!d.model()->isModified());
        QCOMPARE(d.model()->size(), std::uint64_t(expected.size())); // shows the appended bytes
        QCOMPARE(d.shown(), expected);
        QVERIFY(!d.banner()->isVisible()); // "grew on disk" no longer holds
    }

    // D1: a resize and an append: Save asks; No saves nothing; Yes saves the resize.
    void privateResizeAfterAppendAsksBeforeCutting() {
        const QByteArray original = testutil::randomBytes(100'000, 9);
        const QString path = testutil::newFile(m_dir, original);
        Driver d;
        d.open(path, OpenMode::Private);
        QCOMPARE(d.resizeTo("50000"), QString());
        append(path, "appended by another program");
        QString asked;
        d.tab()->saver()->setConfirm([&](const QString& q) {
            asked = q;
            return false;
        });
        const QString refused = d.save();
        QVERIFY2(asked.contains("grew on disk by 27 bytes"), qPrintable(asked));
        QVERIFY2(refused.contains("Not saved"), qPrintable(refused));
        QCOMPARE(disk(path), original + "appended by another program");
        d.tab()->saver()->setConfirm([](const QString&) { return true; });
        QCOMPARE(d.save(), QString());
        QCOMPARE(disk(path), original.left(50'000));
    }

    // Painting has no side effects: a paint that reads pages another process cut off changes
    // nothing while it paints; the fault guard's eventfd tells the model afterwards, and the
    // banner says the file shrank without waiting for the disk watcher's look. A read that is
    // not a paint (here, straight from the mapping) is noticed the same way.
    void damageIsNoticedAfterThePaintNotInIt_data() {
        QTest::addColumn<bool>("paint");
        QTest::newRow("a paint reads the lost pages") << true;
        QTest::newRow("another read does") << false;
    }
    void damageIsNoticedAfterThePaintNotInIt() {
        QFETCH(bool, paint);
        const QString path = testutil::newFile(m_dir, testutil::randomBytes(1'000'000, 11));
        Driver d;
        d.w.resize(900, 600);
        d.w.show();
        d.open(path, OpenMode::ReadOnly);
        QTest::qWait(50);
        QVERIFY(!d.banner()->isVisible());
        d.view()->moveCursor(900'000); // the rows on screen lie past the new end
        QTest::qWait(50);
        QVERIFY(QFile::resize(path, 4096));
        QSignalSpy changed(d.model(), &DocumentModel::changed);
        if (paint) {
            d.view()->viewport()->repaint(); // synchronous: reads the lost pages
        } else {
            const volatile std::uint8_t* p = d.model()->document().mappingData();
            [[maybe_unused]] const std::uint8_t b = p[900'000];
        }
        QCOMPARE(changed.count(), 0); // nothing happened inside the paint (or the read)
        QTRY_VERIFY(changed.count() >= 1);
        QVERIFY(changed.first().first().value<DocumentChange>().has(DocumentChange::Damaged));
        QTRY_VERIFY(d.banner()->isVisible());
        QVERIFY2(d.banner()->text().contains("shrank"), qPrintable(d.banner()->text()));
    }

    // D2: Save As after another process truncated the file: refused with the reason, no
    // copy written, the window stays on the original with its banner.
    void saveAsAfterTruncationWritesNothing_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("read-only") << int(OpenMode::ReadOnly);
        QTest::newRow("shared") << int(OpenMode::Shared);
        QTest::newRow("private") << int(OpenMode::Private);
    }
    void saveAsAfterTruncationWritesNothing() {
        QFETCH(int, mode);
        const QString path = testutil::newFile(m_dir, testutil::randomBytes(12'000'000, 10));
        Driver d;
        d.open(path, static_cast<OpenMode>(mode));
        QVERIFY(QFile::resize(path, 6'000'000));
        d.view()->viewport()->repaint(); // the window reads the lost pages: zeros, no crash
        d.checkFileOnDisk();
        QVERIFY2(d.banner()->text().contains("shrank"), qPrintable(d.banner()->text()));
        const QString copy = m_dir.filePath(QString("copy-%1.bin").arg(mode));
        QString error = "<none>", message;
        QObject::connect(d.tab()->saver(), &SaveController::finished, [&](const QString& e, const QString& m) {
            error = e;
            message = m;
        });
        const QString started = d.saveAs(copy);
        if (started.isEmpty()) QTRY_VERIFY_WITH_TIMEOUT(error != "<none>", 20000);
        else error = started;
        QVERIFY2(error.contains("shrank on disk") && error.contains("was not written"), qPrintable(error));
        QVERIFY(!message.contains("Saved as"));
        QVERIFY(!QFile::exists(copy));
        QCOMPARE(d.model()->path(), path); // still the original
    }

    // D3: Tools > Checksums after a truncation refuses instead of hashing zeros.
    void checksumsAfterTruncationRefuse() {
        const QString path = testutil::newFile(m_dir, testutil::randomBytes(4'000'000, 11));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        QVERIFY(QFile::resize(path, 2'000'000));
        ChecksumsDialog dialog(d.model(), d.cursor());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.running(), 20000);
        QString shown;
        for (QLabel* l : dialog.findChildren<QLabel*>()) shown += l->text() + "\n";
        QVERIFY2(shown.contains("shrank on disk") && shown.contains("none is shown"), qPrintable(shown));
        for (int r = 0; r < dialog.table()->rowCount(); ++r)
            QVERIFY(!dialog.table()->item(r, 1) || dialog.table()->item(r, 1)->text().isEmpty());
    }

    // D5: Follow End on a growing log, then Find All: the results stay and the appended
    // matches join them; nothing is cleared by the growth.
    void findAllUnderFollowEndKeepsAndExtendsTheResults() {
        const QString path = testutil::newFile(m_dir, logLines(0, 5000));
        Driver d;
        followAndFindErrors(d, path);
        d.waitIdle();
        QCOMPARE(d.results()->matches().size(), std::size_t(1000));
        int next = 5000;
        for (int round = 0; round < 5; ++round) {
            append(path, logLines(next, 100)); // 20 more ERROR lines each time
            next += 100;
            d.checkFileOnDisk(); // what the watcher's timer does
            d.waitIdle();
            QCOMPARE(d.model()->size(), std::uint64_t(QFileInfo(path).size()));
            QCOMPARE(d.results()->matches().size(), std::size_t(1000 + 20 * (round + 1)));
        }
        // Offsets match a scan of the file.
        const QByteArray all = disk(path);
        std::vector<std::uint64_t> want;
        for (qsizetype at = all.indexOf("ERROR"); at >= 0; at = all.indexOf("ERROR", at + 1)) want.push_back(at);
        std::vector<std::uint64_t> got;
        for (const Match& m : d.results()->matches()) got.push_back(m.offset);
        QCOMPARE(got, want);
        QVERIFY(d.search()->resultsComplete());
    }

    // D5: the growth arrives while Find All still runs: the search finishes what it read,
    // then searches the appended part.
    void growthDuringFindAllIsSearchedAfterIt() {
        QByteArray big;
        for (int i = 0; i < 40; ++i) big += logLines(i * 20000, 20000);
        const QString path = testutil::newFile(m_dir, big);
        Driver d;
        followAndFindErrors(d, path);
        append(path, logLines(800000, 10));
        d.checkFileOnDisk(); // waits: the search holds the lease
        d.waitIdle();
        QTRY_VERIFY_WITH_TIMEOUT(d.model()->size() == std::uint64_t(QFileInfo(path).size()), 5000);
        d.waitIdle();
        QTRY_COMPARE_WITH_TIMEOUT(d.results()->matches().size(), std::size_t(160000 + 2), 10000);
    }

    // Papercut: Save As pressed while Checksums reads is no longer dropped: it copies, and
    // switches to the copy once the checksum has ended.
    void saveAsDuringChecksumsIsNotDropped() {
        const QByteArray bytes = testutil::randomBytes(48 << 20, 12);
        const QString path = testutil::newFile(m_dir, bytes);
        Driver d;
        d.open(path, OpenMode::Private);
        QCOMPARE(said(d.tab()->edit()->typeByte(0, 0x5a, 1)), QString());
        ChecksumsDialog dialog(d.model(), d.cursor());
        QVERIFY(dialog.running());
        const QString copy = m_dir.filePath("during-checksums.bin");
        QString error = "<none>", message;
        QObject::connect(d.tab()->saver(), &SaveController::finished, [&](const QString& e, const QString& m) {
            error = e;
            message = m;
        });
        QCOMPARE(d.saveAs(copy), QString());
        QTRY_VERIFY_WITH_TIMEOUT(error != "<none>", 30000);
        QCOMPARE(error, QString());
        QVERIFY2(message.contains("Saved as"), qPrintable(message));
        QByteArray expected = bytes;
        expected[0] = 0x5a;
        QCOMPARE(disk(copy), expected);
        QCOMPARE(d.model()->path(), QFileInfo(copy).absoluteFilePath());
    }

    // Papercut: a 161-character file name is cut in the middle on its tab, whole in the tooltip.
    void longNamesAreElidedOnTheTab() {
        const QString name = QString(150, 'n') + "-tail.bin";
        QCOMPARE(name.size(), 159);
        const QString path = QString::fromStdString(testutil::writeFile(m_dir, name, "x"));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        auto* tabs = d.w.findChild<QTabWidget*>("tabs");
        QVERIFY(tabs);
        const QString label = tabs->tabText(tabs->currentIndex());
        QVERIFY2(label.size() <= 60 && label.contains("tail.bin [read-only]") && label.contains(QChar(0x2026)),
                 qPrintable(label));
        QVERIFY(tabs->tabToolTip(tabs->currentIndex()).contains(name));
    }

    // Live view (issue 21): a write in place by another process (same size, new mtime)
    // repaints the visible rows at the next look, in both views, without a key press.
    void aWriteInPlaceByAnotherProcessRepaints_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("lines");
        QTest::newRow("shared, hex") << int(OpenMode::Shared) << false;
        QTest::newRow("read-only, hex") << int(OpenMode::ReadOnly) << false;
        QTest::newRow("read-only, lines") << int(OpenMode::ReadOnly) << true;
    }
    void aWriteInPlaceByAnotherProcessRepaints() {
        QFETCH(int, mode);
        QFETCH(bool, lines);
        const QString path = testutil::newFile(m_dir, QByteArray(64 * 1024, 'a'));
        Driver d;
        d.open(path, static_cast<OpenMode>(mode));
        if (lines) d.tab()->setViewMode(DocumentTab::ViewMode::Lines);
        QWidget* viewport = lines ? d.tab()->linesView()->viewport() : d.view()->viewport();
        QTest::qWait(100); // the first frames
        struct Counter : QObject {
            int paints = 0;
            bool eventFilter(QObject*, QEvent* e) override {
                if (e->type() == QEvent::Paint) ++paints;
                return false;
            }
        } counter;
        viewport->installEventFilter(&counter);
        QTest::qWait(1100); // a quiet second: nothing repaints by itself
        const int quiet = counter.paints;
        QTest::qWait(20); // a new mtime tick
        const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY);
        QVERIFY(fd >= 0);
        QCOMPARE(::pwrite(fd, "ZZZZ", 4, 0), ssize_t(4));
        ::close(fd);
        d.checkFileOnDisk(); // what the watcher and the timer do
        QTest::qWait(50);
        QVERIFY2(counter.paints > quiet, qPrintable(QString("%1 paints before, %2 after").arg(quiet).arg(counter.paints)));
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(d.model()->document().mappingData()), 4), QByteArray("ZZZZ"));
        viewport->removeEventFilter(&counter);
    }

    // Live view, what is derived from the bytes: after another process's write in place the
    // finished Find All says it may be stale and offers Refresh (which finds the new match),
    // the line count counts again, the inspector shows the new bytes, the colour band scans
    // again.
    void aWriteInPlaceRefreshesWhatIsDerived() {
        QByteArray log;
        for (int i = 0; i < 2000; ++i) log += (i % 100 == 7 ? "ERROR " : "DEBUG ") + QByteArray::number(i).rightJustified(5, '0') + "\n";
        const QString path = testutil::newFile(m_dir, log);
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.tab()->setViewMode(DocumentTab::ViewMode::Both); // the colour band is the Lines view's
        d.w.inspectorDock()->show();
        LineCounter* lines = d.tab()->lineCounter();
        QTRY_COMPARE(lines->lineCount().value_or(0), std::uint64_t(2000));
        QTRY_VERIFY(d.tab()->ruleMap()->enabled() && d.tab()->ruleMap()->complete());
        d.findBar()->show();
        d.findBar()->setPatternText("ERROR");
        QVERIFY(said(d.search()->findAll()).isEmpty());
        d.waitIdle();
        QCOMPARE(d.results()->matches().size(), std::size_t(20));
        QVERIFY(!d.findBar()->isStale());
        d.cursor()->moveCursor(600); // line 51, in a 512-byte segment of the band with no ERROR
        const QModelIndex u8 = d.w.inspector()->index(0, InspectorModel::Value);
        const QString before = u8.data().toString();
        const std::uint8_t ruleBefore = d.tab()->ruleMap()->bestIn(600, 612); // DEBUG's colour

        QTest::qWait(20); // a new mtime tick
        const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY);
        QVERIFY(fd >= 0);
        QCOMPARE(::pwrite(fd, "ERROR", 5, 600), ssize_t(5));      // line 51 becomes an error
        QCOMPARE(::pwrite(fd, "\n", 1, 12 * 60 + 3), ssize_t(1)); // and line 61 two lines
        ::close(fd);
        d.checkFileOnDisk();
        QVERIFY(d.findBar()->isStale());
        QVERIFY2(d.findBar()->statusText().contains("may be stale"), qPrintable(d.findBar()->statusText()));
        QTRY_COMPARE(lines->lineCount().value_or(0), std::uint64_t(2001));
        QVERIFY(u8.data().toString() != before); // 'D' became 'E' at the cursor
        QVERIFY(!d.tab()->ruleMap()->complete()); // scanning again
        QTRY_VERIFY(d.tab()->ruleMap()->complete());
        QVERIFY(ruleBefore != 0);
        QVERIFY(d.tab()->ruleMap()->bestIn(600, 612) != ruleBefore); // line 51 has ERROR's colour now
        QTest::mouseClick(d.findBar()->findChild<QPushButton*>("findRefresh"), Qt::LeftButton);
        d.waitIdle();
        QCOMPARE(d.results()->matches().size(), std::size_t(21));
        QCOMPARE(d.results()->matches()[1].offset, std::uint64_t(600));
        QVERIFY(!d.findBar()->isStale());
    }

    // Our own writes move the mtime too (a shared edit, a private save): they are not
    // another process's write, so the search is not marked stale and nothing recounts.
    void ourOwnWritesAreNotAnotherProcesss_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("shared edit") << int(OpenMode::Shared);
        QTest::newRow("private save") << int(OpenMode::Private);
    }
    void ourOwnWritesAreNotAnotherProcesss() {
        QFETCH(int, mode);
        const QString path = testutil::newFile(m_dir, QByteArray(5000, 'a') + "needle\n" + QByteArray(5000, 'b'));
        Driver d;
        d.open(path, static_cast<OpenMode>(mode));
        d.findBar()->show();
        d.findBar()->setPatternText("needle");
        QVERIFY(said(d.search()->findAll()).isEmpty());
        d.waitIdle();
        QCOMPARE(d.results()->matches().size(), std::size_t(1));
        QTest::qWait(20); // a new mtime tick
        QSignalSpy changed(d.model(), &DocumentModel::changed);
        QCOMPARE(said(d.tab()->edit()->typeByte(10, 'Z', 11)), QString());
        if (mode == int(OpenMode::Private)) QCOMPARE(d.save(), QString());
        d.checkFileOnDisk();
        QVERIFY(!d.findBar()->isStale());
        for (const QList<QVariant>& c : changed)
            QVERIFY(!c.first().value<DocumentChange>().has(DocumentChange::Disk));
    }

    // Issue 21: "hexmap missing.bin good.bin" showed the good file and dropped the error.
    void everyFailedOpenStaysVisible() {
        const QString good = testutil::newFile(m_dir, "good bytes");
        const QString good2 = testutil::newFile(m_dir, "more good bytes");
        Driver d;
        d.w.resize(1000, 700);
        d.w.show();
        QVERIFY(!said(d.w.session()->open(m_dir.filePath("missing.bin"), OpenMode::ReadOnly)).isEmpty());
        QCOMPARE(said(d.w.session()->open(good, OpenMode::ReadOnly)), QString());
        QVERIFY(!said(d.w.session()->open(m_dir.path(), OpenMode::ReadOnly)).isEmpty()); // a folder
        QCOMPARE(said(d.w.session()->open(good2, OpenMode::ReadOnly)), QString());
        QVERIFY(d.w.banner()->isVisible());
        const QString text = d.w.banner()->text();
        QVERIFY2(text.contains("missing.bin") && text.contains("2 files could not be opened"), qPrintable(text));
        QVERIFY2(text.contains("folder"), qPrintable(text));
        QCOMPARE(d.w.session()->count(), 2);
    }

    // Issue 21: F3 right after Find All moves to a match after the cursor, never reports the
    // one the cursor is already on.
    void f3AfterFindAllMovesOn() {
        const QString path = testutil::newFile(m_dir, logLines(0, 50));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        QTest::keyClick(d.view(), Qt::Key_F, Qt::ControlModifier);
        d.findBar()->setKind(PatternKind::Text);
        d.findBar()->setPatternText("ERROR");
        QTest::keyClick(d.view(), Qt::Key_F3); // the cursor now on the first match
        d.waitIdle();
        QTest::keyClick(d.findBar(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        d.waitIdle();
        QCOMPARE(d.results()->matches().size(), std::size_t(10));
        const std::uint64_t before = d.cursor()->cursor();
        QCOMPARE(before, d.results()->matches().front().offset);
        QTest::keyClick(d.view(), Qt::Key_F3);
        d.waitIdle();
        const auto& all = d.results()->matches();
        const std::uint64_t now = d.cursor()->cursor();
        QVERIFY2(now != before, qPrintable(QString("stayed at %1").arg(now)));
        const std::size_t next = all.lowerBound(before + 1);
        QVERIFY(next + 1 < all.size());
        QCOMPARE(now, all[next].offset);
        QTest::keyClick(d.view(), Qt::Key_F3);
        d.waitIdle();
        QCOMPARE(d.cursor()->cursor(), all[next + 1].offset);
    }

    // D7: Save As with Enter on the suggested name of a file whose name is not UTF-8 writes
    // that same file, not a new one named with U+FFFD.
    void saveAsKeepsTheBytesOfANonUtf8Name() {
        const QByteArray folder = QFile::encodeName(m_dir.path());
        const QByteArray raw = folder + "/caf\xe9-\xff\xfe.bin";
        {
            const int fd = ::open(raw.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            QVERIFY(fd >= 0);
            QCOMPARE(::write(fd, "hello", 5), ssize_t(5));
            ::close(fd);
        }
        Driver d;
        d.w.resize(1000, 700);
        d.w.show();
        QCOMPARE(said(d.w.session()->open(raw, OpenMode::Private)), QString());
        QCOMPARE(d.model()->rawPath(), raw);
        QCOMPARE(said(d.tab()->edit()->typeByte(0, 0x48, 1)), QString());
        QString error = "<none>";
        QObject::connect(d.tab()->saver(), &SaveController::finished,
                         [&](const QString& e, const QString&) { error = e; });
        QCOMPARE(d.saveAs(d.model()->path()), QString()); // the dialog's suggestion, as is
        QTRY_VERIFY_WITH_TIMEOUT(error != "<none>", 20000);
        QCOMPARE(error, QString());
        QCOMPARE(d.model()->rawPath(), raw);
        // The folder holds the one file, with its own bytes for a name.
        int files = 0;
        DIR* dir = ::opendir(folder.constData());
        while (const dirent* e = ::readdir(dir))
            if (QByteArray(e->d_name).startsWith("caf")) {
                ++files;
                QCOMPARE(QByteArray(e->d_name), QByteArray("caf\xe9-\xff\xfe.bin"));
            }
        ::closedir(dir);
        QCOMPARE(files, 1);
        QFile f(QFile::decodeName(raw));
        const int fd = ::open(raw.constData(), O_RDONLY);
        char buf[8] = {};
        QCOMPARE(::read(fd, buf, sizeof buf), ssize_t(5));
        ::close(fd);
        QCOMPARE(QByteArray(buf, 5), QByteArray("Hello"));
    }
};

QTEST_MAIN(TestWorldUi)
#include "test_world_ui.moc"
