/* The TLS 1.3 server engine against mote's client, both in memory: full
 * handshakes with the chain verified by the client (whole records, 1 byte
 * and 7 bytes at a time, 1 KiB buffers on both sides), every suite and
 * group, HelloRetryRequest, ALPN by the server's preference and its
 * refusal, an SNI callback choosing another chain (Ed25519), client
 * certificates required / optional / missing, KeyUpdate both ways,
 * close_notify, the one-public-key-operation-per-call rule (the server asks
 * for steps), ffdhe2048 left out when out[] cannot park the client's share,
 * external PSKs (accepted, a wrong key, an unknown identity, a PSK-only
 * server), session tickets (resumption with SHA-256 and SHA-384 suites,
 * tampered, expired, age out of tolerance, key rotation, a wrong binder,
 * more identities than binders), a ClientHello split across two records, and the configurations
 * the server refuses. TLS 1.2 (tls12()): every ECDHE_ECDSA suite x curve, the
 * downgrade sentinel, client certificates (required, optional, missing,
 * unknown CA, expired, a bad CertificateVerify), an RSA key with RSA-PSS
 * and PKCS#1 v1.5, DHE_RSA over ffdhe2048 (and ECDHE preferred, Yc = 0,
 * 1, p - 1, p refused), resumption by ticket and by session id (and a
 * tampered ticket, a TLS 1.3 ticket, another suite, an evicted entry,
 * client_auth required) -> full handshake. Interop with real clients and hostile ones:
 * tests/interop/tls_server.sh. */
#include <string.h>

#include "mote/ffdhe.h"
#include "mote/pem.h"
#include "mote/session.h"
#include "mote/tls.h"
#include "test.h"
#include "tls_server_certs.h"
#if MOTE_ENABLE_TLS12
#include "tls12_server_certs.h"
#endif

/* The server is driven by mote's own client, with client certificates,
 * sessions and external PSKs: all of them must be compiled in. */
#define CLIENT_FULL                                                                                \
    (MOTE_ENABLE_TLS_CLIENT_AUTH && MOTE_ENABLE_TLS_RESUMPTION && MOTE_ENABLE_TLS_PSK)
#if MOTE_ENABLE_SERVER && CLIENT_FULL

typedef struct {
    mote_tls_config ccfg, scfg;
    mote_tls_conn c, s;
    mote_drbg_ctx crng, srng;
    uint8_t cin[17000], cout[17000], sin[17000], sout[17000];
    mote_x509_privkey skey, okey, ckey;
    const uint8_t *schain[1], *ochain[1], *cchain[1];
    size_t slen[1], olen[1], clen[1];
    mote_tls_chain other;
    mote_x509_trust_anchor ta[1];
    uint8_t ta_store[256];
    char sni_seen[64];
    unsigned server_steps;
    void (*tamper)(mote_tls_conn *c); /* may change the client's records before they go */
} T;

static const mote_tls_chain *pick_chain(void *arg, const uint8_t *name, size_t len)
{
    T *t = arg;
    memcpy(t->sni_seen, name ? (const char *)name : "", len < 63 ? len : 63);
    t->sni_seen[len < 63 ? len : 63] = 0;
    if (name && len == 13 && memcmp(name, "other.example", 13) == 0) return &t->other;
    return NULL;
}

static const uint8_t psk_key[32] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
                                    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

static int psk_lookup(void *arg, const uint8_t *id, size_t len, uint8_t *key, size_t *key_len)
{
    (void)arg;
    if (len != 4 || memcmp(id, "dev1", 4) != 0 || *key_len < sizeof psk_key) return -1;
    memcpy(key, psk_key, sizeof psk_key);
    *key_len = sizeof psk_key;
    return 0;
}

static void load_key(mote_x509_privkey *k, const char *pem)
{
    uint8_t work[512];
    CHECK(mote_x509_privkey_from_pem(k, pem, strlen(pem), work, sizeof work) == MOTE_OK);
}

static void t_init(T *t)
{
    size_t used;
    memset(t, 0, sizeof *t);
    CHECK(mote_drbg_init(&t->crng, NULL, NULL, (const uint8_t *)"client", 6) == MOTE_OK);
    CHECK(mote_drbg_init(&t->srng, NULL, NULL, (const uint8_t *)"server", 6) == MOTE_OK);
    load_key(&t->skey, ts_srv_key);
    load_key(&t->okey, ts_other_key);
    load_key(&t->ckey, ts_cli_key);
    t->schain[0] = ts_srv_der, t->slen[0] = sizeof ts_srv_der;
    t->ochain[0] = ts_other_der, t->olen[0] = sizeof ts_other_der;
    t->cchain[0] = ts_cli_der, t->clen[0] = sizeof ts_cli_der;
    t->other.certs = t->ochain, t->other.cert_lens = t->olen, t->other.n_certs = 1;
    t->other.key = &t->okey;
    CHECK(mote_x509_ta_from_cert(&t->ta[0], t->ta_store, sizeof t->ta_store, &used, ts_ca_der,
                                 sizeof ts_ca_der) == MOTE_OK);
    /* the client verifies the server's chain and name */
    t->ccfg.server_name = "localhost";
    t->ccfg.anchors = t->ta, t->ccfg.n_anchors = 1;
    t->ccfg.flags = MOTE_TLS_NO_TIME_CHECK;
    t->ccfg.rng = &t->crng;
    t->ccfg.min_version = t->ccfg.max_version = MOTE_TLS13;
    /* the server */
    t->scfg.client_certs = t->schain, t->scfg.client_cert_lens = t->slen;
    t->scfg.n_client_certs = 1, t->scfg.client_key = &t->skey;
    t->scfg.anchors = t->ta, t->scfg.n_anchors = 1;
    t->scfg.flags = MOTE_TLS_NO_TIME_CHECK;
    t->scfg.rng = &t->srng;
    t->scfg.sni = pick_chain, t->scfg.sni_arg = t;
}

static int start(T *t, size_t cin, size_t cout, size_t sin, size_t sout)
{
    int rc = mote_tls_server_init(&t->s, &t->scfg, t->sin, sin, t->sout, sout);
    if (rc) return rc;
    return mote_tls_client_init(&t->c, &t->ccfg, t->cin, cin, t->cout, cout);
}

/* Move what one side sends to the other, chunk bytes at a time. */
static int move(mote_tls_conn *from, mote_tls_conn *to, size_t chunk)
{
    size_t n, room;
    const uint8_t *p = mote_tls_send_buf(from, &n);
    uint8_t *dst;
    if (!p) return 0;
    dst = mote_tls_recv_buf(to, &room);
    if (!dst || !room) return 0;
    if (n > chunk) n = chunk;
    if (n > room) n = room;
    memcpy(dst, p, n);
    mote_tls_send_done(from, n);
    (void)mote_tls_recv_done(to, n);
    return 1;
}

/* Run both engines until neither moves; returns 1 when both can write. */
static int run(T *t, size_t chunk)
{
    int rounds, moved = 1;
    for (rounds = 0; rounds < 200000 && moved; rounds++) {
        moved = 0;
        if (mote_tls_status(&t->s) & MOTE_TLS_STEP) {
            (void)mote_tls_step(&t->s);
            t->server_steps++;
            moved = 1;
        }
        if (mote_tls_status(&t->c) & MOTE_TLS_STEP) {
            (void)mote_tls_step(&t->c);
            moved = 1;
        }
        if (t->tamper) t->tamper(&t->c);
        moved |= move(&t->c, &t->s, chunk);
        moved |= move(&t->s, &t->c, chunk);
        if (!moved) { /* undelivered bytes left in a closed peer: drop them */
            size_t n;
            if (mote_tls_send_buf(&t->s, &n) && (mote_tls_status(&t->c) & MOTE_TLS_CLOSED))
                mote_tls_send_done(&t->s, n), moved = 1;
            if (mote_tls_send_buf(&t->c, &n) && (mote_tls_status(&t->s) & MOTE_TLS_CLOSED))
                mote_tls_send_done(&t->c, n), moved = 1;
        }
    }
    return (mote_tls_status(&t->c) & MOTE_TLS_WRITE) && (mote_tls_status(&t->s) & MOTE_TLS_WRITE);
}

/* Application data from a to b; returns 1 if it arrived intact. */
static int data(T *t, mote_tls_conn *a, mote_tls_conn *b, const char *msg)
{
    size_t room, n;
    uint8_t *w;
    const uint8_t *r;
    (void)run(t, 100000); /* what is pending (a KeyUpdate) goes first */
    w = mote_tls_write_buf(a, &room);
    if (!w || room < strlen(msg)) return 0;
    memcpy(w, msg, strlen(msg));
    if (mote_tls_write_done(a, strlen(msg)) != MOTE_OK) return 0;
    (void)run(t, 100000);
    r = mote_tls_read_buf(b, &n);
    if (!r || n != strlen(msg) || memcmp(r, msg, n) != 0) return 0;
    mote_tls_read_done(b, n);
    return 1;
}

/* The client's pending ClientHello record rewritten with its
 * pre_shared_key identity twice (and one binder) into rec; its length, or
 * -1. */
static long two_identities(mote_tls_conn *c, uint8_t *rec, size_t size)
{
    size_t n, at, ext, il, add;
    const uint8_t *p = mote_tls_send_buf(c, &n);
    if (!p || n < 5 || n + 300 > size || p[5] != 1) return -1;
    at = 9 + 2 + 32;
    at += 1 + p[at];
    at += 2 + ((size_t)p[at] << 8 | p[at + 1]);
    at += 1 + p[at];
    at += 2; /* the extensions */
    for (ext = at; at + 4 <= n && (p[at] << 8 | p[at + 1]) != 41;)
        at += 4 + ((size_t)p[at + 2] << 8 | p[at + 3]);
    if (at + 8 > n) return -1;
    il = (size_t)p[at + 6] << 8 | p[at + 7]; /* the first identity's length */
    add = 2 + il + 4;
    memcpy(rec, p, at + 6);
    memcpy(rec + at + 6, p + at + 6, add);              /* the identity ... */
    memcpy(rec + at + 6 + add, p + at + 6, n - at - 6); /* ... then all as it was */
    {
        size_t v;
#define BUMP(off, bytes)                                                                           \
    v = 0;                                                                                         \
    for (size_t k = 0; k < (bytes); k++)                                                           \
        v = v << 8 | rec[(off) + k];                                                               \
    v += add;                                                                                      \
    for (size_t k = 0; k < (bytes); k++)                                                           \
        rec[(off) + k] = (uint8_t)(v >> (8 * ((bytes)-1 - k)));
        BUMP(3, 2);
        BUMP(6, 3);
        BUMP(ext - 2, 2);
        BUMP(at + 2, 2);
        BUMP(at + 4, 2);
#undef BUMP
    }
    mote_tls_send_done(c, n);
    return (long)(n + add);
}

/* Give the server a whole record; 1 when it was taken. */
static int feed(mote_tls_conn *s, const uint8_t *rec, size_t n)
{
    size_t room;
    uint8_t *dst = mote_tls_recv_buf(s, &room);
    if (!dst || room < n) return 0;
    memcpy(dst, rec, n);
    (void)mote_tls_recv_done(s, n);
    while (mote_tls_status(s) & MOTE_TLS_STEP)
        (void)mote_tls_step(s);
    return 1;
}

static void full(size_t chunk, size_t buf)
{
    T t;
    t_init(&t);
    CHECK(start(&t, buf, buf, buf, buf) == MOTE_OK);
    CHECK(run(&t, chunk));
    CHECK(mote_tls_version(&t.s) == MOTE_TLS13 && mote_tls_version(&t.c) == MOTE_TLS13);
    CHECK(mote_tls_cipher_suite(&t.s) == MOTE_TLS_AES_128_GCM_SHA256);
    CHECK(mote_tls_group(&t.s) == MOTE_GROUP_X25519 && mote_tls_group(&t.c) == MOTE_GROUP_X25519);
    CHECK(mote_tls_signature_scheme(&t.c) == MOTE_SIG_ECDSA_SECP256R1_SHA256);
    CHECK(mote_tls_verify_result(&t.c) == MOTE_OK);
    CHECK(strcmp(t.sni_seen, "localhost") == 0);
    CHECK(mote_tls_peer_verified(&t.s) == 0);
    /* our key share, the shared secret, the signature: three calls at least */
    CHECK(t.server_steps >= 2);
    CHECK(data(&t, &t.c, &t.s, "hello server"));
    CHECK(data(&t, &t.s, &t.c, "hello client"));
    if (buf < 2000) { /* the limits follow the buffers: 1053 - 5 - 16 - 1 */
        CHECK(mote_tls_max_fragment(&t.s) == 1031);
        CHECK(mote_tls_max_fragment(&t.c) <= 1031);
    }
    CHECK(mote_tls_close(&t.c) == MOTE_OK);
    (void)run(&t, chunk);
    CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_CLOSED);
    CHECK(mote_tls_status(&t.s) & MOTE_TLS_CLOSED);
    mote_tls_wipe(&t.s);
    mote_tls_wipe(&t.c);
}

/* TLS 1.3 resumption beyond the plain case: psk_ke (a client that offers
 * only it resumes with no key share, a server with MOTE_TLS_NO_PSK_KE
 * gives it a full handshake), and a ticket or external PSK in the
 * ClientHello that follows a HelloRetryRequest (its binder covers
 * message_hash(ClientHello1) and the retry; a wrong one is a
 * decrypt_error). kind: 0 ticket, 1 ticket + psk_ke, 2 ticket + psk_ke
 * refused, 3 ticket after a retry, 4 SHA-384 ticket after a retry, 5
 * external PSK after a retry, 6 external PSK + psk_ke, 7 wrong binder
 * after a retry, 8 tampered ticket + psk_ke (a retry for a share, then a
 * full handshake). */
static void resume13(int kind)
{
    static T t;
    static mote_tls_session sess;
    static mote_tls_ticket_key key = {"psk-ke-key", 10, {7}};
    static const uint16_t sha384[] = {MOTE_TLS_AES_256_GCM_SHA384, 0};
    static const uint16_t both[] = {MOTE_GROUP_X25519, MOTE_GROUP_SECP256R1, 0};
    static const uint16_t p256[] = {MOTE_GROUP_SECP256R1, 0};
    int hrr = kind == 3 || kind == 4 || kind == 5 || kind == 7, resumes = kind != 2 && kind != 8;
    int external = kind == 5 || kind == 6, sent;
    t_init(&t);
    memset(&sess, 0, sizeof sess);
    t.scfg.ticket_keys = &key, t.scfg.n_ticket_keys = 1;
    t.scfg.psk_lookup = psk_lookup;
    if (kind == 4) t.ccfg.cipher_suites = sha384;
    if (!external) { /* a full handshake for the ticket */
        t.ccfg.session = &sess;
        CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
        CHECK(run(&t, 100000) && data(&t, &t.s, &t.c, "ticket"));
        CHECK(sess.ticket_len > 50);
        mote_tls_wipe(&t.s), mote_tls_wipe(&t.c);
    } else {
        t.ccfg.psk_identity = (const uint8_t *)"dev1", t.ccfg.psk_identity_len = 4;
        t.ccfg.psk_key = psk_key, t.ccfg.psk_key_len = sizeof psk_key;
    }
    if (kind == 1 || kind == 2 || kind == 6 || kind == 8) t.ccfg.flags |= MOTE_TLS_PSK_KE;
    if (kind == 2) t.scfg.flags |= MOTE_TLS_NO_PSK_KE;
    if (kind == 7) sess.secret[3] ^= 0x40;
    if (kind == 8) sess.ticket[20] ^= 1;
    if (hrr) t.ccfg.groups = both, t.scfg.groups = p256; /* x25519 share, P-256 asked for */
    t.server_steps = 0;
    CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
    if (kind == 7) {
        CHECK(!run(&t, 7));
        CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_DECRYPT_ERROR);
        CHECK(mote_tls_alert(&t.c, &sent) == 51 && sent == 0);
        return;
    }
    CHECK(run(&t, 7));
    CHECK(mote_tls_resumed(&t.s) == resumes && mote_tls_resumed(&t.c) == resumes);
    CHECK(mote_tls_signature_scheme(&t.s) == (resumes ? 0 : MOTE_SIG_ECDSA_SECP256R1_SHA256));
    if (kind == 1 || kind == 6) { /* psk_ke: no key share, no public-key step */
        CHECK(mote_tls_group(&t.s) == 0);
        CHECK(t.server_steps == 0);
    } else {
        CHECK(mote_tls_group(&t.s) == (hrr ? MOTE_GROUP_SECP256R1 : MOTE_GROUP_X25519) ||
              (kind == 2 || kind == 8));
        CHECK(mote_tls_group(&t.s) != 0);
    }
    if (kind == 4) CHECK(mote_tls_cipher_suite(&t.s) == MOTE_TLS_AES_256_GCM_SHA384);
    CHECK(data(&t, &t.c, &t.s, "resumed"));
    CHECK(data(&t, &t.s, &t.c, "both ways"));
    mote_tls_wipe(&t.s), mote_tls_wipe(&t.c);
}

#if MOTE_ENABLE_TLS12
/* The TLS 1.2 server (server12.c) against mote's TLS 1.2 client. */

/* A P-256 client leaf and an RSA-2048 server leaf under their own CA. */
static mote_x509_privkey rsa_key, cli12_key;
static const uint8_t *rsa_chain[1] = {t12_srv_der}, *cli12_chain[1] = {t12_cli_der};
static size_t rsa_len[1] = {sizeof t12_srv_der}, cli12_len[1] = {sizeof t12_cli_der};
static mote_x509_trust_anchor ta12[1];
static uint8_t ta12_store[256];

/* What the tamper hook does to the client's records before they go out:
 * the DH public value of its ClientKeyExchange (0, 1, p - 1, p), a bit of
 * its CertificateVerify, or the PSS schemes of its ClientHello (made
 * unknown, so the server signs with PKCS#1 v1.5). */
enum { TAMPER_NONE, TAMPER_DH0, TAMPER_DH1, TAMPER_DHPM1, TAMPER_DHP, TAMPER_CV, TAMPER_NOPSS };
static int tamper_kind;

static void tamper12(mote_tls_conn *c)
{
    size_t n, at = 0;
    uint8_t *p = (uint8_t *)(uintptr_t)mote_tls_send_buf(c, &n);
    while (p && at + 9 <= n && tamper_kind) {
        size_t len = (size_t)p[at + 3] << 8 | p[at + 4];
        uint8_t *m = p + at + 5;
        if (at + 5 + len > n) break;
        if (p[at] == 22 && m[0] == 16 && len == 4 + 2 + 256 && tamper_kind <= TAMPER_DHP) {
            memset(m + 6, 0, 256);
            if (tamper_kind == TAMPER_DH1) m[6 + 255] = 1;
            if (tamper_kind >= TAMPER_DHPM1) mote_ffdhe2048_prime(m + 6);
            if (tamper_kind == TAMPER_DHPM1) m[6 + 255] -= 1;
            tamper_kind = TAMPER_NONE;
        } else if (p[at] == 22 && m[0] == 15 && tamper_kind == TAMPER_CV) {
            m[len - 1] ^= 1;
            tamper_kind = TAMPER_NONE;
        } else if (p[at] == 22 && m[0] == 1 && tamper_kind == TAMPER_NOPSS) {
            size_t i = 4 + 2 + 32, end;
            i += 1 + m[i];                           /* session id */
            i += 2 + ((size_t)m[i] << 8 | m[i + 1]); /* cipher suites */
            i += 1 + m[i];                           /* compression */
            for (i += 2; i + 4 <= len + 4; i += 4 + ((size_t)m[i + 2] << 8 | m[i + 3]))
                if (m[i] == 0 && m[i + 1] == 13) break; /* signature_algorithms */
            end = i + 4 + ((size_t)m[i + 2] << 8 | m[i + 3]);
            for (i += 6; i + 1 < end && end <= len + 4; i += 2) /* rsa_pss_* -> rsa_pkcs1_sha1 */
                if (m[i] == 8 && m[i + 1] >= 4 && m[i + 1] <= 0x0b && m[i + 1] != 7 &&
                    m[i + 1] != 8)
                    m[i] = 2, m[i + 1] = 1;
            tamper_kind = TAMPER_NONE;
        }
        at += 5 + len;
    }
}

static void t12_init(T *t, int rsa_server, int client_cert)
{
    t_init(t);
    t->ccfg.min_version = t->ccfg.max_version = MOTE_TLS12;
    t->tamper = tamper12;
    tamper_kind = TAMPER_NONE;
    if (rsa_server) { /* the RSA leaf, whose CA the client trusts */
        t->ccfg.anchors = ta12;
        t->scfg.client_certs = rsa_chain, t->scfg.client_cert_lens = rsa_len;
        t->scfg.client_key = &rsa_key, t->scfg.sni = NULL;
    }
    t->scfg.anchors = ta12; /* client chains: the t12 CA */
    if (client_cert) {
        t->ccfg.client_certs = cli12_chain, t->ccfg.client_cert_lens = cli12_len;
        t->ccfg.n_client_certs = 1, t->ccfg.client_key = &cli12_key;
    }
}

/* One TLS 1.2 handshake; 1 when both ends can write and data goes both ways. */
static int hs12(T *t, size_t buf, size_t chunk)
{
    CHECK(start(t, buf, buf, buf, buf) == MOTE_OK);
    return run(t, chunk) && data(t, &t->c, &t->s, "to the 1.2 server") &&
           data(t, &t->s, &t->c, "to the 1.2 client");
}

static void tls12(void)
{
    static T t;
    static mote_tls_session sess, sess2;
    static mote_tls_ticket_key key = {"t12-key", 7, {9}};
    static mote_tls_cached_session slots[4];
    static mote_tls_session_cache cache;
    static const uint16_t s12[] = {MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                                   MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                                   MOTE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256};
    static const uint16_t g12[] = {MOTE_GROUP_X25519, MOTE_GROUP_SECP256R1, MOTE_GROUP_SECP384R1};
    static const uint16_t dhe[] = {MOTE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                                   MOTE_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, 0};
    static const uint16_t both[] = {MOTE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                                    MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0};
    static const uint16_t ffdhe_x25519[] = {MOTE_GROUP_FFDHE2048, MOTE_GROUP_X25519, 0};
    static const uint16_t chacha[] = {MOTE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, 0};
    uint16_t one[2] = {0, 0}, gs[3] = {0, MOTE_GROUP_SECP256R1, 0};
    size_t i, chunk, used;
    int sent;
    uint8_t work[2048];

    CHECK(mote_x509_privkey_from_pem(&rsa_key, t12_srv_key, strlen(t12_srv_key), work,
                                     sizeof work) == MOTE_OK);
    load_key(&cli12_key, t12_cli_key);
    CHECK(mote_x509_ta_from_cert(&ta12[0], ta12_store, sizeof ta12_store, &used, t12_ca_der,
                                 sizeof t12_ca_der) == MOTE_OK);

    for (i = 0; i < 9; i++) { /* each suite x group, in chunks of 1, 7, whole records */
        chunk = i % 3 == 0 ? 1 : i % 3 == 1 ? 7 : 100000;
        t12_init(&t, 0, 0);
        one[0] = s12[i % 3], gs[0] = g12[i / 3];
        t.ccfg.cipher_suites = one, t.ccfg.groups = gs, t.scfg.groups = gs;
        CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
        CHECK(run(&t, chunk));
        CHECK(mote_tls_version(&t.s) == MOTE_TLS12 && mote_tls_version(&t.c) == MOTE_TLS12);
        CHECK(mote_tls_cipher_suite(&t.s) == s12[i % 3]);
        CHECK(mote_tls_group(&t.s) == g12[i / 3] && mote_tls_group(&t.c) == g12[i / 3]);
        CHECK(mote_tls_verify_result(&t.c) == MOTE_OK);
        CHECK(t.server_steps >= 1); /* the signature waits for a step after the key pair */
        CHECK(data(&t, &t.c, &t.s, "hello 1.2 server"));
        CHECK(data(&t, &t.s, &t.c, "hello 1.2 client"));
        CHECK(mote_tls_close(&t.c) == MOTE_OK);
        (void)run(&t, chunk);
        CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_CLOSED);
    }
    /* a client offering 1.2 and 1.3 to a server pinned to 1.2: the
     * downgrade sentinel in ServerHello.random makes the client refuse */
    t12_init(&t, 0, 0);
    t.ccfg.min_version = MOTE_TLS12, t.ccfg.max_version = MOTE_TLS13;
    t.scfg.min_version = t.scfg.max_version = MOTE_TLS12;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(mote_tls_error(&t.c) == MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    /* the same client with a server that takes 1.3 gets 1.3 */
    t12_init(&t, 0, 0);
    t.ccfg.min_version = MOTE_TLS12, t.ccfg.max_version = MOTE_TLS13;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(run(&t, 100000));
    CHECK(mote_tls_version(&t.s) == MOTE_TLS13);
    /* no common suite: handshake_failure */
    t12_init(&t, 0, 0);
    one[0] = MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    t.ccfg.cipher_suites = one;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    /* the ECDSA key's curve (P-256) must be among the client's groups */
    t12_init(&t, 0, 0);
    gs[0] = MOTE_GROUP_X25519, gs[1] = 0;
    t.ccfg.groups = gs;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_HANDSHAKE_FAILURE);

    /* client certificates: required and sent (1 KiB records, 7-byte
     * chunks), checked with the client's ECDSA P-256 CertificateVerify */
    t12_init(&t, 0, 1);
    t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_REQUIRED;
    CHECK(hs12(&t, 1053, 7));
    CHECK(mote_tls_peer_verified(&t.s) == 1);
    t12_init(&t, 1, 1); /* an RSA server, the same client */
    t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_OPTIONAL;
    CHECK(hs12(&t, 1053, 100000) && mote_tls_peer_verified(&t.s) == 1);
    t12_init(&t, 0,
             0); /* required, none sent: handshake_failure (no certificate_required in 1.2) */
    t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_REQUIRED;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    CHECK(mote_tls_alert(&t.c, &sent) == 40 && sent == 0);
    t12_init(&t, 0, 0); /* optional, none sent */
    t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_OPTIONAL;
    CHECK(hs12(&t, 17000, 100000) && mote_tls_peer_verified(&t.s) == 0);
    t12_init(&t, 0, 1); /* a chain the server's anchors do not cover: unknown_ca */
    t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_OPTIONAL;
    t.scfg.anchors = t.ta; /* the other CA */
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(mote_tls_alert(&t.s, &sent) == 48 && sent == 1);
    CHECK(mote_tls_alert(&t.c, &sent) == 48 && sent == 0);
    t12_init(&t, 0, 1); /* checked in 2200: certificate_expired */
    t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_REQUIRED;
    t.scfg.flags = 0, t.scfg.now = 7258118400; /* 2200-01-01 */
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(mote_tls_alert(&t.s, &sent) == 45 && sent == 1);
    t12_init(&t, 0, 1); /* a CertificateVerify that does not verify: decrypt_error */
    t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_REQUIRED;
    tamper_kind = TAMPER_CV;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(tamper_kind == TAMPER_NONE);
    CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_DECRYPT_ERROR);
    CHECK(mote_tls_alert(&t.c, &sent) == 51 && sent == 0);

    /* an RSA key: ECDHE_RSA signed with RSA-PSS (the client offers it) */
    t12_init(&t, 1, 0);
    CHECK(hs12(&t, 1053, 100000));
    CHECK(mote_tls_cipher_suite(&t.s) == MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    CHECK(mote_tls_signature_scheme(&t.c) == MOTE_SIG_RSA_PSS_RSAE_SHA256);
    /* a client without rsa_pss_rsae_*: PKCS#1 v1.5. The rewritten hello
     * is not in the client's transcript, so the keys differ (extended
     * master secret) and its Finished does not decrypt, after the client
     * has checked the rsa_pkcs1_sha256 signature. */
    t12_init(&t, 1, 0);
    tamper_kind = TAMPER_NOPSS;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(mote_tls_signature_scheme(&t.s) == MOTE_SIG_RSA_PKCS1_SHA256);
    CHECK(mote_tls_signature_scheme(&t.c) == MOTE_SIG_RSA_PKCS1_SHA256);
    CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_BAD_RECORD_MAC);
    /* DHE_RSA over ffdhe2048 when the client offers no ECDHE suite (1 KiB
     * records, 1-byte chunks once), with each hash */
    for (i = 0; i < 2; i++) {
        t12_init(&t, 1, 0);
        one[0] = dhe[i];
        t.ccfg.cipher_suites = one;
        CHECK(hs12(&t, 1053, i ? 100000 : 1));
        CHECK(mote_tls_cipher_suite(&t.s) == dhe[i] && mote_tls_cipher_suite(&t.c) == dhe[i]);
        CHECK(mote_tls_group(&t.s) == MOTE_GROUP_FFDHE2048 &&
              mote_tls_group(&t.c) == MOTE_GROUP_FFDHE2048);
    }
    t12_init(&t, 1, 0); /* ECDHE preferred when both are offered */
    t.ccfg.cipher_suites = both, t.ccfg.groups = ffdhe_x25519;
    CHECK(hs12(&t, 17000, 100000) && mote_tls_group(&t.s) == MOTE_GROUP_X25519);
    t12_init(&t, 1, 0); /* no ffdhe2048 among the server's groups: no DHE */
    t.ccfg.cipher_suites = dhe;
    gs[0] = MOTE_GROUP_X25519, gs[1] = 0, t.scfg.groups = gs;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000) && mote_tls_error(&t.s) == MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    for (i = TAMPER_DH0; i <= TAMPER_DHP; i++) { /* Yc outside 1 < Yc < p - 1 */
        t12_init(&t, 1, 0);
        t.ccfg.cipher_suites = dhe;
        tamper_kind = (int)i;
        CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
        CHECK(!run(&t, 100000));
        CHECK(tamper_kind == TAMPER_NONE);
        CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_ILLEGAL_PARAMETER);
        CHECK(mote_tls_alert(&t.c, &sent) == 47 && sent == 0);
    }

    /* resumption: i 0 ticket, 1 session id (cache), 2 both, 3 tampered
     * ticket, 4 a TLS 1.3 ticket offered as 1.2, 5 a cached session whose
     * suite the server no longer serves, 6 the cache's only slot taken by
     * another session, 7 a ticket of a verified client where one is
     * required, 8 a ticket of an unverified client where one is required */
    for (i = 0; i < 9; i++) {
        int resumes = i <= 2 || i == 7;
        t12_init(&t, 0, i == 7);
        memset(&sess, 0, sizeof sess);
        mote_tls_session_cache_init(&cache, slots, i == 6 ? 1 : 4);
        if (i != 1 && i != 5 && i != 6) t.scfg.ticket_keys = &key, t.scfg.n_ticket_keys = 1;
        if (i == 1 || i == 2 || i == 5 || i == 6) t.scfg.session_cache = &cache;
        if (i == 7) t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_OPTIONAL;
        t.ccfg.session = &sess;
        t.ccfg.now_ms = t.scfg.now_ms = 1700000000000u;
        if (i == 4) t.ccfg.max_version = t.scfg.max_version = MOTE_TLS13;
        CHECK(hs12(&t, 1053, 100000));
        CHECK(mote_tls_resumed(&t.s) == 0 && mote_tls_resumed(&t.c) == 0);
        CHECK(sess.version == (i == 4 ? MOTE_TLS13 : MOTE_TLS12));
        CHECK(sess.ticket_len > 0 || i == 1 || i == 5 || i == 6);
        CHECK(sess.sid_len == 32 || (i != 1 && i != 2 && i != 5 && i != 6));
        mote_tls_wipe(&t.s), mote_tls_wipe(&t.c);
        t.ccfg.now_ms += 5000, t.scfg.now_ms += 5000;
        if (i == 3) sess.ticket[sess.ticket_len - 3] ^= 0x10;
        if (i == 4) { /* the 1.3 ticket presented as a 1.2 session */
            sess.version = MOTE_TLS12, sess.secret_len = 48;
            t.ccfg.max_version = t.scfg.max_version = MOTE_TLS12;
        }
        if (i == 5) t.scfg.cipher_suites = chacha;
        if (i == 6) { /* another client's full handshake takes the only slot */
            static T t2;
            t12_init(&t2, 0, 0);
            memset(&sess2, 0, sizeof sess2);
            t2.scfg.session_cache = &cache, t2.ccfg.session = &sess2;
            CHECK(hs12(&t2, 17000, 100000) && sess2.sid_len == 32);
        }
        if (i >= 7) t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_REQUIRED;
        if (i == 8)
            t.ccfg.client_certs = cli12_chain, t.ccfg.client_cert_lens = cli12_len,
            t.ccfg.n_client_certs = 1, t.ccfg.client_key = &cli12_key;
        t.server_steps = 0;
        CHECK(hs12(&t, 1053, 7));
        CHECK(mote_tls_resumed(&t.s) == resumes && mote_tls_resumed(&t.c) == resumes);
        CHECK(mote_tls_signature_scheme(&t.s) == (resumes ? 0 : MOTE_SIG_ECDSA_SECP256R1_SHA256));
        if (resumes) CHECK(t.server_steps == 0); /* no public-key operation at all */
        if (i == 1 || i == 2) CHECK(cache.hits == (i == 1));
        if (i == 5) CHECK(mote_tls_cipher_suite(&t.s) == chacha[0]);
        if (i >= 7) CHECK(mote_tls_peer_verified(&t.s) == 1);
        mote_tls_wipe(&t.s), mote_tls_wipe(&t.c);
    }
    mote_tls_session_cache_wipe(&cache);
    for (i = 0; i < 4; i++)
        CHECK(slots[i].used == 0 && slots[i].master[0] == 0);
}
#endif

int main(void)
{
    static T t;
    static const uint16_t suites[] = {MOTE_TLS_AES_128_GCM_SHA256, MOTE_TLS_AES_256_GCM_SHA384,
                                      MOTE_TLS_CHACHA20_POLY1305_SHA256,
                                      MOTE_TLS_AES_128_CCM_SHA256};
    static const uint16_t groups[] = {MOTE_GROUP_X25519, MOTE_GROUP_SECP256R1, MOTE_GROUP_SECP384R1,
                                      MOTE_GROUP_FFDHE2048};
    uint16_t one[2] = {0, 0}, two[3] = {0, 0, 0};
    const char *salpn[] = {"h2", "http/1.1", NULL}, *calpn[] = {"http/1.1", "h2", NULL};
    const char *nomatch[] = {"foo", NULL};
    size_t i;
    int sent;

#if MOTE_ENABLE_TLS12
    tls12();
#endif
    full(100000, 17000);
    full(1, 1053);
    full(7, 1053);
    for (i = 0; i < 8; i++)
        resume13((int)i);

    /* a ClientHello in two records: gathered in the server's out[], where
     * the ServerHello goes too (the client's share is parked first) */
    for (i = 0; i < 2; i++) {
        size_t n, half, room;
        const uint8_t *p;
        uint8_t *dst;
        t_init(&t);
        one[0] = i ? MOTE_GROUP_SECP256R1 : MOTE_GROUP_X25519;
        t.ccfg.groups = one;
        CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
        p = mote_tls_send_buf(&t.c, &n);
        CHECK(p && n > 100 && n < 1000);
        if (!p) continue;
        half = (n - 5) / 2;
        dst = mote_tls_recv_buf(&t.s, &room);
        CHECK(dst && room >= n + 5);
        if (!dst) continue;
        memcpy(dst, p, 5), dst[3] = (uint8_t)(half >> 8), dst[4] = (uint8_t)half;
        memcpy(dst + 5, p + 5, half);
        memcpy(dst + 5 + half, p, 5);
        dst[5 + half + 3] = (uint8_t)((n - 5 - half) >> 8),
                       dst[5 + half + 4] = (uint8_t)(n - 5 - half);
        memcpy(dst + 10 + half, p + 5 + half, n - 5 - half);
        mote_tls_send_done(&t.c, n);
        CHECK(mote_tls_recv_done(&t.s, n + 5) == MOTE_OK);
        CHECK(run(&t, 100000));
        CHECK(data(&t, &t.c, &t.s, "split hello"));
    }

    for (i = 0; i < 4; i++) { /* every suite, every group */
        t_init(&t);
        one[0] = suites[i];
        t.ccfg.cipher_suites = one;
        CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
        CHECK(run(&t, 100000));
        CHECK(mote_tls_cipher_suite(&t.s) == suites[i] && mote_tls_cipher_suite(&t.c) == suites[i]);
        CHECK(data(&t, &t.c, &t.s, "suite"));
        t_init(&t);
        one[0] = groups[i];
        t.ccfg.groups = one;
        CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
        CHECK(run(&t, 100000));
        CHECK(mote_tls_group(&t.s) == groups[i] && mote_tls_group(&t.c) == groups[i]);
        CHECK(data(&t, &t.s, &t.c, "group"));
    }

    /* HelloRetryRequest: the client's share is x25519, the server takes P-256 only */
    t_init(&t);
    two[0] = MOTE_GROUP_X25519, two[1] = MOTE_GROUP_SECP256R1;
    t.ccfg.groups = two;
    one[0] = MOTE_GROUP_SECP256R1;
    t.scfg.groups = one;
    CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
    CHECK(run(&t, 7));
    CHECK(mote_tls_group(&t.c) == MOTE_GROUP_SECP256R1);
    CHECK(data(&t, &t.c, &t.s, "after a retry"));
    /* no group in common: handshake_failure */
    t_init(&t);
    one[0] = MOTE_GROUP_SECP384R1;
    t.scfg.groups = one;
    t.ccfg.groups = two;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    CHECK(mote_tls_alert(&t.c, &sent) == 40 && sent == 0);
    /* ffdhe2048 needs out[] to park the client's share beside the ServerHello */
    t_init(&t);
    one[0] = MOTE_GROUP_FFDHE2048;
    t.ccfg.groups = one;
    CHECK(start(&t, 17000, 17000, 17000, 600) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    t_init(&t);
    t.ccfg.groups = one;
    CHECK(start(&t, 17000, 17000, 17000, 1024) == MOTE_OK);
    CHECK(run(&t, 100000) && mote_tls_group(&t.s) == MOTE_GROUP_FFDHE2048);

    /* ALPN: the server's preference; none in common: no_application_protocol */
    t_init(&t);
    t.scfg.alpn = salpn, t.ccfg.alpn = calpn;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(run(&t, 100000));
    CHECK(mote_tls_alpn(&t.s) && strcmp(mote_tls_alpn(&t.s), "h2") == 0);
    CHECK(mote_tls_alpn(&t.c) && strcmp(mote_tls_alpn(&t.c), "h2") == 0);
    t_init(&t);
    t.scfg.alpn = salpn, t.ccfg.alpn = nomatch;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_NO_APPLICATION_PROTOCOL);
    CHECK(mote_tls_alert(&t.c, &sent) == 120 && sent == 0);
    t_init(&t); /* a client without ALPN gets none */
    t.scfg.alpn = salpn;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(run(&t, 100000) && mote_tls_alpn(&t.s) == NULL);

    /* SNI: the callback picks the Ed25519 chain for other.example */
    t_init(&t);
    t.ccfg.server_name = "other.example";
    CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
    CHECK(run(&t, 100000));
    CHECK(strcmp(t.sni_seen, "other.example") == 0);
    CHECK(mote_tls_signature_scheme(&t.c) == MOTE_SIG_ED25519);
    CHECK(mote_tls_verify_result(&t.c) == MOTE_OK);

    /* client certificates */
    t_init(&t);
    t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_REQUIRED;
    t.ccfg.client_certs = t.cchain, t.ccfg.client_cert_lens = t.clen;
    t.ccfg.n_client_certs = 1, t.ccfg.client_key = &t.ckey;
    CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
    CHECK(run(&t, 7));
    CHECK(mote_tls_peer_verified(&t.s) == 1);
    CHECK(data(&t, &t.c, &t.s, "authenticated"));
    /* the server's application write keys, installed with the client's
     * Finished (its chain was validated in their memory) */
    CHECK(data(&t, &t.s, &t.c, "and the server answers"));
    /* the client's Certificate message in two records (a 512-byte output
     * buffer, the CA after the leaf: 484 + 335 bytes, cut inside the CA) */
    {
        static const uint8_t *const cli_ca[2] = {ts_cli_der, ts_ca_der};
        static const size_t cli_ca_len[2] = {sizeof ts_cli_der, sizeof ts_ca_der};
        t_init(&t);
        t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_REQUIRED;
        t.ccfg.client_certs = cli_ca, t.ccfg.client_cert_lens = cli_ca_len;
        t.ccfg.n_client_certs = 2, t.ccfg.client_key = &t.ckey;
        CHECK(start(&t, 1053, MOTE_TLS_MIN_OUT, 1053, 1053) == MOTE_OK);
        CHECK(run(&t, 7));
        CHECK(mote_tls_peer_verified(&t.s) == 1);
        CHECK(data(&t, &t.c, &t.s, "authenticated"));
    }
    t_init(&t); /* required, none sent: certificate_required */
    t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_REQUIRED;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    (void)run(&t, 100000);
    CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_CERTIFICATE_REQUIRED);
    CHECK(mote_tls_alert(&t.c, &sent) == 116 && sent == 0);
    t_init(&t); /* optional, none sent */
    t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_OPTIONAL;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(run(&t, 100000) && mote_tls_peer_verified(&t.s) == 0);
    t_init(&t); /* a client chain the server's anchors do not cover: unknown_ca */
    t.scfg.client_auth = MOTE_TLS_CLIENT_AUTH_OPTIONAL;
    t.scfg.n_anchors = 0;
    t.ccfg.client_certs = t.cchain, t.ccfg.client_cert_lens = t.clen;
    t.ccfg.n_client_certs = 1, t.ccfg.client_key = &t.ckey;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(mote_tls_alert(&t.s, &sent) == 48 && sent == 1);
    /* the client read it: sealed under the server's application keys */
    CHECK(mote_tls_alert(&t.c, &sent) == 48 && sent == 0);
    CHECK(mote_tls_error(&t.c) == MOTE_ERR_TLS_PEER_ALERT);

    /* KeyUpdate both ways, the peer asked to update too */
    t_init(&t);
    CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
    CHECK(run(&t, 100000));
    CHECK(mote_tls_key_update(&t.c, 1) == MOTE_OK);
    CHECK(data(&t, &t.c, &t.s, "after the client's update"));
    CHECK(data(&t, &t.s, &t.c, "answered with new keys"));
    CHECK(mote_tls_key_update(&t.s, 1) == MOTE_OK);
    CHECK(data(&t, &t.s, &t.c, "after the server's update"));
    CHECK(data(&t, &t.c, &t.s, "and the client's answer"));

    /* external PSK: accepted without a certificate, also by a server that
     * has none; a wrong key fails the binder; an unknown identity falls
     * back to the certificate */
    for (i = 0; i < 4; i++) {
        static uint8_t wrong[32];
        t_init(&t);
        t.scfg.psk_lookup = psk_lookup;
        if (i == 1) t.scfg.client_key = NULL, t.scfg.sni = NULL; /* PSK only */
        t.ccfg.psk_identity = (const uint8_t *)(i == 3 ? "dev2" : "dev1");
        t.ccfg.psk_identity_len = 4;
        t.ccfg.psk_key = i == 2 ? wrong : psk_key, t.ccfg.psk_key_len = 32;
        CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
        if (i == 2) {
            CHECK(!run(&t, 100000));
            CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_DECRYPT_ERROR);
            continue;
        }
        CHECK(run(&t, 7));
        CHECK(mote_tls_resumed(&t.s) == (i != 3) && mote_tls_resumed(&t.c) == (i != 3));
        CHECK(mote_tls_signature_scheme(&t.s) == (i == 3 ? MOTE_SIG_ECDSA_SECP256R1_SHA256 : 0));
        CHECK(data(&t, &t.c, &t.s, "with a pre-shared key"));
        CHECK(data(&t, &t.s, &t.c, "answered"));
    }

    /* session tickets: two after a full handshake, then resumption; a
     * tampered ticket, an expired one or one whose age is off by more than
     * 10 s gets a full handshake; a wrong binder decrypt_error; more
     * identities than binders illegal_parameter; a ticket key rotated out
     * of the list is refused, one kept as second is taken */
    for (i = 0; i < 9; i++) {
        static mote_tls_session sess;
        static mote_tls_ticket_key keys[2];
        int resumes = i == 0 || i == 3 || i == 7;
        t_init(&t);
        memset(&sess, 0, sizeof sess);
        memcpy(keys[0].name, "key-one", 7), keys[0].name_len = 7;
        memcpy(keys[1].name, "key-two!", 8), keys[1].name_len = 8;
        memset(keys[0].key, 0x11, 32), memset(keys[1].key, 0x22, 32);
        t.scfg.ticket_keys = keys, t.scfg.n_ticket_keys = 1;
        t.scfg.ticket_lifetime = 3600;
        t.ccfg.session = &sess;
        t.ccfg.now_ms = t.scfg.now_ms = 1700000000000u;
        one[0] = MOTE_TLS_AES_256_GCM_SHA384, one[1] = 0;
        if (i == 1) t.ccfg.cipher_suites = one; /* SHA-384 tickets too */
        CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
        CHECK(run(&t, 100000));
        CHECK(data(&t, &t.s, &t.c, "tickets follow"));
        CHECK(sess.version == MOTE_TLS13 && sess.ticket_len > 50 && t.c.tickets == 2);
        CHECK(sess.lifetime == 3600 && sess.secret_len == (i == 1 ? 48 : 32));
        mote_tls_wipe(&t.s), mote_tls_wipe(&t.c);
        t.ccfg.now_ms += 2000, t.scfg.now_ms += 2000;
        switch (i) {
        case 2:
            sess.ticket[sess.ticket_len - 20] ^= 1;
            break; /* tampered: full handshake */
        case 3:
            t.scfg.now_ms += 9000;
            break; /* age off by 9 s: taken */
        case 4:
            t.scfg.now_ms += 20000;
            break; /* age off by 20 s: full */
        case 5:
            t.scfg.now_ms += 3600u * 1000u;
            break; /* expired: full */
        case 6:
            keys[0].name[0] = 'K';
            break; /* key gone: full */
        case 7:    /* rotated: a new key first, the old one second */
            keys[1] = keys[0], memcpy(keys[0].name, "key-new", 7), memset(keys[0].key, 3, 32);
            t.scfg.n_ticket_keys = 2;
            break;
        case 8:
            sess.secret[0] ^= 1;
            break; /* the client's PSK is wrong: bad binder */
        default:
            break;
        }
        CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
        if (i == 8) {
            CHECK(!run(&t, 100000));
            CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_DECRYPT_ERROR);
            CHECK(mote_tls_alert(&t.c, &sent) == 51 && sent == 0);
            continue;
        }
        CHECK(run(&t, 7));
        resumes |= i == 1;
        CHECK(mote_tls_resumed(&t.s) == resumes && mote_tls_resumed(&t.c) == resumes);
        CHECK(mote_tls_signature_scheme(&t.s) == (resumes ? 0 : MOTE_SIG_ECDSA_SECP256R1_SHA256));
        CHECK(data(&t, &t.c, &t.s, "resumed?"));
        CHECK(data(&t, &t.s, &t.c, "and a new ticket"));
        mote_tls_wipe(&t.s), mote_tls_wipe(&t.c);
    }
    { /* two identities, one binder: illegal_parameter */
        static mote_tls_session sess;
        static mote_tls_ticket_key key = {"abcd", 4, {0}};
        uint8_t rec[1200];
        long n;
        t_init(&t);
        memset(&sess, 0, sizeof sess);
        t.scfg.ticket_keys = &key, t.scfg.n_ticket_keys = 1;
        t.ccfg.session = &sess;
        CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
        CHECK(run(&t, 100000) && data(&t, &t.s, &t.c, "ticket"));
        CHECK(start(&t, 1053, 1053, 1053, 1053) == MOTE_OK);
        n = two_identities(&t.c, rec, sizeof rec);
        CHECK(n > 0 && feed(&t.s, rec, (size_t)n));
        CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_ILLEGAL_PARAMETER);
        CHECK(mote_tls_alert(&t.s, &sent) == 47 && sent == 1);
    }

    /* no suite in common */
    t_init(&t);
    one[0] = MOTE_TLS_CHACHA20_POLY1305_SHA256;
    t.scfg.cipher_suites = one;
    two[0] = MOTE_TLS_AES_128_GCM_SHA256, two[1] = 0;
    t.ccfg.cipher_suites = two;
    CHECK(start(&t, 17000, 17000, 17000, 17000) == MOTE_OK);
    CHECK(!run(&t, 100000));
    CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_HANDSHAKE_FAILURE);

    /* configurations the server refuses */
    t_init(&t);
    t.scfg.client_key = NULL, t.scfg.sni = NULL;
    CHECK(mote_tls_server_init(&t.s, &t.scfg, t.sin, 17000, t.sout, 17000) == MOTE_ERR_BAD_INPUT);
    t_init(&t);
    CHECK(mote_tls_server_init(&t.s, &t.scfg, t.sin, 100, t.sout, 17000) == MOTE_ERR_BAD_INPUT);
    t.scfg.rng = NULL;
    CHECK(mote_tls_server_init(&t.s, &t.scfg, t.sin, 17000, t.sout, 17000) == MOTE_ERR_BAD_INPUT);
    CHECK(mote_tls_status(&t.s) & MOTE_TLS_CLOSED);

    mote_x509_privkey_wipe(&t.skey);
    return test_done("tls_server");
}
#else
int main(void)
{
    if (MOTE_ENABLE_SERVER)
        printf("tls_server: skipped (built with MOTE_ENABLE_TLS_CLIENT_AUTH, _RESUMPTION or _PSK "
               "0: the client this test drives the server with)\n");
    return test_done("tls_server"); /* built with MOTE_ENABLE_SERVER=0 */
}
#endif
