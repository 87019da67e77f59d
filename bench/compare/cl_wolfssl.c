/* wolfSSL 5.5 (Debian libwolfssl-dev) comparison client: TLS 1.2 and 1.3.
 * A method per version, the suite of the configuration, P-256 (1.2) or
 * X25519 (1.3), chain verification (WOLFSSL_VERIFY_PEER against the trust
 * anchor) and the host name checked, max_fragment_length 1024
 * (wolfSSL_CTX_UseMaxFragment); wolfSSL's own socket I/O on the fd.
 * Everything is allocated by wolfSSL (caller_mem 0). Debian's build has no
 * WOLFSSL_AESNI: AES-GCM is its portable C (T-tables, GCM_TABLE_4BIT),
 * while public-key arithmetic uses its x86-64 assembly (WOLFSSL_SP_X86_64).
 * Resumption: session ticket (1.2: UseSessionTicket; 1.3: NewSessionTicket).
 * cl_wolfssl-c.c compiles this same client against a portable-C build of
 * wolfSSL (bench/compare/wolfssl_c.sh) under another name. */
#define _POSIX_C_SOURCE 200809L
#ifndef CL_WOLFSSL_NAME
#define CL_WOLFSSL_NAME "wolfssl"
#define CL_WOLFSSL_BUILD                                                                           \
    "aesni=0 (no WOLFSSL_AESNI in Debian's build) sp_int=x86-64 asm (WOLFSSL_SP_X86_64)"
#endif
#include <wolfssl/options.h>
#include <wolfssl/ssl.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

static WOLFSSL_CTX *ctx;
static WOLFSSL *ssl;
static WOLFSSL_SESSION *saved;
static const cmp_opts *opts;

static void report(const char *what, int rc)
{
    char msg[WOLFSSL_MAX_ERROR_SZ];
    int err = ssl ? wolfSSL_get_error(ssl, rc) : rc;
    wolfSSL_ERR_error_string_n((unsigned long)err, msg, sizeof msg);
    fprintf(stderr, "compare: wolfssl: %s: %d %s\n", what, err, msg);
}

/* --serve (bench/compare/run.sh's servers): the chain (leaf +
 * intermediate, one PEM buffer) and key; no tickets, no session cache: one
 * full handshake. */
static int server_setup(const cmp_opts *o)
{
    static unsigned char pem[16384];
    size_t n1, n2;
    if (cmp_load_file(o->cert_file, pem, sizeof pem, &n1) != 0 ||
        cmp_load_file(o->chain_file, pem + n1, sizeof pem - n1, &n2) != 0)
        return -1;
    if (wolfSSL_CTX_use_certificate_chain_buffer(ctx, pem, (long)(n1 + n2)) != WOLFSSL_SUCCESS ||
        wolfSSL_CTX_use_PrivateKey_file(ctx, o->key_file, WOLFSSL_FILETYPE_PEM) != WOLFSSL_SUCCESS)
        return report("chain/key", 0), -1;
    wolfSSL_CTX_set_session_cache_mode(ctx, WOLFSSL_SESS_CACHE_OFF);
    if (o->tls13)
        wolfSSL_CTX_no_ticket_TLSv13(ctx);
    else
        wolfSSL_CTX_NoTicketTLSv12(ctx);
    return 0;
}

static int w_setup(const cmp_opts *o)
{
    int group[] = {o->p256 ? WOLFSSL_ECC_SECP256R1 : WOLFSSL_ECC_X25519};
    const char *list;
    opts = o;
    if (wolfSSL_Init() != WOLFSSL_SUCCESS) return -1;
    ctx = wolfSSL_CTX_new(
        o->server  ? (o->tls13 ? wolfTLSv1_3_server_method() : wolfTLSv1_2_server_method())
        : o->tls13 ? wolfTLSv1_3_client_method()
                   : wolfTLSv1_2_client_method());
    if (!ctx) return -1;
    if (o->server) {
        if (server_setup(o) != 0) return -1;
    } else {
        if (wolfSSL_CTX_load_verify_locations(ctx, o->ca_file, NULL) != WOLFSSL_SUCCESS)
            return report("trust anchor", 0), -1;
        wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_PEER, NULL);
    }
    if (o->tls13)
        list = o->chacha ? "TLS13-CHACHA20-POLY1305-SHA256" : "TLS13-AES128-GCM-SHA256";
    else if (o->chacha)
        list = o->ecdsa ? "ECDHE-ECDSA-CHACHA20-POLY1305" : "ECDHE-RSA-CHACHA20-POLY1305";
    else
        list = o->ecdsa ? "ECDHE-ECDSA-AES128-GCM-SHA256" : "ECDHE-RSA-AES128-GCM-SHA256";
    if (wolfSSL_CTX_set_cipher_list(ctx, list) != WOLFSSL_SUCCESS)
        return report("cipher list", 0), -1;
    if (o->tls13) {
        if (wolfSSL_CTX_set_groups(ctx, group, 1) != WOLFSSL_SUCCESS)
            return report("groups", 0), -1;
    } else if (!o->server) {
        if (wolfSSL_CTX_UseSupportedCurve(ctx, WOLFSSL_ECC_SECP256R1) != WOLFSSL_SUCCESS)
            return report("curve", 0), -1;
        if (wolfSSL_CTX_UseSessionTicket(ctx) != WOLFSSL_SUCCESS) return report("tickets", 0), -1;
    }
    if (o->server) return 0;
    if (wolfSSL_CTX_UseSNI(ctx, WOLFSSL_SNI_HOST_NAME, o->host, (unsigned short)strlen(o->host)) !=
        WOLFSSL_SUCCESS)
        return report("sni", 0), -1;
    if (wolfSSL_CTX_UseMaxFragment(ctx, WOLFSSL_MFL_2_10) != WOLFSSL_SUCCESS)
        return report("max_fragment", 0), -1;
    return 0;
}

static int w_handshake(int fd, int resume)
{
    int rc;
    ssl = wolfSSL_new(ctx);
    if (!ssl) return -1;
    if (opts->server) {
        if (wolfSSL_set_fd(ssl, fd) != WOLFSSL_SUCCESS) return -1;
        rc = wolfSSL_accept(ssl);
        if (rc != WOLFSSL_SUCCESS) return report("accept", rc), -1;
        return 0;
    }
    if (wolfSSL_check_domain_name(ssl, opts->host) != WOLFSSL_SUCCESS) return -1;
    if (opts->tls13 && wolfSSL_UseKeyShare(ssl, opts->p256 ? WOLFSSL_ECC_SECP256R1
                                                           : WOLFSSL_ECC_X25519) != WOLFSSL_SUCCESS)
        return -1;
    if (resume) {
        if (!saved || wolfSSL_set_session(ssl, saved) != WOLFSSL_SUCCESS) return -1;
    }
    if (wolfSSL_set_fd(ssl, fd) != WOLFSSL_SUCCESS) return -1;
    rc = wolfSSL_connect(ssl);
    if (rc != WOLFSSL_SUCCESS) return report("handshake", rc), -1;
    return 0;
}

static int w_resumed(void)
{
    return wolfSSL_session_reused(ssl);
}

static int w_write(const void *buf, size_t len)
{
    int n = wolfSSL_write(ssl, buf, (int)len);
    if (n != (int)len) return report("write", n), -1;
    return 0;
}

static long w_read(void *buf, size_t len)
{
    int n = wolfSSL_read(ssl, buf, (int)len);
    int err;
    if (n > 0) return n;
    err = wolfSSL_get_error(ssl, n);
    if (err == WOLFSSL_ERROR_ZERO_RETURN) return 0;
    report("read", n);
    return -1;
}

static int w_keep_session(void)
{
    saved = wolfSSL_get1_session(ssl);
    return saved ? 0 : -1;
}

static void w_close(void)
{
    if (!ssl) return;
    (void)wolfSSL_shutdown(ssl);
    wolfSSL_free(ssl);
    ssl = NULL;
}

static size_t w_caller_mem(void)
{
    return 0; /* WOLFSSL_CTX and WOLFSSL are allocated by the library */
}

static void w_info(void)
{
    printf("info: %s all state on the heap; mfl=1024 %s\n", CL_WOLFSSL_NAME, CL_WOLFSSL_BUILD);
}

const cmp_lib cmp_library = {CL_WOLFSSL_NAME, w_setup,        w_handshake, w_resumed,    w_write,
                             w_read,          w_keep_session, w_close,     w_caller_mem, w_info};
