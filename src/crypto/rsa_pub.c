/* RSA public keys and signature verification (RFC 8017): RSASSA-PKCS1-v1_5
 * and RSASSA-PSS, on the shared Montgomery core (bigint.c). Everything here
 * handles public data, so it may branch on values; the helpers that
 * rsa_priv.c reuses (mote_rsa_pubexp, encodings) do not branch on the
 * message or the signature. */
#include "mote/rsa.h"

#include "mote/config.h"

#if MOTE_ENABLE_RSA

#include <string.h>

#include "crypto/bigint.h"
#include "crypto/der.h"
#include "crypto/mul.h"
#include "crypto/rsa_int.h"
#include "crypto/util.h"

#define L MOTE_RSA_MAX_LIMBS

/* The check below computes each hash's length from its id. */
typedef char
    rsa_hash_ids[MOTE_HASH_SHA256 == 1 && MOTE_HASH_SHA384 == 2 && MOTE_HASH_SHA512 == 3 ? 1 : -1];

int mote_rsa_hash_ok(const mote_hash_desc *h)
{
    /* MOTE_HASH_SHA256, SHA384, SHA512 are 1, 2, 3: 32, 48, 64 bytes */
    unsigned id;
    if (h == NULL) return -1;
    id = h->id;
    return id - 1u < 3u && h->out_len == 16u * id + 16u ? 0 : -1;
}

void mote_rsa_pubexp(uint32_t *x, const uint32_t *n, size_t nl, uint32_t e, uint32_t *t)
{
    uint32_t m0i = mote_bn_m0inv(n[0]);
    uint32_t *cur = t, *oth = t + nl, *s;
    /* e = 2^k + 1 (3, 17, 65537): k squarings of x R, then one product
     * with plain x, which also leaves the Montgomery domain. Any other e
     * needs x R for its middle bits: it replaces x, and a product with 1
     * leaves the domain at the end. */
    int top = 31, i, plain;
    while (!(e >> top))
        top--;
    plain = (e & ~(1u << top)) == 1;
    mote_bn_r2_t(oth, n, nl, cur);
    mote_bn_montmul_sep(cur, x, oth, n, m0i, nl); /* x R */
    if (!plain) memcpy(x, cur, nl * 4);
    /* left to right over the bits below the top one: products alternate
     * between cur and oth */
    for (i = top - 1; i >= 0; i--) {
        mote_bn_montmul_sep(oth, cur, cur, n, m0i, nl);
        s = cur, cur = oth, oth = s;
        if ((e >> i) & 1) {
            mote_bn_montmul_sep(oth, cur, x, n, m0i, nl);
            s = cur, cur = oth, oth = s;
        }
    }
    if (plain) {
        memcpy(x, cur, nl * 4);
        return;
    }
    mote_wipe(oth, nl * 4); /* (a near call where memset is ROM's) */
    oth[0] = 1;
    mote_bn_montmul_sep(x, cur, oth, n, m0i, nl);
}

/* DigestInfo for SHA-256; SHA-384 and SHA-512 differ in 3 bytes. */
static const uint8_t digest_info[19] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                        0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};

int mote_rsa_pkcs1_encode(uint8_t *em, size_t k, const mote_hash_desc *h, const uint8_t *hash)
{
    size_t hl = h->out_len, t = sizeof digest_info + hl;
    uint8_t *di;
    if (k < t + 11) return -1; /* at least 8 bytes of 0xFF */
    em[0] = 0x00;
    em[1] = 0x01;
    memset(em + 2, 0xFF, k - t - 3);
    em[k - t - 1] = 0x00;
    di = em + k - t;
    memcpy(di, digest_info, sizeof digest_info);
    di[1] = (uint8_t)(0x11 + hl);
    di[14] = h->id; /* the last arc of 2.16.840.1.101.3.4.2.{1,2,3} */
    di[18] = (uint8_t)hl;
    memcpy(di + sizeof digest_info, hash, hl);
    return 0;
}

void mote_rsa_mgf1_xor(uint8_t *out, size_t len, const mote_hash_desc *h, mote_hash_ctx *ctx,
                       uint8_t *blk)
{
    const uint8_t *seed = out + len;
    uint8_t cnt[4];
    uint32_t c = 0;
    size_t i, hl = h->out_len;
    while (len > 0) {
        size_t k = len < hl ? len : hl;
        mote_store_be32(cnt, c++);
        h->init(ctx);
        h->update(ctx, seed, hl);
        h->update(ctx, cnt, 4);
        h->final(ctx, blk);
        for (i = 0; i < k; i++)
            out[i] ^= blk[i];
        out += k;
        len -= k;
    }
}

void mote_rsa_pss_hash(uint8_t *out, const mote_hash_desc *h, const uint8_t *mhash,
                       const uint8_t *salt, size_t salt_len, mote_hash_ctx *ctx)
{
    static const uint8_t zeros[8] = {0};
    h->init(ctx);
    h->update(ctx, zeros, 8);
    h->update(ctx, mhash, h->out_len);
    h->update(ctx, salt, salt_len);
    h->final(ctx, out);
}

int mote_rsa_der_alg(mote_der *d)
{
    static const uint8_t rsa_oid[9] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
    mote_der alg;
    const uint8_t *v;
    size_t len;
    if (mote_der_enter(d, MOTE_DER_SEQUENCE, &alg) || mote_der_get(&alg, MOTE_DER_OID, &v, &len))
        return MOTE_ERR_ENCODING;
    if (len != sizeof rsa_oid || memcmp(v, rsa_oid, len) != 0) return MOTE_ERR_UNSUPPORTED;
    /* RFC 3279: the parameters MUST be NULL */
    if (mote_der_get(&alg, MOTE_DER_NULL, &v, &len) || len != 0 || mote_der_done(&alg))
        return MOTE_ERR_ENCODING;
    return MOTE_OK;
}

/* The checks every RSA public key passes: modulus size in range and odd,
 * e odd, 3 <= e < 2^32. n and n_len lose their leading zero bytes. */
static int check_key(const uint8_t **n, size_t *n_len, unsigned *bits, uint32_t e)
{
    size_t b;
    unsigned i;
    while (*n_len > 0 && (*n)[0] == 0)
        (*n)++, (*n_len)--;
    if (*n_len == 0) return MOTE_ERR_BAD_KEY;
    b = 8 * *n_len;
    for (i = 0x80; !((*n)[0] & i); i >>= 1)
        b--;
    if (b < MOTE_RSA_MIN_BITS || b > MOTE_MAX_RSA_BITS) return MOTE_ERR_UNSUPPORTED;
    if (!((*n)[*n_len - 1] & 1) || e < 3 || !(e & 1)) return MOTE_ERR_BAD_KEY;
    *bits = (unsigned)b;
    return MOTE_OK;
}

int mote_rsa_public_set(mote_rsa_public_key *key, const uint8_t *n, size_t n_len, const uint8_t *e,
                        size_t e_len)
{
    unsigned bits;
    uint32_t ev = 0;
    size_t i;
    int r;
    while (e_len > 0 && e[0] == 0)
        e++, e_len--;
    if (e_len > 4) return MOTE_ERR_BAD_KEY;
    for (i = 0; i < e_len; i++)
        ev = ev << 8 | e[i];
    r = check_key(&n, &n_len, &bits, ev);
    if (r != MOTE_OK) return r;
    memset(key, 0, sizeof *key);
    mote_bn_from_be(key->n, L, n, n_len);
    key->e = ev;
    key->bits = (uint16_t)bits;
    key->len = (uint16_t)n_len;
    return MOTE_OK;
}

/* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
static int parse_rsa_public(mote_rsa_public_key *key, mote_der *d)
{
    mote_der seq;
    const uint8_t *n, *e;
    size_t nl, el;
    if (mote_der_enter(d, MOTE_DER_SEQUENCE, &seq) || mote_der_get_uint(&seq, &n, &nl) ||
        mote_der_get_uint(&seq, &e, &el) || mote_der_done(&seq) || mote_der_done(d))
        return MOTE_ERR_ENCODING;
    return mote_rsa_public_set(key, n, nl, e, el);
}

int mote_rsa_public_from_der(mote_rsa_public_key *key, const uint8_t *der, size_t len)
{
    mote_der d;
    mote_der_init(&d, der, len);
    return parse_rsa_public(key, &d);
}

int mote_rsa_public_from_spki(mote_rsa_public_key *key, const uint8_t *der, size_t len)
{
    mote_der d, spki;
    const uint8_t *bs;
    size_t bl;
    int r;
    mote_der_init(&d, der, len);
    if (mote_der_enter(&d, MOTE_DER_SEQUENCE, &spki) || mote_der_done(&d)) return MOTE_ERR_ENCODING;
    r = mote_rsa_der_alg(&spki);
    if (r) return r;
    /* BIT STRING with no unused bits, holding the RSAPublicKey */
    if (mote_der_get(&spki, MOTE_DER_BIT_STRING, &bs, &bl) || mote_der_done(&spki) || bl < 1 ||
        bs[0] != 0)
        return MOTE_ERR_ENCODING;
    mote_der_init(&d, bs + 1, bl - 1);
    return parse_rsa_public(key, &d);
}

/* One verification: the key (limbs at n, or big-endian bytes to be put
 * into the workspace), the scheme and the signature. */
typedef struct {
    const uint32_t *n; /* the key's limbs, or NULL: nb, nb_len */
    const uint8_t *nb;
    size_t nb_len;
    uint32_t e;
    unsigned bits, len;
    int pss;
    const mote_hash_desc *h;
    const uint8_t *hash;
    size_t salt_len;
    const uint8_t *sig;
    size_t sig_len;
} rsa_job;

/* The checks after s^e mod n: x holds the representative, em has room for
 * 2 len bytes (4 nl words; x may overlap nothing of it). hc: a hash context
 * (PSS). */
static int check_pkcs1(const rsa_job *j, const uint32_t *x, size_t nl, uint8_t *em)
{
    mote_bn_to_be(em, j->len, x, nl);
    if (mote_rsa_pkcs1_encode(em + j->len, j->len, j->h, j->hash)) return MOTE_ERR_BAD_SIGNATURE;
    return mote_ct_memeq(em, em + j->len, j->len) ? MOTE_OK : MOTE_ERR_BAD_SIGNATURE;
}

static int check_pss(const rsa_job *j, const uint32_t *x, size_t nl, uint8_t *em, mote_hash_ctx *hc)
{
    size_t hl = j->h->out_len, em_len = (j->bits - 1u + 7) / 8, db_len, i;
    uint8_t *hh = em + j->len, top;
    /* EM is the emLen = ceil((modBits - 1) / 8) low bytes of x; when that is
     * one byte short of k, the top byte of x must be zero. */
    mote_bn_to_be(em, j->len, x, nl);
    if (em_len < j->len) {
        if (em[0] != 0) return MOTE_ERR_BAD_SIGNATURE;
        em++;
    }
    if (em_len < hl + 2 || j->salt_len > em_len - hl - 2 || em[em_len - 1] != 0xbc)
        return MOTE_ERR_BAD_SIGNATURE;
    db_len = em_len - hl - 1;
    /* the 8 emLen - emBits leftmost bits must be zero */
    top = (uint8_t)(0xFF00u >> (8 * em_len - (j->bits - 1u)));
    if (em[0] & top) return MOTE_ERR_BAD_SIGNATURE;
    /* the digest block: the bytes past EM, free until H' goes there (passing
     * hh itself costs run_job a register: +16 B of stack, PKCS#1 too) */
    mote_rsa_mgf1_xor(em, db_len, j->h, hc, em + em_len);
    em[0] &= (uint8_t)~top;
    /* DB = 00..00 01 salt */
    for (i = 0; i < db_len - j->salt_len - 1; i++)
        if (em[i] != 0) return MOTE_ERR_BAD_SIGNATURE;
    if (em[i] != 0x01) return MOTE_ERR_BAD_SIGNATURE;
    mote_rsa_pss_hash(hh, j->h, j->hash, em + db_len - j->salt_len, j->salt_len, hc);
    return mote_ct_memeq(hh, em + db_len, hl) ? MOTE_OK : MOTE_ERR_BAD_SIGNATURE;
}

#if MOTE_BN64
/* x = sig^e mod n for e = 2^k + 1 (3, 17, 65537) in w's first three cap
 * words, with every squaring by mote_bn_montsqr (a quarter fewer products
 * than mote_rsa_pubexp's montmul) and its 2 n limbs of scratch from the
 * same words: sig is read again from its bytes for the last product
 * instead of being kept. x (< n, checked) ends in w[0..nl). */
static void pubexp_sqr(const rsa_job *j, uint32_t *w, size_t cap, const uint32_t *n, size_t nl)
{
    uint32_t *a = w, *b = w + cap, *c = w + 2 * cap, m0i = mote_bn_m0inv(n[0]), e = j->e;
    size_t k = mote_bn_r2_start(c, n, nl);
    while (k-- > 0)
        mote_bn_montsqr(c, c, n, m0i, nl, a); /* R^2; scratch a, b */
    mote_bn_from_be(a, nl, j->sig, j->sig_len);
    mote_bn_montmul_sep(b, a, c, n, m0i, nl); /* x R */
    memcpy(c, b, nl * 4);
    while (e >>= 1)
        mote_bn_montsqr(c, c, n, m0i, nl, a);
    mote_bn_from_be(a, nl, j->sig, j->sig_len);
    mote_bn_montmul_sep(b, c, a, n, m0i, nl); /* x^e R / R */
    memcpy(a, b, nl * 4);
}
#endif

/* The verification in a workspace of 4 cap words (cap >= the key's limbs):
 * [x | t: 2 cap | the key's limbs]; the hash context lives in x's place
 * once x has been copied out (hc points there). */
static int run_job(const rsa_job *j, uint32_t *w, size_t cap, mote_hash_ctx *hc)
{
    uint32_t *x = w, *t = w + cap;
    const uint32_t *n = j->n;
    size_t nl = (j->bits + 31u) / 32;
    if (n == NULL) {
        mote_bn_from_be(w + 3 * cap, nl, j->nb, j->nb_len);
        n = w + 3 * cap;
    }
    if (mote_rsa_hash_ok(j->h)) return MOTE_ERR_BAD_INPUT;
    /* x = sig^e mod n, for a representative below n */
    if (j->sig_len != j->len) return MOTE_ERR_BAD_SIGNATURE;
    mote_bn_from_be(x, nl, j->sig, j->sig_len);
    if (!mote_bn_lt(x, n, nl)) return MOTE_ERR_BAD_SIGNATURE;
#if MOTE_BN64
    if (j->e > 2 && ((j->e - 1) & (j->e - 2)) == 0) /* e = 2^k + 1 */
        pubexp_sqr(j, w, cap, n, nl);
    else
#endif
        mote_rsa_pubexp(x, n, nl, j->e, t);
    return j->pss ? check_pss(j, x, nl, (uint8_t *)t, hc) : check_pkcs1(j, x, nl, (uint8_t *)t);
}

/* The workspace is on the stack and follows the key: 4 x 256 bytes up to
 * RSA-2048, 4 x MOTE_MAX_RSA_BITS / 8 above, in a frame of its own so that
 * a 2048-bit verification never touches the larger one. */
#define SMALL_LIMBS (L < 64 ? L : 64)
#define TIER(name, cap)                                                                            \
    static MOTE_NOINLINE int name(const rsa_job *j)                                                \
    {                                                                                              \
        union {                                                                                    \
            mote_hash_ctx hc;                                                                      \
            uint32_t w[4 * (cap)];                                                                 \
        } u;                                                                                       \
        int r = run_job(j, u.w, cap, &u.hc);                                                       \
        mote_wipe(&u, sizeof u);                                                                   \
        return r;                                                                                  \
    }
TIER(verify_small, SMALL_LIMBS)
#if L > 64
TIER(verify_large, L)
#endif

static int verify(const rsa_job *j)
{
#if L > 64
    if (j->bits > 32 * SMALL_LIMBS) return verify_large(j);
#endif
    return verify_small(j);
}

static void key_job(rsa_job *j, const mote_rsa_public_key *key, const uint8_t *sig, size_t sig_len)
{
    memset(j, 0, sizeof *j);
    j->n = key->n;
    j->e = key->e;
    j->bits = key->bits;
    j->len = key->len;
    j->sig = sig;
    j->sig_len = sig_len;
}

int mote_rsa_verify_pkcs1(const mote_rsa_public_key *key, const mote_hash_desc *h,
                          const uint8_t *hash, const uint8_t *sig, size_t sig_len)
{
    rsa_job j;
    key_job(&j, key, sig, sig_len);
    j.h = h;
    j.hash = hash;
    return verify(&j);
}

int mote_rsa_verify_pss(const mote_rsa_public_key *key, const mote_hash_desc *h,
                        const uint8_t *hash, size_t salt_len, const uint8_t *sig, size_t sig_len)
{
    rsa_job j;
    key_job(&j, key, sig, sig_len);
    j.pss = 1;
    j.h = h;
    j.hash = hash;
    j.salt_len = salt_len;
    return verify(&j);
}

int mote_rsa_verify_be(const uint8_t *n, size_t n_len, uint32_t e, int scheme,
                       const mote_hash_desc *h, const uint8_t *hash, size_t salt_len,
                       const uint8_t *sig, size_t sig_len)
{
    rsa_job j;
    int r;
    memset(&j, 0, sizeof j);
    if (scheme != MOTE_RSA_PKCS1 && scheme != MOTE_RSA_PSS) return MOTE_ERR_BAD_INPUT;
    r = check_key(&n, &n_len, &j.bits, e);
    if (r != MOTE_OK) return r;
    j.nb = n;
    j.nb_len = n_len;
    j.len = (unsigned)n_len;
    j.e = e;
    j.pss = scheme == MOTE_RSA_PSS;
    j.h = h;
    j.hash = hash;
    j.salt_len = salt_len;
    j.sig = sig;
    j.sig_len = sig_len;
    return verify(&j);
}

#endif
