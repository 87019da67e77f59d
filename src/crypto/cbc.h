/* mote (private): AES-CBC (NIST SP 800-38A 6.2), for TLS 1.2 CBC records.
 *
 * Encryption runs the constant-time AES of aes.c one block at a time (CBC
 * chains the blocks). aes.c has no inverse cipher, so decryption has its
 * own here, bitsliced over the blocks CBC decryption lets it take at once
 * (four with 64-bit words, two with 32-bit): the inverse S-box computed as
 * the inverse affine map and x^254 in GF(2^8) on bit planes, no table, no
 * secret-dependent branch or index. x86-64 -O2 (callgrind, bench/bench_sym.c
 * aes-128-cbc-decrypt): about 330 instructions per byte to decrypt (the
 * byte-oriented inverse cipher it replaced: 5,400), 430 to encrypt (one
 * block at a time through aes.c). */
#ifndef MOTE_CBC_H
#define MOTE_CBC_H

#include <stddef.h>
#include <stdint.h>
#include "mote/aead.h"
#include "mote/hash.h"

#if MOTE_ENABLE_CBC
/* Round keys for the inverse cipher, bitsliced: each round key's eight bit
 * planes, the key repeated in every block's 16-bit lane (secret: wipe with
 * mote_wipe). 64-bit planes (four blocks per pass) with MOTE_AES_WORD64,
 * else 32-bit (two). */
#if MOTE_AES_WORD64
typedef uint64_t mote_aes_dec_word;
#else
typedef uint32_t mote_aes_dec_word;
#endif
typedef struct {
    mote_aes_dec_word rk[15][8];
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
/* TLS 1.2 CBC records, MAC-then-encrypt (RFC 5246 6.2.3.2) with an
 * explicit IV. hdr: the 13 bytes the MAC covers, seq_num(8) type(1)
 * version(2) length(2); the length bytes are written here (the plaintext
 * length). h: SHA-1, SHA-256 or SHA-384 (HMAC with mac_key).
 *
 * mote_cbc_mte_seal: out[0..*out_len) = iv || E(in || MAC || padding), the
 * least padding; in may be out + 16. cap: room at out. Returns MOTE_OK or
 * MOTE_ERR_BAD_INPUT (len over 2^14, no room).
 *
 * mote_cbc_mte_open: rec[0..rec_len) = IV || ciphertext (a record's
 * fragment); decrypts in place, the plaintext at rec + 16, *out_len bytes
 * (on MOTE_ERR_AUTH the rec_len - 16 bytes there are zeroed, *out_len is 0).
 * Lucky13-safe: the padding is checked by masks over the last 256 bytes,
 * the HMAC is computed with a number of compression calls that depends on
 * rec_len only (the blocks past the public minimum are built by masks and
 * all compressed, the state after the true last block kept by a masked
 * copy), the received MAC is gathered by masks over its possible range,
 * and bad padding and bad MAC give the same MOTE_ERR_AUTH (bad_record_mac)
 * after the same work. Records too short for IV, MAC and a padding byte,
 * or not whole blocks, are MOTE_ERR_AUTH at once (public lengths). */
int mote_cbc_mte_seal(const mote_aes_ctx *ec, const mote_hash_desc *h, const uint8_t *mac_key,
                      size_t mac_key_len, uint8_t hdr[13], const uint8_t iv[16], const uint8_t *in,
                      size_t len, uint8_t *out, size_t cap, size_t *out_len);
int mote_cbc_mte_open(const mote_aes_dec_ctx *dc, const mote_hash_desc *h, const uint8_t *mac_key,
                      size_t mac_key_len, uint8_t hdr[13], uint8_t *rec, size_t rec_len,
                      size_t *out_len);
/* The same with encrypt_then_mac (RFC 7366): out = iv || E(in || padding)
 * || HMAC(hdr || iv || ciphertext), hdr's length that of iv || ciphertext.
 * Open checks the MAC first (MOTE_ERR_AUTH before any decryption), then the
 * padding (MOTE_ERR_AUTH too); cap and the results as above. */
int mote_cbc_etm_seal(const mote_aes_ctx *ec, const mote_hash_desc *h, const uint8_t *mac_key,
                      size_t mac_key_len, uint8_t hdr[13], const uint8_t iv[16], const uint8_t *in,
                      size_t len, uint8_t *out, size_t cap, size_t *out_len);
int mote_cbc_etm_open(const mote_aes_dec_ctx *dc, const mote_hash_desc *h, const uint8_t *mac_key,
                      size_t mac_key_len, uint8_t hdr[13], uint8_t *rec, size_t rec_len,
                      size_t *out_len);
#endif

#endif
