/* HMAC_DRBG with SHA-256 (NIST SP 800-90A rev. 1, section 10.1.2), without
 * prediction resistance or additional input on generate. */
#include <string.h>

#include "crypto/sha2.h"
#include "crypto/util.h"
#include "mote/hash.h"
#include "mote/mac.h"
#include "mote/rng.h"

#define MAX_REQUEST 65536u /* bytes per generate request (2^19 bits) */

/* h = HMAC(K, V || ...), open for more data */
static void hmac_kv(mote_drbg_ctx *ctx, mote_hmac_ctx *h)
{
    mote_hmac_init(h, &mote_sha256_desc, ctx->k, 32);
    mote_hmac_update(h, ctx->v, 32);
}

/* V = HMAC(K, V) */
static void next_v(mote_drbg_ctx *ctx, mote_hmac_ctx *h)
{
    hmac_kv(ctx, h);
    mote_hmac_final(h, ctx->v);
}

/* HMAC_DRBG_Update with provided_data = a || b (either may be empty); h is
 * scratch space (the caller's, to keep the stack small). */
static void drbg_update(mote_drbg_ctx *ctx, mote_hmac_ctx *h, const uint8_t *a, size_t a_len,
                        const uint8_t *b, size_t b_len)
{
    uint8_t round = 0;

    for (;;) {
        /* K = HMAC(K, V || round || a || b); V = HMAC(K, V) */
        hmac_kv(ctx, h);
        mote_hmac_update(h, &round, 1);
        mote_hmac_update(h, a, a_len);
        mote_hmac_update(h, b, b_len);
        mote_hmac_final(h, ctx->k);
        next_v(ctx, h);
        if (round == 1 || (a_len == 0 && b_len == 0)) break;
        round = 1;
    }
}

int mote_drbg_seed(mote_drbg_ctx *ctx, const uint8_t *seed, size_t seed_len, const uint8_t *pers,
                   size_t pers_len)
{
    mote_hmac_ctx h;

    mote_wipe(ctx, sizeof *ctx); /* unusable until fully seeded */
    if (seed_len < 32) return MOTE_ERR_BAD_INPUT;
    memset(ctx->v, 0x01, sizeof ctx->v); /* K = 0x00..., V = 0x01... */
    drbg_update(ctx, &h, seed, seed_len, pers, pers_len);
    ctx->reseed_counter = 1;
    ctx->seeded = 1;
    return MOTE_OK;
}

int mote_drbg_init(mote_drbg_ctx *ctx, mote_entropy_fn entropy, void *arg, const uint8_t *pers,
                   size_t pers_len)
{
    uint8_t seed[48]; /* 256 bits of entropy and a 128-bit nonce */
    int ok, r;

    if (!entropy) entropy = mote_platform_entropy;
    ok = entropy(arg, seed, sizeof seed) == 0;
    /* mote_drbg_seed wipes ctx first: without entropy it is given no seed
     * bytes, which it refuses, and ctx is left unusable */
    r = mote_drbg_seed(ctx, seed, ok ? sizeof seed : 0, pers, pers_len);
    mote_wipe(seed, sizeof seed);
    return ok ? r : MOTE_ERR_ENTROPY;
}

int mote_drbg_reseed(mote_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                     const uint8_t *add, size_t add_len)
{
    mote_hmac_ctx h;

    if (ctx->seeded != 1 || entropy_len < 32) return MOTE_ERR_BAD_INPUT;
    drbg_update(ctx, &h, entropy, entropy_len, add, add_len);
    ctx->reseed_counter = 1;
    return MOTE_OK;
}

int mote_drbg_generate(mote_drbg_ctx *ctx, uint8_t *out, size_t len)
{
    size_t requests = len / MAX_REQUEST + (len % MAX_REQUEST != 0), n;
    mote_hmac_ctx h; /* one context (sized for SHA-512): this runs under key
                        generation, deep in a handshake */

    /* reseed_counter counts the requests served since the last (re)seed,
     * plus one; it wraps to 0 after the last allowed one. Refuse up front
     * if this call needs more requests than remain: never a partial fill. */
    if (ctx->seeded != 1 || ctx->reseed_counter == 0 ||
        requests > (uint32_t)(0u - ctx->reseed_counter)) /* 2^32 - counter: fits 32 bits */
        return MOTE_ERR_RNG_RESEED;
    while (len) {
        size_t chunk = len < MAX_REQUEST ? len : MAX_REQUEST;
        len -= chunk;
        while (chunk) { /* V = HMAC(K, V); out += V */
            next_v(ctx, &h);
            n = chunk < 32 ? chunk : 32;
            memcpy(out, ctx->v, n);
            out += n;
            chunk -= n;
        }
        drbg_update(ctx, &h, NULL, 0, NULL, 0);
        ctx->reseed_counter++;
    }
    mote_wipe(&h, sizeof h);
    return MOTE_OK;
}

void mote_drbg_wipe(mote_drbg_ctx *ctx)
{
    mote_wipe(ctx, sizeof *ctx);
}
