/* mote: finite-field Diffie-Hellman over the ffdhe2048 group of RFC 7919
 * (TLS 1.3 "ffdhe2048", TLS 1.2 negotiated groups), generator 2.
 *
 * The private key is a 256-bit exponent (RFC 7919 section 5.2 asks for at
 * least 225 bits for this group), kept by the caller as 32 big-endian bytes.
 * Public values and the shared secret are 256 big-endian bytes, left-padded
 * with zeros as TLS 1.3 requires (TLS 1.2 strips the leading zero bytes of
 * the premaster secret: that is the caller's job). Every operation is
 * constant time in the private exponent. Peak stack (x86-64): shared secret
 * 2.1 KiB, key generation 1.7 KiB (most of it the DRBG). */
#ifndef MOTE_FFDHE_H
#define MOTE_FFDHE_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"
#include "mote/progress.h"
#include "mote/rng.h"

#define MOTE_FFDHE2048_LEN      256 /* public values and shared secret, bytes */
#define MOTE_FFDHE2048_PRIV_LEN 32  /* private exponent, bytes */

/* mote_ffdhe2048_keygen: draw a private exponent from the seeded DRBG rng
 * (its top bit is then set, so it has exactly 256 bits) and compute the
 * public value pub = 2^priv mod p. Returns MOTE_OK or the DRBG's error
 * (MOTE_ERR_RNG_RESEED; priv and pub are then zeroed). */
int mote_ffdhe2048_keygen(uint8_t priv[MOTE_FFDHE2048_PRIV_LEN], uint8_t pub[MOTE_FFDHE2048_LEN],
                          mote_drbg_ctx *rng);
/* mote_ffdhe2048_public: pub = 2^priv mod p for a given private exponent
 * (any 256-bit value, big-endian). */
void mote_ffdhe2048_public(const uint8_t priv[MOTE_FFDHE2048_PRIV_LEN],
                           uint8_t pub[MOTE_FFDHE2048_LEN]);
/* mote_ffdhe2048_shared: secret = peer^priv mod p. peer: the peer's public
 * value, big-endian, 1 to 256 bytes (TLS 1.3 sends exactly 256). The peer
 * value must satisfy 1 < peer < p - 1 (RFC 7919 section 5.1), else
 * MOTE_ERR_BAD_KEY (and secret is zeroed); a wrong length gives
 * MOTE_ERR_BAD_INPUT. */
int mote_ffdhe2048_shared(const uint8_t priv[MOTE_FFDHE2048_PRIV_LEN], const uint8_t *peer,
                          size_t peer_len, uint8_t secret[MOTE_FFDHE2048_LEN]);
/* mote_ffdhe2048_prime: the group's prime p, 256 big-endian bytes (a TLS
 * 1.2 server sends it in its ServerKeyExchange; the generator is 2). */
void mote_ffdhe2048_prime(uint8_t p[MOTE_FFDHE2048_LEN]);
/* The same two with a progress hook (mote/progress.h; NULL: none). */
int mote_ffdhe2048_keygen_p(uint8_t priv[MOTE_FFDHE2048_PRIV_LEN], uint8_t pub[MOTE_FFDHE2048_LEN],
                            mote_drbg_ctx *rng, const mote_progress *pg);
int mote_ffdhe2048_shared_p(const uint8_t priv[MOTE_FFDHE2048_PRIV_LEN], const uint8_t *peer,
                            size_t peer_len, uint8_t secret[MOTE_FFDHE2048_LEN],
                            const mote_progress *pg);

#endif
