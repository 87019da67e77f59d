/* Chain validation, leaf first, as the certificates stream past (see
 * mote/x509.h for the rules). The state between certificates is the
 * "pending signature": the signature, signature algorithm, TBS digest and
 * issuer-name hash of the last certificate taken into the path. The next
 * certificate whose subject-name hash equals that issuer hash and whose key
 * verifies that signature (checked as soon as its SubjectPublicKeyInfo has
 * passed) joins the path; any other is skipped. A trust anchor whose
 * subject hash equals the pending issuer hash ends the path when its key
 * verifies the pending signature. */
#include "x509/x509_int.h"

#include <string.h>

#include "crypto/util.h"
#include "mote/ec.h"
#include "mote/ed25519.h"
#include "mote/pem.h"
#include "mote/rsa.h"
#include "mote/x509.h"
#include "x509/der_stream.h"

#if MOTE_ENABLE_X509

/* ECDSA verification, when mote/ec.h provides it (it defines
 * MOTE_ECDSA_MAX_DER along with mote_ecdsa_verify_der). */
#if (MOTE_ENABLE_P256 || MOTE_ENABLE_P384) && defined(MOTE_ECDSA_MAX_DER)
#define MOTE_X509_HAVE_ECDSA 1
#else
#define MOTE_X509_HAVE_ECDSA 0
#endif

void mote_x509_flash_read(void *dst, const void *src, size_t n)
{
#if defined(__XTENSA__)
    /* lx106 faults on byte loads from flash: read aligned words only */
    uint8_t *d = dst;
    uintptr_t a = (uintptr_t)src;
    while (n) {
        uint32_t w = *(const volatile uint32_t *)(a & ~(uintptr_t)3);
        unsigned sh = (unsigned)(a & 3), k;
        for (k = sh; k < 4 && n; k++, n--, a++)
            *d++ = (uint8_t)(w >> (8 * k)); /* little-endian */
    }
#else
    memcpy(dst, src, n);
#endif
}

/* ---- signature verification: the one place that calls the primitives ---- */

/* A public key in RAM, as the verifier sees it. */
typedef struct {
    const uint8_t *data;
    uint32_t e;
    uint16_t len;
    uint8_t type;
} keyref;

#if MOTE_ENABLE_RSA
/* The RSA case of verify_pending, out of its frame (the workspace follows
 * the key's size, which the ECDSA verification below it need not carry). */
static MOTE_NOINLINE int verify_rsa(const mote_x509_sigalg *a, const mote_hash_desc *h,
                                    const uint8_t *digest, const uint8_t *sig, size_t sig_len,
                                    const keyref *k)
{
    int r;
    if (k->type != MOTE_X509_KEY_RSA) return MOTE_ERR_X509_BAD_SIGNATURE;
    if (a->scheme == MOTE_X509_SIG_PSS && a->mgf != a->hash) return MOTE_ERR_X509_UNSUPPORTED;
    r = mote_rsa_verify_be(k->data, k->len, k->e,
                           a->scheme == MOTE_X509_SIG_PKCS1 ? MOTE_RSA_PKCS1 : MOTE_RSA_PSS, h,
                           digest, a->salt, sig, sig_len);
    if (r == MOTE_ERR_UNSUPPORTED) return MOTE_ERR_X509_UNSUPPORTED;
    return r ? MOTE_ERR_X509_BAD_SIGNATURE : 0;
}
#endif

#if MOTE_ENABLE_ED25519
/* The Ed25519 case of verify_pending, out of its frame (its hash state
 * need not sit under the ECDSA and RSA verifications). */
static MOTE_NOINLINE int verify_ed25519(const mote_x509_chain *c, const keyref *k)
{
    mote_ed25519_verify_ctx v;
    if (k->type != MOTE_X509_KEY_ED25519 || k->len != 32) return MOTE_ERR_X509_BAD_SIGNATURE;
    if (mote_ed25519_verify_init(&v, k->data, c->pend_sig, c->pend_sig_len) != MOTE_OK)
        return MOTE_ERR_X509_BAD_SIGNATURE;
    mote_ed25519_verify_update(&v, c->tbs_buf + (size_t)c->tbs_slot * c->tbs_half, c->pend_tbs_len);
    return mote_ed25519_verify_final_p(&v, &c->progress) ? MOTE_ERR_X509_BAD_SIGNATURE : 0;
}
#endif

/* Verify the pending signature with key k: made with algorithm pend_alg
 * over a TBS whose digest is pend_digest (or, for Ed25519, which is kept in
 * tbs_buf); for ECDSA the signature is the DER SEQUENCE of r, s. Returns 0,
 * MOTE_ERR_X509_BAD_SIGNATURE, or the reason the signature can't be checked
 * (MOTE_ERR_X509_WEAK_HASH, _UNSUPPORTED). */
static int verify_pending(const mote_x509_chain *c, const keyref *k)
{
    const mote_x509_sigalg *a = &c->pend_alg;
    const mote_hash_desc *h = mote_x509_hash_desc(a->hash);
    const uint8_t *digest = c->pend_digest, *sig = c->pend_sig;
    size_t sig_len = c->pend_sig_len;
    if (a->scheme == MOTE_X509_SIG_WEAK || a->hash == MOTE_X509_HASH_SHA1)
        return MOTE_ERR_X509_WEAK_HASH;
#if MOTE_ENABLE_ED25519
    if (a->scheme == MOTE_X509_SIG_ED25519) return verify_ed25519(c, k);
#endif
    if (!h) return MOTE_ERR_X509_UNSUPPORTED;
    switch (a->scheme) {
#if MOTE_ENABLE_RSA
    case MOTE_X509_SIG_PKCS1:
    case MOTE_X509_SIG_PSS:
        return verify_rsa(a, h, digest, sig, sig_len, k);
#endif
#if MOTE_X509_HAVE_ECDSA
    case MOTE_X509_SIG_ECDSA: {
        int r, curve = k->type == MOTE_X509_KEY_P256   ? MOTE_EC_P256
                       : k->type == MOTE_X509_KEY_P384 ? MOTE_EC_P384
                                                       : 0;
        if (!curve) return MOTE_ERR_X509_BAD_SIGNATURE;
        r = mote_ecdsa_verify_der_p(curve, k->data, k->len, digest, h->out_len, sig, sig_len,
                                    &c->progress);
        if (r == MOTE_ERR_UNSUPPORTED) return MOTE_ERR_X509_UNSUPPORTED;
        return r ? MOTE_ERR_X509_BAD_SIGNATURE : 0;
    }
#endif
    default:
        (void)sig, (void)sig_len, (void)digest, (void)k;
        return MOTE_ERR_X509_UNSUPPORTED;
    }
}

/* ---- trust anchors ---- */

static void ta_get(mote_x509_trust_anchor *dst, const mote_x509_trust_anchor *src)
{
    mote_x509_flash_read(dst, src, sizeof *dst);
}

/* The key of the certificate being decoded. */
static keyref cur_key(const mote_x509_chain *c)
{
    keyref k;
    size_t cap;
    k.data = mote_x509_kdata(c, &cap);
    k.e = c->ke;
    k.len = c->klen;
    k.type = c->key_state;
    return k;
}

/* Copy an anchor's key to RAM (c->u.ikey). Returns 0, or -1 if it is
 * bigger than the chain takes (MOTE_X509_MAX_RSA_BITS). */
static int ta_key(mote_x509_chain *c, const mote_x509_trust_anchor *ta, keyref *k)
{
    if (ta->key_len > sizeof c->u.ikey) return -1;
    mote_x509_flash_read(c->u.ikey, ta->key, ta->key_len);
    k->data = c->u.ikey;
    k->type = ta->key_type;
    k->len = ta->key_len;
    k->e = ta->rsa_e;
    return 0;
}

/* 1 if anchor ta has the key k. */
static int ta_has_key(const mote_x509_trust_anchor *ta, const keyref *k)
{
    uint8_t buf[32];
    size_t at = 0;
    if (ta->key_type != k->type || ta->key_len != k->len || ta->rsa_e != k->e) return 0;
    while (at < k->len) {
        size_t n = k->len - at < sizeof buf ? k->len - at : sizeof buf;
        mote_x509_flash_read(buf, ta->key + at, n);
        if (memcmp(buf, k->data + at, n) != 0) return 0;
        at += n;
    }
    return 1;
}

/* ---- the hooks of the decoder ---- */

static int fail(mote_x509_chain *c, int err)
{
    if (!c->err) {
        c->err = (int16_t)err;
        c->err_cert = (uint8_t)(c->ncert ? c->ncert - 1 : 0);
    }
    c->state = MOTE_X509_ST_FAILED;
    return err;
}

/* Give up on the current certificate as an issuer; remember why. */
static void superfluous(mote_x509_chain *c, int why)
{
    c->cflags |= MOTE_X509_F_SUPERFLUOUS;
    c->tbs_state = 0; /* stop hashing */
    c->ksel = MOTE_X509_KSEL_NONE;
    if (why && c->soft_err != MOTE_ERR_X509_BAD_SIGNATURE) c->soft_err = (int16_t)why;
}

int mote_x509_on_subject(mote_x509_chain *c, const uint8_t hash[MOTE_X509_NAME_HASH_LEN])
{
    size_t i;
    if (memcmp(hash, c->cur_issuer, MOTE_X509_NAME_HASH_LEN) == 0)
        c->cflags |= MOTE_X509_F_SELF_ISSUED;
    switch (c->role) {
    case MOTE_X509_ROLE_LEAF:
        /* a leaf that is itself an anchor (a pinned self-signed certificate) */
        for (i = 0; i < c->n_tas; i++) {
            mote_x509_trust_anchor ta;
            ta_get(&ta, &c->tas[i]);
            if (memcmp(ta.name_hash, hash, MOTE_X509_NAME_HASH_LEN) == 0)
                c->cflags |= MOTE_X509_F_LEAF_TA_NAME;
        }
        return 0;
    case MOTE_X509_ROLE_CAND:
        if (memcmp(hash, c->pend_issuer, MOTE_X509_NAME_HASH_LEN) == 0)
            c->cflags |= MOTE_X509_F_SUBJ_MATCH;
        else
            superfluous(c, 0);
        return 0;
    case MOTE_X509_ROLE_ANCHOR:
        memcpy(c->pend_issuer, hash, MOTE_X509_NAME_HASH_LEN);
        return 0;
    default:
        return 0;
    }
}

static int key_problem(const mote_x509_chain *c)
{
    if (c->cflags & MOTE_X509_F_KEY_UNSUPP) return MOTE_ERR_X509_UNSUPPORTED;
    if (c->cflags & MOTE_X509_F_KEY_WEAK) return MOTE_ERR_X509_WEAK_KEY;
    return 0;
}

int mote_x509_on_spki(mote_x509_chain *c)
{
    int r;
    size_t i;
    if (c->role == MOTE_X509_ROLE_LEAF) {
        keyref k = cur_key(c);
        /* a weak key is still handed over: with verification off, the
         * caller may accept it for the handshake's signature */
        if (c->leaf_key && !(c->cflags & MOTE_X509_F_KEY_UNSUPP)) {
            c->leaf_key->type = k.type;
            c->leaf_key->len = k.len;
            c->leaf_key->e = k.e;
        }
        if ((r = key_problem(c)) != 0) return fail(c, r);
        if (c->cflags & MOTE_X509_F_LEAF_TA_NAME) {
            for (i = 0; i < c->n_tas; i++) {
                mote_x509_trust_anchor ta;
                ta_get(&ta, &c->tas[i]);
                if (ta_has_key(&ta, &k)) c->cflags |= MOTE_X509_F_LEAF_IS_TA;
            }
        }
        return 0;
    }
    if (c->role != MOTE_X509_ROLE_CAND || (c->cflags & MOTE_X509_F_SUPERFLUOUS)) return 0;
    /* the subject matched: does this key verify the pending signature? */
    if ((r = key_problem(c)) != 0) {
        superfluous(c, r);
        return 0;
    }
    if (!c->pend_ok) { /* the reason was noted when it joined the path */
        superfluous(c, c->soft_err ? c->soft_err : MOTE_ERR_X509_UNSUPPORTED);
        return 0;
    }
    {
        keyref k = cur_key(c);
        r = verify_pending(c, &k);
    }
    if (r == MOTE_ERR_X509_BAD_SIGNATURE && ++c->tries > MOTE_X509_MAX_TRIES) return fail(c, r);
    if (r) {
        superfluous(c, r);
        return 0;
    }
    c->cflags |= MOTE_X509_F_ACCEPTED;
    c->pend_ok = 0;
    c->npath++;
    return 0;
}

int mote_x509_on_tbs_end(mote_x509_chain *c)
{
    if (c->tbs_state == MOTE_X509_TBS_HASH) {
        mote_x509_hash_desc(c->tbs_alg.hash)->final(&c->tbs_hash, c->pend_digest);
    } else if (c->tbs_state == MOTE_X509_TBS_KEEP) {
        c->tbs_slot ^= 1; /* the half it was kept in is now the pending one */
        c->pend_tbs_len = c->prefix_len;
    } else {
        return 0;
    }
    c->tbs_state = MOTE_X509_TBS_OFF;
    c->pend_ok = 1;
    return 0;
}

/* The checks that apply to every certificate of the path. */
static int path_checks(mote_x509_chain *c)
{
    uint32_t f = c->cflags;
    if (!(c->flags & MOTE_X509_NO_TIME_CHECK)) {
        if (!c->time_set) return MOTE_ERR_X509_NO_TIME;
        if (f & MOTE_X509_F_EXPIRED) return MOTE_ERR_X509_EXPIRED;
        if (f & MOTE_X509_F_NOT_YET) return MOTE_ERR_X509_NOT_YET_VALID;
    }
    if (f & MOTE_X509_F_CRIT_UNKNOWN) return MOTE_ERR_X509_CRITICAL_EXT;
    /* extendedKeyUsage, where present, must allow the purpose (as OpenSSL:
     * anyExtendedKeyUsage alone does not) */
    if ((f & MOTE_X509_F_HAS_EKU) &&
        ((c->purpose == MOTE_X509_PURPOSE_SERVER && !(f & MOTE_X509_F_EKU_SERVER)) ||
         (c->purpose == MOTE_X509_PURPOSE_CLIENT && !(f & MOTE_X509_F_EKU_CLIENT))))
        return MOTE_ERR_X509_BAD_USAGE;
    return 0;
}

static int leaf_checks(mote_x509_chain *c)
{
    uint32_t f = c->cflags;
    if (f & MOTE_X509_F_HAS_KU) {
        uint16_t need = c->purpose == MOTE_X509_PURPOSE_SERVER
                            ? MOTE_X509_KU_DIGITAL_SIGNATURE | MOTE_X509_KU_KEY_ENCIPHERMENT |
                                  MOTE_X509_KU_KEY_AGREEMENT
                        : c->purpose == MOTE_X509_PURPOSE_CLIENT
                            ? MOTE_X509_KU_DIGITAL_SIGNATURE | MOTE_X509_KU_KEY_AGREEMENT
                            : 0xFFFF;
        if (!(c->ku & need)) return MOTE_ERR_X509_BAD_USAGE;
    }
    /* the subject's commonName counts only when there is no dNSName SAN at
     * all (RFC 6125 6.4.4), and only for a host name (CN_MATCH is never set
     * for an IP address) */
    if (c->host && !(f & MOTE_X509_F_SAN_MATCH) &&
        !((f & MOTE_X509_F_CN_MATCH) && !(f & MOTE_X509_F_SAN_DNS)))
        return MOTE_ERR_X509_NAME_MISMATCH;
    return 0;
}

static int issuer_checks(mote_x509_chain *c)
{
    uint32_t f = c->cflags;
    if (c->version != 2 || !(f & MOTE_X509_F_HAS_BC) || !(f & MOTE_X509_F_CA))
        return MOTE_ERR_X509_NOT_CA;
    if ((f & MOTE_X509_F_HAS_KU) && !(c->ku & MOTE_X509_KU_KEY_CERT_SIGN))
        return MOTE_ERR_X509_BAD_USAGE;
    if (c->path_len >= 0 && c->nbelow > c->path_len) return MOTE_ERR_X509_PATH_TOO_LONG;
    if ((f & MOTE_X509_F_NC_EXCL_HIT) ||
        ((f & MOTE_X509_F_NC_PERM) && !(f & MOTE_X509_F_NC_PERM_OK)))
        return MOTE_ERR_X509_NAME_CONSTRAINTS;
    return 0;
}

/* The pending signature is now this certificate's: try the anchors whose
 * subject is its issuer. Returns 0 (anchored or not) or an error. */
static int try_anchors(mote_x509_chain *c)
{
    size_t i;
    for (i = 0; i < c->n_tas; i++) {
        mote_x509_trust_anchor ta;
        keyref k;
        int r;
        ta_get(&ta, &c->tas[i]);
        if (memcmp(ta.name_hash, c->pend_issuer, MOTE_X509_NAME_HASH_LEN) != 0) continue;
        if (!(ta.flags & MOTE_X509_TA_CA) || ta_key(c, &ta, &k)) continue;
        if (!c->pend_ok) return 0; /* soft_err says why */
        r = verify_pending(c, &k);
        if (r == MOTE_ERR_X509_BAD_SIGNATURE && ++c->tries > MOTE_X509_MAX_TRIES) return r;
        if (r) {
            if (c->soft_err != MOTE_ERR_X509_BAD_SIGNATURE) c->soft_err = (int16_t)r;
            continue;
        }
        if (ta.path_len != 0xFF && c->nbelow > ta.path_len) return MOTE_ERR_X509_PATH_TOO_LONG;
        c->state = MOTE_X509_ST_ANCHORED;
        c->pend_ok = 0;
        return 0;
    }
    return 0;
}

int mote_x509_on_cert_end(mote_x509_chain *c)
{
    int r;
    uint32_t f = c->cflags;
    if (c->role == MOTE_X509_ROLE_SKIP || c->role == MOTE_X509_ROLE_ANCHOR) return 0;
    if (c->role == MOTE_X509_ROLE_CAND && !(f & MOTE_X509_F_ACCEPTED)) {
        if (!(f & MOTE_X509_F_SUPERFLUOUS)) superfluous(c, 0);
        return 0;
    }
    if (c->role == MOTE_X509_ROLE_LEAF) c->npath = 1;
    if (c->npath > MOTE_X509_MAX_DEPTH) return fail(c, MOTE_ERR_X509_PATH_TOO_LONG);
    if ((r = path_checks(c)) != 0) return fail(c, r);
    if (c->role == MOTE_X509_ROLE_LEAF) {
        if ((r = leaf_checks(c)) != 0) return fail(c, r);
        if (f & MOTE_X509_F_LEAF_IS_TA) {
            c->state = MOTE_X509_ST_ANCHORED;
            return 0;
        }
    } else {
        if ((r = issuer_checks(c)) != 0) return fail(c, r);
        if (!(f & MOTE_X509_F_SELF_ISSUED)) c->nbelow++;
    }
    /* this certificate now waits for its issuer */
    c->path_last = (uint8_t)(c->ncert - 1);
    memcpy(c->pend_issuer, c->cur_issuer, MOTE_X509_NAME_HASH_LEN);
    c->pend_alg = c->tbs_alg;
    if ((f & MOTE_X509_F_SIG_UNSUPP) || !(f & MOTE_X509_F_SIG_SEEN)) c->pend_ok = 0;
    if (!c->pend_ok) {
        /* its signature can't be checked: say why if no anchor saves it */
        const mote_x509_sigalg *a = &c->tbs_alg;
        c->soft_err = (int16_t)(a->scheme == MOTE_X509_SIG_WEAK || a->hash == MOTE_X509_HASH_SHA1
                                    ? MOTE_ERR_X509_WEAK_HASH
                                    : MOTE_ERR_X509_UNSUPPORTED);
    } else {
        c->soft_err = 0;
    }
    if ((r = try_anchors(c)) != 0) return fail(c, r);
    return 0;
}

/* ---- the public API ---- */

void mote_x509_chain_init(mote_x509_chain *c, const mote_x509_trust_anchor *tas, size_t n_tas,
                          mote_x509_pubkey *leaf_key)
{
    memset(c, 0, sizeof *c);
    c->tas = tas;
    c->n_tas = n_tas;
    c->leaf_key = leaf_key;
    c->purpose = MOTE_X509_PURPOSE_SERVER;
    c->state = MOTE_X509_ST_OPEN;
}

int mote_x509_chain_set_host(mote_x509_chain *c, const char *host, size_t len)
{
    uint8_t ip[16];
    int n;
    if (!host) return MOTE_ERR_BAD_INPUT;
    n = mote_x509_parse_ip(host, len, ip);
    if (n > 0) {
        c->ip_len = (uint8_t)n;
    } else {
        n = mote_x509_host_check(host, len);
        if (n < 0) return MOTE_ERR_BAD_INPUT;
        c->ip_len = 0;
        len = (size_t)n;
    }
    c->host = host;
    c->host_len = (uint16_t)len;
    return MOTE_OK;
}

void mote_x509_chain_set_time(mote_x509_chain *c, int64_t now)
{
    c->now = now;
    c->time_set = 1;
}

void mote_x509_chain_set_purpose(mote_x509_chain *c, int purpose)
{
    c->purpose = (uint8_t)purpose;
}

void mote_x509_chain_set_flags(mote_x509_chain *c, unsigned flags)
{
    c->flags = (uint8_t)flags;
}

void mote_x509_chain_set_progress(mote_x509_chain *c, const mote_progress *pg)
{
    c->progress.fn = pg ? pg->fn : NULL;
    c->progress.arg = pg ? pg->arg : NULL;
}

void mote_x509_chain_set_tbs_buffer(mote_x509_chain *c, uint8_t *buf, size_t len)
{
    len /= 2;
    c->tbs_buf = len ? buf : 0;
    c->tbs_half = (uint16_t)(len > 0xFFFF ? 0xFFFF : len);
}

int mote_x509_chain_begin(mote_x509_chain *c)
{
    uint8_t role, ksel;
    if (c->state == MOTE_X509_ST_FAILED) return c->err;
    if (c->state == MOTE_X509_ST_IN_CERT) return fail(c, MOTE_ERR_BAD_INPUT);
    if (c->ncert == 255) return fail(c, MOTE_ERR_X509_PATH_TOO_LONG);
    c->ncert++;
    if (c->ncert == 1) {
        role = MOTE_X509_ROLE_LEAF;
        ksel = c->leaf_key ? MOTE_X509_KSEL_LEAF : MOTE_X509_KSEL_INT;
        if (c->leaf_key) c->leaf_key->type = MOTE_X509_KEY_NONE;
    } else if (c->state == MOTE_X509_ST_ANCHORED) {
        role = MOTE_X509_ROLE_SKIP;
        ksel = MOTE_X509_KSEL_NONE;
    } else {
        role = MOTE_X509_ROLE_CAND;
        ksel = MOTE_X509_KSEL_INT;
    }
    mote_x509_cert_start(c, role, ksel);
    if (c->state == MOTE_X509_ST_OPEN) c->state = MOTE_X509_ST_IN_CERT;
    return MOTE_OK;
}

int mote_x509_chain_feed(mote_x509_chain *c, const uint8_t *p, size_t len)
{
    int r;
    if (c->state == MOTE_X509_ST_FAILED) return c->err;
    if (c->ncert == 0) return fail(c, MOTE_ERR_BAD_INPUT);
    r = mote_x509_cert_feed(c, p, len);
    return r ? fail(c, r) : MOTE_OK;
}

int mote_x509_chain_end(mote_x509_chain *c)
{
    int r;
    if (c->state == MOTE_X509_ST_FAILED) return c->err;
    if (c->ncert == 0) return fail(c, MOTE_ERR_BAD_INPUT);
    r = mote_x509_cert_done(c);
    if (r) return fail(c, r);
    if (c->state == MOTE_X509_ST_IN_CERT) c->state = MOTE_X509_ST_OPEN;
    return MOTE_OK;
}

int mote_x509_chain_add(mote_x509_chain *c, const uint8_t *der, size_t len)
{
    int r = mote_x509_chain_begin(c);
    if (!r) r = mote_x509_chain_feed(c, der, len);
    if (!r) r = mote_x509_chain_end(c);
    return r;
}

int mote_x509_chain_finish(mote_x509_chain *c)
{
    if (c->state == MOTE_X509_ST_FAILED) return c->err;
    if (c->state == MOTE_X509_ST_ANCHORED) return MOTE_OK;
    if (c->ncert == 0) return fail(c, MOTE_ERR_X509_EMPTY);
    if (c->state == MOTE_X509_ST_IN_CERT) return fail(c, MOTE_ERR_BAD_INPUT);
    fail(c, c->soft_err ? c->soft_err : MOTE_ERR_X509_UNKNOWN_ISSUER);
    c->err_cert = c->path_last; /* the certificate whose issuer is missing */
    return c->err;
}

const char *mote_x509_strerror(int err)
{
    switch (err) {
    case MOTE_ERR_X509_EXPIRED:
        return "expired";
    case MOTE_ERR_X509_NOT_YET_VALID:
        return "not yet valid";
    case MOTE_ERR_X509_UNKNOWN_ISSUER:
        return "unknown issuer";
    case MOTE_ERR_X509_BAD_SIGNATURE:
        return "bad signature";
    case MOTE_ERR_X509_NAME_MISMATCH:
        return "name mismatch";
    case MOTE_ERR_X509_NOT_CA:
        return "not a CA";
    case MOTE_ERR_X509_PATH_TOO_LONG:
        return "path too long";
    case MOTE_ERR_X509_CRITICAL_EXT:
        return "unsupported critical extension";
    case MOTE_ERR_X509_MALFORMED:
        return "malformed encoding";
    case MOTE_ERR_X509_WEAK_KEY:
        return "weak key";
    case MOTE_ERR_X509_WEAK_HASH:
        return "weak signature hash (MD5/SHA-1)";
    case MOTE_ERR_X509_UNSUPPORTED:
        return "unsupported algorithm or key";
    case MOTE_ERR_X509_BAD_USAGE:
        return "key usage does not allow this purpose";
    case MOTE_ERR_X509_NAME_CONSTRAINTS:
        return "name outside the issuer's name constraints";
    case MOTE_ERR_X509_NO_TIME:
        return "no current time given";
    case MOTE_ERR_X509_EMPTY:
        return "no certificate";
    default:
        return 0;
    }
}

/* ---- trust anchors from certificates ---- */

void mote_x509_name_hash(const uint8_t *name, size_t len, uint8_t out[MOTE_X509_NAME_HASH_LEN])
{
    uint8_t h[MOTE_SHA256_LEN];
    mote_sha256(name, len, h);
    memcpy(out, h, MOTE_X509_NAME_HASH_LEN);
}

int mote_x509_ta_from_cert(mote_x509_trust_anchor *ta, uint8_t *store, size_t store_cap,
                           size_t *used, const uint8_t *der, size_t len)
{
    mote_x509_chain c;
    int r;
    uint32_t f;
    mote_x509_chain_init(&c, 0, 0, 0);
    mote_x509_cert_start(&c, MOTE_X509_ROLE_ANCHOR, MOTE_X509_KSEL_INT);
    r = mote_x509_cert_feed(&c, der, len);
    if (!r) r = mote_x509_cert_done(&c);
    if (r) return r;
    f = c.cflags;
    if ((r = key_problem(&c)) != 0) return r;
    if (c.klen > store_cap) return MOTE_ERR_BAD_INPUT;
    memset(ta, 0, sizeof *ta);
    memcpy(ta->name_hash, c.pend_issuer, MOTE_X509_NAME_HASH_LEN);
    ta->key_type = c.key_state;
    ta->key_len = c.klen;
    ta->rsa_e = c.ke;
    memcpy(store, c.u.ikey, c.klen);
    ta->key = store;
    *used = c.klen;
    /* a CA: basicConstraints cA, or no basicConstraints at all (v1 roots);
     * never with a keyUsage that lacks keyCertSign */
    if (((f & MOTE_X509_F_HAS_BC) ? (f & MOTE_X509_F_CA) : 1) &&
        !((f & MOTE_X509_F_HAS_KU) && !(c.ku & MOTE_X509_KU_KEY_CERT_SIGN)))
        ta->flags = MOTE_X509_TA_CA;
    ta->path_len = c.path_len >= 0 ? (uint8_t)c.path_len : 0xFF;
    return MOTE_OK;
}

int mote_x509_ta_load(mote_x509_trust_anchor *tas, size_t max, size_t *count, size_t *skipped,
                      uint8_t *store, size_t store_cap, const uint8_t *data, size_t len)
{
    size_t n = 0, nskip = 0, at = 0;
    int r;
    *count = 0;
    if (skipped) *skipped = 0;
    if (len && data[0] == 0x30) { /* one DER certificate */
        size_t used;
        if (max == 0) return MOTE_ERR_BAD_INPUT;
        r = mote_x509_ta_from_cert(tas, store, store_cap, &used, data, len);
        if (r) return r;
        *count = 1;
        return MOTE_OK;
    }
    /* a PEM bundle: each object is decoded into the free part of store, then
     * only its key is kept there */
    {
        mote_pem p;
        size_t got, obj = 0;
        int in_cert = 0;
        mote_pem_init(&p);
        mote_pem_input(&p, data, len);
        for (;;) {
            size_t avail = store_cap - at - obj;
            uint8_t spare;
            r = mote_pem_next(&p, avail ? store + at + obj : &spare, avail ? avail : 1, &got);
            if (r < 0) return r;
            if (r == MOTE_PEM_NEED) break;
            if (r == MOTE_PEM_BEGIN) {
                in_cert = strcmp(p.label, "CERTIFICATE") == 0 ||
                          strcmp(p.label, "TRUSTED CERTIFICATE") == 0;
                obj = 0;
            } else if (r == MOTE_PEM_DATA) {
                if (!in_cert) continue;
                if (!avail) return MOTE_ERR_BAD_INPUT;
                obj += got;
            } else if (r == MOTE_PEM_END && in_cert) {
                size_t used;
                if (n == max) return MOTE_ERR_BAD_INPUT;
                /* decode from the copy just made, keys go to its start */
                r = mote_x509_ta_from_cert(&tas[n], store + at, store_cap - at, &used, store + at,
                                           obj);
                if (r == MOTE_ERR_X509_UNSUPPORTED || r == MOTE_ERR_X509_WEAK_KEY) {
                    nskip++;
                } else if (r) {
                    return r;
                } else {
                    at += used;
                    n++;
                }
                in_cert = 0;
                obj = 0;
            }
        }
        if ((r = mote_pem_finish(&p)) != 0) return r;
    }
    *count = n;
    if (skipped) *skipped = nskip;
    return MOTE_OK;
}

#endif
