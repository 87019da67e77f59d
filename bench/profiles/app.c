/* The program each mote size profile is linked into (bench/profiles/run.sh):
 * a bare-metal TLS client that really drives the engine through its four
 * windows, so --gc-sections keeps exactly what such a firmware needs.
 *
 *   client-tls13 (default): trust anchor compiled into flash, SNI, default
 *                cipher suites and groups of the configuration;
 *   client-full  (PROFILE_FULL): also trust anchors from a PEM bundle, a
 *                client certificate and its private key from PEM (mutual
 *                TLS), ALPN, KeyUpdate, names of what was negotiated;
 *   server       (PROFILE_FULL and PROFILE_SERVER): a TLS 1.3 server
 *                presenting the PEM chain and key, asking for a client
 *                certificate (optional), answering with the same bytes;
 *   all          (PROFILE_FULL, and run.sh keeps every public function).
 *
 * The "hardware" (a network FIFO, a random-number register, a clock) is a
 * few volatile registers at made-up addresses: enough that nothing is
 * optimised away. Not part of libmote; never run. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mote/tls.h"
#include "mote/pem.h"
#include "mote/x509.h"

#define REG(a)    (*(volatile uint32_t *)(uintptr_t)(a))
#define NET_DATA  REG(0x40001000u)
#define NET_AVAIL REG(0x40001004u)
#define NET_ROOM  REG(0x40001008u)
#define RNG_DATA  REG(0x40002000u)
#define RTC_SECS  REG(0x40003000u)
#define LED       REG(0x40004000u)

/* 1 KiB records: 5 + 1024 + 24 bytes each way (docs/ENGINE.md). */
#define BUF_SIZE (5 + 1024 + 24)

static uint8_t in_buf[BUF_SIZE], out_buf[BUF_SIZE];
static mote_tls_conn conn;
static mote_tls_config cfg;
static mote_drbg_ctx rng;

/* A trust anchor as `mote ta` emits it: in flash. */
static const uint8_t ta_key[65] MOTE_FLASH = {0x04, 0x6b, 0x17, 0xd1, 0xf2};
static const mote_x509_trust_anchor anchors[1] MOTE_FLASH = {
    {{0x11, 0x22, 0x33}, MOTE_X509_KEY_P256, MOTE_X509_TA_CA, 0xFF, 0, 65, 0, 0, ta_key}};

static int hw_entropy(void *arg, uint8_t *buf, size_t len)
{
    size_t i;
    (void)arg;
    for (i = 0; i < len; i++)
        buf[i] = (uint8_t)RNG_DATA;
    return 0;
}

static size_t net_send(const uint8_t *p, size_t len)
{
    size_t i, room = NET_ROOM;
    if (len > room) len = room;
    for (i = 0; i < len; i++)
        NET_DATA = p[i];
    return len;
}

static size_t net_recv(uint8_t *p, size_t len)
{
    size_t i, avail = NET_AVAIL;
    if (len > avail) len = avail;
    for (i = 0; i < len; i++)
        p[i] = (uint8_t)NET_DATA;
    return len;
}

#if defined(PROFILE_FULL)
/* Credentials as PEM text somewhere in flash (a file system, a partition). */
#define PEM_ROOTS    ((const uint8_t *)(uintptr_t)0x40200000u)
#define PEM_CERT     ((const char *)(uintptr_t)0x40210000u)
#define PEM_KEY      ((const char *)(uintptr_t)0x40220000u)
#define PEM_LEN(off) ((size_t)REG(0x40230000u + (off)))
static mote_x509_trust_anchor ram_anchors[8];
static uint8_t anchor_keys[8 * 600];
static mote_x509_privkey client_key;
static uint8_t client_cert[1536];
static const uint8_t *const client_certs[1] = {client_cert};
static size_t client_cert_len[1];
static const char *const alpn[] = {"mqtt", "http/1.1", NULL};

static int load_credentials(void)
{
    static uint8_t work[2600];
    size_t n = 0;
    long len;
    int rc = mote_x509_ta_load(ram_anchors, 8, &n, NULL, anchor_keys, sizeof anchor_keys, PEM_ROOTS,
                               PEM_LEN(0));
    if (rc) return rc;
    cfg.anchors = ram_anchors;
    cfg.n_anchors = n;
    len = mote_pem_decode(PEM_CERT, PEM_LEN(4), "CERTIFICATE", 0, client_cert, sizeof client_cert);
    if (len < 0) return (int)len;
    client_cert_len[0] = (size_t)len;
    rc = mote_x509_privkey_from_pem(&client_key, PEM_KEY, PEM_LEN(8), work, sizeof work);
    if (rc) return rc;
    cfg.client_certs = client_certs;
    cfg.client_cert_lens = client_cert_len;
    cfg.n_client_certs = 1;
    cfg.client_key = &client_key;
    cfg.alpn = alpn;
    return 0;
}
#endif

int main(void)
{
    static const char request[] = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";
    size_t sent = 0;
    int rc;

    rc = mote_drbg_init(&rng, hw_entropy, NULL, (const uint8_t *)"profile", 7);
    if (rc) return rc;
    cfg.server_name = "example.com";
    cfg.anchors = anchors;
    cfg.n_anchors = 1;
    cfg.now = (int64_t)RTC_SECS;
    cfg.rng = &rng;
#if defined(PROFILE_FULL)
    rc = load_credentials();
    if (rc) return rc;
#endif
#if defined(PROFILE_SERVER)
    cfg.server_name = NULL;
    cfg.client_auth = MOTE_TLS_CLIENT_AUTH_OPTIONAL;
    rc = mote_tls_server_init(&conn, &cfg, in_buf, sizeof in_buf, out_buf, sizeof out_buf);
#else
    rc = mote_tls_client_init(&conn, &cfg, in_buf, sizeof in_buf, out_buf, sizeof out_buf);
#endif
    if (rc) return rc;
    for (;;) {
        unsigned st = mote_tls_status(&conn);
        size_t len;
        if (st & MOTE_TLS_SEND) {
            const uint8_t *p = mote_tls_send_buf(&conn, &len);
            mote_tls_send_done(&conn, net_send(p, len));
        } else if (st & MOTE_TLS_STEP) {
            rc = mote_tls_step(&conn);
        } else if (st & MOTE_TLS_READ) {
            const uint8_t *p = mote_tls_read_buf(&conn, &len);
            LED = p[0];
            mote_tls_read_done(&conn, len);
        } else if ((st & MOTE_TLS_WRITE) && sent < sizeof request - 1) {
            uint8_t *p = mote_tls_write_buf(&conn, &len);
            if (len > sizeof request - 1 - sent) len = sizeof request - 1 - sent;
            memcpy(p, request + sent, len);
            sent += len;
            rc = mote_tls_write_done(&conn, len);
#if defined(PROFILE_FULL)
            if (rc == 0 && sent == sizeof request - 1) {
                rc = mote_tls_key_update(&conn, 1);
                LED = (uint32_t)(uintptr_t)mote_tls_alpn(&conn);
                LED = (uint32_t)(uintptr_t)mote_tls_suite_name(mote_tls_cipher_suite(&conn));
                LED = (uint32_t)(uintptr_t)mote_tls_group_name(mote_tls_group(&conn));
                LED = (uint32_t)(uintptr_t)mote_tls_sig_name(mote_tls_signature_scheme(&conn));
            }
#endif
        } else if (st & MOTE_TLS_RECV) {
            uint8_t *p = mote_tls_recv_buf(&conn, &len);
            rc = mote_tls_recv_done(&conn, net_recv(p, len));
        } else if (st & MOTE_TLS_CLOSED) {
            break;
        } else if (RTC_SECS == 0) {
            rc = mote_tls_close(&conn);
        }
        if (rc) break;
    }
    LED = (uint32_t)mote_tls_error(&conn);
    LED = (uint32_t)mote_tls_verify_result(&conn);
    mote_tls_wipe(&conn);
#if defined(PROFILE_FULL)
    mote_x509_privkey_wipe(&client_key);
#endif
    return rc;
}
