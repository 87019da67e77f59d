/* The opt-in legacy TLS 1.2 suites, mote client against mote server in
 * memory: every AES-CBC suite (ECDHE_ECDSA, ECDHE_RSA, RSA key transport;
 * HMAC-SHA1/256/384) and RSA key transport with AES-GCM, with
 * encrypt_then_mac (both ends offer it) and MAC-then-encrypt (the
 * client's ClientHello rewritten without it, its transcript redone), 1 KiB
 * buffers on the
 * client (the record limits must cover IV, MAC and padding: records of the
 * largest allowed plaintext go both ways), data of 0..300 bytes both ways;
 * a resumed session (the server's ChangeCipherSpec first). Refusals: one
 * flipped bit in a record's IV, ciphertext, MAC or padding gives
 * bad_record_mac at the receiver, for both record modes; a tampered RSA
 * ClientKeyExchange fails at the Finished (bad_record_mac), never at the
 * key exchange; the default suite lists never negotiate CBC or RSA key
 * transport (handshake_failure either way round); a server whose key does
 * not fit the listed suites (ECDSA key, RSA key transport only; RSA key,
 * ECDHE_ECDSA only) refuses. Interop: tests/interop/tls12_cbc.sh. */
#include <string.h>

#include "mote/pem.h"
#include "mote/session.h"
#include "mote/tls.h"
#include "test.h"
#include "tls/internal.h"
#include "tls12_server_certs.h"
#include "tls_server_certs.h"

#if MOTE_ENABLE_SERVER && MOTE_ENABLE_TLS12 && MOTE_ENABLE_CBC && MOTE_ENABLE_SHA1 &&              \
    MOTE_ENABLE_TLS12_RSA_KEX && MOTE_ENABLE_TLS_RESUMPTION

typedef struct {
    mote_tls_config ccfg, scfg;
    mote_tls_conn c, s;
    mote_drbg_ctx crng, srng;
    uint8_t cin[1024], cout[1024], sin[4096], sout[4096];
    mote_x509_trust_anchor ta[1];
    uint8_t ta_store[256];
    uint16_t csuites[3], ssuites[3];
    int flip;      /* flip a bit at this offset of the next protected record (-1: none) */
    int flip_from; /* 0: the client's records, 1: the server's */
    int flip_cke;  /* flip a bit of the client's RSA ClientKeyExchange */
    size_t sbuf;   /* the server's in[] and out[] (0: 4 KiB) */
} T;

static mote_x509_privkey ec_key, rsa_key;
static const uint8_t *ec_chain[1] = {ts_srv_der}, *rsa_chain[1] = {t12_srv_der};
static const size_t ec_len[1] = {sizeof ts_srv_der}, rsa_len[1] = {sizeof t12_srv_der};

/* The suites, the key the server needs, and the MAC length (0: GCM). */
static const struct {
    uint16_t id;
    uint8_t rsa, mac;
} suites[] = {
    {MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, 0, 20},
    {MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, 0, 20},
    {MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, 0, 32},
    {MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, 0, 48},
    {MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, 1, 20},
    {MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, 1, 20},
    {MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, 1, 32},
    {MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, 1, 48},
    {MOTE_TLS_RSA_WITH_AES_128_CBC_SHA, 1, 20},
    {MOTE_TLS_RSA_WITH_AES_256_CBC_SHA, 1, 20},
    {MOTE_TLS_RSA_WITH_AES_128_CBC_SHA256, 1, 32},
    {MOTE_TLS_RSA_WITH_AES_256_CBC_SHA256, 1, 32},
    {MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256, 1, 0},
    {MOTE_TLS_RSA_WITH_AES_256_GCM_SHA384, 1, 0},
};

/* The server's (ECDSA or RSA) chain; one suite listed on each side (0:
 * the default list). */
static void t_init(T *t, int rsa, uint16_t csuite, uint16_t ssuite)
{
    size_t used;
    memset(t, 0, sizeof *t);
    t->flip = -1;
    CHECK(mote_drbg_init(&t->crng, NULL, NULL, (const uint8_t *)"client", 6) == MOTE_OK);
    CHECK(mote_drbg_init(&t->srng, NULL, NULL, (const uint8_t *)"server", 6) == MOTE_OK);
    CHECK(mote_x509_ta_from_cert(&t->ta[0], t->ta_store, sizeof t->ta_store, &used,
                                 rsa ? t12_ca_der : ts_ca_der,
                                 rsa ? sizeof t12_ca_der : sizeof ts_ca_der) == MOTE_OK);
    t->ccfg.server_name = "localhost";
    t->ccfg.anchors = t->ta, t->ccfg.n_anchors = 1;
    t->ccfg.flags = MOTE_TLS_NO_TIME_CHECK;
    t->ccfg.rng = &t->crng;
    t->ccfg.min_version = t->ccfg.max_version = MOTE_TLS12;
    t->csuites[0] = csuite, t->ssuites[0] = ssuite;
    if (csuite) t->ccfg.cipher_suites = t->csuites;
    if (ssuite) t->scfg.cipher_suites = t->ssuites;
    t->scfg.client_certs = rsa ? rsa_chain : ec_chain;
    t->scfg.client_cert_lens = rsa ? rsa_len : ec_len;
    t->scfg.n_client_certs = 1;
    t->scfg.client_key = rsa ? &rsa_key : &ec_key;
    t->scfg.flags = MOTE_TLS_NO_TIME_CHECK;
    t->scfg.rng = &t->srng;
}

/* Both ends; no_etm: the client's encrypt_then_mac extension becomes one
 * nobody knows (same length) in its ClientHello, whose transcript is redone:
 * a client that does not offer it. */
static int start(T *t, int no_etm)
{
    size_t n, i, ext;
    uint8_t *m;
    size_t sb = t->sbuf ? t->sbuf : sizeof t->sin;
    int rc = mote_tls_server_init(&t->s, &t->scfg, t->sin, sb, t->sout, sb);
    if (rc == MOTE_OK)
        rc = mote_tls_client_init(&t->c, &t->ccfg, t->cin, sizeof t->cin, t->cout, sizeof t->cout);
    if (rc || !no_etm) return rc;
    m = (uint8_t *)(uintptr_t)mote_tls_send_buf(&t->c, &n) + 5;
    i = 4 + 2 + 32;
    i += 1 + m[i];                           /* session id */
    i += 2 + ((size_t)m[i] << 8 | m[i + 1]); /* cipher suites */
    i += 1 + m[i];                           /* compression */
    for (ext = i + 2; ext + 4 <= n - 5; ext += 4 + ((size_t)m[ext + 2] << 8 | m[ext + 3]))
        if (m[ext] == 0 && m[ext + 1] == 22) {
            m[ext] = 0x7a, m[ext + 1] = 0x7a;
            rc = 1;
        }
    if (rc != 1) return MOTE_ERR_BAD_INPUT; /* it was not there */
    mote_tls_th_init(&t->c);
    mote_tls_th_add(&t->c, m, n - 5);
    return MOTE_OK;
}

/* The tampering in transit, on the records at p[0..n) about to go. */
static void tamper(T *t, uint8_t *p, size_t n, int from_server)
{
    size_t at = 0;
    while (at + 5 <= n) {
        size_t len = (size_t)p[at + 3] << 8 | p[at + 4];
        uint8_t *m = p + at + 5;
        if (at + 5 + len > n) break;
        if (!from_server && t->flip_cke && p[at] == 22 && m[0] == 16) {
            m[len / 2] ^= 0x10;
            t->flip_cke = 0;
        }
        if (t->flip >= 0 && from_server == t->flip_from && p[at] == 23) {
            m[t->flip < 0x1000 ? (size_t)t->flip : len - (size_t)(t->flip - 0x1000)] ^= 0x01;
            t->flip = -1;
        }
        at += 5 + len;
    }
}

static int move(T *t, mote_tls_conn *from, mote_tls_conn *to, int from_server)
{
    size_t n, room;
    uint8_t *p = (uint8_t *)(uintptr_t)mote_tls_send_buf(from, &n), *dst;
    if (!p) return 0;
    dst = mote_tls_recv_buf(to, &room);
    if (!dst || !room) {
        if (!(mote_tls_status(to) & MOTE_TLS_CLOSED)) return 0;
        mote_tls_send_done(from, n); /* a closed peer: dropped */
        return 1;
    }
    tamper(t, p, n, from_server);
    if (n > room) n = room;
    memcpy(dst, p, n);
    mote_tls_send_done(from, n);
    (void)mote_tls_recv_done(to, n);
    return 1;
}

/* Run both ends until neither moves; 1 when both can write. */
static int run(T *t)
{
    int rounds, moved = 1;
    for (rounds = 0; rounds < 10000 && moved; rounds++) {
        moved = 0;
        if (mote_tls_status(&t->s) & MOTE_TLS_STEP) (void)mote_tls_step(&t->s), moved = 1;
        if (mote_tls_status(&t->c) & MOTE_TLS_STEP) (void)mote_tls_step(&t->c), moved = 1;
        moved |= move(t, &t->c, &t->s, 0);
        moved |= move(t, &t->s, &t->c, 1);
    }
    return (mote_tls_status(&t->c) & MOTE_TLS_WRITE) && (mote_tls_status(&t->s) & MOTE_TLS_WRITE);
}

/* n bytes (a pattern) from a to b in one record; 1 if they arrived intact. */
static int data(T *t, mote_tls_conn *a, mote_tls_conn *b, size_t n)
{
    size_t room, got = 0, k, i;
    uint8_t *w = mote_tls_write_buf(a, &room);
    const uint8_t *r;
    if (!w || room < n) return 0;
    for (i = 0; i < n; i++)
        w[i] = (uint8_t)(i * 7 + n);
    if (mote_tls_write_done(a, n) != MOTE_OK) return 0;
    (void)run(t);
    while ((r = mote_tls_read_buf(b, &k)) != NULL) {
        for (i = 0; i < k; i++)
            if (r[i] != (uint8_t)((got + i) * 7 + n)) return 0;
        got += k;
        mote_tls_read_done(b, k);
        (void)run(t);
    }
    return got == n;
}

static int alert_sent(const mote_tls_conn *c)
{
    int sent = -1, a = mote_tls_alert(c, &sent);
    return sent == 1 ? a : -1;
}

/* Every suite: a handshake with and without encrypt_then_mac, data of
 * several sizes and of the largest allowed record both ways. */
static void every_suite(void)
{
    static T t;
    static const size_t sizes[] = {0, 1, 15, 16, 17, 31, 32, 47, 48, 63, 64, 255, 300};
    size_t i, k, etm;
    for (i = 0; i < sizeof suites / sizeof *suites; i++) {
        for (etm = 0; etm < 2; etm++) {
            int ok = 1;
            size_t maxc, maxs;
            t_init(&t, suites[i].rsa, suites[i].id, suites[i].id);
            /* (a GCM suite: the client offers no encrypt_then_mac to remove) */
            CHECK(start(&t, !etm && suites[i].mac) == MOTE_OK);
            if (!run(&t)) {
                printf("suite %04x etm %d: no handshake (client %d, server %d)\n", suites[i].id,
                       (int)etm, mote_tls_error(&t.c), mote_tls_error(&t.s));
                CHECK(0);
                continue;
            }
            CHECK(mote_tls_version(&t.c) == MOTE_TLS12);
            CHECK(mote_tls_cipher_suite(&t.c) == suites[i].id);
            CHECK(mote_tls_cipher_suite(&t.s) == suites[i].id);
            /* EtM only for CBC and only when the client's offer arrived */
            if (suites[i].mac) { /* (a GCM state uses that byte for its salt) */
                CHECK(MOTE_TLS12_ETM(&t.c) == etm);
                CHECK(MOTE_TLS12_ETM(&t.s) == etm);
            }
            /* the public view: EtM in use only on a CBC suite that took it */
            CHECK(mote_tls_encrypt_then_mac(&t.c) == (int)(etm && suites[i].mac));
            CHECK(mote_tls_encrypt_then_mac(&t.s) == (int)(etm && suites[i].mac));
            CHECK(t.c.rd.tag_len == (suites[i].mac ? suites[i].mac : 16));
            for (k = 0; k < sizeof sizes / sizeof *sizes; k++) {
                ok &= data(&t, &t.c, &t.s, sizes[k]);
                ok &= data(&t, &t.s, &t.c, sizes[k]);
            }
            CHECK(ok);
            /* the 1 KiB client: records of the largest plaintext either way
             * fit the receiver's buffer with IV, MAC and padding */
            maxc = mote_tls_max_fragment(&t.c);
            maxs = mote_tls_max_fragment(&t.s);
            CHECK(maxc > 700 && maxs > 700);
            CHECK(maxs + 5 + mote_tls12_expansion(suites[i].id) <= sizeof t.cin);
            CHECK(data(&t, &t.c, &t.s, maxc));
            CHECK(data(&t, &t.s, &t.c, maxs));
            CHECK(mote_tls_error(&t.c) == 0 && mote_tls_error(&t.s) == 0);
        }
    }
}

/* One flipped bit of a protected record: bad_record_mac at the receiver.
 * where: an offset into the record body (IV at 0..15), or 0x1000 + k for
 * the k-th byte from its end. */
static void flip_one(uint16_t suite, int rsa, int no_etm, int from_server, int where)
{
    static T t;
    mote_tls_conn *a, *b;
    t_init(&t, rsa, suite, suite);
    CHECK(start(&t, no_etm) == MOTE_OK);
    CHECK(run(&t));
    a = from_server ? &t.s : &t.c, b = from_server ? &t.c : &t.s;
    t.flip = where, t.flip_from = from_server;
    CHECK(!data(&t, a, b, 100));
    CHECK(mote_tls_error(b) == MOTE_ERR_TLS_BAD_RECORD_MAC);
    CHECK(alert_sent(b) == 20);
    CHECK(mote_tls_read_buf(b, &(size_t){0}) == NULL);
}

static void tampering(void)
{
    static const uint16_t s[] = {MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
                                 MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
                                 MOTE_TLS_RSA_WITH_AES_128_CBC_SHA256};
    size_t i;
    int no_etm, dir;
    for (i = 0; i < sizeof s / sizeof *s; i++)
        for (no_etm = 0; no_etm < 2; no_etm++)
            for (dir = 0; dir < 2; dir++) {
                flip_one(s[i], 1, no_etm, dir, 3);      /* IV */
                flip_one(s[i], 1, no_etm, dir, 16 + 5); /* ciphertext (the plaintext) */
                /* MtE: the MAC is in the last ciphertext blocks; EtM: the
                 * MAC's last byte */
                flip_one(s[i], 1, no_etm, dir, 0x1001);
                /* the padding length byte: the last byte of the block
                 * before the last one (MtE), of the block before the MAC
                 * (EtM: the last ciphertext byte) */
                flip_one(s[i], 1, no_etm, dir,
                         no_etm ? 0x1000 + 17 : 0x1000 + 1 + (int)mote_tls12_expansion(s[i]) - 32);
            }
    /* RSA key transport: a tampered premaster is no error at the key
     * exchange (Bleichenbacher: a random premaster, by masks); the
     * client's Finished then fails to open */
    {
        static T t;
        t_init(&t, 1, MOTE_TLS_RSA_WITH_AES_128_CBC_SHA, MOTE_TLS_RSA_WITH_AES_128_CBC_SHA);
        t.flip_cke = 1;
        CHECK(start(&t, 0) == MOTE_OK);
        CHECK(!run(&t));
        CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_BAD_RECORD_MAC);
        CHECK(alert_sent(&t.s) == 20);
    }
}

/* Opt-in only, and the key decides the suite's authentication. */
static void refusals(void)
{
    static T t;
    static const struct {
        uint16_t cs, ss;
        int rsa;
    } r[] = {
        /* the client offers CBC / RSA key transport only, the server has its default list */
        {MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, 0, 0},
        {MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, 0, 1},
        {MOTE_TLS_RSA_WITH_AES_128_CBC_SHA, 0, 1},
        {MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256, 0, 1},
        /* the client's default list against a server listing them only */
        {0, MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, 0},
        {0, MOTE_TLS_RSA_WITH_AES_256_CBC_SHA, 1},
        {0, MOTE_TLS_RSA_WITH_AES_256_GCM_SHA384, 1},
        /* an ECDSA key with RSA key transport only; an RSA key with ECDHE_ECDSA only */
        {MOTE_TLS_RSA_WITH_AES_128_CBC_SHA, MOTE_TLS_RSA_WITH_AES_128_CBC_SHA, 0},
        {MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256, MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256, 0},
        {MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, 1},
    };
    size_t i;
    for (i = 0; i < sizeof r / sizeof *r; i++) {
        t_init(&t, r[i].rsa, r[i].cs, r[i].ss);
        CHECK(start(&t, 0) == MOTE_OK);
        CHECK(!run(&t));
        CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_HANDSHAKE_FAILURE);
        CHECK(alert_sent(&t.s) == 40);
    }
    /* RSA key transport needs 3.2 KiB of idle buffer for an RSA-2048
     * decryption: a server with 1 KiB buffers does not choose it (with 4 KiB
     * it does: every_suite); ECDHE_RSA is preferred anyway (forward secrecy
     * first) */
    t_init(&t, 1, MOTE_TLS_RSA_WITH_AES_128_CBC_SHA, MOTE_TLS_RSA_WITH_AES_128_CBC_SHA);
    t.sbuf = 1024;
    CHECK(start(&t, 0) == MOTE_OK);
    CHECK(!run(&t));
    CHECK(mote_tls_error(&t.s) == MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    t_init(&t, 1, MOTE_TLS_RSA_WITH_AES_128_CBC_SHA, MOTE_TLS_RSA_WITH_AES_128_CBC_SHA);
    t.csuites[1] = MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
    t.ssuites[1] = MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
    t.sbuf = 1024;
    CHECK(start(&t, 0) == MOTE_OK);
    CHECK(run(&t));
    CHECK(mote_tls_cipher_suite(&t.s) == MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA);
    CHECK(data(&t, &t.c, &t.s, 500) && data(&t, &t.s, &t.c, 500));
    /* the default ClientHello offers neither CBC nor encrypt_then_mac */
    t_init(&t, 0, 0, 0);
    CHECK(start(&t, 0) == MOTE_OK);
    {
        size_t n, j;
        const uint8_t *p = mote_tls_send_buf(&t.c, &n);
        int cbc = 0, etm = 0;
        CHECK(p != NULL && n > 50);
        for (j = 5 + 4 + 2 + 32 + 1; p && j + 1 < n; j++) {
            uint16_t v = (uint16_t)(p[j] << 8 | p[j + 1]);
            if (v == MOTE_TLS_RSA_WITH_AES_128_CBC_SHA ||
                v == MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256 ||
                v == MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA)
                cbc = 1;
            if (v == 22 && j + 3 < n && p[j + 2] == 0 && p[j + 3] == 0) etm = 1;
        }
        CHECK(!cbc && !etm);
    }
    CHECK(run(&t));
    CHECK(mote_tls_cipher_suite(&t.c) == MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
}

/* A CBC session resumed by ticket: the server's ChangeCipherSpec and
 * Finished come first, our keys wait for ours. */
static void resumed(void)
{
    static T t;
    static mote_tls_session sess;
    static const mote_tls_ticket_key key = {"cbc-key", 7, {7}};
    int pass;
    memset(&sess, 0, sizeof sess);
    for (pass = 0; pass < 2; pass++) {
        t_init(&t, 1, MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
               MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256);
        t.ccfg.session = &sess;
        t.scfg.ticket_keys = &key, t.scfg.n_ticket_keys = 1;
        CHECK(start(&t, 0) == MOTE_OK);
        CHECK(run(&t));
        CHECK(mote_tls_resumed(&t.c) == pass);
        CHECK(MOTE_TLS12_ETM(&t.c) == 1);
        CHECK(data(&t, &t.c, &t.s, 200) && data(&t, &t.s, &t.c, 33));
    }
}

int main(void)
{
    uint8_t work[2048];
    CHECK(mote_x509_privkey_from_pem(&ec_key, ts_srv_key, strlen(ts_srv_key), work, sizeof work) ==
          MOTE_OK);
    CHECK(mote_x509_privkey_from_pem(&rsa_key, t12_srv_key, strlen(t12_srv_key), work,
                                     sizeof work) == MOTE_OK);
    every_suite();
    tampering();
    refusals();
    resumed();
    return test_done("tls_cbc");
}

#else
int main(void)
{
    return test_done("tls_cbc (legacy TLS 1.2 suites not compiled in)");
}
#endif
