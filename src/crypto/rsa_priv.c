/* RSA private keys and signing (RFC 8017 RSASP1 with the CRT), PKCS#1 v1.5
 * and PSS encodings.
 *
 * Side channels: every step runs in time that depends only on the key size
 * (Montgomery arithmetic in bigint.c, fixed-window exponentiation whose table
 * entries are selected with masks, CRT recombination without branches).
 * Blinding is exponent blinding: each half exponentiation uses d_p + k (p - 1)
 * with a fresh random 64-bit k, which leaves the result unchanged and gives
 * every signature a different sequence of exponent bits. We prefer it to
 * base blinding because (1) in signing the base (the encoded digest) is known
 * to whoever can see the message, so randomizing it hides nothing the
 * attacker does not already know, while the exponent is the secret that
 * power and EM analysis average over many signatures; (2) base blinding needs
 * r^-1 mod n, i.e. a constant-time modular inversion (more code) or two more
 * exponentiations; exponent blinding costs 64 extra exponent bits (about 6%
 * for RSA-2048).
 *
 * Faults: the signature is checked with the public exponent (s^e = m mod n)
 * before it is released; on a mismatch the output is zeroed and
 * MOTE_ERR_FAULT returned (a fault in one CRT half would otherwise reveal a
 * factor of n). */
#include "mote/rsa.h"

#include "mote/config.h"

#if MOTE_ENABLE_RSA_SIGN

#if !MOTE_ENABLE_RSA
#error "MOTE_ENABLE_RSA_SIGN needs MOTE_ENABLE_RSA"
#endif

#include <stddef.h>
#include <string.h>

#include "crypto/bigint.h"
#include "crypto/der.h"
#include "crypto/mul.h"
#include "crypto/rsa_int.h"
#include "crypto/util.h"

#define L MOTE_RSA_MAX_LIMBS
#define H MOTE_RSA_MAX_PLIMBS

void mote_rsa_private_wipe(mote_rsa_private_key *key)
{
    mote_wipe(key, sizeof *key);
}

void mote_rsa_private_public(const mote_rsa_private_key *key, mote_rsa_public_key *pub)
{
    memset(pub, 0, sizeof *pub);
    memcpy(pub->n, key->n, sizeof pub->n);
    pub->e = key->e;
    pub->bits = key->bits;
    pub->len = key->len;
}

/* r[0..rn) += a[0..an) * b, carrying through all rn limbs (an <= rn);
 * returns the carry out of r[rn - 1]. */
static uint32_t addmul(uint32_t *r, size_t rn, const uint32_t *a, size_t an, uint32_t b)
{
    uint32_t c = 0;
    size_t i;
    for (i = 0; i < rn; i++) {
        /* one mote_mac32: no 64-bit sum (a branch on lx106, see mul.h) */
        r[i] = mote_mac32(i < an ? a[i] : 0, b, r[i], &c);
    }
    return c;
}

/* r[0..2 np) = r[0..np) + a b (a, b: np limbs; r[np..2 np) zero on entry):
 * row i leaves its carry in r[i + np], which no row has written yet. The
 * two products here (n = p q at parsing, q h + mq in Garner) need no
 * mote_bn_mul and mote_bn_add of their own. */
static void mul_acc(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t np)
{
    size_t i;
    for (i = 0; i < np; i++)
        r[i + np] = addmul(r + i, np, a, np, b[i]);
}

/* Read a non-negative INTEGER into np limbs: 0, MOTE_ERR_ENCODING, or
 * toobig if it does not fit. */
static int get_num(mote_der *d, uint32_t *r, size_t np, int toobig)
{
    const uint8_t *v;
    size_t len;
    if (mote_der_get_uint(d, &v, &len)) return MOTE_ERR_ENCODING;
    return mote_bn_from_be(r, np, v, len) ? MOTE_OK : toobig;
}

static int parse_private(mote_rsa_private_key *key, mote_der *d)
{
    static const uint16_t part[5] = {
        offsetof(mote_rsa_private_key, p), offsetof(mote_rsa_private_key, q),
        offsetof(mote_rsa_private_key, dp), offsetof(mote_rsa_private_key, dq),
        offsetof(mote_rsa_private_key, qinv)};
    mote_der seq;
    mote_rsa_public_key pub;
    const uint8_t *v[4]; /* version, n, e, d (d: not used, CRT only) */
    size_t l[4], nn, np, i;
    uint32_t pq[2 * H];
    int r;
    uint32_t bad;
    if (mote_der_enter(d, MOTE_DER_SEQUENCE, &seq) || mote_der_done(d)) return MOTE_ERR_ENCODING;
    for (i = 0; i < 4; i++) {
        if (mote_der_get_uint(&seq, &v[i], &l[i])) return MOTE_ERR_ENCODING;
        if (l[0] != 1 || v[0][0] != 0) return MOTE_ERR_UNSUPPORTED; /* version 1: multi-prime */
    }
    r = mote_rsa_public_set(&pub, v[1], l[1], v[2], l[2]);
    if (r) return r;
    nn = (pub.bits + 31u) / 32;
    np = (nn + 1) / 2;
    memcpy(key->n, pub.n, sizeof key->n);
    key->e = pub.e;
    key->bits = pub.bits;
    key->len = pub.len;
    /* p, q, dp, dq, qinv in turn (one call site, not five). Primes longer
     * than half the modulus: unsupported; exponents or qinv that long
     * cannot be below p or q: a bad key. dp < p, dq < q, qinv < p. */
    bad = 0;
    for (i = 0; i < 5; i++) {
        uint32_t *x = (uint32_t *)(void *)((uint8_t *)key + part[i]);
        r = get_num(&seq, x, np, i < 2 ? MOTE_ERR_UNSUPPORTED : MOTE_ERR_BAD_KEY);
        if (r) return r;
        if (i >= 2) bad |= !mote_bn_lt(x, i == 3 ? key->q : key->p, np);
    }
    if (mote_der_done(&seq)) return MOTE_ERR_ENCODING;
    /* Both primes fill np limbs (the exponentiation needs a non-zero top
     * limb); anything else is a key we do not support. */
    if (key->p[np - 1] == 0 || key->q[np - 1] == 0) return MOTE_ERR_UNSUPPORTED;
    /* p, q odd; n = p q. Not constant time (nor the checks above): a key
     * is parsed once, and these checks fail only on a broken key. */
    memset(pq, 0, sizeof pq);
    mul_acc(pq, key->p, key->q, np);
    bad |= !(key->p[0] & 1) || !(key->q[0] & 1) || memcmp(pq, key->n, nn * 4) != 0;
    for (i = nn; i < 2 * np; i++)
        bad |= pq[i] != 0;
    mote_wipe(pq, sizeof pq);
    return bad ? MOTE_ERR_BAD_KEY : MOTE_OK;
}

int mote_rsa_private_from_der(mote_rsa_private_key *key, const uint8_t *der, size_t len)
{
    mote_der d;
    int r;
    memset(key, 0, sizeof *key);
    mote_der_init(&d, der, len);
    r = parse_private(key, &d);
    if (r) mote_rsa_private_wipe(key);
    return r;
}

int mote_rsa_private_from_pkcs8(mote_rsa_private_key *key, const uint8_t *der, size_t len)
{
    mote_der d, seq;
    const uint8_t *v;
    size_t vl;
    int r;
    memset(key, 0, sizeof *key);
    mote_der_init(&d, der, len);
    if (mote_der_enter(&d, MOTE_DER_SEQUENCE, &seq) || mote_der_done(&d) ||
        mote_der_get_uint(&seq, &v, &vl) || vl != 1 || v[0] != 0)
        return MOTE_ERR_ENCODING;
    r = mote_rsa_der_alg(&seq);
    if (r) return r;
    if (mote_der_get(&seq, MOTE_DER_OCTET_STRING, &v, &vl) || mote_der_done(&seq))
        return MOTE_ERR_ENCODING;
    return mote_rsa_private_from_der(key, v, vl);
}

/* Workspace for a modulus of nn limbs and primes of np limbs with w-bit
 * windows: m, mp, mq, then the larger of one CRT half's scratch and the
 * final check's 4 nn. Matches MOTE_RSA_SIGN_WORK_WORDS (w = 4) and
 * MOTE_RSA_SIGN_WORK_MIN_WORDS (w = 2 fits there). */
static size_t work_need(size_t nn, size_t np, unsigned w)
{
    size_t half = ((1u << w) + 3) * np + 2;
    return nn + 2 * np + (half > 8 * np ? half : 8 * np);
}

/* One CRT half: out = (m mod P)^(dP + k (P - 1)) mod P, in the Montgomery
 * domain. s: (2^w + 3) np + 2 limbs of scratch. */
static void crt_half(uint32_t *out, const uint32_t *m, size_t nn, const uint32_t *P,
                     const uint32_t *dP, const uint32_t *k, uint32_t *s, size_t np, unsigned w,
                     const mote_progress *pg)
{
    /* the base x goes straight into the table's slot for x^1 (modexp allows
     * that); R^2 and mod_wide's scratch use later slots until then */
    uint32_t *ex = s, *tab = ex + np + 2, *x = tab + np;
    uint32_t m0i = mote_bn_m0inv(P[0]);
    uint32_t bw = 0;
    size_t i;
    mote_bn_r2_t(tab + 2 * np, P, np, tab + 3 * np);
    mote_bn_mod_wide(x, m, nn, P, m0i, tab + 2 * np, tab + 3 * np, np); /* x = m R mod P */
    /* ex = dP + k P - k, np + 2 limbs */
    memcpy(ex, dP, np * 4);
    ex[np] = ex[np + 1] = 0;
    addmul(ex, np + 2, P, np, k[0]);
    addmul(ex + 1, np + 1, P, np, k[1]);
    for (i = 0; i < np + 2; i++)
        ex[i] = mote_sbb32(ex[i], i < 2 ? k[i] : 0, &bw);
    mote_bn_modexp(out, x, ex, 32 * (np + 2), P, m0i, np, tab, w, pg);
    mote_wipe(ex, (np + 2) * 4);
    mote_wipe(x, np * 4);
}

/* sig[0..k) holds the encoded message EM (< n); replace it by EM^d mod n.
 * Returns 0 or the DRBG's error (drawn before any secret is touched). *ok
 * is 1 if the result checked, 0 if not (EM >= n or a fault): sig is then
 * zeroed. No branch on *ok here. */
static int rsasp1_ok(const mote_rsa_private_key *key, uint8_t *sig, mote_drbg_ctx *rng,
                     uint32_t *work, unsigned w, const mote_progress *pg, uint32_t *okp)
{
    size_t nn = (key->bits + 31u) / 32, np = (nn + 1) / 2, k = key->len, i;
    size_t used = work_need(nn, np, w);
    uint32_t *m = work, *mp = m + nn, *mq = mp + np, *s = mq + np;
    uint32_t kr[4], ok, mask, m0i;
    int r = mote_drbg_generate(rng, (uint8_t *)kr, sizeof kr);
    if (r) return r;
    mote_bn_from_be(m, nn, sig, k);
    crt_half(mq, m, nn, key->q, key->dq, kr + 2, s, np, w, pg);
    crt_half(mp, m, nn, key->p, key->dp, kr, s, np, w, pg);
    mote_wipe(kr, sizeof kr);
    {
        /* Garner: s = mq + q ((mp - mq) qinv mod p), mp in the Montgomery
         * domain of p, mq taken out of that of q first. */
        uint32_t *rr = s, *a = s + np, *h = a + np, *prod = h + np;
        mote_bn_r2_t(rr, key->p, np, a);
        m0i = mote_bn_m0inv(key->q[0]);
        memset(h, 0, np * 4);
        h[0] = 1;
        mote_bn_montmul_sep(a, mq, h, key->q, m0i, np);
        memcpy(mq, a, np * 4);
        m0i = mote_bn_m0inv(key->p[0]);
        mote_bn_montmul_sep(a, mq, rr, key->p, m0i, np); /* mq R mod p (mq < R, rr < p) */
        mote_bn_modsub(a, mp, a, key->p, np);
        mote_bn_montmul_sep(h, a, key->qinv, key->p, m0i, np);
        memcpy(prod, mq, np * 4);
        memset(prod + np, 0, np * 4);
        mul_acc(prod, key->q, h, np);
        mote_bn_to_be(sig, k, prod, 2 * np);
    }
    /* Check s^e = m (mod n) on the bytes being released: s < n, and the
     * result equals m. No branch on the outcome until the caller's. */
    {
        uint32_t *x = s;
        mote_bn_from_be(x, nn, sig, k);
        ok = mote_bn_lt(x, key->n, nn);
        mote_rsa_pubexp(x, key->n, nn, key->e, x + nn);
        ok &= (uint32_t)mote_ct_memeq(x, m, nn * 4);
    }
    mask = 0u - ok;
    for (i = 0; i < k; i++)
        sig[i] &= (uint8_t)mask;
    mote_wipe(work, used * 4);
    *okp = ok;
    return 0;
}

/* rsasp1_ok for a signature: MOTE_ERR_FAULT when the result did not check. */
static int rsasp1(const mote_rsa_private_key *key, uint8_t *sig, mote_drbg_ctx *rng, uint32_t *work,
                  unsigned w, const mote_progress *pg)
{
    uint32_t ok = 0;
    int r = rsasp1_ok(key, sig, rng, work, w, pg, &ok);
    return r ? r : (int)(1u - ok) * MOTE_ERR_FAULT;
}

/* The widest exponent window (2 to 5 bits) whose workspace fits in words,
 * or 0 if not even 2 bits fit (work_need grows with w). */
static unsigned window_for(size_t nn, size_t np, size_t words)
{
    unsigned w = 1;
    while (w < 5 && work_need(nn, np, w + 1) <= words)
        w++;
    return w > 1 ? w : 0;
}

/* The exponent window that fits in the workspace (2 to 5 bits), or 0 if the
 * arguments are unusable. */
static unsigned sign_check(const mote_rsa_private_key *key, const mote_hash_desc *h, size_t sig_len,
                           const uint32_t *work, size_t work_words)
{
    size_t nn = (key->bits + 31u) / 32;
    if (mote_rsa_hash_ok(h) || sig_len != key->len || key->bits == 0 || work == NULL) return 0;
    return window_for(nn, (nn + 1) / 2, work_words);
}

/* EMSA-PSS-ENCODE (emBits = modBits - 1) into sig[0..sig_len). Out of
 * line: its hash state is gone before the exponentiation runs. */
static MOTE_NOINLINE int pss_encode(const mote_rsa_private_key *key, const mote_hash_desc *h,
                                    const uint8_t *hash, size_t salt_len, uint8_t *sig,
                                    size_t sig_len, mote_drbg_ctx *rng)
{
    size_t hl = h->out_len, em_len = (key->bits - 1u + 7) / 8, db_len;
    uint8_t *em, blk[MOTE_HASH_MAX_LEN];
    mote_hash_ctx ctx;
    int r;
    if (em_len < hl + 2 || salt_len > em_len - hl - 2) return MOTE_ERR_BAD_INPUT;
    db_len = em_len - hl - 1;
    memset(sig, 0, sig_len);
    em = sig + (sig_len - em_len);
    /* DB = 00..00 01 salt; H = Hash(0^8 || mHash || salt); EM = DB^mask H bc */
    if (salt_len > 0 && (r = mote_drbg_generate(rng, em + db_len - salt_len, salt_len)) != 0)
        return r;
    em[db_len - salt_len - 1] = 0x01;
    mote_rsa_pss_hash(em + db_len, h, hash, em + db_len - salt_len, salt_len, &ctx);
    mote_rsa_mgf1_xor(em, db_len, h, &ctx, blk);
    mote_wipe(blk, sizeof blk);
    em[0] &= (uint8_t) ~(0xFF00u >> (8 * em_len - (key->bits - 1u)));
    em[em_len - 1] = 0xbc;
    return MOTE_OK;
}

int mote_rsa_sign_p(const mote_rsa_private_key *key, const mote_hash_desc *h, const uint8_t *hash,
                    int pss, size_t salt_len, uint8_t *sig, size_t sig_len, mote_drbg_ctx *rng,
                    uint32_t *work, size_t work_words, const mote_progress *pg)
{
    int r = MOTE_ERR_BAD_INPUT;
    unsigned w = sign_check(key, h, sig_len, work, work_words);
    if (w == 0) return r;
    if (pss)
        r = pss_encode(key, h, hash, salt_len, sig, sig_len, rng);
    else if (mote_rsa_pkcs1_encode(sig, sig_len, h, hash) == 0)
        r = MOTE_OK;
    return r ? r : rsasp1(key, sig, rng, work, w, pg);
}

int mote_rsa_sign_pkcs1(const mote_rsa_private_key *key, const mote_hash_desc *h,
                        const uint8_t *hash, uint8_t *sig, size_t sig_len, mote_drbg_ctx *rng,
                        uint32_t *work, size_t work_words)
{
    return mote_rsa_sign_p(key, h, hash, 0, 0, sig, sig_len, rng, work, work_words, NULL);
}

int mote_rsa_sign_pkcs1_p(const mote_rsa_private_key *key, const mote_hash_desc *h,
                          const uint8_t *hash, uint8_t *sig, size_t sig_len, mote_drbg_ctx *rng,
                          uint32_t *work, size_t work_words, const mote_progress *pg)
{
    return mote_rsa_sign_p(key, h, hash, 0, 0, sig, sig_len, rng, work, work_words, pg);
}

int mote_rsa_sign_pss(const mote_rsa_private_key *key, const mote_hash_desc *h, const uint8_t *hash,
                      size_t salt_len, uint8_t *sig, size_t sig_len, mote_drbg_ctx *rng,
                      uint32_t *work, size_t work_words)
{
    return mote_rsa_sign_p(key, h, hash, 1, salt_len, sig, sig_len, rng, work, work_words, NULL);
}

int mote_rsa_sign_pss_p(const mote_rsa_private_key *key, const mote_hash_desc *h,
                        const uint8_t *hash, size_t salt_len, uint8_t *sig, size_t sig_len,
                        mote_drbg_ctx *rng, uint32_t *work, size_t work_words,
                        const mote_progress *pg)
{
    return mote_rsa_sign_p(key, h, hash, 1, salt_len, sig, sig_len, rng, work, work_words, pg);
}

#if MOTE_ENABLE_TLS12_RSA_KEX
/* RFC 5246 7.4.7.1: the premaster is chosen between the decrypted one and a
 * random one by masks; nothing branches on the padding or the version. */
int mote_rsa_decrypt_premaster(const mote_rsa_private_key *key, const uint8_t *ct, size_t ct_len,
                               const uint8_t version[2], uint8_t pms[48], mote_drbg_ctx *rng,
                               uint32_t *work, size_t work_words)
{
    size_t nn = (key->bits + 31u) / 32, np = (nn + 1) / 2, k = key->len, i;
    uint32_t good, nz, m, checked;
    uint8_t *em;
    unsigned w;
    int r;

    if (key->bits == 0 || work == NULL || work_words < nn || k < 59 ||
        (w = window_for(nn, np, work_words - nn)) == 0)
        return MOTE_ERR_BAD_INPUT;
    r = mote_drbg_generate(rng, pms, 48); /* the fallback, drawn first */
    if (r) return r;
    if (ct_len != k) return MOTE_OK; /* public: the random premaster stays */
    em = (uint8_t *)(work + (work_words - nn));
    memcpy(em, ct, k);
    /* ct >= n or a fault zero em (the check's verdict is not looked at:
     * it depends on the secret block); r is only the DRBG's error */
    r = rsasp1_ok(key, em, rng, work, w, NULL, &checked);
    if (r) return r;
    /* EM = 00 02 PS (k - 51 non-zero bytes) 00 client_version(2) random(46) */
    good = mote_ct_is_zero32(em[0]) & mote_ct_is_zero32(em[1] ^ 2u);
    nz = ~0u;
    for (i = 2; i < k - 49; i++)
        nz &= ~mote_ct_is_zero32(em[i]);
    good &= nz & mote_ct_is_zero32(em[k - 49]);
    good &= mote_ct_is_zero32((uint32_t)(em[k - 48] ^ version[0]) |
                              (uint32_t)(em[k - 47] ^ version[1]));
    for (i = 0; i < 48; i++) {
        m = (em[k - 48 + i] & good) | (pms[i] & ~good);
        pms[i] = (uint8_t)m;
    }
    mote_wipe(em, k);
    return MOTE_OK;
}
#endif
#endif
