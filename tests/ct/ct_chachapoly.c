/* Constant time (valgrind memcheck): ChaCha20, Poly1305 and ChaCha20-Poly1305
 * with the key and the plaintext marked secret. seal, open of a valid
 * message and open of a forged one must not branch on or index by them;
 * the ciphertext, the tag and open's verdict are released (CT_PUBLIC) and
 * compared with the same computation on unmarked inputs. */
#include <stdio.h>
#include <string.h>

#include "ct.h"
#include "mote/aead.h"

#if MOTE_ENABLE_CHACHAPOLY
static int failures;

static void same(const void *secret_run, const void *public_run, size_t n, const char *what)
{
    CT_PUBLIC(secret_run, n);
    if (memcmp(secret_run, public_run, n) != 0) {
        printf("ct_chachapoly: %s: results differ\n", what);
        failures++;
    }
}

static void run(size_t len, size_t aad_len)
{
    static uint8_t pt[1100], ct[1100], ref[1100], out[1100];
    uint8_t key[32], nonce[12], aad[40], tag[16], ref_tag[16], otk[32];
    mote_poly1305_ctx p;
    size_t i;
    int rc, ref_rc;

    for (i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i * 29 + 1);
    for (i = 0; i < len; i++)
        pt[i] = (uint8_t)(i * 13 + 7);
    memset(nonce, 0x4a, sizeof nonce);
    memset(aad, 0x17, sizeof aad);
    memcpy(otk, key, 32);

    /* ChaCha20 alone */
    mote_chacha20(key, nonce, 1, pt, ref, len);
    CT_SECRET(key, sizeof key);
    CT_SECRET(pt, len);
    mote_chacha20(key, nonce, 1, pt, out, len);
    same(out, ref, len, "chacha20");

    /* Poly1305 alone: secret one-time key, secret message, odd split */
    CT_PUBLIC(pt, len);
    mote_poly1305_init(&p, otk);
    mote_poly1305_update(&p, pt, len / 3);
    mote_poly1305_update(&p, pt + len / 3, len - len / 3);
    mote_poly1305_final(&p, ref_tag);
    CT_SECRET(otk, sizeof otk);
    CT_SECRET(pt, len);
    mote_poly1305_init(&p, otk);
    mote_poly1305_update(&p, pt, len / 3);
    mote_poly1305_update(&p, pt + len / 3, len - len / 3);
    mote_poly1305_final(&p, tag);
    same(tag, ref_tag, 16, "poly1305");

    /* seal */
    CT_PUBLIC(key, sizeof key);
    CT_PUBLIC(pt, len);
    mote_chachapoly_seal(key, nonce, aad, aad_len, pt, len, ref, ref_tag);
    CT_SECRET(key, sizeof key);
    CT_SECRET(pt, len);
    mote_chachapoly_seal(key, nonce, aad, aad_len, pt, len, ct, tag);
    same(ct, ref, len, "seal ciphertext");
    same(tag, ref_tag, 16, "seal tag");

    /* open, valid: the plaintext comes back (secret until released) */
    rc = mote_chachapoly_open(key, nonce, aad, aad_len, ct, len, out, tag);
    CT_PUBLIC(&rc, sizeof rc);
    if (rc != MOTE_OK) printf("ct_chachapoly: open failed\n"), failures++;
    CT_PUBLIC(pt, len);
    same(out, pt, len, "open plaintext");

    /* open, forged tag: zeros and MOTE_ERR_AUTH */
    tag[len % 16] ^= 0x20;
    memset(ref, 0, len);
    ref_rc = MOTE_ERR_AUTH;
    rc = mote_chachapoly_open(key, nonce, aad, aad_len, ct, len, out, tag);
    CT_PUBLIC(&rc, sizeof rc);
    same(&rc, &ref_rc, sizeof rc, "forged verdict");
    same(out, ref, len, "forged output");
    /* in place, forged ciphertext */
    tag[len % 16] ^= 0x20;
    if (len) ct[len - 1] ^= 1;
    rc = mote_chachapoly_open(key, nonce, aad, aad_len, ct, len, ct, tag);
    CT_PUBLIC(&rc, sizeof rc);
    if (len) same(&rc, &ref_rc, sizeof rc, "forged in place verdict");
    same(ct, ref, len, "forged in place output");
    CT_PUBLIC(key, sizeof key);
}

int main(void)
{
    static const size_t lens[] = {0, 1, 16, 63, 64, 65, 255, 256, 257, 1100};
    size_t i;

    for (i = 0; i < sizeof lens / sizeof *lens; i++)
        run(lens[i], lens[i] % 41);
    printf("ct_chachapoly: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
#else
int main(void)
{
    printf("ct_chachapoly: ChaCha20-Poly1305 not compiled in\n");
    return 0;
}
#endif
