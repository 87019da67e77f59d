/* SHA-256 (FIPS 180-4), and the padding shared with SHA-1 and SHA-384/512.
 *
 * Two shapes of the compression function (MOTE_SHA2_SMALL, see sha2.h);
 * the round constants sit in one MOTE_FLASH table. */
#include <string.h>

#include "crypto/sha2.h"
#include "crypto/util.h"
#include "mote/hash.h"

void mote_sha2_pad(void *state, uint8_t *buf, uint64_t count, size_t block_len,
                   mote_sha2_blocks_fn blocks)
{
    size_t used = (size_t)count & (block_len - 1);

    buf[used++] = 0x80;
    memset(buf + used, 0, block_len - used);
    if (used > block_len - block_len / 8) { /* no room for the length field */
        blocks(state, buf, 1);
        memset(buf, 0, block_len);
    }
    count <<= 3; /* the bit length, big-endian */
#if defined(__OPTIMIZE_SIZE__)
    for (used = 1; used <= 8; used++, count >>= 8) /* smaller than 32-bit stores */
        buf[block_len - used] = (uint8_t)count;
#else
    mote_store_be64(buf + block_len - 8, count);
#endif
    blocks(state, buf, 1);
}

static const uint32_t K256[64] MOTE_FLASH = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n)   (((x) >> (n)) | ((x) << (32 - (n))))
#define SIG0(x)     (ROR(x, 7) ^ ROR(x, 18) ^ ((x) >> 3))
#define SIG1(x)     (ROR(x, 17) ^ ROR(x, 19) ^ ((x) >> 10))
#define BSIG0(x)    (ROR(x, 2) ^ ROR(x, 13) ^ ROR(x, 22))
#define BSIG1(x)    (ROR(x, 6) ^ ROR(x, 11) ^ ROR(x, 25))
#define CH(e, f, g) ((g) ^ ((e) & ((f) ^ (g))))

#if MOTE_SHA2_SMALL

/* One round per iteration: the working variables a..h are s[0..7] and
 * shift down one place a round; the schedule rolls through w[16]. */
static void sha256_blocks(void *state, const uint8_t *p, size_t n)
{
    uint32_t w[16], s[8], *st = state, t1, t2;
    unsigned i, j;

    while (n--) {
        for (i = 0; i < 16; i++)
            w[i] = mote_load_be32(p + 4 * i);
        for (i = 0; i < 8; i++)
            s[i] = st[i];
        for (i = 0; i < 64; i++) {
            if (i >= 16)
                w[i & 15] += SIG1(w[(i - 2) & 15]) + w[(i - 7) & 15] + SIG0(w[(i - 15) & 15]);
            t1 = s[7] + BSIG1(s[4]) + CH(s[4], s[5], s[6]) + K256[i] + w[i & 15];
            t2 = BSIG0(s[0]) + ((s[0] & s[1]) | (s[2] & (s[0] | s[1])));
            for (j = 7; j > 0; j--)
                s[j] = s[j - 1];
            s[4] += t1;
            s[0] = t1 + t2;
        }
        for (i = 0; i < 8; i++)
            st[i] += s[i];
        p += 64;
    }
    mote_wipe(w, sizeof w); /* the message; for HMAC, the padded key */
    mote_wipe(s, sizeof s);
}

#else

/* One round, kw = K[j] + W[j]. Only d and h change; Maj(a, b, c) is
 * b ^ ((a ^ b) & (b ^ c)), and this round's a ^ b (x) is the next round's
 * b ^ c (y). */
#define ROUND(a, b, c, d, e, f, g, h, kw, x, y)                                                    \
    do {                                                                                           \
        uint32_t t_ = h + BSIG1(e) + CH(e, f, g) + (kw);                                           \
        d += t_;                                                                                   \
        x = a ^ b;                                                                                 \
        h = t_ + BSIG0(a) + (b ^ (x & y));                                                         \
    } while (0)

/* Eight rounds per iteration over the whole message schedule: the
 * variables rotate through ROUND's arguments, nothing is moved. */
static void sha256_blocks(void *state, const uint8_t *p, size_t n)
{
    uint32_t w[64], *st = state, a, b, c, d, e, f, g, h, x, y;
    unsigned i;

    while (n--) {
        for (i = 0; i < 16; i++)
            w[i] = mote_load_be32(p + 4 * i);
        for (i = 16; i < 64; i++)
            w[i] = SIG1(w[i - 2]) + w[i - 7] + SIG0(w[i - 15]) + w[i - 16];
        a = st[0], b = st[1], c = st[2], d = st[3];
        e = st[4], f = st[5], g = st[6], h = st[7];
        y = b ^ c;
        for (i = 0; i < 64; i += 8) {
            ROUND(a, b, c, d, e, f, g, h, K256[i] + w[i], x, y);
            ROUND(h, a, b, c, d, e, f, g, K256[i + 1] + w[i + 1], y, x);
            ROUND(g, h, a, b, c, d, e, f, K256[i + 2] + w[i + 2], x, y);
            ROUND(f, g, h, a, b, c, d, e, K256[i + 3] + w[i + 3], y, x);
            ROUND(e, f, g, h, a, b, c, d, K256[i + 4] + w[i + 4], x, y);
            ROUND(d, e, f, g, h, a, b, c, K256[i + 5] + w[i + 5], y, x);
            ROUND(c, d, e, f, g, h, a, b, K256[i + 6] + w[i + 6], x, y);
            ROUND(b, c, d, e, f, g, h, a, K256[i + 7] + w[i + 7], y, x);
        }
        st[0] += a, st[1] += b, st[2] += c, st[3] += d;
        st[4] += e, st[5] += f, st[6] += g, st[7] += h;
        p += 64;
    }
    mote_wipe(w, sizeof w); /* the message; for HMAC, the padded key */
}

#endif

void mote_sha256_init(mote_sha256_ctx *ctx)
{
    static const uint32_t iv[8] MOTE_FLASH = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                              0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    unsigned i;
    for (i = 0; i < 8; i++)
        ctx->h[i] = iv[i];
    ctx->count = 0;
}

void mote_sha256_update(mote_sha256_ctx *ctx, const void *data, size_t len)
{
    (void)mote_feed_blocks(ctx->h, ctx->buf, (size_t)ctx->count & 63, 64, sha256_blocks, data, len);
    ctx->count += len;
}

void mote_sha256_final(mote_sha256_ctx *ctx, uint8_t out[MOTE_SHA256_LEN])
{
    unsigned i;
    mote_sha2_pad(ctx->h, ctx->buf, ctx->count, 64, sha256_blocks);
    for (i = 0; i < 8; i++)
        mote_store_be32(out + 4 * i, ctx->h[i]);
    mote_wipe(ctx, sizeof *ctx);
}

void mote_sha256(const void *data, size_t len, uint8_t out[MOTE_SHA256_LEN])
{
    mote_sha256_ctx ctx;
    mote_sha256_init(&ctx);
    mote_sha256_update(&ctx, data, len);
    mote_sha256_final(&ctx, out);
}
