/* mote (private): what the record layer, the handshake and the helpers of
 * the TLS engine share. */
#ifndef MOTE_TLS_INTERNAL_H
#define MOTE_TLS_INTERNAL_H

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
    MOTE_ST12_WAIT_FIN
};

/* c->flags */
#define MOTE_F_CLOSE_SENT 0x01
#define MOTE_F_HRR        0x02 /* a HelloRetryRequest was received */
#define MOTE_F_CERT_REQ   0x04 /* the server asked for a client certificate */
#define MOTE_F_FLIGHT     0x08 /* our Finished flight is waiting for output room */
#define MOTE_F_KU_PENDING 0x10 /* a KeyUpdate answer is waiting for output room */
#define MOTE_F_CR_SIGALGS 0x20 /* the CertificateRequest had signature_algorithms */
#define MOTE_F_KEX12      0x40 /* TLS 1.2: our key exchange and Finished are to be computed */
#define MOTE_F_EMS        0x80 /* TLS 1.2: extended master secret negotiated */

/* Handshake message types. */
#define MOTE_HS_HELLO_REQUEST        0
#define MOTE_HS_CLIENT_HELLO         1
#define MOTE_HS_SERVER_HELLO         2
#define MOTE_HS_NEW_SESSION_TICKET   4
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

/* A bounds-checked reader over a message body: a read past the end sets
 * bad and returns 0 / NULL. */
typedef struct {
    const uint8_t *p, *end;
    int bad;
} rd_t;

static inline uint32_t rd_u(rd_t *r, int n)
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

static inline const uint8_t *rd_bytes(rd_t *r, size_t n)
{
    const uint8_t *p = r->p;
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = 1;
        return NULL;
    }
    r->p += n;
    return p;
}

/* One row of a handshake table: in this state, this message type is
 * accepted; transcript says when it joins the transcript hash; max_len 0
 * means streamed (no handler). */
#define TH_AFTER  0 /* transcript includes the message when the handler runs */
#define TH_BEFORE 1 /* handler sees the transcript without it (CertificateVerify, Finished) */
#define TH_NONE   2 /* post-handshake messages are not in the transcript */
typedef int (*mote_tls_hs_handler)(mote_tls_conn *c, const uint8_t *body, size_t len,
                                   const uint8_t *th);
typedef struct {
    uint8_t state, type, transcript;
    uint16_t max_len;
    mote_tls_hs_handler fn;
} mote_tls_hs_row;

/* client13.c: message framing, the ClientHello and what both versions share */
int mote_tls_hs_input(mote_tls_conn *c); /* consume in[hs_pos..hs_end) */
int mote_tls_hs_pending(const mote_tls_conn *c);
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
#endif

/* client13.c: add handshake bytes to the transcript. */
void mote_tls_th_add(mote_tls_conn *c, const uint8_t *p, size_t n);

/* clientauth.c: our certificate (mutual TLS). client_scheme says what our
 * key signs (0: no client certificate configured). The senders return 1
 * when done, 0 when they must wait for output room, or an error. */
uint16_t mote_tls_client_scheme(const mote_tls_conn *c);
int mote_tls_send_client_cert(mote_tls_conn *c);
int mote_tls_send_client_verify(mote_tls_conn *c, const uint8_t *content, size_t content_len);

/* kex.c: our key share for a group, and the shared secret with the peer's. */
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
/* TLS 1.2 ServerKeyExchange: the signature covers client_random ||
 * server_random || params; PKCS#1 v1.5 is allowed and an ECDSA scheme names
 * the hash only (the curve is the key's). */
int mote_tls12_cert_verify(mote_tls_conn *c, uint16_t scheme, const uint8_t *params,
                           size_t params_len, const uint8_t *sig, size_t sig_len);
/* The alert that fits an X.509 error code. */
uint8_t mote_tls_x509_alert(int err);

#endif
