/* mote (private): byte order, constant-time helpers and wiping.
 * Shared by every primitive; nothing here is public API. */
#ifndef MOTE_UTIL_H
#define MOTE_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mote/config.h"

/* Keeps a function's frame out of its caller's: for a big temporary frame
 * (an RSA key, a hash context) that is over before the caller's deepest
 * call, so the stack's peak is not the sum of both. */
#if defined(__GNUC__)
#define MOTE_NOINLINE __attribute__((noinline))
#else
#define MOTE_NOINLINE
#endif

static inline uint32_t mote_load_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static inline uint32_t mote_load_le32(const uint8_t *p)
{
    return ((uint32_t)p[3] << 24) | ((uint32_t)p[2] << 16) | ((uint32_t)p[1] << 8) | p[0];
}
static inline void mote_store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}
static inline void mote_store_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
static inline uint64_t mote_load_be64(const uint8_t *p)
{
    return ((uint64_t)mote_load_be32(p) << 32) | mote_load_be32(p + 4);
}
static inline void mote_store_be64(uint8_t *p, uint64_t v)
{
    mote_store_be32(p, (uint32_t)(v >> 32));
    mote_store_be32(p + 4, (uint32_t)v);
}
static inline uint64_t mote_load_le64(const uint8_t *p)
{
    return ((uint64_t)mote_load_le32(p + 4) << 32) | mote_load_le32(p);
}
static inline void mote_store_le64(uint8_t *p, uint64_t v)
{
    mote_store_le32(p, (uint32_t)v);
    mote_store_le32(p + 4, (uint32_t)(v >> 32));
}

/* Constant-time masks: all ones when the condition holds, else zero. */
static inline uint32_t mote_ct_is_zero32(uint32_t x)
{
#if MOTE_MUL16
    /* lx106 (no carry flag): the top bit of ~x & (x - 1) is set only for
     * x = 0; a 64-bit subtraction would be a borrow branch there
     * (tests/ct/lx106_branches.sh) */
    return 0u - ((~x & (x - 1u)) >> 31);
#else
    return (uint32_t)(((uint64_t)x - 1) >> 32);
#endif
}
static inline uint32_t mote_ct_mask(uint32_t bit) /* bit is 0 or 1 */
{
    return 0u - bit;
}

/* mote_ct_memeq: 1 if the n bytes at a and b are equal, else 0; the time
 * depends only on n. */
int mote_ct_memeq(const void *a, const void *b, size_t n);

/* mote_wipe: zero n bytes at p in a way the compiler cannot drop. */
void mote_wipe(void *p, size_t n);

/* mote_feed_blocks: absorb len bytes at p into a stream of blocks of
 * block_len bytes (a power of 2): buf holds the used (< block_len) bytes of
 * the unfinished block; whole blocks go to blocks(state, at, count), from
 * buf or straight from p. Returns the new used. p may be NULL when len is
 * 0. (The hashes' and Poly1305's buffering.) One copy in util.c when
 * optimizing for size; elsewhere inline, so that each caller's blocks
 * function is a direct call and no frame is added under it. */
#if defined(__OPTIMIZE_SIZE__)
size_t mote_feed_blocks(void *state, uint8_t *buf, size_t used, size_t block_len,
                        void (*blocks)(void *state, const uint8_t *p, size_t n), const uint8_t *p,
                        size_t len);
#endif
#if !defined(__OPTIMIZE_SIZE__) || defined(MOTE_UTIL_C)
#if defined(__OPTIMIZE_SIZE__)
#define MOTE_FEED_DEF
#else
#define MOTE_FEED_DEF static inline
#endif
MOTE_FEED_DEF size_t mote_feed_blocks(void *state, uint8_t *buf, size_t used, size_t block_len,
                                      void (*blocks)(void *state, const uint8_t *p, size_t n),
                                      const uint8_t *p, size_t len)
{
    size_t n;

    if (len == 0) return used;
    if (used) {
        n = block_len - used;
        if (n > len) n = len;
        memcpy(buf + used, p, n);
        p += n;
        len -= n;
        used += n;
        if (used < block_len) return used;
        blocks(state, buf, 1);
    }
    n = len & ~(block_len - 1);
    if (n) {
        blocks(state, p, n / block_len);
        p += n;
        len -= n;
    }
    memcpy(buf, p, len);
    return len;
}
#endif

#endif
