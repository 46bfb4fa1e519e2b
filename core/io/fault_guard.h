// SPDX-License-Identifier: MIT
// The fault guard: survives SIGBUS on our own mappings.
//
// Reading a mapped page that lies past the end of the file raises SIGBUS. That happens
// when another process truncates the file while we have it mapped, and when a write to
// a sparse page finds the disk full. A process-wide handler checks that the faulting
// address lies in one of the registered mappings; if so it maps anonymous zero pages
// over the whole lost tail (it asks fstat for the file's new size, which is
// async-signal-safe) so that one fault covers every lost page, records the damage, and
// returns, so the faulting instruction is retried and reads zeros. A fault anywhere else
// goes to the handler that was installed before ours, or kills the process with the
// default action, as it should.
//
// The handler is async-signal-safe: the page size is read when the guard is installed,
// the slot table is a fixed array of lock-free atomics, and a slot's base and length are
// published together under a per-slot sequence lock, so a fault that races a remap never
// pairs an old base with a new length.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hexmap::fault_guard {

// Installs the SIGBUS handler once (remembering the previous one, to chain to it);
// later calls do nothing. Called by registerRegion.
void install();

// Registers [base, base+length) as a mapping of fd. Returns a slot id (>= 0), or -1 when
// the table is full (the mapping then works, but unguarded).
int registerRegion(void* base, std::size_t length, int fd);

// Updates a slot after mremap of the same mapping (base and length change together).
void updateRegion(int slot, void* base, std::size_t length);
void unregisterRegion(int slot);

// True once a fault in the slot's region was absorbed. clearDamage resets it (after the
// owner has remapped the file).
bool damaged(int slot);
// True when an absorbed fault lay inside the file's current size: not a truncation but a
// page the kernel could not provide, typically a write into a hole on a full disk.
bool writeFailed(int slot);
void clearDamage(int slot);

// An eventfd (non-blocking) whose counter the handler increments after it absorbs a fault,
// so an event loop learns of damage without looking for it (the window used to find it
// while painting); -1 when none could be made. Owned by the guard, never closed.
int notifyFd();

// How many faults were absorbed in this process (for tests and diagnostics).
std::uint64_t absorbedFaults();

} // namespace hexmap::fault_guard
