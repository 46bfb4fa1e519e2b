// SPDX-License-Identifier: MIT
#include "read_gate.h"

#include <algorithm>
#include <cerrno>

namespace hexmap {

ReadLease::ReadLease(ReadLease&& other) noexcept { *this = std::move(other); }

ReadLease& ReadLease::operator=(ReadLease&& other) noexcept {
    if (this == &other) return *this;
    release();
    m_gate = std::move(other.m_gate);
    m_stop = std::move(other.m_stop);
    m_id = other.m_id;
    other.m_id = 0;
    return *this;
}

void ReadLease::release() {
    if (!m_gate) return;
    m_gate->release(m_id);
    m_gate.reset();
    m_stop.reset();
    m_id = 0;
}

ReadLease ReadGate::acquire(std::string holder, bool yields,
                           std::shared_ptr<std::atomic<bool>> stop) {
    std::unique_lock lock(m_mutex);
    m_readers.fetch_add(1, std::memory_order_seq_cst);
    while (m_changing.load(std::memory_order_seq_cst)) {
        // A change is in progress on the owner's thread: step back and wait for its end.
        m_readers.fetch_sub(1, std::memory_order_seq_cst);
        m_waiters.fetch_add(1, std::memory_order_seq_cst);
        m_cv.wait(lock, [&] { return !m_changing.load(std::memory_order_seq_cst); });
        m_waiters.fetch_sub(1, std::memory_order_seq_cst);
        m_readers.fetch_add(1, std::memory_order_seq_cst);
    }
    ReadLease lease;
    lease.m_gate = shared_from_this();
    lease.m_stop = stop ? std::move(stop) : std::make_shared<std::atomic<bool>>(false);
    lease.m_id = m_nextId++;
    m_holders.push_back({lease.m_id, std::move(holder), yields, lease.m_stop});
    return lease;
}

void ReadGate::release(std::uint64_t id) {
    {
        std::lock_guard lock(m_mutex);
        const auto it = std::find_if(m_holders.begin(), m_holders.end(),
                                     [&](const Holder& h) { return h.id == id; });
        if (it == m_holders.end()) return;
        m_holders.erase(it);
        m_readers.fetch_sub(1, std::memory_order_seq_cst);
    }
    m_cv.notify_all();
}

bool ReadGate::held() const {
    if (m_readers.load(std::memory_order_seq_cst) == 0) return false;
    std::lock_guard lock(m_mutex);
    return std::any_of(m_holders.begin(), m_holders.end(), [](const Holder& h) { return !h.yields; });
}

std::string ReadGate::holders(bool holdingOnly) const {
    std::lock_guard lock(m_mutex);
    std::vector<std::string> names;
    for (const Holder& h : m_holders)
        if ((!holdingOnly || !h.yields) && std::find(names.begin(), names.end(), h.what) == names.end())
            names.push_back(h.what);
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += i + 1 == names.size() ? " and " : ", ";
        out += names[i];
    }
    return out;
}

Status ReadGate::beginChange(std::string_view action) {
    m_changing.store(true, std::memory_order_seq_cst);
    if (m_readers.load(std::memory_order_seq_cst) == 0) return {};

    std::unique_lock lock(m_mutex);
    const bool allYield = std::all_of(m_holders.begin(), m_holders.end(),
                                      [](const Holder& h) { return h.yields; });
    if (!allYield) {
        std::vector<std::string> names;
        for (const Holder& h : m_holders)
            if (!h.yields && std::find(names.begin(), names.end(), h.what) == names.end())
                names.push_back(h.what);
        std::string who;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (i) who += i + 1 == names.size() ? " and " : ", ";
            who += names[i];
        }
        lock.unlock();
        endChange();
        return Error{EBUSY, "Cannot " + std::string(action) + " now: " + who +
                                (names.size() > 1 ? " are" : " is") +
                                " reading the file. Wait for it to finish, or cancel it."};
    }
    // Only yielding readers: ask them to stop and wait until they have let go. New
    // acquirers wait on m_changing meanwhile.
    for (Holder& h : m_holders) h.stop->store(true, std::memory_order_relaxed);
    m_cv.wait(lock, [&] { return m_holders.empty(); });
    return {};
}

void ReadGate::endChange() {
    m_changing.store(false, std::memory_order_seq_cst);
    if (m_waiters.load(std::memory_order_seq_cst) > 0) {
        std::lock_guard lock(m_mutex);
        m_cv.notify_all();
    }
}

void ReadGate::requestStop() {
    std::lock_guard lock(m_mutex);
    for (Holder& h : m_holders) h.stop->store(true, std::memory_order_relaxed);
}

void ReadGate::waitUntilFree() {
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [&] { return m_holders.empty(); });
}

ChangeScope::ChangeScope(ReadGate* gate, std::string_view action)
    : m_gate(gate), m_status(gate ? gate->beginChange(action) : Status{}) {}

ChangeScope::~ChangeScope() {
    if (m_gate && m_status.ok()) m_gate->endChange();
}

} // namespace hexmap
