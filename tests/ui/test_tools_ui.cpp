// SPDX-License-Identifier: MIT
// Tools > Checksums: the values of the selection or the whole file (the unsaved private
// edits included), progress and cancel, edits refused while it reads, and closing the tab
// in the middle of a long one neither hangs nor crashes.
#include "checksums_dialog.h"
#include "temp_files.h"
#include "window_driver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QTableWidget>
#include <QtTest>

using namespace hexmap;

namespace {
QString valueOf(ChecksumsDialog& d, const QString& algorithm) {
    for (int r = 0; r < d.table()->rowCount(); ++r)
        if (d.table()->item(r, 0)->text() == algorithm) return d.table()->item(r, 1)->text();
    return {};
}
} // namespace

class TestToolsUi : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void checksumsOfFileAndSelection() {
        const QByteArray bytes = testutil::randomBytes(300000, 3);
        Driver d;
        d.open(testutil::newFile(m_dir, bytes), OpenMode::Private);
        // An unsaved edit is part of what is hashed.
        QCOMPARE(d.tab()->edit()->typeByte(10, 0x41, 11), QString());
        QByteArray shown = bytes;
        shown[10] = 0x41;
        {
            ChecksumsDialog dialog(d.model(), d.cursor());
            QTRY_VERIFY_WITH_TIMEOUT(!dialog.running(), 20000);
            QCOMPARE(dialog.table()->rowCount(), 7);
            QCOMPARE(valueOf(dialog, "sha256"),
                     QString(QCryptographicHash::hash(shown, QCryptographicHash::Sha256).toHex()));
            QCOMPARE(valueOf(dialog, "md5"), QString(QCryptographicHash::hash(shown, QCryptographicHash::Md5).toHex()));
        }
        d.select(1000, 5000);
        ChecksumsDialog dialog(d.model(), d.cursor());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.running(), 20000);
        QCOMPARE(valueOf(dialog, "sha1"),
                 QString(QCryptographicHash::hash(shown.mid(1000, 5000), QCryptographicHash::Sha1).toHex()));
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
};

QTEST_MAIN(TestToolsUi)
#include "test_tools_ui.moc"
