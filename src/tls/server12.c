/* The TLS 1.2 server handshake (RFC 5246), as a table of states and the
 * messages each accepts, on the framing of client13.c. server13.c hands
 * over a ClientHello that offers no TLS 1.3, or when we are pinned to 1.2.
 *
 *   WAIT_CH    ClientHello (server13.c)  -> ServerHello, FLIGHT
 *                                        -> (resumed) ServerHello, CCS, Finished, WAIT_CCS
 *   FLIGHT     (nothing: Certificate, ServerKeyExchange, [CertificateRequest],
 *              ServerHelloDone are being written) -> WAIT_CERT | WAIT_CKE
 *   WAIT_CERT  Certificate (streamed; server13.c's policy) -> WAIT_CKE
 *   WAIT_CKE   ClientKeyExchange         -> WAIT_CV (a certificate came) | WAIT_CCS
 *   WAIT_CV    CertificateVerify         -> WAIT_CCS
 *   WAIT_CCS   (ChangeCipherSpec record, client12.c) -> WAIT_FIN
 *   WAIT_FIN   Finished (client12.c)     -> [NewSessionTicket], our CCS and
 *                                           Finished (full handshake), CONNECTED
 *   CONNECTED  ClientHello: refused with a no_renegotiation warning
 *
 * Suites: ECDHE_ECDSA / ECDHE_RSA with AES-GCM and ChaCha20-Poly1305, the
 * authentication following our key; groups x25519, P-256, P-384 from the
 * client's supported_groups. DHE_RSA (AES-GCM) over ffdhe2048 only when no
 * ECDHE suite can be served (the client offers none of ours, or no curve
 * in common), with an RSA key, ffdhe2048 among our groups, and a client
 * whose supported_groups names ffdhe2048 or no finite-field group at all
 * (RFC 7919 4). The ServerKeyExchange is signed with RSA-PSS when the
 * client offers rsa_pss_rsae_*, else RSA PKCS#1 v1.5 (rsa_pkcs1_sha*).
 * Extended master secret is required unless MOTE_TLS_ALLOW_NO_EMS;
 * renegotiation_info is answered empty.
 *
 * Legacy suites, only when cfg->cipher_suites lists them: AES-CBC with
 * HMAC (encrypt_then_mac, RFC 7366, answered when the client offers it and
 * the suite is CBC), and RSA key transport (an RSA key only; chosen after
 * ECDHE and DHE: forward secrecy first; no ServerKeyExchange; the premaster
 * decrypted with the RFC 5246 7.4.7.1 countermeasure, so that a bad one
 * shows only at the client's Finished; the decryption needs 3.2 KiB of
 * idle in[] or out[] for an RSA-2048 key, else the suite is not chosen).
 *
 * Client certificates (client_auth): a CertificateRequest (rsa_sign,
 * ecdsa_sign; the schemes we verify whose hash is the suite's, since the
 * CertificateVerify is checked against the transcript hash; no
 * certificate_authorities); the chain as in TLS 1.3 (server13.c's
 * mote_tls13_client_cert_end: none with client_auth required is a
 * handshake_failure).
 *
 * Resumption: a SessionTicket (RFC 5077) sealed under cfg->ticket_keys as
 * a TLS 1.2 ticket (tickets.c), or a session id found in
 * cfg->session_cache, whose suite the client offers and we still serve,
 * with the same extended master secret, not expired (ticket_lifetime), and
 * client-verified when client_auth requires it, resumes; anything else gets
 * a full handshake, which stores its session in the cache (a fresh session
 * id) and/or sends a NewSessionTicket when the client asked for one.
 *
 * One public-key operation per call: our key pair (with the ServerHello),
 * the ServerKeyExchange signature, the shared secret, each client
 * certificate's signature, the client's CertificateVerify. */
#include <string.h>

#include "crypto/util.h"
#include "mote/ffdhe.h"
#include "mote/rsa.h"
#include "tls/internal.h"

#if MOTE_ENABLE_SERVER && MOTE_ENABLE_TLS12

typedef struct {
    const uint8_t *groups, *sigalgs, *alpn, *sni, *versions, *ticket;
    size_t groups_len, sigalgs_len, alpn_len, sni_len, versions_len, ticket_len;
    uint16_t rsl;
    uint8_t mfl, ems, ri, pf, has_ticket, etm;
} ch12_info;

static int has16(const uint8_t *list, size_t len, uint16_t v)
{
    size_t i;
    for (i = 0; list && i + 1 < len; i += 2)
        if (((list[i] << 8) | list[i + 1]) == v) return 1;
    return 0;
}

static const uint8_t *list16(rd_t *b, int len_bytes, size_t *n)
{
    size_t len = rd_u(b, len_bytes);
    const uint8_t *p = rd_bytes(b, len);
    if (!p || len == 0 || len % 2 || b->p != b->end) return NULL;
    *n = len;
    return p;
}

/* The extensions a 1.2 server reads; server13.c validated the shared ones
 * (SNI, ALPN, limits) already on the same bytes. */
static int ch12_ext(mote_tls_conn *c, void *arg, uint16_t type, rd_t *b)
{
    ch12_info *h = arg;
    (void)c;
    switch (type) {
    case 0: { /* server_name: the host_name */
        rd_u(b, 2);
        while (!b->bad && b->p < b->end) {
            uint32_t kind = rd_u(b, 1);
            size_t n = rd_u(b, 2);
            const uint8_t *name = rd_bytes(b, n);
            if (name && kind == 0) h->sni = name, h->sni_len = n;
        }
        return b->bad ? MOTE_ERR_TLS_DECODE : MOTE_OK;
    }
    case 1:
        h->mfl = (uint8_t)rd_u(b, 1);
        return MOTE_OK;
    case 10:
        h->groups = list16(b, 2, &h->groups_len);
        return h->groups ? MOTE_OK : MOTE_ERR_TLS_DECODE;
    case 11: { /* ec_point_formats: uncompressed must be among them */
        size_t n = rd_u(b, 1);
        const uint8_t *f = rd_bytes(b, n);
        if (!f || n == 0 || b->p != b->end) return MOTE_ERR_TLS_DECODE;
        if (!memchr(f, 0, n)) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
        h->pf = 1;
        return MOTE_OK;
    }
    case 13:
        h->sigalgs = list16(b, 2, &h->sigalgs_len);
        return h->sigalgs ? MOTE_OK : MOTE_ERR_TLS_DECODE;
    case 16:
        h->alpn_len = rd_u(b, 2);
        h->alpn = rd_bytes(b, h->alpn_len);
        return h->alpn ? MOTE_OK : MOTE_ERR_TLS_DECODE;
    case 23: /* extended_master_secret: empty */
        if (b->p != b->end) return MOTE_ERR_TLS_DECODE;
        h->ems = 1;
        return MOTE_OK;
    case 22: /* encrypt_then_mac (RFC 7366): empty */
        if (b->p != b->end) return MOTE_ERR_TLS_DECODE;
        h->etm = 1;
        return MOTE_OK;
    case 28:
        h->rsl = (uint16_t)rd_u(b, 2);
        return MOTE_OK;
    case 35: /* SessionTicket: empty (asks for one) or a ticket */
        h->has_ticket = 1;
        h->ticket = b->p, h->ticket_len = (size_t)(b->end - b->p);
        b->p = b->end;
        return MOTE_OK;
    case 43:
        h->versions = list16(b, 1, &h->versions_len);
        return h->versions ? MOTE_OK : MOTE_ERR_TLS_DECODE;
    case 65281: /* renegotiation_info: an empty renegotiated_connection */
        if (rd_u(b, 1) != 0 || b->p != b->end) return MOTE_ERR_TLS_HANDSHAKE_FAILURE;
        h->ri = 1;
        return MOTE_OK;
    default:
        b->p = b->end;
        return MOTE_OK;
    }
}

/* One of our suites (configured, compiled in, with a group of ours). */
static int ours(const mote_tls_conn *c, uint16_t suite)
{
    const uint16_t *s;
    for (s = mote_tls12_suites(c); *s; s++)
        if (*s == suite) return mote_tls12_suite_usable(c, suite);
    return 0;
}

/* RFC 7919 4: DHE over ffdhe2048 for a client that names it among its
 * groups, or names no finite-field group (256..511) at all; an out[] that
 * holds the signed ServerKeyExchange (p, g, Ys and the RSA signature). */
static int dhe_ok(const mote_tls_conn *c, const ch12_info *h, const mote_x509_privkey *key)
{
    size_t i;
    if (key->type != MOTE_X509_KEY_RSA || !mote_tls_kex_supported(MOTE_GROUP_FFDHE2048) ||
        !mote_tls_offered_group(c, MOTE_GROUP_FFDHE2048) ||
        c->out_size < 5 + 8 + 2 * (2 + MOTE_TLS_MAX_SHARE) + 3 + (size_t)key->len)
        return 0;
    if (has16(h->groups, h->groups_len, MOTE_GROUP_FFDHE2048)) return 1;
    for (i = 0; h->groups && i + 1 < h->groups_len; i += 2)
        if (h->groups[i] == 1) return 0; /* 0x01xx: a finite-field group, not ours */
    return 1;
}

/* RSA key transport (opt-in suites): an RSA key, and out[] or in[] idle
 * enough for the decryption's workspace (checked again at the
 * ClientKeyExchange: rsa_premaster). */
#define RSA_KX(c) (MOTE_ENABLE_TLS12_RSA_KEX && !(c)->group) /* chosen: no group */
static int rsa_kex_ok(const mote_tls_conn *c, const mote_x509_privkey *key)
{
#if MOTE_ENABLE_TLS12_RSA_KEX
    size_t need;
    if (key->type != MOTE_X509_KEY_RSA) return 0;
    need = (size_t)MOTE_RSA_DECRYPT_WORK_WORDS(key->u.rsa.bits) * 4 + 4;
    return c->out_size >= need || c->in_size >= need + 600;
#else
    (void)c, (void)key;
    return 0;
#endif
}

/* Our first suite the client offers whose authentication is our key's:
 * ECDHE with a curve we share first, else DHE (see dhe_ok), else RSA key
 * transport; sets c->suite, c->group, c->hash_len. */
static int choose_suite(mote_tls_conn *c, const ch12_info *h, const uint8_t *suites,
                        size_t suites_len, const mote_x509_privkey *key)
{
    const uint16_t *s, *g;
    uint16_t group = 0;
    int kx;
    for (g = mote_tls_groups(c); *g && !group; g++)
        if (*g != MOTE_GROUP_FFDHE2048 && mote_tls_kex_supported(*g) &&
            has16(h->groups, h->groups_len, *g))
            group = *g;
    for (kx = 1; kx <= (MOTE_ENABLE_TLS12_RSA_KEX ? MOTE_TLS12_KX_RSA : 2);
         kx++) { /* ECDHE, then DHE, then RSA (forward secrecy first) */
        if (kx == 1 ? !group : kx == 2 ? !dhe_ok(c, h, key) : !rsa_kex_ok(c, key)) continue;
        for (s = mote_tls12_suites(c); *s; s++) {
            int auth = 0;
            if (mote_tls12_suite_kind(*s, &auth) != kx ||
                auth != (key->type == MOTE_X509_KEY_RSA ? 2 : 1) ||
                !has16(suites, suites_len, *s) || !mote_tls12_suite_usable(c, *s))
                continue;
            c->suite = *s;
            c->group = kx == 1 ? group : kx == 2 ? MOTE_GROUP_FFDHE2048 : 0;
            mote_tls_th_pick(c, mote_tls12_suite_hash_len(*s));
            return MOTE_OK;
        }
    }
    return MOTE_ERR_TLS_HANDSHAKE_FAILURE;
}

/* The scheme our key signs the ServerKeyExchange with: the first of the
 * client's our key signs (RSA-PSS for RSA keys), else for an RSA key the
 * first PKCS#1 v1.5 scheme the client lists. 0: none. */
static uint16_t choose_scheme(const mote_tls_conn *c, const ch12_info *h,
                              const mote_x509_privkey *key)
{
    uint16_t s = mote_tls_pick_scheme(c, h->sigalgs, h->sigalgs_len);
#if MOTE_ENABLE_RSA && MOTE_ENABLE_RSA_SIGN
    size_t i;
    for (i = 0; !s && key->type == MOTE_X509_KEY_RSA && i + 1 < h->sigalgs_len; i += 2) {
        uint16_t v = (uint16_t)((h->sigalgs[i] << 8) | h->sigalgs[i + 1]);
        if (v == MOTE_SIG_RSA_PKCS1_SHA256
#if MOTE_ENABLE_SHA512
            || v == MOTE_SIG_RSA_PKCS1_SHA384 || v == MOTE_SIG_RSA_PKCS1_SHA512
#endif
        )
            s = v;
    }
#else
    (void)key;
#endif
    return s;
}

/* ---- resumption: tickets and the session-id cache ---- */

/* The server's clock in milliseconds (0: none), and how long a session lives. */
static uint64_t clock_ms(const mote_tls_config *cfg)
{
    return cfg->now_ms ? cfg->now_ms : cfg->now > 0 ? (uint64_t)cfg->now * 1000u : 0;
}

static uint32_t lifetime(const mote_tls_config *cfg)
{
    uint32_t life = cfg->ticket_lifetime ? cfg->ticket_lifetime : 86400;
    return life > 604800 ? 604800 : life;
}

void mote_tls_session_cache_init(mote_tls_session_cache *cache, mote_tls_cached_session *slots,
                                 size_t n_slots)
{
    cache->slots = slots;
    cache->n_slots = slots ? n_slots : 0;
    cache->hits = 0;
    mote_tls_session_cache_wipe(cache);
}

void mote_tls_session_cache_wipe(mote_tls_session_cache *cache)
{
    if (cache->slots) mote_wipe(cache->slots, cache->n_slots * sizeof *cache->slots);
    cache->clock = 0;
}

static uint32_t tick(mote_tls_session_cache *sc)
{
    if (++sc->clock == 0) sc->clock = 1; /* 0 marks an empty slot */
    return sc->clock;
}

/* Can a session of this suite, flags (1: client verified, 2: EMS), issue
 * time and lifetime (s) be resumed by this ClientHello? */
static int resumable(const mote_tls_conn *c, uint16_t suite, uint8_t flags, uint64_t issued,
                     uint32_t life, const uint8_t *suites, size_t suites_len)
{
    uint64_t now = clock_ms(c->cfg);
    if (!has16(suites, suites_len, suite) || !ours(c, suite)) return 0;
    if (!(flags & MOTE_TICKET12_EMS) != !(c->flags & MOTE_F_EMS)) return 0; /* RFC 7627 5.3 */
    if (c->cfg->client_auth == MOTE_TLS_CLIENT_AUTH_REQUIRED && !(flags & 1)) return 0;
    return !now || (now >= issued && now - issued <= (uint64_t)life * 1000u);
}

/* The session the ClientHello offers, if we resume it: its ticket first,
 * else its session id in the cache. 1 with c->secret, c->suite,
 * c->peer_auth and c->psk set; 0 for a full handshake. */
static MOTE_NOINLINE int take_session(mote_tls_conn *c, const ch12_info *h, const uint8_t *sid,
                                      size_t sid_len, const uint8_t *suites, size_t suites_len)
{
    const mote_tls_config *cfg = c->cfg;
    mote_tls_session_cache *sc = cfg->session_cache;
    uint16_t suite = 0;
    uint8_t flags = 0;
    size_t i;
    if (h->ticket_len && cfg->n_ticket_keys) {
        mote_tls13_ticket t;
        if (mote_tls_ticket_open(c, MOTE_TLS12, h->ticket, h->ticket_len, &t) == 0 &&
            t.psk_len == 48 &&
            resumable(c, t.suite, t.peer_auth, t.issued, t.lifetime, suites, suites_len)) {
            memcpy(c->secret, t.psk, 48);
            suite = t.suite, flags = t.peer_auth;
            c->psk = MOTE_PSK_RES | MOTE_PSK_ACCEPTED;
        }
        mote_wipe(&t, sizeof t);
    }
    for (i = 0; !suite && sc && sid_len == 32 && i < sc->n_slots; i++) {
        mote_tls_cached_session *e = &sc->slots[i];
        if (!e->used || memcmp(e->id, sid, 32) != 0) continue;
        if (!resumable(c, e->suite, e->flags, e->issued_ms, lifetime(cfg), suites, suites_len))
            break;
        memcpy(c->secret, e->master, 48);
        suite = e->suite, flags = e->flags;
        e->used = tick(sc);
        sc->hits++;
        c->psk = MOTE_PSK_SID12 | MOTE_PSK_ACCEPTED;
    }
    if (!suite) return 0;
    c->suite = suite;
    mote_tls_th_pick(c, mote_tls12_suite_hash_len(suite));
    c->peer_auth = flags & 1;
    return 1;
}

/* The finished full handshake's session (master secret in c->secret):
 * into the cache under our session id (an empty or the least recently
 * used slot, wiped first), and a NewSessionTicket when the client asked. */
int mote_tls12_server_keep(mote_tls_conn *c)
{
    const mote_tls_config *cfg = c->cfg;
    mote_tls_session_cache *sc = cfg->session_cache;
    uint8_t flags =
        (uint8_t)((c->peer_auth ? 1 : 0) | (c->flags & MOTE_F_EMS ? MOTE_TICKET12_EMS : 0));
    if (sc && sc->n_slots && c->sid_len == 32) {
        mote_tls_cached_session *e = &sc->slots[0];
        size_t i;
        for (i = 1; i < sc->n_slots && e->used; i++)
            if (sc->slots[i].used < e->used) e = &sc->slots[i];
        mote_wipe(e, sizeof *e);
        memcpy(e->id, c->session_id, 32);
        memcpy(e->master, c->secret, 48);
        e->suite = c->suite, e->flags = flags;
        e->issued_ms = clock_ms(cfg);
        e->used = tick(sc);
    }
    if (c->psk & MOTE_PSK_RES) { /* RFC 5077 3.3: NewSessionTicket, before our CCS */
        uint8_t msg[4 + 6 + MOTE_TLS13_TICKET_MAX];
        mote_tls13_ticket t;
        size_t n;
        int rc;
        memset(&t, 0, sizeof t);
        t.suite = c->suite, t.peer_auth = flags, t.psk_len = 48;
        t.lifetime = lifetime(cfg), t.issued = clock_ms(cfg);
        memcpy(t.psk, c->secret, 48);
        n = mote_tls_ticket_seal(c, MOTE_TLS12, &t, msg + 10); /* 0: an empty ticket */
        mote_wipe(&t, sizeof t);
        msg[0] = MOTE_HS_NEW_SESSION_TICKET, msg[1] = 0;
        msg[2] = (uint8_t)((n + 6) >> 8), msg[3] = (uint8_t)(n + 6);
        mote_store_be32(msg + 4, lifetime(cfg));
        msg[8] = (uint8_t)(n >> 8), msg[9] = (uint8_t)n;
        mote_tls_th_add(c, msg, 10 + n);
        rc = mote_tls_send_record(c, 22, msg, 10 + n);
        if (rc) return rc;
    }
    return MOTE_OK;
}

static void choose_alpn_limits(mote_tls_conn *c, const ch12_info *h, int *none)
{
    c->alpn_index = mote_tls_server_alpn(c, h->alpn, h->alpn_len);
    *none = h->alpn && c->cfg->alpn && c->cfg->alpn[0] && !c->alpn_index;
    c->mfl = 0, c->peer_record_limit = 0;
    if (h->rsl >= 64) /* TLS 1.2: the limit does not count the content type */
        c->peer_record_limit = (uint16_t)(h->rsl > 16384 ? 16384 : h->rsl);
    else if (h->mfl >= 1 && h->mfl <= 4)
        c->mfl = c->peer_record_limit = (uint16_t)(256u << h->mfl);
}

static int send_server_hello(mote_tls_conn *c, const ch12_info *h)
{
    int resumed = (c->psk & MOTE_PSK_ACCEPTED) != 0;
    mote_tls_hello_w sh;
    /* the session id: ours (cache), the client's (resumed), or none */
    mote_tls_server_hello_begin(c, &sh, c->server_random);
    put_u(&sh.w, 65281, 2); /* renegotiation_info, empty */
    put_u(&sh.w, 1, 2);
    put_u(&sh.w, 0, 1);
    if (c->flags & MOTE_F_EMS) {
        put_u(&sh.w, 23, 2);
        put_u(&sh.w, 0, 2);
    }
    /* encrypt_then_mac when the client asks and the suite is CBC */
#if MOTE_ENABLE_CBC
    MOTE_TLS12_ETM(c) = (uint8_t)(h->etm && mote_tls12_expansion(c->suite) > 24);
    if (MOTE_TLS12_ETM(c)) {
        put_u(&sh.w, 22, 2);
        put_u(&sh.w, 0, 2);
    }
#endif
    if (h->pf && c->group != MOTE_GROUP_FFDHE2048 &&
        (!RSA_KX(c) || resumed)) { /* ec_point_formats: uncompressed */
        put_u(&sh.w, 11, 2);
        put_u(&sh.w, 2, 2);
        put_u(&sh.w, 1, 1);
        put_u(&sh.w, 0, 1);
    }
    if (!resumed && (c->psk & MOTE_PSK_RES)) { /* SessionTicket: a ticket will follow */
        put_u(&sh.w, 35, 2);
        put_u(&sh.w, 0, 2);
    }
    if (!resumed && (c->own || (c->cfg->sni && h->sni))) {
        put_u(&sh.w, 0, 2);
        put_u(&sh.w, 0, 2);
    }
    mote_tls_put_alpn(c, &sh.w);
    if (c->mfl) {
        put_u(&sh.w, 1, 2);
        put_u(&sh.w, 1, 2);
        put_u(&sh.w, h->mfl, 1);
    } else if (c->peer_record_limit) {
        size_t lim = c->in_size - 5 - mote_tls12_expansion(c->suite);
        put_u(&sh.w, 28, 2);
        put_u(&sh.w, 2, 2);
        put_u(&sh.w, (uint32_t)(lim > 16384 ? 16384 : lim), 2);
    }
    return mote_tls_server_hello_send(c, &sh);
}

int mote_tls12_on_client_hello(mote_tls_conn *c, const uint8_t *b, size_t len, int offered13)
{
    const mote_tls_config *cfg = c->cfg;
    rd_t r = {b, b + len, 0};
    ch12_info h;
    const uint8_t *random, *sid, *suites, *comp;
    size_t sid_len, suites_len, comp_len;
    mote_tls_chain own;
    uint16_t legacy;
    int rc, no_alpn;
    memset(&h, 0, sizeof h);
    legacy = (uint16_t)rd_u(&r, 2);
    random = rd_bytes(&r, 32);
    sid_len = rd_u(&r, 1);
    sid = rd_bytes(&r, sid_len);
    suites_len = rd_u(&r, 2);
    suites = rd_bytes(&r, suites_len);
    comp_len = rd_u(&r, 1);
    comp = rd_bytes(&r, comp_len);
    if (r.bad || sid_len > 32) return mote_tls_fail(c, MOTE_ERR_TLS_DECODE);
    rc = mote_tls_walk_extensions(c, &r, ch12_ext, &h);
    if (rc) return mote_tls_fail(c, rc);
    if (legacy < MOTE_TLS12 || (h.versions && !has16(h.versions, h.versions_len, MOTE_TLS12)))
        return mote_tls_fail(c, MOTE_ERR_TLS_PROTOCOL_VERSION);
    if (!memchr(comp, 0, comp_len)) return mote_tls_fail(c, MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    if (!h.ri && !has16(suites, suites_len, 0x00FF)) /* RFC 5746: no secure renegotiation */
        return mote_tls_fail(c, MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    if (!h.ems && !(cfg->flags & MOTE_TLS_ALLOW_NO_EMS))
        return mote_tls_fail(c, MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    c->version = MOTE_TLS12;
    if (h.ems) c->flags |= MOTE_F_EMS;
    memcpy(c->client_random, random, 32);
    c->own = cfg->sni ? cfg->sni(cfg->sni_arg, h.sni, h.sni ? h.sni_len : 0) : NULL;
    mote_tls_own_chain(c, &own);
    if (!own.key || !own.n_certs) return mote_tls_fail(c, MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    choose_alpn_limits(c, &h, &no_alpn);
    if (no_alpn) return mote_tls_fail(c, MOTE_ERR_TLS_NO_APPLICATION_PROTOCOL);
    rc = mote_drbg_generate(cfg->rng, c->server_random, 32);
    if (rc == MOTE_OK && offered13) /* RFC 8446 4.1.3: the downgrade sentinel */
        memcpy(c->server_random + 24, "DOWNGRD\001", 8);
    if (rc) return mote_tls_fail(c, MOTE_ERR_TLS_INTERNAL);

    if (take_session(c, &h, sid, sid_len, suites, suites_len)) {
        /* abbreviated: ServerHello echoing the id, our CCS and Finished */
        memcpy(c->session_id, sid, sid_len);
        c->sid_len = (uint8_t)sid_len;
        rc = send_server_hello(c, &h);
        if (rc == MOTE_OK) {
            mote_tls12_keys(c);
            rc = mote_tls12_send_ccs_finished(c);
        }
        if (rc) return mote_tls_fail(c, MOTE_ERR_TLS_INTERNAL);
        c->state = MOTE_ST12_WAIT_CCS;
        return MOTE_OK;
    }

    /* RFC 8422 5.1: an ECDSA key's curve must be among the client's groups */
    if ((own.key->type == MOTE_X509_KEY_P256 &&
         !has16(h.groups, h.groups_len, MOTE_GROUP_SECP256R1)) ||
        (own.key->type == MOTE_X509_KEY_P384 &&
         !has16(h.groups, h.groups_len, MOTE_GROUP_SECP384R1)))
        return mote_tls_fail(c, MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    rc = choose_suite(c, &h, suites, suites_len, own.key);
    if (rc) return mote_tls_fail(c, rc);
    c->client_scheme = choose_scheme(c, &h, own.key);
    if (RSA_KX(c)) { /* RSA key transport: nothing is signed (a nonzero scheme has our
                      * chain sent); the premaster names client_version */
        c->client_scheme = MOTE_SIG_RSA_PKCS1_SHA256;
        c->kex_priv[0] = (uint8_t)(legacy >> 8), c->kex_priv[1] = (uint8_t)legacy;
    } else if (!c->client_scheme) {
        return mote_tls_fail(c, MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    }
    c->sig_scheme = RSA_KX(c) ? 0 : c->client_scheme;
    /* a new session: an id when we cache, a ticket when the client asks */
    c->sid_len = 0;
    if (cfg->session_cache && cfg->session_cache->n_slots) {
        rc = mote_drbg_generate(cfg->rng, c->session_id, 32);
        c->sid_len = 32;
    }
    if (h.has_ticket && cfg->n_ticket_keys) c->psk = MOTE_PSK_RES;
    if (cfg->client_auth != MOTE_TLS_CLIENT_AUTH_NONE) c->flags |= MOTE_F_CERT_REQ;

    /* our key pair comes first in the flight (SF12_KEY), out of this frame */
    if (rc == MOTE_OK) rc = send_server_hello(c, &h);
    if (rc) return mote_tls_fail(c, rc > MOTE_ERR_TLS_CLOSED ? MOTE_ERR_TLS_INTERNAL : rc);
    c->state = MOTE_SS12_FLIGHT;
    c->fl_phase = 0;
    c->fl_pos = 0;
    c->flags |= MOTE_F_SFLIGHT;
    return MOTE_OK;
}

/* ServerKeyExchange parameters: ECParameters (named_curve) and our point,
 * or ServerDHParams (ffdhe2048's p, g = 2, our Ys); their length. */
static size_t put_params(mote_tls_conn *c, uint8_t *p)
{
    const uint8_t *park = mote_tls12_park(c);
    size_t pub_len = ((size_t)park[0] << 8) | park[1];
#if MOTE_ENABLE_FFDHE
    if (c->group == MOTE_GROUP_FFDHE2048) {
        p[0] = 1, p[1] = 0; /* dh_p<1..2^16-1>: 256 bytes */
        mote_ffdhe2048_prime(p + 2);
        p += 2 + MOTE_FFDHE2048_LEN;
        p[0] = 0, p[1] = 1, p[2] = 2; /* dh_g */
        p[3] = (uint8_t)(pub_len >> 8), p[4] = (uint8_t)pub_len;
        memcpy(p + 5, park + 2, pub_len);
        return 2 + MOTE_FFDHE2048_LEN + 5 + pub_len;
    }
#endif
    p[0] = 3; /* named_curve */
    p[1] = (uint8_t)(c->group >> 8), p[2] = (uint8_t)c->group;
    p[3] = (uint8_t)pub_len;
    memcpy(p + 4, park + 2, pub_len);
    return 4 + pub_len;
}

/* The digest the ServerKeyExchange signs: client_random || server_random
 * || params (out of the caller's frame, which the signature runs under). */
static MOTE_NOINLINE void ske_digest(const mote_tls_conn *c, const mote_hash_desc *h,
                                     const uint8_t *params, size_t n, uint8_t *digest)
{
    mote_hash_ctx t;
    h->init(&t);
    h->update(&t, c->client_random, 32);
    h->update(&t, c->server_random, 32);
    h->update(&t, params, n);
    h->final(&t, digest);
}

#if MOTE_ENABLE_ED25519
/* Ed25519 signs the message itself: it is put together here (ECDHE only). */
static MOTE_NOINLINE int send_ske_ed25519(mote_tls_conn *c)
{
    uint8_t content[64 + 4 + 97];
    size_t pub_len = ((size_t)mote_tls12_park(c)[0] << 8) | mote_tls12_park(c)[1], n;
    if (c->group == MOTE_GROUP_FFDHE2048 || pub_len > 97) return MOTE_ERR_TLS_INTERNAL;
    memcpy(content, c->client_random, 32);
    memcpy(content + 32, c->server_random, 32);
    n = put_params(c, content + 64);
    return mote_tls_send_signed(c, MOTE_HS_SERVER_KEY_EXCHANGE, content + 64, n, content, 64 + n);
}
#endif

/* ServerKeyExchange: the parameters are written where the message goes in
 * out[] (mote_tls_send_signed then puts the signature behind them), and
 * their digest is signed. 1 when sent, 0 to wait for room. */
static int send_ske(mote_tls_conn *c)
{
    const mote_hash_desc *h = mote_tls_scheme_hash(c->client_scheme);
    uint8_t digest[MOTE_HASH_MAX_LEN], *p;
    size_t n;
#if MOTE_ENABLE_ED25519
    if (!h) return send_ske_ed25519(c);
#endif
    if (!h) return MOTE_ERR_TLS_INTERNAL;
    if (c->out_sent == c->out_len) c->out_sent = c->out_len = 0;
    if (c->out_size - c->out_len < 5 + 4 + 2 * (2 + MOTE_TLS_MAX_SHARE) + 3)
        return c->out_len ? 0 : MOTE_ERR_TLS_INTERNAL;
    p = c->out + c->out_len + 5 + c->w.wr.explicit_len + 4;
    n = put_params(c, p);
    ske_digest(c, h, p, n, digest);
    return mote_tls_send_signed(c, MOTE_HS_SERVER_KEY_EXCHANGE, p, n, digest, h->out_len);
}

/* CertificateRequest: rsa_sign and ecdsa_sign; the schemes we verify that
 * sign with the suite's hash (the CertificateVerify covers the transcript,
 * whose hash we keep); no certificate_authorities. 1 when sent. */
static int send_certificate_request(mote_tls_conn *c)
{
    uint8_t msg[4 + 3 + 2 + 2 * 12 + 2], *p = msg + 7, *algs_at = msg + 7;
    size_t n, i;
    const uint16_t *algs = mote_tls_sig_algs(&n);
    p += 2;
    for (i = 0; i < n && i < 12; i++) {
        const mote_hash_desc *h = mote_tls_scheme_hash(algs[i]);
        if (mote_tls_sig_supported(algs[i]) && h && h->out_len == c->hash_len)
            *p++ = (uint8_t)(algs[i] >> 8), *p++ = (uint8_t)algs[i];
    }
    algs_at[0] = 0, algs_at[1] = (uint8_t)(p - algs_at - 2);
    *p++ = 0, *p++ = 0; /* certificate_authorities: none */
    n = (size_t)(p - msg);
    msg[0] = MOTE_HS_CERTIFICATE_REQUEST, msg[1] = 0, msg[2] = 0, msg[3] = (uint8_t)(n - 4);
    msg[4] = 2, msg[5] = 1, msg[6] = 64; /* certificate_types: rsa_sign, ecdsa_sign */
    if (c->out_len > c->out_sent && c->out_size - c->out_len < 5 + n) return 0;
    mote_tls_th_add(c, msg, n);
    n = (size_t)mote_tls_send_record(c, 22, msg, n);
    return n ? (int)n : 1;
}

enum { SF12_KEY, SF12_CERT, SF12_SKE, SF12_CR, SF12_SHD };

/* Our key pair (the flight's first public-key operation): the public
 * value waits in the park for the ServerKeyExchange. Called from the
 * flight, not from the ClientHello's handler, whose parsed state would
 * otherwise sit under the key generation. */
static int make_key(mote_tls_conn *c)
{
    size_t pub_len = 0;
    int rc = mote_tls_kex_keygen(c, c->group, mote_tls12_park(c) + 2, &pub_len);
    c->pk_ops++;
    if (rc) return rc > MOTE_ERR_TLS_CLOSED ? MOTE_ERR_TLS_INTERNAL : rc;
    mote_tls12_park(c)[0] = (uint8_t)(pub_len >> 8);
    mote_tls12_park(c)[1] = (uint8_t)pub_len;
    return 1;
}

int mote_tls12_server_continue(mote_tls_conn *c)
{
    int rc = 1;
    while (rc == 1 && (c->flags & MOTE_F_SFLIGHT)) {
        switch (c->fl_phase) {
        case SF12_KEY:
            rc = RSA_KX(c) ? 1 : make_key(c); /* RSA key transport: no key pair, */
            break;
        case SF12_CERT:
            rc = mote_tls_send_client_cert(c);
            break;
        case SF12_SKE:
            if (RSA_KX(c)) break;          /* no ServerKeyExchange */
            if (c->pk_ops) return MOTE_OK; /* one public-key operation per call */
            rc = send_ske(c);
            break;
        case SF12_CR:
            rc = (c->flags & MOTE_F_CERT_REQ) ? send_certificate_request(c) : 1;
            break;
        default: {
            static const uint8_t shd[4] = {MOTE_HS_SERVER_HELLO_DONE, 0, 0, 0};
            if (c->out_len > c->out_sent && c->out_size - c->out_len < 5 + 4) return MOTE_OK;
            mote_tls_th_add(c, shd, 4);
            rc = mote_tls_send_record(c, 22, shd, 4);
            if (rc) break;
            c->flags &= (uint8_t)~MOTE_F_SFLIGHT;
            c->state = (c->flags & MOTE_F_CERT_REQ) ? MOTE_SS_WAIT_CERT : MOTE_SS12_WAIT_CKE;
            return MOTE_OK;
        }
        }
        if (rc == 1) c->fl_phase++;
    }
    return rc < 0 ? mote_tls_fail(c, rc) : MOTE_OK;
}

#if MOTE_ENABLE_TLS12_RSA_KEX
/* RSA key transport: EncryptedPreMasterSecret<0..2^16-1>, decrypted with
 * the RFC 5246 7.4.7.1 countermeasure (rsa_priv.c: a wrong padding,
 * length or version gives a random premaster, by masks, and the handshake
 * fails at the client's Finished: no other error path depends on the
 * ciphertext). The ciphertext is copied into the park (past the
 * premaster); the workspace (3.2 KiB for RSA-2048) is the larger idle
 * part of in[] (past this record) or out[] (nothing pending is touched). */
typedef char park_holds_ct[sizeof(mote_x509_chain) >= 2 + MOTE_TLS_MAX_SHARE + 48 + 512 ? 1 : -1];
static MOTE_NOINLINE int rsa_premaster(mote_tls_conn *c, const uint8_t *b, size_t len)
{
    mote_tls_chain own;
    const mote_x509_privkey *k;
    uint8_t *park = mote_tls12_park(c), *ct = park + 2 + MOTE_TLS_MAX_SHARE + 48, *lo, *hi;
    size_t n, need;
    int rc;
    mote_tls_own_chain(c, &own);
    k = own.key;
    if (len < 2 || (n = ((size_t)b[0] << 8) | b[1]) != len - 2) return MOTE_ERR_TLS_DECODE;
    if (n > 512 || k->type != MOTE_X509_KEY_RSA) return MOTE_ERR_TLS_DECODE;
    memcpy(ct, b + 2, n);
    need = (size_t)MOTE_RSA_DECRYPT_WORK_WORDS(k->u.rsa.bits) * 4;
    lo = c->out + c->out_len, hi = c->out + c->out_size;
    if (c->in_size - c->in_len > (size_t)(hi - lo)) lo = c->in + c->in_len, hi = c->in + c->in_size;
    while (lo < hi && ((size_t)lo & 3))
        lo++;
    if ((size_t)(hi - lo) < need) return MOTE_ERR_TLS_INTERNAL;
    rc = mote_rsa_decrypt_premaster(&k->u.rsa, ct, n, c->kex_priv, park + 2 + MOTE_TLS_MAX_SHARE,
                                    c->cfg->rng, (uint32_t *)(void *)lo, need / 4);
    mote_wipe(ct, n);
    c->pk_ops++;
    return rc ? MOTE_ERR_TLS_INTERNAL : MOTE_OK;
}
#endif

/* ClientKeyExchange: the client's point (ECPoint<1..255>) or Yc
 * (<1..2^16-1>, 1 < Yc < p - 1, checked by ffdhe); the shared and master
 * secrets. */
static int on_client_key_exchange(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    rd_t r = {b, b + len, 0};
    size_t n = rd_u(&r, c->group == MOTE_GROUP_FFDHE2048 ? 2 : 1);
    const uint8_t *pt = rd_bytes(&r, n);
    int rc;
    (void)th;
#if MOTE_ENABLE_TLS12_RSA_KEX
    if (!c->group) {
        rc = rsa_premaster(c, b, len);
        if (rc == MOTE_OK) rc = mote_tls12_master_secret(c);
        if (rc < 0) return mote_tls_fail(c, rc);
        c->state =
            (c->flags & MOTE_F_CERT_REQ) && c->cs_count ? MOTE_SS12_WAIT_CV : MOTE_ST12_WAIT_CCS;
        return MOTE_OK;
    }
#endif
    if (!pt || r.p != r.end || n == 0) return mote_tls_fail(c, MOTE_ERR_TLS_DECODE);
    if (n > MOTE_TLS_MAX_SHARE) return mote_tls_fail(c, MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    mote_tls12_park(c)[0] = (uint8_t)(n >> 8);
    mote_tls12_park(c)[1] = (uint8_t)n;
    memcpy(mote_tls12_park(c) + 2, pt, n);
    rc = mote_tls12_master_secret(c);
    if (rc < 0) return mote_tls_fail(c, rc);
    /* a client certificate came (cs_count of its Certificate): its CertificateVerify next */
    c->state = (c->flags & MOTE_F_CERT_REQ) && c->cs_count ? MOTE_SS12_WAIT_CV : MOTE_ST12_WAIT_CCS;
    return MOTE_OK;
}

/* RFC 5746 4.4 / RFC 5246 7.2.2: a ClientHello after the handshake gets a
 * warning no_renegotiation and the connection goes on. */
static int on_renegotiation(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    static const uint8_t alert[2] = {1, 100};
    (void)b, (void)len, (void)th;
    if (!(c->flags & MOTE_F_CLOSE_SENT) && mote_tls_send_record(c, 21, alert, 2) == MOTE_OK)
        c->alert_sent = 100;
    return MOTE_OK;
}

static const mote_tls_hs_row table[] = {
    {MOTE_SS_WAIT_CERT, MOTE_HS_CERTIFICATE, TH_AFTER, 0, NULL},
    {MOTE_SS12_WAIT_CKE, MOTE_HS_CLIENT_KEY_EXCHANGE, TH_AFTER, 2 + 512, /* RSA-4096 */
     on_client_key_exchange},
    {MOTE_SS12_WAIT_CV, MOTE_HS_CERTIFICATE_VERIFY, TH_BEFORE, 4 + 512,
     mote_tls13_on_certificate_verify}, /* client13.c's, which checks 1.2 too */
    {MOTE_ST12_WAIT_FIN, MOTE_HS_FINISHED, TH_BEFORE, 12, mote_tls12_on_finished},
    {MOTE_ST_CONNECTED, MOTE_HS_CLIENT_HELLO, TH_NONE, 16384, on_renegotiation},
};

const mote_tls_hs_row *mote_tls12_server_table(size_t *rows)
{
    *rows = sizeof table / sizeof *table;
    return table;
}

#endif
