/* EC keys in DER: SubjectPublicKeyInfo (RFC 5480) and SEC 1 ECPrivateKey
 * (RFC 5915), for P-256 and P-384. */
#include "crypto/ec.h"

#include <string.h>

#include "crypto/bigint.h"
#include "crypto/der.h"
#include "crypto/util.h"

#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384

#define L MOTE_EC_LIMBS

/* OID contents: id-ecPublicKey 1.2.840.10045.2.1, prime256v1
 * 1.2.840.10045.3.1.7, secp384r1 1.3.132.0.34. */
static const uint8_t oid_ec_public_key[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
static const uint8_t oid_p256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
static const uint8_t oid_p384[] = {0x2b, 0x81, 0x04, 0x00, 0x22};

static int oid_eq(const uint8_t *v, size_t len, const uint8_t *oid, size_t oid_len)
{
    return len == oid_len && memcmp(v, oid, len) == 0;
}

/* The curve named by an OID, 0 when it is not one we know. */
static int curve_of_oid(const uint8_t *v, size_t len)
{
    if (oid_eq(v, len, oid_p256, sizeof oid_p256)) return MOTE_EC_P256;
    if (oid_eq(v, len, oid_p384, sizeof oid_p384)) return MOTE_EC_P384;
    return 0;
}

int mote_ec_public_from_spki(const uint8_t *der, size_t len, int *curve, const uint8_t **pub,
                             size_t *pub_len)
{
    mote_der d, spki, alg;
    const uint8_t *v;
    size_t vl;
    int id, ret;
    mote_der_init(&d, der, len);
    if (mote_der_enter(&d, MOTE_DER_SEQUENCE, &spki) || mote_der_done(&d) ||
        mote_der_enter(&spki, MOTE_DER_SEQUENCE, &alg) || mote_der_get(&alg, MOTE_DER_OID, &v, &vl))
        return MOTE_ERR_ENCODING;
    if (!oid_eq(v, vl, oid_ec_public_key, sizeof oid_ec_public_key)) return MOTE_ERR_UNSUPPORTED;
    /* namedCurve only (implicitCurve and specifiedCurve are not for TLS) */
    if (alg.p < alg.end && alg.p[0] != MOTE_DER_OID) return MOTE_ERR_UNSUPPORTED;
    if (mote_der_get(&alg, MOTE_DER_OID, &v, &vl) || mote_der_done(&alg)) return MOTE_ERR_ENCODING;
    id = curve_of_oid(v, vl);
    if (mote_der_get(&spki, MOTE_DER_BIT_STRING, &v, &vl) || mote_der_done(&spki) || vl < 1 ||
        v[0] != 0)
        return MOTE_ERR_ENCODING;
    if (id == 0 || mote_ec_curve_get(id) == NULL) return MOTE_ERR_UNSUPPORTED;
    ret = mote_ec_check_public(id, v + 1, vl - 1);
    if (ret != MOTE_OK) return ret;
    *curve = id;
    *pub = v + 1;
    *pub_len = vl - 1;
    return MOTE_OK;
}

int mote_ec_private_from_der(const uint8_t *der, size_t len, int *curve, uint8_t *priv)
{
    mote_der d, key, ctx;
    const uint8_t *v, *sk;
    size_t vl, skl, qlen, i;
    const mote_ec_curve *c;
    uint32_t k[L], ok;
    int id = *curve;
    mote_der_init(&d, der, len);
    if (mote_der_enter(&d, MOTE_DER_SEQUENCE, &key) || mote_der_done(&d) ||
        mote_der_get_uint(&key, &v, &vl) || vl != 1 || v[0] != 1 ||
        mote_der_get(&key, MOTE_DER_OCTET_STRING, &sk, &skl) || skl == 0)
        return MOTE_ERR_ENCODING;
    if (key.p < key.end && key.p[0] == 0xA0) { /* [0] ECParameters */
        int named;
        if (mote_der_enter(&key, 0xA0, &ctx)) return MOTE_ERR_ENCODING;
        if (ctx.p < ctx.end && ctx.p[0] != MOTE_DER_OID) return MOTE_ERR_UNSUPPORTED;
        if (mote_der_get(&ctx, MOTE_DER_OID, &v, &vl) || mote_der_done(&ctx))
            return MOTE_ERR_ENCODING;
        named = curve_of_oid(v, vl);
        if (named == 0) return MOTE_ERR_UNSUPPORTED;
        if (id != 0 && id != named) return MOTE_ERR_ENCODING;
        id = named;
    }
    if (key.p < key.end && key.p[0] == 0xA1) { /* [1] publicKey: structure only */
        if (mote_der_enter(&key, 0xA1, &ctx) || mote_der_get(&ctx, MOTE_DER_BIT_STRING, &v, &vl) ||
            mote_der_done(&ctx) || vl < 1 || v[0] != 0)
            return MOTE_ERR_ENCODING;
    }
    if (mote_der_done(&key)) return MOTE_ERR_ENCODING;
    if (id == 0) return MOTE_ERR_ENCODING;
    c = mote_ec_curve_get(id);
    if (c == NULL) return MOTE_ERR_UNSUPPORTED;
    qlen = 4 * (size_t)c->limbs;
    if (skl > qlen) return MOTE_ERR_ENCODING;
    for (i = 0; i < qlen - skl; i++)
        priv[i] = 0;
    memcpy(priv + qlen - skl, sk, skl);
    ok = mote_ec_scalar_decode(c, k, priv);
    mote_wipe(k, sizeof k);
    *curve = id;
    return -(int)(~ok & (uint32_t)-MOTE_ERR_BAD_KEY);
}

#endif
