/* mote: Poly1305 one-time authenticator (RFC 8439 section 2.5).
 *
 * Two forms of the block function, chosen like the Montgomery core's word
 * size (MOTE_BN64, crypto/mul.h): 64-bit limbs with 64x64->128 products on
 * hosts with unsigned __int128, 32-bit limbs through mote_mul32 everywhere
 * else (32-bit MCUs, the 16-bit multiply backend). Both keep the state in
 * the same 32-bit words of mote_poly1305_ctx (h = h[0] + h[1] 2^32 + ...
 * + h[4] 2^128, h[4] small) and share init's clamping and final.
 *
 * Clamping leaves every 32-bit word of r below 2^28 and all but the lowest
 * divisible by 4, so a product that reaches 2^128 folds exactly: r_j 2^128
 * = (r_j / 4) 2^130 = 5 r_j / 4 = r_j + (r_j >> 2) (mod p = 2^130 - 5).
 *
 * Radix 2^32: h = h0 + h1 2^32 + h2 2^64 + h3 2^96 + h4 2^128 with h4 small
 * (<= 5 when multiplied), r = r0 + r1 2^32 + r2 2^64 + r3 2^96, s_j = r_j +
 * (r_j >> 2). A block costs 16 products of 32x28 bits plus 3 small ones by
 * h4 (19 mote_mul32 calls instead of the 25 of radix 2^26); each column sum
 * stays below 2^63.
 *
 * Radix 2^64: h = h0 + h1 2^64 + h2 2^128, r = r0 + r1 2^64 (both below
 * 2^60, r1 divisible by 4), s1 = r1 + (r1 >> 2). A block costs 4 products
 * of 64x60 bits and 2 single-word ones by the small h2.
 *
 * No branch or index depends on the key, the message or h: the final
 * reduction modulo p adds a masked 5. The 32-bit loops are unrolled by
 * pragma (so the limbs live in registers) except when optimizing for size. */
#include "mote/aead.h"

#if MOTE_ENABLE_CHACHAPOLY

#include <string.h>

#include "crypto/mul.h"
#include "crypto/util.h"

#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
#define UNROLL4 _Pragma("GCC unroll 4")
#else
#define UNROLL4
#endif

/* Absorb n whole 16-byte blocks; hibit is 1 (2^128) for message blocks, 0
 * for the already padded final partial block. */
#if MOTE_BN64
/* 64-bit word i of a little-endian array of 32-bit words */
static uint64_t get64(const uint32_t *w, unsigned i)
{
    return w[2 * i] | (uint64_t)w[2 * i + 1] << 32;
}

static void put64(uint32_t *w, unsigned i, uint64_t v)
{
    w[2 * i] = (uint32_t)v;
    w[2 * i + 1] = (uint32_t)(v >> 32);
}

/* ctx->r holds r0, r1, s1 as 64-bit words (get64 0..2).
 *
 * Between blocks h2 is left unreduced (below 2^63): its bits from 2^130
 * up are folded back (times 5, below 2^64) in the carry chain that adds the
 * next block, so a block has two carry chains, not three. Bounds per block:
 * the sums carry at most 2 into h2, so h2 <= 3 + 2 + 1 = 6 when multiplied,
 * h2 s1 < 2^63 and h2 r0 < 2^62.6; d0 < 2^126, d1 < 2^125.1, and the new
 * h2 < 2^62.6 + 2^61.1. */
static void poly_blocks(mote_poly1305_ctx *ctx, const uint8_t *m, size_t n, uint32_t hibit)
{
    const uint64_t r0 = get64(ctx->r, 0), r1 = get64(ctx->r, 1), s1 = get64(ctx->r, 2);
    uint64_t h0 = get64(ctx->h, 0), h1 = get64(ctx->h, 1), h2 = ctx->h[4], f, c;
    mote_u128 d0, d1;

    while (n-- > 0) {
        /* h += m + 2^128 hibit, with h2 = 4q + (h2 & 3) -> 5q + (h2 & 3)
         * 2^128. Single-word sums with carries from comparisons, as in
         * bn_core.h: gcc spills 128-bit sums of single words. */
        f = (h2 & ~(uint64_t)3) + (h2 >> 2);
        h0 += f;
        c = (uint64_t)(h0 < f);
        f = mote_load_le64(m);
        h0 += f;
        c += (uint64_t)(h0 < f);
        h1 += c;
        c = (uint64_t)(h1 < c);
        f = mote_load_le64(m + 8);
        h1 += f;
        c += (uint64_t)(h1 < f);
        h2 = (h2 & 3) + c + hibit;
        /* h *= r: r1 2^128 = s1 (mod p), and h2 r1 2^192 = h2 s1 2^64 */
        d0 = mote_mul64(h0, r0) + mote_mul64(h1, s1);
        d1 = mote_mul64(h0, r1) + mote_mul64(h1, r0);
        d1 += h2 * s1 + (uint64_t)(d0 >> 64); /* < 2^63 + 2^62 */
        h2 = h2 * r0 + (uint64_t)(d1 >> 64);
        h0 = (uint64_t)d0;
        h1 = (uint64_t)d1;
        m += 16;
    }
    /* fold once more so that h[4] (32 bits) can hold h2: then h2 <= 4 */
    f = (h2 & ~(uint64_t)3) + (h2 >> 2);
    h0 += f;
    c = (uint64_t)(h0 < f);
    h1 += c;
    c = (uint64_t)(h1 < c);
    put64(ctx->h, 0, h0);
    put64(ctx->h, 1, h1);
    ctx->h[4] = (uint32_t)((h2 & 3) + c);
}

static void set_r(uint32_t *w, const uint8_t key[16])
{
    uint64_t r0 = mote_load_le64(key) & 0x0ffffffc0fffffffu;
    uint64_t r1 = mote_load_le64(key + 8) & 0x0ffffffc0ffffffcu;
    put64(w, 0, r0);
    put64(w, 1, r1);
    put64(w, 2, r1 + (r1 >> 2));
}
#else
#if MOTE_MUL16
/* lx106 (MUL16) has no carry flag: gcc turns a 64-bit sum into a branch on
 * the carry, on the data (tests/ct/lx106_branches.sh). There the carries
 * come from bits (mote_adc32). */
/* c[0] + c[1] 2^32 += v (the sum stays below 2^64) */
static void acc64(uint32_t *c, uint64_t v)
{
    uint32_t k = 0;
    c[0] = mote_adc32(c[0], (uint32_t)v, &k);
    c[1] += (uint32_t)(v >> 32) + k;
}

/* out = h + f0 + f1 2^32 + x (4 words; x may be NULL: 0); returns the
 * carry out of 2^128 (0 to 2). out may alias h. */
static uint32_t add4(uint32_t *out, const uint32_t *h, uint32_t f0, uint32_t f1, const uint32_t *x)
{
    uint32_t k1 = 0, k2 = 0, a;
    unsigned i;
    for (i = 0; i < 4; i++) {
        a = mote_adc32(h[i], i == 0 ? f0 : i == 1 ? f1 : 0, &k1);
        out[i] = mote_adc32(a, x ? x[i] : 0, &k2);
    }
    return k1 + k2;
}

/* 5 q for q = h4 >> 2 (the bits of h from 2^130 up, as 2^130 = 5 mod p), as
 * f0 + f1 2^32 */
static uint32_t fold5(uint32_t h4, uint32_t *f1)
{
    *f1 = 0;
    return mote_adc32(h4 & ~3u, h4 >> 2, f1);
}
#endif

/* Between blocks h4 is left unreduced (below 2^32): its bits from 2^130 up
 * are folded back (times 5) in the carry chain that adds the next block, so
 * each block has two carry chains, not three. */
static void poly_blocks(mote_poly1305_ctx *ctx, const uint8_t *m, size_t n, uint32_t hibit)
{
    /* w = s1 s2 s3 r0 r1 r2 r3 (s_j = 5 r_j / 4): the product column i takes
     * h_j times w[3 + i - j], i.e. r_(i-j) or, past 2^128, s_(4+i-j). */
    const uint32_t *w = ctx->r;
    uint32_t h[4], t[4], h4 = ctx->h[4];
#if MOTE_MUL16
    uint32_t c[2], f0, f1;
#else
    uint64_t c;
#endif
    unsigned i, j;

    UNROLL4 for (i = 0; i < 4; i++) h[i] = ctx->h[i];
    while (n-- > 0) {
        /* h += m + 2^128 hibit, with h4 = 4q + (h4 & 3) -> 5q + (h4 & 3) 2^128;
         * afterwards h4 <= 5. */
#if MOTE_MUL16
        for (i = 0; i < 4; i++)
            t[i] = mote_load_le32(m + 4 * i);
        f0 = fold5(h4, &f1);
        h4 = (h4 & 3) + add4(h, h, f0, f1, t) + hibit;
#else
        c = (uint64_t)(h4 & ~3u) + (h4 >> 2);
        UNROLL4 for (i = 0; i < 4; i++)
        {
            c += (uint64_t)h[i] + mote_load_le32(m + 4 * i);
            h[i] = (uint32_t)c;
            c >>= 32;
        }
        h4 = (h4 & 3) + (uint32_t)c + hibit;
#endif

        /* h *= r, column by column with the carry: products below 2^60.4,
         * sums below 2^63 */
#if MOTE_MUL16
        c[0] = c[1] = 0;
        for (i = 0; i < 4; i++) {
            if (i > 0) acc64(c, mote_mul32(h4, w[i - 1]));
            for (j = 0; j < 4; j++)
                acc64(c, mote_mul32(h[j], w[3 + i - j]));
            t[i] = c[0];
            c[0] = c[1];
            c[1] = 0;
        }
        h4 = h4 * w[3] + c[0]; /* < 5 * 2^28 + 2^31 */
#else
        c = 0;
        UNROLL4 for (i = 0; i < 4; i++)
        {
            if (i > 0) c += mote_mul32(h4, w[i - 1]);
            UNROLL4 for (j = 0; j < 4; j++) c += mote_mul32(h[j], w[3 + i - j]);
            t[i] = (uint32_t)c;
            c >>= 32;
        }
        h4 = h4 * w[3] + (uint32_t)c; /* < 5 * 2^28 + 2^31 */
#endif
        UNROLL4 for (i = 0; i < 4; i++) h[i] = t[i];
        m += 16;
    }
    UNROLL4 for (i = 0; i < 4; i++) ctx->h[i] = h[i];
    ctx->h[4] = h4;
}

/* r &= 0x0ffffffc0ffffffc0ffffffc0fffffff (RFC 8439 clamping); w = s1 s2 s3
 * r0 r1 r2 r3 */
static void set_r(uint32_t *w, const uint8_t key[16])
{
    size_t i;
    w[3] = mote_load_le32(key) & 0x0fffffffu;
    for (i = 1; i < 4; i++) {
        w[3 + i] = mote_load_le32(key + 4 * i) & 0x0ffffffcu;
        w[i - 1] = w[3 + i] + (w[3 + i] >> 2);
    }
}
#endif

void mote_poly1305_init(mote_poly1305_ctx *ctx, const uint8_t key[32])
{
    size_t i;

    set_r(ctx->r, key);
    for (i = 0; i < 5; i++)
        ctx->h[i] = 0;
    for (i = 0; i < 4; i++)
        ctx->pad[i] = mote_load_le32(key + 16 + 4 * i);
    ctx->buf_len = 0;
}

#if defined(__OPTIMIZE_SIZE__)
/* poly_blocks for mote_feed_blocks: message blocks */
static void msg_blocks(void *ctx, const uint8_t *m, size_t n)
{
    poly_blocks(ctx, m, n, 1);
}

void mote_poly1305_update(mote_poly1305_ctx *ctx, const uint8_t *data, size_t len)
{
    ctx->buf_len = mote_feed_blocks(ctx, ctx->buf, ctx->buf_len, 16, msg_blocks, data, len);
}
#else
/* the same, with poly_blocks inlined for message blocks (2% faster) */
void mote_poly1305_update(mote_poly1305_ctx *ctx, const uint8_t *data, size_t len)
{
    if (len == 0) return;
    if (ctx->buf_len > 0) {
        size_t k = 16 - ctx->buf_len;
        if (k > len) k = len;
        memcpy(ctx->buf + ctx->buf_len, data, k);
        ctx->buf_len += k;
        data += k;
        len -= k;
        if (ctx->buf_len < 16) return;
        poly_blocks(ctx, ctx->buf, 1, 1);
        ctx->buf_len = 0;
    }
    if (len >= 16) {
        poly_blocks(ctx, data, len / 16, 1);
        data += len & ~(size_t)15;
        len &= 15;
    }
    if (len > 0) {
        memcpy(ctx->buf, data, len);
        ctx->buf_len = len;
    }
}
#endif

void mote_poly1305_final(mote_poly1305_ctx *ctx, uint8_t tag[16])
{
    uint32_t *h = ctx->h, mask;
#if MOTE_MUL16
    uint32_t *t = ctx->r, f0, f1; /* r is no longer needed: scratch */
#else
    uint64_t c;
#endif
    size_t i;

    if (ctx->buf_len > 0) {
        /* The last partial block carries its 2^(8*len) bit as a 1 byte. */
        i = ctx->buf_len;
        ctx->buf[i++] = 1;
        for (; i < 16; i++)
            ctx->buf[i] = 0;
        poly_blocks(ctx, ctx->buf, 1, 0);
    }

#if MOTE_MUL16
    /* Fold the bits from 2^130 up: then h4 <= 4 and h < 2^130 + 2^35 < 2p. */
    f0 = fold5(h[4], &f1);
    h[4] = (h[4] & 3) + add4(h, h, f0, f1, NULL);
    /* h >= p exactly when h + 5 >= 2^130; then h mod p = h + 5 - 2^130, whose
     * low 128 bits are those of h + 5. */
    mask = 0u - ((h[4] + add4(t, h, 5, 0, NULL)) >> 2);
    /* tag = (h mod p + s) mod 2^128 */
    (void)add4(h, h, 5 & mask, 0, ctx->pad);
    for (i = 0; i < 4; i++)
        mote_store_le32(tag + 4 * i, h[i]);
#else
    /* Fold the bits from 2^130 up: then h4 <= 4 and h < 2^130 + 2^35 < 2p. */
    c = (uint64_t)(h[4] >> 2) * 5;
    for (i = 0; i < 4; i++) {
        c += h[i];
        h[i] = (uint32_t)c;
        c >>= 32;
    }
    h[4] = (h[4] & 3) + (uint32_t)c;
    /* h >= p exactly when h + 5 >= 2^130; then h mod p = h + 5 - 2^130, whose
     * low 128 bits are those of h + 5. */
    c = 5;
    for (i = 0; i < 4; i++)
        c = (c + h[i]) >> 32;
    mask = 0u - ((h[4] + (uint32_t)c) >> 2);
    /* tag = (h mod p + s) mod 2^128 */
    c = 5 & mask;
    for (i = 0; i < 4; i++) {
        c += (uint64_t)h[i] + ctx->pad[i];
        mote_store_le32(tag + 4 * i, (uint32_t)c);
        c >>= 32;
    }
#endif
    mote_wipe(ctx, sizeof *ctx);
}

#endif
