/* libFuzzer harness: the TLS 1.3 server engine fed arbitrary "client"
 * bytes, in arbitrary chunks, with small (1 KiB-record) buffers and a P-256
 * chain. The first input byte picks options: 0x01 asks for a client
 * certificate (0x02 too: requires it), 0x04 ALPN, 0x08 the application
 * writes a byte once it may, 0x30 the chunking (fuzz_tls.h), 0x40 the
 * server takes P-256 only (a HelloRetryRequest for an x25519 share), 0x80
 * ffdhe2048 first in the server's groups; 0x0c together refuse psk_ke
 * (MOTE_TLS_NO_PSK_KE). Session tickets are on under a fixed key, with no
 * clock (no age check), so a recorded ticket opens on every run. The engine must never read or
 * write out of bounds, never loop, and end waiting for input or closed with
 * an error. The seeds in corpus/fuzz_server13 are whole client flights
 * recorded against this exact server (fixed DRBG seed), so they replay
 * complete handshakes: plain, with a client certificate, after a retry,
 * with the external PSK "dev1"; and resumptions (pre_shared_key, the
 * ticket-opening path): a ticket with psk_dhe_ke, a ticket with psk_ke, a
 * ticket in the ClientHello after a retry, "dev1" with psk_ke. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../unit/tls_server_certs.h"
#include "fuzz_tls.h"
#include "mote/tls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An external PSK "dev1" (always configured: a ClientHello may offer it). */
static int psk_lookup(void *arg, const uint8_t *id, size_t len, uint8_t *key, size_t *key_len)
{
    (void)arg;
    if (len != 4 || memcmp(id, "dev1", 4) != 0 || *key_len < 32) return -1;
    memset(key, 0x5a, 32);
    *key_len = 32;
    return 0;
}

static const uint16_t groups_p256[] = {MOTE_GROUP_SECP256R1, 0};
static const mote_tls_ticket_key ticket_key = {"fuzz-ticket", 11, {0x17, 0x29, 0x3b, 0x4d}};
static const uint16_t groups_ffdhe[] = {MOTE_GROUP_FFDHE2048, MOTE_GROUP_X25519, 0};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t in[1053], out[1053], ta_store[128];
    static const char *const alpn[] = {"h2", "http/1.1", NULL};
    static const uint8_t *chain[1] = {ts_srv_der};
    static const size_t lens[1] = {sizeof ts_srv_der};
    static mote_x509_privkey key;
    static mote_x509_trust_anchor ta;
    static int loaded;
    mote_drbg_ctx rng;
    mote_tls_config cfg;
    mote_tls_conn c;
    uint8_t seed[48], opt;

    if (size < 1 || !MOTE_ENABLE_SERVER) return 0;
    if (!loaded) {
        uint8_t work[512];
        size_t used;
        if (mote_x509_privkey_from_pem(&key, ts_srv_key, strlen(ts_srv_key), work, sizeof work) ||
            mote_x509_ta_from_cert(&ta, ta_store, sizeof ta_store, &used, ts_ca_der,
                                   sizeof ts_ca_der))
            return 0;
        loaded = 1;
    }
    opt = data[0];
    memset(seed, 0x42, sizeof seed);
    if (mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0) != MOTE_OK) return 0;
    memset(&cfg, 0, sizeof cfg);
    cfg.rng = &rng;
    cfg.flags = MOTE_TLS_NO_TIME_CHECK;
    cfg.client_certs = chain, cfg.client_cert_lens = lens, cfg.n_client_certs = 1;
    cfg.client_key = &key;
    cfg.anchors = &ta, cfg.n_anchors = 1;
    cfg.psk_lookup = psk_lookup;
    cfg.ticket_keys = &ticket_key, cfg.n_ticket_keys = 1;
    if ((opt & 0x0c) == 0x0c) cfg.flags |= MOTE_TLS_NO_PSK_KE;
    cfg.client_auth =
        (opt & 1) ? ((opt & 2) ? MOTE_TLS_CLIENT_AUTH_REQUIRED : MOTE_TLS_CLIENT_AUTH_OPTIONAL)
                  : MOTE_TLS_CLIENT_AUTH_NONE;
    cfg.alpn = (opt & 4) ? alpn : NULL;
    cfg.groups = (opt & 0x40) ? groups_p256 : (opt & 0x80) ? groups_ffdhe : NULL;
#if MOTE_ENABLE_SERVER
    if (mote_tls_server_init(&c, &cfg, in, sizeof in, out, sizeof out) != MOTE_OK) return 0;
#endif

    fuzz_tls_drive(&c, data, size, 1, opt, 1);
    return 0;
}
