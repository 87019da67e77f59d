/* Private keys from their usual encodings (for client certificates and the
 * server): PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208, 5958) with
 * RSA, EC P-256/P-384 or Ed25519 (RFC 8410) inside, SEC1 ECPrivateKey
 * (RFC 5915) and PKCS#1 RSAPrivateKey (RFC 8017), in DER or PEM. The parts
 * go to the primitives' own key forms (mote_rsa_private_key, an EC scalar,
 * an Ed25519 seed). Every copy of secret bytes made here is wiped. */
#include "mote/x509.h"

#include <string.h>

#include "crypto/der.h"
#include "crypto/ec.h"
#include "crypto/util.h"
#include "x509/x509_int.h"

#if MOTE_ENABLE_X509 &&                                                                            \
    (MOTE_ENABLE_RSA || MOTE_ENABLE_P256 || MOTE_ENABLE_P384 || MOTE_ENABLE_ED25519)

/* OID lists: each OID after its length byte; a zero length ends the list. */
static const uint8_t algs[] = {9, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, /* rsa */
                               7, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, /* id-ecPublicKey */
                               3, 0x2B, 0x65, 0x70,                         /* id-Ed25519 */
                               0};
static const uint8_t curves[] = {8, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07, /* P-256 */
                                 5, 0x2B, 0x81, 0x04, 0x00, 0x22,                   /* P-384 */
                                 0};

/* Which OID of list p[0..n) is: 1 for the first, ..., 0 if none. */
static unsigned oid_find(const uint8_t *p, size_t n, const uint8_t *list)
{
    unsigned i;
    for (i = 1; *list; list += 1 + *list, i++)
        if (*list == n && memcmp(list + 1, p, n) == 0) return i;
    return 0;
}

/* The curve of a namedCurve OID: MOTE_X509_KEY_P256/P384, or 0. */
static uint8_t curve_of(const uint8_t *p, size_t n)
{
    unsigned i = oid_find(p, n, curves);
    if (MOTE_ENABLE_P256 && i == 1) return MOTE_X509_KEY_P256;
    if (MOTE_ENABLE_P384 && i == 2) return MOTE_X509_KEY_P384;
    return 0;
}

/* Pass over an optional element with this tag: 0, or -1 if it is there
 * but malformed. */
static int skip_opt(mote_der *d, uint8_t tag)
{
    const uint8_t *v;
    size_t n;
    return d->p < d->end && d->p[0] == tag ? mote_der_get(d, tag, &v, &n) : 0;
}

/* SEC1 ECPrivateKey (RFC 5915) in der[0..len); curve: from the PKCS#8
 * AlgorithmIdentifier, or 0 when the key must name it itself. */
static int parse_sec1(mote_x509_privkey *key, const uint8_t *der, size_t len, uint8_t curve)
{
    mote_der d, seq;
    const uint8_t *v, *priv;
    size_t n, priv_len, slen;
    mote_der_init(&d, der, len);
    if (mote_der_enter(&d, MOTE_DER_SEQUENCE, &seq) || mote_der_done(&d)) return MOTE_ERR_ENCODING;
    if (mote_der_get(&seq, MOTE_DER_INTEGER, &v, &n) || n != 1 || v[0] != 1)
        return MOTE_ERR_ENCODING;
    if (mote_der_get(&seq, MOTE_DER_OCTET_STRING, &priv, &priv_len)) return MOTE_ERR_ENCODING;
    if (seq.p < seq.end && seq.p[0] == 0xA0) { /* [0] ECParameters: a namedCurve */
        mote_der params;
        uint8_t named;
        if (mote_der_enter(&seq, 0xA0, &params) || mote_der_get(&params, MOTE_DER_OID, &v, &n) ||
            mote_der_done(&params))
            return MOTE_ERR_UNSUPPORTED; /* explicit curve parameters */
        named = curve_of(v, n);
        if (!named) return MOTE_ERR_UNSUPPORTED;
        if (curve && curve != named) return MOTE_ERR_ENCODING;
        curve = named;
    }
    if (skip_opt(&seq, 0xA1) || mote_der_done(&seq)) /* [1] publicKey: not needed */
        return MOTE_ERR_ENCODING;
    if (!curve) return MOTE_ERR_UNSUPPORTED;
    slen = curve == MOTE_X509_KEY_P256 ? 32 : 48;
    /* RFC 5915: the fixed scalar length; shorter (leading zeros dropped) is accepted */
    if (priv_len == 0 || priv_len > slen) return MOTE_ERR_BAD_KEY;
    memset(key->u.ec, 0, sizeof key->u.ec);
    memcpy(key->u.ec + slen - priv_len, priv, priv_len);
#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384
    { /* 1 <= d < n, by the signer's own check (no copy of the orders here) */
        uint32_t k[MOTE_EC_LIMBS], ok;
        ok = mote_ec_scalar_decode(
            mote_ec_curve_get(curve == MOTE_X509_KEY_P256 ? MOTE_EC_P256 : MOTE_EC_P384), k,
            key->u.ec);
        mote_wipe(k, sizeof k);
        if (!ok) {
            mote_wipe(key->u.ec, sizeof key->u.ec);
            return MOTE_ERR_BAD_KEY;
        }
    }
#endif
    key->type = curve;
    key->len = (uint16_t)slen;
    return MOTE_OK;
}

static int parse_rsa(mote_x509_privkey *key, const uint8_t *der, size_t len)
{
#if MOTE_ENABLE_RSA && MOTE_ENABLE_RSA_SIGN
    int r = mote_rsa_private_from_der(&key->u.rsa, der, len);
    if (r) return r;
    key->type = MOTE_X509_KEY_RSA;
    key->len = key->u.rsa.len;
    return MOTE_OK;
#else
    (void)key, (void)der, (void)len;
    return MOTE_ERR_UNSUPPORTED;
#endif
}

/* PKCS#8: SEQUENCE { version 0|1, AlgorithmIdentifier, OCTET STRING key,
 * [0] attributes OPTIONAL, [1] publicKey OPTIONAL } */
static int parse_pkcs8(mote_x509_privkey *key, mote_der *seq)
{
    mote_der alg;
    const uint8_t *oid, *v, *inner;
    size_t oid_len, n, inner_len;
    unsigned alg_i;
    if (mote_der_enter(seq, MOTE_DER_SEQUENCE, &alg) ||
        mote_der_get(&alg, MOTE_DER_OID, &oid, &oid_len) ||
        mote_der_get(seq, MOTE_DER_OCTET_STRING, &inner, &inner_len))
        return MOTE_ERR_ENCODING;
    /* attributes and the public key (OneAsymmetricKey) are not needed */
    if (skip_opt(seq, 0xA0) || skip_opt(seq, 0x81) || mote_der_done(seq)) return MOTE_ERR_ENCODING;
    alg_i = oid_find(oid, oid_len, algs);
    if (alg_i == 1) { /* rsaEncryption */
        if (mote_der_get(&alg, MOTE_DER_NULL, &v, &n) || mote_der_done(&alg))
            return MOTE_ERR_ENCODING;
        return parse_rsa(key, inner, inner_len);
    }
    if (alg_i == 2) { /* id-ecPublicKey */
        uint8_t curve;
        if (mote_der_get(&alg, MOTE_DER_OID, &v, &n) || mote_der_done(&alg))
            return MOTE_ERR_UNSUPPORTED; /* explicit curve parameters */
        if (!(curve = curve_of(v, n))) return MOTE_ERR_UNSUPPORTED;
        return parse_sec1(key, inner, inner_len, curve);
    }
    if (MOTE_ENABLE_ED25519 && alg_i == 3) {
        mote_der cur; /* CurvePrivateKey ::= OCTET STRING, parameters absent */
        if (mote_der_done(&alg)) return MOTE_ERR_ENCODING;
        mote_der_init(&cur, inner, inner_len);
        if (mote_der_get(&cur, MOTE_DER_OCTET_STRING, &v, &n) || mote_der_done(&cur) || n != 32)
            return MOTE_ERR_ENCODING;
        memcpy(key->u.ed25519, v, 32);
        key->type = MOTE_X509_KEY_ED25519;
        key->len = 32;
        return MOTE_OK;
    }
    return MOTE_ERR_UNSUPPORTED;
}

int mote_x509_privkey_from_der(mote_x509_privkey *key, const uint8_t *der, size_t len)
{
    mote_der d, seq;
    const uint8_t *v;
    size_t n;
    int r;
    memset(key, 0, sizeof *key);
    mote_der_init(&d, der, len);
    if (mote_der_enter(&d, MOTE_DER_SEQUENCE, &seq) || mote_der_done(&d) ||
        mote_der_get(&seq, MOTE_DER_INTEGER, &v, &n) || n != 1 || seq.p >= seq.end)
        return MOTE_ERR_ENCODING;
    /* which encoding: the element after the version tells */
    if (seq.p[0] == MOTE_DER_SEQUENCE && v[0] <= 1)
        r = parse_pkcs8(key, &seq);
    else if (seq.p[0] == MOTE_DER_INTEGER && v[0] == 0)
        r = parse_rsa(key, der, len); /* PKCS#1 RSAPrivateKey */
    else if (seq.p[0] == MOTE_DER_OCTET_STRING && v[0] == 1)
        r = parse_sec1(key, der, len, 0);
    else
        r = MOTE_ERR_ENCODING;
    if (r) mote_x509_privkey_wipe(key);
    return r;
}

int mote_x509_privkey_from_pem(mote_x509_privkey *key, const char *text, size_t len, uint8_t *work,
                               size_t work_len)
{
    static const char *const labels[] = {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
                                         "ENCRYPTED PRIVATE KEY"};
    unsigned which = 0;
    long n = mote_pem_find(text, len, labels, 4, 0, work, work_len, &which);
    int r;
    memset(key, 0, sizeof *key);
    if (which == 3)
        r = MOTE_ERR_UNSUPPORTED; /* a password-protected key */
    else
        r = n < 0 ? (int)n : mote_x509_privkey_from_der(key, work, (size_t)n);
    mote_wipe(work, work_len);
    return r;
}

void mote_x509_privkey_wipe(mote_x509_privkey *key)
{
    mote_wipe(key, sizeof *key);
}

#endif
