// SPDX-License-Identifier: MIT
// DamageNotifier: the GUI thread's ear on the fault guard. The SIGBUS handler, after mapping
// zeros over pages another process cut off, increments an eventfd (async-signal-safe); a
// QSocketNotifier on it emits faultAbsorbed() once per wake-up, on the GUI thread, whoever
// faulted (a view painting, a worker reading). Each DocumentModel then looks at its own
// document. Nothing is discovered in paintEvent any more, so painting has no side effects.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace hexmap {

class DamageNotifier : public QObject {
    Q_OBJECT
public:
    // The process's one notifier, made on first use (on the GUI thread).
    static DamageNotifier& instance();

signals:
    void faultAbsorbed();

private:
    DamageNotifier();
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace hexmap
