/* RSA interoperability with the openssl command line, at test time: a fresh
 * RSA-2048 key from `openssl genpkey`; signatures made by mote (PKCS#1 v1.5
 * and PSS, SHA-256 and SHA-384) verify with `openssl dgst -verify`, a
 * tampered one does not, OpenSSL's signatures verify in mote, and mote's
 * PKCS#1 v1.5 signatures equal OpenSSL's byte for byte. Files live in a
 * mkdtemp() directory that is removed afterwards. Skips (exit 0, saying why)
 * only when no openssl binary is found. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mote/hash.h"
#include "mote/rsa.h"
#include "test.h"

static char dir[64];
static mote_rsa_private_key priv;
static mote_rsa_public_key pub;
static uint32_t work[MOTE_RSA_SIGN_WORK_WORDS(2048)];
static uint8_t msg[1000], sig[256], sig2[256], der[4096];

static mote_drbg_ctx rng;

/* run a shell command built from fmt (paths in dir); 1 if it exited 0 */
static int run(const char *fmt)
{
    char cmd[1024], out[1100];
    const char *p;
    size_t o = 0;
    /* every %s in fmt is the directory */
    for (p = fmt; *p && o < sizeof cmd - 80; p++) {
        if (p[0] == '%' && p[1] == 's') {
            o += (size_t)snprintf(cmd + o, sizeof cmd - o, "%s", dir);
            p++;
        } else {
            cmd[o++] = *p;
        }
    }
    cmd[o] = 0;
    snprintf(out, sizeof out, "%s >/dev/null 2>&1", cmd);
    return system(out) == 0;
}

static size_t read_file(const char *name, uint8_t *buf, size_t max)
{
    char path[128];
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (!f) return 0;
    n = fread(buf, 1, max, f);
    fclose(f);
    return n;
}

static void write_file(const char *name, const uint8_t *buf, size_t len)
{
    char path[128];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f) return;
    CHECK(fwrite(buf, 1, len, f) == len);
    fclose(f);
}

static void remove_files(void)
{
    static const char *const names[] = {"key.pem", "key.der", "pub.pem",
                                        "msg.bin", "sig.bin", "ossl.sig"};
    char path[128];
    size_t i;
    for (i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        remove(path);
    }
    rmdir(dir);
}

static void one(const mote_hash_desc *h, const char *name, int pss)
{
    char sign_cmd[512], verify_cmd[512];
    const char *opt = pss ? " -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:%d" : "";
    char optbuf[128];
    uint8_t hash[64];
    size_t hl = h->out_len, n;
    snprintf(optbuf, sizeof optbuf, opt, (int)hl);
    snprintf(verify_cmd, sizeof verify_cmd,
             "openssl dgst -%s%s -verify %%s/pub.pem -signature %%s/sig.bin %%s/msg.bin", name,
             optbuf);
    snprintf(sign_cmd, sizeof sign_cmd,
             "openssl dgst -%s%s -sign %%s/key.pem -out %%s/ossl.sig %%s/msg.bin", name, optbuf);

    CHECK_EQ_INT(mote_drbg_generate(&rng, msg, sizeof msg), MOTE_OK);
    write_file("msg.bin", msg, sizeof msg);
    mote_hash(h, msg, sizeof msg, hash);

    /* mote signs, openssl verifies; a flipped bit is refused */
    if (pss)
        CHECK_EQ_INT(mote_rsa_sign_pss(&priv, h, hash, hl, sig, 256, &rng, work, sizeof work / 4),
                     MOTE_OK);
    else
        CHECK_EQ_INT(mote_rsa_sign_pkcs1(&priv, h, hash, sig, 256, &rng, work, sizeof work / 4),
                     MOTE_OK);
    write_file("sig.bin", sig, 256);
    CHECK(run(verify_cmd));
    sig[100] ^= 4;
    write_file("sig.bin", sig, 256);
    CHECK(!run(verify_cmd));
    sig[100] ^= 4;

    /* openssl signs, mote verifies */
    CHECK(run(sign_cmd));
    n = read_file("ossl.sig", sig2, sizeof sig2);
    CHECK_EQ_INT(n, 256);
    if (pss) {
        CHECK_EQ_INT(mote_rsa_verify_pss(&pub, h, hash, hl, sig2, n), MOTE_OK);
    } else {
        CHECK_EQ_INT(mote_rsa_verify_pkcs1(&pub, h, hash, sig2, n), MOTE_OK);
        CHECK(memcmp(sig, sig2, 256) == 0); /* deterministic: the same bytes */
    }
    hash[0] ^= 1;
    CHECK_EQ_INT(pss ? mote_rsa_verify_pss(&pub, h, hash, hl, sig2, n)
                     : mote_rsa_verify_pkcs1(&pub, h, hash, sig2, n),
                 MOTE_ERR_BAD_SIGNATURE);
}

int main(void)
{
    size_t n;
    if (system("openssl version >/dev/null 2>&1") != 0) {
        printf("rsa_openssl: skipped: no openssl binary found\n");
        return 0;
    }
    CHECK_EQ_INT(mote_drbg_init(&rng, mote_platform_entropy, NULL, NULL, 0), MOTE_OK);
    strcpy(dir, "/tmp/mote-rsa-XXXXXX");
    if (mkdtemp(dir) == NULL) {
        printf("rsa_openssl: mkdtemp failed\n");
        return 1;
    }
    CHECK(run("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out %s/key.pem"));
    CHECK(run("openssl rsa -in %s/key.pem -traditional -outform DER -out %s/key.der"));
    CHECK(run("openssl pkey -in %s/key.pem -pubout -out %s/pub.pem"));
    n = read_file("key.der", der, sizeof der);
    CHECK_EQ_INT(mote_rsa_private_from_der(&priv, der, n), MOTE_OK);
    mote_rsa_private_public(&priv, &pub);
    CHECK_EQ_INT(pub.bits, 2048);
    if (test_failures == 0) {
        one(&mote_sha256_desc, "sha256", 0);
        one(&mote_sha256_desc, "sha256", 1);
#if MOTE_ENABLE_SHA512
        one(&mote_sha384_desc, "sha384", 0);
        one(&mote_sha384_desc, "sha384", 1);
#endif
    }
    remove_files();
    mote_rsa_private_wipe(&priv);
    return test_done("rsa_openssl");
}
