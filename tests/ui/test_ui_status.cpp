// SPDX-License-Identifier: MIT
// UiStatus: the UI's operations return success or a failure with its sentence. A failure
// always has words (an empty one would read as success wherever a message is still text),
// the core's errors keep theirs, and an empty message read from a signal is a success.
#include "ui_status.h"

#include <QtTest>

using namespace hexmap;

class TestUiStatus : public QObject {
    Q_OBJECT
private slots:
    void successAndFailure() {
        const UiStatus ok;
        QVERIFY(ok.ok());
        QVERIFY(bool(ok));
        QVERIFY(ok.message().isEmpty());
        const UiStatus failed = UiStatus::failure(QStringLiteral("The disk is full."));
        QVERIFY(!failed.ok());
        QVERIFY(!failed);
        QCOMPARE(failed.message(), QStringLiteral("The disk is full."));
    }

    void aFailureAlwaysHasWords() {
        const UiStatus silent = UiStatus::failure(QString());
        QVERIFY(!silent.ok());
        QVERIFY(!silent.message().isEmpty());
    }

    void fromMessagesAndTheCore() {
        QVERIFY(UiStatus::fromMessage(QString()).ok());
        QCOMPARE(UiStatus::fromMessage(QStringLiteral("No.")).message(), QStringLiteral("No."));
        QVERIFY(UiStatus::fromCore(Status()).ok());
        const UiStatus core = UiStatus::fromCore(Status(Error{28, "No space left on \"f\"."}));
        QVERIFY(!core.ok());
        QCOMPARE(core.message(), QStringLiteral("No space left on \"f\"."));
        QCOMPARE(UiStatus::fromCore(Error{13, "Permission denied."}).message(),
                 QStringLiteral("Permission denied."));
    }
};

QTEST_APPLESS_MAIN(TestUiStatus)
#include "test_ui_status.moc"
