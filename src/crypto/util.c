/* Constant-time comparison, secret wiping, and (-Os builds) the block buffering. */
#define MOTE_UTIL_C /* the one copy of mote_feed_blocks in -Os builds */
#include "crypto/util.h"

#include <string.h>

/* memset through a volatile pointer: the compiler cannot prove the call
 * dead, so wipes of buffers about to go out of scope stay, and they run at
 * memset speed (hashes wipe their schedules on every block). */
static void *(*const volatile memset_v)(void *, int, size_t) = memset;

int mote_ct_memeq(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    uint32_t d = 0;
    size_t i;
    for (i = 0; i < n; i++)
        d |= (uint32_t)(x[i] ^ y[i]);
    return (int)(1u & ((d - 1u) >> 8));
}

void mote_wipe(void *p, size_t n)
{
    memset_v(p, 0, n);
}
