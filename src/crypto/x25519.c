/* X25519 (RFC 7748): the Montgomery ladder over f25519.c. */
#include "mote/x25519.h"

#if MOTE_ENABLE_X25519

#include <string.h>

#include "crypto/f25519.h"
#include "crypto/util.h"

/* The ladder state and scratch, kept in one struct so one wipe clears it. */
enum { X1, X2, Z2, X3, Z3, FA, FB, FC, FD };
typedef struct {
    mote_fe f[9]; /* x1, x2, z2, x3, z3 and the scratch A, B, C, D */
    uint8_t k[32];
} x25519_state;

#if defined(__OPTIMIZE_SIZE__)
/* Size-optimised builds run the ladder step as a program over the nine
 * field elements of the state (in their order there), 16 bits per
 * operation (op << 12 | d << 8 | a << 4 | b), two in a word. */
enum { F_ADD, F_SUB, F_MUL, F_SQR, F_MUL121665 };
#define FOP(op, d, a, b)                                                                           \
    ((uint32_t)(op) << 12 | (uint32_t)(d) << 8 | (uint32_t)(a) << 4 | (uint32_t)(b))
#define FOP2(x, y) ((x) | (y) << 16) /* 32-bit words: flash on the ESP8266 */
static const uint32_t ladder_step[] MOTE_FLASH = {
    FOP2(FOP(F_ADD, FA, X2, Z2), FOP(F_SUB, FB, X2, Z2)),      /* A = x2 + z2, B = x2 - z2 */
    FOP2(FOP(F_ADD, FC, X3, Z3), FOP(F_SUB, FD, X3, Z3)),      /* C = x3 + z3, D = x3 - z3 */
    FOP2(FOP(F_MUL, FD, FD, FA), FOP(F_MUL, FC, FC, FB)),      /* DA, CB */
    FOP2(FOP(F_ADD, X3, FD, FC), FOP(F_SUB, Z3, FD, FC)),      /* DA + CB, DA - CB */
    FOP2(FOP(F_SQR, X3, X3, 0), FOP(F_SQR, Z3, Z3, 0)),        /* x3 = (DA + CB)^2, (DA - CB)^2 */
    FOP2(FOP(F_MUL, Z3, Z3, X1), FOP(F_SQR, FA, FA, 0)),       /* z3 = x1 (DA - CB)^2; AA */
    FOP2(FOP(F_SQR, FB, FB, 0), FOP(F_MUL, X2, FA, FB)),       /* BB; x2 = AA BB */
    FOP2(FOP(F_SUB, FB, FA, FB), FOP(F_MUL121665, FC, FB, 0)), /* E = AA - BB; a24 E */
    FOP2(FOP(F_ADD, FC, FC, FA), FOP(F_MUL, Z2, FB, FC)),      /* z2 = E (AA + a24 E) */
};

static void run_step(x25519_state *s)
{
    mote_fe *f = s->f;
    unsigned i;
    for (i = 0; i < 2 * (sizeof ladder_step / sizeof ladder_step[0]); i++) {
        uint32_t w = ladder_step[i / 2] >> (16 * (i % 2));
        mote_fe_limb *d = f[(w >> 8) & 15], *a = f[(w >> 4) & 15], *b = f[w & 15];
        switch ((w >> 12) & 15) {
        case F_ADD:
            mote_fe_add(d, a, b);
            break;
        case F_SUB:
            mote_fe_sub(d, a, b);
            break;
        case F_MUL:
            mote_fe_mul(d, a, b);
            break;
        case F_SQR:
            mote_fe_sqr(d, a);
            break;
        default:
            mote_fe_mul_small(d, a, 121665);
        }
    }
}
#endif

/* u NULL: the base point, u = 9. pg (may be NULL): called every 32 ladder
 * steps (8 times). */
static void ladder(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32],
                   const mote_progress *pg)
{
    x25519_state s;
    uint32_t swap = 0, bit;
    int t;

    memcpy(s.k, scalar, 32);
    s.k[0] &= 248;
    s.k[31] = (uint8_t)((s.k[31] & 127) | 64);

    /* x1 = u, x2 = 1, z2 = 0, x3 = u, z3 = 1: small values are limb 0 */
    memset(s.f, 0, sizeof s.f);
    if (u)
        mote_fe_frombytes(s.f[X1], u); /* drops the top bit, as RFC 7748 says */
    else
        s.f[X1][0] = 9;
    s.f[X2][0] = 1;
    s.f[Z3][0] = 1;
    mote_fe_copy(s.f[X3], s.f[X1]);

    for (t = 254;; t--) { /* t = -1: bit 0, only the last swap back */
        bit = t >= 0 ? (uint32_t)(s.k[t >> 3] >> (t & 7)) & 1u : 0;
        swap ^= bit;
        mote_fe_cswap(s.f[X2], s.f[X3], swap);
        mote_fe_cswap(s.f[Z2], s.f[Z3], swap);
        swap = bit;
        if (t < 0) break;

#if defined(__OPTIMIZE_SIZE__)
        run_step(&s);
#else
        mote_fe_add(s.f[FA], s.f[X2], s.f[Z2]); /* A = x2 + z2 */
        mote_fe_sub(s.f[FB], s.f[X2], s.f[Z2]); /* B = x2 - z2 */
        mote_fe_add(s.f[FC], s.f[X3], s.f[Z3]); /* C = x3 + z3 */
        mote_fe_sub(s.f[FD], s.f[X3], s.f[Z3]); /* D = x3 - z3 */
        mote_fe_mul(s.f[FD], s.f[FD], s.f[FA]); /* DA */
        mote_fe_mul(s.f[FC], s.f[FC], s.f[FB]); /* CB */
        mote_fe_add(s.f[X3], s.f[FD], s.f[FC]); /* DA + CB */
        mote_fe_sub(s.f[Z3], s.f[FD], s.f[FC]); /* DA - CB */
        mote_fe_sqr(s.f[X3], s.f[X3]);          /* x3 = (DA + CB)^2 */
        mote_fe_sqr(s.f[Z3], s.f[Z3]);          /* (DA - CB)^2 */
        mote_fe_mul(s.f[Z3], s.f[Z3], s.f[X1]); /* z3 = x1 (DA - CB)^2 */
        mote_fe_sqr(s.f[FA], s.f[FA]);          /* AA */
        mote_fe_sqr(s.f[FB], s.f[FB]);          /* BB */
        mote_fe_mul(s.f[X2], s.f[FA], s.f[FB]); /* x2 = AA BB */
        mote_fe_sub(s.f[FB], s.f[FA], s.f[FB]); /* E = AA - BB */
        mote_fe_mul_small(s.f[FC], s.f[FB], 121665);
        mote_fe_add(s.f[FC], s.f[FC], s.f[FA]); /* AA + a24 E */
        mote_fe_mul(s.f[Z2], s.f[FB], s.f[FC]); /* z2 = E (AA + a24 E) */
#endif
        if (t % 32 == 0 && pg != NULL && pg->fn != NULL) pg->fn(pg->arg);
    }
    mote_fe_invert(s.f[Z2], s.f[Z2]);
    mote_fe_mul(s.f[X2], s.f[X2], s.f[Z2]);
    mote_fe_tobytes(out, s.f[X2]);
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
    ladder(pub, priv, NULL, pg);
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
