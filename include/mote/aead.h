/* mote: AES (constant time), AES-GCM, AES-CCM, ChaCha20, Poly1305 and
 * ChaCha20-Poly1305.
 *
 * All AEADs are one-shot on a whole record, as TLS uses them. in and out may
 * be the same buffer (in-place), or must not overlap otherwise. seal writes
 * len bytes of ciphertext to out and the tag to tag. open checks the tag in
 * constant time before releasing anything: on mismatch it wipes out (len
 * bytes) and returns MOTE_ERR_AUTH. Keys live in caller-owned contexts; wipe
 * them with mote_wipe-equivalent mote_aead_ctx_wipe or memset when done. */
#ifndef MOTE_AEAD_H
#define MOTE_AEAD_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"

#if MOTE_ENABLE_AES
/* Word size of the bitsliced AES and of GHASH. 64-bit words: a pass
 * encrypts 8 blocks as two 64-bit lanes (which compilers can vectorize),
 * and GHASH uses 64x64->64 multiplies; 32-bit words: 2 blocks per pass,
 * and GHASH needs only 32x32->32 multiplies, which are constant time on
 * Cortex-M0/M3/M4 and lx106 (unlike UMULL on Cortex-M3, which a 64-bit
 * multiply becomes there). Defaults to the pointer width; override with
 * -DMOTE_AES_WORD64=0 or 1. */
#ifndef MOTE_AES_WORD64
#if UINTPTR_MAX > 0xFFFFFFFFu
#define MOTE_AES_WORD64 1
#else
#define MOTE_AES_WORD64 0
#endif
#endif
#if MOTE_AES_WORD64
typedef uint64_t mote_aes_word;
#define MOTE_AES_NB 8 /* blocks per pass */
#else
typedef uint32_t mote_aes_word;
#define MOTE_AES_NB 2
#endif

/* Round keys of the largest key compiled in: 15 (AES-256) or 11. */
#define MOTE_AES_MAX_RK (MOTE_ENABLE_AES256 ? 15 : 11)

/* Expanded AES key (128 or 256 bits): the bitsliced round keys, 8 words
 * each (960 bytes with 64-bit words, 480 with 32-bit; 704 and 352 without
 * AES-256). The layout is private to aes.c. Wipe it (mote_wipe) when done. */
typedef struct {
    mote_aes_word rk[MOTE_AES_MAX_RK * 8];
    unsigned rounds; /* 10 or 14 */
} mote_aes_ctx;

/* Compact AES key: the same round keys in 16 bytes each (240 bytes, 176
 * without AES-256), for
 * keys that live long but are used now and then (a TLS connection's record
 * keys): mote_aes_ckey_expand turns it into a mote_aes_ctx in a few hundred
 * instructions, against some 10,000 for mote_aes_init. Layout private to
 * aes.c; secret: wipe it when done. */
typedef struct {
    mote_aes_word ck[MOTE_AES_MAX_RK * 16 / sizeof(mote_aes_word)];
    unsigned rounds;
} mote_aes_ckey;

/* mote_aes_init: expand a 16- or 32-byte key into ctx. Returns MOTE_OK;
 * MOTE_ERR_UNSUPPORTED for a 24-byte key (AES-192 is not used by TLS), and
 * for a 32-byte key in a build without AES-256 (MOTE_ENABLE_AES256);
 * MOTE_ERR_BAD_INPUT for any other length. */
int mote_aes_init(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len);
/* mote_aes_ckey_init: the compact form of a 16- or 32-byte key (returns as
 * mote_aes_init). mote_aes_ckey_expand: the expanded key of a compact one
 * (ctx is then as mote_aes_init leaves it). */
int mote_aes_ckey_init(mote_aes_ckey *ck, const uint8_t *key, size_t key_len);
void mote_aes_ckey_expand(const mote_aes_ckey *ck, mote_aes_ctx *ctx);
/* mote_aes_encrypt_blocks: ECB-encrypt n 16-byte blocks (in may equal out).
 * Building block for CTR, GCM and CCM; not a mode to use on its own. */
void mote_aes_encrypt_blocks(const mote_aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t n);
/* mote_aes_ctr32: out = in XOR keystream(counter block ctr, 32-bit
 * big-endian increment of the last 4 bytes, as GCM uses). ctr is advanced
 * by the number of blocks used (a final partial block counts as one). */
void mote_aes_ctr32(const mote_aes_ctx *ctx, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                    size_t len);
#endif

#if MOTE_ENABLE_GCM
/* GHASH key material (layout private to ghash.c): the pieces of the hash
 * key H that the constant-time multiplier uses, precomputed; with 64-bit
 * words also those of H^2, H^3 and H^4 (four blocks per reduction). */
typedef struct {
#if MOTE_AES_WORD64
    uint64_t k[4][24];
#else
    uint32_t k[18];
#endif
} mote_ghash_key;

/* The compact GHASH key: H, from which the key material above is made in
 * a few hundred instructions (with 64-bit words, a thousand or so: H^2 ..
 * H^4 are computed too). */
typedef struct {
#if MOTE_AES_WORD64
    uint64_t h[2];
#else
    uint32_t w[4];
#endif
} mote_ghash_ckey;

/* AES-GCM key: AES round keys and GHASH key material. Wipe it when done. */
typedef struct {
    mote_aes_ctx aes;
    mote_ghash_key gh;
} mote_gcm_ctx;

/* Compact AES-GCM key (272 bytes with 64-bit words, 264 with 32-bit),
 * expanded on the stack by each seal or open: for keys kept long, such as
 * a TLS connection's (seal/open then need about 1 KiB more stack with
 * 64-bit words, 0.5 KiB with 32-bit, and a few hundred instructions more
 * per call). Secret: wipe it when done. */
typedef struct {
    mote_aes_ckey aes;
    mote_ghash_ckey gh;
} mote_gcm_ckey;

/* mote_gcm_init: key_len 16 or 32 (24: MOTE_ERR_UNSUPPORTED; else
 * MOTE_ERR_BAD_INPUT). */
int mote_gcm_init(mote_gcm_ctx *ctx, const uint8_t *key, size_t key_len);
/* Nonce is 12 bytes (the only length TLS uses; others are unsupported).
 * tag is 16 bytes. len must be at most 2^36 - 32 bytes (GCM's limit). */
void mote_gcm_seal(const mote_gcm_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad,
                   size_t aad_len, const uint8_t *in, size_t len, uint8_t *out, uint8_t tag[16]);
/* tag_len 16 (TLS) or a truncated length 4..16; returns MOTE_OK,
 * MOTE_ERR_AUTH (out wiped), or MOTE_ERR_BAD_INPUT for another tag_len. */
int mote_gcm_open(const mote_gcm_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad,
                  size_t aad_len, const uint8_t *in, size_t len, uint8_t *out, const uint8_t *tag,
                  size_t tag_len);
/* The same with a compact key: init returns as mote_gcm_init; seal and
 * open behave as mote_gcm_seal and mote_gcm_open. */
int mote_gcm_ckey_init(mote_gcm_ckey *ck, const uint8_t *key, size_t key_len);
void mote_gcm_ckey_seal(const mote_gcm_ckey *ck, const uint8_t nonce[12], const uint8_t *aad,
                        size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                        uint8_t tag[16]);
int mote_gcm_ckey_open(const mote_gcm_ckey *ck, const uint8_t nonce[12], const uint8_t *aad,
                       size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                       const uint8_t *tag, size_t tag_len);
#endif

#if MOTE_ENABLE_CCM
/* AES-CCM (RFC 3610 / SP 800-38C): nonce_len 7..13, tag_len 4..16 even
 * (TLS: 12-byte nonce, 16 or 8-byte tag). Returns MOTE_ERR_BAD_INPUT for
 * lengths outside those ranges or a message too long for the nonce. */
int mote_ccm_seal(const mote_aes_ctx *aes, const uint8_t *nonce, size_t nonce_len,
                  const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                  uint8_t *tag, size_t tag_len);
int mote_ccm_open(const mote_aes_ctx *aes, const uint8_t *nonce, size_t nonce_len,
                  const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                  const uint8_t *tag, size_t tag_len);
/* The same with a compact AES key (expanded on the stack for the call). */
int mote_ccm_ckey_seal(const mote_aes_ckey *ck, const uint8_t *nonce, size_t nonce_len,
                       const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                       uint8_t *out, uint8_t *tag, size_t tag_len);
int mote_ccm_ckey_open(const mote_aes_ckey *ck, const uint8_t *nonce, size_t nonce_len,
                       const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                       uint8_t *out, const uint8_t *tag, size_t tag_len);
#endif

#if MOTE_ENABLE_CHACHAPOLY
/* ChaCha20 (RFC 8439 2.4): out = in XOR the keystream of key and nonce from
 * block counter on (counter + 1 for the next 64 bytes, modulo 2^32: the
 * caller keeps len <= 64 * (2^32 - counter)). in may equal out; len may be
 * 0 (then in and out may be NULL). Decryption is the same call. To continue
 * a stream, call again with counter advanced by len / 64 (len a multiple of
 * 64). */
void mote_chacha20(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                   const uint8_t *in, uint8_t *out, size_t len);

/* Poly1305 state (RFC 8439 2.5), caller-allocated; the fields are private to
 * poly1305.c. It holds the one-time key: final wipes it. */
typedef struct {
    uint32_t r[7], h[5], pad[4];
    uint8_t buf[16];
    size_t buf_len;
} mote_poly1305_ctx;
/* mote_poly1305_init: start a MAC under a 32-byte one-time key (r || s; r is
 * clamped here). A key must never authenticate two messages. */
void mote_poly1305_init(mote_poly1305_ctx *ctx, const uint8_t key[32]);
/* mote_poly1305_update: absorb len bytes (any split of a message gives the
 * same tag; data may be NULL when len is 0). */
void mote_poly1305_update(mote_poly1305_ctx *ctx, const uint8_t *data, size_t len);
/* mote_poly1305_final: write the 16-byte tag and wipe ctx. */
void mote_poly1305_final(mote_poly1305_ctx *ctx, uint8_t tag[16]);

/* ChaCha20-Poly1305 AEAD (RFC 8439 2.8): 32-byte key, 12-byte nonce (never
 * reused with a key), 16-byte tag. seal encrypts len bytes from in to out
 * and writes the tag. open checks the tag over aad and in in constant time
 * first: on success it decrypts into out and returns MOTE_OK; on mismatch
 * it writes nothing but zeros (len bytes of out) and returns MOTE_ERR_AUTH.
 * in may equal out; a pointer whose length is 0 may be NULL. No allocation,
 * no state kept: the key stays with the caller. */
void mote_chachapoly_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                          size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                          uint8_t tag[16]);
int mote_chachapoly_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                         size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                         const uint8_t tag[16]);
#endif

#endif
