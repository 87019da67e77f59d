/* Our certificate, either role (a client's for mutual TLS, a server's
 * chain): the Certificate message, written as records of whatever size the
 * output buffer allows (a chain larger than the buffer goes out in several
 * pieces), and our CertificateVerify, signed with the chain's key (ECDSA
 * P-256/P-384, Ed25519, RSA-PSS with SHA-256/384/512). TLS 1.2 signs the
 * handshake messages themselves: its caller passes their hash (the
 * transcript hash, with a scheme of the suite's hash) as content. */
#include <string.h>

#include "crypto/util.h"
#include "tls/internal.h"
/* (a server's chain, or a client's with MOTE_ENABLE_TLS_CLIENT_AUTH) */
#if MOTE_ENABLE_TLS_CLIENT_AUTH || MOTE_ENABLE_SERVER
#if MOTE_ENABLE_RSA && MOTE_ENABLE_RSA_SIGN
#include "crypto/rsa_int.h"
#endif
#if MOTE_ENABLE_ED25519
#include "mote/ed25519.h"
#endif
#if (MOTE_ENABLE_P256 || MOTE_ENABLE_P384) && MOTE_ENABLE_ECDSA_SIGN
#include "mote/ec.h"
#endif

void mote_tls_own_chain(const mote_tls_conn *c, mote_tls_chain *out)
{
    if (c->own) {
        *out = *c->own;
        return;
    }
    out->certs = c->cfg->client_certs;
    out->cert_lens = c->cfg->client_cert_lens;
    out->n_certs = c->cfg->n_client_certs;
    out->key = c->cfg->client_key;
}

/* The TLS 1.3 schemes we sign with (compiled in) and the key type each
 * needs, in our order of preference (a client's choice: the first its key
 * has; RSA: PSS with SHA-256). */
static const uint16_t schemes[][2] = {
#if MOTE_ENABLE_P256 && MOTE_ENABLE_ECDSA_SIGN
    {MOTE_SIG_ECDSA_SECP256R1_SHA256, MOTE_X509_KEY_P256},
#endif
#if MOTE_ENABLE_P384 && MOTE_ENABLE_ECDSA_SIGN && MOTE_ENABLE_SHA512
    {MOTE_SIG_ECDSA_SECP384R1_SHA384, MOTE_X509_KEY_P384},
#endif
#if MOTE_ENABLE_ED25519
    {MOTE_SIG_ED25519, MOTE_X509_KEY_ED25519},
#endif
#if MOTE_ENABLE_RSA && MOTE_ENABLE_RSA_SIGN
    {MOTE_SIG_RSA_PSS_RSAE_SHA256, MOTE_X509_KEY_RSA},
#if MOTE_ENABLE_SHA512
    {MOTE_SIG_RSA_PSS_RSAE_SHA384, MOTE_X509_KEY_RSA},
    {MOTE_SIG_RSA_PSS_RSAE_SHA512, MOTE_X509_KEY_RSA},
#endif
#endif
    {0, 0}};

/* Can this key sign with this TLS 1.3 scheme (compiled in)? */
static int key_signs(const mote_x509_privkey *k, uint16_t scheme)
{
    size_t i;
    for (i = 0; schemes[i][0]; i++)
        if (schemes[i][0] == scheme) return k->type == schemes[i][1];
    return 0;
}

#if MOTE_ENABLE_TLS_CLIENT_AUTH
uint16_t mote_tls_client_scheme(const mote_tls_conn *c)
{
    mote_tls_chain o;
    size_t i;
    mote_tls_own_chain(c, &o);
    if (!o.key || !o.n_certs) return 0;
    for (i = 0; schemes[i][0]; i++)
        if (o.key->type == schemes[i][1]) return schemes[i][0];
    return 0;
}
#endif

uint16_t mote_tls_pick_scheme(const mote_tls_conn *c, const uint8_t *list, size_t len)
{
    mote_tls_chain o;
    size_t i;
    mote_tls_own_chain(c, &o);
    if (!o.key || !o.n_certs) return 0;
    for (i = 0; i + 1 < len; i += 2) {
        uint16_t s = (uint16_t)((list[i] << 8) | list[i + 1]);
        if (key_signs(o.key, s)) return s;
    }
    return 0;
}

static void put24(uint8_t *p, size_t v)
{
    p[0] = (uint8_t)(v >> 16), p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)v;
}

/* The Certificate message as a virtual byte string: header, (TLS 1.3)
 * empty context, list length, then per certificate its 3-byte length, its
 * DER and (TLS 1.3) empty extensions. Sent empty unless the server accepted
 * our signature scheme. Bytes [pos, pos + n) of it go to out piece by
 * piece: off is the message offset of the next piece. */
typedef struct {
    uint8_t *out;
    size_t pos, n, off;
} window;

static void piece(window *w, const uint8_t *p, size_t len)
{
    size_t a = w->off > w->pos ? w->off : w->pos, end = w->pos + w->n;
    size_t b = w->off + len < end ? w->off + len : end;
    if (a < b) memcpy(w->out + (a - w->pos), p + (a - w->off), b - a);
    w->off += len;
}

/* Returns the message's length (msg_bytes(c, 0, NULL, 0): only that).
 * Out of line: its state (our chain's description) is gone before the
 * record is sealed. */
static MOTE_NOINLINE size_t msg_bytes(const mote_tls_conn *c, size_t pos, uint8_t *out, size_t n)
{
    uint8_t head[8];
    size_t list = 0, i, tls13 = c->version == MOTE_TLS13;
    window w;
    mote_tls_chain o;
    w.out = out, w.pos = pos, w.n = n, w.off = 0;
    mote_tls_own_chain(c, &o);
    for (i = 0; c->client_scheme && i < o.n_certs; i++)
        list += 3 + o.cert_lens[i] + 2 * tls13;
    head[0] = MOTE_HS_CERTIFICATE;
    put24(head + 1, tls13 + 3 + list);
    head[4] = 0; /* (TLS 1.3) certificate_request_context */
    put24(head + 4 + tls13, list);
    piece(&w, head, 7 + tls13);
    head[3] = head[4] = 0;                    /* (TLS 1.3) an entry's empty extensions */
    for (i = 0; list && i < o.n_certs; i++) { /* no entries unless client_scheme */
        put24(head, o.cert_lens[i]);
        piece(&w, head, 3);
        piece(&w, o.certs[i], o.cert_lens[i]);
        piece(&w, head + 3, 2 * tls13);
    }
    return w.off;
}

int mote_tls_send_client_cert(mote_tls_conn *c)
{
    size_t total = msg_bytes(c, 0, NULL, 0);
    while (c->fl_pos < total) {
        size_t over = mote_tls_cipher_overhead(&c->w.wr) + (c->version == MOTE_TLS13), room, n;
        uint8_t *body;
        int rc;
        if (c->out_sent == c->out_len) c->out_sent = c->out_len = 0;
        room = c->out_size - c->out_len;
        if (room < 5 + over + 64 && room < 5 + over + (total - c->fl_pos)) return 0; /* wait */
        n = room - 5 - over;
        if (n > total - c->fl_pos) n = total - c->fl_pos;
        if (n > mote_tls_max_fragment(c)) n = mote_tls_max_fragment(c);
        body = c->out + c->out_len + 5 + c->w.wr.explicit_len;
        msg_bytes(c, c->fl_pos, body, n);
        mote_tls_th_add(c, body, n);
        rc = mote_tls_send_record(c, 22, body, n);
        if (rc) return rc;
        c->fl_pos += (uint32_t)n;
    }
    return 1;
}

/* a TLS ECDSA scheme we can sign with: P-256, or P-384 (with SHA-384) */
#define ECDSA_SIGNS                                                                                \
    (MOTE_ENABLE_ECDSA_SIGN && (MOTE_ENABLE_P256 || (MOTE_ENABLE_P384 && MOTE_ENABLE_SHA512)))

#if ECDSA_SIGNS || (MOTE_ENABLE_RSA && MOTE_ENABLE_RSA_SIGN)
/* The digest to sign: TLS 1.3 hashes the content, TLS 1.2's content is
 * already the hash of the handshake messages. */
static MOTE_NOINLINE void digest_of(const mote_tls_conn *c, const mote_hash_desc *h,
                                    const uint8_t *content, size_t content_len, uint8_t *digest)
{
    if (c->version == MOTE_TLS12 && content_len == h->out_len)
        memcpy(digest, content, content_len);
    else
        mote_hash(h, content, content_len, digest);
}
#endif

#if ECDSA_SIGNS
/* ECDSA with the scheme's curve and hash (P-256 with SHA-256, P-384 with
 * SHA-384): with the key's external signer if it has one (and it does not
 * decline), else with its scalar. */
static MOTE_NOINLINE int ecdsa_sign(const mote_tls_conn *c, const mote_x509_privkey *k,
                                    const uint8_t *content, size_t content_len, uint8_t *out,
                                    size_t *sig_len)
{
    int p384 = c->client_scheme == MOTE_SIG_ECDSA_SECP384R1_SHA384, curve, rc;
#if MOTE_ENABLE_P384 && MOTE_ENABLE_SHA512
    const mote_hash_desc *h = p384 ? &mote_sha384_desc : &mote_sha256_desc;
#else
    const mote_hash_desc *h = &mote_sha256_desc;
#endif
    uint8_t digest[MOTE_HASH_MAX_LEN];
    curve = p384 ? MOTE_EC_P384 : MOTE_EC_P256;
    digest_of(c, h, content, content_len, digest);
    rc = MOTE_ERR_UNSUPPORTED;
    if (k->sign) {
        rc = k->sign(k->sign_arg, k, digest, h->out_len, out, MOTE_ECDSA_MAX_DER, sig_len);
        if (rc == MOTE_OK && *sig_len > MOTE_ECDSA_MAX_DER) rc = MOTE_ERR_BAD_INPUT;
    }
    if (rc == MOTE_ERR_UNSUPPORTED) {
        /* r || s 16 bytes in, then made DER in place: no copy on the stack */
        uint8_t *raw = out + 16;
        rc = mote_ecdsa_sign_raw(curve, raw, k->u.ec, h, digest);
        if (rc == MOTE_OK)
            rc = mote_ecdsa_raw_to_der(out, MOTE_ECDSA_MAX_DER, sig_len, raw,
                                       2 * mote_ec_scalar_len(curve));
    }
    mote_wipe(digest, sizeof digest);
    return rc;
}
#endif

#if MOTE_ENABLE_RSA && MOTE_ENABLE_RSA_SIGN
/* RSA-PSS, or PKCS#1 v1.5 (a TLS 1.2 ServerKeyExchange for a client
 * without PSS), with the hash of the scheme. The workspace: the larger idle part
 * of the buffers (the free tail of in[], or out[] past the signature) when
 * it holds the fastest size, else 1.5 KiB of stack for keys up to 2048
 * bits, else the idle part if it holds the minimum, else nothing. */
static int rsa_sign(mote_tls_conn *c, const mote_x509_privkey *k, const uint8_t *content,
                    size_t content_len, uint8_t *sig)
{
    /* the hash: 0x0804 / 0x0401 SHA-256, 0x0805 / 0x0501 SHA-384, 0x0806 / 0x0601 SHA-512 */
    unsigned hb = c->client_scheme >> 8, lo8 = c->client_scheme & 0xff, pkcs1 = lo8 == 0x01;
    unsigned which = pkcs1 ? hb - 4 : lo8 - 4;
    const mote_hash_desc *h = which == 0 ? &mote_sha256_desc
#if MOTE_ENABLE_SHA512
                              : which == 1 ? &mote_sha384_desc
                                           : &mote_sha512_desc;
#else
                                         : NULL;
#endif
    uint32_t stack_work[MOTE_RSA_SIGN_WORK_MIN_WORDS(2048)], *work = stack_work;
    size_t words = sizeof stack_work / sizeof *stack_work, idle_words;
    uint8_t digest[MOTE_HASH_MAX_LEN], *lo = sig + k->len, *hi = c->out + c->out_size;
    int rc;
    if (!h) return MOTE_ERR_UNSUPPORTED;
    if (c->in_size - c->in_len > (size_t)(hi - lo)) lo = c->in + c->in_len, hi = c->in + c->in_size;
    while (lo < hi && ((size_t)lo & 3))
        lo++;
    idle_words = (size_t)(hi - lo) / 4;
    if (idle_words >= (size_t)MOTE_RSA_SIGN_WORK_WORDS(k->u.rsa.bits) ||
        (k->u.rsa.bits > 2048 && idle_words >= (size_t)MOTE_RSA_SIGN_WORK_MIN_WORDS(k->u.rsa.bits)))
        work = (uint32_t *)(void *)lo, words = idle_words;
    else if (k->u.rsa.bits > 2048)
        return MOTE_ERR_UNSUPPORTED;
    digest_of(c, h, content, content_len, digest);
    {
        mote_progress pg; /* the application's hook, inside the exponentiations */
        pg.fn = c->cfg->progress;
        pg.arg = c->cfg->progress_arg;
        rc = mote_rsa_sign_p(&k->u.rsa, h, digest, !pkcs1, h->out_len, sig, k->u.rsa.len,
                             c->cfg->rng, work, words, &pg);
    }
    mote_wipe(digest, sizeof digest);
    return rc;
}
#endif

#if MOTE_ENABLE_TLS_CLIENT_AUTH
int mote_tls_send_client_verify(mote_tls_conn *c, const uint8_t *content, size_t content_len)
{
    return mote_tls_send_signed(c, MOTE_HS_CERTIFICATE_VERIFY, NULL, 0, content, content_len);
}
#endif

int mote_tls_sign_message(mote_tls_conn *c, uint8_t type, const uint8_t *params, size_t params_len,
                          const uint8_t *content, size_t content_len)
{
    mote_tls_chain o;
    const mote_x509_privkey *k;
    size_t over = mote_tls_cipher_overhead(&c->w.wr) + (c->version == MOTE_TLS13), sig_len = 0;
    uint8_t *msg;
    int rc = MOTE_ERR_TLS_INTERNAL;
    (void)content, (void)content_len; /* unused when no signing algorithm is compiled in */
    mote_tls_own_chain(c, &o);
    k = o.key;
    if (c->out_sent == c->out_len) c->out_sent = c->out_len = 0;
    if (c->out_size - c->out_len < 5 + over + 8 + params_len + 512) {
        if (c->out_len) return 0; /* wait for room */
        if (c->out_size <
            5 + over + 8 + params_len + (k->type == MOTE_X509_KEY_RSA ? k->len : 16u + 2 * 48u))
            return MOTE_ERR_TLS_INTERNAL; /* the output buffer can never hold it */
    }
    msg = c->out + c->out_len + 5 + c->w.wr.explicit_len + params_len; /* the signed part */
    /* by the key's type: the scheme was picked for it (key_signs, or
     * PKCS#1 v1.5 for an RSA key in TLS 1.2) */
    switch (k->type) {
#if ECDSA_SIGNS
    case MOTE_X509_KEY_P256:
    case MOTE_X509_KEY_P384:
        rc = ecdsa_sign(c, k, content, content_len, msg + 8, &sig_len);
        break;
#endif
#if MOTE_ENABLE_ED25519
    case MOTE_X509_KEY_ED25519:
        rc = mote_ed25519_sign(msg + 8, k->u.ed25519, content, content_len);
        sig_len = MOTE_ED25519_SIG_LEN;
        break;
#endif
#if MOTE_ENABLE_RSA && MOTE_ENABLE_RSA_SIGN
    case MOTE_X509_KEY_RSA:
        sig_len = k->u.rsa.len;
        rc = rsa_sign(c, k, content, content_len, msg + 8);
        break;
#endif
    default:
        break;
    }
    c->pk_ops++;
    if (rc != MOTE_OK) return MOTE_ERR_TLS_INTERNAL;
    msg[4] = (uint8_t)(c->client_scheme >> 8), msg[5] = (uint8_t)c->client_scheme;
    msg[6] = (uint8_t)(sig_len >> 8), msg[7] = (uint8_t)sig_len;
    if (params_len) memmove(msg + 4 - params_len, params, params_len);
    msg -= params_len;
    msg[0] = type;
    put24(msg + 1, params_len + 4 + sig_len);
    mote_tls_th_add(c, msg, params_len + 8 + sig_len);
    return (int)(params_len + 8 + sig_len);
}

int mote_tls_send_built(mote_tls_conn *c, int n)
{
    int rc;
    if (n <= 0) return n;
    rc = mote_tls_send_record(c, 22, c->out + c->out_len + 5 + c->w.wr.explicit_len, (size_t)n);
    return rc ? rc : 1;
}

int mote_tls_send_signed(mote_tls_conn *c, uint8_t type, const uint8_t *params, size_t params_len,
                         const uint8_t *content, size_t content_len)
{
    return mote_tls_send_built(
        c, mote_tls_sign_message(c, type, params, params_len, content, content_len));
}
#endif /* MOTE_ENABLE_TLS_CLIENT_AUTH || MOTE_ENABLE_SERVER */
