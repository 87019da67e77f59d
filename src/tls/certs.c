/* The server's certificates as they stream through the handshake, and the
 * CertificateVerify check with the leaf's key.
 *
 * Every certificate's bytes pass through here once. The leaf's public key
 * is picked out on the fly (SubjectPublicKeyInfo: algorithm, curve, key
 * bits) and kept in the connection for CertificateVerify; the chain itself
 * is judged by the X.509 validator (src/x509/) fed from the same bytes. */
#include <string.h>

#include "crypto/util.h"
#include "tls/internal.h"
#include "x509/der_stream.h"
#if MOTE_ENABLE_RSA
#include "mote/rsa.h"
#endif
#if MOTE_ENABLE_ED25519
#include "mote/ed25519.h"
#endif
#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384
#include "mote/ec.h"
#endif

/* Key kinds kept from the leaf. */
enum { KEY_NONE, KEY_RSA, KEY_RSA_PSS, KEY_EC_P256, KEY_EC_P384, KEY_ED25519 };

#define LEAF_KEY_MAX 600 /* RSAPublicKey of a 4096-bit key, with room */

typedef struct {
    mote_derst der;     /* walks the leaf certificate */
    uint8_t kind;       /* KEY_* once the SPKI has been seen */
    uint8_t in_leaf;    /* bytes of certificate 0 are passing */
    uint8_t tbs_child;  /* index of the current child of TBSCertificate */
    uint8_t spki_index; /* which TBS child is the SPKI (5, or 6 with a version) */
    uint8_t capture;    /* what the current primitive's DATA is: 1 alg OID, 2 param OID, 3 key */
    uint8_t alg[12], param[12];
    uint8_t alg_len, param_len;
    uint16_t key_len;
    uint8_t key[LEAF_KEY_MAX];
} cert_walk;

typedef char cert_walk_fits[sizeof(cert_walk) <= sizeof(((mote_tls_conn *)0)->cert_state) ? 1 : -1];

static cert_walk *walk_of(mote_tls_conn *c)
{
    return (cert_walk *)(void *)c->cert_state;
}

static const uint8_t oid_rsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
static const uint8_t oid_rsa_pss[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a};
static const uint8_t oid_ec[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
static const uint8_t oid_p256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
static const uint8_t oid_p384[] = {0x2b, 0x81, 0x04, 0x00, 0x22};
static const uint8_t oid_ed25519[] = {0x2b, 0x65, 0x70};

#define OID_IS(buf, len, oid) ((len) == sizeof(oid) && memcmp((buf), (oid), sizeof(oid)) == 0)

int mote_tls_cert_begin(mote_tls_conn *c)
{
    cert_walk *w = walk_of(c);
    memset(w, 0, sizeof *w);
    return MOTE_OK;
}

int mote_tls_cert_entry(mote_tls_conn *c, unsigned index, size_t len)
{
    cert_walk *w = walk_of(c);
    (void)len;
    w->in_leaf = index == 0;
    if (w->in_leaf) mote_derst_init(&w->der);
    return MOTE_OK;
}

/* Walk the leaf: Certificate > TBSCertificate > SubjectPublicKeyInfo. */
static int leaf_events(cert_walk *w)
{
    mote_derst_ev ev;
    int r;
    while ((r = mote_derst_next(&w->der, &ev)) > 0) {
        if (r == MOTE_DERST_START) {
            w->capture = 0;
            if (ev.depth == 2) { /* a child of TBSCertificate */
                if (w->tbs_child == 0) w->spki_index = ev.tag == 0xA0 ? 6 : 5;
                w->tbs_child++;
                if (w->tbs_child - 1 != w->spki_index) mote_derst_skip(&w->der);
            } else if (ev.depth == 1 && w->tbs_child) {
                mote_derst_skip(&w->der);                 /* signatureAlgorithm, signature */
            } else if (ev.depth == 4 && ev.tag == 0x06) { /* OIDs in AlgorithmIdentifier */
                w->capture = w->alg_len == 0 ? 1 : 2;
                if (ev.len > sizeof w->alg) return MOTE_ERR_TLS_BAD_CERTIFICATE;
            } else if (ev.depth == 3 && ev.tag == 0x03) { /* subjectPublicKey */
                w->capture = 3;
                if (ev.len > sizeof w->key) return MOTE_ERR_TLS_BAD_CERTIFICATE; /* key too big */
            } else if (ev.depth >= 4) {
                mote_derst_skip(&w->der);
            }
        } else if (r == MOTE_DERST_DATA) {
            /* lengths were checked against the buffers at START */
            if (w->capture == 1) {
                memcpy(w->alg + ev.off, ev.p, ev.len);
                w->alg_len = (uint8_t)(ev.off + ev.len);
            } else if (w->capture == 2) {
                memcpy(w->param + ev.off, ev.p, ev.len);
                w->param_len = (uint8_t)(ev.off + ev.len);
            } else if (w->capture == 3) {
                memcpy(w->key + ev.off, ev.p, ev.len);
                w->key_len = (uint16_t)(ev.off + ev.len);
            }
        }
    }
    return r < 0 ? MOTE_ERR_TLS_BAD_CERTIFICATE : MOTE_OK;
}

int mote_tls_cert_data(mote_tls_conn *c, const uint8_t *p, size_t n)
{
    cert_walk *w = walk_of(c);
    if (!w->in_leaf) return MOTE_OK;
    mote_derst_input(&w->der, p, n);
    return leaf_events(w);
}

int mote_tls_cert_end_entry(mote_tls_conn *c)
{
    cert_walk *w = walk_of(c);
    if (!w->in_leaf) return MOTE_OK;
    w->in_leaf = 0;
    if (!mote_derst_idle(&w->der) || w->key_len < 2 || w->key[0] != 0)
        return MOTE_ERR_TLS_BAD_CERTIFICATE; /* truncated, or a key with unused bits */
    if (OID_IS(w->alg, w->alg_len, oid_rsa))
        w->kind = KEY_RSA;
    else if (OID_IS(w->alg, w->alg_len, oid_rsa_pss))
        w->kind = KEY_RSA_PSS;
    else if (OID_IS(w->alg, w->alg_len, oid_ed25519))
        w->kind = KEY_ED25519;
    else if (OID_IS(w->alg, w->alg_len, oid_ec) && OID_IS(w->param, w->param_len, oid_p256))
        w->kind = KEY_EC_P256;
    else if (OID_IS(w->alg, w->alg_len, oid_ec) && OID_IS(w->param, w->param_len, oid_p384))
        w->kind = KEY_EC_P384;
    else
        return MOTE_ERR_TLS_BAD_CERTIFICATE; /* unsupported key type */
    return MOTE_OK;
}

int mote_tls_cert_end(mote_tls_conn *c, unsigned count)
{
    cert_walk *w = walk_of(c);
    (void)count;
    if (w->kind == KEY_NONE) return MOTE_ERR_TLS_BAD_CERTIFICATE;
    if (c->cfg->flags & MOTE_TLS_NO_VERIFY) return MOTE_OK;
    return MOTE_ERR_TLS_BAD_CERTIFICATE; /* chain validation: see src/x509 (not wired yet) */
}

/* ---- CertificateVerify ---- */

static const mote_hash_desc *scheme_hash(uint16_t scheme)
{
    switch (scheme) {
    case MOTE_SIG_RSA_PKCS1_SHA256:
    case MOTE_SIG_ECDSA_SECP256R1_SHA256:
    case MOTE_SIG_RSA_PSS_RSAE_SHA256:
    case MOTE_SIG_RSA_PSS_PSS_SHA256:
        return &mote_sha256_desc;
#if MOTE_ENABLE_SHA512
    case MOTE_SIG_RSA_PKCS1_SHA384:
    case MOTE_SIG_ECDSA_SECP384R1_SHA384:
    case MOTE_SIG_RSA_PSS_RSAE_SHA384:
    case MOTE_SIG_RSA_PSS_PSS_SHA384:
        return &mote_sha384_desc;
    case MOTE_SIG_RSA_PKCS1_SHA512:
    case MOTE_SIG_RSA_PSS_RSAE_SHA512:
    case MOTE_SIG_RSA_PSS_PSS_SHA512:
        return &mote_sha512_desc;
#endif
    default:
        return NULL; /* Ed25519 signs the message itself */
    }
}

int mote_tls_sig_supported(uint16_t scheme)
{
    switch (scheme) {
#if MOTE_ENABLE_RSA
    case MOTE_SIG_RSA_PSS_RSAE_SHA256:
    case MOTE_SIG_RSA_PSS_PSS_SHA256:
    case MOTE_SIG_RSA_PKCS1_SHA256:
        return 1;
#if MOTE_ENABLE_SHA512
    case MOTE_SIG_RSA_PSS_RSAE_SHA384:
    case MOTE_SIG_RSA_PSS_RSAE_SHA512:
    case MOTE_SIG_RSA_PSS_PSS_SHA384:
    case MOTE_SIG_RSA_PSS_PSS_SHA512:
    case MOTE_SIG_RSA_PKCS1_SHA384:
    case MOTE_SIG_RSA_PKCS1_SHA512:
        return 1;
#endif
#endif
#if MOTE_ENABLE_ED25519
    case MOTE_SIG_ED25519:
        return 1;
#endif
    default:
        return 0;
    }
}

int mote_tls_cert_verify(mote_tls_conn *c, uint16_t scheme, const uint8_t *content,
                         size_t content_len, const uint8_t *sig, size_t sig_len)
{
    cert_walk *w = walk_of(c);
    const mote_hash_desc *h = scheme_hash(scheme);
    uint8_t digest[MOTE_HASH_MAX_LEN];
    int rc = MOTE_ERR_TLS_ILLEGAL_PARAMETER; /* a scheme we did not offer, or not the key's */

    /* PKCS#1 v1.5 signs certificates only, never a TLS 1.3 handshake */
    if (!mote_tls_sig_supported(scheme) || (scheme & 0xFF) == 0x01)
        return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    if (h) mote_hash(h, content, content_len, digest);
    switch (scheme) {
#if MOTE_ENABLE_RSA
    case MOTE_SIG_RSA_PSS_RSAE_SHA256:
    case MOTE_SIG_RSA_PSS_RSAE_SHA384:
    case MOTE_SIG_RSA_PSS_RSAE_SHA512:
    case MOTE_SIG_RSA_PSS_PSS_SHA256:
    case MOTE_SIG_RSA_PSS_PSS_SHA384:
    case MOTE_SIG_RSA_PSS_PSS_SHA512: {
        mote_rsa_public_key key;
        int pss_key = (scheme & 0xFF) >= 0x09;
        if (w->kind != (pss_key ? KEY_RSA_PSS : KEY_RSA)) break;
        if (mote_rsa_public_from_der(&key, w->key + 1, (size_t)w->key_len - 1) != MOTE_OK) {
            rc = MOTE_ERR_TLS_BAD_CERTIFICATE;
            break;
        }
        rc = mote_rsa_verify_pss(&key, h, digest, h->out_len, sig, sig_len) == MOTE_OK
                 ? MOTE_OK
                 : MOTE_ERR_TLS_DECRYPT_ERROR;
        break;
    }
#endif
#if MOTE_ENABLE_ED25519
    case MOTE_SIG_ED25519:
        if (w->kind != KEY_ED25519 || w->key_len != 33) break;
        rc = mote_ed25519_verify(w->key + 1, content, content_len, sig, sig_len) == MOTE_OK
                 ? MOTE_OK
                 : MOTE_ERR_TLS_DECRYPT_ERROR;
        break;
#endif
    default:
        (void)sig, (void)sig_len;
        break;
    }
    mote_wipe(digest, sizeof digest);
    return rc;
}

uint8_t mote_tls_x509_alert(int err)
{
    (void)err;
    return 42; /* bad_certificate; refined once the validator reports reasons */
}
