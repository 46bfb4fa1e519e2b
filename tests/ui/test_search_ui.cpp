// SPDX-License-Identifier: MIT
// Searching through the window: the find bar, next/previous with wrap-around, find all
// with the results panel and the overview strip, replace, cancel, and the rule that
// edits wait while a search runs.
#include "action_registry.h"
#include "overview_strip.h"
#include "search_job.h"
#include "temp_files.h"
#include "window_driver.h"

#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTableView>
#include <QtTest>
#include <random>

using namespace hexmap;

class TestSearchUi : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;
    QString makeFile(const QByteArray& bytes) { return testutil::newFile(m_dir, bytes); }
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
    void overviewCountsChunksAsItCountsMatches() {
        // The strip counts a chunk by binary search per bucket; one match at a time must
        // give the same buckets, at bucket edges and for any file size.
        std::mt19937_64 rng(22);
        for (const std::uint64_t size : {std::uint64_t(1), std::uint64_t(4095), std::uint64_t(4097),
                                         std::uint64_t(1) << 30, (std::uint64_t(16) << 30) + 7}) {
            std::vector<Match> all;
            std::uint64_t at = 0;
            while (all.size() < 200000) {
                at += rng() % (size / 100000 + 2);
                if (at >= size) break;
                all.push_back({at, 1});
            }
            // and every bucket's first and last byte
            for (int b = 0; b < OverviewStrip::kBuckets; b += 97) {
                const auto first = std::uint64_t((static_cast<unsigned __int128>(b) * size + OverviewStrip::kBuckets - 1) /
                                                 OverviewStrip::kBuckets);
                for (std::uint64_t o : {first, first ? first - 1 : 0})
                    if (o < size) all.push_back({o, 1});
            }
            std::sort(all.begin(), all.end(), [](const Match& a, const Match& b) { return a.offset < b.offset; });
            all.erase(std::unique(all.begin(), all.end()), all.end());
            OverviewStrip one, chunked;
            one.reset(size);
            chunked.reset(size);
            one.addMatches(all.data(), all.size());
            MatchStore store;
            store.append(all);
            chunked.addMatches(store);
            for (int b = 0; b < OverviewStrip::kBuckets; ++b)
                if (one.matchesIn(b) != chunked.matchesIn(b))
                    QFAIL(qPrintable(QString("size %1, bucket %2: %3 one by one, %4 by chunk")
                                         .arg(size).arg(b).arg(one.matchesIn(b)).arg(chunked.matchesIn(b))));
        }
    }

    void initTestCase() {
        testutil::isolateSettings(m_config);
    }

    void findBarNextPreviousWrap() {
        QList<int> offsets;
        const QString path = makeFile(log(&offsets));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        QVERIFY(!d.findBar()->isVisible());
        QTest::keyClick(d.view(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(d.findBar()->isVisible());
        QVERIFY(d.findBar()->patternEdit()->hasFocus());
        QTest::keyClicks(d.findBar()->patternEdit(), "ERROR");
        QTest::keyClick(d.findBar()->patternEdit(), Qt::Key_Return);
        d.waitIdle();
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(offsets[0]));
        QCOMPARE(d.cursor()->selectionLength(), std::uint64_t(5));
        QTest::keyClick(d.findBar()->patternEdit(), Qt::Key_Return);
        d.waitIdle();
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(offsets[1]));
        // Shift+Enter goes back.
        QTest::keyClick(d.findBar()->patternEdit(), Qt::Key_Return, Qt::ShiftModifier);
        d.waitIdle();
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(offsets[0]));
        // Previous from the first match wraps to the last, with a notice.
        QTest::keyClick(d.findBar()->patternEdit(), Qt::Key_Return, Qt::ShiftModifier);
        d.waitIdle();
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(offsets.last()));
        QVERIFY2(d.w.lastStatusMessage().contains("continued from the end"), qPrintable(d.w.lastStatusMessage()));
        // F3 from the last wraps to the first.
        d.w.actions().findNext->trigger();
        d.waitIdle();
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(offsets[0]));
        QVERIFY(d.w.lastStatusMessage().contains("continued from the start"));
    }

    void invalidPatternsNameThePosition() {
        const QString path = makeFile("abc");
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.findBar()->show();
        d.findBar()->setKind(PatternKind::Hex);
        d.findBar()->setPatternText("de ad gg");
        const UiStatus error = d.search()->findNext();
        QVERIFY2(said(error).contains("column"), qPrintable(said(error)));
        QCOMPARE(d.findBar()->statusText(), said(error));
        QVERIFY(!d.search()->running());
        d.findBar()->setKind(PatternKind::Regex);
        d.findBar()->setPatternText("a(b");
        QVERIFY(!said(d.search()->findNext()).isEmpty());
        d.findBar()->setPatternText("zzz");
        QVERIFY(said(d.search()->findNext()).isEmpty());
        d.waitIdle();
        QVERIFY(d.findBar()->statusText().contains("No matches"));
    }

    void findAllFillsResultsAndOverview() {
        QList<int> offsets;
        const QString path = makeFile(log(&offsets));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.findBar()->show();
        d.findBar()->setPatternText("error");
        d.findBar()->setCaseInsensitive(true);
        d.w.actions().findAll->trigger();
        d.waitIdle();
        QVERIFY(d.search()->resultsComplete());
        QCOMPARE(d.results()->rowCount(), int(offsets.size()));
        for (int i = 0; i < offsets.size(); ++i)
            QCOMPARE(d.results()->at(i).offset, std::uint64_t(offsets[i]));
        QCOMPARE(d.findBar()->statusText(), QStringLiteral("%1 matches").arg(offsets.size()));
        // Columns: hex offset, decimal offset, length, the line as preview.
        const QModelIndex row1 = d.results()->index(1, 0);
        QCOMPARE(row1.data().toString(), "0x" + QString::number(offsets[1], 16));
        QCOMPARE(d.results()->index(1, 1).data().toString(), QString::number(offsets[1]));
        QCOMPARE(d.results()->index(1, 2).data().toString(), QString("5"));
        QCOMPARE(d.results()->index(1, MatchListModel::Preview).data().toString(), QString("2026 ERROR disk full"));
        // Double-click in the panel jumps there, and the count says where we are.
        QTableView* table = d.resultsView();
        QVERIFY(table->isVisible());
        emit table->doubleClicked(d.results()->index(2, 0));
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(offsets[2]));
        d.w.actions().findNext->trigger();
        d.waitIdle();
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(offsets[3]));
        QCOMPARE(d.findBar()->statusText(), QStringLiteral("4 of %1").arg(offsets.size()));
        QCOMPARE(table->currentIndex().row(), 3); // the panel follows the current match
        // The overview counted every match, in the right places.
        std::uint64_t counted = 0;
        for (int b = 0; b < OverviewStrip::kBuckets; ++b) counted += d.overview()->matchesIn(b);
        QCOMPARE(counted, std::uint64_t(offsets.size()));
        QVERIFY(d.overview()->matchesIn(int(std::uint64_t(offsets[0]) * OverviewStrip::kBuckets / d.document()->size())) >= 1);
        // A click on the strip jumps to the first match at or after that place.
        const int y = d.overview()->yForOffset(std::uint64_t(offsets[4]) - 10);
        QTest::mouseClick(d.overview(), Qt::LeftButton, {}, QPoint(5, y));
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(offsets[4]));
    }

    void hexAndUtf16Patterns() {
        QByteArray bytes = testutil::randomBytes(5000, 5);
        bytes.replace(1234, 4, QByteArray::fromHex("deadbeef"));
        const QByteArray utf16 = QByteArray("h\0i\0!\0", 6);
        bytes.replace(3000, utf16.size(), utf16);
        const QString path = makeFile(bytes);
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.findBar()->show();
        d.findBar()->setKind(PatternKind::Hex);
        d.findBar()->setPatternText("de ?d be ef");
        QVERIFY(said(d.search()->findNext()).isEmpty());
        d.waitIdle();
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(1234));
        d.findBar()->setKind(PatternKind::Text);
        d.findBar()->setEncoding(TextEncoding::Utf16LE);
        d.findBar()->setPatternText("hi!");
        QVERIFY(said(d.search()->findNext()).isEmpty());
        d.waitIdle();
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(3000));
        QCOMPARE(d.cursor()->selectionLength(), std::uint64_t(6));
    }

    // A UTF-16 match is previewed as its line in UTF-16, not as hex; a binary file has no
    // Line column (its "line" would be a count of 0x0a bytes), a text file has one.
    void previewsOfUtf16AndNoLinesInBinary() {
        QByteArray bytes;
        const QString text = QStringLiteral("first line\nthe needle is here \u00e9t\u00e9\nlast\n");
        for (const QChar c : text) bytes.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
        bytes.prepend(QByteArray("\xff\xfe", 2)); // a BOM: the file's bytes are UTF-16LE
        const QString path = makeFile(bytes);
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.findBar()->show();
        d.findBar()->setKind(PatternKind::Text);
        d.findBar()->setEncoding(TextEncoding::Utf16LE);
        d.findBar()->setPatternText("needle");
        QVERIFY(said(d.search()->findAll()).isEmpty());
        d.waitIdle();
        QCOMPARE(d.results()->rowCount(), 1);
        QCOMPARE(d.results()->index(0, MatchListModel::Preview).data().toString(),
                 QStringLiteral("the needle is here \u00e9t\u00e9"));
        QVERIFY(d.resultsView()->isColumnHidden(MatchListModel::Line)); // NUL bytes: not 8-bit text
        d.findBar()->setEncoding(TextEncoding::Utf8);

        Driver t;
        t.open(makeFile("one\ntwo needle\n"), OpenMode::ReadOnly);
        t.findBar()->show();
        t.findBar()->setPatternText("needle");
        QVERIFY(said(t.search()->findAll()).isEmpty());
        t.waitIdle();
        QVERIFY(!t.resultsView()->isColumnHidden(MatchListModel::Line));
        QCOMPARE(t.results()->index(0, MatchListModel::Preview).data().toString(), QString("two needle"));
    }

    // The list stops at a million rows; the count (and F3 past the last row) cover all.
    void theListCapsItsRows() {
        const QString path = makeFile(QByteArray(1'100'000, 'a'));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.findBar()->show();
        d.findBar()->setPatternText("a");
        QVERIFY(said(d.search()->findAll()).isEmpty());
        d.waitIdle();
        QCOMPARE(d.results()->matches().size(), std::size_t(1'100'000));
        QCOMPARE(std::size_t(d.results()->rowCount()), MatchListModel::kMaxRows);
        QVERIFY2(d.findBar()->statusText().contains(QLocale().toString(qulonglong(MatchListModel::kMaxRows)) + " listed"),
                 qPrintable(d.findBar()->statusText()));
        d.view()->moveCursor(1'050'000);
        QVERIFY(said(d.search()->findNext()).isEmpty());
        d.waitIdle();
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(1'050'000)); // the match under the cursor first
        QVERIFY(said(d.search()->findNext()).isEmpty());
        d.waitIdle();
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(1'050'001));
        QVERIFY(d.findBar()->statusText().startsWith(QLocale().toString(qulonglong(1'050'002)) + " of "));
    }

    void privateSearchSeesUnsavedEdits() {
        const QString path = makeFile(QByteArray(4096, '.'));
        Driver d;
        d.open(path, OpenMode::Private);
        d.view()->moveCursor(3000);
        d.view()->setActiveArea(GridLayout::Area::Text);
        QTest::keyClicks(d.view(), "NEEDLE");
        d.findBar()->show();
        d.findBar()->setPatternText("NEEDLE");
        d.view()->moveCursor(0);
        QVERIFY(said(d.search()->findNext()).isEmpty());
        d.waitIdle();
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(3000));
    }

    void replaceOneAndAll() {
        const QString path = makeFile("cat dog cat bird cat");
        Driver d;
        d.open(path, OpenMode::Private);
        d.findBar()->show();
        d.findBar()->setPatternText("cat");
        d.findBar()->setReplacementText("kitten");
        QVERIFY(said(d.search()->findNext()).isEmpty());
        d.waitIdle();
        QVERIFY(said(d.search()->replaceOne()).contains("same length"));
        QCOMPARE(d.shown(), QByteArray("cat dog cat bird cat"));
        d.findBar()->setReplacementText("COW");
        QVERIFY(said(d.search()->replaceOne()).isEmpty()); // replaces, then finds the next
        d.waitIdle();
        QCOMPARE(d.shown(), QByteArray("COW dog cat bird cat"));
        QCOMPARE(d.view()->cursorOffset(), std::uint64_t(8));
        QVERIFY(said(d.search()->replaceAll()).isEmpty());
        d.waitIdle();
        QCOMPARE(d.shown(), QByteArray("COW dog COW bird COW"));
        // Replace All is one undo step.
        QVERIFY(d.undo().isEmpty());
        QCOMPARE(d.shown(), QByteArray("COW dog cat bird cat"));
        QVERIFY(d.undo().isEmpty());
        QCOMPARE(d.shown(), QByteArray("cat dog cat bird cat"));
    }

    void cancelStopsAndEditsWaitWhileRunning() {
        // 3 GiB of holes and a pattern that is not there: long enough to catch running.
        const QString path = QString::fromStdString(testutil::sparseFile(m_dir, "big.bin", 3ULL << 30, "tail"));
        Driver d;
        d.open(path, OpenMode::Private);
        d.findBar()->show();
        d.findBar()->setKind(PatternKind::Hex);
        d.findBar()->setPatternText("01 02 03 04 05");
        QVERIFY(said(d.search()->findAll()).isEmpty());
        QVERIFY(d.search()->running());
        QVERIFY(d.findBar()->isBusy());
        // Edits are refused while it runs, and nothing changes.
        QVERIFY(!d.editBlocker().isEmpty());
        d.view()->setFocus();
        QTest::keyClicks(d.view(), "ff");
        QCOMPARE(d.document()->view().at(0), std::uint8_t(0));
        QVERIFY(!d.paste("ff").isEmpty());
        QTest::keyClick(d.findBar(), Qt::Key_Escape); // cancel
        QElapsedTimer t;
        t.start();
        d.waitIdle();
        QVERIFY2(t.elapsed() < 5000, "cancel must stop the workers promptly");
        QVERIFY(d.findBar()->statusText().contains("Cancelled"));
        QVERIFY(d.editBlocker().isEmpty());
        QVERIFY(!d.findBar()->isBusy());
        QTest::keyClicks(d.view(), "ff");
        QCOMPARE(d.document()->view().at(0), std::uint8_t(0xff));
    }

    void findAllNeverLosesMatches() {
        // Bug: the job started its thread before its signals were connected, so a fast
        // search emitted into nobody and Find All listed only some of the matches. Many
        // runs on a small file, each must list every match.
        QList<int> offsets;
        const QString path = makeFile(log(&offsets));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.findBar()->setPatternText("ERROR");
        for (int run = 0; run < 40; ++run) {
            QVERIFY(said(d.search()->findAll()).isEmpty());
            d.waitIdle();
            QCOMPARE(d.results()->rowCount(), int(offsets.size()));
            QVERIFY(d.search()->resultsComplete());
        }
        // Find next, many times: it always ends (it never sticks at "Searching...").
        for (int run = 0; run < 40; ++run) {
            QVERIFY(said(d.search()->findNext()).isEmpty());
            d.waitIdle();
            QVERIFY(offsets.contains(int(d.cursor()->cursor())));
        }
    }

    void aJobEmitsNothingBeforeStart() {
        // The contract that fixes it: a job does nothing until start(), so whoever creates
        // it can connect at leisure.
        QList<int> offsets;
        const QString path = makeFile(log(&offsets));
        auto model = DocumentModel::open(path, OpenMode::ReadOnly);
        QVERIFY(model);
        auto pattern = Pattern::parse("ERROR", {});
        SearchJob job(model.value().get(), pattern.value(), SearchJob::Kind::All, 0);
        QTest::qWait(100); // a thread started in the constructor would be done by now
        QVERIFY(!model.value()->leased());
        std::size_t found = 0;
        bool finished = false;
        connect(&job, &SearchJob::matchesFound, this,
                [&](std::shared_ptr<const MatchChunks> chunks) {
                    for (const auto& c : *chunks) found += c->size();
                });
        connect(&job, &BackgroundJob::finished, this, [&] { finished = true; });
        job.start();
        QVERIFY(model.value()->leased()); // the lease is taken by start(), on this thread
        QTRY_VERIFY(finished);
        QCOMPARE(found, std::size_t(offsets.size()));
        QVERIFY(!model.value()->leased());
    }

    void highlightsAgreeWithFind() {
        // Bug: the highlighter searched the visible bytes as if they were the whole file,
        // so a+$ lit up every visible 'a' of a line that ends far below in a 'b'.
        QByteArray bytes(20000, 'a');
        bytes += "b\nend aaa\n";
        const QString path = makeFile(bytes);
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.findBar()->show();
        d.findBar()->setKind(PatternKind::Regex);
        d.findBar()->setPatternText("a+$");
        QVERIFY(said(d.search()->findNext()).isEmpty());
        d.waitIdle();
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(20000 + 6)); // "aaa" at the end
        auto visible = [&] {
            std::vector<Highlight> out;
            d.search()->highlights()->collect(d.view()->firstVisibleByte(), d.view()->endVisibleByte(),
                                              d.view()->colors(), out);
            return out;
        };
        // At the end the match is there; at the start nothing is lit.
        QVERIFY(!visible().empty());
        d.view()->setTopRow(0);
        for (const Highlight& h : visible()) QVERIFY(h.start >= 20000);
        // And a literal still lights every visible match.
        d.findBar()->setKind(PatternKind::Text);
        d.findBar()->setPatternText("aaaa");
        QVERIFY(said(d.search()->findNext()).isEmpty());
        d.waitIdle();
        d.view()->setTopRow(0);
        const auto lit = visible();
        QVERIFY(lit.size() > 10);
        for (std::size_t i = 1; i + 1 < lit.size(); ++i) QCOMPARE(lit[i].end - lit[i].start, std::uint64_t(4));
    }

    void aFoundMatchIsCentred() {
        QByteArray bytes(1 << 20, '.');
        bytes.replace(600000, 6, "NEEDLE");
        const QString path = makeFile(bytes);
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.findBar()->setPatternText("NEEDLE");
        QVERIFY(said(d.search()->findNext()).isEmpty());
        d.waitIdle();
        const std::uint64_t row = 600000 / 16;
        const std::uint64_t top = d.view()->topRow();
        const auto rows = static_cast<std::uint64_t>(d.view()->visibleRows());
        QVERIFY(row > top + rows / 4 && row < top + 3 * rows / 4); // context on both sides
    }

    void wrongLengthReplacementIsRefusedAtOnce() {
        const QString path = QString::fromStdString(testutil::sparseFile(m_dir, "big3.bin", 2ULL << 30, "cat"));
        Driver d;
        d.open(path, OpenMode::Private);
        d.findBar()->setPatternText("cat");
        d.findBar()->setReplacementText("kitten");
        const UiStatus e = d.search()->replaceAll();
        QVERIFY2(said(e).contains("same length"), qPrintable(said(e)));
        QVERIFY(!d.search()->running()); // no scan of the file to find it out
    }

    void longMessagesDoNotSqueezeThePattern() {
        const QString path = makeFile("abc");
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.findBar()->show();
        QTest::qWait(20);
        const int before = d.findBar()->patternEdit()->width();
        d.findBar()->setStatus(QString("The match at 0x123456 is 17 bytes but the replacement is 3: "
                                       "hexmap replaces in place, so all must be the same length. ").repeated(3),
                               true);
        QTest::qWait(20);
        QVERIFY(d.findBar()->patternEdit()->width() >= before);
        QVERIFY(d.findBar()->patternEdit()->width() >= d.findBar()->patternEdit()->minimumWidth());
        // The whole message shows: it wraps inside the bar instead of running off its edge.
        auto* status = d.findBar()->findChild<QLabel*>("findStatus");
        QVERIFY(status);
        QVERIFY(status->geometry().right() <= d.findBar()->width());
        QVERIFY(status->height() >= status->heightForWidth(status->width()));
    }

    void closingDuringSearchIsSafe() {
        const QString path = QString::fromStdString(testutil::sparseFile(m_dir, "big2.bin", 2ULL << 30));
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.findBar()->show();
        d.findBar()->setPatternText("never there");
        QVERIFY(said(d.search()->findAll()).isEmpty());
        QPointer<SearchController> search = d.search();
        QVERIFY(d.closeFile()); // cancels and joins before the mapping goes
        QVERIFY(!search);       // gone with its tab, worker joined
        QVERIFY(!d.tab());
    }
};

QTEST_MAIN(TestSearchUi)
#include "test_search_ui.moc"
