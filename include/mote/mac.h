/* mote: HMAC, HKDF (RFC 5869), the TLS 1.2 PRF (RFC 5246 §5) and the
 * TLS 1.3 key-schedule helpers (RFC 8446 §7.1).
 *
 * All take a hash descriptor (mote_sha256_desc, mote_sha384_desc, ...).
 * Contexts are caller-owned structs; every final/one-shot wipes the
 * intermediate secrets it held. */
#ifndef MOTE_MAC_H
#define MOTE_MAC_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"
#include "mote/hash.h"

typedef struct {
    const mote_hash_desc *hash;
    mote_hash_ctx inner; /* running H((K ^ ipad) || msg) */
    mote_hash_ctx outer; /* H((K ^ opad)) state, finished in final */
} mote_hmac_ctx;

/* mote_hmac_init: start HMAC with any key length (longer than a block is
 * hashed first, as RFC 2104 says). */
void mote_hmac_init(mote_hmac_ctx *ctx, const mote_hash_desc *hash, const void *key,
                    size_t key_len);
void mote_hmac_update(mote_hmac_ctx *ctx, const void *data, size_t len);
/* mote_hmac_final: write hash->out_len bytes to out, wipe ctx. */
void mote_hmac_final(mote_hmac_ctx *ctx, uint8_t *out);
/* One-shot HMAC: out gets hash->out_len bytes. */
void mote_hmac(const mote_hash_desc *hash, const void *key, size_t key_len, const void *data,
               size_t len, uint8_t *out);

/* HKDF-Extract: prk (hash->out_len bytes) = HMAC(salt, ikm). A NULL/empty
 * salt means hash->out_len zero bytes. */
void mote_hkdf_extract(const mote_hash_desc *hash, const void *salt, size_t salt_len,
                       const void *ikm, size_t ikm_len, uint8_t *prk);
/* HKDF-Expand: out_len bytes of OKM from prk (prk_len >= hash->out_len is
 * not required by RFC 5869 and not enforced). Returns MOTE_ERR_BAD_INPUT when
 * out_len > 255 * hash->out_len. */
int mote_hkdf_expand(const mote_hash_desc *hash, const uint8_t *prk, size_t prk_len,
                     const void *info, size_t info_len, uint8_t *out, size_t out_len);

#if MOTE_ENABLE_TLS12_PRF
/* TLS 1.2 PRF: out = P_hash(secret, label || seed), out_len bytes. label is
 * a C string ("master secret"); seed is seed_len bytes. */
void mote_tls12_prf(const mote_hash_desc *hash, const void *secret, size_t secret_len,
                    const char *label, const void *seed, size_t seed_len, uint8_t *out,
                    size_t out_len);
#endif

/* TLS 1.3 HKDF-Expand-Label(secret, label, context, out_len); label without
 * the "tls13 " prefix (it is added). secret is hash->out_len bytes.
 * Returns MOTE_ERR_BAD_INPUT if label or context is too long (label <= 249,
 * context <= 255 bytes). */
int mote_tls13_expand_label(const mote_hash_desc *hash, const uint8_t *secret, const char *label,
                            const void *context, size_t context_len, uint8_t *out,
                            size_t out_len);
/* TLS 1.3 Derive-Secret(secret, label, transcript_hash): out is
 * hash->out_len bytes; transcript_hash is the hash of the messages so far. */
int mote_tls13_derive_secret(const mote_hash_desc *hash, const uint8_t *secret, const char *label,
                             const uint8_t *transcript_hash, uint8_t *out);

#endif
