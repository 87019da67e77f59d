/* mote (private): GHASH, the universal hash of GCM (ghash.c). */
#ifndef MOTE_GHASH_H
#define MOTE_GHASH_H

#include <stddef.h>
#include <stdint.h>
#include "mote/aead.h"

#if MOTE_ENABLE_GCM
/* mote_ghash_init: precompute the key material for hash key H (16 bytes,
 * big-endian, as GCM defines it: H = AES_K(0^128)). */
void mote_ghash_init(mote_ghash_key *key, const uint8_t h[16]);
/* The same in two steps: the compact key of H (mote_ghash_ckey, see
 * mote/aead.h), then the key material from it. */
void mote_ghash_ckey_init(mote_ghash_ckey *ck, const uint8_t h[16]);
void mote_ghash_ckey_expand(const mote_ghash_ckey *ck, mote_ghash_key *key);
/* mote_ghash_update: y = GHASH state (16 bytes, updated in place); absorbs
 * len bytes of data, the last partial block padded with zeros. */
void mote_ghash_update(const mote_ghash_key *key, uint8_t y[16], const uint8_t *data, size_t len);
#endif

#endif
