/* Constant time (valgrind memcheck): AES key schedule and block encryption,
 * AES-CTR, AES-GCM and AES-CCM with the key and the plaintext marked
 * secret. Key setup, seal, open of a valid message and open of a forged one
 * (wrong tag, modified ciphertext) must not branch on or index by them; the
 * ciphertext, the tag and open's verdict are released (CT_PUBLIC) and
 * compared with the same computation on unmarked inputs. GCM runs with both
 * key forms (expanded, and compact as the TLS record layer keeps it). */
#include <stdio.h>
#include <string.h>

#include "ct.h"
#include "mote/aead.h"

#if MOTE_ENABLE_AES
static int failures;

static void same(const void *secret_run, const void *public_run, size_t n, const char *what)
{
    CT_PUBLIC(secret_run, n);
    if (memcmp(secret_run, public_run, n) != 0) {
        printf("ct_aes: %s: results differ\n", what);
        failures++;
    }
}

static void verdict(int *rc, int want, const char *what)
{
    CT_PUBLIC(rc, sizeof *rc);
    same(rc, &want, sizeof want, what);
}

#if MOTE_ENABLE_GCM
/* Both GCM key forms: expanded (mote_gcm_ctx) and compact (mote_gcm_ckey,
 * what the TLS record layer keeps). */
static mote_gcm_ctx gcm;
static mote_gcm_ckey gck;

static int g_init(int compact, const uint8_t *key, size_t key_len)
{
    return compact ? mote_gcm_ckey_init(&gck, key, key_len) : mote_gcm_init(&gcm, key, key_len);
}

static void g_seal(int compact, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                   const uint8_t *in, size_t len, uint8_t *out, uint8_t *tag)
{
    if (compact)
        mote_gcm_ckey_seal(&gck, nonce, aad, aad_len, in, len, out, tag);
    else
        mote_gcm_seal(&gcm, nonce, aad, aad_len, in, len, out, tag);
}

static int g_open(int compact, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                  const uint8_t *in, size_t len, uint8_t *out, const uint8_t *tag, size_t tag_len)
{
    return compact ? mote_gcm_ckey_open(&gck, nonce, aad, aad_len, in, len, out, tag, tag_len)
                   : mote_gcm_open(&gcm, nonce, aad, aad_len, in, len, out, tag, tag_len);
}
#endif

static void run(size_t key_len, size_t len, size_t aad_len)
{
    static uint8_t pt[1100], ct[1100], ref[1100], out[1100];
    mote_aes_ctx aes;
    uint8_t key[32], nonce[13], aad[40], tag[16], ref_tag[16], ctr[16];
    size_t i;
    int rc, compact;

    for (i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i * 29 + 1);
    for (i = 0; i < len; i++)
        pt[i] = (uint8_t)(i * 13 + 7);
    memset(nonce, 0x4a, sizeof nonce);
    memset(aad, 0x17, sizeof aad);
    (void)ct, (void)tag, (void)ref_tag, (void)aad_len, (void)compact;

    /* key schedule and ECB blocks */
    mote_aes_init(&aes, key, key_len);
    mote_aes_encrypt_blocks(&aes, pt, ref, len / 16);
    CT_SECRET(key, sizeof key);
    CT_SECRET(pt, len);
    rc = mote_aes_init(&aes, key, key_len);
    verdict(&rc, MOTE_OK, "aes_init");
    mote_aes_encrypt_blocks(&aes, pt, out, len / 16);
    same(out, ref, len / 16 * 16, "ecb");

    /* CTR */
    CT_PUBLIC(key, sizeof key);
    CT_PUBLIC(pt, len);
    mote_aes_init(&aes, key, key_len);
    memset(ctr, 0xfe, sizeof ctr);
    mote_aes_ctr32(&aes, ctr, pt, ref, len);
    CT_SECRET(key, sizeof key);
    CT_SECRET(pt, len);
    mote_aes_init(&aes, key, key_len);
    memset(ctr, 0xfe, sizeof ctr);
    mote_aes_ctr32(&aes, ctr, pt, out, len);
    same(out, ref, len, "ctr32");

#if MOTE_ENABLE_GCM
    for (compact = 0; compact < 2; compact++) {
        /* GCM: key setup, seal */
        CT_PUBLIC(key, sizeof key);
        CT_PUBLIC(pt, len);
        g_init(compact, key, key_len);
        g_seal(compact, nonce, aad, aad_len, pt, len, ref, ref_tag);
        CT_SECRET(key, sizeof key);
        CT_SECRET(pt, len);
        rc = g_init(compact, key, key_len);
        verdict(&rc, MOTE_OK, "gcm_init");
        g_seal(compact, nonce, aad, aad_len, pt, len, ct, tag);
        same(ct, ref, len, "gcm seal ciphertext");
        same(tag, ref_tag, 16, "gcm seal tag");
        /* open, valid: the plaintext comes back (secret until released) */
        rc = g_open(compact, nonce, aad, aad_len, ct, len, out, tag, 16);
        verdict(&rc, MOTE_OK, "gcm open verdict");
        CT_PUBLIC(pt, len);
        same(out, pt, len, "gcm open plaintext");
        /* open, forged tag, then forged ciphertext in place: zeros, MOTE_ERR_AUTH */
        memset(ref, 0, len);
        tag[len % 16] ^= 0x20;
        rc = g_open(compact, nonce, aad, aad_len, ct, len, out, tag, 16);
        verdict(&rc, MOTE_ERR_AUTH, "gcm forged verdict");
        same(out, ref, len, "gcm forged output");
        tag[len % 16] ^= 0x20;
        if (len) {
            ct[len - 1] ^= 1;
            rc = g_open(compact, nonce, aad, aad_len, ct, len, ct, tag, 16);
            verdict(&rc, MOTE_ERR_AUTH, "gcm forged in place verdict");
            same(ct, ref, len, "gcm forged in place output");
        }
    }
#endif

#if MOTE_ENABLE_CCM
    /* CCM: seal, open valid, open forged */
    CT_PUBLIC(key, sizeof key);
    CT_PUBLIC(pt, len);
    mote_aes_init(&aes, key, key_len);
    mote_ccm_seal(&aes, nonce, 12, aad, aad_len, pt, len, ref, ref_tag, 16);
    CT_SECRET(key, sizeof key);
    CT_SECRET(pt, len);
    mote_aes_init(&aes, key, key_len);
    rc = mote_ccm_seal(&aes, nonce, 12, aad, aad_len, pt, len, ct, tag, 16);
    verdict(&rc, MOTE_OK, "ccm seal verdict");
    same(ct, ref, len, "ccm seal ciphertext");
    same(tag, ref_tag, 16, "ccm seal tag");
    rc = mote_ccm_open(&aes, nonce, 12, aad, aad_len, ct, len, out, tag, 16);
    verdict(&rc, MOTE_OK, "ccm open verdict");
    CT_PUBLIC(pt, len);
    same(out, pt, len, "ccm open plaintext");
    memset(ref, 0, len);
    tag[3] ^= 1;
    rc = mote_ccm_open(&aes, nonce, 12, aad, aad_len, ct, len, out, tag, 16);
    verdict(&rc, MOTE_ERR_AUTH, "ccm forged verdict");
    same(out, ref, len, "ccm forged output");
    tag[3] ^= 1;
    if (len) {
        ct[0] ^= 0x80;
        rc = mote_ccm_open(&aes, nonce, 12, aad, aad_len, ct, len, ct, tag, 16);
        verdict(&rc, MOTE_ERR_AUTH, "ccm forged in place verdict");
        same(ct, ref, len, "ccm forged in place output");
    }
#endif
    CT_PUBLIC(key, sizeof key);
}

int main(void)
{
    static const size_t lens[] = {0, 1, 16, 63, 64, 65, 255, 256, 257, 1100};
    size_t i;

    for (i = 0; i < sizeof lens / sizeof *lens; i++)
        run(i & 1 ? 32 : 16, lens[i], lens[i] % 41);
    printf("ct_aes: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
#else
int main(void)
{
    printf("ct_aes: AES not compiled in\n");
    return 0;
}
#endif
