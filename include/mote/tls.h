/* mote: the TLS engine (sans-I/O).
 *
 * The engine never touches a socket, a clock or an allocator. The caller
 * owns one mote_tls_conn and two buffers (input and output) and moves bytes:
 *
 *     for (;;) {
 *         unsigned st = mote_tls_status(&c);
 *         if (st & MOTE_TLS_SEND)   -> send mote_tls_send_buf(), then mote_tls_send_done()
 *         else if (st & MOTE_TLS_RECV) -> read into mote_tls_recv_buf(), then mote_tls_recv_done()
 *         ...
 *     }
 *
 * Four windows: "bytes to send" (mote_tls_send_buf), "room for bytes from
 * the network" (mote_tls_recv_buf), "plaintext for the application"
 * (mote_tls_read_buf) and "room for application plaintext"
 * (mote_tls_write_buf). Input and output are independent: the application
 * can write while a partial record is being received, and read while output
 * is pending. src/io/ has blocking and non-blocking socket adapters.
 *
 * Memory: sizeof(mote_tls_conn) plus the two buffers, all the caller's.
 * The input buffer decides the largest record the engine accepts; the
 * client advertises record_size_limit and max_fragment_length from it. */
#ifndef MOTE_TLS_H
#define MOTE_TLS_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"
#include "mote/hash.h"
#include "mote/rng.h"
#include "mote/x509.h"

struct mote_tls_session; /* mote/session.h: resumption */

/* Protocol numbers (IANA). */
#define MOTE_TLS12 0x0303
#define MOTE_TLS13 0x0304

#define MOTE_TLS_AES_128_GCM_SHA256       0x1301
#define MOTE_TLS_AES_256_GCM_SHA384       0x1302
#define MOTE_TLS_CHACHA20_POLY1305_SHA256 0x1303
#define MOTE_TLS_AES_128_CCM_SHA256       0x1304

/* TLS 1.2 suites (AEAD, forward secret; RFC 5289, RFC 7905, RFC 5288) */
#define MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256       0xC02B
#define MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384       0xC02C
#define MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256         0xC02F
#define MOTE_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384         0xC030
#define MOTE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256   0xCCA8
#define MOTE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 0xCCA9
#define MOTE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256           0x009E /* ffdhe2048 only */
#define MOTE_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384           0x009F

/* Legacy TLS 1.2 suites, opt-in only (never in the default list: list them
 * in mote_tls_config.cipher_suites): AES-CBC with HMAC (RFC 5246, RFC 5289,
 * RFC 4492; encrypt_then_mac, RFC 7366, when the peer takes it) and RSA key
 * transport (no forward secrecy). MOTE_ENABLE_CBC, MOTE_ENABLE_SHA1 and
 * MOTE_ENABLE_TLS12_RSA_KEX compile them in. */
#define MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA    0xC009
#define MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA    0xC00A
#define MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA      0xC013
#define MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA      0xC014
#define MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 0xC023
#define MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 0xC024
#define MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256   0xC027
#define MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384   0xC028
#define MOTE_TLS_RSA_WITH_AES_128_CBC_SHA            0x002F
#define MOTE_TLS_RSA_WITH_AES_256_CBC_SHA            0x0035
#define MOTE_TLS_RSA_WITH_AES_128_CBC_SHA256         0x003C
#define MOTE_TLS_RSA_WITH_AES_256_CBC_SHA256         0x003D
#define MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256         0x009C
#define MOTE_TLS_RSA_WITH_AES_256_GCM_SHA384         0x009D

#define MOTE_GROUP_SECP256R1 23
#define MOTE_GROUP_SECP384R1 24
#define MOTE_GROUP_X25519    29
#define MOTE_GROUP_FFDHE2048 256

#define MOTE_SIG_RSA_PKCS1_SHA256       0x0401
#define MOTE_SIG_RSA_PKCS1_SHA384       0x0501
#define MOTE_SIG_RSA_PKCS1_SHA512       0x0601
#define MOTE_SIG_ECDSA_SECP256R1_SHA256 0x0403
#define MOTE_SIG_ECDSA_SECP384R1_SHA384 0x0503
#define MOTE_SIG_RSA_PSS_RSAE_SHA256    0x0804
#define MOTE_SIG_RSA_PSS_RSAE_SHA384    0x0805
#define MOTE_SIG_RSA_PSS_RSAE_SHA512    0x0806
#define MOTE_SIG_ED25519                0x0807
#define MOTE_SIG_RSA_PSS_PSS_SHA256     0x0809
#define MOTE_SIG_RSA_PSS_PSS_SHA384     0x080a
#define MOTE_SIG_RSA_PSS_PSS_SHA512     0x080b

/* Configuration flags. */
#define MOTE_TLS_NO_VERIFY     0x01 /* skip certificate verification (insecure, tests only) */
#define MOTE_TLS_NO_TIME_CHECK 0x02 /* device without a clock: skip validity dates */
#define MOTE_TLS_NO_MIDDLEBOX  0x04 /* no middlebox-compatibility session id / CCS */
#define MOTE_TLS_NO_MFL        0x08 /* do not send max_fragment_length (record_size_limit only) */
/* TLS 1.2: accept a server without extended_master_secret (RFC 7627).
 * Insecure (the triple-handshake attack): for legacy servers only. */
#define MOTE_TLS_ALLOW_NO_EMS 0x10
/* TLS 1.3 PSK (session or external) with psk_ke: no (EC)DHE, no key share
 * sent, no forward secrecy for the resumed connection; the default is
 * psk_dhe_ke. */
#define MOTE_TLS_PSK_KE 0x100
/* Server, TLS 1.3 PSK (ticket or external): refuse psk_ke. By default a
 * server resumes with psk_dhe_ke when the client offers it (and a group is
 * in common, after a HelloRetryRequest if need be), and with psk_ke (no
 * key share: no (EC)DHE work, no forward secrecy for the connection) when
 * the client offers only that or no group is in common. With this flag
 * such a client gets a full handshake (or, without a certificate to
 * present, handshake_failure). */
#define MOTE_TLS_NO_PSK_KE 0x200

/* Progress hook, called at bounded intervals inside long public-key
 * operations (feed a watchdog, yield to a scheduler). */
typedef void (*mote_tls_progress_fn)(void *arg);

/* Certificate verification is delegated through this hook so that the
 * engine does not depend on which validator is compiled in. The default
 * (mote_tls_config.verifier == NULL) is mote's streaming X.509 validator. */

/* A certificate chain with its private key: what a server presents (see
 * mote_tls_config.sni below). DER certificates, leaf first; the key as
 * decoded by mote_x509_privkey_from_pem / _der. */
typedef struct mote_tls_chain {
    const uint8_t *const *certs;
    const size_t *cert_lens;
    size_t n_certs;
    const mote_x509_privkey *key;
} mote_tls_chain;

/* Server: pick the chain for the host name the client asked for (SNI,
 * name[0..len) as sent: not terminated, not validated beyond being a
 * non-empty host_name; name NULL, len 0 when the client sent none). Return
 * the chain to present (it must outlive the connection), or NULL for the
 * configuration's own (client_certs / client_key). */
typedef const mote_tls_chain *(*mote_tls_sni_fn)(void *arg, const uint8_t *name, size_t len);

/* Server: the key of an external PSK identity (TLS 1.3, SHA-256 suites,
 * psk_dhe_ke or psk_ke): copy it to key (at most *key_len bytes), set *key_len and
 * return 0; nonzero when the identity is unknown (then the next identity,
 * or a certificate handshake). */
typedef int (*mote_tls_psk_fn)(void *arg, const uint8_t *identity, size_t len, uint8_t *key,
                               size_t *key_len);

/* Server: a session-ticket key (TLS 1.3 resumption, RFC 8446 4.6.1; TLS
 * 1.2, RFC 5077), owned by the application. name (name_len 4..16 bytes) starts every
 * ticket sealed under key (ChaCha20-Poly1305, else AES-256-GCM, whichever
 * is compiled in); the first configured key seals, any of them opens, so
 * keys rotate by putting a new one first and dropping the oldest. */
typedef struct {
    uint8_t name[16];
    size_t name_len;
    uint8_t key[32];
} mote_tls_ticket_key;

/* Server: a TLS 1.2 session-ID cache (RFC 5246 7.3) in caller memory.
 * The application allocates n_slots entries (any number; 96 bytes each)
 * and hands them over with mote_tls_session_cache_init; every connection
 * of a config pointing to the cache (mote_tls_config.session_cache)
 * stores its full TLS 1.2 handshake there under a fresh random 32-byte
 * session id (in an empty entry, else the least recently used one, wiped
 * first), and a
 * ClientHello naming a live entry (same suite offered, same extended
 * master secret, within ticket_lifetime, a verified client certificate
 * when client_auth requires one) resumes it in an abbreviated handshake.
 * The entries hold master secrets: keep them out of reach, wipe them with
 * mote_tls_session_cache_wipe. One cache serves connections that run one
 * at a time or in one thread (no locking). Fields are private. */
typedef struct {
    uint8_t id[32];
    uint8_t master[48];
    uint64_t issued_ms; /* now_ms (or now * 1000) of the full handshake */
    uint32_t used;      /* LRU stamp of the last use; 0: empty slot */
    uint16_t suite;
    uint8_t flags; /* 1: client verified, 2: extended master secret */
} mote_tls_cached_session;

typedef struct mote_tls_session_cache {
    mote_tls_cached_session *slots;
    size_t n_slots;
    uint32_t clock; /* LRU counter */
    uint32_t hits;  /* abbreviated handshakes served from the cache (statistics) */
} mote_tls_session_cache;

/* mote_tls_session_cache_init: empty cache over slots[0..n_slots) (caller
 * memory that must outlive every connection using the cache). */
void mote_tls_session_cache_init(mote_tls_session_cache *cache, mote_tls_cached_session *slots,
                                 size_t n_slots);
/* mote_tls_session_cache_wipe: erase every entry (secrets included). */
void mote_tls_session_cache_wipe(mote_tls_session_cache *cache);

/* Server: client certificates (mote_tls_config.client_auth). */
#define MOTE_TLS_CLIENT_AUTH_NONE     0 /* no CertificateRequest */
#define MOTE_TLS_CLIENT_AUTH_OPTIONAL 1 /* ask; an empty answer is accepted, a bad chain is not */
#define MOTE_TLS_CLIENT_AUTH_REQUIRED 2 /* ask; no certificate: certificate_required alert */

/* What a connection is configured with (client, or server where said). The engine keeps a pointer:
 * the config (and every string/array it points to) must outlive the
 * connection. Several connections may share one config. */
typedef struct mote_tls_config {
    const char *server_name;       /* SNI, and the name the certificate must match */
    const char *const *alpn;       /* NULL-terminated protocol list, or NULL */
    const uint16_t *cipher_suites; /* 0-terminated preference list; NULL = default */
    const uint16_t *groups;        /* 0-terminated; the first gets a key share; NULL = default */
    const mote_x509_trust_anchor *anchors; /* trust anchors (see mote/x509.h) */
    size_t n_anchors;
    int64_t now;    /* seconds since 1970 for validity checks */
    uint32_t flags; /* MOTE_TLS_* */
    /* Our certificate: the chain as DER certificates, leaf first, and the
     * leaf's private key (see mote_x509_privkey_from_pem). A client (mutual
     * TLS, optional) sends it when the server asks and accepts the key's
     * signature scheme, otherwise an empty certificate list. A server
     * presents it (required, unless every connection's sni callback
     * returns a chain). */
    const uint8_t *const *client_certs;
    const size_t *client_cert_lens;
    size_t n_client_certs;
    const mote_x509_privkey *client_key;
    mote_drbg_ctx *rng;            /* randomness for keys and nonces (required) */
    mote_tls_progress_fn progress; /* optional */
    void *progress_arg;
    /* Protocol versions the client accepts (MOTE_TLS12, MOTE_TLS13); 0 means
     * the default: min_version 1.2, max_version 1.3. One ClientHello offers
     * every version in [min, max]. */
    uint16_t min_version, max_version;
    /* Resumption (see mote/session.h): the session this connection offers
     * and refreshes with the server's tickets (caller memory), or NULL; and
     * the millisecond clock for ticket ages and lifetimes (0: no clock). */
    struct mote_tls_session *session;
    uint64_t now_ms;
    /* External PSK for TLS 1.3 (RFC 8446 2.2; MicroPython's psk_identity /
     * psk_key): offered in every ClientHello when psk_key is set, in place
     * of a session, with SHA-256 (so only SHA-256 suites can use it). */
    const uint8_t *psk_identity;
    size_t psk_identity_len;
    const uint8_t *psk_key;
    size_t psk_key_len;
    /* 0-RTT early data (TLS 1.3, opt-in): sent right behind the ClientHello
     * when it resumes a session whose ticket allows that much early data,
     * with the session's ALPN (none, or the first of cfg->alpn), and when
     * it fits in the output buffer next to the ClientHello. WARNING: early
     * data has no protection against replay (RFC 8446 8, E.5): an attacker
     * can deliver it to the server again. Only idempotent requests belong
     * in it. mote_tls_early_data_accepted() (mote/session.h) says whether
     * the server took it; if not, send it again after the handshake. */
    const uint8_t *early_data;
    size_t early_data_len;
    /* Optional: caller memory the peer's leaf certificate (DER) is copied
     * into as it streams past, for mote_tls_peer_cert(). A leaf longer than
     * peer_cert_size is not kept (only its length is noted; no error). The
     * engine otherwise keeps no certificate. Every connection using this
     * config writes here: give each connection its own config to keep each
     * one's. NULL/0: nothing is kept. */
    uint8_t *peer_cert_buf;
    size_t peer_cert_size;
    /* Server only. sni (optional): chooses the chain per host name. alpn
     * above is the server's preference order: the first of ours the client
     * offers is selected (none in common: no_application_protocol). groups
     * and cipher_suites are our preference too. client_auth:
     * MOTE_TLS_CLIENT_AUTH_*; client chains are validated against anchors
     * (purpose clientAuth, no host name), and server_name is not used. */
    mote_tls_sni_fn sni;
    void *sni_arg;
    uint8_t client_auth;
    /* Server, optional: external PSKs (RFC 8446 2.2; MicroPython's
     * server_psk_keys). A client offering a known identity with a valid
     * binder (in its first ClientHello or the one after a
     * HelloRetryRequest), psk_dhe_ke or psk_ke (MOTE_TLS_NO_PSK_KE) and
     * a SHA-256 suite is authenticated by the PSK
     * (no certificate is sent; mote_tls_resumed() says so). With a lookup
     * and no chain, the server takes PSK clients only. */
    mote_tls_psk_fn psk_lookup;
    void *psk_arg;
    /* Server, optional: stateless session tickets (TLS 1.3). With keys,
     * n_tickets NewSessionTickets (0: 2; at most 4) follow the client's
     * Finished, valid ticket_lifetime seconds (0: 1 day; at most 7 days),
     * their issue time and age from now_ms (else now). A ClientHello
     * whose pre_shared_key carries a ticket one of the keys opens, not
     * expired, of the suite's hash, with psk_dhe_ke or psk_ke (see
     * MOTE_TLS_NO_PSK_KE) and a valid binder (also in the ClientHello
     * after a HelloRetryRequest: its binder covers the retry), resumes (no certificate;
     * mote_tls_resumed() says so); any other ticket gets a full handshake. NULL/0: no tickets.
     * TLS 1.2 (RFC 5077): a client sending the SessionTicket extension
     * gets one NewSessionTicket (master secret, suite, extended master
     * secret, client verified, sealed as TLS 1.2: it never opens as a 1.3
     * ticket, nor the reverse) after a full handshake; a ticket that
     * opens, is not expired, whose suite the client offers again with the
     * same extended master secret (and a verified client when client_auth
     * requires one) resumes; any other gets a full handshake. */
    const mote_tls_ticket_key *ticket_keys;
    size_t n_ticket_keys;
    uint8_t n_tickets;
    uint32_t ticket_lifetime;
    /* Server, optional: the TLS 1.2 session-ID cache (see above; its
     * entries live ticket_lifetime too). NULL: session ids are not kept. */
    mote_tls_session_cache *session_cache;
} mote_tls_config;

/* Status bits from mote_tls_status(). */
#define MOTE_TLS_SEND   0x01 /* bytes are waiting in mote_tls_send_buf() */
#define MOTE_TLS_RECV   0x02 /* the engine wants bytes from the network */
#define MOTE_TLS_READ   0x04 /* application plaintext is available */
#define MOTE_TLS_WRITE  0x08 /* the application may write plaintext */
#define MOTE_TLS_STEP   0x10 /* call mote_tls_step(): work is pending (long operation) */
#define MOTE_TLS_CLOSED 0x20 /* the connection is over; mote_tls_error() tells why */

/* ---- the connection state (private: read it only through the functions) ---- */

#include "mote/aead.h"

typedef struct {
    uint8_t aead, tag_len, explicit_len;
    uint8_t iv[12];
    uint64_t seq;
    union {
#if MOTE_TLS_COMPACT_KEYS
#if MOTE_ENABLE_GCM
        mote_gcm_ckey gcm;
#endif
#if MOTE_ENABLE_CCM
        mote_aes_ckey aes;
#endif
#else
#if MOTE_ENABLE_GCM
        mote_gcm_ctx gcm;
#endif
#if MOTE_ENABLE_CCM
        mote_aes_ctx aes;
#endif
#endif
#if MOTE_ENABLE_CHACHAPOLY
        uint8_t chacha[32];
#endif
#if MOTE_ENABLE_CBC
        struct { /* TLS 1.2 CBC: raw keys, expanded per record */
            uint8_t key[32], mac[48];
        } cbc;
#endif
        uint8_t none;
    } k;
} mote_tls_cipher_state;

typedef struct mote_tls_conn {
    const mote_tls_config *cfg;
    uint8_t *in, *out;
    size_t in_size, out_size;
    size_t in_len;                  /* bytes held in in[] */
    size_t rec_end;                 /* end of the record being consumed (0: none) */
    size_t app_off, app_len;        /* unread application plaintext in in[] */
    size_t out_len, out_sent;       /* pending output in out[] */
    int err;                        /* first fatal error, or 0 */
    uint8_t state;                  /* handshake state (src/tls/client13.c) */
    uint8_t alert_sent, alert_recv; /* last alert descriptions (255: none) */
    uint8_t flags;                  /* private bits */
    uint16_t version, suite, group, sig_scheme;
    uint16_t peer_record_limit; /* largest plaintext the peer accepts */
    uint8_t alpn_index;         /* 1 + index in cfg->alpn, 0 if none */
    uint8_t hash_len;
    uint8_t psk;     /* MOTE_PSK_* (internal.h): what the ClientHello offered, what was taken */
    uint8_t tickets; /* tickets stored into cfg->session */
    /* handshake message assembly (before the cipher states: small offsets
     * for the fields the engine touches most) */
    size_t hs_pos, hs_end; /* unprocessed handshake bytes of the current record */
    size_t scratch;        /* where a straddling message is gathered in out[] */
    uint8_t hs_type, hs_hdr_len, hs_row, pk_ops;
    uint8_t hs_hdr[4], hs_small[8];
    uint32_t hs_len, hs_got;
    uint16_t mfl;           /* max_fragment_length we asked for (0: none) */
    uint16_t client_scheme; /* what our certificate's key signs, if the server takes it */
    uint8_t fl_phase;       /* our last flight: how far it got (client13.c) */
    uint32_t fl_pos;        /* bytes of our Certificate message sent */
    /* Certificate message walk (client13.c) */
    uint8_t cs_state;
    uint32_t cs_need, cs_val, cs_list, cs_count;
    mote_tls_cipher_state rd;
    /* Our write state and the certificate validator share memory (w.wr.k
     * and w.v.chain overlap, the write state's header does not): the
     * validator runs only while no write keys are installed. A client's
     * handshake write keys wait for the server's Finished (an alert before
     * that installs them: it ends the validation), a TLS 1.2 end's for its
     * ChangeCipherSpec, and a TLS 1.3 server that asked for a certificate
     * installs its application write keys with the client's Finished. The
     * TLS 1.2 key exchange parks values in the validator's memory too. */
    union {
        mote_tls_cipher_state wr;
        struct {
            uint8_t wr_head[offsetof(mote_tls_cipher_state, k)];
            mote_x509_chain chain;
        } v;
    } w;
    /* key schedule */
    uint8_t secret[48];                 /* early -> handshake -> master secret (1.2: master) */
    uint8_t c_secret[48], s_secret[48]; /* current traffic secrets (1.2: s_secret keeps the
                                           server's write key and IV until its CCS) */
    uint8_t client_random[32];
    uint8_t server_random[32]; /* TLS 1.2: signed in ServerKeyExchange, used for the keys */
    uint8_t session_id[32];
    uint8_t kex_priv[48]; /* our key-share private key */
    uint16_t kex_group;
    uint16_t hrr_group;
    /* transcript: until the suite picks its hash, SHA-256 runs here and
     * SHA-384 in the validator's memory (idle until a Certificate, past
     * the write keys' part: mote_tls_th_init); then the one picked, here */
    union {
        mote_sha256_ctx s256;
#if MOTE_ENABLE_SHA512
        mote_sha384_ctx s384;
#endif
    } th;
    /* certificate chain state: the streaming validator and the leaf's key */
    int verify_result; /* the validator's verdict (kept with MOTE_TLS_NO_VERIFY too) */
    uint32_t peer_cert_len, peer_cert_got; /* the leaf's length; bytes of it seen */
    mote_x509_pubkey leaf_key;
    /* server (src/tls/server13.c) */
    uint8_t server;                   /* 1: this end is the server */
    uint8_t sid_len;                  /* the client's legacy_session_id length (echoed) */
    uint8_t peer_auth;                /* a client certificate was verified */
    uint16_t share_len;               /* the client's key share, parked at the end of out[] */
    const struct mote_tls_chain *own; /* the chain the sni callback chose (NULL: cfg's) */
} mote_tls_conn;

/* ---- functions ---- */

/* mote_tls_client_init: prepare a client connection and queue its
 * ClientHello. in/out are the caller's buffers (at least MOTE_TLS_MIN_IN /
 * MOTE_TLS_MIN_OUT bytes); they and cfg must stay valid while the
 * connection lives. Returns MOTE_OK or a negative error. */
#define MOTE_TLS_MIN_IN     512
#define MOTE_TLS_MAX_SHARE  256 /* largest key share (ffdhe2048) */
#define MOTE_TLS_MAX_COOKIE 256 /* largest HelloRetryRequest cookie we echo */
#define MOTE_TLS_MIN_OUT    512
int mote_tls_client_init(mote_tls_conn *c, const mote_tls_config *cfg, uint8_t *in, size_t in_size,
                         uint8_t *out, size_t out_size);

/* mote_tls_server_init: prepare a server connection; it then waits for a
 * ClientHello (mote_tls_status says MOTE_TLS_RECV) and is driven exactly
 * like a client, with the same four windows. cfg needs rng and a chain
 * (client_certs / client_key, or an sni callback); in/out as for the
 * client (at least MOTE_TLS_MIN_IN / MOTE_TLS_MIN_OUT bytes), and they,
 * cfg and the chain must stay valid while the connection lives.
 * Sizes: the ClientHello must arrive in one record that fits in[] (typical
 * ClientHellos are 250-600 bytes; 512 bytes of input take most, a larger
 * one fails cleanly with record_overflow). The server advertises
 * record_size_limit from in_size when the client offers it, echoes
 * max_fragment_length, and sends its chain in pieces of whatever out[]
 * holds. out[] must hold the CertificateVerify in one record (an RSA-4096
 * key: 550 bytes) and, for ffdhe2048, the ServerHello and the client's
 * 256-byte share at once (otherwise that group is not chosen: 1 KiB is
 * plenty). RSA keys above 2048 bits sign in the idle part of in[] or out[]
 * (3 KiB for 4096 bits) instead of the stack, and fail with internal_error
 * when neither has that much room. Returns MOTE_OK or a negative error. */
int mote_tls_server_init(mote_tls_conn *c, const mote_tls_config *cfg, uint8_t *in, size_t in_size,
                         uint8_t *out, size_t out_size);
/* mote_tls_peer_verified: server: 1 when the client presented a
 * certificate chain that was validated (client_auth), else 0. */
int mote_tls_peer_verified(const mote_tls_conn *c);

/* mote_tls_status: MOTE_TLS_* bits saying what the engine can do now. */
unsigned mote_tls_status(const mote_tls_conn *c);

/* Output: *len bytes at the returned pointer are to be sent; report how
 * many went out with mote_tls_send_done. NULL/0 when nothing is pending. */
const uint8_t *mote_tls_send_buf(const mote_tls_conn *c, size_t *len);
void mote_tls_send_done(mote_tls_conn *c, size_t n);

/* Input: room for *len bytes from the network; then mote_tls_recv_done(n)
 * processes them (records are decrypted, the handshake advances by at most
 * one public-key operation). Returns MOTE_OK or the connection's error. */
uint8_t *mote_tls_recv_buf(mote_tls_conn *c, size_t *len);
int mote_tls_recv_done(mote_tls_conn *c, size_t n);

/* mote_tls_step: continue pending work (MOTE_TLS_STEP). Returns MOTE_OK or
 * the connection's error. */
int mote_tls_step(mote_tls_conn *c);

/* Application data in: *len plaintext bytes; consume n of them. */
const uint8_t *mote_tls_read_buf(const mote_tls_conn *c, size_t *len);
void mote_tls_read_done(mote_tls_conn *c, size_t n);

/* Application data out: room for *len plaintext bytes (one record); write
 * into it, then mote_tls_write_done(n) seals the record (n may be smaller). */
uint8_t *mote_tls_write_buf(mote_tls_conn *c, size_t *len);
int mote_tls_write_done(mote_tls_conn *c, size_t n);

/* mote_tls_close: queue close_notify; the connection then only drains. */
int mote_tls_close(mote_tls_conn *c);

/* mote_tls_abort: the application ends the connection, at any point (e.g.
 * it refuses the peer's certificate for a reason of its own): err, a
 * negative MOTE_ERR_TLS_* or MOTE_ERR_X509_* code, becomes the connection's
 * error and its fatal alert is queued (send it, then drop the connection).
 * Returns the connection's error (an earlier one if it had failed already). */
int mote_tls_abort(mote_tls_conn *c, int err);

/* mote_tls_key_update: send a KeyUpdate (request_peer: ask the server to
 * update its keys too). TLS 1.3 only, after the handshake. */
int mote_tls_key_update(mote_tls_conn *c, int request_peer);

/* mote_tls_wipe: erase every key and secret held in c (the caller's
 * buffers may still hold plaintext: wipe them too if that matters). */
void mote_tls_wipe(mote_tls_conn *c);

/* What was negotiated (valid once MOTE_TLS_READ/WRITE is possible). */
int mote_tls_error(const mote_tls_conn *c); /* 0 or the fatal error */
/* The certificate validator's verdict: MOTE_OK, or the MOTE_ERR_X509_*
 * reason (also computed, but not enforced, with MOTE_TLS_NO_VERIFY). */
int mote_tls_verify_result(const mote_tls_conn *c);
int mote_tls_alert(const mote_tls_conn *c, int *sent); /* last alert: received, or sent */
uint16_t mote_tls_version(const mote_tls_conn *c);
uint16_t mote_tls_cipher_suite(const mote_tls_conn *c);
uint16_t mote_tls_group(const mote_tls_conn *c);
uint16_t mote_tls_signature_scheme(const mote_tls_conn *c);
const char *mote_tls_alpn(const mote_tls_conn *c); /* NULL if none */
/* mote_tls_encrypt_then_mac: 1 when the connection runs a TLS 1.2 CBC
 * suite with encrypt_then_mac (RFC 7366: the MAC covers the ciphertext),
 * 0 otherwise (MAC-then-encrypt, an AEAD suite, TLS 1.3). */
int mote_tls_encrypt_then_mac(const mote_tls_conn *c);
/* mote_tls_peer_cert: the peer's leaf certificate (DER) as copied into
 * cfg->peer_cert_buf, *len its length; valid once the Certificate message
 * has been processed (e.g. after the handshake). NULL with *len = 0 when
 * none was received; NULL with *len = its length when it was not kept (no
 * buffer, or one too small). The bytes are in the caller's buffer. */
const uint8_t *mote_tls_peer_cert(const mote_tls_conn *c, size_t *len);
/* Largest plaintext record each side will send: peer_limit is what the
 * server accepts; our input buffer decides what we accept. */
size_t mote_tls_max_fragment(const mote_tls_conn *c);
/* The TLS 1.3 suites compiled in, in mote's order of preference,
 * 0-terminated; with mote_tls12_default_suites (MOTE_ENABLE_TLS12: the
 * TLS 1.2 suites mote offers, 0-terminated; those not compiled in are left
 * out of the ClientHello), what a NULL cipher_suites in the config means. */
extern const uint16_t mote_tls_default_suites[];
extern const uint16_t mote_tls12_default_suites[];

/* Names for printing ("TLS_AES_128_GCM_SHA256", "x25519", ...). */
const char *mote_tls_suite_name(uint16_t suite);
const char *mote_tls_group_name(uint16_t group);
const char *mote_tls_sig_name(uint16_t scheme);

#endif
