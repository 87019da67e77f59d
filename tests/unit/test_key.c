/* Private keys from PKCS#8, SEC1 and PKCS#1 (key_data.h, made with
 * openssl): both encodings of a key decode to the same thing, the scalars
 * and seeds are the ones openssl printed, an RSA key signs what its public
 * half verifies, and broken or unsupported inputs are refused. */
#include <string.h>

#include "mote/pem.h"
#include "mote/rsa.h"
#include "mote/x509.h"
#include "test.h"
#include "key_data.h"

static uint8_t work[4096];

static int from_pem(mote_x509_privkey *k, const char *pem)
{
    return mote_x509_privkey_from_pem(k, pem, strlen(pem), work, sizeof work);
}

/* decode the PEM to DER, change one byte, decode the key */
static int patched(const char *pem, const char *label, size_t off, uint8_t val, size_t cut)
{
    static uint8_t der[4096];
    mote_x509_privkey k;
    long n = mote_pem_decode(pem, strlen(pem), label, 0, der, sizeof der);
    if (n < 0 || off >= (size_t)n) return 99;
    der[off] = val;
    return mote_x509_privkey_from_der(&k, der, (size_t)n - cut);
}

int main(void)
{
    static mote_x509_privkey a, b;
    /* RSA: PKCS#8 and PKCS#1 give the same key, and it signs */
    CHECK_EQ_INT(from_pem(&a, key_rsa_pkcs8), MOTE_OK);
    CHECK_EQ_INT(from_pem(&b, key_rsa_pkcs1), MOTE_OK);
#if MOTE_ENABLE_RSA && MOTE_ENABLE_RSA_SIGN
    CHECK(a.type == MOTE_X509_KEY_RSA && a.len == 256 && a.u.rsa.bits == 2048 &&
          a.u.rsa.e == 65537);
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    {
        /* the modulus openssl printed: AF7699CA ... E32E97EF */
        mote_rsa_public_key pub;
        mote_rsa_private_public(&a.u.rsa, &pub);
        CHECK(pub.n[0] == 0xE32E97EFu && pub.n[63] == 0xAF7699CAu && pub.e == 65537);
    }
#endif
    /* P-256: PKCS#8 and SEC1, the scalar openssl printed */
    CHECK_EQ_INT(from_pem(&a, key_p256_pkcs8), MOTE_OK);
    CHECK_EQ_INT(from_pem(&b, key_p256_sec1), MOTE_OK);
    CHECK(a.type == MOTE_X509_KEY_P256 && a.len == 32 && b.type == a.type && b.len == 32);
    CHECK_HEX(a.u.ec, 32, "e6ea69daa89617351467cd89addad5459823f21df4463ab56af7539f9d7597e3");
    CHECK_HEX(b.u.ec, 32, "e6ea69daa89617351467cd89addad5459823f21df4463ab56af7539f9d7597e3");
    /* P-384 (refused as unsupported in a build without it) */
#if MOTE_ENABLE_P384
    CHECK_EQ_INT(from_pem(&a, key_p384_pkcs8), MOTE_OK);
    CHECK_EQ_INT(from_pem(&b, key_p384_sec1), MOTE_OK);
    CHECK(a.type == MOTE_X509_KEY_P384 && a.len == 48 && b.type == a.type);
    CHECK_HEX(a.u.ec, 48,
              "174b085bc540c37ec61a3eabcbb9a10383bca4145cc38b603abb94f7fc43a5ad46e458db6bd4cafeb11"
              "2d1fb30c3df02");
    CHECK(memcmp(a.u.ec, b.u.ec, 48) == 0);
#else
    CHECK_EQ_INT(from_pem(&a, key_p384_pkcs8), MOTE_ERR_UNSUPPORTED);
    CHECK_EQ_INT(from_pem(&b, key_p384_sec1), MOTE_ERR_UNSUPPORTED);
#endif
    /* Ed25519 (RFC 8410) */
    CHECK_EQ_INT(from_pem(&a, key_ed25519), MOTE_OK);
    CHECK(a.type == MOTE_X509_KEY_ED25519 && a.len == 32);
    CHECK_HEX(a.u.ed25519, 32, "fc56b51e4546a8803330bc678ce637f377b44ce5a17979b007d94fa5437ee841");
    mote_x509_privkey_wipe(&a);
    CHECK(a.type == 0 && a.u.ed25519[0] == 0);

    /* refused */
    CHECK_EQ_INT(from_pem(&a, key_encrypted), MOTE_ERR_UNSUPPORTED);
    CHECK(a.type == 0);
    CHECK_EQ_INT(mote_x509_privkey_from_pem(&a, key_encrypted, strlen(key_encrypted), work, 16),
                 MOTE_ERR_UNSUPPORTED); /* even when work could not hold it */
    CHECK_EQ_INT(from_pem(&a, "no key here\n"), MOTE_ERR_BAD_INPUT);
    /* the first key object counts, after any other object; work is wiped */
    {
        static char two[2048];
        size_t i;
        strcpy(two, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        strcat(two, key_ed25519);
        strcat(two, key_encrypted);
        memset(work, 0xAA, sizeof work);
        CHECK_EQ_INT(from_pem(&a, two), MOTE_OK);
        CHECK(a.type == MOTE_X509_KEY_ED25519);
        for (i = 0; i < sizeof work && work[i] == 0; i++)
            ;
        CHECK(i == sizeof work);
        strcpy(two, key_encrypted);
        strcat(two, key_ed25519);
        CHECK_EQ_INT(from_pem(&a, two), MOTE_ERR_UNSUPPORTED);
    }
    CHECK_EQ_INT(mote_x509_privkey_from_pem(&a, key_rsa_pkcs8, strlen(key_rsa_pkcs8), work, 100),
                 MOTE_ERR_BAD_INPUT); /* work too small */
    CHECK_EQ_INT(mote_x509_privkey_from_pem(&a, key_p256_sec1, strlen(key_p256_sec1) - 40, work,
                                            sizeof work),
                 MOTE_ERR_ENCODING); /* truncated PEM */
    /* SEC1 (30 77 02 01 01 04 20 <scalar> a0 ...): a zero scalar, n itself,
     * version 2, a truncated structure, trailing bytes */
    {
        static uint8_t der[256];
        long n = mote_pem_decode(key_p256_sec1, strlen(key_p256_sec1), NULL, 0, der, sizeof der);
        static const uint8_t order[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00,
                                          0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                          0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84,
                                          0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51};
        CHECK(n == 121 && der[5] == 0x04 && der[6] == 0x20);
        memset(der + 7, 0, 32);
        CHECK_EQ_INT(mote_x509_privkey_from_der(&a, der, (size_t)n), MOTE_ERR_BAD_KEY);
        memcpy(der + 7, order, 32);
        CHECK_EQ_INT(mote_x509_privkey_from_der(&a, der, (size_t)n), MOTE_ERR_BAD_KEY);
        der[38] = 0x50; /* n - 1 */
        CHECK_EQ_INT(mote_x509_privkey_from_der(&a, der, (size_t)n), MOTE_OK);
        CHECK(a.u.ec[31] == 0x50);
    }
    CHECK_EQ_INT(patched(key_p256_sec1, "EC PRIVATE KEY", 4, 2, 0), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(patched(key_p256_sec1, "EC PRIVATE KEY", 4, 1, 1), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(patched(key_p256_pkcs8, "PRIVATE KEY", 26, 0x08, 0), MOTE_ERR_UNSUPPORTED);
    CHECK_EQ_INT(patched(key_ed25519, "PRIVATE KEY", 11, 0x71, 0),
                 MOTE_ERR_UNSUPPORTED); /* Ed448's OID */
    CHECK_EQ_INT(patched(key_rsa_pkcs1, "RSA PRIVATE KEY", 6, 0x02, 0), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(mote_x509_privkey_from_der(&a, (const uint8_t *)"\x30\x03\x02\x01\x00", 5),
                 MOTE_ERR_ENCODING);
    CHECK_EQ_INT(mote_x509_privkey_from_der(&a, (const uint8_t *)"", 0), MOTE_ERR_ENCODING);
    return test_done("key");
}
