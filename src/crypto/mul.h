/* mote (private): the one place a 32x32->64 product is formed.
 *
 * All bignum and field code multiplies through mote_mul32(). With
 * MOTE_MUL16=1 (the lx106 backend) the product is assembled from four
 * 16x16->32 multiplies, which that core has in hardware, instead of a libgcc
 * __muldi3 call. Both backends are constant time: no data-dependent branch. */
#ifndef MOTE_MUL_H
#define MOTE_MUL_H

#include <stdint.h>
#include "mote/config.h"

/* Always inlined: a call per product would cost more than the product
 * (gcc -Os on lx106 otherwise keeps one out-of-line copy). */
#if defined(__GNUC__)
#define MOTE_MUL_INLINE static inline __attribute__((always_inline))
#else
#define MOTE_MUL_INLINE static inline
#endif

/* MOTE_MUL16_CALL=1: the 16-bit product is one out-of-line function
 * (mul16.c) instead of being inlined at every use: about 5 KiB less code
 * on lx106 (the unrolled field multiplications), for a call per product.
 * Defaults to 1 in size-optimised builds (-Os). */
#ifndef MOTE_MUL16_CALL
#if MOTE_MUL16 && defined(__OPTIMIZE_SIZE__)
#define MOTE_MUL16_CALL 1
#else
#define MOTE_MUL16_CALL 0
#endif
#endif

#if MOTE_MUL16
MOTE_MUL_INLINE uint64_t mote_mul32_16_inline(uint32_t a, uint32_t b)
{
    /* Four 16x16->32 products summed so that no 32-bit sum can carry:
     * lh + (ll >> 16) and hl + (mid & 0xFFFF) are both below 2^32. No
     * carry means no compare-and-branch (lx106 has no carry flag, and a
     * branch on a carry would make the time depend on the operands). */
    uint32_t al = a & 0xFFFFu, ah = a >> 16, bl = b & 0xFFFFu, bh = b >> 16;
    uint32_t ll = al * bl, mid = al * bh + (ll >> 16), mid2 = ah * bl + (mid & 0xFFFFu);
    uint32_t hi = ah * bh + (mid >> 16) + (mid2 >> 16);
    return ((uint64_t)hi << 32) | (uint32_t)((mid2 << 16) | (ll & 0xFFFFu));
}
/* a b + c + *d, which always fits in 64 bits: the multiply-accumulate of
 * the bignum loops. Returns the low word and leaves the high one in *d (no
 * 64-bit value to pack and unpack: fewer instructions in the loops). c and
 * *d enter the partial products as 16-bit halves, so again no 32-bit sum
 * can carry (each stays at most (2^16 - 1)^2 + 2 (2^16 - 1) = 2^32 - 1): no
 * 64-bit addition, hence no compare-and-branch on a core without a carry
 * flag. */
MOTE_MUL_INLINE uint32_t mote_mac32_16_inline(uint32_t a, uint32_t b, uint32_t c, uint32_t *d)
{
    uint32_t al = a & 0xFFFFu, ah = a >> 16, bl = b & 0xFFFFu, bh = b >> 16;
    uint32_t ll = al * bl + (c & 0xFFFFu) + (*d & 0xFFFFu);
    uint32_t mid = al * bh + (ll >> 16) + (c >> 16);
    uint32_t mid2 = ah * bl + (mid & 0xFFFFu) + (*d >> 16);
    *d = ah * bh + (mid >> 16) + (mid2 >> 16);
    return (mid2 << 16) | (ll & 0xFFFFu);
}
#if MOTE_MUL16_CALL
uint64_t mote_mul32_16(uint32_t a, uint32_t b);                          /* mul16.c */
uint32_t mote_mac32_16(uint32_t a, uint32_t b, uint32_t c, uint32_t *d); /* mul16.c */
#define mote_mul32 mote_mul32_16
#define mote_mac32 mote_mac32_16
#else
#define mote_mul32 mote_mul32_16_inline
#define mote_mac32 mote_mac32_16_inline
#endif
#else
MOTE_MUL_INLINE uint64_t mote_mul32(uint32_t a, uint32_t b)
{
    return (uint64_t)a * b;
}
MOTE_MUL_INLINE uint32_t mote_mac32(uint32_t a, uint32_t b, uint32_t c, uint32_t *d)
{
    uint64_t x = (uint64_t)a * b + c + *d;
    *d = (uint32_t)(x >> 32);
    return (uint32_t)x;
}
#endif

/* Carries and borrows of 32-bit words: r = a + b + *c (a - b - *b) with
 * *c (*b) 0 or 1 in and out. With MOTE_MUL16 (lx106: no carry flag, and gcc
 * lowers a 64-bit sum or a `s < a` compare to a data-dependent branch) the
 * carry is formed from the top bits, (a & b) | ((a | b) & ~s), which is
 * branch-free on every core; otherwise a 64-bit sum, which compilers turn
 * into add-with-carry. tests/ct/lx106_branches.sh checks the lx106 code. */
#if MOTE_MUL16
MOTE_MUL_INLINE uint32_t mote_adc32(uint32_t a, uint32_t b, uint32_t *c)
{
    uint32_t s = a + b + *c;
    *c = ((a & b) | ((a | b) & ~s)) >> 31;
    return s;
}
MOTE_MUL_INLINE uint32_t mote_sbb32(uint32_t a, uint32_t b, uint32_t *bw)
{
    uint32_t d = a - b - *bw;
    *bw = ((~a & b) | ((~a | b) & d)) >> 31;
    return d;
}
#else
MOTE_MUL_INLINE uint32_t mote_adc32(uint32_t a, uint32_t b, uint32_t *c)
{
    uint64_t s = (uint64_t)a + b + *c;
    *c = (uint32_t)(s >> 32);
    return (uint32_t)s;
}
MOTE_MUL_INLINE uint32_t mote_sbb32(uint32_t a, uint32_t b, uint32_t *bw)
{
    uint64_t d = (uint64_t)a - b - *bw;
    *bw = (uint32_t)(d >> 63);
    return (uint32_t)d;
}
#endif

/* MOTE_BN64=1: the Montgomery core (bigint.c) also works on 64-bit words
 * with 64x64->128 products when the limb count is even: about a quarter of
 * the multiplies, for RSA, ffdhe and the NIST curves. On by default where
 * the compiler has unsigned __int128 (64-bit hosts) and the 16-bit backend
 * is off; off on 32-bit MCUs, where a 128-bit product would be a library
 * call. mote_mul64 is then the one place such a product is formed. */
#ifndef MOTE_BN64
#if defined(__SIZEOF_INT128__) && !MOTE_MUL16
#define MOTE_BN64 1
#else
#define MOTE_BN64 0
#endif
#endif

#if MOTE_BN64
__extension__ typedef unsigned __int128 mote_u128;
MOTE_MUL_INLINE mote_u128 mote_mul64(uint64_t a, uint64_t b)
{
    return (mote_u128)a * b;
}
#endif

#endif
