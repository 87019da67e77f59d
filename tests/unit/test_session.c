/* Sessions and PSK binders: the key schedule pieces of resumption against
 * RFC 8448 section 4 (resumed 0-RTT handshake: the ticket's PSK from the
 * resumption master secret and nonce, the binder over the truncated
 * ClientHello), the serialised session (round trip, every single-byte
 * corruption, truncation, a foreign format version), and a resumed TLS 1.3
 * handshake against a server scripted here from the key schedule: the
 * ClientHello's pre_shared_key (identity, obfuscated age, binder over the
 * truncated hello) and psk_ke offer, a ServerHello taking the PSK with no
 * key share, EncryptedExtensions and Finished only, our Finished, then a
 * NewSessionTicket stored in the session with its PSK; and the refusals
 * (another identity, a suite of another hash, a Certificate); and the same
 * with 0-RTT data (early_data, the data under the early keys,
 * EndOfEarlyData before our Finished). */
#include <string.h>

#include "mote/hash.h"
#include "mote/mac.h"
#include "mote/session.h"
#include "test.h"
#include "tls/cipher.h"
#include "tls/keysched.h"

#if MOTE_ENABLE_TLS_RESUMPTION && MOTE_ENABLE_TLS_PSK

/* RFC 8448 4: the ClientHello up to (not including) its binders list */
static const char ch_prefix[] =
    "010001fc03031bc3ceb6bbe39cff938355b5a50adb6db21b7a6af649d7b4bc419d787648"
    "7d95000006130113031302010001cd0000000b0009000006736572766572ff0100010000"
    "0a00140012001d00170018001901000101010201030104003300260024001d0020e4ffb6"
    "8ac05f8d96c99da26698346c6be16482badddafe051a66b4f18d668f0b002a0000002b00"
    "03020304000d0020001e0403050306030203080408050806040105010601020104020502"
    "06020202002d00020101001c000240010015005700000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000000000"
    "2900dd00b800b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a34cb33fa"
    "90bf1b0070ad3c498883c9367c09a2be785abc55cd226097a3a982117283f82a03a143ef"
    "d3ff5dd36d64e861be7fd61d2827db279cce145077d454a3664d4e6da4d29ee03725a6a4"
    "dafcd0fc67d2aea70529513e3da2677fa5906c5b3f7d8f92f228bda40dda721470f9fbf2"
    "97b5aea617646fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093"
    "934ae4d357fad6aacb";

static void test_rfc8448(void)
{
    uint8_t rms[32], nonce[2] = {0, 0}, psk[32], th[32], binder[32], ch[477];
    CHECK(test_unhex("7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c", rms,
                     sizeof rms) == 32);
    mote_tls13_ticket_psk(&mote_sha256_desc, rms, nonce, sizeof nonce, psk);
    CHECK_HEX(psk, 32, "4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3");
    CHECK(test_unhex(ch_prefix, ch, sizeof ch) == 477);
    mote_sha256(ch, sizeof ch, th);
    CHECK_HEX(th, 32, "63224b2e4573f2d3454ca84b9d009a04f6be9e05711a8396473aefa01e924a14");
    mote_tls13_binder(&mote_sha256_desc, psk, sizeof psk, 0, th, binder);
    CHECK_HEX(binder, 32, "3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d");
    /* the external label gives another binder */
    {
        uint8_t res[32];
        memcpy(res, binder, 32);
        mote_tls13_binder(&mote_sha256_desc, psk, sizeof psk, 1, th, binder);
        CHECK(memcmp(res, binder, 32) != 0);
    }
}

static void fill(mote_tls_session *s, uint16_t version, size_t ticket_len)
{
    size_t i;
    memset(s, 0, sizeof *s);
    s->version = version;
    s->suite = version == MOTE_TLS13 ? MOTE_TLS_AES_128_GCM_SHA256
                                     : MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    s->secret_len = version == MOTE_TLS13 ? 32 : 48;
    for (i = 0; i < s->secret_len; i++)
        s->secret[i] = (uint8_t)(i * 7 + 1);
    if (version == MOTE_TLS12) {
        s->sid_len = 32;
        memset(s->session_id, 0x5a, 32);
        s->flags = MOTE_SESSION_EMS;
    }
    s->ticket_len = (uint16_t)ticket_len;
    for (i = 0; i < ticket_len; i++)
        s->ticket[i] = (uint8_t)(i ^ 0xa5);
    s->lifetime = 7200, s->age_add = 0xdeadbeef, s->max_early_data = 16384;
    s->received_ms = 1700000000123ull;
    memset(s->name_hash, 0x11, 16);
    memset(s->peer_hash, 0x22, 32);
    memcpy(s->alpn, "mqtt", 4), s->alpn_len = 4;
}

static void test_serialise(uint16_t version, size_t ticket_len)
{
    static mote_tls_session s, t;
    static uint8_t buf[MOTE_SESSION_SAVE_MAX + 8];
    size_t len = 0, i;
    fill(&s, version, ticket_len);
    CHECK(mote_tls_session_save(&s, buf, sizeof buf, &len) == MOTE_OK);
    CHECK(len <= MOTE_SESSION_SAVE_MAX);
    CHECK(len == 4 + 30 + s.secret_len + s.sid_len + 16 + 32 + 4 + ticket_len + 16);
    CHECK(mote_tls_session_save(&s, buf, len - 1, &i) == MOTE_ERR_BAD_INPUT && i == 0);
    memset(&t, 0xee, sizeof t);
    CHECK(mote_tls_session_load(&t, buf, len) == MOTE_OK);
    CHECK(memcmp(&s, &t, sizeof s) == 0); /* every field, unused bytes zero */
    for (i = 0; i < len; i++) {           /* every single-byte corruption is caught */
        int rc;
        buf[i] ^= 0x01;
        rc = mote_tls_session_load(&t, buf, len);
        CHECK(rc == MOTE_ERR_ENCODING || (i == 3 && rc == MOTE_ERR_UNSUPPORTED));
        buf[i] ^= 0x01;
        buf[i] ^= 0x80;
        CHECK(mote_tls_session_load(&t, buf, len) < 0);
        buf[i] ^= 0x80;
    }
    for (i = 0; i < len; i++) /* every truncation */
        CHECK(mote_tls_session_load(&t, buf, i) == MOTE_ERR_ENCODING);
    CHECK(t.version == 0 && t.secret_len == 0); /* a failed load leaves it empty */
    buf[3] = 2;                                 /* another format version */
    CHECK(mote_tls_session_load(&t, buf, len) == MOTE_ERR_UNSUPPORTED);
    buf[3] = 1;
    CHECK(mote_tls_session_load(&t, buf, len) == MOTE_OK);
    buf[len] = 0; /* trailing garbage */
    CHECK(mote_tls_session_load(&t, buf, len + 1) == MOTE_ERR_ENCODING);
    CHECK(mote_tls_session_load(&t, (const uint8_t *)"not a session at all", 20) ==
          MOTE_ERR_ENCODING);
    mote_tls_session_wipe(&s);
    for (i = 0; i < sizeof s; i++)
        if (((uint8_t *)&s)[i]) break;
    CHECK(i == sizeof s);
    CHECK(mote_tls_session_save(&s, buf, sizeof buf, &len) == MOTE_ERR_BAD_INPUT);
}

/* ---- a scripted TLS 1.3 server resuming a session (psk_ke) ---- */

enum { PSK_OK, PSK_WRONG_ID, PSK_SHA384, PSK_CERT, PSK_EARLY };

typedef struct {
    mote_tls_config cfg;
    mote_drbg_ctx rng;
    mote_tls_conn c;
    mote_tls_session sess;
    uint8_t in[1053], out[1053];
    uint8_t wire[2048];
    size_t wire_len;
    mote_sha256_ctx th;
    mote_tls_cipher wr, rd; /* server side */
    mote_tls_cipher early;  /* the client's 0-RTT keys, server side */
} P;

static void th_now(const P *p, uint8_t *h)
{
    mote_sha256_ctx t = p->th;
    mote_sha256_final(&t, h);
}

static void put_rec(P *p, uint8_t type, const uint8_t *msg, size_t len)
{
    uint8_t *rec = p->wire + p->wire_len;
    if (type == 22) mote_sha256_update(&p->th, msg, len);
    rec[1] = 3, rec[2] = 3;
    memcpy(rec + 5, msg, len);
    if (!p->wr.aead) {
        rec[0] = type, rec[3] = (uint8_t)(len >> 8), rec[4] = (uint8_t)len;
        p->wire_len += 5 + len;
        return;
    }
    rec[0] = 23, rec[5 + len] = type;
    p->wire_len += (size_t)mote_tls_cipher_seal(&p->wr, rec, len + 1, 0);
}

static int deliver(P *p)
{
    size_t pos = 0;
    int guard = 0;
    while (pos < p->wire_len && ++guard < 10000) {
        unsigned st = mote_tls_status(&p->c);
        size_t room, n;
        uint8_t *dst;
        if (st & MOTE_TLS_CLOSED) break;
        if (st & MOTE_TLS_STEP) {
            (void)mote_tls_step(&p->c);
            continue;
        }
        dst = mote_tls_recv_buf(&p->c, &room);
        if (!dst) break;
        n = p->wire_len - pos < room ? p->wire_len - pos : room;
        memcpy(dst, p->wire + pos, n);
        pos += n;
        (void)mote_tls_recv_done(&p->c, n);
    }
    while (mote_tls_status(&p->c) & MOTE_TLS_STEP)
        (void)mote_tls_step(&p->c);
    p->wire_len = 0;
    return mote_tls_error(&p->c);
}

static int psk_handshake(P *p, int mode)
{
    static const uint8_t ticket_psk[32] = {0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e,
                                           0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e,
                                           0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e,
                                           0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e, 0x4e};
    const mote_hash_desc *hd = &mote_sha256_desc;
    uint8_t seed[48], h[32], h_sf[32], c_hs[32], s_hs[32], bin[32], msg[256], *rec, *plain = NULL;
    const uint8_t *ch, *e;
    size_t n, ch_len, at, end, plen = 0;
    mote_tls13_ks ks;
    int rc;

    memset(p, 0, sizeof *p);
    memset(seed, 9, sizeof seed);
    (void)mote_drbg_seed(&p->rng, seed, sizeof seed, NULL, 0);
    p->sess.version = MOTE_TLS13, p->sess.suite = MOTE_TLS_AES_128_GCM_SHA256;
    p->sess.secret_len = 32;
    memcpy(p->sess.secret, ticket_psk, 32);
    p->sess.ticket_len = 48;
    memset(p->sess.ticket, 0x77, 48);
    p->sess.lifetime = 7200, p->sess.age_add = 0x01000000, p->sess.received_ms = 1000;
    memset(p->sess.peer_hash, 0x3c, 32);
    mote_sha256("localhost", 9, h);
    memcpy(p->sess.name_hash, h, 16);
    p->cfg.server_name = "localhost";
    p->cfg.rng = &p->rng;
    p->cfg.flags = MOTE_TLS_NO_VERIFY | MOTE_TLS_NO_MIDDLEBOX | MOTE_TLS_PSK_KE;
    p->cfg.min_version = p->cfg.max_version = MOTE_TLS13;
    p->cfg.session = &p->sess;
    p->cfg.now_ms = 6000; /* the ticket is 5 s old */
    if (mode == PSK_EARLY) {
        p->cfg.early_data = (const uint8_t *)"0rtt", p->cfg.early_data_len = 4;
        p->sess.max_early_data = 1024;
    }
    mote_sha256_init(&p->th);
    CHECK(mote_tls_client_init(&p->c, &p->cfg, p->in, sizeof p->in, p->out, sizeof p->out) ==
          MOTE_OK);

    /* the ClientHello: pre_shared_key last, psk_ke, an empty key_share */
    ch = mote_tls_send_buf(&p->c, &n);
    CHECK(ch && n > 5 + 4 + 38);
    if (!ch || n <= 5 + 4 + 38) return -900;
    ch_len = ((size_t)ch[3] << 8) | ch[4], ch += 5;
    CHECK(n == 5 + ch_len + (mode == PSK_EARLY ? 5 + 4 + 1 + 16 : 0)); /* [0-RTT record] */
    at = 4 + 2 + 32;
    at += 1 + ch[at];
    at += 2 + (((size_t)ch[at] << 8) | ch[at + 1]);
    at += 1 + ch[at];
    end = at + 2 + (((size_t)ch[at] << 8) | ch[at + 1]), at += 2;
    CHECK(end == ch_len);
    e = NULL;
    while (at + 4 <= end) {
        uint16_t ty = (uint16_t)((ch[at] << 8) | ch[at + 1]);
        size_t el = ((size_t)ch[at + 2] << 8) | ch[at + 3];
        if (ty == 45) CHECK(el == 2 && ch[at + 4] == 1 && ch[at + 5] == 0); /* psk_ke only */
        if (ty == 51) CHECK(el == 2 && ch[at + 4] == 0 && ch[at + 5] == 0); /* no share */
        if (ty == 42) CHECK(mode == PSK_EARLY && el == 0);                  /* early_data */
        if (ty == 41) {                                                     /* the last one */
            e = ch + at + 4;
            CHECK(at + 4 + el == end);
        }
        at += 4 + el;
    }
    CHECK(e != NULL);
    if (!e) return -901;
    /* identities<2>: identity<2> = the ticket, obfuscated age = 5000 + age_add */
    CHECK(e[0] == 0 && e[1] == 2 + 48 + 4 && e[2] == 0 && e[3] == 48 && e[4] == 0x77);
    CHECK(e[4 + 48] == 0x01 && e[5 + 48] == 0 && e[6 + 48] == 0x13 && e[7 + 48] == 0x88);
    /* binders<2>: binder<1>, over the hello up to the binders */
    CHECK(e[56] == 0 && e[57] == 33 && e[58] == 32);
    mote_sha256(ch, (size_t)(e + 56 - ch), h);
    mote_tls13_binder(hd, ticket_psk, 32, 0, h, bin);
    CHECK(memcmp(bin, e + 59, 32) == 0);
    mote_sha256_update(&p->th, ch, ch_len);
    if (mode == PSK_EARLY) { /* the 0-RTT record, under client_early_traffic_secret */
        uint8_t e_secret[32];
        rec = (uint8_t *)(uintptr_t)(ch + ch_len);
        th_now(p, h);
        mote_tls13_ks_early(&ks, hd, ticket_psk, 32);
        mote_tls13_ks_derive(&ks, "c e traffic", h, e_secret);
        CHECK(mote_tls13_traffic_keys(hd, e_secret, MOTE_AEAD_AES128_GCM, &p->early) == MOTE_OK);
        CHECK(rec[0] == 23 &&
              mote_tls_cipher_open(&p->early, rec, 4 + 1 + 16, 0, &plain, &plen) == MOTE_OK);
        CHECK(plen == 5 && memcmp(plain, "0rtt", 4) == 0 && plain[4] == 23);
    }
    mote_tls_send_done(&p->c, n);

    /* ServerHello: our identity, no key share */
    n = 0;
    msg[n++] = 2, msg[n++] = 0, msg[n++] = 0, msg[n++] = 0;
    msg[n++] = 3, msg[n++] = 3;
    memset(msg + n, 0x21, 32), n += 32;
    msg[n++] = 0;
    msg[n++] = 0x13, msg[n++] = mode == PSK_SHA384 ? 0x02 : 0x01, msg[n++] = 0;
    msg[n++] = 0, msg[n++] = 12;
    msg[n++] = 0, msg[n++] = 43, msg[n++] = 0, msg[n++] = 2, msg[n++] = 3, msg[n++] = 4;
    msg[n++] = 0, msg[n++] = 41, msg[n++] = 0, msg[n++] = 2, msg[n++] = 0;
    msg[n++] = mode == PSK_WRONG_ID ? 1 : 0;
    msg[3] = (uint8_t)(n - 4);
    put_rec(p, 22, msg, n);
    th_now(p, h);
    mote_tls13_ks_early(&ks, hd, ticket_psk, 32);
    mote_tls13_ks_handshake(&ks, NULL, 0);
    mote_tls13_ks_derive(&ks, "c hs traffic", h, c_hs);
    mote_tls13_ks_derive(&ks, "s hs traffic", h, s_hs);
    CHECK(mote_tls13_traffic_keys(hd, s_hs, MOTE_AEAD_AES128_GCM, &p->wr) == MOTE_OK);
    CHECK(mote_tls13_traffic_keys(hd, c_hs, MOTE_AEAD_AES128_GCM, &p->rd) == MOTE_OK);
    /* EncryptedExtensions (empty, or early_data), [Certificate], Finished */
    if (mode == PSK_EARLY) {
        static const uint8_t ee[10] = {8, 0, 0, 6, 0, 4, 0, 42, 0, 0};
        put_rec(p, 22, ee, sizeof ee);
    } else {
        msg[0] = 8, msg[1] = 0, msg[2] = 0, msg[3] = 2, msg[4] = 0, msg[5] = 0;
        put_rec(p, 22, msg, 6);
    }
    if (mode == PSK_CERT) {
        static const uint8_t cert[8] = {11, 0, 0, 4, 0, 0, 0, 0};
        put_rec(p, 22, cert, sizeof cert);
    }
    th_now(p, h);
    msg[0] = 20, msg[1] = 0, msg[2] = 0, msg[3] = 32;
    mote_tls13_finished(hd, s_hs, h, msg + 4);
    put_rec(p, 22, msg, 36);
    th_now(p, h_sf); /* through the server Finished: the application secrets */
    rc = deliver(p);
    if (rc) return rc;

    /* [EndOfEarlyData under the early keys,] the client's Finished under its
     * handshake keys */
    rec = (uint8_t *)(uintptr_t)mote_tls_send_buf(&p->c, &n);
    if (mode == PSK_EARLY) {
        CHECK(rec && n > 5 + 4 + 1 + 16);
        if (!rec || n <= 5 + 4 + 1 + 16) return -903;
        CHECK(mote_tls_cipher_open(&p->early, rec, 4 + 1 + 16, 0, &plain, &plen) == MOTE_OK);
        CHECK(plen == 5 && plain[0] == 5 && plain[3] == 0 && plain[4] == 22);
        mote_sha256_update(&p->th, plain, 4);
        mote_tls_send_done(&p->c, 5 + 4 + 1 + 16);
        CHECK(mote_tls_early_data_accepted(&p->c) == 1);
        rec = (uint8_t *)(uintptr_t)mote_tls_send_buf(&p->c, &n);
    }
    CHECK(rec && n == 5 + 36 + 1 + 16);
    if (!rec || n != 5 + 36 + 1 + 16) return -902;
    CHECK(mote_tls_cipher_open(&p->rd, rec, n - 5, 0, &plain, &plen) == MOTE_OK);
    th_now(p, h);
    mote_tls13_finished(hd, c_hs, h, bin);
    CHECK(plen == 37 && plain[36] == 22 && plain[0] == 20 && memcmp(plain + 4, bin, 32) == 0);
    mote_tls_send_done(&p->c, n);
    CHECK(mote_tls_resumed(&p->c) && mote_tls_group(&p->c) == 0);

    /* application keys, the resumption master secret, a NewSessionTicket */
    {
        uint8_t s_ap[32], rms[32], psk2[32];
        static const uint8_t nonce[2] = {0, 7};
        mote_tls13_ks_master(&ks);
        mote_tls13_ks_derive(&ks, "s ap traffic", h_sf, s_ap);
        mote_sha256_update(&p->th, plain, 36);
        th_now(p, h);
        mote_tls13_ks_derive(&ks, "res master", h, rms);
        CHECK(mote_tls13_traffic_keys(hd, s_ap, MOTE_AEAD_AES128_GCM, &p->wr) == MOTE_OK);
        n = 0;
        msg[n++] = 4, msg[n++] = 0, msg[n++] = 0, msg[n++] = 0;
        msg[n++] = 0, msg[n++] = 0, msg[n++] = 0x0e, msg[n++] = 0x10; /* 3600 s */
        msg[n++] = 0x11, msg[n++] = 0x22, msg[n++] = 0x33, msg[n++] = 0x44;
        msg[n++] = 2, msg[n++] = nonce[0], msg[n++] = nonce[1];
        msg[n++] = 0, msg[n++] = 60;
        memset(msg + n, 0x88, 60), n += 60;
        msg[n++] = 0, msg[n++] = 8; /* early_data: 16384 */
        msg[n++] = 0, msg[n++] = 42, msg[n++] = 0, msg[n++] = 4;
        msg[n++] = 0, msg[n++] = 0, msg[n++] = 0x40, msg[n++] = 0;
        msg[3] = (uint8_t)(n - 4);
        p->cfg.now_ms = 9000;
        put_rec(p, 22, msg, n);
        CHECK(deliver(p) == 0);
        mote_tls13_ticket_psk(hd, rms, nonce, 2, psk2);
        CHECK(mote_tls_tickets(&p->c) == 1);
        CHECK(p->sess.version == MOTE_TLS13 && p->sess.suite == MOTE_TLS_AES_128_GCM_SHA256);
        CHECK(p->sess.secret_len == 32 && memcmp(p->sess.secret, psk2, 32) == 0);
        CHECK(p->sess.ticket_len == 60 && p->sess.ticket[59] == 0x88);
        CHECK(p->sess.lifetime == 3600 && p->sess.age_add == 0x11223344);
        CHECK(p->sess.max_early_data == 16384 && p->sess.received_ms == 9000);
        CHECK(p->sess.peer_hash[0] == 0x3c); /* the original handshake's identity */
    }
    mote_tls13_ks_wipe(&ks);
    return 0;
}

static void test_psk_handshake(void)
{
    static P p;
    CHECK(psk_handshake(&p, PSK_OK) == 0);
    CHECK(psk_handshake(&p, PSK_WRONG_ID) == MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    CHECK(psk_handshake(&p, PSK_SHA384) == MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    CHECK(psk_handshake(&p, PSK_CERT) == MOTE_ERR_TLS_UNEXPECTED_MESSAGE);
    CHECK(psk_handshake(&p, PSK_EARLY) == 0); /* with 0-RTT data, accepted */
    CHECK(psk_handshake(&p, PSK_OK) == 0 && mote_tls_early_data_accepted(&p.c) == 0);
}

int main(void)
{
    test_rfc8448();
    test_psk_handshake();
    test_serialise(MOTE_TLS13, 200);
    test_serialise(MOTE_TLS13, MOTE_SESSION_MAX_TICKET);
    test_serialise(MOTE_TLS12, 0);
    test_serialise(MOTE_TLS12, 170);
    return test_done("session");
}
#else
int main(void)
{
    printf("session: skipped (built with MOTE_ENABLE_TLS_RESUMPTION=0 or MOTE_ENABLE_TLS_PSK=0)\n");
    return test_done("session");
}
#endif
