/* mbed TLS 2.28 (Debian libmbedtls-dev) comparison client: TLS 1.2 only
 * (2.28 has no TLS 1.3 client). Default configuration preset, restricted
 * to TLS 1.2, the suite of the configuration and P-256 for ECDHE; chain
 * verification required (trust anchor parsed into an mbedtls_x509_crt),
 * host name checked. max_fragment_length 1024 is negotiated
 * (mbedtls_ssl_conf_max_frag_len), but 2.28 sizes its record buffers at
 * compile time (MBEDTLS_SSL_IN/OUT_CONTENT_LEN, 16384 in Debian's build;
 * MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH is off): mbedtls_ssl_setup mallocs
 * both at full size whatever was negotiated. Debian builds it with
 * MBEDTLS_AESNI_C: AES-GCM uses AES-NI and PCLMULQDQ where the CPU has
 * them (printed as aesni=). Resumption: session ticket (or ID).
 *
 * --serve (bench/compare/run.sh's servers): the same preset as a server,
 * version, suite and P-256 ECDHE; the chain (leaf + intermediate) parsed
 * into an mbedtls_x509_crt and the key into an mbedtls_pk_context at setup
 * (heap); no max_fragment_length asked (a server answers it), no session
 * cache or tickets: one full handshake. (2.28 has no TLS 1.3 server.) */
#define _POSIX_C_SOURCE 200809L
#include <mbedtls/aesni.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_internal.h>
#include <mbedtls/x509_crt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(MBEDTLS_DEBUG_C)
#include <mbedtls/debug.h>
#endif

#include "harness.h"

static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;
static mbedtls_ssl_config conf;
static mbedtls_ssl_context ssl;
static mbedtls_x509_crt ca;   /* client: the trust anchor; server: our chain */
static mbedtls_pk_context pk; /* server: our key */
static mbedtls_ssl_session saved;
static int cur_fd = -1, have_saved, ssl_live, mfl;
static const cmp_opts *opts;

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    long n = cmp_sock_send(*(int *)ctx, buf, len);
    return n >= 0 ? (int)n : MBEDTLS_ERR_NET_SEND_FAILED;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    long n = cmp_sock_recv(*(int *)ctx, buf, len);
    return n >= 0 ? (int)n : MBEDTLS_ERR_NET_RECV_FAILED;
}

static void report(const char *what, int rc)
{
    char msg[160];
    mbedtls_strerror(rc, msg, sizeof msg);
    fprintf(stderr, "compare: mbedtls: %s: -0x%04x %s\n", what, (unsigned)-rc, msg);
}

#if defined(MBEDTLS_DEBUG_C)
static void debug_line(void *ctx, int level, const char *file, int line, const char *msg)
{
    (void)ctx, (void)level;
    fprintf(stderr, "mbedtls %s:%d: %s", file, line, msg);
}
#endif

static int e_setup(const cmp_opts *o)
{
    static int suite[2];
    static const mbedtls_ecp_group_id curves[] = {MBEDTLS_ECP_DP_SECP256R1, MBEDTLS_ECP_DP_NONE};
    int rc;
    opts = o;
    if (o->tls13) return 1; /* no TLS 1.3 client in 2.28 */
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_ssl_config_init(&conf);
    mbedtls_x509_crt_init(&ca);
    mbedtls_ssl_session_init(&saved);
    mbedtls_pk_init(&pk);
    rc = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                               (const unsigned char *)"compare", 7);
    if (rc) return report("drbg", rc), -1;
    if (o->server) {
        if ((rc = mbedtls_x509_crt_parse_file(&ca, o->cert_file)) != 0 ||
            (rc = mbedtls_x509_crt_parse_file(&ca, o->chain_file)) != 0 ||
            (rc = mbedtls_pk_parse_keyfile(&pk, o->key_file, NULL)) != 0)
            return report("chain/key", rc), -1;
    } else if ((rc = mbedtls_x509_crt_parse_file(&ca, o->ca_file)) != 0) {
        return report("trust anchor", rc), -1;
    }
    rc = mbedtls_ssl_config_defaults(&conf,
                                     o->server ? MBEDTLS_SSL_IS_SERVER : MBEDTLS_SSL_IS_CLIENT,
                                     MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
    if (rc) return report("config", rc), -1;
    mbedtls_ssl_conf_min_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_max_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    if (o->chacha)
        suite[0] = o->ecdsa ? MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                            : MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;
    else
        suite[0] = o->ecdsa ? MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                            : MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    mbedtls_ssl_conf_ciphersuites(&conf, suite);
    mbedtls_ssl_conf_curves(&conf, curves);
    mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
    if (o->server) {
        rc = mbedtls_ssl_conf_own_cert(&conf, &ca, &pk);
        if (rc) return report("own cert", rc), -1;
        return 0;
    }
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&conf, &ca, NULL);
#if defined(MBEDTLS_DEBUG_C)
    if (getenv("CMP_DEBUG")) { /* CMP_DEBUG=1..4: mbed TLS's own trace on stderr */
        mbedtls_ssl_conf_dbg(&conf, debug_line, NULL);
        mbedtls_debug_set_threshold(atoi(getenv("CMP_DEBUG")));
    }
#endif
    /* 2.28 cannot reassemble a handshake message split over records: the
     * RSA chain's Certificate message (about 2.4 KB) needs 4096-byte
     * records. (Its buffers are 16 KiB whatever is negotiated.) */
    mfl = o->ecdsa ? 1024 : 4096;
    rc = mbedtls_ssl_conf_max_frag_len(&conf, o->ecdsa ? MBEDTLS_SSL_MAX_FRAG_LEN_1024
                                                       : MBEDTLS_SSL_MAX_FRAG_LEN_4096);
    if (rc) return report("max_frag_len", rc), -1;
    return 0;
}

static int e_handshake(int fd, int resume)
{
    int rc;
    cur_fd = fd;
    mbedtls_ssl_init(&ssl);
    ssl_live = 1;
    rc = mbedtls_ssl_setup(&ssl, &conf);
    if (rc) return report("setup", rc), -1;
    rc = opts->server ? 0 : mbedtls_ssl_set_hostname(&ssl, opts->host);
    if (rc) return report("hostname", rc), -1;
    mbedtls_ssl_set_bio(&ssl, &cur_fd, bio_send, bio_recv, NULL);
    if (resume) {
        if (!have_saved) return -1;
        rc = mbedtls_ssl_set_session(&ssl, &saved);
        if (rc) return report("set_session", rc), -1;
    }
    while ((rc = mbedtls_ssl_handshake(&ssl)) != 0) {
        if (rc != MBEDTLS_ERR_SSL_WANT_READ && rc != MBEDTLS_ERR_SSL_WANT_WRITE)
            return report("handshake", rc), -1;
    }
    return 0;
}

/* Resumed: the session's master secret is the one kept from connection 1
 * (a full handshake makes a new one). */
static int e_resumed(void)
{
    mbedtls_ssl_session now;
    int same;
    mbedtls_ssl_session_init(&now);
    if (mbedtls_ssl_get_session(&ssl, &now) != 0) return 0;
    same = memcmp(now.master, saved.master, sizeof now.master) == 0;
    mbedtls_ssl_session_free(&now);
    return same;
}

static int e_write(const void *buf, size_t len)
{
    const unsigned char *p = buf;
    while (len) {
        int n = mbedtls_ssl_write(&ssl, p, len);
        if (n == MBEDTLS_ERR_SSL_WANT_READ || n == MBEDTLS_ERR_SSL_WANT_WRITE) continue;
        if (n <= 0) return report("write", n), -1;
        p += n, len -= (size_t)n;
    }
    return 0;
}

static long e_read(void *buf, size_t len)
{
    for (;;) {
        int n = mbedtls_ssl_read(&ssl, buf, len);
        if (n > 0) return n;
        if (n == MBEDTLS_ERR_SSL_WANT_READ || n == MBEDTLS_ERR_SSL_WANT_WRITE) continue;
        if (n == 0 || n == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) return 0;
        report("read", n);
        return -1;
    }
}

static int e_keep_session(void)
{
    int rc = mbedtls_ssl_get_session(&ssl, &saved);
    if (rc) return report("get_session", rc), -1;
    have_saved = 1;
    return 0;
}

static void e_close(void)
{
    if (!ssl_live) return;
    (void)mbedtls_ssl_close_notify(&ssl);
    mbedtls_ssl_free(&ssl);
    ssl_live = 0;
}

static size_t e_caller_mem(void)
{
    return sizeof ssl + sizeof conf + sizeof drbg + sizeof entropy + sizeof ca +
           (opts->server ? sizeof pk : sizeof saved);
}

/* AES-NI / PCLMULQDQ in use (x86-64 builds only; 0 elsewhere, e.g. the
 * 32-bit ARM build of bench/compare/arm32.sh) */
#if defined(MBEDTLS_HAVE_X86_64)
#define CMP_AESNI(what) mbedtls_aesni_has_support(what)
#else
#define CMP_AESNI(what) 0
#endif

static void e_info(void)
{
    printf("info: mbedtls ssl=%zu config=%zu ctr_drbg=%zu entropy=%zu x509_crt=%zu session=%zu "
           "in_buf=%d out_buf=%d (heap, fixed at build time) mfl=%d aesni=%d pclmul=%d\n",
           sizeof ssl, sizeof conf, sizeof drbg, sizeof entropy, sizeof ca, sizeof saved,
           (int)MBEDTLS_SSL_IN_BUFFER_LEN, (int)MBEDTLS_SSL_OUT_BUFFER_LEN, mfl,
           CMP_AESNI(MBEDTLS_AESNI_AES), CMP_AESNI(MBEDTLS_AESNI_CLMUL));
}

const cmp_lib cmp_library = {"mbedtls", e_setup,        e_handshake, e_resumed,    e_write,
                             e_read,    e_keep_session, e_close,     e_caller_mem, e_info};
