/* Chain validation, leaf first, as the certificates stream past (see
 * mote/x509.h for the rules). The state between certificates is the
 * "pending signature": the signature, signature algorithm, TBS digest and
 * issuer-name hash of the last certificate taken into the path. The next
 * certificate whose subject-name hash equals that issuer hash and whose key
 * verifies that signature (checked as soon as its SubjectPublicKeyInfo has
 * passed) joins the path; any other is skipped. A trust anchor whose
 * subject hash equals the pending issuer hash ends the path when its key
 * verifies the pending signature.
 *
 * One file holds both halves, so that the four points where they meet
 * cost no calls across files: the certificate decoder (first: DER events
 * in, the facts that validation needs out; nothing of the certificate is
 * kept but what the chain logic asks for: the TBS goes through a hash as
 * it passes (SHA-256/384/512, chosen when the TBS signature algorithm has
 * been read; the bytes before it wait in a small buffer), names go through
 * SHA-256, the public key goes where the chain logic points, the signature
 * to the pending-signature buffer; extensions are parsed inside their
 * OCTET STRINGs only when mote understands them; subjectAltName and
 * nameConstraints are matched against the host on the fly), then the chain
 * logic, called at a subject name, a SubjectPublicKeyInfo, the end of a
 * TBS and the end of a certificate. */
#include "x509/x509_int.h"

#include <stddef.h>
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

/* The chain logic's hooks, called by the decoder; each returns 0 or an
 * error. */
static int on_subject(mote_x509_chain *c, const uint8_t hash[MOTE_X509_NAME_HASH_LEN]);
static int on_spki(mote_x509_chain *c);
static int on_tbs_end(mote_x509_chain *c);
static int on_cert_end(mote_x509_chain *c);

/* ---- hashes and times ---- */

/* The descriptor for MOTE_HASH_* id, or NULL. */
static const mote_hash_desc *hash_desc(uint8_t id)
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

/* Days from 1970-01-01 to a date (proleptic Gregorian, years 0..9999; month
 * 13 is January of the next year), in 32-bit unsigned arithmetic: years
 * from March (January and February count with the year before), one
 * 400-year era added to stay positive, the century once divided (the
 * divisions by constants need no library call on small cores). */
static int32_t days_from_civil(int year, int month, int day)
{
    uint32_t y = (uint32_t)(year + 400 - (month <= 2)), cent = y / 100;
    uint32_t doy = (153u * (uint32_t)(month + (month > 2 ? -3 : 9)) + 2) / 5 + (uint32_t)day - 1;
    return (int32_t)(y * 365 + y / 4 - cent + cent / 4 + doy) - 719468 - 146097;
}

/* Seconds since 1970 of a day's time (the time of day summed in int: one
 * 64-bit addition). */
static int64_t secs_of(int32_t days, int hour, int minute, int second)
{
    return (int64_t)days * 86400 + (hour * 3600 + minute * 60 + second);
}

int64_t mote_x509_time(int year, int month, int day, int hour, int minute, int second)
{
    return secs_of(days_from_civil(year, month, day), hour, minute, second);
}

int mote_x509_parse_time(uint8_t tag, const uint8_t *s, size_t len, int64_t *out)
{
    /* two-digit fields: century, year, month, day, hour, minute, second
     * (UTCTime has no century) */
    uint8_t v[7] = {0};
    unsigned i, n = (unsigned)(len / 2);
    int y;
    int32_t days;
    /* UTCTime (0x17) 13 bytes, GeneralizedTime (0x18) 15 */
    if ((uint8_t)(tag - 0x17) > 1 || len != 2u * tag - 33 || s[len - 1] != 'Z') return -1;
    for (i = 0; i < n; i++) {
        unsigned hi = (unsigned)(s[2 * i] - '0'), lo = (unsigned)(s[2 * i + 1] - '0');
        if (hi > 9 || lo > 9) return -1;
        v[7 - n + i] = (uint8_t)(hi * 10 + lo);
    }
    if (n == 6) v[0] = v[1] < 50 ? 20 : 19;
    y = v[0] * 100 + v[1];
    /* the day exists when it comes before the next month's first (the
     * month's length and February 29 from the calendar formula itself) */
    if (v[2] < 1 || v[2] > 12 || v[3] < 1 || v[4] > 23 || v[5] > 59 || v[6] > 59 ||
        (days = days_from_civil(y, v[2], v[3])) >= days_from_civil(y, v[2] + 1, 1))
        return -1;
    *out = secs_of(days, v[4], v[5], v[6]);
    return 0;
}

/* ==== the certificate decoder ==== */

/* What an element is (c->ctx[depth]). The certificate's structure is the
 * table `rules` below: for each constructed element, its children in
 * order; the code handles only what the elements mean. */
enum {
    C_NONE,
    /* no code at their start or end */
    C_VERSION,
    C_VALIDITY,
    C_RSAKEY,
    C_EXTV_BC, /* an extension's OCTET STRING, parsed: one element in it */
    C_EXTV_KU,
    C_EXTV_EKU,
    C_EXTV_SAN,
    C_EXTV_NC,
    C_EXTS,
    C_PSS_HASH_X,
    C_PSS_HASH_ALG,
    C_PSS_MGF_X,
    C_PSS_MGF_ALG,
    C_PSS_INT_X, /* saltLength or trailerField (C_PSS's position says) */
    C_RSA_WRAP,  /* the BIT STRING around an RSAPublicKey */
    C_SAN,
    C_NC,
    C_NC_TREES, /* permittedSubtrees or excludedSubtrees (C_NC's position says) */
    C_NC_SUB,   /* a GeneralSubtree */
    C_RDN,      /* a RelativeDistinguishedName of the leaf's subject */
    C_ATV,      /* AttributeTypeAndValue */
    C_ALG_NULL,
    /* code at their start (on_start) */
    C_SIGVAL,
    C_UID,
    C_EXTS_WRAP,
    C_PSS,
    C_EXT,
    C_EXT_VAL, /* an extension's OCTET STRING, skipped */
    C_CNV,     /* an AttributeTypeAndValue's value: a commonName or not */
    C_SERIAL,
    C_IGNORED, /* an element read and dropped */
    /* ... and at their end (on_end) */
    C_TBS,
    C_ISSUER,
    C_SUBJECT,
    C_SPKI,
    C_SPKI_BITS,
    C_SAN_DNS,
    C_NC_DNS,
    C_NC_IP,
    /* short values collected whole in scratch: START and END ... */
    C_TIME_NB,
    C_TIME_NA,
    C_SAN_IP,
    C_SPKI_PARAM,
    /* ... END only */
    C_ALG_OID,
    C_PSS_HASH_OID,
    C_PSS_MGF_OID,
    C_SPKI_OID,
    C_EXT_OID,
    C_EKU_OID,
    C_ATV_OID,
    C_EXT_CRIT,
    C_BC_CA,
    C_KU,
    /* small INTEGERs (int_bytes) */
    C_VERSION_INT,
    C_PSS_INT,
    C_BC_PATHLEN,
    C_RSA_E,
    /* code at their end only */
    C_CERT,
    C_ALG, /* the TBS's signature algorithm (depth 2), the certificate's (1) */
    C_SPKI_ALG,
    C_RSA_N,
    C_BC,
    C_EKU,
    C_CN /* a commonName value, matched against the host */
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

/* Extensions mote processes or knowingly ignores (bits of c->ext_seen;
 * E_OTHER: any other). */
enum { E_OTHER, E_BC, E_KU, E_EKU, E_SAN, E_NC, E_HARMLESS };

/* The object identifiers mote knows (contents octets) and what each means
 * where it is read: one table of entries grouped by the element the OID is
 * read in (K_*: the element's context minus C_SPKI_PARAM). An entry is a
 * byte (how many leading octets are the previous OID's) << 4 | (how many
 * follow), those octets, then the OID's value there (never 0: 0 is
 * "unknown"); a byte 0xF0 | K_* starts a group; 0 ends the table. */
#define K_CURVE           0 /* C_SPKI_PARAM: the key type of a named curve */
#define K_ALG             1 /* C_ALG_OID: scheme | hash << 4 */
#define K_HASH            2 /* C_PSS_HASH_OID: MOTE_HASH_* or MOTE_X509_HASH_SHA1 */
#define K_MGF             3 /* C_PSS_MGF_OID: 1 for MGF1 */
#define K_SPKI            4 /* C_SPKI_OID: the key type (0x80: a curve follows) */
#define K_EXT             5 /* C_EXT_OID: E_* */
#define K_EKU             6 /* C_EKU_OID: the flag >> 7 */
#define K_ATV             7 /* C_ATV_OID: MOTE_X509_F_CN_NEXT */
#define K(cls)            (0xF0 | (cls))
#define SIG(scheme, hash) ((scheme) | (hash) << 4)
/* MD2, MD5 and SHA-1 signatures: a weak scheme, and the SHA-1 hash, which
 * alone says "weak" where a signature can't be checked (on_cert_end) */
#define WEAK SIG(MOTE_X509_SIG_WEAK, MOTE_X509_HASH_SHA1)
/* clang-format off */
static const uint8_t oid_table[] = {
    K(K_ALG),
    0x03, 0x2B, 0x65, 0x70, MOTE_X509_SIG_ED25519,                                   /* id-Ed25519 */
    0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B,                      /* sha256WithRSAEncryption */
          SIG(MOTE_X509_SIG_PKCS1, MOTE_HASH_SHA256),
    0x81, 0x0C, SIG(MOTE_X509_SIG_PKCS1, MOTE_HASH_SHA384),                          /* sha384WithRSAEncryption */
    0x81, 0x0D, SIG(MOTE_X509_SIG_PKCS1, MOTE_HASH_SHA512),                          /* sha512WithRSAEncryption */
    0x81, 0x0A, SIG(MOTE_X509_SIG_PSS, MOTE_X509_HASH_SHA1),                         /* id-RSASSA-PSS (RFC 4055's default hash) */
    0x81, 0x05, WEAK,                                                                /* sha1WithRSAEncryption */
    0x81, 0x04, WEAK,                                                                /* md5WithRSAEncryption */
    0x81, 0x02, WEAK,                                                                /* md2WithRSAEncryption */
    K(K_SPKI),
    0x81, 0x01, MOTE_X509_KEY_RSA,                                                   /* rsaEncryption */
    0x81, 0x0A, MOTE_X509_KEY_RSA,                                                   /* id-RSASSA-PSS */
    K(K_MGF),
    0x81, 0x08, 1,                                                                   /* id-mgf1 */
    K(K_ALG),
    0x34, 0xCE, 0x3D, 0x04, 0x01, WEAK,                                              /* ecdsa-with-SHA1 */
    0x62, 0x03, 0x02, SIG(MOTE_X509_SIG_ECDSA, MOTE_HASH_SHA256),                    /* ecdsa-with-SHA256 */
    0x71, 0x03, SIG(MOTE_X509_SIG_ECDSA, MOTE_HASH_SHA384),                          /* ecdsa-with-SHA384 */
    0x71, 0x04, SIG(MOTE_X509_SIG_ECDSA, MOTE_HASH_SHA512),                          /* ecdsa-with-SHA512 */
    K(K_SPKI),
    0x52, 0x02, 0x01, 0x80,                                                          /* id-ecPublicKey */
    K(K_CURVE),
    0x53, 0x03, 0x01, 0x07, MOTE_ENABLE_P256 ? MOTE_X509_KEY_P256 : 0,               /* prime256v1 */
    0x05, 0x2B, 0x81, 0x04, 0x00, 0x22, MOTE_ENABLE_P384 ? MOTE_X509_KEY_P384 : 0,   /* secp384r1 */
    K(K_SPKI),
    0x12, 0x65, 0x70, MOTE_X509_KEY_ED25519,                                         /* id-Ed25519 */
    K(K_HASH),
    0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, MOTE_HASH_SHA256,    /* id-sha256 */
    0x81, 0x02, MOTE_HASH_SHA384,                                                    /* id-sha384 */
    0x81, 0x03, MOTE_HASH_SHA512,                                                    /* id-sha512 */
    0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A, MOTE_X509_HASH_SHA1,                         /* id-sha1 */
    K(K_ATV),
    0x03, 0x55, 0x04, 0x03, MOTE_X509_F_CN_NEXT,                                     /* id-at-commonName */
    K(K_EXT),
    0x12, 0x1D, 0x13, E_BC,                                                          /* basicConstraints */
    0x21, 0x0F, E_KU,                                                                /* keyUsage */
    0x21, 0x25, E_EKU,                                                               /* extKeyUsage */
    0x21, 0x11, E_SAN,                                                               /* subjectAltName */
    0x21, 0x1E, E_NC,                                                                /* nameConstraints */
    0x21, 0x0E, E_HARMLESS,                                                          /* subjectKeyIdentifier */
    0x21, 0x23, E_HARMLESS,                                                          /* authorityKeyIdentifier */
    K(K_EKU),
    0x22, 0x25, 0x00, MOTE_X509_F_EKU_ANY >> 7,                                      /* anyExtendedKeyUsage */
    0x08, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01, MOTE_X509_F_EKU_SERVER >> 7, /* id-kp-serverAuth */
    0x71, 0x02, MOTE_X509_F_EKU_CLIENT >> 7,                                         /* id-kp-clientAuth */
    0,
};
/* clang-format on */

/* What the OID just collected in c->scratch means in group cls (0 if
 * mote does not know it there). */
static uint8_t oid_value(const mote_x509_chain *c, unsigned cls)
{
    const uint8_t *t = oid_table;
    uint8_t oid[16];
    unsigned group = 0;
    if (c->scratch_len > sizeof c->scratch.b) return 0;
    while (*t) {
        unsigned keep = *t >> 4, add = *t & 15u;
        if (keep == 15) { /* a group starts (a one-byte entry) */
            group = add;
            t++;
            continue;
        }
        memcpy(oid + keep, t + 1, add);
        if (group == cls && keep + add == c->scratch_len &&
            memcmp(oid, c->scratch.b, c->scratch_len) == 0)
            return t[1 + add];
        t += 2 + add;
    }
    return 0;
}

/* (the start of C_EXT_VAL maps E_BC .. E_NC to C_EXTV_*; C_EKU_OID's
 * values are the flags >> 7) */
typedef char ext_oids_in_order
    [(C_EXTV_NC - C_EXTV_BC == E_NC - E_BC) &&
             ((MOTE_X509_F_EKU_SERVER | MOTE_X509_F_EKU_CLIENT | MOTE_X509_F_EKU_ANY) >> 7 == 7) &&
             (MOTE_X509_F_CN_NEXT < 0x100)
         ? 1
         : -1];
/* (each group K_* is its element's context minus C_SPKI_PARAM) */
#define K_OF(ctx) ((ctx)-C_SPKI_PARAM)
typedef char oid_groups_in_order[(K_OF(C_ALG_OID) == K_ALG) && (K_OF(C_PSS_HASH_OID) == K_HASH) &&
                                         (K_OF(C_PSS_MGF_OID) == K_MGF) &&
                                         (K_OF(C_SPKI_OID) == K_SPKI) &&
                                         (K_OF(C_EXT_OID) == K_EXT) && (K_OF(C_EKU_OID) == K_EKU) &&
                                         (K_OF(C_ATV_OID) == K_ATV)
                                     ? 1
                                     : -1];

/* The key buffer ksel names (NULL for none), and its size in *cap. */
static uint8_t *kdata_of(const mote_x509_chain *c, size_t *cap)
{
    if (c->ksel == MOTE_X509_KSEL_LEAF) {
        *cap = sizeof c->leaf_key->data;
        return c->leaf_key->data;
    }
    *cap = c->ksel == MOTE_X509_KSEL_INT ? sizeof c->u.ikey : 0;
    return c->ksel == MOTE_X509_KSEL_INT ? (uint8_t *)c->u.ikey : 0;
}

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

static void cert_start(mote_x509_chain *c, uint8_t role)
{
    /* everything from cflags to the DER reader (as mote_derst_init leaves
     * it: all zero) is per certificate (klen and ke with it) */
    memset(c, 0, offsetof(mote_x509_chain, der) + sizeof c->der);
    c->role = role;
    /* the key goes to the caller's leaf_key (its type set once it is
     * known), is dropped after the anchor, else kept in u.ikey */
    c->ksel = role == MOTE_X509_ROLE_SKIP                  ? MOTE_X509_KSEL_NONE
              : role == MOTE_X509_ROLE_LEAF && c->leaf_key ? MOTE_X509_KSEL_LEAF
                                                           : MOTE_X509_KSEL_INT;
    if (c->ksel == MOTE_X509_KSEL_LEAF) c->leaf_key->type = MOTE_X509_KEY_NONE;
    c->path_len = -1;
}

/* Raw certificate bytes, in order, before the event they complete. */
static void raw(mote_x509_chain *c, const uint8_t *p, size_t n)
{
    int keep = MOTE_ENABLE_ED25519 && c->tbs_state == T_KEEP;
    if (c->tbs_state == T_PREFIX || keep) {
        if (c->prefix_len + n <= (keep ? c->tbs_half : sizeof c->u.prefix)) {
            memcpy((keep ? keep_buf(c) : c->u.prefix) + c->prefix_len, p, n);
            c->prefix_len = (uint16_t)(c->prefix_len + n);
        } else { /* a serial number far beyond RFC 5280's 20 bytes, or a
                  * TBS bigger than the caller's buffer */
            c->tbs_state = T_OFF;
            c->cflags |= MOTE_X509_F_SIG_UNSUPP;
        }
    } else if (c->tbs_state == T_HASH) {
        hash_desc(c->tbs_alg.hash)->update(&c->tbs_hash, p, n);
    }
    if (c->name_state) mote_sha256_update(&c->u.name, p, n);
}

/* The host of the check, if it is a DNS name (not an IP literal). */
static int host_is_dns(const mote_x509_chain *c)
{
    return c->host && c->ip_len == 0;
}

/* The host as an IP address in ip (when ip_len says it is one). */
static void host_ip(const mote_x509_chain *c, uint8_t ip[16])
{
    mote_x509_parse_ip(c->host, c->host_len, ip);
}

/* Small INTEGERs (version, pathLen, salt, exponent): value in c->acc, the
 * first byte kept for the minimality check; 0xFFFFFFFF when too big. The
 * same sign and minimality checks for an RSA modulus (key: its bytes go to
 * the key buffer, without the sign byte). */
static int int_bytes(mote_x509_chain *c, const mote_derst_ev *ev, int key);

/* The signature algorithm being read: the TBS's or the outer one (the
 * AlgorithmIdentifier is at depth 2 inside the TBS, 1 outside). */
MOTE_NOINLINE static mote_x509_sigalg *cur_alg(mote_x509_chain *c)
{
    return c->ctx[1] == C_TBS ? &c->tbs_alg : &c->out_alg;
}

/* A signature algorithm from its OID's value (K_ALG). */
static void set_alg(mote_x509_sigalg *a, uint8_t v)
{
    int pss = (v & 15) == MOTE_X509_SIG_PSS;
    a->scheme = v & 15;
    a->hash = v >> 4;
    /* RFC 4055's defaults: MGF1 with SHA-1, salt 20 */
    a->mgf = pss ? MOTE_X509_HASH_SHA1 : 0;
    a->salt = pss ? 20 : 0;
}

/* Once the TBS signature algorithm is known: start hashing the TBS. */
static void start_tbs_hash(mote_x509_chain *c)
{
    const mote_x509_sigalg *a = &c->tbs_alg;
    const mote_hash_desc *h = hash_desc(a->hash);
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

/* ---- the structure: children of each constructed element ---- */

#define R_OPT 1    /* may be absent (a later rule may match first) */
#define R_REP 2    /* may repeat: the next child is matched from the same rule */
#define R_LAX 4    /* may be missing at the parent's end (not before a later child) */
#define R_ALT 0x80 /* an alternative to the rule before it (the same position) */
#define ANY   0    /* any tag */

/* The tags of the rules, by index (a rule keeps an index of 5 bits). */
static const uint8_t tags[] = {ANY,  0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x17, 0x18,
                               0x30, 0x31, 0x81, 0x82, 0x87, 0xA0, 0xA1, 0xA2, 0xA3};
#define TI(t)                                                                                      \
    ((t) == ANY    ? 0                                                                             \
     : (t) == 0x01 ? 1                                                                             \
     : (t) == 0x02 ? 2                                                                             \
     : (t) == 0x03 ? 3                                                                             \
     : (t) == 0x04 ? 4                                                                             \
     : (t) == 0x05 ? 5                                                                             \
     : (t) == 0x06 ? 6                                                                             \
     : (t) == 0x17 ? 7                                                                             \
     : (t) == 0x18 ? 8                                                                             \
     : (t) == 0x30 ? 9                                                                             \
     : (t) == 0x31 ? 10                                                                            \
     : (t) == 0x81 ? 11                                                                            \
     : (t) == 0x82 ? 12                                                                            \
     : (t) == 0x87 ? 13                                                                            \
     : (t) == 0xA0 ? 14                                                                            \
     : (t) == 0xA1 ? 15                                                                            \
     : (t) == 0xA2 ? 16                                                                            \
     : (t) == 0xA3 ? 17                                                                            \
                   : 1000) /* (a tag not listed: the table does not compile) */
typedef char contexts_fit_7_bits[C_CN < 0x80 ? 1 : -1];

/* Per parent: G(parent, number of rules), then its rules R(tag, child,
 * R_*) in order, two bytes each (child | R_ALT, tag index << 3 | the other
 * flags); a parent 0 ends the table. */
#define G(parent, n)         parent, n
#define R(tag, child, flags) (child) | ((flags)&R_ALT), TI(tag) << 3 | ((flags)&7)
static const uint8_t rules[] = {
    G(C_CERT, 3),
    R(0x30, C_TBS, 0),
    R(0x30, C_ALG, 0),
    R(0x03, C_SIGVAL, 0),
    G(C_TBS, 10),
    R(0xA0, C_VERSION, R_OPT),
    R(0x02, C_SERIAL, 0),
    R(0x30, C_ALG, 0),
    R(0x30, C_ISSUER, 0),
    R(0x30, C_VALIDITY, 0),
    R(0x30, C_SUBJECT, 0),
    R(0x30, C_SPKI, 0),
    R(0x81, C_UID, R_OPT),
    R(0x82, C_UID, R_OPT),
    R(0xA3, C_EXTS_WRAP, R_OPT),
    G(C_VERSION, 1),
    R(0x02, C_VERSION_INT, 0),
    G(C_ALG, 3),
    R(0x06, C_ALG_OID, 0),
    R(0x05, C_ALG_NULL, R_OPT),
    R(0x30, C_PSS, R_OPT | R_ALT),
    G(C_PSS, 4),
    R(0xA0, C_PSS_HASH_X, R_OPT),
    R(0xA1, C_PSS_MGF_X, R_OPT),
    R(0xA2, C_PSS_INT_X, R_OPT),
    R(0xA3, C_PSS_INT_X, R_OPT),
    G(C_PSS_HASH_X, 1),
    R(0x30, C_PSS_HASH_ALG, R_LAX),
    G(C_PSS_HASH_ALG, 2),
    R(0x06, C_PSS_HASH_OID, R_LAX),
    R(0x05, C_ALG_NULL, R_LAX),
    G(C_PSS_MGF_X, 1),
    R(0x30, C_PSS_MGF_ALG, R_LAX),
    G(C_PSS_MGF_ALG, 2),
    R(0x06, C_PSS_MGF_OID, R_LAX),
    R(0x30, C_PSS_HASH_ALG, R_LAX),
    G(C_PSS_INT_X, 1),
    R(0x02, C_PSS_INT, R_LAX),
    G(C_VALIDITY, 4),
    R(0x17, C_TIME_NB, 0),
    R(0x18, C_TIME_NB, R_ALT),
    R(0x17, C_TIME_NA, 0),
    R(0x18, C_TIME_NA, R_ALT),
    G(C_SUBJECT, 2),
    R(0x31, C_RDN, R_OPT | R_REP),
    R(ANY, C_IGNORED, R_OPT | R_REP),
    G(C_RDN, 2),
    R(0x30, C_ATV, R_OPT | R_REP),
    R(ANY, C_IGNORED, R_OPT | R_REP),
    G(C_ATV, 4),
    R(0x06, C_ATV_OID, R_OPT),
    R(ANY, C_IGNORED, R_ALT),
    R(ANY, C_CNV, R_OPT),
    R(ANY, C_IGNORED, R_OPT | R_REP),
    G(C_SPKI, 2),
    R(0x30, C_SPKI_ALG, 0),
    R(0x03, C_SPKI_BITS, 0),
    G(C_SPKI_ALG, 2),
    R(0x06, C_SPKI_OID, R_LAX),
    R(ANY, C_SPKI_PARAM, R_LAX),
    G(C_RSA_WRAP, 1),
    R(0x30, C_RSAKEY, R_LAX),
    G(C_RSAKEY, 2),
    R(0x02, C_RSA_N, 0),
    R(0x02, C_RSA_E, 0),
    G(C_EXTS_WRAP, 1),
    R(0x30, C_EXTS, R_LAX),
    G(C_EXTS, 1),
    R(0x30, C_EXT, R_OPT | R_REP),
    G(C_EXT, 3),
    R(0x06, C_EXT_OID, 0),
    R(0x01, C_EXT_CRIT, R_OPT),
    R(0x04, C_EXT_VAL, 0),
    G(C_EXTV_BC, 1),
    R(0x30, C_BC, 0),
    G(C_EXTV_KU, 1),
    R(0x03, C_KU, 0),
    G(C_EXTV_EKU, 1),
    R(0x30, C_EKU, 0),
    G(C_EXTV_SAN, 1),
    R(0x30, C_SAN, 0),
    G(C_EXTV_NC, 1),
    R(0x30, C_NC, 0),
    G(C_BC, 2),
    R(0x01, C_BC_CA, R_OPT),
    R(0x02, C_BC_PATHLEN, R_OPT),
    G(C_EKU, 1),
    R(0x06, C_EKU_OID, R_OPT | R_REP),
    G(C_SAN, 3),
    R(0x82, C_SAN_DNS, R_OPT | R_REP),
    R(0x87, C_SAN_IP, R_OPT | R_REP),
    R(ANY, C_IGNORED, R_OPT | R_REP),
    G(C_NC, 2),
    R(0xA0, C_NC_TREES, R_OPT),
    R(0xA1, C_NC_TREES, R_OPT),
    G(C_NC_TREES, 1),
    R(0x30, C_NC_SUB, R_OPT | R_REP),
    G(C_NC_SUB, 4),
    R(0x82, C_NC_DNS, R_OPT),
    R(0x87, C_NC_IP, R_OPT | R_ALT),
    R(ANY, C_IGNORED, R_ALT),
    R(ANY, C_IGNORED, R_OPT | R_REP),
    0,
};

/* Where the child with tag t of parent goes, the parent's children having
 * passed *pos positions of its rules: the child's context, *pos updated;
 * or -1. t == 0: the end of parent: 0 if every remaining position may be
 * absent, else -1. */
static int match(uint8_t parent, uint8_t *pos, uint8_t t)
{
    const uint8_t *g = rules, *r;
    unsigned k, n;
    while (g[0] && g[0] != parent)
        g += 2 + 2 * g[1];
    n = g[0] ? g[1] : 0;
    for (k = *pos; k < n; k++) {
        uint8_t tag;
        r = g + 2 + 2 * k;
        tag = tags[r[1] >> 3];
        if (t && (tag == ANY || tag == t)) {
            if (!(r[1] & R_REP)) { /* past this position and its alternatives */
                while (++k < n && (g[2 + 2 * k] & R_ALT))
                    ;
                *pos = (uint8_t)k;
            }
            return r[0] & 0x7F;
        }
        /* a required position not there: a wrong tag (unless an
         * alternative follows) or, at the end, a missing child */
        if (!(r[0] & R_ALT) &&
            (t ? !(r[1] & R_OPT) && (k + 1 >= n || !(r[2] & R_ALT)) : !(r[1] & (R_OPT | R_LAX))))
            return -1;
    }
    return t ? -1 : 0;
}

/* ---- START: name the element, check its tag, steer the reader ---- */

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

/* The name matcher of a SAN / constraint dNSName or a commonName (only
 * started for a host name: the element is skipped otherwise). */
static void start_dns(mote_x509_chain *c, const mote_derst_ev *ev, uint8_t mode)
{
    mote_x509_nm_start(&c->scratch.nm, mode, ev->len, c->host_len);
}

static int on_start(mote_x509_chain *c, const mote_derst_ev *ev)
{
    unsigned d = ev->depth;
    uint8_t t = ev->tag, leaf = c->role == MOTE_X509_ROLE_LEAF, *ctx = &c->ctx[d];
    int k;
    if (d > MOTE_DERST_MAX_DEPTH) return malformed(c);
    /* universal types with a fixed or non-zero length */
    if (((t == 0x02 || t == 0x06) && ev->len == 0) || (t == 0x01 && ev->len != 1) ||
        (t == 0x05 && ev->len != 0))
        return malformed(c);
    c->idx[d] = 0;
    c->scratch_len = 0;
    c->acc = 0;
    if (d == 0) {
        /* one certificate only */
        if ((c->cflags & MOTE_X509_F_SEEN) || t != 0x30) return malformed(c);
        c->cflags |= MOTE_X509_F_SEEN;
        *ctx = C_CERT;
        if (c->role == MOTE_X509_ROLE_SKIP) {
            c->idx[0] = 3; /* past C_CERT's 3 rules: none is missing at its end */
            mote_derst_skip(&c->der);
        }
        return 0;
    }
    k = match(c->ctx[d - 1], &c->idx[d - 1], t);
    if (k < 0) return malformed(c);
    *ctx = (uint8_t)k;
    switch (*ctx) {
    case C_TBS:
        if (leaf || c->role == MOTE_X509_ROLE_CAND) {
            c->prefix_len = (uint16_t)mote_derst_header(c->u.prefix, t, ev->len);
            c->tbs_state = T_PREFIX;
        }
        return 0;
    case C_SIGVAL: /* kept for the leaf and a certificate now in the path */
        if (!leaf && !(c->cflags & MOTE_X509_F_ACCEPTED)) break;
        return 0;
    case C_UID: /* issuerUniqueID, subjectUniqueID: v2 and v3 */
        if (c->version < 1) return malformed(c);
        break;
    case C_EXTS_WRAP: /* extensions: v3 */
        return c->version == 2 ? 0 : malformed(c);
    case C_ISSUER:
    case C_SUBJECT:
        start_name(c, ev, *ctx == C_SUBJECT && leaf && host_is_dns(c));
        return 0;
    case C_SPKI: /* (ke is cleared with the certificate too: this store
                  * keeps the switch smaller on Cortex-M4) */
        c->ke = 0;
        return 0;
    case C_PSS: /* RSASSA-PSS-params */
        return cur_alg(c)->scheme == MOTE_X509_SIG_PSS ? 0 : malformed(c);
    case C_TIME_NB:
    case C_TIME_NA:
        c->acc = t; /* UTCTime or not */
        return 0;
    case C_SPKI_BITS:
        if (c->key_state != MOTE_X509_KEY_RSA) return 0;
        *ctx = C_RSA_WRAP;
        return mote_derst_descend_bits(&c->der) ? malformed(c) : 0;
    case C_SPKI_PARAM:
        if (t == 0x06) return 0;
        break; /* NULL, or RSA-PSS parameters */
    case C_EXT:
        c->cflags &= ~MOTE_X509_F_CRIT;
        return 0;
    case C_EXT_VAL:
        if (c->ext_id >= E_BC && c->ext_id <= E_NC) {
            uint8_t bit = (uint8_t)(1u << c->ext_id);
            if (c->ext_seen & bit) return malformed(c); /* a duplicate */
            c->ext_seen |= bit;
            *ctx = (uint8_t)(C_EXTV_BC + (c->ext_id - E_BC));
            return mote_derst_descend(&c->der) ? malformed(c) : 0;
        }
        if (c->ext_id != E_HARMLESS && (c->cflags & MOTE_X509_F_CRIT))
            c->cflags |= MOTE_X509_F_CRIT_UNKNOWN;
        break;
    case C_SAN_DNS:
        if (!leaf) break;
        c->cflags |= MOTE_X509_F_SAN_DNS;
        /* fall through */
    case C_NC_DNS: /* (a SAN of the leaf, a constraint of any) */
        if (!host_is_dns(c)) break;
        start_dns(c, ev, *ctx == C_NC_DNS ? MOTE_X509_NM_CONSTRAINT : MOTE_X509_NM_SAN);
        return 0;
    case C_SAN_IP: /* (ip_len is only set with a host) */
        if (!leaf || !c->ip_len) break;
        return 0;
    case C_CNV:
        /* a commonName in UTF8String, PrintableString or IA5String */
        if (!(c->cflags & MOTE_X509_F_CN_NEXT) || (t != 0x0C && t != 0x13 && t != 0x16)) break;
        *ctx = C_CN;
        start_dns(c, ev, MOTE_X509_NM_SAN);
        return 0;
    case C_NC_IP: /* an address and a mask of the host's kind */
        if (ev->len != 8 && ev->len != 32) return malformed(c);
        if (c->ip_len != ev->len / 2) break;
        return 0;
    case C_SERIAL:
    case C_IGNORED:
        break;
    default:
        return 0;
    }
    /* the element is passed over */
    if (*ctx != C_SPKI_PARAM) *ctx = C_IGNORED;
    mote_derst_skip(&c->der);
    return 0;
}

/* ---- DATA ---- */

/* Bytes [at, at + n) of a value of total bytes (a key, a signature): into
 * buf (cap bytes; may be NULL) if the whole value fits, else the flag
 * (bigger than mote takes, or a garbage length: what was copied or its
 * length is then never looked at). */
static void take(mote_x509_chain *c, uint8_t *buf, size_t cap, uint32_t flag, const uint8_t *p,
                 size_t n, uint32_t at, uint32_t total)
{
    if (total > cap)
        c->cflags |= flag;
    else if (buf)
        memcpy(buf + at, p, n);
}

/* The same for the key: where ksel says, its length in klen. */
static void key_bytes(mote_x509_chain *c, const uint8_t *p, size_t n, uint32_t at, uint32_t total)
{
    size_t cap;
    uint8_t *kdata = kdata_of(c, &cap);
    take(c, kdata, cap, MOTE_X509_F_KEY_UNSUPP, p, n, at, total);
    c->klen = (uint16_t)total;
}

static int int_bytes(mote_x509_chain *c, const mote_derst_ev *ev, int key)
{
    uint32_t i, sign;
    /* the sign and minimality checks: the first two bytes */
    for (i = 0; i < ev->len && ev->off + i < 2; i++) {
        uint8_t b = ev->p[i];
        if (ev->off + i == 0) {
            if (b & 0x80) return bad_byte(c, ev, i); /* negative */
            c->scratch.b[0] = b;
        } else if (c->scratch.b[0] == 0 && !(b & 0x80)) {
            return bad_byte(c, ev, i); /* not minimal */
        }
    }
    if (key) { /* a modulus: its bytes without the sign byte */
        sign = c->scratch.b[0] == 0;
        i = ev->off == 0 ? sign : 0;
        key_bytes(c, ev->p + i, ev->len - i, ev->off + i - sign, c->der.len - sign);
        return 0;
    }
    for (i = 0; i < ev->len; i++)
        c->acc = c->acc > 0x00FFFFFFu ? 0xFFFFFFFFu : (c->acc << 8) | ev->p[i];
    return 0;
}

MOTE_NOINLINE static int on_data(mote_x509_chain *c, const mote_derst_ev *ev)
{
    uint8_t ctx = c->ctx[ev->depth];
    uint32_t i;
    if (ctx >= C_TIME_NB && ctx <= C_KU) {
        /* short values: collected whole (longer ones only counted) */
        for (i = 0; i < ev->len; i++, c->scratch_len = (uint8_t)(c->scratch_len + 1)) {
            if (c->scratch_len == 255) break;
            if (c->scratch_len < sizeof c->scratch.b) c->scratch.b[c->scratch_len] = ev->p[i];
        }
        return 0;
    }
    if (ctx >= C_VERSION_INT && ctx <= C_RSA_E) return int_bytes(c, ev, 0);
    switch (ctx) {
    case C_RSA_N:
        return int_bytes(c, ev, 1);
    case C_SIGVAL:
    case C_SPKI_BITS: { /* BIT STRINGs: the first byte (unused bits) must be 0 */
        uint32_t at, n;
        i = ev->off == 0;
        if (i && ev->p[0] != 0) return bad_byte(c, ev, 0);
        at = ev->off + i - 1; /* where ev->p[i] goes */
        n = ev->len - i;
        if (ctx == C_SPKI_BITS) { /* an EC point or an Ed25519 key */
            key_bytes(c, ev->p + i, n, at, c->der.len - 1);
            return 0;
        }
        c->cflags |= MOTE_X509_F_SIG_SEEN;
        take(c, c->pend_sig, sizeof c->pend_sig, MOTE_X509_F_SIG_UNSUPP, ev->p + i, n, at,
             c->der.len - 1);
        c->pend_sig_len = (uint16_t)(c->der.len - 1);
        return 0;
    }
    case C_SAN_DNS:
    case C_CN:
    case C_NC_DNS:
        mote_x509_nm_feed(&c->scratch.nm, c->host, c->host_len, ev->p, ev->len);
        return 0;
    case C_NC_IP: {
        /* address then mask: keep (host ^ address), then test it under the mask */
        uint8_t ip[16];
        uint32_t half = c->ip_len;
        host_ip(c, ip);
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

/* The end of a key's bytes (klen of them, where ksel said): an RSA
 * modulus big enough, an uncompressed EC point or an Ed25519 key of its
 * size. (The key type is RSA, P-256, P-384 or Ed25519 here: the end of
 * the SubjectPublicKeyInfo's algorithm set MOTE_X509_F_KEY_UNSUPP for any
 * other.) */
/* The length of a P-256, P-384, Ed25519 key (an EC point uncompressed). */
static const uint8_t point_len[] = {65, 97, 32};
typedef char key_types_in_order[MOTE_X509_KEY_P384 == MOTE_X509_KEY_P256 + 1 &&
                                        MOTE_X509_KEY_ED25519 == MOTE_X509_KEY_P256 + 2
                                    ? 1
                                    : -1];
#define RSA_MIN_BYTES ((MOTE_X509_MIN_RSA_BITS + 7) / 8)
#define RSA_MIN_TOP   (1u << ((MOTE_X509_MIN_RSA_BITS + 7) % 8))
static void end_key(mote_x509_chain *c)
{
    uint32_t n = c->klen;
    uint8_t t = c->key_state;
    size_t cap;
    const uint8_t *kdata = kdata_of(c, &cap);
    if (!kdata || (c->cflags & MOTE_X509_F_KEY_UNSUPP)) return;
    if (t == MOTE_X509_KEY_RSA) {
        /* (a modulus over the room there was refused by key_bytes) fewer
         * than MOTE_X509_MIN_RSA_BITS bits: fewer bytes than they take, or
         * as many with the top byte below the top bit's value (the first
         * byte is never 0: int_bytes took a minimal INTEGER, without its
         * sign byte) */
        if (n < RSA_MIN_BYTES || (n == RSA_MIN_BYTES && kdata[0] < RSA_MIN_TOP))
            c->cflags |= MOTE_X509_F_KEY_WEAK;
    } else if (n != point_len[t - MOTE_X509_KEY_P256] ||
               (t != MOTE_X509_KEY_ED25519 && kdata[0] != 0x04)) { /* (compressed) */
        c->cflags |= MOTE_X509_F_KEY_UNSUPP;
    }
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

MOTE_NOINLINE static int on_end(mote_x509_chain *c, const mote_derst_ev *ev)
{
    unsigned d = ev->depth;
    uint8_t ctx = c->ctx[d], v = 0;
    mote_x509_sigalg *a = cur_alg(c);
    if (ctx >= C_TIME_NB && ctx <= C_RSA_E) {
        /* short values and INTEGERs have no children */
        if (ctx >= C_SPKI_PARAM && ctx <= C_ATV_OID) v = oid_value(c, K_OF(ctx));
    } else if (match(ctx, &c->idx[d], 0)) {
        return malformed(c); /* a required child missing */
    }
    switch (ctx) {
    case C_CERT:
        return on_cert_end(c);
    case C_TBS:
        return on_tbs_end(c);
    case C_VERSION_INT:
        if (c->acc > 2) return malformed(c);
        c->version = (uint8_t)c->acc;
        return 0;
    case C_ALG:
        if (d == 2) {
            start_tbs_hash(c);
            return 0;
        }
        /* the outer algorithm must repeat the TBS one */
        return memcmp(&c->tbs_alg, &c->out_alg, sizeof c->out_alg) ? malformed(c) : 0;
    case C_ALG_OID:
        set_alg(a, v);
        return 0;
    case C_PSS_HASH_OID: /* the hash's or MGF1's */
        if (c->ctx[d - 2] == C_PSS_HASH_X)
            a->hash = v;
        else
            a->mgf = v;
        /* fall through */
    case C_PSS_MGF_OID:
        if (!v) a->scheme = MOTE_X509_SIG_NONE;
        return 0;
    case C_PSS_INT: /* C_PSS past its third rule: saltLength, else trailerField */
        if (c->idx[d - 2] == 3) {
            if (c->acc > 255) return malformed(c);
            a->salt = (uint8_t)c->acc;
        } else if (c->acc != 1) {
            a->scheme = MOTE_X509_SIG_NONE;
        }
        return 0;
    case C_ISSUER:
    case C_SUBJECT: {
        uint8_t hash[MOTE_SHA256_LEN];
        c->name_state = 0;
        mote_sha256_final(&c->u.name, hash);
        if (ctx == C_ISSUER) {
            memcpy(c->cur_issuer, hash, MOTE_X509_NAME_HASH_LEN);
            return 0;
        }
        return on_subject(c, hash);
    }
    case C_TIME_NB:
    case C_TIME_NA:
        return end_time(c, ctx == C_TIME_NA);
    case C_SPKI_PARAM: /* the curve, after id-ecPublicKey */
        if (c->key_state != 0x80) return 0;
        /* fall through */
    case C_SPKI_OID: /* (an unknown key or curve: its type is never read) */
        c->key_state = v;
        if (!v) c->cflags |= MOTE_X509_F_KEY_UNSUPP;
        return 0;
    case C_SPKI_ALG: /* no key type (no OID), or no curve */
        if (!(c->key_state & 0x7F)) c->cflags |= MOTE_X509_F_KEY_UNSUPP;
        return 0;
    case C_RSA_N: /* (not empty: on_start) */
        if (c->scratch.b[0] == 0 && c->der.len == 1) return malformed(c);
        /* fall through */
    case C_SPKI_BITS: /* (an RSA key's is C_RSA_WRAP) */
        end_key(c);
        return 0;
    case C_RSA_E:
        c->ke = c->acc;
        if (c->acc == 0xFFFFFFFFu || !(c->acc & 1) || c->acc < 3)
            c->cflags |= MOTE_X509_F_KEY_UNSUPP;
        return 0;
    case C_SPKI: /* (an unknown key type was flagged at its algorithm's end) */
        return on_spki(c);
    case C_EXT_OID:
        c->ext_id = v;
        return 0;
    case C_EXT_CRIT:
    case C_BC_CA: /* BOOLEANs: DER TRUE is 0xFF (an explicit FALSE is let pass) */
        if (c->scratch.b[0] != 0 && c->scratch.b[0] != 0xFF) return malformed(c);
        if (c->scratch.b[0]) c->cflags |= ctx == C_BC_CA ? MOTE_X509_F_CA : MOTE_X509_F_CRIT;
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
        c->cflags |= (uint32_t)v << 7;
        return 0;
    case C_SAN_DNS:
    case C_CN:
        if (mote_x509_nm_done(&c->scratch.nm))
            c->cflags |= ctx == C_CN ? MOTE_X509_F_CN_MATCH : MOTE_X509_F_SAN_MATCH;
        return 0;
    case C_ATV_OID:
        c->cflags = (c->cflags & ~MOTE_X509_F_CN_NEXT) | v;
        return 0;
    case C_SAN_IP:
        if (c->scratch_len == c->ip_len) {
            uint8_t ip[16];
            host_ip(c, ip);
            if (memcmp(ip, c->scratch.b, c->ip_len) == 0) c->cflags |= MOTE_X509_F_SAN_MATCH;
        }
        return 0;
    case C_NC_DNS:
    case C_NC_IP: {
        /* a subtree of the host's kind: is the host in it? */
        int in = ctx == C_NC_DNS ? mote_x509_nm_done(&c->scratch.nm) : c->acc == 0;
        if (c->idx[d - 3] == 1) /* C_NC past its first rule: permittedSubtrees */
            c->cflags |= MOTE_X509_F_NC_PERM | (in ? MOTE_X509_F_NC_PERM_OK : 0);
        else if (in)
            c->cflags |= MOTE_X509_F_NC_EXCL_HIT;
        return 0;
    }
    default:
        return 0;
    }
}

static int cert_feed(mote_x509_chain *c, const uint8_t *p, size_t n)
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

static int cert_done(mote_x509_chain *c)
{
    if (!(c->cflags & MOTE_X509_F_SEEN) || !mote_derst_idle(&c->der)) return malformed(c);
    return 0;
}

/* ==== the chain logic ==== */

/* Copy n bytes from src, which may be in flash (MOTE_FLASH), with aligned
 * 32-bit loads where the target needs them. */
static void flash_read(void *dst, const void *src, size_t n)
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

typedef mote_x509_keyref keyref;

int mote_x509_verify(const keyref *k, uint8_t scheme, const mote_hash_desc *h,
                     const uint8_t *digest, size_t salt, const uint8_t *sig, size_t sig_len,
                     const mote_progress *pg)
{
    uint8_t type = k->type;
    if (scheme == MOTE_X509_SIG_ECDSA) {
#if MOTE_X509_HAVE_ECDSA
        int curve = type == MOTE_X509_KEY_P256   ? MOTE_EC_P256
                    : type == MOTE_X509_KEY_P384 ? MOTE_EC_P384
                                                 : 0;
        if (!curve) return 1;
        return mote_ecdsa_verify_der_p(curve, k->data, k->len, digest, h->out_len, sig, sig_len,
                                       pg);
#endif
    } else {
#if MOTE_ENABLE_RSA
        if (type != MOTE_X509_KEY_RSA) return 1;
        return mote_rsa_verify_be(k->data, k->len, k->e,
                                  scheme == MOTE_X509_SIG_PKCS1 ? MOTE_RSA_PKCS1 : MOTE_RSA_PSS, h,
                                  digest, salt, sig, sig_len);
#endif
    }
    (void)type, (void)k, (void)h, (void)digest, (void)salt, (void)sig;
    (void)sig_len, (void)pg;
    return MOTE_ERR_UNSUPPORTED;
}

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

/* Why the current candidate or anchor did not sign: kept for the final
 * verdict (a bad signature is never replaced by a softer reason). */
static void note(mote_x509_chain *c, int why)
{
    if (why && c->soft_err != MOTE_ERR_X509_BAD_SIGNATURE) c->soft_err = (int16_t)why;
}

/* Verify the pending signature with key k: made with algorithm pend_alg
 * over a TBS whose digest is pend_digest (or, for Ed25519, which is kept in
 * tbs_buf); for ECDSA the signature is the DER SEQUENCE of r, s. Returns 0,
 * MOTE_ERR_X509_BAD_SIGNATURE, or the reason the signature can't be checked
 * (MOTE_ERR_X509_UNSUPPORTED: a scheme not built in). */
static int verify_pending(const mote_x509_chain *c, const keyref *k)
{
    /* (only called with pend_ok: the algorithm is one start_tbs_hash took,
     * PKCS#1, ECDSA or RSA-PSS with MGF1 of its hash, with a hash built
     * in, or Ed25519; never MD5/SHA-1) */
    const mote_x509_sigalg *a = &c->pend_alg;
    int r;
#if MOTE_ENABLE_ED25519
    if (a->scheme == MOTE_X509_SIG_ED25519) {
        r = verify_ed25519(c, k);
    } else
#endif
    {
        r = mote_x509_verify(k, a->scheme, hash_desc(a->hash), c->pend_digest, a->salt, c->pend_sig,
                             c->pend_sig_len, &c->progress);
        r = r == MOTE_ERR_UNSUPPORTED ? MOTE_ERR_X509_UNSUPPORTED
            : r                       ? MOTE_ERR_X509_BAD_SIGNATURE
                                      : 0;
    }
    return r;
}

/* The outcome r of verify_pending: an error is noted (note()) and a bad
 * signature counted in tries (the caller fails the chain past
 * MOTE_X509_MAX_TRIES). Returns r. (Apart from verify_pending, so that
 * its frame under the signature check stays as small as it was.) */
MOTE_NOINLINE static int tried(mote_x509_chain *c, int r)
{
    if (r == MOTE_ERR_X509_BAD_SIGNATURE) c->tries++;
    note(c, r);
    return r;
}

/* ---- trust anchors ---- */

static void ta_get(mote_x509_trust_anchor *dst, const mote_x509_trust_anchor *src)
{
    flash_read(dst, src, sizeof *dst);
}

/* The key of the certificate being decoded. */
static keyref cur_key(const mote_x509_chain *c)
{
    keyref k;
    size_t cap;
    k.data = kdata_of(c, &cap);
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
    flash_read(c->u.ikey, ta->key, ta->key_len);
    k->data = c->u.ikey;
    k->type = ta->key_type;
    k->len = ta->key_len;
    k->e = ta->rsa_e;
    return 0;
}

/* 1 if anchor ta has the key k (compared a byte at a time: two keys
 * differ in their first bytes, and only a pinned leaf's equals one). */
static int ta_has_key(const mote_x509_trust_anchor *ta, const keyref *k)
{
    size_t at;
    if (ta->key_type != k->type || ta->key_len != k->len || ta->rsa_e != k->e) return 0;
    for (at = 0; at < k->len; at++) {
        uint8_t b;
        flash_read(&b, ta->key + at, 1);
        if (b != k->data[at]) return 0;
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
MOTE_NOINLINE static void superfluous(mote_x509_chain *c, int why)
{
    c->cflags |= MOTE_X509_F_SUPERFLUOUS;
    c->tbs_state = 0; /* stop hashing */
    c->ksel = MOTE_X509_KSEL_NONE;
    note(c, why);
}

static int on_subject(mote_x509_chain *c, const uint8_t hash[MOTE_X509_NAME_HASH_LEN])
{
    if (memcmp(hash, c->cur_issuer, MOTE_X509_NAME_HASH_LEN) == 0)
        c->cflags |= MOTE_X509_F_SELF_ISSUED;
    if (c->role != MOTE_X509_ROLE_CAND) {
        /* the leaf (is it a pinned anchor? on_spki says) or an anchor being
         * made: nothing pends yet, the subject waits there */
        memcpy(c->pend_issuer, hash, MOTE_X509_NAME_HASH_LEN);
    } else if (memcmp(hash, c->pend_issuer, MOTE_X509_NAME_HASH_LEN) != 0) {
        superfluous(c, 0); /* not the issuer of the path's last */
    }
    return 0;
}

/* (scan_anchors: size builds keep one copy; other builds inline it into
 * its two callers, so that its frame does not sit on the stack under the
 * signature checks) */
#if defined(__OPTIMIZE_SIZE__)
#define SCAN_ANCHORS static
#else
#define SCAN_ANCHORS static inline __attribute__((always_inline))
#endif
SCAN_ANCHORS int scan_anchors(mote_x509_chain *c, const keyref *pin);

static int key_problem(const mote_x509_chain *c)
{
    if (c->cflags & MOTE_X509_F_KEY_UNSUPP) return MOTE_ERR_X509_UNSUPPORTED;
    if (c->cflags & MOTE_X509_F_KEY_WEAK) return MOTE_ERR_X509_WEAK_KEY;
    return 0;
}

static int on_spki(mote_x509_chain *c)
{
    keyref k = cur_key(c);
    int r = key_problem(c);
    if (c->role == MOTE_X509_ROLE_LEAF) {
        /* a weak key is still handed over: with verification off, the
         * caller may accept it for the handshake's signature */
        if (c->leaf_key && !(c->cflags & MOTE_X509_F_KEY_UNSUPP)) {
            c->leaf_key->type = k.type;
            c->leaf_key->len = k.len;
            c->leaf_key->e = k.e;
        }
        if (r) return fail(c, r);
        return scan_anchors(c, &k);
    }
    if (c->role != MOTE_X509_ROLE_CAND || (c->cflags & MOTE_X509_F_SUPERFLUOUS)) return 0;
    /* the subject matched: does this key verify the pending signature?
     * (without pend_ok, the reason was noted when it joined the path) */
    if (!r && !c->pend_ok) r = c->soft_err ? c->soft_err : MOTE_ERR_X509_UNSUPPORTED;
    if (!r) {
        r = tried(c, verify_pending(c, &k));
        if (c->tries > MOTE_X509_MAX_TRIES) return fail(c, r);
    }
    if (r) {
        superfluous(c, r);
        return 0;
    }
    c->cflags |= MOTE_X509_F_ACCEPTED;
    c->pend_ok = 0;
    c->npath++;
    return 0;
}

static int on_tbs_end(mote_x509_chain *c)
{
    if (c->tbs_state == MOTE_X509_TBS_HASH) {
        hash_desc(c->tbs_alg.hash)->final(&c->tbs_hash, c->pend_digest);
    } else if (MOTE_ENABLE_ED25519 && c->tbs_state == MOTE_X509_TBS_KEEP) {
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
        ((c->purpose != MOTE_X509_PURPOSE_CLIENT && c->purpose != MOTE_X509_PURPOSE_ANY &&
          !(f & MOTE_X509_F_EKU_SERVER)) ||
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
                        : c->purpose == MOTE_X509_PURPOSE_SERVER_KEX ? MOTE_X509_KU_KEY_ENCIPHERMENT
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

/* The anchors, against pend_issuer. With pin (the leaf's key, its subject
 * in pend_issuer): is the leaf an anchor's, a pinned self-signed
 * certificate (an anchor has its subject, one its key)? Without: the
 * pending signature is now this certificate's; try the CA anchors whose
 * subject is its issuer. Returns 0 (anchored or not) or an error. */
SCAN_ANCHORS int scan_anchors(mote_x509_chain *c, const keyref *pin)
{
    size_t i;
    int pinned = 0;
    for (i = 0; i < c->n_tas; i++) {
        mote_x509_trust_anchor ta;
        keyref k;
        int r, named;
        ta_get(&ta, &c->tas[i]);
        named = memcmp(ta.name_hash, c->pend_issuer, MOTE_X509_NAME_HASH_LEN) == 0;
        if (pin) {
            pinned |= named | ta_has_key(&ta, pin) << 1;
            continue;
        }
        if (!named || !(ta.flags & MOTE_X509_TA_CA) || ta_key(c, &ta, &k)) continue;
        r = tried(c, verify_pending(c, &k));
        if (c->tries > MOTE_X509_MAX_TRIES) return r;
        if (r) continue;
        if (ta.path_len != 0xFF && c->nbelow > ta.path_len) return MOTE_ERR_X509_PATH_TOO_LONG;
        c->state = MOTE_X509_ST_ANCHORED;
        c->pend_ok = 0;
        return 0;
    }
    if (pinned == 3) c->cflags |= MOTE_X509_F_LEAF_IS_TA;
    return 0;
}

static int on_cert_end(mote_x509_chain *c)
{
    int r;
    uint32_t f = c->cflags;
    if (c->role == MOTE_X509_ROLE_SKIP || c->role == MOTE_X509_ROLE_ANCHOR) return 0;
    /* a candidate that did not sign the path's last: skipped */
    if (c->role == MOTE_X509_ROLE_CAND && !(f & MOTE_X509_F_ACCEPTED)) return 0;
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
    memcpy(&c->pend_alg, &c->tbs_alg, sizeof c->pend_alg + MOTE_X509_NAME_HASH_LEN);
    if ((f & MOTE_X509_F_SIG_UNSUPP) || !(f & MOTE_X509_F_SIG_SEEN)) c->pend_ok = 0;
    if (!c->pend_ok) {
        /* its signature can't be checked: say why if no anchor saves it */
        const mote_x509_sigalg *a = &c->tbs_alg;
        c->soft_err = (int16_t)(a->hash == MOTE_X509_HASH_SHA1 ? MOTE_ERR_X509_WEAK_HASH
                                                               : MOTE_ERR_X509_UNSUPPORTED);
    } else {
        c->soft_err = 0;
    }
    /* (without pend_ok, soft_err says why) */
    if (c->pend_ok && (r = scan_anchors(c, 0)) != 0) return fail(c, r);
    return 0;
}

/* (on_cert_end copies tbs_alg and cur_issuer to pend_alg and pend_issuer
 * in one piece) */
typedef char
    pending_in_order[offsetof(mote_x509_chain, cur_issuer) ==
                                 offsetof(mote_x509_chain, tbs_alg) + sizeof(mote_x509_sigalg) &&
                             offsetof(mote_x509_chain, pend_issuer) ==
                                 offsetof(mote_x509_chain, pend_alg) + sizeof(mote_x509_sigalg)
                         ? 1
                         : -1];

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
    if (!MOTE_ENABLE_ED25519) return; /* (nothing to keep) */
    len /= 2;
    c->tbs_buf = len ? buf : 0;
    c->tbs_half = (uint16_t)(len > 0xFFFF ? 0xFFFF : len);
}

int mote_x509_chain_begin(mote_x509_chain *c)
{
    if (c->state == MOTE_X509_ST_FAILED) return c->err;
    if (c->state == MOTE_X509_ST_IN_CERT) return fail(c, MOTE_ERR_BAD_INPUT);
    if (c->ncert == 255) return fail(c, MOTE_ERR_X509_PATH_TOO_LONG);
    c->ncert++;
    cert_start(c, c->ncert == 1                       ? MOTE_X509_ROLE_LEAF
                  : c->state == MOTE_X509_ST_ANCHORED ? MOTE_X509_ROLE_SKIP
                                                      : MOTE_X509_ROLE_CAND);
    if (c->state == MOTE_X509_ST_OPEN) c->state = MOTE_X509_ST_IN_CERT;
    return MOTE_OK;
}

int mote_x509_chain_feed(mote_x509_chain *c, const uint8_t *p, size_t len)
{
    int r;
    if (c->state == MOTE_X509_ST_FAILED) return c->err;
    if (c->ncert == 0) return fail(c, MOTE_ERR_BAD_INPUT);
    r = cert_feed(c, p, len);
    return r ? fail(c, r) : MOTE_OK;
}

int mote_x509_chain_end(mote_x509_chain *c)
{
    int r;
    if (c->state == MOTE_X509_ST_FAILED) return c->err;
    if (c->ncert == 0) return fail(c, MOTE_ERR_BAD_INPUT);
    r = cert_done(c);
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
    cert_start(&c, MOTE_X509_ROLE_ANCHOR); /* (no leaf_key: the key in u.ikey) */
    r = cert_feed(&c, der, len);
    if (!r) r = cert_done(&c);
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
