/* ECDH on P-256 / P-384 (SEC 1 3.3.1): key generation, public key from a
 * private key, shared secret. Constant time in the private scalar; see
 * ec.c for the scalar multiplications. */
#include "crypto/ec.h"

#include "crypto/bigint.h"
#include "crypto/util.h"

#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384

#define L MOTE_EC_LIMBS

/* -err when mask is all ones, 0 when it is zero: no branch. */
static int ct_err(uint32_t mask, int err)
{
    return -(int)(mask & (uint32_t)-err);
}

static void mask_bytes(uint8_t *p, size_t len, uint32_t keep)
{
    size_t i;
    for (i = 0; i < len; i++)
        p[i] &= (uint8_t)keep;
}

/* k = ok ? k : 1, so that an invalid key still runs the same code. */
static void scalar_or_one(uint32_t *k, uint32_t ok, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        k[i] &= ok;
    k[0] |= 1u & ~ok;
}

/* pub = k G for 1 <= k < n. */
static void public_of(const mote_ec_curve *c, uint8_t *pub, const uint32_t *k,
                      const mote_progress *pg)
{
    uint32_t R[5 * L], *x = R + 3 * L, *y = x + L; /* one array: one wipe */
    mote_ec_mulgen(c, R, k, pg);
    (void)mote_ec_to_affine(c, x, y, R); /* never infinity for 1 <= k < n */
    mote_ec_encode_point(c, pub, x, y);
    mote_wipe(R, sizeof R);
}

size_t mote_ec_scalar_len(int curve)
{
    const mote_ec_curve *c = mote_ec_curve_get(curve);
    return c ? 4 * MOTE_EC_N(c) : 0;
}

size_t mote_ec_point_len(int curve)
{
    const mote_ec_curve *c = mote_ec_curve_get(curve);
    return c ? 1 + 8 * MOTE_EC_N(c) : 0;
}

int mote_ec_check_public(int curve, const uint8_t *pub, size_t len)
{
    const mote_ec_curve *c = mote_ec_curve_get(curve);
    uint32_t xy[2 * L];
    if (!c) return MOTE_ERR_UNSUPPORTED;
    return mote_ec_decode_point(c, xy, pub, len);
}

int mote_ec_public_from_private(int curve, uint8_t *pub, const uint8_t *priv)
{
    const mote_ec_curve *c = mote_ec_curve_get(curve);
    uint32_t k[L], ok;
    if (!c) return MOTE_ERR_UNSUPPORTED;
    ok = mote_ec_scalar_decode(c, k, priv);
    scalar_or_one(k, ok, MOTE_EC_N(c));
    public_of(c, pub, k, NULL);
    mask_bytes(pub, 1 + 8 * MOTE_EC_N(c), ok);
    mote_wipe(k, sizeof k);
    return ct_err(~ok, MOTE_ERR_BAD_KEY);
}

int mote_ecdh_keygen(int curve, uint8_t *priv, uint8_t *pub, mote_drbg_ctx *rng)
{
    return mote_ecdh_keygen_p(curve, priv, pub, rng, NULL);
}

int mote_ecdh_keygen_p(int curve, uint8_t *priv, uint8_t *pub, mote_drbg_ctx *rng,
                       const mote_progress *pg)
{
    const mote_ec_curve *c = mote_ec_curve_get(curve);
    struct {
        uint32_t k[L];
        uint8_t buf[MOTE_EC_MAX_SCALAR + 8];
    } s; /* one wipe */
    uint32_t *k = s.k;
    size_t n;
    int ret;
    if (!c) return MOTE_ERR_UNSUPPORTED;
    n = MOTE_EC_N(c);
    ret = mote_drbg_generate(rng, s.buf, 4 * n + 8);
    if (ret != MOTE_OK) {
        mote_wipe(&s, sizeof s);
        mote_wipe(priv, 4 * n);
        mote_wipe(pub, 1 + 8 * n);
        return ret;
    }
    /* k = (4n + 8 random bytes) mod n; the 64 extra bits make the bias
     * negligible. k = 0 (probability ~2^-256) becomes 1. */
    mote_ec_sc_reduce(c, k, s.buf, 4 * n + 8);
    k[0] |= mote_bn_is_zero(k, n);
    mote_bn_to_be(priv, 4 * n, k, n);
    public_of(c, pub, k, pg);
    mote_wipe(&s, sizeof s);
    return MOTE_OK;
}

int mote_ecdh_shared(int curve, uint8_t *secret, const uint8_t *priv, const uint8_t *peer,
                     size_t peer_len)
{
    return mote_ecdh_shared_p(curve, secret, priv, peer, peer_len, NULL);
}

int mote_ecdh_shared_p(int curve, uint8_t *secret, const uint8_t *priv, const uint8_t *peer,
                       size_t peer_len, const mote_progress *pg)
{
    const mote_ec_curve *c = mote_ec_curve_get(curve);
    uint32_t P[4 * L], *k = P + 3 * L, ok, bad; /* the peer's point, then k P in place */
    size_t n;
    int ret;
    if (!c) return MOTE_ERR_UNSUPPORTED;
    n = MOTE_EC_N(c);
    mote_wipe(secret, 4 * n);
    ret = mote_ec_decode_point(c, P, peer, peer_len);
    if (ret != MOTE_OK) return ret;
    ok = mote_ec_scalar_decode(c, k, priv);
    scalar_or_one(k, ok, n);
    mote_ec_mul(c, P, P, k, pg);
    /* Only the point at infinity is refused (it cannot occur for a valid
     * point and key; this is a fault check). x = 0 is a genuine point of
     * the group when b is a square (P-256), and Wycheproof expects it. */
    bad = mote_ec_to_affine(c, k, NULL, P); /* x, into k's room */
    mote_bn_to_be(secret, 4 * n, k, n);
    mask_bytes(secret, 4 * n, ok & ~bad);
    mote_wipe(P, sizeof P);
    return ct_err(~ok, MOTE_ERR_BAD_KEY) | ct_err(ok & bad, MOTE_ERR_ZERO_SECRET);
}

#endif
