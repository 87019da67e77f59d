/* mote (private): record protection for TLS 1.3 and TLS 1.2 suites (AEAD,
 * and the opt-in AES-CBC + HMAC ones).
 *
 * One mote_tls_cipher per direction. It holds the expanded key, the static
 * IV and the 64-bit record sequence number, and seals or opens one record in
 * place in the record buffer. The caller frames records; this file only
 * knows nonces, additional data and tags. */
#ifndef MOTE_TLS_CIPHER_H
#define MOTE_TLS_CIPHER_H

#include <stddef.h>
#include <stdint.h>
#include "crypto/util.h"
#include "mote/tls.h"

/* The bulk algorithms of mote's suites. */
enum {
    MOTE_AEAD_NONE = 0,
    MOTE_AEAD_AES128_GCM,
    MOTE_AEAD_AES256_GCM,
    MOTE_AEAD_CHACHA20_POLY1305,
    MOTE_AEAD_AES128_CCM,
    MOTE_AEAD_AES128_CCM8,
    MOTE_AEAD_AES128_CBC, /* TLS 1.2 CBC + HMAC (not AEADs, but sealed and opened alike) */
    MOTE_AEAD_AES256_CBC
};

/* The state itself is declared in mote/tls.h (the connection embeds two). */
typedef mote_tls_cipher_state mote_tls_cipher;

/* Key and IV lengths of an AEAD (0 for unknown). */
size_t mote_tls_aead_key_len(int aead);
size_t mote_tls_aead_iv_len(int aead, int tls12); /* 12, or 4 for TLS 1.2 GCM/CCM */

/* mote_tls_cipher_init: install key and IV (lengths as above); seq = 0.
 * Returns MOTE_OK or MOTE_ERR_UNSUPPORTED for an AEAD not compiled in.
 * The tls12 arguments here and below are read only when TLS 1.2 is
 * compiled in (MOTE_ENABLE_TLS12): without it every record is TLS 1.3's. */
int mote_tls_cipher_init(mote_tls_cipher *c, int aead, int tls12, const uint8_t *key,
                         const uint8_t *iv);
/* Erase a cipher state (keys, IV, sequence number): all zeros again. */
#define mote_tls_cipher_wipe(c) mote_wipe((c), sizeof *(c))

#if MOTE_ENABLE_CBC
/* TLS 1.2 CBC. The keys wait in the state from the key block on
 * (mote_tls_cbc_keys: the AES key, key_len 16 or 32, and the MAC key,
 * mac_len 20, 32 or 48 bytes) while it stays inactive (aead NONE: records
 * pass in the clear); mote_tls_cbc_start at the ChangeCipherSpec makes it
 * active with sequence number 0, encrypt_then_mac (RFC 7366) when etm. */
void mote_tls_cbc_keys(mote_tls_cipher *c, const uint8_t *key, size_t key_len, const uint8_t *mac,
                       size_t mac_len);
void mote_tls_cbc_start(mote_tls_cipher *c, int aead, size_t mac_len, int etm);
#endif

/* The explicit nonce or IV in front of a record's plaintext (TLS 1.2
 * GCM/CCM: 8, CBC: 16, else 0): a constant 0 in builds without them. */
#define mote_tls_explicit_len(c)                                                                   \
    (MOTE_ENABLE_TLS12 || MOTE_ENABLE_CBC ? (size_t)(c)->explicit_len : (size_t)0)

/* Bytes a protected record adds around the plaintext at most: explicit
 * nonce in front (TLS 1.2 GCM/CCM: 8; CBC: the 16-byte IV), tag behind
 * (CBC: the MAC and up to 16 bytes of padding). */
size_t mote_tls_cipher_overhead(const mote_tls_cipher *c);

/* mote_tls_cipher_seal: protect one record in place. rec points at the
 * 5-byte record header, whose type/version are set and whose length field
 * this function writes; the plaintext (for TLS 1.3 already followed by its
 * inner content type) is at rec + 5 + explicit-nonce bytes, len bytes. The
 * tag is appended. A state without keys (MOTE_AEAD_NONE) leaves the
 * plaintext as it is (only the length is written). Returns the total record
 * length (header included) or a negative error (sequence numbers
 * exhausted, a body over 0xFFFF bytes). */
long mote_tls_cipher_seal(mote_tls_cipher *c, uint8_t *rec, size_t len, int tls12);
/* mote_tls_cipher_open: authenticate and decrypt the record at rec (header
 * + body of body_len bytes) in place. On success *plain points at the
 * plaintext and *plain_len is its length; returns MOTE_OK, or MOTE_ERR_AUTH
 * (bad_record_mac) / MOTE_ERR_BAD_INPUT (too short). */
int mote_tls_cipher_open(mote_tls_cipher *c, uint8_t *rec, size_t body_len, int tls12,
                         uint8_t **plain, size_t *plain_len);

#endif
