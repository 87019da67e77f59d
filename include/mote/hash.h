/* mote: SHA-256, SHA-384, SHA-512 (FIPS 180-4).
 *
 * Streaming: init, update any number of times (any lengths, including 0;
 * data may be NULL when len is 0), final. Contexts are plain structs owned
 * by the caller, no allocation; copying one with '=' snapshots the running
 * hash (the TLS transcript hash does this). final writes the digest and
 * wipes the context; init it again to reuse it. Messages are limited to
 * 2^61 - 1 bytes.
 *
 * SHA-256 is always compiled in; SHA-384/512 only with MOTE_ENABLE_SHA512,
 * SHA-1 only with MOTE_ENABLE_SHA1 (for HMAC-SHA1 in TLS 1.2 CBC records:
 * no signature or certificate check accepts it).
 * Code shape: builds optimised for size (-Os) get one round per loop and a
 * 16-word rolling message schedule (least flash and stack); other builds
 * get eight rounds per loop. Override with -DMOTE_SHA2_SMALL=0 or 1. */
#ifndef MOTE_HASH_H
#define MOTE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"

#define MOTE_SHA1_LEN       20
#define MOTE_SHA256_LEN     32
#define MOTE_SHA384_LEN     48
#define MOTE_SHA512_LEN     64
#define MOTE_HASH_MAX_LEN   64
#define MOTE_HASH_MAX_BLOCK 128

typedef struct {
    uint32_t h[8];
    uint64_t count; /* bytes hashed so far */
    uint8_t buf[64];
} mote_sha256_ctx;

typedef struct {
    uint64_t h[8];
    uint64_t count; /* bytes hashed so far (2^64 bytes is enough for TLS) */
    uint8_t buf[128];
} mote_sha512_ctx;

typedef mote_sha512_ctx mote_sha384_ctx; /* same state, other IV and length */

typedef struct {
    uint32_t h[5];
    uint64_t count; /* bytes hashed so far */
    uint8_t buf[64];
} mote_sha1_ctx;

void mote_sha256_init(mote_sha256_ctx *ctx);
void mote_sha256_update(mote_sha256_ctx *ctx, const void *data, size_t len);
void mote_sha256_final(mote_sha256_ctx *ctx, uint8_t out[MOTE_SHA256_LEN]);
/* One-shot: out = SHA-256(data). */
void mote_sha256(const void *data, size_t len, uint8_t out[MOTE_SHA256_LEN]);

#if MOTE_ENABLE_SHA512
void mote_sha384_init(mote_sha384_ctx *ctx);
void mote_sha384_update(mote_sha384_ctx *ctx, const void *data, size_t len);
void mote_sha384_final(mote_sha384_ctx *ctx, uint8_t out[MOTE_SHA384_LEN]);
void mote_sha384(const void *data, size_t len, uint8_t out[MOTE_SHA384_LEN]);
void mote_sha512_init(mote_sha512_ctx *ctx);
void mote_sha512_update(mote_sha512_ctx *ctx, const void *data, size_t len);
void mote_sha512_final(mote_sha512_ctx *ctx, uint8_t out[MOTE_SHA512_LEN]);
void mote_sha512(const void *data, size_t len, uint8_t out[MOTE_SHA512_LEN]);
#endif

#if MOTE_ENABLE_SHA1
void mote_sha1_init(mote_sha1_ctx *ctx);
void mote_sha1_update(mote_sha1_ctx *ctx, const void *data, size_t len);
void mote_sha1_final(mote_sha1_ctx *ctx, uint8_t out[MOTE_SHA1_LEN]);
void mote_sha1(const void *data, size_t len, uint8_t out[MOTE_SHA1_LEN]);
#endif

/* Any of the hashes above, chosen at run time (HMAC, HKDF, the TLS PRF and
 * signature code take one of these descriptors). A mote_hash_ctx holds the
 * state of whichever hash a descriptor names; pass it to that descriptor's
 * functions only. */
typedef union {
    mote_sha256_ctx sha256;
#if MOTE_ENABLE_SHA512
    mote_sha512_ctx sha512;
#endif
#if MOTE_ENABLE_SHA1
    mote_sha1_ctx sha1;
#endif
} mote_hash_ctx;

typedef struct mote_hash_desc {
    uint8_t id;        /* MOTE_HASH_SHA256 ... */
    uint8_t out_len;   /* digest bytes */
    uint8_t block_len; /* compression block bytes */
    void (*init)(mote_hash_ctx *ctx);
    void (*update)(mote_hash_ctx *ctx, const void *data, size_t len);
    void (*final)(mote_hash_ctx *ctx, uint8_t *out);
} mote_hash_desc;

#define MOTE_HASH_SHA256 1
#define MOTE_HASH_SHA384 2
#define MOTE_HASH_SHA512 3
#define MOTE_HASH_SHA1   4

extern const mote_hash_desc mote_sha256_desc;
#if MOTE_ENABLE_SHA512
extern const mote_hash_desc mote_sha384_desc;
extern const mote_hash_desc mote_sha512_desc;
#endif
#if MOTE_ENABLE_SHA1
extern const mote_hash_desc mote_sha1_desc;
#endif

/* One-shot with a descriptor: out (h->out_len bytes) = H(data). data may be
 * NULL when len is 0. */
void mote_hash(const mote_hash_desc *h, const void *data, size_t len, uint8_t *out);

#endif
