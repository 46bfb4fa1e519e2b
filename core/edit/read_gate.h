// SPDX-License-Identifier: MIT
// The edit gate: read leases.
//
// Workers (find all, Save As, the line count, hashes...) read a document's mapping
// directly from their own threads. A mapping can be changed under them (bytes), moved
// (mremap when the file grows or is resized) or unmapped (a private save maps the file
// afresh, reload, close). So whoever reads the memory from another thread first takes a
// ReadLease from the document, and the document refuses every call that changes bytes or
// can move or unmap the mapping while a lease is held, with a sentence that names who is
// reading. The rule lives here, beside the data, so that no button, shortcut or timer can
// get around it.
//
// Two kinds of lease:
//   - holding (a search, Save As): changes are refused until it is released;
//   - yielding (background work that is cheap to redo, like a line count): a change asks
//     it to stop, waits until it has released its lease (its worker checks stopRequested()
//     at least every few milliseconds) and then goes ahead; the owner restarts the work.
//
// Threads: acquire() and release may run on any thread. beginChange()/endChange() run on
// the thread that owns the document (the one that makes changes).
#pragma once

#include "result.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <utility>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace hexmap {

class ReadGate;

// Permission to read a document's memory from another thread. Move-only; released by
// release() or the destructor, on whatever thread holds it.
class [[nodiscard]] ReadLease {
public:
    ReadLease() = default;
    ReadLease(ReadLease&& other) noexcept;
    ReadLease& operator=(ReadLease&& other) noexcept;
    ReadLease(const ReadLease&) = delete;
    ReadLease& operator=(const ReadLease&) = delete;
    ~ReadLease() { release(); }

    bool held() const { return m_gate != nullptr; }
    void release();
    // True once the document asked its readers to stop (it is closing, or a change wants
    // a yielding lease back). A worker polls it with its own cancel flag.
    bool stopRequested() const { return m_stop && m_stop->load(std::memory_order_relaxed); }
    // The flag behind stopRequested(), for code that takes a pointer to an atomic flag
    // (search options); valid while the lease is held.
    const std::atomic<bool>* stopFlag() const { return m_stop.get(); }

private:
    friend class ReadGate;
    std::shared_ptr<ReadGate> m_gate;
    std::shared_ptr<std::atomic<bool>> m_stop;
    std::uint64_t m_id = 0;
};

class ReadGate : public std::enable_shared_from_this<ReadGate> {
public:
    static std::shared_ptr<ReadGate> create() { return std::shared_ptr<ReadGate>(new ReadGate); }

    // A lease for `holder` ("a search", "Save As": words that fit "... is reading the
    // file"). Waits while a change is in progress (changes take microseconds). `stop`, when
    // given, becomes the lease's stop flag, so that a job has one flag for its own cancel
    // and for the document's requests.
    ReadLease acquire(std::string holder, bool yields = false,
                      std::shared_ptr<std::atomic<bool>> stop = {});

    // Before a change, on the owner's thread. Refuses with a sentence ("Cannot save now: a
    // search is reading the file...") while a holding lease exists; asks yielding leases
    // to stop and waits for them. On success, acquire() waits until endChange().
    Status beginChange(std::string_view action);
    void endChange();

    bool leased() const { return m_readers.load(std::memory_order_seq_cst) > 0; }
    // Whether a holding (not yielding) lease exists: one that refuses changes.
    bool held() const;
    // Who holds leases now, as words for a sentence: "a search and Save As" (with
    // holdingOnly, only the readers that refuse changes).
    std::string holders(bool holdingOnly = false) const;
    // Asks every lease holder to stop (stopRequested() becomes true).
    void requestStop();
    // Blocks until no lease is held.
    void waitUntilFree();

private:
    friend class ReadLease;
    ReadGate() = default;
    void release(std::uint64_t id);

    struct Holder {
        std::uint64_t id;
        std::string what;
        bool yields;
        std::shared_ptr<std::atomic<bool>> stop;
    };
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<Holder> m_holders; // guarded by m_mutex
    std::uint64_t m_nextId = 1;    // guarded by m_mutex
    // The fast path of a change touches only these two (no lock): a change sets m_changing
    // and then reads m_readers; an acquire adds to m_readers and then reads m_changing. Both
    // sequentially consistent, so at least one of them sees the other.
    std::atomic<int> m_readers{0};
    std::atomic<bool> m_changing{false};
    std::atomic<int> m_waiters{0};
};

// A change in progress: beginChange in the constructor, endChange in the destructor.
class ChangeScope {
public:
    ChangeScope(ReadGate* gate, std::string_view action);
    ~ChangeScope();
    ChangeScope(const ChangeScope&) = delete;
    ChangeScope& operator=(const ChangeScope&) = delete;
    explicit operator bool() const { return m_status.ok(); }
    const Status& status() const { return m_status; }

private:
    ReadGate* m_gate;
    Status m_status;
};

// A document's gate, owned. Moving it, or moving another over it, first asks the readers
// of both gates to stop and waits for them (the mapping they read is about to move or
// go); the moved-from holder gets a fresh gate of its own. Document declares it before its
// mapping, so its compiler-written moves stop the readers before the mapping moves.
class GateHolder {
public:
    GateHolder() : m_gate(ReadGate::create()) {}
    ~GateHolder() { stopReaders(); }
    GateHolder(GateHolder&& other) noexcept {
        other.stopReaders();
        m_gate = std::exchange(other.m_gate, ReadGate::create());
    }
    GateHolder& operator=(GateHolder&& other) noexcept {
        if (this == &other) return *this;
        stopReaders();
        other.stopReaders();
        m_gate = std::exchange(other.m_gate, ReadGate::create());
        return *this;
    }
    GateHolder(const GateHolder&) = delete;
    GateHolder& operator=(const GateHolder&) = delete;

    // Asks every reader to stop, and waits until they have.
    void stopReaders() {
        if (!m_gate) return;
        m_gate->requestStop();
        m_gate->waitUntilFree();
    }
    ReadGate* get() const { return m_gate.get(); }
    ReadGate* operator->() const { return m_gate.get(); }
    explicit operator bool() const { return m_gate != nullptr; }

private:
    std::shared_ptr<ReadGate> m_gate;
};

} // namespace hexmap
