/* The streaming certificate decoder: DER events in, the facts that
 * validation needs out (see x509_int.h). Nothing of the certificate is kept
 * but what the chain logic asks for: the TBS goes through a hash as it
 * passes (SHA-256/384/512, chosen when the TBS signature algorithm has been
 * read; the bytes before it wait in a small buffer), names go through
 * SHA-256, the public key goes where the chain logic points, the signature
 * to the pending-signature buffer. Extensions are parsed inside their OCTET
 * STRINGs only when mote understands them; subjectAltName and
 * nameConstraints are matched against the host on the fly. */
#include "x509/x509_int.h"

#include <string.h>

#include "mote/x509.h"
#include "x509/der_stream.h"

#if MOTE_ENABLE_X509

/* What an element is (c->ctx[depth]). */
enum {
    C_NONE,
    C_CERT,
    C_TBS,
    C_SIGALG, /* Certificate.signatureAlgorithm */
    C_SIGVAL,
    C_VERSION,
    C_VERSION_INT,
    C_SERIAL,
    C_TBS_ALG,
    C_ISSUER,
    C_VALIDITY,
    C_TIME_NB,
    C_TIME_NA,
    C_SUBJECT,
    C_SPKI,
    C_UID,
    C_EXTS_WRAP,
    C_EXTS,
    C_EXT,
    C_EXT_OID,
    C_EXT_CRIT,
    C_EXT_VAL,
    C_ALG_OID,
    C_ALG_NULL,
    C_PSS,
    C_PSS_HASH_X,
    C_PSS_HASH_ALG,
    C_PSS_HASH_OID,
    C_PSS_MGF_X,
    C_PSS_MGF_ALG,
    C_PSS_MGF_OID,
    C_PSS_MGF_HASH_ALG,
    C_PSS_MGF_HASH_OID,
    C_PSS_SALT_X,
    C_PSS_SALT_INT,
    C_PSS_TRAIL_X,
    C_PSS_TRAIL_INT,
    C_SPKI_ALG,
    C_SPKI_OID,
    C_SPKI_PARAM,
    C_SPKI_BITS,
    C_RSAKEY,
    C_RSA_N,
    C_RSA_E,
    C_BC,
    C_BC_CA,
    C_BC_PATHLEN,
    C_KU,
    C_EKU,
    C_EKU_OID,
    C_SAN,
    C_SAN_DNS,
    C_SAN_IP,
    C_NC,
    C_NC_PERM,
    C_NC_EXCL,
    C_NC_SUB_P,
    C_NC_SUB_E,
    C_NC_DNS_P,
    C_NC_DNS_E,
    C_NC_IP_P,
    C_NC_IP_E,
    C_RDN, /* a RelativeDistinguishedName of the leaf's subject */
    C_ATV, /* AttributeTypeAndValue */
    C_ATV_OID,
    C_CN,     /* a commonName value, matched against the host */
    C_IGNORED /* an element read and dropped */
};

/* TBS states (c->tbs_state). */
#define T_OFF    MOTE_X509_TBS_OFF
#define T_PREFIX MOTE_X509_TBS_PREFIX
#define T_HASH   MOTE_X509_TBS_HASH
#define T_KEEP   MOTE_X509_TBS_KEEP

/* The half of tbs_buf for the current certificate: not the pending one's. */
static uint8_t *keep_buf(const mote_x509_chain *c)
{
    return c->tbs_buf + (size_t)(c->tbs_slot ^ 1) * c->tbs_half;
}

/* Object identifiers mote knows (contents octets), in one table. */
enum {
    O_RSA_ENC,
    O_RSA_SHA256,
    O_RSA_SHA384,
    O_RSA_SHA512,
    O_RSA_PSS,
    O_RSA_SHA1,
    O_RSA_MD5,
    O_RSA_MD2,
    O_MGF1,
    O_EC_PUB,
    O_P256,
    O_P384,
    O_ECDSA_SHA256,
    O_ECDSA_SHA384,
    O_ECDSA_SHA512,
    O_ECDSA_SHA1,
    O_ED25519,
    O_SHA256,
    O_SHA384,
    O_SHA512,
    O_SHA1,
    O_EXT_BC,
    O_EXT_KU,
    O_EXT_EKU,
    O_EXT_SAN,
    O_EXT_NC,
    O_EXT_SKI,
    O_EXT_AKI,
    O_EKU_SERVER,
    O_EKU_CLIENT,
    O_EKU_ANY,
    O_CN,
    O_COUNT
};

/* length, then the contents octets, per OID, in the order above */
static const uint8_t oid_table[] = {
    9, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, /* rsaEncryption */
    9, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B, /* sha256WithRSAEncryption */
    9, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0C, /* sha384WithRSAEncryption */
    9, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0D, /* sha512WithRSAEncryption */
    9, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A, /* id-RSASSA-PSS */
    9, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05, /* sha1WithRSAEncryption */
    9, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x04, /* md5WithRSAEncryption */
    9, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x02, /* md2WithRSAEncryption */
    9, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x08, /* id-mgf1 */
    7, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01,             /* id-ecPublicKey */
    8, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07,       /* prime256v1 */
    5, 0x2B, 0x81, 0x04, 0x00, 0x22,                         /* secp384r1 */
    8, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02,       /* ecdsa-with-SHA256 */
    8, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x03,       /* ecdsa-with-SHA384 */
    8, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x04,       /* ecdsa-with-SHA512 */
    7, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x01,             /* ecdsa-with-SHA1 */
    3, 0x2B, 0x65, 0x70,                                     /* id-Ed25519 */
    9, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, /* id-sha256 */
    9, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, /* id-sha384 */
    9, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, /* id-sha512 */
    5, 0x2B, 0x0E, 0x03, 0x02, 0x1A,                         /* id-sha1 */
    3, 0x55, 0x1D, 0x13,                                     /* basicConstraints */
    3, 0x55, 0x1D, 0x0F,                                     /* keyUsage */
    3, 0x55, 0x1D, 0x25,                                     /* extKeyUsage */
    3, 0x55, 0x1D, 0x11,                                     /* subjectAltName */
    3, 0x55, 0x1D, 0x1E,                                     /* nameConstraints */
    3, 0x55, 0x1D, 0x0E,                                     /* subjectKeyIdentifier */
    3, 0x55, 0x1D, 0x23,                                     /* authorityKeyIdentifier */
    8, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01,       /* id-kp-serverAuth */
    8, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02,       /* id-kp-clientAuth */
    4, 0x55, 0x1D, 0x25, 0x00,                               /* anyExtendedKeyUsage */
    3, 0x55, 0x04, 0x03,                                     /* id-at-commonName */
    0,
};

/* The OID just collected in c->scratch (or O_COUNT if unknown). */
static int oid_id(const mote_x509_chain *c)
{
    const uint8_t *t = oid_table;
    int id = 0;
    if (c->scratch_len > sizeof c->scratch.b) return O_COUNT;
    while (*t) {
        if (*t == c->scratch_len && memcmp(t + 1, c->scratch.b, *t) == 0) return id;
        t += *t + 1;
        id++;
    }
    return O_COUNT;
}

/* Extensions mote processes or knowingly ignores (bits of c->ext_seen). */
enum { E_NONE, E_BC, E_KU, E_EKU, E_SAN, E_NC, E_HARMLESS, E_OTHER };
/* (the ends of C_EXT_OID and C_EKU_OID map OIDs to these by offset) */
typedef char ext_oids_in_order[O_EXT_NC - O_EXT_BC == E_NC - E_BC && O_EXT_SKI == O_EXT_NC + 1 &&
                                       O_EXT_AKI == O_EXT_SKI + 1 &&
                                       MOTE_X509_F_EKU_CLIENT == MOTE_X509_F_EKU_SERVER << 1 &&
                                       MOTE_X509_F_EKU_ANY == MOTE_X509_F_EKU_SERVER << 2 &&
                                       O_EKU_ANY == O_EKU_SERVER + 2
                                   ? 1
                                   : -1];

static int malformed(mote_x509_chain *c)
{
    c->err_offset = c->der.pos;
    return MOTE_ERR_X509_MALFORMED;
}

/* A bad content byte: the i-th of a DATA event (which the reader has
 * already passed). */
static int bad_byte(mote_x509_chain *c, const mote_derst_ev *ev, uint32_t i)
{
    c->err_offset = c->der.pos - ev->len + i;
    return MOTE_ERR_X509_MALFORMED;
}

void mote_x509_cert_start(mote_x509_chain *c, uint8_t role, uint8_t ksel)
{
    mote_derst_init(&c->der);
    memset(c->ctx, 0, sizeof c->ctx);
    memset(c->idx, 0, sizeof c->idx);
    c->role = role;
    c->ksel = ksel;
    c->klen = 0;
    c->ke = 0;
    c->cflags = 0;
    c->acc = 0;
    c->ku = 0;
    c->prefix_len = 0;
    c->path_len = -1;
    c->tbs_field = 0;
    c->version = 0;
    c->ext_id = E_NONE;
    c->ext_seen = 0;
    c->tbs_state = T_OFF;
    c->name_state = 0;
    c->scratch_len = 0;
    c->key_state = 0;
    memset(&c->tbs_alg, 0, sizeof c->tbs_alg);
    memset(&c->out_alg, 0, sizeof c->out_alg);
}

/* Raw certificate bytes, in order, before the event they complete. */
static void raw(mote_x509_chain *c, const uint8_t *p, size_t n)
{
    if (c->tbs_state == T_PREFIX) {
        if (c->prefix_len + n <= sizeof c->u.prefix) {
            memcpy(c->u.prefix + c->prefix_len, p, n);
            c->prefix_len = (uint16_t)(c->prefix_len + n);
        } else { /* a serial number far beyond RFC 5280's 20 bytes */
            c->tbs_state = T_OFF;
            c->cflags |= MOTE_X509_F_SIG_UNSUPP;
        }
    } else if (c->tbs_state == T_HASH) {
        mote_x509_hash_desc(c->tbs_alg.hash)->update(&c->tbs_hash, p, n);
    } else if (c->tbs_state == T_KEEP) {
        if (c->prefix_len + n <= c->tbs_half) {
            memcpy(keep_buf(c) + c->prefix_len, p, n);
            c->prefix_len = (uint16_t)(c->prefix_len + n);
        } else { /* bigger than the caller's buffer */
            c->tbs_state = T_OFF;
            c->cflags |= MOTE_X509_F_SIG_UNSUPP;
        }
    }
    if (c->name_state) mote_sha256_update(&c->u.name, p, n);
}

/* The host of the check, if it is a DNS name (not an IP literal). */
static int host_is_dns(const mote_x509_chain *c)
{
    return c->host && c->ip_len == 0;
}

/* Small INTEGERs (version, pathLen, salt, exponent): value in c->acc, the
 * first byte kept for the minimality check; 0xFFFFFFFF when too big. */
static int int_bytes(mote_x509_chain *c, const mote_derst_ev *ev)
{
    uint32_t i;
    for (i = 0; i < ev->len; i++) {
        uint8_t b = ev->p[i];
        uint32_t at = ev->off + i;
        if (at == 0) {
            if (b & 0x80) return bad_byte(c, ev, i); /* negative */
            c->scratch.b[0] = b;
        } else if (at == 1 && c->scratch.b[0] == 0 && !(b & 0x80)) {
            return bad_byte(c, ev, i); /* not minimal */
        }
        if (c->acc > 0x00FFFFFFu)
            c->acc = 0xFFFFFFFFu;
        else
            c->acc = (c->acc << 8) | b;
    }
    return 0;
}

/* The signature algorithm being read: the TBS's or the outer one. */
static mote_x509_sigalg *cur_alg(mote_x509_chain *c, unsigned depth)
{
    /* the AlgorithmIdentifier is at depth 2 inside the TBS, 1 outside */
    unsigned d;
    for (d = depth; d > 0; d--)
        if (c->ctx[d] == C_TBS_ALG) return &c->tbs_alg;
    return &c->out_alg;
}

static uint8_t hash_of_oid(int oid)
{
    switch (oid) {
    case O_SHA256:
        return MOTE_HASH_SHA256;
    case O_SHA384:
        return MOTE_HASH_SHA384;
    case O_SHA512:
        return MOTE_HASH_SHA512;
    case O_SHA1:
        return MOTE_X509_HASH_SHA1;
    default:
        return 0;
    }
}

static void set_alg(mote_x509_sigalg *a, int oid)
{
    a->salt = 0;
    a->mgf = 0;
    switch (oid) {
    case O_RSA_SHA256:
        a->scheme = MOTE_X509_SIG_PKCS1, a->hash = MOTE_HASH_SHA256;
        break;
    case O_RSA_SHA384:
        a->scheme = MOTE_X509_SIG_PKCS1, a->hash = MOTE_HASH_SHA384;
        break;
    case O_RSA_SHA512:
        a->scheme = MOTE_X509_SIG_PKCS1, a->hash = MOTE_HASH_SHA512;
        break;
    case O_ECDSA_SHA256:
        a->scheme = MOTE_X509_SIG_ECDSA, a->hash = MOTE_HASH_SHA256;
        break;
    case O_ECDSA_SHA384:
        a->scheme = MOTE_X509_SIG_ECDSA, a->hash = MOTE_HASH_SHA384;
        break;
    case O_ECDSA_SHA512:
        a->scheme = MOTE_X509_SIG_ECDSA, a->hash = MOTE_HASH_SHA512;
        break;
    case O_ED25519:
        a->scheme = MOTE_X509_SIG_ED25519, a->hash = 0;
        break;
    case O_RSA_PSS: /* RFC 4055 defaults: SHA-1, MGF1 with SHA-1, salt 20 */
        a->scheme = MOTE_X509_SIG_PSS;
        a->hash = MOTE_X509_HASH_SHA1;
        a->mgf = MOTE_X509_HASH_SHA1;
        a->salt = 20;
        break;
    case O_RSA_SHA1:
    case O_RSA_MD5:
    case O_RSA_MD2:
    case O_ECDSA_SHA1:
        a->scheme = MOTE_X509_SIG_WEAK, a->hash = 0;
        break;
    default:
        a->scheme = MOTE_X509_SIG_NONE, a->hash = 0;
        break;
    }
}

/* Once the TBS signature algorithm is known: start hashing the TBS. */
static void start_tbs_hash(mote_x509_chain *c)
{
    const mote_x509_sigalg *a = &c->tbs_alg;
    const mote_hash_desc *h = mote_x509_hash_desc(a->hash);
    if (c->tbs_state != T_PREFIX) return;
    if (MOTE_ENABLE_ED25519 && a->scheme == MOTE_X509_SIG_ED25519 && c->tbs_buf &&
        c->prefix_len <= c->tbs_half) {
        /* the signature covers the TBS itself: keep it whole */
        memcpy(keep_buf(c), c->u.prefix, c->prefix_len);
        c->tbs_state = T_KEEP;
        return;
    }
    if (!h || (a->scheme != MOTE_X509_SIG_PKCS1 && a->scheme != MOTE_X509_SIG_ECDSA &&
               !(a->scheme == MOTE_X509_SIG_PSS && a->mgf == a->hash))) {
        /* MD5/SHA-1, unknown, Ed25519 without a buffer for its TBS: this
         * certificate's own signature can't be checked; fine only if it is
         * never needed (an anchor) */
        c->tbs_state = T_OFF;
        c->cflags |= MOTE_X509_F_SIG_UNSUPP;
        return;
    }
    h->init(&c->tbs_hash);
    h->update(&c->tbs_hash, c->u.prefix, c->prefix_len);
    c->tbs_state = T_HASH;
}

/* ---- START: name the element, check its tag, steer the reader ---- */

static int expect(mote_x509_chain *c, const mote_derst_ev *ev, uint8_t tag, uint8_t ctx)
{
    if (ev->tag != tag) return malformed(c);
    c->ctx[ev->depth] = ctx;
    return 0;
}

/* A name is hashed as it passes; its content is parsed only for the
 * leaf's subject when a host name is checked (the commonName fallback). */
static void start_name(mote_x509_chain *c, const mote_derst_ev *ev, int parse)
{
    uint8_t hdr[6];
    unsigned n = mote_derst_header(hdr, ev->tag, ev->len);
    mote_sha256_init(&c->u.name);
    mote_sha256_update(&c->u.name, hdr, n);
    c->name_state = 1;
    if (!parse) mote_derst_skip(&c->der);
}

static int start_tbs_child(mote_x509_chain *c, const mote_derst_ev *ev)
{
    uint8_t f = c->tbs_field, t = ev->tag;
    if (f == 0 && t == 0xA0) {
        c->tbs_field = 1;
        return expect(c, ev, 0xA0, C_VERSION);
    }
    if (f <= 1) {
        c->tbs_field = 2;
        if (expect(c, ev, 0x02, C_SERIAL)) return MOTE_ERR_X509_MALFORMED;
        mote_derst_skip(&c->der);
        return 0;
    }
    if (f <= 6) {
        static const uint8_t ctxs[] = {C_TBS_ALG, C_ISSUER, C_VALIDITY, C_SUBJECT, C_SPKI};
        c->tbs_field = (uint8_t)(f + 1);
        if (expect(c, ev, 0x30, ctxs[f - 2])) return MOTE_ERR_X509_MALFORMED;
        if (f == 3 || f == 5)
            start_name(c, ev, f == 5 && c->role == MOTE_X509_ROLE_LEAF && host_is_dns(c));
        if (f == 6) {
            c->klen = 0;
            c->ke = 0;
        }
        return 0;
    }
    /* issuerUniqueID [1], subjectUniqueID [2] (v2+), extensions [3] (v3) */
    if (t == 0x81 && f == 7 && c->version >= 1) {
        c->tbs_field = 8;
    } else if (t == 0x82 && f <= 8 && c->version >= 1) {
        c->tbs_field = 9;
    } else if (t == 0xA3 && f <= 9 && c->version == 2) {
        c->tbs_field = 10;
        c->ctx[ev->depth] = C_EXTS_WRAP;
        return 0;
    } else {
        return malformed(c);
    }
    c->ctx[ev->depth] = C_UID;
    mote_derst_skip(&c->der);
    return 0;
}

static int start_ext_value(mote_x509_chain *c, const mote_derst_ev *ev)
{
    uint8_t bit;
    if (expect(c, ev, 0x04, C_EXT_VAL)) return MOTE_ERR_X509_MALFORMED;
    switch (c->ext_id) {
    case E_BC:
    case E_KU:
    case E_EKU:
    case E_SAN:
    case E_NC:
        bit = (uint8_t)(1u << c->ext_id);
        if (c->ext_seen & bit) return malformed(c); /* a duplicate */
        c->ext_seen |= bit;
        return mote_derst_descend(&c->der) ? malformed(c) : 0;
    case E_HARMLESS:
        break;
    default:
        if (c->cflags & MOTE_X509_F_CRIT) c->cflags |= MOTE_X509_F_CRIT_UNKNOWN;
        break;
    }
    mote_derst_skip(&c->der);
    return 0;
}

/* The name matcher of SAN / constraint dNSNames, when it applies. */
static void start_dns(mote_x509_chain *c, const mote_derst_ev *ev, uint8_t mode)
{
    c->scratch.nm.ok = 0;
    if (host_is_dns(c)) mote_x509_nm_start(&c->scratch.nm, mode, ev->len, c->host_len);
}

/* The children that need nothing but a name: parent, index (ANY: any),
 * tag, what the child is. The rest is code in on_start. */
#define ANY 0xFF
static const uint8_t simple_children[][4] = {
    {C_CERT, 1, 0x30, C_SIGALG},
    {C_VERSION, 0, 0x02, C_VERSION_INT},
    {C_TBS_ALG, 0, 0x06, C_ALG_OID},
    {C_SIGALG, 0, 0x06, C_ALG_OID},
    {C_PSS_HASH_ALG, 0, 0x06, C_PSS_HASH_OID},
    {C_PSS_MGF_HASH_ALG, 0, 0x06, C_PSS_MGF_HASH_OID},
    {C_TBS_ALG, 1, 0x05, C_ALG_NULL},
    {C_SIGALG, 1, 0x05, C_ALG_NULL},
    {C_PSS_HASH_ALG, 1, 0x05, C_ALG_NULL},
    {C_PSS_MGF_HASH_ALG, 1, 0x05, C_ALG_NULL},
    {C_PSS_HASH_X, 0, 0x30, C_PSS_HASH_ALG},
    {C_PSS_MGF_X, 0, 0x30, C_PSS_MGF_ALG},
    {C_PSS_MGF_ALG, 0, 0x06, C_PSS_MGF_OID},
    {C_PSS_MGF_ALG, 1, 0x30, C_PSS_MGF_HASH_ALG},
    {C_PSS_SALT_X, 0, 0x02, C_PSS_SALT_INT},
    {C_PSS_TRAIL_X, 0, 0x02, C_PSS_TRAIL_INT},
    {C_VALIDITY, 0, 0x17, C_TIME_NB},
    {C_VALIDITY, 0, 0x18, C_TIME_NB},
    {C_VALIDITY, 1, 0x17, C_TIME_NA},
    {C_VALIDITY, 1, 0x18, C_TIME_NA},
    {C_SPKI, 0, 0x30, C_SPKI_ALG},
    {C_SPKI_ALG, 0, 0x06, C_SPKI_OID},
    {C_RSAKEY, 0, 0x02, C_RSA_N},
    {C_RSAKEY, 1, 0x02, C_RSA_E},
    {C_EXTS_WRAP, 0, 0x30, C_EXTS},
    {C_EXT, 0, 0x06, C_EXT_OID},
    {C_EXT, 1, 0x01, C_EXT_CRIT},
    {C_BC, 0, 0x01, C_BC_CA},
    {C_BC, 0, 0x02, C_BC_PATHLEN},
    {C_EKU, ANY, 0x06, C_EKU_OID},
    {C_NC, 0, 0xA0, C_NC_PERM},
    {C_NC, 0, 0xA1, C_NC_EXCL},
    {C_NC_PERM, ANY, 0x30, C_NC_SUB_P},
    {C_NC_EXCL, ANY, 0x30, C_NC_SUB_E},
};

static int on_start(mote_x509_chain *c, const mote_derst_ev *ev)
{
    unsigned k;
    unsigned d = ev->depth;
    uint8_t parent, i, prev, t = ev->tag;
    if (d > MOTE_DERST_MAX_DEPTH) return malformed(c);
    /* universal types with a fixed or non-zero length */
    if (((t == 0x02 || t == 0x06) && ev->len == 0) || (t == 0x01 && ev->len != 1) ||
        (t == 0x05 && ev->len != 0))
        return malformed(c);
    prev = d && c->idx[d - 1] ? c->ctx[d] : C_NONE; /* the previous sibling */
    c->ctx[d] = C_NONE;
    c->idx[d] = 0;
    c->scratch_len = 0;
    c->acc = 0;
    if (d == 0) {
        if (c->cflags & MOTE_X509_F_SEEN) return malformed(c); /* one certificate only */
        c->cflags |= MOTE_X509_F_SEEN;
        if (expect(c, ev, 0x30, C_CERT)) return MOTE_ERR_X509_MALFORMED;
        if (c->role == MOTE_X509_ROLE_SKIP) mote_derst_skip(&c->der);
        return 0;
    }
    parent = c->ctx[d - 1];
    i = c->idx[d - 1];
    if (c->idx[d - 1] < 255) c->idx[d - 1]++;
    for (k = 0; k < sizeof simple_children / sizeof simple_children[0]; k++) {
        const uint8_t *r = simple_children[k];
        if (r[0] == parent && (r[1] == ANY || r[1] == i) && r[2] == t) {
            c->ctx[d] = r[3];
            if (r[3] == C_TIME_NB || r[3] == C_TIME_NA) c->acc = t; /* UTCTime or not */
            return 0;
        }
    }
    switch (parent) {
    case C_CERT:
        if (i == 0) {
            if (expect(c, ev, 0x30, C_TBS)) return MOTE_ERR_X509_MALFORMED;
            if (c->role == MOTE_X509_ROLE_LEAF || c->role == MOTE_X509_ROLE_CAND) {
                c->prefix_len = (uint16_t)mote_derst_header(c->u.prefix, t, ev->len);
                c->tbs_state = T_PREFIX;
            }
            return 0;
        }
        if (i != 2 || expect(c, ev, 0x03, C_SIGVAL)) return malformed(c);
        if (c->role == MOTE_X509_ROLE_LEAF || (c->cflags & MOTE_X509_F_ACCEPTED))
            c->pend_sig_len = 0;
        return 0;
    case C_TBS:
        return start_tbs_child(c, ev);
    case C_TBS_ALG:
    case C_SIGALG: /* RSASSA-PSS-params */
        if (i == 1 && cur_alg(c, d - 1)->scheme == MOTE_X509_SIG_PSS)
            return expect(c, ev, 0x30, C_PSS);
        return malformed(c);
    case C_PSS: {
        /* [0] hash, [1] maskGen, [2] saltLength, [3] trailerField, in order */
        static const uint8_t order[] = {C_PSS_HASH_X, C_PSS_MGF_X, C_PSS_SALT_X, C_PSS_TRAIL_X};
        if (t < 0xA0 || t > 0xA3) return malformed(c);
        c->ctx[d] = order[t - 0xA0];
        for (k = (unsigned)(t - 0xA0); k < 4; k++)
            if (prev == order[k]) return malformed(c); /* out of order or repeated */
        return 0;
    }
    case C_SPKI:
        if (i != 1 || expect(c, ev, 0x03, C_SPKI_BITS)) return malformed(c);
        c->cflags |= MOTE_X509_F_KEY_SEEN;
        if (c->key_state == MOTE_X509_KEY_RSA) {
            c->ctx[d] = C_IGNORED;
            return mote_derst_descend_bits(&c->der) ? malformed(c) : 0;
        }
        return 0;
    case C_SPKI_ALG:
        if (i != 1) return malformed(c);
        c->ctx[d] = C_SPKI_PARAM;
        if (t != 0x06) mote_derst_skip(&c->der); /* NULL, or RSA-PSS parameters */
        return 0;
    case C_IGNORED: /* the BIT STRING around an RSAPublicKey */
        if (c->ctx[d - 2] != C_SPKI || i != 0) return malformed(c);
        return expect(c, ev, 0x30, C_RSAKEY);
    case C_EXTS:
        c->ext_id = E_NONE;
        c->cflags &= ~MOTE_X509_F_CRIT;
        return expect(c, ev, 0x30, C_EXT);
    case C_EXT:
        if (i == 0 || i > 2 || (i == 2 && prev != C_EXT_CRIT)) return malformed(c);
        return start_ext_value(c, ev);
    case C_EXT_VAL: {
        /* the value of E_BC .. E_NC (start_ext_value descends into no other) */
        static const uint8_t val[][2] = {
            {0x30, C_BC}, {0x03, C_KU}, {0x30, C_EKU}, {0x30, C_SAN}, {0x30, C_NC}};
        const uint8_t *v = val[(c->ext_id + 5u - E_BC) % 5u]; /* (in bounds for any id) */
        if (i != 0) return malformed(c);                      /* one element in the OCTET STRING */
        return expect(c, ev, v[0], v[1]);
    }
    case C_BC:
        if (i == 1 && prev == C_BC_CA) return expect(c, ev, 0x02, C_BC_PATHLEN);
        return malformed(c);
    case C_SAN:
        if (t == 0x82 && c->role == MOTE_X509_ROLE_LEAF) {
            c->cflags |= MOTE_X509_F_SAN_DNS;
            c->ctx[d] = C_SAN_DNS;
            start_dns(c, ev, MOTE_X509_NM_SAN);
        } else if (t == 0x87 && c->role == MOTE_X509_ROLE_LEAF) {
            c->ctx[d] = C_SAN_IP;
        } else {
            c->ctx[d] = C_IGNORED;
            mote_derst_skip(&c->der);
        }
        return 0;
    case C_NC:
        if (i == 1 && prev == C_NC_PERM) return expect(c, ev, 0xA1, C_NC_EXCL);
        return malformed(c);
    case C_SUBJECT: /* SET OF SEQUENCE { type, value }: anything else is only hashed */
    case C_RDN:
    case C_ATV:
        if (parent == C_SUBJECT && t == 0x31) {
            c->ctx[d] = C_RDN;
        } else if (parent == C_RDN && t == 0x30) {
            c->ctx[d] = C_ATV;
        } else if (parent == C_ATV && i == 0 && t == 0x06) {
            c->ctx[d] = C_ATV_OID;
        } else if (parent == C_ATV && i == 1 && (c->cflags & MOTE_X509_F_CN_NEXT) &&
                   (t == 0x0C || t == 0x13 || t == 0x16)) {
            /* a commonName in UTF8String, PrintableString or IA5String */
            c->ctx[d] = C_CN;
            start_dns(c, ev, MOTE_X509_NM_SAN);
        } else {
            c->ctx[d] = C_IGNORED;
            mote_derst_skip(&c->der);
        }
        return 0;
    case C_NC_SUB_P:
    case C_NC_SUB_E:
        if (i == 0 && t == 0x82) {
            c->ctx[d] = parent == C_NC_SUB_P ? C_NC_DNS_P : C_NC_DNS_E;
            start_dns(c, ev, MOTE_X509_NM_CONSTRAINT);
            return 0;
        }
        if (i == 0 && t == 0x87) {
            c->ctx[d] = parent == C_NC_SUB_P ? C_NC_IP_P : C_NC_IP_E;
            if (ev->len != 8 && ev->len != 32) return malformed(c);
            return 0;
        }
        c->ctx[d] = C_IGNORED; /* other name forms, minimum, maximum */
        mote_derst_skip(&c->der);
        return 0;
    default:
        /* children of primitive-only or skipped elements never reach here;
         * any other nesting is not a certificate */
        return malformed(c);
    }
}

/* ---- DATA ---- */

static int key_bytes(mote_x509_chain *c, const uint8_t *p, size_t n, uint32_t off, uint32_t total)
{
    size_t cap;
    uint8_t *kdata = mote_x509_kdata(c, &cap);
    if (c->cflags & MOTE_X509_F_KEY_UNSUPP) return 0;
    if (total > cap) { /* bigger than mote takes (or a garbage length) */
        c->cflags |= MOTE_X509_F_KEY_UNSUPP;
        return 0;
    }
    if (kdata) memcpy(kdata + off, p, n);
    c->klen = (uint16_t)total;
    return 0;
}

static int on_data(mote_x509_chain *c, const mote_derst_ev *ev)
{
    uint8_t ctx = c->ctx[ev->depth];
    uint32_t i;
    switch (ctx) {
    case C_VERSION_INT:
    case C_PSS_SALT_INT:
    case C_PSS_TRAIL_INT:
    case C_BC_PATHLEN:
    case C_RSA_E:
        return int_bytes(c, ev);
    case C_ALG_OID:
    case C_PSS_HASH_OID:
    case C_PSS_MGF_OID:
    case C_PSS_MGF_HASH_OID:
    case C_SPKI_OID:
    case C_SPKI_PARAM:
    case C_EXT_OID:
    case C_EKU_OID:
    case C_TIME_NB:
    case C_TIME_NA:
    case C_SAN_IP:
    case C_ATV_OID:
    case C_EXT_CRIT:
    case C_BC_CA:
    case C_KU:
        /* short values: collected whole (longer ones only counted) */
        for (i = 0; i < ev->len; i++, c->scratch_len = (uint8_t)(c->scratch_len + 1)) {
            if (c->scratch_len == 255) break;
            if (c->scratch_len < sizeof c->scratch.b) c->scratch.b[c->scratch_len] = ev->p[i];
        }
        return 0;
    case C_ALG_NULL:
        return malformed(c); /* NULL has no contents */
    case C_SIGVAL:
        if (c->role != MOTE_X509_ROLE_LEAF && !(c->cflags & MOTE_X509_F_ACCEPTED)) return 0;
        c->cflags |= MOTE_X509_F_SIG_SEEN;
        for (i = 0; i < ev->len; i++) {
            uint32_t at = ev->off + i;
            if (at == 0) {
                if (ev->p[i] != 0) return bad_byte(c, ev, i); /* unused bits */
            } else if (at - 1 < sizeof c->pend_sig) {
                c->pend_sig[at - 1] = ev->p[i];
            } else {
                c->cflags |= MOTE_X509_F_SIG_UNSUPP;
            }
        }
        c->pend_sig_len =
            (uint16_t)(ev->off + ev->len - 1 < sizeof c->pend_sig ? ev->off + ev->len - 1
                                                                  : sizeof c->pend_sig);
        return 0;
    case C_SPKI_BITS: /* an EC point or an Ed25519 key */
        for (i = 0; i < ev->len; i++) {
            if (ev->off + i == 0) {
                if (ev->p[i] != 0) return bad_byte(c, ev, i);
                continue;
            }
            key_bytes(c, ev->p + i, 1, ev->off + i - 1, c->der.len - 1);
        }
        return 0;
    case C_RSA_N:
        for (i = 0; i < ev->len; i++) {
            uint32_t at = ev->off + i;
            uint8_t b = ev->p[i];
            if (at == 0) {
                if (b & 0x80) return bad_byte(c, ev, i);
                c->scratch.b[0] = b;
                if (b == 0) continue; /* the sign byte */
            } else if (at == 1 && c->scratch.b[0] == 0 && !(b & 0x80)) {
                return bad_byte(c, ev, i);
            }
            if (c->scratch.b[0] == 0)
                key_bytes(c, &b, 1, at - 1, c->der.len - 1);
            else
                key_bytes(c, &b, 1, at, c->der.len);
        }
        return 0;
    case C_SAN_DNS:
    case C_CN:
    case C_NC_DNS_P:
    case C_NC_DNS_E:
        if (host_is_dns(c)) mote_x509_nm_feed(&c->scratch.nm, c->host, c->host_len, ev->p, ev->len);
        return 0;
    case C_NC_IP_P:
    case C_NC_IP_E: {
        /* address then mask: keep (host ^ address), then test it under the mask */
        uint8_t ip[16];
        uint32_t half = c->der.len / 2;
        if (!c->host || c->ip_len != half) return 0;
        mote_x509_parse_ip(c->host, c->host_len, ip);
        for (i = 0; i < ev->len; i++) {
            uint32_t at = ev->off + i;
            if (at < half)
                c->scratch.b[at] = (uint8_t)(ip[at] ^ ev->p[i]);
            else if (c->scratch.b[at - half] & ev->p[i])
                c->acc = 1; /* outside the subtree */
        }
        return 0;
    }
    default:
        return 0; /* serial, names, unknown values: only hashed */
    }
}

/* ---- END ---- */

static int end_alg_oid(mote_x509_chain *c, unsigned depth)
{
    mote_x509_sigalg *a = cur_alg(c, depth);
    int oid = oid_id(c);
    uint8_t h;
    switch (c->ctx[depth]) {
    case C_ALG_OID:
        set_alg(a, oid);
        return 0;
    case C_PSS_HASH_OID:
        if (!(h = hash_of_oid(oid))) a->scheme = MOTE_X509_SIG_NONE;
        a->hash = h;
        return 0;
    case C_PSS_MGF_OID:
        if (oid != O_MGF1) a->scheme = MOTE_X509_SIG_NONE;
        return 0;
    default: /* C_PSS_MGF_HASH_OID */
        if (!(h = hash_of_oid(oid))) a->scheme = MOTE_X509_SIG_NONE;
        a->mgf = h;
        return 0;
    }
}

static int end_spki_oid(mote_x509_chain *c)
{
    int oid = oid_id(c);
    if (oid == O_RSA_ENC || oid == O_RSA_PSS)
        c->key_state = MOTE_X509_KEY_RSA;
    else if (oid == O_EC_PUB)
        c->key_state = 0x80; /* curve to come */
    else if (oid == O_ED25519)
        c->key_state = MOTE_X509_KEY_ED25519;
    else
        c->cflags |= MOTE_X509_F_KEY_UNSUPP;
    return 0;
}

static int end_key(mote_x509_chain *c)
{
    uint32_t n = c->der.len ? c->der.len - 1 : 0;
    uint8_t t = c->key_state;
    size_t cap;
    const uint8_t *kdata = mote_x509_kdata(c, &cap);
    if (!kdata || (c->cflags & MOTE_X509_F_KEY_UNSUPP)) return 0;
    if ((t == MOTE_X509_KEY_P256 && n == 65) || (t == MOTE_X509_KEY_P384 && n == 97)) {
        if (kdata[0] != 0x04) c->cflags |= MOTE_X509_F_KEY_UNSUPP; /* compressed */
    } else if (!(t == MOTE_X509_KEY_ED25519 && n == 32)) {
        c->cflags |= MOTE_X509_F_KEY_UNSUPP;
    }
    return 0;
}

static int end_rsa_n(mote_x509_chain *c)
{
    uint32_t n = c->der.len - (c->scratch.b[0] == 0 ? 1u : 0u), bits;
    uint8_t top;
    size_t cap;
    const uint8_t *kdata = mote_x509_kdata(c, &cap);
    if (c->der.len == 0 || (c->scratch.b[0] == 0 && c->der.len == 1)) return malformed(c);
    if (!kdata || (c->cflags & MOTE_X509_F_KEY_UNSUPP)) return 0;
    /* (a modulus over the room there was refused by key_bytes) */
    for (bits = n * 8, top = kdata[0]; bits && !(top & 0x80); top = (uint8_t)(top << 1))
        bits--;
    if (bits < MOTE_X509_MIN_RSA_BITS) c->cflags |= MOTE_X509_F_KEY_WEAK;
    return 0;
}

static int end_time(mote_x509_chain *c, int not_after)
{
    int64_t t;
    if (c->scratch_len > sizeof c->scratch.b ||
        mote_x509_parse_time((uint8_t)c->acc, c->scratch.b, c->scratch_len, &t))
        return malformed(c);
    if (c->time_set) {
        if (not_after && t < c->now) c->cflags |= MOTE_X509_F_EXPIRED;
        if (!not_after && t > c->now) c->cflags |= MOTE_X509_F_NOT_YET;
    }
    return 0;
}

static int on_end(mote_x509_chain *c, const mote_derst_ev *ev)
{
    unsigned d = ev->depth;
    uint8_t ctx = c->ctx[d];
    int oid;
    switch (ctx) {
    case C_CERT:
        if (c->idx[d] != 3 && c->role != MOTE_X509_ROLE_SKIP) return malformed(c);
        return mote_x509_on_cert_end(c);
    case C_TBS:
        if (c->tbs_field < 7) return malformed(c);
        return mote_x509_on_tbs_end(c);
    case C_VERSION:
        return c->idx[d] == 1 ? 0 : malformed(c);
    case C_VERSION_INT:
        if (c->acc > 2) return malformed(c);
        c->version = (uint8_t)c->acc;
        return 0;
    case C_TBS_ALG:
    case C_SIGALG:
        if (c->idx[d] == 0) return malformed(c);
        if (ctx == C_TBS_ALG) {
            start_tbs_hash(c);
            return 0;
        }
        /* the outer algorithm must repeat the TBS one */
        if (memcmp(&c->tbs_alg, &c->out_alg, sizeof c->out_alg) != 0) return malformed(c);
        return 0;
    case C_ALG_OID:
    case C_PSS_HASH_OID:
    case C_PSS_MGF_OID:
    case C_PSS_MGF_HASH_OID:
        return end_alg_oid(c, d);
    case C_PSS_SALT_INT:
        if (c->acc > 255) return malformed(c);
        cur_alg(c, d)->salt = (uint8_t)c->acc;
        return 0;
    case C_PSS_TRAIL_INT:
        if (c->acc != 1) cur_alg(c, d)->scheme = MOTE_X509_SIG_NONE;
        return 0;
    case C_ISSUER:
    case C_SUBJECT: {
        uint8_t h[MOTE_SHA256_LEN];
        c->name_state = 0;
        mote_sha256_final(&c->u.name, h);
        if (ctx == C_ISSUER) {
            memcpy(c->cur_issuer, h, MOTE_X509_NAME_HASH_LEN);
            return 0;
        }
        return mote_x509_on_subject(c, h);
    }
    case C_TIME_NB:
    case C_TIME_NA:
        return end_time(c, ctx == C_TIME_NA);
    case C_VALIDITY:
        return c->idx[d] == 2 ? 0 : malformed(c);
    case C_SPKI_OID:
        return end_spki_oid(c);
    case C_SPKI_PARAM:
        if (c->key_state == 0x80) {
            oid = oid_id(c);
            if (oid == O_P256 && MOTE_ENABLE_P256)
                c->key_state = MOTE_X509_KEY_P256;
            else if (oid == O_P384 && MOTE_ENABLE_P384)
                c->key_state = MOTE_X509_KEY_P384;
            else
                c->cflags |= MOTE_X509_F_KEY_UNSUPP;
        }
        return 0;
    case C_SPKI_ALG:
        if (c->key_state == 0x80) c->cflags |= MOTE_X509_F_KEY_UNSUPP; /* no curve */
        return 0;
    case C_SPKI_BITS:
        return end_key(c);
    case C_RSA_N:
        return end_rsa_n(c);
    case C_RSA_E:
        c->ke = c->acc;
        if (c->acc == 0xFFFFFFFFu || !(c->acc & 1) || c->acc < 3)
            c->cflags |= MOTE_X509_F_KEY_UNSUPP;
        return 0;
    case C_RSAKEY:
        return c->idx[d] == 2 ? 0 : malformed(c);
    case C_SPKI:
        if (c->idx[d] != 2) return malformed(c);
        if (!c->key_state) c->cflags |= MOTE_X509_F_KEY_UNSUPP;
        return mote_x509_on_spki(c);
    case C_EXT_OID:
        /* O_EXT_BC .. O_EXT_NC in the order of E_BC .. E_NC, then SKI, AKI */
        oid = oid_id(c);
        c->ext_id = (uint8_t)(oid < O_EXT_BC || oid > O_EXT_AKI ? E_OTHER
                              : oid >= O_EXT_SKI                ? E_HARMLESS
                                                                : E_BC + (oid - O_EXT_BC));
        return 0;
    case C_EXT_CRIT:
    case C_BC_CA: /* BOOLEANs: DER TRUE is 0xFF (an explicit FALSE is let pass) */
        if (c->scratch.b[0] != 0 && c->scratch.b[0] != 0xFF) return malformed(c);
        if (c->scratch.b[0]) c->cflags |= ctx == C_BC_CA ? MOTE_X509_F_CA : MOTE_X509_F_CRIT;
        return 0;
    case C_EXT:
        /* OID, [critical], value: the value is the last and must be there */
        if (c->idx[d] < 2 || c->ctx[d + 1] != C_EXT_VAL) return malformed(c);
        return 0;
    case C_EXT_VAL:
        /* a value mote parsed holds exactly one element */
        if (c->ext_id >= E_BC && c->ext_id <= E_NC && c->idx[d] != 1) return malformed(c);
        return 0;
    case C_BC_PATHLEN:
        c->path_len = (int16_t)(c->acc > 127 ? 127 : c->acc);
        return 0;
    case C_BC:
        c->cflags |= MOTE_X509_F_HAS_BC;
        return 0;
    case C_KU:
        if (c->scratch_len < 1 || c->scratch.b[0] > 7 || (c->scratch_len == 1 && c->scratch.b[0]))
            return malformed(c);
        c->cflags |= MOTE_X509_F_HAS_KU;
        c->ku = (uint16_t)((c->scratch_len > 1 ? c->scratch.b[1] << 8 : 0) |
                           (c->scratch_len > 2 ? c->scratch.b[2] : 0));
        return 0;
    case C_EKU:
        c->cflags |= MOTE_X509_F_HAS_EKU;
        return 0;
    case C_EKU_OID:
        /* O_EKU_SERVER, _CLIENT, _ANY: the flags MOTE_X509_F_EKU_SERVER << 0, 1, 2 */
        oid = oid_id(c);
        if (oid >= O_EKU_SERVER && oid <= O_EKU_ANY)
            c->cflags |= MOTE_X509_F_EKU_SERVER << (oid - O_EKU_SERVER);
        return 0;
    case C_SAN_DNS:
        if (host_is_dns(c) && mote_x509_nm_done(&c->scratch.nm)) c->cflags |= MOTE_X509_F_SAN_MATCH;
        return 0;
    case C_ATV_OID:
        c->cflags &= ~MOTE_X509_F_CN_NEXT;
        if (oid_id(c) == O_CN) c->cflags |= MOTE_X509_F_CN_NEXT;
        return 0;
    case C_CN:
        if (mote_x509_nm_done(&c->scratch.nm)) c->cflags |= MOTE_X509_F_CN_MATCH;
        return 0;
    case C_SAN_IP:
        if (c->host && c->ip_len && c->scratch_len == c->ip_len) {
            uint8_t ip[16];
            mote_x509_parse_ip(c->host, c->host_len, ip);
            if (memcmp(ip, c->scratch.b, c->ip_len) == 0) c->cflags |= MOTE_X509_F_SAN_MATCH;
        }
        return 0;
    case C_NC_DNS_P:
    case C_NC_DNS_E:
    case C_NC_IP_P:
    case C_NC_IP_E: {
        /* a subtree of the host's kind: is the host in it? */
        int in, dns = ctx == C_NC_DNS_P || ctx == C_NC_DNS_E;
        if (dns ? !host_is_dns(c) : !c->host || c->ip_len != c->der.len / 2) return 0;
        in = dns ? mote_x509_nm_done(&c->scratch.nm) : c->acc == 0;
        if (ctx == C_NC_DNS_P || ctx == C_NC_IP_P)
            c->cflags |= MOTE_X509_F_NC_PERM | (in ? MOTE_X509_F_NC_PERM_OK : 0);
        else if (in)
            c->cflags |= MOTE_X509_F_NC_EXCL_HIT;
        return 0;
    }
    default:
        return 0;
    }
}

int mote_x509_cert_feed(mote_x509_chain *c, const uint8_t *p, size_t n)
{
    mote_derst_ev ev;
    const uint8_t *last = p;
    int r;
    mote_derst_input(&c->der, p, n);
    for (;;) {
        r = mote_derst_next(&c->der, &ev);
        if (c->der.in != last) {
            raw(c, last, (size_t)(c->der.in - last));
            last = c->der.in;
        }
        if (r == MOTE_DERST_NEED) return 0;
        if (r < 0) return malformed(c);
        if (r == MOTE_DERST_START) {
            /* the length checks of the reader keep ev.len within the certificate */
            r = on_start(c, &ev);
        } else if (r == MOTE_DERST_DATA) {
            r = on_data(c, &ev);
        } else {
            r = on_end(c, &ev);
        }
        if (r) return r;
    }
}

int mote_x509_cert_done(mote_x509_chain *c)
{
    if (!(c->cflags & MOTE_X509_F_SEEN) || !mote_derst_idle(&c->der)) return malformed(c);
    return 0;
}

/* ---- small helpers shared with chain.c ---- */

const mote_hash_desc *mote_x509_hash_desc(uint8_t id)
{
    switch (id) {
    case MOTE_HASH_SHA256:
        return &mote_sha256_desc;
#if MOTE_ENABLE_SHA512
    case MOTE_HASH_SHA384:
        return &mote_sha384_desc;
    case MOTE_HASH_SHA512:
        return &mote_sha512_desc;
#endif
    default:
        return 0;
    }
}

static int digits(const uint8_t *s, int n)
{
    int v = 0, i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int64_t mote_x509_time(int year, int month, int day, int hour, int minute, int second)
{
    /* days from civil (proleptic Gregorian), for years 0..9999, in 32-bit
     * unsigned arithmetic (one 400-year era added to stay positive; the
     * divisions by constants need no library call on small cores) */
    uint32_t y = (uint32_t)(year + 400 - (month <= 2)), era, yoe, doy, doe;
    int32_t days;
    era = y / 400;
    yoe = y - era * 400;
    doy = (153u * (uint32_t)(month + (month > 2 ? -3 : 9)) + 2) / 5 + (uint32_t)day - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    days = (int32_t)(era * 146097 + doe) - 719468 - 146097;
    return (int64_t)days * 86400 + hour * 3600 + minute * 60 + second;
}

int mote_x509_parse_time(uint8_t tag, const uint8_t *s, size_t len, int64_t *out)
{
    static const uint8_t mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, mo, d, h, mi, se, leap;
    if (tag == 0x17 && len == 13) {
        y = digits(s, 2);
        if (y < 0) return -1;
        y += y < 50 ? 2000 : 1900;
        s += 2;
    } else if (tag == 0x18 && len == 15) {
        y = digits(s, 4);
        if (y < 0) return -1;
        s += 4;
    } else {
        return -1;
    }
    mo = digits(s, 2), d = digits(s + 2, 2), h = digits(s + 4, 2);
    mi = digits(s + 6, 2), se = digits(s + 8, 2);
    if (s[10] != 'Z' || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
        se < 0 || se > 59)
        return -1;
    leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[mo - 1] + (mo == 2 && leap)) return -1;
    *out = mote_x509_time(y, mo, d, h, mi, se);
    return 0;
}

#endif
