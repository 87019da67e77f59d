/* The TLS 1.3 server handshake (RFC 8446), as a table of states and the
 * messages each accepts, on the client's framing (src/tls/client13.c).
 *
 *   WAIT_CH    ClientHello              -> HelloRetryRequest, WAIT_CH2
 *                                       -> ServerHello, FLIGHT
 *   WAIT_CH2   ClientHello              -> ServerHello, FLIGHT
 *   FLIGHT     (nothing: our flight is being written)
 *                EncryptedExtensions, [CertificateRequest], Certificate,
 *                CertificateVerify, Finished -> WAIT_CERT (we asked) | WAIT_FIN
 *   WAIT_CERT  Certificate (streamed)   -> WAIT_CV | WAIT_FIN (empty, optional)
 *   WAIT_CV    CertificateVerify        -> WAIT_FIN
 *   WAIT_FIN   Finished                 -> CONNECTED
 *   CONNECTED  KeyUpdate
 *
 * The ClientHello is parsed where it lies in the input buffer, every field
 * bounded; what the handshake needs later is copied into the connection
 * (random, session id, choices) and the client's key share is parked at the
 * end of the output buffer until our flight's first step uses it. One
 * public-key operation per call: our key share (with the ServerHello), the
 * shared secret (with EncryptedExtensions), the CertificateVerify
 * signature; each of the client's certificates and its CertificateVerify. */
#include <string.h>

#include "crypto/util.h"
#include "mote/mac.h"
#include "tls/internal.h"
#include "tls/keysched.h"

#if MOTE_ENABLE_SERVER

static int on_client_hello(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th);
static int on_client_finished(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th);

static const mote_tls_hs_row table[] = {
    {MOTE_SS_WAIT_CH, MOTE_HS_CLIENT_HELLO, TH_AFTER, 16384, on_client_hello},
    /* (the handler adds it to the transcript: its binder is checked before) */
    {MOTE_SS_WAIT_CH2, MOTE_HS_CLIENT_HELLO, TH_NONE, 16384, on_client_hello},
    {MOTE_SS_WAIT_CERT, MOTE_HS_CERTIFICATE, TH_AFTER, 0, NULL},
    {MOTE_SS_WAIT_CV, MOTE_HS_CERTIFICATE_VERIFY, TH_BEFORE, 4 + 512,
     mote_tls13_on_certificate_verify},
    {MOTE_SS_WAIT_FIN, MOTE_HS_FINISHED, TH_BEFORE, 64, on_client_finished},
    {MOTE_ST_CONNECTED, MOTE_HS_KEY_UPDATE, TH_NONE, 1, mote_tls13_on_key_update},
};

const mote_tls_hs_row *mote_tls13_server_table(size_t *rows)
{
    *rows = sizeof table / sizeof *table;
    return table;
}

int mote_tls_peer_verified(const mote_tls_conn *c)
{
    return c->peer_auth;
}

/* Our flight, in phases, each resumed when the output buffer has room or
 * the next public-key operation may run. */
enum { SF_SHARED, SF_EE, SF_CR, SF_CERT, SF_VERIFY, SF_FIN };

int mote_tls_server_init(mote_tls_conn *c, const mote_tls_config *cfg, uint8_t *in, size_t in_size,
                         uint8_t *out, size_t out_size)
{
    memset(c, 0, sizeof *c);
    c->alert_sent = c->alert_recv = 255;
    c->state = MOTE_ST_CLOSED;
    if (!cfg || !cfg->rng || !in || !out || in_size < MOTE_TLS_MIN_IN ||
        out_size < MOTE_TLS_MIN_OUT)
        return c->err = MOTE_ERR_BAD_INPUT;
    if (!cfg->sni && !cfg->psk_lookup &&
        (!cfg->client_key || !cfg->n_client_certs || !cfg->client_certs))
        return c->err = MOTE_ERR_BAD_INPUT; /* nothing to present */
    c->cfg = cfg;
    c->server = 1;
    c->in = in, c->in_size = in_size;
    c->out = out, c->out_size = out_size;
    mote_tls_th_init(c);
    c->state = MOTE_SS_WAIT_CH;
    return MOTE_OK;
}

/* ---- the ClientHello ---- */

typedef struct {
    const uint8_t *versions, *groups, *shares, *sigalgs, *alpn, *sni, *psk, *modes;
    size_t versions_len, groups_len, shares_len, sigalgs_len, alpn_len, sni_len, psk_len, modes_len;
    uint16_t rsl;     /* record_size_limit (0: none) */
    uint8_t mfl;      /* max_fragment_length code (0: none) */
    uint8_t has_sni;  /* a server_name extension came */
    unsigned n_ext;   /* extensions seen so far */
    unsigned psk_pos; /* 1 + position of pre_shared_key (0: none) */
} ch_info;

/* A list of 2-byte entries with a 2-byte (or 1-byte) length, filling the
 * whole extension: the entries, or NULL when malformed. */
static const uint8_t *u16_list(rd_t *b, int len_bytes, size_t *n)
{
    size_t len = rd_u(b, len_bytes);
    const uint8_t *p = rd_bytes(b, len);
    if (!p || len == 0 || len % 2 || b->p != b->end) return NULL;
    *n = len;
    return p;
}

static int has_u16(const uint8_t *list, size_t len, uint16_t v)
{
    size_t i;
    for (i = 0; i + 1 < len; i += 2)
        if (((list[i] << 8) | list[i + 1]) == v) return 1;
    return 0;
}

static int ch_ext(mote_tls_conn *c, void *arg, uint16_t type, rd_t *b)
{
    ch_info *h = arg;
    (void)c;
    h->n_ext++;
    switch (type) {
    case 0: { /* server_name: one host_name of 1..255 bytes */
        size_t list = rd_u(b, 2);
        if (b->bad || list == 0 || list != (size_t)(b->end - b->p)) return MOTE_ERR_TLS_DECODE;
        while (b->p < b->end) {
            uint32_t kind = rd_u(b, 1);
            size_t n = rd_u(b, 2);
            const uint8_t *name = rd_bytes(b, n);
            if (!name || n == 0) return MOTE_ERR_TLS_DECODE;
            if (kind != 0) continue;
            if (h->sni || n > 255) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
            h->sni = name, h->sni_len = n;
        }
        h->has_sni = 1;
        return MOTE_OK;
    }
    case 1: { /* max_fragment_length */
        uint32_t code = rd_u(b, 1);
        if (b->bad) return MOTE_ERR_TLS_DECODE;
        if (code < 1 || code > 4) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
        h->mfl = (uint8_t)code;
        return MOTE_OK;
    }
    case 10: /* supported_groups */
        h->groups = u16_list(b, 2, &h->groups_len);
        return h->groups ? MOTE_OK : MOTE_ERR_TLS_DECODE;
    case 13: /* signature_algorithms */
        h->sigalgs = u16_list(b, 2, &h->sigalgs_len);
        return h->sigalgs ? MOTE_OK : MOTE_ERR_TLS_DECODE;
    case 16: { /* ALPN: names of 1..255 bytes */
        size_t list = rd_u(b, 2);
        const uint8_t *p = rd_bytes(b, list);
        rd_t l;
        if (!p || list < 2 || b->p != b->end) return MOTE_ERR_TLS_DECODE;
        l.p = p, l.end = p + list, l.bad = 0;
        while (l.p < l.end) {
            size_t n = rd_u(&l, 1);
            if (n == 0 || !rd_bytes(&l, n)) return MOTE_ERR_TLS_DECODE;
        }
        h->alpn = p, h->alpn_len = list;
        return MOTE_OK;
    }
    case 28: { /* record_size_limit */
        uint32_t v = rd_u(b, 2);
        if (b->bad) return MOTE_ERR_TLS_DECODE;
        if (v < 64) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
        h->rsl = (uint16_t)v;
        return MOTE_OK;
    }
    case 43: /* supported_versions */
        h->versions = u16_list(b, 1, &h->versions_len);
        return h->versions ? MOTE_OK : MOTE_ERR_TLS_DECODE;
    case 51: { /* key_share: {group, key<1..2^16-1>}, each group once */
        size_t list = rd_u(b, 2);
        const uint8_t *p = rd_bytes(b, list);
        rd_t l;
        if (!p || b->p != b->end) return MOTE_ERR_TLS_DECODE;
        l.p = p, l.end = p + list, l.bad = 0;
        while (l.p < l.end) {
            const uint8_t *entry = l.p;
            size_t n;
            rd_u(&l, 2);
            n = rd_u(&l, 2);
            if (n == 0 || !rd_bytes(&l, n)) return MOTE_ERR_TLS_DECODE;
            {
                const uint8_t *q = p; /* the same group earlier? */
                while (q < entry) {
                    if (q[0] == entry[0] && q[1] == entry[1]) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
                    q += 4 + ((size_t)q[2] << 8 | q[3]);
                }
            }
        }
        h->shares = p, h->shares_len = list;
        return MOTE_OK;
    }
    case 41: /* pre_shared_key: must come last; read by take_psk */
        h->psk_pos = h->n_ext;
        h->psk = b->p, h->psk_len = (size_t)(b->end - b->p);
        b->p = b->end;
        return MOTE_OK;
    case 45: { /* psk_key_exchange_modes */
        size_t n = rd_u(b, 1);
        h->modes = rd_bytes(b, n), h->modes_len = n;
        return h->modes && n ? MOTE_OK : MOTE_ERR_TLS_DECODE;
    }
    default: /* anything else (cookie, psk modes, EMS, ...) plays no part here */
        b->p = b->end;
        return MOTE_OK;
    }
}

/* Every extension type at most once (RFC 8446 4.2), known or not. */
static int no_duplicates(const uint8_t *p, const uint8_t *end)
{
    const uint8_t *q, *first = p;
    while (end - p >= 4) {
        for (q = first; q < p; q += 4 + ((size_t)q[2] << 8 | q[3]))
            if (q[0] == p[0] && q[1] == p[1]) return 0;
        p += 4 + ((size_t)p[2] << 8 | p[3]);
    }
    return 1;
}

/* The client's key share for a group, or NULL. */
static const uint8_t *share_of(const ch_info *h, uint16_t group, size_t *n)
{
    const uint8_t *p = h->shares, *end = p ? p + h->shares_len : NULL; /* (none: a PSK) */
    while (p && p < end) {
        size_t len = (size_t)p[2] << 8 | p[3];
        if (((p[0] << 8) | p[1]) == group) {
            *n = len;
            return p + 4;
        }
        p += 4 + len;
    }
    return NULL;
}

/* Can we take this group at all (compiled, configured, buffers)? ffdhe2048
 * needs the ServerHello and the client's 256-byte share in out[] at once. */
static int group_ok(const mote_tls_conn *c, uint16_t g)
{
    const uint16_t *p;
    if (!mote_tls_kex_supported(g)) return 0;
    if (g == MOTE_GROUP_FFDHE2048 && c->out_size < 5 + 128 + 2 * MOTE_TLS_MAX_SHARE + 6) return 0;
    for (p = mote_tls_groups(c); *p; p++)
        if (*p == g) return 1;
    return 0;
}

static const mote_hash_desc *hash_of(const mote_tls_conn *c)
{
    return mote_tls13_suite_hash(c->suite);
}

/* Our application write keys (from s_secret, the server application
 * traffic secret), unless they are in place: after our Finished, or, when
 * we asked for a certificate, with the client's Finished or before an
 * alert of ours that comes first (mote_tls13_alert_keys). */
int mote_tls13_server_write_keys(mote_tls_conn *c)
{
    if (c->w.wr.aead != MOTE_AEAD_NONE) return MOTE_OK;
    return mote_tls13_traffic_keys(hash_of(c), c->s_secret, mote_tls13_suite_aead(c->suite),
                                   &c->w.wr);
}

/* The server's clock in milliseconds (0: none). */
static uint64_t now_ms(const mote_tls_config *cfg)
{
    return cfg->now_ms ? cfg->now_ms : cfg->now > 0 ? (uint64_t)cfg->now * 1000u : 0;
}

/* A ticket of ours for this connection: opens under one of our keys, not
 * expired, its age as the client tells it within 10 s of ours, the
 * suite's hash, a client certificate when one is required. Returns the
 * PSK length (key filled) or 0. */
static size_t ticket_psk(mote_tls_conn *c, const uint8_t *id, size_t len, uint32_t obf_age,
                         uint8_t *key)
{
    mote_tls13_ticket t;
    uint64_t now = now_ms(c->cfg);
    size_t n = 0;
    if (!c->cfg->n_ticket_keys || mote_tls13_ticket_open(c, id, len, &t) != 0) return 0;
    if (now) {
        uint64_t age = now - t.issued;
        uint32_t told = obf_age - t.age_add,
                 d = told > age ? told - (uint32_t)age : (uint32_t)age - told;
        if (now < t.issued || age > (uint64_t)t.lifetime * 1000u || d > 10000u) goto out;
    }
    if (mote_tls13_suite_hash(t.suite) != hash_of(c) || t.psk_len != c->hash_len) goto out;
    if (c->cfg->client_auth == MOTE_TLS_CLIENT_AUTH_REQUIRED && !t.peer_auth) goto out;
    memcpy(key, t.psk, t.psk_len);
    n = t.psk_len;
    c->peer_auth = t.peer_auth;
out:
    mote_wipe(&t, sizeof t);
    return n;
}

/* A pre-shared key (RFC 8446 4.2.11): the first identity that is one of
 * our tickets or an external PSK the lookup knows (SHA-256 suites only),
 * its binder checked over the transcript up to the binders: the
 * ClientHello truncated (body: the message body, in the transcript whole
 * already), or after a HelloRetryRequest message_hash(ClientHello1),
 * HelloRetryRequest and the second ClientHello truncated (the transcript
 * so far: that ClientHello is added after this). The caller has checked
 * the key exchange mode. Returns 1 and puts the early secret in c->secret
 * (and MOTE_PSK_* in c->psk), 0 when no PSK is taken, or an error. */
static int take_psk(mote_tls_conn *c, const ch_info *h, const uint8_t *body, unsigned *selected)
{
    const mote_tls_config *cfg = c->cfg;
    const mote_hash_desc *hd = hash_of(c);
    rd_t r, ids, bnd;
    const uint8_t *end_of_truncated;
    uint8_t key[64], th[48], want[48];
    unsigned idx = 0;
    int taken = 0;
    mote_hash_ctx t;
    if ((!cfg->psk_lookup && !cfg->n_ticket_keys) || !h->psk) return 0;
    r.p = h->psk, r.end = h->psk + h->psk_len, r.bad = 0;
    ids.end = (ids.p = rd_bytes(&r, rd_u(&r, 2))) ? r.p : NULL, ids.bad = 0;
    end_of_truncated = r.p;
    bnd.end = (bnd.p = rd_bytes(&r, rd_u(&r, 2))) ? r.p : NULL, bnd.bad = 0;
    if (r.bad || r.p != r.end || ids.p == ids.end || bnd.p == bnd.end) return MOTE_ERR_TLS_DECODE;
    { /* one binder per identity, before any is checked */
        rd_t a = ids, b = bnd;
        while (a.p < a.end && !a.bad) {
            rd_bytes(&a, rd_u(&a, 2));
            rd_u(&a, 4);
            if (b.p == b.end) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
            rd_bytes(&b, rd_u(&b, 1));
        }
        if (a.bad || b.bad) return MOTE_ERR_TLS_DECODE;
        if (b.p != b.end) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    }
    if (!(c->flags & MOTE_F_HRR)) hd->init(&t);
#if MOTE_ENABLE_SHA512
    else if (hd->out_len == 48)
        t.sha512 = *mote_tls_th384(c);
#endif
    else
        t.sha256 = c->th.s256;
    hd->update(&t, c->hs_hdr, 4);
    hd->update(&t, body, (size_t)(end_of_truncated - body));
    hd->final(&t, th);
    while (ids.p < ids.end) { /* identities and binders pair up */
        size_t il = rd_u(&ids, 2), bl;
        const uint8_t *id = rd_bytes(&ids, il), *binder;
        uint32_t obf_age = rd_u(&ids, 4);
        bl = rd_u(&bnd, 1);
        binder = rd_bytes(&bnd, bl);
        if (!id || il == 0 || ids.bad || !binder || bl < 32) return MOTE_ERR_TLS_DECODE;
        if (!taken) {
            size_t key_len = ticket_psk(c, id, il, obf_age, key);
            int external = 0;
            if (!key_len && cfg->psk_lookup && hd == &mote_sha256_desc) {
                key_len = sizeof key;
                if (cfg->psk_lookup(cfg->psk_arg, id, il, key, &key_len) != 0 ||
                    key_len > sizeof key)
                    key_len = 0;
                external = 1;
            }
            if (key_len) {
                mote_tls13_ks ks;
                mote_tls13_binder(hd, key, key_len, external, th, want);
                if (bl != hd->out_len || !mote_ct_memeq(want, binder, bl)) {
                    mote_wipe(key, sizeof key);
                    return MOTE_ERR_TLS_DECRYPT_ERROR;
                }
                mote_tls13_ks_early(&ks, hd, key, key_len);
                memcpy(c->secret, ks.secret, hd->out_len);
                mote_tls13_ks_wipe(&ks);
                mote_wipe(key, sizeof key);
                *selected = idx;
                c->psk = (uint8_t)((external ? MOTE_PSK_EXT : MOTE_PSK_RES) | MOTE_PSK_ACCEPTED);
                taken = 1;
            }
        }
        idx++;
    }
    return taken;
}

/* A ServerHello's fixed part, for both versions: legacy_version 0x0303,
 * random, the session id in c (echoed, or ours), the suite in c, null
 * compression; the extensions block is left open for the caller. */
void mote_tls_server_hello_begin(mote_tls_conn *c, mote_tls_hello_w *sh, const uint8_t *random)
{
    wr_t *w = &sh->w;
    if (c->out_sent == c->out_len) c->out_sent = c->out_len = 0;
    w->p = c->out + c->out_len + 5, w->end = c->out + c->out_size, w->full = 0;
    sh->msg = w->p;
    put_u(w, MOTE_HS_SERVER_HELLO, 1);
    sh->len3 = open_len(w, 3);
    put_u(w, MOTE_TLS12, 2); /* legacy_version */
    put(w, random, 32);
    put_u(w, c->sid_len, 1);
    put(w, c->session_id, c->sid_len);
    put_u(w, c->suite, 2);
    put_u(w, 0, 1);
    sh->ext = open_len(w, 2);
}

int mote_tls_server_hello_send(mote_tls_conn *c, mote_tls_hello_w *sh)
{
    size_t n;
    close_len(&sh->w, sh->ext, 2);
    close_len(&sh->w, sh->len3, 3);
    if (sh->w.full) return MOTE_ERR_TLS_INTERNAL;
    n = (size_t)(sh->w.p - sh->msg);
    mote_tls_th_add(c, sh->msg, n);
    return mote_tls_send_record(c, 22, sh->msg, n);
}

/* ServerHello or HelloRetryRequest (pub NULL: only the group), as one
 * record; it joins the transcript. psk: 1 + the identity selected, or 0;
 * group 0: psk_ke, no key_share. */
static int send_server_hello(mote_tls_conn *c, const uint8_t *random, uint16_t group,
                             const uint8_t *pub, size_t pub_len, unsigned psk)
{
    mote_tls_hello_w sh;
    mote_tls_server_hello_begin(c, &sh, random);
    put_u(&sh.w, 43, 2); /* supported_versions */
    put_u(&sh.w, 2, 2);
    put_u(&sh.w, MOTE_TLS13, 2);
    if (group) put_u(&sh.w, 51, 2); /* key_share (none with psk_ke: group 0) */
    if (group && !pub) {
        put_u(&sh.w, 2, 2);
        put_u(&sh.w, group, 2);
    } else if (group) {
        put_u(&sh.w, (uint32_t)pub_len + 4, 2);
        put_u(&sh.w, group, 2);
        put_u(&sh.w, (uint32_t)pub_len, 2);
        put(&sh.w, pub, pub_len);
    }
    if (psk) { /* pre_shared_key: selected_identity */
        put_u(&sh.w, 41, 2);
        put_u(&sh.w, 2, 2);
        put_u(&sh.w, psk - 1, 2);
    }
    return mote_tls_server_hello_send(c, &sh);
}

/* Middlebox compatibility (RFC 8446 D.4): one CCS after our first hello,
 * when the client sent a session id. */
static int send_ccs(mote_tls_conn *c)
{
    uint8_t one = 1;
    return c->sid_len ? mote_tls_send_record(c, 20, &one, 1) : MOTE_OK;
}

/* HelloRetryRequest: the transcript restarts with message_hash(ClientHello1). */
static int hello_retry(mote_tls_conn *c, uint16_t group)
{
    int rc;
    mote_tls13_th_restart(c);
    rc = send_server_hello(c, mote_tls13_hrr_random(), group, NULL, 0, 0);
    if (rc == MOTE_OK) rc = send_ccs(c);
    if (rc) return rc;
    c->hrr_group = group;
    c->flags |= MOTE_F_HRR;
    c->state = MOTE_SS_WAIT_CH2;
    return MOTE_OK;
}

/* The TLS 1.3 choices from a parsed ClientHello: suite, group (or a retry),
 * our chain and its scheme, ALPN, record limits. */
static MOTE_NOINLINE int choose13(mote_tls_conn *c, const ch_info *h, const uint8_t *body,
                                  const uint8_t *suites, size_t suites_len, uint16_t *group,
                                  int *retry, unsigned *psk)
{
    const mote_tls_config *cfg = c->cfg;
    const uint16_t *p;
    uint16_t suite = 0;
    size_t i;

    for (p = mote_tls13_suites(c); *p && !suite; p++)
        if (mote_tls13_suite_aead(*p) != MOTE_AEAD_NONE && has_u16(suites, suites_len, *p))
            suite = *p;
    if (!suite) return MOTE_ERR_TLS_HANDSHAKE_FAILURE;
    if ((c->flags & MOTE_F_HRR) && suite != c->suite) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    c->suite = suite;
    mote_tls_th_pick(c, hash_of(c)->out_len);

    /* key_share and supported_groups come together; without a
     * pre_shared_key signature_algorithms and supported_groups must be
     * there; a pre_shared_key needs psk_key_exchange_modes (RFC 8446 9.2, 4.2.9) */
    if (!h->groups != !h->shares || (!h->psk && (!h->groups || !h->sigalgs)) ||
        (h->psk && !h->modes))
        return MOTE_ERR_TLS_MISSING_EXTENSION;
    for (i = 0; i < h->shares_len; i += 4 + ((size_t)h->shares[i + 2] << 8 | h->shares[i + 3]))
        if (!has_u16(h->groups, h->groups_len, (uint16_t)(h->shares[i] << 8 | h->shares[i + 1])))
            return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    /* our preference among the shares sent; else among the groups offered (a retry) */
    *group = 0, *retry = 0;
    for (p = mote_tls_groups(c); *p && !*group; p++)
        if (group_ok(c, *p) && share_of(h, *p, &i)) *group = *p;
    if (c->flags & MOTE_F_HRR) { /* the retry's group, and only it */
        if (*group != c->hrr_group || h->shares_len != 4 + i) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    } else if (!*group) {
        for (p = mote_tls_groups(c); *p && !*group; p++)
            if (group_ok(c, *p) && has_u16(h->groups, h->groups_len, *p)) *group = *p;
        *retry = *group != 0;
    }

    /* a PSK (ticket or external) authenticates us; else the chain for the
     * name asked for, and a scheme its key signs that the client takes.
     * The PSK's key exchange: psk_dhe_ke when the client offers it and a
     * group is in common (after a HelloRetryRequest if need be); psk_ke
     * (no key share, no forward secrecy) when that is all it offers, or no
     * group is in common, unless MOTE_TLS_NO_PSK_KE */
    c->own = cfg->sni ? cfg->sni(cfg->sni_arg, h->sni, h->sni ? h->sni_len : 0) : NULL;
    *psk = 0;
    {
        int dhe = h->modes && memchr(h->modes, 1, h->modes_len) && *group,
            ke = h->modes && memchr(h->modes, 0, h->modes_len) && !dhe &&
                 !(cfg->flags & MOTE_TLS_NO_PSK_KE);
        if ((dhe && !*retry) || ke) {
            unsigned sel = 0;
            int rc = take_psk(c, h, body, &sel);
            if (rc < 0) return rc;
            if (rc) *psk = sel + 1;
            if (rc && ke) *group = 0, *retry = 0; /* psk_ke */
        }
    }
    if (!*group && !*psk) return MOTE_ERR_TLS_HANDSHAKE_FAILURE;
    c->client_scheme = *psk ? 0 : mote_tls_pick_scheme(c, h->sigalgs, h->sigalgs_len);
    if (!c->client_scheme && !*psk) return MOTE_ERR_TLS_HANDSHAKE_FAILURE;
    c->sig_scheme = c->client_scheme;

    /* ALPN: the first of ours the client offers */
    c->alpn_index = mote_tls_server_alpn(c, h->alpn, h->alpn_len);
    if (h->alpn && cfg->alpn && cfg->alpn[0] && !c->alpn_index)
        return MOTE_ERR_TLS_NO_APPLICATION_PROTOCOL;

    /* record limits: record_size_limit wins over max_fragment_length (RFC 8449) */
    c->mfl = 0, c->peer_record_limit = 0;
    if (h->rsl)
        c->peer_record_limit = (uint16_t)(h->rsl - 1 > 16384 ? 16384 : h->rsl - 1);
    else if (h->mfl)
        c->mfl = c->peer_record_limit = (uint16_t)(256u << h->mfl);
    return MOTE_OK;
}

/* Our random, our key share and the ServerHello (+ CCS): out of
 * on_client_hello's frame, which the ClientHello's parsed state fills,
 * with the share (up to 256 bytes) in a frame of its own. */
static MOTE_NOINLINE int our_hello(mote_tls_conn *c, uint16_t group, unsigned psk)
{
    uint8_t pub[MOTE_TLS_MAX_SHARE];
    size_t pub_len = 0;
    int rc = mote_drbg_generate(c->cfg->rng, c->server_random, 32);
    if (rc == MOTE_OK && group) {
        rc = mote_tls_kex_keygen(c, group, pub, &pub_len);
        if (!c->pk_ops) c->pk_ops++;
    }
    if (rc == MOTE_OK) rc = send_server_hello(c, c->server_random, group, pub, pub_len, psk);
    if (rc == MOTE_OK && !(c->flags & MOTE_F_HRR)) rc = send_ccs(c);
    return rc;
}

static int on_client_hello(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    rd_t r = {b, b + len, 0};
    ch_info h;
    const uint8_t *random, *sid, *suites, *comp, *share;
    size_t sid_len, suites_len, comp_len, share_len = 0, i;
    uint16_t group = 0;
    unsigned psk = 0;
    int rc, retry = 0, v13 = 0;
    (void)th;
    memset(&h, 0, sizeof h);
    rd_u(&r, 2); /* legacy_version: supported_versions decides */
    random = rd_bytes(&r, 32);
    sid_len = rd_u(&r, 1);
    sid = rd_bytes(&r, sid_len);
    suites_len = rd_u(&r, 2);
    suites = rd_bytes(&r, suites_len);
    comp_len = rd_u(&r, 1);
    comp = rd_bytes(&r, comp_len);
    if (r.bad || sid_len > 32 || suites_len < 2 || suites_len % 2 || comp_len < 1)
        return mote_tls_fail(c, MOTE_ERR_TLS_DECODE);
    if (r.p == r.end) return mote_tls_fail(c, MOTE_ERR_TLS_PROTOCOL_VERSION); /* no extensions */
    if (r.end - r.p >= 2 && !no_duplicates(r.p + 2, r.end))
        return mote_tls_fail(c, MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    rc = mote_tls_walk_extensions(c, &r, ch_ext, &h);
    if (rc) return mote_tls_fail(c, rc);
    if (h.psk_pos && h.psk_pos != h.n_ext) return mote_tls_fail(c, MOTE_ERR_TLS_ILLEGAL_PARAMETER);

    for (i = 0; h.versions && i < h.versions_len; i += 2)
        if (h.versions[i] == 3 && h.versions[i + 1] == 4) v13 = 1;
#if MOTE_ENABLE_TLS12
    /* no 1.3 offered, or we are pinned to 1.2: server12.c takes the hello */
    if ((!v13 || !mote_tls_offers(c, MOTE_TLS13)) && c->state == MOTE_SS_WAIT_CH &&
        mote_tls_offers(c, MOTE_TLS12))
        return mote_tls12_on_client_hello(c, b, len, v13);
#endif
    if (!v13 || !mote_tls_offers(c, MOTE_TLS13))
        return mote_tls_fail(c, MOTE_ERR_TLS_PROTOCOL_VERSION);
    if (comp_len != 1 || comp[0] != 0) return mote_tls_fail(c, MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    if ((c->flags & MOTE_F_HRR) &&
        (sid_len != c->sid_len || memcmp(sid, c->session_id, sid_len) != 0))
        return mote_tls_fail(c, MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    c->version = MOTE_TLS13;
    memcpy(c->client_random, random, 32);
    memcpy(c->session_id, sid, sid_len);
    c->sid_len = (uint8_t)sid_len;

    rc = choose13(c, &h, b, suites, suites_len, &group, &retry, &psk);
    if (rc) return mote_tls_fail(c, rc);
    if (c->state == MOTE_SS_WAIT_CH2) { /* in the transcript after its binder was checked */
        mote_tls_th_add(c, c->hs_hdr, 4);
        mote_tls_th_add(c, b, len);
    }
    if (retry) {
        rc = hello_retry(c, group);
        return rc ? mote_tls_fail(c, rc) : MOTE_OK;
    }

    /* our key share, then the ServerHello; the client's share waits at the
     * end of out[] for the next step (the shared secret) */
    share = group ? share_of(&h, group, &share_len) : NULL; /* none with psk_ke */
    if (share_len > MOTE_TLS_MAX_SHARE) return mote_tls_fail(c, MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    /* parked first: a ClientHello that straddled records was gathered in
     * out[], where the ServerHello is about to go */
    if (share) memmove(c->out + c->out_size - share_len, share, share_len);
    rc = our_hello(c, group, psk);
    if (rc) return mote_tls_fail(c, rc > MOTE_ERR_TLS_CLOSED ? MOTE_ERR_TLS_INTERNAL : rc);
    if (c->out_size - c->out_len < share_len) return mote_tls_fail(c, MOTE_ERR_TLS_INTERNAL);
    c->share_len = (uint16_t)share_len;
    c->group = group;
    c->state = MOTE_SS_FLIGHT;
    c->fl_phase = SF_SHARED;
    c->flags |= MOTE_F_SFLIGHT;
    if (c->cfg->client_auth && !psk) c->flags |= MOTE_F_CERT_REQ; /* not with a PSK (4.3.2) */
    return MOTE_OK;
}

/* ---- our flight ---- */

/* The shared secret and the handshake traffic keys. */
static MOTE_NOINLINE int handshake_keys(mote_tls_conn *c)
{
    const mote_hash_desc *hd = hash_of(c);
    uint8_t shared[MOTE_TLS_MAX_SHARE], h[48];
    size_t shared_len = 0;
    mote_tls13_ks ks;
    int rc, aead = mote_tls13_suite_aead(c->suite);
    if (c->share_len) { /* (none with psk_ke) */
        rc = mote_tls_kex_shared(c, c->out + c->out_size - c->share_len, c->share_len, shared,
                                 &shared_len);
        c->pk_ops++;
        mote_wipe(c->out + c->out_size - c->share_len, c->share_len);
        if (rc) {
            mote_wipe(shared, sizeof shared);
            return rc == MOTE_ERR_TLS_INTERNAL ? rc : MOTE_ERR_TLS_ILLEGAL_PARAMETER;
        }
    }
    mote_tls_th_get(c, h);            /* ClientHello .. ServerHello */
    if (c->psk & MOTE_PSK_ACCEPTED) { /* the early secret of the PSK, from take_psk */
        ks.hash = hd;
        memcpy(ks.secret, c->secret, hd->out_len);
    } else {
        mote_tls13_ks_early(&ks, hd, NULL, 0);
    }
    mote_tls13_ks_handshake(&ks, c->share_len ? shared : NULL, shared_len);
    mote_wipe(shared, sizeof shared);
    mote_tls13_ks_derive(&ks, "c hs traffic", h, c->c_secret);
    mote_tls13_ks_derive(&ks, "s hs traffic", h, c->s_secret);
    memcpy(c->secret, ks.secret, hd->out_len);
    mote_tls13_ks_wipe(&ks);
    if (mote_tls13_traffic_keys(hd, c->s_secret, aead, &c->w.wr) ||
        mote_tls13_traffic_keys(hd, c->c_secret, aead, &c->rd))
        return MOTE_ERR_TLS_INTERNAL;
    return MOTE_OK;
}

/* A writer for one encrypted handshake record at the end of the pending
 * output (room left for the content type and the tag). */
static void open_record(mote_tls_conn *c, wr_t *w)
{
    size_t over = mote_tls_cipher_overhead(&c->w.wr) + 1;
    if (c->out_sent == c->out_len) c->out_sent = c->out_len = 0;
    w->p = c->out + c->out_len + 5;
    w->end = c->out_size - c->out_len > 5 + over ? c->out + c->out_size - over : w->p;
    w->full = 0;
}

/* Seal what w holds; 0 when it must wait for room, 1 when sent, or an error. */
static int close_record(mote_tls_conn *c, wr_t *w, uint8_t *msg)
{
    int rc;
    if (w->full) return c->out_len > c->out_sent ? 0 : MOTE_ERR_TLS_INTERNAL;
    mote_tls_th_add(c, msg, (size_t)(w->p - msg));
    rc = mote_tls_send_record(c, 22, msg, (size_t)(w->p - msg));
    return rc ? rc : 1;
}

uint8_t mote_tls_server_alpn(const mote_tls_conn *c, const uint8_t *list, size_t len)
{
    const char *const *a;
    if (!list || !c->cfg->alpn) return 0;
    for (a = c->cfg->alpn; *a; a++) {
        size_t n = strlen(*a), at = 0;
        while (at < len) {
            size_t k = list[at];
            if (k == n && at + 1 + k <= len && memcmp(list + at + 1, *a, n) == 0)
                return (uint8_t)(a - c->cfg->alpn + 1);
            at += 1 + k;
        }
    }
    return 0;
}

void mote_tls_put_alpn(const mote_tls_conn *c, wr_t *w)
{
    const char *a;
    size_t n;
    if (!c->alpn_index) return;
    a = c->cfg->alpn[c->alpn_index - 1];
    n = strlen(a);
    put_u(w, 16, 2);
    put_u(w, (uint32_t)n + 3, 2);
    put_u(w, (uint32_t)n + 1, 2);
    put_u(w, (uint32_t)n, 1);
    put(w, a, n);
}

static MOTE_NOINLINE int send_encrypted_extensions(mote_tls_conn *c)
{
    wr_t w;
    uint8_t *msg, *len3, *l2;
    open_record(c, &w);
    msg = w.p;
    put_u(&w, MOTE_HS_ENCRYPTED_EXTENSIONS, 1);
    len3 = open_len(&w, 3);
    l2 = open_len(&w, 2);
    if (c->own || c->cfg->sni) { /* server_name: the name chose the chain */
        put_u(&w, 0, 2);
        put_u(&w, 0, 2);
    }
    mote_tls_put_alpn(c, &w);
    if (c->mfl) { /* max_fragment_length echoed */
        unsigned k = 1;
        while ((256u << k) < c->mfl)
            k++;
        put_u(&w, 1, 2);
        put_u(&w, 1, 2);
        put_u(&w, k, 1);
    } else if (c->peer_record_limit) { /* record_size_limit: what our input buffer takes */
        size_t lim = c->in_size - 5 - 16;
        put_u(&w, 28, 2);
        put_u(&w, 2, 2);
        put_u(&w, (uint32_t)(lim > 16385 ? 16385 : lim), 2);
    }
    close_len(&w, l2, 2);
    close_len(&w, len3, 3);
    return close_record(c, &w, msg);
}

static MOTE_NOINLINE int send_certificate_request(mote_tls_conn *c)
{
    wr_t w;
    uint8_t *msg, *len3, *l2, *l2b, *l1;
    size_t n, i;
    const uint16_t *algs = mote_tls_sig_algs(&n);
    open_record(c, &w);
    msg = w.p;
    put_u(&w, MOTE_HS_CERTIFICATE_REQUEST, 1);
    len3 = open_len(&w, 3);
    put_u(&w, 0, 1); /* certificate_request_context: empty */
    l2 = open_len(&w, 2);
    put_u(&w, 13, 2); /* signature_algorithms: what we verify */
    l2b = open_len(&w, 2);
    l1 = open_len(&w, 2);
    for (i = 0; i < n; i++)
        if (mote_tls_sig_supported(algs[i])) put_u(&w, algs[i], 2);
    close_len(&w, l1, 2);
    close_len(&w, l2b, 2);
    close_len(&w, l2, 2);
    close_len(&w, len3, 3);
    return close_record(c, &w, msg);
}

/* Our Finished, then the application secrets: ours is installed, the
 * client's waits in c->secret until its Finished is checked. */
static MOTE_NOINLINE int send_finished(mote_tls_conn *c)
{
    const mote_hash_desc *hd = hash_of(c);
    uint8_t msg[4 + 48], h[48];
    mote_tls13_ks ks;
    int rc;
    if (c->out_len > c->out_sent && c->out_size - c->out_len < 5 + sizeof msg + 1 + 16) return 0;
    mote_tls_th_get(c, h);
    msg[0] = MOTE_HS_FINISHED, msg[1] = 0, msg[2] = 0, msg[3] = (uint8_t)hd->out_len;
    mote_tls13_finished(hd, c->s_secret, h, msg + 4);
    mote_tls_th_add(c, msg, 4 + hd->out_len);
    rc = mote_tls_send_record(c, 22, msg, 4 + hd->out_len);
    mote_wipe(msg, sizeof msg);
    if (rc) return rc;
    mote_tls_th_get(c, h); /* ClientHello .. server Finished */
    ks.hash = hd;
    memcpy(ks.secret, c->secret, hd->out_len);
    mote_tls13_ks_master(&ks);
    if (c->cfg->n_ticket_keys) /* the master secret waits for the resumption secret */
        memcpy(c->kex_priv, ks.secret, hd->out_len);
    mote_tls13_ks_derive(&ks, "s ap traffic", h, c->s_secret);
    mote_tls13_ks_derive(&ks, "c ap traffic", h, c->secret);
    mote_tls13_ks_wipe(&ks);
    /* the handshake write keys are done; when we asked for a certificate,
     * the client's chain is validated in their memory and the application
     * write keys wait for its Finished */
    mote_wipe(&c->w.wr, sizeof c->w.wr);
    if (c->flags & MOTE_F_CERT_REQ) return 1;
    return mote_tls13_server_write_keys(c) ? MOTE_ERR_TLS_INTERNAL : 1;
}

/* Our CertificateVerify, its content built here and gone before the
 * record is sealed (mote_tls_send_built). The flight's steps each
 * have a frame of their own (MOTE_NOINLINE): the sealing of every record
 * of the flight stacks on mote_tls13_server_continue's, which stays small. */
static MOTE_NOINLINE int send_verify(mote_tls_conn *c)
{
    uint8_t content[MOTE_TLS13_CV_CONTENT_MAX], h[48];
    mote_tls_th_get(c, h);
    return mote_tls_sign_message(c, MOTE_HS_CERTIFICATE_VERIFY, NULL, 0, content,
                                 mote_tls13_cv_content(c, 1, h, content));
}

int mote_tls13_server_continue(mote_tls_conn *c)
{
    int rc = 1;
#if MOTE_ENABLE_TLS12
    if (c->version == MOTE_TLS12) return mote_tls12_server_continue(c);
#endif
    while (rc == 1 && (c->flags & MOTE_F_SFLIGHT)) {
        switch (c->fl_phase) {
        case SF_SHARED:
            if (c->pk_ops) return MOTE_OK; /* one public-key operation per call */
            rc = handshake_keys(c);
            if (rc == MOTE_OK) rc = 1;
            break;
        case SF_EE:
            rc = send_encrypted_extensions(c);
            break;
        case SF_CR:
            rc = (c->flags & MOTE_F_CERT_REQ) ? send_certificate_request(c) : 1;
            break;
        case SF_CERT: /* (a PSK handshake sends no certificate) */
            rc = (c->psk & MOTE_PSK_ACCEPTED) ? 1 : mote_tls_send_client_cert(c);
            break;
        case SF_VERIFY:
            if (c->psk & MOTE_PSK_ACCEPTED) {
                rc = 1;
                break;
            }
            if (c->pk_ops) return MOTE_OK;
            rc = mote_tls_send_built(c, send_verify(c));
            break;
        default:
            rc = send_finished(c);
            if (rc == 1) {
                c->flags &= (uint8_t)~MOTE_F_SFLIGHT;
                c->state = (c->flags & MOTE_F_CERT_REQ) ? MOTE_SS_WAIT_CERT : MOTE_SS_WAIT_FIN;
                return MOTE_OK;
            }
            break;
        }
        if (rc == 1) c->fl_phase++;
    }
    return rc < 0 ? mote_tls_fail(c, rc) : MOTE_OK;
}

/* ---- the client's flight ---- */

int mote_tls13_client_cert_end(mote_tls_conn *c, unsigned count)
{
    int rc, v12 = c->version == MOTE_TLS12; /* TLS 1.2: the key exchange comes next */
    if (count == 0) { /* no certificate (TLS 1.2 has no certificate_required alert) */
        if (c->cfg->client_auth == MOTE_TLS_CLIENT_AUTH_REQUIRED)
            return v12 ? MOTE_ERR_TLS_HANDSHAKE_FAILURE : MOTE_ERR_TLS_CERTIFICATE_REQUIRED;
        c->state = v12 ? MOTE_SS12_WAIT_CKE : MOTE_SS_WAIT_FIN;
        return MOTE_OK;
    }
    rc = mote_tls_cert_end(c, count);
    if (rc) return rc;
    c->state = v12 ? MOTE_SS12_WAIT_CKE : MOTE_SS_WAIT_CV;
    return MOTE_OK;
}

/* NewSessionTickets (RFC 8446 4.6.1), as many as configured and as fit in
 * out[] now, from the resumption master secret in c->secret. */
static int send_tickets(mote_tls_conn *c)
{
    const mote_tls_config *cfg = c->cfg;
    unsigned i, n = cfg->n_tickets ? cfg->n_tickets : 2;
    uint32_t life = cfg->ticket_lifetime ? cfg->ticket_lifetime : 86400;
    uint8_t msg[4 + 12 + MOTE_TLS13_TICKET_MAX + 2];
    mote_tls13_ticket t;
    int rc = MOTE_OK;
    if (n > 4) n = 4;
    if (life > 604800) life = 604800;
    memset(&t, 0, sizeof t);
    t.suite = c->suite, t.alpn_index = c->alpn_index, t.peer_auth = c->peer_auth;
    t.psk_len = c->hash_len, t.lifetime = life, t.issued = now_ms(cfg);
    for (i = 0; i < n && rc == MOTE_OK; i++) {
        uint8_t nonce = (uint8_t)i, *p = msg + 4;
        size_t len;
        if (c->out_len > c->out_sent &&
            c->out_size - c->out_len < 5 + sizeof msg + 1 + mote_tls_cipher_overhead(&c->w.wr))
            break; /* no room: fewer tickets */
        rc = mote_drbg_generate(cfg->rng, p + 4, 4);
        if (rc) break;
        t.age_add = mote_load_be32(p + 4);
        mote_tls13_ticket_psk(hash_of(c), c->secret, &nonce, 1, t.psk);
        len = mote_tls13_ticket_seal(c, &t, p + 12);
        if (!len) break;
        mote_store_be32(p, life);
        p[8] = 1, p[9] = nonce; /* ticket_nonce */
        p[10] = (uint8_t)(len >> 8), p[11] = (uint8_t)len;
        p += 12 + len;
        p[0] = 0, p[1] = 0; /* no extensions */
        p += 2;
        msg[0] = MOTE_HS_NEW_SESSION_TICKET, msg[1] = 0;
        msg[2] = (uint8_t)((p - msg - 4) >> 8), msg[3] = (uint8_t)(p - msg - 4);
        rc = mote_tls_send_record(c, 22, msg, (size_t)(p - msg));
    }
    mote_wipe(&t, sizeof t);
    mote_wipe(msg, sizeof msg);
    return rc;
}

static int on_client_finished(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    const mote_hash_desc *hd = hash_of(c);
    uint8_t want[48], hdr[4] = {MOTE_HS_FINISHED, 0, 0, 0};
    if (len != hd->out_len) return mote_tls_fail(c, MOTE_ERR_TLS_DECODE);
    mote_tls13_finished(hd, c->c_secret, th, want);
    if (!mote_ct_memeq(want, b, len)) return mote_tls_fail(c, MOTE_ERR_TLS_DECRYPT_ERROR);
    hdr[3] = (uint8_t)len;
    mote_tls_th_add(c, hdr, 4);
    mote_tls_th_add(c, b, len);
    memcpy(c->c_secret, c->secret, hd->out_len);
    mote_wipe(c->secret, sizeof c->secret);
    if (mote_tls13_traffic_keys(hd, c->c_secret, mote_tls13_suite_aead(c->suite), &c->rd) ||
        mote_tls13_server_write_keys(c))
        return mote_tls_fail(c, MOTE_ERR_TLS_INTERNAL);
    c->state = MOTE_ST_CONNECTED;
    if (c->cfg->n_ticket_keys) { /* resumption_master_secret, the tickets, then gone */
        uint8_t h[48];
        int rc;
        mote_tls_th_get(c, h); /* ClientHello .. client Finished */
        (void)mote_tls13_derive_secret(hd, c->kex_priv, "res master", h, c->secret);
        mote_wipe(c->kex_priv, sizeof c->kex_priv);
        rc = send_tickets(c);
        mote_wipe(c->secret, sizeof c->secret);
        if (rc) return mote_tls_fail(c, MOTE_ERR_TLS_INTERNAL);
    }
    return MOTE_OK;
}

#endif /* MOTE_ENABLE_SERVER */
