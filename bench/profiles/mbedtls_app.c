/* mbed TLS 2.28's client for the size profiles (bench/profiles/peers.sh),
 * with mbedtls_config.h: the counterpart of bearssl_app.c and app.c. A
 * trust anchor as DER in flash, HMAC_DRBG seeded from a hardware register,
 * I/O callbacks on a network FIFO. Never run. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mbedtls/hmac_drbg.h"
#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"

#define REG(a)    (*(volatile uint32_t *)(uintptr_t)(a))
#define NET_DATA  REG(0x40001000u)
#define NET_AVAIL REG(0x40001004u)
#define NET_ROOM  REG(0x40001008u)
#define RNG_DATA  REG(0x40002000u)
#define LED       REG(0x40004000u)
#define CA_DER    ((const unsigned char *)(uintptr_t)0x40200000u)
#define CA_LEN    ((size_t)REG(0x40230000u))

static mbedtls_ssl_context ssl;
static mbedtls_ssl_config conf;
static mbedtls_hmac_drbg_context drbg;
static mbedtls_x509_crt ca;

static int hw_entropy(void *arg, unsigned char *buf, size_t len)
{
    size_t i;
    (void)arg;
    for (i = 0; i < len; i++)
        buf[i] = (unsigned char)RNG_DATA;
    return 0;
}

static int net_send(void *ctx, const unsigned char *p, size_t len)
{
    size_t i, room = NET_ROOM;
    (void)ctx;
    if (room == 0) return MBEDTLS_ERR_SSL_WANT_WRITE;
    if (len > room) len = room;
    for (i = 0; i < len; i++)
        NET_DATA = p[i];
    return (int)len;
}

static int net_recv(void *ctx, unsigned char *p, size_t len)
{
    size_t i, avail = NET_AVAIL;
    (void)ctx;
    if (avail == 0) return MBEDTLS_ERR_SSL_WANT_READ;
    if (len > avail) len = avail;
    for (i = 0; i < len; i++)
        p[i] = (unsigned char)NET_DATA;
    return (int)len;
}

int main(void)
{
    static const char request[] = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";
    static unsigned char buf[256];
    int rc;

    mbedtls_ssl_init(&ssl);
    mbedtls_ssl_config_init(&conf);
    mbedtls_hmac_drbg_init(&drbg);
    mbedtls_x509_crt_init(&ca);
    rc = mbedtls_hmac_drbg_seed(&drbg, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), hw_entropy,
                                NULL, (const unsigned char *)"profile", 7);
    if (rc) return rc;
    rc = mbedtls_x509_crt_parse_der(&ca, CA_DER, CA_LEN);
    if (rc) return rc;
    rc = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                     MBEDTLS_SSL_PRESET_DEFAULT);
    if (rc) return rc;
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&conf, &ca, NULL);
    mbedtls_ssl_conf_rng(&conf, mbedtls_hmac_drbg_random, &drbg);
    mbedtls_ssl_conf_max_frag_len(&conf, MBEDTLS_SSL_MAX_FRAG_LEN_1024);
    rc = mbedtls_ssl_setup(&ssl, &conf);
    if (rc) return rc;
    rc = mbedtls_ssl_set_hostname(&ssl, "example.com");
    if (rc) return rc;
    mbedtls_ssl_set_bio(&ssl, NULL, net_send, net_recv, NULL);
    while ((rc = mbedtls_ssl_handshake(&ssl)) != 0)
        if (rc != MBEDTLS_ERR_SSL_WANT_READ && rc != MBEDTLS_ERR_SSL_WANT_WRITE) return rc;
    rc = mbedtls_ssl_write(&ssl, (const unsigned char *)request, sizeof request - 1);
    while (rc >= 0) {
        rc = mbedtls_ssl_read(&ssl, buf, sizeof buf);
        if (rc > 0) LED = buf[0];
        if (rc == MBEDTLS_ERR_SSL_WANT_READ) rc = 0;
    }
    (void)mbedtls_ssl_close_notify(&ssl);
    mbedtls_ssl_free(&ssl);
    return rc;
}
