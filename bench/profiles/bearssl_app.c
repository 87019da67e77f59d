/* BearSSL's clients for the size profiles (bench/profiles/peers.sh).
 *
 * bearssl-client12 (default), the counterpart of app.c's client-tls13 and
 * of mote's client-modern: a TLS 1.2 client (BearSSL has no 1.3) with
 * ECDHE over X25519 and P-256 (a two-curve br_ec_impl below, so the
 * generic P-384/P-521 code stays out), ECDSA and RSA signature
 * verification, AES-128-GCM and ChaCha20-Poly1305 with ECDSA and RSA
 * certificates, SHA-256 only, br_x509_minimal with a trust anchor in
 * flash.
 *
 * bearssl-client-full (PROFILE_FULL), the counterpart of mote's
 * client-full: everything BearSSL's client does that client-full does
 * too. Also P-384 (br_ec_prime_*), AES-256-GCM and AES-128/256-CCM suites,
 * SHA-384/512 for the PRF and signatures, trust anchors decoded from a PEM
 * bundle (br_pem_decoder + br_x509_decoder), a client certificate and its
 * RSA or EC private key from PEM (br_skey_decoder; RSA PKCS#1 and ECDSA
 * signing), ALPN and session resumption. What client-full has and BearSSL
 * lacks stays out: TLS 1.3, Ed25519, ffdhe2048, PSK, KeyUpdate, printable
 * names. What BearSSL has and client-full lacks stays out too: CBC, 3DES,
 * SHA-1/MD5, RSA and static ECDH key exchange, CCM_8.
 *
 * The implementations are those BearSSL picks by default on such a core
 * (bearssl_*.h "get_default"): with CMP_LOMUL (lx106, Cortex-M0: no fast
 * 32x32->64 multiply) the 15-bit ones (ec_*_m15, ec_prime_i15, rsa_i15,
 * ecdsa_i15, ghash_ctmul32), else the 31-bit ones (m31, i31,
 * ghash_ctmul); aes_ct, chacha20_ct and poly1305_ctmul everywhere. Driven
 * through BearSSL's engine API like app.c drives mote's; never run. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bearssl.h"

#define REG(a)    (*(volatile uint32_t *)(uintptr_t)(a))
#define NET_DATA  REG(0x40001000u)
#define NET_AVAIL REG(0x40001004u)
#define NET_ROOM  REG(0x40001008u)
#define RNG_DATA  REG(0x40002000u)
#define RTC_SECS  REG(0x40003000u)
#define LED       REG(0x40004000u)

#if defined(CMP_LOMUL)
#define EC_P256    br_ec_p256_m15
#define EC_C25519  br_ec_c25519_m15
#define EC_PRIME   br_ec_prime_i15
#define RSA_VRFY   br_rsa_i15_pkcs1_vrfy
#define RSA_SIGN   br_rsa_i15_pkcs1_sign
#define ECDSA_VRFY br_ecdsa_i15_vrfy_asn1
#define ECDSA_SIGN br_ecdsa_i15_sign_asn1
#define GHASH      br_ghash_ctmul32
#else
#define EC_P256    br_ec_p256_m31
#define EC_C25519  br_ec_c25519_m31
#define EC_PRIME   br_ec_prime_i31
#define RSA_VRFY   br_rsa_i31_pkcs1_vrfy
#define RSA_SIGN   br_rsa_i31_pkcs1_sign
#define ECDSA_VRFY br_ecdsa_i31_vrfy_asn1
#define ECDSA_SIGN br_ecdsa_i31_sign_asn1
#define GHASH      br_ghash_ctmul
#endif

#if defined(PROFILE_FULL)
/* X25519, P-256 and P-384. */
#define CURVES                                                                                     \
    ((uint32_t)1 << BR_EC_secp256r1 | (uint32_t)1 << BR_EC_curve25519 |                            \
     (uint32_t)1 << BR_EC_secp384r1)
static const br_ec_impl *pick(int curve)
{
    return curve == BR_EC_curve25519 ? &EC_C25519 : curve == BR_EC_secp256r1 ? &EC_P256 : &EC_PRIME;
}
#else
/* X25519 and P-256 only. */
#define CURVES ((uint32_t)1 << BR_EC_secp256r1 | (uint32_t)1 << BR_EC_curve25519)
static const br_ec_impl *pick(int curve)
{
    return curve == BR_EC_curve25519 ? &EC_C25519 : &EC_P256;
}
#endif

static const unsigned char *ec_generator(int curve, size_t *len)
{
    return pick(curve)->generator(curve, len);
}

static const unsigned char *ec_order(int curve, size_t *len)
{
    return pick(curve)->order(curve, len);
}

static size_t ec_xoff(int curve, size_t *len)
{
    return pick(curve)->xoff(curve, len);
}

static uint32_t ec_mul(unsigned char *g, size_t glen, const unsigned char *x, size_t xlen,
                       int curve)
{
    return pick(curve)->mul(g, glen, x, xlen, curve);
}

static size_t ec_mulgen(unsigned char *r, const unsigned char *x, size_t xlen, int curve)
{
    return pick(curve)->mulgen(r, x, xlen, curve);
}

static uint32_t ec_muladd(unsigned char *a, const unsigned char *b, size_t len,
                          const unsigned char *x, size_t xlen, const unsigned char *y, size_t ylen,
                          int curve)
{
    return pick(curve)->muladd(a, b, len, x, xlen, y, ylen, curve);
}

static const br_ec_impl ec_impl = {CURVES, ec_generator, ec_order, ec_xoff,
                                   ec_mul, ec_mulgen,    ec_muladd};

static const uint16_t suites[] = {BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                                  BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                                  BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                                  BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
#if defined(PROFILE_FULL)
                                  BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                                  BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                                  BR_TLS_ECDHE_ECDSA_WITH_AES_128_CCM,
                                  BR_TLS_ECDHE_ECDSA_WITH_AES_256_CCM
#endif
};

/* A trust anchor in flash, as BearSSL's `brssl ta` emits it. */
static const unsigned char ta_dn[] = {0x30, 0x10, 0x31, 0x0e};
static const unsigned char ta_q[65] = {0x04, 0x6b, 0x17, 0xd1, 0xf2};
static const br_x509_trust_anchor anchors[1] = {
    {{(unsigned char *)ta_dn, sizeof ta_dn},
     BR_X509_TA_CA,
     {BR_KEYTYPE_EC, {.ec = {BR_EC_secp256r1, (unsigned char *)ta_q, sizeof ta_q}}}}};

/* 1 KiB records, full duplex: BearSSL's smallest buffers for them. */
static unsigned char in_buf[1024 + 325], out_buf[1024 + 85];
static br_ssl_client_context sc;
static br_x509_minimal_context xc;

static size_t net_send(const unsigned char *p, size_t len)
{
    size_t i, room = NET_ROOM;
    if (len > room) len = room;
    for (i = 0; i < len; i++)
        NET_DATA = p[i];
    return len;
}

static size_t net_recv(unsigned char *p, size_t len)
{
    size_t i, avail = NET_AVAIL;
    if (len > avail) len = avail;
    for (i = 0; i < len; i++)
        p[i] = (unsigned char)NET_DATA;
    return len;
}

#if defined(PROFILE_FULL)
/* Credentials as PEM text somewhere in flash, as in app.c's client-full. */
#define PEM_ROOTS    ((const unsigned char *)(uintptr_t)0x40200000u)
#define PEM_CERT     ((const unsigned char *)(uintptr_t)0x40210000u)
#define PEM_KEY      ((const unsigned char *)(uintptr_t)0x40220000u)
#define PEM_LEN(off) ((size_t)REG(0x40230000u + (off)))
static br_x509_trust_anchor ram_anchors[8];
static unsigned char anchor_store[8 * 600];
static size_t n_anchors, store_used;
static unsigned char der[2600];
static size_t der_len;
static br_x509_certificate client_chain[1];
static unsigned char client_cert[1536];
static br_skey_decoder_context skey;
static const char *alpn[] = {"mqtt", "http/1.1"};
static br_ssl_session_parameters session;

static void to_der(void *ctx, const void *p, size_t len)
{
    (void)ctx;
    if (len > sizeof der - der_len) len = sizeof der - der_len;
    memcpy(der + der_len, p, len);
    der_len += len;
}

/* Bytes appended to the anchor store (NULL when it is full). */
static unsigned char *store(const void *p, size_t len)
{
    unsigned char *d = anchor_store + store_used;
    if (len > sizeof anchor_store - store_used) return NULL;
    memcpy(d, p, len);
    store_used += len;
    return d;
}

static void dn_to_store(void *ctx, const void *p, size_t len)
{
    br_x509_trust_anchor *ta = ctx;
    if (store(p, len) && ta->dn.data == NULL) ta->dn.data = anchor_store + store_used - len;
    ta->dn.len += len;
}

/* A decoded CERTIFICATE object becomes a trust anchor. */
static int add_anchor(void)
{
    static br_x509_decoder_context dc;
    br_x509_trust_anchor *ta = &ram_anchors[n_anchors];
    const br_x509_pkey *pk;
    if (n_anchors == 8) return -1;
    memset(ta, 0, sizeof *ta);
    br_x509_decoder_init(&dc, dn_to_store, ta);
    br_x509_decoder_push(&dc, der, der_len);
    pk = br_x509_decoder_get_pkey(&dc);
    if (pk == NULL) return -1;
    ta->flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
    ta->pkey = *pk;
    if (pk->key_type == BR_KEYTYPE_RSA) {
        ta->pkey.key.rsa.n = store(pk->key.rsa.n, pk->key.rsa.nlen);
        ta->pkey.key.rsa.e = store(pk->key.rsa.e, pk->key.rsa.elen);
        if (!ta->pkey.key.rsa.n || !ta->pkey.key.rsa.e) return -1;
    } else {
        ta->pkey.key.ec.q = store(pk->key.ec.q, pk->key.ec.qlen);
        if (!ta->pkey.key.ec.q) return -1;
    }
    n_anchors++;
    return 0;
}

/* Decodes the PEM objects of src; each one named `want` (any when NULL:
 * the key file's one object, whichever of BearSSL's key formats) goes to
 * take(). */
static int pem_each(const unsigned char *src, size_t len, const char *want, int (*take)(void))
{
    static br_pem_decoder_context pc;
    int in_obj = 0;
    br_pem_decoder_init(&pc);
    while (len > 0) {
        size_t n = br_pem_decoder_push(&pc, src, len);
        src += n;
        len -= n;
        switch (br_pem_decoder_event(&pc)) {
        case BR_PEM_BEGIN_OBJ:
            der_len = 0;
            in_obj = want == NULL || strcmp(br_pem_decoder_name(&pc), want) == 0;
            br_pem_decoder_setdest(&pc, in_obj ? to_der : 0, NULL);
            break;
        case BR_PEM_END_OBJ:
            if (in_obj && take() != 0) return -1;
            break;
        case BR_PEM_ERROR:
            return -1;
        }
    }
    return 0;
}

static int take_cert(void)
{
    if (der_len > sizeof client_cert) return -1;
    memcpy(client_cert, der, der_len);
    client_chain[0].data = client_cert;
    client_chain[0].data_len = der_len;
    return 0;
}

static int take_key(void)
{
    br_skey_decoder_init(&skey);
    br_skey_decoder_push(&skey, der, der_len);
    return br_skey_decoder_last_error(&skey);
}

static int load_credentials(void)
{
    br_ssl_engine_context *eng = &sc.eng;
    if (pem_each(PEM_ROOTS, PEM_LEN(0), "CERTIFICATE", add_anchor) ||
        pem_each(PEM_CERT, PEM_LEN(4), "CERTIFICATE", take_cert) ||
        pem_each(PEM_KEY, PEM_LEN(8), NULL, take_key))
        return -1;
    br_x509_minimal_init(&xc, &br_sha256_vtable, ram_anchors, n_anchors);
    if (br_skey_decoder_key_type(&skey) == BR_KEYTYPE_RSA)
        br_ssl_client_set_single_rsa(&sc, client_chain, 1, br_skey_decoder_get_rsa(&skey),
                                     RSA_SIGN);
    else
        br_ssl_client_set_single_ec(&sc, client_chain, 1, br_skey_decoder_get_ec(&skey),
                                    BR_KEYTYPE_SIGN, 0, &ec_impl, ECDSA_SIGN);
    br_ssl_engine_set_protocol_names(eng, alpn, 2);
    br_ssl_engine_set_hash(eng, br_sha384_ID, &br_sha384_vtable);
    br_ssl_engine_set_hash(eng, br_sha512_ID, &br_sha512_vtable);
    br_x509_minimal_set_hash(&xc, br_sha384_ID, &br_sha384_vtable);
    br_x509_minimal_set_hash(&xc, br_sha512_ID, &br_sha512_vtable);
    br_ssl_engine_set_prf_sha384(eng, &br_tls12_sha384_prf);
    br_ssl_engine_set_ccm(eng, &br_sslrec_in_ccm_vtable, &br_sslrec_out_ccm_vtable);
    br_ssl_engine_set_aes_ctrcbc(eng, &br_aes_ct_ctrcbc_vtable);
    /* a session saved by an earlier connection (resumption) */
    br_ssl_engine_set_session_parameters(eng, &session);
    return 0;
}
#endif

int main(void)
{
    static const char request[] = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";
    unsigned char seed[32];
    size_t i, sent = 0;
    br_ssl_engine_context *eng = &sc.eng;

    br_ssl_client_zero(&sc);
    br_ssl_engine_set_versions(eng, BR_TLS12, BR_TLS12);
    br_ssl_engine_set_suites(eng, suites, sizeof suites / sizeof suites[0]);
    br_ssl_engine_set_ec(eng, &ec_impl);
    br_ssl_engine_set_rsavrfy(eng, RSA_VRFY);
    br_ssl_engine_set_ecdsa(eng, ECDSA_VRFY);
    br_ssl_engine_set_hash(eng, br_sha256_ID, &br_sha256_vtable);
    br_ssl_engine_set_prf_sha256(eng, &br_tls12_sha256_prf);
    br_ssl_engine_set_gcm(eng, &br_sslrec_in_gcm_vtable, &br_sslrec_out_gcm_vtable);
    br_ssl_engine_set_aes_ctr(eng, &br_aes_ct_ctr_vtable);
    br_ssl_engine_set_ghash(eng, &GHASH);
    br_ssl_engine_set_chapol(eng, &br_sslrec_in_chapol_vtable, &br_sslrec_out_chapol_vtable);
    br_ssl_engine_set_chacha20(eng, &br_chacha20_ct_run);
    br_ssl_engine_set_poly1305(eng, &br_poly1305_ctmul_run);

#if defined(PROFILE_FULL)
    if (load_credentials()) return 1;
#else
    br_x509_minimal_init(&xc, &br_sha256_vtable, anchors, 1);
#endif
    br_x509_minimal_set_rsa(&xc, RSA_VRFY);
    br_x509_minimal_set_ecdsa(&xc, &ec_impl, ECDSA_VRFY);
    br_x509_minimal_set_hash(&xc, br_sha256_ID, &br_sha256_vtable);
    br_x509_minimal_set_time(&xc, 719528 + RTC_SECS / 86400, RTC_SECS % 86400);
    br_ssl_engine_set_x509(eng, &xc.vtable);

    br_ssl_engine_set_buffers_bidi(eng, in_buf, sizeof in_buf, out_buf, sizeof out_buf);
    for (i = 0; i < sizeof seed; i++)
        seed[i] = (unsigned char)RNG_DATA;
    br_ssl_engine_inject_entropy(eng, seed, sizeof seed);
#if defined(PROFILE_FULL)
    if (!br_ssl_client_reset(&sc, "example.com", 1)) return 1;
#else
    if (!br_ssl_client_reset(&sc, "example.com", 0)) return 1;
#endif

    for (;;) {
        unsigned st = br_ssl_engine_current_state(eng);
        size_t len;
        if (st & BR_SSL_CLOSED) break;
        if (st & BR_SSL_SENDREC) {
            unsigned char *p = br_ssl_engine_sendrec_buf(eng, &len);
            br_ssl_engine_sendrec_ack(eng, net_send(p, len));
        } else if (st & BR_SSL_RECVAPP) {
            unsigned char *p = br_ssl_engine_recvapp_buf(eng, &len);
            LED = p[0];
            br_ssl_engine_recvapp_ack(eng, len);
        } else if ((st & BR_SSL_SENDAPP) && sent < sizeof request - 1) {
            unsigned char *p = br_ssl_engine_sendapp_buf(eng, &len);
            if (len > sizeof request - 1 - sent) len = sizeof request - 1 - sent;
            memcpy(p, request + sent, len);
            sent += len;
            br_ssl_engine_sendapp_ack(eng, len);
            br_ssl_engine_flush(eng, 0);
#if defined(PROFILE_FULL)
            if (sent == sizeof request - 1) {
                LED = (uint32_t)(uintptr_t)br_ssl_engine_get_selected_protocol(eng);
                br_ssl_engine_get_session_parameters(eng, &session);
            }
#endif
        } else if (st & BR_SSL_RECVREC) {
            unsigned char *p = br_ssl_engine_recvrec_buf(eng, &len);
            br_ssl_engine_recvrec_ack(eng, net_recv(p, len));
        } else if (RTC_SECS == 0) {
            br_ssl_engine_close(eng);
        }
    }
    LED = (uint32_t)br_ssl_engine_last_error(eng);
    return 0;
}
