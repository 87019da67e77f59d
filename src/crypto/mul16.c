/* mote: the out-of-line 16x16->32 product and multiply-accumulate of
 * MOTE_MUL16_CALL (see mul.h). */
#include "crypto/mul.h"

#if MOTE_MUL16 && MOTE_MUL16_CALL
uint64_t mote_mul32_16(uint32_t a, uint32_t b)
{
    return mote_mul32_16_inline(a, b);
}

uint32_t mote_mac32_16(uint32_t a, uint32_t b, uint32_t c, uint32_t *d)
{
    return mote_mac32_16_inline(a, b, c, d);
}
#endif
