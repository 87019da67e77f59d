/* ECDSA on P-256 / P-384 (FIPS 186-5 6.4): verification (raw r || s and
 * DER), and signing with RFC 6979 deterministic nonces. */
#include "crypto/ec.h"

#include <string.h>

#include "crypto/bigint.h"
#include "crypto/der.h"
#include "crypto/util.h"
#include "mote/mac.h"

#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384

#define L MOTE_EC_LIMBS

/* e = bits2int(hash) mod n: the leftmost 32 n bits of the digest. */
static void digest_scalar(const mote_ec_curve *c, uint32_t *e, const uint8_t *hash, size_t len)
{
    size_t qlen = 4 * MOTE_EC_N(c);
    mote_ec_sc_reduce(c, e, hash, len < qlen ? len : qlen);
}

int mote_ecdsa_verify_raw(int curve, const uint8_t *pub, size_t pub_len, const uint8_t *hash,
                          size_t hash_len, const uint8_t *sig, size_t sig_len)
{
    return mote_ecdsa_verify_raw_p(curve, pub, pub_len, hash, hash_len, sig, sig_len, NULL);
}

/* The verification proper, from r and s as big-endian bytes (rb[0..rl),
 * sb[0..sl), each at most 4 n bytes; rb NULL: a malformed signature, reported
 * after the key is checked): the callers point into the signature, so no copy
 * of it is on the stack while the double scalar multiplication runs. */
static int verify_rs(const mote_ec_curve *c, const uint8_t *pub, size_t pub_len,
                     const uint8_t *hash, size_t hash_len, const uint8_t *rb, size_t rl,
                     const uint8_t *sb, size_t sl, const mote_progress *pg)
{
    uint32_t R[3 * L], r[L], a[L], b[L]; /* R: the public point, then the sum */
    size_t n = MOTE_EC_N(c);
    int ret = mote_ec_decode_point(c, R, pub, pub_len);
    if (ret != MOTE_OK) return ret;
    if (rb == NULL) return MOTE_ERR_BAD_SIGNATURE;
    mote_bn_from_be(r, n, rb, rl);
    mote_bn_from_be(a, n, sb, sl); /* s */
    if (mote_bn_is_zero(r, n) || mote_bn_is_zero(a, n) || !mote_bn_lt(r, c->n, n) ||
        !mote_bn_lt(a, c->n, n))
        return MOTE_ERR_BAD_SIGNATURE;
    mote_ec_sc_inv(c, b, a);             /* s^-1 R */
    digest_scalar(c, a, hash, hash_len); /* e */
    mote_ec_sc_mul(c, R + 2 * n, a, b);  /* u1 = e / s (Z of the point: still free) */
    mote_ec_sc_mul(c, a, r, b);          /* u2 = r / s */
    memcpy(b, R + 2 * n, 4 * n);
    if (mote_ec_muladd_vartime(c, R, b, a, R, pg) != 0) return MOTE_ERR_BAD_SIGNATURE;
    /* x(R) mod n == r without an inversion: X == r Z^2 (mod p), or, when
     * r + n < p, X == (r + n) Z^2. Values in the Montgomery domain. Z^2
     * goes to Y's place (Y is not needed). */
    mote_ec_fe_mul(c, R + n, R + 2 * n, R + 2 * n);
    for (;;) {
        mote_ec_fe_mul(c, a, r, c->rr); /* r R */
        mote_ec_fe_mul(c, b, a, R + n);
        if (mote_ct_memeq(b, R, 4 * n)) return MOTE_OK;
        if (mote_bn_add(r, r, c->n, n) || !mote_bn_lt(r, c->p, n)) break;
    }
    return MOTE_ERR_BAD_SIGNATURE;
}

int mote_ecdsa_verify_raw_p(int curve, const uint8_t *pub, size_t pub_len, const uint8_t *hash,
                            size_t hash_len, const uint8_t *sig, size_t sig_len,
                            const mote_progress *pg)
{
    const mote_ec_curve *c = mote_ec_curve_get(curve);
    size_t q;
    if (!c) return MOTE_ERR_UNSUPPORTED;
    q = 4 * MOTE_EC_N(c);
    return verify_rs(c, pub, pub_len, hash, hash_len, sig_len == 2 * q ? sig : NULL, q, sig + q, q,
                     pg);
}

/* The two INTEGERs of a DER Ecdsa-Sig-Value, each at most scalar_len
 * bytes: v[i], vl[i]. Not inlined: its parser state would otherwise stay in
 * the verifier's frame for the whole verification. */
static MOTE_NOINLINE int der_sig(const uint8_t *der, size_t der_len, size_t scalar_len,
                                 const uint8_t *v[2], size_t vl[2])
{
    /* SEQUENCE { INTEGER r, INTEGER s }, filling the input: the reader
     * first spans the input, then the SEQUENCE's contents */
    mote_der d = {der, der + der_len};
    const uint8_t *c;
    size_t cl;
    int i;
    if (mote_der_get(&d, MOTE_DER_SEQUENCE, &c, &cl) || d.p != d.end) return MOTE_ERR_BAD_SIGNATURE;
    d.p = c;
    for (i = 0; i < 2; i++)
        if (mote_der_get_uint(&d, &v[i], &vl[i]) || vl[i] > scalar_len)
            return MOTE_ERR_BAD_SIGNATURE;
    return d.p == d.end ? MOTE_OK : MOTE_ERR_BAD_SIGNATURE;
}

int mote_ecdsa_der_to_raw(uint8_t *raw, size_t scalar_len, const uint8_t *der, size_t der_len)
{
    const uint8_t *v[2];
    size_t vl[2], i;
    if (der_sig(der, der_len, scalar_len, v, vl) != MOTE_OK) return MOTE_ERR_BAD_SIGNATURE;
    for (i = 0; i < 2; i++) {
        uint8_t *o = raw + i * scalar_len;
        memset(o, 0, scalar_len - vl[i]);
        memcpy(o + scalar_len - vl[i], v[i], vl[i]);
    }
    return MOTE_OK;
}

int mote_ecdsa_verify_der(int curve, const uint8_t *pub, size_t pub_len, const uint8_t *hash,
                          size_t hash_len, const uint8_t *sig, size_t sig_len)
{
    return mote_ecdsa_verify_der_p(curve, pub, pub_len, hash, hash_len, sig, sig_len, NULL);
}

int mote_ecdsa_verify_der_p(int curve, const uint8_t *pub, size_t pub_len, const uint8_t *hash,
                            size_t hash_len, const uint8_t *sig, size_t sig_len,
                            const mote_progress *pg)
{
    const mote_ec_curve *c = mote_ec_curve_get(curve);
    const uint8_t *v[2];
    size_t vl[2];
    if (!c) return MOTE_ERR_UNSUPPORTED;
    if (der_sig(sig, sig_len, 4 * MOTE_EC_N(c), v, vl) != MOTE_OK) return MOTE_ERR_BAD_SIGNATURE;
    return verify_rs(c, pub, pub_len, hash, hash_len, v[0], vl[0], v[1], vl[1], pg);
}

/* One DER INTEGER for the big-endian magnitude v[0..len) at out (NULL:
 * only count); returns its length. */
static size_t der_int(uint8_t *out, const uint8_t *v, size_t len)
{
    size_t pad;
    while (len > 1 && v[0] == 0) {
        v++;
        len--;
    }
    pad = v[0] >> 7;
    if (out) {
        out[0] = MOTE_DER_INTEGER;
        out[1] = (uint8_t)(len + pad);
        out[2] = 0;
        memmove(out + 2 + pad, v, len); /* v may lie further on in out's buffer */
    }
    return 2 + pad + len;
}

int mote_ecdsa_raw_to_der(uint8_t *out, size_t max, size_t *out_len, const uint8_t *raw,
                          size_t raw_len)
{
    size_t q = raw_len / 2, lr, ls, body, hdr;
    if (raw_len == 0 || raw_len % 2 || q > 125) return MOTE_ERR_BAD_INPUT;
    lr = der_int(NULL, raw, q);
    ls = der_int(NULL, raw + q, q);
    body = lr + ls;
    hdr = body < 128 ? 2 : 3;
    if (hdr + body > max) return MOTE_ERR_BAD_INPUT;
    out[0] = MOTE_DER_SEQUENCE;
    if (hdr == 3) out[1] = 0x81;
    out[hdr - 1] = (uint8_t)body;
    der_int(out + hdr, raw, q);
    der_int(out + hdr + lr, raw + q, q);
    *out_len = hdr + body;
    return MOTE_OK;
}

#if MOTE_ENABLE_ECDSA_SIGN

/* RFC 6979 3.2 state. One HMAC context serves every step. */
typedef struct {
    const mote_hash_desc *h;
    mote_hmac_ctx mac;
    uint8_t k[MOTE_HASH_MAX_LEN];
    uint8_t v[MOTE_HASH_MAX_LEN];
    union { /* the key material is done with before the candidates start */
        struct {
            uint8_t x[MOTE_EC_MAX_SCALAR]; /* int2octets(d) */
            uint8_t e[MOTE_EC_MAX_SCALAR]; /* bits2octets(hash) */
        } in;
        struct {
            uint8_t t[MOTE_EC_MAX_SCALAR]; /* T */
            uint32_t k2[L];
        } out;
    } u;
} rfc6979;

/* V = HMAC_K(V). */
static void next_v(rfc6979 *g)
{
    size_t hl = g->h->out_len;
    mote_hmac_init(&g->mac, g->h, g->k, hl);
    mote_hmac_update(&g->mac, g->v, hl);
    mote_hmac_final(&g->mac, g->v);
}

/* K = HMAC_K(V || sep [|| x || e]), then V = HMAC_K(V). */
static void update(rfc6979 *g, uint8_t sep, int with_key, size_t qlen)
{
    size_t hl = g->h->out_len;
    mote_hmac_init(&g->mac, g->h, g->k, hl);
    mote_hmac_update(&g->mac, g->v, hl);
    mote_hmac_update(&g->mac, &sep, 1);
    if (with_key) {
        mote_hmac_update(&g->mac, g->u.in.x, qlen);
        mote_hmac_update(&g->mac, g->u.in.e, qlen);
    }
    mote_hmac_final(&g->mac, g->k);
    next_v(g);
}

/* The next candidate: T = V1 || V2 ... (qlen bytes), k = bits2int(T).
 * Returns the all-ones mask if 1 <= k < n. */
static uint32_t candidate(const mote_ec_curve *c, rfc6979 *g, uint32_t *k)
{
    size_t hl = g->h->out_len, qlen = 4 * MOTE_EC_N(c), got = 0;
    while (got < qlen) {
        size_t take = qlen - got < hl ? qlen - got : hl;
        next_v(g);
        memcpy(g->u.out.t + got, g->v, take);
        got += take;
    }
    return mote_ec_scalar_decode(c, k, g->u.out.t);
}

/* k = the RFC 6979 3.2 nonce for the private scalar d and e = bits2int(hash)
 * mod n: steps b-f, then h, twice; the first candidate in [1, n-1] is kept
 * with masks. Returns the all-ones mask if one was, else 0 (k is then 1).
 * Its own frame (the HMAC state) is gone before the point multiplication. */
static MOTE_EC_NOINLINE uint32_t nonce(const mote_ec_curve *c, const mote_hash_desc *h, uint32_t *k,
                                       const uint32_t *d, const uint32_t *e)
{
    rfc6979 g;
    size_t n = MOTE_EC_N(c), qlen = 4 * n, i;
    uint32_t found, ok2;
    g.h = h;
    memset(g.v, 0x01, h->out_len);
    memset(g.k, 0x00, h->out_len);
    mote_bn_to_be(g.u.in.x, qlen, d, n);
    mote_bn_to_be(g.u.in.e, qlen, e, n);
    update(&g, 0x00, 1, qlen);
    update(&g, 0x01, 1, qlen);
    found = candidate(c, &g, k);
    update(&g, 0x00, 0, qlen);
    ok2 = candidate(c, &g, g.u.out.k2);
    for (i = 0; i < n; i++)
        k[i] ^= ~found & (k[i] ^ g.u.out.k2[i]);
    found |= ok2;
    for (i = 0; i < n; i++)
        k[i] &= found;
    k[0] |= 1u & ~found;
    mote_wipe(&g, sizeof g);
    return found;
}

/* sig = r || s for the scalars d, e and the nonce k (all in [0, n), k
 * and d nonzero). Returns the all-ones mask if r or s came out zero. A
 * frame of its own, so the nonce's HMAC state and the point
 * multiplication never share the stack. */
static MOTE_EC_NOINLINE uint32_t sign_with(const mote_ec_curve *c, uint8_t *sig, const uint32_t *d,
                                           const uint32_t *e, const uint32_t *k)
{
    struct {
        uint32_t R[3 * L], r[L], s[L], u[L];
    } w;
    size_t n = MOTE_EC_N(c), qlen = 4 * n, i;
    uint32_t zero;
    /* r = x(kG) mod n */
    mote_ec_mulgen(c, w.R, k, NULL); /* short: no progress calls in signing */
    (void)mote_ec_to_affine(c, w.r, NULL, w.R);
    {
        uint32_t borrow = mote_bn_sub(w.u, w.r, c->n, n); /* x < p < 2n */
        for (i = 0; i < n; i++)
            w.r[i] ^= (0u - (borrow ^ 1u)) & (w.r[i] ^ w.u[i]);
    }
    /* s = (e + r d) / k mod n */
    mote_ec_sc_mul(c, w.u, d, c->n_rr); /* d R */
    mote_ec_sc_mul(c, w.s, w.r, w.u);   /* r d */
    mote_ec_sc_add(c, w.s, w.s, e);     /* e + r d */
    mote_ec_sc_inv(c, w.u, k);          /* k^-1 R */
    mote_ec_sc_mul(c, w.R, w.s, w.u);   /* s, in R's room */
    zero = (0u - mote_bn_is_zero(w.r, n)) | (0u - mote_bn_is_zero(w.R, n));
    mote_bn_to_be(sig, qlen, w.r, n);
    mote_bn_to_be(sig + qlen, qlen, w.R, n);
    mote_wipe(&w, sizeof w);
    return zero;
}

int mote_ecdsa_sign_raw(int curve, uint8_t *sig, const uint8_t *priv, const mote_hash_desc *h,
                        const uint8_t *hash)
{
    const mote_ec_curve *c = mote_ec_curve_get(curve);
    uint32_t d[L], e[L], k[L], ok, fail;
    size_t n, i;
    if (!c || !h) return MOTE_ERR_BAD_INPUT;
    n = MOTE_EC_N(c);
    ok = mote_ec_scalar_decode(c, d, priv);
    for (i = 0; i < n; i++)
        d[i] &= ok;
    d[0] |= 1u & ~ok;
    digest_scalar(c, e, hash, h->out_len);
    fail = ~nonce(c, h, k, d, e);
    fail |= sign_with(c, sig, d, e, k);
    for (i = 0; i < 8 * n; i++)
        sig[i] &= (uint8_t)(ok & ~fail);
    mote_wipe(d, sizeof d);
    mote_wipe(k, sizeof k);
    return -(int)((~ok & (uint32_t)-MOTE_ERR_BAD_KEY) | (ok & fail & (uint32_t)-MOTE_ERR_FAULT));
}

int mote_ecdsa_sign_der(int curve, uint8_t *out, size_t max, size_t *out_len, const uint8_t *priv,
                        const mote_hash_desc *h, const uint8_t *hash)
{
    uint8_t raw[MOTE_ECDSA_MAX_RAW];
    int ret = mote_ecdsa_sign_raw(curve, raw, priv, h, hash);
    if (ret == MOTE_OK)
        ret = mote_ecdsa_raw_to_der(out, max, out_len, raw, 2 * mote_ec_scalar_len(curve));
    mote_wipe(raw, sizeof raw);
    return ret;
}

#endif
#endif
