/* The server's certificates as they stream through the handshake, and the
 * CertificateVerify check with the leaf's key.
 *
 * Every certificate's bytes pass once through mote's streaming X.509
 * validator (src/x509/chain.c): it hashes each TBS on the fly, checks each
 * signature with the next certificate's key, names, dates, usages and the
 * host name, and keeps the leaf's public key for CertificateVerify. */
#include <string.h>

#include "crypto/util.h"
#include "tls/internal.h"
#include "x509/x509_int.h" /* mote_x509_verify */
#if MOTE_ENABLE_ED25519
#include "mote/ed25519.h"
#endif

int mote_tls_cert_begin(mote_tls_conn *c)
{
    const mote_tls_config *cfg = c->cfg;
    mote_x509_chain *v = &c->w.v.chain;
    int rc;
    /* (the validator's settings are written here directly: what
     * mote_x509_chain_set_progress / _purpose / _flags / _time do) */
    mote_x509_chain_init(v, cfg->anchors, cfg->n_anchors, &c->leaf_key);
    v->progress.fn = cfg->progress;
    v->progress.arg = cfg->progress_arg;
    /* a server checks the client's chain: clientAuth, and no host name */
    if (c->server) v->purpose = MOTE_X509_PURPOSE_CLIENT;
#if MOTE_ENABLE_TLS12 && MOTE_ENABLE_TLS12_RSA_KEX
    /* RSA key transport encrypts to the server's key: a keyUsage must
     * allow keyEncipherment (RFC 5280 4.2.1.3; OpenSSL checks it too) */
    else if (mote_tls12_rsa_kex(c->suite))
        v->purpose = MOTE_X509_PURPOSE_SERVER_KEX;
#endif
    if (cfg->flags & MOTE_TLS_NO_TIME_CHECK) {
        v->flags = MOTE_X509_NO_TIME_CHECK;
    } else if (cfg->now) {
        v->now = cfg->now;
        v->time_set = 1;
    }
    if (cfg->server_name && !c->server) {
        rc = mote_x509_chain_set_host(v, cfg->server_name, strlen(cfg->server_name));
        if (rc && !(cfg->flags & MOTE_TLS_NO_VERIFY)) return rc;
    }
    /* Ed25519-signed certificates must be kept whole until their issuer's
     * key arrives: lend the validator the idle tail of the output buffer
     * (the client sends nothing while the server's flight streams in). */
    if (MOTE_ENABLE_ED25519 && c->out_size > c->out_len + 64)
        mote_x509_chain_set_tbs_buffer(v, c->out + c->out_len, c->out_size - c->out_len);
    c->peer_cert_len = c->peer_cert_got = 0;
    return MOTE_OK;
}

/* Validation errors are kept until the message ends, unless verification is
 * on, where the first one ends the handshake at once. (The validator keeps
 * its first error: every later call returns it.) */
static int chain_result(mote_tls_conn *c, int rc)
{
    return (c->cfg->flags & MOTE_TLS_NO_VERIFY) ? MOTE_OK : rc;
}

int mote_tls_cert_entry(mote_tls_conn *c, unsigned index, size_t len)
{
    if (index == 0) c->peer_cert_len = (uint32_t)len; /* the leaf: copied as it passes */
    return chain_result(c, mote_x509_chain_begin(&c->w.v.chain));
}

int mote_tls_cert_data(mote_tls_conn *c, const uint8_t *p, size_t n)
{
    const mote_tls_config *cfg = c->cfg;
    if (c->peer_cert_got < c->peer_cert_len && n <= c->peer_cert_len - c->peer_cert_got) {
        /* within the leaf */
        if (cfg->peer_cert_buf && c->peer_cert_len <= cfg->peer_cert_size)
            memcpy(cfg->peer_cert_buf + c->peer_cert_got, p, n);
        c->peer_cert_got += (uint32_t)n;
    }
    return chain_result(c, mote_x509_chain_feed(&c->w.v.chain, p, n));
}

int mote_tls_cert_end_entry(mote_tls_conn *c)
{
    return chain_result(c, mote_x509_chain_end(&c->w.v.chain));
}

int mote_tls_cert_end(mote_tls_conn *c, unsigned count)
{
    int rc = mote_x509_chain_finish(&c->w.v.chain);
    (void)count;
    if (c->cfg->flags & MOTE_TLS_NO_VERIFY) {
        c->verify_result = rc ? rc : MOTE_OK;
        /* still need the leaf's key for CertificateVerify */
        return c->leaf_key.type == MOTE_X509_KEY_NONE ? MOTE_ERR_TLS_BAD_CERTIFICATE : MOTE_OK;
    }
    c->verify_result = rc;
    return rc;
}

const uint8_t *mote_tls_peer_cert(const mote_tls_conn *c, size_t *len)
{
    const mote_tls_config *cfg = c->cfg;
    int whole = c->peer_cert_len && c->peer_cert_got == c->peer_cert_len;
    *len = whole ? c->peer_cert_len : 0;
    if (!whole || !cfg->peer_cert_buf) return NULL;
    return c->peer_cert_len <= cfg->peer_cert_size ? cfg->peer_cert_buf : NULL;
}

/* ---- CertificateVerify (1.3), ServerKeyExchange (1.2) ---- */

const mote_hash_desc *mote_tls_scheme_hash(uint16_t scheme)
{
    switch (scheme) {
    case MOTE_SIG_ECDSA_SECP256R1_SHA256:
    case MOTE_SIG_RSA_PSS_RSAE_SHA256:
    case MOTE_SIG_RSA_PSS_PSS_SHA256:
    case MOTE_SIG_RSA_PKCS1_SHA256:
        return &mote_sha256_desc;
#if MOTE_ENABLE_SHA512
    case MOTE_SIG_ECDSA_SECP384R1_SHA384:
    case MOTE_SIG_RSA_PSS_RSAE_SHA384:
    case MOTE_SIG_RSA_PSS_PSS_SHA384:
    case MOTE_SIG_RSA_PKCS1_SHA384:
        return &mote_sha384_desc;
    case MOTE_SIG_RSA_PSS_RSAE_SHA512:
    case MOTE_SIG_RSA_PSS_PSS_SHA512:
    case MOTE_SIG_RSA_PKCS1_SHA512:
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
#if MOTE_ENABLE_P256
    case MOTE_SIG_ECDSA_SECP256R1_SHA256:
        return 1;
#endif
#if MOTE_ENABLE_P384 && MOTE_ENABLE_SHA512
    case MOTE_SIG_ECDSA_SECP384R1_SHA384:
        return 1;
#endif
#if MOTE_ENABLE_ED25519
    case MOTE_SIG_ED25519:
        return 1;
#endif
    default:
        return 0;
    }
}

/* The signed message, in up to three pieces (TLS 1.2: client_random,
 * server_random, ServerKeyExchange params). */
typedef struct {
    const uint8_t *p[3];
    size_t n[3];
} signed_msg;

/* The helpers below keep their big locals (a hash context, an RSA key, an
 * Ed25519 context) out of verify's frame, which stays on the stack under
 * the ECDSA verification: the deepest path of a handshake. */
static MOTE_NOINLINE void digest_of(const mote_hash_desc *h, const signed_msg *m, uint8_t *digest)
{
    mote_hash_ctx hc;
    int i;
    h->init(&hc);
    for (i = 0; i < 3; i++)
        h->update(&hc, m->p[i], m->n[i]);
    h->final(&hc, digest);
}

#if MOTE_ENABLE_ED25519
static MOTE_NOINLINE int verify_ed25519(const mote_tls_conn *c, const mote_x509_pubkey *k,
                                        const signed_msg *m, const uint8_t *sig, size_t sig_len)
{
    mote_ed25519_verify_ctx v;
    mote_progress pg; /* the application's hook, inside the verification */
    int i;
    if (k->type != MOTE_X509_KEY_ED25519) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    if (mote_ed25519_verify_init(&v, k->data, sig, sig_len) != MOTE_OK) return 0;
    for (i = 0; i < 3; i++)
        mote_ed25519_verify_update(&v, m->p[i], m->n[i]);
    pg.fn = c->cfg->progress;
    pg.arg = c->cfg->progress_arg;
    return mote_ed25519_verify_final_p(&v, &pg) == MOTE_OK;
}
#endif

/* pre: the digest already made (TLS 1.2 CertificateVerify: the transcript
 * hash, which must be the scheme's hash), or NULL. */
static int verify(mote_tls_conn *c, uint16_t scheme, const signed_msg *m, const uint8_t *sig,
                  size_t sig_len, int tls12, const uint8_t *pre)
{
    const mote_x509_pubkey *k = &c->leaf_key;
    const mote_hash_desc *h = mote_tls_scheme_hash(scheme);
    uint8_t digest[MOTE_HASH_MAX_LEN];
    int ok; /* 1: verified; 0: not; < 0: this error */

    /* PKCS#1 v1.5 signs certificates only, never a TLS 1.3 handshake */
    if (!mote_tls_sig_supported(scheme) || (!tls12 && (scheme & 0xFF) == 0x01))
        return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    if (pre && (!h || h->out_len != c->hash_len)) return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
    if (pre)
        memcpy(digest, pre, h->out_len);
    else if (h)
        digest_of(h, m, digest);
        /* (every scheme that passed mote_tls_sig_supported is Ed25519, RSA or
         * ECDSA) */
#if MOTE_ENABLE_ED25519
    if (scheme == MOTE_SIG_ED25519) {
        ok = verify_ed25519(c, k, m, sig, sig_len);
    } else
#endif
    {
        /* TLS 1.3 ties an ECDSA curve to the scheme; in 1.2 the scheme
         * names the hash only and the curve is the key's */
        uint8_t x = (scheme & 0xFF) == 0x03   ? MOTE_X509_SIG_ECDSA
                    : (scheme & 0xFF) == 0x01 ? MOTE_X509_SIG_PKCS1
                                              : MOTE_X509_SIG_PSS;
        mote_progress pg; /* the application's hook, inside the verification */
        mote_x509_keyref kr;
        int r;
        if (x == MOTE_X509_SIG_ECDSA && !tls12 &&
            k->type != (scheme == MOTE_SIG_ECDSA_SECP256R1_SHA256 ? MOTE_X509_KEY_P256
                                                                  : MOTE_X509_KEY_P384))
            return MOTE_ERR_TLS_ILLEGAL_PARAMETER;
        pg.fn = c->cfg->progress;
        pg.arg = c->cfg->progress_arg;
        kr.data = k->data;
        kr.e = k->e;
        kr.len = k->len;
        kr.type = k->type;
        r = mote_x509_verify(&kr, x, h, digest, h->out_len, sig, sig_len, &pg);
        if (r == 1)
            ok = MOTE_ERR_TLS_ILLEGAL_PARAMETER; /* the wrong kind of key */
        else if (x != MOTE_X509_SIG_ECDSA && (r == MOTE_ERR_BAD_KEY || r == MOTE_ERR_UNSUPPORTED))
            ok = MOTE_ERR_TLS_BAD_CERTIFICATE;
        else
            ok = r == MOTE_OK;
    }
    mote_wipe(digest, sizeof digest);
    if (ok < 0) return ok;
    return ok ? MOTE_OK : MOTE_ERR_TLS_DECRYPT_ERROR;
}

int mote_tls_cert_verify(mote_tls_conn *c, uint16_t scheme, const uint8_t *content,
                         size_t content_len, const uint8_t *sig, size_t sig_len)
{
    signed_msg m = {{content, NULL, NULL}, {content_len, 0, 0}};
    return verify(c, scheme, &m, sig, sig_len, 0, NULL);
}

/* 64 spaces, the context string with its zero byte (in two pieces: their
 * common start, then the side's), the transcript hash; one copy for the
 * CertificateVerify we check and the one we sign */
static const char cv_start[73] =
    "                                                                TLS 1.3, ";
static const char cv_side[2][25] = {"client CertificateVerify", "server CertificateVerify"};

int mote_tls13_cv_verify(mote_tls_conn *c, uint16_t scheme, int server_signs, const uint8_t *th,
                         const uint8_t *sig, size_t sig_len)
{
    signed_msg m = {{(const uint8_t *)cv_start, (const uint8_t *)cv_side[server_signs != 0], th},
                    {73, 25, c->hash_len}};
    return verify(c, scheme, &m, sig, sig_len, 0, NULL);
}

size_t mote_tls13_cv_content(const mote_tls_conn *c, int server_signs, const uint8_t *th,
                             uint8_t *out)
{
    /* the pieces mote_tls13_cv_verify hashes, by a loop (gcc turns a
     * memcpy of all of cv_start into a copy from a second copy of it) */
    const void *p[3] = {cv_start, cv_side[server_signs != 0], th};
    size_t n[3] = {73, 25, c->hash_len}, len = 0, i;
    for (i = 0; i < 3; i++) {
        memcpy(out + len, p[i], n[i]);
        len += n[i];
    }
    return len;
}

#if MOTE_ENABLE_TLS12
int mote_tls12_cert_verify(mote_tls_conn *c, uint16_t scheme, const uint8_t *params,
                           size_t params_len, const uint8_t *sig, size_t sig_len)
{
    signed_msg m = {{c->client_random, c->server_random, params}, {32, 32, params_len}};
    return verify(c, scheme, &m, sig, sig_len, 1, NULL);
}

int mote_tls12_cv_verify(mote_tls_conn *c, uint16_t scheme, const uint8_t *th, const uint8_t *sig,
                         size_t sig_len)
{
    signed_msg m = {{NULL, NULL, NULL}, {0, 0, 0}};
    return verify(c, scheme, &m, sig, sig_len, 1, th);
}
#endif

uint8_t mote_tls_x509_alert(int err)
{
    switch (err) {
    case MOTE_ERR_X509_EXPIRED:
    case MOTE_ERR_X509_NOT_YET_VALID:
        return 45; /* certificate_expired */
    case MOTE_ERR_X509_UNKNOWN_ISSUER:
        return 48; /* unknown_ca */
    case MOTE_ERR_X509_UNSUPPORTED:
    case MOTE_ERR_X509_WEAK_KEY:
    case MOTE_ERR_X509_WEAK_HASH:
        return 43; /* unsupported_certificate */
    default:
        return 42; /* bad_certificate */
    }
}
