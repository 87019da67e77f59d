/* mote: X25519 key agreement (RFC 7748).
 *
 * Keys and secrets are 32-byte strings, in the caller's memory. Private-key
 * operations run in constant time (Montgomery ladder, conditional swaps, no
 * secret-dependent branch or index); every temporary that held a secret is
 * wiped before return. */
#ifndef MOTE_X25519_H
#define MOTE_X25519_H

#include "mote/config.h"
#include "mote/error.h"
#include "mote/progress.h"
#include "mote/rng.h"
#include <stddef.h>
#include <stdint.h>

#define MOTE_X25519_LEN 32 /* private key, public key and shared secret */

#if MOTE_ENABLE_X25519

/* mote_x25519_shared: the RFC 7748 function X25519(priv, peer): secret =
 * the u-coordinate of [clamp(priv)] (peer's point). The peer's top bit is
 * ignored and non-canonical u (p <= u < 2^255) is accepted, as RFC 7748
 * requires. Returns MOTE_OK, or MOTE_ERR_ZERO_SECRET when the result is all
 * zero (the peer sent a small-order point; secret is then all zero and the
 * handshake must fail). secret may alias neither input. */
int mote_x25519_shared(uint8_t secret[MOTE_X25519_LEN], const uint8_t priv[MOTE_X25519_LEN],
                       const uint8_t peer[MOTE_X25519_LEN]);

/* mote_x25519_public: pub = X25519(priv, 9), the public key of priv (any
 * 32 bytes; clamping is applied inside). Returns MOTE_OK. */
int mote_x25519_public(uint8_t pub[MOTE_X25519_LEN], const uint8_t priv[MOTE_X25519_LEN]);

/* mote_x25519_keygen: draw priv (32 bytes) from the seeded DRBG rng and
 * compute its pub. Returns MOTE_OK or the DRBG's error (priv and pub are then
 * wiped). */
int mote_x25519_keygen(uint8_t priv[MOTE_X25519_LEN], uint8_t pub[MOTE_X25519_LEN],
                       mote_drbg_ctx *rng);
/* The same with a progress hook (mote/progress.h; NULL: none), called
 * every 32 steps of the ladder. */
int mote_x25519_shared_p(uint8_t secret[MOTE_X25519_LEN], const uint8_t priv[MOTE_X25519_LEN],
                         const uint8_t peer[MOTE_X25519_LEN], const mote_progress *pg);
int mote_x25519_keygen_p(uint8_t priv[MOTE_X25519_LEN], uint8_t pub[MOTE_X25519_LEN],
                         mote_drbg_ctx *rng, const mote_progress *pg);

#endif
#endif
