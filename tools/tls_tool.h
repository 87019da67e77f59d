/* Shared pieces of the TLS subcommands (client, get, demo): options,
 * buffers, connecting, and the RAM figures of --stats. Tool code may use
 * the heap; the library never does. */
#ifndef MOTE_TLS_TOOL_H
#define MOTE_TLS_TOOL_H

#include <stdio.h>

#include "mote/mote.h"
#include "mote/session.h"
#include "mote/tls.h"

#define MOTE_TOOL_USAGE                                                                            \
    "options:\n"                                                                                   \
    "  --ca FILE          trust anchors (PEM); default /etc/ssl/certs/ca-certificates.crt\n"       \
    "  --host NAME        name for SNI and certificate checks (default: HOST)\n"                   \
    "  --alpn LIST        comma-separated ALPN protocols\n"                                        \
    "  --groups LIST      x25519,p256,p384,ffdhe2048 (first gets a key share)\n"                   \
    "  --ciphers LIST     aes128gcm,aes256gcm,chacha20,aes128ccm (TLS 1.3);\n"                     \
    "                     ecdhe-ecdsa-|ecdhe-rsa-aes128gcm|aes256gcm|chacha20,\n"                  \
    "                     dhe-rsa-aes128gcm|aes256gcm (TLS 1.2)\n"                                 \
    "  --tls1.2, --tls1.3 offer only this protocol version (default: both)\n"                      \
    "  --allow-no-ems     TLS 1.2: accept a server without extended master secret (insecure)\n"    \
    "  --cert FILE        client certificate chain (PEM, leaf first), for mutual TLS\n"            \
    "  --key FILE         its private key (PEM: PKCS#8, SEC1 or PKCS#1)\n"                         \
    "  --in-buf N         input buffer bytes (sets the record size we accept)\n"                   \
    "  --out-buf N        output buffer bytes\n"                                                   \
    "  --insecure         do not verify the certificate (tests only)\n"                            \
    "  --no-time-check    skip certificate validity dates (device without a clock)\n"              \
    "  --no-mfl           advertise record_size_limit only, not max_fragment_length\n"             \
    "  --key-update       send a KeyUpdate (requesting the peer's) after the handshake\n"          \
    "  --stats            print RAM: context, buffers, measured stack\n"                           \
    "  --session-in FILE  resume the session saved in FILE (ignored if unusable)\n"                \
    "  --session-out FILE save the session (the last ticket received) to FILE\n"                   \
    "  --psk-identity ID  TLS 1.3 external PSK: its identity (text)\n"                             \
    "  --psk-key HEX      and its key (hex), hashed with SHA-256\n"                                \
    "  --psk-ke           PSK without (EC)DHE (psk_ke; default psk_dhe_ke)\n"                      \
    "  --resume N         (client) N more connections, each resuming the previous one\n"           \
    "  --early-data TEXT  TLS 1.3 0-RTT: send TEXT with a resumed ClientHello (replayable!)\n"

typedef struct {
    mote_tls_config cfg;
    mote_tls_conn conn;
    mote_drbg_ctx rng;
    uint8_t *in, *out;
    size_t in_size, out_size;
    char host[256], port[16];
    const char *sni;
    const char *ca_file;
    const char *alpn_list[8];
    char alpn_store[256];
    uint16_t groups[8], suites[32];
    int stats, close_on_eof, key_update;
    size_t stack_peak;                /* deepest stack of any engine call, bytes */
    void *anchors;                    /* loaded trust anchors (tool-owned memory) */
    const char *cert_file, *key_file; /* client certificate (mutual TLS) */
    const uint8_t *certs[8];
    size_t cert_lens[8];
    uint8_t *cert_store;
    mote_x509_privkey key;
    /* resumption: the session (cfg.session points here when one of the
     * options below is given), files, external PSK */
    mote_tls_session sess;
    const char *session_in, *session_out;
    uint8_t psk_key[64];
    int use_session;
} mote_tool_session;

void mote_tool_session_defaults(mote_tool_session *s);
/* Parse argv[i] (and its value). Returns how many argv entries it used, 0
 * if argv[i] is not a common option, -1 on error (message printed). */
int mote_tool_parse_option(mote_tool_session *s, int argc, char **argv, int i);
/* HOST:PORT, [v6]:PORT -> s->host / s->port. */
int mote_tool_split_target(mote_tool_session *s, const char *target);
int mote_tool_connect(mote_tool_session *s);
/* Prepare the engine and run the handshake over fd (errors are printed). */
int mote_tool_handshake(mote_tool_session *s, int fd);
long mote_tool_read(mote_tool_session *s, int fd, void *buf, size_t len);
long mote_tool_write(mote_tool_session *s, int fd, const void *buf, size_t len);
void mote_tool_close(mote_tool_session *s, int fd);
/* One non-blocking-style step: send pending, or process one receive (and
 * send what it produced). */
int mote_tool_pump(mote_tool_session *s, int fd);
void mote_tool_print_session(const mote_tool_session *s, FILE *f);
/* --session-in / --session-out: load (an unusable file is reported and
 * ignored: a full handshake follows) and save the serialised session. */
void mote_tool_load_session(mote_tool_session *s);
int mote_tool_save_session(mote_tool_session *s);
/* The connection is over: drop it (keeping the session, buffers, anchors)
 * so mote_tool_handshake can run again. */
void mote_tool_reset(mote_tool_session *s);
/* After a failed handshake (our alert already sent): close fd so that the
 * peer reads that alert, half-closing first and draining what it still
 * sends for up to 0.5 s (closing with unread input would reset the
 * connection and could discard the alert on the peer's side). */
void mote_tool_close_failed(int fd);
void mote_tool_print_stats(const mote_tool_session *s, FILE *f);
void mote_tool_free(mote_tool_session *s);
/* Server (tools/server.c): buffers, random generator, --ca anchors and the
 * --cert/--key chain, once; then per accepted socket the server handshake
 * (measured like the client's; --key-update sends one after it). */
int mote_tool_server_setup(mote_tool_session *s);
int mote_tool_server_handshake(mote_tool_session *s, int fd);

#endif
