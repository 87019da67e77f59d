/* libFuzzer harness: the TLS 1.2 client engine (src/tls/client12.c) fed
 * arbitrary "server" bytes, in arbitrary chunks, with small (1 KiB-record)
 * buffers. The first input byte picks options. The random generator has a
 * fixed seed, so the seeds in tests/fuzz/corpus/fuzz_client12 (recorded
 * from openssl s_server and gnutls-serv answering exactly this client) run
 * whole handshakes: signatures, key exchange and both Finished messages
 * check out, and the fuzzer mutates from complete 1.2 conversations. The
 * engine must never read or write out of bounds, never loop, and end
 * either waiting for input or closed with an error.
 *
 * Option byte: 0x01 verification off (the seeds use it: no trust anchors
 * here); 0x02 accept a server without extended master secret; 0x04 offer
 * TLS 1.3 too (another ClientHello: seeds then stop at the ServerHello's
 * checks); 0x08 write application data once connected; 0x30 chunking (all,
 * 1, 7, 300 bytes); 0x40 DHE suites only (with 0x02, which no recorded
 * seed has: the opt-in legacy suites instead, AES-CBC with encrypt_then_mac
 * offered and RSA key transport, src/tls/cipher.c's CBC records; seeds
 * mote_rsa_kex_aes128_cbc_sha and mote_ecdhe_rsa_aes256_cbc_sha, recorded
 * from mote's server answering this client, run through encrypt_then_mac
 * records of application data); 0x80
 * ALPN. Both 0x02 and 0x04
 * (no recorded seed has them): a TLS 1.2 session (session id 0x5a..., a
 * ticket, extended master secret) is offered, so a ServerHello echoing the
 * id resumes and NewSessionTicket, ChangeCipherSpec and Finished follow in
 * the abbreviated order (seed resumed_nst). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_tls.h"
#include "mote/tls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint16_t groups[] = {MOTE_GROUP_X25519, MOTE_GROUP_SECP256R1, MOTE_GROUP_FFDHE2048, 0};
static const uint16_t dhe_suites[] = {MOTE_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                                      MOTE_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, 0};
static const uint16_t legacy_suites[] = {
    MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
    MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,   MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
    MOTE_TLS_RSA_WITH_AES_128_CBC_SHA,         MOTE_TLS_RSA_WITH_AES_256_CBC_SHA256,
    MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256,      0};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t in[1053], out[1053];
    static const char *const alpn[] = {"h2", "http/1.1", NULL};
    mote_drbg_ctx rng;
    mote_tls_config cfg;
    mote_tls_conn c;
    static mote_tls_session sess;
    uint8_t opt;

    if (size < 1) return 0;
    opt = data[0];
    if (fuzz_tls_client_config(&cfg, &rng, opt) != 0) return 0;
    if (opt & 2) cfg.flags |= MOTE_TLS_ALLOW_NO_EMS;
    cfg.min_version = MOTE_TLS12;
    cfg.max_version = (opt & 4) ? MOTE_TLS13 : MOTE_TLS12;
    cfg.groups = groups;
    cfg.cipher_suites = (opt & 0x42) == 0x42 ? legacy_suites : (opt & 0x40) ? dhe_suites : NULL;
    cfg.alpn = (opt & 0x80) ? alpn : NULL;
    if ((opt & 6) == 6) {
        fuzz_tls_session(&sess, MOTE_TLS12, MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        cfg.session = &sess;
    }
    if (mote_tls_client_init(&c, &cfg, in, sizeof in, out, sizeof out) != MOTE_OK) return 0;

    fuzz_tls_drive(&c, data, size, 1, opt, 1);
    return 0;
}
