// Searching through the window: the find bar, next/previous with wrap-around, find all
// with the results panel and the overview strip, replace, cancel, and the rule that
// edits wait while a search runs.
#include "document.h"
#include "find_bar.h"
#include "hex_view.h"
#include "main_window.h"
#include "match_list_model.h"
#include "overview_strip.h"
#include "search_controller.h"
#include "temp_files.h"

#include <QLineEdit>
#include <QSettings>
#include <QTableView>
#include <QtTest>

using namespace hexmap;

class TestSearchUi : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;
    QString makeFile(const QByteArray& bytes) { return testutil::newFile(m_dir, bytes); }
    static void open(MainWindow& w, const QString& path, OpenMode mode) {
        w.resize(1000, 700);
        w.show();
        QCOMPARE(w.openFile(path, mode), QString());
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
    }
    static void waitIdle(MainWindow& w) { QTRY_VERIFY_WITH_TIMEOUT(!w.search()->running(), 20000); }
    static QByteArray shown(const MainWindow& w) {
        return QByteArray(reinterpret_cast<const char*>(w.document()->data()), qsizetype(w.document()->size()));
    }

    // A log with "ERROR" at known offsets.
    QByteArray log(QList<int>* offsets) {
        QByteArray text;
        for (int i = 0; i < 200; ++i) {
            if (i % 37 == 5) {
                text += "2026 ";
                offsets->append(int(text.size()));
                text += "ERROR disk full\n";
            } else {
                text += "2026 INFO all good, line " + QByteArray::number(i) + "\n";
            }
        }
        return text;
    }

private slots:
    void initTestCase() {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_config.path());
    }

    void findBarNextPreviousWrap() {
        QList<int> offsets;
        const QString path = makeFile(log(&offsets));
        MainWindow w;
        open(w, path, OpenMode::ReadOnly);
        QVERIFY(!w.findBar()->isVisible());
        QTest::keyClick(w.view(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(w.findBar()->isVisible());
        QVERIFY(w.findBar()->patternEdit()->hasFocus());
        QTest::keyClicks(w.findBar()->patternEdit(), "ERROR");
        QTest::keyClick(w.findBar()->patternEdit(), Qt::Key_Return);
        waitIdle(w);
        QCOMPARE(w.view()->cursor(), std::uint64_t(offsets[0]));
        QCOMPARE(w.view()->selectionLength(), std::uint64_t(5));
        QTest::keyClick(w.findBar()->patternEdit(), Qt::Key_Return);
        waitIdle(w);
        QCOMPARE(w.view()->cursor(), std::uint64_t(offsets[1]));
        // Shift+Enter goes back.
        QTest::keyClick(w.findBar()->patternEdit(), Qt::Key_Return, Qt::ShiftModifier);
        waitIdle(w);
        QCOMPARE(w.view()->cursor(), std::uint64_t(offsets[0]));
        // Previous from the first match wraps to the last, with a notice.
        QTest::keyClick(w.findBar()->patternEdit(), Qt::Key_Return, Qt::ShiftModifier);
        waitIdle(w);
        QCOMPARE(w.view()->cursor(), std::uint64_t(offsets.last()));
        QVERIFY2(w.lastStatusMessage().contains("continued from the end"), qPrintable(w.lastStatusMessage()));
        // F3 from the last wraps to the first.
        w.action("findNext")->trigger();
        waitIdle(w);
        QCOMPARE(w.view()->cursor(), std::uint64_t(offsets[0]));
        QVERIFY(w.lastStatusMessage().contains("continued from the start"));
    }

    void invalidPatternsNameThePosition() {
        const QString path = makeFile("abc");
        MainWindow w;
        open(w, path, OpenMode::ReadOnly);
        w.findBar()->show();
        w.findBar()->setKind(PatternKind::Hex);
        w.findBar()->setPatternText("de ad gg");
        const QString error = w.search()->findNext();
        QVERIFY2(error.contains("column"), qPrintable(error));
        QCOMPARE(w.findBar()->statusText(), error);
        QVERIFY(!w.search()->running());
        w.findBar()->setKind(PatternKind::Regex);
        w.findBar()->setPatternText("a(b");
        QVERIFY(!w.search()->findNext().isEmpty());
        w.findBar()->setPatternText("zzz");
        QVERIFY(w.search()->findNext().isEmpty());
        waitIdle(w);
        QVERIFY(w.findBar()->statusText().contains("No matches"));
    }

    void findAllFillsResultsAndOverview() {
        QList<int> offsets;
        const QString path = makeFile(log(&offsets));
        MainWindow w;
        open(w, path, OpenMode::ReadOnly);
        w.findBar()->show();
        w.findBar()->setPatternText("error");
        w.findBar()->setCaseInsensitive(true);
        w.action("findAll")->trigger();
        waitIdle(w);
        QVERIFY(w.search()->resultsComplete());
        QCOMPARE(w.results()->rowCount(), int(offsets.size()));
        for (int i = 0; i < offsets.size(); ++i)
            QCOMPARE(w.results()->at(i).offset, std::uint64_t(offsets[i]));
        QCOMPARE(w.findBar()->statusText(), QStringLiteral("%1 matches").arg(offsets.size()));
        // Columns: hex offset, decimal offset, length, the line as preview.
        const QModelIndex row1 = w.results()->index(1, 0);
        QCOMPARE(row1.data().toString(), "0x" + QString::number(offsets[1], 16));
        QCOMPARE(w.results()->index(1, 1).data().toString(), QString::number(offsets[1]));
        QCOMPARE(w.results()->index(1, 2).data().toString(), QString("5"));
        QCOMPARE(w.results()->index(1, 3).data().toString(), QString("2026 ERROR disk full"));
        // Double-click in the panel jumps there, and the count says where we are.
        QTableView* table = w.resultsView();
        QVERIFY(table->isVisible());
        emit table->doubleClicked(w.results()->index(2, 0));
        QCOMPARE(w.view()->cursor(), std::uint64_t(offsets[2]));
        w.action("findNext")->trigger();
        waitIdle(w);
        QCOMPARE(w.view()->cursor(), std::uint64_t(offsets[3]));
        QCOMPARE(w.findBar()->statusText(), QStringLiteral("4 of %1").arg(offsets.size()));
        QCOMPARE(table->currentIndex().row(), 3); // the panel follows the current match
        // The overview counted every match, in the right places.
        std::uint64_t counted = 0;
        for (int b = 0; b < OverviewStrip::kBuckets; ++b) counted += w.overview()->matchesIn(b);
        QCOMPARE(counted, std::uint64_t(offsets.size()));
        QVERIFY(w.overview()->matchesIn(int(std::uint64_t(offsets[0]) * OverviewStrip::kBuckets / w.document()->size())) >= 1);
        // A click on the strip jumps to the first match at or after that place.
        const int y = w.overview()->yForOffset(std::uint64_t(offsets[4]) - 10);
        QTest::mouseClick(w.overview(), Qt::LeftButton, {}, QPoint(5, y));
        QCOMPARE(w.view()->cursor(), std::uint64_t(offsets[4]));
    }

    void hexAndUtf16Patterns() {
        QByteArray bytes = testutil::randomBytes(5000, 5);
        bytes.replace(1234, 4, QByteArray::fromHex("deadbeef"));
        const QByteArray utf16 = QByteArray("h\0i\0!\0", 6);
        bytes.replace(3000, utf16.size(), utf16);
        const QString path = makeFile(bytes);
        MainWindow w;
        open(w, path, OpenMode::ReadOnly);
        w.findBar()->show();
        w.findBar()->setKind(PatternKind::Hex);
        w.findBar()->setPatternText("de ?d be ef");
        QVERIFY(w.search()->findNext().isEmpty());
        waitIdle(w);
        QCOMPARE(w.view()->cursor(), std::uint64_t(1234));
        w.findBar()->setKind(PatternKind::Text);
        w.findBar()->setEncoding(TextEncoding::Utf16LE);
        w.findBar()->setPatternText("hi!");
        QVERIFY(w.search()->findNext().isEmpty());
        waitIdle(w);
        QCOMPARE(w.view()->cursor(), std::uint64_t(3000));
        QCOMPARE(w.view()->selectionLength(), std::uint64_t(6));
    }

    void privateSearchSeesUnsavedEdits() {
        const QString path = makeFile(QByteArray(4096, '.'));
        MainWindow w;
        open(w, path, OpenMode::Private);
        w.view()->setCursor(3000);
        w.view()->setActiveArea(GridLayout::Area::Text);
        QTest::keyClicks(w.view(), "NEEDLE");
        w.findBar()->show();
        w.findBar()->setPatternText("NEEDLE");
        w.view()->setCursor(0);
        QVERIFY(w.search()->findNext().isEmpty());
        waitIdle(w);
        QCOMPARE(w.view()->cursor(), std::uint64_t(3000));
    }

    void replaceOneAndAll() {
        const QString path = makeFile("cat dog cat bird cat");
        MainWindow w;
        open(w, path, OpenMode::Private);
        w.findBar()->show();
        w.findBar()->setPatternText("cat");
        w.findBar()->setReplacementText("kitten");
        QVERIFY(w.search()->findNext().isEmpty());
        waitIdle(w);
        QVERIFY(w.search()->replaceOne().contains("same length"));
        QCOMPARE(shown(w), QByteArray("cat dog cat bird cat"));
        w.findBar()->setReplacementText("COW");
        QVERIFY(w.search()->replaceOne().isEmpty()); // replaces, then finds the next
        waitIdle(w);
        QCOMPARE(shown(w), QByteArray("COW dog cat bird cat"));
        QCOMPARE(w.view()->cursor(), std::uint64_t(8));
        QVERIFY(w.search()->replaceAll().isEmpty());
        waitIdle(w);
        QCOMPARE(shown(w), QByteArray("COW dog COW bird COW"));
        // Replace All is one undo step.
        QVERIFY(w.undo().isEmpty());
        QCOMPARE(shown(w), QByteArray("COW dog cat bird cat"));
        QVERIFY(w.undo().isEmpty());
        QCOMPARE(shown(w), QByteArray("cat dog cat bird cat"));
    }

    void cancelStopsAndEditsWaitWhileRunning() {
        // 3 GiB of holes and a pattern that is not there: long enough to catch running.
        const QString path = QString::fromStdString(testutil::sparseFile(m_dir, "big.bin", 3ULL << 30, "tail"));
        MainWindow w;
        open(w, path, OpenMode::Private);
        w.findBar()->show();
        w.findBar()->setKind(PatternKind::Hex);
        w.findBar()->setPatternText("01 02 03 04 05");
        QVERIFY(w.search()->findAll().isEmpty());
        QVERIFY(w.search()->running());
        QVERIFY(w.findBar()->isBusy());
        // Edits are refused while it runs, and nothing changes.
        QVERIFY(!w.editBlocker().isEmpty());
        w.view()->setFocus();
        QTest::keyClicks(w.view(), "ff");
        QCOMPARE(w.document()->data()[0], std::uint8_t(0));
        QVERIFY(!w.paste("ff").isEmpty());
        QTest::keyClick(w.findBar(), Qt::Key_Escape); // cancel
        QElapsedTimer t;
        t.start();
        waitIdle(w);
        QVERIFY2(t.elapsed() < 5000, "cancel must stop the workers promptly");
        QVERIFY(w.findBar()->statusText().contains("Cancelled"));
        QVERIFY(w.editBlocker().isEmpty());
        QVERIFY(!w.findBar()->isBusy());
        QTest::keyClicks(w.view(), "ff");
        QCOMPARE(w.document()->data()[0], std::uint8_t(0xff));
    }

    void closingDuringSearchIsSafe() {
        const QString path = QString::fromStdString(testutil::sparseFile(m_dir, "big2.bin", 2ULL << 30));
        MainWindow w;
        open(w, path, OpenMode::ReadOnly);
        w.findBar()->show();
        w.findBar()->setPatternText("never there");
        QVERIFY(w.search()->findAll().isEmpty());
        QVERIFY(w.closeFile()); // cancels and joins before the mapping goes
        QVERIFY(!w.search()->running());
        QVERIFY(!w.document());
    }
};

QTEST_MAIN(TestSearchUi)
#include "test_search_ui.moc"
