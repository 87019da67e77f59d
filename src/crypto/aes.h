/* mote (private): helpers shared by the AES modes (aes.c). */
#ifndef MOTE_AES_H
#define MOTE_AES_H

#include <stddef.h>
#include <stdint.h>
#include "mote/aead.h"

#if MOTE_ENABLE_AES
/* mote_aead_mask: keep the len bytes at buf when ok is 1, zero them when ok
 * is 0, in time that depends only on len (an AEAD's release of its output). */
void mote_aead_mask(uint8_t *buf, size_t len, uint32_t ok);
/* mote_aes_ckey_encrypt_block: one block with a compact key, each round key
 * expanded as it is used (no mote_aes_ctx on the stack): for GCM's hash key
 * H = AES_K(0) when a compact key is made. */
void mote_aes_ckey_encrypt_block(const mote_aes_ckey *ck, const uint8_t in[16], uint8_t out[16]);
#endif

#if MOTE_ENABLE_GCM
/* mote_aes_gcm_ctr: GCM's counter mode for a 12-byte nonce: out = in XOR
 * the keystream from counter 2 (len bytes), ej0 = AES_K(nonce || 1), all
 * in one run (J0 rides in the first pass). */
void mote_aes_gcm_ctr(const mote_aes_ctx *ctx, const uint8_t nonce[12], const uint8_t *in,
                      uint8_t *out, size_t len, uint8_t ej0[16]);
/* mote_aes_ckey_gcm_ctr: the same with a compact key, whose round keys are
 * expanded on the stack for the call: 11 of them for AES-128 (704 bytes
 * with 64-bit words), 15 for AES-256, each size in a frame of its own. */
void mote_aes_ckey_gcm_ctr(const mote_aes_ckey *ck, const uint8_t nonce[12], const uint8_t *in,
                           uint8_t *out, size_t len, uint8_t ej0[16]);
#endif

#endif
