/* The modular-arithmetic core shared by elliptic curves, RSA and FFDHE.
 * See bigint.h. All loops run over every limb: time depends on n only.
 * With MOTE_MUL16 (lx106, which has no carry flag: gcc turns a 64-bit sum
 * or a `s < a` compare into a data-dependent branch) carries come from
 * mote_adc32/mote_sbb32/mote_mac32 (mul.h), which are branch-free there;
 * the other builds keep 64-bit running sums (add-with-carry, fewest
 * instructions). tests/ct/lx106_branches.sh checks the lx106 code. */
#include "crypto/bigint.h"

#include <string.h>

#include "crypto/mul.h"

#if MOTE_ENABLE_RSA || MOTE_ENABLE_P256 || MOTE_ENABLE_P384 || MOTE_ENABLE_FFDHE ||                \
    MOTE_ENABLE_ED25519

uint32_t mote_bn_add(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n)
{
#if MOTE_MUL16
    uint32_t c = 0;
    size_t i;
    for (i = 0; i < n; i++)
        r[i] = mote_adc32(a[i], b[i], &c);
    return c;
#else
    uint64_t c = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        c += (uint64_t)a[i] + b[i];
        r[i] = (uint32_t)c;
        c >>= 32;
    }
    return (uint32_t)c;
#endif
}

uint32_t mote_bn_sub(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n)
{
#if MOTE_MUL16
    uint32_t bw = 0;
    size_t i;
    for (i = 0; i < n; i++)
        r[i] = mote_sbb32(a[i], b[i], &bw);
    return bw;
#else
    uint64_t d = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        d = (uint64_t)a[i] - b[i] - (uint32_t)(d >> 63);
        r[i] = (uint32_t)d;
    }
    return (uint32_t)(d >> 63);
#endif
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
#if MOTE_MUL16
    uint32_t bw = 0;
    size_t i;
    for (i = 0; i < n; i++)
        (void)mote_sbb32(a[i], b[i], &bw);
    return bw;
#else
    uint64_t d = 0;
    size_t i;
    for (i = 0; i < n; i++)
        d = (uint64_t)a[i] - b[i] - (uint32_t)(d >> 63);
    return (uint32_t)(d >> 63);
#endif
}

uint32_t mote_bn_is_zero(const uint32_t *a, size_t n)
{
    uint32_t acc = 0;
    size_t i;
    for (i = 0; i < n; i++)
        acc |= a[i];
#if MOTE_MUL16
    return (~acc & (acc - 1)) >> 31;
#else
    return (uint32_t)(((uint64_t)acc - 1) >> 63);
#endif
}

uint32_t mote_bn_from_be(uint32_t *r, size_t n, const uint8_t *in, size_t len)
{
    /* byte k counts from the least significant end; each limb is written
     * once, whole (a zeroing pass first would be a memset call) */
    uint32_t extra = 0, w = 0;
    size_t k;
    for (k = 0; k < len || k < 4 * n; k++) {
        uint32_t b = k < len ? in[len - 1 - k] : 0;
        if (k >= 4 * n) {
            extra |= b;
        } else {
            w |= b << (8 * (k % 4));
            if (k % 4 == 3) {
                r[k / 4] = w;
                w = 0;
            }
        }
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
    uint32_t t[MOTE_BN_MAX_LIMBS];
    size_t i;
    mote_bn_montmul_sep(t, a, b, m, m0i, n);
    for (i = 0; i < n; i++)
        r[i] = t[i];
}

/* The Montgomery loops: 32-bit words always, 64-bit words with MOTE_BN64. */
#define BN_W         uint32_t
#define BN_DW        uint64_t
#define BN_BITS      32
#define BN_STEP      1
#define BN_MUL(a, b) mote_mul32(a, b)
#define BN_LD(p)     (*(p))
#define BN_ST(p, v)  (*(p) = (v))
#define BN_(name)    bn32_##name
#if defined(__OPTIMIZE_SIZE__)
#define BN_FN static inline /* bn32_final_sub unused (bn_final_sub) */
#else
#define BN_FN static
#endif
#include "crypto/bn_core.h"
#undef BN_W
#undef BN_DW
#undef BN_BITS
#undef BN_STEP
#undef BN_MUL
#undef BN_LD
#undef BN_ST
#undef BN_
#undef BN_FN

#if MOTE_BN64
/* Two limbs as one 64-bit word: a single load or store on little-endian
 * hosts (the limb order then matches the byte order), shifts elsewhere. */
static inline uint64_t bn_ld64(const uint32_t *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    return (uint64_t)p[0] | (uint64_t)p[1] << 32;
#endif
}
static inline void bn_st64(uint32_t *p, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(p, &v, 8);
#else
    p[0] = (uint32_t)v;
    p[1] = (uint32_t)(v >> 32);
#endif
}
#define BN_W         uint64_t
#define BN_DW        mote_u128
#define BN_BITS      64
#define BN_STEP      2
#define BN_MUL(a, b) mote_mul64(a, b)
#define BN_LD(p)     bn_ld64(p)
#define BN_ST(p, v)  bn_st64(p, v)
#define BN_(name)    bn64_##name
#define BN_FN        static
#include "crypto/bn_core.h"

/* -m^-1 mod 2^64 from m0i = -m^-1 mod 2^32: one Newton step. */
static uint64_t bn_m0inv64(uint32_t m0i, const uint32_t *m)
{
    uint64_t y = (uint32_t)(0u - m0i), m0 = bn_ld64(m);
    y *= 2u - m0 * y;
    return 0u - y;
}
#endif

uint32_t mote_bn_addmask(uint32_t *r, const uint32_t *m, uint32_t mask, size_t n)
{
#if MOTE_MUL16
    uint32_t c = 0;
    size_t i;
    for (i = 0; i < n; i++)
        r[i] = mote_adc32(r[i], m[i] & mask, &c);
    return c;
#else
    uint64_t c = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        c += (uint64_t)r[i] + (m[i] & mask);
        r[i] = (uint32_t)c;
        c >>= 32;
    }
    return (uint32_t)c;
#endif
}

/* r = x - m if x + 2^(32 n) top >= m, else x (x < 2m): the 32-bit end of
 * a Montgomery product. Size-optimised builds use the generic subtraction
 * and masked addition (two calls per product, no copy of their loops). */
static void bn_final_sub(uint32_t *r, const uint32_t *x, uint32_t top, const uint32_t *m, size_t n)
{
#if defined(__OPTIMIZE_SIZE__)
    mote_bn_addmask(r, m, 0u - (mote_bn_sub(r, x, m, n) & (top ^ 1u)), n);
#else
    bn32_final_sub(r, x, top, m, n);
#endif
}

void mote_bn_montmul_sep(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m,
                         uint32_t m0i, size_t n)
{
    uint32_t top;
#if MOTE_BN64
    if (n % 2 == 0) {
        top = bn64_montmul(r, a, b, m, bn_m0inv64(m0i, m), n / 2);
        bn64_final_sub(r, r, top, m, n / 2);
        return;
    }
#endif
    top = bn32_montmul(r, a, b, m, m0i, n);
    bn_final_sub(r, r, top, m, n);
}

#if MOTE_MUL16 && MOTE_ENABLE_P256
void mote_bn_montmul_p256(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *p)
{
    /* CIOS with the reduction from p's shape: -p^-1 = 1 mod 2^32, so
     * q = t[0], and q p = q 2^256 - q 2^224 + q 2^192 + q 2^96 - q adds q
     * at words 3, 6 and 8, subtracts it at word 7 and clears word 0: a few
     * carried additions instead of eight products. Row i works on
     * t[i .. i + 10) instead of shifting t down a word (word i is then
     * zero); t[i .. i + 9) < 2 p between rows. */
    uint32_t t[18], c, k, q;
    size_t i, j;
    for (j = 0; j < 18; j++)
        t[j] = 0;
    for (i = 0; i < 8; i++) {
        uint32_t bi = b[i], *w = t + i;
        c = 0;
        for (j = 0; j < 8; j++) {
            w[j] = mote_mac32(a[j], bi, w[j], &c);
        }
        k = 0;
        w[8] = mote_adc32(w[8], c, &k);
        w[9] = k;
        q = w[0];
        k = 0;
        w[3] = mote_adc32(w[3], q, &k);
        w[4] = mote_adc32(w[4], 0, &k);
        w[5] = mote_adc32(w[5], 0, &k);
        w[6] = mote_adc32(w[6], q, &k);
        w[7] = mote_adc32(w[7], 0, &k);
        w[8] = mote_adc32(w[8], q, &k);
        w[9] += k;
        k = 0;
        w[7] = mote_sbb32(w[7], q, &k);
        w[8] = mote_sbb32(w[8], 0, &k);
        w[9] -= k;
    }
    /* r = t[8 .. 17) - p if that does not borrow, else t[8 .. 16) */
    bn_final_sub(r, t + 8, t[16], p, 8);
}
#endif

void mote_bn_montsqr(uint32_t *r, const uint32_t *a, const uint32_t *m, uint32_t m0i, size_t n,
                     uint32_t *t)
{
    uint32_t top;
#if MOTE_BN64
    if (n % 2 == 0) {
        top = bn64_sqr_reduce(t, a, m, bn_m0inv64(m0i, m), n / 2);
        bn64_final_sub(r, t + n, top, m, n / 2);
        return;
    }
#endif
    top = bn32_sqr_reduce(t, a, m, m0i, n);
    bn_final_sub(r, t + n, top, m, n);
}

void mote_bn_modadd(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m, size_t n)
{
    /* r = a + b - m, and m added back if the sum was below m (the
     * subtraction borrowed and the addition did not carry): no scratch */
    uint32_t carry = mote_bn_add(r, a, b, n);
    uint32_t borrow = mote_bn_sub(r, r, m, n);
    mote_bn_addmask(r, m, 0u - (borrow & (carry ^ 1u)), n);
}

void mote_bn_modsub(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m, size_t n)
{
    uint32_t borrow = mote_bn_sub(r, a, b, n);
    mote_bn_addmask(r, m, 0u - borrow, n);
}

#if MOTE_BN64
/* r = 2 r mod m (r < m) over nw 64-bit words: the doubling minus m in one
 * pass, m added back if that borrowed and the doubling did not carry out
 * (half the passes and words of mote_bn_modadd). */
static void bn64_double(uint32_t *r, const uint32_t *m, size_t nw)
{
    uint64_t out = 0, bw = 0, c = 0, w, d, mw, mask;
    size_t i;
    for (i = 0; i < nw; i++) {
        w = bn_ld64(r + 2 * i);
        mw = bn_ld64(m + 2 * i);
        d = (w << 1) | out;
        out = w >> 63;
        w = d - mw;
        d = (uint64_t)(d < mw) | (uint64_t)(w < bw);
        bn_st64(r + 2 * i, w - bw);
        bw = d;
    }
    mask = 0 - (bw & (out ^ 1));
    for (i = 0; i < nw; i++) {
        w = bn_ld64(r + 2 * i);
        d = w + (bn_ld64(m + 2 * i) & mask);
        mw = (uint64_t)(d < w);
        d += c;
        c = mw | (uint64_t)(d < c);
        bn_st64(r + 2 * i, d);
    }
}
#endif

/* r = 2^(32 (n - 1) + k) mod m, by k doublings of 2^(32 (n - 1)), which is
 * below m because m is odd with a non-zero top limb. */
static void bn_pow2(uint32_t *r, const uint32_t *m, size_t n, size_t k)
{
    size_t i;
    for (i = 0; i < n; i++)
        r[i] = 0;
    r[n - 1] = 1;
#if MOTE_BN64
    if (n % 2 == 0) {
        for (i = 0; i < k; i++)
            bn64_double(r, m, n / 2);
        return;
    }
#endif
    for (i = 0; i < k; i++)
        mote_bn_modadd(r, r, r, m, n);
}

size_t mote_bn_r2_start(uint32_t *rr, const uint32_t *m, size_t n)
{
    /* 32 + j doublings give 2^j R; s Montgomery squarings turn it into
     * 2^(2j) R, ..., 2^(j 2^s) R = R^2 (mod m), with j 2^s = 32 n. With
     * MOTE_BN64 (64-bit doublings, a twentieth of a squaring at 64 limbs)
     * j is the smallest such from 32 up (RSA-2048: 64 doublings, 6
     * squarings); else j = 2 n, s = 4 (160 and 4), the balance for 32-bit
     * words and MUL16. */
    size_t j, s;
#if MOTE_BN64
    j = 32 * n;
    s = 0;
    while (j % 2 == 0 && j >= 64) {
        j /= 2;
        s++;
    }
#else
    j = 2 * n;
    s = 4;
#endif
    bn_pow2(rr, m, n, 32 + j);
    return s;
}

void mote_bn_r2_t(uint32_t *rr, const uint32_t *m, size_t n, uint32_t *t)
{
    uint32_t m0i = mote_bn_m0inv(m[0]);
    size_t s = mote_bn_r2_start(rr, m, n);
    for (; s > 0; s--) { /* squarings through t */
        mote_bn_montmul_sep(t, rr, rr, m, m0i, n);
        memcpy(rr, t, 4 * n);
    }
}

void mote_bn_r2(uint32_t *rr, const uint32_t *m, size_t n)
{
    uint32_t t[MOTE_BN_MAX_LIMBS];
    mote_bn_r2_t(rr, m, n, t);
}

void mote_bn_rmod(uint32_t *r, const uint32_t *m, size_t n)
{
    bn_pow2(r, m, n, 32);
}

void mote_bn_mul(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n)
{
    size_t i, j;
    for (i = 0; i < 2 * n; i++)
        r[i] = 0;
#if MOTE_MUL16
    for (i = 0; i < n; i++) {
        uint32_t c = 0;
        for (j = 0; j < n; j++) {
            r[i + j] = mote_mac32(a[j], b[i], r[i + j], &c);
        }
        r[i + n] = c;
#else
    for (i = 0; i < n; i++) {
        uint64_t c = 0;
        for (j = 0; j < n; j++) {
            c += mote_mul32(a[j], b[i]) + r[i + j];
            r[i + j] = (uint32_t)c;
            c >>= 32;
        }
        r[i + n] = (uint32_t)c;
#endif
    }
}

void mote_bn_mod_wide(uint32_t *r, const uint32_t *x, size_t xn, const uint32_t *m, uint32_t m0i,
                      const uint32_t *rr, uint32_t *t, size_t n)
{
    /* x = hi B + lo with B = 2^(32n) = R, so x R = hi R^2 + lo R (mod m).
     * montmul(u, rr) = u R mod m holds for any u < R because rr < m. The
     * high half is consumed first, so r may alias x. */
    size_t i;
    for (i = 0; i < n; i++)
        t[i] = i + n < xn ? x[i + n] : 0;
    mote_bn_montmul(t, t, rr, m, m0i, n);
    mote_bn_montmul(t, t, rr, m, m0i, n);
    for (i = 0; i < n; i++)
        r[i] = i < xn ? x[i] : 0;
    mote_bn_montmul(r, r, rr, m, m0i, n);
    mote_bn_modadd(r, r, t, m, n);
}

/* r = tab[idx] (tab holds cnt entries of n limbs), reading every entry. */
static void bn_select(uint32_t *r, const uint32_t *tab, size_t cnt, uint32_t idx, size_t n)
{
#if MOTE_BN64
    if (n % 2 == 0) {
        bn64_select(r, tab, cnt, idx, n / 2);
        return;
    }
#endif
    bn32_select(r, tab, cnt, idx, n);
}

/* The w bits of e at bit position pos (bits at or past ebits read as 0). */
static uint32_t bn_bits(const uint32_t *e, size_t ebits, size_t pos, unsigned w)
{
    size_t el = (ebits + 31) / 32, k = pos / 32, s = pos % 32;
    uint32_t v = k < el ? e[k] >> s : 0;
    if (s + w > 32 && k + 1 < el) v |= e[k + 1] << (32 - s);
    return v & ((1u << w) - 1u);
}

void mote_bn_modexp(uint32_t *r, const uint32_t *a, const uint32_t *e, size_t ebits,
                    const uint32_t *m, uint32_t m0i, size_t n, uint32_t *work, unsigned w,
                    const mote_progress *pg)
{
    size_t cnt = (size_t)1 << w, i, pos, win = 0;
    uint32_t *sel = work + cnt * n, *oth = sel + n;
    mote_bn_rmod(work, m, n); /* the table: a^0 R, a^1 R, ..., a^(cnt-1) R */
    for (i = 0; i < n; i++)
        work[n + i] = a[i];
    for (i = 2; i < cnt; i++)
        mote_bn_montmul_sep(work + i * n, work + (i - 1) * n, a, m, m0i, n);
    /* Fixed windows from the top; every window squares w times and
     * multiplies by a masked table entry, whatever the digit. The squarings
     * use sel and oth (2 n limbs together) as their scratch. */
    pos = (ebits + w - 1) / w * w;
    if (pos == 0) {
        bn_select(r, work, cnt, 0, n);
        return;
    }
    pos -= w;
    bn_select(r, work, cnt, bn_bits(e, ebits, pos, w), n);
    while (pos > 0) {
        unsigned k;
        pos -= w;
        for (k = 0; k < w; k++)
            mote_bn_montsqr(r, r, m, m0i, n, sel);
        bn_select(sel, work, cnt, bn_bits(e, ebits, pos, w), n);
        mote_bn_montmul_sep(oth, r, sel, m, m0i, n);
        for (i = 0; i < n; i++)
            r[i] = oth[i];
        if (++win % MOTE_BN_PROGRESS_WINDOWS == 0) mote_progress_tick(pg);
    }
}

#endif
