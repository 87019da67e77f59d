/* The loop both TLS client fuzz harnesses share: drain what the engine
 * wants to send or hands to the application, step pending work, and feed
 * the fuzzer's bytes as "server" input in chunks chosen by opt (bits 0x30:
 * everything at once, 1 byte, 7 bytes, 300 bytes). With opt & 8 the
 * application writes a byte once the connection allows it: once only
 * (write_once) or at every turn. Bounded: it always ends. */
#ifndef MOTE_FUZZ_TLS_H
#define MOTE_FUZZ_TLS_H

#include <string.h>

#include "mote/session.h"
#include "mote/tls.h"

/* A session for "localhost" (secret 0x33.., ticket 0x77..; TLS 1.2: also
 * session id 0x5a.. and extended master secret), so that the ClientHello
 * offers it and the resumption paths can be reached. */
/* The base client configuration both client harnesses start from: a DRBG
 * with a fixed seed (so recorded seeds replay whole handshakes), SNI
 * "localhost", verification off when opt bit 0 is set. Returns 0, or -1
 * if the DRBG could not be seeded. */
static int fuzz_tls_client_config(mote_tls_config *cfg, mote_drbg_ctx *rng, uint8_t opt)
{
    uint8_t seed[48];
    memset(seed, 0x42, sizeof seed);
    if (mote_drbg_seed(rng, seed, sizeof seed, NULL, 0) != MOTE_OK) return -1;
    memset(cfg, 0, sizeof *cfg);
    cfg->server_name = "localhost";
    cfg->rng = rng;
    cfg->flags = (opt & 1) ? MOTE_TLS_NO_VERIFY : 0;
    return 0;
}

static void fuzz_tls_session(mote_tls_session *s, uint16_t version, uint16_t suite)
{
    uint8_t h[32];
    memset(s, 0, sizeof *s);
    s->version = version, s->suite = suite, s->lifetime = 7200, s->age_add = 0x01020304;
    s->secret_len = version == MOTE_TLS13 ? 32 : 48;
    memset(s->secret, 0x33, s->secret_len);
    s->ticket_len = 48;
    memset(s->ticket, 0x77, 48);
    if (version == MOTE_TLS12) {
        s->flags = MOTE_SESSION_EMS, s->sid_len = 32;
        memset(s->session_id, 0x5a, 32);
    }
    mote_sha256("localhost", 9, h);
    memcpy(s->name_hash, h, 16);
}

static void fuzz_tls_drive(mote_tls_conn *c, const uint8_t *data, size_t size, size_t pos,
                           uint8_t opt, int write_once)
{
    size_t steps = 0;
    int wrote = 0;
    while (steps++ < 100000) {
        unsigned st = mote_tls_status(c);
        size_t n, room;
        uint8_t *dst;
        if (st & MOTE_TLS_SEND) {
            (void)mote_tls_send_buf(c, &n);
            mote_tls_send_done(c, n);
            continue;
        }
        if (st & MOTE_TLS_READ) {
            (void)mote_tls_read_buf(c, &n);
            mote_tls_read_done(c, n);
            continue;
        }
        if (st & MOTE_TLS_STEP) {
            (void)mote_tls_step(c);
            continue;
        }
        if (st & MOTE_TLS_CLOSED) break;
        if ((st & MOTE_TLS_WRITE) && (opt & 8) && !wrote) {
            dst = mote_tls_write_buf(c, &room);
            if (dst && room) {
                dst[0] = 'x';
                (void)mote_tls_write_done(c, 1);
                if (write_once) {
                    wrote = 1;
                    continue;
                }
            }
        }
        if (!(st & MOTE_TLS_RECV) || pos >= size) break;
        dst = mote_tls_recv_buf(c, &room);
        if (!dst) break;
        n = (opt & 0x30) == 0x00   ? size - pos
            : (opt & 0x30) == 0x10 ? 1
            : (opt & 0x30) == 0x20 ? 7
                                   : 300;
        if (n > size - pos) n = size - pos;
        if (n > room) n = room;
        memcpy(dst, data + pos, n);
        pos += n;
        (void)mote_tls_recv_done(c, n);
    }
    mote_tls_wipe(c);
}

#endif
