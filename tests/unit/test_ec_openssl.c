/* P-256 / P-384 interop with the openssl binary, run at test time in a
 * mkdtemp() directory (skipped, exit 0, only if openssl is missing):
 *
 * - mote signs (DER, RFC 6979) -> `openssl dgst -verify` accepts; a
 *   tampered message is refused;
 * - openssl generates keys (`ecparam -genkey`, exported as SEC 1 and SPKI
 *   DER): mote parses both, derives the same public key from the private
 *   one, verifies openssl's signatures (`dgst -sign`), and its own
 *   signatures with openssl's key verify in openssl;
 * - ECDH: `openssl pkeyutl -derive` with openssl's key and mote's public
 *   key gives the secret mote computes with its key and openssl's public
 *   key. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mote/ec.h"
#include "mote/hash.h"
#include "mote/rng.h"
#include "test.h"

#if (MOTE_ENABLE_P256 || MOTE_ENABLE_P384) && MOTE_ENABLE_ECDSA_SIGN

static char dir[64];
static char cmd[1024];

static const char *path(const char *name)
{
    static char buf[4][128];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static int run(const char *fmt, const char *a, const char *b, const char *c, const char *d)
{
    char line[900];
    snprintf(line, sizeof line, fmt, a, b, c, d);
    snprintf(cmd, sizeof cmd, "%s >/dev/null 2>&1", line);
    return system(cmd);
}

static int write_file(const char *name, const uint8_t *data, size_t len)
{
    FILE *f = fopen(path(name), "wb");
    if (!f) return -1;
    if (fwrite(data, 1, len, f) != len) {
        fclose(f);
        return -1;
    }
    return fclose(f);
}

static long read_file(const char *name, uint8_t *out, size_t max)
{
    FILE *f = fopen(path(name), "rb");
    size_t n;
    if (!f) return -1;
    n = fread(out, 1, max, f);
    fclose(f);
    return (long)n;
}

/* SubjectPublicKeyInfo DER for an uncompressed point. */
static size_t spki(uint8_t *out, int curve, const uint8_t *pub)
{
    static const uint8_t p256[] = {0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48,
                                   0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
                                   0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};
    static const uint8_t p384[] = {0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86,
                                   0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b,
                                   0x81, 0x04, 0x00, 0x22, 0x03, 0x62, 0x00};
    const uint8_t *pre = curve == MOTE_EC_P256 ? p256 : p384;
    size_t pl = curve == MOTE_EC_P256 ? sizeof p256 : sizeof p384, n = mote_ec_point_len(curve);
    memcpy(out, pre, pl);
    memcpy(out + pl, pub, n);
    return pl + n;
}

static void run_curve(int curve, mote_drbg_ctx *rng)
{
    const char *oname = curve == MOTE_EC_P256 ? "prime256v1" : "secp384r1";
    const char *dg = curve == MOTE_EC_P256 ? "-sha256" : "-sha384";
#if MOTE_ENABLE_SHA512
    const mote_hash_desc *h = curve == MOTE_EC_P256 ? &mote_sha256_desc : &mote_sha384_desc;
#else
    const mote_hash_desc *h = &mote_sha256_desc;
#endif
    size_t q = mote_ec_scalar_len(curve), pl = mote_ec_point_len(curve), len;
    uint8_t priv[48], pub[97], der[300], msg[200], digest[64], sig[MOTE_ECDSA_MAX_DER];
    uint8_t opriv[48], opub2[97], z1[48], z2[64];
    const uint8_t *opub;
    size_t opub_len;
    long n;
    int it, oc;

    for (it = 0; it < 3; it++) {
        /* mote's key and a message */
        CHECK_EQ_INT(mote_ecdh_keygen(curve, priv, pub, rng), MOTE_OK);
        len = spki(der, curve, pub);
        CHECK(write_file("mote_pub.der", der, len) == 0);
        mote_drbg_generate(rng, msg, sizeof msg);
        msg[0] = (uint8_t)it;
        CHECK(write_file("msg.bin", msg, sizeof msg - (size_t)it) == 0);
        mote_hash(h, msg, sizeof msg - (size_t)it, digest);

        /* mote signs, openssl verifies */
        CHECK_EQ_INT(mote_ecdsa_sign_der(curve, sig, sizeof sig, &len, priv, h, digest), MOTE_OK);
        CHECK(write_file("mote_sig.der", sig, len) == 0);
        CHECK(run("openssl dgst %s -verify %s -keyform DER -signature %s %s", dg,
                  path("mote_pub.der"), path("mote_sig.der"), path("msg.bin")) == 0);
        msg[1] ^= 1; /* a different message must be refused */
        CHECK(write_file("msg2.bin", msg, sizeof msg - (size_t)it) == 0);
        msg[1] ^= 1;
        CHECK(run("openssl dgst %s -verify %s -keyform DER -signature %s %s", dg,
                  path("mote_pub.der"), path("mote_sig.der"), path("msg2.bin")) != 0);

        /* openssl's key, as SEC 1 and as SPKI */
        CHECK(run("openssl ecparam -name %s -genkey -noout -out %s%s%s", oname, path("o.pem"), "",
                  "") == 0);
        CHECK(run("openssl ec -in %s -outform DER -out %s%s%s", path("o.pem"), path("o_sec1.der"),
                  "", "") == 0);
        CHECK(run("openssl ec -in %s -pubout -outform DER -out %s%s%s", path("o.pem"),
                  path("o_pub.der"), "", "") == 0);
        n = read_file("o_sec1.der", der, sizeof der);
        CHECK(n > 0);
        oc = 0;
        CHECK_EQ_INT(mote_ec_private_from_der(der, (size_t)n, &oc, opriv), MOTE_OK);
        CHECK_EQ_INT(oc, curve);
        n = read_file("o_pub.der", der, sizeof der);
        CHECK(n > 0);
        CHECK_EQ_INT(mote_ec_public_from_spki(der, (size_t)n, &oc, &opub, &opub_len), MOTE_OK);
        CHECK_EQ_INT(oc, curve);
        CHECK_EQ_INT(opub_len, pl);
        CHECK_EQ_INT(mote_ec_public_from_private(curve, opub2, opriv), MOTE_OK);
        CHECK(memcmp(opub, opub2, pl) == 0);

        /* openssl signs, mote verifies */
        CHECK(run("openssl dgst %s -sign %s -out %s %s", dg, path("o.pem"), path("o_sig.der"),
                  path("msg.bin")) == 0);
        n = read_file("o_sig.der", sig, sizeof sig);
        CHECK(n > 0);
        CHECK_EQ_INT(mote_ecdsa_verify_der(curve, opub2, pl, digest, h->out_len, sig, (size_t)n),
                     MOTE_OK);
        digest[0] ^= 1;
        CHECK_EQ_INT(mote_ecdsa_verify_der(curve, opub2, pl, digest, h->out_len, sig, (size_t)n),
                     MOTE_ERR_BAD_SIGNATURE);
        digest[0] ^= 1;

        /* mote signs with openssl's key, openssl verifies */
        CHECK_EQ_INT(mote_ecdsa_sign_der(curve, sig, sizeof sig, &len, opriv, h, digest), MOTE_OK);
        CHECK(write_file("mote_sig2.der", sig, len) == 0);
        CHECK(run("openssl dgst %s -verify %s -keyform DER -signature %s %s", dg, path("o_pub.der"),
                  path("mote_sig2.der"), path("msg.bin")) == 0);

        /* ECDH both ways */
        CHECK(run("openssl pkeyutl -derive -inkey %s -peerkey %s -peerform DER -out %s%s",
                  path("o.pem"), path("mote_pub.der"), path("z.bin"), "") == 0);
        n = read_file("z.bin", z2, sizeof z2);
        CHECK_EQ_INT(n, (long)q);
        CHECK_EQ_INT(mote_ecdh_shared(curve, z1, priv, opub2, pl), MOTE_OK);
        CHECK(n == (long)q && memcmp(z1, z2, q) == 0);
        CHECK_EQ_INT(mote_ecdh_shared(curve, z1, opriv, pub, pl), MOTE_OK);
        CHECK(n == (long)q && memcmp(z1, z2, q) == 0);
    }
}

int main(void)
{
    static const char *const files[] = {"mote_pub.der",  "msg.bin",    "msg2.bin",  "mote_sig.der",
                                        "o.pem",         "o_sec1.der", "o_pub.der", "o_sig.der",
                                        "mote_sig2.der", "z.bin",      NULL};
    mote_drbg_ctx rng;
    uint8_t seed[48];
    size_t i;

    if (system("openssl version >/dev/null 2>&1") != 0) {
        printf("test_ec_openssl: skipped (no openssl binary)\n");
        return 0;
    }
    strcpy(dir, "/tmp/mote_ec_XXXXXX");
    if (!mkdtemp(dir)) {
        printf("test_ec_openssl: mkdtemp failed\n");
        return 1;
    }
    for (i = 0; i < sizeof seed; i++)
        seed[i] = (uint8_t)(i ^ 0x3c);
    CHECK_EQ_INT(mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0), MOTE_OK);
#if MOTE_ENABLE_P256
    run_curve(MOTE_EC_P256, &rng);
#endif
#if MOTE_ENABLE_P384 && MOTE_ENABLE_SHA512
    run_curve(MOTE_EC_P384, &rng);
#endif
    for (i = 0; files[i]; i++)
        unlink(path(files[i]));
    rmdir(dir);
    return test_done("test_ec_openssl");
}

#else
int main(void)
{
    printf("test_ec_openssl: skipped (no curve or no ECDSA signing compiled in)\n");
    return 0;
}
#endif
