/* TLS 1.2 RSA key transport against the openssl binary (a fresh 2048-bit
 * key made at test time in a mkdtemp() directory; skipped only if openssl
 * is missing):
 * - ciphertexts from `openssl pkeyutl -encrypt` (PKCS#1 v1.5) decrypt to
 *   the premaster; mote's ciphertexts decrypt in `openssl pkeyutl -decrypt`;
 * - malformed encryption blocks made with raw RSA (rsa_padding_mode:none):
 *   wrong block type, non-zero first byte, no zero separator, a padding
 *   string shorter than 8 bytes, a 47- or 49-byte message, wrong version
 *   bytes; and a ciphertext >= n, a wrong ciphertext length: every one
 *   returns MOTE_OK with a random premaster (different on each call, never
 *   the encrypted bytes). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mote/error.h"
#include "mote/rsa.h"
#include "test.h"

#if MOTE_ENABLE_TLS12_RSA_KEX && MOTE_ENABLE_RSA_SIGN && MOTE_MAX_RSA_BITS >= 2048
static char dir[] = "/tmp/mote_rsakex_XXXXXX";
static char pth[4][160];
static mote_drbg_ctx rng;
static mote_rsa_private_key priv;
static mote_rsa_public_key pub;
static uint32_t work[MOTE_RSA_DECRYPT_WORK_WORDS(2048)];

static const char *path(const char *name)
{
    static int k;
    k = (k + 1) % 4;
    snprintf(pth[k], sizeof pth[k], "%s/%s", dir, name);
    return pth[k];
}

static int sh(const char *fmt, const char *a, const char *b, const char *c)
{
    char line[900];
    snprintf(line, sizeof line, fmt, a, b, c);
    strncat(line, " >/dev/null 2>&1", sizeof line - strlen(line) - 1);
    return system(line);
}

static int put(const char *name, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path(name), "wb");
    if (!f) return -1;
    if (fwrite(p, 1, n, f) != n) n = 0;
    fclose(f);
    return n ? 0 : -1;
}

static long get(const char *name, uint8_t *p, size_t max)
{
    FILE *f = fopen(path(name), "rb");
    size_t n;
    if (!f) return -1;
    n = fread(p, 1, max, f);
    fclose(f);
    return (long)n;
}

static const uint8_t ver[2] = {3, 3};

/* Decrypt ct twice: both MOTE_OK; returns 1 if both gave want (and are
 * thus equal), 0 if they differ from each other and from want (random). */
static int dec2(const uint8_t *ct, size_t len, const uint8_t want[48])
{
    uint8_t a[48], b[48];
    CHECK(mote_rsa_decrypt_premaster(&priv, ct, len, ver, a, &rng, work, sizeof work / 4) ==
          MOTE_OK);
    CHECK(mote_rsa_decrypt_premaster(&priv, ct, len, ver, b, &rng, work, sizeof work / 4) ==
          MOTE_OK);
    if (memcmp(a, want, 48) == 0 && memcmp(b, want, 48) == 0) return 1;
    CHECK(memcmp(a, b, 48) != 0 && memcmp(a, want, 48) != 0 && memcmp(b, want, 48) != 0);
    return 0;
}

/* Raw RSA of em (k bytes) by openssl, into ct. */
static int raw_enc(const uint8_t *em, uint8_t *ct)
{
    if (put("em", em, 256)) return -1;
    if (sh("openssl pkeyutl -encrypt -inkey %s -pkeyopt rsa_padding_mode:none -in %s -out %s",
           path("key.pem"), path("em"), path("ct")))
        return -1;
    return get("ct", ct, 256) == 256 ? 0 : -1;
}

/* A well-formed block for pms, then one change per case. */
static void malformed(const uint8_t pms[48])
{
    uint8_t em[256], ct[256];
    int c;
    size_t i;
    for (c = 0; c < 9; c++) {
        em[0] = 0;
        em[1] = 2;
        for (i = 2; i < 256 - 49; i++)
            em[i] = (uint8_t)(1 + (i * 37) % 255);
        em[256 - 49] = 0;
        memcpy(em + 256 - 48, pms, 48);
        switch (c) {
        case 0:
            break; /* the control: well formed */
        case 1:
            em[1] = 1;
            break;
        case 2:
            em[0] = 1;
            break;
        case 3:
            em[256 - 49] = 0x55;
            break; /* no separator at all */
        case 4:
            em[5] = 0;
            break; /* padding string of 3 bytes */
        case 5:    /* 47-byte message: separator one later */
            em[256 - 49] = 7, em[256 - 48] = 0;
            break;
        case 6: /* 49-byte message */
            em[256 - 50] = 0, em[256 - 49] = pms[0];
            break;
        case 7:
            em[256 - 48] = 3, em[256 - 47] = 1;
            break; /* version 3,1 */
        case 8:
            em[256 - 47] = 4;
            break; /* version 3,4 */
        }
        CHECK(raw_enc(em, ct) == 0);
        CHECK(dec2(ct, 256, pms) == (c == 0));
    }
    memset(ct, 0xff, 256); /* >= n */
    CHECK(dec2(ct, 256, pms) == 0);
    CHECK(dec2(ct, 255, pms) == 0); /* wrong length */
}

static void run(void)
{
    uint8_t der[2048], pms[48], ct[256], out[256];
    long n;
    int i;

    if (system("openssl version >/dev/null 2>&1") != 0 || !mkdtemp(dir)) {
        printf("rsa_kex: openssl missing, skipped\n");
        return;
    }
    CHECK(sh("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out %s",
             path("key.pem"), "", "") == 0);
    CHECK(sh("openssl rsa -in %s -outform DER -traditional -out %s", path("key.pem"),
             path("key.der"), "") == 0);
    n = get("key.der", der, sizeof der);
    CHECK(n > 0);
    CHECK(mote_rsa_private_from_der(&priv, der, (size_t)n) == MOTE_OK);
    mote_rsa_private_public(&priv, &pub);
    CHECK(pub.len == 256);
    for (i = 0; i < 3; i++) {
        CHECK(mote_drbg_generate(&rng, pms, 48) == MOTE_OK);
        pms[0] = 3, pms[1] = 3;
        /* openssl encrypts, mote decrypts */
        CHECK(put("pms", pms, 48) == 0);
        CHECK(
            sh("openssl pkeyutl -encrypt -inkey %s -pkeyopt rsa_padding_mode:pkcs1 -in %s -out %s",
               path("key.pem"), path("pms"), path("ct")) == 0);
        CHECK(get("ct", ct, sizeof ct) == 256);
        CHECK(dec2(ct, 256, pms) == 1);
        /* mote encrypts, openssl decrypts */
        CHECK(mote_rsa_encrypt_premaster(&pub, pms, ct, 256, &rng) == MOTE_OK);
        CHECK(dec2(ct, 256, pms) == 1);
        CHECK(put("ct", ct, 256) == 0);
        CHECK(
            sh("openssl pkeyutl -decrypt -inkey %s -pkeyopt rsa_padding_mode:pkcs1 -in %s -out %s",
               path("key.pem"), path("ct"), path("out")) == 0);
        CHECK(get("out", out, sizeof out) == 48 && memcmp(out, pms, 48) == 0);
    }
    CHECK(mote_rsa_encrypt_premaster(&pub, pms, ct, 255, &rng) == MOTE_ERR_BAD_INPUT);
    CHECK(mote_rsa_decrypt_premaster(&priv, ct, 256, ver, out, &rng, work, 100) ==
          MOTE_ERR_BAD_INPUT);
    malformed(pms);
    sh("rm -rf %s", dir, "", "");
}
#endif

int main(void)
{
#if MOTE_ENABLE_TLS12_RSA_KEX && MOTE_ENABLE_RSA_SIGN && MOTE_MAX_RSA_BITS >= 2048
    static const uint8_t seed[32] = {1, 2, 3};
    CHECK(mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0) == MOTE_OK);
    run();
#endif
    return test_done("rsa_kex");
}
