/* HMAC (RFC 2104) over any mote_hash_desc. */
#include <string.h>

#include "crypto/sha2.h"
#include "crypto/util.h"
#include "mote/mac.h"

void mote_hmac_init(mote_hmac_ctx *ctx, const mote_hash_desc *hash, const void *key, size_t key_len)
{
    uint8_t pad[MOTE_HASH_MAX_BLOCK];
    mote_hash_ctx *c;
    size_t i, bl = hash->block_len;
    uint8_t x;

    ctx->hash = hash;
    if (key_len > bl) {
        mote_hash(hash, key, key_len, pad);
        key_len = hash->out_len;
    } else if (key_len) {
        memcpy(pad, key, key_len);
    }
    memset(pad + key_len, 0, bl - key_len);
    /* inner: key ^ 0x36..., then outer: key ^ 0x5c... */
    for (c = &ctx->inner, x = 0x36;; c = &ctx->outer, x = 0x36 ^ 0x5c) {
        for (i = 0; i < bl; i++)
            pad[i] ^= x;
        hash->init(c);
        hash->update(c, pad, bl);
        if (c == &ctx->outer) break;
    }
    mote_wipe(pad, bl);
}

void mote_hmac_update(mote_hmac_ctx *ctx, const void *data, size_t len)
{
    ctx->hash->update(&ctx->inner, data, len);
}

void mote_hmac_final(mote_hmac_ctx *ctx, uint8_t *out)
{
    const mote_hash_desc *h = ctx->hash;
    uint8_t t[MOTE_HASH_MAX_LEN];

    h->final(&ctx->inner, t); /* the hash finals wipe inner and outer */
    h->update(&ctx->outer, t, h->out_len);
    h->final(&ctx->outer, out);
    mote_wipe(t, h->out_len);
}

void mote_hmac(const mote_hash_desc *hash, const void *key, size_t key_len, const void *data,
               size_t len, uint8_t *out)
{
    mote_hmac_ctx ctx;
    mote_hmac_init(&ctx, hash, key, key_len);
    mote_hmac_update(&ctx, data, len);
    mote_hmac_final(&ctx, out);
}
