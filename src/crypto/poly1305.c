/* mote: Poly1305 one-time authenticator (RFC 8439 section 2.5).
 *
 * Radix 2^32: h = h0 + h1 2^32 + h2 2^64 + h3 2^96 + h4 2^128 with h4 small
 * (<= 5 when multiplied), r = r0 + r1 2^32 + r2 2^64 + r3 2^96. Clamping
 * leaves every r_i below 2^28 and r1, r2, r3 divisible by 4, so a product
 * that reaches 2^128 folds exactly: r_j 2^128 = (r_j / 4) 2^130 = 5 r_j / 4
 * = r_j + (r_j >> 2) = s_j (mod p = 2^130 - 5). A block then costs 16
 * products of 32x28 bits plus 3 small ones by h4 (19 mote_mul32 calls
 * instead of the 25 of radix 2^26); each column sum stays below 2^63. No
 * branch or index depends on the key, the message or h: the final reduction
 * modulo p adds a masked 5.
 *
 * The loops are unrolled by pragma (so the limbs live in registers) except
 * when optimizing for size. */
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
 * for the already padded final partial block.
 *
 * Between blocks h4 is left unreduced (below 2^32): its bits from 2^130 up
 * are folded back (times 5) in the carry chain that adds the next block, so
 * each block has two carry chains, not three. */
static void poly_blocks(mote_poly1305_ctx *ctx, const uint8_t *m, size_t n, uint32_t hibit)
{
    /* w = s1 s2 s3 r0 r1 r2 r3 (s_j = 5 r_j / 4): the product column i takes
     * h_j times w[3 + i - j], i.e. r_(i-j) or, past 2^128, s_(4+i-j). */
    const uint32_t *w = ctx->r;
    uint32_t h[4], t[4], h4 = ctx->h[4];
    uint64_t c;
    unsigned i, j;

    UNROLL4 for (i = 0; i < 4; i++) h[i] = ctx->h[i];
    while (n-- > 0) {
        /* h += m + 2^128 hibit, with h4 = 4q + (h4 & 3) -> 5q + (h4 & 3) 2^128;
         * afterwards h4 <= 5. */
        c = (uint64_t)(h4 & ~3u) + (h4 >> 2);
        UNROLL4 for (i = 0; i < 4; i++)
        {
            c += (uint64_t)h[i] + mote_load_le32(m + 4 * i);
            h[i] = (uint32_t)c;
            c >>= 32;
        }
        h4 = (h4 & 3) + (uint32_t)c + hibit;

        /* h *= r, column by column with the carry: products below 2^60.4,
         * sums below 2^63 */
        c = 0;
        UNROLL4 for (i = 0; i < 4; i++)
        {
            if (i > 0) c += mote_mul32(h4, w[i - 1]);
            UNROLL4 for (j = 0; j < 4; j++) c += mote_mul32(h[j], w[3 + i - j]);
            t[i] = (uint32_t)c;
            c >>= 32;
        }
        h4 = h4 * w[3] + (uint32_t)c; /* < 5 * 2^28 + 2^31 */
        UNROLL4 for (i = 0; i < 4; i++) h[i] = t[i];
        m += 16;
    }
    UNROLL4 for (i = 0; i < 4; i++) ctx->h[i] = h[i];
    ctx->h[4] = h4;
}

void mote_poly1305_init(mote_poly1305_ctx *ctx, const uint8_t key[32])
{
    uint32_t *w = ctx->r;
    size_t i;

    /* r &= 0x0ffffffc0ffffffc0ffffffc0fffffff (RFC 8439 clamping) */
    w[3] = mote_load_le32(key) & 0x0fffffffu;
    for (i = 1; i < 4; i++) {
        w[3 + i] = mote_load_le32(key + 4 * i) & 0x0ffffffcu;
        w[i - 1] = w[3 + i] + (w[3 + i] >> 2);
    }
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
    uint32_t *h = ctx->h, mask;
    uint64_t c;
    size_t i;

    if (ctx->buf_len > 0) {
        /* The last partial block carries its 2^(8*len) bit as a 1 byte. */
        i = ctx->buf_len;
        ctx->buf[i++] = 1;
        for (; i < 16; i++)
            ctx->buf[i] = 0;
        poly_blocks(ctx, ctx->buf, 1, 0);
    }

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
    mote_wipe(ctx, sizeof *ctx);
}

#endif
