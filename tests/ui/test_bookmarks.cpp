// SPDX-License-Identifier: MIT
// Bookmarks: Ctrl+B marks the selection with a name typed at once; they are tinted in the
// grid and ticked on the overview strip; F2 / Shift+F2 walk them; the panel renames,
// deletes, exports and imports them; they are kept per file across a reopen, and a
// different file at the same path does not inherit them.
#include "bookmark_model.h"
#include "bookmarks_panel.h"
#include "bookmark_store.h"
#include "temp_files.h"
#include "window_driver.h"

#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace hexmap;

class TestBookmarks : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;

    QByteArray bytes() const {
        QByteArray b;
        for (int i = 0; i < 4096; ++i) b += char('a' + i % 26);
        return b;
    }
    static QColor cellColor(Driver& d, std::uint64_t offset) {
        // The top-left corner of the byte's hex cell (the file is shown from row 0).
        const QImage img = d.view()->viewport()->grab().toImage();
        const GridLayout& L = d.view()->gridLayout();
        const int x = int(L.byteHexX(int(offset % std::uint64_t(L.bytesPerRow())))) + 1;
        const int y = int(offset / std::uint64_t(L.bytesPerRow())) * L.lineHeight() + 1;
        return img.pixelColor(x, y);
    }

private slots:
    void initTestCase() {
        // The user's data folder (where bookmarks are kept) and settings: this test's own.
        testutil::isolateSettings(m_config);
    }

    void markNameWalkAndKeep() {
        const QString path = QString::fromStdString(testutil::writeFile(m_dir, "kept.bin", bytes()));
        {
            Driver d;
            d.open(path, OpenMode::ReadOnly);
            const QColor plain = cellColor(d, 20);
            d.select(16, 16);
            d.w.actions().addBookmark->trigger();
            BookmarkModel* marks = d.tab()->bookmarks();
            QCOMPARE(marks->rowCount(), 1);
            QCOMPARE(marks->at(0).offset, std::uint64_t(16));
            QCOMPARE(marks->at(0).length, std::uint64_t(16));
            QCOMPARE(marks->at(0).name, QString("Bookmark 1"));
            QVERIFY(d.w.bookmarksDock()->isVisible());
            // The name is open for typing at once.
            auto* editor = d.w.bookmarksPanel()->table()->findChild<QLineEdit*>();
            QVERIFY(editor);
            QTRY_VERIFY(editor->isVisible());
            editor->selectAll();
            QTest::keyClicks(editor, "header");
            QTest::keyClick(editor, Qt::Key_Return);
            QTRY_COMPARE(marks->at(0).name, QString("header")); // the delegate commits queued
            // Tinted in the grid, in its bytes only; ticked on the strip.
            d.cursor()->moveCursor(100); // no selection over the bookmark
            QTest::qWait(20);
            QVERIFY(cellColor(d, 20) != plain);
            QCOMPARE(cellColor(d, 40), plain);
            const QImage strip = d.overview()->grab().toImage();
            const int y = std::min(d.overview()->yForOffset(16), strip.height() - 3);
            QCOMPARE(strip.pixelColor(strip.width() - 2, y + 1), marks->at(0).color);
            // A second one, on the byte under the cursor; F2 and Shift+F2 walk them round.
            d.w.actions().addBookmark->trigger();
            QCOMPARE(marks->rowCount(), 2);
            QCOMPARE(marks->at(1).offset, std::uint64_t(100));
            QCOMPARE(marks->at(1).length, std::uint64_t(1));
            QVERIFY(marks->at(1).color != marks->at(0).color);
            d.cursor()->moveCursor(0);
            d.view()->setFocus();
            d.w.actions().nextBookmark->trigger();
            QCOMPARE(d.cursor()->selectionStart(), std::uint64_t(16));
            QCOMPARE(d.cursor()->selectionLength(), std::uint64_t(16));
            QTableView* list = d.w.bookmarksPanel()->table();
            QCOMPARE(list->currentIndex().row(), 0); // the list follows F2
            d.w.actions().nextBookmark->trigger();
            QCOMPARE(d.cursor()->cursor(), std::uint64_t(100));
            QCOMPARE(list->currentIndex().row(), 1);
            QVERIFY(d.view()->hasFocus() || !d.w.isActiveWindow()); // the keyboard stays in the grid
            // A name cut by a narrow dock is whole in its tooltip.
            QVERIFY(marks->data(marks->index(0, BookmarkModel::Name), Qt::ToolTipRole).toString().startsWith("header\n"));
            d.w.actions().nextBookmark->trigger(); // round to the first
            QCOMPARE(d.cursor()->selectionStart(), std::uint64_t(16));
            d.w.actions().previousBookmark->trigger(); // back round to the last
            QCOMPARE(d.cursor()->cursor(), std::uint64_t(100));
            // A double-click in the panel (off the name) selects that bookmark's bytes.
            QTableView* table = d.w.bookmarksPanel()->table();
            emit table->doubleClicked(marks->index(0, BookmarkModel::Offset));
            QCOMPARE(d.cursor()->selectionStart(), std::uint64_t(16));
        }
        {
            // Reopened: both are back, with their names.
            Driver d;
            d.open(path, OpenMode::ReadOnly);
            BookmarkModel* marks = d.tab()->bookmarks();
            QCOMPARE(marks->rowCount(), 2);
            QCOMPARE(marks->at(0).name, QString("header"));
            QCOMPARE(marks->at(1).offset, std::uint64_t(100));
            // Delete in the panel removes one, and that is kept too.
            d.w.bookmarksDock()->show();
            QTableView* table = d.w.bookmarksPanel()->table();
            table->setCurrentIndex(marks->index(1, 0));
            table->setFocus();
            QTest::keyClick(table, Qt::Key_Delete);
            QCOMPARE(marks->rowCount(), 1);
        }
        {
            Driver d;
            d.open(path, OpenMode::ReadOnly);
            QCOMPARE(d.tab()->bookmarks()->rowCount(), 1);
        }
        // A different file at the same path (deleted and created again: ext4 may even
        // give it the same inode) starts with none.
        QVERIFY(QFile::remove(path));
        testutil::writeFile(m_dir, "kept.bin", bytes());
        {
            Driver d;
            d.open(path, OpenMode::ReadOnly);
            QCOMPARE(d.tab()->bookmarks()->rowCount(), 0);
        }
    }

    // Kept in ~/.local/share/hexmap/bookmarks (as the README and the man page say), and the
    // folder of the versions before (Qt's AppDataLocation, hexmap/hexmap) is moved there.
    void keptWhereTheDocumentationSays() {
        const QString data = qEnvironmentVariable("XDG_DATA_HOME");
        QVERIFY(!data.isEmpty());
        const QString old = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/bookmarks";
        QDir(data + "/hexmap/bookmarks").removeRecursively();
        QVERIFY(QDir().mkpath(old));
        QFile kept(old + "/abc.json");
        QVERIFY(kept.open(QIODevice::WriteOnly));
        kept.write("{}");
        kept.close();
        QCOMPARE(bookmark_store::storePath("abc"), data + "/hexmap/bookmarks/abc.json");
        QVERIFY(QFile::exists(data + "/hexmap/bookmarks/abc.json"));
        QVERIFY(!QFileInfo::exists(old));
    }

    void exportAndImport() {
        const QString path = QString::fromStdString(testutil::writeFile(m_dir, "ports.bin", bytes()));
        const QString json = m_dir.filePath("marks.json");
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        BookmarkModel* marks = d.tab()->bookmarks();
        marks->add(8, 4, "eight");
        marks->add(4000, 96, "tail", QColor(10, 20, 30));
        BookmarksPanel* panel = d.w.bookmarksPanel();
        panel->setPathPrompt([&](bool) { return json; });
        panel->exportBookmarks();
        QVERIFY(QFile::exists(json));
        while (marks->rowCount()) marks->remove(0);
        panel->importBookmarks();
        QCOMPARE(marks->rowCount(), 2);
        QCOMPARE(marks->at(0), (Bookmark{8, 4, "eight", marks->at(0).color}));
        QCOMPARE(marks->at(1), (Bookmark{4000, 96, "tail", QColor(10, 20, 30)}));
        // Importing again adds nothing (already there).
        int added = -1;
        QCOMPARE(said(marks->importFrom(json, &added)), QString());
        QCOMPARE(added, 0);
        // A bookmark past the end refuses the list, naming it (issue 23 D8: it used to be
        // skipped and the rest counted as imported).
        QFile far(json);
        QVERIFY(far.open(QIODevice::WriteOnly | QIODevice::Truncate));
        far.write(bookmark_store::toJson({{5000, 1, "past", QColor(Qt::red)}, {12, 2, "in", QColor(Qt::red)}}, path));
        far.close();
        UiStatus refused = marks->importFrom(json, &added);
        QVERIFY2(said(refused).contains("bookmark 1 (offset 5000, length 1)") && said(refused).contains("past the end"),
                 qPrintable(said(refused)));
        QCOMPARE(added, 0);
        QCOMPARE(marks->rowCount(), 2);
        far.open(QIODevice::WriteOnly | QIODevice::Truncate);
        far.write(bookmark_store::toJson({{12, 2, "in", QColor(Qt::red)}}, path));
        far.close();
        QCOMPARE(said(marks->importFrom(json, &added)), QString());
        QCOMPARE(added, 1);
        // Not a bookmark list: a clear error, nothing changes.
        QFile bad(json);
        QVERIFY(bad.open(QIODevice::WriteOnly | QIODevice::Truncate));
        bad.write("{ not json");
        bad.close();
        const UiStatus error = marks->importFrom(json, &added);
        QVERIFY2(said(error).contains("not a bookmark list"), qPrintable(said(error)));
        QCOMPARE(marks->rowCount(), 3);
    }

    // Issue 23 D8: each bad entry is refused with its index and why.
    void importRefusesBadNumbers_data() {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QString>("why");
        QTest::newRow("offset 1e30") << QByteArray(R"({"offset":1e30,"length":1})") << "too large";
        QTest::newRow("negative length") << QByteArray(R"({"offset":0,"length":-3})") << "length is not valid";
        QTest::newRow("fractional offset") << QByteArray(R"({"offset":1.5,"length":1})") << "not a whole number";
        QTest::newRow("length 2^64-1") << QByteArray(R"({"offset":"16","length":"18446744073709551615"})")
                                       << "runs past the largest offset";
        QTest::newRow("negative string") << QByteArray(R"({"offset":"-1","length":"1"})") << "not a whole number";
        QTest::newRow("zero length") << QByteArray(R"({"offset":0,"length":0})") << "it is 0";
        QTest::newRow("no offset") << QByteArray(R"({"length":1})") << "missing";
    }
    void importRefusesBadNumbers() {
        QFETCH(QByteArray, entry);
        QFETCH(QString, why);
        QString error;
        const QByteArray json = R"({"bookmarks": [{"offset": 1, "length": 1}, )" + entry + "]}";
        QVERIFY(!bookmark_store::fromJson(json, &error).has_value());
        QVERIFY2(error.contains("bookmark 2") && error.contains(why), qPrintable(error));
    }

    // Offsets past 2^53 survive JSON (they are written as strings).
    void hugeOffsetsRoundTrip() {
        const std::vector<Bookmark> list{{(std::uint64_t(1) << 60) + 1, 7, "far", QColor(1, 2, 3)}};
        QString error;
        const auto back = bookmark_store::fromJson(bookmark_store::toJson(list, "f"), &error);
        QVERIFY2(back.has_value(), qPrintable(error));
        QCOMPARE(back->size(), std::size_t(1));
        QCOMPARE(back->front(), list.front());
        QVERIFY(!bookmark_store::fromJson("{\"bookmarks\": [{\"offset\": \"x\", \"length\": \"1\"}]}", &error));
        QVERIFY(error.contains("bookmark 1"));
    }
};

QTEST_MAIN(TestBookmarks)
#include "test_bookmarks.moc"
