/* BearSSL 0.6 (Debian libbearssl-dev) comparison client: TLS 1.2 only
 * (BearSSL has no TLS 1.3). br_ssl_client_init_full (every suite and
 * algorithm, br_x509_minimal with the trust anchor), restricted to TLS 1.2
 * and the suite of the configuration; full duplex with the smallest
 * buffers for 1 KiB records (input 1024 + 325, output 1024 + 85: BearSSL
 * then asks for max_fragment_length 1024). AES and GHASH are forced onto
 * the constant-time portable code (aes_ct64, ghash_ctmul64) instead of
 * AES-NI / PCLMULQDQ, ChaCha20 and Poly1305 onto chacha20_ct and
 * poly1305_ctmul (not SSE2 / ctmulq), as an MCU would run them. Session resumption: session
 * ID (BearSSL does not do tickets). All memory is the caller's. */
#define _POSIX_C_SOURCE 200809L
#include <bearssl.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static br_ssl_client_context sc;
static br_x509_minimal_context xc;
static br_sslio_context ioc;
static br_ssl_session_parameters sess;
static unsigned char inbuf[BR_SSL_BUFSIZE_INPUT], outbuf[BR_SSL_BUFSIZE_OUTPUT];
static size_t in_size, out_size;
static br_x509_trust_anchor ta;
static unsigned char dn[512], key[600];
static size_t dn_len;
static const cmp_opts *opts;
static int cur_fd = -1, have_sess;
static unsigned char offered_id[32];
static size_t offered_id_len;

static void dn_append(void *ctx, const void *buf, size_t len)
{
    (void)ctx;
    if (dn_len + len <= sizeof dn) memcpy(dn + dn_len, buf, len);
    dn_len += len;
}

static void der_append(void *ctx, const void *buf, size_t len)
{
    br_x509_decoder_push(ctx, buf, len);
}

/* The root certificate (PEM) as a BearSSL trust anchor. */
static int load_anchor(const char *path)
{
    static unsigned char pem[8192];
    br_pem_decoder_context pc;
    br_x509_decoder_context dc;
    const br_x509_pkey *pk;
    size_t len = 0, off = 0;
    int fd = open(path, O_RDONLY), in_obj = 0, done = 0;
    long n;
    if (fd < 0) return -1;
    while ((n = read(fd, pem + len, sizeof pem - len)) > 0)
        len += (size_t)n;
    close(fd);
    br_pem_decoder_init(&pc);
    br_x509_decoder_init(&dc, dn_append, NULL);
    while (off < len && !done) {
        off += br_pem_decoder_push(&pc, pem + off, len - off);
        switch (br_pem_decoder_event(&pc)) {
        case BR_PEM_BEGIN_OBJ:
            in_obj = strcmp(br_pem_decoder_name(&pc), "CERTIFICATE") == 0;
            br_pem_decoder_setdest(&pc, in_obj ? der_append : NULL, &dc);
            break;
        case BR_PEM_END_OBJ:
            done = in_obj;
            break;
        case BR_PEM_ERROR:
            return -1;
        default:
            break;
        }
    }
    if (!done || br_x509_decoder_last_error(&dc) != 0 || dn_len > sizeof dn) return -1;
    pk = br_x509_decoder_get_pkey(&dc);
    if (!pk) return -1;
    ta.dn.data = dn;
    ta.dn.len = dn_len;
    ta.flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
    ta.pkey = *pk;
    if (pk->key_type == BR_KEYTYPE_RSA) {
        if (pk->key.rsa.nlen + pk->key.rsa.elen > sizeof key) return -1;
        memcpy(key, pk->key.rsa.n, pk->key.rsa.nlen);
        memcpy(key + pk->key.rsa.nlen, pk->key.rsa.e, pk->key.rsa.elen);
        ta.pkey.key.rsa.n = key;
        ta.pkey.key.rsa.e = key + pk->key.rsa.nlen;
    } else {
        if (pk->key.ec.qlen > sizeof key) return -1;
        memcpy(key, pk->key.ec.q, pk->key.ec.qlen);
        ta.pkey.key.ec.q = key;
    }
    return 0;
}

static int sock_read(void *ctx, unsigned char *buf, size_t len)
{
    long n = cmp_sock_recv(*(int *)ctx, buf, len);
    return n > 0 ? (int)n : -1;
}

static int sock_write(void *ctx, const unsigned char *buf, size_t len)
{
    long n = cmp_sock_send(*(int *)ctx, buf, len);
    return n > 0 ? (int)n : -1;
}

static int b_setup(const cmp_opts *o)
{
    uint16_t suite;
    opts = o;
    if (o->tls13) return 1; /* BearSSL: TLS 1.2 at most */
    if (load_anchor(o->ca_file) != 0) return -1;
    br_ssl_client_init_full(&sc, &xc, &ta, 1);
    br_ssl_engine_set_versions(&sc.eng, BR_TLS12, BR_TLS12);
    if (o->chacha)
        suite = o->ecdsa ? BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                         : BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;
    else
        suite = o->ecdsa ? BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                         : BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    br_ssl_engine_set_suites(&sc.eng, &suite, 1);
    /* portable constant-time AES-CTR and GHASH, not AES-NI / PCLMULQDQ;
     * ChaCha20 and Poly1305 in plain C with 32-bit products (not SSE2,
     * not the 64x64->128 ctmulq) */
    br_ssl_engine_set_aes_ctr(&sc.eng, &br_aes_ct64_ctr_vtable);
    br_ssl_engine_set_ghash(&sc.eng, br_ghash_ctmul64);
    br_ssl_engine_set_chacha20(&sc.eng, br_chacha20_ct_run);
    br_ssl_engine_set_poly1305(&sc.eng, br_poly1305_ctmul_run);
    in_size = o->record + 325;
    out_size = o->record + 85;
    if (in_size > sizeof inbuf || out_size > sizeof outbuf) return -1;
    br_ssl_engine_set_buffers_bidi(&sc.eng, inbuf, in_size, outbuf, out_size);
    return 0;
}

static int b_handshake(int fd, int resume)
{
    cur_fd = fd;
    if (resume) {
        if (!have_sess) return -1;
        br_ssl_engine_set_session_parameters(&sc.eng, &sess);
        memcpy(offered_id, sess.session_id, sess.session_id_len);
        offered_id_len = sess.session_id_len;
    }
    if (!br_ssl_client_reset(&sc, opts->host, resume)) return -1;
    br_sslio_init(&ioc, &sc.eng, sock_read, &cur_fd, sock_write, &cur_fd);
    /* flush runs the engine until application data can flow */
    if (br_sslio_flush(&ioc) != 0) {
        fprintf(stderr, "compare: bearssl: handshake error %d\n",
                br_ssl_engine_last_error(&sc.eng));
        return -1;
    }
    return 0;
}

static int b_resumed(void)
{
    br_ssl_session_parameters now;
    br_ssl_engine_get_session_parameters(&sc.eng, &now);
    return offered_id_len && now.session_id_len == offered_id_len &&
           memcmp(now.session_id, offered_id, offered_id_len) == 0;
}

static int b_write(const void *buf, size_t len)
{
    if (br_sslio_write_all(&ioc, buf, len) != 0) return -1;
    return br_sslio_flush(&ioc);
}

static long b_read(void *buf, size_t len)
{
    int n = br_sslio_read(&ioc, buf, len);
    if (n > 0) return n;
    /* closed: cleanly (close_notify) or not */
    if (br_ssl_engine_last_error(&sc.eng) == BR_ERR_OK) return 0;
    fprintf(stderr, "compare: bearssl: read error %d\n", br_ssl_engine_last_error(&sc.eng));
    return -1;
}

static int b_keep_session(void)
{
    br_ssl_engine_get_session_parameters(&sc.eng, &sess);
    have_sess = sess.session_id_len > 0;
    return have_sess ? 0 : -1;
}

static void b_close(void)
{
    if (br_ssl_engine_current_state(&sc.eng) != BR_SSL_CLOSED) (void)br_sslio_close(&ioc);
}

static size_t b_caller_mem(void)
{
    return sizeof sc + sizeof xc + in_size + out_size;
}

static void b_info(void)
{
    printf("info: bearssl client_ctx=%zu x509_minimal=%zu in=%zu out=%zu aes=ct64 ghash=ctmul64 "
           "chacha20=ct poly1305=ctmul mfl=%u\n",
           sizeof sc, sizeof xc, in_size, out_size, 1u << sc.eng.log_max_frag_len);
}

const cmp_lib cmp_library = {"bearssl", b_setup,        b_handshake, b_resumed,    b_write,
                             b_read,    b_keep_session, b_close,     b_caller_mem, b_info};
