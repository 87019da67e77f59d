/* libFuzzer harness: RSA key parsing (RSAPublicKey, SubjectPublicKeyInfo,
 * PKCS#1 RSAPrivateKey, PKCS#8) and verification. The input is tried as
 * each key encoding; a public key that parses then checks the input's last
 * key->len bytes as a PKCS#1 v1.5 and a PSS signature, and a private key
 * that parses signs once (its signature must verify). Any input must be
 * handled without reading out of bounds or crashing. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mote/rsa.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mote_rsa_public_key pub;
static mote_rsa_private_key priv;
static uint32_t work[MOTE_RSA_SIGN_WORK_MIN_WORDS(MOTE_MAX_RSA_BITS)];
static uint8_t sig[MOTE_RSA_MAX_LEN];

static void try_verify(const uint8_t *data, size_t size)
{
    static const uint8_t hash[64] = {1, 2, 3};
    const uint8_t *s = size >= pub.len ? data + size - pub.len : data;
    mote_rsa_verify_pkcs1(&pub, &mote_sha256_desc, hash, s, pub.len);
    mote_rsa_verify_pss(&pub, &mote_sha256_desc, hash, 32, s, size < pub.len ? size : pub.len);
    mote_rsa_verify_pss(&pub, &mote_sha256_desc, hash, size % 300, s, pub.len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (mote_rsa_public_from_der(&pub, data, size) == MOTE_OK) try_verify(data, size);
    if (mote_rsa_public_from_spki(&pub, data, size) == MOTE_OK) try_verify(data, size);
    if (mote_rsa_private_from_der(&priv, data, size) == MOTE_OK ||
        mote_rsa_private_from_pkcs8(&priv, data, size) == MOTE_OK) {
        static const uint8_t hash[32] = {9};
        uint8_t seed[48];
        mote_drbg_ctx rng;
        int rc;
        memset(seed, 7, sizeof seed);
        mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0);
        mote_rsa_private_public(&priv, &pub);
        rc = mote_rsa_sign_pkcs1(&priv, &mote_sha256_desc, hash, sig, priv.len, &rng, work,
                                 sizeof work / sizeof work[0]);
        /* a key that parses is consistent (n = p q), but dp, dq or qinv may
         * still be wrong: then the fault check must refuse to sign */
        if (rc == MOTE_OK &&
            mote_rsa_verify_pkcs1(&pub, &mote_sha256_desc, hash, sig, priv.len) != MOTE_OK)
            __builtin_trap();
        if (rc != MOTE_OK && rc != MOTE_ERR_FAULT) __builtin_trap();
    }
    return 0;
}
