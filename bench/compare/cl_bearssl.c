/* BearSSL 0.6 (Debian libbearssl-dev) comparison client: TLS 1.2 only
 * (BearSSL has no TLS 1.3). br_ssl_client_init_full (every suite and
 * algorithm, br_x509_minimal with the trust anchor), restricted to TLS 1.2
 * and the suite of the configuration; full duplex with the smallest
 * buffers for 1 KiB records (input 1024 + 325, output 1024 + 85: BearSSL
 * then asks for max_fragment_length 1024). AES and GHASH are forced onto
 * the constant-time portable code (aes_ct64, ghash_ctmul64) instead of
 * AES-NI / PCLMULQDQ, ChaCha20 and Poly1305 onto chacha20_ct and
 * poly1305_ctmul (not SSE2 / ctmulq), as an MCU would run them. Session resumption: session
 * ID (BearSSL does not do tickets). All memory is the caller's.
 *
 * --serve (bench/compare/run.sh's servers): br_ssl_server_init_full_ec /
 * _full_rsa (every suite for the key type), the same version, suite,
 * buffers and symmetric code; ECDHE over P-256; the chain (leaf +
 * intermediate) and the key (br_skey_decoder) loaded at setup; RSA and EC
 * keep BearSSL's defaults for this machine (on x86-64: br_rsa_i62, 62-bit
 * limbs with 64x64->128 products; br_ec_all_m31), or with CMP_BEARSSL_I31
 * set (run.sh's "bearssl-i31") RSA signs with br_rsa_i31 (31-bit limbs,
 * 32x32->64 products: what a 32-bit MCU runs, and mote's shape). No
 * session cache: one full handshake. caller_mem: the server context, both
 * buffers and the key decoder (not the DER chain). */
#define _POSIX_C_SOURCE 200809L
#include <bearssl.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

/* The constant-time portable AES-CTR and GHASH of this word size: the
 * 64-bit forms on 64-bit hosts, the 32-bit ones (what a 32-bit MCU runs)
 * elsewhere (bench/compare/arm32.sh). */
#include <stdint.h>
#if UINTPTR_MAX > 0xFFFFFFFFu
#define CMP_AES_CTR   br_aes_ct64_ctr_vtable
#define CMP_GHASH     br_ghash_ctmul64
#define CMP_AES_NAMES "aes=ct64 ghash=ctmul64"
#else
#define CMP_AES_CTR   br_aes_ct_ctr_vtable
#define CMP_GHASH     br_ghash_ctmul32
#define CMP_AES_NAMES "aes=ct ghash=ctmul32"
#endif

static br_ssl_client_context sc;
static br_ssl_server_context ssc; /* --serve */
static br_ssl_engine_context *eng = &sc.eng;
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
static br_x509_certificate chain[2]; /* server */
static unsigned char der[2][2048], keyder[2048];
static br_skey_decoder_context kd;

static void dn_append(void *ctx, const void *buf, size_t len)
{
    (void)ctx;
    if (dn_len + len <= sizeof dn) memcpy(dn + dn_len, buf, len);
    dn_len += len;
}

struct sink {
    unsigned char *buf;
    size_t cap, len;
};

static void to_sink(void *ctx, const void *buf, size_t len)
{
    struct sink *s = ctx;
    if (s->len + len <= s->cap) memcpy(s->buf + s->len, buf, len);
    s->len += len;
}

/* The first PEM object of a file whose name ends in `suffix`
 * ("CERTIFICATE", "PRIVATE KEY": also "EC PRIVATE KEY", "RSA PRIVATE
 * KEY"), as DER into out; its length, or 0. */
static size_t pem_object(const char *path, const char *suffix, unsigned char *out, size_t cap)
{
    static unsigned char pem[8192];
    br_pem_decoder_context pc;
    struct sink s = {out, cap, 0};
    size_t len, off = 0, sl = strlen(suffix);
    int in_obj = 0;
    if (cmp_load_file(path, pem, sizeof pem, &len) != 0) return 0;
    br_pem_decoder_init(&pc);
    while (off < len) {
        off += br_pem_decoder_push(&pc, pem + off, len - off);
        switch (br_pem_decoder_event(&pc)) {
        case BR_PEM_BEGIN_OBJ: {
            const char *name = br_pem_decoder_name(&pc);
            size_t nl = strlen(name);
            in_obj = nl >= sl && strcmp(name + nl - sl, suffix) == 0;
            br_pem_decoder_setdest(&pc, in_obj ? to_sink : NULL, &s);
            break;
        }
        case BR_PEM_END_OBJ:
            if (in_obj) return s.len <= cap ? s.len : 0;
            break;
        case BR_PEM_ERROR:
            return 0;
        default:
            break;
        }
    }
    return 0;
}

/* The root certificate (PEM) as a BearSSL trust anchor. */
static int load_anchor(const char *path)
{
    br_x509_decoder_context dc;
    const br_x509_pkey *pk;
    size_t n = pem_object(path, "CERTIFICATE", der[0], sizeof der[0]);
    if (!n) return -1;
    br_x509_decoder_init(&dc, dn_append, NULL);
    br_x509_decoder_push(&dc, der[0], n);
    if (br_x509_decoder_last_error(&dc) != 0 || dn_len > sizeof dn) return -1;
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

/* Server: chain, key and the server context. */
static int server_init(const cmp_opts *o)
{
    size_t i, n;
    for (i = 0; i < 2; i++) {
        n = pem_object(i ? o->chain_file : o->cert_file, "CERTIFICATE", der[i], sizeof der[i]);
        if (!n) return -1;
        chain[i].data = der[i], chain[i].data_len = n;
    }
    n = pem_object(o->key_file, "PRIVATE KEY", keyder, sizeof keyder);
    if (!n) return -1;
    br_skey_decoder_init(&kd);
    br_skey_decoder_push(&kd, keyder, n);
    if (br_skey_decoder_last_error(&kd) != 0 ||
        br_skey_decoder_key_type(&kd) != (o->ecdsa ? BR_KEYTYPE_EC : BR_KEYTYPE_RSA))
        return -1;
    if (o->ecdsa) {
        br_ssl_server_init_full_ec(&ssc, chain, 2, BR_KEYTYPE_EC, br_skey_decoder_get_ec(&kd));
    } else {
        br_ssl_server_init_full_rsa(&ssc, chain, 2, br_skey_decoder_get_rsa(&kd));
        if (getenv("CMP_BEARSSL_I31"))
            br_ssl_server_set_single_rsa(&ssc, chain, 2, br_skey_decoder_get_rsa(&kd),
                                         BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN, br_rsa_i31_private,
                                         br_rsa_i31_pkcs1_sign);
    }
    eng = &ssc.eng;
    return 0;
}

static int b_setup(const cmp_opts *o)
{
    uint16_t suite;
    opts = o;
    if (o->tls13) return 1; /* BearSSL: TLS 1.2 at most */
    if (o->server) {
        if (server_init(o) != 0) return -1;
    } else {
        if (load_anchor(o->ca_file) != 0) return -1;
        br_ssl_client_init_full(&sc, &xc, &ta, 1);
    }
    br_ssl_engine_set_versions(eng, BR_TLS12, BR_TLS12);
    if (o->chacha)
        suite = o->ecdsa ? BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                         : BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;
    else
        suite = o->ecdsa ? BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                         : BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    br_ssl_engine_set_suites(eng, &suite, 1);
    /* portable constant-time AES-CTR and GHASH, not AES-NI / PCLMULQDQ;
     * ChaCha20 and Poly1305 in plain C with 32-bit products (not SSE2,
     * not the 64x64->128 ctmulq) */
    br_ssl_engine_set_aes_ctr(eng, &CMP_AES_CTR);
    br_ssl_engine_set_ghash(eng, CMP_GHASH);
    br_ssl_engine_set_chacha20(eng, br_chacha20_ct_run);
    br_ssl_engine_set_poly1305(eng, br_poly1305_ctmul_run);
    in_size = o->record + 325;
    out_size = o->record + 85;
    if (in_size > sizeof inbuf || out_size > sizeof outbuf) return -1;
    br_ssl_engine_set_buffers_bidi(eng, inbuf, in_size, outbuf, out_size);
    return 0;
}

static int b_handshake(int fd, int resume)
{
    cur_fd = fd;
    if (opts->server) {
        if (!br_ssl_server_reset(&ssc)) return -1;
        br_sslio_init(&ioc, eng, cmp_io_read, &cur_fd, cmp_io_write, &cur_fd);
        if (br_sslio_flush(&ioc) == 0 && br_ssl_engine_current_state(eng) != BR_SSL_CLOSED)
            return 0;
        fprintf(stderr, "compare: bearssl: server handshake error %d\n",
                br_ssl_engine_last_error(eng));
        return -1;
    }
    if (resume) {
        if (!have_sess) return -1;
        br_ssl_engine_set_session_parameters(eng, &sess);
        memcpy(offered_id, sess.session_id, sess.session_id_len);
        offered_id_len = sess.session_id_len;
    }
    if (!br_ssl_client_reset(&sc, opts->host, resume)) return -1;
    br_sslio_init(&ioc, eng, cmp_io_read, &cur_fd, cmp_io_write, &cur_fd);
    /* flush runs the engine until application data can flow */
    if (br_sslio_flush(&ioc) != 0) {
        fprintf(stderr, "compare: bearssl: handshake error %d\n", br_ssl_engine_last_error(eng));
        return -1;
    }
    return 0;
}

static int b_resumed(void)
{
    br_ssl_session_parameters now;
    br_ssl_engine_get_session_parameters(eng, &now);
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
    if (br_ssl_engine_last_error(eng) == BR_ERR_OK) return 0;
    fprintf(stderr, "compare: bearssl: read error %d\n", br_ssl_engine_last_error(eng));
    return -1;
}

static int b_keep_session(void)
{
    br_ssl_engine_get_session_parameters(eng, &sess);
    have_sess = sess.session_id_len > 0;
    return have_sess ? 0 : -1;
}

static void b_close(void)
{
    if (br_ssl_engine_current_state(eng) != BR_SSL_CLOSED) (void)br_sslio_close(&ioc);
}

static size_t b_caller_mem(void)
{
    return opts->server ? sizeof ssc + in_size + out_size + sizeof kd
                        : sizeof sc + sizeof xc + in_size + out_size;
}

static void b_info(void)
{
    br_rsa_private rsa =
        getenv("CMP_BEARSSL_I31") ? br_rsa_i31_private : br_rsa_private_get_default();
    printf("info: bearssl client_ctx=%zu x509_minimal=%zu server_ctx=%zu skey=%zu in=%zu "
           "out=%zu " CMP_AES_NAMES " chacha20=ct poly1305=ctmul mfl=%u rsa=%s ec=%s\n",
           sizeof sc, sizeof xc, sizeof ssc, sizeof kd, in_size, out_size,
           1u << eng->log_max_frag_len,
           rsa == br_rsa_i62_private_get() ? "i62"
           : rsa == br_rsa_i31_private     ? "i31"
                                           : "other",
           br_ec_get_default() == &br_ec_all_m31 ? "all_m31" : "other");
}

const cmp_lib cmp_library = {"bearssl", b_setup,        b_handshake, b_resumed,    b_write,
                             b_read,    b_keep_session, b_close,     b_caller_mem, b_info};
