/* libFuzzer harness: the TLS 1.3 client engine fed arbitrary "server"
 * bytes, in arbitrary chunks, with small (1 KiB-record) buffers. The first
 * input byte picks options (verification, groups, chunking); the engine
 * must never read or write out of bounds, never loop, and end either
 * waiting for input or closed with an error.
 *
 * Option byte 0x02: a TLS 1.3 session (ticket) is configured, so the
 * ClientHello offers a PSK and a ServerHello may take it (with 0x08 too:
 * psk_ke, no key share); the corpus seed sh_psk_ke is such a ServerHello. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_tls.h"
#include "mote/tls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint16_t groups_x25519[] = {MOTE_GROUP_X25519, MOTE_GROUP_FFDHE2048, 0};
static const uint16_t groups_ffdhe[] = {MOTE_GROUP_FFDHE2048, MOTE_GROUP_X25519, 0};

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
    if (opt & 0x40) cfg.flags |= MOTE_TLS_NO_MIDDLEBOX; /* empty session id: easier to echo */
    cfg.groups = (opt & 0xC0) == 0xC0 ? groups_ffdhe : groups_x25519; /* ffdhe keygen is slow */
    cfg.alpn = (opt & 4) ? alpn : NULL;
    if (opt & 2) { /* a ticket for this server, SHA-256 */
        fuzz_tls_session(&sess, MOTE_TLS13, MOTE_TLS_AES_128_GCM_SHA256);
        cfg.session = &sess;
        if (opt & 8) cfg.flags |= MOTE_TLS_PSK_KE;
    }
    if (mote_tls_client_init(&c, &cfg, in, sizeof in, out, sizeof out) != MOTE_OK) return 0;

    fuzz_tls_drive(&c, data, size, 1, opt, 0);
    return 0;
}
