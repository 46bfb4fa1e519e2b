// SPDX-License-Identifier: MIT
// Tools > Checksums: the values of the selection or the whole file (the unsaved private
// edits included), progress and cancel, edits refused while it reads, and closing the tab
// in the middle of a long one neither hangs nor crashes; the inspector; copy formats; the
// text column's encodings.
#include "checksums_dialog.h"
#include "file_map_panel.h"
#include "file_map_view.h"
#include "histogram_view.h"
#include "inspector_model.h"
#include "temp_files.h"
#include "window_driver.h"

#include <QActionGroup>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QDockWidget>
#include <QFile>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

using namespace hexmap;

namespace {
QString valueOf(ChecksumsDialog& d, const QString& algorithm) {
    for (int r = 0; r < d.table()->rowCount(); ++r)
        if (d.table()->item(r, 0)->text() == algorithm) return d.table()->item(r, 1)->text();
    return {};
}
// Types text as a keyboard layout would (QTest::keyClicks knows only ASCII keys).
void typeText(QWidget* w, const QString& text) {
    for (const uint cp : text.toUcs4()) {
        const char32_t c = cp;
        QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString::fromUcs4(&c, 1));
        QApplication::sendEvent(w, &press);
    }
}
} // namespace

class TestToolsUi : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;

private slots:
    void initTestCase() {
        testutil::isolateSettings(m_config);
    }

    void checksumsOfFileAndSelection() {
        const QByteArray bytes = testutil::randomBytes(300000, 3);
        Driver d;
        d.open(testutil::newFile(m_dir, bytes), OpenMode::Private);
        // An unsaved edit is part of what is hashed.
        QCOMPARE(said(d.tab()->edit()->typeByte(10, 0x41, 11)), QString());
        QByteArray shown = bytes;
        shown[10] = 0x41;
        QSettings().remove("checksums/algorithms");
        {
            // At first two: CRC-32 and SHA-256, not all seven (ten times as long).
            ChecksumsDialog dialog(d.model(), d.cursor());
            QTRY_VERIFY_WITH_TIMEOUT(!dialog.running(), 20000);
            QCOMPARE(dialog.table()->rowCount(), 2);
            QCOMPARE(valueOf(dialog, "sha256"),
                     QString(QCryptographicHash::hash(shown, QCryptographicHash::Sha256).toHex()));
            QCOMPARE(valueOf(dialog, "md5"), QString());
            // Ticking MD5 and SHA-1 computes again with them, in one pass, and is remembered.
            auto* md5 = dialog.findChild<QCheckBox*>("algorithm_md5");
            QVERIFY(md5);
            QTest::mouseClick(md5, Qt::LeftButton, {}, QPoint(4, md5->height() / 2));
            dialog.findChild<QCheckBox*>("algorithm_sha1")->setChecked(true);
            QTRY_VERIFY_WITH_TIMEOUT(!dialog.running() && dialog.table()->rowCount() == 4, 20000);
            QCOMPARE(valueOf(dialog, "md5"), QString(QCryptographicHash::hash(shown, QCryptographicHash::Md5).toHex()));
            // Unticking everything says what to do instead of showing nothing.
            for (QCheckBox* box : dialog.findChildren<QCheckBox*>()) box->setChecked(false);
            QCOMPARE(dialog.table()->rowCount(), 0);
            QVERIFY(dialog.findChild<QLabel*>("checksumsWhat")->text().contains("Tick"));
            dialog.findChild<QCheckBox*>("algorithm_md5")->setChecked(true);
            dialog.findChild<QCheckBox*>("algorithm_sha1")->setChecked(true);
        }
        QCOMPARE(QSettings().value("checksums/algorithms").toStringList(), QStringList({"md5", "sha1"}));
        d.select(1000, 5000);
        ChecksumsDialog dialog(d.model(), d.cursor());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.running(), 20000);
        QCOMPARE(valueOf(dialog, "sha1"),
                 QString(QCryptographicHash::hash(shown.mid(1000, 5000), QCryptographicHash::Sha1).toHex()));
    }

    void inspectorFollowsTheCursorAndEdits() {
        Driver d;
        QByteArray bytes(64, '\0');
        bytes[8] = char(0x78); // 0x12345678 little-endian at 8
        bytes[9] = char(0x56);
        bytes[10] = char(0x34);
        bytes[11] = char(0x12);
        d.open(testutil::newFile(m_dir, bytes), OpenMode::Private);
        InspectorModel* m = d.w.inspector();
        m->setBigEndian(false);
        auto row = [&](ValueType t) {
            for (int r = 0; r < m->rowCount(); ++r)
                if (m->typeAt(r) == t) return r;
            return -1;
        };
        const int u32 = row(ValueType::UInt32), u8 = row(ValueType::UInt8);
        QSignalSpy changed(m, &QAbstractItemModel::dataChanged);
        d.cursor()->moveCursor(8);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(m->index(u32, InspectorModel::Value).data().toString(), QString("305419896"));
        m->setBigEndian(true);
        QCOMPARE(m->index(u32, InspectorModel::Value).data().toString(), QString("2018915346"));
        // At the last bytes: a 32-bit value says it runs past the end; a byte still reads.
        d.cursor()->moveCursor(62);
        QVERIFY(m->index(u32, InspectorModel::Value).data().toString().contains("past the end"));
        QCOMPARE(m->index(u8, InspectorModel::Value).data().toString(), QString("0"));
        // Editing writes at the cursor, one undo step; a bad value is refused with a reason.
        d.cursor()->moveCursor(8);
        QVERIFY(m->setData(m->index(u32, InspectorModel::Value), "0xCAFEBABE", Qt::EditRole));
        QCOMPARE(d.shown().mid(8, 4), QByteArray("\xCA\xFE\xBA\xBE", 4));
        QSignalSpy refused(m, &InspectorModel::refused);
        QVERIFY(!m->setData(m->index(u8, InspectorModel::Value), "300", Qt::EditRole));
        QCOMPARE(refused.count(), 1);
        QVERIFY(refused.last().first().toString().contains("does not fit"));
        QCOMPARE(d.undo(), QString());
        QCOMPARE(d.shown(), bytes);
        // Past the end: refused, nothing written.
        d.cursor()->moveCursor(62);
        QVERIFY(!m->setData(m->index(u32, InspectorModel::Value), "1", Qt::EditRole));
        QVERIFY(refused.last().first().toString().contains("past the end"));
        m->setBigEndian(false);
    }

    void copyFormatsAndBase64Paste() {
        Driver d;
        d.open(testutil::newFile(m_dir, QByteArray("A\x00'\\\xff", 5) + QByteArray(11, 'z')), OpenMode::Private);
        d.select(0, 5);
        QCOMPARE(d.copyText(CopyFormat::Base64), QString("QQAnXP8="));
        QCOMPARE(d.copyText(CopyFormat::PythonBytes), QString("b'A\\x00\\'\\\\\\xff'"));
        QCOMPARE(d.copyText(CopyFormat::RustArray),
                 QString("let data: [u8; 5] = [\n    0x41, 0x00, 0x27, 0x5c, 0xff\n];\n"));
        QCOMPARE(d.copyText(CopyFormat::GoSlice), QString("data := []byte{\n    0x41, 0x00, 0x27, 0x5c, 0xff,\n}\n"));
        // Paste From Base64 writes the decoded bytes at the cursor, one undo step.
        d.cursor()->moveCursor(8);
        QCOMPARE(said(d.tab()->clipboard()->pasteBase64("aGV4bWFw")), QString());
        QCOMPARE(d.shown().mid(8, 6), QByteArray("hexmap"));
        QVERIFY(said(d.tab()->clipboard()->pasteBase64("not base64!")).contains("base64"));
        QCOMPARE(d.undo(), QString());
        QCOMPARE(d.shown().mid(8, 6), QByteArray(6, 'z'));
    }

    // A letter typed while the inspector has the keyboard does not open an editor (it did,
    // on whichever row was current); Enter does.
    void typingInTheInspectorDoesNotEdit() {
        Driver d;
        d.open(testutil::newFile(m_dir, QByteArray(16, 'a')), OpenMode::Private);
        d.w.inspectorDock()->show();
        auto* table = d.w.inspectorDock()->findChild<QTableView*>("inspectorView");
        QVERIFY(table);
        table->setFocus();
        table->setCurrentIndex(table->model()->index(1, InspectorModel::Value));
        QTest::keyClicks(table, "7");
        auto editing = [table] {
            for (QLineEdit* e : table->findChildren<QLineEdit*>())
                if (e->isVisible()) return true;
            return false;
        };
        QVERIFY(!editing());
        QCOMPARE(d.shown(), QByteArray(16, 'a'));
        QTest::keyClick(table, Qt::Key_Return);
        QTRY_VERIFY(editing());
    }

    void inspectorEditsAreRefusedReadOnly() {
        Driver d;
        d.open(testutil::newFile(m_dir, QByteArray(16, 'a')), OpenMode::ReadOnly);
        InspectorModel* m = d.w.inspector();
        QSignalSpy refused(m, &InspectorModel::refused);
        QVERIFY(!m->setData(m->index(1, InspectorModel::Value), "5", Qt::EditRole));
        QCOMPARE(refused.count(), 1);
        QVERIFY(refused.first().first().toString().contains("read-only"));
        QCOMPARE(d.shown(), QByteArray(16, 'a'));
    }

    void longChecksumRefusesEditsAndClosingTheTabStopsIt() {
        Driver d;
        // 16 GiB of holes through seven algorithms: a minute of work at least.
        const std::string big = testutil::sparseFile(m_dir, "big.img", 16ull << 30, "tail");
        d.open(QString::fromStdString(big), OpenMode::Shared);
        auto* dialog = new ChecksumsDialog(d.model(), d.cursor(), &d.w);
        QObject::connect(d.tab(), &DocumentTab::closing, dialog, &ChecksumsDialog::abandon);
        QVERIFY(dialog->running());
        QVERIFY(d.editBlocker().contains("checksum"));
        d.setUnsavedPrompt([] { return SessionController::UnsavedChoice::Discard; });
        QElapsedTimer t;
        t.start();
        QVERIFY(d.closeFile());
        QVERIFY2(t.elapsed() < 10000, "closing waited for the whole checksum");
        QVERIFY(!dialog->running());
        delete dialog;
    }

    // View > Encoding: the text column reads and types in the chosen encoding; a character
    // the encoding lacks, or one whose bytes run past the end, is refused with the reason.
    void textColumnEncodings() {
        Driver d;
        d.open(testutil::newFile(m_dir, QByteArray(16, '\0')), OpenMode::Private);
        QString refused;
        connect(d.view(), &HexView::editRefused, [&](const QString& why) { refused = why; });
        auto choose = [&](ColumnEncoding e) {
            for (QAction* a : d.w.actions().encodingGroup->actions())
                if (a->data().toInt() == int(e)) a->trigger();
            QCOMPARE(d.view()->textEncoding(), e);
        };
        d.view()->setActiveArea(GridLayout::Area::Text);
        choose(ColumnEncoding::Ebcdic037);
        typeText(d.view(), "Ab");
        QCOMPARE(d.shown().left(2), QByteArray("\xc1\x82"));
        choose(ColumnEncoding::Utf16LE);
        d.cursor()->moveCursor(4);
        typeText(d.view(), QString::fromUtf8("\xc3\xa9"));
        QCOMPARE(d.shown().mid(4, 2), QByteArray("\xe9\x00", 2));
        QCOMPARE(d.cursor()->cursor(), std::uint64_t(6));
        choose(ColumnEncoding::Utf8);
        typeText(d.view(), QString::fromUtf8("\xe2\x82\xac")); // one undo step, three bytes
        QCOMPARE(d.shown().mid(6, 3), QByteArray("\xe2\x82\xac"));
        d.cursor()->moveCursor(14);
        typeText(d.view(), QString::fromUtf8("\xe2\x82\xac"));
        QVERIFY2(refused.contains("takes 3 bytes"), qPrintable(refused));
        choose(ColumnEncoding::Latin1);
        refused.clear();
        typeText(d.view(), QString::fromUtf8("\xe2\x82\xac"));
        QVERIFY2(refused.contains("has no byte in ISO-8859-1"), qPrintable(refused));
        // Per file (issue 21: it was one for every tab and every file opened later): another
        // tab keeps its own, a new file starts in ASCII, this file comes back in ISO-8859-1.
        const QString path = d.model()->path();
        QCOMPARE(said(d.w.session()->open(testutil::newFile(m_dir, "other"), OpenMode::ReadOnly)), QString());
        QCOMPARE(d.view()->textEncoding(), ColumnEncoding::Ascii); // the new tab
        QVERIFY(d.w.actions().encodingGroup->actions()[int(ColumnEncoding::Ascii)]->isChecked());
        choose(ColumnEncoding::Utf16BE);
        QCOMPARE(d.w.session()->tabAt(0)->hexView()->textEncoding(), ColumnEncoding::Latin1);
        d.w.findChild<QTabWidget*>("tabs")->setCurrentIndex(0);
        QVERIFY(d.w.actions().encodingGroup->actions()[int(ColumnEncoding::Latin1)]->isChecked());
        Driver again;
        again.open(testutil::newFile(m_dir, "x"), OpenMode::ReadOnly);
        QCOMPARE(again.view()->textEncoding(), ColumnEncoding::Ascii);
        QCOMPARE(said(again.w.session()->open(path, OpenMode::ReadOnly)), QString());
        QCOMPARE(again.view()->textEncoding(), ColumnEncoding::Latin1);
    }

    // View > File Map on a disk-image-like file: text, a hole, random bytes. The map shows
    // the three parts; a click jumps; the selection's histogram counts its bytes.
    void fileMapShowsThePartsOfAFile() {
        const QString path = m_dir.filePath("image.bin");
        QByteArray text, random;
        for (int i = 0; text.size() < (1 << 20); ++i) text += "line of plain text number " + QByteArray::number(i) + "\n";
        text.truncate(1 << 20);
        std::uint32_t x = 12345;
        for (int i = 0; i < (1 << 20); ++i) {
            x = x * 1664525u + 1013904223u;
            random += char(x >> 24);
        }
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
            QVERIFY(f.resize(2 << 20)); // a hole
            QVERIFY(f.seek(2 << 20));
            f.write(random);
        }
        Driver d;
        d.open(path, OpenMode::ReadOnly);
        d.w.fileMapDock()->show();
        FileMapPanel* panel = d.w.fileMapPanel();
        FileMapView* map = panel->map();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->busy() && map->measured() == map->segments().size(), 20000);
        const auto& segs = map->segments();
        const std::size_t n = segs.size(), third = n / 3;
        QVERIFY(n >= 3);
        for (std::size_t i = 0; i < n; ++i) {
            const SegmentStats& s = segs[i];
            if (i < third) {
                QVERIFY2(s.text > 0.99f && s.entropy > 3 && s.entropy < 6, qPrintable(QString::number(i)));
            } else if (i < 2 * third) {
                QCOMPARE(s.zeros, 1.0f);
                QCOMPARE(s.entropy, 0.0f);
            } else {
                QVERIFY2(s.entropy > 7.5f && s.high > 0.4f, qPrintable(QString::number(s.entropy)));
            }
        }
        // Drawn: the three parts look different.
        const QImage img = map->grab().toImage();
        const int h = img.height();
        const QColor a = img.pixelColor(2, h / 6), b = img.pixelColor(2, h / 2), c = img.pixelColor(2, h * 5 / 6);
        QVERIFY(a != b && b != c && a != c);
        // A click in the last third jumps there.
        QTest::mouseClick(map, Qt::LeftButton, {}, QPoint(5, h * 5 / 6));
        QVERIFY(d.cursor()->cursor() >= (2u << 20));
        // The selection's histogram: 256 random bytes are many values, the hole one.
        d.select(1 << 20, 4096);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->busy() && panel->summary().contains("entropy 0.000"), 20000);
        QCOMPARE(panel->histogram()->histogram()[0], std::uint64_t(4096));
        d.select(0, 64);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->busy() && panel->summary().startsWith("64 bytes"), 20000);
        QVERIFY(panel->summary().contains("text 100.0%"));
    }
};

QTEST_MAIN(TestToolsUi)
#include "test_tools_ui.moc"
