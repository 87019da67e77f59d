/* mote: Poly1305 one-time authenticator (RFC 8439 section 2.5).
 *
 * Radix 2^32: h = h0 + h1 2^32 + h2 2^64 + h3 2^96 + h4 2^128 with h4 small
 * (<= 5 when multiplied), r = r0 + r1 2^32 + r2 2^64 + r3 2^96. Clamping leaves every r_i
 * below 2^28 and r1, r2, r3 divisible by 4, so a product that reaches 2^128
 * folds exactly: r_j 2^128 = (r_j / 4) 2^130 = 5 r_j / 4 = r_j + (r_j >> 2)
 * (mod p = 2^130 - 5). A block then costs 16 products of 32x28 bits plus 3
 * small ones by h4 (19 mote_mul32 calls instead of the 25 of radix 2^26);
 * each column sum stays below 2^63. No branch or index depends on the key,
 * the message or h: the final reduction modulo p is a masked select. */
#include "mote/aead.h"

#if MOTE_ENABLE_CHACHAPOLY

#include <string.h>

#include "crypto/mul.h"
#include "crypto/util.h"

#define M26 0x3ffffffu

/* Absorb n whole 16-byte blocks; hibit is 1 (2^128) for message blocks, 0
 * for the already padded final partial block.
 *
 * Between blocks h4 is left unreduced (below 2^32): its bits from 2^130 up
 * are folded back (times 5) in the carry chain that adds the next block, so
 * each block has two carry chains, not three. */
static void poly_blocks(mote_poly1305_ctx *ctx, const uint8_t *m, size_t n, uint32_t hibit)
{
    const uint32_t r0 = ctx->r[0], r1 = ctx->r[1], r2 = ctx->r[2], r3 = ctx->r[3];
    const uint32_t s1 = r1 + (r1 >> 2), s2 = r2 + (r2 >> 2), s3 = r3 + (r3 >> 2);
    uint32_t h0 = ctx->h[0], h1 = ctx->h[1], h2 = ctx->h[2], h3 = ctx->h[3], h4 = ctx->h[4];

    while (n-- > 0) {
        uint64_t d0, d1, d2, d3;

        /* h += m + 2^128 hibit, with h4 = 4q + (h4 & 3) -> 5q + (h4 & 3) 2^128;
         * afterwards h4 <= 5. */
        d0 = (uint64_t)h0 + mote_load_le32(m) + (h4 & ~3u) + (h4 >> 2);
        d1 = (uint64_t)h1 + mote_load_le32(m + 4) + (d0 >> 32);
        d2 = (uint64_t)h2 + mote_load_le32(m + 8) + (d1 >> 32);
        d3 = (uint64_t)h3 + mote_load_le32(m + 12) + (d2 >> 32);
        h0 = (uint32_t)d0;
        h1 = (uint32_t)d1;
        h2 = (uint32_t)d2;
        h3 = (uint32_t)d3;
        h4 = (h4 & 3) + (uint32_t)(d3 >> 32) + hibit;

        /* h *= r: columns of products below 2^60.4 each, sums below 2^63 */
        d0 = mote_mul32(h0, r0) + mote_mul32(h1, s3) + mote_mul32(h2, s2) + mote_mul32(h3, s1);
        d1 = mote_mul32(h0, r1) + mote_mul32(h1, r0) + mote_mul32(h2, s3) + mote_mul32(h3, s2) +
             mote_mul32(h4, s1);
        d2 = mote_mul32(h0, r2) + mote_mul32(h1, r1) + mote_mul32(h2, r0) + mote_mul32(h3, s3) +
             mote_mul32(h4, s2);
        d3 = mote_mul32(h0, r3) + mote_mul32(h1, r2) + mote_mul32(h2, r1) + mote_mul32(h3, r0) +
             mote_mul32(h4, s3);
        d1 += d0 >> 32;
        d2 += d1 >> 32;
        d3 += d2 >> 32;
        h0 = (uint32_t)d0;
        h1 = (uint32_t)d1;
        h2 = (uint32_t)d2;
        h3 = (uint32_t)d3;
        h4 = h4 * r0 + (uint32_t)(d3 >> 32); /* < 5 * 2^28 + 2^31 */
        m += 16;
    }
    ctx->h[0] = h0;
    ctx->h[1] = h1;
    ctx->h[2] = h2;
    ctx->h[3] = h3;
    ctx->h[4] = h4;
}

void mote_poly1305_init(mote_poly1305_ctx *ctx, const uint8_t key[32])
{
    size_t i;

    /* r &= 0x0ffffffc0ffffffc0ffffffc0fffffff (RFC 8439 clamping) */
    ctx->r[0] = mote_load_le32(key) & 0x0fffffffu;
    for (i = 1; i < 4; i++)
        ctx->r[i] = mote_load_le32(key + 4 * i) & 0x0ffffffcu;
    for (i = 0; i < 5; i++)
        ctx->h[i] = 0;
    for (i = 0; i < 4; i++)
        ctx->pad[i] = mote_load_le32(key + 16 + 4 * i);
    ctx->buf_len = 0;
}

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

void mote_poly1305_final(mote_poly1305_ctx *ctx, uint8_t tag[16])
{
    uint32_t h0, h1, h2, h3, h4, g0, g1, g2, g3, mask;
    uint64_t c;

    if (ctx->buf_len > 0) {
        /* The last partial block carries its 2^(8*len) bit as a 1 byte. */
        size_t i = ctx->buf_len;
        ctx->buf[i++] = 1;
        for (; i < 16; i++)
            ctx->buf[i] = 0;
        poly_blocks(ctx, ctx->buf, 1, 0);
    }

    /* Fold the bits from 2^130 up: then h4 <= 4 and h < 2^130 + 2^35 < 2p. */
    c = (uint64_t)(ctx->h[4] >> 2) * 5 + ctx->h[0];
    h0 = (uint32_t)c;
    c = (c >> 32) + ctx->h[1];
    h1 = (uint32_t)c;
    c = (c >> 32) + ctx->h[2];
    h2 = (uint32_t)c;
    c = (c >> 32) + ctx->h[3];
    h3 = (uint32_t)c;
    h4 = (ctx->h[4] & 3) + (uint32_t)(c >> 32);

    /* g = h + 5; if g >= 2^130 then h >= p and h mod p = g - 2^130. */
    c = (uint64_t)h0 + 5;
    g0 = (uint32_t)c;
    c = (c >> 32) + h1;
    g1 = (uint32_t)c;
    c = (c >> 32) + h2;
    g2 = (uint32_t)c;
    c = (c >> 32) + h3;
    g3 = (uint32_t)c;
    mask = 0u - ((h4 + (uint32_t)(c >> 32)) >> 2);

    /* tag = (h mod p + s) mod 2^128 */
    c = (uint64_t)((h0 & ~mask) | (g0 & mask)) + ctx->pad[0];
    mote_store_le32(tag, (uint32_t)c);
    c = (c >> 32) + ((h1 & ~mask) | (g1 & mask)) + ctx->pad[1];
    mote_store_le32(tag + 4, (uint32_t)c);
    c = (c >> 32) + ((h2 & ~mask) | (g2 & mask)) + ctx->pad[2];
    mote_store_le32(tag + 8, (uint32_t)c);
    c = (c >> 32) + ((h3 & ~mask) | (g3 & mask)) + ctx->pad[3];
    mote_store_le32(tag + 12, (uint32_t)c);
    mote_wipe(ctx, sizeof *ctx);
}

#endif
