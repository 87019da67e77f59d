/* Constant time (valgrind memcheck): AES-CBC with the key, the IV and the
 * data marked secret: the inverse key schedule, decryption (whose inverse
 * S-box is computed, not looked up) and encryption must not branch on or
 * index by them. The outputs are released (CT_PUBLIC) and compared with the
 * same computation on unmarked inputs. TLS 1.2 MAC-then-encrypt records:
 * mote_cbc_mte_open with the record (so its padding byte and plaintext),
 * the AES and the MAC keys secret, for a good record, a bad MAC and a bad
 * padding, with SHA-1, SHA-256 and SHA-384: only the verdict is released. */
#include <stdio.h>
#include <string.h>

#include "crypto/cbc.h"
#include "ct.h"
#include "mote/error.h"

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
#if MOTE_ENABLE_SHA1 && MOTE_ENABLE_SHA512
static void record(const mote_hash_desc *h, size_t len, int spoil)
{
    static const uint8_t seq[13] = {0, 0, 0, 0, 0, 0, 0, 9, 23, 3, 3, 0, 0};
    uint8_t key[16] = {3, 1, 4}, mk[48] = {2, 7}, iv[16] = {5}, hdr[13], pt[300], rec[400];
    mote_aes_ctx ec;
    mote_aes_dec_ctx dc;
    size_t n, out, i;
    int r, want = spoil ? MOTE_ERR_AUTH : MOTE_OK;

    for (i = 0; i < len; i++)
        pt[i] = (uint8_t)i;
    mote_aes_init(&ec, key, 16);
    mote_aes_dec_init(&dc, key, 16);
    memcpy(hdr, seq, 13);
    mote_cbc_mte_seal(&ec, h, mk, h->out_len, hdr, iv, pt, len, rec, sizeof rec, &n);
    if (spoil == 1) rec[n - 20] ^= 1; /* MAC or plaintext */
    if (spoil == 2) {                 /* padding: decrypt, change a pad byte, encrypt */
        uint8_t v[16];
        memcpy(v, rec, 16);
        mote_aes_cbc_decrypt(&dc, v, rec + 16, rec + 16, n - 16);
        rec[n - 2] ^= 0x10;
        memcpy(v, rec, 16);
        mote_aes_cbc_encrypt(&ec, v, rec + 16, rec + 16, n - 16);
    }
    CT_SECRET(dc.rk, sizeof dc.rk);
    CT_SECRET(mk, sizeof mk);
    CT_SECRET(rec, n);
    memcpy(hdr, seq, 13);
    r = mote_cbc_mte_open(&dc, h, mk, h->out_len, hdr, rec, n, &out);
    same(&r, &want, sizeof r, "record verdict");
    CT_PUBLIC(&out, sizeof out);
    CT_PUBLIC(rec, n);
    if (r == MOTE_OK && (out != len || memcmp(rec + 16, pt, len) != 0)) {
        printf("ct_cbc: record plaintext differs\n");
        failures++;
    }
}
#endif
#endif

int main(void)
{
#if MOTE_ENABLE_CBC
    run(16);
    run(32);
#if MOTE_ENABLE_SHA1 && MOTE_ENABLE_SHA512
    {
        const mote_hash_desc *hs[3] = {&mote_sha1_desc, &mote_sha256_desc, &mote_sha384_desc};
        int i, s;
        for (i = 0; i < 3; i++)
            for (s = 0; s < 3; s++) {
                record(hs[i], 40, s);
                record(hs[i], 290, s);
            }
    }
#endif
    if (failures) return 1;
#endif
    printf("ct_cbc: ok\n");
    return 0;
}
