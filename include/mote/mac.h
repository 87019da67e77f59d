/* mote: HMAC (RFC 2104), HKDF (RFC 5869), the TLS 1.2 PRF (RFC 5246 §5)
 * and the TLS 1.3 key-schedule helpers (RFC 8446 §7.1).
 *
 * All take a hash descriptor (mote_sha256_desc, mote_sha384_desc, ...).
 * Contexts are caller-owned structs, nothing is allocated; every final and
 * one-shot wipes the intermediate secrets it held. Keys, secrets and
 * messages are processed in constant time (only lengths may show); compare
 * a received tag in constant time too, never with memcmp. Inputs may be
 * NULL when their length is 0. */
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
 * hashed first, as RFC 2104 says). The key is not kept: only the keyed hash
 * states are. A context copied right after init (ctx2 = ctx) is a keyed
 * state to reuse for several messages without re-keying. */
void mote_hmac_init(mote_hmac_ctx *ctx, const mote_hash_desc *hash, const void *key,
                    size_t key_len);
void mote_hmac_update(mote_hmac_ctx *ctx, const void *data, size_t len);
/* mote_hmac_final: write hash->out_len bytes to out, wipe ctx (init it
 * again to reuse it). */
void mote_hmac_final(mote_hmac_ctx *ctx, uint8_t *out);
/* One-shot HMAC: out gets hash->out_len bytes (out may overlap key or
 * data). */
void mote_hmac(const mote_hash_desc *hash, const void *key, size_t key_len, const void *data,
               size_t len, uint8_t *out);

/* HKDF-Extract: prk (hash->out_len bytes) = HMAC(salt, ikm). A NULL/empty
 * salt means hash->out_len zero bytes (the same result). */
void mote_hkdf_extract(const mote_hash_desc *hash, const void *salt, size_t salt_len,
                       const void *ikm, size_t ikm_len, uint8_t *prk);
/* HKDF-Expand: out_len bytes of OKM from prk (prk_len >= hash->out_len is
 * not required by RFC 5869 and not enforced). Returns MOTE_OK, or
 * MOTE_ERR_BAD_INPUT (nothing written) when out_len > 255 * hash->out_len.
 * out may be the prk buffer itself (prk is read before out is written);
 * it must not overlap info. */
int mote_hkdf_expand(const mote_hash_desc *hash, const uint8_t *prk, size_t prk_len,
                     const void *info, size_t info_len, uint8_t *out, size_t out_len);

#if MOTE_ENABLE_TLS12_PRF
/* TLS 1.2 PRF: out = P_hash(secret, label || seed), out_len bytes (any
 * length). label is a C string ("master secret"; NULL means ""); seed is
 * seed_len bytes. out may overlap secret, not seed. */
void mote_tls12_prf(const mote_hash_desc *hash, const void *secret, size_t secret_len,
                    const char *label, const void *seed, size_t seed_len, uint8_t *out,
                    size_t out_len);
#endif

/* TLS 1.3 HKDF-Expand-Label(secret, label, context, out_len); label is a C
 * string without the "tls13 " prefix (it is added). secret is
 * hash->out_len bytes. One HKDF block: out_len <= hash->out_len, which
 * every TLS 1.3 secret, key and IV is (longer output: mote_hkdf_expand
 * with the HkdfLabel as info). Returns MOTE_OK, or MOTE_ERR_BAD_INPUT
 * (nothing written) if label or context is too long (label <= 249,
 * context <= 255 bytes) or out_len > hash->out_len. out may be the secret
 * buffer (a key update: secret = Expand-Label(secret, "traffic upd", "",
 * Hlen)). */
int mote_tls13_expand_label(const mote_hash_desc *hash, const uint8_t *secret, const char *label,
                            const void *context, size_t context_len, uint8_t *out, size_t out_len);
/* TLS 1.3 Derive-Secret(secret, label, transcript_hash): out is
 * hash->out_len bytes; transcript_hash (hash->out_len bytes) is the hash of
 * the messages so far. NULL transcript_hash means the hash of no messages,
 * as in Derive-Secret(., "derived", ""). Returns MOTE_OK, or
 * MOTE_ERR_BAD_INPUT for a label over 249 bytes. */
int mote_tls13_derive_secret(const mote_hash_desc *hash, const uint8_t *secret, const char *label,
                             const uint8_t *transcript_hash, uint8_t *out);

#endif
