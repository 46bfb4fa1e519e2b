// SPDX-License-Identifier: MIT
#include "fault_guard.h"

#include "page_size.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <mutex>
#include <sys/mman.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hexmap::fault_guard {
namespace {

// Everything the handler reads must be lock-free, or reading it in a signal handler
// could deadlock on a lock the interrupted code holds.
static_assert(std::atomic<std::uintptr_t>::is_always_lock_free);
static_assert(std::atomic<std::size_t>::is_always_lock_free);
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);
static_assert(std::atomic<int>::is_always_lock_free);
static_assert(std::atomic<bool>::is_always_lock_free);

enum : std::uint32_t { kFree = 0, kClaimed = 1, kActive = 2 };

struct Slot {
    std::atomic<std::uint32_t> state{kFree};
    // Sequence lock over base and length: odd while the owner changes them.
    std::atomic<std::uint32_t> seq{0};
    std::atomic<std::uintptr_t> base{0};
    std::atomic<std::size_t> length{0};
    std::atomic<int> fd{-1};
    std::atomic<bool> damaged{false};
    std::atomic<bool> writeFailed{false};
};

constexpr int kSlots = 256;
Slot g_slots[kSlots];
std::atomic<std::uint64_t> g_absorbed{0};
std::atomic<int> g_notify{-1}; // an eventfd the handler writes to after absorbing a fault
std::once_flag g_installed;
// Set by install() before the handler can run; read-only afterwards.
std::uintptr_t g_page = 4096;
struct sigaction g_previous {};

// Maps zero pages over [from, to) of a registered region. Only async-signal-safe calls.
bool coverWithZeros(std::uintptr_t from, std::uintptr_t to) {
    if (from >= to) return true;
    void* p = mmap(reinterpret_cast<void*>(from), to - from, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return p != MAP_FAILED;
}

// Reads a slot's base and length as one consistent pair. False when the slot is free or
// its owner keeps changing it (a remap cannot be in progress under a reader that faults:
// the document's read leases forbid it, so giving up after a few tries is safe).
bool readRegion(const Slot& s, std::uintptr_t& base, std::size_t& length) {
    for (int attempt = 0; attempt < 1000; ++attempt) {
        if (s.state.load(std::memory_order_acquire) != kActive) return false;
        const std::uint32_t before = s.seq.load(std::memory_order_acquire);
        if (before & 1u) continue;
        // Acquire loads: the second read of seq cannot move before them.
        base = s.base.load(std::memory_order_acquire);
        length = s.length.load(std::memory_order_acquire);
        if (s.seq.load(std::memory_order_acquire) == before) return base != 0 && length != 0;
    }
    return false;
}

void chainToPrevious(int sig, siginfo_t* info, void* context) {
    if ((g_previous.sa_flags & SA_SIGINFO) && g_previous.sa_sigaction) {
        g_previous.sa_sigaction(sig, info, context);
        return;
    }
    if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN &&
        g_previous.sa_handler != nullptr) {
        g_previous.sa_handler(sig);
        return;
    }
    // Default (an ignored SIGBUS from a real fault would only repeat forever): die as the
    // fault deserves. The signal is blocked inside its handler, so the raise takes effect
    // on return, with the default action.
    signal(sig, SIG_DFL);
    raise(sig);
}

void onSigbus(int sig, siginfo_t* info, void* context) {
    const int savedErrno = errno;
    const auto addr = reinterpret_cast<std::uintptr_t>(info->si_addr);
    const std::uintptr_t page = g_page;
    for (Slot& s : g_slots) {
        std::uintptr_t base = 0;
        std::size_t length = 0;
        if (!readRegion(s, base, length) || addr < base || addr >= base + length) continue;

        const std::uintptr_t end = (base + length + page - 1) & ~(page - 1);
        const std::uintptr_t faultPage = addr & ~(page - 1);
        // Cover the whole lost tail at once: everything from the first page past the
        // file's new end. If fstat fails or says the page is inside the file (a sparse
        // page the disk had no room for), cover only the faulting page.
        std::uintptr_t from = faultPage;
        std::uintptr_t to = faultPage + page;
        struct stat st;
        const int fd = s.fd.load(std::memory_order_acquire);
        if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size >= 0) {
            const std::uintptr_t newEnd =
                base + ((static_cast<std::uintptr_t>(st.st_size) + page - 1) & ~(page - 1));
            if (newEnd <= faultPage) {
                from = newEnd;
                to = end;
            } else {
                s.writeFailed.store(true, std::memory_order_release);
            }
        }
        if (!coverWithZeros(from, to)) break;
        s.damaged.store(true, std::memory_order_release);
        g_absorbed.fetch_add(1, std::memory_order_relaxed);
        // Tell whoever listens (the window's event loop), outside the fault: write(2) on an
        // eventfd is async-signal-safe; a full counter (never, in practice) loses nothing
        // but the wake-up, the damage flag stays set.
        if (const int efd = g_notify.load(std::memory_order_acquire); efd >= 0) {
            const std::uint64_t one = 1;
            [[maybe_unused]] const ssize_t n = write(efd, &one, sizeof one);
        }
        errno = savedErrno;
        return; // the faulting access is retried and now reads zeros
    }
    chainToPrevious(sig, info, context);
    errno = savedErrno;
}

void publish(Slot& s, std::uintptr_t base, std::size_t length) {
    s.seq.fetch_add(1, std::memory_order_acq_rel); // odd: changing
    s.base.store(base, std::memory_order_release);
    s.length.store(length, std::memory_order_release);
    s.seq.fetch_add(1, std::memory_order_acq_rel); // even: consistent again
}

} // namespace

void install() {
    std::call_once(g_installed, [] {
        g_page = static_cast<std::uintptr_t>(pageSize());
        struct sigaction sa {};
        sa.sa_sigaction = onSigbus;
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        g_notify.store(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), std::memory_order_release);
        sigaction(SIGBUS, &sa, &g_previous);
    });
}

int notifyFd() {
    install();
    return g_notify.load(std::memory_order_acquire);
}

int registerRegion(void* base, std::size_t length, int fd) {
    install();
    for (int i = 0; i < kSlots; ++i) {
        std::uint32_t expected = kFree;
        // Claim the slot first; the handler ignores it until it is active.
        if (g_slots[i].state.compare_exchange_strong(expected, kClaimed)) {
            Slot& s = g_slots[i];
            s.damaged.store(false);
            s.writeFailed.store(false);
            s.fd.store(fd);
            publish(s, reinterpret_cast<std::uintptr_t>(base), length);
            s.state.store(kActive, std::memory_order_release);
            return i;
        }
    }
    return -1;
}

void updateRegion(int slot, void* base, std::size_t length) {
    if (slot < 0 || slot >= kSlots) return;
    publish(g_slots[slot], reinterpret_cast<std::uintptr_t>(base), length);
}

void unregisterRegion(int slot) {
    if (slot < 0 || slot >= kSlots) return;
    Slot& s = g_slots[slot];
    s.state.store(kClaimed, std::memory_order_release); // invisible to the handler first
    publish(s, 0, 0);
    s.fd.store(-1);
    s.state.store(kFree, std::memory_order_release);
}

bool damaged(int slot) {
    return slot >= 0 && slot < kSlots && g_slots[slot].damaged.load(std::memory_order_acquire);
}

bool writeFailed(int slot) {
    return slot >= 0 && slot < kSlots && g_slots[slot].writeFailed.load(std::memory_order_acquire);
}

void clearDamage(int slot) {
    if (slot < 0 || slot >= kSlots) return;
    g_slots[slot].damaged.store(false);
    g_slots[slot].writeFailed.store(false);
}

std::uint64_t absorbedFaults() { return g_absorbed.load(); }

} // namespace hexmap::fault_guard
