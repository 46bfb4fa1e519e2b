// SPDX-License-Identifier: MIT
// The Structure dock (issue 20): a PNG written by Qt is read with the shipped png.ksy
// (chosen by its magic, not its name); choosing a field selects its bytes in the grid; moving
// the cursor selects the deepest field under it; an edit is read again; a user's own
// description (found in ~/.local/share/hexmap/ksy) wins over the shipped one of that name; a
// file no description fits says so; closing the tab while it reads is safe.
#include "grid_colors.h"
#include "highlight.h"
#include "structure_panel.h"
#include "structure_tint.h"
#include "temp_files.h"
#include "window_driver.h"

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

using namespace hexmap;

namespace {

QTreeWidgetItem* itemAt(QTreeWidget* tree, const QString& path) {
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->data(0, Qt::UserRole + 1).toString() == path) return *it;
    return nullptr;
}

QString currentPath(QTreeWidget* tree) {
    return tree->currentItem() ? tree->currentItem()->data(0, Qt::UserRole + 1).toString() : QString();
}

} // namespace

class TestStructureDock : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString png(const QString& name) {
        QImage img(4, 3, QImage::Format_RGB32);
        img.fill(Qt::darkCyan);
        const QString path = m_dir.filePath(name);
        if (!img.save(path, "PNG")) qFatal("cannot write a PNG");
        return path;
    }
    StructurePanel* showDock(Driver& d) {
        d.w.structureDock()->show();
        StructurePanel* panel = d.w.structurePanel();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!panel->busy() && panel->tree()->topLevelItemCount() > 0, 20000); }();
        return panel;
    }

private slots:
    void initTestCase() { testutil::isolateSettings(m_dir); }

    void fieldSelectsBytesAndCursorSelectsField() {
        Driver d;
        d.open(png("picture.dat"), OpenMode::Private); // not named .png: the magic decides
        StructurePanel* panel = showDock(d);
        QVERIFY2(panel->status().startsWith("png.ksy"), qPrintable(panel->status()));
        QTreeWidget* tree = panel->tree();
        QTreeWidgetItem* width = itemAt(tree, "chunks[0].body.width");
        QVERIFY(width);
        QCOMPARE(width->text(1), QString("4"));
        QCOMPARE(width->text(2), QString("0x10"));
        // cut by a narrow dock, the name and the type are whole on hover
        QCOMPARE(width->toolTip(0), QString("chunks[0].body.width"));
        QCOMPARE(width->toolTip(4), width->text(4));
        QVERIFY(!width->text(4).isEmpty());
        // the grid tints the top-level fields in two alternating colours: the signature, then
        // (a top-level array) each chunk: IHDR's 25 bytes from 8
        const GridColors colors = GridColors::fromPalette(d.view()->palette());
        std::vector<Highlight> tint;
        panel->tint().collect(0, 16, colors, tint);
        QCOMPARE(tint.size(), std::size_t(2));
        QCOMPARE(tint[0].start, 0u);
        QCOMPARE(tint[0].end, 8u);
        QCOMPARE(tint[1].start, 8u);
        QCOMPARE(tint[1].end, 33u);
        QVERIFY(tint[0].color != tint[1].color && tint[0].color != colors.base);
        tint.clear();
        panel->tint().collect(40, 41, colors, tint); // only what is on screen
        QCOMPARE(tint.size(), std::size_t(1));
        for (QTreeWidgetItem* p = width->parent(); p; p = p->parent()) p->setExpanded(true);
        tree->scrollToItem(width);
        const QPoint at(tree->visualItemRect(width).left() + 4, tree->visualItemRect(width).center().y());
        QVERIFY(tree->viewport()->rect().contains(at));
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(d.cursor()->selectionStart(), 16u);
        QCOMPARE(d.cursor()->selectionLength(), 4u);
        // the cursor in the grid: the deepest field under it
        d.view()->setFocus();
        d.cursor()->moveCursor(21);
        QCOMPARE(currentPath(tree), QString("chunks[0].body.height"));
        d.cursor()->moveCursor(8);
        QCOMPARE(currentPath(tree), QString("chunks[0].length"));
        // an edit: the width's last byte becomes 7, and the tree reads it again
        d.select(19, 1);
        QCOMPARE(d.paste("07"), QString());
        QTRY_COMPARE_WITH_TIMEOUT(itemAt(tree, "chunks[0].body.width") ? itemAt(tree, "chunks[0].body.width")->text(1)
                                                                          : QString(),
                                  QString("7"), 20000);
        // the CRC no longer fits, but PNG's description does not check it: still png.ksy
        QVERIFY(panel->status().startsWith("png.ksy"));
        // editing in the tree: a big-endian u4 written back, one undo step
        QCOMPARE(said(panel->editField(itemAt(tree, "chunks[0].body.width"), "0x01020304")), QString());
        QCOMPARE(d.shown().mid(16, 4), QByteArray("\x01\x02\x03\x04", 4));
        QTRY_COMPARE_WITH_TIMEOUT(itemAt(tree, "chunks[0].body.width") ? itemAt(tree, "chunks[0].body.width")->text(1)
                                                                          : QString(),
                                  QString("16909060 (0x1020304)"), 20000);
        // an enum by its name
        QCOMPARE(said(panel->editField(itemAt(tree, "chunks[0].body.color_type"), "indexed")), QString());
        QCOMPARE(int(d.shown().at(25)), 3);
        // out of range, not a number, text too long: refused with the reason, nothing written
        const QByteArray before = d.shown();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->busy(), 20000);
        QVERIFY(said(panel->editField(itemAt(tree, "chunks[0].body.bit_depth"), "256")).contains("does not fit in 1 byte"));
        QVERIFY(said(panel->editField(itemAt(tree, "chunks[0].body.bit_depth"), "eight")).contains("not a number"));
        QVERIFY(said(panel->editField(itemAt(tree, "chunks[0].type"), "IHDRX")).contains("the field holds 4"));
        QVERIFY(said(panel->editField(itemAt(tree, "chunks[0]"), "1")).contains("cannot be edited"));
        QCOMPARE(d.shown(), before);
        // a fixed-size string
        QCOMPARE(said(panel->editField(itemAt(tree, "chunks[0].type"), "ABCD")), QString());
        QCOMPARE(d.shown().mid(12, 4), QByteArray("ABCD"));
        // each edit is one step: three undos give the width back
        QCOMPARE(d.undo(), QString());
        QCOMPARE(d.undo(), QString());
        QCOMPARE(d.undo(), QString());
        QCOMPARE(d.shown().mid(16, 4), QByteArray("\0\0\0\x07", 4));
    }

    void usersOwnDescriptionWins() {
        const QString folder = m_dir.filePath("data/hexmap/ksy");
        QVERIFY(QDir().mkpath(folder));
        QFile f(folder + "/png.ksy");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("meta: {id: mine, endian: be}\nseq:\n  - {id: magic, contents: [0x89, 'PNG']}\n  - {id: rest, size-eos: true}\n");
        f.close();
        Driver d;
        d.open(png("second.png"), OpenMode::ReadOnly);
        StructurePanel* panel = showDock(d);
        QVERIFY(itemAt(panel->tree(), "rest"));
        QVERIFY(!itemAt(panel->tree(), "chunks"));
        // the list offers every description found, the user's first where names clash
        QComboBox* choice = panel->choice();
        QCOMPARE(choice->itemData(0).toString(), QString()); // Automatic
        const int gif = choice->findText("gif");
        QVERIFY(gif > 0);
        QVERIFY(choice->itemData(choice->findText("png")).toString().startsWith(folder));
        // picking one reads the file with it: a PNG read as a GIF does not match
        choice->setCurrentIndex(gif);
        emit choice->activated(gif);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->busy() && panel->status().startsWith("gif.ksy"), 20000);
        QVERIFY(panel->status().contains("does not match"));
        QVERIFY(QFile::remove(folder + "/png.ksy"));
        // and a description opened by hand is used whatever the file
        const std::string own = testutil::writeFile(m_dir, "pairs.ksy", "meta: {id: pairs}\nseq:\n  - {id: a, type: u1}\n  - {id: b, type: u1}\n");
        panel->useDescription(QString::fromStdString(own));
        QTRY_VERIFY_WITH_TIMEOUT(!panel->busy() && itemAt(panel->tree(), "b"), 20000);
        QCOMPARE(itemAt(panel->tree(), "a")->text(1), QString("137 (0x89)"));
    }

    void exportsTheWholeTree() {
        Driver d;
        d.open(png("export.png"), OpenMode::ReadOnly);
        StructurePanel* panel = showDock(d);
        QString said;
        connect(panel, &StructurePanel::message, this, [&said](const QString& t) { said = t; });
        const QString out = m_dir.filePath("export.json");
        panel->exportJson(out);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->busy() && !said.isEmpty(), 20000);
        QVERIFY2(said.contains(out), qPrintable(said));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonArray chunks = root.value("chunks").toArray();
        QVERIFY(chunks.size() >= 3);
        QCOMPARE(chunks.last().toObject().value("type").toObject().value("value").toString(), QString("IEND"));
        QCOMPARE(root.value("_type").toString(), QString("png"));
    }

    void noDescriptionFits() {
        Driver d;
        d.open(testutil::newFile(m_dir, "just some words, no magic\n"), OpenMode::ReadOnly);
        d.w.structureDock()->show();
        StructurePanel* panel = d.w.structurePanel();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->busy() && panel->status().contains("No description fits"), 20000);
        QCOMPARE(panel->tree()->topLevelItemCount(), 0);
        QString said;
        connect(panel, &StructurePanel::message, this, [&said](const QString& t) { said = t; });
        panel->exportJson(m_dir.filePath("nothing.json"));
        QVERIFY(said.contains("No structure to export"));
    }

    void closingWhileReading() {
        // a 100,000-entry PNG-like chain of chunks takes a while to read: close meanwhile
        QByteArray data("\x89PNG\r\n\x1a\n", 8);
        const QByteArray chunk("\0\0\0\0abcd\0\0\0\0", 12);
        for (int k = 0; k < 100000; ++k) data += chunk;
        const std::string path = testutil::writeFile(m_dir, "long.png", data);
        Driver d;
        d.open(QString::fromStdString(path), OpenMode::ReadOnly);
        d.w.structureDock()->show();
        QVERIFY(d.closeFile());
        QCOMPARE(d.w.structurePanel()->tree()->topLevelItemCount(), 0);
        QVERIFY(!d.w.structurePanel()->busy());
    }
};

QTEST_MAIN(TestStructureDock)
#include "test_structure_dock.moc"
