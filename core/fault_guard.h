// The fault guard: survives SIGBUS on our own mappings.
//
// Reading a mapped page that lies past the end of the file raises SIGBUS. That happens
// when another process truncates the file while we have it mapped, and when a write to
// a sparse page finds the disk full. A process-wide handler checks that the faulting
// address lies in one of the registered mappings; if so it maps anonymous zero pages
// over the whole lost tail (it asks fstat for the file's new size, which is
// async-signal-safe) so that one fault covers every lost page, records the damage, and
// returns, so the faulting instruction is retried and reads zeros. A fault anywhere else
// is re-raised with the default action and kills the process, as it should.
//
// Registration is lock-free (a fixed table of atomic slots) because the handler may
// run at any moment on any thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hexmap::fault_guard {

// Installs the SIGBUS handler once; later calls do nothing. Called by register_region.
void install();

// Registers [base, base+length) as a mapping of fd. Returns a slot id (>= 0), or -1 when
// the table is full (the mapping then works, but unguarded).
int registerRegion(void* base, std::size_t length, int fd);

// Updates a slot after mremap/munmap of the same mapping.
void updateRegion(int slot, void* base, std::size_t length);
void unregisterRegion(int slot);

// True once a fault in the slot's region was absorbed. clearDamage resets it (after the
// owner has remapped the file).
bool damaged(int slot);
// True when an absorbed fault lay inside the file's current size: not a truncation but a
// page the kernel could not provide, typically a write into a hole on a full disk.
bool writeFailed(int slot);
void clearDamage(int slot);

// How many faults were absorbed in this process (for tests and diagnostics).
std::uint64_t absorbedFaults();

} // namespace hexmap::fault_guard
