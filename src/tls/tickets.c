/* Server: stateless session tickets (TLS 1.3: RFC 8446 4.6.1; TLS 1.2:
 * RFC 5077), sealed under the application's ticket keys
 * (mote_tls_config.ticket_keys).
 *
 *   ticket    = key name || nonce (12, random) || AEAD(plaintext) || tag (16)
 *   plaintext = version (2) || suite (2) || issued ms (8) || lifetime s (4)
 *               || age_add (4) || ALPN index (1) || client verified (1)
 *               || psk length (1) || psk
 *
 * The key name is the additional data. ChaCha20-Poly1305 seals when it is
 * compiled in, else AES-256-GCM. A TLS 1.2 ticket has version 0x0303, the
 * master secret as psk and "client verified" | MOTE_TICKET12_EMS; a ticket
 * opens only for the version it was sealed for. */
#include <string.h>

#include "crypto/util.h"
#include "mote/aead.h"
#include "tls/internal.h"

#if MOTE_ENABLE_SERVER && (MOTE_ENABLE_CHACHAPOLY || MOTE_ENABLE_GCM)

#define PT_FIXED 23 /* plaintext before the psk */

static void seal(const mote_tls_ticket_key *k, const uint8_t *nonce, const uint8_t *in, size_t len,
                 uint8_t *out, uint8_t *tag)
{
#if MOTE_ENABLE_CHACHAPOLY
    mote_chachapoly_seal(k->key, nonce, k->name, k->name_len, in, len, out, tag);
#else
    mote_gcm_ckey ck;
    (void)mote_gcm_ckey_init(&ck, k->key, 32);
    mote_gcm_ckey_seal(&ck, nonce, k->name, k->name_len, in, len, out, tag);
    mote_wipe(&ck, sizeof ck);
#endif
}

static int open_(const mote_tls_ticket_key *k, const uint8_t *nonce, const uint8_t *in, size_t len,
                 uint8_t *out, const uint8_t *tag)
{
#if MOTE_ENABLE_CHACHAPOLY
    return mote_chachapoly_open(k->key, nonce, k->name, k->name_len, in, len, out, tag);
#else
    mote_gcm_ckey ck;
    int rc = mote_gcm_ckey_init(&ck, k->key, 32);
    if (rc == MOTE_OK)
        rc = mote_gcm_ckey_open(&ck, nonce, k->name, k->name_len, in, len, out, tag, 16);
    mote_wipe(&ck, sizeof ck);
    return rc;
#endif
}

static int key_ok(const mote_tls_ticket_key *k)
{
    return k->name_len >= 4 && k->name_len <= sizeof k->name;
}

size_t mote_tls_ticket_seal(const mote_tls_conn *c, uint16_t version, const mote_tls13_ticket *t,
                            uint8_t *out)
{
    const mote_tls_ticket_key *k = c->cfg->ticket_keys;
    uint8_t pt[PT_FIXED + 48], *p = pt;
    size_t n = PT_FIXED + t->psk_len;
    if (!k || !c->cfg->n_ticket_keys || !key_ok(k) || t->psk_len > 48) return 0;
    *p++ = (uint8_t)(version >> 8), *p++ = (uint8_t)version;
    *p++ = (uint8_t)(t->suite >> 8), *p++ = (uint8_t)t->suite;
    mote_store_be64(p, t->issued), p += 8;
    mote_store_be32(p, t->lifetime), p += 4;
    mote_store_be32(p, t->age_add), p += 4;
    *p++ = t->alpn_index;
    *p++ = t->peer_auth;
    *p++ = t->psk_len;
    memcpy(p, t->psk, t->psk_len);
    memcpy(out, k->name, k->name_len);
    out += k->name_len;
    if (mote_drbg_generate(c->cfg->rng, out, 12) != MOTE_OK) {
        mote_wipe(pt, sizeof pt);
        return 0;
    }
    seal(k, out, pt, n, out + 12, out + 12 + n);
    mote_wipe(pt, sizeof pt);
    return k->name_len + 12 + n + 16;
}

int mote_tls_ticket_open(const mote_tls_conn *c, uint16_t version, const uint8_t *id, size_t len,
                         mote_tls13_ticket *t)
{
    const mote_tls_config *cfg = c->cfg;
    uint8_t pt[PT_FIXED + 48];
    size_t i, n;
    int rc = -1;
    for (i = 0; cfg->ticket_keys && i < cfg->n_ticket_keys; i++) {
        const mote_tls_ticket_key *k = &cfg->ticket_keys[i];
        if (!key_ok(k) || len < k->name_len + 12 + PT_FIXED + 32 + 16 ||
            len > k->name_len + 12 + sizeof pt + 16 || memcmp(id, k->name, k->name_len) != 0)
            continue;
        n = len - k->name_len - 12 - 16;
        if (open_(k, id + k->name_len, id + k->name_len + 12, n, pt, id + len - 16) != MOTE_OK)
            continue;
        if (pt[0] == (version >> 8) && pt[1] == (version & 0xff) && pt[22] == n - PT_FIXED &&
            pt[21] <= (version == MOTE_TLS13 ? 1 : 1 | MOTE_TICKET12_EMS)) {
            t->suite = (uint16_t)(pt[2] << 8 | pt[3]);
            t->issued = mote_load_be64(pt + 4);
            t->lifetime = mote_load_be32(pt + 12);
            t->age_add = mote_load_be32(pt + 16);
            t->alpn_index = pt[20];
            t->peer_auth = pt[21];
            t->psk_len = pt[22];
            memcpy(t->psk, pt + PT_FIXED, t->psk_len);
            rc = 0;
        }
        mote_wipe(pt, sizeof pt);
        break;
    }
    return rc;
}

#elif MOTE_ENABLE_SERVER /* no AEAD for tickets: none are issued or taken */

size_t mote_tls_ticket_seal(const mote_tls_conn *c, uint16_t version, const mote_tls13_ticket *t,
                            uint8_t *out)
{
    (void)c, (void)version, (void)t, (void)out;
    return 0;
}

int mote_tls_ticket_open(const mote_tls_conn *c, uint16_t version, const uint8_t *id, size_t len,
                         mote_tls13_ticket *t)
{
    (void)c, (void)version, (void)id, (void)len, (void)t;
    return -1;
}

#endif

#if MOTE_ENABLE_SERVER
size_t mote_tls13_ticket_seal(const mote_tls_conn *c, const mote_tls13_ticket *t, uint8_t *out)
{
    return mote_tls_ticket_seal(c, MOTE_TLS13, t, out);
}

int mote_tls13_ticket_open(const mote_tls_conn *c, const uint8_t *id, size_t len,
                           mote_tls13_ticket *t)
{
    return mote_tls_ticket_open(c, MOTE_TLS13, id, len, t);
}
#endif
