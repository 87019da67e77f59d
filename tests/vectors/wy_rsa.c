/* Wycheproof runner: RSA signature verification, RSASSA-PKCS1-v1_5
 * (rsa_signature_*_test.json) and RSASSA-PSS with MGF1
 * (rsa_pss_*_mgf1_*_test.json).
 *
 * Group fields: publicKeyDer (SubjectPublicKeyInfo), publicKeyAsn (PKCS#1
 * RSAPublicKey), publicKey.modulus / publicKey.publicExponent, sha, and for
 * PSS mgf, mgfSha, sLen. Tests: msg, sig. The three key encodings must give
 * the same key (a mismatch is a failure); the message is hashed with sha and
 * the signature checked against that digest. */
#include <stdio.h>
#include <string.h>

#include "mote/hash.h"
#include "mote/rsa.h"
#include "test.h"

static const char *const files[] = {
    "rsa_signature_2048_sha256_test.json",   "rsa_signature_2048_sha384_test.json",
    "rsa_signature_3072_sha256_test.json",   "rsa_signature_4096_sha256_test.json",
    "rsa_pss_2048_sha256_mgf1_32_test.json", "rsa_pss_2048_sha384_mgf1_48_test.json",
    "rsa_pss_3072_sha256_mgf1_32_test.json", NULL};

static uint8_t msg[1 << 16], sig[2048], der[4096], n[1024], e[16];

static const mote_hash_desc *hash_by_name(const char *name)
{
    if (name == NULL) return NULL;
    if (strcmp(name, "SHA-256") == 0) return &mote_sha256_desc;
#if MOTE_ENABLE_SHA512
    if (strcmp(name, "SHA-384") == 0) return &mote_sha384_desc;
    if (strcmp(name, "SHA-512") == 0) return &mote_sha512_desc;
#endif
    return NULL;
}

static void run_one(const char *file, const char *line)
{
    static mote_rsa_public_key k1, k2, k3;
    uint8_t hash[MOTE_HASH_MAX_LEN];
    const mote_hash_desc *h = hash_by_name(tv_get(line, "sha"));
    int pss = strncmp(file, "rsa_pss_", 8) == 0, rc;
    long len, mlen, slen, nl, el;
    long tc = tv_int(line, "tcId", -1);

    if (h == NULL) {
        tv_skip(line, "hash not supported");
        return;
    }
    /* the same key three ways */
    len = tv_hex(line, "publicKeyDer", der, sizeof der);
    if (len < 0 || mote_rsa_public_from_spki(&k1, der, (size_t)len) != MOTE_OK) {
        printf("%ld fail publicKeyDer not accepted\n", tc);
        return;
    }
    len = tv_hex(line, "publicKeyAsn", der, sizeof der);
    nl = tv_hex(line, "publicKey.modulus", n, sizeof n);
    el = tv_hex(line, "publicKey.publicExponent", e, sizeof e);
    if (len < 0 || nl < 0 || el < 0 || mote_rsa_public_from_der(&k2, der, (size_t)len) != MOTE_OK ||
        mote_rsa_public_set(&k3, n, (size_t)nl, e, (size_t)el) != MOTE_OK ||
        memcmp(&k1, &k2, sizeof k1) != 0 || memcmp(&k1, &k3, sizeof k1) != 0) {
        printf("%ld fail key encodings disagree\n", tc);
        return;
    }
    if (tv_int(line, "keySize", 0) != k1.bits) {
        printf("%ld fail key size\n", tc);
        return;
    }
    mlen = tv_hex(line, "msg", msg, sizeof msg);
    slen = tv_hex(line, "sig", sig, sizeof sig);
    if (mlen < 0 || slen < 0) {
        printf("%ld fail malformed test line\n", tc);
        return;
    }
    mote_hash(h, msg, (size_t)mlen, hash);
    if (pss) {
        const char *mgf = tv_get(line, "mgf");
        if (mgf == NULL || strcmp(mgf, "MGF1") != 0 || hash_by_name(tv_get(line, "mgfSha")) != h) {
            tv_skip(line, "MGF other than MGF1 with the signature's hash");
            return;
        }
        rc = mote_rsa_verify_pss(&k1, h, hash, (size_t)tv_int(line, "sLen", 0), sig, (size_t)slen);
    } else {
        rc = mote_rsa_verify_pkcs1(&k1, h, hash, sig, (size_t)slen);
    }
    /* the same check from the key's bytes (the x509/TLS path, whose stack
     * follows the key size) must reach the same verdict */
    {
        uint32_t ev = 0;
        long i;
        for (i = 0; i < el; i++)
            ev = ev << 8 | e[i];
        if (mote_rsa_verify_be(n, (size_t)nl, ev, pss ? MOTE_RSA_PSS : MOTE_RSA_PKCS1, h, hash,
                               (size_t)tv_int(line, "sLen", 0), sig, (size_t)slen) != rc) {
            printf("%ld fail mote_rsa_verify_be disagrees\n", tc);
            return;
        }
    }
    if (rc != MOTE_OK && rc != MOTE_ERR_BAD_SIGNATURE) {
        printf("%ld fail unexpected error %d\n", tc, rc);
        return;
    }
    tv_verdict(line, rc == MOTE_OK, "valid signature rejected");
}

int main(int argc, char **argv)
{
    return tv_main(argc, argv, files, run_one);
}
