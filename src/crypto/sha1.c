/* SHA-1 (FIPS 180-4, RFC 3174), for HMAC-SHA1 in TLS 1.2 CBC records only:
 * no signature or certificate code takes it (there is no signature scheme
 * or X.509 algorithm that maps to mote_sha1_desc). The block buffering and
 * padding are SHA-2's (sha2.h): SHA-1 pads the same way. */
#include "mote/config.h"

#if MOTE_ENABLE_SHA1
#include "crypto/sha2.h"
#include "crypto/util.h"
#include "mote/hash.h"

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

/* One round per iteration over a 16-word rolling schedule. */
static void sha1_blocks(void *state, const uint8_t *p, size_t n)
{
    uint32_t w[16], s[5], *st = state, f, k, t;
    unsigned i;
    while (n--) {
        for (i = 0; i < 16; i++)
            w[i] = mote_load_be32(p + 4 * i);
        for (i = 0; i < 5; i++)
            s[i] = st[i];
        for (i = 0; i < 80; i++) {
            if (i >= 16) {
                t = w[(i - 3) & 15] ^ w[(i - 8) & 15] ^ w[(i - 14) & 15] ^ w[i & 15];
                w[i & 15] = ROL(t, 1);
            }
            if (i < 20) {
                f = s[3] ^ (s[1] & (s[2] ^ s[3]));
                k = 0x5a827999;
            } else if (i < 40) {
                f = s[1] ^ s[2] ^ s[3];
                k = 0x6ed9eba1;
            } else if (i < 60) {
                f = (s[1] & s[2]) | (s[3] & (s[1] | s[2]));
                k = 0x8f1bbcdc;
            } else {
                f = s[1] ^ s[2] ^ s[3];
                k = 0xca62c1d6;
            }
            t = ROL(s[0], 5) + f + s[4] + k + w[i & 15];
            s[4] = s[3];
            s[3] = s[2];
            s[2] = ROL(s[1], 30);
            s[1] = s[0];
            s[0] = t;
        }
        for (i = 0; i < 5; i++)
            st[i] += s[i];
        p += 64;
    }
    mote_wipe(w, sizeof w);
    mote_wipe(s, sizeof s);
}

void mote_sha1_init(mote_sha1_ctx *ctx)
{
    ctx->h[0] = 0x67452301;
    ctx->h[1] = 0xefcdab89;
    ctx->h[2] = 0x98badcfe;
    ctx->h[3] = 0x10325476;
    ctx->h[4] = 0xc3d2e1f0;
    ctx->count = 0;
}

void mote_sha1_update(mote_sha1_ctx *ctx, const void *data, size_t len)
{
    (void)mote_feed_blocks(ctx->h, ctx->buf, (size_t)ctx->count & 63, 64, sha1_blocks, data, len);
    ctx->count += len;
}

void mote_sha1_final(mote_sha1_ctx *ctx, uint8_t out[MOTE_SHA1_LEN])
{
    unsigned i;
    mote_sha2_pad(ctx->h, ctx->buf, ctx->count, 64, sha1_blocks);
    for (i = 0; i < 5; i++)
        mote_store_be32(out + 4 * i, ctx->h[i]);
    mote_wipe(ctx, sizeof *ctx);
}

void mote_sha1(const void *data, size_t len, uint8_t out[MOTE_SHA1_LEN])
{
    mote_sha1_ctx ctx;
    mote_sha1_init(&ctx);
    mote_sha1_update(&ctx, data, len);
    mote_sha1_final(&ctx, out);
}
#endif
