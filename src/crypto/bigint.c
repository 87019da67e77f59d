/* The modular-arithmetic core shared by elliptic curves, RSA and FFDHE.
 * See bigint.h. All loops run over every limb: time depends on n only. */
#include "crypto/bigint.h"

#include "crypto/mul.h"

#if MOTE_ENABLE_RSA || MOTE_ENABLE_P256 || MOTE_ENABLE_P384 || MOTE_ENABLE_FFDHE || MOTE_ENABLE_ED25519

uint32_t mote_bn_add(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n)
{
    uint64_t c = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        c += (uint64_t)a[i] + b[i];
        r[i] = (uint32_t)c;
        c >>= 32;
    }
    return (uint32_t)c;
}

uint32_t mote_bn_sub(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n)
{
    uint64_t d = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        d = (uint64_t)a[i] - b[i] - (uint32_t)(d >> 63);
        r[i] = (uint32_t)d;
    }
    return (uint32_t)(d >> 63);
}

void mote_bn_cmov(uint32_t *r, const uint32_t *a, uint32_t ctl, size_t n)
{
    uint32_t mask = 0u - ctl;
    size_t i;
    for (i = 0; i < n; i++)
        r[i] ^= mask & (r[i] ^ a[i]);
}

uint32_t mote_bn_lt(const uint32_t *a, const uint32_t *b, size_t n)
{
    uint64_t d = 0;
    size_t i;
    for (i = 0; i < n; i++)
        d = (uint64_t)a[i] - b[i] - (uint32_t)(d >> 63);
    return (uint32_t)(d >> 63);
}

uint32_t mote_bn_is_zero(const uint32_t *a, size_t n)
{
    uint32_t acc = 0;
    size_t i;
    for (i = 0; i < n; i++)
        acc |= a[i];
    return (uint32_t)(((uint64_t)acc - 1) >> 63);
}

uint32_t mote_bn_from_be(uint32_t *r, size_t n, const uint8_t *in, size_t len)
{
    uint32_t extra = 0;
    size_t i;
    for (i = 0; i < n; i++)
        r[i] = 0;
    for (i = 0; i < len; i++) {
        size_t k = len - 1 - i; /* byte k counts from the least significant end */
        if (k / 4 < n)
            r[k / 4] |= (uint32_t)in[i] << (8 * (k % 4));
        else
            extra |= in[i];
    }
    return extra == 0;
}

void mote_bn_to_be(uint8_t *out, size_t len, const uint32_t *a, size_t n)
{
    size_t i;
    for (i = 0; i < len; i++) {
        size_t k = len - 1 - i;
        out[i] = k / 4 < n ? (uint8_t)(a[k / 4] >> (8 * (k % 4))) : 0;
    }
}

uint32_t mote_bn_m0inv(uint32_t m0)
{
    /* Newton: each step doubles the correct low bits of y = m0^-1. */
    uint32_t y = m0; /* correct to 3 bits for odd m0 */
    int i;
    for (i = 0; i < 4; i++)
        y *= 2u - m0 * y;
    return 0u - y;
}

void mote_bn_montmul(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m,
                     uint32_t m0i, size_t n)
{
    /* CIOS: t accumulates a * b[i] and one reduction step per limb. */
    uint32_t t[MOTE_BN_MAX_LIMBS + 2];
    size_t i, j;
    for (i = 0; i < n + 2; i++)
        t[i] = 0;
    for (i = 0; i < n; i++) {
        uint64_t c = 0;
        uint32_t q;
        for (j = 0; j < n; j++) {
            c += mote_mul32(a[j], b[i]) + t[j];
            t[j] = (uint32_t)c;
            c >>= 32;
        }
        c += t[n];
        t[n] = (uint32_t)c;
        t[n + 1] = (uint32_t)(c >> 32);

        q = t[0] * m0i;
        c = mote_mul32(q, m[0]) + t[0];
        c >>= 32;
        for (j = 1; j < n; j++) {
            c += mote_mul32(q, m[j]) + t[j];
            t[j - 1] = (uint32_t)c;
            c >>= 32;
        }
        c += t[n];
        t[n - 1] = (uint32_t)c;
        t[n] = t[n + 1] + (uint32_t)(c >> 32);
    }
    /* t < 2m: subtract m once if t >= m (t[n] is the extra top bit). */
    {
        uint32_t borrow = mote_bn_sub(r, t, m, n);
        mote_bn_cmov(r, t, borrow & (t[n] ^ 1u), n);
    }
}

void mote_bn_modadd(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m, size_t n)
{
    uint32_t t[MOTE_BN_MAX_LIMBS];
    uint32_t carry = mote_bn_add(r, a, b, n);
    uint32_t borrow = mote_bn_sub(t, r, m, n);
    /* keep r - m unless the sum was below m (borrow without carry) */
    mote_bn_cmov(r, t, carry | (borrow ^ 1u), n);
}

void mote_bn_modsub(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m, size_t n)
{
    uint32_t t[MOTE_BN_MAX_LIMBS];
    uint32_t borrow = mote_bn_sub(r, a, b, n);
    mote_bn_add(t, r, m, n);
    mote_bn_cmov(r, t, borrow, n);
}

void mote_bn_r2(uint32_t *rr, const uint32_t *m, size_t n)
{
    /* Start from 1 and double 64n times mod m: 2^(64 n) = R^2 mod m. */
    size_t i;
    for (i = 0; i < n; i++)
        rr[i] = 0;
    rr[0] = 1;
    for (i = 0; i < 64 * n; i++)
        mote_bn_modadd(rr, rr, rr, m, n);
}

#endif
