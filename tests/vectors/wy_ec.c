/* Wycheproof runner: P-256 / P-384 ECDH (ecdh_secp*_ecpoint_test.json:
 * public is an encoded point, private the scalar, shared the x coordinate)
 * and ECDSA verification (ecdsa_secp*_sha*_test.json with DER signatures,
 * *_p1363_test.json with r || s; group publicKey.uncompressed and sha).
 *
 * ECDH: a test that succeeds must give exactly the expected secret (an
 * "acceptable" test computed wrongly is a failure, not a rejection).
 * Compressed public keys are refused (TLS uses uncompressed points only):
 * Wycheproof marks them acceptable or invalid, so refusing them passes. */
#include <stdio.h>
#include <string.h>

#include "mote/ec.h"
#include "mote/hash.h"
#include "test.h"

static const char *const files[] = {
    "ecdh_secp256r1_ecpoint_test.json", "ecdh_secp384r1_ecpoint_test.json",
    "ecdsa_secp256r1_sha256_test.json", "ecdsa_secp256r1_sha256_p1363_test.json",
    "ecdsa_secp384r1_sha384_test.json", NULL};

#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384
static uint8_t msg[1 << 16], sig[1 << 15];

static int curve_of(const char *file)
{
    if (strstr(file, "secp256r1")) return MOTE_EC_P256;
    if (strstr(file, "secp384r1")) return MOTE_EC_P384;
    return 0;
}

static void run_ecdh(int curve, const char *line)
{
    uint8_t pub[256], raw[64], priv[MOTE_EC_MAX_SCALAR], want[MOTE_EC_MAX_SCALAR];
    uint8_t got[MOTE_EC_MAX_SCALAR];
    size_t q = mote_ec_scalar_len(curve), off = 0;
    long tc = tv_int(line, "tcId", -1);
    long pl = tv_hex(line, "public", pub, sizeof pub);
    long kl = tv_hex(line, "private", raw, sizeof raw);
    long sl = tv_hex(line, "shared", want, sizeof want);
    int rc;

    if (pl < 0 || kl < 0 || sl < 0) {
        printf("%ld fail malformed test line\n", tc);
        return;
    }
    /* the scalar is a signed big-endian integer: drop sign bytes, left-pad */
    while (kl - (long)off > (long)q && raw[off] == 0)
        off++;
    if (kl - (long)off > (long)q) {
        printf("%ld fail private key too long\n", tc);
        return;
    }
    memset(priv, 0, q);
    memcpy(priv + q - (size_t)(kl - (long)off), raw + off, (size_t)(kl - (long)off));
    rc = mote_ecdh_shared(curve, got, priv, pub, (size_t)pl);
    if (rc == MOTE_OK && ((size_t)sl != q || memcmp(got, want, q) != 0)) {
        printf("%ld fail wrong shared secret\n", tc);
        return;
    }
    tv_verdict(line, rc == MOTE_OK, "valid exchange refused");
}

static void run_ecdsa(int curve, int p1363, const char *line)
{
    uint8_t pub[256], digest[MOTE_HASH_MAX_LEN];
    const char *sha = tv_get(line, "sha"); /* tv_get's buffer: read it first */
    const mote_hash_desc *h = NULL;
    long pl, ml, sl;
    int rc;

    if (sha && strcmp(sha, "SHA-256") == 0) h = &mote_sha256_desc;
#if MOTE_ENABLE_SHA512
    if (sha && strcmp(sha, "SHA-384") == 0) h = &mote_sha384_desc;
    if (sha && strcmp(sha, "SHA-512") == 0) h = &mote_sha512_desc;
#endif
    if (h == NULL && sha && !MOTE_ENABLE_SHA512) {
        tv_skip(line, "SHA-384/512 not compiled in");
        return;
    }
    pl = tv_hex(line, "publicKey.uncompressed", pub, sizeof pub);
    ml = tv_hex(line, "msg", msg, sizeof msg);
    sl = tv_hex(line, "sig", sig, sizeof sig);
    if (pl < 0 || ml < 0 || sl < 0 || h == NULL) {
        printf("%ld fail malformed test line\n", tv_int(line, "tcId", -1));
        return;
    }
    mote_hash(h, msg, (size_t)ml, digest);
    if (p1363)
        rc = mote_ecdsa_verify_raw(curve, pub, (size_t)pl, digest, h->out_len, sig, (size_t)sl);
    else
        rc = mote_ecdsa_verify_der(curve, pub, (size_t)pl, digest, h->out_len, sig, (size_t)sl);
    tv_verdict(line, rc == MOTE_OK, "valid signature rejected");
}
#else
static int curve_of(const char *file)
{
    (void)file;
    return 0;
}
#endif

static void run_one(const char *file, const char *line)
{
    int curve = curve_of(file);
#if !(MOTE_ENABLE_P256 || MOTE_ENABLE_P384)
    (void)curve;
    tv_skip(line, "curve not compiled in");
#else
    if (curve == 0 || mote_ec_scalar_len(curve) == 0)
        tv_skip(line, "curve not compiled in");
    else if (strncmp(file, "ecdh_", 5) == 0)
        run_ecdh(curve, line);
    else
        run_ecdsa(curve, strstr(file, "p1363") != NULL, line);
#endif
}

int main(int argc, char **argv)
{
    return tv_main(argc, argv, files, run_one);
}
