/* Shared helpers: constant-time compare, wipe, the 32x32->64 multiply of
 * both backends, error strings. */
#include <string.h>

#include "crypto/mul.h"
#include "crypto/util.h"
#include "mote/error.h"
#include "test.h"

/* The 16-bit backend's formula, compiled here whatever MOTE_MUL16 is, so
 * both backends are compared against the native product in every build. */
static uint64_t mul16(uint32_t a, uint32_t b)
{
    uint32_t al = a & 0xFFFFu, ah = a >> 16, bl = b & 0xFFFFu, bh = b >> 16;
    uint64_t mid = (uint64_t)(al * bh) + (ah * bl) + ((al * bl) >> 16);
    return ((uint64_t)(ah * bh) << 32) + (mid << 16) + ((al * bl) & 0xFFFFu);
}

int main(void)
{
    static const uint32_t edge[] = {0,          1,          2,          0xFFFF,
                                    0x10000,    0x7FFFFFFF, 0x80000000, 0xFFFFFFFE,
                                    0xFFFFFFFF, 0x12345678, 0xDEADBEEF};
    uint32_t x = 0x9E3779B9u;
    size_t i, j;
    uint8_t a[32], b[32];

    for (i = 0; i < sizeof edge / sizeof *edge; i++)
        for (j = 0; j < sizeof edge / sizeof *edge; j++) {
            uint64_t want = (uint64_t)edge[i] * edge[j];
            CHECK(mote_mul32(edge[i], edge[j]) == want);
            CHECK(mul16(edge[i], edge[j]) == want);
        }
    for (i = 0; i < 100000; i++) {
        uint32_t p, q;
        x ^= x << 13, x ^= x >> 17, x ^= x << 5, p = x;
        x ^= x << 13, x ^= x >> 17, x ^= x << 5, q = x;
        if (mote_mul32(p, q) != (uint64_t)p * q || mul16(p, q) != (uint64_t)p * q) {
            CHECK(0);
            break;
        }
    }

    memset(a, 0x5A, sizeof a);
    memcpy(b, a, sizeof b);
    CHECK(mote_ct_memeq(a, b, sizeof a) == 1);
    CHECK(mote_ct_memeq(a, b, 0) == 1);
    for (i = 0; i < sizeof a; i++) {
        b[i] ^= 0x80;
        CHECK(mote_ct_memeq(a, b, sizeof a) == 0);
        b[i] ^= 0x81;
        CHECK(mote_ct_memeq(a, b, sizeof a) == 0);
        b[i] ^= 0x01;
    }
    CHECK(mote_ct_is_zero32(0) == 0xFFFFFFFFu);
    CHECK(mote_ct_is_zero32(1) == 0 && mote_ct_is_zero32(0x80000000u) == 0);

    mote_wipe(a, sizeof a);
    for (i = 0; i < sizeof a; i++)
        CHECK(a[i] == 0);

    CHECK(strcmp(mote_strerror(MOTE_ERR_AUTH), "authentication failed") == 0);
    CHECK(strcmp(mote_strerror(12345), "unknown error") == 0);
    return test_done("util");
}
