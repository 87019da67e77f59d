/* mote (private): AES-CBC (NIST SP 800-38A 6.2), for TLS 1.2 CBC records.
 *
 * Encryption runs the constant-time AES of aes.c one block at a time (CBC
 * chains the blocks). aes.c has no inverse cipher, so decryption has its
 * own here: four bytes per 32-bit word, the inverse S-box computed (GF(2^8)
 * inversion as x^254 by shifts and masks, no table indexed by secret
 * bytes): constant time, but slow. x86-64 -O2 (callgrind, 4 KiB): about
 * 5,400 instructions per byte to decrypt, 430 to encrypt (one block at a
 * time through aes.c); a bitsliced inverse cipher in aes.c would be the
 * fast path for bulk CBC receive. */
#ifndef MOTE_CBC_H
#define MOTE_CBC_H

#include <stddef.h>
#include <stdint.h>
#include "mote/aead.h"

#if MOTE_ENABLE_CBC
/* Round keys for the inverse cipher (secret: wipe with mote_wipe). */
typedef struct {
    uint8_t rk[15 * 16];
    unsigned nr; /* rounds: 10 (AES-128) or 14 (AES-256) */
} mote_aes_dec_ctx;

/* mote_aes_dec_init: expand a 16- or 32-byte key. Returns MOTE_OK or
 * MOTE_ERR_BAD_INPUT (other key length). */
int mote_aes_dec_init(mote_aes_dec_ctx *dc, const uint8_t *key, size_t key_len);

/* mote_aes_cbc_encrypt / mote_aes_cbc_decrypt: len bytes (a multiple of
 * 16, else MOTE_ERR_BAD_INPUT and nothing written) from in to out (in may
 * equal out) chained from iv; iv is updated to the last ciphertext block,
 * so consecutive calls continue one stream. Return MOTE_OK. */
int mote_aes_cbc_encrypt(const mote_aes_ctx *ctx, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                         size_t len);
int mote_aes_cbc_decrypt(const mote_aes_dec_ctx *dc, uint8_t iv[16], const uint8_t *in,
                         uint8_t *out, size_t len);
#endif

#endif
