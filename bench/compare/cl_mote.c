/* mote's comparison client: the sans-I/O engine driven by the blocking
 * POSIX adapters (src/io/posix.c), 1 KiB records (both buffers 5 + 1024 +
 * 24 bytes, the engine's worst-case record expansion), one protocol version
 * per configuration, trust anchor loaded
 * with mote_x509_ta_load. No heap: every byte is below. *
 * --serve (bench/compare/run.sh's servers): the same engine in the server
 * role (mote_tls_server_init), the chain (leaf + intermediate, DER) and key
 * loaded at setup, the same buffers, no session cache or tickets; built
 * against a libmote with -DMOTE_ENABLE_SERVER12=1 for TLS 1.2. caller_mem
 * then adds the decoded key (not the DER chain: flash on a device). */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "mote/io_posix.h"
#include "mote/mote.h"
#include "mote/session.h"

#define REC_OVERHEAD (5 + 24)
#define BUF_MAX      (16384 + REC_OVERHEAD)

static mote_drbg_ctx rng;
static mote_tls_config cfg;
static mote_tls_conn conn;
static mote_tls_session session; /* tickets / session id of connection 1 */
static uint8_t inbuf[BUF_MAX], outbuf[BUF_MAX];
static size_t in_size, out_size;
static mote_x509_trust_anchor tas[4];
static uint8_t ta_store[2048];
static uint16_t groups[2], suites[2];
static int cur_fd = -1;
static const cmp_opts *opts;
static mote_x509_privkey key; /* server */
static uint8_t der[2][2048];  /* server: leaf, intermediate */
static size_t der_lens[2];
static const uint8_t *chain[2] = {der[0], der[1]};

/* Server: the first certificate of a PEM file as DER into der[i]. */
static int load_cert(const char *path, int i)
{
    static uint8_t pem[8192];
    size_t len;
    long n;
    if (cmp_load_file(path, pem, sizeof pem, &len) != 0) return -1;
    n = mote_pem_decode((const char *)pem, len, "CERTIFICATE", 0, der[i], sizeof der[i]);
    if (n <= 0) return -1;
    der_lens[i] = (size_t)n;
    return 0;
}

/* Server: chain and key. */
static int load_own(const cmp_opts *o)
{
    static uint8_t pem[8192];
    uint8_t work[2048];
    size_t len;
    if (load_cert(o->cert_file, 0) != 0 || load_cert(o->chain_file, 1) != 0) return -1;
    if (cmp_load_file(o->key_file, pem, sizeof pem, &len) != 0 ||
        mote_x509_privkey_from_pem(&key, (const char *)pem, len, work, sizeof work) != MOTE_OK)
        return -1;
    cfg.client_certs = chain, cfg.client_cert_lens = der_lens, cfg.n_client_certs = 2;
    cfg.client_key = &key;
    return 0;
}

static int m_setup(const cmp_opts *o)
{
    static uint8_t pem[8192];
    size_t len, n = 0;
    opts = o;
    if (mote_drbg_init(&rng, NULL, NULL, (const uint8_t *)"compare", 7) != MOTE_OK) return -1;
    memset(&cfg, 0, sizeof cfg);
    if (o->server ? load_own(o) != 0
                  : cmp_load_file(o->ca_file, pem, sizeof pem, &len) != 0 ||
                        mote_x509_ta_load(tas, 4, &n, NULL, ta_store, sizeof ta_store, pem, len) !=
                            MOTE_OK ||
                        n == 0)
        return -1;
    in_size = out_size = o->record + REC_OVERHEAD;
    if (in_size > BUF_MAX) return -1;
    cfg.server_name = o->host;
    groups[0] = o->p256 || !o->tls13 ? MOTE_GROUP_SECP256R1 : MOTE_GROUP_X25519;
    if (o->tls13)
        suites[0] = o->chacha ? MOTE_TLS_CHACHA20_POLY1305_SHA256 : MOTE_TLS_AES_128_GCM_SHA256;
    else if (o->ecdsa)
        suites[0] = o->chacha ? MOTE_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                              : MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    else
        suites[0] = o->chacha ? MOTE_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
                              : MOTE_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    cfg.min_version = cfg.max_version = o->tls13 ? MOTE_TLS13 : MOTE_TLS12;
    cfg.groups = groups;
    cfg.cipher_suites = suites;
    cfg.anchors = tas;
    cfg.n_anchors = n;
    cfg.now = (int64_t)time(NULL);
    cfg.rng = &rng;
    if (!o->server) cfg.session = &session;
    if (!o->verify) cfg.flags |= MOTE_TLS_NO_VERIFY;
    return 0;
}

static int m_handshake(int fd, int resume)
{
    int rc;
    struct timespec ts;
    if (!resume) mote_tls_session_wipe(&session); /* connection 1: a full handshake */
    clock_gettime(CLOCK_REALTIME, &ts);
    cfg.now = (int64_t)ts.tv_sec;
    cfg.now_ms = (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
    cur_fd = fd;
    rc = opts->server ? mote_tls_server_init(&conn, &cfg, inbuf, in_size, outbuf, out_size)
                      : mote_tls_client_init(&conn, &cfg, inbuf, in_size, outbuf, out_size);
    if (rc == MOTE_OK) rc = mote_posix_handshake(&conn, fd);
    if (rc != MOTE_OK) fprintf(stderr, "compare: mote: %s\n", mote_strerror(rc));
    return rc == MOTE_OK ? 0 : -1;
}

static int m_resumed(void)
{
    return mote_tls_resumed(&conn);
}

static int m_write(const void *buf, size_t len)
{
    return mote_posix_write(&conn, cur_fd, buf, len) == (long)len ? 0 : -1;
}

static long m_read(void *buf, size_t len)
{
    long n = mote_posix_read(&conn, cur_fd, buf, len);
    if (n < 0) fprintf(stderr, "compare: mote: read: %s\n", mote_strerror((int)n));
    return n;
}

/* The engine has already written connection 1's tickets (TLS 1.3) or
 * session id / ticket (TLS 1.2) into `session`. */
static int m_keep_session(void)
{
    return session.version != 0 ? 0 : -1;
}

static void m_close(void)
{
    (void)mote_posix_close(&conn, cur_fd);
    mote_tls_wipe(&conn);
}

static size_t m_caller_mem(void)
{
    return sizeof conn + in_size + out_size + sizeof rng + sizeof cfg +
           (opts->server ? sizeof key : 0);
}

static void m_info(void)
{
    printf("info: mote conn=%zu in=%zu out=%zu drbg=%zu config=%zu verify=%s verify_result=%d "
           "suite=%s group=%s sig=%s peer_limit=%zu session=%zu (resumption only, not in "
           "caller_mem)\n",
           sizeof conn, in_size, out_size, sizeof rng, sizeof cfg, opts->verify ? "on" : "off",
           mote_tls_verify_result(&conn), mote_tls_suite_name(mote_tls_cipher_suite(&conn)),
           mote_tls_group_name(mote_tls_group(&conn)),
           mote_tls_sig_name(mote_tls_signature_scheme(&conn)), mote_tls_max_fragment(&conn),
           sizeof session);
}

const cmp_lib cmp_library = {"mote", m_setup,        m_handshake, m_resumed,    m_write,
                             m_read, m_keep_session, m_close,     m_caller_mem, m_info};
