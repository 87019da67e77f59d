/* Generic prime-curve arithmetic for P-256 and P-384 (see crypto/ec.h).
 *
 * One code path serves both curves: the field is the bigint core's
 * Montgomery multiplication (mote_bn_montmul_sep) with n = 8 or 12 limbs,
 * the curve constants come from a MOTE_FLASH struct (ec_curves.c).
 *
 * Formulas (a = -3, Jacobian coordinates, x = X/Z^2, y = Y/Z^3):
 *   doubling  dbl-2001-b       3M + 5S (Z3 = 2YZ), 12 additions
 *   addition  add-1998-cmo-2   12M + 4S
 *   mixed     madd (Z2 = 1)    8M + 3S
 * There is no dedicated squaring: measured on x86-64, squaring variants of
 * the product-scanning and separated kind cost more than the fused FIOS
 * product at 8 and 12 limbs. The formulas are not complete; the
 * constant-time scalar multiplications below are arranged so the
 * exceptional cases (P = Q, P = -Q, infinity) either cannot occur or are
 * resolved with masks:
 *
 * - mote_ec_mul (ECDH): signed fixed windows of w bits (Booth recoding,
 *   digits -2^(w-1)..2^(w-1)), a table of P..2^(w-1) P, one masked table
 *   read per window. The scalar is k' = k + n or k + 2n (the one with
 *   exactly 32 n + 1 bits), so the top digit is never zero and the
 *   accumulator is never the point at infinity. With the accumulator
 *   Q = 2^w A P (A the prefix of k') and the digit d, Q = +-dP would need
 *   2^w A = +-d mod n; while more windows follow, 2^(w-1) < 2^w A < n / 2, so
 *   it cannot happen. At the last window it can (k' = 2d mod n), so the
 *   last window also computes 2T and selects it when the addition reports
 *   Q = T (Q = -T would mean k = 0).
 * - mote_ec_mulgen (key generation, signing): a 4-tooth comb over a
 *   precomputed table of 15 affine points (sum_i bit_i(c) 2^(d i) G, d =
 *   bits / 4). At each step 2Q and the table point T correspond to 2A and B
 *   with 2A + B <= k < n, both written in base 2^d with digits below 2^d;
 *   2A = +-B mod n would force A = B = 0: again only the infinity case.
 *   Size-optimised builds (MOTE_EC_SIGNED_COMB, ec.h) use a signed 4-tooth
 *   comb of 8 entries instead: the odd k (or n - k, with every sign
 *   flipped) has every digit +-1, so no column is zero and Q is never the
 *   point at infinity; 2Q = +-T needs 2A = +-B as integers before the last
 *   column (|2A| + |B| < n there), impossible as B is odd, so only the
 *   last column checks for 2Q = T (and then takes 2T).
 * - mote_ec_muladd_vartime (verification, public data) handles every case
 *   with branches.
 *
 * Secret data never reaches a branch or an index: digits select table
 * entries by reading every entry under a mask, and the infinity flag is a
 * mask. Inversions (mod p and mod n) are a constant-time binary GCD
 * (Pornin's optimized variant, below). */
#include "crypto/ec.h"

#include <string.h>

#include "crypto/bigint.h"
#include "crypto/mul.h"
#include "crypto/util.h"

#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384

#define L MOTE_EC_LIMBS

/* The progress hook runs every MOTE_EC_PROGRESS_STEPS windows of the
 * variable-base and fixed-base multiplications (a window: up to 4 doublings
 * and an addition; the fixed-base comb: one doubling and one addition) and
 * every 4 MOTE_EC_PROGRESS_STEPS bits of the verification's double
 * multiplication (a doubling and at most two additions per bit). */
#define MOTE_EC_PROGRESS_STEPS 8

/* The variable-base table (ECDH and verification) holds at most
 * MOTE_EC_TAB_WORDS words: 8 Jacobian points of the smallest curve compiled
 * in. A larger curve gets fewer, narrower windows (P-384 next to P-256: 4
 * entries, w = 3) rather than more stack. */
#if MOTE_ENABLE_P256
#define MOTE_EC_TAB_WORDS (8 * 3 * 8)
#else
#define MOTE_EC_TAB_WORDS (8 * 3 * 12)
#endif
/* Verification's table is half that: it runs under the certificate
 * stream's frames, the deepest of a handshake, and 4 entries (w = 3 for
 * P-256) cost it about 4% more time than 8. */
#define MOTE_EC_VTAB_WORDS (MOTE_EC_TAB_WORDS / 2)

const mote_ec_curve *mote_ec_curve_get(int id)
{
#if MOTE_ENABLE_P256
    if (id == MOTE_EC_P256) return &mote_ec_p256;
#endif
#if MOTE_ENABLE_P384
    if (id == MOTE_EC_P384) return &mote_ec_p384;
#endif
    return NULL;
}

/* ---- small helpers ---- */

static void cmov_mask(uint32_t *r, const uint32_t *a, uint32_t mask, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        r[i] ^= mask & (r[i] ^ a[i]);
}

static void copy_words(uint32_t *r, const uint32_t *a, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        r[i] = a[i];
}

static uint32_t is_zero_mask(const uint32_t *a, size_t n)
{
    return 0u - mote_bn_is_zero(a, n);
}

/* Bit pos of the n-limb k, 0 outside [0, 32 n); pos is public. */
static uint32_t bit_at(const uint32_t *k, size_t n, long pos)
{
    if (pos < 0 || (size_t)pos >= 32 * n) return 0;
    return (k[(size_t)pos / 32] >> ((size_t)pos % 32)) & 1u;
}

/* The comb column j of k: bits j, j + d, j + 2d, j + 3d as a 4-bit index
 * (j, d public). */
static uint32_t comb_idx(const uint32_t *k, size_t n, size_t j, size_t d)
{
    uint32_t idx = 0, i;
    for (i = 0; i < 4; i++)
        idx |= bit_at(k, n, (long)(j + d * i)) << i;
    return idx;
}

/* y = p - y where s is all ones, y where it is zero, for y < p (y = 0 would
 * give p, which no caller uses): (y ^ s) + (p & s) + (s & 1) = ~y + p + 1. */
static void neg_y(const mote_ec_curve *c, uint32_t *y, uint32_t s)
{
    uint32_t cy = s & 1u;
    size_t j;
    for (j = 0; j < MOTE_EC_N(c); j++)
        y[j] = mote_adc32(y[j] ^ s, c->p[j] & s, &cy);
}

#if MOTE_EC_SIGNED_COMB
/* The signed comb (MOTE_EC_SIGNED_COMB): an odd k < 2^(32 n) is sum_p s_p
 * 2^p over every bit position p with s_p = +-1 (k = 2 m - (2^(32 n) - 1) for
 * m = (k >> 1) + 2^(32 n - 1)): s_p = +1 where bit p + 1 of k is set, and at
 * the top. Column j of k (its teeth at j + d i): returns the entry, bit i
 * set where tooth i has the top tooth's sign (its s flipped when the top
 * one is -1), and *neg = all ones when that sign is -1. Positions are
 * public. */
static uint32_t scomb_idx(const uint32_t *k, size_t n, size_t j, size_t d, uint32_t *neg)
{
    uint32_t raw = comb_idx(k, n, j + 1, d) | (uint32_t)(j + 1 == d) << 3;
    *neg = (raw >> 3) - 1u;
    return (raw & 7u) ^ (7u & *neg);
}
#endif

/* r = a + b mod m, a, b < m (r may alias a or b). Two passes, no
 * scratch: r = a + b - m, then m is added back if that went below zero. */
#if MOTE_MUL16
/* lx106 (no carry flag): the bigint core's modular add and subtract, whose
 * carries come from bits; the 64-bit sums below would be branches on the
 * data there (tests/ct/lx106_branches.sh). */
static void mod_add(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m, size_t n)
{
    mote_bn_modadd(r, a, b, m, n);
}

static void mod_sub(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m, size_t n)
{
    mote_bn_modsub(r, a, b, m, n);
}
#else
static void mod_add(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m, size_t n)
{
    uint64_t c = 0, d = 0;
    uint32_t mask;
    size_t i;
    for (i = 0; i < n; i++) {
        c += (uint64_t)a[i] + b[i];
        d = (uint64_t)(uint32_t)c - m[i] - (uint32_t)(d >> 63);
        r[i] = (uint32_t)d;
        c >>= 32;
    }
    /* a + b < m: the subtraction borrowed and the sum did not carry */
    mask = 0u - ((uint32_t)(d >> 63) & ((uint32_t)c ^ 1u));
    c = 0;
    for (i = 0; i < n; i++) {
        c += (uint64_t)r[i] + (m[i] & mask);
        r[i] = (uint32_t)c;
        c >>= 32;
    }
}

/* r = a - b mod m, a, b < m (r may alias a or b). */
static void mod_sub(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m, size_t n)
{
    uint64_t c = 0, d = 0;
    uint32_t mask;
    size_t i;
    for (i = 0; i < n; i++) {
        d = (uint64_t)a[i] - b[i] - (uint32_t)(d >> 63);
        r[i] = (uint32_t)d;
    }
    mask = 0u - (uint32_t)(d >> 63);
    for (i = 0; i < n; i++) {
        c += (uint64_t)r[i] + (m[i] & mask);
        r[i] = (uint32_t)c;
        c >>= 32;
    }
}
#endif

/* ---- the field GF(p), Montgomery domain ---- */

static void fe_mul(const mote_ec_curve *c, uint32_t *r, const uint32_t *a, const uint32_t *b)
{
#if MOTE_MUL16 && MOTE_ENABLE_P256
    if (c->id == MOTE_EC_P256) { /* the curve is public */
        mote_bn_montmul_p256(r, a, b, c->p);
        return;
    }
#endif
    mote_bn_montmul_sep(r, a, b, c->p, c->p_m0i, MOTE_EC_N(c));
}

void mote_ec_fe_mul(const mote_ec_curve *c, uint32_t *r, const uint32_t *a, const uint32_t *b)
{
    fe_mul(c, r, a, b);
}

static void fe_add(const mote_ec_curve *c, uint32_t *r, const uint32_t *a, const uint32_t *b)
{
    mod_add(r, a, b, c->p, MOTE_EC_N(c));
}

static void fe_sub(const mote_ec_curve *c, uint32_t *r, const uint32_t *a, const uint32_t *b)
{
    mod_sub(r, a, b, c->p, MOTE_EC_N(c));
}

#if defined(__OPTIMIZE_SIZE__)
/* ---- inversion, size-optimized builds: the plain binary GCD (Pornin's
 * Algorithm 1, one bit per step on the full numbers) ----
 *
 * It keeps a = u x, b = v x (mod m), b odd; a step makes a even
 * (subtracting b, after swapping a, u with b, v if a < b) and halves a and
 * u. 2 len(m) - 1 steps always reach a = 0, b = 1 (v = x^-1).
 * A quarter of the code of the windowed form below, for a few percent more
 * time in an ECDH or a verification; every step does the same operations
 * (masks, no branch or index on x). */

/* Swap a and b if sw (all ones), then a = a - (b & odd), halved if sh = 1
 * (a - b is then never negative). Returns the borrow. One pass. */
static uint32_t swap_sub(uint32_t *a, uint32_t *b, uint32_t sw, uint32_t odd, uint32_t sh, size_t n)
{
    uint32_t bw = 0, hm = 0u - sh, x, y, t, s;
    size_t i;
    for (i = 0; i < n; i++) {
        x = a[i];
        y = b[i];
        t = sw & (x ^ y);
        y ^= t;
        b[i] = y;
        s = mote_sbb32(x ^ t, y & odd, &bw);
        a[i] = s >> sh;
        if (i > 0) a[i - 1] |= (s << 31) & hm;
    }
    return bw;
}

/* u = W / 2 mod m for W = u - 2^(32 n) neg in (-m, m) (neg: 0 or 1): m
 * added if W < 0 (then in [0, m)), m added if that is odd (even, below 2m:
 * the carry is bit 32 n), and the halving is swap_sub's shift (v, untouched:
 * no swap, nothing subtracted). */
static void half_mod(uint32_t *u, uint32_t *v, uint32_t neg, const uint32_t *m, size_t n)
{
    uint32_t c;
    (void)mote_bn_addmask(u, m, 0u - neg, n);
    c = mote_bn_addmask(u, m, 0u - (u[0] & 1u), n);
    (void)swap_sub(u, v, 0, 0, 1, n);
    u[n - 1] |= c << 31;
}

/* The steps of mod_inv (a = x, b = m, u = 1, v = 0 on entry; v = x^-1 on
 * return). */
static void inv_steps(uint32_t *a, uint32_t *b, uint32_t *u, uint32_t *v, const uint32_t *m,
                      uint32_t m0i, size_t n)
{
    size_t i;
    (void)m0i;
    for (i = 0; i < 64 * n - 1; i++) {
        uint32_t odd = 0u - (a[0] & 1u), sw = odd & (0u - mote_bn_lt(a, b, n));
        (void)swap_sub(a, b, sw, odd, 1, n);                 /* a = (a - b) / 2 */
        half_mod(u, v, swap_sub(u, v, sw, odd, 0, n), m, n); /* u = (u - v) / 2 mod m */
    }
}
#else
/* ---- inversion: optimized binary GCD (T. Pornin, "Optimized Binary GCD
 * for Modular Inversion", ePrint 2020/972, Algorithm 2, k = 32) ----
 *
 * The extended binary GCD keeps a = u x, b = v x (mod m), b odd; a step
 * makes a even (subtracting b, after swapping them if a < b) and halves
 * it. Here 31 steps at a time run on 64-bit approximations of a and b (the
 * low 31 bits, exact, and the top 33 bits) while recording the 2x2 matrix
 * (f0 g0; f1 g1) they amount to; the matrix is then applied to the full a,
 * b (which become exact multiples of 2^31) and to u, v (mod m, with a
 * one-limb Montgomery division by 2^32; the extra halvings are undone at
 * the end). 2 len(m) - 1 steps always reach a = 0, b = 1; we run one round
 * more. Every round does the same operations: no branch, no index depends
 * on x. */

/* 64-bit helpers of the inversion. With MOTE_MUL16 (lx106, no carry flag:
 * gcc turns a 64-bit sum or difference into a branch on the borrow) they
 * work on 32-bit halves with mote_adc32/mote_sbb32; else plain 64-bit
 * arithmetic. mask64(bit): all ones if bit (0 or 1) is set. */
#if MOTE_MUL16
static uint64_t sub64(uint64_t a, uint64_t b)
{
    uint32_t bw = 0, lo = mote_sbb32((uint32_t)a, (uint32_t)b, &bw);
    return (uint64_t)mote_sbb32((uint32_t)(a >> 32), (uint32_t)(b >> 32), &bw) << 32 | lo;
}
static uint64_t add64(uint64_t a, uint64_t b)
{
    uint32_t c = 0, lo = mote_adc32((uint32_t)a, (uint32_t)b, &c);
    return (uint64_t)mote_adc32((uint32_t)(a >> 32), (uint32_t)(b >> 32), &c) << 32 | lo;
}
static uint64_t mask64(uint64_t bit)
{
    uint32_t m = 0u - (uint32_t)bit;
    return (uint64_t)m << 32 | m;
}
/* 1 if a < b: the borrow of a - b */
static uint64_t lt64(uint64_t a, uint64_t b)
{
    uint32_t bw = 0;
    (void)mote_sbb32((uint32_t)a, (uint32_t)b, &bw);
    (void)mote_sbb32((uint32_t)(a >> 32), (uint32_t)(b >> 32), &bw);
    return bw;
}
/* all ones if w != 0 */
static uint32_t nz32(uint32_t w)
{
    return 0u - ((w | (0u - w)) >> 31);
}
/* |x| (<= 2^31) of the signed 64-bit x, and *sm = all ones if x < 0 */
static uint32_t abs31(uint64_t x, uint32_t *sm)
{
    uint32_t s = 0u - (uint32_t)(x >> 63);
    *sm = s;
    return ((uint32_t)x ^ s) - s;
}
#else
/* plain expressions (macros: the code is then exactly the 64-bit original) */
#define sub64(a, b) ((a) - (b))
#define add64(a, b) ((a) + (b))
#define mask64(bit) ((uint64_t)0 - (bit))
#define nz32(w)     (0u - (uint32_t)(((uint64_t)(w) + 0xFFFFFFFFu) >> 32))
/* 1 if a < b, for 64-bit values, without a branch on 32-bit targets */
static uint64_t lt64(uint64_t a, uint64_t b)
{
    uint64_t d = a - b;
    return ((~a & b) | (~(a ^ b) & d)) >> 63;
}
/* |x| (<= 2^31) of the signed 64-bit x, and *sm = all ones if x < 0 */
static uint32_t abs31(uint64_t x, uint32_t *sm)
{
    uint64_t s = (uint64_t)0 - (x >> 63);
    *sm = (uint32_t)s;
    return (uint32_t)((x ^ s) - s);
}
#endif

/* t[0..n+1] = a f + b g, two's complement, for a, b < 2^(32 n) and signed
 * f, g with |f|, |g| <= 2^31. */
static void lin(uint32_t *t, const uint32_t *a, const uint32_t *b, uint64_t f, uint64_t g, size_t n)
{
    uint32_t fm, gm, fa = abs31(f, &fm), ga = abs31(g, &gm);
#if MOTE_MUL16
    size_t i;
    /* two carry chains (each carry 0 or 1) instead of a 64-bit sum */
    uint32_t ph = 0, qh = 0, k1 = fm & 1u, k2 = gm & 1u, x;
    for (i = 0; i < n; i++) {
        uint32_t pl = mote_mac32(a[i], fa, 0, &ph), ql = mote_mac32(b[i], ga, 0, &qh);
        x = mote_adc32(pl ^ fm, ql ^ gm, &k1);
        t[i] = mote_adc32(x, 0, &k2);
    }
    x = mote_adc32(ph ^ fm, qh ^ gm, &k1);
    t[n] = mote_adc32(x, 0, &k2);
    t[n + 1] = k1 + k2 + fm + gm;
#else
    uint64_t cp = 0, cq = 0, acc = (fm & 1u) + (gm & 1u);
    size_t i;
    for (i = 0; i < n; i++) {
        cp += mote_mul32(a[i], fa);
        cq += mote_mul32(b[i], ga);
        acc += (uint64_t)((uint32_t)cp ^ fm) + ((uint32_t)cq ^ gm);
        t[i] = (uint32_t)acc;
        acc >>= 32;
        cp >>= 32;
        cq >>= 32;
    }
    acc += (uint64_t)((uint32_t)cp ^ fm) + ((uint32_t)cq ^ gm);
    t[n] = (uint32_t)acc;
    t[n + 1] = (uint32_t)(acc >> 32) + fm + gm;
#endif
}

/* out = |a f + b g| / 2^31 (an exact division; the quotient is below
 * 2^(32 n)). Returns an all-ones mask if a f + b g < 0. */
static uint32_t lin_div31(uint32_t *out, const uint32_t *a, const uint32_t *b, uint64_t f,
                          uint64_t g, size_t n)
{
#if MOTE_MUL16
    uint32_t t[L + 2], sm, c;
    size_t i;
    lin(t, a, b, f, g, n);
    sm = 0u - (t[n + 1] >> 31);
    c = sm & 1u;
    for (i = 0; i < n; i++)
        out[i] = mote_adc32(((t[i] >> 31) | (t[i + 1] << 1)) ^ sm, 0, &c);
#else
    uint32_t t[L + 2], sm;
    uint64_t c;
    size_t i;
    lin(t, a, b, f, g, n);
    sm = 0u - (t[n + 1] >> 31);
    c = sm & 1u;
    for (i = 0; i < n; i++) {
        c += (uint32_t)(((t[i] >> 31) | (t[i + 1] << 1)) ^ sm);
        out[i] = (uint32_t)c;
        c >>= 32;
    }
#endif
    return sm;
}

/* out = (u f + v g) / 2^32 mod m for u, v < m (one-limb Montgomery
 * reduction: -m < w < 2m, then brought into [0, m)). */
static void lin_mod(uint32_t *out, const uint32_t *u, const uint32_t *v, uint64_t f, uint64_t g,
                    const uint32_t *m, uint32_t m0i, size_t n)
{
    uint32_t t[L + 2], q, top, sm, mask;
#if MOTE_MUL16
    uint32_t h = 0, k = 0;
    size_t i;
    lin(t, u, v, f, g, n);
    q = t[0] * m0i;
    (void)mote_mac32(q, m[0], t[0], &h);
    for (i = 1; i < n; i++)
        out[i - 1] = mote_mac32(q, m[i], t[i], &h);
    out[n - 1] = mote_adc32(h, t[n], &k);
    top = k + t[n + 1]; /* w = out + 2^(32 n) top (signed) */
    sm = 0u - (top >> 31);
    k = 0;
    for (i = 0; i < n; i++) /* w < 0: w += 2m */
        out[i] = mote_adc32(out[i], ((m[i] << 1) | (i ? m[i - 1] >> 31 : 0)) & sm, &k);
    top += k + ((m[n - 1] >> 31) & sm); /* 0 <= w < 2m: top is 0 or 1 */
    k = 0;
    for (i = 0; i < n; i++) /* w - m, then m back if that borrowed (and top = 0) */
        out[i] = mote_sbb32(out[i], m[i], &k);
    mask = 0u - (k & (top ^ 1u));
    k = 0;
    for (i = 0; i < n; i++)
        out[i] = mote_adc32(out[i], m[i] & mask, &k);
#else
    uint64_t c;
    size_t i;
    lin(t, u, v, f, g, n);
    q = t[0] * m0i;
    c = (mote_mul32(q, m[0]) + t[0]) >> 32;
    for (i = 1; i < n; i++) {
        c += mote_mul32(q, m[i]) + t[i];
        out[i - 1] = (uint32_t)c;
        c >>= 32;
    }
    c += t[n];
    out[n - 1] = (uint32_t)c;
    top = (uint32_t)(c >> 32) + t[n + 1]; /* w = out + 2^(32 n) top (signed) */
    sm = 0u - (top >> 31);
    c = 0;
    for (i = 0; i < n; i++) { /* w < 0: w += 2m */
        c += (uint64_t)out[i] + (((m[i] << 1) | (i ? m[i - 1] >> 31 : 0)) & sm);
        out[i] = (uint32_t)c;
        c >>= 32;
    }
    top += (uint32_t)c + ((m[n - 1] >> 31) & sm); /* 0 <= w < 2m: top is 0 or 1 */
    c = 0;
    for (i = 0; i < n; i++) { /* w - m, then m back if that borrowed (and top = 0) */
        c = (uint64_t)out[i] - m[i] - (uint32_t)(c >> 63);
        out[i] = (uint32_t)c;
    }
    mask = 0u - ((uint32_t)(c >> 63) & (top ^ 1u));
    c = 0;
    for (i = 0; i < n; i++) {
        c += (uint64_t)out[i] + (m[i] & mask);
        out[i] = (uint32_t)c;
        c >>= 32;
    }
#endif
}

/* The rounds of mod_inv (a = x, b = m, u = 1, v = 0 on entry; v = x^-1 on
 * return). */
static void inv_steps(uint32_t *a, uint32_t *b, uint32_t *u, uint32_t *v, const uint32_t *m,
                      uint32_t m0i, size_t n)
{
    uint32_t t1[L], t2[L];
    size_t i, it, rounds = (64 * n - 1 + 30) / 31 + 1;
    for (it = 0; it < rounds; it++) {
        uint64_t xa, xb, f0 = 1, g0 = 0, f1 = 0, g1 = 1;
        uint32_t top = 0xFFFFFFFFu, ah = a[1], al = a[0], bh = b[1], bl = b[0], s = 0, w, k;
        uint32_t sa, sb;
        unsigned j;
        /* the window: the highest nonzero limb of a | b and the one below
         * (limbs 1 and 0, taken whole, while a, b < 2^64) */
        for (i = 2; i < n; i++) {
            uint32_t nz;
            w = a[i] | b[i];
            nz = nz32(w);
            top ^= nz & (top ^ w);
            ah ^= nz & (ah ^ a[i]);
            al ^= nz & (al ^ a[i - 1]);
            bh ^= nz & (bh ^ b[i]);
            bl ^= nz & (bl ^ b[i - 1]);
        }
        /* s = bit length of top minus one, then the 33 bits of the window
         * from bit s up, joined to the exact low 31 bits */
        w = top;
        for (k = 16; k; k >>= 1) {
            uint32_t big = nz32(w >> k);
            s += k & big;
            w ^= big & (w ^ (w >> k));
        }
        xa = ((uint64_t)(ah >> s) << 32) | ((al >> s) | ((ah << 1) << (31 - s)));
        xb = ((uint64_t)(bh >> s) << 32) | ((bl >> s) | ((bh << 1) << (31 - s)));
        xa = (xa << 31) | (a[0] & 0x7FFFFFFFu);
        xb = (xb << 31) | (b[0] & 0x7FFFFFFFu);
        for (j = 0; j < 31; j++) {
            uint64_t odd = mask64(xa & 1u), sw = odd & mask64(lt64(xa, xb)), t;
            t = sw & (xa ^ xb);
            xa ^= t;
            xb ^= t;
            t = sw & (f0 ^ f1);
            f0 ^= t;
            f1 ^= t;
            t = sw & (g0 ^ g1);
            g0 ^= t;
            g1 ^= t;
            xa = sub64(xa, xb & odd);
            f0 = sub64(f0, f1 & odd);
            g0 = sub64(g0, g1 & odd);
            xa >>= 1;
            f1 <<= 1;
            g1 <<= 1;
        }
        /* apply the matrix; a negative result is negated, with its row */
        sa = lin_div31(t1, a, b, f0, g0, n) & 1u;
        sb = lin_div31(t2, a, b, f1, g1, n) & 1u;
        copy_words(a, t1, n);
        copy_words(b, t2, n);
        f0 = add64(f0 ^ mask64(sa), sa);
        g0 = add64(g0 ^ mask64(sa), sa);
        f1 = add64(f1 ^ mask64(sb), sb);
        g1 = add64(g1 ^ mask64(sb), sb);
        lin_mod(t1, u, v, f0, g0, m, m0i, n);
        lin_mod(t2, u, v, f1, g1, m, m0i, n);
        copy_words(u, t1, n);
        copy_words(v, t2, n);
    }
    /* each round divided u, v by 2^32 where 2^31 was due: double v back */
    for (it = 0; it < rounds; it++)
        mod_add(v, v, v, m, n);
    mote_wipe(t1, sizeof t1);
    mote_wipe(t2, sizeof t2);
}
#endif

/* r = x^-1 mod m (0 for x = 0) for x < m, odd m of n >= 2 limbs, m0i =
 * -m^-1 mod 2^32. r may alias x. */
static void mod_inv(uint32_t *r, const uint32_t *x, const uint32_t *m, uint32_t m0i, size_t n)
{
    uint32_t w[4 * L], *a = w, *b = w + L, *u = w + 2 * L, *v = w + 3 * L; /* one wipe */
    copy_words(a, x, n);
    copy_words(b, m, n);
    (void)mote_bn_from_be(u, 2 * L, NULL, 0); /* u, v = 0 (bigint.h) */
    u[0] = 1;
    inv_steps(a, b, u, v, m, m0i, n);
    copy_words(r, v, n);
    mote_wipe(w, sizeof w);
}

/* ---- points ----
 *
 * The three formulas are short programs for a tiny interpreter (16 bits
 * per field operation, in MOTE_FLASH) rather than straight-line
 * calls: a third of the code, for a few percent of time. Registers: the
 * inputs P = (X1, Y1, Z1), Q = (X2, Y2, Z2) (Q = (x, y) for the mixed
 * addition), the output R = (X3, Y3, Z3), which may alias P or Q (every
 * program reads an input before it writes the output's word), and five
 * temporaries. A product never writes one of its own operands. */

enum { X1, Y1, Z1, X2, Y2, Z2, X3, Y3, Z3, T1, T2, T3, T4, T5 };
enum { OP_MUL, OP_ADD, OP_SUB, OP_COPY, OP_TEST };
#define OP(op, d, a, b)                                                                            \
    (((uint32_t)(op) << 12) | ((uint32_t)(d) << 8) | ((uint32_t)(a) << 4) | (uint32_t)(b))
/* Size-optimised builds keep two operations per word (the tables are read
 * with 32-bit loads only, as flash on the ESP8266 wants): operation i is
 * half i % 2 of word i / 2. Other builds keep one per word. */
#if defined(__OPTIMIZE_SIZE__)
#define OP2(x, y)      ((x) | (y) << 16)
#define CODE_AT(c, i)  ((c)[(i) / 2] >> (16 * ((i) % 2)) & 0xFFFF)
#define CODE_LEN(code) (2 * (sizeof code / sizeof code[0]))
#else
#define OP2(x, y)      (x), (y)
#define CODE_AT(c, i)  ((c)[i])
#define CODE_LEN(code) (sizeof code / sizeof code[0])
#endif

/* R = 2P: dbl-2001-b, 3M + 5S with Z3 = 2 Y Z (8 products, 12 additions).
 * Doubling the point at infinity (Z = 0) gives Z = 0 again. */
static const uint32_t code_dbl[] MOTE_FLASH = {
    OP2(OP(OP_MUL, T1, Z1, Z1), OP(OP_MUL, T2, Y1, Y1)), /* delta = Z^2; gamma = Y^2 */
    OP2(OP(OP_MUL, T5, Y1, Z1), OP(OP_ADD, Z3, T5, T5)), /* Z3 = 2 Y Z */
    OP2(OP(OP_SUB, T4, X1, T1), OP(OP_ADD, T5, X1, T1)),
    OP2(OP(OP_MUL, T1, T4, T5), OP(OP_ADD, T4, T1, T1)), /* (X - delta)(X + delta) */
    OP2(OP(OP_ADD, T1, T4, T1), OP(OP_ADD, T2, T2, T2)), /* alpha; 2 gamma */
    OP2(OP(OP_MUL, T3, X1, T2), OP(OP_MUL, T4, T1, T1)), /* 2 beta; alpha^2 */
    OP2(OP(OP_ADD, T3, T3, T3), OP(OP_SUB, T4, T4, T3)), /* 4 beta */
    OP2(OP(OP_SUB, X3, T4, T3), OP(OP_SUB, T3, T3, X3)), /* X3 = alpha^2 - 8 beta */
    OP2(OP(OP_MUL, T4, T1, T3), OP(OP_MUL, T5, T2, T2)), /* alpha (4 beta - X3); 4 gamma^2 */
    OP2(OP(OP_ADD, T5, T5, T5), OP(OP_SUB, Y3, T4, T5)), /* Y3 = alpha (4 beta - X3) - 8 gamma^2 */
};

/* R = P + Q: add-1998-cmo-2, 12M + 4S. */
static const uint32_t code_add[] MOTE_FLASH = {
    OP2(OP(OP_MUL, T1, Z2, Z2), OP(OP_MUL, T2, X1, T1)), /* U1 = X1 Z2^2 */
    OP2(OP(OP_MUL, T3, Z2, T1), OP(OP_MUL, T1, Y1, T3)), /* S1 = Y1 Z2^3 */
    OP2(OP(OP_MUL, T3, Z1, Z1), OP(OP_MUL, T4, X2, T3)), /* U2 = X2 Z1^2 */
    OP2(OP(OP_MUL, T5, Z1, T3), OP(OP_MUL, T3, Y2, T5)), /* S2 = Y2 Z1^3 */
    OP2(OP(OP_MUL, T5, Z1, Z2),
        OP(OP_SUB, T4, T4, T2)), /* all inputs read: R is free; H = U2 - U1 */
    OP2(OP(OP_SUB, T3, T3, T1), OP(OP_TEST, 0, T4, T3)), /* r = S2 - S1 */
    OP2(OP(OP_MUL, Z3, T5, T4), OP(OP_MUL, T5, T4, T4)), /* Z3 = Z1 Z2 H; H^2 */
    OP2(OP(OP_MUL, Y3, T5, T4), OP(OP_MUL, T4, T2, T5)), /* H^3, in Y3's place; V = U1 H^2 */
    OP2(OP(OP_MUL, T5, T3, T3), OP(OP_SUB, T5, T5, Y3)), /* r^2 */
    OP2(OP(OP_SUB, T5, T5, T4), OP(OP_SUB, X3, T5, T4)), /* X3 = r^2 - H^3 - 2 V */
    OP2(OP(OP_SUB, T4, T4, X3), OP(OP_MUL, T5, T3, T4)), /* r (V - X3) */
    OP2(OP(OP_MUL, T4, T1, Y3), OP(OP_SUB, Y3, T5, T4)), /* S1 H^3; Y3 = r (V - X3) - S1 H^3 */
};

/* R = P + (x, y), Q affine (Z2 = 1): 8M + 3S. */
static const uint32_t code_madd[] MOTE_FLASH = {
    OP2(OP(OP_MUL, T1, Z1, Z1), OP(OP_MUL, T2, X2, T1)), /* U2 = x Z1^2 */
    OP2(OP(OP_MUL, T3, Z1, T1), OP(OP_MUL, T4, Y2, T3)), /* S2 = y Z1^3 */
    OP2(OP(OP_SUB, T2, T2, X1), OP(OP_SUB, T4, T4, Y1)), /* H = U2 - X1; r = S2 - Y1 */
    OP2(OP(OP_TEST, 0, T2, T4), OP(OP_MUL, T3, Z1, T2)), /* Z3 = Z1 H, written last */
    OP2(OP(OP_MUL, T1, T2, T2), OP(OP_MUL, T5, T1, T2)), /* H^2; H^3 */
    OP2(OP(OP_MUL, T2, X1, T1), OP(OP_MUL, T1, T4, T4)), /* V = X1 H^2; r^2 */
    OP2(OP(OP_SUB, T1, T1, T5), OP(OP_SUB, T1, T1, T2)),
    OP2(OP(OP_SUB, X3, T1, T2), OP(OP_SUB, T2, T2, X3)), /* X3 = r^2 - H^3 - 2 V */
    OP2(OP(OP_MUL, T1, T4, T2), OP(OP_MUL, T2, Y1, T5)), /* r (V - X3); Y1 H^3 */
    OP2(OP(OP_SUB, Y3, T1, T2), OP(OP_COPY, Z3, T3, 0)),
};

/* The curve equation on P = (x, y, b) (Montgomery domain): y^2 = x^3 - 3 x
 * + b exactly when y^2 + 3 x - (x^2 x + b) is zero (the OP_TEST's bit 0). */
static const uint32_t code_chk[] MOTE_FLASH = {
    OP2(OP(OP_MUL, T1, X1, X1), OP(OP_MUL, T2, T1, X1)), /* x^3 */
    OP2(OP(OP_ADD, T2, T2, Z1), OP(OP_MUL, T3, Y1, Y1)), /* x^3 + b; y^2 */
    OP2(OP(OP_ADD, T3, T3, X1), OP(OP_ADD, T3, T3, X1)),
    OP2(OP(OP_ADD, T3, T3, X1), OP(OP_SUB, T4, T3, T2)),
    OP2(OP(OP_TEST, 0, T4, T4), OP(OP_TEST, 0, T4, T4)),
};

/* Register k of run_code: word k % 3 of P, Q or R (k / 3), n words each,
 * or temporary k - T1 of t (L words each). */
static uint32_t *ec_reg(const uint32_t *P, const uint32_t *Q, uint32_t *R, uint32_t *t, uint32_t k,
                        size_t n)
{
    if (k >= T1) return t + (k - T1) * L;
    if (k >= X3) return R + (k - X3) * n;
    return (uint32_t *)(k >= X2 ? Q + (k - X2) * n : P + k * n); /* inputs are never written */
}

/* Run len operations of code on R, P, Q. Returns the last OP_TEST's
 * result: bit 0 set when its first register is zero (H = 0: same x), bit 1
 * when both are (P = Q: the sum is then wrong and the caller must double
 * instead). Meaningless when P or Q is the point at infinity. */
static uint32_t run_code(const mote_ec_curve *c, uint32_t *R, const uint32_t *P, const uint32_t *Q,
                         const uint32_t *code, size_t len)
{
    size_t n = MOTE_EC_N(c), i;
    uint32_t t[5 * L], flags = 0;
    for (i = 0; i < len; i++) {
        uint32_t w = CODE_AT(code, i), *d = ec_reg(P, Q, R, t, (w >> 8) & 15, n),
                 *a = ec_reg(P, Q, R, t, (w >> 4) & 15, n), *b = ec_reg(P, Q, R, t, w & 15, n);
        switch (w >> 12) {
        case OP_MUL:
            fe_mul(c, d, a, b);
            break;
        case OP_ADD:
            fe_add(c, d, a, b);
            break;
        case OP_SUB:
            fe_sub(c, d, a, b);
            break;
        case OP_COPY:
            copy_words(d, a, n);
            break;
        default: {
            uint32_t hz = mote_bn_is_zero(a, n);
            flags = hz | ((hz & mote_bn_is_zero(b, n)) << 1);
        }
        }
    }
    return flags;
}

/* R = 2P (R may alias P). */
static void pt_dbl(const mote_ec_curve *c, uint32_t *R, const uint32_t *P)
{
    (void)run_code(c, R, P, P, code_dbl, CODE_LEN(code_dbl));
}

/* R = P + Q, Jacobian (R may alias P or Q); flags as run_code. */
static uint32_t pt_add(const mote_ec_curve *c, uint32_t *R, const uint32_t *P, const uint32_t *Q)
{
    return run_code(c, R, P, Q, code_add, CODE_LEN(code_add));
}

/* R = P + (x, y) with the affine Q = (x, y) (R may alias P). */
static uint32_t pt_madd(const mote_ec_curve *c, uint32_t *R, const uint32_t *P, const uint32_t *Q)
{
    return run_code(c, R, P, Q, code_madd, CODE_LEN(code_madd));
}

/* R = (x, y, 1) (Jacobian) from the affine Q = (x, y). */
static void jac_of(const mote_ec_curve *c, uint32_t *R, const uint32_t *Q)
{
    size_t n = MOTE_EC_N(c);
    copy_words(R, Q, 2 * n);
    copy_words(R + 2 * n, c->one, n);
}

/* dst (w words) = entry idx (1..cnt) of tab (cnt entries of w words), or
 * zero for idx = 0; every entry is read, the index only shapes masks. */
static void ct_lookup(uint32_t *dst, const uint32_t *tab, size_t cnt, size_t w, uint32_t idx)
{
    size_t i, j;
#if defined(__OPTIMIZE_SIZE__)
    /* word by word, the masks formed again for each (no zeroing pass:
     * gcc makes one a library call, a long call on the ESP8266) */
    for (j = 0; j < w; j++) {
        uint32_t acc = 0;
        for (i = 1; i <= cnt; i++)
            acc |= tab[(i - 1) * w + j] & mote_ct_is_zero32((uint32_t)i ^ idx);
        dst[j] = acc;
    }
#else
    for (j = 0; j < w; j++)
        dst[j] = 0;
    for (i = 1; i <= cnt; i++) {
        uint32_t mask = mote_ct_is_zero32((uint32_t)i ^ idx);
        for (j = 0; j < w; j++)
            dst[j] |= tab[(i - 1) * w + j] & mask;
    }
#endif
}

/* Entries of the variable-base table for curve c, and its window width. */
static size_t tab_entries(const mote_ec_curve *c, unsigned *w, size_t words)
{
    size_t cnt = 8;
    *w = 4;
    while (cnt * 3 * MOTE_EC_N(c) > words) {
        cnt >>= 1;
        (*w)--;
    }
    return cnt;
}

void mote_ec_mul(const mote_ec_curve *c, uint32_t *R, const uint32_t *P, const uint32_t *k,
                 const mote_progress *pg)
{
    size_t n = MOTE_EC_N(c), pw = 3 * n, cnt, i, t;
    unsigned w;
    uint32_t tab[MOTE_EC_TAB_WORDS + 3 * L + L + 1], *T = tab + MOTE_EC_TAB_WORDS,
                                                     *k1 = T + 3 * L; /* one array: one wipe */

    /* k' = k + n or k + 2n, whichever has exactly 32 n + 1 bits (one of
     * them does, as 2^(32 n - 1) < n < 2^(32 n)): k' P = k P, and the top
     * window of k' is never zero, so the accumulator is never the point at
     * infinity. */
    k1[n] = mote_bn_add(k1, k, c->n, n);
    k1[n] += mote_bn_addmask(k1, c->n, k1[n] - 1u, n); /* n once more if k + n is short */

    cnt = tab_entries(c, &w, MOTE_EC_TAB_WORDS);
    /* tab[i-1] = i P, i = 1..cnt */
    jac_of(c, tab, P);
    for (i = 2; i <= cnt; i++) {
        if (i % 2 == 0)
            pt_dbl(c, tab + (i - 1) * pw, tab + (i / 2 - 1) * pw);
        else
            (void)pt_madd(c, tab + (i - 1) * pw, tab + (i - 2) * pw, P);
    }

    /* The top window, (32 n + 1) / w, holds bit 32 n (or has it as the
     * bit below) and nothing above it: its digit is v + c >= 1. */
    for (t = (32 * n + 1) / w + 1; t-- > 0;) {
        uint32_t v = 0, m, s, mag, flags;
        unsigned j;
        /* Booth digit: v (w bits at w t) plus the bit below, minus 2^w if
         * the top bit of v is set. */
        for (j = 0; j < w; j++)
            v |= bit_at(k1, n + 1, (long)(w * t + j)) << j;
        m = v + bit_at(k1, n + 1, (long)(w * t) - 1);
        s = 0u - (v >> (w - 1));
        mag = m ^ (s & (m ^ ((1u << w) - m)));
        ct_lookup(T, tab, cnt, pw, mag);
        neg_y(c, T + n, s); /* a negative digit (y = 0 only when mag = 0: T unused) */
        if (t == (32 * n + 1) / w) {
            copy_words(R, T, pw); /* digit >= 1 */
            continue;
        }
        for (j = 0; j < w; j++)
            pt_dbl(c, R, R);
        if (t == 0) pt_dbl(c, tab, T); /* 2T, for Q = T at the last window */
        flags = pt_add(c, T, R, T);
        if (t == 0) cmov_mask(T, tab, 0u - (flags >> 1), pw);
        cmov_mask(R, T, ~mote_ct_is_zero32(mag), pw);
        if (t % MOTE_EC_PROGRESS_STEPS == 0) mote_progress_tick(pg);
    }
    mote_wipe(tab, sizeof tab);
}

#if MOTE_EC_SIGNED_COMB
void mote_ec_mulgen(const mote_ec_curve *c, uint32_t *R, const uint32_t *k, const mote_progress *pg)
{
    size_t n = MOTE_EC_N(c), pw = 3 * n, d = 8 * n, j;
    uint32_t T[5 * L], *S = T + 2 * L; /* one array: one wipe */
    uint32_t flip = (k[0] & 1u) - 1u, neg, flags = 0;
    /* S = k if k is odd, else n - k (odd, as n is) with every column's sign
     * flipped: (n - k)(-G) = k G */
    (void)mote_bn_sub(S, c->n, k, n);
    cmov_mask(S, k, ~flip, n);
    for (j = d; j-- > 0;) {
        uint32_t idx = scomb_idx(S, n, j, d, &neg);
        ct_lookup(T, c->comb, 8, 2 * n, idx + 1);
        neg_y(c, T + n, neg ^ flip);
        if (j == d - 1) { /* the top column: never zero */
            jac_of(c, R, T);
            continue;
        }
        pt_dbl(c, R, R);
        flags = pt_madd(c, R, R, T);
        if (j % MOTE_EC_PROGRESS_STEPS == 0) mote_progress_tick(pg);
    }
    /* Only the last column can meet 2Q = T (2Q = -T would mean k = 0): the
     * sum is then 2T */
    jac_of(c, S, T);
    pt_dbl(c, S, S);
    cmov_mask(R, S, 0u - (flags >> 1), pw);
    mote_wipe(T, sizeof T);
}
#else
void mote_ec_mulgen(const mote_ec_curve *c, uint32_t *R, const uint32_t *k, const mote_progress *pg)
{
    size_t n = MOTE_EC_N(c), pw = 3 * n, d = 8 * n, i, j;
    uint32_t T[5 * L], *S = T + 2 * L; /* one array: one wipe */
    uint32_t qinf = 0xFFFFFFFFu;
    for (i = 0; i < pw; i++)
        R[i] = 0;
    for (j = d; j-- > 0;) {
        uint32_t idx = comb_idx(k, n, j, d), nz;
        if (j != d - 1) pt_dbl(c, R, R);
        ct_lookup(T, c->comb, 15, 2 * n, idx);
        (void)pt_madd(c, S, R, T);
        nz = ~mote_ct_is_zero32(idx);
        cmov_mask(R, S, nz & ~qinf, pw);
        cmov_mask(R, T, nz & qinf, 2 * n);
        cmov_mask(R + 2 * n, c->one, nz & qinf, n);
        qinf &= ~nz;
        if (j % MOTE_EC_PROGRESS_STEPS == 0) mote_progress_tick(pg);
    }
    mote_wipe(T, sizeof T);
}
#endif

/* Variable-time R += Q for verification, Q Jacobian (aff = 0) or affine
 * (aff = 1); *inf tracks R = infinity. */
static void add_vartime(const mote_ec_curve *c, uint32_t *R, int *inf, const uint32_t *Q, int aff)
{
    size_t n = MOTE_EC_N(c);
    if (!*inf) {
        uint32_t f = aff ? pt_madd(c, R, R, Q) : pt_add(c, R, R, Q);
        if (!(f & 2)) {    /* else R was Q: double Q */
            *inf = (int)f; /* R was -Q */
            return;
        }
    }
    copy_words(R, Q, 2 * n); /* R = Q (R was infinity) or 2Q */
    copy_words(R + 2 * n, aff ? c->one : Q + 2 * n, n);
    if (!*inf) pt_dbl(c, R, R);
    *inf = 0;
}

int mote_ec_muladd_vartime(const mote_ec_curve *c, uint32_t *R, uint32_t *u1, const uint32_t *u2,
                           const uint32_t *P, const mote_progress *pg)
{
    size_t n = MOTE_EC_N(c), pw = 3 * n, d = 8 * n, cnt, i;
    unsigned w;
    uint32_t tab[MOTE_EC_VTAB_WORDS];
    long pos, pend = -1;
    uint32_t pv = 0;
    int inf = 1;

#if MOTE_EC_SIGNED_COMB
    uint32_t flip = 0;
    if (!(u1[0] & 1)) { /* u1 G = (n - u1)(-G), n - u1 odd */
        (void)mote_bn_sub(u1, c->n, u1, n);
        flip = 0xFFFFFFFFu;
    }
#endif
    /* tab[i] = (2 i + 1) P, i = 0..cnt-1: windows of up to w bits */
    cnt = tab_entries(c, &w, MOTE_EC_VTAB_WORDS);
    jac_of(c, tab, P);
    pt_dbl(c, R, tab); /* 2P, in R until the loop starts */
    for (i = 1; i < cnt; i++)
        (void)pt_add(c, tab + i * pw, tab + (i - 1) * pw, R);

    for (pos = (long)(32 * n) - 1; pos >= 0; pos--) {
        if (!inf) pt_dbl(c, R, R);
        if (pend < 0 && bit_at(u2, n, pos)) {
            long lo = pos - (long)w + 1 < 0 ? 0 : pos - (long)w + 1, b;
            while (!bit_at(u2, n, lo))
                lo++;
            pv = 0;
            for (b = pos; b >= lo; b--)
                pv = (pv << 1) | bit_at(u2, n, b);
            pend = lo;
        }
        if (pos == pend) {
            add_vartime(c, R, &inf, tab + (pv >> 1) * pw, 0);
            pend = -1;
        }
        if ((size_t)pos < d) {
#if MOTE_EC_SIGNED_COMB
            uint32_t neg, idx = scomb_idx(u1, n, (size_t)pos, d, &neg);
            neg ^= flip;
            neg_y(c, R + n, neg); /* R - E = -(-R + E) */
            add_vartime(c, R, &inf, c->comb + idx * 2 * n, 1);
            neg_y(c, R + n, neg);
#else
            uint32_t idx = comb_idx(u1, n, (size_t)pos, d);
            if (idx) add_vartime(c, R, &inf, c->comb + (idx - 1) * 2 * n, 1);
#endif
        }
        if (pos % (4 * MOTE_EC_PROGRESS_STEPS) == 0) mote_progress_tick(pg);
    }
    return inf ? -1 : 0;
}

uint32_t mote_ec_to_affine(const mote_ec_curve *c, uint32_t *x, uint32_t *y, const uint32_t *R)
{
    /* Z R -> t = (Z R)^-1, u = Z^-1 and zi = Z^-1 R: products of a
     * Montgomery value with a plain one are plain, so Z^-2 = zi u and
     * Z^-3 = Z^-2 zi are, and x = (X R) Z^-2, y = (Y R) Z^-3 leave the
     * Montgomery domain without a product by 1. */
    size_t n = MOTE_EC_N(c);
    uint32_t w[3 * L], *t = w, *u = w + L, *zi = w + 2 * L; /* one wipe */
    uint32_t inf = is_zero_mask(R + 2 * n, n);
    mod_inv(t, R + 2 * n, c->p, c->p_m0i, n); /* zero when Z is */
    fe_mul(c, u, t, c->rr);
    fe_mul(c, zi, u, c->rr);
    fe_mul(c, t, zi, u); /* Z^-2 */
    if (x) fe_mul(c, x, R, t);
    if (y) {
        fe_mul(c, u, t, zi); /* Z^-3 */
        fe_mul(c, y, R + n, u);
    }
    mote_wipe(w, sizeof w);
    return inf;
}

void mote_ec_encode_point(const mote_ec_curve *c, uint8_t *out, const uint32_t *x,
                          const uint32_t *y)
{
    size_t n = MOTE_EC_N(c);
    out[0] = 0x04;
    mote_bn_to_be(out + 1, 4 * n, x, n);
    mote_bn_to_be(out + 1 + 4 * n, 4 * n, y, n);
}

int mote_ec_decode_point(const mote_ec_curve *c, uint32_t *xy, const uint8_t *pub, size_t len)
{
    size_t n = MOTE_EC_N(c), i;
    uint32_t pt[3 * L]; /* (x R, y R, b R): code_chk's P */
    if (len >= 1 && (pub[0] == 0x02 || pub[0] == 0x03) && len == 1 + 4 * n)
        return MOTE_ERR_UNSUPPORTED;
    if (len != 1 + 8 * n || pub[0] != 0x04) return MOTE_ERR_BAD_POINT;
    for (i = 0; i < 2; i++) { /* x R, y R, for x, y < p */
        mote_bn_from_be(xy, n, pub + 1 + 4 * n * i, 4 * n);
        if (!mote_bn_lt(xy, c->p, n)) return MOTE_ERR_BAD_POINT;
        fe_mul(c, pt + n * i, xy, c->rr);
    }
    copy_words(pt + 2 * n, c->b, n);
    copy_words(xy, pt, 2 * n);
    if (!(run_code(c, pt, pt, pt, code_chk, CODE_LEN(code_chk)) & 1)) return MOTE_ERR_BAD_POINT;
    return MOTE_OK;
}

uint32_t mote_ec_scalar_decode(const mote_ec_curve *c, uint32_t *k, const uint8_t *in)
{
    size_t n = MOTE_EC_N(c);
    mote_bn_from_be(k, n, in, 4 * n);
    return (0u - mote_bn_lt(k, c->n, n)) & ~is_zero_mask(k, n);
}

/* ---- scalars mod n ---- */

void mote_ec_sc_add(const mote_ec_curve *c, uint32_t *r, const uint32_t *a, const uint32_t *b)
{
    mod_add(r, a, b, c->n, MOTE_EC_N(c));
}

void mote_ec_sc_mul(const mote_ec_curve *c, uint32_t *r, const uint32_t *a, const uint32_t *b)
{
    mote_bn_montmul_sep(r, a, b, c->n, c->n_m0i, MOTE_EC_N(c));
}

void mote_ec_sc_inv(const mote_ec_curve *c, uint32_t *r, const uint32_t *a)
{
    uint32_t t[L];
    mod_inv(t, a, c->n, c->n_m0i, MOTE_EC_N(c));
    mote_bn_montmul_sep(r, t, c->n_rr, c->n, c->n_m0i, MOTE_EC_N(c)); /* a^-1 R */
    mote_wipe(t, sizeof t);
}

void mote_ec_sc_reduce(const mote_ec_curve *c, uint32_t *r, const uint8_t *in, size_t len)
{
    /* in = hi 2^(32 n) + lo with lo < 2^(32 n) < 2 n (the order's top bit
     * is set) and hi below 2^64: r = (lo - n if lo >= n) + hi R mod n,
     * hi R = montmul(hi, R^2). */
    size_t n = MOTE_EC_N(c), lo_len = len < 4 * n ? len : 4 * n;
    uint32_t hi[2 * L], *t = hi + L; /* one wipe */
    mote_bn_from_be(r, n, in + len - lo_len, lo_len);
    mote_bn_from_be(hi, n, in, len - lo_len);
    (void)mote_bn_addmask(r, c->n, 0u - mote_bn_sub(r, r, c->n, n), n);
    mote_bn_montmul_sep(t, hi, c->n_rr, c->n, c->n_m0i, n);
    mod_add(r, r, t, c->n, n);
    mote_wipe(hi, sizeof hi);
}

#endif
