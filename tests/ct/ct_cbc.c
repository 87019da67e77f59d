/* Constant time (valgrind memcheck): AES-CBC with the key, the IV and the
 * data marked secret: the inverse key schedule, decryption (whose inverse
 * S-box is computed, not looked up) and encryption must not branch on or
 * index by them. The outputs are released (CT_PUBLIC) and compared with the
 * same computation on unmarked inputs. */
#include <stdio.h>
#include <string.h>

#include "crypto/cbc.h"
#include "ct.h"

#if MOTE_ENABLE_CBC
static int failures;

static void same(const void *secret_run, const void *public_run, size_t n, const char *what)
{
    CT_PUBLIC(secret_run, n);
    if (memcmp(secret_run, public_run, n) != 0) {
        printf("ct_cbc: %s: results differ\n", what);
        failures++;
    }
}

static void run(size_t key_len)
{
    uint8_t key[32], iv[16], iv2[16], in[64], d1[64], d2[64], e1[64], e2[64];
    mote_aes_dec_ctx dc;
    mote_aes_ctx ec;
    size_t i;

    for (i = 0; i < 32; i++)
        key[i] = (uint8_t)(i * 29 + key_len);
    for (i = 0; i < 64; i++)
        in[i] = (uint8_t)(i * 7 + 3);
    memset(iv, 0xa5, 16);
    /* public run */
    mote_aes_dec_init(&dc, key, key_len);
    mote_aes_init(&ec, key, key_len);
    memcpy(iv2, iv, 16);
    mote_aes_cbc_decrypt(&dc, iv2, in, d1, 64);
    memcpy(iv2, iv, 16);
    mote_aes_cbc_encrypt(&ec, iv2, in, e1, 64);
    /* secret run */
    CT_SECRET(key, sizeof key);
    CT_SECRET(iv, sizeof iv);
    CT_SECRET(in, sizeof in);
    mote_aes_dec_init(&dc, key, key_len);
    mote_aes_init(&ec, key, key_len);
    memcpy(iv2, iv, 16);
    mote_aes_cbc_decrypt(&dc, iv2, in, d2, 64);
    memcpy(iv2, iv, 16);
    mote_aes_cbc_encrypt(&ec, iv2, in, e2, 64);
    same(d2, d1, 64, "decrypt");
    same(e2, e1, 64, "encrypt");
    CT_PUBLIC(key, sizeof key);
    CT_PUBLIC(iv, sizeof iv);
    CT_PUBLIC(in, sizeof in);
}
#endif

int main(void)
{
#if MOTE_ENABLE_CBC
    run(16);
    run(32);
    if (failures) return 1;
#endif
    printf("ct_cbc: ok\n");
    return 0;
}
