/* GHASH (NIST SP 800-38D), constant time: carry-less products from integer
 * multiplies "with holes".
 *
 * A carry-less product of x and y is formed from integer products of
 * sparse pieces: x & m_i keeps every fourth bit (m_i = 0x11..1 << i). In an
 * integer product of two such pieces, at most 16 partial products land on
 * each kept bit position of the low word, and their carries only reach the
 * three positions above it, which belong to other classes; masking each
 * class's sum with its m_k leaves the exact carry-less bits. The low half of
 * a 64x64 (or 32x32) product comes out directly; the high half is the low
 * half of the product of the bit-reversed operands, reversed back. No table
 * and no branch depends on H or on the data.
 *
 * Blocks are big-endian 128-bit integers in GCM's reflected bit order: the
 * integer product of two of them is the reflected polynomial product shifted
 * right by one, so the product is shifted left by one and reduced modulo
 * x^128 + x^7 + x^2 + x + 1 from the low end.
 *
 * 64-bit words: Karatsuba on 64-bit halves (3 products, each a low and a
 * reversed-high half); the masked pieces of H, H^2, H^3 and H^4 are kept in
 * the key, and four blocks are hashed per reduction:
 * Y = (Y + X1) H^4 + X2 H^3 + X3 H^2 + X4 H. 32-bit words: two levels of
 * Karatsuba on 32-bit quarters (9 products), with 32x32->32 multiplies only
 * (which lx106 and Cortex-M0 have), one block per reduction. */
#include "mote/aead.h"

#if MOTE_ENABLE_GCM

#include <string.h>

#include "crypto/ghash.h"
#include "crypto/util.h"

/* Force inlining of the small hot helpers (GCC and Clang), unless
 * optimizing for size. */
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
#define INLINE inline __attribute__((always_inline))
#else
#define INLINE inline
#endif

#if MOTE_AES_WORD64

#define M0 UINT64_C(0x1111111111111111)
#define M1 UINT64_C(0x2222222222222222)
#define M2 UINT64_C(0x4444444444444444)
#define M3 UINT64_C(0x8888888888888888)

static INLINE uint64_t rev64(uint64_t x)
{
    x = ((x >> 1) & UINT64_C(0x5555555555555555)) | ((x & UINT64_C(0x5555555555555555)) << 1);
    x = ((x >> 2) & UINT64_C(0x3333333333333333)) | ((x & UINT64_C(0x3333333333333333)) << 2);
    x = ((x >> 4) & UINT64_C(0x0F0F0F0F0F0F0F0F)) | ((x & UINT64_C(0x0F0F0F0F0F0F0F0F)) << 4);
    x = ((x >> 8) & UINT64_C(0x00FF00FF00FF00FF)) | ((x & UINT64_C(0x00FF00FF00FF00FF)) << 8);
    x = ((x >> 16) & UINT64_C(0x0000FFFF0000FFFF)) | ((x & UINT64_C(0x0000FFFF0000FFFF)) << 16);
    return (x >> 32) | (x << 32);
}

/* sum over i < n of the low 64 bits of the carry-less products x[i] * h_i,
 * h_i the operand whose four masked pieces are h[i * stride + 0..3]. */
static uint64_t bmul64_sum(const uint64_t *x, const uint64_t *h, size_t stride, size_t n)
{
    uint64_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, t;
    size_t i;
    for (i = 0; i < n; i++, h += stride) {
        t = x[i] & M0;
        a0 ^= t * h[0];
        a1 ^= t * h[1];
        a2 ^= t * h[2];
        a3 ^= t * h[3];
        t = x[i] & M1;
        a1 ^= t * h[0];
        a2 ^= t * h[1];
        a3 ^= t * h[2];
        a0 ^= t * h[3];
        t = x[i] & M2;
        a2 ^= t * h[0];
        a3 ^= t * h[1];
        a0 ^= t * h[2];
        a1 ^= t * h[3];
        t = x[i] & M3;
        a3 ^= t * h[0];
        a0 ^= t * h[1];
        a1 ^= t * h[2];
        a2 ^= t * h[3];
    }
    return (a0 & M0) | (a1 & M1) | (a2 & M2) | (a3 & M3);
}

static void split(uint64_t *d, uint64_t v)
{
    d[0] = v & M0;
    d[1] = v & M1;
    d[2] = v & M2;
    d[3] = v & M3;
}

/* Key material for one power of H, (h1, h0) = its two 64-bit halves: the
 * pieces of h0, h1, h0^h1 and of their bit reversals. The key holds H^4,
 * H^3, H^2, H in that order. */
static void key_power(uint64_t *k, uint64_t h1, uint64_t h0)
{
    split(k, h0);
    split(k + 4, h1);
    split(k + 8, h0 ^ h1);
    split(k + 12, rev64(h0));
    split(k + 16, rev64(h1));
    split(k + 20, rev64(h0 ^ h1));
}

/* Bit reversal inside each byte: rev64(be64(p)) = rbit8(le64(p)). */
static INLINE uint64_t rbit8(uint64_t x)
{
    x = ((x >> 1) & UINT64_C(0x5555555555555555)) | ((x & UINT64_C(0x5555555555555555)) << 1);
    x = ((x >> 2) & UINT64_C(0x3333333333333333)) | ((x & UINT64_C(0x3333333333333333)) << 2);
    return ((x >> 4) & UINT64_C(0x0F0F0F0F0F0F0F0F)) | ((x & UINT64_C(0x0F0F0F0F0F0F0F0F)) << 4);
}

static INLINE uint64_t ld_le64(const uint8_t *p)
{
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) &&                                 \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
#else
    return mote_load_le64(p);
#endif
}

/* The six multiplier operands of block i: x0, x1, x0^x1 and the bit
 * reversals of the three, for x = (x1, x0), stored with stride 4 (xs[4 j + i]). */
static INLINE void operands(uint64_t *xs, uint64_t x1, uint64_t x0, uint64_t x1r, uint64_t x0r)
{
    xs[0] = x0;
    xs[4] = x1;
    xs[8] = x0 ^ x1;
    xs[12] = x0r;
    xs[16] = x1r;
    xs[20] = x0r ^ x1r;
}

/* y = sum over i < n of x_i * H^(n - i) (xs: the operands of the n blocks,
 * n = 1 or 4; k: the key material of H^n, followed by that of the lower
 * powers, 24 words each). xs[24..29] is scratch. */
static void mul_reduce(uint64_t *y, uint64_t *xs, const uint64_t *k, size_t n)
{
    uint64_t *p = xs + 24, h0, h1, h2, ml, mh, z0, z1, z2, z3;
    size_t j;

    for (j = 0; j < 6; j++)
        p[j] = bmul64_sum(xs + 4 * j, k + 4 * j, 24, n);
    /* p[0..2]: low halves of x0 h0, x1 h1, (x0^x1)(h0^h1); p[3..5]: their
     * high halves, reversed */
    h0 = rev64(p[3]) >> 1;
    h1 = rev64(p[4]) >> 1;
    h2 = rev64(p[5]) >> 1;
    ml = p[2] ^ p[0] ^ p[1];
    mh = h2 ^ h0 ^ h1;
    z0 = p[0];
    z1 = h0 ^ ml;
    z2 = p[1] ^ mh;
    z3 = h1;

    /* the 255-bit reflected product, shifted to 256 bits, reduced */
    z3 = (z3 << 1) | (z2 >> 63);
    z2 = (z2 << 1) | (z1 >> 63);
    z1 = (z1 << 1) | (z0 >> 63);
    z0 <<= 1;
    z2 ^= z0 ^ (z0 >> 1) ^ (z0 >> 2) ^ (z0 >> 7);
    z1 ^= (z0 << 63) ^ (z0 << 62) ^ (z0 << 57);
    z3 ^= z1 ^ (z1 >> 1) ^ (z1 >> 2) ^ (z1 >> 7);
    z2 ^= (z1 << 63) ^ (z1 << 62) ^ (z1 << 57);
    y[1] = z3;
    y[0] = z2;
}

/* The compact key: H^4, H^3, H^2, H as (high, low) halves. */
void mote_ghash_ckey_init(mote_ghash_ckey *ck, const uint8_t h[16])
{
    ck->h[0] = mote_load_be64(h);
    ck->h[1] = mote_load_be64(h + 8);
}

/* H's pieces, then H^2, H^3, H^4 (three products with H) and theirs: a
 * few hundred instructions a record, for 48 bytes less of every
 * connection's key state. */
void mote_ghash_ckey_expand(const mote_ghash_ckey *ck, mote_ghash_key *key)
{
    uint64_t p[2], xs[30];
    unsigned i;
    p[1] = ck->h[0];
    p[0] = ck->h[1];
    key_power(key->k[3], p[1], p[0]);
    for (i = 3; i-- > 0;) {
        operands(xs, p[1], p[0], rev64(p[1]), rev64(p[0]));
        mul_reduce(p, xs, key->k[3], 1);
        key_power(key->k[i], p[1], p[0]);
    }
    mote_wipe(p, sizeof p);
    mote_wipe(xs, sizeof xs);
}

void mote_ghash_update(const mote_ghash_key *key, uint8_t y[16], const uint8_t *data, size_t len)
{
    uint64_t s[2], xs[30];
    uint8_t last[16];
    size_t i;

    s[1] = mote_load_be64(y);
    s[0] = mote_load_be64(y + 8);
    while (len >= 64) {
        uint64_t r1 = rev64(s[1]), r0 = rev64(s[0]);
        for (i = 0; i < 4; i++) {
            const uint8_t *p = data + 16 * i;
            operands(xs + i, s[1] ^ mote_load_be64(p), s[0] ^ mote_load_be64(p + 8),
                     r1 ^ rbit8(ld_le64(p)), r0 ^ rbit8(ld_le64(p + 8)));
            s[1] = s[0] = r1 = r0 = 0;
        }
        mul_reduce(s, xs, key->k[0], 4);
        data += 64;
        len -= 64;
    }
    while (len > 0) {
        const uint8_t *p = data;
        size_t n = len < 16 ? len : 16;
        if (n < 16) {
            memset(last, 0, sizeof last);
            memcpy(last, data, n);
            p = last;
        }
        s[1] ^= mote_load_be64(p);
        s[0] ^= mote_load_be64(p + 8);
        operands(xs, s[1], s[0], rev64(s[1]), rev64(s[0]));
        mul_reduce(s, xs, key->k[3], 1);
        data += n;
        len -= n;
    }
    mote_store_be64(y, s[1]);
    mote_store_be64(y + 8, s[0]);
    mote_wipe(s, sizeof s);
    mote_wipe(xs, sizeof xs);
}

#else /* 32-bit words */

#define M0 0x11111111u
#define M1 0x22222222u
#define M2 0x44444444u
#define M3 0x88888888u

static INLINE uint32_t rev32(uint32_t x)
{
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
    x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
    return (x >> 16) | (x << 16);
}

/* Low 32 bits of the carry-less product of x and y (at most 8 partial
 * products per kept bit: no carry reaches the next bit of the class). */
static INLINE uint32_t bmul32(uint32_t x, uint32_t y)
{
    uint32_t x0 = x & M0, x1 = x & M1, x2 = x & M2, x3 = x & M3;
    uint32_t y0 = y & M0, y1 = y & M1, y2 = y & M2, y3 = y & M3;
    uint32_t z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
    uint32_t z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
    uint32_t z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
    uint32_t z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
    return (z0 & M0) | (z1 & M1) | (z2 & M2) | (z3 & M3);
}

/* The nine Karatsuba leaves of a 128-bit operand w (w[3] most
 * significant): leaf 3 i1 + i2 is half i2 (low, high, low^high, as 32-bit
 * words) of half i1 (low, high, low^high, as 64-bit words) of w. */
static void leaves(uint32_t *v, const uint32_t *w)
{
    unsigned i;
    for (i = 0; i < 2; i++) {
        v[3 * i] = w[2 * i];
        v[3 * i + 1] = w[2 * i + 1];
        v[6 + i] = w[i] ^ w[2 + i];
    }
    for (i = 0; i < 9; i += 3)
        v[i + 2] = v[i] ^ v[i + 1];
}

/* The compact key: H as four words, least significant first. */
void mote_ghash_ckey_init(mote_ghash_ckey *ck, const uint8_t h[16])
{
    unsigned i;
    for (i = 0; i < 4; i++)
        ck->w[i] = mote_load_be32(h + 12 - 4 * i);
}

void mote_ghash_ckey_expand(const mote_ghash_ckey *ck, mote_ghash_key *key)
{
    unsigned i;
    leaves(key->k, ck->w);
    for (i = 0; i < 9; i++)
        key->k[9 + i] = rev32(key->k[i]);
}

/* y = y * H (y: the 16 bytes of the state) by two levels of Karatsuba over
 * the nine leaf products (t: 60 words of scratch). The leaves of the
 * bit-reversed operand are the reversals of its leaves (reversal is
 * linear), so only the four words are reversed. The words of y sit in z
 * until the products are combined there. */
static void mul_h(uint8_t y[16], const mote_ghash_key *key, uint32_t *t)
{
    uint32_t *v = t, *vr = t + 9, *w = t + 18, *p = t + 22, *z = t + 52;
    unsigned i, j, n;

    for (i = 0; i < 4; i++) {
        z[i] = mote_load_be32(y + 12 - 4 * i);
        w[i] = rev32(z[i]);
    }
    leaves(v, z);
    leaves(vr, w);
    for (i = 0; i < 9; i++) {
        p[2 * i] = bmul32(v[i], key->k[i]);
        p[2 * i + 1] = rev32(bmul32(vr[i], key->k[9 + i])) >> 1;
    }
    /* The Karatsuba combinations, one routine for both levels: from three
     * products of n words (low, high, middle) at a, the 2n-word product at
     * o = low + high x^(32 n) + (middle + low + high) x^(16 n). Level 2
     * (i < 3, n = 2) turns the leaf products of half i into its 128-bit
     * product at p + 18 + 4 i; level 1 (i = 3, n = 4) those of the three
     * halves into the 256-bit product z = p + 30. */
    for (i = 0; i < 4; i++) {
        const uint32_t *a = p + 6 * i;
        uint32_t *o = p + 18 + 4 * i;
        n = i < 3 ? 2 : 4;
        memcpy(o, a, 2 * n * sizeof *o);
        for (j = 0; j < n; j++)
            o[n / 2 + j] ^= a[j] ^ a[n + j] ^ a[2 * n + j];
    }
    /* shift left by one, reduce from the low end */
    for (i = 7; i > 0; i--)
        z[i] = (z[i] << 1) | (z[i - 1] >> 31);
    z[0] <<= 1;
    for (i = 0; i < 4; i++) {
        z[i + 4] ^= z[i] ^ (z[i] >> 1) ^ (z[i] >> 2) ^ (z[i] >> 7);
        z[i + 3] ^= (z[i] << 31) ^ (z[i] << 30) ^ (z[i] << 25);
    }
    for (i = 0; i < 4; i++)
        mote_store_be32(y + 12 - 4 * i, z[i + 4]);
}

/* Each block is XORed into y as bytes (a partial last block is zero padded
 * by leaving the rest of y as it is), then y is multiplied by H. */
void mote_ghash_update(const mote_ghash_key *key, uint8_t y[16], const uint8_t *data, size_t len)
{
    uint32_t t[60];
    unsigned i;

    while (len > 0) {
        size_t n = len < 16 ? len : 16;
        for (i = 0; i < n; i++)
            y[i] ^= data[i];
        mul_h(y, key, t);
        data += n;
        len -= n;
    }
    mote_wipe(t, sizeof t);
}

#endif

void mote_ghash_init(mote_ghash_key *key, const uint8_t h[16])
{
    mote_ghash_ckey ck;
    mote_ghash_ckey_init(&ck, h);
    mote_ghash_ckey_expand(&ck, key);
    mote_wipe(&ck, sizeof ck);
}

#endif
