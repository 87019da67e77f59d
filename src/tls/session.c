/* TLS sessions: what the engine keeps of a connection for a later one
 * (see mote/session.h), and their serialised form.
 *
 * Serialised format, version 1 (all integers big-endian):
 *
 *   "MTS" 0x01                          magic and format version
 *   version u16, suite u16, flags u8, secret_len u8, sid_len u8, alpn_len u8,
 *   ticket_len u16, lifetime u32, age_add u32, max_early_data u32,
 *   received_ms u64                     (30 bytes)
 *   secret[secret_len], session_id[sid_len], name_hash[16], peer_hash[32],
 *   alpn[alpn_len], ticket[ticket_len]
 *   SHA-256 of everything above, first 16 bytes
 *
 * At most MOTE_SESSION_SAVE_MAX bytes; a TLS 1.3 session with a 200-byte
 * ticket takes 4 + 30 + 32 + 48 + 200 + 16 = 330 bytes. */
#include <string.h>

#include "crypto/util.h"
#include "mote/session.h"
#include "tls/internal.h"

#define HDR  (4 + 30)
#define TAGN 16

#if MOTE_ENABLE_TLS_RESUMPTION
static const uint8_t magic[4] = {'M', 'T', 'S', 1};

int mote_tls_session_save(const mote_tls_session *s, uint8_t *out, size_t size, size_t *len)
{
    size_t n = HDR + s->secret_len + s->sid_len + 16 + 32 + s->alpn_len + s->ticket_len, off;
    uint8_t h[32];
    *len = 0;
    if (!s->version || s->secret_len > sizeof s->secret || s->sid_len > sizeof s->session_id ||
        s->alpn_len > sizeof s->alpn || s->ticket_len > sizeof s->ticket || size < n + TAGN)
        return MOTE_ERR_BAD_INPUT;
    memcpy(out, magic, 4);
    out[4] = (uint8_t)(s->version >> 8), out[5] = (uint8_t)s->version;
    out[6] = (uint8_t)(s->suite >> 8), out[7] = (uint8_t)s->suite;
    out[8] = s->flags, out[9] = s->secret_len, out[10] = s->sid_len, out[11] = s->alpn_len;
    out[12] = (uint8_t)(s->ticket_len >> 8), out[13] = (uint8_t)s->ticket_len;
    mote_store_be32(out + 14, s->lifetime);
    mote_store_be32(out + 18, s->age_add);
    mote_store_be32(out + 22, s->max_early_data);
    mote_store_be64(out + 26, s->received_ms);
    off = HDR;
    memcpy(out + off, s->secret, s->secret_len), off += s->secret_len;
    memcpy(out + off, s->session_id, s->sid_len), off += s->sid_len;
    memcpy(out + off, s->name_hash, 16), off += 16;
    memcpy(out + off, s->peer_hash, 32), off += 32;
    memcpy(out + off, s->alpn, s->alpn_len), off += s->alpn_len;
    memcpy(out + off, s->ticket, s->ticket_len), off += s->ticket_len;
    mote_sha256(out, off, h);
    memcpy(out + off, h, TAGN);
    *len = off + TAGN;
    return MOTE_OK;
}

int mote_tls_session_load(mote_tls_session *s, const uint8_t *in, size_t len)
{
    uint8_t h[32];
    size_t off;
    mote_tls_session_wipe(s);
    if (len < 4 || memcmp(in, magic, 3) != 0) return MOTE_ERR_ENCODING;
    if (in[3] != magic[3]) return MOTE_ERR_UNSUPPORTED;
    if (len < HDR + 16 + 32 + TAGN) return MOTE_ERR_ENCODING;
    mote_sha256(in, len - TAGN, h);
    if (!mote_ct_memeq(h, in + len - TAGN, TAGN)) return MOTE_ERR_ENCODING;
    s->version = (uint16_t)(in[4] << 8 | in[5]);
    s->suite = (uint16_t)(in[6] << 8 | in[7]);
    s->flags = in[8], s->secret_len = in[9], s->sid_len = in[10], s->alpn_len = in[11];
    s->ticket_len = (uint16_t)(in[12] << 8 | in[13]);
    s->lifetime = mote_load_be32(in + 14);
    s->age_add = mote_load_be32(in + 18);
    s->max_early_data = mote_load_be32(in + 22);
    s->received_ms = mote_load_be64(in + 26);
    if ((s->version != MOTE_TLS13 && s->version != MOTE_TLS12) ||
        s->secret_len > sizeof s->secret || s->sid_len > sizeof s->session_id ||
        s->alpn_len > sizeof s->alpn || s->ticket_len > sizeof s->ticket ||
        HDR + (size_t)s->secret_len + s->sid_len + 16 + 32 + s->alpn_len + s->ticket_len + TAGN !=
            len) {
        mote_tls_session_wipe(s);
        return MOTE_ERR_ENCODING;
    }
    off = HDR;
    memcpy(s->secret, in + off, s->secret_len), off += s->secret_len;
    memcpy(s->session_id, in + off, s->sid_len), off += s->sid_len;
    memcpy(s->name_hash, in + off, 16), off += 16;
    memcpy(s->peer_hash, in + off, 32), off += 32;
    memcpy(s->alpn, in + off, s->alpn_len), off += s->alpn_len;
    memcpy(s->ticket, in + off, s->ticket_len);
    return MOTE_OK;
}

void mote_tls_session_wipe(mote_tls_session *s)
{
    mote_wipe(s, sizeof *s);
}
#endif /* MOTE_ENABLE_TLS_RESUMPTION */

int mote_tls_resumed(const mote_tls_conn *c)
{
    return (c->psk & MOTE_PSK_ACCEPTED) != 0;
}

int mote_tls_early_data_accepted(const mote_tls_conn *c)
{
    return (c->psk & MOTE_PSK_EARLY_OK) != 0;
}

unsigned mote_tls_tickets(const mote_tls_conn *c)
{
    return c->tickets;
}

/* ---- for the handshakes ---- */
#if MOTE_ENABLE_TLS_RESUMPTION

static void name_hash(const mote_tls_conn *c, uint8_t out[16])
{
    const char *n = c->cfg->server_name ? c->cfg->server_name : "";
    uint8_t h[32];
    mote_sha256(n, strlen(n), h);
    memcpy(out, h, 16);
}

mote_tls_session *mote_tls_session_usable(const mote_tls_conn *c, uint16_t version)
{
    mote_tls_session *s = c->cfg->session;
    uint8_t nh[16];
    uint64_t now = c->cfg->now_ms;
    if (!s || s->version != version || !s->secret_len) return NULL;
    if (version == MOTE_TLS13 ? !s->ticket_len : !s->ticket_len && !s->sid_len) return NULL;
    name_hash(c, nh);
    if (memcmp(nh, s->name_hash, 16) != 0) return NULL; /* another server's */
    /* expired (lifetime in seconds; a clock that went backwards: too) */
    if (now && (now < s->received_ms || now - s->received_ms > (uint64_t)s->lifetime * 1000))
        return NULL;
    return s;
}

uint32_t mote_tls_session_age(const mote_tls_conn *c, const mote_tls_session *s)
{
    uint64_t now = c->cfg->now_ms;
    return now && now >= s->received_ms ? (uint32_t)(now - s->received_ms) : 0;
}

mote_tls_session *mote_tls_session_begin(mote_tls_conn *c, int resumed)
{
    mote_tls_session *s = c->cfg->session;
    uint8_t peer[32];
    if (!s) return NULL;
    if (resumed) {
        memcpy(peer, s->peer_hash, 32); /* the identity of the original handshake */
    } else if (c->leaf_key.type != MOTE_X509_KEY_NONE) {
        mote_sha256_ctx h;
        mote_sha256_init(&h);
        mote_sha256_update(&h, &c->leaf_key.type, 1);
        mote_sha256_update(&h, c->leaf_key.data, c->leaf_key.len);
        mote_sha256_final(&h, peer);
    } else {
        memset(peer, 0, 32); /* external PSK: no certificate */
    }
    mote_tls_session_wipe(s);
    memcpy(s->peer_hash, peer, 32);
    name_hash(c, s->name_hash);
    s->received_ms = c->cfg->now_ms;
    s->suite = c->suite;
    s->version = c->version;
    {
        const char *a = mote_tls_alpn(c);
        size_t n = a ? strlen(a) : 0;
        if (a && n <= sizeof s->alpn) memcpy(s->alpn, a, n), s->alpn_len = (uint8_t)n;
    }
    c->tickets++;
    return s;
}
#endif /* MOTE_ENABLE_TLS_RESUMPTION */
