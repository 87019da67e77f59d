/* mote: deterministic random bit generator (HMAC-DRBG with SHA-256, NIST
 * SP 800-90A rev. 1, no prediction resistance) and the platform entropy hook.
 *
 * The DRBG lives in a caller-owned context. Seed it from an entropy source
 * (mote_drbg_init: the platform's when you pass NULL, or your own) or from
 * bytes you trust (mote_drbg_seed). A failed entropy source is an error
 * (MOTE_ERR_ENTROPY) and leaves the context unusable: generate then fails
 * and writes nothing, it never hands out predictable bytes.
 *
 * A context must go through mote_drbg_init or mote_drbg_seed (or be
 * zero-filled, which reads as "not seeded") before any other call. */
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
 * success, non-zero on failure (mote then uses none of buf). */
typedef int (*mote_entropy_fn)(void *arg, uint8_t *buf, size_t len);

/* The platform's default entropy source, a mote_entropy_fn (arg unused):
 * getrandom() on Linux (0 on success). On platforms with none built in
 * (bare-metal Cortex-M, ESP8266, ...) it always returns -1: pass your own
 * source (a hardware RNG) to mote_drbg_init there. */
int mote_platform_entropy(void *arg, uint8_t *buf, size_t len);

/* mote_drbg_seed: instantiate from seed material (entropy || nonce, at least
 * 32 bytes; 48 recommended) and an optional personalisation string (pers
 * may be NULL). Returns MOTE_OK, or MOTE_ERR_BAD_INPUT for a seed under 32
 * bytes (the context is then unusable). */
int mote_drbg_seed(mote_drbg_ctx *ctx, const uint8_t *seed, size_t seed_len, const uint8_t *pers,
                   size_t pers_len);
/* mote_drbg_init: instantiate with 48 bytes from entropy(arg, ...), one
 * call; entropy NULL means mote_platform_entropy. Returns MOTE_OK, or
 * MOTE_ERR_ENTROPY if the source failed: the context is then wiped and
 * unusable (even if it was seeded before). */
int mote_drbg_init(mote_drbg_ctx *ctx, mote_entropy_fn entropy, void *arg, const uint8_t *pers,
                   size_t pers_len);
/* mote_drbg_reseed: mix in fresh entropy (at least 32 bytes) and optional
 * additional input (add may be NULL) and restart the request count. Returns
 * MOTE_OK, or MOTE_ERR_BAD_INPUT (context unchanged) for short entropy or
 * a context that is not seeded. */
int mote_drbg_reseed(mote_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                     const uint8_t *add, size_t add_len);
/* mote_drbg_generate: write len random bytes to out (any length; split into
 * SP 800-90A requests of at most 64 KiB each). Returns MOTE_OK, or
 * MOTE_ERR_RNG_RESEED, with nothing written, if the context is not seeded
 * or this call would exceed 2^32 - 1 requests since the last (re)seed. */
int mote_drbg_generate(mote_drbg_ctx *ctx, uint8_t *out, size_t len);
/* mote_drbg_wipe: erase the state (the context is then unusable). */
void mote_drbg_wipe(mote_drbg_ctx *ctx);

#endif
