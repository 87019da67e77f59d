/* AES-CBC: NIST SP 800-38A F.2.1-F.2.2 (AES-128) and F.2.5-F.2.6
 * (AES-256) encrypt and decrypt, streaming across calls, in place, length
 * checks, round trips of random lengths, and a differential run against
 * `openssl enc -nopad` (random keys, IVs and lengths; skipped only if the
 * openssl binary is missing). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/cbc.h"
#include "mote/error.h"
#include "test.h"

#if MOTE_ENABLE_CBC
static int unhex(const char *h, uint8_t *out)
{
    int n = 0;
    unsigned v;
    for (; h[0] && h[1]; h += 2) {
        if (sscanf(h, "%2x", &v) != 1) return -1;
        out[n++] = (uint8_t)v;
    }
    return n;
}

static const char *const iv_hex = "000102030405060708090a0b0c0d0e0f";
static const char *const pt_hex =
    "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
static const struct {
    const char *key, *ct;
} nist[2] = {
    {"2b7e151628aed2a6abf7158809cf4f3c",
     "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
     "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"},
    {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
     "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
     "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"},
};

static void nist_vectors(void)
{
    uint8_t key[32], iv[16], pt[64], ct[64], buf[64];
    mote_aes_ctx ec;
    mote_aes_dec_ctx dc;
    int kl, i;

    unhex(pt_hex, pt);
    for (i = 0; i < 2; i++) {
        kl = unhex(nist[i].key, key);
        unhex(nist[i].ct, ct);
        CHECK(mote_aes_init(&ec, key, (size_t)kl) == MOTE_OK);
        CHECK(mote_aes_dec_init(&dc, key, (size_t)kl) == MOTE_OK);
        unhex(iv_hex, iv);
        CHECK(mote_aes_cbc_encrypt(&ec, iv, pt, buf, 64) == MOTE_OK);
        CHECK(memcmp(buf, ct, 64) == 0);
        CHECK(memcmp(iv, ct + 48, 16) == 0); /* iv chains on */
        unhex(iv_hex, iv);                   /* two calls: one stream */
        CHECK(mote_aes_cbc_encrypt(&ec, iv, pt, buf, 16) == MOTE_OK);
        CHECK(mote_aes_cbc_encrypt(&ec, iv, pt + 16, buf + 16, 48) == MOTE_OK);
        CHECK(memcmp(buf, ct, 64) == 0);
        unhex(iv_hex, iv);
        CHECK(mote_aes_cbc_decrypt(&dc, iv, ct, buf, 64) == MOTE_OK);
        CHECK(memcmp(buf, pt, 64) == 0);
        unhex(iv_hex, iv); /* in place, in two calls */
        memcpy(buf, ct, 64);
        CHECK(mote_aes_cbc_decrypt(&dc, iv, buf, buf, 32) == MOTE_OK);
        CHECK(mote_aes_cbc_decrypt(&dc, iv, buf + 32, buf + 32, 32) == MOTE_OK);
        CHECK(memcmp(buf, pt, 64) == 0);
        memset(buf, 0x5a, 64); /* bad lengths write nothing */
        CHECK(mote_aes_cbc_encrypt(&ec, iv, pt, buf, 15) == MOTE_ERR_BAD_INPUT);
        CHECK(mote_aes_cbc_decrypt(&dc, iv, ct, buf, 17) == MOTE_ERR_BAD_INPUT);
        CHECK(buf[0] == 0x5a && buf[16] == 0x5a);
        CHECK(mote_aes_cbc_encrypt(&ec, iv, pt, buf, 0) == MOTE_OK);
    }
    CHECK(mote_aes_dec_init(&dc, key, 24) == MOTE_ERR_BAD_INPUT);
    CHECK(mote_aes_dec_init(&dc, key, 0) == MOTE_ERR_BAD_INPUT);
}

static uint32_t rng_state = 0x12345678;
static uint8_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return (uint8_t)(rng_state >> 11);
}

static void tohex(const uint8_t *p, size_t n, char *out)
{
    size_t i;
    for (i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", p[i]);
}

/* Random keys, IVs, lengths (0..40 blocks): mote encrypt == openssl enc,
 * mote decrypt(openssl ciphertext) == plaintext. */
static void vs_openssl(void)
{
    char dir[] = "/tmp/mote_cbc_XXXXXX", cmd[512], kh[65], ih[33], fin[64], fout[64];
    uint8_t key[32], iv[16], iv2[16], pt[640], ct[640], buf[656];
    mote_aes_ctx ec;
    mote_aes_dec_ctx dc;
    FILE *f;
    size_t len, kl, i, n;
    int t, ran = 0;

    if (system("openssl version >/dev/null 2>&1") != 0 || !mkdtemp(dir)) {
        printf("cbc: openssl missing, differential part skipped\n");
        return;
    }
    snprintf(fin, sizeof fin, "%s/in", dir);
    snprintf(fout, sizeof fout, "%s/out", dir);
    for (t = 0; t < 24; t++) {
        kl = (t & 1) ? 32 : 16;
        len = 16 * (size_t)(rnd() % 41);
        for (i = 0; i < kl; i++)
            key[i] = rnd();
        for (i = 0; i < 16; i++)
            iv[i] = rnd();
        for (i = 0; i < len; i++)
            pt[i] = rnd();
        tohex(key, kl, kh);
        tohex(iv, 16, ih);
        f = fopen(fin, "wb");
        if (!f) break;
        fwrite(pt, 1, len, f);
        fclose(f);
        snprintf(cmd, sizeof cmd, "openssl enc -aes-%d-cbc -nopad -K %s -iv %s -in %s -out %s",
                 kl == 16 ? 128 : 256, kh, ih, fin, fout);
        CHECK(system(cmd) == 0);
        f = fopen(fout, "rb");
        if (!f) break;
        n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        CHECK(n == len);
        CHECK(mote_aes_init(&ec, key, kl) == MOTE_OK);
        CHECK(mote_aes_dec_init(&dc, key, kl) == MOTE_OK);
        memcpy(iv2, iv, 16);
        CHECK(mote_aes_cbc_encrypt(&ec, iv2, pt, ct, len) == MOTE_OK);
        CHECK(memcmp(ct, buf, len) == 0);
        memcpy(iv2, iv, 16);
        CHECK(mote_aes_cbc_decrypt(&dc, iv2, buf, buf, len) == MOTE_OK);
        CHECK(memcmp(buf, pt, len) == 0);
        ran++;
    }
    CHECK(ran == 24);
    remove(fin);
    remove(fout);
    rmdir(dir);
}
#endif

int main(void)
{
#if MOTE_ENABLE_CBC
    nist_vectors();
    vs_openssl();
#endif
    return test_done("cbc");
}
