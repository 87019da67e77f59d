/* Stack high-water meter for host tools (bench/, `mote --stats`).
 *
 * Runs a function on a private, painted stack and reports how deep it went.
 * Host-only (POSIX ucontext): never part of libmote. Not thread-safe: one
 * measurement at a time per process. */
#ifndef MOTE_STACKMETER_H
#define MOTE_STACKMETER_H

#include <stddef.h>

/* Size of the private stack a measured function runs on (bytes). */
#define MOTE_STACKMETER_SIZE (64u * 1024u)

/* mote_stack_measure: call fn(arg) exactly once on a freshly painted
 * MOTE_STACKMETER_SIZE-byte stack (allocated and freed here) and return the
 * peak number of stack bytes fn used: the deepest byte that no longer holds
 * the paint, minus the meter's own overhead (measured once, with an empty
 * function, and cached). Assumes a downward-growing stack (every target mote
 * builds for). Returns (size_t)-1 if the stack could not be allocated or
 * switched to, or if fn used all of it (the figure would be a lower bound);
 * a guard page below the stack makes a deeper overrun fault (SIGSEGV)
 * rather than corrupt memory.
 * Figures are meaningless under AddressSanitizer or valgrind. */
size_t mote_stack_measure(void (*fn)(void *), void *arg);

#endif
