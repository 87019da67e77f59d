/* The progress hook (mote/progress.h): every long public-key operation
 * calls it the documented number of times (a hook that is not called, or
 * called less often, fails here), the results are the same with and
 * without it, and a hook with fn == NULL is never called. The intervals
 * in instructions are measured by bench/progress.sh (docs/ENGINE.md). */
#include <string.h>

#include "mote/ec.h"
#include "mote/ed25519.h"
#include "mote/ffdhe.h"
#include "mote/hash.h"
#include "mote/progress.h"
#include "mote/rsa.h"
#include "mote/x25519.h"
#include "test.h"

/* openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 | openssl rsa -traditional */
static const char k2048_der[] =
    "308204a30201000282010100e639e5febf5675f29e20e90110cd74f3fd28d57613eae9358a81e3e67f2e12c4b889b0"
    "ba7ef9322f7d873f593a1933606dc1883bf6559b07ad7412d0f0bad8fd3367f2c83c0d1fd33943ecd4bb41d532496a"
    "6b84783739c52e043cb8f65b91ae61828df2151e92d3d8e40d117521f405125e171b5a9964406b04bab2b35a30aa8e"
    "33076f01e747f5bf47134d22dde5505b5906082e08bb95e3f78bbd1c0914fe4cab3ab87926dfd0ff12981360205f6a"
    "c71bc68148875cf04655f7955345edbd0aeead18c309235ef775acba316423754755b3896144360b79759a82b26559"
    "0d40e067a8e9f3a633ae44398818dd0110229e2658668fdae402497296af9e3fff0203010001028201006c053f762b"
    "1568aae8e9bd199c66221936af999458dd1005e89270395e73e2277e0450b0f85178ec12644a6355a0ac5bf2b36af5"
    "e36b201dd6930f1f0ccc46726ad3bb749ac477a9b6053a5247f8280d7ba7dc819f9c1dd577f551fe60ccef0a184356"
    "d17e7a455ef3b570b23fb8aa13551e638e1890bf1a807c0c133b96b61cf451246775f61f17d52ceccef582044010cf"
    "fd56ebd9ae1e7933b35e7499bc7b3c54f9663dabb0a977ca636535672d0461ec5832f9b1007293c4c49f65859e222d"
    "57fe50b166be55dd1ef7588dd2a3c5198a0314c756a1f63f90195c7fe2cb4a3400bbb52b65d8fd8ede48d14ee9e46e"
    "85d9ce48512d798c281660c9e71b49d902818100f88d52bd7febff5e0d61ac29d0905b68c169237b776b70c4668c25"
    "ffc569f4152cc9a35832a5ef673e0bfbc82dcecff32c4e5e4c2d6174cd65c48d3dd57efaa3c5b2d3a7d00df764c1ff"
    "a4ea8d2e8d0b41af0771f85422901a830e0ae9b8ccae935aa9225fcad6e04026191916e1c9cb70b09274df661eebe0"
    "56b2edcb4469d702818100ed1ffeb13adeb918ef6b0fea13f794e297d59e0426b6d9ef0bde683f96aab55b177669c3"
    "90145511bd29ffff478b85a7c24aae7bae4c72a1ba85c3d678eb503a47d5835396897ff3341388a0ff50e91973772b"
    "c76660e4f93107c325dd5a09e0e56b56b3787d1e09e19103cb2f183b21caf8da6eb94bb877a58365f6e05626190281"
    "80157e0af08df6373fc7c27163b0403b57449a35d240524f0efc9b13d2191cff5931654235a733880f126370e32f6a"
    "d9ba7a53507e1fd2748a2a49a3b8fc141dd2398f2c142fbe756d0605781a3c1911632ecbd6c5f9263552e6a7fc77df"
    "1bf6bf05c8ea2529c95d6948c2c29ad3cab46b5e1436a5da877717087016cacf2fdc43028181008994dbc8e7185d1b"
    "1ba6e9d7edf7e399c970f73aff5f6e79655088fa04284e0b69449a3f0eb4cd5afa7f88fa0bffe6ef9c2a8aac564822"
    "e6b57b71525a5c65f33ac4a66af4581935fa0c2f65025e66b10eaea167137ebabbdef7db01783a0aab4351913f9674"
    "39de8fd2fcf981fcb42a7a430331e52f0afbd8bbb188994742d90281804c2d7917f2b0c4ff89821851957d495c53e4"
    "05baa852f4a45e6da7beccfe133b0463e229a82d59dfe8e3febb674a68371eb4fc1200bcc8e6c810e4ce815c7d958c"
    "fb6fd3ee775f6bcfe73599e6567f0eba27934133b138138b4101b7a7db97c7fd454fad6e118b2536fcd5ed5dcf7d4d"
    "13a3d5b4ba632a214c799fbc0f993e10";

static unsigned calls;

static void count(void *arg)
{
    (void)arg;
    calls++;
}

static void seed(mote_drbg_ctx *rng)
{
    static const uint8_t s[32] = {1, 2, 3};
    CHECK_EQ_INT(mote_drbg_seed(rng, s, sizeof s, NULL, 0), MOTE_OK);
}

/* steps: comb columns of the fixed-base multiplication; w: the window
 * width of the variable-base one (3 for P-384 next to P-256: its table is
 * sized for P-256) */
static void test_ec(int curve, unsigned steps, unsigned w)
{
    mote_progress pg = {count, NULL}, none = {NULL, NULL};
    mote_drbg_ctx rng;
    uint8_t priv[48], pub[97], priv2[48], pub2[97], s1[48], s2[48], hash[48], sig[104];
    size_t q = mote_ec_scalar_len(curve), pl = mote_ec_point_len(curve);
    seed(&rng);
    /* key generation (fixed-base comb): one call per 8 comb columns */
    calls = 0;
    CHECK_EQ_INT(mote_ecdh_keygen_p(curve, priv, pub, &rng, &pg), MOTE_OK);
    CHECK_EQ_INT((int)calls, (int)(steps / 8));
    CHECK_EQ_INT(mote_ecdh_keygen_p(curve, priv2, pub2, &rng, &none), MOTE_OK);
    CHECK_EQ_INT(mote_ec_public_from_private(curve, pub2, priv), MOTE_OK);
    CHECK(memcmp(pub, pub2, pl) == 0);
    CHECK_EQ_INT(mote_ecdh_keygen(curve, priv2, pub2, &rng), MOTE_OK);
    /* ECDH (signed w-bit windows): one call per 8 windows */
    calls = 0;
    CHECK_EQ_INT(mote_ecdh_shared_p(curve, s1, priv, pub2, pl, &pg), MOTE_OK);
    CHECK_EQ_INT((int)calls, (int)((8 * q + 1) / w / 8)); /* the top window: no call */
    CHECK_EQ_INT(mote_ecdh_shared(curve, s2, priv2, pub, pl), MOTE_OK);
    CHECK(memcmp(s1, s2, q) == 0);
    /* ECDSA verify (one bit of both scalars per step): every 32 bits */
    memset(hash, 0x5a, sizeof hash);
    CHECK_EQ_INT(mote_ecdsa_sign_raw(curve, sig, priv,
                                     q == 32 ? &mote_sha256_desc : &mote_sha384_desc, hash),
                 MOTE_OK);
    calls = 0;
    CHECK_EQ_INT(mote_ecdsa_verify_raw_p(curve, pub, pl, hash, q, sig, 2 * q, &pg), MOTE_OK);
    CHECK_EQ_INT((int)calls, (int)(8 * q / 32));
    sig[3] ^= 1;
    calls = 0;
    CHECK_EQ_INT(mote_ecdsa_verify_raw_p(curve, pub, pl, hash, q, sig, 2 * q, &pg),
                 MOTE_ERR_BAD_SIGNATURE);
    CHECK_EQ_INT((int)calls, (int)(8 * q / 32));
}

int main(void)
{
    mote_progress pg = {count, NULL};
    mote_drbg_ctx rng;
    static mote_rsa_private_key key;
    static uint32_t work[MOTE_RSA_SIGN_WORK_WORDS(2048)];
    static uint8_t der[1300], sig1[256], sig2[256], a[256], b[256];
    uint8_t priv[32], priv2[32], hash[32];
    long len = test_unhex(k2048_der, der, sizeof der);
    size_t np;
#if MOTE_ENABLE_P256
    test_ec(MOTE_EC_P256, 64, 4);
#endif
#if MOTE_ENABLE_P384
    test_ec(MOTE_EC_P384, 96, MOTE_ENABLE_P256 ? 3 : 4);
#endif
    /* RSA-2048 signing: exponents of 32 (np + 2) bits (blinded) in 4-bit
     * windows (MOTE_RSA_SIGN_WORK_WORDS), one call per 4 windows of each
     * CRT half */
    CHECK(len > 0);
    CHECK_EQ_INT(mote_rsa_private_from_der(&key, der, (size_t)len), MOTE_OK);
    memset(hash, 0x33, sizeof hash);
    seed(&rng);
    calls = 0;
    CHECK_EQ_INT(mote_rsa_sign_pkcs1_p(&key, &mote_sha256_desc, hash, sig1, 256, &rng, work,
                                       MOTE_RSA_SIGN_WORK_WORDS(2048), &pg),
                 MOTE_OK);
    np = (key.bits + 63) / 64;
    CHECK_EQ_INT((int)calls, (int)(2 * ((32 * (np + 2) / 4 - 1) / 4)));
    CHECK_EQ_INT(mote_rsa_sign_pkcs1(&key, &mote_sha256_desc, hash, sig2, 256, &rng, work,
                                     MOTE_RSA_SIGN_WORK_WORDS(2048)),
                 MOTE_OK);
    CHECK(memcmp(sig1, sig2, 256) == 0); /* PKCS#1 v1.5 is deterministic */
    calls = 0;
    CHECK_EQ_INT(mote_rsa_sign_pss_p(&key, &mote_sha256_desc, hash, 32, sig1, 256, &rng, work,
                                     MOTE_RSA_SIGN_WORK_WORDS(2048), &pg),
                 MOTE_OK);
    CHECK_EQ_INT((int)calls, (int)(2 * ((32 * (np + 2) / 4 - 1) / 4)));
    /* ffdhe2048: key generation, one call per 16 exponent bits; the shared
     * secret, 2-bit windows, one call per 4 windows */
    calls = 0;
    CHECK_EQ_INT(mote_ffdhe2048_keygen_p(priv, a, &rng, &pg), MOTE_OK);
    CHECK_EQ_INT((int)calls, 16);
    CHECK_EQ_INT(mote_ffdhe2048_keygen(priv2, b, &rng), MOTE_OK);
    calls = 0;
    CHECK_EQ_INT(mote_ffdhe2048_shared_p(priv, b, 256, sig1, &pg), MOTE_OK);
    CHECK_EQ_INT((int)calls, (256 / 2 - 1) / 4);
    CHECK_EQ_INT(mote_ffdhe2048_shared(priv2, a, 256, sig2), MOTE_OK);
    CHECK(memcmp(sig1, sig2, 256) == 0);
#if MOTE_ENABLE_X25519
    /* X25519: one call per 32 ladder steps, 255 steps */
    calls = 0;
    CHECK_EQ_INT(mote_x25519_keygen_p(priv, a, &rng, &pg), MOTE_OK);
    CHECK_EQ_INT((int)calls, 8);
    CHECK_EQ_INT(mote_x25519_keygen(priv2, b, &rng), MOTE_OK);
    calls = 0;
    CHECK_EQ_INT(mote_x25519_shared_p(sig1, priv, b, &pg), MOTE_OK);
    CHECK_EQ_INT((int)calls, 8);
    CHECK_EQ_INT(mote_x25519_shared(sig2, priv2, a), MOTE_OK);
    CHECK(memcmp(sig1, sig2, 32) == 0);
#endif
#if MOTE_ENABLE_ED25519
    /* Ed25519 verification: one call per 32 bits of the double scalar
     * multiplication (its top digit is within the top 32 bits) */
    {
        mote_ed25519_verify_ctx v;
        uint8_t epub[32], esig[64];
        memset(priv, 0x42, 32);
        CHECK_EQ_INT(mote_ed25519_public(epub, priv), MOTE_OK);
        CHECK_EQ_INT(mote_ed25519_sign(esig, priv, hash, sizeof hash), MOTE_OK);
        CHECK_EQ_INT(mote_ed25519_verify_init(&v, epub, esig, 64), MOTE_OK);
        mote_ed25519_verify_update(&v, hash, sizeof hash);
        calls = 0;
        CHECK_EQ_INT(mote_ed25519_verify_final_p(&v, &pg), MOTE_OK);
        CHECK_EQ_INT((int)calls, 8);
        esig[0] ^= 1; /* a wrong R: the same work, then refused */
        CHECK_EQ_INT(mote_ed25519_verify_init(&v, epub, esig, 64), MOTE_OK);
        mote_ed25519_verify_update(&v, hash, sizeof hash);
        calls = 0;
        CHECK_EQ_INT(mote_ed25519_verify_final_p(&v, &pg), MOTE_ERR_BAD_SIGNATURE);
        CHECK_EQ_INT((int)calls, 8);
    }
#endif
    mote_rsa_private_wipe(&key);
    return test_done("progress");
}
