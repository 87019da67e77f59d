/* mote: deterministic random bit generator (HMAC-DRBG with SHA-256, NIST
 * SP 800-90A) and the platform entropy hook.
 *
 * The DRBG lives in a caller-owned context. Seed it from the platform
 * (mote_drbg_init_system) or from bytes you trust (mote_drbg_seed). A failed
 * entropy source is an error (MOTE_ERR_ENTROPY), never silent zeros. */
#ifndef MOTE_RNG_H
#define MOTE_RNG_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"

typedef struct {
    uint8_t k[32];
    uint8_t v[32];
    uint32_t reseed_counter;
    uint8_t seeded;
} mote_drbg_ctx;

/* mote_entropy_fn: fill buf with len bytes of true entropy; return 0 on
 * success, non-zero on failure. */
typedef int (*mote_entropy_fn)(void *arg, uint8_t *buf, size_t len);

/* The platform's default entropy source: getrandom() on Linux; NULL on
 * platforms with none compiled in (then pass your own to mote_drbg_init). */
int mote_platform_entropy(void *arg, uint8_t *buf, size_t len);

/* mote_drbg_seed: instantiate from seed material (entropy || nonce, at least
 * 32 bytes) and an optional personalisation string. */
int mote_drbg_seed(mote_drbg_ctx *ctx, const uint8_t *seed, size_t seed_len, const uint8_t *pers,
                   size_t pers_len);
/* mote_drbg_init: instantiate with 48 bytes from entropy(arg, ...). */
int mote_drbg_init(mote_drbg_ctx *ctx, mote_entropy_fn entropy, void *arg, const uint8_t *pers,
                   size_t pers_len);
/* mote_drbg_reseed: mix in fresh entropy (and optional additional input). */
int mote_drbg_reseed(mote_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                     const uint8_t *add, size_t add_len);
/* mote_drbg_generate: len bytes (any length; requests are split at 64 KiB).
 * Returns MOTE_ERR_RNG_RESEED after 2^32 requests or if never seeded. */
int mote_drbg_generate(mote_drbg_ctx *ctx, uint8_t *out, size_t len);
/* mote_drbg_wipe: erase the state. */
void mote_drbg_wipe(mote_drbg_ctx *ctx);

#endif
