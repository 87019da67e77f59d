/* Constant time (valgrind memcheck): P-256 and P-384 private-key operations
 * run on secrets marked undefined, and any branch or memory index that
 * depends on them is reported:
 *
 * - ECDH key generation (the DRBG state that yields the scalar is secret),
 * - the public key of a secret scalar (fixed-base comb),
 * - ECDH shared secrets (variable-base Booth windows, the inversion),
 * - ECDSA signing, RFC 6979 nonce derivation included.
 *
 * Secret scalars include edge values (1, n - 1, n - 2, ... which exercise
 * the last-window doubling) and out-of-range ones (0, n, all ones: the
 * error is folded into the return code without a branch). Each result and
 * return code is then released (CT_PUBLIC) and compared with the same
 * computation on unmarked inputs. */
#include <stdio.h>
#include <string.h>

#include "ct.h"
#include "mote/ec.h"
#include "mote/hash.h"
#include "mote/rng.h"

#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384

static int failures;

static void same(const void *secret_run, const void *public_run, size_t n, const char *what)
{
    CT_PUBLIC(secret_run, n);
    if (memcmp(secret_run, public_run, n) != 0) {
        printf("ct_ec: %s: results differ\n", what);
        failures++;
    }
}

/* n - j for the curve's order n (big-endian), j < 256 */
static void order_minus(int curve, uint8_t *out, unsigned j)
{
    static const uint8_t n256[32] = {0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
                                     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                     0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
                                     0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51};
    static const uint8_t n384[48] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                     0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37,
                                     0x2d, 0xdf, 0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a,
                                     0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73};
    size_t q = mote_ec_scalar_len(curve), i;
    unsigned borrow = j;
    memcpy(out, curve == MOTE_EC_P256 ? n256 : n384, q);
    for (i = q; i-- > 0 && borrow;) {
        unsigned v = out[i];
        out[i] = (uint8_t)(v - (borrow & 0xFF));
        borrow = (borrow >> 8) + (v < (borrow & 0xFF));
    }
}

static void run_curve(int curve)
{
    size_t q = mote_ec_scalar_len(curve), pl = mote_ec_point_len(curve), i;
    uint8_t seed[48], priv[48], pub[97], peer_priv[48], peer[97], out[97], ref[97];
    uint8_t hash[64], sig[96], sig_ref[96];
    mote_drbg_ctx rng, rng_ref;
    int ret, ret_ref;
#if MOTE_ENABLE_SHA512
    const mote_hash_desc *h = curve == MOTE_EC_P256 ? &mote_sha256_desc : &mote_sha384_desc;
#else
    const mote_hash_desc *h = &mote_sha256_desc;
#endif
    uint8_t keys[8][48];

    for (i = 0; i < sizeof seed; i++)
        seed[i] = (uint8_t)(i * 7 + curve);
    memset(hash, 0xa5, sizeof hash);

    /* key generation: the DRBG's state is the secret */
    mote_drbg_seed(&rng_ref, seed, sizeof seed, NULL, 0);
    ret_ref = mote_ecdh_keygen(curve, ref, peer, &rng_ref);
    mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0);
    CT_SECRET(rng.k, sizeof rng.k);
    CT_SECRET(rng.v, sizeof rng.v);
    ret = mote_ecdh_keygen(curve, peer_priv, out, &rng);
    CT_PUBLIC(&ret, sizeof ret);
    if (ret != MOTE_OK || ret_ref != MOTE_OK) failures++;
    same(peer_priv, ref, q, "keygen private key");
    same(out, peer, pl, "keygen public key");

    /* secret scalars: random, edge and out-of-range */
    memset(keys, 0, sizeof keys);
    for (i = 0; i < q; i++)
        keys[0][i] = (uint8_t)(i * 31 + 3);
    keys[1][q - 1] = 1;
    order_minus(curve, keys[2], 1);
    order_minus(curve, keys[3], 2);
    order_minus(curve, keys[4], 12);
    /* keys[5] = 0 */
    order_minus(curve, keys[6], 0);
    memset(keys[7], 0xff, q);

    for (i = 0; i < 8; i++) {
        memcpy(priv, keys[i], q);

        ret_ref = mote_ec_public_from_private(curve, ref, priv);
        CT_SECRET(priv, q);
        ret = mote_ec_public_from_private(curve, pub, priv);
        CT_PUBLIC(&ret, sizeof ret);
        if (ret != ret_ref) failures++;
        same(pub, ref, pl, "public key");
        CT_PUBLIC(priv, q);

        ret_ref = mote_ecdh_shared(curve, ref, priv, peer, pl);
        CT_SECRET(priv, q);
        ret = mote_ecdh_shared(curve, out, priv, peer, pl);
        CT_PUBLIC(&ret, sizeof ret);
        if (ret != ret_ref) failures++;
        same(out, ref, q, "ecdh shared secret");
        CT_PUBLIC(priv, q);

#if !MOTE_ENABLE_ECDSA_SIGN
        (void)h;
        (void)sig;
        (void)sig_ref;
#else
        ret_ref = mote_ecdsa_sign_raw(curve, sig_ref, priv, h, hash);
        CT_SECRET(priv, q);
        ret = mote_ecdsa_sign_raw(curve, sig, priv, h, hash);
        CT_PUBLIC(&ret, sizeof ret);
        if (ret != ret_ref) failures++;
        same(sig, sig_ref, 2 * q, "ecdsa signature");
        CT_PUBLIC(priv, q);
        /* the (public) signature verifies with the (public) key */
        if (ret == MOTE_OK &&
            mote_ecdsa_verify_raw(curve, pub, pl, hash, h->out_len, sig, 2 * q) != MOTE_OK)
            failures++;
        if ((i < 5) != (ret == MOTE_OK)) failures++; /* keys 5..7 are out of range */
#endif
        hash[i] ^= 0x5a;
    }
}

int main(void)
{
#if MOTE_ENABLE_P256
    run_curve(MOTE_EC_P256);
#endif
#if MOTE_ENABLE_P384
    run_curve(MOTE_EC_P384);
#endif
    printf("ct_ec: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}

#else
int main(void)
{
    printf("ct_ec: skipped (no curve compiled in)\n");
    return 0;
}
#endif
