/* The TLS 1.2 client engine against a scripted server built here from
 * mote's own primitives (x25519, ECDSA P-256, the TLS 1.2 PRF, AES-GCM
 * record protection): full handshakes (extended master secret, the RFC
 * 5246 master secret, a server asking for a certificate) delivered whole
 * and byte by byte through 1 KiB-record buffers, application data both
 * ways, a refused renegotiation; the ClientHello's 1.2 offer; and every
 * refusal the client owes: the TLS 1.3 downgrade sentinel, missing or
 * non-empty renegotiation_info, missing extended_master_secret, a 1.2
 * supported_versions, unoffered suites and curves, a DH group other than
 * ffdhe2048, a bad ServerKeyExchange signature, a wrong Finished, a
 * missing or repeated ChangeCipherSpec, versions outside the configured
 * range. Resumption: a session offered by id and ticket and resumed in the
 * abbreviated order (with and without a NewSessionTicket renewing it), and
 * the refusals: another suite, extended master secret dropped, a
 * Certificate in an abbreviated handshake. (Interop with real servers:
 * tests/interop/tls12_client.sh, tests/interop/resume.sh.) */
#include <string.h>

#include "mote/ec.h"
#include "mote/mac.h"
#include "mote/session.h"
#include "mote/tls.h"
#include "mote/x25519.h"
#include "test.h"
#include "tls/cipher.h"

/* A self-signed P-256 certificate for CN=localhost and its private key. */
static const uint8_t cert_der[408] = {
    0x30, 0x82, 0x01, 0x94, 0x30, 0x82, 0x01, 0x3b, 0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x14, 0x17,
    0xfd, 0x43, 0x46, 0x7c, 0xb5, 0x9f, 0x84, 0xac, 0x1d, 0x7e, 0x00, 0x81, 0xaf, 0x6c, 0xe1, 0xc6,
    0xed, 0x12, 0x6b, 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02, 0x30,
    0x14, 0x31, 0x12, 0x30, 0x10, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x09, 0x6c, 0x6f, 0x63, 0x61,
    0x6c, 0x68, 0x6f, 0x73, 0x74, 0x30, 0x20, 0x17, 0x0d, 0x32, 0x36, 0x31, 0x31, 0x32, 0x38, 0x30,
    0x31, 0x32, 0x36, 0x30, 0x37, 0x5a, 0x18, 0x0f, 0x32, 0x31, 0x32, 0x36, 0x31, 0x31, 0x30, 0x34,
    0x30, 0x31, 0x32, 0x36, 0x30, 0x37, 0x5a, 0x30, 0x14, 0x31, 0x12, 0x30, 0x10, 0x06, 0x03, 0x55,
    0x04, 0x03, 0x0c, 0x09, 0x6c, 0x6f, 0x63, 0x61, 0x6c, 0x68, 0x6f, 0x73, 0x74, 0x30, 0x59, 0x30,
    0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
    0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04, 0x44, 0xe3, 0x40, 0x02, 0x94, 0xbe, 0x94, 0x13,
    0xb9, 0x8e, 0x4c, 0x8d, 0x61, 0xb7, 0x34, 0xbf, 0xd4, 0x1d, 0xcb, 0xe1, 0xbe, 0xe3, 0xbd, 0x08,
    0xcd, 0xaf, 0xd9, 0x7f, 0x86, 0x43, 0xad, 0x45, 0x18, 0x4d, 0xbd, 0xbb, 0xad, 0x9f, 0xe5, 0xbc,
    0x6c, 0x7d, 0xf9, 0x2d, 0xfa, 0x17, 0x64, 0x1c, 0x5a, 0x43, 0xb6, 0xd8, 0xb9, 0x64, 0xe8, 0xd5,
    0x1f, 0x2d, 0x7e, 0xb2, 0xb8, 0x91, 0xb6, 0x5a, 0xa3, 0x69, 0x30, 0x67, 0x30, 0x1d, 0x06, 0x03,
    0x55, 0x1d, 0x0e, 0x04, 0x16, 0x04, 0x14, 0x1c, 0xd2, 0x9e, 0x76, 0x81, 0x88, 0xcc, 0xa5, 0x40,
    0x11, 0x5d, 0xf6, 0xb7, 0x3b, 0x58, 0x38, 0x41, 0xeb, 0x09, 0xec, 0x30, 0x1f, 0x06, 0x03, 0x55,
    0x1d, 0x23, 0x04, 0x18, 0x30, 0x16, 0x80, 0x14, 0x1c, 0xd2, 0x9e, 0x76, 0x81, 0x88, 0xcc, 0xa5,
    0x40, 0x11, 0x5d, 0xf6, 0xb7, 0x3b, 0x58, 0x38, 0x41, 0xeb, 0x09, 0xec, 0x30, 0x0f, 0x06, 0x03,
    0x55, 0x1d, 0x13, 0x01, 0x01, 0xff, 0x04, 0x05, 0x30, 0x03, 0x01, 0x01, 0xff, 0x30, 0x14, 0x06,
    0x03, 0x55, 0x1d, 0x11, 0x04, 0x0d, 0x30, 0x0b, 0x82, 0x09, 0x6c, 0x6f, 0x63, 0x61, 0x6c, 0x68,
    0x6f, 0x73, 0x74, 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02, 0x03,
    0x47, 0x00, 0x30, 0x44, 0x02, 0x20, 0x56, 0x1b, 0x8b, 0x45, 0x03, 0x58, 0xd2, 0x4d, 0x9e, 0x74,
    0xb2, 0x41, 0xf6, 0xae, 0x37, 0x60, 0xa2, 0x42, 0xb3, 0x00, 0xc0, 0xd1, 0xbc, 0x1e, 0x50, 0x7e,
    0x80, 0xff, 0x8a, 0xf2, 0x48, 0x2c, 0x02, 0x20, 0x19, 0x7c, 0xad, 0xbf, 0x79, 0xa4, 0x70, 0x07,
    0xb4, 0xb4, 0x11, 0xda, 0xb9, 0x90, 0x51, 0x80, 0x5b, 0x93, 0x59, 0xfa, 0x3c, 0x0c, 0x2f, 0x7e,
    0x75, 0x09, 0x2b, 0xc2, 0xaa, 0xd6, 0x51, 0x12};
static const char *cert_key = "e74c89de12461e0168335395adfe458c1af0d3f11228d83c942729d22f76111c";

enum { OK_FULL, BAD_SKE_SIG, BAD_SFIN, NO_CCS, TWO_CCS, SKE_CURVE, SKE_DHE, NO_EMS, CERT_REQ };

typedef struct {
    mote_tls_config cfg;
    mote_drbg_ctx rng;
    mote_tls_conn c;
    uint8_t in[1053], out[1053];
    size_t chunk;       /* bytes per recv_done */
    mote_sha256_ctx th; /* the server's transcript */
    uint8_t cr[32], sr[32], sid[32];
    size_t sid_len;
    uint8_t ch[1024];
    size_t ch_len;
    uint8_t x_priv[32], ms[48];
    mote_tls_cipher rd, wr; /* server side: rd opens the client's records */
    uint8_t wire[4096];     /* server -> client, not yet delivered */
    size_t wire_len;
    uint8_t cl[2048]; /* client -> server, not yet read */
    size_t cl_len, cl_off;
    uint8_t peer[sizeof cert_der + 2]; /* the server's certificate, copied (peer_cert_buf) */
} T;

static mote_tls_session *t_session; /* the next t_init's cfg.session */

static void t_init(T *t, uint16_t min, uint16_t max, uint32_t flags, const uint16_t *suites)
{
    uint8_t seed[48];
    const uint8_t *p;
    size_t n;
    memset(t, 0, sizeof *t);
    memset(seed, 7, sizeof seed);
    (void)mote_drbg_seed(&t->rng, seed, sizeof seed, NULL, 0);
    t->cfg.server_name = "localhost";
    t->cfg.rng = &t->rng;
    t->cfg.flags = MOTE_TLS_NO_VERIFY | flags;
    t->cfg.min_version = min, t->cfg.max_version = max;
    t->cfg.cipher_suites = suites;
    t->cfg.peer_cert_buf = t->peer, t->cfg.peer_cert_size = sizeof t->peer;
    t->cfg.session = t_session;
    t->chunk = 100000;
    mote_sha256_init(&t->th);
    CHECK(mote_tls_client_init(&t->c, &t->cfg, t->in, sizeof t->in, t->out, sizeof t->out) ==
          MOTE_OK);
    p = mote_tls_send_buf(&t->c, &n);
    CHECK(p && n > 5 + 4 + 38 && p[0] == 22 && n - 5 <= sizeof t->ch);
    if (!p || n <= 5 + 4 + 38 || n - 5 > sizeof t->ch) return;
    t->ch_len = n - 5;
    memcpy(t->ch, p + 5, t->ch_len);
    memcpy(t->cr, t->ch + 6, 32);
    t->sid_len = t->ch[38];
    memcpy(t->sid, t->ch + 39, t->sid_len);
    mote_sha256_update(&t->th, t->ch, t->ch_len);
    mote_tls_send_done(&t->c, n);
}

/* The body of extension type in the ClientHello, or NULL. */
static const uint8_t *ch_ext(const T *t, uint16_t type, size_t *len)
{
    size_t at = 4 + 2 + 32, end;
    at += 1 + t->ch[at];                                                /* session id */
    at += 2 + (((size_t)t->ch[at] << 8) | t->ch[at + 1]);               /* suites */
    at += 1 + t->ch[at];                                                /* compression */
    end = at + 2 + (((size_t)t->ch[at] << 8) | t->ch[at + 1]), at += 2; /* extensions */
    while (at + 4 <= end) {
        uint16_t ty = (uint16_t)((t->ch[at] << 8) | t->ch[at + 1]);
        size_t n = ((size_t)t->ch[at + 2] << 8) | t->ch[at + 3];
        if (ty == type) {
            *len = n;
            return t->ch + at + 4;
        }
        at += 4 + n;
    }
    return NULL;
}

static int ch_has_suite(const T *t, uint16_t s)
{
    size_t at = 4 + 2 + 32, n, i;
    at += 1 + t->ch[at];
    n = ((size_t)t->ch[at] << 8) | t->ch[at + 1];
    for (i = 0; i < n; i += 2)
        if (((t->ch[at + 2 + i] << 8) | t->ch[at + 3 + i]) == s) return 1;
    return 0;
}

/* Queue one record (protected once the server's keys are on). */
static void put_record(T *t, uint8_t type, const uint8_t *data, size_t len)
{
    uint8_t *rec = t->wire + t->wire_len;
    size_t ex = t->wr.aead ? 8 : 0;
    rec[0] = type, rec[1] = 3, rec[2] = 3;
    memcpy(rec + 5 + ex, data, len);
    if (t->wr.aead) {
        long n = mote_tls_cipher_seal(&t->wr, rec, len, 1);
        CHECK(n > 0);
        t->wire_len += (size_t)n;
    } else {
        rec[3] = (uint8_t)(len >> 8), rec[4] = (uint8_t)len;
        t->wire_len += 5 + len;
    }
}

static void put_hs(T *t, uint8_t type, const uint8_t *body, size_t len)
{
    uint8_t msg[1024];
    msg[0] = type, msg[1] = 0, msg[2] = (uint8_t)(len >> 8), msg[3] = (uint8_t)len;
    if (len) memcpy(msg + 4, body, len);
    if (type != 0) mote_sha256_update(&t->th, msg, 4 + len);
    put_record(t, 22, msg, 4 + len);
}

/* Hand everything queued to the client, chunk bytes at a time, stepping
 * whenever it asks. Returns the client's error (0 if none). */
static int deliver(T *t)
{
    size_t pos = 0;
    int guard = 0;
    for (;;) {
        unsigned st = mote_tls_status(&t->c);
        size_t room, n;
        uint8_t *dst;
        if (++guard > 100000) return -999;
        if (st & MOTE_TLS_CLOSED) break;
        if (st & MOTE_TLS_STEP) {
            (void)mote_tls_step(&t->c);
            continue;
        }
        if (pos == t->wire_len || (st & MOTE_TLS_READ)) break;
        dst = mote_tls_recv_buf(&t->c, &room);
        if (!dst) break;
        n = t->wire_len - pos;
        if (n > t->chunk) n = t->chunk;
        if (n > room) n = room;
        memcpy(dst, t->wire + pos, n);
        pos += n;
        (void)mote_tls_recv_done(&t->c, n);
    }
    t->wire_len = 0;
    return mote_tls_error(&t->c);
}

/* The client's next record: type, and its plaintext in out (opened with
 * the client's keys when t->rd is on). Returns the plaintext length, -1 if
 * there is none. */
static long client_record(T *t, uint8_t *type, uint8_t *out)
{
    const uint8_t *p;
    uint8_t *rec, *plain;
    size_t n, rl;
    if (t->cl_off == t->cl_len) {
        t->cl_off = t->cl_len = 0;
        while ((p = mote_tls_send_buf(&t->c, &n)) != NULL) {
            if (t->cl_len + n > sizeof t->cl) return -1;
            memcpy(t->cl + t->cl_len, p, n);
            t->cl_len += n;
            mote_tls_send_done(&t->c, n);
        }
    }
    if (t->cl_len - t->cl_off < 5) return -1;
    rec = t->cl + t->cl_off;
    rl = ((size_t)rec[3] << 8) | rec[4];
    *type = rec[0];
    CHECK(rec[1] == 3 && rec[2] == 3);
    if (t->cl_len - t->cl_off < 5 + rl) return -1;
    t->cl_off += 5 + rl;
    if (t->rd.aead) {
        if (mote_tls_cipher_open(&t->rd, rec, rl, 1, &plain, &n) != MOTE_OK) return -1;
    } else {
        plain = rec + 5, n = rl;
    }
    memcpy(out, plain, n);
    return (long)n;
}

static void hexkey(const char *hex, uint8_t *out, size_t n)
{
    CHECK(test_unhex(hex, out, n) == (long)n);
}

/* ServerHello with the given random ending, version and extensions. */
static void server_hello(T *t, uint16_t suite, const uint8_t *exts, size_t exts_len)
{
    uint8_t b[256];
    size_t n = 0;
    b[n++] = 3, b[n++] = 3;
    memcpy(b + n, t->sr, 32), n += 32;
    b[n++] = 0; /* new session, no id */
    b[n++] = (uint8_t)(suite >> 8), b[n++] = (uint8_t)suite;
    b[n++] = 0;
    b[n++] = (uint8_t)(exts_len >> 8), b[n++] = (uint8_t)exts_len;
    memcpy(b + n, exts, exts_len), n += exts_len;
    put_hs(t, 2, b, n);
}

static const uint8_t ext_good[] = {0x00, 0x17, 0, 0, 0xff, 0x01, 0, 1, 0, 0x00, 0x0b, 0, 2, 1, 0};
static const uint8_t ext_no_ems[] = {0xff, 0x01, 0, 1, 0};

/* A full handshake (or up to the failure the mode asks for). */
static int handshake(T *t, int mode, uint16_t suite)
{
    uint8_t b[1024], h[32], sh[32], kb[40], d[32], shared[32], cpub[32], rec[64];
    size_t n, sig_len;
    long pl;
    uint8_t type;
    int rc;
    uint8_t priv[32];

    memset(t->sr, 0x5a, 32);
    if (mode == NO_EMS)
        server_hello(t, suite, ext_no_ems, sizeof ext_no_ems);
    else
        server_hello(t, suite, ext_good, sizeof ext_good);
    /* Certificate: list<3> of cert<3> */
    n = 0;
    b[n++] = 0, b[n++] = (uint8_t)((3 + sizeof cert_der) >> 8),
    b[n++] = (uint8_t)(3 + sizeof cert_der);
    b[n++] = 0, b[n++] = (uint8_t)(sizeof cert_der >> 8), b[n++] = (uint8_t)sizeof cert_der;
    memcpy(b + n, cert_der, sizeof cert_der), n += sizeof cert_der;
    put_hs(t, 11, b, n);
    /* ServerKeyExchange */
    n = 0;
    if (mode == SKE_DHE) { /* a 256-byte "p" that is not ffdhe2048's */
        b[n++] = 1, b[n++] = 0;
        memset(b + n, 0xff, 256), n += 256;
        b[n++] = 0, b[n++] = 1, b[n++] = 2;
        b[n++] = 0, b[n++] = 1, b[n++] = 5;
    } else {
        memset(t->x_priv, 0x33, 32);
        b[n++] = 3, b[n++] = 0, b[n++] = mode == SKE_CURVE ? 25 : 29, b[n++] = 32;
        CHECK(mote_x25519_public(b + n, t->x_priv) == MOTE_OK);
        n += 32;
    }
    {
        mote_sha256_ctx s;
        mote_sha256_init(&s);
        mote_sha256_update(&s, t->cr, 32);
        mote_sha256_update(&s, t->sr, 32);
        mote_sha256_update(&s, b, n);
        mote_sha256_final(&s, d);
    }
    hexkey(cert_key, priv, 32);
    b[n++] = 4, b[n++] = 3;
    CHECK(mote_ecdsa_sign_der(MOTE_EC_P256, b + n + 2, MOTE_ECDSA_MAX_DER, &sig_len, priv,
                              &mote_sha256_desc, d) == MOTE_OK);
    if (mode == BAD_SKE_SIG) b[n + 2 + sig_len - 1] ^= 1;
    b[n++] = (uint8_t)(sig_len >> 8), b[n++] = (uint8_t)sig_len, n += sig_len;
    put_hs(t, 12, b, n);
    if (mode == CERT_REQ) { /* ecdsa_sign; ecdsa_secp256r1_sha256; no authorities */
        static const uint8_t cr[] = {1, 64, 0, 2, 4, 3, 0, 0};
        put_hs(t, 13, cr, sizeof cr);
    }
    put_hs(t, 14, NULL, 0);
    rc = deliver(t);
    if (rc) return rc;

    /* the client's flight: [Certificate], ClientKeyExchange, CCS, Finished */
    if (mode == CERT_REQ) {
        pl = client_record(t, &type, b);
        CHECK(pl == 7 && type == 22 && b[0] == 11 && b[3] == 3 && b[6] == 0);
        if (pl != 7) return -900;
        mote_sha256_update(&t->th, b, 7);
    }
    pl = client_record(t, &type, b);
    CHECK(pl == 4 + 1 + 32 && type == 22 && b[0] == 16 && b[4] == 32);
    if (pl != 37) return -901;
    memcpy(cpub, b + 5, 32);
    mote_sha256_update(&t->th, b, 37);
    pl = client_record(t, &type, b);
    CHECK(pl == 1 && type == 20 && b[0] == 1);

    /* the server's view of the keys */
    CHECK(mote_x25519_shared(shared, t->x_priv, cpub) == MOTE_OK);
    {
        mote_sha256_ctx s = t->th;
        mote_sha256_final(&s, sh);
    }
    if (mode == NO_EMS) {
        uint8_t seed[64];
        memcpy(seed, t->cr, 32), memcpy(seed + 32, t->sr, 32);
        mote_tls12_prf(&mote_sha256_desc, shared, 32, "master secret", seed, 64, t->ms, 48);
    } else {
        mote_tls12_prf(&mote_sha256_desc, shared, 32, "extended master secret", sh, 32, t->ms, 48);
    }
    {
        uint8_t seed[64];
        memcpy(seed, t->sr, 32), memcpy(seed + 32, t->cr, 32);
        mote_tls12_prf(&mote_sha256_desc, t->ms, 48, "key expansion", seed, 64, kb, 40);
    }
    CHECK(mote_tls_cipher_init(&t->rd, MOTE_AEAD_AES128_GCM, 1, kb, kb + 32) == MOTE_OK);
    pl = client_record(t, &type, b);
    CHECK(pl == 16 && type == 22 && b[0] == 20 && b[3] == 12);
    if (pl != 16) return -902;
    mote_tls12_prf(&mote_sha256_desc, t->ms, 48, "client finished", sh, 32, d, 12);
    CHECK(memcmp(d, b + 4, 12) == 0);
    mote_sha256_update(&t->th, b, 16);

    /* ChangeCipherSpec, Finished */
    if (mode != NO_CCS) {
        static const uint8_t one = 1;
        put_record(t, 20, &one, 1);
    }
    CHECK(mote_tls_cipher_init(&t->wr, MOTE_AEAD_AES128_GCM, 1, kb + 16, kb + 36) == MOTE_OK);
    if (mode == TWO_CCS) { /* a second one, protected: still refused */
        static const uint8_t one = 1;
        put_record(t, 20, &one, 1);
    }
    {
        mote_sha256_ctx s = t->th;
        mote_sha256_final(&s, h);
    }
    rec[0] = 20, rec[1] = 0, rec[2] = 0, rec[3] = 12;
    mote_tls12_prf(&mote_sha256_desc, t->ms, 48, "server finished", h, 32, rec + 4, 12);
    if (mode == BAD_SFIN) rec[10] ^= 0x80;
    put_record(t, 22, rec, 16);
    return deliver(t);
}

/* Application data both ways, then a HelloRequest. */
static void exchange(T *t)
{
    uint8_t b[64], *w;
    const uint8_t *r;
    size_t n;
    uint8_t type;
    long pl;
    int alert_sent = 0;
    CHECK(mote_tls_status(&t->c) & MOTE_TLS_WRITE);
    CHECK(mote_tls_version(&t->c) == MOTE_TLS12);
    CHECK(mote_tls_group(&t->c) == MOTE_GROUP_X25519);
    CHECK(mote_tls_signature_scheme(&t->c) == MOTE_SIG_ECDSA_SECP256R1_SHA256);
    CHECK(mote_tls_max_fragment(&t->c) == sizeof t->out - 5 - 8 - 16);
    r = mote_tls_peer_cert(&t->c, &n); /* the leaf, copied as it streamed past */
    CHECK(r == t->peer && n == sizeof cert_der && memcmp(r, cert_der, n) == 0);
    w = mote_tls_write_buf(&t->c, &n);
    CHECK(w && n >= 5);
    if (!w) return;
    memcpy(w, "hello", 5);
    CHECK(mote_tls_write_done(&t->c, 5) == MOTE_OK);
    pl = client_record(t, &type, b);
    CHECK(pl == 5 && type == 23 && memcmp(b, "hello", 5) == 0);
    put_record(t, 23, (const uint8_t *)"world", 5);
    CHECK(deliver(t) == 0);
    r = mote_tls_read_buf(&t->c, &n);
    CHECK(r && n == 5 && memcmp(r, "world", 5) == 0);
    mote_tls_read_done(&t->c, n);
    /* renegotiation: refused with a warning, the connection goes on */
    put_hs(t, 0, NULL, 0);
    CHECK(deliver(t) == 0);
    pl = client_record(t, &type, b);
    CHECK(pl == 2 && type == 21 && b[0] == 1 && b[1] == 100);
    CHECK(mote_tls_alert(&t->c, &alert_sent) == 100 && alert_sent);
    CHECK(mote_tls_status(&t->c) & MOTE_TLS_WRITE);
    CHECK(mote_tls_key_update(&t->c, 0) == MOTE_ERR_BAD_INPUT); /* 1.3 only */
}

/* A ServerHello that must be refused with err (and its alert). */
static void refuse_sh(const char *what, uint16_t min, uint16_t max, const uint8_t *sr_tail,
                      uint16_t version, uint16_t suite, const uint8_t *exts, size_t exts_len,
                      int err, int alert)
{
    static T t;
    uint8_t b[256];
    size_t n = 0;
    int sent = 0, rc;
    t_init(&t, min, max, 0, NULL);
    memset(t.sr, 0x5a, 32);
    if (sr_tail) memcpy(t.sr + 24, sr_tail, 8);
    b[n++] = (uint8_t)(version >> 8), b[n++] = (uint8_t)version;
    memcpy(b + n, t.sr, 32), n += 32;
    if (exts == NULL) { /* echo our session id */
        b[n++] = (uint8_t)t.sid_len;
        memcpy(b + n, t.sid, t.sid_len), n += t.sid_len;
        exts = ext_good, exts_len = sizeof ext_good;
    } else {
        b[n++] = 0;
    }
    b[n++] = (uint8_t)(suite >> 8), b[n++] = (uint8_t)suite;
    b[n++] = 0;
    b[n++] = (uint8_t)(exts_len >> 8), b[n++] = (uint8_t)exts_len;
    memcpy(b + n, exts, exts_len), n += exts_len;
    put_hs(&t, 2, b, n);
    rc = deliver(&t);
    if (rc != err || mote_tls_alert(&t.c, &sent) != alert || !sent)
        fprintf(stderr, "refuse_sh %s: error %d alert %d\n", what, rc, mote_tls_alert(&t.c, NULL));
    CHECK(rc == err);
    CHECK(mote_tls_alert(&t.c, &sent) == alert && sent);
}

/* ---- resumption ---- */
#if MOTE_ENABLE_TLS_RESUMPTION

enum { RES_OK, RES_NST, RES_SUITE, RES_NO_EMS, RES_CERT };

static void make_session(mote_tls_session *s)
{
    uint8_t h[32];
    memset(s, 0, sizeof *s);
    s->version = MOTE_TLS12, s->suite = MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    s->secret_len = 48, s->flags = MOTE_SESSION_EMS, s->lifetime = 7200;
    memset(s->secret, 0x4d, 48);
    s->sid_len = 32;
    memset(s->session_id, 0xa7, 32);
    s->ticket_len = 20;
    memset(s->ticket, 0x71, 20);
    memset(s->peer_hash, 0x3c, 32);
    mote_sha256("localhost", 9, h);
    memcpy(s->name_hash, h, 16);
}

/* The server resumes the session the client offers (or misbehaves as the
 * mode says). Returns the client's error. */
static int resume(T *t, int mode)
{
    const mote_tls_session *s = t->cfg.session;
    uint8_t b[256], kb[40], h[32], d[12], rec[64];
    size_t n = 0;
    long pl;
    uint8_t type;
    uint16_t suite = mode == RES_SUITE ? MOTE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                                       : MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    int rc;
    CHECK(t->sid_len == 32 && memcmp(t->sid, s->session_id, 32) == 0); /* the session's id */
    {
        const uint8_t *e = ch_ext(t, 35, &n); /* and its ticket */
        CHECK(e && n == 20 && e[0] == 0x71);
    }
    memset(t->sr, 0x5b, 32);
    n = 0;
    b[n++] = 3, b[n++] = 3;
    memcpy(b + n, t->sr, 32), n += 32;
    b[n++] = 32;
    memcpy(b + n, t->sid, 32), n += 32; /* echoed: resumed */
    b[n++] = (uint8_t)(suite >> 8), b[n++] = (uint8_t)suite, b[n++] = 0;
    if (mode == RES_NO_EMS) {
        b[n++] = 0, b[n++] = sizeof ext_no_ems;
        memcpy(b + n, ext_no_ems, sizeof ext_no_ems), n += sizeof ext_no_ems;
    } else {
        b[n++] = 0, b[n++] = sizeof ext_good + (mode == RES_NST ? 4 : 0);
        memcpy(b + n, ext_good, sizeof ext_good), n += sizeof ext_good;
        if (mode == RES_NST) b[n++] = 0, b[n++] = 35, b[n++] = 0, b[n++] = 0; /* SessionTicket */
    }
    put_hs(t, 2, b, n);
    if (mode == RES_CERT) { /* a certificate has no place here */
        n = 0;
        b[n++] = 0, b[n++] = 0, b[n++] = 0;
        put_hs(t, 11, b, n);
    }
    if (mode == RES_NST) { /* lifetime hint 300 s, a 30-byte ticket */
        n = 0;
        b[n++] = 0, b[n++] = 0, b[n++] = 1, b[n++] = 0x2c, b[n++] = 0, b[n++] = 30;
        memset(b + n, 0x99, 30), n += 30;
        put_hs(t, 4, b, n);
    }
    {
        uint8_t seed[64];
        memcpy(seed, t->sr, 32), memcpy(seed + 32, t->cr, 32);
        mote_tls12_prf(&mote_sha256_desc, s->secret, 48, "key expansion", seed, 64, kb, 40);
    }
    {
        static const uint8_t one = 1;
        put_record(t, 20, &one, 1);
    }
    CHECK(mote_tls_cipher_init(&t->wr, MOTE_AEAD_AES128_GCM, 1, kb + 16, kb + 36) == MOTE_OK);
    {
        mote_sha256_ctx c = t->th;
        mote_sha256_final(&c, h);
    }
    rec[0] = 20, rec[1] = 0, rec[2] = 0, rec[3] = 12;
    mote_tls12_prf(&mote_sha256_desc, s->secret, 48, "server finished", h, 32, rec + 4, 12);
    put_record(t, 22, rec, 16);
    mote_sha256_update(&t->th, rec, 16);
    rc = deliver(t);
    if (rc) return rc;
    /* the client answers: ChangeCipherSpec, Finished over ours too */
    pl = client_record(t, &type, b);
    CHECK(pl == 1 && type == 20 && b[0] == 1);
    CHECK(mote_tls_cipher_init(&t->rd, MOTE_AEAD_AES128_GCM, 1, kb, kb + 32) == MOTE_OK);
    pl = client_record(t, &type, b);
    CHECK(pl == 16 && type == 22 && b[0] == 20 && b[3] == 12);
    {
        mote_sha256_ctx c = t->th;
        mote_sha256_final(&c, h);
    }
    mote_tls12_prf(&mote_sha256_desc, s->secret, 48, "client finished", h, 32, d, 12);
    CHECK(pl == 16 && memcmp(d, b + 4, 12) == 0);
    return 0;
}

static void test_resumption(void)
{
    static T t;
    static mote_tls_session sess;
    uint8_t ms[48];
    size_t n;
    t_session = &sess;
    memset(ms, 0x4d, 48);

    make_session(&sess);
    t_init(&t, 0, 0, 0, NULL);
    CHECK(resume(&t, RES_OK) == 0);
    CHECK(mote_tls_resumed(&t.c) == 1 && mote_tls_tickets(&t.c) == 0);
    CHECK(mote_tls_cipher_suite(&t.c) == MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    CHECK(mote_tls_peer_cert(&t.c, &n) == NULL); /* no certificate came */
    CHECK(sess.version == MOTE_TLS12 && sess.ticket_len == 20 && sess.sid_len == 32);
    { /* application data flows under the resumed keys */
        uint8_t b[64], *w = mote_tls_write_buf(&t.c, &n), type;
        long pl;
        CHECK(w && n >= 2);
        if (w) {
            memcpy(w, "hi", 2);
            CHECK(mote_tls_write_done(&t.c, 2) == MOTE_OK);
        }
        pl = client_record(&t, &type, b);
        CHECK(pl == 2 && type == 23 && memcmp(b, "hi", 2) == 0);
    }

    /* renewed by a NewSessionTicket: stored with the same master secret */
    make_session(&sess);
    t_init(&t, 0, 0, 0, NULL);
    t.chunk = 1; /* byte by byte */
    CHECK(resume(&t, RES_NST) == 0);
    CHECK(mote_tls_resumed(&t.c) == 1 && mote_tls_tickets(&t.c) == 1);
    CHECK(sess.ticket_len == 30 && sess.ticket[0] == 0x99 && sess.lifetime == 300);
    CHECK(sess.secret_len == 48 && memcmp(sess.secret, ms, 48) == 0);
    CHECK(sess.sid_len == 32 && sess.session_id[0] == 0xa7 && (sess.flags & MOTE_SESSION_EMS));
    CHECK(sess.peer_hash[0] == 0x3c); /* the identity of the original handshake */

    /* refusals */
    make_session(&sess);
    t_init(&t, 0, 0, 0, NULL);
    CHECK(resume(&t, RES_SUITE) == MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    make_session(&sess);
    t_init(&t, 0, 0, 0, NULL);
    CHECK(resume(&t, RES_NO_EMS) == MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    make_session(&sess);
    t_init(&t, 0, 0, 0, NULL);
    CHECK(resume(&t, RES_CERT) == MOTE_ERR_TLS_UNEXPECTED_MESSAGE);

    /* a session for another name, or expired, is not offered */
    make_session(&sess);
    sess.name_hash[0] ^= 1;
    t_init(&t, 0, 0, 0, NULL);
    CHECK(t.sid_len == 32 && t.sid[0] != 0xa7 && ch_ext(&t, 35, &n) && n == 0);
    make_session(&sess);
    sess.received_ms = 1000;
    t_session = &sess;
    {
        static T u;
        memset(&u, 0, sizeof u);
        t_init(&u, 0, 0, 0, NULL); /* now_ms 0: no clock, offered */
        CHECK(u.sid[0] == 0xa7);
    }
    t_session = NULL;
}
#endif

int main(void)
{
    static T t;
    static const uint8_t sentinel[8] = {'D', 'O', 'W', 'N', 'G', 'R', 'D', 1};
    static const uint16_t gcm128[] = {MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, 0};
    static const uint16_t dhe[] = {MOTE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, 0};
    const uint16_t S = MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    const uint8_t *e;
    size_t n;
    int mode;

    /* The printable names (names.c's table): each list's own numbers only */
    CHECK(!strcmp(mote_tls_suite_name(MOTE_TLS_AES_128_GCM_SHA256), "TLS_AES_128_GCM_SHA256"));
    CHECK(!strcmp(mote_tls_suite_name(MOTE_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384),
                  "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"));
    CHECK(!strcmp(mote_tls_suite_name(MOTE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256),
                  "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
#if MOTE_ENABLE_CBC && MOTE_ENABLE_TLS12_RSA_KEX
    CHECK(!strcmp(mote_tls_suite_name(MOTE_TLS_RSA_WITH_AES_256_GCM_SHA384),
                  "TLS_RSA_WITH_AES_256_GCM_SHA384"));
    CHECK(!strcmp(mote_tls_suite_name(MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA),
                  "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));
#endif
    CHECK(!strcmp(mote_tls_suite_name(0), "(none)"));
    CHECK(!strcmp(mote_tls_suite_name(MOTE_GROUP_X25519), "(none)"));
    CHECK(!strcmp(mote_tls_group_name(MOTE_GROUP_X25519), "x25519"));
    CHECK(!strcmp(mote_tls_group_name(MOTE_GROUP_FFDHE2048), "ffdhe2048"));
    CHECK(!strcmp(mote_tls_group_name(MOTE_SIG_ED25519), "(none)"));
    CHECK(!strcmp(mote_tls_sig_name(MOTE_SIG_RSA_PKCS1_SHA256), "rsa_pkcs1_sha256"));
    CHECK(!strcmp(mote_tls_sig_name(MOTE_SIG_RSA_PSS_PSS_SHA512), "rsa_pss_pss_sha512"));
    CHECK(!strcmp(mote_tls_sig_name(MOTE_TLS_AES_128_GCM_SHA256), "(none)"));

    /* The ClientHello offers 1.3 and 1.2 with the 1.2 extensions. */
    t_init(&t, 0, 0, 0, NULL);
    e = ch_ext(&t, 43, &n);
    CHECK(e && n == 5 && e[0] == 4 && e[1] == 3 && e[2] == 4 && e[3] == 3 && e[4] == 3);
    e = ch_ext(&t, 23, &n);
    CHECK(e && n == 0);
    e = ch_ext(&t, 65281, &n);
    CHECK(e && n == 1 && e[0] == 0);
    e = ch_ext(&t, 11, &n);
    CHECK(e && n == 2 && e[0] == 1 && e[1] == 0);
    CHECK(ch_ext(&t, 51, &n) != NULL);
    e = ch_ext(&t, 28, &n); /* 1053 - 5 - 8 - 16: the 1.2 limit, smaller than 1.3's */
    CHECK(e && n == 2 && e[0] == 0x04 && e[1] == 0x00);
    CHECK(t.sid_len == 32);
    CHECK(ch_has_suite(&t, MOTE_TLS_AES_128_GCM_SHA256));
    CHECK(ch_has_suite(&t, MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256));
    CHECK(ch_has_suite(&t, MOTE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256));
    CHECK(ch_has_suite(&t, MOTE_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384));
    /* TLS 1.2 only: no supported_versions, no key share, no session id filler */
    t_init(&t, MOTE_TLS12, MOTE_TLS12, 0, NULL);
    CHECK(ch_ext(&t, 43, &n) == NULL && ch_ext(&t, 51, &n) == NULL && t.sid_len == 0);
    CHECK(!ch_has_suite(&t, MOTE_TLS_AES_128_GCM_SHA256));
    CHECK(ch_has_suite(&t, MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
    /* TLS 1.3 only: no 1.2 suite or extension */
    t_init(&t, MOTE_TLS13, MOTE_TLS13, 0, NULL);
    CHECK(ch_ext(&t, 23, &n) == NULL && !ch_has_suite(&t, S));
    e = ch_ext(&t, 43, &n);
    CHECK(e && n == 3);
    /* nothing to offer */
    {
        static mote_tls_conn c;
        static uint8_t in[600], out[600];
        mote_tls_config cfg;
        mote_drbg_ctx rng;
        uint8_t seed[48] = {1};
        (void)mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0);
        memset(&cfg, 0, sizeof cfg);
        cfg.rng = &rng, cfg.flags = MOTE_TLS_NO_VERIFY;
        cfg.min_version = MOTE_TLS13, cfg.max_version = MOTE_TLS12;
        CHECK(mote_tls_client_init(&c, &cfg, in, sizeof in, out, sizeof out) == MOTE_ERR_BAD_INPUT);
        cfg.min_version = cfg.max_version = MOTE_TLS12;
        cfg.cipher_suites = dhe + 1; /* empty list */
        CHECK(mote_tls_client_init(&c, &cfg, in, sizeof in, out, sizeof out) == MOTE_ERR_BAD_INPUT);
    }

    /* Full handshakes, whole and byte by byte. */
    for (mode = 0; mode < 2; mode++) {
        t_init(&t, 0, 0, 0, NULL);
        t.chunk = mode ? 1 : 100000;
        CHECK(handshake(&t, OK_FULL, S) == 0);
        exchange(&t);
    }
    /* without verification the verdict is the validator's first error
     * (the self-signed leaf, no anchors): no time, the host name, only then
     * the missing issuer */
    t_init(&t, 0, 0, 0, NULL);
    CHECK(handshake(&t, OK_FULL, S) == 0);
    CHECK(mote_tls_verify_result(&t.c) == MOTE_ERR_X509_NO_TIME);
    t_init(&t, 0, 0, MOTE_TLS_NO_TIME_CHECK, NULL);
    t.cfg.server_name = "wrong.example";
    CHECK(handshake(&t, OK_FULL, S) == 0);
    CHECK(mote_tls_verify_result(&t.c) == MOTE_ERR_X509_NAME_MISMATCH);
    t_init(&t, 0, 0, MOTE_TLS_NO_TIME_CHECK, NULL);
    CHECK(handshake(&t, OK_FULL, S) == 0);
    CHECK(mote_tls_verify_result(&t.c) == MOTE_ERR_X509_UNKNOWN_ISSUER);
    t_init(&t, 0, 0, 0, gcm128);
    CHECK(handshake(&t, CERT_REQ, S) == 0);
    exchange(&t);
    /* the application ends the connection: its alert goes out, the error sticks */
    {
        uint8_t rec[64], type;
        int sent = 0;
        t_init(&t, 0, 0, 0, NULL);
        CHECK(handshake(&t, OK_FULL, S) == 0);
        CHECK(mote_tls_abort(&t.c, MOTE_ERR_TLS_BAD_CERTIFICATE) == MOTE_ERR_TLS_BAD_CERTIFICATE);
        CHECK(client_record(&t, &type, rec) == 2 && type == 21 && rec[0] == 2 && rec[1] == 42);
        CHECK(mote_tls_status(&t.c) & MOTE_TLS_CLOSED);
        CHECK(mote_tls_error(&t.c) == MOTE_ERR_TLS_BAD_CERTIFICATE);
        CHECK(mote_tls_alert(&t.c, &sent) == 42 && sent);
        CHECK(mote_tls_abort(&t.c, MOTE_ERR_TLS_DECODE) == MOTE_ERR_TLS_BAD_CERTIFICATE);
        t_init(&t, 0, 0, 0, NULL); /* before any answer; no error code: internal_error */
        CHECK(mote_tls_abort(&t.c, 0) == MOTE_ERR_TLS_INTERNAL);
        CHECK(client_record(&t, &type, rec) == 2 && type == 21 && rec[0] == 2 && rec[1] == 80);
    }
    /* a certificate buffer too small: nothing kept, the size it needed told */
    t_init(&t, 0, 0, 0, NULL);
    t.cfg.peer_cert_size = sizeof cert_der - 1;
    CHECK(handshake(&t, OK_FULL, S) == 0);
    CHECK(mote_tls_peer_cert(&t.c, &n) == NULL && n == sizeof cert_der);
    t.cfg.peer_cert_buf = NULL, t.cfg.peer_cert_size = 0;
    CHECK(mote_tls_peer_cert(&t.c, &n) == NULL && n == sizeof cert_der);
    /* without extended master secret: only when allowed */
    t_init(&t, 0, 0, MOTE_TLS_ALLOW_NO_EMS, NULL);
    CHECK(handshake(&t, NO_EMS, S) == 0);
    exchange(&t);
    t_init(&t, 0, 0, 0, NULL);
    CHECK(handshake(&t, NO_EMS, S) == MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    /* the downgrade sentinel is no alarm when 1.3 was not offered */
    t_init(&t, MOTE_TLS12, MOTE_TLS12, 0, NULL);
    CHECK(handshake(&t, OK_FULL, S) == 0);
    exchange(&t);

    /* Failures after the ServerHello. */
    t_init(&t, 0, 0, 0, NULL);
    CHECK(handshake(&t, BAD_SKE_SIG, S) == MOTE_ERR_TLS_DECRYPT_ERROR);
    t_init(&t, 0, 0, 0, NULL);
    CHECK(handshake(&t, BAD_SFIN, S) == MOTE_ERR_TLS_DECRYPT_ERROR);
    t_init(&t, 0, 0, 0, NULL);
    CHECK(handshake(&t, NO_CCS, S) == MOTE_ERR_TLS_UNEXPECTED_MESSAGE);
    t_init(&t, 0, 0, 0, NULL);
    CHECK(handshake(&t, TWO_CCS, S) == MOTE_ERR_TLS_UNEXPECTED_MESSAGE);
    t_init(&t, 0, 0, 0, NULL);
    CHECK(handshake(&t, SKE_CURVE, S) == MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    t_init(&t, 0, 0, 0, dhe);
    CHECK(handshake(&t, SKE_DHE, MOTE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256) ==
          MOTE_ERR_TLS_HANDSHAKE_FAILURE);
    CHECK(mote_tls_alert(&t.c, NULL) == 40);

    /* ServerHellos that must be refused. */
    {
        static const uint8_t ri_full[] = {0x00, 0x17, 0, 0, 0xff, 0x01, 0, 2, 1, 0};
        static const uint8_t no_ri[] = {0x00, 0x17, 0, 0};
        static const uint8_t sv12[] = {0x00, 0x17, 0, 0, 0xff, 0x01, 0, 1, 0, 0, 43, 0, 2, 3, 3};
        static const uint8_t ticket[] = {0x00, 0x17, 0, 0, 0xff, 0x01, 0, 1, 0, 0, 35, 0, 0};
        static const uint8_t ecpf[] = {0x00, 0x17, 0, 0, 0xff, 0x01, 0, 1, 0, 0, 11, 0, 2, 1, 1};
        static const uint8_t dup[] = {0x00, 0x17, 0, 0, 0x00, 0x17, 0, 0, 0xff, 0x01, 0, 1, 0};
        refuse_sh("sentinel", 0, 0, sentinel, 0x0303, S, ext_good, sizeof ext_good,
                  MOTE_ERR_TLS_ILLEGAL_PARAMETER, 47);
        refuse_sh("no ems", 0, 0, NULL, 0x0303, S, ext_no_ems, sizeof ext_no_ems,
                  MOTE_ERR_TLS_HANDSHAKE_FAILURE, 40);
        refuse_sh("no ri", 0, 0, NULL, 0x0303, S, no_ri, sizeof no_ri,
                  MOTE_ERR_TLS_HANDSHAKE_FAILURE, 40);
        refuse_sh("ri not empty", 0, 0, NULL, 0x0303, S, ri_full, sizeof ri_full,
                  MOTE_ERR_TLS_HANDSHAKE_FAILURE, 40);
        refuse_sh("sv 1.2", 0, 0, NULL, 0x0303, S, sv12, sizeof sv12,
                  MOTE_ERR_TLS_ILLEGAL_PARAMETER, 47);
        refuse_sh("ticket", 0, 0, NULL, 0x0303, S, ticket, sizeof ticket,
                  MOTE_ERR_TLS_UNSUPPORTED_EXTENSION, 110);
        refuse_sh("point format", 0, 0, NULL, 0x0303, S, ecpf, sizeof ecpf,
                  MOTE_ERR_TLS_ILLEGAL_PARAMETER, 47);
        refuse_sh("duplicate", 0, 0, NULL, 0x0303, S, dup, sizeof dup,
                  MOTE_ERR_TLS_ILLEGAL_PARAMETER, 47);
        refuse_sh("rsa kx", 0, 0, NULL, 0x0303, 0x009c, ext_good, sizeof ext_good,
                  MOTE_ERR_TLS_ILLEGAL_PARAMETER, 47);
        refuse_sh("1.3 suite", 0, 0, NULL, 0x0303, MOTE_TLS_AES_128_GCM_SHA256, ext_good,
                  sizeof ext_good, MOTE_ERR_TLS_ILLEGAL_PARAMETER, 47);
        refuse_sh("tls 1.1", 0, 0, NULL, 0x0302, S, ext_good, sizeof ext_good,
                  MOTE_ERR_TLS_PROTOCOL_VERSION, 70);
        refuse_sh("min 1.3", MOTE_TLS13, 0, NULL, 0x0303, S, ext_good, sizeof ext_good,
                  MOTE_ERR_TLS_PROTOCOL_VERSION, 70);
        refuse_sh("session id echo", 0, 0, NULL, 0x0303, S, NULL, 0, MOTE_ERR_TLS_ILLEGAL_PARAMETER,
                  47);
    }
    /* a ChangeCipherSpec before our flight, a HelloRequest mid-handshake */
    {
        static const uint8_t one = 1;
        t_init(&t, 0, 0, 0, NULL);
        memset(t.sr, 0x5a, 32);
        server_hello(&t, S, ext_good, sizeof ext_good);
        put_record(&t, 20, &one, 1);
        CHECK(deliver(&t) == MOTE_ERR_TLS_UNEXPECTED_MESSAGE);
        t_init(&t, 0, 0, 0, NULL);
        server_hello(&t, S, ext_good, sizeof ext_good);
        put_hs(&t, 0, NULL, 0);
        CHECK(deliver(&t) == MOTE_ERR_TLS_UNEXPECTED_MESSAGE);
    }
#if MOTE_ENABLE_TLS_RESUMPTION
    test_resumption();
#else
    printf("tls12: resumption skipped (built with MOTE_ENABLE_TLS_RESUMPTION=0)\n");
#endif
    return test_done("tls12");
}
