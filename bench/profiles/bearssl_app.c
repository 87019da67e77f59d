/* BearSSL's client for the size profiles (bench/profiles/peers.sh), the
 * counterpart of app.c's client-tls13: a TLS 1.2 client (BearSSL has no
 * 1.3) with ECDHE over X25519 and P-256 (a two-curve br_ec_impl below, so
 * the generic P-384/P-521 code stays out), ECDSA and RSA signature
 * verification, AES-128-GCM and ChaCha20-Poly1305 with ECDSA and RSA
 * certificates, SHA-256 only, br_x509_minimal with a trust anchor in
 * flash. The implementations are those BearSSL picks by default on such a
 * core (bearssl_*.h "get_default"): with CMP_LOMUL (lx106, Cortex-M0: no
 * fast 32x32->64 multiply) the 15-bit ones (ec_*_m15, rsa_i15, ecdsa_i15,
 * ghash_ctmul32), else the 31-bit ones (m31, i31, ghash_ctmul); aes_ct,
 * chacha20_ct and poly1305_ctmul everywhere. Driven through BearSSL's
 * engine API like app.c drives mote's; never run. */
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
#define RSA_VRFY   br_rsa_i15_pkcs1_vrfy
#define ECDSA_VRFY br_ecdsa_i15_vrfy_asn1
#define GHASH      br_ghash_ctmul32
#else
#define EC_P256    br_ec_p256_m31
#define EC_C25519  br_ec_c25519_m31
#define RSA_VRFY   br_rsa_i31_pkcs1_vrfy
#define ECDSA_VRFY br_ecdsa_i31_vrfy_asn1
#define GHASH      br_ghash_ctmul
#endif

/* X25519 and P-256 only. */
static const br_ec_impl *pick(int curve)
{
    return curve == BR_EC_curve25519 ? &EC_C25519 : &EC_P256;
}

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

static const br_ec_impl ec_two = {(uint32_t)1 << BR_EC_secp256r1 | (uint32_t)1 << BR_EC_curve25519,
                                  ec_generator,
                                  ec_order,
                                  ec_xoff,
                                  ec_mul,
                                  ec_mulgen,
                                  ec_muladd};

static const uint16_t suites[] = {BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                                  BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                                  BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                                  BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};

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

int main(void)
{
    static const char request[] = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";
    unsigned char seed[32];
    size_t i, sent = 0;
    br_ssl_engine_context *eng = &sc.eng;

    br_ssl_client_zero(&sc);
    br_ssl_engine_set_versions(eng, BR_TLS12, BR_TLS12);
    br_ssl_engine_set_suites(eng, suites, sizeof suites / sizeof suites[0]);
    br_ssl_engine_set_ec(eng, &ec_two);
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

    br_x509_minimal_init(&xc, &br_sha256_vtable, anchors, 1);
    br_x509_minimal_set_rsa(&xc, RSA_VRFY);
    br_x509_minimal_set_ecdsa(&xc, &ec_two, ECDSA_VRFY);
    br_x509_minimal_set_hash(&xc, br_sha256_ID, &br_sha256_vtable);
    br_x509_minimal_set_time(&xc, 719528 + RTC_SECS / 86400, RTC_SECS % 86400);
    br_ssl_engine_set_x509(eng, &xc.vtable);

    br_ssl_engine_set_buffers_bidi(eng, in_buf, sizeof in_buf, out_buf, sizeof out_buf);
    for (i = 0; i < sizeof seed; i++)
        seed[i] = (unsigned char)RNG_DATA;
    br_ssl_engine_inject_entropy(eng, seed, sizeof seed);
    if (!br_ssl_client_reset(&sc, "example.com", 0)) return 1;

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
