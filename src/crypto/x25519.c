/* X25519 (RFC 7748): the Montgomery ladder over f25519.c. */
#include "mote/x25519.h"

#if MOTE_ENABLE_X25519

#include "crypto/f25519.h"
#include "crypto/util.h"

/* The ladder state and scratch, kept in one struct so one wipe clears it. */
typedef struct {
    mote_fe x1, x2, z2, x3, z3, a, b, c, d;
    uint8_t k[32];
} x25519_state;

/* pg (may be NULL): called every 32 ladder steps (8 times). */
static void ladder(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32],
                   const mote_progress *pg)
{
    x25519_state s;
    uint32_t swap = 0, bit;
    int t;

    for (t = 0; t < 32; t++)
        s.k[t] = scalar[t];
    s.k[0] &= 248;
    s.k[31] = (uint8_t)((s.k[31] & 127) | 64);

    mote_fe_frombytes(s.x1, u); /* drops the top bit, as RFC 7748 says */
    mote_fe_set(s.x2, 1);
    mote_fe_set(s.z2, 0);
    mote_fe_copy(s.x3, s.x1);
    mote_fe_set(s.z3, 1);

    for (t = 254; t >= 0; t--) {
        bit = (uint32_t)(s.k[t >> 3] >> (t & 7)) & 1u;
        swap ^= bit;
        mote_fe_cswap(s.x2, s.x3, swap);
        mote_fe_cswap(s.z2, s.z3, swap);
        swap = bit;

        mote_fe_add(s.a, s.x2, s.z2);  /* A = x2 + z2 */
        mote_fe_sub(s.b, s.x2, s.z2);  /* B = x2 - z2 */
        mote_fe_add(s.c, s.x3, s.z3);  /* C = x3 + z3 */
        mote_fe_sub(s.d, s.x3, s.z3);  /* D = x3 - z3 */
        mote_fe_mul(s.d, s.d, s.a);    /* DA */
        mote_fe_mul(s.c, s.c, s.b);    /* CB */
        mote_fe_add(s.x3, s.d, s.c);   /* DA + CB */
        mote_fe_sub(s.z3, s.d, s.c);   /* DA - CB */
        mote_fe_sqr(s.x3, s.x3);       /* x3 = (DA + CB)^2 */
        mote_fe_sqr(s.z3, s.z3);       /* (DA - CB)^2 */
        mote_fe_mul(s.z3, s.z3, s.x1); /* z3 = x1 (DA - CB)^2 */
        mote_fe_sqr(s.a, s.a);         /* AA */
        mote_fe_sqr(s.b, s.b);         /* BB */
        mote_fe_mul(s.x2, s.a, s.b);   /* x2 = AA BB */
        mote_fe_sub(s.b, s.a, s.b);    /* E = AA - BB */
        mote_fe_mul_small(s.c, s.b, 121665);
        mote_fe_add(s.c, s.c, s.a);  /* AA + a24 E */
        mote_fe_mul(s.z2, s.b, s.c); /* z2 = E (AA + a24 E) */
        if (t % 32 == 0 && pg != NULL && pg->fn != NULL) pg->fn(pg->arg);
    }
    mote_fe_cswap(s.x2, s.x3, swap);
    mote_fe_cswap(s.z2, s.z3, swap);

    mote_fe_invert(s.z2, s.z2);
    mote_fe_mul(s.x2, s.x2, s.z2);
    mote_fe_tobytes(out, s.x2);
    mote_wipe(&s, sizeof s);
}

int mote_x25519_shared(uint8_t secret[MOTE_X25519_LEN], const uint8_t priv[MOTE_X25519_LEN],
                       const uint8_t peer[MOTE_X25519_LEN])
{
    return mote_x25519_shared_p(secret, priv, peer, NULL);
}

int mote_x25519_shared_p(uint8_t secret[MOTE_X25519_LEN], const uint8_t priv[MOTE_X25519_LEN],
                         const uint8_t peer[MOTE_X25519_LEN], const mote_progress *pg)
{
    uint32_t acc = 0;
    int i;
    ladder(secret, priv, peer, pg);
    for (i = 0; i < MOTE_X25519_LEN; i++)
        acc |= secret[i];
    /* No branch on the secret: the caller learns only the verdict. */
    return MOTE_ERR_ZERO_SECRET * (int)(mote_ct_is_zero32(acc) & 1u);
}

static int x25519_public(uint8_t pub[MOTE_X25519_LEN], const uint8_t priv[MOTE_X25519_LEN],
                         const mote_progress *pg)
{
    static const uint8_t nine[32] = {9};
    ladder(pub, priv, nine, pg);
    return MOTE_OK;
}

int mote_x25519_public(uint8_t pub[MOTE_X25519_LEN], const uint8_t priv[MOTE_X25519_LEN])
{
    return x25519_public(pub, priv, NULL);
}

int mote_x25519_keygen(uint8_t priv[MOTE_X25519_LEN], uint8_t pub[MOTE_X25519_LEN],
                       mote_drbg_ctx *rng)
{
    return mote_x25519_keygen_p(priv, pub, rng, NULL);
}

int mote_x25519_keygen_p(uint8_t priv[MOTE_X25519_LEN], uint8_t pub[MOTE_X25519_LEN],
                         mote_drbg_ctx *rng, const mote_progress *pg)
{
    int err = mote_drbg_generate(rng, priv, MOTE_X25519_LEN);
    if (err != MOTE_OK) {
        mote_wipe(priv, MOTE_X25519_LEN);
        mote_wipe(pub, MOTE_X25519_LEN);
        return err;
    }
    return x25519_public(pub, priv, pg);
}

#endif
