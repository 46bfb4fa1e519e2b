#include "fault_guard.h"

#include <atomic>
#include <csignal>
#include <cstdint>
#include <mutex>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hexmap::fault_guard {
namespace {

struct Slot {
    std::atomic<std::uintptr_t> base{0}; // 0 = free
    std::atomic<std::size_t> length{0};
    std::atomic<int> fd{-1};
    std::atomic<bool> damaged{false};
    std::atomic<bool> writeFailed{false};
};

constexpr int kSlots = 256;
Slot g_slots[kSlots];
std::atomic<std::uint64_t> g_absorbed{0};
std::once_flag g_installed;

std::uintptr_t pageSize() {
    static const std::uintptr_t size = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    return size;
}

// Maps zero pages over [from, to) of a registered region. Only async-signal-safe calls.
bool coverWithZeros(std::uintptr_t from, std::uintptr_t to) {
    if (from >= to) return true;
    void* p = mmap(reinterpret_cast<void*>(from), to - from, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return p != MAP_FAILED;
}

void onSigbus(int sig, siginfo_t* info, void*) {
    const int savedErrno = errno;
    const auto addr = reinterpret_cast<std::uintptr_t>(info->si_addr);
    const std::uintptr_t page = pageSize();
    for (Slot& s : g_slots) {
        const std::uintptr_t base = s.base.load(std::memory_order_acquire);
        const std::size_t length = s.length.load(std::memory_order_acquire);
        if (base == 0 || addr < base || addr >= base + length) continue;

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
        errno = savedErrno;
        return; // the faulting access is retried and now reads zeros
    }
    // Not ours: die as the fault deserves. The signal is blocked inside its handler, so
    // the raise takes effect on return, with the default action.
    signal(sig, SIG_DFL);
    raise(sig);
    errno = savedErrno;
}

} // namespace

void install() {
    std::call_once(g_installed, [] {
        struct sigaction sa {};
        sa.sa_sigaction = onSigbus;
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGBUS, &sa, nullptr);
    });
}

int registerRegion(void* base, std::size_t length, int fd) {
    install();
    for (int i = 0; i < kSlots; ++i) {
        std::uintptr_t expected = 0;
        // Claim the slot with a placeholder first so the handler never sees a half-set slot.
        if (g_slots[i].base.compare_exchange_strong(expected, 1)) {
            g_slots[i].damaged.store(false);
            g_slots[i].writeFailed.store(false);
            g_slots[i].fd.store(fd);
            g_slots[i].length.store(length);
            g_slots[i].base.store(reinterpret_cast<std::uintptr_t>(base),
                                  std::memory_order_release);
            return i;
        }
    }
    return -1;
}

void updateRegion(int slot, void* base, std::size_t length) {
    if (slot < 0 || slot >= kSlots) return;
    g_slots[slot].base.store(1); // no lookups hit it while it changes
    g_slots[slot].length.store(length);
    g_slots[slot].base.store(reinterpret_cast<std::uintptr_t>(base), std::memory_order_release);
}

void unregisterRegion(int slot) {
    if (slot < 0 || slot >= kSlots) return;
    g_slots[slot].fd.store(-1);
    g_slots[slot].length.store(0);
    g_slots[slot].base.store(0, std::memory_order_release);
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
