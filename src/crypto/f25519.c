/* Arithmetic modulo p = 2^255 - 19 (see f25519.h).
 *
 * Radix 2^25.5: limb i holds bits from ceil(25.5 i), alternately 26 and 25
 * bits wide. A product needs 100 32x32->64 multiplies, but their 64-bit sums
 * never overflow, so each costs one multiply-accumulate (UMLAL on ARM, IMUL +
 * ADD on x86) with no carry handling; the wrap-around 2^255 = 19 and the
 * extra factor 2 where two odd limbs meet are folded into pre-scaled
 * operands. Radix 2^32 would need only 64 multiplies, but in portable C each
 * then drags a carry chain along (no UMAAL from the compiler) and ends up
 * slower on Cortex-M4 and x86 alike.
 *
 * Bounds. Every function returns "carried" limbs: even limbs < 2^26, odd
 * limbs < 2^25, except limb 1 < 2^25 + 2^18. With such inputs a column of
 * the product is below 2^61, 19 times a limb fits in 32 bits, and a - b + 2p
 * is non-negative limb by limb. All control flow depends on nothing but the
 * code path. */
#include "crypto/f25519.h"

#if MOTE_ENABLE_X25519 || MOTE_ENABLE_ED25519

#include "crypto/mul.h"
#include "crypto/util.h"

#define M26     0x3FFFFFFu
#define M25     0x1FFFFFFu
#define M(x, y) mote_mul32((x), (y))

/* r = the columns c (each below 2^62), carried: one pass up the limbs, the
 * carry out of bit 255 wraps around as 19 times itself (2^255 = 19 mod p),
 * and one more step from limb 0 to limb 1 makes it stick. */
static void fe_carry(mote_fe r, const uint64_t *c)
{
    uint64_t x = 0;
    int i;
    for (i = 0; i < 10; i += 2) {
        x += c[i];
        r[i] = (uint32_t)x & M26;
        x >>= 26;
        x += c[i + 1];
        r[i + 1] = (uint32_t)x & M25;
        x >>= 25;
    }
    x = r[0] + (x << 4) + (x << 1) + x; /* x < 2^37: 19 x by shifts, no wide multiply */
    r[0] = (uint32_t)x & M26;
    r[1] += (uint32_t)(x >> 26);
}

void mote_fe_frombytes(mote_fe r, const uint8_t in[32])
{
    uint64_t acc = 0;
    int i, j = 0, bits = 0;
    for (i = 0; i < 10; i++) {
        int w = 26 - (i & 1);
        if (bits < w) {
            uint32_t x = mote_load_le32(in + 4 * j);
            if (j == 7) x &= 0x7FFFFFFFu; /* bit 255 is not part of the number */
            acc |= (uint64_t)x << bits;
            bits += 32;
            j++;
        }
        r[i] = (uint32_t)acc & ((1u << w) - 1);
        acc >>= w;
        bits -= w;
    }
}

void mote_fe_tobytes(uint8_t out[32], const mote_fe a)
{
    uint32_t t[8], u[8], top;
    uint64_t acc = 0, c;
    int i, j = 0, bits = 0;
    /* Pack into 8 words of 32 bits: the value is below 2^256. */
    for (i = 0; i < 10; i++) {
        acc += (uint64_t)a[i] << bits;
        bits += 26 - (i & 1);
        if (bits >= 32) {
            t[j++] = (uint32_t)acc;
            acc >>= 32;
            bits -= 32;
        }
    }
    t[7] = (uint32_t)acc;
    /* Fold bit 255 (2^255 = 19): t < 2^255 + 19 < 2p. */
    c = (t[7] >> 31) * 19u;
    t[7] &= 0x7FFFFFFFu;
    for (i = 0; i < 8; i++) {
        c += t[i];
        t[i] = (uint32_t)c;
        c >>= 32;
    }
    /* t >= p exactly when t + 19 reaches 2^255; then t - p = t + 19 - 2^255. */
    c = 19;
    for (i = 0; i < 8; i++) {
        c += t[i];
        u[i] = (uint32_t)c;
        c >>= 32;
    }
    top = 0u - (u[7] >> 31);
    u[7] &= 0x7FFFFFFFu;
    for (i = 0; i < 8; i++)
        mote_store_le32(out + 4 * i, t[i] ^ (top & (t[i] ^ u[i])));
}

void mote_fe_set(mote_fe r, uint32_t v)
{
    int i;
    r[0] = v;
    for (i = 1; i < 10; i++)
        r[i] = 0;
}

void mote_fe_copy(mote_fe r, const mote_fe a)
{
    int i;
    for (i = 0; i < 10; i++)
        r[i] = a[i];
}

void mote_fe_add(mote_fe r, const mote_fe a, const mote_fe b)
{
    uint64_t c[10];
    int i;
    for (i = 0; i < 10; i++)
        c[i] = (uint64_t)a[i] + b[i];
    fe_carry(r, c);
}

void mote_fe_sub(mote_fe r, const mote_fe a, const mote_fe b)
{
    /* a + 2p - b: 2p's limbs exceed any carried limb of b. */
    uint64_t c[10];
    int i;
    for (i = 0; i < 10; i += 2) {
        c[i] = (uint64_t)a[i] + 0x7FFFFFEu - b[i];
        c[i + 1] = (uint64_t)a[i + 1] + 0x3FFFFFEu - b[i + 1];
    }
    c[0] -= 36; /* limb 0 of 2p is 2 (2^26 - 19) */
    fe_carry(r, c);
}

void mote_fe_neg(mote_fe r, const mote_fe a)
{
    static const mote_fe zero = {0};
    mote_fe_sub(r, zero, a);
}

void mote_fe_mul(mote_fe r, const mote_fe a, const mote_fe b)
{
    /* Column k of the product is sum_i x[i] z[k + 10 - i]: z holds 19 b
     * (the limbs that wrap past 2^255) below b, and x is a with its odd
     * limbs doubled for even k, where odd limbs meet odd limbs. */
    uint32_t z[20], a2[10];
    uint64_t c[10];
    int i, k;
    for (i = 0; i < 10; i++) {
        z[i] = 19 * b[i];
        z[i + 10] = b[i];
        a2[i] = a[i] << (i & 1);
    }
    for (k = 0; k < 10; k += 2) {
        const uint32_t *y = z + k + 10;
        c[k] = M(a2[0], y[0]) + M(a2[1], y[-1]) + M(a2[2], y[-2]) + M(a2[3], y[-3]) +
               M(a2[4], y[-4]) + M(a2[5], y[-5]) + M(a2[6], y[-6]) + M(a2[7], y[-7]) +
               M(a2[8], y[-8]) + M(a2[9], y[-9]);
        y++;
        c[k + 1] = M(a[0], y[0]) + M(a[1], y[-1]) + M(a[2], y[-2]) + M(a[3], y[-3]) +
                   M(a[4], y[-4]) + M(a[5], y[-5]) + M(a[6], y[-6]) + M(a[7], y[-7]) +
                   M(a[8], y[-8]) + M(a[9], y[-9]);
    }
    fe_carry(r, c);
}

void mote_fe_sqr(mote_fe r, const mote_fe a)
{
    uint32_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    uint32_t a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9];
    uint32_t d0 = 2 * a0, d1 = 2 * a1, d2 = 2 * a2, d3 = 2 * a3, d4 = 2 * a4;
    uint32_t d5 = 2 * a5, d6 = 2 * a6, d7 = 2 * a7, d8 = 2 * a8, d9 = 2 * a9;
    uint32_t q1 = 4 * a1, q3 = 4 * a3;
    uint32_t s5 = 19 * a5, s6 = 19 * a6, s7 = 19 * a7, s8 = 19 * a8, s9 = 19 * a9;
    uint32_t t7 = 38 * a7, t9 = 38 * a9;
    uint64_t c[10];
    c[0] = M(a0, a0) + M(d1, t9) + M(d2, s8) + M(d3, t7) + M(d4, s6) + M(d5, s5);
    c[1] = M(d0, a1) + M(d2, s9) + M(d3, s8) + M(d4, s7) + M(d5, s6);
    c[2] = M(d0, a2) + M(d1, a1) + M(d3, t9) + M(d4, s8) + M(d5, t7) + M(a6, s6);
    c[3] = M(d0, a3) + M(d1, a2) + M(d4, s9) + M(d5, s8) + M(d6, s7);
    c[4] = M(d0, a4) + M(q1, a3) + M(a2, a2) + M(d5, t9) + M(d6, s8) + M(d7, s7);
    c[5] = M(d0, a5) + M(d1, a4) + M(d2, a3) + M(d6, s9) + M(d7, s8);
    c[6] = M(d0, a6) + M(q1, a5) + M(d2, a4) + M(d3, a3) + M(d7, t9) + M(a8, s8);
    c[7] = M(d0, a7) + M(d1, a6) + M(d2, a5) + M(d3, a4) + M(d8, s9);
    c[8] = M(d0, a8) + M(q1, a7) + M(d2, a6) + M(q3, a5) + M(a4, a4) + M(d9, s9);
    c[9] = M(d0, a9) + M(d1, a8) + M(d2, a7) + M(d3, a6) + M(d4, a5);
    fe_carry(r, c);
}

void mote_fe_mul_small(mote_fe r, const mote_fe a, uint32_t k)
{
    uint64_t c[10];
    int i;
    for (i = 0; i < 10; i++)
        c[i] = mote_mul32(a[i], k);
    fe_carry(r, c);
}

void mote_fe_cswap(mote_fe a, mote_fe b, uint32_t bit)
{
    uint32_t mask = 0u - bit, x;
    int i;
    for (i = 0; i < 10; i++) {
        x = mask & (a[i] ^ b[i]);
        a[i] ^= x;
        b[i] ^= x;
    }
}

void mote_fe_cmov(mote_fe r, const mote_fe a, uint32_t bit)
{
    uint32_t mask = 0u - bit;
    int i;
    for (i = 0; i < 10; i++)
        r[i] ^= mask & (r[i] ^ a[i]);
}

uint32_t mote_fe_iszero(const mote_fe a)
{
    uint8_t b[32];
    uint32_t acc = 0;
    int i;
    mote_fe_tobytes(b, a);
    for (i = 0; i < 32; i++)
        acc |= b[i];
    return mote_ct_is_zero32(acc) & 1u;
}

uint32_t mote_fe_isneg(const mote_fe a)
{
    uint8_t b[32];
    mote_fe_tobytes(b, a);
    return b[0] & 1u;
}

/* r = a^(2^n) * b. */
static void fe_sqr_n_mul(mote_fe r, const mote_fe a, int n, const mote_fe b)
{
    mote_fe t;
    mote_fe_sqr(t, a);
    while (--n > 0)
        mote_fe_sqr(t, t);
    mote_fe_mul(r, t, b);
}

/* The common head of inversion and pow22523: r = z^(2^250 - 1), z11 = z^11. */
static void fe_pow250(mote_fe r, mote_fe z11, const mote_fe z)
{
    mote_fe t0, t1, a10, a50;
    mote_fe_sqr(t0, z);             /* z^2 */
    mote_fe_sqr(t1, t0);            /* z^4 */
    mote_fe_sqr(t1, t1);            /* z^8 */
    mote_fe_mul(t1, t1, z);         /* z^9 */
    mote_fe_mul(z11, t1, t0);       /* z^11 */
    mote_fe_sqr(t0, z11);           /* z^22 */
    mote_fe_mul(t0, t0, t1);        /* z^31 = z^(2^5 - 1) */
    fe_sqr_n_mul(a10, t0, 5, t0);   /* 2^10 - 1 */
    fe_sqr_n_mul(t0, a10, 10, a10); /* 2^20 - 1 */
    fe_sqr_n_mul(t0, t0, 20, t0);   /* 2^40 - 1 */
    fe_sqr_n_mul(a50, t0, 10, a10); /* 2^50 - 1 */
    fe_sqr_n_mul(t0, a50, 50, a50); /* 2^100 - 1 */
    fe_sqr_n_mul(t0, t0, 100, t0);  /* 2^200 - 1 */
    fe_sqr_n_mul(r, t0, 50, a50);   /* 2^250 - 1 */
}

void mote_fe_invert(mote_fe r, const mote_fe a)
{
    mote_fe t, z11;
    fe_pow250(t, z11, a);
    fe_sqr_n_mul(r, t, 5, z11); /* 2^255 - 32 + 11 = p - 2 */
}

void mote_fe_pow22523(mote_fe r, const mote_fe a)
{
    mote_fe t, z11, z;
    mote_fe_copy(z, a);
    fe_pow250(t, z11, z);
    fe_sqr_n_mul(r, t, 2, z); /* 2^252 - 4 + 1 */
}

#endif
