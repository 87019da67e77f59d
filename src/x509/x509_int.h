/* mote (private): helpers shared by the files of src/x509/. */
#ifndef MOTE_X509_INT_H
#define MOTE_X509_INT_H

#include <stddef.h>
#include <stdint.h>

#include "mote/x509.h"

/* ---- PEM (pem.c) ---- */

/* mote_pem_find: mote_pem_decode for the index-th object whose label is
 * one of labels[0..nlabels) (any label if nlabels is 0); *which is set to
 * the matching label's index once such an object begins (left alone
 * otherwise). The decoder's state is wiped before return. */
long mote_pem_find(const char *text, size_t len, const char *const *labels, unsigned nlabels,
                   unsigned index, uint8_t *out, size_t cap, unsigned *which);

/* ---- names (hostname.c) ---- */

/* mote_x509_host_check: validate a DNS host name given by the caller
 * (labels of letters, digits, '-' and '_', 1..63 bytes each, at most 253 in
 * all; one trailing '.' is dropped). Returns its length without the
 * trailing dot, or -1. */
int mote_x509_host_check(const char *host, size_t len);

/* A name matcher fed the presented name a few bytes at a time, against a
 * host name checked with mote_x509_host_check:
 *   MOTE_X509_NM_SAN         a subjectAltName dNSName (RFC 6125 / 9525:
 *                            ASCII case-insensitive, "*." only as the whole
 *                            left-most label and followed by two labels or
 *                            more, never a partial-label wildcard);
 *   MOTE_X509_NM_CONSTRAINT  a nameConstraints dNSName base (RFC 5280: the
 *                            host is the base or ends in "." + base; a base
 *                            starting with '.' matches subdomains only; an
 *                            empty base matches every name). */
#define MOTE_X509_NM_SAN        0
#define MOTE_X509_NM_CONSTRAINT 1
#define MOTE_X509_NM_WILD       2 /* internal: a SAN seen to start with '*' */

/* mote_x509_nm is defined in mote/x509.h (it is part of the state). */

/* Start matching a presented name of plen bytes against a host of hlen. */
void mote_x509_nm_start(mote_x509_nm *m, uint8_t mode, uint32_t plen, size_t hlen);
/* The next n bytes of the presented name. */
void mote_x509_nm_feed(mote_x509_nm *m, const char *host, size_t hlen, const uint8_t *p, size_t n);
/* After all plen bytes: 1 if the name matched, else 0. */
int mote_x509_nm_done(const mote_x509_nm *m);

/* mote_x509_name_in_subtree: 1 if host is within the nameConstraints
 * dNSName subtree base[0..blen), else 0. */
int mote_x509_name_in_subtree(const char *host, size_t hlen, const char *base, size_t blen);

/* ---- the certificate decoder and the chain logic (chain.c) ---- */

/* Signature schemes (mote_x509_sigalg.scheme). */
#define MOTE_X509_SIG_NONE    0 /* not seen / unknown algorithm */
#define MOTE_X509_SIG_PKCS1   1 /* RSASSA-PKCS1-v1_5 */
#define MOTE_X509_SIG_PSS     2 /* RSASSA-PSS */
#define MOTE_X509_SIG_ECDSA   3
#define MOTE_X509_SIG_ED25519 4
#define MOTE_X509_SIG_WEAK    5 /* MD2, MD5, SHA-1 */
/* mote_x509_sigalg.hash: MOTE_HASH_SHA256/384/512, or this for SHA-1. */
#define MOTE_X509_HASH_SHA1 MOTE_HASH_SHA1

/* Roles of the certificate being decoded (mote_x509_chain.role). */
#define MOTE_X509_ROLE_LEAF   0 /* the first certificate */
#define MOTE_X509_ROLE_CAND   1 /* may be the issuer of the last one in the path */
#define MOTE_X509_ROLE_SKIP   2 /* after the anchor was reached: framing only */
#define MOTE_X509_ROLE_ANCHOR 3 /* making a trust anchor of it (no path) */

/* Facts about the current certificate (mote_x509_chain.cflags). The ones
 * set in most places have the low bits: small immediates on small cores. */
#define MOTE_X509_F_KEY_UNSUPP   0x00000001u
#define MOTE_X509_F_SIG_UNSUPP   0x00000002u /* its own signature can't be checked */
#define MOTE_X509_F_SAN_MATCH    0x00000004u /* a SAN matched the host */
#define MOTE_X509_F_CRIT         0x00000008u /* the extension being read is critical */
#define MOTE_X509_F_CA           0x00000010u
#define MOTE_X509_F_CN_NEXT      0x00000020u /* the attribute being read is a commonName */
#define MOTE_X509_F_HAS_KU       0x00000040u
#define MOTE_X509_F_EKU_SERVER   0x00000080u
#define MOTE_X509_F_EKU_CLIENT   0x00000100u
#define MOTE_X509_F_EKU_ANY      0x00000200u
#define MOTE_X509_F_HAS_BC       0x00000400u
#define MOTE_X509_F_HAS_EKU      0x00000800u
#define MOTE_X509_F_SEEN         0x00001000u /* its outer SEQUENCE started */
#define MOTE_X509_F_SELF_ISSUED  0x00002000u /* subject = issuer */
#define MOTE_X509_F_ACCEPTED     0x00004000u /* it signed the path's last: now in the path */
#define MOTE_X509_F_CRIT_UNKNOWN 0x00008000u /* an unsupported critical extension */
#define MOTE_X509_F_NC_PERM      0x00010000u /* a permitted subtree of the host's type */
#define MOTE_X509_F_NC_PERM_OK   0x00020000u /* ... and the host is in one */
#define MOTE_X509_F_NC_EXCL_HIT  0x00040000u /* the host is in an excluded subtree */
#define MOTE_X509_F_EXPIRED      0x00080000u
#define MOTE_X509_F_NOT_YET      0x00100000u
#define MOTE_X509_F_KEY_WEAK     0x00200000u
#define MOTE_X509_F_LEAF_IS_TA   0x00400000u /* the leaf is an anchor's (subject and key) */
#define MOTE_X509_F_SUPERFLUOUS  0x00800000u /* not the issuer: skipped */
#define MOTE_X509_F_SIG_SEEN     0x01000000u
#define MOTE_X509_F_SAN_DNS      0x02000000u /* the leaf has a dNSName SAN */
#define MOTE_X509_F_CN_MATCH     0x04000000u /* a commonName of its subject matched the host */

/* keyUsage bits as read (first content byte in the high 8 bits). */
#define MOTE_X509_KU_DIGITAL_SIGNATURE 0x8000u
#define MOTE_X509_KU_KEY_ENCIPHERMENT  0x2000u
#define MOTE_X509_KU_KEY_AGREEMENT     0x0800u
#define MOTE_X509_KU_KEY_CERT_SIGN     0x0400u

/* Chain states (mote_x509_chain.state). */
#define MOTE_X509_ST_OPEN     0
#define MOTE_X509_ST_IN_CERT  1 /* between begin and end */
#define MOTE_X509_ST_ANCHORED 2
#define MOTE_X509_ST_FAILED   3

/* Where a certificate's key goes (mote_x509_chain.ksel). */
#define MOTE_X509_KSEL_NONE 0 /* dropped */
#define MOTE_X509_KSEL_LEAF 1 /* the caller's leaf_key->data */
#define MOTE_X509_KSEL_INT  2 /* u.ikey */

/* TBS states (mote_x509_chain.tbs_state). */
#define MOTE_X509_TBS_OFF    0 /* not needed, or can't be checked */
#define MOTE_X509_TBS_PREFIX 1 /* kept in u.prefix until the algorithm is known */
#define MOTE_X509_TBS_HASH   2 /* hashed in tbs_hash */
#define MOTE_X509_TBS_KEEP   3 /* copied whole into tbs_buf (Ed25519) */

/* A public key in RAM, as the verifier sees it: type MOTE_X509_KEY_*,
 * data[0..len), RSA exponent e. */
typedef struct {
    const uint8_t *data;
    uint32_t e;
    uint16_t len;
    uint8_t type;
} mote_x509_keyref;

/* mote_x509_verify: check signature sig[0..sig_len) over digest (made
 * with hash h) with public key k under scheme MOTE_X509_SIG_PKCS1, _PSS (salt bytes of salt)
 * or _ECDSA (a DER ECDSA-Sig-Value; pg: mote/progress.h, may be NULL).
 * Returns MOTE_OK, the primitive's error, 1 if the key's type does not fit
 * the scheme, or MOTE_ERR_UNSUPPORTED (a scheme not built in). Shared by
 * the chain and the TLS handshake's signatures (src/tls/certs.c). */
int mote_x509_verify(const mote_x509_keyref *k, uint8_t scheme, const mote_hash_desc *h,
                     const uint8_t *digest, size_t salt, const uint8_t *sig, size_t sig_len,
                     const mote_progress *pg);
/* mote_x509_parse_time: UTCTime (tag 0x17, 13 bytes) or GeneralizedTime
 * (0x18, 15 bytes) in strict DER form ("...Z", seconds, no fraction) to
 * seconds since 1970. Returns 0 or -1. */
int mote_x509_parse_time(uint8_t tag, const uint8_t *s, size_t len, int64_t *out);

#endif
