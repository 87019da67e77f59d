/* TLS 1.3 key schedule (RFC 8446 §7.1, §7.3, §4.4.4, §7.2). */
#include "tls/keysched.h"

#include <string.h>

#include "crypto/util.h"
#include "mote/mac.h"

static const uint8_t zeros[MOTE_TLS_HASH_MAX];

void mote_tls13_ks_early(mote_tls13_ks *ks, const mote_hash_desc *hash, const uint8_t *psk,
                         size_t psk_len)
{
    ks->hash = hash;
    if (!psk) psk = zeros, psk_len = hash->out_len;
    mote_hkdf_extract(hash, NULL, 0, psk, psk_len, ks->secret);
}

#if MOTE_ENABLE_TLS_PSK || MOTE_ENABLE_TLS_RESUMPTION || MOTE_ENABLE_SERVER /* PSKs, tickets */
void mote_tls13_ks_binder_key(const mote_tls13_ks *ks, int external, uint8_t *out)
{
    /* (a NULL transcript hash: the hash of no messages) */
    mote_tls13_ks_derive(ks, external ? "ext binder" : "res binder", NULL, out);
}

void mote_tls13_binder(const mote_hash_desc *hash, const uint8_t *psk, size_t psk_len, int external,
                       const uint8_t *th, uint8_t *out)
{
    mote_tls13_ks ks;
    uint8_t bk[MOTE_TLS_HASH_MAX];
    mote_tls13_ks_early(&ks, hash, psk, psk_len);
    mote_tls13_ks_binder_key(&ks, external, bk);
    mote_tls13_finished(hash, bk, th, out);
    mote_tls13_ks_wipe(&ks);
    mote_wipe(bk, sizeof bk);
}

void mote_tls13_ticket_psk(const mote_hash_desc *hash, const uint8_t *rms, const uint8_t *nonce,
                           size_t nonce_len, uint8_t *out)
{
    mote_tls13_expand_label(hash, rms, "resumption", nonce, nonce_len, out, hash->out_len);
}
#endif

void mote_tls13_ks_derived(mote_tls13_ks *ks)
{
    mote_tls13_ks_derive(ks, "derived", NULL, ks->secret);
}

void mote_tls13_ks_extract(mote_tls13_ks *ks, const uint8_t *ikm, size_t ikm_len)
{
    if (!ikm) ikm = zeros, ikm_len = ks->hash->out_len;
    /* the salt may be the output: HMAC takes its key in before any output */
    mote_hkdf_extract(ks->hash, ks->secret, ks->hash->out_len, ikm, ikm_len, ks->secret);
}

/* secret = HKDF-Extract(Derive-Secret(secret, "derived", ""), ikm) */
static void next_stage(mote_tls13_ks *ks, const uint8_t *ikm, size_t ikm_len)
{
    mote_tls13_ks_derived(ks);
    mote_tls13_ks_extract(ks, ikm, ikm_len);
}

void mote_tls13_ks_handshake(mote_tls13_ks *ks, const uint8_t *dhe, size_t dhe_len)
{
    next_stage(ks, dhe, dhe_len);
}

void mote_tls13_ks_master(mote_tls13_ks *ks)
{
    next_stage(ks, NULL, 0);
}

int mote_tls13_traffic_keys(const mote_hash_desc *hash, const uint8_t *secret, int aead,
                            mote_tls_cipher *c)
{
    uint8_t kiv[32 + 12]; /* the key, then the 12-byte IV */
    size_t klen = mote_tls_aead_key_len(aead);
    int rc;
    if (klen == 0) return MOTE_ERR_UNSUPPORTED;
    mote_tls13_expand_label(hash, secret, "key", NULL, 0, kiv, klen);
    mote_tls13_expand_label(hash, secret, "iv", NULL, 0, kiv + 32, 12);
    rc = mote_tls_cipher_init(c, aead, 0, kiv, kiv + 32);
    mote_wipe(kiv, sizeof kiv);
    return rc;
}

void mote_tls13_finished(const mote_hash_desc *hash, const uint8_t *secret,
                         const uint8_t *transcript_hash, uint8_t *out)
{
    uint8_t fk[MOTE_TLS_HASH_MAX];
    mote_tls13_expand_label(hash, secret, "finished", NULL, 0, fk, hash->out_len);
    mote_hmac(hash, fk, hash->out_len, transcript_hash, hash->out_len, out);
    mote_wipe(fk, sizeof fk);
}

void mote_tls13_next_secret(const mote_hash_desc *hash, uint8_t *secret)
{
    /* in place: Expand-Label reads the secret before it writes (mac.h) */
    mote_tls13_expand_label(hash, secret, "traffic upd", NULL, 0, secret, hash->out_len);
}
