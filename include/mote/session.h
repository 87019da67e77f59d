/* mote: TLS sessions (resumption) and external pre-shared keys.
 *
 * A session is what a later connection needs to skip the certificate and
 * (with psk_ke) the key exchange: TLS 1.3 keeps a ticket and the PSK derived
 * from the resumption master secret (RFC 8446 4.6.1); TLS 1.2 keeps the
 * master secret with the session id and/or an RFC 5077 ticket.
 *
 * The session lives in caller memory, pointed to by mote_tls_config.session:
 *   - when a connection starts and the session holds a usable ticket for
 *     the same server name (not expired by cfg->now_ms, a suite of the
 *     configuration with the same hash), the ClientHello offers it;
 *   - whenever the server hands out a ticket (TLS 1.3 NewSessionTicket,
 *     possibly several, at any time after the handshake; TLS 1.2 session id
 *     or NewSessionTicket at the end of the handshake) the engine
 *     overwrites the session with it. The last ticket received wins.
 * A session is only written by a connection whose certificate chain was
 * verified (or with MOTE_TLS_NO_VERIFY), and keeps a hash of the server's
 * leaf public key and of the server name, so a resumption stays tied to the
 * identity the full handshake checked.
 *
 * Time: ticket ages are in milliseconds (cfg->now_ms, any clock that keeps
 * counting across the session's life, e.g. an RTC in deep sleep; it must be
 * current whenever the engine is fed bytes, since a ticket's receipt time
 * is read from it). now_ms == 0 means "no clock": tickets are offered with
 * age 0 and their lifetime is not checked here (the server checks it).
 *
 * The session holds secrets: keep it out of logs, wipe it with
 * mote_tls_session_wipe. Its serialised form (mote_tls_session_save) is as
 * secret as the session itself; the integrity check detects corruption, it
 * does not hide or authenticate anything. */
#ifndef MOTE_SESSION_H
#define MOTE_SESSION_H

#include <stddef.h>
#include <stdint.h>
#include "mote/tls.h"

/* The largest ticket kept (bytes). A server's ticket above this size is
 * ignored (the session keeps what it had), never an error. OpenSSL's tickets
 * are about 200 bytes, GnuTLS's about 300. */
#ifndef MOTE_SESSION_MAX_TICKET
#define MOTE_SESSION_MAX_TICKET 1024
#endif
#define MOTE_SESSION_MAX_ALPN 32 /* a longer negotiated ALPN name is not recorded */

/* mote_tls_session.flags */
#define MOTE_SESSION_EMS 0x01 /* TLS 1.2: the session has an extended master secret */

typedef struct mote_tls_session {
    uint16_t version;        /* MOTE_TLS13, MOTE_TLS12; 0: empty session */
    uint16_t suite;          /* the cipher suite it was established with */
    uint8_t secret_len;      /* bytes in secret: the 1.3 PSK (hash length), 1.2: 48 */
    uint8_t flags;           /* MOTE_SESSION_* */
    uint8_t sid_len;         /* TLS 1.2 session id length (0: none) */
    uint8_t alpn_len;        /* negotiated ALPN (0: none) */
    uint16_t ticket_len;     /* 0: no ticket */
    uint32_t lifetime;       /* seconds the ticket may be used (server's value, <= 7 days) */
    uint32_t age_add;        /* TLS 1.3 ticket_age_add */
    uint32_t max_early_data; /* TLS 1.3 early_data in the ticket (0: none) */
    uint64_t received_ms;    /* cfg->now_ms when the ticket arrived */
    uint8_t secret[48];      /* resumption PSK (1.3) or master secret (1.2) */
    uint8_t session_id[32];  /* TLS 1.2 */
    uint8_t name_hash[16];   /* SHA-256 of the server name, truncated */
    uint8_t peer_hash[32];   /* SHA-256 of the leaf's public key (type, bytes) */
    uint8_t alpn[MOTE_SESSION_MAX_ALPN];
    uint8_t ticket[MOTE_SESSION_MAX_TICKET];
} mote_tls_session;

/* The largest serialised session: mote_tls_session_save needs this much
 * room at most (the actual size is smaller by the unused ticket bytes). */
#define MOTE_SESSION_SAVE_MAX                                                                      \
    (4 + 30 + 48 + 32 + 16 + 32 + MOTE_SESSION_MAX_ALPN + MOTE_SESSION_MAX_TICKET + 16)

/* mote_tls_session_save: serialise s into out (size bytes). Format version
 * 1: "MTS" 0x01, the fields big-endian, the variable parts at their
 * lengths, then 16 bytes of SHA-256 over all that. *len gets the size.
 * Returns MOTE_OK, MOTE_ERR_BAD_INPUT (empty session, room too small). */
int mote_tls_session_save(const mote_tls_session *s, uint8_t *out, size_t size, size_t *len);

/* mote_tls_session_load: the reverse. Returns MOTE_OK, or
 * MOTE_ERR_UNSUPPORTED (not a session of this format version) or
 * MOTE_ERR_ENCODING (truncated, corrupt, inconsistent): then s is wiped. */
int mote_tls_session_load(mote_tls_session *s, const uint8_t *in, size_t len);

/* mote_tls_session_wipe: erase the session (secrets included); it is then
 * empty and will not be offered. */
void mote_tls_session_wipe(mote_tls_session *s);

/* mote_tls_resumed: 1 if the connection's handshake resumed a session or
 * used the external PSK (no certificate was exchanged), else 0. */
int mote_tls_resumed(const mote_tls_conn *c);

/* mote_tls_early_data_accepted: 1 if the 0-RTT data of cfg->early_data went
 * out and the server accepted it (known once the handshake is done), else
 * 0: then it was not delivered and must be sent again as ordinary data. */
int mote_tls_early_data_accepted(const mote_tls_conn *c);

/* mote_tls_tickets: how many tickets (TLS 1.3 NewSessionTicket, TLS 1.2
 * NewSessionTicket or new session id) this connection stored into
 * cfg->session so far. */
unsigned mote_tls_tickets(const mote_tls_conn *c);

#endif
