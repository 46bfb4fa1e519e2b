// SPDX-License-Identifier: MIT
#include "damage_notifier.h"

#include "fault_guard.h"

#include <QSocketNotifier>
#include <cstdint>
#include <unistd.h>

namespace hexmap {

DamageNotifier& DamageNotifier::instance() {
    static DamageNotifier* notifier = new DamageNotifier; // lives as long as the process
    return *notifier;
}

DamageNotifier::DamageNotifier() {
    const int fd = fault_guard::notifyFd();
    if (fd < 0) return; // no eventfd: damage is still found by the disk watcher's look
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [fd, this] {
        std::uint64_t count = 0;
        [[maybe_unused]] const ssize_t n = read(fd, &count, sizeof count); // resets the counter
        emit faultAbsorbed();
    });
}

} // namespace hexmap
