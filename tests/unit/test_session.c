/* Sessions and PSK binders: the key schedule pieces of resumption against
 * RFC 8448 section 4 (resumed 0-RTT handshake: the ticket's PSK from the
 * resumption master secret and nonce, the binder over the truncated
 * ClientHello), and the serialised session: round trip, every single-byte
 * corruption, truncation, a foreign format version. */
#include <string.h>

#include "mote/hash.h"
#include "mote/session.h"
#include "test.h"
#include "tls/keysched.h"

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

int main(void)
{
    test_rfc8448();
    test_serialise(MOTE_TLS13, 200);
    test_serialise(MOTE_TLS13, MOTE_SESSION_MAX_TICKET);
    test_serialise(MOTE_TLS12, 0);
    test_serialise(MOTE_TLS12, 170);
    return test_done("session");
}
