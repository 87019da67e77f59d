/* P-256 / P-384 (src/crypto/ec.c, ecdh.c, ecdsa.c, ec_key.c, ec_curves.c):
 *
 * - the field core: mote_bn_montmul_sep agrees with mote_bn_montmul on
 *   random and edge operands for both field primes, both orders and random
 *   odd moduli of 1..64 limbs;
 * - the comb tables: every entry equals the same multiple of G computed by
 *   the variable-base (Booth window) code;
 * - scalar multiplication: fixed-base, variable-base and the verifier's
 *   double-scalar code agree for edge scalars (1, 2, small, n - 1, every
 *   n - 2j that exercises the last-window doubling) and random ones;
 * - RFC 5903 (8.1, 8.2) ECDH vectors, both directions, public keys from
 *   private keys;
 * - RFC 6979 A.2.5 / A.2.6 deterministic signatures ("sample", "test");
 * - round trips (DRBG keys, sign, verify raw and DER), tampered signatures,
 *   digests and keys rejected, r and s out of range, invalid points,
 *   private keys out of range, DER signature encoding, SPKI and SEC 1 keys. */
#include <string.h>

#include "crypto/bigint.h"
#include "crypto/ec.h"
#include "mote/ec.h"
#include "mote/hash.h"
#include "mote/rng.h"
#include "test.h"

#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384

static uint64_t xs = 0x9E3779B97F4A7C15u;
static uint32_t rnd32(void)
{
    xs ^= xs << 13;
    xs ^= xs >> 7;
    xs ^= xs << 17;
    return (uint32_t)(xs >> 16);
}

static void unhex(const char *h, uint8_t *out, size_t len)
{
    long n = test_unhex(h, out, len);
    if (n != (long)len) {
        fprintf(stderr, "bad test hex %s\n", h);
        test_failures++;
    }
}

/* ---- the field core ---- */

static void test_montmul_sep(void)
{
    uint32_t m[64], a[64], b[64], r1[64], r2[64];
    size_t n, i, it;
    int ok = 1;
    for (n = 1; n <= 64; n = n < 16 ? n + 1 : n * 2) {
        for (it = 0; it < 200; it++) {
            uint32_t m0i;
            for (i = 0; i < n; i++) {
                m[i] = rnd32();
                a[i] = rnd32();
                b[i] = rnd32();
            }
            m[0] |= 1;
            if (m[n - 1] == 0) m[n - 1] = 1;
            if (it % 4 == 0) /* a modulus with all-ones limbs, like the NIST primes */
                for (i = 0; i < n; i++)
                    m[i] = 0xFFFFFFFFu - (i == n - 1 ? 0 : (rnd32() & 1));
            a[n - 1] %= m[n - 1];
            b[n - 1] %= m[n - 1];
            if (it % 5 == 1) { /* m - 1 squared */
                memcpy(a, m, 4 * n);
                a[0]--;
                memcpy(b, a, 4 * n);
            }
            m0i = mote_bn_m0inv(m[0]);
            mote_bn_montmul(r1, a, b, m, m0i, n);
            mote_bn_montmul_sep(r2, a, b, m, m0i, n);
            if (memcmp(r1, r2, 4 * n) != 0) ok = 0;
        }
    }
    CHECK(ok);
}

static void test_field_curves(const mote_ec_curve *c)
{
    size_t n = c->limbs, i, it;
    uint32_t a[MOTE_EC_LIMBS], b[MOTE_EC_LIMBS], r1[MOTE_EC_LIMBS], r2[MOTE_EC_LIMBS];
    const uint32_t *mods[2];
    uint32_t m0is[2];
    int ok = 1, k;
    mods[0] = c->p;
    mods[1] = c->n;
    m0is[0] = c->p_m0i;
    m0is[1] = c->n_m0i;
    for (k = 0; k < 2; k++) {
        CHECK_EQ_INT(mote_bn_m0inv(mods[k][0]), m0is[k]);
        for (it = 0; it < 500; it++) {
            for (i = 0; i < n; i++) {
                a[i] = rnd32();
                b[i] = rnd32();
            }
            if (it < 4) {
                memcpy(a, mods[k], 4 * n);
                memcpy(b, mods[k], 4 * n);
                a[0] -= 1 + (uint32_t)it;
                b[0] -= 1 + (uint32_t)(it / 2);
            }
            if (!mote_bn_lt(a, mods[k], n)) mote_bn_sub(a, a, mods[k], n);
            if (!mote_bn_lt(b, mods[k], n)) mote_bn_sub(b, b, mods[k], n);
            mote_bn_montmul(r1, a, b, mods[k], m0is[k], n);
            mote_bn_montmul_sep(r2, a, b, mods[k], m0is[k], n);
            if (memcmp(r1, r2, 4 * n) != 0) ok = 0;
        }
        /* R^2 mod m and R mod p agree with the bigint core */
        mote_bn_r2(r1, mods[k], n);
        CHECK(memcmp(r1, k ? c->n_rr : c->rr, 4 * n) == 0);
    }
    mote_bn_rmod(r1, c->p, n);
    CHECK(memcmp(r1, c->one, 4 * n) == 0);
    CHECK(ok);
}

/* scalar inversion mod n: a * (a^-1 R) / R = 1, for edge and random a */
static void test_sc_inv(const mote_ec_curve *c)
{
    size_t n = c->limbs, i, it;
    uint32_t a[MOTE_EC_LIMBS], inv[MOTE_EC_LIMBS], r[MOTE_EC_LIMBS], one[MOTE_EC_LIMBS] = {1};
    int ok = 1;
    for (it = 0; it < 300; it++) {
        for (i = 0; i < n; i++)
            a[i] = rnd32();
        if (it < 4) { /* n - 1 - it */
            memcpy(a, c->n, 4 * n);
            a[0] -= 1 + (uint32_t)it;
        } else if (it < 40) { /* small values and single bits */
            memset(a, 0, sizeof a);
            if (it < 20)
                a[0] = (uint32_t)it - 3;
            else
                a[(it * 13) % n] = 1u << (it % 32);
        } else if (it < 50) { /* all ones below the top limb */
            memset(a, 0xFF, 4 * n);
        }
        if (!mote_bn_lt(a, c->n, n)) a[n - 1] &= 0x7FFFFFFFu;
        mote_ec_sc_inv(c, inv, a);
        mote_ec_sc_mul(c, r, a, inv);
        if (memcmp(r, one, 4 * n) != 0) ok = 0;
    }
    memset(a, 0, sizeof a);
    mote_ec_sc_inv(c, inv, a);
    CHECK(mote_bn_is_zero(inv, n));
    CHECK(ok);
}

/* ---- scalar multiplication ---- */

static int curve_ids[2];
static size_t ncurves;

static void affine_of(const mote_ec_curve *c, uint32_t *x, uint32_t *y, const uint32_t *R)
{
    CHECK_EQ_INT(mote_ec_to_affine(c, x, y, R), 0);
}

/* G (Montgomery form), from the curve's standard generator. */
static void generator(const mote_ec_curve *c, uint32_t *G)
{
    static const char *const gen[2] = {
        "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
        "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
        "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a38"
        "5502f25dbf55296c3a545e3872760ab7"
        "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c0"
        "0a60b1ce1d7e819d7a431d7c90ea0e5f"};
    uint8_t pub[97];
    size_t n = c->limbs;
    pub[0] = 4;
    unhex(gen[n == 12], pub + 1, 8 * n);
    CHECK_EQ_INT(mote_ec_decode_point(c, G, pub, 1 + 8 * n), MOTE_OK);
}

/* k G three ways: comb, Booth windows over G, and u1 G + 0 P / 0 G + u2 P. */
static void check_mults(const mote_ec_curve *c, const uint32_t *k)
{
    size_t n = c->limbs;
    uint32_t R[3 * MOTE_EC_LIMBS], G[2 * MOTE_EC_LIMBS], zero[MOTE_EC_LIMBS] = {0};
    uint32_t x1[MOTE_EC_LIMBS], y1[MOTE_EC_LIMBS], x2[MOTE_EC_LIMBS], y2[MOTE_EC_LIMBS];
    uint32_t u1[MOTE_EC_LIMBS]; /* muladd_vartime may overwrite it */
    generator(c, G);
    mote_ec_mulgen(c, R, k, NULL);
    affine_of(c, x1, y1, R);
    mote_ec_mul(c, R, G, k, NULL);
    affine_of(c, x2, y2, R);
    CHECK(memcmp(x1, x2, 4 * n) == 0 && memcmp(y1, y2, 4 * n) == 0);
    memcpy(u1, k, 4 * n);
    CHECK_EQ_INT(mote_ec_muladd_vartime(c, R, u1, zero, G, NULL), 0);
    affine_of(c, x2, y2, R);
    CHECK(memcmp(x1, x2, 4 * n) == 0 && memcmp(y1, y2, 4 * n) == 0);
    memset(u1, 0, sizeof u1);
    CHECK_EQ_INT(mote_ec_muladd_vartime(c, R, u1, k, G, NULL), 0);
    affine_of(c, x2, y2, R);
    CHECK(memcmp(x1, x2, 4 * n) == 0 && memcmp(y1, y2, 4 * n) == 0);
}

static void test_mults(const mote_ec_curve *c)
{
    size_t n = c->limbs, d = 8 * n, i, e, j;
    uint32_t k[MOTE_EC_LIMBS], R[3 * MOTE_EC_LIMBS], G[2 * MOTE_EC_LIMBS];
    uint32_t x[MOTE_EC_LIMBS], y[MOTE_EC_LIMBS], one[MOTE_EC_LIMBS] = {1};
    uint32_t ex[MOTE_EC_LIMBS], ey[MOTE_EC_LIMBS];
    generator(c, G);

    /* the comb table, entry by entry, against the Booth-window code */
#if MOTE_EC_SIGNED_COMB
    /* entry e = 2^(3d) + sum_{i<3} (+-1) 2^(d i), + where bit i of e is set */
    for (e = 0; e < 8; e++) {
        uint32_t bit[MOTE_EC_LIMBS];
        memset(k, 0, sizeof k);
        k[(3 * d) / 32] = 1u << ((3 * d) % 32);
        for (i = 0; i < 3; i++) {
            memset(bit, 0, sizeof bit);
            bit[(d * i) / 32] = 1u << ((d * i) % 32);
            if (e >> i & 1)
                (void)mote_bn_add(k, k, bit, n);
            else
                (void)mote_bn_sub(k, k, bit, n);
        }
        mote_ec_mul(c, R, G, k, NULL);
        affine_of(c, x, y, R);
        mote_ec_fe_mul(c, ex, c->comb + e * 2 * n, one);
        mote_ec_fe_mul(c, ey, c->comb + e * 2 * n + n, one);
        CHECK(memcmp(x, ex, 4 * n) == 0 && memcmp(y, ey, 4 * n) == 0);
    }
#else
    for (e = 1; e <= 15; e++) {
        memset(k, 0, sizeof k);
        for (i = 0; i < 4; i++)
            if (e >> i & 1) k[(d * i) / 32] |= 1u << ((d * i) % 32);
        mote_ec_mul(c, R, G, k, NULL);
        affine_of(c, x, y, R);
        mote_ec_fe_mul(c, ex, c->comb + (e - 1) * 2 * n, one);
        mote_ec_fe_mul(c, ey, c->comb + (e - 1) * 2 * n + n, one);
        CHECK(memcmp(x, ex, 4 * n) == 0 && memcmp(y, ey, 4 * n) == 0);
    }
#endif
    /* k = 2 (2^(3d) + 2^(2d) + 2^d + 1) and n - k: on P-384 the signed
     * comb's last column meets 2Q = T (its doubling case) */
    memset(k, 0, sizeof k);
    for (i = 0; i < 4; i++)
        k[(d * i + 1) / 32] |= 1u << ((d * i + 1) % 32);
    check_mults(c, k);
    (void)mote_bn_sub(k, c->n, k, n);
    check_mults(c, k);

    /* small scalars */
    for (j = 1; j <= 40; j++) {
        memset(k, 0, sizeof k);
        k[0] = (uint32_t)j;
        check_mults(c, k);
    }
    /* n - 1 is -G */
    memcpy(k, c->n, 4 * n);
    k[0] -= 1;
    mote_ec_mul(c, R, G, k, NULL);
    affine_of(c, x, y, R);
    mote_ec_fe_mul(c, ex, G, one);
    CHECK(memcmp(x, ex, 4 * n) == 0);
    check_mults(c, k);
    /* n - j for j = 1..40: includes every n + 2d, d = -1..-8 (Q = T at the
     * last Booth window) */
    for (j = 1; j <= 40; j++) {
        memcpy(k, c->n, 4 * n);
        k[0] -= (uint32_t)j;
        check_mults(c, k);
    }
    /* single bits, all-ones windows, random */
    for (j = 0; j < 32 * n - 1; j += 7) {
        memset(k, 0, sizeof k);
        k[j / 32] = 1u << (j % 32);
        check_mults(c, k);
    }
    for (j = 0; j < 40; j++) {
        for (i = 0; i < n; i++)
            k[i] = rnd32();
        if (j < 4)
            for (i = 0; i < n - 1; i++)
                k[i] = j % 2 ? 0xFFFFFFFFu : 0x88888888u;
        k[n - 1] >>= 1; /* below n */
        check_mults(c, k);
    }
}

/* ---- RFC 5903 ---- */

static void test_rfc5903(int curve, const char *i, const char *gi, const char *r, const char *gr,
                         const char *z)
{
    uint8_t priv_i[48], priv_r[48], pub_i[97], pub_r[97], pub[97], secret[48];
    size_t q = mote_ec_scalar_len(curve), pl = mote_ec_point_len(curve);
    unhex(i, priv_i, q);
    unhex(r, priv_r, q);
    pub_i[0] = pub_r[0] = 4;
    unhex(gi, pub_i + 1, pl - 1);
    unhex(gr, pub_r + 1, pl - 1);
    CHECK_EQ_INT(mote_ec_public_from_private(curve, pub, priv_i), MOTE_OK);
    CHECK(memcmp(pub, pub_i, pl) == 0);
    CHECK_EQ_INT(mote_ec_public_from_private(curve, pub, priv_r), MOTE_OK);
    CHECK(memcmp(pub, pub_r, pl) == 0);
    CHECK_EQ_INT(mote_ec_check_public(curve, pub_i, pl), MOTE_OK);
    CHECK_EQ_INT(mote_ecdh_shared(curve, secret, priv_i, pub_r, pl), MOTE_OK);
    CHECK_HEX(secret, q, z);
    CHECK_EQ_INT(mote_ecdh_shared(curve, secret, priv_r, pub_i, pl), MOTE_OK);
    CHECK_HEX(secret, q, z);
}

/* ---- RFC 6979 ---- */

static void test_rfc6979(int curve, const mote_hash_desc *h, const char *x, const char *ux,
                         const char *uy, const char *msg, const char *sig_hex)
{
    uint8_t priv[48], pub[97], digest[64], sig[96], want[96], der[MOTE_ECDSA_MAX_DER];
    size_t q = mote_ec_scalar_len(curve), der_len = 0;
    unhex(x, priv, q);
    pub[0] = 4;
    unhex(ux, pub + 1, q);
    unhex(uy, pub + 1 + q, q);
    unhex(sig_hex, want, 2 * q);
    mote_hash(h, msg, strlen(msg), digest);
#if MOTE_ENABLE_ECDSA_SIGN
    CHECK_EQ_INT(mote_ecdsa_sign_raw(curve, sig, priv, h, digest), MOTE_OK);
    CHECK_HEX(sig, 2 * q, sig_hex);
    CHECK_EQ_INT(mote_ecdsa_sign_der(curve, der, sizeof der, &der_len, priv, h, digest), MOTE_OK);
    CHECK_EQ_INT(mote_ecdsa_verify_der(curve, pub, 1 + 2 * q, digest, h->out_len, der, der_len),
                 MOTE_OK);
#else
    (void)priv;
#endif
    memcpy(sig, want, 2 * q);
    CHECK_EQ_INT(mote_ecdsa_verify_raw(curve, pub, 1 + 2 * q, digest, h->out_len, sig, 2 * q),
                 MOTE_OK);
    CHECK_EQ_INT(mote_ecdsa_raw_to_der(der, sizeof der, &der_len, sig, 2 * q), MOTE_OK);
    CHECK_EQ_INT(mote_ecdsa_verify_der(curve, pub, 1 + 2 * q, digest, h->out_len, der, der_len),
                 MOTE_OK);
    digest[0] ^= 1;
    CHECK_EQ_INT(mote_ecdsa_verify_raw(curve, pub, 1 + 2 * q, digest, h->out_len, sig, 2 * q),
                 MOTE_ERR_BAD_SIGNATURE);
}

/* ---- round trips and rejections ---- */

/* key generation: the public key matches the private one, secrets agree */
static void test_keygen(int curve, mote_drbg_ctx *rng)
{
    size_t q = mote_ec_scalar_len(curve), pl = mote_ec_point_len(curve);
    uint8_t priv[48], pub[97], priv2[48], pub2[97], chk[97], s1[48], s2[48];
    CHECK_EQ_INT(mote_ecdh_keygen(curve, priv, pub, rng), MOTE_OK);
    CHECK_EQ_INT(mote_ecdh_keygen(curve, priv2, pub2, rng), MOTE_OK);
    CHECK(memcmp(priv, priv2, q) != 0);
    CHECK_EQ_INT(mote_ec_public_from_private(curve, chk, priv), MOTE_OK);
    CHECK(memcmp(chk, pub, pl) == 0);
    CHECK_EQ_INT(mote_ec_check_public(curve, pub, pl), MOTE_OK);
    CHECK_EQ_INT(mote_ecdh_shared(curve, s1, priv, pub2, pl), MOTE_OK);
    CHECK_EQ_INT(mote_ecdh_shared(curve, s2, priv2, pub, pl), MOTE_OK);
    CHECK(memcmp(s1, s2, q) == 0);
}

#if MOTE_ENABLE_ECDSA_SIGN
static void test_roundtrip(int curve, mote_drbg_ctx *rng)
{
    const mote_ec_curve *c = mote_ec_curve_get(curve);
    size_t q = mote_ec_scalar_len(curve), pl = mote_ec_point_len(curve), i, it;
    uint8_t priv[48], pub[97], priv2[48], pub2[97], s1[48], s2[48], digest[64], sig[96], bad[97];
    uint8_t der[MOTE_ECDSA_MAX_DER], raw[96];
    size_t der_len;
    const mote_hash_desc *hs[3];
    hs[0] = hs[1] = hs[2] = &mote_sha256_desc;
#if MOTE_ENABLE_SHA512
    hs[1] = &mote_sha384_desc;
    hs[2] = &mote_sha512_desc;
#endif
    for (it = 0; it < 6; it++) {
        const mote_hash_desc *h = hs[it % 3];
        CHECK_EQ_INT(mote_ecdh_keygen(curve, priv, pub, rng), MOTE_OK);
        CHECK_EQ_INT(mote_ecdh_keygen(curve, priv2, pub2, rng), MOTE_OK);
        CHECK_EQ_INT(mote_ec_public_from_private(curve, bad, priv), MOTE_OK);
        CHECK(memcmp(bad, pub, pl) == 0);
        CHECK_EQ_INT(mote_ecdh_shared(curve, s1, priv, pub2, pl), MOTE_OK);
        CHECK_EQ_INT(mote_ecdh_shared(curve, s2, priv2, pub, pl), MOTE_OK);
        CHECK(memcmp(s1, s2, q) == 0);

        mote_drbg_generate(rng, digest, sizeof digest);
        CHECK_EQ_INT(mote_ecdsa_sign_raw(curve, sig, priv, h, digest), MOTE_OK);
        CHECK_EQ_INT(mote_ecdsa_verify_raw(curve, pub, pl, digest, h->out_len, sig, 2 * q),
                     MOTE_OK);
        /* digests of other lengths: bits2int truncates or pads */
        CHECK_EQ_INT(mote_ecdsa_verify_raw(curve, pub2, pl, digest, h->out_len, sig, 2 * q),
                     MOTE_ERR_BAD_SIGNATURE);
        CHECK_EQ_INT(mote_ecdsa_sign_der(curve, der, sizeof der, &der_len, priv, h, digest),
                     MOTE_OK);
        CHECK_EQ_INT(mote_ecdsa_der_to_raw(raw, q, der, der_len), MOTE_OK);
        CHECK(memcmp(raw, sig, 2 * q) == 0);
        CHECK_EQ_INT(mote_ecdsa_verify_der(curve, pub, pl, digest, h->out_len, der, der_len),
                     MOTE_OK);
        /* every single-bit change of the signature is rejected */
        for (i = 0; i < 2 * q * 8; i += 3) {
            memcpy(bad, sig, 2 * q);
            bad[i / 8] ^= (uint8_t)(1u << (i % 8));
            if (mote_ecdsa_verify_raw(curve, pub, pl, digest, h->out_len, bad, 2 * q) !=
                MOTE_ERR_BAD_SIGNATURE) {
                CHECK(0);
                break;
            }
        }
        digest[0] ^= 0x80;
        CHECK_EQ_INT(mote_ecdsa_verify_raw(curve, pub, pl, digest, h->out_len, sig, 2 * q),
                     MOTE_ERR_BAD_SIGNATURE);
        /* wrong lengths */
        CHECK_EQ_INT(mote_ecdsa_verify_raw(curve, pub, pl, digest, h->out_len, sig, 2 * q - 1),
                     MOTE_ERR_BAD_SIGNATURE);
        CHECK_EQ_INT(mote_ecdsa_verify_der(curve, pub, pl, digest, h->out_len, der, der_len - 1),
                     MOTE_ERR_BAD_SIGNATURE);
    }
    /* r, s out of [1, n-1] */
    {
        uint8_t nb[48];
        mote_bn_to_be(nb, q, c->n, c->limbs);
        memcpy(bad, sig, 2 * q);
        memset(bad, 0, q);
        CHECK_EQ_INT(mote_ecdsa_verify_raw(curve, pub, pl, digest, 32, bad, 2 * q),
                     MOTE_ERR_BAD_SIGNATURE);
        memcpy(bad, sig, 2 * q);
        memset(bad + q, 0, q);
        CHECK_EQ_INT(mote_ecdsa_verify_raw(curve, pub, pl, digest, 32, bad, 2 * q),
                     MOTE_ERR_BAD_SIGNATURE);
        memcpy(bad, nb, q);
        memcpy(bad + q, sig + q, q);
        CHECK_EQ_INT(mote_ecdsa_verify_raw(curve, pub, pl, digest, 32, bad, 2 * q),
                     MOTE_ERR_BAD_SIGNATURE);
        memcpy(bad, sig, q);
        memcpy(bad + q, nb, q);
        CHECK_EQ_INT(mote_ecdsa_verify_raw(curve, pub, pl, digest, 32, bad, 2 * q),
                     MOTE_ERR_BAD_SIGNATURE);

        /* private keys out of range: 0, n, n + 1, all ones */
        for (it = 0; it < 4; it++) {
            memset(priv2, 0, q);
            if (it == 1) memcpy(priv2, nb, q);
            if (it == 2) {
                memcpy(priv2, nb, q);
                priv2[q - 1]++;
            }
            if (it == 3) memset(priv2, 0xFF, q);
            memset(s1, 0x55, q);
            CHECK_EQ_INT(mote_ecdh_shared(curve, s1, priv2, pub, pl), MOTE_ERR_BAD_KEY);
            for (i = 0; i < q; i++)
                CHECK(s1[i] == 0);
            CHECK_EQ_INT(mote_ec_public_from_private(curve, pub2, priv2), MOTE_ERR_BAD_KEY);
            CHECK(pub2[0] == 0);
            CHECK_EQ_INT(mote_ecdsa_sign_raw(curve, sig, priv2, &mote_sha256_desc, digest),
                         MOTE_ERR_BAD_KEY);
            CHECK(sig[0] == 0 && sig[2 * q - 1] == 0);
        }
        /* n - 1 is a valid key: its public key is -G */
        memcpy(priv2, nb, q);
        priv2[q - 1]--;
        CHECK_EQ_INT(mote_ec_public_from_private(curve, pub2, priv2), MOTE_OK);
        CHECK_EQ_INT(mote_ecdh_shared(curve, s1, priv2, pub, pl), MOTE_OK);
    }
}
#endif

static void test_bad_points(int curve, const uint8_t *good)
{
    const mote_ec_curve *c = mote_ec_curve_get(curve);
    size_t q = mote_ec_scalar_len(curve), pl = mote_ec_point_len(curve);
    uint8_t p[97], priv[48], s[48];
    memset(priv, 0, q);
    priv[q - 1] = 7;
    CHECK_EQ_INT(mote_ec_check_public(curve, good, pl), MOTE_OK);
    memcpy(p, good, pl); /* off the curve */
    p[pl - 1] ^= 1;
    CHECK_EQ_INT(mote_ec_check_public(curve, p, pl), MOTE_ERR_BAD_POINT);
    CHECK_EQ_INT(mote_ecdh_shared(curve, s, priv, p, pl), MOTE_ERR_BAD_POINT);
    memcpy(p, good, pl); /* x + p: same point mod p, but not canonical */
    mote_bn_to_be(p + 1, q, c->p, c->limbs);
    CHECK_EQ_INT(mote_ec_check_public(curve, p, pl), MOTE_ERR_BAD_POINT);
    memcpy(p, good, pl);
    mote_bn_to_be(p + 1 + q, q, c->p, c->limbs); /* y = p */
    CHECK_EQ_INT(mote_ec_check_public(curve, p, pl), MOTE_ERR_BAD_POINT);
    memset(p, 0, pl); /* (0, 0) and the infinity encoding */
    p[0] = 4;
    CHECK_EQ_INT(mote_ec_check_public(curve, p, pl), MOTE_ERR_BAD_POINT);
    CHECK_EQ_INT(mote_ec_check_public(curve, p + 1, 1), MOTE_ERR_BAD_POINT);
    memcpy(p, good, pl);
    p[0] = 0x02 | (good[pl - 1] & 1); /* compressed */
    CHECK_EQ_INT(mote_ec_check_public(curve, p, 1 + q), MOTE_ERR_UNSUPPORTED);
    p[0] = 0x06; /* hybrid */
    CHECK_EQ_INT(mote_ec_check_public(curve, p, pl), MOTE_ERR_BAD_POINT);
    CHECK_EQ_INT(mote_ec_check_public(curve, good, pl - 1), MOTE_ERR_BAD_POINT);
    CHECK_EQ_INT(mote_ec_check_public(curve, good, 0), MOTE_ERR_BAD_POINT);
    CHECK_EQ_INT(mote_ecdsa_verify_raw(curve, p, pl, s, 32, s, 2 * q), MOTE_ERR_BAD_POINT);
    CHECK_EQ_INT(mote_ec_check_public(curve == MOTE_EC_P256 ? 25 : 22, good, pl),
                 MOTE_ERR_UNSUPPORTED);
}

static void test_der_sig(void)
{
    uint8_t raw[64], raw2[66], der[MOTE_ECDSA_MAX_DER];
    size_t len = 0;
    /* r = 1 (short), s with its top bit set (gets a 00 pad) */
    memset(raw, 0, 64);
    raw[31] = 1;
    memset(raw + 32, 0xFF, 32);
    CHECK_EQ_INT(mote_ecdsa_raw_to_der(der, sizeof der, &len, raw, 64), MOTE_OK);
    CHECK_EQ_INT(len, 2 + 3 + 35);
    CHECK_HEX(der, 10,
              "30260201010221"
              "00ffff");
    CHECK_EQ_INT(mote_ecdsa_der_to_raw(raw2, 32, der, len), MOTE_OK);
    CHECK(memcmp(raw, raw2, 64) == 0);
    CHECK_EQ_INT(mote_ecdsa_raw_to_der(der, len - 1, &len, raw, 64), MOTE_ERR_BAD_INPUT);
    /* malformed: a non-minimal integer, a negative one, an integer too long,
     * trailing bytes, a long-form length that could be short */
    {
        static const char *const bad[] = {
            "300702020001020101", /* non-minimal r */
            "3006020181020101",   /* negative r */
            "300602010102018f",   /* negative s */
            "300602010102010100", /* trailing byte after the sequence */
            "308106020101020101", /* long-form length below 128 */
            "3006020101020201",   /* s runs past the end */
            "3006020101040101",   /* s is an OCTET STRING */
            "30050201010201",     /* truncated */
        };
        size_t i;
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            long n = test_unhex(bad[i], der, sizeof der);
            CHECK(n > 0);
            CHECK_EQ_INT(mote_ecdsa_der_to_raw(raw2, 32, der, (size_t)n), MOTE_ERR_BAD_SIGNATURE);
        }
        /* r of 33 bytes (a valid integer, too long for P-256) */
        memset(der, 0, sizeof der);
        der[0] = 0x30;
        der[1] = 0x26;
        der[2] = 0x02;
        der[3] = 0x21;
        der[4] = 0x01;
        der[37] = 0x02;
        der[38] = 0x01;
        der[39] = 0x01;
        CHECK_EQ_INT(mote_ecdsa_der_to_raw(raw2, 32, der, 40), MOTE_ERR_BAD_SIGNATURE);
        CHECK_EQ_INT(mote_ecdsa_der_to_raw(raw2, 33, der, 40), MOTE_OK);
    }
}

#if MOTE_ENABLE_P256 && MOTE_ENABLE_P384
static void test_keys_der(void)
{
    /* The RFC 6979 A.2.5 key as SPKI and as SEC 1 ECPrivateKey (with and
     * without the optional fields), built from the standard prefixes. */
    static const char *x256 = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
    static const char *pub256 = "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
                                "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
    static const char *x384 = "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8"
                              "96d5724e4c70a825f872c9ea60d2edf5";
    static const char *pub384 = "04ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64"
                                "def8f0ea9055866064a254515480bc138015d9b72d7d57244ea8ef9ac0c62189"
                                "6708a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720";
    char hex[600];
    uint8_t der[300], priv[48], want[48];
    const uint8_t *pub;
    size_t pub_len;
    long len;
    int curve;

    snprintf(hex, sizeof hex, "3059301306072a8648ce3d020106082a8648ce3d030107034200%s", pub256);
    len = test_unhex(hex, der, sizeof der);
    CHECK_EQ_INT(mote_ec_public_from_spki(der, (size_t)len, &curve, &pub, &pub_len), MOTE_OK);
    CHECK_EQ_INT(curve, MOTE_EC_P256);
    CHECK_EQ_INT(pub_len, 65);
    CHECK_HEX(pub, pub_len, pub256);
    CHECK_EQ_INT(mote_ec_public_from_spki(der, (size_t)len - 1, &curve, &pub, &pub_len),
                 MOTE_ERR_ENCODING);
    der[len - 1] ^= 1; /* off the curve */
    CHECK_EQ_INT(mote_ec_public_from_spki(der, (size_t)len, &curve, &pub, &pub_len),
                 MOTE_ERR_BAD_POINT);
    der[len - 1] ^= 1;
    der[12] = 0x02; /* 1.2.840.10045.2.2: another algorithm */
    CHECK_EQ_INT(mote_ec_public_from_spki(der, (size_t)len, &curve, &pub, &pub_len),
                 MOTE_ERR_UNSUPPORTED);
    snprintf(hex, sizeof hex, "3076301006072a8648ce3d020106052b81040022036200%s", pub384);
    len = test_unhex(hex, der, sizeof der);
    CHECK_EQ_INT(mote_ec_public_from_spki(der, (size_t)len, &curve, &pub, &pub_len), MOTE_OK);
    CHECK_EQ_INT(curve, MOTE_EC_P384);
    CHECK_HEX(pub, pub_len, pub384);
    snprintf(hex, sizeof hex, "3076301006072a8648ce3d020106052b81040023036200%s", pub384);
    len = test_unhex(hex, der, sizeof der); /* secp521r1's OID: not supported */
    CHECK_EQ_INT(mote_ec_public_from_spki(der, (size_t)len, &curve, &pub, &pub_len),
                 MOTE_ERR_UNSUPPORTED);

    /* SEC 1, P-256, as openssl writes it */
    unhex(x256, want, 32);
    snprintf(hex, sizeof hex, "307702010104 20%sa00a06082a8648ce3d030107a144034200%s", x256,
             pub256);
    {
        char *p = strchr(hex, ' ');
        memmove(p, p + 1, strlen(p));
    }
    len = test_unhex(hex, der, sizeof der);
    curve = 0;
    CHECK_EQ_INT(mote_ec_private_from_der(der, (size_t)len, &curve, priv), MOTE_OK);
    CHECK_EQ_INT(curve, MOTE_EC_P256);
    CHECK(memcmp(priv, want, 32) == 0);
    curve = MOTE_EC_P384; /* contradicts [0] */
    CHECK_EQ_INT(mote_ec_private_from_der(der, (size_t)len, &curve, priv), MOTE_ERR_ENCODING);
    /* no parameters: the caller names the curve */
    snprintf(hex, sizeof hex, "302502010104 20%s", x256);
    {
        char *p = strchr(hex, ' ');
        memmove(p, p + 1, strlen(p));
    }
    len = test_unhex(hex, der, sizeof der);
    curve = 0;
    CHECK_EQ_INT(mote_ec_private_from_der(der, (size_t)len, &curve, priv), MOTE_ERR_ENCODING);
    curve = MOTE_EC_P256;
    CHECK_EQ_INT(mote_ec_private_from_der(der, (size_t)len, &curve, priv), MOTE_OK);
    CHECK(memcmp(priv, want, 32) == 0);
    der[1] = 0x24; /* wrong inner length */
    CHECK_EQ_INT(mote_ec_private_from_der(der, (size_t)len, &curve, priv), MOTE_ERR_ENCODING);
    /* version 0; a zero key */
    memset(der, 0, sizeof der);
    len = test_unhex("30250201000420", der, sizeof der) + 32;
    der[len - 1] = 1;
    CHECK_EQ_INT(mote_ec_private_from_der(der, (size_t)len, &curve, priv), MOTE_ERR_ENCODING);
    der[4] = 1;
    CHECK_EQ_INT(mote_ec_private_from_der(der, (size_t)len, &curve, priv), MOTE_OK);
    der[len - 1] = 0;
    CHECK_EQ_INT(mote_ec_private_from_der(der, (size_t)len, &curve, priv), MOTE_ERR_BAD_KEY);
    /* P-384 */
    unhex(x384, want, 48);
    snprintf(hex, sizeof hex, "3081a402010104 30%sa00706052b81040022a164036200%s", x384, pub384);
    {
        char *p = strchr(hex, ' ');
        memmove(p, p + 1, strlen(p));
    }
    len = test_unhex(hex, der, sizeof der);
    curve = 0;
    CHECK_EQ_INT(mote_ec_private_from_der(der, (size_t)len, &curve, priv), MOTE_OK);
    CHECK_EQ_INT(curve, MOTE_EC_P384);
    CHECK(memcmp(priv, want, 48) == 0);
}
#endif

int main(void)
{
    mote_drbg_ctx rng;
    uint8_t seed[48];
    size_t i;
    memset(seed, 0x42, sizeof seed);
    CHECK_EQ_INT(mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0), MOTE_OK);

    test_montmul_sep();
#if MOTE_ENABLE_P256
    curve_ids[ncurves++] = MOTE_EC_P256;
#endif
#if MOTE_ENABLE_P384
    curve_ids[ncurves++] = MOTE_EC_P384;
#endif
    for (i = 0; i < ncurves; i++) {
        const mote_ec_curve *c = mote_ec_curve_get(curve_ids[i]);
        CHECK(c != NULL);
        test_field_curves(c);
        test_sc_inv(c);
        test_mults(c);
        test_keygen(curve_ids[i], &rng);
#if MOTE_ENABLE_ECDSA_SIGN
        test_roundtrip(curve_ids[i], &rng);
#endif
    }
    CHECK(mote_ec_curve_get(25) == NULL);
    CHECK_EQ_INT(mote_ec_scalar_len(25), 0);

#if MOTE_ENABLE_P256
    test_rfc5903(MOTE_EC_P256, "c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433",
                 "dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180"
                 "5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3",
                 "c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53",
                 "d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63"
                 "56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab",
                 "d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de");
    test_rfc6979(MOTE_EC_P256, &mote_sha256_desc,
                 "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
                 "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
                 "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299", "sample",
                 "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
                 "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");
    test_rfc6979(MOTE_EC_P256, &mote_sha256_desc,
                 "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
                 "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
                 "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299", "test",
                 "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367"
                 "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083");
#if MOTE_ENABLE_SHA512
    /* a digest longer than the order: bits2int keeps its leftmost 256 bits */
    test_rfc6979(MOTE_EC_P256, &mote_sha512_desc,
                 "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
                 "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
                 "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299", "sample",
                 "8496a60b5e9b47c825488827e0495b0e3fa109ec4568fd3f8d1097678eb97f00"
                 "2362ab1adbe2b8adf9cb9edab740ea6049c028114f2460f96554f61fae3302fe");
#endif
    {
        /* Wycheproof ecdh_secp256r1 tcId 3: a valid exchange whose shared
         * x is zero (b is a square mod p): returned, not refused */
        uint8_t k[32], pub[65], z[32];
        unhex("0a0d622a47e48f6bc1038ace438c6f528aa00ad2bd1da5f13ee46bf5f633d71a", k, 32);
        unhex("0458fd4168a87795603e2b04390285bdca6e57de6027fe211dd9d25e2212d29e62080d36bd224d"
              "7405509295eed02a17150e03b314f96da37445b0d1d29377d12c",
              pub, 65);
        memset(z, 0x55, sizeof z);
        CHECK_EQ_INT(mote_ecdh_shared(MOTE_EC_P256, z, k, pub, 65), MOTE_OK);
        CHECK_HEX(z, 32, "0000000000000000000000000000000000000000000000000000000000000000");
    }
    {
        uint8_t g[65];
        g[0] = 4;
        unhex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
              "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
              g + 1, 64);
        test_bad_points(MOTE_EC_P256, g);
    }
#endif
#if MOTE_ENABLE_P384
    test_rfc5903(MOTE_EC_P384,
                 "099f3c7034d4a2c699884d73a375a67f7624ef7c6b3c0f160647b67414dce655"
                 "e35b538041e649ee3faef896783ab194",
                 "667842d7d180ac2cde6f74f37551f55755c7645c20ef73e31634fe72b4c55ee6"
                 "de3ac808acb4bdb4c88732aee95f41aa9482ed1fc0eeb9cafc4984625ccfc23f"
                 "65032149e0e144ada024181535a0f38eeb9fcff3c2c947dae69b4c634573a81c",
                 "41cb0779b4bdb85d47846725fbec3c9430fab46cc8dc5060855cc9bda0aa2942"
                 "e0308312916b8ed2960e4bd55a7448fc",
                 "e558dbef53eecde3d3fccfc1aea08a89a987475d12fd950d83cfa41732bc509d"
                 "0d1ac43a0336def96fda41d0774a3571dcfbec7aacf3196472169e838430367f"
                 "66eebe3c6e70c416dd5f0c68759dd1fff83fa40142209dff5eaad96db9e6386c",
                 "11187331c279962d93d604243fd592cb9d0a926f422e47187521287e7156c5c4"
                 "d603135569b9e9d09cf5d4a270f59746");
#if MOTE_ENABLE_SHA512
    test_rfc6979(MOTE_EC_P384, &mote_sha384_desc,
                 "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8"
                 "96d5724e4c70a825f872c9ea60d2edf5",
                 "ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64"
                 "def8f0ea9055866064a254515480bc13",
                 "8015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1"
                 "288b231c3ae0d4fe7344fd2533264720",
                 "sample",
                 "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c"
                 "81a648152e44acf96e36dd1e80fabe46"
                 "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94f"
                 "a329c145786e679e7b82c71a38628ac8");
    test_rfc6979(MOTE_EC_P384, &mote_sha384_desc,
                 "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8"
                 "96d5724e4c70a825f872c9ea60d2edf5",
                 "ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64"
                 "def8f0ea9055866064a254515480bc13",
                 "8015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1"
                 "288b231c3ae0d4fe7344fd2533264720",
                 "test",
                 "8203b63d3c853e8d77227fb377bcf7b7b772e97892a80f36ab775d509d7a5feb"
                 "0542a7f0812998da8f1dd3ca3cf023db"
                 "ddd0760448d42d8a43af45af836fce4de8be06b485e9b61b827c2f13173923e0"
                 "6a739f040649a667bf3b828246baa5a5");
#endif
    /* a digest shorter than the order (T spans two HMAC outputs), and one
     * longer */
    test_rfc6979(MOTE_EC_P384, &mote_sha256_desc,
                 "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8"
                 "96d5724e4c70a825f872c9ea60d2edf5",
                 "ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64"
                 "def8f0ea9055866064a254515480bc13",
                 "8015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1"
                 "288b231c3ae0d4fe7344fd2533264720",
                 "sample",
                 "21b13d1e013c7fa1392d03c5f99af8b30c570c6f98d4ea8e354b63a21d3daa33"
                 "bde1e888e63355d92fa2b3c36d8fb2cd"
                 "f3aa443fb107745bf4bd77cb3891674632068a10ca67e3d45db2266fa7d1feeb"
                 "efdc63eccd1ac42ec0cb8668a4fa0ab0");
#if MOTE_ENABLE_SHA512
    test_rfc6979(MOTE_EC_P384, &mote_sha512_desc,
                 "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d8"
                 "96d5724e4c70a825f872c9ea60d2edf5",
                 "ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64"
                 "def8f0ea9055866064a254515480bc13",
                 "8015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1"
                 "288b231c3ae0d4fe7344fd2533264720",
                 "sample",
                 "ed0959d5880ab2d869ae7f6c2915c6d60f96507f9cb3e047c0046861da4a799c"
                 "fe30f35cc900056d7c99cd7882433709"
                 "512c8cceee3890a84058ce1e22dbc2198f42323ce8aca9135329f03c068e5112"
                 "dc7cc3ef3446defceb01a45c2667fdd5");
#endif
    {
        uint8_t g[97];
        g[0] = 4;
        unhex("aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a38"
              "5502f25dbf55296c3a545e3872760ab73617de4a96262c6f5d9e98bf9292dc29"
              "f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f",
              g + 1, 96);
        test_bad_points(MOTE_EC_P384, g);
    }
#endif
    test_der_sig();
#if MOTE_ENABLE_P256 && MOTE_ENABLE_P384
    test_keys_der();
#endif
    return test_done("test_ec");
}

#else
int main(void)
{
    printf("test_ec: skipped (no curve compiled in)\n");
    return 0;
}
#endif
