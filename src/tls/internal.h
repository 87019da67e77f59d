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
    MOTE_ST_CLOSED
};

/* c->flags */
#define MOTE_F_CLOSE_SENT 0x01
#define MOTE_F_HRR        0x02 /* a HelloRetryRequest was received */
#define MOTE_F_CERT_REQ   0x04 /* the server asked for a client certificate */
#define MOTE_F_FLIGHT     0x08 /* our Finished flight is waiting for output room */
#define MOTE_F_KU_PENDING 0x10 /* a KeyUpdate answer is waiting for output room */
#define MOTE_F_CR_SIGALGS 0x20 /* the CertificateRequest had signature_algorithms */

/* Handshake message types. */
#define MOTE_HS_CLIENT_HELLO         1
#define MOTE_HS_SERVER_HELLO         2
#define MOTE_HS_NEW_SESSION_TICKET   4
#define MOTE_HS_ENCRYPTED_EXTENSIONS 8
#define MOTE_HS_CERTIFICATE          11
#define MOTE_HS_CERTIFICATE_REQUEST  13
#define MOTE_HS_CERTIFICATE_VERIFY   15
#define MOTE_HS_FINISHED             20
#define MOTE_HS_KEY_UPDATE           24
#define MOTE_HS_MESSAGE_HASH         254

/* engine.c */
int mote_tls_send_record(mote_tls_conn *c, uint8_t type, const uint8_t *data, size_t len);
/* Record the first fatal error, queue its alert, wipe secrets; returns err. */
int mote_tls_fail(mote_tls_conn *c, int err);

/* client13.c */
int mote_tls_hs_input(mote_tls_conn *c); /* consume in[hs_pos..hs_end) */
int mote_tls_hs_pending(const mote_tls_conn *c);
int mote_tls_hs_continue(mote_tls_conn *c); /* retry output that waited for room */
void mote_tls_wipe_secrets(mote_tls_conn *c);

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
/* The alert that fits an X.509 error code. */
uint8_t mote_tls_x509_alert(int err);

#endif
