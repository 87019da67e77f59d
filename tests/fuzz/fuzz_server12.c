/* libFuzzer harness: the TLS 1.2 server (src/tls/server12.c) fed arbitrary
 * "client" bytes, in arbitrary chunks, with small (1 KiB-record) buffers,
 * pinned to TLS 1.2 (every ClientHello goes to server12.c). The first
 * input byte picks options: 0x01 asks for a client certificate (0x02 too:
 * requires it), 0x04 an RSA-2048 key (ECDHE_RSA and DHE_RSA over
 * ffdhe2048, RSA-PSS or PKCS#1 v1.5 signatures; else ECDSA P-256), 0x08
 * the application writes a byte once it may, 0x30 the chunking
 * (fuzz_tls.h), 0x40 ALPN, 0x80 ffdhe2048 first in the server's groups.
 * Session tickets are on under a fixed key (no clock: no expiry), and the
 * session-id cache holds one entry (id 0x5a.., master secret 0x33.., the
 * key's AES-128-GCM suite, extended master secret: fuzz_tls_session's), so
 * the ticket-opening and cache paths are reached. The server's suite list
 * is the default one followed by the opt-in legacy suites (AES-CBC with
 * encrypt_then_mac, RSA key transport: out[] is 4 KiB so that the RSA
 * premaster can be decrypted there), so a ClientHello offering only those
 * reaches them while the seeds still get their default-list suite (seeds
 * rsa_kex_aes128_cbc_sha and ecdhe_ecdsa_aes256_cbc_sha384: mote's client
 * offering one of them, through a CBC record of application data). The
 * engine must never
 * read or write out of bounds, never loop, and end waiting for input or
 * closed with an error. The seeds in corpus/fuzz_server12 are whole client
 * flights recorded against this exact server (fixed DRBG seed; made by
 * mote's TLS 1.2 client in memory), so they replay complete handshakes:
 * ECDHE with each key, DHE, a client certificate, resumption by the cached
 * session id and by a ticket this server issued. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../unit/tls12_server_certs.h"
#include "../unit/tls_server_certs.h"
#include "fuzz_tls.h"
#include "mote/tls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#if MOTE_ENABLE_SERVER && MOTE_ENABLE_TLS12
static const uint16_t s12_suites[] = {MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                                      MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                      MOTE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                                      MOTE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                                      MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                                      MOTE_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                                      MOTE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                                      MOTE_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
                                      MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
                                      MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
                                      MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
                                      MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
                                      MOTE_TLS_RSA_WITH_AES_128_CBC_SHA,
                                      MOTE_TLS_RSA_WITH_AES_256_CBC_SHA256,
                                      MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256,
                                      0};
static const mote_tls_ticket_key s12_ticket_key = {"fuzz-t12", 8, {0x61, 0x62, 0x63}};
static const uint16_t s12_groups_ffdhe[] = {MOTE_GROUP_FFDHE2048, MOTE_GROUP_X25519,
                                            MOTE_GROUP_SECP256R1, 0};

typedef struct {
    mote_drbg_ctx rng;
    mote_tls_config cfg;
    mote_tls_session_cache cache;
    mote_tls_cached_session slots[2];
} s12_server;

/* The server of this harness for option byte opt; 0 when set up. */
static int s12_setup(s12_server *s, uint8_t opt)
{
    static const char *const alpn[] = {"h2", "http/1.1", NULL};
    static const uint8_t *ec_chain[1] = {ts_srv_der}, *rsa_chain[1] = {t12_srv_der};
    static const size_t ec_lens[1] = {sizeof ts_srv_der}, rsa_lens[1] = {sizeof t12_srv_der};
    static mote_x509_privkey ec_key, rsa_key;
    static mote_x509_trust_anchor ta;
    static uint8_t ta_store[128];
    static int loaded;
    uint8_t seed[48];
    int rsa = (opt & 4) != 0;
    if (!loaded) {
        uint8_t work[2048];
        size_t used;
        if (mote_x509_privkey_from_pem(&ec_key, ts_srv_key, strlen(ts_srv_key), work,
                                       sizeof work) ||
            mote_x509_privkey_from_pem(&rsa_key, t12_srv_key, strlen(t12_srv_key), work,
                                       sizeof work) ||
            mote_x509_ta_from_cert(&ta, ta_store, sizeof ta_store, &used, t12_ca_der,
                                   sizeof t12_ca_der))
            return -1;
        loaded = 1;
    }
    memset(s, 0, sizeof *s);
    memset(seed, 0x24, sizeof seed);
    if (mote_drbg_seed(&s->rng, seed, sizeof seed, NULL, 0) != MOTE_OK) return -1;
    s->cfg.rng = &s->rng;
    s->cfg.flags = MOTE_TLS_NO_TIME_CHECK;
    s->cfg.min_version = s->cfg.max_version = MOTE_TLS12;
    s->cfg.client_certs = rsa ? rsa_chain : ec_chain;
    s->cfg.client_cert_lens = rsa ? rsa_lens : ec_lens;
    s->cfg.n_client_certs = 1;
    s->cfg.client_key = rsa ? &rsa_key : &ec_key;
    s->cfg.anchors = &ta, s->cfg.n_anchors = 1; /* client chains: the TLS 1.2 test CA */
    s->cfg.client_auth =
        (opt & 1) ? ((opt & 2) ? MOTE_TLS_CLIENT_AUTH_REQUIRED : MOTE_TLS_CLIENT_AUTH_OPTIONAL)
                  : MOTE_TLS_CLIENT_AUTH_NONE;
    s->cfg.alpn = (opt & 0x40) ? alpn : NULL;
    s->cfg.groups = (opt & 0x80) ? s12_groups_ffdhe : NULL;
    s->cfg.ticket_keys = &s12_ticket_key, s->cfg.n_ticket_keys = 1;
    mote_tls_session_cache_init(&s->cache, s->slots, 2);
    memset(s->slots[0].id, 0x5a, 32);
    memset(s->slots[0].master, 0x33, 48);
    s->slots[0].suite = rsa ? MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
                            : MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    s->slots[0].flags = 2; /* extended master secret */
    s->slots[0].used = 1, s->cache.clock = 1;
    s->cfg.session_cache = &s->cache;
    s->cfg.cipher_suites = s12_suites;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t in[1053], out[4096];
    static s12_server s;
    mote_tls_conn c;
    if (size < 1 || s12_setup(&s, data[0]) != 0) return 0;
    if (mote_tls_server_init(&c, &s.cfg, in, sizeof in, out, sizeof out) != MOTE_OK) return 0;
    fuzz_tls_drive(&c, data, size, 1, data[0], 1);
    mote_tls_session_cache_wipe(&s.cache);
    return 0;
}
#else
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)data, (void)size;
    return 0;
}
#endif
