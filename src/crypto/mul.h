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

#if MOTE_MUL16
static inline uint64_t mote_mul32(uint32_t a, uint32_t b)
{
    uint32_t al = a & 0xFFFFu, ah = a >> 16, bl = b & 0xFFFFu, bh = b >> 16;
    uint32_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    /* middle = lh + hl + (ll >> 16) can carry into bit 32: keep it in 64 bits */
    uint64_t mid = (uint64_t)lh + hl + (ll >> 16);
    return ((uint64_t)hh << 32) + (mid << 16) + (ll & 0xFFFFu);
}
#else
static inline uint64_t mote_mul32(uint32_t a, uint32_t b)
{
    return (uint64_t)a * b;
}
#endif

#endif
