/* mote (private): helpers shared by the AES modes (aes.c). */
#ifndef MOTE_AES_H
#define MOTE_AES_H

#include <stddef.h>
#include <stdint.h>
#include "mote/aead.h"

/* MOTE_AES_COMPACT (aes.c): the small form of the bitsliced AES, on when
 * optimizing for size. */
#ifndef MOTE_AES_COMPACT
#if defined(__OPTIMIZE_SIZE__)
#define MOTE_AES_COMPACT 1
#else
#define MOTE_AES_COMPACT 0
#endif
#endif

#if MOTE_ENABLE_AES
/* mote_aead_mask: keep the len bytes at buf when ok is 1, zero them when ok
 * is 0, in time that depends only on len (an AEAD's release of its output). */
void mote_aead_mask(uint8_t *buf, size_t len, uint32_t ok);
/* mote_aes_ckey_encrypt_block: one block with a compact key, each round key
 * expanded as it is used (no mote_aes_ctx on the stack): for GCM's hash key
 * H = AES_K(0) when a compact key is made. */
#if MOTE_AES_COMPACT
/* mote_aes_ckey_ctr: CTR with a compact key from counter block iv (iv_len
 * 16) or GCM's J0 = iv || 1 (iv_len 12): out = in XOR the keystream (len
 * bytes), from the second block when ks0 is not NULL (ks0 then receives the
 * first block's). The round keys are expanded on the stack for the call:
 * 11 of them for AES-128, 15 for AES-256, each size in a frame of its own.
 * In compact builds the two helpers below are this, with no frame of their
 * own: AES_K(in) is the first keystream block of counter block in. */
void mote_aes_ckey_ctr(const mote_aes_ckey *ck, const uint8_t *iv, size_t iv_len, const uint8_t *in,
                       uint8_t *out, size_t len, uint8_t *ks0);
#define mote_aes_ckey_encrypt_block(ck, in, out) mote_aes_ckey_ctr(ck, in, 16, in, out, 0, out)
#define mote_aes_ckey_gcm_ctr(ck, nonce, in, out, len, ej0)                                        \
    mote_aes_ckey_ctr(ck, nonce, 12, in, out, len, ej0)
#else
void mote_aes_ckey_encrypt_block(const mote_aes_ckey *ck, const uint8_t in[16], uint8_t out[16]);
#endif
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
#if !MOTE_AES_COMPACT
void mote_aes_ckey_gcm_ctr(const mote_aes_ckey *ck, const uint8_t nonce[12], const uint8_t *in,
                           uint8_t *out, size_t len, uint8_t ej0[16]);
#endif
#endif

#endif
