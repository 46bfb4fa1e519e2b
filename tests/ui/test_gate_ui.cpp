// SPDX-License-Identifier: MIT
// The window's actions against running workers, as a user would press them: Save while
// Find All reads a private mapping, Follow End while another process appends during Find
// All, Replace All and Save while Save As copies. Each is refused with a sentence that
// names the reader (or, for Follow End, waits for the next look), nothing is torn, and the
// same action works once the worker is done. In the ASan build a gate with holes would
// read unmapped memory here.
#include "action_registry.h"
#include "temp_files.h"
#include "window_driver.h"

#include <QSettings>
#include <QThread>
#include <QtTest>
#include <atomic>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace hexmap;

class TestGateUi : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;

    static QByteArray disk(const QString& path, qsizetype n = -1) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) return "<unreadable>";
        return n < 0 ? f.readAll() : f.read(n);
    }

private slots:
    void initTestCase() {
        testutil::isolateSettings(m_config);
    }

    void saveWhileFindAllReadsIsRefused() {
        // Private mode: a save maps the file afresh, which would unmap what the search reads.
        const QString path = QString::fromStdString(testutil::sparseFile(m_dir, "private.bin", 4ULL << 30, "tail"));
        Driver d;
        d.open(path, OpenMode::Private);
        QTest::keyClicks(d.view(), "ab");
        d.findBar()->setKind(PatternKind::Hex);
        d.findBar()->setPatternText("01 02 03 04 05");
        QVERIFY(said(d.search()->findAll()).isEmpty());
        QVERIFY(d.search()->running());
        QTest::keyClick(d.view(), Qt::Key_S, Qt::ControlModifier);
        QVERIFY(d.banner()->isVisible());
        QVERIFY2(d.banner()->text().contains("Cannot save now: a search is reading the file"),
                 qPrintable(d.banner()->text()));
        QCOMPARE(disk(path, 1), QByteArray(1, '\0'));
        QVERIFY(d.model()->isModified());
        // Every other change is refused the same way.
        QVERIFY(d.undo().contains("a search is reading"));
        QVERIFY(d.resizeTo("10").contains("a search is reading"));
        QVERIFY(d.revert().contains("a search is reading"));
        d.search()->cancel();
        d.waitIdle();
        QTest::keyClick(d.view(), Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(disk(path, 1), QByteArray("\xab"));
        QVERIFY(!d.model()->isModified());
    }

    void followEndWaitsForFindAllWhileTheFileGrows() {
        const QString path = QString::fromStdString(testutil::sparseFile(m_dir, "growing.log", 4ULL << 30, "x"));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.setFollowEnd(true);
        const std::uint64_t before = d.model()->size();
        d.findBar()->setKind(PatternKind::Hex);
        d.findBar()->setPatternText("01 02 03 04 05");
        QVERIFY(said(d.search()->findAll()).isEmpty());
        const std::uint8_t* mapping = d.model()->document().mappingData();
        // Another process appends about 40 MB/s.
        std::atomic<bool> stop{false};
        std::thread writer([&] {
            const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_APPEND);
            const QByteArray line(4096, 'w');
            while (!stop.load()) {
                for (int i = 0; i < 40; ++i)
                    if (::write(fd, line.constData(), static_cast<size_t>(line.size())) < 0) break;
                std::this_thread::sleep_for(std::chrono::milliseconds(4));
            }
            ::close(fd);
        });
        int looks = 0;
        while (d.search()->running() && looks < 20) {
            d.checkFileOnDisk(); // what the watcher and the timer do
            // While the search reads, the mapping neither grows nor moves.
            QCOMPARE(d.model()->size(), before);
            QCOMPARE(d.model()->document().mappingData(), mapping);
            QTest::qWait(10);
            ++looks;
        }
        QVERIFY(looks > 0);
        d.search()->cancel();
        d.waitIdle();
        stop = true;
        writer.join();
        d.checkFileOnDisk();
        QVERIFY(d.model()->size() > before); // followed once the search let go
        QCOMPARE(d.model()->size(), QFileInfo(path).size() + 0ULL);
        QCOMPARE(d.cursor()->cursor(), d.model()->size() - 1);
    }

    void replaceAllAndSaveWhileSaveAsCopiesAreRefused() {
        QByteArray bytes;
        for (int i = 0; i < (64 << 20) / 64; ++i) bytes += "a cat in line " + QByteArray::number(i).rightJustified(10, '0') + " and some padding text here..\n";
        const QString path = testutil::newFile(m_dir, bytes);
        Driver d;
        d.open(path, OpenMode::Private);
        d.findBar()->setPatternText("cat");
        d.findBar()->setReplacementText("dog");
        QVERIFY(said(d.search()->findAll()).isEmpty());
        d.waitIdle();
        QVERIFY(d.search()->resultsComplete());
        const QString copy = m_dir.filePath("copy.txt");
        QCOMPARE(d.saveAs(copy), QString());
        QVERIFY(d.saving());
        const UiStatus refused = d.search()->replaceAll();
        QVERIFY2(said(refused).contains("Save As is reading the file"), qPrintable(said(refused)));
        QVERIFY(d.save().contains("Save As is reading the file"));
        QTest::keyClicks(d.view(), "00");
        QCOMPARE(char(d.model()->document().mappingData()[0]), 'a');
        QTRY_VERIFY_WITH_TIMEOUT(!d.saving(), 30000);
        QCOMPARE(disk(copy), bytes); // no torn copy: not one replacement in it
        QCOMPARE(d.model()->path(), QFileInfo(copy).absoluteFilePath());
        QCOMPARE(d.shown(), bytes);
        // Now Replace All works, on the copy.
        QVERIFY(said(d.search()->replaceAll()).isEmpty());
        d.waitIdle();
        QVERIFY(d.shown().startsWith("a dog in line"));
    }

    void noEditSlipsInBetweenTheCopyAndItsAdoption() {
        // The copy is written and renamed on the worker; until the window has adopted it,
        // an edit would be lost (the document switches to the copy, which lacks it). The
        // lease is held until then.
        const QString path = testutil::newFile(m_dir, QByteArray(1 << 20, 'q'));
        Driver d;
        d.open(path, OpenMode::Private);
        const QString copy = m_dir.filePath("adopted.bin");
        QCOMPARE(d.saveAs(copy), QString());
        // Wait for the worker's rename without letting the GUI thread deliver its end.
        QElapsedTimer t;
        t.start();
        while (!QFile::exists(copy) && t.elapsed() < 20000) QThread::msleep(1);
        QVERIFY(QFile::exists(copy));
        QThread::msleep(20); // the worker returns from work() and posts its end
        const QString refused = d.paste("00");
        QVERIFY2(refused.contains("Save As is reading"), qPrintable(refused));
        QTRY_VERIFY(!d.saving());
        QCOMPARE(d.model()->path(), QFileInfo(copy).absoluteFilePath());
        QVERIFY(d.paste("00").isEmpty()); // and now it goes through, into the copy
        QCOMPARE(char(d.model()->document().mappingData()[0]), '\0');
    }
};

QTEST_MAIN(TestGateUi)
#include "test_gate_ui.moc"
