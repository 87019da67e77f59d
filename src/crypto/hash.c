/* Hash descriptors (run-time choice of SHA-256/384/512) and mote_hash. */
#include "mote/hash.h"

static void sha256_init_d(mote_hash_ctx *c)
{
    mote_sha256_init(&c->sha256);
}
static void sha256_update_d(mote_hash_ctx *c, const void *data, size_t len)
{
    mote_sha256_update(&c->sha256, data, len);
}
static void sha256_final_d(mote_hash_ctx *c, uint8_t *out)
{
    mote_sha256_final(&c->sha256, out);
}

const mote_hash_desc mote_sha256_desc = {MOTE_HASH_SHA256, MOTE_SHA256_LEN, 64,
                                         sha256_init_d,    sha256_update_d, sha256_final_d};

#if MOTE_ENABLE_SHA512
static void sha384_init_d(mote_hash_ctx *c)
{
    mote_sha384_init(&c->sha512);
}
static void sha512_init_d(mote_hash_ctx *c)
{
    mote_sha512_init(&c->sha512);
}
/* SHA-384 and SHA-512 share the update. */
static void sha512_update_d(mote_hash_ctx *c, const void *data, size_t len)
{
    mote_sha512_update(&c->sha512, data, len);
}
static void sha384_final_d(mote_hash_ctx *c, uint8_t *out)
{
    mote_sha384_final(&c->sha512, out);
}
static void sha512_final_d(mote_hash_ctx *c, uint8_t *out)
{
    mote_sha512_final(&c->sha512, out);
}

const mote_hash_desc mote_sha384_desc = {MOTE_HASH_SHA384, MOTE_SHA384_LEN, 128,
                                         sha384_init_d,    sha512_update_d, sha384_final_d};
const mote_hash_desc mote_sha512_desc = {MOTE_HASH_SHA512, MOTE_SHA512_LEN, 128,
                                         sha512_init_d,    sha512_update_d, sha512_final_d};
#endif

#if MOTE_ENABLE_SHA1
static void sha1_init_d(mote_hash_ctx *c)
{
    mote_sha1_init(&c->sha1);
}
static void sha1_update_d(mote_hash_ctx *c, const void *data, size_t len)
{
    mote_sha1_update(&c->sha1, data, len);
}
static void sha1_final_d(mote_hash_ctx *c, uint8_t *out)
{
    mote_sha1_final(&c->sha1, out);
}

const mote_hash_desc mote_sha1_desc = {MOTE_HASH_SHA1, MOTE_SHA1_LEN, 64,
                                       sha1_init_d,    sha1_update_d, sha1_final_d};
#endif

void mote_hash(const mote_hash_desc *h, const void *data, size_t len, uint8_t *out)
{
    mote_hash_ctx ctx;
    h->init(&ctx);
    h->update(&ctx, data, len);
    h->final(&ctx, out);
}
