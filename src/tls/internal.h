/* mote (private): what the record layer, the handshake and the helpers of
 * the TLS engine share. */
#ifndef MOTE_TLS_INTERNAL_H
#define MOTE_TLS_INTERNAL_H

#include <string.h>

#include "mote/tls.h"
#include "tls/cipher.h"

/* Handshake states (the rows of the table in client13.c). */
enum {
    MOTE_ST_START = 0,
    MOTE_ST_WAIT_SH,
    MOTE_ST_WAIT_EE,
    MOTE_ST_WAIT_CERT_CR,
    MOTE_ST_WAIT_CERT,
    MOTE_ST_WAIT_CV,
    MOTE_ST_WAIT_FIN,
    MOTE_ST_CONNECTED,
    MOTE_ST_CLOSED,
    /* TLS 1.2 (the table in client12.c); WAIT_SH, CONNECTED and CLOSED are shared */
    MOTE_ST12_WAIT_CERT,
    MOTE_ST12_WAIT_SKE,
    MOTE_ST12_WAIT_CR_SHD,
    MOTE_ST12_WAIT_SHD,
    MOTE_ST12_WAIT_CCS,
    MOTE_ST12_WAIT_FIN,
    /* TLS 1.3 server (the table in server13.c); CONNECTED and CLOSED are shared */
    MOTE_SS_WAIT_CH,   /* the first ClientHello */
    MOTE_SS_WAIT_CH2,  /* the ClientHello after our HelloRetryRequest */
    MOTE_SS_FLIGHT,    /* our flight is being written: the client may send nothing */
    MOTE_SS_WAIT_CERT, /* the client's Certificate (we sent a CertificateRequest) */
    MOTE_SS_WAIT_CV,   /* the client's CertificateVerify */
    MOTE_SS_WAIT_FIN,  /* the client's Finished */
    /* TLS 1.2 server (server12.c); WAIT_CCS, WAIT_FIN, CONNECTED, CLOSED shared */
    MOTE_SS12_FLIGHT, /* Certificate .. ServerHelloDone being written */
    MOTE_SS12_WAIT_CKE,
    MOTE_SS12_WAIT_CV /* the client's CertificateVerify (after its key exchange) */
};

/* The connection runs TLS 1.2: a constant 0 when TLS 1.2 is not compiled
 * in (no role can then negotiate it), so that its branches fold away. */
#define MOTE_TLS_V12(c) (MOTE_ENABLE_TLS12 && (c)->version == MOTE_TLS12)
/* ... runs TLS 1.3: a constant 1 in a client without TLS 1.2 (which sets
 * the version before anything runs). */
#define MOTE_TLS_V13(c) ((!MOTE_ENABLE_TLS12 && !MOTE_ENABLE_SERVER) || (c)->version == MOTE_TLS13)

/* c->flags */
#define MOTE_F_CLOSE_SENT 0x01
#define MOTE_F_HRR        0x02 /* a HelloRetryRequest was received */
#define MOTE_F_CERT_REQ   0x04 /* the server asked for a client certificate */
#define MOTE_F_FLIGHT     0x08 /* our Finished flight is waiting for output room */
#define MOTE_F_KU_PENDING 0x10 /* a KeyUpdate answer is waiting for output room */
#define MOTE_F_CR_SIGALGS 0x20 /* the CertificateRequest had signature_algorithms */
#define MOTE_F_KEX12      0x40 /* TLS 1.2: our key exchange and Finished are to be computed */
#define MOTE_F_EMS        0x80 /* TLS 1.2: extended master secret negotiated */
/* server: our flight has work left (shares the bit: a server never runs client12.c) */
#define MOTE_F_SFLIGHT MOTE_F_KEX12

/* c->psk: the pre-shared key (TLS 1.3) or session (TLS 1.2) of the ClientHello */
#define MOTE_PSK_RES      0x01 /* a TLS 1.3 ticket from cfg->session is offered */
#define MOTE_PSK_EXT      0x02 /* the external PSK (cfg->psk_key) is offered */
#define MOTE_PSK_ACCEPTED 0x04 /* the server took it: no certificate, resumed */
#define MOTE_PSK_SESS12   0x08 /* a TLS 1.2 session (id and/or ticket) is offered */
#define MOTE_PSK_SID12    0x10 /* TLS 1.2: c->session_id is the server's session id */
#define MOTE_PSK_EARLY    0x20 /* TLS 1.3: early data went out behind the ClientHello */
#define MOTE_PSK_EARLY_OK 0x40 /* and the server accepted it (EncryptedExtensions) */

/* Handshake message types. */
#define MOTE_HS_HELLO_REQUEST        0
#define MOTE_HS_CLIENT_HELLO         1
#define MOTE_HS_SERVER_HELLO         2
#define MOTE_HS_NEW_SESSION_TICKET   4
#define MOTE_HS_END_OF_EARLY_DATA    5
#define MOTE_HS_ENCRYPTED_EXTENSIONS 8
#define MOTE_HS_CERTIFICATE          11
#define MOTE_HS_SERVER_KEY_EXCHANGE  12
#define MOTE_HS_CERTIFICATE_REQUEST  13
#define MOTE_HS_SERVER_HELLO_DONE    14
#define MOTE_HS_CERTIFICATE_VERIFY   15
#define MOTE_HS_CLIENT_KEY_EXCHANGE  16
#define MOTE_HS_FINISHED             20
#define MOTE_HS_KEY_UPDATE           24
#define MOTE_HS_MESSAGE_HASH         254

/* engine.c */
int mote_tls_send_record(mote_tls_conn *c, uint8_t type, const uint8_t *data, size_t len);
/* Record the first fatal error, queue its alert, wipe secrets; returns err. */
int mote_tls_fail(mote_tls_conn *c, int err);
/* client13.c: before an alert, the write keys the peer reads under if
 * they wait to be installed: a client's handshake keys (between the
 * ServerHello and our flight), a server's application keys (after our
 * Finished, when we asked for a certificate). */
void mote_tls13_alert_keys(mote_tls_conn *c);
/* client13.c, the transcript: both hashes start (SHA-384 where tls.h
 * says); mote_tls_th_pick keeps the suite's alone from then on (hash_len
 * 32 or 48); mote_tls_th384 is the SHA-384 one, wherever it is. */
void mote_tls_th_init(mote_tls_conn *c);
void mote_tls_th_pick(mote_tls_conn *c, size_t hash_len);
#if MOTE_ENABLE_SHA512
const mote_sha384_ctx *mote_tls_th384(const mote_tls_conn *c);
#endif
/* server13.c: install our application write keys if they are not. */
int mote_tls13_server_write_keys(mote_tls_conn *c);

/* A bounds-checked reader over a message body: a read past the end sets
 * bad and returns 0 / NULL. */
typedef struct {
    const uint8_t *p, *end;
    int bad;
} rd_t;

/* At -Os one out-of-line copy (client13.c, MOTE_TLS_READERS_HERE) serves
 * every file; at -O2 each file inlines its own: the calls cost the frames
 * around them registers (x86-64: the TLS 1.2 ServerKeyExchange's +48 B of
 * stack, the handshake's peak) */
#if defined(__OPTIMIZE_SIZE__)
uint32_t mote_tls_rd_u(rd_t *r, int n);
const uint8_t *mote_tls_rd_bytes(rd_t *r, size_t n);
#endif
#if !defined(__OPTIMIZE_SIZE__) || defined(MOTE_TLS_READERS_HERE)
#if defined(__OPTIMIZE_SIZE__)
#define MOTE_TLS_READER
#else
#define MOTE_TLS_READER static inline
#endif
MOTE_TLS_READER uint32_t mote_tls_rd_u(rd_t *r, int n)
{
    uint32_t v = 0;
    if (r->bad || r->end - r->p < n) {
        r->bad = 1;
        return 0;
    }
    while (n--)
        v = (v << 8) | *r->p++;
    return v;
}

MOTE_TLS_READER const uint8_t *mote_tls_rd_bytes(rd_t *r, size_t n)
{
    const uint8_t *p = r->p;
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        return NULL;
    }
    r->p += n;
    return p;
}
#endif
#define rd_u     mote_tls_rd_u
#define rd_bytes mote_tls_rd_bytes

/* A byte writer that stops (and remembers) at the end of its room. */
typedef struct {
    uint8_t *p, *end;
    int full;
} wr_t;

static inline void put(wr_t *w, const void *d, size_t n)
{
    if (w->full || (size_t)(w->end - w->p) < n) {
        w->full = 1;
        return;
    }
    memcpy(w->p, d, n);
    w->p += n;
}

static inline void put_u(wr_t *w, uint32_t v, int n)
{
    uint8_t b[4];
    int i;
    for (i = 0; i < n; i++)
        b[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
    put(w, b, (size_t)n);
}

/* Open a length-prefixed block: returns where its length goes. */
static inline uint8_t *open_len(wr_t *w, int n)
{
    uint8_t *at = w->p;
    put_u(w, 0, n);
    return at;
}

static inline void close_len(wr_t *w, uint8_t *at, int n)
{
    size_t len;
    if (w->full) return;
    len = (size_t)(w->p - at) - (size_t)n;
    while (n--) {
        at[n] = (uint8_t)len;
        len >>= 8;
    }
}

/* One row of a handshake table: in this state, this message type is
 * accepted; transcript says when it joins the transcript hash; max_len 0
 * means streamed (no handler). A handler's negative return is fatal:
 * mote_tls_hs_input calls mote_tls_fail with it (a handler may have done
 * so already: the first error stays). */
#define TH_AFTER  0 /* transcript includes the message when the handler runs */
#define TH_BEFORE 1 /* handler gets the hash without it (CertificateVerify, Finished) */
#define TH_NONE   2 /* not added here: post-handshake, or by the handler (ServerHello) */
typedef int (*mote_tls_hs_handler)(mote_tls_conn *c, const uint8_t *body, size_t len,
                                   const uint8_t *th);
typedef struct { /* (one 32-bit word and the handler: 8 bytes on 32-bit targets) */
    unsigned state : 6, type : 8, transcript : 2, max_len : 16;
    mote_tls_hs_handler fn;
} mote_tls_hs_row;
typedef char mote_tls_states_fit_6_bits[MOTE_SS12_WAIT_CV < 64 ? 1 : -1];

/* client13.c: message framing, the ClientHello and what both versions share */
int mote_tls_hs_input(mote_tls_conn *c); /* consume in[hs_pos..hs_end) */
/* Our output waits for room: a flight, a KeyUpdate, TLS 1.2's key exchange. */
#define mote_tls_hs_pending(c)                                                                     \
    (((c)->flags & (MOTE_F_FLIGHT | MOTE_F_KU_PENDING | MOTE_F_KEX12)) != 0)
int mote_tls_hs_continue(mote_tls_conn *c); /* retry output that waited for room */
void mote_tls_wipe_secrets(mote_tls_conn *c);
void mote_tls_th_get(const mote_tls_conn *c, uint8_t *out); /* transcript hash so far */
/* Walk an extension block (rejecting duplicates), calling fn for each. */
typedef int (*mote_tls_ext_fn)(mote_tls_conn *c, void *arg, uint16_t type, rd_t *body);
int mote_tls_walk_extensions(mote_tls_conn *c, rd_t *r, mote_tls_ext_fn fn, void *arg);
/* Server extensions both versions answer alike (server_name, ALPN,
 * max_fragment_length, record_size_limit, supported_groups). */
int mote_tls_ext_negotiated(mote_tls_conn *c, uint16_t type, rd_t *body);
/* Does this connection offer a protocol version (MOTE_TLS12, MOTE_TLS13)? */
int mote_tls_offers(const mote_tls_conn *c, uint16_t version);
/* Is the group in our supported_groups? */
int mote_tls_offered_group(const mote_tls_conn *c, uint16_t group);

#if MOTE_ENABLE_TLS12
/* client12.c: the TLS 1.2 handshake after a ServerHello without
 * supported_versions (RFC 5246) */
const uint16_t *mote_tls12_suites(const mote_tls_conn *c); /* configured or default list */
int mote_tls12_suite_usable(const mote_tls_conn *c, uint16_t suite);
int mote_tls12_server_hello(mote_tls_conn *c, const uint8_t *body, size_t len);
const mote_tls_hs_row *mote_tls12_table(size_t *rows);
int mote_tls12_continue(mote_tls_conn *c); /* MOTE_F_KEX12: our flight */
int mote_tls12_ccs(mote_tls_conn *c, const uint8_t *p, size_t len);
/* Role-neutral pieces the 1.2 server (server12.c) shares: the suite's key
 * exchange (1 ECDHE, 2 DHE; 0: not a 1.2 suite) and authentication (1
 * ECDSA, 2 RSA); where the peer's key share waits (2-byte length, value);
 * the shared and master secrets and key block from it (1 when done); the
 * peer's Finished, answered by our CCS and Finished on a server. */
int mote_tls12_suite_kind(uint16_t id, int *auth);
uint8_t *mote_tls12_park(mote_tls_conn *c);
int mote_tls12_master_secret(mote_tls_conn *c);
int mote_tls12_on_finished(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th);
/* Resumption: the key block from the master secret in c->secret; our
 * ChangeCipherSpec and Finished (a resuming server's first flight). */
void mote_tls12_keys(mote_tls_conn *c);
int mote_tls12_send_ccs_finished(mote_tls_conn *c);
/* A suite's PRF / transcript hash length (32 or 48); the most a record of
 * it adds to the plaintext (AEAD 24; CBC: IV, MAC and a block of padding). */
uint8_t mote_tls12_suite_hash_len(uint16_t id);
#if MOTE_ENABLE_CBC
size_t mote_tls12_expansion(uint16_t id);
#else
#define mote_tls12_expansion(id) ((void)(id), (size_t)24)
#endif
#define MOTE_TLS12_KX_RSA      3 /* mote_tls12_suite_kind: RSA key transport */
#define mote_tls12_rsa_kex(id) (mote_tls12_suite_kind((id), &(int){0}) == MOTE_TLS12_KX_RSA)
/* TLS 1.2 CBC suites: encrypt_then_mac (RFC 7366) negotiated, kept in the
 * read state's iv (which CBC does not use) from the hellos on. */
#define MOTE_TLS12_ETM(c) ((c)->rd.iv[0])
#endif
/* A ClientHello offering TLS 1.2 CBC suites: how many bytes their records
 * may add beyond an AEAD record's 24 (0: none offered; then no
 * encrypt_then_mac either). */
#if MOTE_ENABLE_TLS12 && MOTE_ENABLE_CBC
size_t mote_tls12_cbc_extra(const mote_tls_conn *c);
#else
#define mote_tls12_cbc_extra(c) ((void)(c), (size_t)0)
#endif

/* The TLS 1.2 server (server12.c): built whenever the server and TLS 1.2 are. */
#if MOTE_ENABLE_SERVER && MOTE_ENABLE_TLS12
int mote_tls12_on_client_hello(mote_tls_conn *c, const uint8_t *b, size_t len, int offered13);
const mote_tls_hs_row *mote_tls12_server_table(size_t *rows);
int mote_tls12_server_continue(mote_tls_conn *c);
/* The client's Finished checked, before our [NewSessionTicket], CCS and
 * Finished of a full handshake: the session goes into the cache, a ticket
 * out (when configured). */
int mote_tls12_server_keep(mote_tls_conn *c);
#endif

/* session.c: the configured session if it can be offered for this version
 * (right server name, not expired), else NULL; its ticket age (ms); and
 * the session a ticket is about to be stored in (reset, with the
 * connection's suite, version, ALPN, server name and peer identity; NULL
 * when no session is configured). */
#if MOTE_ENABLE_TLS_RESUMPTION
struct mote_tls_session *mote_tls_session_usable(const mote_tls_conn *c, uint16_t version);
uint32_t mote_tls_session_age(const mote_tls_conn *c, const struct mote_tls_session *s);
struct mote_tls_session *mote_tls_session_begin(mote_tls_conn *c, int resumed);
#define MOTE_TLS_SESSION(c) ((c)->cfg->session)
#else /* compiled out: no session is ever offered or written */
static inline struct mote_tls_session *mote_tls_session_usable(const mote_tls_conn *c,
                                                               uint16_t version)
{
    (void)c, (void)version;
    return NULL;
}
static inline struct mote_tls_session *mote_tls_session_begin(mote_tls_conn *c, int resumed)
{
    (void)c, (void)resumed;
    return NULL;
}
#define MOTE_TLS_SESSION(c) ((struct mote_tls_session *)NULL)
#endif
/* Any TLS 1.3 pre-shared key a client may offer (external, or a ticket). */
#define MOTE_TLS_CLIENT_PSK (MOTE_ENABLE_TLS_PSK || MOTE_ENABLE_TLS_RESUMPTION)

/* client13.c: add handshake bytes to the transcript. */
void mote_tls_th_add(mote_tls_conn *c, const uint8_t *p, size_t n);

/* clientauth.c: our certificate (either role). client_scheme says what our
 * key signs (0: none configured; a server sets it from the client's list). The senders return 1
 * when done, 0 when they must wait for output room, or an error. */
#if MOTE_ENABLE_TLS_CLIENT_AUTH
uint16_t mote_tls_client_scheme(const mote_tls_conn *c);
int mote_tls_send_client_verify(mote_tls_conn *c, const uint8_t *content, size_t content_len);
#else
/* client13.c: client certificates compiled out, the empty Certificate a
 * client answers a CertificateRequest with (1 sent, 0 wait for room) */
int mote_tls_send_empty_cert(mote_tls_conn *c);
#endif
int mote_tls_send_client_cert(mote_tls_conn *c);
/* The same signature in a message of this type after params (TLS 1.2
 * ServerKeyExchange: type 12, the ECDH parameters). */
int mote_tls_send_signed(mote_tls_conn *c, uint8_t type, const uint8_t *params, size_t params_len,
                         const uint8_t *content, size_t content_len);
/* mote_tls_send_signed in two steps, so that the caller's frame holding the
 * signed content is gone before the record is sealed: the message is built
 * in out[] where the next record's plaintext goes and added to the
 * transcript (returns its length, or 0 / an error as above); then
 * mote_tls_send_built(c, that return value) seals and sends it (1 when
 * done; 0 and errors pass through). */
int mote_tls_sign_message(mote_tls_conn *c, uint8_t type, const uint8_t *params, size_t params_len,
                          const uint8_t *content, size_t content_len);
int mote_tls_send_built(mote_tls_conn *c, int n);

/* server13.c, for both server versions: a ServerHello's fixed part
 * (legacy_version 0x0303, random, c's session id and suite, null
 * compression) written where the next record goes, extensions block open;
 * mote_tls_server_hello_send closes it, adds the message to the transcript
 * and sends it as one record (MOTE_ERR_TLS_INTERNAL if it did not fit). */
typedef struct {
    wr_t w;
    uint8_t *msg, *len3, *ext;
} mote_tls_hello_w;
void mote_tls_server_hello_begin(mote_tls_conn *c, mote_tls_hello_w *sh, const uint8_t *random);
int mote_tls_server_hello_send(mote_tls_conn *c, mote_tls_hello_w *sh);

/* kex.c: our key share for a group, and the shared secret with the peer's.
 * mote_tls_kex_supported: the length of a key share of the group (0: not
 * compiled in). */
int mote_tls_kex_supported(uint16_t group);
int mote_tls_kex_keygen(mote_tls_conn *c, uint16_t group, uint8_t *pub, size_t *pub_len);
int mote_tls_kex_shared(mote_tls_conn *c, const uint8_t *peer, size_t peer_len, uint8_t *secret,
                        size_t *secret_len);

/* certs.c: the server's Certificate message streams through here, and its
 * CertificateVerify is checked with the leaf key kept from it. */
int mote_tls_cert_begin(mote_tls_conn *c);
int mote_tls_cert_entry(mote_tls_conn *c, unsigned index, size_t len);
int mote_tls_cert_data(mote_tls_conn *c, const uint8_t *p, size_t n);
int mote_tls_cert_end_entry(mote_tls_conn *c);
int mote_tls_cert_end(mote_tls_conn *c, unsigned count);
int mote_tls_sig_supported(uint16_t scheme);
int mote_tls_cert_verify(mote_tls_conn *c, uint16_t scheme, const uint8_t *content,
                         size_t content_len, const uint8_t *sig, size_t sig_len);
/* TLS 1.3 CertificateVerify of the peer: the content (64 spaces, the
 * context string of the side that signs, transcript hash th) is fed to the
 * hash in pieces, never built on the stack. */
int mote_tls13_cv_verify(mote_tls_conn *c, uint16_t scheme, int server_signs, const uint8_t *th,
                         const uint8_t *sig, size_t sig_len);
/* TLS 1.2 CertificateVerify of the client: the signature over the
 * handshake messages, whose hash th (the suite's) must be the scheme's. */
int mote_tls12_cv_verify(mote_tls_conn *c, uint16_t scheme, const uint8_t *th, const uint8_t *sig,
                         size_t sig_len);
/* TLS 1.2 ServerKeyExchange: the signature covers client_random ||
 * server_random || params; PKCS#1 v1.5 is allowed and an ECDSA scheme names
 * the hash only (the curve is the key's). */
int mote_tls12_cert_verify(mote_tls_conn *c, uint16_t scheme, const uint8_t *params,
                           size_t params_len, const uint8_t *sig, size_t sig_len);
/* The hash a signature scheme signs with (NULL: Ed25519, or unknown). */
const mote_hash_desc *mote_tls_scheme_hash(uint16_t scheme);
/* The alert that fits an X.509 error code. */
uint8_t mote_tls_x509_alert(int err);

/* Shared by both roles of the TLS 1.3 handshake (client13.c). */
const uint16_t *mote_tls13_suites(const mote_tls_conn *c); /* configured or default */
const uint16_t *mote_tls_groups(const mote_tls_conn *c);   /* configured or default */
const uint16_t *mote_tls_sig_algs(size_t *n);              /* the schemes we verify */
int mote_tls13_suite_aead(uint16_t suite);                 /* MOTE_AEAD_NONE: not 1.3 */
const mote_hash_desc *mote_tls13_suite_hash(uint16_t suite);
const uint8_t *mote_tls13_hrr_random(void); /* the ServerHello.random of a HelloRetryRequest */
/* HelloRetryRequest: the transcript so far becomes message_hash(Hash(it)). */
void mote_tls13_th_restart(mote_tls_conn *c);
int mote_tls13_on_key_update(mote_tls_conn *c, const uint8_t *b, size_t len, const uint8_t *th);
int mote_tls13_on_certificate_verify(mote_tls_conn *c, const uint8_t *b, size_t len,
                                     const uint8_t *th);

/* certs.c, both roles: the CertificateVerify content (64 spaces, the
 * context string of the signer's role, a zero byte, the transcript hash th);
 * returns its length. Our chain (the sni callback's choice, else cfg's). */
#define MOTE_TLS13_CV_CONTENT_MAX (64 + 34 + 48)
size_t mote_tls13_cv_content(const mote_tls_conn *c, int server_signs, const uint8_t *th,
                             uint8_t *out);
void mote_tls_own_chain(const mote_tls_conn *c, mote_tls_chain *out);
/* The scheme our key signs with, among the peer's signature_algorithms
 * list (2-byte entries at list[0..len)); 0 if none fits. */
uint16_t mote_tls_pick_scheme(const mote_tls_conn *c, const uint8_t *list, size_t len);

/* tickets.c: a session ticket's contents; seal one under the first
 * ticket key into out (MOTE_TLS13_TICKET_MAX bytes; returns its length, 0
 * on failure); open one (0, or -1 when no key opens it or it is not of
 * this version). The version is sealed in: a TLS 1.2 ticket (psk: the
 * master secret; peer_auth may carry MOTE_TICKET12_EMS; age_add unused)
 * never opens as a TLS 1.3 one, nor the reverse. */
typedef struct {
    uint16_t suite;
    uint8_t alpn_index, peer_auth, psk_len;
    uint32_t lifetime, age_add; /* seconds; obfuscation of the age (ms) */
    uint64_t issued;            /* ms */
    uint8_t psk[48];
} mote_tls13_ticket;
#define MOTE_TLS13_TICKET_MAX (16 + 12 + 23 + 48 + 16)
#define MOTE_TICKET12_EMS     0x02 /* TLS 1.2 tickets, in peer_auth: extended master secret */
size_t mote_tls13_ticket_seal(const mote_tls_conn *c, const mote_tls13_ticket *t, uint8_t *out);
int mote_tls13_ticket_open(const mote_tls_conn *c, const uint8_t *id, size_t len,
                           mote_tls13_ticket *t);
size_t mote_tls_ticket_seal(const mote_tls_conn *c, uint16_t version, const mote_tls13_ticket *t,
                            uint8_t *out);
int mote_tls_ticket_open(const mote_tls_conn *c, uint16_t version, const uint8_t *id, size_t len,
                         mote_tls13_ticket *t);

/* server13.c: the server's table, its flight, and the client's Certificate end. */
const mote_tls_hs_row *mote_tls13_server_table(size_t *rows);
int mote_tls13_server_continue(mote_tls_conn *c);
int mote_tls13_client_cert_end(mote_tls_conn *c, unsigned count);
/* Both server versions: ALPN, 1 + the index in cfg->alpn of the first of
 * ours the client's protocol list (1-byte-length names, len bytes) offers,
 * or 0; and the answering extension for c->alpn_index (nothing if 0). */
uint8_t mote_tls_server_alpn(const mote_tls_conn *c, const uint8_t *list, size_t len);
void mote_tls_put_alpn(const mote_tls_conn *c, wr_t *w);

#endif
