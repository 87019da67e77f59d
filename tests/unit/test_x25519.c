/* X25519 (src/crypto/x25519.c) and the field it runs on (f25519.c).
 *
 * - the field: every operation on 32 edge-case and pseudo-random elements
 *   (including non-canonical ones, p to 2^255 - 1), all pairs, and a long
 *   chain that feeds results back in, checked against a checksum computed
 *   with Python's integers (the recipe is in the comment below);
 * - RFC 7748 section 5.2 vectors, the 1 and 1000 iteration loop (the
 *   1,000,000 loop is too slow for a unit test), section 6.1 (Alice and Bob);
 * - low-order and non-canonical peer keys: the all-zero secret is rejected
 *   with MOTE_ERR_ZERO_SECRET, the top bit of u is ignored;
 * - key generation from a DRBG agrees with mote_x25519_public. */
#include <string.h>

#include "crypto/f25519.h"
#include "mote/x25519.h"
#include "test.h"

/* ---- field checksum ----
 * Python reference (same edge values, same xorshift64 sequence, values taken
 * mod 2^255 as mote_fe_frombytes does): p = 2**255 - 19; h = FNV-1a 64 over
 * the canonical 32-byte little-endian encodings of, for each a: a*a, -a,
 * 121665*a, a^(p-2), a^((p-5)/8), then for each b: a*b, a+b, a-b; then of
 * x, y after 1000 rounds of x, y = x^2 - xy + 121665(y - x) - (x + y),
 * y^2 + x (from x = v[16], y = v[17]), which feeds every kind of result
 * back in as an operand. */
static const char *const edges[16] = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "0200000000000000000000000000000000000000000000000000000000000000",
    "1300000000000000000000000000000000000000000000000000000000000000",
    "2600000000000000000000000000000000000000000000000000000000000000",
    "ffffff0300000000000000000000000000000000000000000000000000000000", /* 2^26
                                                                           - 1
                                                                         */
    "ffffffff00000000000000000000000000000000000000000000000000000000",
    "ffffffffffff0700000000000000000000000000000000000000000000000000", /* 2^51
                                                                           - 1
                                                                         */
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* p - 1
                                                                         */
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* p */
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* p + 1
                                                                         */
    "efffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* p + 2
                                                                         */
    "feffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* 2^255
                                                                           - 2
                                                                         */
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", /* 2^255
                                                                           - 1
                                                                         */
    "0000000000000000000000000000000000000000000000000000000000000040", /* 2^254
                                                                         */
    "ffffffffffffffffffffffffffffffff00000000000000000000000000000000", /* 2^128
                                                                           - 1
                                                                         */
};

static uint64_t xs_state = 0x243F6A8885A308D3u;
static uint32_t rnd32(void)
{
    xs_state ^= xs_state << 13;
    xs_state ^= xs_state >> 7;
    xs_state ^= xs_state << 17;
    return (uint32_t)(xs_state >> 32);
}

static uint64_t fnv = 0xcbf29ce484222325u;
static void feed(const mote_fe a)
{
    uint8_t b[32];
    int i;
    mote_fe_tobytes(b, a);
    for (i = 0; i < 32; i++) {
        fnv ^= b[i];
        fnv *= 0x100000001b3u;
    }
}

static void test_field(void)
{
    static mote_fe v[32];
    mote_fe r, x, y, t, u;
    uint8_t b[32];
    int i, j;
    for (i = 0; i < 16; i++) {
        CHECK(test_unhex(edges[i], b, 32) == 32);
        mote_fe_frombytes(v[i], b);
    }
    for (i = 16; i < 32; i++) {
        for (j = 0; j < 8; j++) {
            uint32_t w = rnd32();
            b[4 * j] = (uint8_t)w;
            b[4 * j + 1] = (uint8_t)(w >> 8);
            b[4 * j + 2] = (uint8_t)(w >> 16);
            b[4 * j + 3] = (uint8_t)(w >> 24);
        }
        mote_fe_frombytes(v[i], b);
    }
    /* frombytes ignores bit 255; tobytes reduces p..2^255-1 */
    mote_fe_tobytes(b, v[13]);
    CHECK_HEX(b, 32, "1200000000000000000000000000000000000000000000000000000000000000");
    for (i = 0; i < 32; i++) {
        mote_fe_sqr(r, v[i]);
        feed(r);
        mote_fe_neg(r, v[i]);
        feed(r);
        mote_fe_mul_small(r, v[i], 121665);
        feed(r);
        mote_fe_invert(r, v[i]);
        feed(r);
        mote_fe_pow22523(r, v[i]);
        feed(r);
        for (j = 0; j < 32; j++) {
            mote_fe_mul(r, v[i], v[j]);
            feed(r);
            mote_fe_add(r, v[i], v[j]);
            feed(r);
            mote_fe_sub(r, v[i], v[j]);
            feed(r);
        }
    }
    mote_fe_copy(x, v[16]);
    mote_fe_copy(y, v[17]);
    for (i = 0; i < 1000; i++) {
        mote_fe_sqr(t, x);    /* x^2 */
        mote_fe_mul(u, x, y); /* xy */
        mote_fe_sub(t, t, u); /* x^2 - xy */
        mote_fe_sub(u, y, x); /* y - x */
        mote_fe_mul_small(u, u, 121665);
        mote_fe_add(t, t, u);
        mote_fe_add(u, x, y);
        mote_fe_sub(t, t, u); /* new x */
        mote_fe_sqr(y, y);
        mote_fe_add(y, y, x); /* new y, from the old x */
        mote_fe_copy(x, t);
    }
    feed(x);
    feed(y);
    CHECK(fnv == 0x7bbd35961b423769u);

    /* In-place use, and the predicates. */
    mote_fe_copy(r, v[10]); /* p + 1 */
    mote_fe_mul(r, r, r);
    CHECK(mote_fe_iszero(v[0]) == 1 && mote_fe_iszero(v[9]) == 1);
    CHECK(mote_fe_iszero(r) == 0 && mote_fe_iszero(v[8]) == 0);
    CHECK(mote_fe_isneg(r) == 1 && mote_fe_isneg(v[8]) == 0 && mote_fe_isneg(v[10]) == 1);
    mote_fe_cswap(v[1], v[2], 1);
    mote_fe_cmov(v[3], v[1], 0);
    mote_fe_tobytes(b, v[1]);
    CHECK(b[0] == 2);
    mote_fe_tobytes(b, v[3]);
    CHECK(b[0] == 19);
}

/* ---- X25519 ---- */

static void check_x25519(const char *k_hex, const char *u_hex, const char *out_hex)
{
    uint8_t k[32], u[32], out[32];
    CHECK(test_unhex(k_hex, k, 32) == 32 && test_unhex(u_hex, u, 32) == 32);
    CHECK_EQ_INT(mote_x25519_shared(out, k, u), MOTE_OK);
    CHECK_HEX(out, 32, out_hex);
}

static void expect_zero(const char *u_hex)
{
    uint8_t k[32], u[32], out[32];
    int i, acc = 0;
    memset(k, 0x5a, 32);
    CHECK(test_unhex(u_hex, u, 32) == 32);
    memset(out, 0xee, 32);
    CHECK_EQ_INT(mote_x25519_shared(out, k, u), MOTE_ERR_ZERO_SECRET);
    for (i = 0; i < 32; i++)
        acc |= out[i];
    CHECK(acc == 0);
}

int main(void)
{
    uint8_t k[32], u[32], t[32], a_pub[32], b_pub[32], s1[32], s2[32];
    int i;

    test_field();

    /* RFC 7748 section 5.2 */
    check_x25519("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                 "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
                 "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
    check_x25519("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                 "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
                 "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
    /* the same u with its top bit clear: the top bit must be ignored */
    check_x25519("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                 "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a413",
                 "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");

    /* iterations: k, u = X25519(k, u), k starting from k = u = 9 */
    memset(k, 0, 32);
    k[0] = 9;
    memcpy(u, k, 32);
    for (i = 1; i <= 1000; i++) {
        CHECK_EQ_INT(mote_x25519_shared(t, k, u), MOTE_OK);
        memcpy(u, k, 32);
        memcpy(k, t, 32);
        if (i == 1)
            CHECK_HEX(k, 32, "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
    }
    CHECK_HEX(k, 32, "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");

    /* section 6.1: Alice and Bob */
    CHECK(test_unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", k, 32) ==
          32);
    CHECK(test_unhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", u, 32) ==
          32);
    CHECK_EQ_INT(mote_x25519_public(a_pub, k), MOTE_OK);
    CHECK_HEX(a_pub, 32, "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    CHECK_EQ_INT(mote_x25519_public(b_pub, u), MOTE_OK);
    CHECK_HEX(b_pub, 32, "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    CHECK_EQ_INT(mote_x25519_shared(s1, k, b_pub), MOTE_OK);
    CHECK_EQ_INT(mote_x25519_shared(s2, u, a_pub), MOTE_OK);
    CHECK_HEX(s1, 32, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    CHECK(memcmp(s1, s2, 32) == 0);

    /* Small-order points (and their non-canonical or top-bit-set forms)
     * give the all-zero secret, which must be refused. */
    expect_zero("0000000000000000000000000000000000000000000000000000000000000000"); /* 0
                                                                                      */
    expect_zero("0100000000000000000000000000000000000000000000000000000000000000"); /* 1
                                                                                      */
    expect_zero("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"); /* -1
                                                                                      */
    expect_zero("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"); /* p
                                                                                      */
    expect_zero("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"); /* p+1
                                                                                      */
    expect_zero("0000000000000000000000000000000000000000000000000000000000000080"); /* 0|top
                                                                                      */
    expect_zero("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"); /* order
                                                                                        8
                                                                                      */
    expect_zero("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"); /* order
                                                                                        8
                                                                                      */

    /* Key generation from a DRBG: pub matches, both sides agree. */
    {
        mote_drbg_ctx rng;
        uint8_t seed[48], a_priv[32], b_priv[32];
        memset(seed, 7, sizeof seed);
        CHECK_EQ_INT(mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0), MOTE_OK);
        CHECK_EQ_INT(mote_x25519_keygen(a_priv, a_pub, &rng), MOTE_OK);
        CHECK_EQ_INT(mote_x25519_keygen(b_priv, b_pub, &rng), MOTE_OK);
        CHECK(memcmp(a_priv, b_priv, 32) != 0);
        CHECK_EQ_INT(mote_x25519_public(t, a_priv), MOTE_OK);
        CHECK(memcmp(t, a_pub, 32) == 0);
        CHECK_EQ_INT(mote_x25519_shared(s1, a_priv, b_pub), MOTE_OK);
        CHECK_EQ_INT(mote_x25519_shared(s2, b_priv, a_pub), MOTE_OK);
        CHECK(memcmp(s1, s2, 32) == 0);
        /* an unseeded DRBG is an error, and leaves no key behind */
        memset(&rng, 0, sizeof rng);
        memset(a_priv, 1, 32);
        CHECK(mote_x25519_keygen(a_priv, a_pub, &rng) != MOTE_OK);
        CHECK(a_priv[0] == 0 && a_priv[31] == 0 && a_pub[0] == 0);
    }
    return test_done("test_x25519");
}
