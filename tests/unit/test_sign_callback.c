/* An external ECDSA signer (mote_x509_privkey.sign: a key held in a secure
 * element) in a TLS 1.3 handshake with client authentication, client and
 * server in process: the client's CertificateVerify is signed by the
 * callback (the key's own scalar is a stand-in that would not verify), a
 * declining callback lets mote sign with the scalar, a callback's wrong
 * signature makes the server refuse (decrypt_error), a callback's error
 * ends the client's handshake. Certificates: x509_cn_certs.h (P-256; the
 * leaves share one key). */
#include <string.h>

#include "mote/ec.h"
#include "mote/tls.h"
#include "test.h"
#include "x509_cn_certs.h"

#define T_2030 1893456000

#if MOTE_ENABLE_P256 && MOTE_ENABLE_ECDSA_SIGN && MOTE_ENABLE_TLS_CLIENT_AUTH

static const char leaf_key_hex[] =
    "da32d06070b8441f0f36f68f9fb28e145ca76dfe0b6d011f8de83e6b0d546746";

typedef struct {
    int calls;
    size_t digest_len;
    int mode; /* 0: sign with the real key, 1: decline, 2: sign with another key, 3: fail */
    uint8_t real[32];
} signer;

static int sign_cb(void *arg, const mote_x509_privkey *key, const uint8_t *digest,
                   size_t digest_len, uint8_t *sig, size_t sig_cap, size_t *sig_len)
{
    signer *s = arg;
    uint8_t other[32];
    s->calls++;
    s->digest_len = digest_len;
    if (key->type != MOTE_X509_KEY_P256 || digest_len != 32) return MOTE_ERR_BAD_INPUT;
    switch (s->mode) {
    case 0:
        return mote_ecdsa_sign_der(MOTE_EC_P256, sig, sig_cap, sig_len, s->real, &mote_sha256_desc,
                                   digest);
    case 1:
        return MOTE_ERR_UNSUPPORTED;
    case 2:
        memset(other, 0x42, sizeof other);
        return mote_ecdsa_sign_der(MOTE_EC_P256, sig, sig_cap, sig_len, other, &mote_sha256_desc,
                                   digest);
    default:
        return MOTE_ERR_FAULT;
    }
}

static mote_tls_conn cli, srv;
static uint8_t cin[4096], cout[4096], sin_[4096], sout[4096];

/* Move bytes both ways until neither side can go on; returns the client's
 * error (0 when both finished the handshake), the server's in *serr. */
static int run(mote_tls_conn *a, mote_tls_conn *b, int *serr)
{
    int turn;
    for (turn = 0; turn < 10000; turn++) {
        mote_tls_conn *from = turn & 1 ? b : a, *to = turn & 1 ? a : b;
        const uint8_t *p;
        size_t n, room;
        unsigned st = mote_tls_status(from);
        if (st & MOTE_TLS_STEP) {
            (void)mote_tls_step(from);
            continue;
        }
        p = mote_tls_send_buf(from, &n);
        if (p && n) {
            uint8_t *q = mote_tls_recv_buf(to, &room);
            if (!q) continue;
            if (n > room) n = room;
            memcpy(q, p, n);
            mote_tls_send_done(from, n);
            (void)mote_tls_recv_done(to, n);
            continue;
        }
        if ((mote_tls_status(a) & (MOTE_TLS_WRITE | MOTE_TLS_CLOSED)) &&
            (mote_tls_status(b) & (MOTE_TLS_WRITE | MOTE_TLS_CLOSED)) &&
            !mote_tls_send_buf(a, &n) && !mote_tls_send_buf(b, &n) &&
            !(mote_tls_status(a) & MOTE_TLS_STEP) && !(mote_tls_status(b) & MOTE_TLS_STEP))
            break;
    }
    *serr = mote_tls_error(b);
    return mote_tls_error(a);
}

static void one(int mode, uint8_t stand_in, int want_cli, int want_srv, int want_calls)
{
    static mote_x509_trust_anchor ta;
    static uint8_t ta_key[MOTE_X509_EC_POINT_MAX];
    static const uint8_t *srv_certs[1], *cli_certs[1];
    static size_t srv_lens[1], cli_lens[1];
    mote_tls_config ccfg, scfg;
    mote_x509_privkey skey, ckey;
    mote_drbg_ctx crng, srng;
    uint8_t seed[48];
    signer s;
    size_t used;
    int cerr, serr;

    CHECK_EQ_INT(mote_x509_ta_from_cert(&ta, ta_key, sizeof ta_key, &used, cnr_der, sizeof cnr_der),
                 MOTE_OK);
    memset(&s, 0, sizeof s);
    s.mode = mode;
    CHECK_EQ_INT(test_unhex(leaf_key_hex, s.real, 32), 32);
    /* the server's key: the real scalar */
    memset(&skey, 0, sizeof skey);
    skey.type = MOTE_X509_KEY_P256, skey.len = 32;
    memcpy(skey.u.ec, s.real, 32);
    /* the client's: a stand-in scalar, or the real one */
    ckey = skey;
    if (stand_in) memset(ckey.u.ec, stand_in, 32);
    ckey.sign = sign_cb, ckey.sign_arg = &s;
    srv_certs[0] = cn_dns_der, srv_lens[0] = sizeof cn_dns_der;
    cli_certs[0] = cn_ip_der, cli_lens[0] = sizeof cn_ip_der;

    memset(seed, 1, sizeof seed);
    CHECK_EQ_INT(mote_drbg_seed(&crng, seed, sizeof seed, NULL, 0), MOTE_OK);
    memset(seed, 2, sizeof seed);
    CHECK_EQ_INT(mote_drbg_seed(&srng, seed, sizeof seed, NULL, 0), MOTE_OK);

    memset(&ccfg, 0, sizeof ccfg);
    ccfg.server_name = "other.example.com";
    ccfg.anchors = &ta, ccfg.n_anchors = 1, ccfg.now = T_2030, ccfg.rng = &crng;
    ccfg.min_version = ccfg.max_version = MOTE_TLS13;
    ccfg.client_certs = cli_certs, ccfg.client_cert_lens = cli_lens, ccfg.n_client_certs = 1;
    ccfg.client_key = &ckey;
    memset(&scfg, 0, sizeof scfg);
    scfg.anchors = &ta, scfg.n_anchors = 1, scfg.now = T_2030, scfg.rng = &srng;
    scfg.client_certs = srv_certs, scfg.client_cert_lens = srv_lens, scfg.n_client_certs = 1;
    scfg.client_key = &skey;
    scfg.client_auth = MOTE_TLS_CLIENT_AUTH_REQUIRED;

    CHECK_EQ_INT(mote_tls_client_init(&cli, &ccfg, cin, sizeof cin, cout, sizeof cout), MOTE_OK);
    CHECK_EQ_INT(mote_tls_server_init(&srv, &scfg, sin_, sizeof sin_, sout, sizeof sout), MOTE_OK);
    cerr = run(&cli, &srv, &serr);
    if (cerr != want_cli || serr != want_srv)
        fprintf(stderr, "mode %d: client %d, server %d\n", mode, cerr, serr);
    CHECK_EQ_INT(cerr, want_cli);
    CHECK_EQ_INT(serr, want_srv);
    CHECK_EQ_INT(s.calls, want_calls);
    if (want_calls) CHECK_EQ_INT(s.digest_len, 32);
    if (!want_srv) CHECK_EQ_INT(mote_tls_peer_verified(&srv), 1);
    mote_tls_wipe(&cli);
    mote_tls_wipe(&srv);
}

int main(void)
{
    /* the callback signs with the key the stand-in names */
    one(0, 0x01, 0, 0, 1);
    /* a declining callback: mote signs with the scalar (the real one) */
    one(1, 0, 0, 0, 1);
    /* a declining callback with a stand-in: the server refuses the signature */
    one(1, 0x01, MOTE_ERR_TLS_PEER_ALERT, MOTE_ERR_TLS_DECRYPT_ERROR, 1);
    /* the callback signs with another key: refused */
    one(2, 0, MOTE_ERR_TLS_PEER_ALERT, MOTE_ERR_TLS_DECRYPT_ERROR, 1);
    /* the callback fails: the client ends the handshake */
    one(3, 0, MOTE_ERR_TLS_INTERNAL, MOTE_ERR_TLS_PEER_ALERT, 1);
    return test_done("sign_callback");
}

#else
int main(void)
{
    return test_done("sign_callback (P-256 ECDSA signing or client certificates not built)");
}
#endif
