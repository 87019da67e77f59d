/* The TLS 1.2 server handshake (RFC 5246), as a table of states and the
 * messages each accepts, on the framing of client13.c. server13.c hands
 * over a ClientHello that offers no TLS 1.3, or when we are pinned to 1.2.
 *
 *   WAIT_CH    ClientHello (server13.c)  -> ServerHello, FLIGHT
 *   FLIGHT     (nothing: Certificate, ServerKeyExchange, ServerHelloDone
 *              are being written)        -> WAIT_CKE
 *   WAIT_CKE   ClientKeyExchange         -> WAIT_CCS
 *   WAIT_CCS   (ChangeCipherSpec record, client12.c) -> WAIT_FIN
 *   WAIT_FIN   Finished (client12.c)     -> our CCS and Finished, CONNECTED
 *   CONNECTED  ClientHello: refused with a no_renegotiation warning
 *
 * Suites: ECDHE_ECDSA / ECDHE_RSA with AES-GCM and ChaCha20-Poly1305, the
 * authentication following our key; groups x25519, P-256, P-384 from the
 * client's supported_groups. Extended master secret is required unless
 * MOTE_TLS_ALLOW_NO_EMS; renegotiation_info is answered empty. No session
 * resumption (empty session id), no client certificates yet, no DHE.
 * One public-key operation per call: our key pair (with the ServerHello),
 * the ServerKeyExchange signature, the shared secret.
 *
 * Compiled only with MOTE_ENABLE_SERVER12 (off by default: unfinished). */
#include <string.h>

#include "crypto/util.h"
#include "tls/internal.h"

#if MOTE_ENABLE_SERVER && MOTE_ENABLE_TLS12 && MOTE_ENABLE_SERVER12

typedef struct {
    const uint8_t *groups, *sigalgs, *alpn, *sni, *versions;
    size_t groups_len, sigalgs_len, alpn_len, sni_len, versions_len;
    uint16_t rsl;
    uint8_t mfl, ems, ri, pf;
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
    case 28:
        h->rsl = (uint16_t)rd_u(b, 2);
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

/* Our first suite the client offers whose authentication is our key's,
 * with a group we share; sets c->suite, c->group, c->hash_len. */
static int choose_suite(mote_tls_conn *c, const ch12_info *h, const uint8_t *suites,
                        size_t suites_len, int rsa_key)
{
    const uint16_t *s, *g;
    uint16_t group = 0;
    for (g = mote_tls_groups(c); *g && !group; g++)
        if (*g != MOTE_GROUP_FFDHE2048 && mote_tls_kex_supported(*g) &&
            has16(h->groups, h->groups_len, *g))
            group = *g;
    if (!group) return MOTE_ERR_TLS_HANDSHAKE_FAILURE;
    for (s = mote_tls12_suites(c); *s; s++) {
        int auth = 0, kx = mote_tls12_suite_kind(*s, &auth);
        if (kx != 1 || auth != (rsa_key ? 2 : 1) || !has16(suites, suites_len, *s) ||
            !mote_tls12_suite_usable(c, *s))
            continue;
        c->suite = *s;
        c->group = group;
        c->hash_len = (*s == MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 ||
                       *s == MOTE_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)
                          ? 48
                          : 32;
        return MOTE_OK;
    }
    return MOTE_ERR_TLS_HANDSHAKE_FAILURE;
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
    wr_t w;
    uint8_t *msg, *len3, *l2;
    if (c->out_sent == c->out_len) c->out_sent = c->out_len = 0;
    w.p = c->out + c->out_len + 5, w.end = c->out + c->out_size, w.full = 0;
    msg = w.p;
    put_u(&w, MOTE_HS_SERVER_HELLO, 1);
    len3 = open_len(&w, 3);
    put_u(&w, MOTE_TLS12, 2);
    put(&w, c->server_random, 32);
    put_u(&w, 0, 1); /* empty session id: no resumption */
    put_u(&w, c->suite, 2);
    put_u(&w, 0, 1);
    l2 = open_len(&w, 2);
    put_u(&w, 65281, 2); /* renegotiation_info, empty */
    put_u(&w, 1, 2);
    put_u(&w, 0, 1);
    if (c->flags & MOTE_F_EMS) {
        put_u(&w, 23, 2);
        put_u(&w, 0, 2);
    }
    if (h->pf) { /* ec_point_formats: uncompressed */
        put_u(&w, 11, 2);
        put_u(&w, 2, 2);
        put_u(&w, 1, 1);
        put_u(&w, 0, 1);
    }
    if (c->own || (c->cfg->sni && h->sni)) {
        put_u(&w, 0, 2);
        put_u(&w, 0, 2);
    }
    mote_tls_put_alpn(c, &w);
    if (c->mfl) {
        put_u(&w, 1, 2);
        put_u(&w, 1, 2);
        put_u(&w, h->mfl, 1);
    } else if (c->peer_record_limit) {
        size_t lim = c->in_size - 5 - 8 - 16;
        put_u(&w, 28, 2);
        put_u(&w, 2, 2);
        put_u(&w, (uint32_t)(lim > 16384 ? 16384 : lim), 2);
    }
    close_len(&w, l2, 2);
    close_len(&w, len3, 3);
    if (w.full) return MOTE_ERR_TLS_INTERNAL;
    mote_tls_th_add(c, msg, (size_t)(w.p - msg));
    return mote_tls_send_record(c, 22, msg, (size_t)(w.p - msg));
}

int mote_tls12_on_client_hello(mote_tls_conn *c, const uint8_t *b, size_t len, int offered13)
{
    rd_t r = {b, b + len, 0};
    ch12_info h;
    const uint8_t *random, *suites, *comp;
    size_t suites_len, comp_len, pub_len = 0;
    mote_tls_chain own;
    uint16_t legacy;
    int rc, no_alpn;
    memset(&h, 0, sizeof h);
    legacy = (uint16_t)rd_u(&r, 2);
    random = rd_bytes(&r, 32);
    rd_bytes(&r, rd_u(&r, 1)); /* session id: not resumed, not echoed */
    suites_len = rd_u(&r, 2);
    suites = rd_bytes(&r, suites_len);
    comp_len = rd_u(&r, 1);
    comp = rd_bytes(&r, comp_len);
    if (r.bad) return mote_tls_fail(c, MOTE_ERR_TLS_DECODE);
    rc = mote_tls_walk_extensions(c, &r, ch12_ext, &h);
    if (rc) return mote_tls_fail(c, rc);
    if (legacy < MOTE_TLS12 || (h.versions && !has16(h.versions, h.versions_len, MOTE_TLS12)))
        return mote_tls_fail(c, MOTE_ERR_TLS_PROTOCOL_VERSION);
    if (!memchr(comp, 0, comp_len)) return mote_tls_fail(c, MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    if (!h.ri && !has16(suites, suites_len, 0x00FF)) /* RFC 5746: no secure renegotiation */
        return mote_tls_fail(c, MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    if (!h.ems && !(c->cfg->flags & MOTE_TLS_ALLOW_NO_EMS))
        return mote_tls_fail(c, MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    if (c->cfg->client_auth != MOTE_TLS_CLIENT_AUTH_NONE) /* not yet in 1.2 */
        return mote_tls_fail(c, MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    c->version = MOTE_TLS12;
    if (h.ems) c->flags |= MOTE_F_EMS;
    memcpy(c->client_random, random, 32);
    c->own = c->cfg->sni ? c->cfg->sni(c->cfg->sni_arg, h.sni, h.sni ? h.sni_len : 0) : NULL;
    mote_tls_own_chain(c, &own);
    if (!own.key || !own.n_certs) return mote_tls_fail(c, MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    /* RFC 8422 5.1: an ECDSA key's curve must be among the client's groups */
    if ((own.key->type == MOTE_X509_KEY_P256 &&
         !has16(h.groups, h.groups_len, MOTE_GROUP_SECP256R1)) ||
        (own.key->type == MOTE_X509_KEY_P384 &&
         !has16(h.groups, h.groups_len, MOTE_GROUP_SECP384R1)))
        return mote_tls_fail(c, MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    rc = choose_suite(c, &h, suites, suites_len, own.key->type == MOTE_X509_KEY_RSA);
    if (rc) return mote_tls_fail(c, rc);
    c->client_scheme = mote_tls_pick_scheme(c, h.sigalgs, h.sigalgs_len);
    if (!c->client_scheme) return mote_tls_fail(c, MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    c->sig_scheme = c->client_scheme;
    choose_alpn_limits(c, &h, &no_alpn);
    if (no_alpn) return mote_tls_fail(c, MOTE_ERR_TLS_NO_APPLICATION_PROTOCOL);

    rc = mote_drbg_generate(c->cfg->rng, c->server_random, 32);
    if (rc == MOTE_OK && offered13) /* RFC 8446 4.1.3: the downgrade sentinel */
        memcpy(c->server_random + 24, "DOWNGRD\001", 8);
    /* our key pair: the public value waits in the park for the ServerKeyExchange */
    if (rc == MOTE_OK) rc = mote_tls_kex_keygen(c, c->group, mote_tls12_park(c) + 2, &pub_len);
    c->pk_ops++;
    if (rc == MOTE_OK) rc = send_server_hello(c, &h);
    if (rc) return mote_tls_fail(c, rc > MOTE_ERR_TLS_CLOSED ? MOTE_ERR_TLS_INTERNAL : rc);
    mote_tls12_park(c)[0] = (uint8_t)(pub_len >> 8);
    mote_tls12_park(c)[1] = (uint8_t)pub_len;
    c->state = MOTE_SS12_FLIGHT;
    c->fl_phase = 0;
    c->fl_pos = 0;
    c->flags |= MOTE_F_SFLIGHT;
    return MOTE_OK;
}

/* ServerKeyExchange: named_curve, our point, signed with
 * client_random || server_random || params. 1 when sent. */
static int send_ske(mote_tls_conn *c)
{
    uint8_t content[64 + 4 + MOTE_TLS_MAX_SHARE];
    size_t pub_len = ((size_t)mote_tls12_park(c)[0] << 8) | mote_tls12_park(c)[1];
    uint8_t *params = content + 64;
    memcpy(content, c->client_random, 32);
    memcpy(content + 32, c->server_random, 32);
    params[0] = 3; /* named_curve */
    params[1] = (uint8_t)(c->group >> 8), params[2] = (uint8_t)c->group;
    params[3] = (uint8_t)pub_len;
    memcpy(params + 4, mote_tls12_park(c) + 2, pub_len);
    return mote_tls_send_signed(c, MOTE_HS_SERVER_KEY_EXCHANGE, params, 4 + pub_len, content,
                                64 + 4 + pub_len);
}

enum { SF12_CERT, SF12_SKE, SF12_SHD };

int mote_tls12_server_continue(mote_tls_conn *c)
{
    int rc = 1;
    while (rc == 1 && (c->flags & MOTE_F_SFLIGHT)) {
        switch (c->fl_phase) {
        case SF12_CERT:
            rc = mote_tls_send_client_cert(c);
            break;
        case SF12_SKE:
            if (c->pk_ops) return MOTE_OK; /* one public-key operation per call */
            rc = send_ske(c);
            break;
        default: {
            static const uint8_t shd[4] = {MOTE_HS_SERVER_HELLO_DONE, 0, 0, 0};
            if (c->out_len > c->out_sent && c->out_size - c->out_len < 5 + 4) return MOTE_OK;
            mote_tls_th_add(c, shd, 4);
            rc = mote_tls_send_record(c, 22, shd, 4);
            if (rc) break;
            c->flags &= (uint8_t)~MOTE_F_SFLIGHT;
            c->state = MOTE_SS12_WAIT_CKE;
            return MOTE_OK;
        }
        }
        if (rc == 1) c->fl_phase++;
    }
    return rc < 0 ? mote_tls_fail(c, rc) : MOTE_OK;
}

/* ClientKeyExchange: the client's point; the shared and master secrets. */
static int on_client_key_exchange(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    rd_t r = {b, b + len, 0};
    size_t n = rd_u(&r, 1);
    const uint8_t *pt = rd_bytes(&r, n);
    int rc;
    (void)th;
    if (!pt || r.p != r.end || n == 0) return mote_tls_fail(c, MOTE_ERR_TLS_DECODE);
    if (n > MOTE_TLS_MAX_SHARE) return mote_tls_fail(c, MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    mote_tls12_park(c)[0] = 0;
    mote_tls12_park(c)[1] = (uint8_t)n;
    memcpy(mote_tls12_park(c) + 2, pt, n);
    rc = mote_tls12_master_secret(c);
    if (rc < 0) return mote_tls_fail(c, rc);
    c->state = MOTE_ST12_WAIT_CCS;
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
    {MOTE_SS12_WAIT_CKE, MOTE_HS_CLIENT_KEY_EXCHANGE, TH_AFTER, 1 + MOTE_TLS_MAX_SHARE,
     on_client_key_exchange},
    {MOTE_ST12_WAIT_FIN, MOTE_HS_FINISHED, TH_BEFORE, 12, mote_tls12_on_finished},
    {MOTE_ST_CONNECTED, MOTE_HS_CLIENT_HELLO, TH_NONE, 16384, on_renegotiation},
};

const mote_tls_hs_row *mote_tls12_server_table(size_t *rows)
{
    *rows = sizeof table / sizeof *table;
    return table;
}

#endif
