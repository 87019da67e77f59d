/* The TLS 1.2 client handshake (RFC 5246), as a table of states and the
 * messages each accepts. It runs on the message framing, the ClientHello
 * and the extension walker of client13.c, which hands over when the
 * ServerHello carries no supported_versions.
 *
 *   WAIT_SH      ServerHello (via client13.c)  -> WAIT_CERT
 *   WAIT_CERT    Certificate (streamed)        -> WAIT_SKE
 *   WAIT_SKE     ServerKeyExchange             -> WAIT_CR_SHD
 *   WAIT_CR_SHD  CertificateRequest            -> WAIT_SHD
 *                ServerHelloDone               -> our flight, WAIT_CCS
 *   WAIT_SHD     ServerHelloDone               -> our flight, WAIT_CCS
 *   WAIT_CCS     (ChangeCipherSpec record)     -> WAIT_FIN
 *   WAIT_FIN     Finished                      -> CONNECTED
 *   CONNECTED    HelloRequest: refused with a no_renegotiation warning
 *
 * Resumption (RFC 5246 7.3, RFC 5077): with a session in the configuration,
 * the ClientHello offers its session id and/or its ticket (SessionTicket,
 * empty to ask for one). A ServerHello echoing the id resumes: same suite
 * and extended master secret as the session, no certificate, the server's
 * [NewSessionTicket], ChangeCipherSpec and Finished come first:
 *
 *   WAIT_SH      ServerHello (resumed)         -> keys from the session, WAIT_CCS
 *   WAIT_CCS     NewSessionTicket | (CCS)      -> WAIT_FIN
 *   WAIT_FIN     Finished                      -> our CCS and Finished, CONNECTED
 *
 * A full handshake keeps its master secret, with the server's session id
 * and/or the ticket of its NewSessionTicket, in the session.
 *
 * Suites: ECDHE_ECDSA and ECDHE_RSA with AES-GCM and ChaCha20-Poly1305,
 * DHE_RSA with AES-GCM over ffdhe2048 only (RFC 7919: any other group is
 * refused). Extended master secret (RFC 7627) and the empty
 * renegotiation_info (RFC 5746) are required of the server. No
 * compression, no renegotiation.
 *
 * Legacy suites, only when cfg->cipher_suites lists them (never in the
 * default list): AES-CBC with HMAC-SHA1/256/384 (ECDHE_ECDSA, ECDHE_RSA,
 * RSA key transport), offered with encrypt_then_mac (RFC 7366; MAC-then-
 * encrypt with a server that does not answer it), and RSA key transport
 * with AES-GCM. RSA key transport: no ServerKeyExchange (CertificateRequest
 * or ServerHelloDone follow the Certificate, whose leaf must allow
 * keyEncipherment when it has a keyUsage: certs.c); the ClientKeyExchange
 * carries the premaster (0x0303, the version we offered, and 46 random
 * bytes) encrypted to the leaf's RSA key (PKCS#1 v1.5). CBC keys: the key
 * block is MAC keys then AES keys (RFC 5246 6.3, no IVs); ours wait in
 * c_secret (MAC) and s_secret (AES) for our ChangeCipherSpec, the peer's in
 * the inactive read state (cipher.c) for its.
 *
 * Our flight after ServerHelloDone goes in phases (MOTE_F_KEX12, c->fl_phase),
 * each resumed when the output buffer has room again, with one public-key
 * operation per call: [Certificate], our key pair and ClientKeyExchange;
 * the shared and master secrets; [CertificateVerify]; ChangeCipherSpec and
 * Finished. A client certificate is sent when the CertificateRequest lists
 * a scheme our key signs with the suite's hash (ecdsa_secp256r1_sha256 or
 * rsa_pss_rsae_sha256 on SHA-256 suites, the SHA-384 ones on SHA-384
 * suites): CertificateVerify signs the transcript hash. Otherwise the
 * Certificate is empty. */
#include "mote/config.h"
#include "tls/internal.h"

#if MOTE_ENABLE_TLS12

#include <string.h>

#include "crypto/util.h"
#include "mote/mac.h"
#include "mote/rsa.h"
#include "mote/session.h"

#define KX_ECDHE 1
#define KX_DHE   2
/* ffdhe2048 is the group in use (constant 0 in builds without it: the DHE
 * suites are never offered there, so their code folds away) */
#define IS_FFDHE(g) (MOTE_ENABLE_FFDHE && (g) == MOTE_GROUP_FFDHE2048)
#define KX_RSA      MOTE_TLS12_KX_RSA /* RSA key transport (opt-in) */
#define AU_ECDSA    1
#define AU_RSA      2
#define CBC128      MOTE_AEAD_AES128_CBC
#define CBC256      MOTE_AEAD_AES256_CBC

/* mac: the HMAC's length for the CBC suites (0: AEAD) */
#if MOTE_ENABLE_CBC
#define NOMAC , 0
#else
#define NOMAC
#endif
typedef struct {
    uint16_t id;
    uint8_t aead, kx, auth, sha384;
#if MOTE_ENABLE_CBC
    uint8_t mac;
#endif
} suite12;
static const suite12 suites[] = {
    {MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, MOTE_AEAD_AES128_GCM, KX_ECDHE, AU_ECDSA,
     0 NOMAC},
    {MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, MOTE_AEAD_AES128_GCM, KX_ECDHE, AU_RSA, 0 NOMAC},
    {MOTE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, MOTE_AEAD_CHACHA20_POLY1305, KX_ECDHE,
     AU_ECDSA, 0 NOMAC},
    {MOTE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, MOTE_AEAD_CHACHA20_POLY1305, KX_ECDHE,
     AU_RSA, 0 NOMAC},
    {MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, MOTE_AEAD_AES256_GCM, KX_ECDHE, AU_ECDSA,
     1 NOMAC},
    {MOTE_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, MOTE_AEAD_AES256_GCM, KX_ECDHE, AU_RSA, 1 NOMAC},
    {MOTE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, MOTE_AEAD_AES128_GCM, KX_DHE, AU_RSA, 0 NOMAC},
    {MOTE_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, MOTE_AEAD_AES256_GCM, KX_DHE, AU_RSA, 1 NOMAC},
/* opt-in: CBC + HMAC, RSA key transport */
#if MOTE_ENABLE_CBC
    {MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, CBC128, KX_ECDHE, AU_ECDSA, 0, 20},
    {MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, CBC256, KX_ECDHE, AU_ECDSA, 0, 20},
    {MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CBC128, KX_ECDHE, AU_RSA, 0, 20},
    {MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, CBC256, KX_ECDHE, AU_RSA, 0, 20},
    {MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, CBC128, KX_ECDHE, AU_ECDSA, 0, 32},
    {MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, CBC256, KX_ECDHE, AU_ECDSA, 1, 48},
    {MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, CBC128, KX_ECDHE, AU_RSA, 0, 32},
    {MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, CBC256, KX_ECDHE, AU_RSA, 1, 48},
#if MOTE_ENABLE_TLS12_RSA_KEX
    {MOTE_TLS_RSA_WITH_AES_128_CBC_SHA, CBC128, KX_RSA, AU_RSA, 0, 20},
    {MOTE_TLS_RSA_WITH_AES_256_CBC_SHA, CBC256, KX_RSA, AU_RSA, 0, 20},
    {MOTE_TLS_RSA_WITH_AES_128_CBC_SHA256, CBC128, KX_RSA, AU_RSA, 0, 32},
    {MOTE_TLS_RSA_WITH_AES_256_CBC_SHA256, CBC256, KX_RSA, AU_RSA, 0, 32},
#endif
#endif
#if MOTE_ENABLE_TLS12_RSA_KEX
    {MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256, MOTE_AEAD_AES128_GCM, KX_RSA, AU_RSA, 0 NOMAC},
    {MOTE_TLS_RSA_WITH_AES_256_GCM_SHA384, MOTE_AEAD_AES256_GCM, KX_RSA, AU_RSA, 1 NOMAC},
#endif
};
#if MOTE_ENABLE_CBC
#define MAC_OF(s) (s)->mac
#else
#define MAC_OF(s) 0
#endif
#define NSUITES (sizeof suites / sizeof *suites)

/* The default preference list (the table's order). */
const uint16_t mote_tls12_default_suites[] = {MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                                              MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                              MOTE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                                              MOTE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                                              MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                                              MOTE_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                                              MOTE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                                              MOTE_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
                                              0};

/* The suite's row, NULL when it is not in the table (or 0). */
static const suite12 *find(uint16_t id)
{
    const suite12 *s;
    for (s = suites; s < suites + NSUITES; s++)
        if (s->id == id) return s;
    return NULL;
}

static const mote_hash_desc *hash12(const mote_tls_conn *c)
{
#if MOTE_ENABLE_SHA512
    if (c->hash_len == 48) return &mote_sha384_desc;
#endif
    (void)c;
    return &mote_sha256_desc;
}

int mote_tls12_suite_kind(uint16_t id, int *auth)
{
    const suite12 *s = find(id);
    if (!s) return 0;
    *auth = s->auth;
    return s->kx;
}

uint8_t mote_tls12_suite_hash_len(uint16_t id)
{
    const suite12 *s = find(id);
    return (uint8_t)(s && s->sha384 ? 48 : 32);
}

#if MOTE_ENABLE_CBC
/* Bytes a record of this suite adds to its plaintext at most: explicit
 * nonce and tag (AEAD), or IV, MAC and a block of padding (CBC). */
size_t mote_tls12_expansion(uint16_t id)
{
    const suite12 *s = find(id);
    return s && MAC_OF(s) ? 16u + MAC_OF(s) + 16u : 8u + 16u;
}
#endif

/* ---- what we offer ---- */

const uint16_t *mote_tls12_suites(const mote_tls_conn *c)
{
    return c->cfg->cipher_suites ? c->cfg->cipher_suites : mote_tls12_default_suites;
}

/* Compiled in, and with a group of ours for its key exchange. */
int mote_tls12_suite_usable(const mote_tls_conn *c, uint16_t id)
{
    const suite12 *s = find(id);
    if (!s) return 0;
    switch (s->aead) {
#if MOTE_ENABLE_GCM
    case MOTE_AEAD_AES128_GCM:
    case MOTE_AEAD_AES256_GCM:
        break;
#endif
#if MOTE_ENABLE_CBC
    case CBC128:
    case CBC256:
#if !MOTE_ENABLE_SHA1
        if (MAC_OF(s) == 20) return 0;
#endif
        break;
#endif
#if MOTE_ENABLE_CHACHAPOLY
    case MOTE_AEAD_CHACHA20_POLY1305:
        break;
#endif
    default:
        return 0;
    }
#if !MOTE_ENABLE_SHA512
    if (s->sha384) return 0;
#endif
#if !MOTE_ENABLE_RSA
    if (s->auth == AU_RSA) return 0;
#endif
#if !MOTE_ENABLE_P256 && !MOTE_ENABLE_P384 && !MOTE_ENABLE_ED25519
    if (s->auth == AU_ECDSA) return 0;
#endif
    if (s->kx == KX_DHE)
        return MOTE_ENABLE_FFDHE && mote_tls_offered_group(c, MOTE_GROUP_FFDHE2048);
#if MOTE_ENABLE_TLS12_RSA_KEX
    if (s->kx == KX_RSA) return 1;
#endif
    return mote_tls_offered_group(c, MOTE_GROUP_X25519) ||
           mote_tls_offered_group(c, MOTE_GROUP_SECP256R1) ||
           mote_tls_offered_group(c, MOTE_GROUP_SECP384R1);
}

static int offered_suite(const mote_tls_conn *c, uint16_t id)
{
    const uint16_t *s;
    for (s = mote_tls12_suites(c); *s; s++)
        if (*s == id) return mote_tls12_suite_usable(c, id);
    return 0;
}

#if MOTE_ENABLE_CBC
/* A ClientHello offering TLS 1.2 with CBC suites: how much more than an
 * AEAD record (24 bytes) their records may add (0: no CBC suite). The
 * client offers encrypt_then_mac then, and advertises a record limit that
 * leaves room for the largest expansion. */
size_t mote_tls12_cbc_extra(const mote_tls_conn *c)
{
    const uint16_t *s;
    size_t most = 0;
    if (!mote_tls_offers(c, MOTE_TLS12)) return 0;
    for (s = mote_tls12_suites(c); *s; s++)
        if (mote_tls12_suite_usable(c, *s) && mote_tls12_expansion(*s) > 24 + most)
            most = mote_tls12_expansion(*s) - 24;
    return most;
}
#endif

/* ---- keys ---- */

static void randoms(const mote_tls_conn *c, uint8_t seed[64], int server_first)
{
    memcpy(seed, server_first ? c->server_random : c->client_random, 32);
    memcpy(seed + 32, server_first ? c->client_random : c->server_random, 32);
}

/* The key block from the master secret (c->secret): our write key and
 * IV (the client's, or the server's on a server) wait in c_secret for our
 * ChangeCipherSpec, the peer's in s_secret for its. */
static void keys12(mote_tls_conn *c)
{
    const suite12 *s = find(c->suite);
    int aead = s->aead;
    size_t klen = mote_tls_aead_key_len(aead), ivlen = mote_tls_aead_iv_len(aead, 1);
    size_t ours = c->server ? 1 : 0, theirs = 1 - ours; /* the server writes with its own key */
    uint8_t seed[64], kb[MOTE_ENABLE_CBC ? 2 * 48 + 2 * 32 : 2 * 32 + 2 * 12];
    randoms(c, seed, 1);
#if MOTE_ENABLE_CBC
    if (MAC_OF(s)) { /* RFC 5246 6.3: client MAC, server MAC, client key, server key */
        size_t ml = MAC_OF(s);
        mote_tls12_prf(hash12(c), c->secret, 48, "key expansion", seed, 64, kb, 2 * ml + 2 * klen);
        /* ours wait in c_secret (MAC) and s_secret (key) for our CCS; the
         * peer's in the inactive read state for its CCS */
        memcpy(c->c_secret, kb + ours * ml, ml);
        memcpy(c->s_secret, kb + 2 * ml + ours * klen, klen);
        mote_tls_cbc_keys(&c->rd, kb + 2 * ml + theirs * klen, klen, kb + theirs * ml, ml);
        mote_wipe(kb, sizeof kb);
        return;
    }
#endif
    mote_tls12_prf(hash12(c), c->secret, 48, "key expansion", seed, 64, kb, 2 * klen + 2 * ivlen);
    memcpy(c->c_secret, kb + ours * klen, klen);
    memcpy(c->c_secret + klen, kb + 2 * klen + ours * ivlen, ivlen);
    memcpy(c->s_secret, kb + theirs * klen, klen);
    memcpy(c->s_secret + klen, kb + 2 * klen + theirs * ivlen, ivlen);
    mote_wipe(kb, sizeof kb);
}

/* A cipher state takes up the suite's keys: a CBC suite's wait in it
 * already (mote_tls_cbc_keys); an AEAD suite's key and IV come from key
 * (c_secret or s_secret), wiped then. */
static int start12(mote_tls_conn *c, mote_tls_cipher *st, uint8_t *key)
{
    const suite12 *s = find(c->suite);
    int rc;
#if MOTE_ENABLE_CBC
    if (MAC_OF(s)) {
        mote_tls_cbc_start(st, s->aead, MAC_OF(s), MOTE_TLS12_ETM(c));
        return MOTE_OK;
    }
#endif
    rc = mote_tls_cipher_init(st, s->aead, 1, key, key + mote_tls_aead_key_len(s->aead));
    mote_wipe(key, sizeof c->c_secret);
    return rc;
}

/* Our ChangeCipherSpec (under the null write state), then our keys. */
static int send_ccs(mote_tls_conn *c)
{
    uint8_t one = 1;
    int rc = mote_tls_send_record(c, 20, &one, 1);
#if MOTE_ENABLE_CBC
    const suite12 *s = find(c->suite);
    if (MAC_OF(s)) { /* our AES key waits in s_secret, our MAC key in c_secret */
        if (rc == MOTE_OK)
            mote_tls_cbc_keys(&c->w.wr, c->s_secret, mote_tls_aead_key_len(s->aead), c->c_secret,
                              MAC_OF(s));
        mote_wipe(c->s_secret, sizeof c->s_secret);
    }
#endif
    if (rc == MOTE_OK) rc = start12(c, &c->w.wr, c->c_secret);
    mote_wipe(c->c_secret, sizeof c->c_secret);
    return rc;
}

/* Our Finished message over the transcript so far (out of send_finished's
 * frame: the transcript hash is not on the stack while the record is
 * sealed). */
static MOTE_NOINLINE void finished_msg(mote_tls_conn *c, uint8_t msg[4 + 12])
{
    const mote_hash_desc *hd = hash12(c);
    uint8_t h[48];
    mote_tls_th_get(c, h);
    msg[0] = MOTE_HS_FINISHED, msg[1] = 0, msg[2] = 0, msg[3] = 12;
    mote_tls12_prf(hd, c->secret, 48, c->server ? "server finished" : "client finished", h,
                   hd->out_len, msg + 4, 12);
}

/* Our Finished over the transcript so far. */
static int send_finished(mote_tls_conn *c)
{
    uint8_t msg[4 + 12];
    int rc;
    finished_msg(c, msg);
    mote_tls_th_add(c, msg, sizeof msg);
    rc = mote_tls_send_record(c, 22, msg, sizeof msg);
    mote_wipe(msg, sizeof msg);
    return rc;
}

void mote_tls12_keys(mote_tls_conn *c)
{
    keys12(c);
}

int mote_tls12_send_ccs_finished(mote_tls_conn *c)
{
    int rc = send_ccs(c);
    return rc ? rc : send_finished(c);
}

/* ---- ServerHello ---- */

typedef struct {
    int ems, ri, ticket;
#if MOTE_ENABLE_CBC
    int etm;
#endif
} sh_info;

static int sh_ext(mote_tls_conn *c, void *arg, uint16_t type, rd_t *b)
{
    sh_info *s = arg;
    switch (type) {
    case 11: { /* ec_point_formats: the server's list must have uncompressed */
        size_t n = rd_u(b, 1);
        const uint8_t *f = rd_bytes(b, n);
        if (!f || n == 0) return MOTE_ERR_TLS_DECODE;
        return memchr(f, 0, n) ? MOTE_OK : MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    }
    case 23: /* extended_master_secret: empty (the walker checks) */
        s->ems = 1;
        return MOTE_OK;
#if MOTE_ENABLE_CBC
    case 22: /* encrypt_then_mac (RFC 7366): empty, for a CBC suite only */
        if (!mote_tls12_cbc_extra(c)) return MOTE_ERR_TLS_UNSUPPORTED_EXTENSION;
        if (b->p != b->end) return MOTE_ERR_TLS_DECODE;
        s->etm = 1;
        return MOTE_OK;
#endif
    case 35: /* SessionTicket: empty, a NewSessionTicket will come */
        if (!MOTE_TLS_SESSION(c)) return MOTE_ERR_TLS_UNSUPPORTED_EXTENSION;
        s->ticket = 1;
        return MOTE_OK;
    case 65281: /* renegotiation_info: an empty renegotiated_connection */
        if (rd_u(b, 1) != 0) return MOTE_ERR_TLS_HANDSHAKE_FAILURE;
        s->ri = 1;
        return MOTE_OK;
    case 0:  /* server_name */
    case 1:  /* max_fragment_length */
    case 16: /* ALPN */
    case 28: /* record_size_limit (1.2 meaning: the type byte is not counted) */
        return mote_tls_ext_negotiated(c, type, b);
    default:
        return MOTE_ERR_TLS_UNSUPPORTED_EXTENSION; /* we offered nothing else */
    }
}

int mote_tls12_server_hello(mote_tls_conn *c, const uint8_t *b, size_t len)
{
    rd_t r = {b, b + len, 0};
    sh_info s = {0};
    const mote_tls_session *sess = NULL;
    uint16_t version = (uint16_t)rd_u(&r, 2), suite;
    const uint8_t *random = rd_bytes(&r, 32), *sid;
    size_t sid_len = rd_u(&r, 1);
    const suite12 *st;
    int rc;
    sid = rd_bytes(&r, sid_len);
    suite = (uint16_t)rd_u(&r, 2);
    rd_u(&r, 1); /* compression: null, checked by client13.c */
    if (r.bad || sid_len > 32) return MOTE_ERR_TLS_DECODE;
    if (version != MOTE_TLS12 || !mote_tls_offers(c, MOTE_TLS12))
        return MOTE_ERR_TLS_PROTOCOL_VERSION;
    /* RFC 8446 4.1.3: a TLS 1.3 server that answers a 1.3 offer with 1.2
     * marks its random; seeing the mark, an attacker removed our 1.3 */
    if (mote_tls_offers(c, MOTE_TLS13) && memcmp(random + 24, "DOWNGRD", 7) == 0 && random[31] <= 1)
        return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    /* An echo of our session id resumes the session we offered; without
     * one, our 32 bytes are TLS 1.3's compatibility filler: no 1.2 session
     * has them, so an echo would claim to resume one we never had. */
    if (sid_len == 32 && memcmp(sid, c->session_id, 32) == 0) {
        sess = (c->psk & MOTE_PSK_SESS12) ? mote_tls_session_usable(c, MOTE_TLS12) : NULL;
        if (!sess || suite != sess->suite) /* a session's suite cannot change */
            return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
        c->psk |= MOTE_PSK_ACCEPTED | MOTE_PSK_SID12;
    } else if (sid_len == 32) { /* a new session id: kept for the session */
        memcpy(c->session_id, sid, 32);
        c->psk |= MOTE_PSK_SID12;
    } else {
        c->psk &= (uint8_t)~MOTE_PSK_SID12;
    }
    st = find(suite);
    if (!st || !offered_suite(c, suite)) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;

    c->version = MOTE_TLS12; /* from here on: 1.2 records and the 1.2 table */
    c->suite = suite;
    mote_tls_th_pick(c, st->sha384 ? 48 : 32); /* the transcript keeps one hash now */
    memcpy(c->server_random, random, 32);
    mote_wipe(c->kex_priv, sizeof c->kex_priv); /* the 1.3 key share is not used */
    rc = mote_tls_walk_extensions(c, &r, sh_ext, &s);
    if (rc) return mote_tls_fail(c, rc);
    if (!s.ri) return MOTE_ERR_TLS_HANDSHAKE_FAILURE;
    if (!s.ems && !(c->cfg->flags & MOTE_TLS_ALLOW_NO_EMS)) return MOTE_ERR_TLS_HANDSHAKE_FAILURE;
    if (s.ems) c->flags |= MOTE_F_EMS;
#if MOTE_ENABLE_CBC
    if (s.etm && !MAC_OF(st)) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    if (MAC_OF(st)) MOTE_TLS12_ETM(c) = (uint8_t)s.etm;
#endif
    if (sess) { /* RFC 7627 5.3: the resumed session must have the same EMS */
        if (!s.ems != !(sess->flags & MOTE_SESSION_EMS)) return MOTE_ERR_TLS_HANDSHAKE_FAILURE;
        memcpy(c->secret, sess->secret, 48);
        keys12(c);
        c->state = MOTE_ST12_WAIT_CCS;
        return MOTE_OK;
    }
    c->state = MOTE_ST12_WAIT_CERT;
    return MOTE_OK;
}

/* ---- ServerKeyExchange ---- */

/* The server's public value waits from the ServerKeyExchange to our key
 * exchange in the certificate validator's state: it is idle once the
 * Certificate message has ended (mote_tls_cert_begin sets it up afresh).
 * Layout: 2-byte length, the value (up to MOTE_TLS_MAX_SHARE bytes), then
 * room for the premaster secret while the master secret is derived (off
 * the stack; wiped at once). */
#define PARK_PEER 2
#define PARK_PMS  (2 + MOTE_TLS_MAX_SHARE)
typedef char park_fits[sizeof(mote_x509_chain) >= PARK_PMS + MOTE_TLS_MAX_SHARE ? 1 : -1];

static uint8_t *park(mote_tls_conn *c)
{
    return (uint8_t *)&c->w.v.chain;
}

uint8_t *mote_tls12_park(mote_tls_conn *c)
{
    return park(c);
}

/* SHA-256 of ffdhe2048's prime p (RFC 7919 appendix A.1), big-endian. */
static const uint8_t ffdhe2048_p_hash[32] = {
    0x9c, 0xd3, 0xb7, 0xf3, 0x36, 0x87, 0x2f, 0x46, 0xc0, 0x94, 0x28, 0xd1, 0xbb, 0xc1, 0x98, 0x77,
    0xa4, 0xd4, 0x40, 0x51, 0x2c, 0xda, 0x8d, 0x1c, 0x1c, 0xf0, 0xcd, 0x6e, 0x33, 0x69, 0x89, 0x66};

/* RFC 7919: DHE only over a group we know is safe, here ffdhe2048 exactly
 * (p and g = 2). A server's own group, however large, is refused. */
static int is_ffdhe2048(const uint8_t *p, size_t p_len, const uint8_t *g, size_t g_len)
{
    uint8_t h[32];
    if (p_len != 256 || g_len != 1 || g[0] != 2) return 0;
    mote_sha256(p, p_len, h);
    return memcmp(h, ffdhe2048_p_hash, 32) == 0;
}

/* A signature scheme the suite's authentication can use. */
static int scheme_fits(int auth, uint16_t scheme)
{
    if (auth == AU_ECDSA)
        return scheme == MOTE_SIG_ECDSA_SECP256R1_SHA256 ||
               scheme == MOTE_SIG_ECDSA_SECP384R1_SHA384 || scheme == MOTE_SIG_ED25519;
    return scheme == MOTE_SIG_RSA_PKCS1_SHA256 || scheme == MOTE_SIG_RSA_PKCS1_SHA384 ||
           scheme == MOTE_SIG_RSA_PKCS1_SHA512 ||
           (scheme >= MOTE_SIG_RSA_PSS_RSAE_SHA256 && scheme <= MOTE_SIG_RSA_PSS_RSAE_SHA512) ||
           (scheme >= MOTE_SIG_RSA_PSS_PSS_SHA256 && scheme <= MOTE_SIG_RSA_PSS_PSS_SHA512);
}

static int on_server_key_exchange(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    rd_t r = {b, b + len, 0};
    const suite12 *s = find(c->suite);
    int rc;
    const uint8_t *peer, *sig;
    size_t peer_len, params_len, sig_len;
    uint16_t group, scheme;
    (void)th;
#if MOTE_ENABLE_TLS12_RSA_KEX
    if (s->kx == KX_RSA) return mote_tls_fail(c, MOTE_ERR_TLS_UNEXPECTED_MESSAGE);
#endif
    if (s->kx == KX_ECDHE) { /* ECParameters (named_curve) || ECPoint */
        uint32_t curve_type = rd_u(&r, 1);
        group = (uint16_t)rd_u(&r, 2);
        peer_len = rd_u(&r, 1);
        peer = rd_bytes(&r, peer_len);
        if (r.bad) return mote_tls_fail(c, MOTE_ERR_TLS_DECODE);
        /* RFC 8422 5.4: a named curve from our list (ffdhe2048 is no curve) */
        if (curve_type != 3 || group == MOTE_GROUP_FFDHE2048 || !mote_tls_offered_group(c, group))
            return mote_tls_fail(c, MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    } else if (MOTE_ENABLE_FFDHE) { /* ServerDHParams: p, g, Ys */
        size_t p_len = rd_u(&r, 2), g_len;
        const uint8_t *p = rd_bytes(&r, p_len), *g;
        g_len = rd_u(&r, 2);
        g = rd_bytes(&r, g_len);
        peer_len = rd_u(&r, 2);
        peer = rd_bytes(&r, peer_len);
        if (r.bad) return mote_tls_fail(c, MOTE_ERR_TLS_DECODE);
        if (!is_ffdhe2048(p, p_len, g, g_len)) /* insufficient_security in RFC 7919's words */
            return mote_tls_fail(c, MOTE_ERR_TLS_HANDSHAKE_FAILURE);
        if (peer_len == 0 || peer_len > 256)
            return mote_tls_fail(c, MOTE_ERR_TLS_ILLEGAL_PARAMETER);
        group = MOTE_GROUP_FFDHE2048;
    } else {
        return mote_tls_fail(c, MOTE_ERR_TLS_INTERNAL); /* (a DHE suite is never offered) */
    }
    params_len = (size_t)(r.p - b);
    scheme = (uint16_t)rd_u(&r, 2);
    sig_len = rd_u(&r, 2);
    sig = rd_bytes(&r, sig_len);
    if (r.bad || r.p != r.end) return mote_tls_fail(c, MOTE_ERR_TLS_DECODE);
    if (!scheme_fits(s->auth, scheme)) return mote_tls_fail(c, MOTE_ERR_TLS_ILLEGAL_PARAMETER);
    /* signed: client_random || server_random || params, with the leaf's key */
    rc = mote_tls12_cert_verify(c, scheme, b, params_len, sig, sig_len);
    c->pk_ops++;
    if (rc) return mote_tls_fail(c, rc);
    c->sig_scheme = scheme;
    c->group = group;
    park(c)[0] = (uint8_t)(peer_len >> 8);
    park(c)[1] = (uint8_t)peer_len;
    memcpy(park(c) + PARK_PEER, peer, peer_len);
    c->state = MOTE_ST12_WAIT_CR_SHD;
    return MOTE_OK;
}

/* ---- CertificateRequest, ServerHelloDone ---- */

static int on_certificate_request(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    rd_t r = {b, b + len, 0};
    size_t n = rd_u(&r, 1), i, k = 0;
    const uint8_t *types = rd_bytes(&r, n), *algs;
    uint8_t fit[32];
    (void)th;
    if (n == 0) r.bad = 1;
    algs = rd_bytes(&r, n = rd_u(&r, 2)); /* supported_signature_algorithms */
    rd_bytes(&r, rd_u(&r, 2));            /* certificate_authorities */
    if (r.bad || r.p != r.end || n % 2) return MOTE_ERR_TLS_DECODE;
    /* the schemes that sign a hash of the suite's size (the transcript
     * hash), for a certificate type the server takes (ecdsa_sign 64,
     * rsa_sign 1) */
    {
        int h48 = c->hash_len == 48;
        uint16_t ec = memchr(types, 64, b[0]) ? (h48 ? MOTE_SIG_ECDSA_SECP384R1_SHA384
                                                     : MOTE_SIG_ECDSA_SECP256R1_SHA256)
                                              : 0;
        uint16_t rsa = memchr(types, 1, b[0])
                           ? (h48 ? MOTE_SIG_RSA_PSS_RSAE_SHA384 : MOTE_SIG_RSA_PSS_RSAE_SHA256)
                           : 0;
        for (i = 0; i + 1 < n && k < sizeof fit; i += 2) {
            uint16_t s = (uint16_t)((algs[i] << 8) | algs[i + 1]);
            if (s && (s == ec || s == rsa)) fit[k++] = algs[i], fit[k++] = algs[i + 1];
        }
    }
#if MOTE_ENABLE_TLS_CLIENT_AUTH
    c->client_scheme = mote_tls_pick_scheme(c, fit, k);
#endif
    c->flags |= MOTE_F_CERT_REQ; /* an empty Certificate when nothing fits */
    c->state = MOTE_ST12_WAIT_SHD;
    return MOTE_OK;
}

/* Our flight's phases (c->fl_phase). */
enum { FL12_CERT, FL12_CKE, FL12_SECRET, FL12_VERIFY, FL12_FIN };

static int on_server_hello_done(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    (void)b, (void)th;
    if (len != 0) return MOTE_ERR_TLS_DECODE;
    c->fl_phase = (c->flags & MOTE_F_CERT_REQ) ? FL12_CERT : FL12_CKE;
    c->fl_pos = 0;
    c->flags |= MOTE_F_KEX12;
    c->state = MOTE_ST12_WAIT_CCS;
    return mote_tls12_continue(c);
}

#if MOTE_ENABLE_TLS12_RSA_KEX
/* RSA key transport: the premaster (the version we offered, 46 random
 * bytes) waits in the park for the master secret; the ClientKeyExchange
 * carries its PKCS#1 v1.5 encryption under the server's RSA key
 * (EncryptedPreMasterSecret<0..2^16-1>), this call's public-key
 * operation. 0: wait for room. */
static MOTE_NOINLINE int send_cke_rsa(mote_tls_conn *c)
{
    const mote_x509_pubkey *k = &c->leaf_key;
    mote_rsa_public_key pub;
    uint8_t *msg, *pms = park(c) + PARK_PMS, e[4];
    int rc;
    if (k->type != MOTE_X509_KEY_RSA) return MOTE_ERR_TLS_BAD_CERTIFICATE;
    if (c->out_sent == c->out_len) c->out_sent = c->out_len = 0;
    if (c->out_size - c->out_len < 5 + 4 + 2 + (size_t)k->len)
        return c->out_len ? 0 : MOTE_ERR_TLS_INTERNAL;
    mote_store_be32(e, k->e);
    if (mote_rsa_public_set(&pub, k->data, k->len, e, 4) != MOTE_OK)
        return MOTE_ERR_TLS_BAD_CERTIFICATE;
    pms[0] = 3, pms[1] = 3; /* client_version: the 0x0303 of our ClientHello */
    rc = mote_drbg_generate(c->cfg->rng, pms + 2, 46);
    msg = c->out + c->out_len + 5;
    if (rc == MOTE_OK) rc = mote_rsa_encrypt_premaster(&pub, pms, msg + 6, pub.len, c->cfg->rng);
    c->pk_ops++;
    if (rc) return MOTE_ERR_TLS_INTERNAL;
    msg[0] = MOTE_HS_CLIENT_KEY_EXCHANGE, msg[1] = 0;
    msg[2] = (uint8_t)((pub.len + 2) >> 8), msg[3] = (uint8_t)(pub.len + 2);
    msg[4] = (uint8_t)(pub.len >> 8), msg[5] = (uint8_t)pub.len;
    mote_tls_th_add(c, msg, 6 + pub.len);
    rc = mote_tls_send_record(c, 22, msg, 6 + pub.len);
    return rc ? rc : 1;
}
#endif

/* ClientKeyExchange, our ECPoint<1..255> or DH Yc<1..2^16-1>, written where
 * its record goes in the output buffer; our key pair is this call's
 * public-key operation. 0: wait for room. */
static int send_cke(mote_tls_conn *c)
{
    uint8_t *msg;
    size_t pub_len = 0, hdr = IS_FFDHE(c->group) ? 2 : 1, n;
    int rc;
#if MOTE_ENABLE_TLS12_RSA_KEX
    if (find(c->suite)->kx == KX_RSA) return send_cke_rsa(c);
#endif
    if (c->out_sent == c->out_len) c->out_sent = c->out_len = 0;
    if (c->out_size - c->out_len < 5 + 4 + 2 + MOTE_TLS_MAX_SHARE)
        return c->out_len ? 0 : MOTE_ERR_TLS_INTERNAL;
    msg = c->out + c->out_len + 5;
    rc = mote_tls_kex_keygen(c, c->group, msg + 4 + hdr, &pub_len);
    c->pk_ops++;
    if (rc) return MOTE_ERR_TLS_INTERNAL;
    n = hdr + pub_len;
    msg[0] = MOTE_HS_CLIENT_KEY_EXCHANGE, msg[1] = 0;
    msg[2] = (uint8_t)(n >> 8), msg[3] = (uint8_t)n;
    if (hdr == 2) msg[4] = (uint8_t)(pub_len >> 8);
    msg[3 + hdr] = (uint8_t)pub_len;
    mote_tls_th_add(c, msg, 4 + n);
    rc = mote_tls_send_record(c, 22, msg, 4 + n);
    return rc ? rc : 1;
}

/* ---- our flight: ChangeCipherSpec, Finished ---- */

/* The shared secret (this call's public-key operation), the master
 * secret: RFC 7627 over the session hash (the transcript through
 * ClientKeyExchange), else RFC 5246; then the key block. 1 when done. */
int mote_tls12_master_secret(mote_tls_conn *c)
{
    const mote_hash_desc *hd = hash12(c);
    size_t peer_len = ((size_t)park(c)[0] << 8) | park(c)[1], pms_len, off = 0;
    uint8_t *pms = park(c) + PARK_PMS, h[48], seed[64];
    int rc;
#if MOTE_ENABLE_TLS12_RSA_KEX
    if (find(c->suite)->kx == KX_RSA) { /* the premaster is parked already */
        pms_len = 48;
        goto derive;
    }
#endif
    if (IS_FFDHE(c->group)) { /* Ys may come without its leading zeros */
        memmove(park(c) + PARK_PEER + 256 - peer_len, park(c) + PARK_PEER, peer_len);
        memset(park(c) + PARK_PEER, 0, 256 - peer_len);
        peer_len = 256;
    }
    rc = mote_tls_kex_shared(c, park(c) + PARK_PEER, peer_len, pms, &pms_len);
    c->pk_ops++;
    if (rc) {
        mote_wipe(park(c), PARK_PMS + MOTE_TLS_MAX_SHARE);
        return rc == MOTE_ERR_TLS_INTERNAL ? rc : MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    }
    /* RFC 5246 8.1.2: a DH premaster secret loses its leading zero bytes */
    if (IS_FFDHE(c->group))
        while (off + 1 < pms_len && pms[off] == 0)
            off++;
#if MOTE_ENABLE_TLS12_RSA_KEX
derive:
#endif
    mote_tls_th_get(c, h);
    if (c->flags & MOTE_F_EMS) {
        mote_tls12_prf(hd, pms + off, pms_len - off, "extended master secret", h, hd->out_len,
                       c->secret, 48);
    } else {
        randoms(c, seed, 0);
        mote_tls12_prf(hd, pms + off, pms_len - off, "master secret", seed, 64, c->secret, 48);
    }
    mote_wipe(park(c), PARK_PMS + MOTE_TLS_MAX_SHARE);
    keys12(c); /* key block: client key, server key, client IV, server IV */
    return 1;
}

int mote_tls12_continue(mote_tls_conn *c)
{
    int rc = 1;
    while (!c->err) {
        if (c->pk_ops) return MOTE_OK; /* one public-key operation per call: the next */
        switch (c->fl_phase) {
        case FL12_CERT: /* ours, or an empty list */
#if MOTE_ENABLE_TLS_CLIENT_AUTH
            rc = mote_tls_send_client_cert(c);
#else
            rc = mote_tls_send_empty_cert(c);
#endif
            c->fl_phase = rc == 1 ? FL12_CKE : FL12_CERT;
            break;
        case FL12_CKE:
            rc = send_cke(c);
            c->fl_phase = rc == 1 ? FL12_SECRET : FL12_CKE;
            break;
        case FL12_SECRET:
            rc = mote_tls12_master_secret(c);
            c->fl_phase = c->client_scheme ? FL12_VERIFY : FL12_FIN;
            break;
#if MOTE_ENABLE_TLS_CLIENT_AUTH
        case FL12_VERIFY: { /* signs the transcript hash through ClientKeyExchange */
            uint8_t h[48];
            mote_tls_th_get(c, h);
            rc = mote_tls_send_client_verify(c, h, c->hash_len);
            c->fl_phase = rc == 1 ? FL12_FIN : FL12_VERIFY;
            break;
        }
#endif
        default: /* ChangeCipherSpec and Finished, behind what is still pending */
            if (c->out_len > c->out_sent &&
                c->out_size - c->out_len < 6 + 5 + 16 + mote_tls12_expansion(c->suite))
                return MOTE_OK;
            c->flags &= (uint8_t)~MOTE_F_KEX12;
            rc = send_ccs(c);
            if (rc) return mote_tls_fail(c, MOTE_ERR_TLS_INTERNAL);
            rc = send_finished(c);
            return rc ? mote_tls_fail(c, rc) : MOTE_OK;
        }
        if (rc < 0) return mote_tls_fail(c, rc);
        if (rc == 0) return MOTE_OK; /* wait for output room */
    }
    return c->err;
}

/* ---- the server's ChangeCipherSpec and Finished ---- */

int mote_tls12_ccs(mote_tls_conn *c, const uint8_t *p, size_t len)
{
    /* exactly once, after our flight (or a resumed ServerHello), between
     * handshake messages */
    if (c->state != MOTE_ST12_WAIT_CCS || (c->flags & MOTE_F_KEX12) || c->hs_hdr_len != 0 ||
        len != 1 || p[0] != 1)
        return mote_tls_fail(c, MOTE_ERR_TLS_UNEXPECTED_MESSAGE);
    if (start12(c, &c->rd, c->s_secret)) return mote_tls_fail(c, MOTE_ERR_TLS_INTERNAL);
    c->state = MOTE_ST12_WAIT_FIN;
    return MOTE_OK;
}

/* The session for later connections: the master secret, with the server's
 * session id and/or the ticket already stored by on_new_session_ticket. */
static void keep_session(mote_tls_conn *c)
{
    mote_tls_session *s = MOTE_TLS_SESSION(c);
    if (!s) return;
    if (!c->tickets) { /* no ticket on this connection: a session id or nothing */
        if (c->psk & MOTE_PSK_ACCEPTED) return; /* resumed: the session stays as it is */
        if (!(c->psk & MOTE_PSK_SID12)) return;
        s = mote_tls_session_begin(c, (c->psk & MOTE_PSK_ACCEPTED) != 0);
        s->lifetime = 7200; /* unknown: two hours, OpenSSL's default */
    }
    s->secret_len = 48;
    memcpy(s->secret, c->secret, 48);
    if (c->flags & MOTE_F_EMS) s->flags |= MOTE_SESSION_EMS;
    if (c->psk & MOTE_PSK_SID12) {
        memcpy(s->session_id, c->session_id, 32);
        s->sid_len = 32;
    }
}

int mote_tls12_on_finished(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    const mote_hash_desc *hd = hash12(c);
    uint8_t want[12];
    int ok;
    if (len != 12) return MOTE_ERR_TLS_DECODE;
    mote_tls12_prf(hd, c->secret, 48, c->server ? "client finished" : "server finished", th,
                   hd->out_len, want, 12);
    ok = mote_ct_memeq(want, b, 12);
    mote_wipe(want, sizeof want);
    if (!ok) return MOTE_ERR_TLS_DECRYPT_ERROR;
    /* ours answer: a client's on a resumption, a server's on a full handshake */
    if (!c->server != !(c->psk & MOTE_PSK_ACCEPTED)) {
        uint8_t hdr[4] = {MOTE_HS_FINISHED, 0, 0, 12};
        int rc = MOTE_OK;
        mote_tls_th_add(c, hdr, 4);
        mote_tls_th_add(c, b, 12);
#if MOTE_ENABLE_SERVER
        if (c->server) rc = mote_tls12_server_keep(c); /* cache, [NewSessionTicket] */
#endif
        if (rc == MOTE_OK) rc = mote_tls12_send_ccs_finished(c);
        if (rc) return mote_tls_fail(c, rc);
    }
    if (!c->server) keep_session(c);
    mote_wipe(c->secret, sizeof c->secret); /* the master secret lives on in the session only */
    c->state = MOTE_ST_CONNECTED;
    return MOTE_OK;
}

/* RFC 5077 3.3: a NewSessionTicket before the server's ChangeCipherSpec.
 * An empty ticket (the server could not issue one) or one too large to
 * keep is ignored. */
static int on_new_session_ticket(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    rd_t r = {b, b + len, 0};
    uint32_t hint = rd_u(&r, 4);
    size_t n = rd_u(&r, 2);
    const uint8_t *ticket = rd_bytes(&r, n);
    mote_tls_session *s;
    (void)th;
    if (r.bad || r.p != r.end) return MOTE_ERR_TLS_DECODE;
    if (!MOTE_TLS_SESSION(c) || n == 0 || n > MOTE_SESSION_MAX_TICKET || c->tickets) return MOTE_OK;
    s = mote_tls_session_begin(c, (c->psk & MOTE_PSK_ACCEPTED) != 0);
    s->lifetime = hint && hint < 604800 ? hint : 7200; /* 0: unspecified */
    memcpy(s->ticket, ticket, n);
    s->ticket_len = (uint16_t)n;
    return MOTE_OK;
}

/* ---- after the handshake ---- */

/* A server asking to renegotiate gets a warning no_renegotiation
 * (RFC 5246 7.2.2) and the connection goes on. */
static int on_hello_request(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    static const uint8_t alert[2] = {1, 100};
    (void)b, (void)th;
    if (len != 0) return MOTE_ERR_TLS_DECODE;
    if (!(c->flags & MOTE_F_CLOSE_SENT) && mote_tls_send_record(c, 21, alert, 2) == MOTE_OK)
        c->alert_sent = 100;
    return MOTE_OK;
}

#if MOTE_ENABLE_TLS12_RSA_KEX
/* RSA key transport: no ServerKeyExchange; the messages after it come
 * straight after the Certificate (whose end moves to WAIT_SKE). */
static int rsa_cr(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    if (find(c->suite)->kx != KX_RSA) return MOTE_ERR_TLS_UNEXPECTED_MESSAGE;
    return on_certificate_request(c, b, len, th);
}

static int rsa_shd(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th)
{
    if (find(c->suite)->kx != KX_RSA) return MOTE_ERR_TLS_UNEXPECTED_MESSAGE;
    return on_server_hello_done(c, b, len, th);
}
#endif

static const mote_tls_hs_row table[] = {
    {MOTE_ST12_WAIT_CERT, MOTE_HS_CERTIFICATE, TH_AFTER, 0, NULL},
    {MOTE_ST12_WAIT_CCS, MOTE_HS_NEW_SESSION_TICKET, TH_AFTER, 4 + 2 + MOTE_SESSION_MAX_TICKET,
     on_new_session_ticket},
    {MOTE_ST12_WAIT_CCS, MOTE_HS_NEW_SESSION_TICKET, TH_AFTER, 0, NULL}, /* too large: skipped */
    {MOTE_ST12_WAIT_SKE, MOTE_HS_SERVER_KEY_EXCHANGE, TH_AFTER, 2048, on_server_key_exchange},
#if MOTE_ENABLE_TLS12_RSA_KEX
    {MOTE_ST12_WAIT_SKE, MOTE_HS_CERTIFICATE_REQUEST, TH_AFTER, 4096, rsa_cr},
    {MOTE_ST12_WAIT_SKE, MOTE_HS_SERVER_HELLO_DONE, TH_AFTER, 1, rsa_shd},
#endif
    {MOTE_ST12_WAIT_CR_SHD, MOTE_HS_CERTIFICATE_REQUEST, TH_AFTER, 4096, on_certificate_request},
    {MOTE_ST12_WAIT_CR_SHD, MOTE_HS_SERVER_HELLO_DONE, TH_AFTER, 1, on_server_hello_done},
    {MOTE_ST12_WAIT_SHD, MOTE_HS_SERVER_HELLO_DONE, TH_AFTER, 1, on_server_hello_done},
    {MOTE_ST12_WAIT_FIN, MOTE_HS_FINISHED, TH_BEFORE, 12, mote_tls12_on_finished},
    {MOTE_ST_CONNECTED, MOTE_HS_HELLO_REQUEST, TH_NONE, 1, on_hello_request},
};

const mote_tls_hs_row *mote_tls12_table(size_t *rows)
{
    *rows = sizeof table / sizeof *table;
    return table;
}

#endif /* MOTE_ENABLE_TLS12 */

/* (here because client12.c is in every TLS 1.2 build, client or server) */
int mote_tls_encrypt_then_mac(const mote_tls_conn *c)
{
#if MOTE_ENABLE_TLS12 && MOTE_ENABLE_CBC
    return c->version == MOTE_TLS12 && mote_tls12_expansion(c->suite) > 24 && MOTE_TLS12_ETM(c);
#else
    (void)c;
    return 0;
#endif
}
