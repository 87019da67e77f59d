/* ffdhe2048 (RFC 7919) on the shared Montgomery core: 2^x by squarings and
 * masked modular doublings, y^x by the fixed-window exponentiation. */
#include "mote/ffdhe.h"

#include "mote/config.h"

#if MOTE_ENABLE_FFDHE

#include <string.h>

#include "crypto/bigint.h"
#include "crypto/util.h"

#define N 64 /* limbs */

/* Exponent window for y^x: the table and scratch take (2^w + 2) 256-byte
 * numbers of stack. 2 bits: 386 multiplications for a 256-bit exponent; 3 bits: 348 but
 * 1 KiB more stack. */
#ifndef MOTE_FFDHE_WINDOW
#define MOTE_FFDHE_WINDOW 2
#endif

/* p = 2^2048 - 2^1984 + (floor(2^1918 e) + 560316) 2^64 - 1, little-endian
 * 32-bit limbs. p = 2^64 k - 1, so -p^-1 mod 2^32 = 1. */
static const uint32_t ffdhe2048_p[N] MOTE_FLASH = {
    0xffffffff, 0xffffffff, 0x61285c97, 0x886b4238, 0xc1b2effa, 0xc6f34a26, 0x7d1683b2, 0xc58ef183,
    0x2ec22005, 0x3bb5fcbc, 0x4c6fad73, 0xc3fe3b1b, 0xeef28183, 0x8e4f1232, 0xe98583ff, 0x9172fe9c,
    0x28342f61, 0xc03404cd, 0xcdf7e2ec, 0x9e02fce1, 0xee0a6d70, 0x0b07a7c8, 0x6372bb19, 0xae56ede7,
    0xde394df4, 0x1d4f42a3, 0x60d7f468, 0xb96adab7, 0xb2c8e3fb, 0xd108a94b, 0xb324fb61, 0xbc0ab182,
    0x483a797a, 0x30acca4f, 0x36ade735, 0x1df158a1, 0xf3efe872, 0xe2a689da, 0xe0e68b77, 0x984f0c70,
    0x7f57c935, 0xb557135e, 0x3ded1af3, 0x85636555, 0x5f066ed0, 0x2433f51f, 0xd5fd6561, 0xd3df1ed5,
    0xaec4617a, 0xf681b202, 0x630c75d8, 0x7d2fe363, 0x249b3ef9, 0xcc939dce, 0x146433fb, 0xa9e13641,
    0xce2d3695, 0xd8b9c583, 0x273d3cf1, 0xafdc5620, 0xa2bb4a9a, 0xadf85458, 0xffffffff, 0xffffffff};
#define P   ffdhe2048_p
#define M0I 1u

/* out = a / R mod p as 256 big-endian bytes (leaves the Montgomery domain);
 * t: two numbers of scratch. */
static void to_bytes(uint8_t *out, const uint32_t *a, uint32_t *t)
{
    memset(t, 0, N * 4);
    t[0] = 1;
    mote_bn_montmul_sep(t + N, a, t, P, M0I, N);
    mote_bn_to_be(out, MOTE_FFDHE2048_LEN, t + N, N);
}

static void ffdhe_public(const uint8_t priv[MOTE_FFDHE2048_PRIV_LEN],
                         uint8_t pub[MOTE_FFDHE2048_LEN], const mote_progress *pg)
{
    uint32_t acc[N], t[2 * N], x[8];
    int i;
    mote_bn_from_be(x, 8, priv, MOTE_FFDHE2048_PRIV_LEN);
    mote_bn_rmod(acc, P, N); /* 1 in the Montgomery domain */
    /* left to right: square, then double (a cheap modular addition, since
     * g = 2) and keep the double only where the exponent bit is 1 */
    for (i = 255; i >= 0; i--) {
        mote_bn_montsqr(acc, acc, P, M0I, N, t);
        mote_bn_modadd(t, acc, acc, P, N);
        mote_bn_cmov(acc, t, (x[i / 32] >> (i % 32)) & 1u, N);
        if (i % 16 == 0) mote_progress_tick(pg);
    }
    to_bytes(pub, acc, t);
    mote_wipe(x, sizeof x);
    mote_wipe(acc, sizeof acc);
    mote_wipe(t, sizeof t);
}

void mote_ffdhe2048_prime(uint8_t p[MOTE_FFDHE2048_LEN])
{
    mote_bn_to_be(p, MOTE_FFDHE2048_LEN, P, N);
}

void mote_ffdhe2048_public(const uint8_t priv[MOTE_FFDHE2048_PRIV_LEN],
                           uint8_t pub[MOTE_FFDHE2048_LEN])
{
    ffdhe_public(priv, pub, NULL);
}

int mote_ffdhe2048_keygen(uint8_t priv[MOTE_FFDHE2048_PRIV_LEN], uint8_t pub[MOTE_FFDHE2048_LEN],
                          mote_drbg_ctx *rng)
{
    return mote_ffdhe2048_keygen_p(priv, pub, rng, NULL);
}

int mote_ffdhe2048_keygen_p(uint8_t priv[MOTE_FFDHE2048_PRIV_LEN], uint8_t pub[MOTE_FFDHE2048_LEN],
                            mote_drbg_ctx *rng, const mote_progress *pg)
{
    int r = mote_drbg_generate(rng, priv, MOTE_FFDHE2048_PRIV_LEN);
    if (r) {
        mote_wipe(priv, MOTE_FFDHE2048_PRIV_LEN);
        memset(pub, 0, MOTE_FFDHE2048_LEN);
        return r;
    }
    priv[0] |= 0x80;
    ffdhe_public(priv, pub, pg);
    return MOTE_OK;
}

int mote_ffdhe2048_shared(const uint8_t priv[MOTE_FFDHE2048_PRIV_LEN], const uint8_t *peer,
                          size_t peer_len, uint8_t secret[MOTE_FFDHE2048_LEN])
{
    return mote_ffdhe2048_shared_p(priv, peer, peer_len, secret, NULL);
}

int mote_ffdhe2048_shared_p(const uint8_t priv[MOTE_FFDHE2048_PRIV_LEN], const uint8_t *peer,
                            size_t peer_len, uint8_t secret[MOTE_FFDHE2048_LEN],
                            const mote_progress *pg)
{
    uint32_t acc[N], x[8], tab[((1u << MOTE_FFDHE_WINDOW) + 2) * N];
    uint32_t *y = tab + 2 * N; /* the peer value, until the table is built */
    memset(secret, 0, MOTE_FFDHE2048_LEN);
    if (peer_len == 0 || peer_len > MOTE_FFDHE2048_LEN) return MOTE_ERR_BAD_INPUT;
    /* 1 < y < p - 1 (the peer value is public: branches are fine) */
    mote_bn_from_be(y, N, peer, peer_len);
    memcpy(acc, P, sizeof acc);
    acc[0] = 0xfffffffeu; /* p - 1 */
    if ((mote_bn_is_zero(y + 1, N - 1) && y[0] <= 1) || !mote_bn_lt(y, acc, N))
        return MOTE_ERR_BAD_KEY;
    mote_bn_r2_t(acc, P, N, tab + 3 * N);
    mote_bn_montmul_sep(tab + N, y, acc, P, M0I, N); /* y R, in the table's slot for y^1 */
    mote_bn_from_be(x, 8, priv, MOTE_FFDHE2048_PRIV_LEN);
    mote_bn_modexp(acc, tab + N, x, 256, P, M0I, N, tab, MOTE_FFDHE_WINDOW, pg);
    to_bytes(secret, acc, tab);
    mote_wipe(x, sizeof x);
    mote_wipe(acc, sizeof acc);
    mote_wipe(tab, sizeof tab);
    return MOTE_OK;
}

#endif
