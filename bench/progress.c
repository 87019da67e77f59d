/* bench/progress.c: the work between two calls of the progress hook
 * (mote/progress.h), measured under callgrind. Every call of the hook and
 * the end of the operation dump callgrind's counters (each dump holds the
 * instructions since the previous one), so the largest dump is the
 * worst-case interval. Driven by bench/progress.sh, which runs it once per
 * operation:
 *   valgrind --tool=callgrind --collect-atstart=no \
 *       --callgrind-out-file=DIR/cg.%p bench_progress OP
 * OP: p256-ecdh, p256-keygen, p256-verify, p384-ecdh, p384-keygen,
 * p384-verify, rsa2048-sign, ffdhe2048-keygen, ffdhe2048-shared,
 * x25519-keygen, x25519-shared, ed25519-verify. */
#include <stdio.h>
#include <string.h>
#include <valgrind/callgrind.h>

#include "mote/ec.h"
#include "mote/ed25519.h"
#include "mote/ffdhe.h"
#include "mote/hash.h"
#include "mote/progress.h"
#include "mote/rsa.h"
#include "mote/x25519.h"

static void hook(void *arg)
{
    (void)arg;
    CALLGRIND_DUMP_STATS_AT("progress");
}

static void start(void)
{
    CALLGRIND_ZERO_STATS;
    CALLGRIND_TOGGLE_COLLECT;
}

static void stop(void)
{
    CALLGRIND_DUMP_STATS_AT("end");
    CALLGRIND_TOGGLE_COLLECT;
}

/* the RSA-2048 key of tests/unit/test_rsa.c's known-answer tests would do
 * as well; any 2048-bit key gives the same counts (constant time) */
static int rsa(const mote_progress *pg, mote_drbg_ctx *rng, const char *path)
{
    static mote_rsa_private_key key;
    static uint32_t work[MOTE_RSA_SIGN_WORK_WORDS(2048)];
    static uint8_t der[2400], sig[256], hash[32];
    FILE *f = fopen(path, "rb");
    size_t len;
    int r;
    if (!f) return 1;
    len = fread(der, 1, sizeof der, f);
    fclose(f);
    if (mote_rsa_private_from_der(&key, der, len) != MOTE_OK) return 1;
    start();
    r = mote_rsa_sign_pkcs1_p(&key, &mote_sha256_desc, hash, sig, key.len, rng, work,
                              MOTE_RSA_SIGN_WORK_WORDS(2048), pg);
    stop();
    return r != MOTE_OK;
}

int main(int argc, char **argv)
{
    static const uint8_t seed[32] = {7};
    mote_progress pg = {hook, NULL};
    mote_drbg_ctx rng;
    uint8_t priv[48], pub[97], priv2[48], pub2[97], sec[256], hash[48], sig[96], fp[32], fpub[256];
    int curve, r = 0;
    size_t q, pl;
    if (argc < 2 || mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0) != MOTE_OK) return 2;
    if (strncmp(argv[1], "rsa2048", 7) == 0) return rsa(&pg, &rng, argc > 2 ? argv[2] : "");
    if (strncmp(argv[1], "ed25519", 7) == 0) {
        mote_ed25519_verify_ctx v;
        memset(fp, 0x42, 32);
        memset(hash, 0x5a, sizeof hash);
        if (mote_ed25519_public(fpub, fp) != MOTE_OK ||
            mote_ed25519_sign(sig, fp, hash, sizeof hash) != MOTE_OK ||
            mote_ed25519_verify_init(&v, fpub, sig, 64) != MOTE_OK)
            return 1;
        mote_ed25519_verify_update(&v, hash, sizeof hash);
        start();
        r = mote_ed25519_verify_final_p(&v, &pg);
        stop();
        return r != MOTE_OK;
    }
    if (strncmp(argv[1], "x25519", 6) == 0) {
        int shared = strstr(argv[1], "shared") != NULL;
        if (mote_x25519_keygen(fp, fpub, &rng) != MOTE_OK) return 1;
        start();
        r = shared ? mote_x25519_shared_p(sec, fp, fpub, &pg)
                   : mote_x25519_keygen_p(fp, fpub, &rng, &pg);
        stop();
        return r != MOTE_OK;
    }
    if (strncmp(argv[1], "ffdhe", 5) == 0) {
        int shared = strstr(argv[1], "shared") != NULL;
        if (shared && mote_ffdhe2048_keygen(fp, fpub, &rng) != MOTE_OK) return 1;
        start();
        r = shared ? mote_ffdhe2048_shared_p(fp, fpub, sizeof fpub, sec, &pg)
                   : mote_ffdhe2048_keygen_p(fp, fpub, &rng, &pg);
        stop();
        return r != MOTE_OK;
    }
    curve = strncmp(argv[1], "p384", 4) == 0 ? MOTE_EC_P384 : MOTE_EC_P256;
    q = mote_ec_scalar_len(curve);
    pl = mote_ec_point_len(curve);
    if (mote_ecdh_keygen(curve, priv, pub, &rng) != MOTE_OK ||
        mote_ecdh_keygen(curve, priv2, pub2, &rng) != MOTE_OK)
        return 1;
    memset(hash, 0x5a, sizeof hash);
    if (mote_ecdsa_sign_raw(curve, sig, priv, q == 32 ? &mote_sha256_desc : &mote_sha384_desc,
                            hash) != MOTE_OK)
        return 1;
    start();
    if (strstr(argv[1], "keygen"))
        r = mote_ecdh_keygen_p(curve, priv2, pub2, &rng, &pg);
    else if (strstr(argv[1], "ecdh"))
        r = mote_ecdh_shared_p(curve, sec, priv, pub2, pl, &pg);
    else
        r = mote_ecdsa_verify_raw_p(curve, pub, pl, hash, q, sig, 2 * q, &pg);
    stop();
    return r != MOTE_OK;
}
