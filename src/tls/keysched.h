/* mote (private): the TLS 1.3 key schedule (RFC 8446 §7.1).
 *
 * The schedule walks early secret -> handshake secret -> master secret; the
 * struct holds only the current stage, and traffic secrets are derived from
 * it with the transcript hash when the handshake reaches the right point. */
#ifndef MOTE_TLS_KEYSCHED_H
#define MOTE_TLS_KEYSCHED_H

#include <stddef.h>
#include <stdint.h>
#include "mote/hash.h"
#include "crypto/util.h"
#include "mote/mac.h"
#include "tls/cipher.h"

/* the largest suite hash: SHA-384's 48 bytes, SHA-256's 32 without it */
#define MOTE_TLS_HASH_MAX (MOTE_ENABLE_SHA512 ? 48 : 32)

typedef struct {
    const mote_hash_desc *hash;
    uint8_t secret[MOTE_TLS_HASH_MAX]; /* current stage's secret */
} mote_tls13_ks;

/* Early secret = HKDF-Extract(0, psk), psk NULL for a full handshake. */
void mote_tls13_ks_early(mote_tls13_ks *ks, const mote_hash_desc *hash, const uint8_t *psk,
                         size_t psk_len);
/* Binder key: Derive-Secret(early, "res binder" | "ext binder", ""). */
void mote_tls13_ks_binder_key(const mote_tls13_ks *ks, int external, uint8_t *out);
/* PSK binder (RFC 8446 4.2.11.2), for either role: out (hash length) =
 * HMAC(finished key of the binder key of Early Secret(psk), th), th being
 * the transcript hash through the truncated ClientHello. external selects
 * "ext binder" (an external PSK) over "res binder" (a ticket). */
void mote_tls13_binder(const mote_hash_desc *hash, const uint8_t *psk, size_t psk_len, int external,
                       const uint8_t *th, uint8_t *out);
/* The PSK of a ticket (RFC 8446 4.6.1): out (hash length) =
 * HKDF-Expand-Label(resumption_master_secret, "resumption", nonce). */
void mote_tls13_ticket_psk(const mote_hash_desc *hash, const uint8_t *rms, const uint8_t *nonce,
                           size_t nonce_len, uint8_t *out);
/* Early -> handshake secret, mixing in the (EC)DHE shared secret (NULL for
 * psk_ke: zeros). */
void mote_tls13_ks_handshake(mote_tls13_ks *ks, const uint8_t *dhe, size_t dhe_len);
/* The same in two steps, so that the (EC)DHE secret need not be held
 * while the first runs: the salt Derive-Secret(secret, "derived", "")
 * replaces the secret, then secret = HKDF-Extract(salt, ikm) (ikm NULL:
 * zeros). */
void mote_tls13_ks_derived(mote_tls13_ks *ks);
void mote_tls13_ks_extract(mote_tls13_ks *ks, const uint8_t *ikm, size_t ikm_len);
/* Handshake -> master secret. */
void mote_tls13_ks_master(mote_tls13_ks *ks);
/* out (hash length) = Derive-Secret(current stage, label, transcript_hash);
 * out may be transcript_hash (read before out is written). */
#define mote_tls13_ks_derive(ks, label, transcript_hash, out)                                      \
    ((void)mote_tls13_derive_secret((ks)->hash, (ks)->secret, label, transcript_hash, out))
/* Install the traffic key and IV derived from a traffic secret. */
int mote_tls13_traffic_keys(const mote_hash_desc *hash, const uint8_t *secret, int aead,
                            mote_tls_cipher *c);
/* Finished verify_data = HMAC(HKDF-Expand-Label(secret, "finished"), th).
 * out may be transcript_hash: it is read before out is written. */
void mote_tls13_finished(const mote_hash_desc *hash, const uint8_t *secret,
                         const uint8_t *transcript_hash, uint8_t *out);
/* KeyUpdate: secret = HKDF-Expand-Label(secret, "traffic upd", "", Hash.length). */
void mote_tls13_next_secret(const mote_hash_desc *hash, uint8_t *secret);
#define mote_tls13_ks_wipe(ks) mote_wipe((ks), sizeof *(ks))

#endif
