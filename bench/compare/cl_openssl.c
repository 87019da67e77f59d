/* OpenSSL 3.0 (Debian libssl-dev) comparison client, the reference: TLS
 * 1.2 and 1.3, the suite of the configuration, P-256 (1.2) or X25519
 * (1.3), chain verification against the trust anchor with the host name
 * checked (SSL_set1_host), max_fragment_length 1024, SSL_MODE_RELEASE_BUFFERS
 * (the smallest memory OpenSSL offers). Everything is allocated by
 * OpenSSL (caller_mem 0). Its assembly is used throughout; for the
 * portable-code bulk figure run.sh masks AES-NI and PCLMULQDQ with
 * OPENSSL_ia32cap and reports the unmasked run as openssl-hw. Resumption:
 * session ticket (SSL_get1_session after the data, so TLS 1.3 tickets are
 * in).
 *
 * --serve (bench/compare/run.sh's servers): TLS_server_method with the
 * same version, suite and group; the chain (leaf + intermediate) and key
 * loaded at setup; no tickets (SSL_OP_NO_TICKET, no TLS 1.3
 * NewSessionTicket) and no session cache: one full handshake. */
#define _POSIX_C_SOURCE 200809L
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static SSL_CTX *ctx;
static SSL *ssl;
static SSL_SESSION *saved;
static const cmp_opts *opts;

static void report(const char *what)
{
    unsigned long e = ERR_get_error();
    char msg[256];
    ERR_error_string_n(e, msg, sizeof msg);
    fprintf(stderr, "compare: openssl: %s: %s\n", what, msg);
}

static int o_setup(const cmp_opts *o)
{
    int v = o->tls13 ? TLS1_3_VERSION : TLS1_2_VERSION;
    opts = o;
    ctx = SSL_CTX_new(o->server ? TLS_server_method() : TLS_client_method());
    if (!ctx) return report("ctx"), -1;
    if (!SSL_CTX_set_min_proto_version(ctx, v) || !SSL_CTX_set_max_proto_version(ctx, v))
        return report("version"), -1;
    if (o->tls13) {
        if (!SSL_CTX_set_ciphersuites(ctx, o->chacha ? "TLS_CHACHA20_POLY1305_SHA256"
                                                     : "TLS_AES_128_GCM_SHA256"))
            return report("ciphersuites"), -1;
    } else {
        const char *list;
        if (o->chacha)
            list = o->ecdsa ? "ECDHE-ECDSA-CHACHA20-POLY1305" : "ECDHE-RSA-CHACHA20-POLY1305";
        else
            list = o->ecdsa ? "ECDHE-ECDSA-AES128-GCM-SHA256" : "ECDHE-RSA-AES128-GCM-SHA256";
        if (!SSL_CTX_set_cipher_list(ctx, list)) return report("cipher list"), -1;
    }
    if (!SSL_CTX_set1_groups_list(ctx, o->tls13 && !o->p256 ? "X25519" : "P-256"))
        return report("groups"), -1;
    if (o->server) { /* chain and key; no tickets, no session cache */
        BIO *b = BIO_new_file(o->chain_file, "r");
        X509 *inter = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
        BIO_free(b);
        if (SSL_CTX_use_certificate_file(ctx, o->cert_file, SSL_FILETYPE_PEM) != 1 ||
            SSL_CTX_use_PrivateKey_file(ctx, o->key_file, SSL_FILETYPE_PEM) != 1 || !inter ||
            !SSL_CTX_add0_chain_cert(ctx, inter))
            return report("chain/key"), -1;
        SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
        SSL_CTX_set_num_tickets(ctx, 0);
        SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
        SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
        return 0;
    }
    if (SSL_CTX_load_verify_locations(ctx, o->ca_file, NULL) != 1) return report("ca"), -1;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (!SSL_CTX_set_tlsext_max_fragment_length(ctx, TLSEXT_max_fragment_length_1024))
        return report("max_fragment_length"), -1;
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    return 0;
}

static int o_handshake(int fd, int resume)
{
    int rc;
    ssl = SSL_new(ctx);
    if (!ssl) return report("new"), -1;
    if (opts->server) {
        if (!SSL_set_fd(ssl, fd) || SSL_accept(ssl) != 1) return report("accept"), -1;
        return 0;
    }
    if (!SSL_set_tlsext_host_name(ssl, opts->host) || !SSL_set1_host(ssl, opts->host))
        return report("host"), -1;
    if (resume && (!saved || !SSL_set_session(ssl, saved))) return report("set_session"), -1;
    if (!SSL_set_fd(ssl, fd)) return report("fd"), -1;
    rc = SSL_connect(ssl);
    if (rc != 1) return report("handshake"), -1;
    return 0;
}

static int o_resumed(void)
{
    return SSL_session_reused(ssl);
}

static int o_write(const void *buf, size_t len)
{
    size_t done;
    if (!SSL_write_ex(ssl, buf, len, &done) || done != len) return report("write"), -1;
    return 0;
}

static long o_read(void *buf, size_t len)
{
    size_t n;
    if (SSL_read_ex(ssl, buf, len, &n)) return (long)n;
    if (SSL_get_error(ssl, 0) == SSL_ERROR_ZERO_RETURN) return 0;
    report("read");
    return -1;
}

static int o_keep_session(void)
{
    saved = SSL_get1_session(ssl);
    return saved && SSL_SESSION_is_resumable(saved) ? 0 : -1;
}

static void o_close(void)
{
    if (!ssl) return;
    (void)SSL_shutdown(ssl);
    SSL_free(ssl);
    ssl = NULL;
}

static size_t o_caller_mem(void)
{
    return 0; /* SSL_CTX and SSL are allocated by the library */
}

static void o_info(void)
{
    const char *cap = getenv("OPENSSL_ia32cap");
    printf("info: openssl %s all state on the heap; mfl=1024 OPENSSL_ia32cap=%s\n",
           OpenSSL_version(OPENSSL_VERSION), cap ? cap : "(unset: AES-NI/PCLMULQDQ used)");
}

const cmp_lib cmp_library = {"openssl", o_setup,        o_handshake, o_resumed,    o_write,
                             o_read,    o_keep_session, o_close,     o_caller_mem, o_info};
