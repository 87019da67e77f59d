/* wolfSSL 5.5's client for the size profiles (bench/profiles/peers.sh),
 * with wolfssl/user_settings.h: TLS 1.2 or 1.3 (wolfSSLv23_client_method),
 * a trust anchor as DER in flash, I/O callbacks on a network FIFO, seed and
 * time from hardware registers. wolfSSL allocates from the heap (newlib's
 * malloc on Cortex-M, libc_stub.c's elsewhere: image, not library bytes).
 * Never run. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/ssl.h>

#define REG(a)    (*(volatile uint32_t *)(uintptr_t)(a))
#define NET_DATA  REG(0x40001000u)
#define NET_AVAIL REG(0x40001004u)
#define NET_ROOM  REG(0x40001008u)
#define RNG_DATA  REG(0x40002000u)
#define RTC_SECS  REG(0x40003000u)
#define LED       REG(0x40004000u)
#define CA_DER    ((const unsigned char *)(uintptr_t)0x40200000u)
#define CA_LEN    ((long)REG(0x40230000u))

unsigned int cmp_hw_random(void)
{
    return RNG_DATA;
}

time_t cmp_time(time_t *t)
{
    time_t now = (time_t)RTC_SECS;
    if (t) *t = now;
    return now;
}

static int net_send(WOLFSSL *ssl, char *p, int len, void *ctx)
{
    int i, room = (int)NET_ROOM;
    (void)ssl, (void)ctx;
    if (room == 0) return WOLFSSL_CBIO_ERR_WANT_WRITE;
    if (len > room) len = room;
    for (i = 0; i < len; i++)
        NET_DATA = (unsigned char)p[i];
    return len;
}

static int net_recv(WOLFSSL *ssl, char *p, int len, void *ctx)
{
    int i, avail = (int)NET_AVAIL;
    (void)ssl, (void)ctx;
    if (avail == 0) return WOLFSSL_CBIO_ERR_WANT_READ;
    if (len > avail) len = avail;
    for (i = 0; i < len; i++)
        p[i] = (char)NET_DATA;
    return len;
}

int main(void)
{
    static const char request[] = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";
    static char buf[256];
    WOLFSSL_CTX *ctx;
    WOLFSSL *ssl;
    int rc;

    if (wolfSSL_Init() != WOLFSSL_SUCCESS) return 1;
    ctx = wolfSSL_CTX_new(wolfSSLv23_client_method());
    if (!ctx) return 1;
    if (wolfSSL_CTX_load_verify_buffer(ctx, CA_DER, CA_LEN, WOLFSSL_FILETYPE_ASN1) !=
        WOLFSSL_SUCCESS)
        return 1;
    wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_PEER, NULL);
    wolfSSL_CTX_UseSNI(ctx, WOLFSSL_SNI_HOST_NAME, "example.com", 11);
    wolfSSL_CTX_UseMaxFragment(ctx, WOLFSSL_MFL_2_10);
    wolfSSL_CTX_SetIORecv(ctx, net_recv);
    wolfSSL_CTX_SetIOSend(ctx, net_send);
    ssl = wolfSSL_new(ctx);
    if (!ssl) return 1;
    wolfSSL_check_domain_name(ssl, "example.com");
    while ((rc = wolfSSL_connect(ssl)) != WOLFSSL_SUCCESS) {
        int err = wolfSSL_get_error(ssl, rc);
        if (err != WOLFSSL_ERROR_WANT_READ && err != WOLFSSL_ERROR_WANT_WRITE) return err;
    }
    rc = wolfSSL_write(ssl, request, (int)sizeof request - 1);
    while (rc > 0) {
        rc = wolfSSL_read(ssl, buf, (int)sizeof buf);
        if (rc > 0) LED = (unsigned char)buf[0];
    }
    (void)wolfSSL_shutdown(ssl);
    wolfSSL_free(ssl);
    wolfSSL_CTX_free(ctx);
    return 0;
}
