/* The TLS 1.3 client handshake (RFC 8446), as a table of states and the
 * messages each accepts.
 *
 *   WAIT_SH      ServerHello | HelloRetryRequest  -> WAIT_EE (or WAIT_SH again after HRR)
 *   WAIT_EE      EncryptedExtensions              -> WAIT_CERT_CR
 *   WAIT_CERT_CR CertificateRequest               -> WAIT_CERT
 *                Certificate (streamed)           -> WAIT_CV
 *   WAIT_CERT    Certificate (streamed)           -> WAIT_CV
 *   WAIT_CV      CertificateVerify                -> WAIT_FIN
 *   WAIT_FIN     Finished                         -> CONNECTED (our flight is sent)
 *   CONNECTED    NewSessionTicket | KeyUpdate
 *
 * Handshake bytes arrive in record-sized pieces. A message that lies whole
 * in one record is handled where it lies; one that straddles records is
 * gathered in the idle tail of the output buffer (the client sends nothing
 * while the server's flight streams in). The Certificate message is never
 * gathered: its bytes go to the chain validator as they arrive.
 *
 * The ClientHello offers TLS 1.2 too (unless the configuration says
 * otherwise); when the ServerHello picks 1.2, src/tls/client12.c and its
 * own table take over, on this framing, ClientHello and extension walker. */
#include <string.h>

#include "crypto/util.h"
#include "mote/mac.h"
#include "mote/session.h"
#define MOTE_TLS_READERS_HERE /* the -Os build's one copy of internal.h's readers */
#include "tls/internal.h"
#include "tls/keysched.h"

static int on_server_hello(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th);
static int on_encrypted_extensions(mote_tls_conn *c, const uint8_t *b, size_t len,
                                   const uint8_t *th);
static int on_certificate_request(mote_tls_conn *c, const uint8_t *b, size_t len,
                                  const uint8_t *th);
#define on_certificate_verify mote_tls13_on_certificate_verify
static int on_finished(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th);
#define on_key_update mote_tls13_on_key_update
#if MOTE_ENABLE_TLS_RESUMPTION
static int on_new_session_ticket(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th);
#endif

/* The largest NewSessionTicket handled: lifetime, age_add, nonce, the
 * largest ticket kept, extensions (early_data). A larger one goes to the
 * next row, which reads past it. */
#define NST_MAX (4 + 4 + 1 + 255 + 2 + MOTE_SESSION_MAX_TICKET + 2 + 64)
#if !MOTE_ENABLE_TLS_RESUMPTION
#undef NST_MAX
#define NST_MAX               0 /* no session to keep tickets in: skipped */
#define on_new_session_ticket NULL
#endif

static const mote_tls_hs_row table[] = {
    /* (the handler adds a ServerHello, and a HelloRetryRequest after the
     * transcript's restart) */
    {MOTE_ST_WAIT_SH, MOTE_HS_SERVER_HELLO, TH_NONE, 1024, on_server_hello},
    {MOTE_ST_WAIT_EE, MOTE_HS_ENCRYPTED_EXTENSIONS, TH_AFTER, 2048, on_encrypted_extensions},
    {MOTE_ST_WAIT_CERT_CR, MOTE_HS_CERTIFICATE_REQUEST, TH_AFTER, 4096, on_certificate_request},
    {MOTE_ST_WAIT_CERT_CR, MOTE_HS_CERTIFICATE, TH_AFTER, 0, NULL},
    {MOTE_ST_WAIT_CERT, MOTE_HS_CERTIFICATE, TH_AFTER, 0, NULL},
    {MOTE_ST_WAIT_CV, MOTE_HS_CERTIFICATE_VERIFY, TH_BEFORE, 4 + 512, on_certificate_verify},
    {MOTE_ST_WAIT_FIN, MOTE_HS_FINISHED, TH_BEFORE, 64, on_finished},
    {MOTE_ST_CONNECTED, MOTE_HS_NEW_SESSION_TICKET, TH_NONE, NST_MAX, on_new_session_ticket},
#if MOTE_ENABLE_TLS_RESUMPTION
    {MOTE_ST_CONNECTED, MOTE_HS_NEW_SESSION_TICKET, TH_NONE, 0, NULL}, /* too large: skipped */
#endif
    {MOTE_ST_CONNECTED, MOTE_HS_KEY_UPDATE, TH_NONE, 1, on_key_update},
};

/* ---- transcript ---- */

static const mote_hash_desc *suite_hash(uint16_t suite)
{
#if MOTE_ENABLE_SHA512
    if (suite == MOTE_TLS_AES_256_GCM_SHA384) return &mote_sha384_desc;
#endif
    (void)suite;
    return &mote_sha256_desc;
}

/* The TLS 1.3 suites 0x1301..0x1304 are the AEADs 1..4 of cipher.h. */
typedef char suite_aead_order
    [MOTE_AEAD_AES128_GCM == 1 && MOTE_AEAD_AES256_GCM == 2 && MOTE_AEAD_CHACHA20_POLY1305 == 3 &&
             MOTE_AEAD_AES128_CCM == 4 && MOTE_TLS_AES_256_GCM_SHA384 == 0x1302 &&
             MOTE_TLS_CHACHA20_POLY1305_SHA256 == 0x1303 && MOTE_TLS_AES_128_CCM_SHA256 == 0x1304
         ? 1
         : -1];

static int suite_aead(uint16_t suite)
{
    unsigned i = (unsigned)suite - MOTE_TLS_AES_128_GCM_SHA256;
    return i < 4 ? (int)i + 1 : MOTE_AEAD_NONE;
}

/* c->psk on the client: always 0 when no pre-shared key or session can be
 * offered (config.h), so that what depends on it folds away. */
#define CPSK(c) (MOTE_TLS_CLIENT_PSK ? (c)->psk : 0)
/* This end is a server: a constant 0 without the server (config.h). */
#define SERVER(c) (MOTE_ENABLE_SERVER && (c)->server)

/* ---- the transcript ---- */

#if MOTE_ENABLE_SHA512
/* Where the SHA-384 transcript waits while both run (hash_len 0): in the
 * validator's memory, past what the write keys overlap (0-RTT keys may be
 * there), 8-aligned. The validator starts with the first Certificate, the
 * TLS 1.2 key exchange parks there from the ServerKeyExchange: both after
 * the suite (and so the hash) is picked. */
#define TH_WAIT_OFF                                                                                \
    ((sizeof(mote_tls_cipher_state) - offsetof(mote_tls_cipher_state, k) + 7) & ~(size_t)7)
typedef char
    th_wait_fits[TH_WAIT_OFF + sizeof(mote_sha384_ctx) <= sizeof(mote_x509_chain) ? 1 : -1];

const mote_sha384_ctx *mote_tls_th384(const mote_tls_conn *c)
{
    if (c->hash_len == 48) return &c->th.s384;
    return (const mote_sha384_ctx *)(const void *)((const uint8_t *)&c->w.v.chain + TH_WAIT_OFF);
}
#endif

void mote_tls_th_init(mote_tls_conn *c)
{
    mote_sha256_init(&c->th.s256);
#if MOTE_ENABLE_SHA512
    mote_sha384_init((mote_sha384_ctx *)mote_tls_th384(c));
#endif
}

void mote_tls_th_pick(mote_tls_conn *c, size_t hash_len)
{
#if MOTE_ENABLE_SHA512
    if (c->hash_len == 0 && hash_len == 48) c->th.s384 = *mote_tls_th384(c);
#endif
    c->hash_len = (uint8_t)hash_len;
}

/* Until the suite is picked, both hashes run. */
void mote_tls_th_add(mote_tls_conn *c, const uint8_t *p, size_t n)
{
    if (c->hash_len != 48) mote_sha256_update(&c->th.s256, p, n);
#if MOTE_ENABLE_SHA512
    if (c->hash_len != 32) mote_sha384_update((mote_sha384_ctx *)mote_tls_th384(c), p, n);
#endif
}

void mote_tls_th_get(const mote_tls_conn *c, uint8_t *out)
{
#if MOTE_ENABLE_SHA512
    if (c->hash_len == 48) {
        mote_sha384_ctx t = c->th.s384;
        mote_sha384_final(&t, out);
        return;
    }
#endif
    {
        mote_sha256_ctx t = c->th.s256;
        mote_sha256_final(&t, out);
    }
}

#define th_add mote_tls_th_add
#define th_get mote_tls_th_get

/* The handshake message being handled (header in c->hs_hdr, body) into the
 * transcript. */
static void th_msg(mote_tls_conn *c, const uint8_t *body)
{
    th_add(c, c->hs_hdr, 4);
    th_add(c, body, c->hs_len);
}

static const mote_hash_desc *hash_of(const mote_tls_conn *c)
{
    return suite_hash(c->suite);
}

/* Install the keys of a traffic secret under the suite's AEAD. */
static int set_keys(const mote_tls_conn *c, const uint8_t *secret, mote_tls_cipher_state *dst)
{
    return mote_tls13_traffic_keys(hash_of(c), secret, suite_aead(c->suite), dst)
               ? MOTE_ERR_TLS_INTERNAL
               : MOTE_OK;
}

/* The middlebox-compatibility ChangeCipherSpec (one unprotected 0x01). */
static int send_ccs(mote_tls_conn *c)
{
    static const uint8_t one = 1;
    return mote_tls_send_record(c, 20, &one, 1);
}

void mote_tls13_th_restart(mote_tls_conn *c)
{
    uint8_t m[4 + 48]; /* the message_hash message */
    th_get(c, m + 4);
    m[0] = MOTE_HS_MESSAGE_HASH, m[1] = 0, m[2] = 0, m[3] = c->hash_len;
    if (c->hash_len == 32) mote_sha256_init(&c->th.s256);
#if MOTE_ENABLE_SHA512
    else
        mote_sha384_init(&c->th.s384);
#endif
    th_add(c, m, 4 + (size_t)c->hash_len);
}

/* ---- extensions (the readers rd_t, rd_u, rd_bytes are in internal.h) ---- */

/* Walk an extension block: calls fn for each; rejects duplicates of the
 * types we know (tracked in a 32-bit set of small indexes). */
typedef mote_tls_ext_fn ext_fn;

static int ext_index(uint16_t type)
{
    static const uint16_t known[] = {0,  1,  10, 11, 13, 16, 23, 28,   41,
                                     42, 43, 44, 45, 47, 50, 51, 65281};
    int i;
    for (i = 0; i < (int)(sizeof known / sizeof *known); i++)
        if (known[i] == type) return i;
    return -1;
}

int mote_tls_walk_extensions(mote_tls_conn *c, rd_t *r, ext_fn fn, void *arg)
{
    uint32_t seen = 0;
    size_t total = rd_u(r, 2);
    /* the block is the rest of the message */
    if (r->bad || total != (size_t)(r->end - r->p)) return MOTE_ERR_TLS_DECODE;
    while (r->p < r->end) {
        uint16_t type = (uint16_t)rd_u(r, 2);
        size_t n = rd_u(r, 2);
        const uint8_t *body = rd_bytes(r, n);
        rd_t b;
        int idx = ext_index(type), rc;
        if (!body) return MOTE_ERR_TLS_DECODE;
        if (idx >= 0) {
            if (seen & (1u << idx)) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
            seen |= 1u << idx;
        }
        b.p = body, b.end = body + n, b.bad = 0;
        rc = fn(c, arg, type, &b);
        if (rc) return rc;
        if (b.bad || b.p != b.end) return MOTE_ERR_TLS_DECODE;
    }
    return MOTE_OK;
}

#define walk_extensions mote_tls_walk_extensions

/* ---- the ClientHello ---- */

const uint16_t mote_tls_default_suites[] = {
#if MOTE_ENABLE_GCM
    MOTE_TLS_AES_128_GCM_SHA256,
#endif
#if MOTE_ENABLE_CHACHAPOLY
    MOTE_TLS_CHACHA20_POLY1305_SHA256,
#endif
#if MOTE_ENABLE_GCM && MOTE_ENABLE_SHA512
    MOTE_TLS_AES_256_GCM_SHA384,
#endif
#if MOTE_ENABLE_CCM
    MOTE_TLS_AES_128_CCM_SHA256,
#endif
    0};

static const uint16_t default_groups[] = {MOTE_GROUP_X25519, MOTE_GROUP_SECP256R1,
                                          MOTE_GROUP_SECP384R1, MOTE_GROUP_FFDHE2048, 0};

static const uint16_t sig_algs[] = {MOTE_SIG_ECDSA_SECP256R1_SHA256,
                                    MOTE_SIG_ECDSA_SECP384R1_SHA384,
                                    MOTE_SIG_ED25519,
                                    MOTE_SIG_RSA_PSS_RSAE_SHA256,
                                    MOTE_SIG_RSA_PSS_RSAE_SHA384,
                                    MOTE_SIG_RSA_PSS_RSAE_SHA512,
                                    MOTE_SIG_RSA_PSS_PSS_SHA256,
                                    MOTE_SIG_RSA_PSS_PSS_SHA384,
                                    MOTE_SIG_RSA_PSS_PSS_SHA512,
                                    MOTE_SIG_RSA_PKCS1_SHA256,
                                    MOTE_SIG_RSA_PKCS1_SHA384,
                                    MOTE_SIG_RSA_PKCS1_SHA512,
                                    0};

static const uint16_t *suites_of(const mote_tls_conn *c)
{
    return c->cfg->cipher_suites ? c->cfg->cipher_suites : mote_tls_default_suites;
}

static const uint16_t *groups_of(const mote_tls_conn *c)
{
    return c->cfg->groups ? c->cfg->groups : default_groups;
}

static int offered_suite(const mote_tls_conn *c, uint16_t s)
{
    const uint16_t *p;
    for (p = suites_of(c); *p; p++)
        if (*p == s && suite_aead(s) != MOTE_AEAD_NONE) return 1;
    return 0;
}

/* Does the connection offer this version: inside [min_version,
 * max_version] of the configuration (0: 1.2 and 1.3), with a usable suite? */
int mote_tls_offers(const mote_tls_conn *c, uint16_t version)
{
    uint16_t lo = c->cfg->min_version ? c->cfg->min_version : MOTE_TLS12;
    uint16_t hi = c->cfg->max_version ? c->cfg->max_version : MOTE_TLS13;
    const uint16_t *s;
    if (version < lo || version > hi) return 0;
    if (version == MOTE_TLS13) {
        for (s = suites_of(c); *s; s++)
            if (suite_aead(*s) != MOTE_AEAD_NONE) return 1;
    }
#if MOTE_ENABLE_TLS12
    if (version == MOTE_TLS12) {
        for (s = mote_tls12_suites(c); *s; s++)
            if (mote_tls12_suite_usable(c, *s)) return 1;
    }
#endif
    return 0;
}

/* TLS 1.2 offered: a constant 0 when it is not compiled in, so that what
 * the ClientHello would carry for it folds away. */
static int offers12(const mote_tls_conn *c)
{
    return MOTE_ENABLE_TLS12 && mote_tls_offers(c, MOTE_TLS12);
}

static int offered_group(const mote_tls_conn *c, uint16_t g)
{
    const uint16_t *p;
    for (p = groups_of(c); *p; p++)
        if (*p == g && mote_tls_kex_supported(g)) return 1;
    return 0;
}

int mote_tls_offered_group(const mote_tls_conn *c, uint16_t group)
{
    return offered_group(c, group);
}

/* What the server (server13.c) shares with this file: the configured lists
 * and what a suite means. */
const uint16_t *mote_tls13_suites(const mote_tls_conn *c)
{
    return suites_of(c);
}

const uint16_t *mote_tls_groups(const mote_tls_conn *c)
{
    return groups_of(c);
}

const uint16_t *mote_tls_sig_algs(size_t *n)
{
    *n = sizeof sig_algs / sizeof *sig_algs - 1; /* (the 0 ends it for put_list) */
    return sig_algs;
}

int mote_tls13_suite_aead(uint16_t suite)
{
    return suite_aead(suite);
}

const mote_hash_desc *mote_tls13_suite_hash(uint16_t suite)
{
    return suite_hash(suite);
}

static int is_ip_literal(const char *s)
{
    int digits_dots = 1;
    for (; *s; s++) {
        if (*s == ':') return 1;
        if (!((*s >= '0' && *s <= '9') || *s == '.')) digits_dots = 0;
    }
    return digits_dots;
}

/* The plaintext we accept per record, from the input buffer's size. TLS
 * 1.3 counts the inner content type in the limit, TLS 1.2 (RFC 8449 section
 * 4) does not but adds an 8-byte explicit nonce: when 1.2 is offered, its
 * smaller limit is advertised and serves both. */
static size_t our_record_limit(const mote_tls_conn *c)
{
    size_t room = c->in_size - 5 - 16 - (offers12(c) ? 8 : 0) - mote_tls12_cbc_extra(c);
    return room > 16385 ? 16385 : room;
}

/* ---- pre-shared keys (TLS 1.3) ---- */
#if MOTE_TLS_CLIENT_PSK

typedef struct {
    const uint8_t *identity, *key;
    size_t identity_len, key_len;
    const mote_hash_desc *hash;
    uint32_t age;                    /* obfuscated ticket age (0 for an external PSK) */
    uint8_t kind;                    /* MOTE_PSK_RES or MOTE_PSK_EXT; 0: none */
    const mote_tls_session *session; /* the ticket's session (MOTE_PSK_RES) */
} psk_offer;

/* The PSK this connection can offer: the external one if configured, else
 * a usable ticket; only with a suite of ours that has its hash (after a
 * HelloRetryRequest: the suite the server chose). */
static int psk_of(const mote_tls_conn *c, psk_offer *o)
{
    const mote_tls_config *cfg = c->cfg;
    const uint16_t *s;
    memset(o, 0, sizeof *o);
    (void)cfg;
#if MOTE_ENABLE_TLS_PSK
    if (cfg->psk_key) {
        if (!cfg->psk_key_len || cfg->psk_key_len > 255 || !cfg->psk_identity ||
            !cfg->psk_identity_len || cfg->psk_identity_len > 1024)
            return MOTE_ERR_BAD_INPUT;
        o->identity = cfg->psk_identity, o->identity_len = cfg->psk_identity_len;
        o->key = cfg->psk_key, o->key_len = cfg->psk_key_len;
        o->hash = &mote_sha256_desc;
        o->kind = MOTE_PSK_EXT;
    } else
#endif
    {
#if MOTE_ENABLE_TLS_RESUMPTION
        const mote_tls_session *t = mote_tls_session_usable(c, MOTE_TLS13);
        if (!t) return MOTE_OK;
        o->identity = t->ticket, o->identity_len = t->ticket_len;
        o->key = t->secret, o->key_len = t->secret_len;
        o->hash = suite_hash(t->suite);
        o->age = mote_tls_session_age(c, t) + t->age_add;
        o->kind = MOTE_PSK_RES;
        o->session = t;
        if (o->key_len != o->hash->out_len) o->kind = 0;
#else
        return MOTE_OK;
#endif
    }
    if (c->flags & MOTE_F_HRR) {
        if (suite_hash(c->suite) != o->hash) o->kind = 0;
        return MOTE_OK;
    }
    for (s = suites_of(c); *s; s++)
        if (suite_aead(*s) != MOTE_AEAD_NONE && suite_hash(*s) == o->hash) return MOTE_OK;
    o->kind = 0;
    return MOTE_OK;
}

/* The transcript hash (hash_len: 32 or 48) with n more bytes at p. */
static void th_with(const mote_tls_conn *c, size_t hash_len, const uint8_t *p, size_t n,
                    uint8_t *out)
{
#if MOTE_ENABLE_SHA512
    if (hash_len == 48) {
        mote_sha384_ctx t = *mote_tls_th384(c);
        mote_sha384_update(&t, p, n);
        mote_sha384_final(&t, out);
        return;
    }
#endif
    {
        mote_sha256_ctx t = c->th.s256;
        (void)hash_len;
        mote_sha256_update(&t, p, n);
        mote_sha256_final(&t, out);
    }
}

#if MOTE_ENABLE_TLS_RESUMPTION
/* 0-RTT (opt-in, cfg->early_data): only in the first ClientHello, with a
 * ticket that allows this much, the session's ALPN, and room next to the
 * ClientHello (which will end at out + hello_end) in the output buffer. */
static int early_ok(const mote_tls_conn *c, const mote_tls_session *s, size_t hello_end)
{
    const mote_tls_config *cfg = c->cfg;
    const char *a = cfg->alpn && cfg->alpn[0] ? cfg->alpn[0] : NULL;
    size_t n = a ? strlen(a) : 0;
    if (!cfg->early_data || !cfg->early_data_len || (c->flags & MOTE_F_HRR)) return 0;
    if (s->max_early_data < cfg->early_data_len || cfg->early_data_len > 16384) return 0;
    if (n != s->alpn_len || (n && memcmp(a, s->alpn, n) != 0)) return 0;
    return hello_end + 6 + 5 + cfg->early_data_len + 1 + 16 <= c->out_size;
}

/* Behind the ClientHello (msg, already in the transcript): [the middlebox
 * CCS], then the early data under client_early_traffic_secret =
 * Derive-Secret(Early Secret(PSK), "c e traffic", ClientHello); those write
 * keys stay until EndOfEarlyData or our handshake keys replace them. */
static int send_early_data(mote_tls_conn *c, const psk_offer *psk, const uint8_t *msg)
{
    const mote_tls_session *s = psk->session;
    uint8_t h[48], secret[48];
    mote_tls13_ks ks;
    int rc = MOTE_OK;
    if (!(c->cfg->flags & MOTE_TLS_NO_MIDDLEBOX)) rc = send_ccs(c);
    th_with(c, psk->hash->out_len, msg, 0, h); /* the transcript: the ClientHello */
    mote_tls13_ks_early(&ks, psk->hash, psk->key, psk->key_len);
    mote_tls13_ks_derive(&ks, "c e traffic", h, secret);
    mote_tls13_ks_wipe(&ks);
    if (rc == MOTE_OK &&
        mote_tls13_traffic_keys(psk->hash, secret, suite_aead(s->suite), &c->w.wr) != MOTE_OK)
        rc = MOTE_ERR_TLS_INTERNAL;
    mote_wipe(secret, sizeof secret);
    if (rc == MOTE_OK) rc = mote_tls_send_record(c, 23, c->cfg->early_data, c->cfg->early_data_len);
    return rc;
}
#endif /* MOTE_ENABLE_TLS_RESUMPTION */
#endif /* MOTE_TLS_CLIENT_PSK */

/* An extension whose body is the n-byte integer v (n <= 4; 0: empty). */
static void put_ext_u(wr_t *w, uint16_t type, uint32_t v, int n)
{
    put_u(w, (uint32_t)type << 16 | (uint32_t)n, 4);
    put_u(w, v, n);
}

/* An extension whose body is one list with a 2-byte length: where its two
 * lengths go, filled in by close_list. */
static uint8_t *open_list(wr_t *w, uint16_t type)
{
    uint8_t *at;
    put_u(w, type, 2);
    at = open_len(w, 2);
    (void)open_len(w, 2);
    return at;
}

static void close_list(wr_t *w, uint8_t *at)
{
    close_len(w, at + 2, 2);
    close_len(w, at, 2);
}

/* An extension that lists the entries of a 0-terminated list that ok
 * accepts (supported_groups, signature_algorithms). */
static void put_list(wr_t *w, uint16_t type, const uint16_t *l, int (*ok)(uint16_t))
{
    uint8_t *at = open_list(w, type);
    for (; *l; l++)
        if (ok(*l)) put_u(w, *l, 2);
    close_list(w, at);
}

static int build_client_hello(mote_tls_conn *c, const uint8_t *cookie, size_t cookie_len)
{
#if MOTE_TLS_CLIENT_PSK
    psk_offer psk;
    uint8_t *binders = NULL;
#endif
    int no_share = 0;
    wr_t w;
    static const uint8_t head[6] = {MOTE_HS_CLIENT_HELLO, 0, 0, 0, 3, 3}; /* length, 0x0303 */
    uint8_t *msg, *l2, *l2b;
    const uint16_t *s;
    size_t pub_len = 0, lim;
    uint16_t group = c->hrr_group ? c->hrr_group : 0;
    int v13 = mote_tls_offers(c, MOTE_TLS13), v12 = offers12(c);
    int rc;

    if (!v13 && !v12) return MOTE_ERR_BAD_INPUT; /* no version with a suite in range */
    v13 |= !MOTE_ENABLE_TLS12;                   /* (without TLS 1.2 it is 1 here: folds) */
#if MOTE_TLS_CLIENT_PSK
    rc = psk_of(c, &psk);
    if (rc) return rc;
    if (!v13) psk.kind = 0;
    c->psk = psk.kind;
    /* psk_ke alone: no key share until a HelloRetryRequest asks for one */
    no_share = psk.kind && (c->cfg->flags & MOTE_TLS_PSK_KE) && !c->hrr_group;
#endif
    if (!group)
        for (s = groups_of(c); *s && !group; s++)
            if (mote_tls_kex_supported(*s)) group = *s;
    if (!group) return MOTE_ERR_TLS_HANDSHAKE_FAILURE;

    w.p = c->out + c->out_len + 5;
    w.end = c->out + c->out_size;
    w.full = 0;
    msg = w.p;
    put(&w, head, sizeof head);
    put(&w, c->client_random, 32);
#if MOTE_ENABLE_TLS12
    if (v12) { /* a TLS 1.2 session: its id (or, for its ticket, ours) is echoed to resume */
        const mote_tls_session *t = mote_tls_session_usable(c, MOTE_TLS12);
        if (t && mote_tls12_suite_usable(c, t->suite)) {
            c->psk |= MOTE_PSK_SESS12;
            if (t->sid_len == 32) memcpy(c->session_id, t->session_id, 32);
        }
    }
#endif
    {
        size_t sid_len =
            !(CPSK(c) & MOTE_PSK_SESS12) && ((c->cfg->flags & MOTE_TLS_NO_MIDDLEBOX) || !v13) ? 0
                                                                                              : 32;
        put_u(&w, (uint32_t)sid_len, 1);
        put(&w, c->session_id, sid_len);
    }
    l2 = open_len(&w, 2);
    for (s = suites_of(c); *s && v13; s++)
        if (suite_aead(*s) != MOTE_AEAD_NONE) put_u(&w, *s, 2);
#if MOTE_ENABLE_TLS12
    for (s = mote_tls12_suites(c); *s && v12; s++)
        if (mote_tls12_suite_usable(c, *s)) put_u(&w, *s, 2);
#endif
    close_len(&w, l2, 2);
    put_u(&w, 0x01000000, 4); /* compression: null only; the extensions' length */
    l2 = w.p - 2;
    if (c->cfg->server_name && !is_ip_literal(c->cfg->server_name)) {
        size_t n = strlen(c->cfg->server_name);
        put_u(&w, (uint32_t)n + 5, 4);        /* server_name (0), its length */
        put_u(&w, ((uint32_t)n + 3) << 8, 3); /* the list's length, host_name (0) */
        put_u(&w, (uint32_t)n, 2);
        put(&w, c->cfg->server_name, n);
    }
    if (v13) { /* supported_versions: TLS 1.3 (and 1.2); a 1.2-only hello goes without */
        static const uint8_t sv[9] = {0, 43, 0, 5, 4, 3, 4, 3, 3};
        static const uint8_t sv13[7] = {0, 43, 0, 3, 2, 3, 4};
        if (v12)
            put(&w, sv, sizeof sv);
        else
            put(&w, sv13, sizeof sv13);
    }
    put_list(&w, 10, groups_of(c), mote_tls_kex_supported); /* supported_groups */
    put_list(&w, 13, sig_algs, mote_tls_sig_supported);     /* signature_algorithms */
    if (v13 && no_share) {
        put_ext_u(&w, 51, 0, 2); /* key_share with no share */
    } else if (v13) {            /* (TLS 1.2 alone needs no key share: the server's comes first) */
        /* key_share: one share, our public value made in place (as long
         * as mote_tls_kex_supported says) */
        uint32_t n = (uint32_t)mote_tls_kex_supported(group);
        put_u(&w, 51u << 16 | (n + 6), 4);   /* key_share, its length */
        put_u(&w, (n + 4) << 16 | group, 4); /* the list's length, the group */
        put_u(&w, n, 2);                     /* the share's length */
        if (w.full || (size_t)(w.end - w.p) < n) return MOTE_ERR_TLS_INTERNAL;
        rc = mote_tls_kex_keygen(c, group, w.p, &pub_len);
        if (rc) return rc;
        w.p += n;
    }
#if MOTE_TLS_CLIENT_PSK
    if (v13 && (MOTE_TLS_SESSION(c) || c->cfg->psk_key)) {
        /* psk_key_exchange_modes: psk_dhe_ke, or psk_ke when configured
         * (sent with a session configured even when there is none to
         * offer: servers only hand out tickets to clients that send it) */
        put_ext_u(&w, 45, (c->cfg->flags & MOTE_TLS_PSK_KE) ? 0x100 : 0x101, 2);
    }
#endif
#if MOTE_ENABLE_TLS_RESUMPTION
    if (v12 && c->cfg->session) { /* SessionTicket (RFC 5077): ours, or empty to get one */
        const mote_tls_session *t = c->cfg->session;
        size_t n = (c->psk & MOTE_PSK_SESS12) ? t->ticket_len : 0;
        put_u(&w, 35u << 16 | (uint32_t)n, 4);
        put(&w, t->ticket, n);
    }
#endif
    if (v12) {
        /* ec_point_formats: uncompressed only (RFC 8422); extended_master_secret
         * (RFC 7627); renegotiation_info, empty: never renegotiating (RFC 5746) */
        static const uint8_t ext12[] = {0, 11, 0, 2, 1, 0, 0, 23, 0, 0, 0xff, 1, 0, 1, 0};
        put(&w, ext12, sizeof ext12);
        if (mote_tls12_cbc_extra(c)) put_ext_u(&w, 22, 0, 0); /* encrypt_then_mac (RFC 7366) */
    }
    if (c->cfg->alpn && c->cfg->alpn[0]) {
        const char *const *a;
        l2b = open_list(&w, 16);
        for (a = c->cfg->alpn; *a; a++) {
            size_t n = strlen(*a);
            if (n == 0 || n > 255) return MOTE_ERR_BAD_INPUT;
            put_u(&w, (uint32_t)n, 1);
            put(&w, *a, n);
        }
        close_list(&w, l2b);
    }
    lim = our_record_limit(c);
    if (lim < 16385) {
        /* record_size_limit (RFC 8449) and max_fragment_length (RFC 6066) */
        /* (in_size >= MOTE_TLS_MIN_IN: no wrap) */
        size_t room = c->in_size - 5 - 24 - mote_tls12_cbc_extra(c);
        unsigned k;
        put_ext_u(&w, 28, (uint32_t)lim, 2);
        /* the largest 2^k (k = 1..4; 0: none) whose records fit with the
         * header and the worst expansion: 8-byte explicit nonce + 16-byte
         * tag (TLS 1.2) */
        for (k = 4; k && (256u << k) > room; k--)
            ;
        if (k && !(c->cfg->flags & MOTE_TLS_NO_MFL)) {
            put_ext_u(&w, 1, k, 1);
            c->mfl = (uint16_t)(256u << k);
        }
    }
    if (cookie_len) {
        put_u(&w, 44u << 16 | ((uint32_t)cookie_len + 2), 4); /* cookie, its length */
        put_u(&w, (uint32_t)cookie_len, 2);
        put(&w, cookie, cookie_len);
    }
#if MOTE_ENABLE_TLS_RESUMPTION
    if (psk.kind == MOTE_PSK_RES &&
        early_ok(c, psk.session,
                 (size_t)(w.p - c->out) + 4 + 4 + 2 + 2 + psk.identity_len + 4 + 2 + 1 +
                     psk.hash->out_len)) {
        put_ext_u(&w, 42, 0, 0); /* early_data: 0-RTT application data follows */
        c->psk |= MOTE_PSK_EARLY;
    }
#endif
#if MOTE_TLS_CLIENT_PSK
    if (psk.kind) { /* pre_shared_key: the last extension (RFC 8446 4.2.11) */
        uint32_t n = (uint32_t)psk.hash->out_len;
        l2b = open_list(&w, 41); /* its length, then the identities' */
        put_u(&w, (uint32_t)psk.identity_len, 2);
        put(&w, psk.identity, psk.identity_len);
        put_u(&w, psk.age, 4);
        close_len(&w, l2b + 2, 2);
        binders = w.p; /* binders: one, written below over n bytes of msg as a placeholder */
        put_u(&w, (n + 1) << 8 | n, 3);
        put(&w, msg, n); /* (msg is longer than n by now: head, random, suites) */
        close_len(&w, l2b, 2);
    }
#endif
    close_len(&w, l2, 2);
    close_len(&w, msg + 1, 3);
    if (w.full) return MOTE_ERR_TLS_INTERNAL; /* output buffer too small for the ClientHello */
#if MOTE_TLS_CLIENT_PSK
    if (binders) { /* over the ClientHello up to the binders (and what came before it) */
        uint8_t h[48];
        th_with(c, psk.hash->out_len, msg, (size_t)(binders - msg), h);
        mote_tls13_binder(psk.hash, psk.key, psk.key_len, psk.kind == MOTE_PSK_EXT, h, binders + 3);
    }
#endif

    th_add(c, msg, (size_t)(w.p - msg));
    if (v13) c->kex_group = no_share ? 0 : group;
    rc = mote_tls_send_record(c, 22, msg, (size_t)(w.p - msg));
#if MOTE_ENABLE_TLS_RESUMPTION
    if (rc == MOTE_OK && (c->psk & MOTE_PSK_EARLY)) rc = send_early_data(c, &psk, msg);
#endif
    return rc;
}

int mote_tls_client_init(mote_tls_conn *c, const mote_tls_config *cfg, uint8_t *in, size_t in_size,
                         uint8_t *out, size_t out_size)
{
    int rc;
    memset(c, 0, sizeof *c);
    c->alert_sent = c->alert_recv = 255;
    if (!cfg || !cfg->rng || !in || !out || in_size < MOTE_TLS_MIN_IN ||
        out_size < MOTE_TLS_MIN_OUT)
        return MOTE_ERR_BAD_INPUT;
    if (!(cfg->flags & MOTE_TLS_NO_VERIFY) && !cfg->server_name) return MOTE_ERR_BAD_INPUT;
#if !MOTE_ENABLE_TLS_RESUMPTION /* compiled out (config.h) */
    if (cfg->session) return MOTE_ERR_UNSUPPORTED;
#endif
#if !MOTE_ENABLE_TLS_PSK
    if (cfg->psk_key) return MOTE_ERR_UNSUPPORTED;
#endif
#if !MOTE_ENABLE_TLS_CLIENT_AUTH
    if (cfg->client_key || cfg->n_client_certs) return MOTE_ERR_UNSUPPORTED;
#endif
    c->cfg = cfg;
    c->in = in, c->in_size = in_size;
    c->out = out, c->out_size = out_size;
    c->version = MOTE_TLS13;
    mote_tls_th_init(c);
    if ((rc = mote_drbg_generate(cfg->rng, c->client_random, 32)) != MOTE_OK ||
        (rc = mote_drbg_generate(cfg->rng, c->session_id, 32)) != MOTE_OK)
        return rc;
    c->state = MOTE_ST_WAIT_SH;
    rc = build_client_hello(c, NULL, 0);
    if (rc) {
        c->state = MOTE_ST_CLOSED;
        c->err = rc;
    }
    return rc;
}

/* ---- ServerHello / HelloRetryRequest ---- */

static const uint8_t hrr_random[32] = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

const uint8_t *mote_tls13_hrr_random(void)
{
    return hrr_random;
}

typedef struct {
    uint16_t version, group;
    const uint8_t *share, *cookie;
    size_t share_len, cookie_len;
    int hrr, other; /* other: an extension TLS 1.3 does not allow here */
    int psk;        /* pre_shared_key: 1 + selected_identity, 0 if absent */
} sh_info;

static int sh_ext(mote_tls_conn *c, void *arg, uint16_t type, rd_t *b)
{
    sh_info *s = arg;
    switch (type) {
    case 43:
        s->version = (uint16_t)rd_u(b, 2);
        return MOTE_OK;
    case 51:
        s->group = (uint16_t)rd_u(b, 2);
        if (s->hrr) return MOTE_OK;
        s->share_len = rd_u(b, 2);
        s->share = rd_bytes(b, s->share_len);
        return MOTE_OK;
    case 44:
        if (!s->hrr) return MOTE_ERR_TLS_UNSUPPORTED_EXTENSION;
        s->cookie_len = rd_u(b, 2);
        s->cookie = rd_bytes(b, s->cookie_len);
        if (s->cookie_len == 0) return MOTE_ERR_TLS_DECODE;
        return MOTE_OK;
    case 41: /* pre_shared_key: the identity the server selected */
        if (!MOTE_TLS_CLIENT_PSK || s->hrr || !(c->psk & (MOTE_PSK_RES | MOTE_PSK_EXT)))
            return MOTE_ERR_TLS_UNSUPPORTED_EXTENSION;
        s->psk = 1 + (int)rd_u(b, 2);
        return MOTE_OK;
    default:
        /* we offered nothing else for TLS 1.3; a 1.2 ServerHello is walked
         * again by client12.c once the version is known */
        s->other = 1;
        b->p = b->end;
        return MOTE_OK;
    }
}

static int check_hello_retry(mote_tls_conn *c, const sh_info *s)
{
    if (c->flags & MOTE_F_HRR) return MOTE_ERR_TLS_UNEXPECTED_MESSAGE; /* a second HRR */
    /* the HRR must change something: a group we offered but did not share */
    if (!s->group && !s->cookie) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    if (s->group && (!offered_group(c, s->group) || s->group == c->kex_group))
        return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    if (s->cookie_len > MOTE_TLS_MAX_COOKIE) return MOTE_ERR_TLS_INTERNAL;
    c->flags |= MOTE_F_HRR;
    return MOTE_OK;
}

/* A stage of the key schedule (ks: the handshake or master secret) over
 * the transcript so far: its secret kept in c->secret, the client's traffic
 * secret (label c_label, "c .. traffic") into c_out (which may be
 * c->secret), the server's into s_secret and installed for reading; ks is
 * wiped. */
static MOTE_NOINLINE int stage_keys(mote_tls_conn *c, mote_tls13_ks *ks, const char *c_label,
                                    uint8_t *c_out)
{
    char s_label[13]; /* "s .. traffic" */
    memcpy(s_label, c_label, sizeof s_label);
    s_label[0] = 's';
    /* the transcript hash waits where the server's secret goes (read
     * before that is written: keysched.h) */
    th_get(c, c->s_secret);
    memcpy(c->secret, ks->secret, ks->hash->out_len);
    mote_tls13_ks_derive(ks, c_label, c->s_secret, c_out);
    mote_tls13_ks_derive(ks, s_label, c->s_secret, c->s_secret);
    mote_tls13_ks_wipe(ks);
    return set_keys(c, c->s_secret, &c->rd);
}

/* The handshake secret from the (EC)DHE secret (none with psk_ke), which
 * is held only here: up to 256 bytes (ffdhe2048) that the Derive-Secret
 * calls of on_server_hello need not carry. */
static MOTE_NOINLINE int hs_secret(mote_tls_conn *c, const sh_info *s, mote_tls13_ks *ks)
{
    uint8_t shared[256];
    size_t shared_len = 0;
    int rc = 0;
    if (s->share) {
        rc = mote_tls_kex_shared(c, s->share, s->share_len, shared, &shared_len);
        c->pk_ops++;
    }
    if (rc == 0) mote_tls13_ks_extract(ks, s->share ? shared : NULL, shared_len);
    mote_wipe(shared, sizeof shared);
    return rc;
}

/* A HelloRetryRequest: out of on_server_hello's frame (the cookie we
 * echo is up to MOTE_TLS_MAX_COOKIE bytes, which the key schedule below
 * it need not carry). */
static MOTE_NOINLINE int hello_retry(mote_tls_conn *c, const sh_info *s, const uint8_t *b)
{
    /* Transcript: ClientHello1 becomes message_hash(Hash(ClientHello1)),
     * then the HRR itself; then the second ClientHello. */
    uint8_t cookie[MOTE_TLS_MAX_COOKIE];
    int rc = check_hello_retry(c, s);
    if (rc) return rc;
    mote_tls13_th_restart(c);
    th_msg(c, b);
    if (s->group) c->hrr_group = s->group;
    memcpy(cookie, s->cookie ? s->cookie : cookie, s->cookie_len);
    /* early data is refused with a HelloRetryRequest: the second hello
     * goes out in the clear, behind the CCS already sent */
    if (CPSK(c) & MOTE_PSK_EARLY) mote_wipe(&c->w.wr, sizeof c->w.wr);
    /* middlebox compatibility: a CCS before our second flight */
    if (!(c->cfg->flags & MOTE_TLS_NO_MIDDLEBOX) && !(CPSK(c) & MOTE_PSK_EARLY) &&
        (rc = send_ccs(c)) != 0)
        return rc;
    rc = build_client_hello(c, cookie, s->cookie_len);
    mote_wipe(cookie, sizeof cookie);
    if (rc) return rc;
    c->pk_ops++;
    return MOTE_OK; /* still WAIT_SH */
}

static int on_server_hello(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    rd_t r = {b, b + len, 0};
    sh_info s;
#if MOTE_TLS_CLIENT_PSK
    psk_offer psk;
#endif
    const uint8_t *psk_key = NULL, *sid = b + 35; /* no PSK: the early secret from zeros */
    size_t psk_key_len = 0;
    size_t sid_len;
    uint16_t suite;
    int rc;
    (void)th;
    memset(&s, 0, sizeof s);
    /* legacy_version (not read), random, session id, suite, compression */
    if (len < 35 || len < 35 + (size_t)b[34] + 3) return MOTE_ERR_TLS_DECODE;
    sid_len = b[34];
    suite = (uint16_t)(sid[sid_len] << 8 | sid[sid_len + 1]);
    if (sid[sid_len + 2] != 0) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    r.p = sid + sid_len + 3;
    s.hrr = memcmp(b + 2, hrr_random, 32) == 0;
    if (!s.hrr) th_msg(c, b); /* (a HelloRetryRequest: hello_retry) */
    rc = walk_extensions(c, &r, sh_ext, &s);
    if (rc) return rc;
#if MOTE_ENABLE_TLS12
    /* no supported_versions: TLS 1.2 (or older), src/tls/client12.c decides */
    if (s.version == 0 && !s.hrr) return mote_tls12_server_hello(c, b, len);
#endif
    if (s.version == 0) return MOTE_ERR_TLS_PROTOCOL_VERSION;
    /* we sent no supported_versions (only a hello with TLS 1.2 can) */
    if (MOTE_ENABLE_TLS12 && !mote_tls_offers(c, MOTE_TLS13))
        return MOTE_ERR_TLS_UNSUPPORTED_EXTENSION;
    if (s.version != MOTE_TLS13) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    if (s.other) return MOTE_ERR_TLS_UNSUPPORTED_EXTENSION;
    if (!offered_suite(c, suite)) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    {
        int echo_ok = (c->cfg->flags & MOTE_TLS_NO_MIDDLEBOX) && !(CPSK(c) & MOTE_PSK_SESS12)
                          ? sid_len == 0
                          : sid_len == 32 && memcmp(sid, c->session_id, 32) == 0;
        if (!echo_ok) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    }
    if ((c->flags & MOTE_F_HRR) && suite != c->suite) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    c->suite = suite;
    mote_tls_th_pick(c, hash_of(c)->out_len);

    /* A HelloRetryRequest goes back to WAIT_SH; a real ServerHello goes on,
     * in the transcript now (TH_AFTER). */
    if (s.hrr) return hello_retry(c, &s, b);
#if MOTE_TLS_CLIENT_PSK
    if (s.psk) { /* our PSK (the only identity offered), for a suite of its hash */
        rc = psk_of(c, &psk);
        if (rc || s.psk != 1 || psk.kind != (c->psk & (MOTE_PSK_RES | MOTE_PSK_EXT)) ||
            psk.hash != hash_of(c))
            return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
        c->psk |= MOTE_PSK_ACCEPTED;
        psk_key = psk.key, psk_key_len = psk.key_len;
    }
#endif
    /* a key share for the group it was asked in; none only with a PSK
     * taken in psk_ke mode, which is then what we offered */
    if (!s.share != (MOTE_TLS_CLIENT_PSK && s.psk && (c->cfg->flags & MOTE_TLS_PSK_KE)) ||
        (s.share && (s.group != c->kex_group || !c->kex_group)))
        return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    {
        mote_tls13_ks ks;
        mote_tls13_ks_early(&ks, hash_of(c), psk_key, psk_key_len);
        mote_tls13_ks_derived(&ks);
        rc = hs_secret(c, &s, &ks);
        if (rc) {
            mote_tls13_ks_wipe(&ks);
            return rc == MOTE_ERR_TLS_INTERNAL ? rc : MOTE_ERR_TLS_ILLEGAL_PARAMETER;
        }
        rc = stage_keys(c, &ks, "c hs traffic", c->c_secret);
        if (rc) return rc;
    }
    c->group = s.share ? c->kex_group : 0;
    /* (a share was taken: mote_tls_kex_shared wiped our private key; a
     * PSK without one may leave the key of a second hello) */
    if (MOTE_TLS_CLIENT_PSK) mote_wipe(c->kex_priv, sizeof c->kex_priv);
    c->state = MOTE_ST_WAIT_EE;
    return MOTE_OK;
}

/* ---- EncryptedExtensions ---- */

static int ee_ext(mote_tls_conn *c, void *arg, uint16_t type, rd_t *b)
{
    (void)arg;
    switch (type) {
    case 0: /* server_name acknowledged: empty (the walker checks that) */
        return c->cfg->server_name ? MOTE_OK : MOTE_ERR_TLS_DECODE;
    case 10: /* supported_groups: informational */
        b->p = b->end;
        return MOTE_OK;
    case 42: /* early_data: the server took our 0-RTT data */
        if (!MOTE_ENABLE_TLS_RESUMPTION || !(c->psk & MOTE_PSK_EARLY) ||
            !(c->psk & MOTE_PSK_ACCEPTED) || !MOTE_TLS_V13(c))
            return MOTE_ERR_TLS_UNSUPPORTED_EXTENSION;
        c->psk |= MOTE_PSK_EARLY_OK;
        return MOTE_OK;
    case 16: { /* ALPN: exactly one of ours */
        size_t list = rd_u(b, 2), n = rd_u(b, 1);
        const uint8_t *name = rd_bytes(b, n);
        const char *const *a;
        uint8_t i = 0;
        if (b->bad || list != n + 1 || n == 0) return MOTE_ERR_TLS_DECODE;
        if (!c->cfg->alpn) return MOTE_ERR_TLS_UNSUPPORTED_EXTENSION;
        for (a = c->cfg->alpn; *a; a++, i++)
            if (strlen(*a) == n && memcmp(*a, name, n) == 0) {
                c->alpn_index = (uint8_t)(i + 1);
                return MOTE_OK;
            }
        return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    }
    case 1: { /* max_fragment_length: must echo ours */
        uint32_t code = rd_u(b, 1);
        if (b->bad) return MOTE_ERR_TLS_DECODE;
        if (!c->mfl) return MOTE_ERR_TLS_UNSUPPORTED_EXTENSION;
        if (code - 1 > 3 || (256u << code) != c->mfl) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
        if (!c->peer_record_limit || c->peer_record_limit > c->mfl) c->peer_record_limit = c->mfl;
        return MOTE_OK;
    }
    case 28: { /* record_size_limit: the server's limit for what we send */
        uint32_t v = rd_u(b, 2);
        if (b->bad) return MOTE_ERR_TLS_DECODE;
        if (v < 64) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
        if (our_record_limit(c) >= 16385) return MOTE_ERR_TLS_UNSUPPORTED_EXTENSION;
        if (MOTE_TLS_V13(c)) v--; /* 1.3 counts the content type, 1.2 does not */
        c->peer_record_limit = (uint16_t)(v > 16384 ? 16384 : v);
        return MOTE_OK;
    }
    default:
        return MOTE_ERR_TLS_UNSUPPORTED_EXTENSION;
    }
}

int mote_tls_ext_negotiated(mote_tls_conn *c, uint16_t type, rd_t *body)
{
    return ee_ext(c, NULL, type, body);
}

static int on_encrypted_extensions(mote_tls_conn *c, const uint8_t *b, size_t len,
                                   const uint8_t *th)
{
    rd_t r = {b, b + len, 0};
    int rc;
    (void)th;
    rc = walk_extensions(c, &r, ee_ext, NULL);
    if (rc) return rc;
    /* with a PSK, the server authenticates with its Finished alone */
    c->state = (CPSK(c) & MOTE_PSK_ACCEPTED) ? MOTE_ST_WAIT_FIN : MOTE_ST_WAIT_CERT_CR;
    return MOTE_OK;
}

/* ---- CertificateRequest ---- */

static int cr_ext(mote_tls_conn *c, void *arg, uint16_t type, rd_t *b)
{
#if MOTE_ENABLE_TLS_CLIENT_AUTH
    uint16_t ours = mote_tls_client_scheme(c);
#else
    const uint16_t ours = 0; /* no key of ours (config.h): an empty Certificate */
#endif
    (void)arg;
    if (type != 13) { /* certificate_authorities, oid_filters, ...: not used */
        b->p = b->end;
        return MOTE_OK;
    }
    { /* signature_algorithms: can the server take what our key signs? */
        size_t n = rd_u(b, 2);
        if (b->bad || n % 2 || n == 0 || n != (size_t)(b->end - b->p)) return MOTE_ERR_TLS_DECODE;
        while (ours && b->p < b->end) /* (none of ours: nothing to look for) */
            if ((uint16_t)rd_u(b, 2) == ours) c->client_scheme = ours;
        b->p = b->end; /* (n even: the list ends there) */
        c->flags |= MOTE_F_CR_SIGALGS;
        return MOTE_OK;
    }
}

static int on_certificate_request(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    rd_t r = {b, b + len, 0};
    size_t ctx_len = rd_u(&r, 1);
    int rc;
    (void)th;
    if (r.bad || ctx_len != 0) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    c->client_scheme = 0;
    rc = walk_extensions(c, &r, cr_ext, NULL);
    if (rc) return rc;
    if (!(c->flags & MOTE_F_CR_SIGALGS)) return MOTE_ERR_TLS_MISSING_EXTENSION;
    c->flags |= MOTE_F_CERT_REQ;
    c->state = MOTE_ST_WAIT_CERT;
    return MOTE_OK;
}

/* ---- Certificate (streamed) ----
 * Certificate = context<0..255> list<0..2^24-1> of {cert<1..2^24-1>, exts<0..2^16-1>}.
 * c->cs_* track where in that structure the next byte falls. */

enum { CS_CTX_LEN, CS_CTX, CS_LIST_LEN, CS_CERT_LEN, CS_CERT, CS_EXT_LEN, CS_EXT, CS_DONE };

/* Feed n bytes of the Certificate message; *used receives how many were
 * taken: it stops right after a certificate ends (its signature check was
 * this call's public-key operation). */
static void cs_next_entry(mote_tls_conn *c)
{
    c->cs_state = c->cs_list ? CS_CERT_LEN : CS_DONE;
    c->cs_need = c->cs_list ? 3 : 0;
}

static int cert_stream(mote_tls_conn *c, const uint8_t *p, size_t n, size_t *used)
{
    size_t start = n;
    int rc;
    *used = 0;
    while (n > 0) {
        size_t take = n < c->cs_need ? n : c->cs_need, i;
        uint32_t v;
        if (c->cs_state == CS_CERT) {
            rc = mote_tls_cert_data(c, p, take);
            if (rc) return rc;
        } else if (c->cs_state != CS_EXT) { /* a length (context, extension bytes: skipped) */
            for (i = 0; i < take; i++)
                c->cs_val = (c->cs_val << 8) | p[i];
        }
        p += take, n -= take, c->cs_need -= take;
        if (c->cs_state > CS_LIST_LEN) c->cs_list -= (uint32_t)take; /* inside the list */
        if (c->cs_need) continue;
        v = c->cs_val; /* a field is complete: move on */
        c->cs_val = 0;
        switch (c->cs_state) {
        case CS_CTX_LEN:
            if (v != 0) return MOTE_ERR_TLS_DECODE; /* handshake certificates: empty */
            c->cs_state = CS_LIST_LEN, c->cs_need = 3;
            break;
        case CS_LIST_LEN:
            c->cs_list = v;
            cs_next_entry(c);
            break;
        case CS_CERT_LEN:
            if (v == 0 || (size_t)v + (MOTE_TLS_V12(c) ? 0 : 2) > c->cs_list)
                return MOTE_ERR_TLS_DECODE;
            rc = mote_tls_cert_entry(c, c->cs_count, v);
            if (rc) return rc;
            c->cs_state = CS_CERT, c->cs_need = v;
            break;
        case CS_CERT:
            rc = mote_tls_cert_end_entry(c);
            if (rc) return rc;
            c->cs_count++;
            c->cs_state = CS_EXT_LEN, c->cs_need = 2;
            if (MOTE_TLS_V12(c)) cs_next_entry(c); /* TLS 1.2: no per-entry extensions */
            c->pk_ops++;
            *used = start - n;
            return MOTE_OK;
        case CS_EXT_LEN:
            if (v > c->cs_list) return MOTE_ERR_TLS_DECODE;
            c->cs_state = CS_EXT, c->cs_need = v;
            if (v) break;
            /* fall through */
        case CS_EXT:
            cs_next_entry(c);
            break;
        default:
            break;
        }
        if (c->cs_state == CS_DONE && n) return MOTE_ERR_TLS_DECODE;
    }
    *used = start;
    return MOTE_OK;
}

/* The Certificate message is complete: the chain's verdict. */
static int cert_message_end(mote_tls_conn *c)
{
    int rc;
    if (c->cs_state != CS_DONE) return MOTE_ERR_TLS_DECODE;
#if MOTE_ENABLE_SERVER
    if (c->server) return mote_tls13_client_cert_end(c, c->cs_count); /* server13.c */
#endif
    if (c->cs_count == 0) return MOTE_ERR_TLS_DECODE; /* the server must send a chain */
    rc = mote_tls_cert_end(c, c->cs_count);
    if (rc) return rc;
    c->state = MOTE_TLS_V12(c) ? MOTE_ST12_WAIT_SKE : MOTE_ST_WAIT_CV;
    return MOTE_OK;
}

/* ---- CertificateVerify ---- */

int on_certificate_verify(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    rd_t r = {b, b + len, 0};
    uint16_t scheme = (uint16_t)rd_u(&r, 2);
    size_t sig_len = rd_u(&r, 2);
    const uint8_t *sig = rd_bytes(&r, sig_len);
    int rc;
    if (r.bad || r.p != r.end) return MOTE_ERR_TLS_DECODE;
#if MOTE_ENABLE_SERVER && MOTE_ENABLE_TLS12
    if (MOTE_TLS_V12(c)) /* a 1.2 server: the client signed the transcript hash */
        rc = mote_tls12_cv_verify(c, scheme, th, sig, sig_len);
    else
#endif
        rc = mote_tls13_cv_verify(c, scheme, !SERVER(c), th, sig, sig_len);
    c->pk_ops++;
    if (rc) return rc;
    if (SERVER(c)) { /* the client's certificate is proven; its scheme is not reported */
        c->peer_auth = 1;
        c->state = MOTE_TLS_V12(c) ? MOTE_ST12_WAIT_CCS : MOTE_SS_WAIT_FIN;
        return MOTE_OK;
    }
    c->sig_scheme = scheme;
    c->state = MOTE_ST_WAIT_FIN;
    return MOTE_OK;
}

/* ---- Finished, and our answering flight ---- */

/* Our flight after the server's Finished, in phases, each resumed when the
 * output buffer has room again: [CCS], [Certificate, [CertificateVerify]],
 * Finished; then the application keys. */
enum { FL_START, FL_CERT, FL_VERIFY, FL_FINISHED };

/* Our CertificateVerify, its content built here: out of send_flight's
 * frame, which the sealing of every record of the flight stacks on, and
 * gone before its own record is sealed (mote_tls_send_built). */
#if MOTE_ENABLE_TLS_CLIENT_AUTH
static MOTE_NOINLINE int send_our_verify(mote_tls_conn *c)
{
    uint8_t content[MOTE_TLS13_CV_CONTENT_MAX], h[48];
    th_get(c, h);
    return mote_tls_sign_message(c, MOTE_HS_CERTIFICATE_VERIFY, NULL, 0, content,
                                 mote_tls13_cv_content(c, 0, h, content));
}
#else
/* Client certificates compiled out: a CertificateRequest is answered with
 * an empty Certificate (TLS 1.3: behind its empty context). 1 when sent, 0
 * to wait for output room. */
int mote_tls_send_empty_cert(mote_tls_conn *c)
{
    uint8_t msg[8] = {MOTE_HS_CERTIFICATE, 0, 0, 3, 0, 0, 0, 0};
    size_t n;
    int rc;
    msg[3] = (uint8_t)(msg[3] + (MOTE_TLS_V13(c)));
    n = 4 + (size_t)msg[3];
    if (c->out_len > c->out_sent && c->out_size - c->out_len < 5 + 8 + 1 + 8 + 16) return 0;
    mote_tls_th_add(c, msg, n);
    rc = mote_tls_send_record(c, 22, msg, n);
    return rc ? rc : 1;
}
#endif

static int send_flight(mote_tls_conn *c)
{
    const mote_hash_desc *hd = hash_of(c);
    uint8_t msg[4 + 48];
    int rc;
    c->flags |= MOTE_F_FLIGHT;
    if (c->fl_phase == FL_START) {
        if (c->out_len - c->out_sent > 0 && c->out_size - c->out_len < 64) return MOTE_OK;
        if (!(c->cfg->flags & MOTE_TLS_NO_MIDDLEBOX) && !(c->flags & MOTE_F_HRR) &&
            !(CPSK(c) & MOTE_PSK_EARLY)) {
            /* middlebox compatibility: one CCS before our flight, sent while
             * no write keys are installed yet, so it goes out unprotected */
            rc = send_ccs(c);
            if (rc) goto fail;
        }
        if (MOTE_ENABLE_TLS_RESUMPTION &&
            (CPSK(c) & MOTE_PSK_EARLY_OK)) { /* EndOfEarlyData, under the early keys */
            static const uint8_t eoed[4] = {MOTE_HS_END_OF_EARLY_DATA, 0, 0, 0};
            th_add(c, eoed, 4);
            rc = mote_tls_send_record(c, 22, eoed, 4);
            if (rc) goto fail;
        }
        rc = set_keys(c, c->c_secret, &c->w.wr);
        if (rc) goto fail;
        c->fl_phase = (c->flags & MOTE_F_CERT_REQ) ? FL_CERT : FL_FINISHED;
        c->fl_pos = 0;
    }
    if (c->fl_phase == FL_CERT) { /* our chain, or an empty one */
#if MOTE_ENABLE_TLS_CLIENT_AUTH
        rc = mote_tls_send_client_cert(c);
#else
        rc = mote_tls_send_empty_cert(c);
#endif
        if (rc <= 0) goto wait; /* (0: wait for room) */
        c->fl_phase = c->client_scheme ? FL_VERIFY : FL_FINISHED;
    }
#if MOTE_ENABLE_TLS_CLIENT_AUTH
    if (c->fl_phase == FL_VERIFY) {
        rc = mote_tls_send_built(c, send_our_verify(c));
        if (rc <= 0) goto wait;
        c->fl_phase = FL_FINISHED;
    }
#endif
    if (c->out_len - c->out_sent > 0 && c->out_size - c->out_len < 5 + 4 + 48 + 1 + 16)
        return MOTE_OK;
    /* the transcript hash goes where the verify_data will be: the MAC
     * reads it before it writes its output (keysched.h) */
    th_get(c, msg + 4);
    msg[0] = MOTE_HS_FINISHED, msg[1] = 0, msg[2] = 0, msg[3] = (uint8_t)hd->out_len;
    mote_tls13_finished(hd, c->c_secret, msg + 4, msg + 4);
    th_add(c, msg, 4 + hd->out_len);
    rc = mote_tls_send_record(c, 22, msg, 4 + hd->out_len);
    mote_wipe(msg, sizeof msg);
    if (rc) goto fail;
    /* client application traffic secret was derived with the server Finished */
    memcpy(c->c_secret, c->secret, hd->out_len);
    rc = set_keys(c, c->c_secret, &c->w.wr);
    if (rc) goto fail;
    mote_wipe(c->secret, sizeof c->secret);
    if (MOTE_TLS_SESSION(c)) { /* resumption master secret: for the tickets to come */
        th_get(c, msg);
        (void)mote_tls13_derive_secret(hd, c->kex_priv, "res master", msg, c->secret);
        mote_wipe(c->kex_priv, sizeof c->kex_priv); /* (the master secret: finished_keys) */
    }
    c->flags &= (uint8_t)~MOTE_F_FLIGHT;
    c->state = MOTE_ST_CONNECTED;
    return MOTE_OK;
wait:
    if (rc == 0) return MOTE_OK;
fail:
    return mote_tls_fail(c, rc);
}

/* The server's Finished checked, the application secrets derived and the
 * read keys installed: out of on_finished's frame, which our flight's
 * sealing stacks on. */
static MOTE_NOINLINE int finished_keys(mote_tls_conn *c, const uint8_t *b, size_t len,
                                       const uint8_t *th)
{
    const mote_hash_desc *hd = hash_of(c);
    uint8_t want[48];
    mote_tls13_ks ks;
    if (len != hd->out_len) return MOTE_ERR_TLS_DECODE;
    mote_tls13_finished(hd, c->s_secret, th, want);
    if (!mote_ct_memeq(want, b, len)) return MOTE_ERR_TLS_DECRYPT_ERROR;
    /* the transcript through the server Finished gives the application secrets */
    th_msg(c, b);
    ks.hash = hd;
    memcpy(ks.secret, c->secret, hd->out_len);
    mote_tls13_ks_master(&ks);
    /* the master secret waits in kex_priv (idle since the ServerHello) for
     * the resumption master secret, which needs our Finished */
    if (MOTE_TLS_SESSION(c)) memcpy(c->kex_priv, ks.secret, hd->out_len);
    /* the client's secret is parked in c->secret until our Finished is out */
    return stage_keys(c, &ks, "c ap traffic", c->secret);
}

/* A fatal alert of ours between the ServerHello and our flight: the server
 * already reads under our handshake keys (RFC 8446 5.1: alerts are
 * protected by the current keys), so install them for the alert. */
void mote_tls13_alert_keys(mote_tls_conn *c)
{
    if (!MOTE_TLS_V13(c) || c->w.wr.aead != MOTE_AEAD_NONE) return;
    if (SERVER(c)) {
#if MOTE_ENABLE_SERVER
        if (c->state >= MOTE_SS_WAIT_CERT && c->state <= MOTE_SS_WAIT_FIN)
            (void)mote_tls13_server_write_keys(c);
#endif
        return;
    }
    if (c->state < MOTE_ST_WAIT_EE || c->state > MOTE_ST_WAIT_FIN) return;
    (void)set_keys(c, c->c_secret, &c->w.wr);
}

static int on_finished(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    int rc = finished_keys(c, b, len, th);
    if (rc) return rc;
    c->state = MOTE_ST_WAIT_FIN; /* until the flight is written */
    c->fl_phase = FL_START;
    return send_flight(c);
}

static int send_key_update(mote_tls_conn *c, int request);

/* KeyUpdate: the next traffic secret of one direction, and its keys. */
static int next_keys(mote_tls_conn *c, uint8_t *secret, mote_tls_cipher_state *dst)
{
    mote_tls13_next_secret(hash_of(c), secret);
    return set_keys(c, secret, dst);
}

int mote_tls_hs_continue(mote_tls_conn *c)
{
#if MOTE_ENABLE_SERVER
    if (c->server && (c->flags & MOTE_F_SFLIGHT)) return mote_tls13_server_continue(c);
#endif
    if (c->flags & MOTE_F_FLIGHT) return send_flight(c);
    if (c->flags & MOTE_F_KU_PENDING) return send_key_update(c, 0);
#if MOTE_ENABLE_TLS12
    if (c->flags & MOTE_F_KEX12) return mote_tls12_continue(c);
#endif
    return MOTE_OK;
}

/* ---- post-handshake ---- */

static int send_key_update(mote_tls_conn *c, int request)
{
    uint8_t msg[5] = {MOTE_HS_KEY_UPDATE, 0, 0, 1, (uint8_t)request};
    int rc;
    if (c->out_len - c->out_sent > 0 && c->out_size - c->out_len < 5 + 5 + 1 + 16) {
        c->flags |= MOTE_F_KU_PENDING;
        return MOTE_OK;
    }
    c->flags &= (uint8_t)~MOTE_F_KU_PENDING;
    rc = mote_tls_send_record(c, 22, msg, sizeof msg);
    if (rc == MOTE_OK) rc = next_keys(c, SERVER(c) ? c->s_secret : c->c_secret, &c->w.wr);
    return rc ? mote_tls_fail(c, rc) : MOTE_OK;
}

int mote_tls_key_update(mote_tls_conn *c, int request_peer)
{
    if (c->err) return c->err;
    if (c->state != MOTE_ST_CONNECTED || (c->flags & MOTE_F_CLOSE_SENT) || !MOTE_TLS_V13(c))
        return MOTE_ERR_BAD_INPUT;
    return send_key_update(c, request_peer ? 1 : 0);
}

int on_key_update(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    int rc;
    (void)th;
    if (len != 1 || b[0] > 1)
        return len != 1 ? MOTE_ERR_TLS_DECODE : MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    rc = next_keys(c, SERVER(c) ? c->c_secret : c->s_secret, &c->rd);
    if (rc) return rc;
    if (b[0] == 1 && !(c->flags & MOTE_F_CLOSE_SENT)) return send_key_update(c, 0);
    return MOTE_OK;
}

#if MOTE_ENABLE_TLS_RESUMPTION
/* NewSessionTicket (RFC 8446 4.6.1): the ticket, and the PSK it stands
 * for, go into cfg->session (if any, and if the ticket fits). */
static int nst_ext(mote_tls_conn *c, void *arg, uint16_t type, rd_t *b)
{
    (void)c;
    if (type == 42) { /* early_data: max_early_data_size */
        *(uint32_t *)arg = rd_u(b, 4);
        return MOTE_OK;
    }
    b->p = b->end; /* unknown extensions in a ticket are ignored */
    return MOTE_OK;
}

static int on_new_session_ticket(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    rd_t r = {b, b + len, 0};
    uint32_t lifetime = rd_u(&r, 4), age_add = rd_u(&r, 4), early = 0;
    size_t nonce_len = rd_u(&r, 1), ticket_len;
    const uint8_t *nonce = rd_bytes(&r, nonce_len), *ticket;
    mote_tls_session *s;
    int rc;
    (void)th;
    ticket_len = rd_u(&r, 2);
    ticket = rd_bytes(&r, ticket_len);
    if (r.bad || ticket_len == 0) return MOTE_ERR_TLS_DECODE;
    rc = walk_extensions(c, &r, nst_ext, &early);
    if (rc) return rc;
    if (ticket_len > MOTE_SESSION_MAX_TICKET || lifetime == 0) return MOTE_OK; /* not kept */
    s = mote_tls_session_begin(c, (c->psk & MOTE_PSK_ACCEPTED) != 0);
    if (!s) return MOTE_OK;
    s->lifetime = lifetime > 604800 ? 604800 : lifetime; /* 7 days at most */
    s->age_add = age_add;
    s->max_early_data = early;
    s->secret_len = c->hash_len;
    mote_tls13_ticket_psk(hash_of(c), c->secret, nonce, nonce_len, s->secret);
    memcpy(s->ticket, ticket, ticket_len);
    s->ticket_len = (uint16_t)ticket_len;
    return MOTE_OK;
}
#endif

/* ---- message framing ---- */

/* The table of the version in use (1.3 until a ServerHello picks 1.2). */
static const mote_tls_hs_row *table_of(const mote_tls_conn *c, size_t *rows)
{
#if MOTE_ENABLE_SERVER
#if MOTE_ENABLE_TLS12
    if (c->server && MOTE_TLS_V12(c)) return mote_tls12_server_table(rows);
#endif
    if (c->server) return mote_tls13_server_table(rows);
#endif
#if MOTE_ENABLE_TLS12
    if (MOTE_TLS_V12(c)) return mote_tls12_table(rows);
#else
    (void)c;
#endif
    *rows = sizeof table / sizeof *table;
    return table;
}

/* Two rows for one message (a NewSessionTicket kept, or read past when it
 * is too large): only tables with tickets have them. */
#define TWO_ROWS (MOTE_ENABLE_TLS_RESUMPTION || MOTE_ENABLE_TLS12)

int mote_tls_hs_input(mote_tls_conn *c)
{
    int rc = MOTE_OK;
    while (c->hs_pos < c->hs_end && !c->err) {
        uint8_t *p = c->in + c->hs_pos;
        size_t avail = c->hs_end - c->hs_pos, n, row, nrows;
        const mote_tls_hs_row *tab = table_of(c, &nrows), *r;
        if (c->pk_ops) return MOTE_OK; /* one public-key operation per call */
        if (c->hs_hdr_len < 4) {
            /* the header: type, then a 24-bit length (the type shifts out) */
            c->hs_hdr[c->hs_hdr_len++] = *p;
            c->hs_len = (c->hs_len << 8) | *p;
            c->hs_pos++;
            if (c->hs_hdr_len < 4) continue;
            c->hs_type = c->hs_hdr[0];
            c->hs_len &= 0xFFFFFF;
            c->hs_got = 0;
            for (row = 0; row < nrows; row++)
                if (tab[row].state == c->state && tab[row].type == c->hs_type) break;
            rc = MOTE_ERR_TLS_UNEXPECTED_MESSAGE;
            if (row == nrows) goto fail;
            r = &tab[row];
            /* too long for its row, or to be gathered now: the next row for
             * the same message, if any, reads past it (a ticket not kept) */
            if (TWO_ROWS && r->max_len && row + 1 < nrows && r[1].state == c->state &&
                r[1].type == c->hs_type &&
                (c->hs_len > r->max_len ||
                 (c->hs_len > c->hs_end - c->hs_pos && c->hs_len > c->out_size - c->out_len)))
                row++, r++;
            c->hs_row = (uint8_t)row;
            rc = MOTE_ERR_TLS_DECODE;
            if (r->max_len && c->hs_len > r->max_len) goto fail;
            if (!r->max_len) { /* streamed: transcript as the bytes pass */
                if (r->transcript == TH_AFTER) th_add(c, c->hs_hdr, 4);
                /* a TLS 1.2 Certificate starts at the list: it has no context */
                c->cs_state = MOTE_TLS_V12(c) ? CS_LIST_LEN : CS_CTX_LEN;
                c->cs_need = MOTE_TLS_V12(c) ? 3 : 1;
                c->cs_count = 0, c->cs_list = 0;
                c->cs_val = 0;
                rc = c->hs_type == MOTE_HS_CERTIFICATE ? mote_tls_cert_begin(c) : MOTE_OK;
                if (rc) goto fail;
            } else {
                /* gather in the idle tail of the output buffer if it straddles records */
                c->scratch = c->out_len;
                rc = MOTE_ERR_TLS_INTERNAL; /* larger than our buffers */
                if (c->hs_len > avail - 1 && c->hs_len > sizeof c->hs_small &&
                    c->hs_len > c->out_size - c->scratch)
                    goto fail;
            }
            if (c->hs_len != 0) continue;
            p++, avail = 0;
        }
        r = &tab[c->hs_row];
        n = c->hs_len - c->hs_got;
        if (n > avail) n = avail;
        if (!r->max_len) { /* streamed */
            size_t used = n;
            rc = c->hs_type == MOTE_HS_CERTIFICATE ? cert_stream(c, p, n, &used) : MOTE_OK;
            /* (a NewSessionTicket not kept: read past) */
            if (rc) goto fail;
            if (r->transcript == TH_AFTER) th_add(c, p, used);
            c->hs_pos += used;
            c->hs_got += (uint32_t)used;
            if (c->hs_got == c->hs_len) {
                c->hs_hdr_len = 0;
                if (c->hs_type == MOTE_HS_CERTIFICATE && (rc = cert_message_end(c)) != 0) goto fail;
            }
            continue;
        }
        {
            const uint8_t *body;
            uint8_t th[48];
            if (c->hs_got == 0 && n == c->hs_len) {
                body = p; /* whole in this record: handle in place */
            } else {
                /* e.g. a split KeyUpdate in hs_small, larger ones in out[] */
                uint8_t *to = c->hs_len <= sizeof c->hs_small ? c->hs_small : c->out + c->scratch;
                memcpy(to + c->hs_got, p, n);
                body = to;
            }
            c->hs_pos += n;
            c->hs_got += (uint32_t)n;
            if (c->hs_got < c->hs_len) continue;
            c->hs_hdr_len = 0;
            /* TH_AFTER: in the transcript before the handler runs; TH_BEFORE:
             * the handler gets the hash without it and adds it (Finished,
             * CertificateVerify); TH_NONE: post-handshake, or the handler
             * adds it itself (a ServerHello, unless it is a
             * HelloRetryRequest) */
            if (r->transcript == TH_BEFORE) th_get(c, th);
            if (r->transcript == TH_AFTER) th_msg(c, body);
            rc = r->fn(c, body, c->hs_len, th);
            if (rc < 0) goto fail; /* (this file's handlers leave it here) */
            if (rc) return rc;
            /* a CertificateVerify joins it here, out of the verifier's frame */
            if (c->hs_type == MOTE_HS_CERTIFICATE_VERIFY) th_msg(c, body);
        }
    }
    return c->err;
fail:
    return mote_tls_fail(c, rc);
}

/* secret, c_secret and s_secret: one run of bytes (tls.h) */
typedef char secrets_together[offsetof(mote_tls_conn, s_secret) +
                                          sizeof(((mote_tls_conn *)0)->s_secret) -
                                          offsetof(mote_tls_conn, secret) ==
                                      3 * 48
                                  ? 1
                                  : -1];

/* rd, then w, nothing but padding between: one wipe covers both cipher
 * states and no other field */
typedef char
    states_adjacent[offsetof(mote_tls_conn, w) >=
                                offsetof(mote_tls_conn, rd) + sizeof(mote_tls_cipher_state) &&
                            offsetof(mote_tls_conn, w) <
                                offsetof(mote_tls_conn, rd) + sizeof(mote_tls_cipher_state) + 8
                        ? 1
                        : -1];

void mote_tls_wipe_secrets(mote_tls_conn *c)
{
    mote_wipe(c->secret, 3 * 48);
    mote_wipe(c->kex_priv, sizeof c->kex_priv);
    /* both cipher states, adjacent (tls.h); pending output is already sealed */
    mote_wipe(&c->rd, (size_t)((uint8_t *)(&c->w.wr + 1) - (uint8_t *)&c->rd));
}
