/* SHA-512 and SHA-384 (FIPS 180-4): one compression function, two IVs.
 *
 * 64-bit arithmetic in portable C99 (uint64_t), so it also runs on 32-bit
 * cores. Two shapes of the compression function (MOTE_SHA2_SMALL, see
 * sha2.h); the round constants and both IVs sit in MOTE_FLASH tables. */
#include "mote/config.h"

#if MOTE_ENABLE_SHA512

#include "crypto/sha2.h"
#include "crypto/util.h"
#include "mote/hash.h"

#define C(hi, lo) (((uint64_t)(hi) << 32) | (lo))

static const uint64_t K512[80] MOTE_FLASH = {
    C(0x428a2f98, 0xd728ae22), C(0x71374491, 0x23ef65cd), C(0xb5c0fbcf, 0xec4d3b2f),
    C(0xe9b5dba5, 0x8189dbbc), C(0x3956c25b, 0xf348b538), C(0x59f111f1, 0xb605d019),
    C(0x923f82a4, 0xaf194f9b), C(0xab1c5ed5, 0xda6d8118), C(0xd807aa98, 0xa3030242),
    C(0x12835b01, 0x45706fbe), C(0x243185be, 0x4ee4b28c), C(0x550c7dc3, 0xd5ffb4e2),
    C(0x72be5d74, 0xf27b896f), C(0x80deb1fe, 0x3b1696b1), C(0x9bdc06a7, 0x25c71235),
    C(0xc19bf174, 0xcf692694), C(0xe49b69c1, 0x9ef14ad2), C(0xefbe4786, 0x384f25e3),
    C(0x0fc19dc6, 0x8b8cd5b5), C(0x240ca1cc, 0x77ac9c65), C(0x2de92c6f, 0x592b0275),
    C(0x4a7484aa, 0x6ea6e483), C(0x5cb0a9dc, 0xbd41fbd4), C(0x76f988da, 0x831153b5),
    C(0x983e5152, 0xee66dfab), C(0xa831c66d, 0x2db43210), C(0xb00327c8, 0x98fb213f),
    C(0xbf597fc7, 0xbeef0ee4), C(0xc6e00bf3, 0x3da88fc2), C(0xd5a79147, 0x930aa725),
    C(0x06ca6351, 0xe003826f), C(0x14292967, 0x0a0e6e70), C(0x27b70a85, 0x46d22ffc),
    C(0x2e1b2138, 0x5c26c926), C(0x4d2c6dfc, 0x5ac42aed), C(0x53380d13, 0x9d95b3df),
    C(0x650a7354, 0x8baf63de), C(0x766a0abb, 0x3c77b2a8), C(0x81c2c92e, 0x47edaee6),
    C(0x92722c85, 0x1482353b), C(0xa2bfe8a1, 0x4cf10364), C(0xa81a664b, 0xbc423001),
    C(0xc24b8b70, 0xd0f89791), C(0xc76c51a3, 0x0654be30), C(0xd192e819, 0xd6ef5218),
    C(0xd6990624, 0x5565a910), C(0xf40e3585, 0x5771202a), C(0x106aa070, 0x32bbd1b8),
    C(0x19a4c116, 0xb8d2d0c8), C(0x1e376c08, 0x5141ab53), C(0x2748774c, 0xdf8eeb99),
    C(0x34b0bcb5, 0xe19b48a8), C(0x391c0cb3, 0xc5c95a63), C(0x4ed8aa4a, 0xe3418acb),
    C(0x5b9cca4f, 0x7763e373), C(0x682e6ff3, 0xd6b2b8a3), C(0x748f82ee, 0x5defb2fc),
    C(0x78a5636f, 0x43172f60), C(0x84c87814, 0xa1f0ab72), C(0x8cc70208, 0x1a6439ec),
    C(0x90befffa, 0x23631e28), C(0xa4506ceb, 0xde82bde9), C(0xbef9a3f7, 0xb2c67915),
    C(0xc67178f2, 0xe372532b), C(0xca273ece, 0xea26619c), C(0xd186b8c7, 0x21c0c207),
    C(0xeada7dd6, 0xcde0eb1e), C(0xf57d4f7f, 0xee6ed178), C(0x06f067aa, 0x72176fba),
    C(0x0a637dc5, 0xa2c898a6), C(0x113f9804, 0xbef90dae), C(0x1b710b35, 0x131c471b),
    C(0x28db77f5, 0x23047d84), C(0x32caab7b, 0x40c72493), C(0x3c9ebe0a, 0x15c9bebc),
    C(0x431d67c4, 0x9c100d4c), C(0x4cc5d4be, 0xcb3e42b6), C(0x597f299c, 0xfc657e2a),
    C(0x5fcb6fab, 0x3ad6faec), C(0x6c44198c, 0x4a475817)};

/* IVs: SHA-384 (words 0-7), SHA-512 (words 8-15). */
static const uint64_t IV512[16] MOTE_FLASH = {
    C(0xcbbb9d5d, 0xc1059ed8), C(0x629a292a, 0x367cd507), C(0x9159015a, 0x3070dd17),
    C(0x152fecd8, 0xf70e5939), C(0x67332667, 0xffc00b31), C(0x8eb44a87, 0x68581511),
    C(0xdb0c2e0d, 0x64f98fa7), C(0x47b5481d, 0xbefa4fa4), C(0x6a09e667, 0xf3bcc908),
    C(0xbb67ae85, 0x84caa73b), C(0x3c6ef372, 0xfe94f82b), C(0xa54ff53a, 0x5f1d36f1),
    C(0x510e527f, 0xade682d1), C(0x9b05688c, 0x2b3e6c1f), C(0x1f83d9ab, 0xfb41bd6b),
    C(0x5be0cd19, 0x137e2179)};

#define ROR(x, n)   (((x) >> (n)) | ((x) << (64 - (n))))
#define SIG0(x)     (ROR(x, 1) ^ ROR(x, 8) ^ ((x) >> 7))
#define SIG1(x)     (ROR(x, 19) ^ ROR(x, 61) ^ ((x) >> 6))
#define BSIG0(x)    (ROR(x, 28) ^ ROR(x, 34) ^ ROR(x, 39))
#define BSIG1(x)    (ROR(x, 14) ^ ROR(x, 18) ^ ROR(x, 41))
#define CH(e, f, g) ((g) ^ ((e) & ((f) ^ (g))))

#if MOTE_SHA2_SMALL

/* One round per iteration: the working variables a..h are s[0..7] and
 * shift down one place a round; the schedule rolls through w[16]. */
static void sha512_blocks(void *state, const uint8_t *p, size_t n)
{
    uint64_t w[16], s[8], *st = state, t1, t2;
    unsigned i, j;

    while (n--) {
        for (i = 0; i < 16; i++)
            w[i] = mote_load_be64(p + 8 * i);
        for (i = 0; i < 8; i++)
            s[i] = st[i];
        for (i = 0; i < 80; i++) {
            if (i >= 16)
                w[i & 15] += SIG1(w[(i - 2) & 15]) + w[(i - 7) & 15] + SIG0(w[(i - 15) & 15]);
            t1 = s[7] + BSIG1(s[4]) + CH(s[4], s[5], s[6]) + K512[i] + w[i & 15];
            t2 = BSIG0(s[0]) + ((s[0] & s[1]) | (s[2] & (s[0] | s[1])));
            for (j = 7; j > 0; j--)
                s[j] = s[j - 1];
            s[4] += t1;
            s[0] = t1 + t2;
        }
        for (i = 0; i < 8; i++)
            st[i] += s[i];
        p += 128;
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
        uint64_t t_ = h + BSIG1(e) + CH(e, f, g) + (kw);                                           \
        d += t_;                                                                                   \
        x = a ^ b;                                                                                 \
        h = t_ + BSIG0(a) + (b ^ (x & y));                                                         \
    } while (0)

/* Eight rounds per iteration over the whole message schedule: the
 * variables rotate through ROUND's arguments, nothing is moved. */
static void sha512_blocks(void *state, const uint8_t *p, size_t n)
{
    uint64_t w[80], *st = state, a, b, c, d, e, f, g, h, x, y;
    unsigned i;

    while (n--) {
        for (i = 0; i < 16; i++)
            w[i] = mote_load_be64(p + 8 * i);
        for (i = 16; i < 80; i++)
            w[i] = SIG1(w[i - 2]) + w[i - 7] + SIG0(w[i - 15]) + w[i - 16];
        a = st[0], b = st[1], c = st[2], d = st[3];
        e = st[4], f = st[5], g = st[6], h = st[7];
        y = b ^ c;
        for (i = 0; i < 80; i += 8) {
            ROUND(a, b, c, d, e, f, g, h, K512[i] + w[i], x, y);
            ROUND(h, a, b, c, d, e, f, g, K512[i + 1] + w[i + 1], y, x);
            ROUND(g, h, a, b, c, d, e, f, K512[i + 2] + w[i + 2], x, y);
            ROUND(f, g, h, a, b, c, d, e, K512[i + 3] + w[i + 3], y, x);
            ROUND(e, f, g, h, a, b, c, d, K512[i + 4] + w[i + 4], x, y);
            ROUND(d, e, f, g, h, a, b, c, K512[i + 5] + w[i + 5], y, x);
            ROUND(c, d, e, f, g, h, a, b, K512[i + 6] + w[i + 6], x, y);
            ROUND(b, c, d, e, f, g, h, a, K512[i + 7] + w[i + 7], y, x);
        }
        st[0] += a, st[1] += b, st[2] += c, st[3] += d;
        st[4] += e, st[5] += f, st[6] += g, st[7] += h;
        p += 128;
    }
    mote_wipe(w, sizeof w); /* the message; for HMAC, the padded key */
}

#endif

static void sha512_start(mote_sha512_ctx *ctx, const uint64_t *iv)
{
    unsigned i;
    for (i = 0; i < 8; i++)
        ctx->h[i] = iv[i];
    ctx->count = 0;
}

/* Pad, write the first words*8 bytes of the state, wipe the context. */
static void sha512_finish(mote_sha512_ctx *ctx, uint8_t *out, unsigned words)
{
    unsigned i;
    mote_sha2_pad(ctx->h, ctx->buf, ctx->count, 128, sha512_blocks);
    for (i = 0; i < words; i++)
        mote_store_be64(out + 8 * i, ctx->h[i]);
    mote_wipe(ctx, sizeof *ctx);
}

void mote_sha512_init(mote_sha512_ctx *ctx)
{
    sha512_start(ctx, IV512 + 8);
}

void mote_sha512_update(mote_sha512_ctx *ctx, const void *data, size_t len)
{
    (void)mote_feed_blocks(ctx->h, ctx->buf, (size_t)ctx->count & 127, 128, sha512_blocks, data,
                           len);
    ctx->count += len;
}

void mote_sha512_final(mote_sha512_ctx *ctx, uint8_t out[MOTE_SHA512_LEN])
{
    sha512_finish(ctx, out, 8);
}

void mote_sha512(const void *data, size_t len, uint8_t out[MOTE_SHA512_LEN])
{
    mote_sha512_ctx ctx;
    mote_sha512_init(&ctx);
    mote_sha512_update(&ctx, data, len);
    mote_sha512_final(&ctx, out);
}

void mote_sha384_init(mote_sha384_ctx *ctx)
{
    sha512_start(ctx, IV512);
}

void mote_sha384_update(mote_sha384_ctx *ctx, const void *data, size_t len)
{
    mote_sha512_update(ctx, data, len);
}

void mote_sha384_final(mote_sha384_ctx *ctx, uint8_t out[MOTE_SHA384_LEN])
{
    sha512_finish(ctx, out, 6);
}

void mote_sha384(const void *data, size_t len, uint8_t out[MOTE_SHA384_LEN])
{
    mote_sha384_ctx ctx;
    mote_sha384_init(&ctx);
    mote_sha384_update(&ctx, data, len);
    mote_sha384_final(&ctx, out);
}

#endif /* MOTE_ENABLE_SHA512 */
