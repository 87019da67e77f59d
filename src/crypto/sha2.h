/* mote (private): what SHA-256 and SHA-384/512 share.
 *
 * The Merkle-Damgard buffering and padding exist once for all three
 * hashes. A hash keeps its chaining state, a byte counter and a one-block
 * buffer; blocks(state, p, n) compresses the n whole blocks at p. */
#ifndef MOTE_SHA2_H
#define MOTE_SHA2_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"

/* MOTE_SHA2_SMALL selects the shape of the compression functions.
 *   0: eight rounds per loop iteration (the working variables rotate through
 *      macro arguments, never moved) over a precomputed message schedule:
 *      the fast form (x86-64: about 49 instructions per byte for SHA-256,
 *      31 for SHA-512; schedule on the stack: 256 and 640 bytes).
 *   1: one round per iteration, working variables in an array that shifts
 *      each round, a 16-word rolling schedule: the least flash (Cortex-M4:
 *      about 250 and 650 bytes less) and stack (64 and 128 bytes of
 *      schedule), about twice the instructions.
 * Default: 1 when the compiler optimises for size (-Os), else 0. */
#ifndef MOTE_SHA2_SMALL
#if defined(__OPTIMIZE_SIZE__)
#define MOTE_SHA2_SMALL 1
#else
#define MOTE_SHA2_SMALL 0
#endif
#endif

typedef void (*mote_sha2_blocks_fn)(void *state, const uint8_t *p, size_t n);

/* mote_sha2_pad: append the padding and the message length in bits (big
 * endian, in the block's last 8 bytes: messages are below 2^61 bytes) and
 * compress the final block(s). The caller then serialises state. */
void mote_sha2_pad(void *state, uint8_t *buf, uint64_t count, size_t block_len,
                   mote_sha2_blocks_fn blocks);

#endif
