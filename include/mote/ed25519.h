/* mote: Ed25519 signatures (RFC 8032, "pure" Ed25519).
 *
 * A private key is a 32-byte seed (RFC 8032's "private key"), a public key
 * 32 bytes, a signature 64 bytes; all in the caller's memory. Signing is
 * deterministic and constant time (no branch or table index on the seed,
 * the scalars or the nonce); verification handles public data only and may
 * take variable time. Verification is strict: a signature must be exactly
 * 64 bytes, S must be below the group order L, the public key must be a
 * canonical encoding of a curve point (y < p; not x = 0 with the sign bit
 * set), and R must equal the canonical encoding of [S]B - [k]A (so a
 * non-canonical R never verifies). Every temporary that held a secret is
 * wiped before return. */
#ifndef MOTE_ED25519_H
#define MOTE_ED25519_H

#include "mote/config.h"
#include "mote/error.h"
#include "mote/hash.h"
#include "mote/progress.h"
#include "mote/rng.h"
#include <stddef.h>
#include <stdint.h>

#define MOTE_ED25519_SEED_LEN   32 /* private key */
#define MOTE_ED25519_PUBLIC_LEN 32 /* public key */
#define MOTE_ED25519_SIG_LEN    64 /* signature: R (32) || S (32) */

#if MOTE_ENABLE_ED25519
#if !MOTE_ENABLE_SHA512
#error "MOTE_ENABLE_ED25519 needs MOTE_ENABLE_SHA512"
#endif

/* mote_ed25519_public: pub = the public key of seed. Returns MOTE_OK. */
int mote_ed25519_public(uint8_t pub[MOTE_ED25519_PUBLIC_LEN],
                        const uint8_t seed[MOTE_ED25519_SEED_LEN]);

/* mote_ed25519_keygen: draw seed (32 bytes) from the seeded DRBG rng and
 * compute its pub. Returns MOTE_OK or the DRBG's error (seed and pub are
 * then wiped). */
int mote_ed25519_keygen(uint8_t seed[MOTE_ED25519_SEED_LEN], uint8_t pub[MOTE_ED25519_PUBLIC_LEN],
                        mote_drbg_ctx *rng);

/* mote_ed25519_sign: sig = the Ed25519 signature of msg[0..len) under seed.
 * The public key is recomputed from the seed (never taken from the caller:
 * signing with a mismatched public key would leak the key). msg is read
 * twice; sig must not overlap msg. Returns MOTE_OK, or MOTE_ERR_BAD_INPUT
 * for NULL pointers (msg may be NULL when len is 0). */
int mote_ed25519_sign(uint8_t sig[MOTE_ED25519_SIG_LEN], const uint8_t seed[MOTE_ED25519_SEED_LEN],
                      const void *msg, size_t len);

/* mote_ed25519_verify: check sig (sig_len bytes) over msg[0..len) against
 * the public key pub. Returns MOTE_OK when the signature is valid,
 * MOTE_ERR_BAD_KEY when pub is not a valid encoding of a curve point,
 * MOTE_ERR_BAD_SIGNATURE otherwise (wrong length, S >= L, mismatch), or
 * MOTE_ERR_BAD_INPUT for NULL pointers. */
int mote_ed25519_verify(const uint8_t pub[MOTE_ED25519_PUBLIC_LEN], const void *msg, size_t len,
                        const uint8_t *sig, size_t sig_len);

/* Streaming verification, for a message that arrives in pieces (R and the
 * public key must be known first: the hash starts with them). The context
 * is a plain caller-owned struct. init returns MOTE_OK or the error verify
 * would give for the signature's form (wrong length, S >= L; the context is
 * then unusable); update hashes more of the message; final returns what
 * mote_ed25519_verify would, and wipes the context. */
typedef struct {
    mote_sha512_ctx h;
    uint8_t pub[MOTE_ED25519_PUBLIC_LEN];
    uint8_t sig[MOTE_ED25519_SIG_LEN];
} mote_ed25519_verify_ctx;

int mote_ed25519_verify_init(mote_ed25519_verify_ctx *ctx,
                             const uint8_t pub[MOTE_ED25519_PUBLIC_LEN], const uint8_t *sig,
                             size_t sig_len);
void mote_ed25519_verify_update(mote_ed25519_verify_ctx *ctx, const void *data, size_t len);
int mote_ed25519_verify_final(mote_ed25519_verify_ctx *ctx);
/* The same with a progress hook (mote/progress.h; NULL: none), called
 * every 32 bits of the double scalar multiplication. */
int mote_ed25519_verify_final_p(mote_ed25519_verify_ctx *ctx, const mote_progress *pg);

#endif
#endif
