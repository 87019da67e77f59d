/* Constant-time comparison and secret wiping. */
#include "crypto/util.h"

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
    volatile uint8_t *v = p;
    while (n--)
        *v++ = 0;
}
