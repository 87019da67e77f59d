/* Ed25519 (RFC 8032) over f25519.c, with scalars mod L on bigint.c.
 *
 * Points are in extended twisted Edwards coordinates (X:Y:Z:T), x = X/Z,
 * y = Y/Z, xy = T/Z, with the a = -1 formulas of Hisil-Wong-Carter-Dawson
 * (unified addition: 9 multiplications; doubling: 4 squarings and 3 or 4
 * multiplications). A point to be added is kept "cached" as
 * (Y+X, Y-X, Z, 2dT).
 *
 * - [s]B for signing and key generation, constant time: signed radix-16
 *   digits of s (-8..8), a table of 1B..8B built on the stack, each digit's
 *   entry picked by reading all eight under masks and negated under a mask.
 * - [S]B - [k]A for verification, variable time (public data): width-4
 *   NAF digits (odd, -7..7) of both scalars at once over tables of 1, 3, 5,
 *   7 times B and A, k's digits negated.
 * - Scalars mod L with the generic Montgomery core (bigint.h, n = 8 limbs):
 *   mote_bn_mod_wide reduces a 512-bit hash straight into Montgomery form,
 *   montmul by 1 leaves it. Reusing it costs no flash; a Barrett reduction of
 *   our own would add code. */
#include "mote/ed25519.h"

#if MOTE_ENABLE_ED25519

#include <string.h>

#include "crypto/bigint.h"
#include "crypto/f25519.h"
#include "crypto/util.h"

typedef struct {
    mote_fe x, y, z, t;
} ge;

typedef struct {
    mote_fe ypx, ymx, z, t2d;
} ge_cached;

/* d = -121665/121666, sqrt(-1) = 2^((p-1)/4), the base point B; limbs in
 * the radix of f25519.c (13 bits with MOTE_FE_R13, 51 with MOTE_FE_R51; else
 * 26, 25, 26, ...). */
#if MOTE_FE_R13
static const mote_fe ed_d = {0x18a3, 0x1acb, 0x1284, 0x169b, 0x175e, 0x0c55, 0x0507,
                             0x09a8, 0x100a, 0x0003, 0x1a26, 0x0ef3, 0x0797, 0x03a0,
                             0x0e33, 0x1fce, 0x0b6f, 0x0771, 0x00db, 0x00a4};
static const mote_fe ed_sqrtm1 = {0x00b0, 0x1075, 0x09d2, 0x1c36, 0x0c4e, 0x123c, 0x14bf,
                                  0x00d5, 0x0318, 0x197a, 0x15e9, 0x1bf7, 0x0993, 0x0680,
                                  0x0cad, 0x1be1, 0x0fc1, 0x0402, 0x00c9, 0x0057};
static const mote_fe ed_bx = {0x151a, 0x192e, 0x1823, 0x0c5a, 0x0c95, 0x13d9, 0x1496,
                              0x0c12, 0x0cc7, 0x0349, 0x1717, 0x1bad, 0x031f, 0x1271,
                              0x1b02, 0x0a7f, 0x0d6e, 0x169e, 0x1a4d, 0x0042};
static const mote_fe ed_by = {0x0658, 0x1333, 0x1999, 0x0ccc, 0x0666, 0x1333, 0x1999,
                              0x0ccc, 0x0666, 0x1333, 0x1999, 0x0ccc, 0x0666, 0x1333,
                              0x1999, 0x0ccc, 0x0666, 0x1333, 0x1999, 0x00cc};
#elif MOTE_FE_R51
static const mote_fe ed_d = {0x34dca135978a3, 0x1a8283b156ebd, 0x5e7a26001c029, 0x739c663a03cbb,
                             0x52036cee2b6ff};
static const mote_fe ed_sqrtm1 = {0x61b274a0ea0b0, 0x0d5a5fc8f189d, 0x7ef5e9cbd0c60,
                                  0x78595a6804c9e, 0x2b8324804fc1d};
static const mote_fe ed_bx = {0x62d608f25d51a, 0x412a4b4f6592a, 0x75b7171a4b31d, 0x1ff60527118fe,
                              0x216936d3cd6e5};
static const mote_fe ed_by = {0x6666666666658, 0x4cccccccccccc, 0x1999999999999, 0x3333333333333,
                              0x6666666666666};
#else
static const mote_fe ed_d = {0x35978a3, 0x0d37284, 0x3156ebd, 0x06a0a0e, 0x001c029,
                             0x179e898, 0x3a03cbb, 0x1ce7198, 0x2e2b6ff, 0x1480db3};
static const mote_fe ed_sqrtm1 = {0x20ea0b0, 0x186c9d2, 0x08f189d, 0x035697f, 0x0bd0c60,
                                  0x1fbd7a7, 0x2804c9e, 0x1e16569, 0x004fc1d, 0x0ae0c92};
static const mote_fe ed_bx = {0x325d51a, 0x18b5823, 0x0f6592a, 0x104a92d, 0x1a4b31d,
                              0x1d6dc5c, 0x27118fe, 0x07fd814, 0x13cd6e5, 0x085a4db};
static const mote_fe ed_by = {0x2666658, 0x1999999, 0x0cccccc, 0x1333333, 0x1999999,
                              0x0666666, 0x3333333, 0x0cccccc, 0x2666666, 0x1999999};
#endif
/* L = 2^252 + 27742317777372353535851937790883648493, little-endian limbs */
static const uint32_t ed_l[8] = {0x5cf5d3ed, 0x5812631a, 0xa2f79cd6, 0x14def9de,
                                 0x00000000, 0x00000000, 0x00000000, 0x10000000};

/* ---- points ---- */

static void ge_identity(ge *p)
{
    mote_fe_set(p->x, 0);
    mote_fe_set(p->y, 1);
    mote_fe_set(p->z, 1);
    mote_fe_set(p->t, 0);
}

static void ge_base(ge *p)
{
    mote_fe_copy(p->x, ed_bx);
    mote_fe_copy(p->y, ed_by);
    mote_fe_set(p->z, 1);
    mote_fe_mul(p->t, ed_bx, ed_by);
}

static void ge_to_cached(ge_cached *c, const ge *p)
{
    mote_fe d2;
    mote_fe_add(d2, ed_d, ed_d);
    mote_fe_add(c->ypx, p->y, p->x);
    mote_fe_sub(c->ymx, p->y, p->x);
    mote_fe_copy(c->z, p->z);
    mote_fe_mul(c->t2d, p->t, d2);
}

/* r = p + q, or p - q when neg (neg is public). r may alias p. */
static void ge_add(ge *r, const ge *p, const ge_cached *q, int neg)
{
    mote_fe a, b, c, d, e, f, g, h;
    mote_fe_sub(a, p->y, p->x);
    mote_fe_mul(a, a, neg ? q->ypx : q->ymx); /* -q swaps Y+X and Y-X... */
    mote_fe_add(b, p->y, p->x);
    mote_fe_mul(b, b, neg ? q->ymx : q->ypx);
    mote_fe_mul(c, p->t, q->t2d); /* ...and negates T */
    mote_fe_mul(d, p->z, q->z);
    mote_fe_add(d, d, d);
    mote_fe_sub(e, b, a);
    mote_fe_add(h, b, a);
    if (neg) {
        mote_fe_add(f, d, c);
        mote_fe_sub(g, d, c);
    } else {
        mote_fe_sub(f, d, c);
        mote_fe_add(g, d, c);
    }
    mote_fe_mul(r->x, e, f);
    mote_fe_mul(r->y, g, h);
    mote_fe_mul(r->t, e, h);
    mote_fe_mul(r->z, f, g);
}

/* r = 2p; T only when with_t (a doubling followed by another doubling does
 * not need it). The signs of E, F, G, H are all flipped from the usual
 * statement, which leaves every product unchanged. r may alias p. */
static void ge_dbl(ge *r, const ge *p, int with_t)
{
    mote_fe a, b, c, e, f, g, h;
    mote_fe_sqr(a, p->x);
    mote_fe_sqr(b, p->y);
    mote_fe_sqr(c, p->z);
    mote_fe_add(c, c, c); /* C = 2 Z^2 */
    mote_fe_add(h, a, b); /* -H = A + B */
    mote_fe_add(e, p->x, p->y);
    mote_fe_sqr(e, e);
    mote_fe_sub(e, h, e); /* -E = A + B - (X + Y)^2 */
    mote_fe_sub(g, a, b); /* -G = A - B */
    mote_fe_add(f, c, g); /* -F = C - G */
    mote_fe_mul(r->x, e, f);
    mote_fe_mul(r->y, g, h);
    mote_fe_mul(r->z, f, g);
    if (with_t) mote_fe_mul(r->t, e, h);
}

static void ge_encode(uint8_t out[32], const ge *p)
{
    mote_fe zi, x, y;
    mote_fe_invert(zi, p->z);
    mote_fe_mul(x, p->x, zi);
    mote_fe_mul(y, p->y, zi);
    mote_fe_tobytes(out, y);
    out[31] = (uint8_t)(out[31] | mote_fe_isneg(x) << 7);
}

/* RFC 8032 section 5.1.3, strictly: y must be canonical (y < p), x must
 * exist, and x = 0 must not come with the sign bit. Returns 0 or -1.
 * Public data only (variable time). */
static int ge_decode(ge *p, const uint8_t in[32])
{
    mote_fe u, v, v3, vxx, chk;
    uint8_t buf[32];
    uint32_t x0 = (uint32_t)in[31] >> 7;

    mote_fe_frombytes(p->y, in);
    mote_fe_tobytes(buf, p->y);
    buf[31] = (uint8_t)(buf[31] | x0 << 7);
    if (memcmp(buf, in, 32) != 0) return -1; /* y >= p */
    mote_fe_set(p->z, 1);
    mote_fe_sqr(u, p->y);
    mote_fe_mul(v, u, ed_d);
    mote_fe_sub(u, u, p->z); /* u = y^2 - 1 */
    mote_fe_add(v, v, p->z); /* v = d y^2 + 1 */
    mote_fe_sqr(v3, v);
    mote_fe_mul(v3, v3, v); /* v^3 */
    mote_fe_sqr(p->x, v3);
    mote_fe_mul(p->x, p->x, v);
    mote_fe_mul(p->x, p->x, u); /* u v^7 */
    mote_fe_pow22523(p->x, p->x);
    mote_fe_mul(p->x, p->x, v3);
    mote_fe_mul(p->x, p->x, u); /* x = u v^3 (u v^7)^((p-5)/8) */
    mote_fe_sqr(vxx, p->x);
    mote_fe_mul(vxx, vxx, v);
    mote_fe_sub(chk, vxx, u);
    if (!mote_fe_iszero(chk)) {
        mote_fe_add(chk, vxx, u);
        if (!mote_fe_iszero(chk)) return -1; /* u/v is not a square: no such point */
        mote_fe_mul(p->x, p->x, ed_sqrtm1);
    }
    if (mote_fe_iszero(p->x) && x0) return -1;
    if (mote_fe_isneg(p->x) != x0) mote_fe_neg(p->x, p->x);
    mote_fe_mul(p->t, p->x, p->y);
    return 0;
}

/* ---- [s]B, constant time ---- */

/* e = s in signed radix 16: s = sum e[i] 16^i, -8 <= e[i] <= 8, for any
 * s < 2^255. Arithmetic only, no branch. */
static void sc_recode16(int8_t e[64], const uint8_t s[32])
{
    int i, carry = 0;
    for (i = 0; i < 32; i++) {
        e[2 * i] = (int8_t)(s[i] & 15);
        e[2 * i + 1] = (int8_t)(s[i] >> 4);
    }
    for (i = 0; i < 63; i++) {
        int v = e[i] + carry; /* 0..16 */
        carry = (v + 8) >> 4;
        e[i] = (int8_t)(v - carry * 16);
    }
    e[63] = (int8_t)(e[63] + carry);
}

/* out = digit * B from table[j] = (j + 1) B (identity for 0), reading
 * every entry under masks and negating under a mask. */
static void ge_select(ge_cached *out, const ge_cached table[8], int8_t digit)
{
    uint32_t u = (uint32_t)(int32_t)digit;
    uint32_t neg = u >> 31;
    uint32_t abs = (u ^ (0u - neg)) + neg;
    mote_fe t;
    int j;
    mote_fe_set(out->ypx, 1);
    mote_fe_set(out->ymx, 1);
    mote_fe_set(out->z, 1);
    mote_fe_set(out->t2d, 0);
    for (j = 0; j < 8; j++) {
        uint32_t eq = mote_ct_is_zero32(abs ^ (uint32_t)(j + 1)) & 1u;
        mote_fe_cmov(out->ypx, table[j].ypx, eq);
        mote_fe_cmov(out->ymx, table[j].ymx, eq);
        mote_fe_cmov(out->z, table[j].z, eq);
        mote_fe_cmov(out->t2d, table[j].t2d, eq);
    }
    mote_fe_cswap(out->ypx, out->ymx, neg);
    mote_fe_neg(t, out->t2d);
    mote_fe_cmov(out->t2d, t, neg);
}

typedef struct {
    ge_cached table[8], sel;
    ge p;
    int8_t e[64];
} base_state;

/* out = encoding of [s]B, s < 2^255 (secret). */
static void ge_scalarmult_base(uint8_t out[32], const uint8_t s[32])
{
    base_state st;
    ge r;
    int i;
    ge_base(&st.p);
    ge_to_cached(&st.table[0], &st.p);
    for (i = 1; i < 8; i++) {
        ge_add(&st.p, &st.p, &st.table[0], 0);
        ge_to_cached(&st.table[i], &st.p);
    }
    sc_recode16(st.e, s);
    ge_identity(&r);
    for (i = 63; i >= 0; i--) {
        if (i != 63) {
            ge_dbl(&r, &r, 0);
            ge_dbl(&r, &r, 0);
            ge_dbl(&r, &r, 0);
            ge_dbl(&r, &r, 1);
        }
        ge_select(&st.sel, st.table, st.e[i]);
        ge_add(&r, &r, &st.sel, 0);
    }
    ge_encode(out, &r);
    mote_wipe(&st, sizeof st);
    mote_wipe(&r, sizeof r);
}

/* ---- [a]A + [b]B, variable time ---- */

/* r = s in width-4 NAF: odd digits in -7..7 or 0, each nonzero digit
 * followed by at least three zeros, s = sum r[i] 2^i. Each step reads four
 * bits plus the carry v (odd): v >= 8 becomes v - 16 and a carry. s < 2^253,
 * so the last carry lands inside the 256 digits. */
static void sc_slide(int8_t r[256], const uint8_t s[32])
{
    unsigned i = 0, v, carry = 0;
    memset(r, 0, 256);
    while (i < 256) {
        v = s[i >> 3] | (i < 248 ? (unsigned)s[(i >> 3) + 1] << 8 : 0u);
        v = (v >> (i & 7)) & 15;
        if ((v & 1) == carry) {
            i++;
            continue;
        }
        v += carry;
        carry = v >> 3;
        r[i] = (int8_t)((int)v - (int)(carry << 4));
        i += 4;
    }
}

/* t[i] = (2i + 1) p, for p the base point when p is NULL */
static void ge_odd_multiples(ge_cached t[4], const ge *p)
{
    ge q;
    ge_cached c2;
    int i;
    if (p)
        q = *p;
    else
        ge_base(&q);
    ge_to_cached(&t[0], &q);
    ge_dbl(&q, &q, 1);
    ge_to_cached(&c2, &q);    /* 2p */
    ge_add(&q, &q, &t[0], 0); /* 3p */
    ge_to_cached(&t[1], &q);
    for (i = 2; i < 4; i++) {
        ge_add(&q, &q, &c2, 0);
        ge_to_cached(&t[i], &q);
    }
}

static void ge_add_digit(ge *r, const ge_cached t[4], int8_t d)
{
    if (d > 0)
        ge_add(r, r, &t[d / 2], 0);
    else if (d < 0)
        ge_add(r, r, &t[-d / 2], 1);
}

typedef struct {
    int8_t as[256], bs[256];
    ge_cached ta[4], tb[4];
} dsm_state;

/* r = [b]B - [a]A for a, b < 2^253 (a's digits taken negated). */
/* pg (may be NULL): called every 32 bits. */
static void ge_double_scalarmult(ge *r, const uint8_t a[32], const ge *A, const uint8_t b[32],
                                 const mote_progress *pg)
{
    dsm_state st;
    int i;
    sc_slide(st.as, a);
    sc_slide(st.bs, b);
    ge_odd_multiples(st.ta, A);
    ge_odd_multiples(st.tb, NULL);
    ge_identity(r);
    for (i = 255; i >= 0 && !st.as[i] && !st.bs[i]; i--)
        ;
    for (; i >= 0; i--) {
        ge_dbl(r, r, st.as[i] || st.bs[i]);
        ge_add_digit(r, st.ta, (int8_t)-st.as[i]);
        ge_add_digit(r, st.tb, st.bs[i]);
        if (i % 32 == 0 && pg != NULL && pg->fn != NULL) pg->fn(pg->arg);
    }
}

/* ---- scalars mod L ---- */

/* r = x R mod L (Montgomery form) for x of n32 little-endian 32-bit words,
 * n32 <= 16, given as 4 n32 bytes. */
static void sc_mont(uint32_t r[8], const uint8_t *x, size_t n32, uint32_t m0i)
{
    uint32_t w[16], rr[8], t[8];
    size_t i;
    for (i = 0; i < n32; i++)
        w[i] = mote_load_le32(x + 4 * i);
    mote_bn_r2(rr, ed_l, 8);
    mote_bn_mod_wide(r, w, n32, ed_l, m0i, rr, t, 8);
    mote_wipe(w, sizeof w);
    mote_wipe(t, sizeof t);
}

/* out = the 32 little-endian bytes of a / R mod L (leave Montgomery form). */
static void sc_out(uint8_t out[32], const uint32_t a[8], uint32_t m0i)
{
    static const uint32_t one[8] = {1};
    uint32_t t[8];
    int i;
    mote_bn_montmul(t, a, one, ed_l, m0i, 8);
    for (i = 0; i < 8; i++)
        mote_store_le32(out + 4 * i, t[i]);
    mote_wipe(t, sizeof t);
}

/* ---- keys and signatures ---- */

/* h = SHA-512(seed); its first half, clamped, is the secret scalar. */
static void ed_expand(uint8_t h[64], const uint8_t seed[32])
{
    mote_sha512(seed, 32, h);
    h[0] &= 248;
    h[31] = (uint8_t)((h[31] & 127) | 64);
}

int mote_ed25519_public(uint8_t pub[MOTE_ED25519_PUBLIC_LEN],
                        const uint8_t seed[MOTE_ED25519_SEED_LEN])
{
    uint8_t h[64];
    if (!pub || !seed) return MOTE_ERR_BAD_INPUT;
    ed_expand(h, seed);
    ge_scalarmult_base(pub, h);
    mote_wipe(h, sizeof h);
    return MOTE_OK;
}

int mote_ed25519_keygen(uint8_t seed[MOTE_ED25519_SEED_LEN], uint8_t pub[MOTE_ED25519_PUBLIC_LEN],
                        mote_drbg_ctx *rng)
{
    int err;
    if (!seed || !pub || !rng) return MOTE_ERR_BAD_INPUT;
    err = mote_drbg_generate(rng, seed, MOTE_ED25519_SEED_LEN);
    if (err != MOTE_OK) {
        mote_wipe(seed, MOTE_ED25519_SEED_LEN);
        mote_wipe(pub, MOTE_ED25519_PUBLIC_LEN);
        return err;
    }
    return mote_ed25519_public(pub, seed);
}

typedef struct {
    mote_sha512_ctx hc;
    uint8_t h[64];   /* expanded seed: scalar s, then the nonce prefix */
    uint8_t dig[64]; /* SHA-512 outputs */
    uint8_t r[32];   /* the nonce r mod L */
    uint8_t pub[32];
    uint32_t rm[8], km[8], sm[8]; /* r, k, s in Montgomery form */
} sign_state;

int mote_ed25519_sign(uint8_t sig[MOTE_ED25519_SIG_LEN], const uint8_t seed[MOTE_ED25519_SEED_LEN],
                      const void *msg, size_t len)
{
    sign_state st;
    uint32_t m0i = mote_bn_m0inv(ed_l[0]);
    if (!sig || !seed || (!msg && len)) return MOTE_ERR_BAD_INPUT;

    ed_expand(st.h, seed);
    ge_scalarmult_base(st.pub, st.h); /* A */

    /* r = SHA-512(prefix || M) mod L; R = [r]B */
    mote_sha512_init(&st.hc);
    mote_sha512_update(&st.hc, st.h + 32, 32);
    mote_sha512_update(&st.hc, msg, len);
    mote_sha512_final(&st.hc, st.dig);
    sc_mont(st.rm, st.dig, 16, m0i);
    sc_out(st.r, st.rm, m0i);
    ge_scalarmult_base(sig, st.r);

    /* k = SHA-512(R || A || M) mod L; S = r + k s mod L */
    mote_sha512_init(&st.hc);
    mote_sha512_update(&st.hc, sig, 32);
    mote_sha512_update(&st.hc, st.pub, 32);
    mote_sha512_update(&st.hc, msg, len);
    mote_sha512_final(&st.hc, st.dig);
    sc_mont(st.km, st.dig, 16, m0i);
    sc_mont(st.sm, st.h, 8, m0i);
    mote_bn_montmul(st.km, st.km, st.sm, ed_l, m0i, 8); /* k s R */
    mote_bn_modadd(st.km, st.km, st.rm, ed_l, 8);       /* (r + k s) R */
    sc_out(sig + 32, st.km, m0i);

    mote_wipe(&st, sizeof st);
    return MOTE_OK;
}

int mote_ed25519_verify_init(mote_ed25519_verify_ctx *ctx,
                             const uint8_t pub[MOTE_ED25519_PUBLIC_LEN], const uint8_t *sig,
                             size_t sig_len)
{
    uint32_t s[8];
    int i;
    if (!ctx || !pub || !sig) return MOTE_ERR_BAD_INPUT;
    if (sig_len != MOTE_ED25519_SIG_LEN) return MOTE_ERR_BAD_SIGNATURE;
    for (i = 0; i < 8; i++)
        s[i] = mote_load_le32(sig + 32 + 4 * i);
    if (!mote_bn_lt(s, ed_l, 8)) return MOTE_ERR_BAD_SIGNATURE; /* S >= L: RFC 8032 5.1.7 */
    memcpy(ctx->pub, pub, 32);
    memcpy(ctx->sig, sig, 64);
    mote_sha512_init(&ctx->h);
    mote_sha512_update(&ctx->h, sig, 32);
    mote_sha512_update(&ctx->h, pub, 32);
    return MOTE_OK;
}

void mote_ed25519_verify_update(mote_ed25519_verify_ctx *ctx, const void *data, size_t len)
{
    mote_sha512_update(&ctx->h, data, len);
}

int mote_ed25519_verify_final(mote_ed25519_verify_ctx *ctx)
{
    return mote_ed25519_verify_final_p(ctx, NULL);
}

int mote_ed25519_verify_final_p(mote_ed25519_verify_ctx *ctx, const mote_progress *pg)
{
    uint8_t dig[64], k[32], rcheck[32];
    uint32_t km[8];
    uint32_t m0i = mote_bn_m0inv(ed_l[0]);
    ge a, r;
    int ok;

    mote_sha512_final(&ctx->h, dig);
    if (ge_decode(&a, ctx->pub) != 0) {
        mote_wipe(ctx, sizeof *ctx);
        return MOTE_ERR_BAD_KEY;
    }
    sc_mont(km, dig, 16, m0i);
    sc_out(k, km, m0i);
    ge_double_scalarmult(&r, k, &a, ctx->sig + 32, pg); /* [S]B - [k]A */
    ge_encode(rcheck, &r);
    ok = memcmp(rcheck, ctx->sig, 32) == 0;
    mote_wipe(ctx, sizeof *ctx);
    return ok ? MOTE_OK : MOTE_ERR_BAD_SIGNATURE;
}

int mote_ed25519_verify(const uint8_t pub[MOTE_ED25519_PUBLIC_LEN], const void *msg, size_t len,
                        const uint8_t *sig, size_t sig_len)
{
    mote_ed25519_verify_ctx ctx;
    int err;
    if (!msg && len) return MOTE_ERR_BAD_INPUT;
    err = mote_ed25519_verify_init(&ctx, pub, sig, sig_len);
    if (err != MOTE_OK) return err;
    mote_ed25519_verify_update(&ctx, msg, len);
    return mote_ed25519_verify_final(&ctx);
}

#endif
