// SPDX-License-Identifier: MIT
// Several files in one window: each tab has its own document, cursor, search results and
// undo history; the same file opens once; Ctrl+Tab / Ctrl+Shift+Tab switch; Ctrl+W closes
// a tab and asks about its unsaved edits; closing the window asks once per modified tab;
// a running search belongs to its tab and keeps running while another is shown.
#include "action_registry.h"
#include "temp_files.h"
#include "window_driver.h"

#include <QDockWidget>
#include <QMimeData>
#include <QStackedWidget>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QtTest>

using namespace hexmap;

class TestTabs : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_config;
    QString m_a, m_b, m_c;

private slots:
    void initTestCase() {
        testutil::isolateSettings(m_config);
        m_a = testutil::newFile(m_dir, "alpha alpha needle alpha");
        m_b = testutil::newFile(m_dir, QByteArray(4096, 'b'));
        m_c = testutil::newFile(m_dir, "needle in c, needle again");
    }

    void threeFilesThreeTabs() {
        Driver d;
        d.open(m_a, OpenMode::Private);
        QCOMPARE(said(d.w.openFile(m_b, OpenMode::ReadOnly)), QString());
        QCOMPARE(said(d.w.openFile(m_c, OpenMode::Shared)), QString());
        QCOMPARE(d.w.tabs()->count(), 3);
        QCOMPARE(d.model()->path(), m_c); // the last opened is current
        // The tab shows the mode and, once edited, a modified mark.
        QCOMPARE(d.w.tabs()->tabText(0), QFileInfo(m_a).fileName() + " [private]");
        QCOMPARE(d.w.tabs()->tabText(1), QFileInfo(m_b).fileName() + " [read-only]");
        QVERIFY(d.w.tabs()->tabToolTip(2).contains("shared"));
        // The same file again (also by another spelling of its path) switches to its tab.
        d.w.tabs()->setCurrentIndex(0);
        QCOMPARE(said(d.w.openFile(m_dir.path() + "/./" + QFileInfo(m_b).fileName(), OpenMode::ReadOnly)), QString());
        QCOMPARE(d.w.tabs()->count(), 3);
        QCOMPARE(d.w.tabs()->currentIndex(), 1);
        // Title and status bar follow the current tab.
        QCOMPARE(d.w.windowTitle().remove("[*]"), QFileInfo(m_b).fileName() + " \u2014 hexmap");
        QVERIFY(d.w.statusText().contains("4096 bytes"));
        QVERIFY(d.w.statusText().endsWith("read-only"));
        d.w.tabs()->setCurrentIndex(0);
        QVERIFY(d.w.statusText().endsWith("private: edits stay here until saved"));
    }

    // Follow End shows its state: a check mark in the menu (not the icon in its place), and
    // each tab's own.
    void followEndShowsItsStatePerTab() {
        Driver d;
        d.open(m_a, OpenMode::ReadOnly);
        QCOMPARE(said(d.w.openFile(m_c, OpenMode::ReadOnly)), QString());
        QAction* follow = d.w.findChild<QAction*>("followEnd");
        QVERIFY(follow && follow->isCheckable());
        QVERIFY(!follow->isIconVisibleInMenu());
        QVERIFY(!follow->isChecked());
        follow->trigger();
        QVERIFY(follow->isChecked());
        d.w.tabs()->setCurrentIndex(0);
        QVERIFY(!follow->isChecked());
        d.w.tabs()->setCurrentIndex(1);
        QVERIFY(follow->isChecked());
    }

    void eachTabKeepsItsOwnUndoAndResults() {
        Driver d;
        d.open(m_a, OpenMode::Private);
        QCOMPARE(said(d.w.openFile(m_c, OpenMode::Private)), QString());
        DocumentTab* c = d.tab();
        DocumentTab* a = d.w.session()->tabAt(0);
        // An edit in c.
        d.view()->setFocus();
        d.view()->moveCursor(10);
        QTest::keyClicks(d.view(), "41");
        QCOMPARE(char(c->model()->document().mappingData()[10]), 'A');
        QVERIFY(d.w.tabs()->tabText(1).endsWith(" *"));
        // Find All in c: two needles.
        d.findBar()->setPatternText("needle");
        QVERIFY(said(d.search()->findAll()).isEmpty());
        d.waitIdle();
        QCOMPARE(c->results()->rowCount(), 2);
        // Switch to a: its own state, nothing of c's.
        d.w.tabs()->setCurrentWidget(a);
        QVERIFY(!a->model()->canUndo());
        QCOMPARE(a->results()->rowCount(), 0);
        QVERIFY(!d.w.actions().undo->isEnabled());
        QVERIFY(!d.w.isWindowModified());
        QCOMPARE(d.findBar()->patternText(), QString()); // a's own find bar
        d.findBar()->setPatternText("alpha");
        QVERIFY(said(d.search()->findAll()).isEmpty());
        d.waitIdle();
        QCOMPARE(a->results()->rowCount(), 3);
        QCOMPARE(c->results()->rowCount(), 2);
        // Undo in c undoes c's edit only.
        d.w.tabs()->setCurrentWidget(c);
        QVERIFY(d.w.actions().undo->isEnabled());
        d.w.actions().undo->trigger();
        QCOMPARE(char(c->model()->document().mappingData()[10]), 'c');
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(a->model()->document().mappingData()), 5), QByteArray("alpha"));
    }

    void ctrlTabSwitchesAndCtrlWClosesAsking() {
        Driver d;
        d.open(m_a, OpenMode::Private);
        QCOMPARE(said(d.w.openFile(m_b, OpenMode::ReadOnly)), QString());
        QCOMPARE(said(d.w.openFile(m_c, OpenMode::ReadOnly)), QString());
        d.view()->setFocus();
        QTest::keyClick(d.view(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(d.w.tabs()->currentIndex(), 0); // wraps past the last
        QTest::keyClick(d.w.focusWidget(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(d.w.tabs()->currentIndex(), 2);
        // The View menu names it as people type it, not as X11 delivers it.
        QAction* previous = d.w.findChild<QAction*>("previousTab");
        QVERIFY(previous);
        QCOMPARE(previous->shortcut().toString(QKeySequence::PortableText), QString("Ctrl+Shift+Tab"));
        QTest::keyClick(d.w.focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(d.w.tabs()->currentIndex(), 0);
        // Ctrl+W on a modified tab asks; Cancel keeps it, Discard closes it.
        d.view()->setFocus();
        QTest::keyClicks(d.view(), "00");
        int asked = 0;
        d.setUnsavedPrompt([&] { ++asked; return SessionController::UnsavedChoice::Cancel; });
        QTest::keyClick(d.view(), Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(asked, 1);
        QCOMPARE(d.w.tabs()->count(), 3);
        d.setUnsavedPrompt([&] { ++asked; return SessionController::UnsavedChoice::Discard; });
        QTest::keyClick(d.view(), Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(asked, 2);
        QCOMPARE(d.w.tabs()->count(), 2);
        // An unmodified tab closes without a question.
        QTest::keyClick(d.view(), Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(asked, 2);
        QCOMPARE(d.w.tabs()->count(), 1);
    }

    void closingTheWindowAsksOncePerModifiedTab() {
        const QString x = testutil::newFile(m_dir, "xxxx");
        const QString y = testutil::newFile(m_dir, "yyyy");
        const QString z = testutil::newFile(m_dir, "zzzz");
        Driver d;
        d.open(x, OpenMode::Private);
        QTest::keyClicks(d.view(), "41");
        QCOMPARE(said(d.w.openFile(y, OpenMode::ReadOnly)), QString());
        QCOMPARE(said(d.w.openFile(z, OpenMode::Private)), QString());
        d.view()->setFocus();
        QTest::keyClicks(d.view(), "42");
        QStringList asked;
        d.w.session()->setUnsavedPrompt([&](const QString& name) {
            asked << name;
            return asked.size() == 1 ? SessionController::UnsavedChoice::Save
                                     : SessionController::UnsavedChoice::Cancel;
        });
        QVERIFY(!d.w.close()); // the second answer cancels: everything stays open
        QCOMPARE(asked, (QStringList{QFileInfo(x).fileName(), QFileInfo(z).fileName()}));
        QCOMPARE(d.w.tabs()->count(), 3);
        QFile fx(x);
        QVERIFY(fx.open(QIODevice::ReadOnly));
        QCOMPARE(fx.readAll(), QByteArray("Axxx")); // the first was saved
        asked.clear();
        d.w.session()->setUnsavedPrompt([&](const QString& name) {
            asked << name;
            return SessionController::UnsavedChoice::Discard;
        });
        QVERIFY(d.w.close());
        QCOMPARE(asked, QStringList{QFileInfo(z).fileName()}); // x is saved now
        QCOMPARE(d.w.tabs()->count(), 0);
    }

    void aSearchKeepsRunningInItsTab() {
        const QString big = QString::fromStdString(testutil::sparseFile(m_dir, "big.bin", 2ULL << 30, "needle"));
        Driver d;
        d.open(big, OpenMode::ReadOnly);
        DocumentTab* bigTab = d.tab();
        d.findBar()->setPatternText("needle");
        QVERIFY(said(d.search()->findAll()).isEmpty());
        QVERIFY(bigTab->search()->running());
        QCOMPARE(said(d.w.openFile(m_a, OpenMode::ReadOnly)), QString());
        QVERIFY(d.tab() != bigTab);
        QVERIFY(!d.search()->running()); // the new tab has no search
        QTRY_VERIFY_WITH_TIMEOUT(!bigTab->search()->running(), 60000);
        QCOMPARE(bigTab->results()->rowCount(), 1);
        QCOMPARE(bigTab->results()->at(0).offset, (2ULL << 30) - 6);
        // The results dock shows the current tab's results.
        auto* stack = d.w.resultsDock()->findChild<QStackedWidget*>();
        QVERIFY(stack);
        QCOMPARE(stack->currentWidget(), d.tab()->resultsView());
        d.w.tabs()->setCurrentWidget(bigTab);
        QCOMPARE(stack->currentWidget(), bigTab->resultsView());
    }

    void droppingSeveralFilesOpensEach() {
        Driver d;
        d.w.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_a), QUrl::fromLocalFile(m_b), QUrl::fromLocalFile(m_c)});
        QVERIFY(d.w.session()->openDropped(&mime));
        QCOMPARE(d.w.tabs()->count(), 3);
    }
};

QTEST_MAIN(TestTabs)
#include "test_tabs.moc"
