/* mote (private): ChaCha20 with a caller-held state, for the AEAD.
 *
 * The state s holds the key (words 4..11) and ks the last keystream block:
 * the caller wipes both (mote_wipe(s + 4, 32), mote_wipe(ks, 64)). */
#ifndef MOTE_CRYPTO_CHACHA20_H
#define MOTE_CRYPTO_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

/* s = the ChaCha20 state for key, nonce and block counter (RFC 8439 2.3). */
void mote_chacha20_init(uint32_t s[16], const uint8_t key[32], const uint8_t nonce[12],
                        uint32_t counter);
/* ks = the keystream block of s; the counter s[12] moves to the next block.
 * (Optimizing for size, mote_chacha20_xor with len 0 does this.) */
#if defined(__OPTIMIZE_SIZE__)
#define mote_chacha20_block(s, ks) mote_chacha20_xor(s, ks, ks, 0, ks, 0)
#else
void mote_chacha20_block(uint32_t s[16], uint8_t ks[64]);
#endif
/* out = (in XOR the keystream from s on) AND keep, in may equal out: keep is
 * all ones, or 0 to write zeros instead without a branch (an open whose tag
 * check failed). The counter moves past the blocks used. ks is scratch: it
 * holds keystream when len % 64 != 0 (a final partial block) and, when
 * optimizing for size, after any block. */
void mote_chacha20_xor(uint32_t s[16], const uint8_t *in, uint8_t *out, size_t len, uint8_t ks[64],
                       uint32_t keep);

#endif
