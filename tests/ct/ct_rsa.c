/* Constant time (valgrind memcheck): RSA signing (PKCS#1 v1.5 and PSS) with
 * the private key's CRT components, the digest being signed and the DRBG
 * state (blinding, salt) marked secret; the fault check on a corrupted key;
 * ffdhe2048 public value, key generation and shared secret with the private
 * exponent secret. Any branch or memory index that depends on a secret is
 * reported. The released results (signature, return code, public value,
 * shared secret) are then made public (CT_PUBLIC) and compared with the same
 * computation on unmarked inputs.
 * TLS 1.2 RSA key transport (Bleichenbacher's countermeasure): the server's
 * premaster decryption of a well-formed block and of blocks with a wrong
 * block type, no separator, a short padding string or wrong version bytes,
 * key and DRBG secret: no branch or index may depend on which of them came
 * in (the decrypted block is secret because the key is), and each gives the
 * premaster or the DRBG's bytes. */
#include <stdio.h>
#include <string.h>

#include "crypto/bigint.h"
#include "ct.h"
#include "mote/ffdhe.h"
#include "mote/hash.h"
#include "mote/rsa.h"

/* A 2048-bit key (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048,
 * then openssl rsa -traditional -outform DER), PKCS#1 RSAPrivateKey. */
static const char key_hex[] =
    "308204a20201000282010100bf763e4f9708c41df63174f10841639bd1b416b78961d7c99c382a5b02e86f54e343db"
    "43c4a1864e35c0467b9a0592ae68e92a4c74b0dd37737f49b5c81cab26bd9ff4a60cc31f372850fd1f8de1897be1f7"
    "b770735d9e886a924fe4dd6a74abc44f8297b82d0927e3f366b955fc58d18eac31500074031086985da1c2518a3a03"
    "8f8600e01e399d857e22704ada3e162a2cbdd12c480d7f6a00dc8633ce5d88102d9d768f3c053410d10f50569474f8"
    "7635c1fd4e7ebf00cf065ef0dc34eb2ea6c6e447b28976cdfe68e45b584585c2b255bef488dad9bf9983a6956c6b78"
    "c0dc19bebe4cb1cd81e239847c7ded7baf31b31aaf42ac170cf127b9b6fc2c14b70203010001028201000f95ad012d"
    "1d1e2806319e66a44bfcb3161a92d6022700203daf4d81b69d155479c8f007298ae38d9b687914449114c3b46fa7ed"
    "2ce1a976830b406af099a6673fe30183a6ade42062a92367ea5470dfe33a4a28de84c0f232ef5e5b7c31a3f5fb5d64"
    "b0887b9395d0a9b0004dae1765890484617884c5c57ccc0b717b8994d07ba2e01ca41bb5f3f2aba37c89460d5e74af"
    "5f5f07fb11679411b99df663dff44398c74859957ad7600aadfb938ad6e365c106c19939b35e6d416536960867d4be"
    "8b67e3f46fb71be289f0c91d26ada58cacca23aca7fd27101b8c32af89fa9b1e9fb2f43c1bd80d16f4c23d7aef0085"
    "5d12c897bfa7371354050991440a91b902818100e45567cea8a047335f56d6dc6b795d919127c4f4e68c3c05961f59"
    "dfcfa625362849c1cafb8b08c804738c6e5426f181befb6fb9187134e4e60be7543e8d2394d1f920e7c6e244fc030c"
    "8669a315e6aad7817a908a83f38be6210629a8fe5b2a3e008f0f25f2b3da92be86b43e99893136c54d5bec45100705"
    "e07b2ffc495aed02818100d6a920af9c2a2f47d3934a74b5ef9f33460e2c72b0af976ac3ea388f9b1ca362ace68349"
    "caca5a01bd6e55bb844161b9d989dcaa150d19282cbf303c033807c60f0918386deddff61611ee40bd098e97e6d933"
    "1f08bb11f9843642cb287cb475b49f9319bd9984784318d860c68e4c7b639aac4b1ea1bfed0985b9dcd9ca65b30281"
    "803353af7e1911ce6f91e2e771ad071f2d75bfc6da7668d7a539d5da52214f6bd5fcc077bbb547cfb586aaa2caba47"
    "f6c9ffb06db0e1f9b0b633b0415402ab9f6ff8b353de462adeeef7907d3689de8677a8f206272fbbf1a76517cf56d6"
    "1237540b93fc949f272b9eda95d199fae8709a8b81569e6f4227142d12051f084b451102818037385cc3301e1df991"
    "30d3b78051fb173a8f4cd9d81fe388c08b512f880c6eef64610c270076db7e95177c1077ee45d08468958e5f49f64d"
    "c26d10606fc78b20651fc6ce45612afae82486b0bab069b123de7deb1ed8d8bfe245ff1ab9f89287b10657d6085324"
    "a3b746fdeaaf494ddd73fb07156ff4d625890c908a82b0314702818001cc8ec065e367eacf0d37ce4e2b955a77fdb9"
    "b98893510d1218d10921102e0984ef0cf9f994d6d486968b96192a69a27989cb6c7f6c44273e122e1485b19a3e3ec6"
    "207a706498b418f6350d246169e969919923653d64d46d93eb5ccebe3437851372668bc9bcaacfeecd49fb119c5569"
    "68d67c0d6bb7e133566d6c956b49f9";

static int failures;
static mote_rsa_private_key key, bad;
static uint32_t work[MOTE_RSA_SIGN_WORK_WORDS(2048)];

static void same(const void *secret_run, const void *public_run, size_t n, const char *what)
{
    CT_PUBLIC(secret_run, n);
    if (memcmp(secret_run, public_run, n) != 0) {
        printf("ct_rsa: %s: results differ\n", what);
        failures++;
    }
}

static void rc_is(int rc, int want, const char *what)
{
    CT_PUBLIC(&rc, sizeof rc);
    if (rc != want) {
        printf("ct_rsa: %s: rc %d, expected %d\n", what, rc, want);
        failures++;
    }
}

static void key_secret(mote_rsa_private_key *k, int on)
{
    if (on) {
        CT_SECRET(k->p, sizeof k->p);
        CT_SECRET(k->q, sizeof k->q);
        CT_SECRET(k->dp, sizeof k->dp);
        CT_SECRET(k->dq, sizeof k->dq);
        CT_SECRET(k->qinv, sizeof k->qinv);
    } else {
        CT_PUBLIC(k, sizeof *k);
    }
}

static void rng_secret(mote_drbg_ctx *r, int on)
{
    if (on) {
        CT_SECRET(r->k, sizeof r->k);
        CT_SECRET(r->v, sizeof r->v);
    } else {
        CT_PUBLIC(r, sizeof *r);
    }
}

/* key = the key above; 0 on success. */
static int load_key(void)
{
    static uint8_t der[1300];
    size_t i, len = strlen(key_hex) / 2;
    for (i = 0; i < len; i++) {
        unsigned v;
        sscanf(key_hex + 2 * i, "%2x", &v);
        der[i] = (uint8_t)v;
    }
    if (mote_rsa_private_from_der(&key, der, len) == MOTE_OK) return 0;
    printf("ct_rsa: key does not parse\n");
    failures++;
    return -1;
}

static void rsa(void)
{
    static uint8_t sig[256], ref[256];
    uint8_t hash[32], seed[48];
    mote_drbg_ctx rng, rng_ref;
    size_t i;
    int rc;
    if (load_key()) return;
    mote_sha256("ct", 2, hash);
    memset(seed, 0x5c, sizeof seed);

    /* PKCS#1 v1.5 */
    mote_drbg_seed(&rng_ref, seed, sizeof seed, NULL, 0);
    rc = mote_rsa_sign_pkcs1(&key, &mote_sha256_desc, hash, ref, 256, &rng_ref, work,
                             sizeof work / 4);
    rc_is(rc, MOTE_OK, "pkcs1 reference");
    mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0);
    key_secret(&key, 1);
    rng_secret(&rng, 1);
    CT_SECRET(hash, sizeof hash);
    rc = mote_rsa_sign_pkcs1(&key, &mote_sha256_desc, hash, sig, 256, &rng, work, sizeof work / 4);
    rc_is(rc, MOTE_OK, "pkcs1 sign");
    same(sig, ref, 256, "pkcs1 sign");

    /* PSS (random salt from the secret DRBG state) */
    CT_PUBLIC(hash, sizeof hash);
    rng_secret(&rng, 0);
    key_secret(&key, 0);
    rc = mote_rsa_sign_pss(&key, &mote_sha256_desc, hash, 32, ref, 256, &rng_ref, work,
                           sizeof work / 4);
    rc_is(rc, MOTE_OK, "pss reference");
    key_secret(&key, 1);
    rng_secret(&rng, 1);
    CT_SECRET(hash, sizeof hash);
    rc =
        mote_rsa_sign_pss(&key, &mote_sha256_desc, hash, 32, sig, 256, &rng, work, sizeof work / 4);
    rc_is(rc, MOTE_OK, "pss sign");
    same(sig, ref, 256, "pss sign");

    /* a corrupted CRT exponent: MOTE_ERR_FAULT, decided without a branch */
    key_secret(&key, 0);
    bad = key;
    bad.dq[5] ^= 0x40;
    key_secret(&bad, 1);
    rc = mote_rsa_sign_pkcs1(&bad, &mote_sha256_desc, hash, sig, 256, &rng, work, sizeof work / 4);
    rc_is(rc, MOTE_ERR_FAULT, "fault");
    CT_PUBLIC(sig, sizeof sig);
    for (i = 0; i < 256; i++)
        if (sig[i] != 0) break;
    if (i != 256) {
        printf("ct_rsa: fault: signature released\n");
        failures++;
    }
    CT_PUBLIC(hash, sizeof hash);
    rng_secret(&rng, 0);
    mote_rsa_private_wipe(&key);
    mote_rsa_private_wipe(&bad);
}

static void ffdhe(void)
{
    uint8_t priv[32], peer_priv[32], peer[256], pub[256], ref[256], seed[48], priv2[32];
    mote_drbg_ctx rng, rng_ref;
    int i, rc, rc_ref;
    for (i = 0; i < 32; i++) {
        priv[i] = (uint8_t)(i * 37 + 1);
        peer_priv[i] = (uint8_t)(i * 11 + 5);
    }
    mote_ffdhe2048_public(peer_priv, peer);

    mote_ffdhe2048_public(priv, ref);
    CT_SECRET(priv, sizeof priv);
    mote_ffdhe2048_public(priv, pub);
    same(pub, ref, 256, "ffdhe public");

    CT_PUBLIC(priv, sizeof priv);
    rc_ref = mote_ffdhe2048_shared(priv, peer, 256, ref);
    CT_SECRET(priv, sizeof priv);
    rc = mote_ffdhe2048_shared(priv, peer, 256, pub);
    rc_is(rc, rc_ref, "ffdhe shared");
    same(pub, ref, 256, "ffdhe shared");
    CT_PUBLIC(priv, sizeof priv);

    memset(seed, 0x21, sizeof seed);
    mote_drbg_seed(&rng_ref, seed, sizeof seed, NULL, 0);
    mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0);
    mote_ffdhe2048_keygen(priv2, ref, &rng_ref);
    rng_secret(&rng, 1);
    rc = mote_ffdhe2048_keygen(priv, pub, &rng);
    rc_is(rc, MOTE_OK, "ffdhe keygen");
    same(pub, ref, 256, "ffdhe keygen pub");
    same(priv, priv2, 32, "ffdhe keygen priv");
}

#if MOTE_ENABLE_TLS12_RSA_KEX
/* ct = em^e mod n with the bignum layer (the test's own public operation:
 * rsa.h has none that takes a raw block). */
static void raw_encrypt(const mote_rsa_public_key *pub, const uint8_t *em, uint8_t *ct)
{
    static uint32_t m[MOTE_RSA_MAX_LIMBS], a[MOTE_RSA_MAX_LIMBS], x[MOTE_RSA_MAX_LIMBS],
        rr[MOTE_RSA_MAX_LIMBS], one[MOTE_RSA_MAX_LIMBS];
    size_t n = (pub->bits + 31u) / 32;
    uint32_t m0i = mote_bn_m0inv(pub->n[0]), e = pub->e;
    int b;
    mote_bn_from_be(m, n, em, pub->len);
    mote_bn_r2(rr, pub->n, n);
    mote_bn_montmul(a, m, rr, pub->n, m0i, n); /* em R */
    memcpy(x, a, n * 4);
    for (b = 30; b >= 0; b--) { /* left to right from e's top bit (e < 2^31) */
        if ((e >> b) == 0) continue;
        if ((e >> b) == 1) continue; /* the top bit: x = a already */
        mote_bn_montmul(x, x, x, pub->n, m0i, n);
        if ((e >> b) & 1) mote_bn_montmul(x, x, a, pub->n, m0i, n);
    }
    memset(one, 0, sizeof one);
    one[0] = 1;
    mote_bn_montmul(x, x, one, pub->n, m0i, n);
    mote_bn_to_be(ct, pub->len, x, n);
}

static void premaster(void)
{
    static uint8_t em[256], ct[256];
    static uint32_t dwork[MOTE_RSA_DECRYPT_WORK_WORDS(2048)];
    static const uint8_t ver[2] = {3, 3};
    mote_rsa_public_key pub;
    mote_drbg_ctx rng, rng_ref;
    uint8_t pms[48], out[48], ref[48], seed[48];
    size_t i;
    int c, rc;
    if (load_key()) return;
    mote_rsa_private_public(&key, &pub);
    for (i = 0; i < 48; i++)
        pms[i] = (uint8_t)(i * 7 + 3);
    pms[0] = 3, pms[1] = 3;
    memset(seed, 0x77, sizeof seed);
    for (c = 0; c < 5; c++) {
        /* 00 02 PS 00 version random(46), then one defect per case */
        em[0] = 0, em[1] = 2;
        for (i = 2; i < 256 - 49; i++)
            em[i] = (uint8_t)(1 + (i * 53) % 255);
        em[256 - 49] = 0;
        memcpy(em + 256 - 48, pms, 48);
        if (c == 1) em[1] = 1;           /* block type 1 */
        if (c == 2) em[256 - 49] = 0x42; /* no separator */
        if (c == 3) em[6] = 0;           /* padding string of 4 bytes */
        if (c == 4) em[256 - 47] = 1;    /* version 3,1 */
        raw_encrypt(&pub, em, ct);

        mote_drbg_seed(&rng_ref, seed, sizeof seed, NULL, 0);
        rc = mote_rsa_decrypt_premaster(&key, ct, 256, ver, ref, &rng_ref, dwork, sizeof dwork / 4);
        rc_is(rc, MOTE_OK, "premaster reference");
        mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0);
        key_secret(&key, 1);
        rng_secret(&rng, 1);
        rc = mote_rsa_decrypt_premaster(&key, ct, 256, ver, out, &rng, dwork, sizeof dwork / 4);
        rc_is(rc, MOTE_OK, "premaster decrypt");
        same(out, ref, 48, "premaster decrypt");
        rng_secret(&rng, 0);
        key_secret(&key, 0);
        /* the well-formed block gives its premaster, the others the DRBG's */
        mote_drbg_seed(&rng_ref, seed, sizeof seed, NULL, 0);
        mote_drbg_generate(&rng_ref, em, 48);
        if (memcmp(out, c == 0 ? pms : em, 48) != 0) {
            printf("ct_rsa: premaster case %d: wrong premaster\n", c);
            failures++;
        }
    }
    mote_rsa_private_wipe(&key);
}
#endif

int main(void)
{
    rsa();
    ffdhe();
#if MOTE_ENABLE_TLS12_RSA_KEX
    premaster();
#endif
    if (failures) return 1;
    printf("ct_rsa: ok\n");
    return 0;
}
