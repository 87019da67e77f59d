/* MicroPython binding: the `tls` module backed by mote (see README.md).
 *
 * The Python surface is that of MicroPython's extmod/modtls_mbedtls.c, so
 * MicroPython's frozen ssl.py works on top of it unchanged: SSLContext
 * (load_cert_chain, load_verify_locations, get_ciphers, set_ciphers,
 * verify_mode, verify_callback, psk_*, wrap_socket) and SSLSocket (the
 * stream protocol: read, readinto, readline, write, recv, recv_into, send,
 * sendall, setblocking, close, ioctl, getpeercert, cipher).
 *
 * The engine is sans-I/O: this file is the adapter that moves bytes between
 * the wrapped MicroPython stream and a mote_tls_conn. One heap block per
 * socket holds the connection state and its two buffers; it is taken from
 * the MicroPython heap when the socket is wrapped and wiped and given back
 * when it is closed.
 *
 * Roles: a socket is a client or, with server_side=True, a server (mote's
 * TLS 1.3 and 1.2 servers); both go through the same socket code, only
 * tls_socket_start() differs. */
#include <string.h>

#include "py/mperrno.h"
#include "py/objstr.h"
#include "py/runtime.h"
#include "py/stream.h"

#include "mote/ec.h"
#include "mote/error.h"
#include "mote/mote.h"
#include "mote/pem.h"
#include "mote/rsa.h"
#include "mote/tls.h"

#if MICROPY_PY_SSL && (MICROPY_SSL_MBEDTLS || MICROPY_SSL_AXTLS)
#error "mote provides the tls module: build MicroPython with its own TLS off (see README.md)"
#endif

/* ---- sizes (override with -D in CFLAGS) ---- */

/* Bytes a record adds around its plaintext: 5 header + 24 (TLS 1.3 type
 * byte and tag, TLS 1.2 explicit nonce and tag). */
#define MOTE_MP_RECORD_EXTRA 29

#if defined(__XTENSA__) && !defined(ESP_PLATFORM)
#define MOTE_MP_SMALL_DEVICE 1 /* ESP8266 */
#else
#define MOTE_MP_SMALL_DEVICE 0
#endif

/* Input buffer: the largest record the socket accepts. The client asks the
 * server for records that fit (record_size_limit, max_fragment_length).
 * MOTE_MP_FULL_INPUT=1 takes any record (16 KiB + overhead). */
#ifndef MOTE_MP_FULL_INPUT
#define MOTE_MP_FULL_INPUT (!MOTE_MP_SMALL_DEVICE)
#endif
#ifndef MOTE_MP_IN_SIZE
#if MOTE_MP_FULL_INPUT
#define MOTE_MP_IN_SIZE (16384 + 5 + 256)
#else
#define MOTE_MP_IN_SIZE (4096 + MOTE_MP_RECORD_EXTRA)
#endif
#endif
/* Output buffer: the largest record the socket sends. */
#ifndef MOTE_MP_OUT_SIZE
#if MOTE_MP_SMALL_DEVICE
#define MOTE_MP_OUT_SIZE (1024 + MOTE_MP_RECORD_EXTRA)
#else
#define MOTE_MP_OUT_SIZE (4096 + MOTE_MP_RECORD_EXTRA)
#endif
#endif
/* load_cert_chain parses private keys with mote's parsers (RSA, EC); 0
 * checks their DER framing only (saves the RSA key parser, ~3 KiB on the
 * ESP8266, where a client has no use for a key yet). */
#ifndef MOTE_MP_PARSE_KEYS
#define MOTE_MP_PARSE_KEYS (!MOTE_MP_SMALL_DEVICE)
#endif
/* The peer's certificate: the largest leaf kept for getpeercert() and
 * verify_callback. A buffer this big is taken from the heap for the
 * handshake only; afterwards the socket keeps the certificate itself (a
 * bytes object of its length). 0: keep none. */
#ifndef MOTE_MP_PEER_CERT_MAX
#define MOTE_MP_PEER_CERT_MAX 2048
#endif
/* server_side=True needs mote's server role (MOTE_ENABLE_SERVER=0: a
 * client-only module, about 8 KiB less on the ESP8266; a server socket then
 * fails with OSError(-9, 'TLS: unsupported parameter')). */
#define MOTE_MP_HAS_SERVER MOTE_ENABLE_SERVER
/* Exceptions as MicroPython's mbedTLS module raises them (1, the
 * default): OSError(-30592, 'MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE') with
 * mbedTLS's numbers and names, ValueError('\nThe certificate validity has
 * expired\n') when the peer's certificate is refused; code written for that
 * module (and MicroPython's tests) sees the same exceptions. 0: mote's own,
 * more precise ones: OSError(-204, 'TLS: name mismatch (alert 42 sent)').
 * README.md has the table. */
#ifndef MOTE_MP_MBEDTLS_ERRORS
#define MOTE_MP_MBEDTLS_ERRORS 1
#endif
/* Longest PSK accepted by the psk_key attribute (as mbedTLS: 48). */
#ifndef MOTE_MP_PSK_MAX
#define MOTE_MP_PSK_MAX 48
#endif

#define PROTOCOL_TLS_CLIENT 0
#define PROTOCOL_TLS_SERVER 1
#define CERT_NONE           0
#define CERT_OPTIONAL       1
#define CERT_REQUIRED       2

#define POLL_RDWR (MP_STREAM_POLL_RD | MP_STREAM_POLL_WR)

/* An SSLContext. */
typedef struct {
    mp_obj_base_t base;
    mote_drbg_ctx rng;           /* seeded from os.urandom when the context is made */
    uint8_t server;              /* PROTOCOL_TLS_SERVER */
    uint8_t verify;              /* CERT_* */
    uint16_t *suites;            /* 0-terminated list from set_ciphers, or NULL */
    mote_x509_trust_anchor *tas; /* trust anchors from load_verify_locations */
    size_t n_tas;
    uint8_t *ta_keys;          /* their keys (the anchors point into it) */
    mp_obj_t cert;             /* own certificate chain: concatenated DER, or None */
    mp_obj_t key;              /* own private key: DER, or None */
    int key_status;            /* MOTE_OK, or why mote cannot use that key */
    mote_x509_privkey *pkey;   /* the key, decoded (NULL if mote cannot use it) */
    const uint8_t **cert_ptrs; /* the chain's certificates (into cert) */
    size_t *cert_lens, n_certs;
    mp_obj_t verify_cb; /* verify_callback */
    mp_obj_t ecdsa_cb;  /* ecdsa_sign_callback */
    mp_obj_t psk_identity, psk_key, server_psk_keys;
} tls_context_t;

/* An SSLSocket. */
typedef struct {
    mp_obj_base_t base;
    tls_context_t *ctx;
    mp_obj_t sock;           /* the wrapped stream; MP_OBJ_NULL once closed */
    mp_obj_t hostname;       /* server_hostname (str) or None */
    mote_tls_conn *conn;     /* the heap block: conn, input, output; NULL if none */
    mote_tls_config cfg;     /* per socket (SNI) */
    const void *ta_keys;     /* keeps the anchors' keys alive while in use */
    uintptr_t poll_mask;     /* the direction the engine waits for, if not the caller's */
    int last_error;          /* sticky error (errno > 0, mote error < 0) */
    mp_obj_t peer_cert;      /* the peer's leaf (bytes), or None */
    uint8_t *peer_buf;       /* MOTE_MP_PEER_CERT_MAX bytes during the handshake, or NULL */
    uint8_t peer_seen;       /* the peer's Certificate message was handled */
    uint8_t cb_refused;      /* why the peer's certificate was refused: REFUSED_* */
    mp_obj_t psk[2];         /* the PSK identity and key in use (kept alive) */
    uint16_t suite, version; /* what was negotiated, kept after close */
    uint8_t server_side;     /* wrapped with server_side=True */
    uint8_t hs_done;         /* the handshake completed */
} tls_socket_t;

#define BLOCK_SIZE (sizeof(mote_tls_conn) + MOTE_MP_IN_SIZE + MOTE_MP_OUT_SIZE)

static const mp_obj_type_t tls_context_type;
static const mp_obj_type_t tls_socket_type;

/* ---- errors ---- */

#define REFUSED_CALLBACK 1 /* by verify_callback */
#define REFUSED_PSK      2 /* a PSK client: the server answered with a certificate */
#define REFUSED_KEY      3 /* a server: its key is one mote does not take */

/* set_ciphers with a name mote does not know (binding-local code) */
#define TLS_ERR_BAD_CONFIG (-1000)

#if MOTE_MP_MBEDTLS_ERRORS
/* mbedTLS's error numbers (mbedtls/ssl.h, x509.h: a stable ABI) for each
 * mote error, and the name MicroPython's module prints after "MBEDTLS_ERR_". */
typedef struct {
    int16_t mote, code;
    const char *name;
} tls_errmap_t;
static const tls_errmap_t tls_errmap[] = {
    {MOTE_ERR_TLS_PEER_ALERT, -0x7780, "SSL_FATAL_ALERT_MESSAGE"},
    {MOTE_ERR_TLS_CLOSED_TRUNCATED, -0x7280, "SSL_CONN_EOF"},
    {MOTE_ERR_TLS_CLOSED, -0x7880, "SSL_PEER_CLOSE_NOTIFY"},
    {MOTE_ERR_TLS_CERTIFICATE_REQUIRED, -0x7480, "SSL_NO_CLIENT_CERTIFICATE"},
    {MOTE_ERR_TLS_RECORD_OVERFLOW, -0x7200, "SSL_INVALID_RECORD"},
    {MOTE_ERR_TLS_DECODE, -0x7300, "SSL_DECODE_ERROR"},
    {MOTE_ERR_ENCODING, -0x7300, "SSL_DECODE_ERROR"},
    {MOTE_ERR_TLS_UNEXPECTED_MESSAGE, -0x7700, "SSL_UNEXPECTED_MESSAGE"},
    {MOTE_ERR_TLS_HANDSHAKE_FAILURE, -0x6E00, "SSL_HANDSHAKE_FAILURE"},
    {MOTE_ERR_TLS_MISSING_EXTENSION, -0x6E00, "SSL_HANDSHAKE_FAILURE"},
    {MOTE_ERR_TLS_DECRYPT_ERROR, -0x6E00, "SSL_HANDSHAKE_FAILURE"},
    {MOTE_ERR_TLS_ILLEGAL_PARAMETER, -0x6600, "SSL_ILLEGAL_PARAMETER"},
    {MOTE_ERR_TLS_BAD_RECORD_MAC, -0x7180, "SSL_INVALID_MAC"},
    {MOTE_ERR_AUTH, -0x7180, "SSL_INVALID_MAC"},
    {MOTE_ERR_TLS_BAD_CERTIFICATE, -0x7A00, "SSL_BAD_CERTIFICATE"},
    {MOTE_ERR_TLS_PROTOCOL_VERSION, -0x6E80, "SSL_BAD_PROTOCOL_VERSION"},
    {MOTE_ERR_TLS_UNSUPPORTED_EXTENSION, -0x7500, "SSL_UNSUPPORTED_EXTENSION"},
    {MOTE_ERR_TLS_NO_APPLICATION_PROTOCOL, -0x7580, "SSL_NO_APPLICATION_PROTOCOL"},
    {MOTE_ERR_TLS_INTERNAL, -0x6C00, "SSL_INTERNAL_ERROR"},
    {MOTE_ERR_FAULT, -0x6C00, "SSL_INTERNAL_ERROR"},
    {MOTE_ERR_UNSUPPORTED, -0x7080, "SSL_FEATURE_UNAVAILABLE"},
    {MOTE_ERR_ENTROPY, -0x7400, "SSL_NO_RNG"},
    {MOTE_ERR_RNG_RESEED, -0x7400, "SSL_NO_RNG"},
    {TLS_ERR_BAD_CONFIG, -0x5E80, "SSL_BAD_CONFIG"},
};
#define MBEDTLS_ERR_SSL_BAD_INPUT_DATA      -0x7100
#define MBEDTLS_ERR_X509_CERT_VERIFY_FAILED -0x2700

/* What mbedtls_x509_crt_verify_info says for the flag matching each
 * certificate error; the rest is "Other reason". */
typedef struct {
    int16_t mote;
    const char *text;
} tls_verifymap_t;
static const tls_verifymap_t tls_verifymap[] = {
    {MOTE_ERR_X509_EXPIRED, "The certificate validity has expired"},
    {MOTE_ERR_X509_NOT_YET_VALID, "The certificate validity starts in the future"},
    {MOTE_ERR_X509_NAME_MISMATCH,
     "The certificate Common Name (CN) does not match with the expected CN"},
    {MOTE_ERR_X509_NAME_CONSTRAINTS,
     "The certificate Common Name (CN) does not match with the expected CN"},
    {MOTE_ERR_X509_UNKNOWN_ISSUER, "The certificate is not correctly signed by the trusted CA"},
    {MOTE_ERR_X509_BAD_SIGNATURE, "The certificate is not correctly signed by the trusted CA"},
    {MOTE_ERR_X509_NOT_CA, "The certificate is not correctly signed by the trusted CA"},
    {MOTE_ERR_X509_PATH_TOO_LONG, "The certificate is not correctly signed by the trusted CA"},
    {MOTE_ERR_X509_EMPTY, "Certificate was missing"},
    {MOTE_ERR_X509_BAD_USAGE, "Usage does not match the keyUsage extension"},
    {MOTE_ERR_X509_WEAK_HASH, "The certificate is signed with an unacceptable hash."},
    {MOTE_ERR_X509_UNSUPPORTED,
     "The certificate is signed with an unacceptable PK alg (eg RSA vs ECDSA)."},
    {MOTE_ERR_X509_WEAK_KEY,
     "The certificate is signed with an unacceptable key (eg bad curve, RSA too short)."},
};

/* As MicroPython's mbedTLS module raises: ValueError("\n<reason>\n") when
 * the peer's certificate is refused, ValueError("invalid cert") for one
 * given to the context, else OSError(code, "MBEDTLS_ERR_<name>"). */
static MP_NORETURN void tls_raise(int err, const tls_socket_t *o)
{
    size_t i;
    vstr_t v;
    mp_obj_t args[2];
    const char *name = "SSL_BAD_INPUT_DATA";
    int code = MBEDTLS_ERR_SSL_BAD_INPUT_DATA;
    if (err > 0) mp_raise_OSError(err);
    if (err <= MOTE_ERR_X509_FIRST && err >= MOTE_ERR_X509_LAST) {
        const char *text = "Other reason (can be used by verify callback)";
        if (o == NULL) mp_raise_ValueError(MP_ERROR_TEXT("invalid cert"));
        for (i = 0; i < MP_ARRAY_SIZE(tls_verifymap); i++)
            if (tls_verifymap[i].mote == err) text = tls_verifymap[i].text;
        mp_raise_msg_varg(&mp_type_ValueError, MP_ERROR_TEXT("\n%s\n"), text);
    }
    if (o && o->cb_refused == REFUSED_CALLBACK) {
        code = MBEDTLS_ERR_X509_CERT_VERIFY_FAILED;
        name = "X509_CERT_VERIFY_FAILED";
    } else {
        for (i = 0; i < MP_ARRAY_SIZE(tls_errmap); i++)
            if (tls_errmap[i].mote == err) {
                code = tls_errmap[i].code;
                name = tls_errmap[i].name;
            }
    }
    vstr_init(&v, 48);
    vstr_add_str(&v, "MBEDTLS_ERR_");
    vstr_add_str(&v, name);
    args[0] = MP_OBJ_NEW_SMALL_INT(code);
    args[1] = mp_obj_new_str_from_vstr(&v);
    nlr_raise(mp_obj_new_exception_args(&mp_type_OSError, 2, args));
}
#else
/* OSError(err, "TLS: <what failed>") for a mote error, OSError(errno)
 * for a socket error. */
static MP_NORETURN void tls_raise(int err, const tls_socket_t *o)
{
    vstr_t v;
    mp_obj_t args[2];
    if (err > 0) mp_raise_OSError(err);
    vstr_init(&v, 64);
    vstr_add_str(&v, "TLS: ");
    vstr_add_str(&v, err == TLS_ERR_BAD_CONFIG ? "unknown cipher suite" : mote_strerror(err));
    if (o && o->cb_refused)
        vstr_add_str(&v, o->cb_refused == REFUSED_PSK ? " (the server did not take the PSK)"
                         : o->cb_refused == REFUSED_KEY
                             ? " (our private key: RSA under 2048 bits, or not built in)"
                             : " (refused by verify_callback)");
    if (o && o->conn) {
        int sent = 0, alert = mote_tls_alert(o->conn, &sent);
        if (alert >= 0) vstr_printf(&v, " (alert %d %s)", alert, sent ? "sent" : "received");
    }
    args[0] = MP_OBJ_NEW_SMALL_INT(err);
    args[1] = mp_obj_new_str_from_vstr(&v);
    nlr_raise(mp_obj_new_exception_args(&mp_type_OSError, 2, args));
}
#endif

/* ---- randomness and time ---- */

/* Seed a context's DRBG with 48 bytes from os.urandom (every port that has
 * a network has it), else from mote's platform source (getrandom). */
static void tls_seed(mote_drbg_ctx *rng)
{
    static const char pers[] = "micropython tls";
    uint8_t seed[48];
    int ok = 0, rc;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_obj_t os = mp_import_name(MP_QSTR_os, mp_const_none, MP_OBJ_NEW_SMALL_INT(0));
        mp_obj_t r = mp_call_function_1(mp_load_attr(os, MP_QSTR_urandom),
                                        MP_OBJ_NEW_SMALL_INT(sizeof seed));
        mp_buffer_info_t bi;
        mp_get_buffer_raise(r, &bi, MP_BUFFER_READ);
        if (bi.len == sizeof seed) {
            memcpy(seed, bi.buf, sizeof seed);
            memset(bi.buf, 0, bi.len); /* a fresh object only we know */
            ok = 1;
        }
        nlr_pop();
    }
    if (!ok) ok = mote_platform_entropy(NULL, seed, sizeof seed) == 0;
    if (!ok) mp_raise_msg(&mp_type_OSError, MP_ERROR_TEXT("mote: no entropy source"));
    rc = mote_drbg_seed(rng, seed, sizeof seed, (const uint8_t *)pers, sizeof pers - 1);
    memset(seed, 0, sizeof seed);
    if (rc) tls_raise(rc, NULL);
}

/* Seconds since 1970 from time.time() (0 if the port has no clock). */
static int64_t tls_now(void)
{
    int64_t t = 0;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_obj_t tm = mp_import_name(MP_QSTR_time, mp_const_none, MP_OBJ_NEW_SMALL_INT(0));
        mp_obj_t v = mp_call_function_0(mp_load_attr(tm, MP_QSTR_time));
        v = mp_call_function_1(MP_OBJ_FROM_PTR(&mp_type_int), v); /* float on some ports */
        t = (int64_t)mp_obj_get_int_truncated(v);
#if !MICROPY_EPOCH_IS_1970
        t += 946684800;
#endif
        nlr_pop();
    }
    return t;
}

/* ---- certificates and keys: PEM or DER in, DER out ---- */

typedef struct {
    uint8_t tag;
    const uint8_t *body;
    size_t len, total;
} der_el;

/* The DER element at p[0..n) (framing only: mote's parsers are strict). */
static int der_get(const uint8_t *p, size_t n, der_el *e)
{
    size_t len, hl = 2, k, i;
    if (n < 2) return 0;
    e->tag = p[0];
    len = p[1];
    if (len & 0x80) {
        k = len & 0x7f;
        if (k == 0 || k > 3 || n < 2 + k) return 0;
        for (len = 0, i = 0; i < k; i++)
            len = (len << 8) | p[2 + i];
        hl += k;
    }
    if (len > n - hl) return 0;
    e->body = p + hl;
    e->len = len;
    e->total = hl + len;
    return 1;
}

static int has_pem(const uint8_t *p, size_t n)
{
    static const char marker[] = "-----BEGIN ";
    size_t i, m = sizeof marker - 1;
    for (i = 0; i + m <= n; i++)
        if (p[i] == '-' && memcmp(p + i, marker, m) == 0) return 1;
    return 0;
}

#define WANT_CERTS 0
#define WANT_KEY   1

static int label_wanted(const char *label, int want)
{
    if (want == WANT_CERTS) return strcmp(label, "CERTIFICATE") == 0;
    return strcmp(label, "PRIVATE KEY") == 0 || strcmp(label, "RSA PRIVATE KEY") == 0 ||
           strcmp(label, "EC PRIVATE KEY") == 0;
}

/* The DER inside data (bytes or str, PEM or DER): every CERTIFICATE object
 * concatenated, or the first private key. Raises TypeError for a non-buffer
 * (as mbedTLS's module does); returns MP_OBJ_NULL for bad encodings. */
static mp_obj_t to_der(mp_obj_t data, int want)
{
    size_t len, n;
    const uint8_t *p = (const uint8_t *)mp_obj_str_get_data(data, &len);
    vstr_t v;
    mote_pem pem;
    int take = 0, found = 0, r;
    if (!has_pem(p, len)) return len ? mp_obj_new_bytes(p, len) : MP_OBJ_NULL;
    vstr_init(&v, len + 1);
    mote_pem_init(&pem);
    mote_pem_input(&pem, p, len);
    for (;;) {
        r = mote_pem_next(&pem, (uint8_t *)v.buf + v.len, v.alloc - v.len, &n);
        if (r == MOTE_PEM_NEED || r < 0) break;
        if (r == MOTE_PEM_BEGIN) {
            take = label_wanted(pem.label, want);
        } else if (r == MOTE_PEM_DATA) {
            if (take) v.len += n;
        } else if (r == MOTE_PEM_END) {
            found += take;
            take = 0;
            if (want == WANT_KEY && found) break;
        }
    }
    if (r < 0 || !found || (r == MOTE_PEM_NEED && mote_pem_finish(&pem))) {
        memset(v.buf, 0, v.alloc);
        vstr_clear(&v);
        return MP_OBJ_NULL;
    }
    return mp_obj_new_bytes_from_vstr(&v);
}

/* Each certificate in der[0..len) is a framed SEQUENCE holding a SEQUENCE. */
static int certs_ok(mp_obj_t der)
{
    size_t len;
    const uint8_t *p = (const uint8_t *)mp_obj_str_get_data(der, &len);
    der_el c, tbs;
    if (len == 0) return 0;
    while (len) {
        if (!der_get(p, len, &c) || c.tag != 0x30 || !der_get(c.body, c.len, &tbs) ||
            tbs.tag != 0x30)
            return 0;
        p += c.total, len -= c.total;
    }
    return 1;
}

static const uint8_t oid_rsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
static const uint8_t oid_ec[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
static const uint8_t oid_p256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
static const uint8_t oid_p384[] = {0x2b, 0x81, 0x04, 0x00, 0x22};
static const uint8_t oid_ed25519[] = {0x2b, 0x65, 0x70};

#define EL_IS(e, oid) ((e).tag == 0x06 && (e).len == sizeof(oid) && !memcmp((e).body, oid, (e).len))

#if !MOTE_MP_PARSE_KEYS
#define check_rsa(der, len, pkcs8) ((void)(der), (void)(len), (void)(pkcs8), MOTE_OK)
#define check_ec(der, len, curve)  ((void)(der), (void)(len), (void)(curve), MOTE_OK)
#else
#if MOTE_ENABLE_RSA
static int check_rsa(const uint8_t *der, size_t len, int pkcs8)
{
    mote_rsa_private_key *k = m_new(mote_rsa_private_key, 1);
    int rc =
        pkcs8 ? mote_rsa_private_from_pkcs8(k, der, len) : mote_rsa_private_from_der(k, der, len);
    memset(k, 0, sizeof *k);
    m_del(mote_rsa_private_key, k, 1);
    return rc;
}
#endif

#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384
static int check_ec(const uint8_t *der, size_t len, int curve)
{
    uint8_t d[MOTE_EC_MAX_SCALAR];
    int rc = mote_ec_private_from_der(der, len, &curve, d);
    memset(d, 0, sizeof d);
    return rc;
}
#endif
#endif /* MOTE_MP_PARSE_KEYS */

/* Check a private key (PKCS#1 RSA, SEC 1 EC, PKCS#8 RSA/EC/Ed25519) with
 * mote's parsers. MOTE_ERR_ENCODING / MOTE_ERR_BAD_KEY: not a key.
 * MOTE_ERR_UNSUPPORTED: a well-formed key mote refuses (e.g. RSA under
 * 2048 bits); that is reported when the key would be used. */
static int key_check(const uint8_t *der, size_t len)
{
    der_el top, ver, alg, oid, par, oct, in;
    const uint8_t *p;
    size_t n;
    if (!der_get(der, len, &top) || top.tag != 0x30 || top.total != len ||
        !der_get(top.body, top.len, &ver) || ver.tag != 0x02 || ver.len != 1)
        return MOTE_ERR_ENCODING;
    p = top.body + ver.total, n = top.len - ver.total;
    if (ver.body[0] == 1) { /* SEC 1 ECPrivateKey */
#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384
        return check_ec(der, len, 0);
#else
        return MOTE_ERR_UNSUPPORTED;
#endif
    }
    if (ver.body[0] != 0 || !der_get(p, n, &alg)) return MOTE_ERR_ENCODING;
    if (alg.tag == 0x02) { /* PKCS#1 RSAPrivateKey */
#if MOTE_ENABLE_RSA
        return check_rsa(der, len, 0);
#else
        return MOTE_ERR_UNSUPPORTED;
#endif
    }
    /* PKCS#8 PrivateKeyInfo: version, AlgorithmIdentifier, OCTET STRING */
    if (alg.tag != 0x30 || !der_get(alg.body, alg.len, &oid) ||
        !der_get(p + alg.total, n - alg.total, &oct) || oct.tag != 0x04)
        return MOTE_ERR_ENCODING;
    if (EL_IS(oid, oid_rsa)) {
#if MOTE_ENABLE_RSA
        return check_rsa(der, len, 1);
#else
        return MOTE_ERR_UNSUPPORTED;
#endif
    }
    if (EL_IS(oid, oid_ec)) {
        int curve;
        if (!der_get(oid.body + oid.len, alg.len - oid.total, &par)) return MOTE_ERR_ENCODING;
        if (EL_IS(par, oid_p256))
            curve = MOTE_EC_P256;
        else if (EL_IS(par, oid_p384))
            curve = MOTE_EC_P384;
        else
            return MOTE_ERR_UNSUPPORTED;
#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384
        return check_ec(oct.body, oct.len, curve);
#else
        (void)curve;
        return MOTE_ERR_UNSUPPORTED;
#endif
    }
    if (EL_IS(oid, oid_ed25519)) /* CurvePrivateKey: OCTET STRING of 32 bytes */
        return der_get(oct.body, oct.len, &in) && in.tag == 0x04 && in.len == 32 &&
                       in.total == oct.len
                   ? (MOTE_ENABLE_ED25519 ? MOTE_OK : MOTE_ERR_UNSUPPORTED)
                   : MOTE_ERR_ENCODING;
    return MOTE_ERR_UNSUPPORTED;
}

/* ---- SSLContext ---- */

static mp_obj_t tls_context_make_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw,
                                     const mp_obj_t *args)
{
    tls_context_t *self;
    mp_int_t protocol;
    mp_arg_check_num(n_args, n_kw, 1, 1, false);
    protocol = mp_obj_get_int(args[0]);
    if (protocol != PROTOCOL_TLS_CLIENT && protocol != PROTOCOL_TLS_SERVER)
        mp_raise_ValueError(MP_ERROR_TEXT("protocol"));
#if MICROPY_PY_SSL_FINALISER
    self = mp_obj_malloc_with_finaliser(tls_context_t, type);
#else
    self = mp_obj_malloc(tls_context_t, type);
#endif
    memset(&self->rng, 0, sizeof self->rng);
    self->server = protocol == PROTOCOL_TLS_SERVER;
    /* as MicroPython's mbedTLS module: clients verify by default */
    self->verify = self->server ? CERT_NONE : CERT_REQUIRED;
    self->suites = NULL;
    self->tas = NULL;
    self->n_tas = 0;
    self->ta_keys = NULL;
    self->cert = self->key = mp_const_none;
    self->key_status = MOTE_OK;
    self->pkey = NULL;
    self->cert_ptrs = NULL;
    self->cert_lens = NULL;
    self->n_certs = 0;
    self->verify_cb = self->ecdsa_cb = mp_const_none;
    self->psk_identity = self->psk_key = self->server_psk_keys = mp_const_none;
    tls_seed(&self->rng);
    return MP_OBJ_FROM_PTR(self);
}

#if MICROPY_PY_SSL_FINALISER
static mp_obj_t tls_context_del(mp_obj_t self_in)
{
    tls_context_t *self = MP_OBJ_TO_PTR(self_in);
    mote_drbg_wipe(&self->rng);
    if (self->pkey) mote_x509_privkey_wipe(self->pkey);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(tls_context_del_obj, tls_context_del);
#endif

/* psk_identity and psk_key are checked together once both are set. */
static void tls_context_check_psk(tls_context_t *self)
{
    mp_buffer_info_t id, key;
    if (self->psk_identity == mp_const_none || self->psk_key == mp_const_none) return;
    mp_get_buffer_raise(self->psk_identity, &id, MP_BUFFER_READ);
    mp_get_buffer_raise(self->psk_key, &key, MP_BUFFER_READ);
    if (id.len == 0 || id.len > 0xFFFF || key.len == 0 || key.len > MOTE_MP_PSK_MAX)
        mp_raise_msg(&mp_type_OSError, MP_ERROR_TEXT("mote: bad PSK identity or key length"));
}

/* server_psk_keys.get(identity) (a dict or any object with get(), as
 * mbedTLS's module): the key for identity (bytes), or None. A lookup that
 * raises, or a key of a bad length, counts as an unknown identity. */
static int tls_psk_lookup(void *arg, const uint8_t *identity, size_t len, uint8_t *key,
                          size_t *key_len)
{
    tls_context_t *ctx = arg;
    nlr_buf_t nlr;
    int rc = 1;
    if (nlr_push(&nlr) == 0) {
        mp_obj_t dest[3], r;
        mp_buffer_info_t bi;
        mp_load_method(ctx->server_psk_keys, MP_QSTR_get, dest);
        dest[2] = mp_obj_new_bytes(identity, len);
        r = mp_call_method_n_kw(1, 0, dest);
        if (r != mp_const_none) {
            mp_get_buffer_raise(r, &bi, MP_BUFFER_READ);
            if (bi.len > 0 && bi.len <= *key_len && bi.len <= MOTE_MP_PSK_MAX) {
                memcpy(key, bi.buf, bi.len);
                *key_len = bi.len;
                rc = 0;
            }
        }
        nlr_pop();
    }
    return rc;
}

static void tls_context_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest)
{
    tls_context_t *self = MP_OBJ_TO_PTR(self_in);
    mp_obj_t *slot = NULL;
    if (attr == MP_QSTR_verify_callback)
        slot = &self->verify_cb;
    else if (attr == MP_QSTR_ecdsa_sign_callback)
        slot = &self->ecdsa_cb;
    else if (attr == MP_QSTR_psk_identity)
        slot = &self->psk_identity;
    else if (attr == MP_QSTR_psk_key)
        slot = &self->psk_key;
    else if (attr == MP_QSTR_server_psk_keys)
        slot = &self->server_psk_keys;
    if (dest[0] == MP_OBJ_NULL) { /* load */
        if (attr == MP_QSTR_verify_mode)
            dest[0] = MP_OBJ_NEW_SMALL_INT(self->verify);
        else if (slot)
            dest[0] = *slot;
        else
            dest[1] = MP_OBJ_SENTINEL;   /* methods */
    } else if (dest[1] != MP_OBJ_NULL) { /* store */
        if (attr == MP_QSTR_verify_mode) {
            mp_int_t m = mp_obj_get_int(dest[1]);
            if (m < CERT_NONE || m > CERT_REQUIRED)
                mp_raise_ValueError(MP_ERROR_TEXT("verify_mode"));
            self->verify = (uint8_t)m;
            dest[0] = MP_OBJ_NULL;
        } else if (slot) {
            *slot = dest[1];
            dest[0] = MP_OBJ_NULL;
            if (slot == &self->psk_identity || slot == &self->psk_key) tls_context_check_psk(self);
        }
    }
}

#if MOTE_ENABLE_TLS12 && MOTE_ENABLE_CBC
/* The legacy TLS 1.2 suites compiled in, in mbedTLS's order: AES-CBC with
 * HMAC after ECDHE (the first 8; SHA-1 MACs need MOTE_ENABLE_SHA1, SHA-384
 * MOTE_ENABLE_SHA512), then RSA key transport (no forward secrecy).
 * A client offers them only when set_ciphers names them; a server with no
 * set_ciphers accepts the ECDHE ones after the AEAD suites (as mbedTLS's
 * does; old clients offer nothing else). */
#if MOTE_ENABLE_SHA512
#define TLS_IF384(s) s,
#else
#define TLS_IF384(s)
#endif
#if MOTE_ENABLE_SHA1
#define TLS_IFSHA1(s) s,
#else
#define TLS_IFSHA1(s)
#endif
/* clang-format off */
#define TLS_ECDHE_CBC_SUITES                               \
    TLS_IF384(MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384) \
    TLS_IFSHA1(MOTE_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA)   \
    MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,           \
    TLS_IFSHA1(MOTE_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA)   \
    TLS_IF384(MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384)   \
    TLS_IFSHA1(MOTE_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA)     \
    MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,             \
    TLS_IFSHA1(MOTE_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA)
static const uint16_t tls_legacy_suites[] = {
    TLS_ECDHE_CBC_SUITES
#if MOTE_ENABLE_TLS12_RSA_KEX
    TLS_IF384(MOTE_TLS_RSA_WITH_AES_256_GCM_SHA384)
    MOTE_TLS_RSA_WITH_AES_128_GCM_SHA256,
    MOTE_TLS_RSA_WITH_AES_256_CBC_SHA256,
    TLS_IFSHA1(MOTE_TLS_RSA_WITH_AES_256_CBC_SHA)
    MOTE_TLS_RSA_WITH_AES_128_CBC_SHA256,
    TLS_IFSHA1(MOTE_TLS_RSA_WITH_AES_128_CBC_SHA)
#endif
    0};
/* clang-format on */
static const uint16_t tls_ecdhe_cbc_suites[] = {TLS_ECDHE_CBC_SUITES 0};
#endif

/* The suites compiled in, each list preferred first: TLS 1.3, TLS 1.2
 * (AEAD, forward secret) and the legacy TLS 1.2 ones. */
static const uint16_t *const tls_suite_lists[] = {
    mote_tls_default_suites,
#if MOTE_ENABLE_TLS12
    mote_tls12_default_suites,
#if MOTE_ENABLE_CBC
    tls_legacy_suites,
#endif
#endif
};

#if MOTE_ENABLE_TLS12 && MOTE_ENABLE_CBC && MOTE_ENABLE_SERVER
/* A server's list when set_ciphers was not called: mote's defaults, then
 * the ECDHE CBC suites (built once). */
static const uint16_t *tls_server_default_suites(void)
{
    static uint16_t list[48];
    static const uint16_t *const from[] = {mote_tls_default_suites, mote_tls12_default_suites,
                                           tls_ecdhe_cbc_suites};
    size_t n = 0, k;
    const uint16_t *s;
    if (list[0] == 0)
        for (k = 0; k < MP_ARRAY_SIZE(from); k++)
            for (s = from[k]; *s && n + 1 < MP_ARRAY_SIZE(list); s++)
                list[n++] = *s;
    return list;
}
#endif

/* A suite's name as mbedTLS's module spells it: "TLS1-3-AES-128-GCM-SHA256",
 * "TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256" (IANA's with '-' for '_'). */
static void suite_mbedtls_name(char *buf, size_t size, uint16_t suite)
{
    const char *iana = mote_tls_suite_name(suite);
    size_t i, at = 0;
    if ((suite >> 8) == 0x13) { /* TLS 1.3 */
        memcpy(buf, "TLS1-3-", 7);
        at = 7;
        iana += 4; /* "TLS_" */
    }
    for (i = 0; iana[i] && at + 1 < size; i++)
        buf[at++] = iana[i] == '_' ? '-' : iana[i];
    buf[at] = 0;
}

/* SSLContext.get_ciphers(): every suite compiled in, mbedTLS's spelling,
 * TLS 1.3 first. */
static mp_obj_t tls_context_get_ciphers(mp_obj_t self_in)
{
    mp_obj_t list = mp_obj_new_list(0, NULL);
    const uint16_t *s;
    char name[64];
    size_t k;
    (void)self_in;
    for (k = 0; k < MP_ARRAY_SIZE(tls_suite_lists); k++)
        for (s = tls_suite_lists[k]; *s; s++) {
            suite_mbedtls_name(name, sizeof name, *s);
            mp_obj_list_append(list, mp_obj_new_str_from_cstr(name));
        }
    return list;
}
static MP_DEFINE_CONST_FUN_OBJ_1(tls_context_get_ciphers_obj, tls_context_get_ciphers);

/* A suite by mbedTLS's name ("TLS1-3-AES-128-GCM-SHA256",
 * "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256") or IANA's
 * ("TLS_AES_128_GCM_SHA256"); 0 if unknown. */
static uint16_t suite_by_name(const char *name)
{
    char buf[64];
    const uint16_t *s;
    size_t k;
    for (k = 0; k < MP_ARRAY_SIZE(tls_suite_lists); k++)
        for (s = tls_suite_lists[k]; *s; s++) {
            suite_mbedtls_name(buf, sizeof buf, *s);
            if (strcmp(name, buf) == 0 || strcmp(name, mote_tls_suite_name(*s)) == 0) return *s;
        }
    return 0;
}

static mp_obj_t tls_context_set_ciphers(mp_obj_t self_in, mp_obj_t names)
{
    tls_context_t *self = MP_OBJ_TO_PTR(self_in);
    size_t n, i;
    mp_obj_t *items;
    uint16_t *list;
    mp_obj_get_array(names, &n, &items); /* TypeError unless a list or tuple */
    if (n == 0) tls_raise(TLS_ERR_BAD_CONFIG, NULL);
    list = m_new(uint16_t, n + 1);
    for (i = 0; i < n; i++) {
        list[i] = suite_by_name(mp_obj_str_get_str(items[i]));
        if (!list[i]) tls_raise(TLS_ERR_BAD_CONFIG, NULL);
    }
    list[n] = 0;
    self->suites = list; /* sockets made before keep the old list */
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_2(tls_context_set_ciphers_obj, tls_context_set_ciphers);

/* ecdsa_sign_callback, as mbedTLS's module calls it: (private key scalar as
 * loaded, digest) -> DER signature, or None to sign with the loaded key.
 * An exception is printed and fails the signature. */
static int tls_ecdsa_sign(void *arg, const mote_x509_privkey *key, const uint8_t *digest,
                          size_t digest_len, uint8_t *sig, size_t sig_cap, size_t *sig_len)
{
    tls_context_t *ctx = arg;
    nlr_buf_t nlr;
    int rc = MOTE_ERR_UNSUPPORTED;
    if (ctx->ecdsa_cb == mp_const_none) return rc;
    if (nlr_push(&nlr) == 0) {
        mp_obj_t r = mp_call_function_2(ctx->ecdsa_cb, mp_obj_new_bytes(key->u.ec, key->len),
                                        mp_obj_new_bytes(digest, digest_len));
        if (r != mp_const_none) {
            mp_buffer_info_t bi;
            mp_get_buffer_raise(r, &bi, MP_BUFFER_READ);
            rc = MOTE_ERR_BAD_INPUT; /* too long for an ECDSA signature */
            if (bi.len <= sig_cap) {
                memcpy(sig, bi.buf, bi.len);
                *sig_len = bi.len;
                rc = MOTE_OK;
            }
        }
        nlr_pop();
    } else {
        mp_obj_print_exception(&mp_plat_print, MP_OBJ_FROM_PTR(nlr.ret_val));
        rc = MOTE_ERR_FAULT;
    }
    return rc;
}

/* The chain as the engine takes it: pointers into the DER and lengths. */
static void tls_context_split_chain(tls_context_t *self)
{
    size_t len, n = 0, off;
    const uint8_t *p = (const uint8_t *)mp_obj_str_get_data(self->cert, &len);
    der_el c;
    for (off = 0; off < len; off += c.total, n++)
        (void)der_get(p + off, len - off, &c);
    self->cert_ptrs = m_new(const uint8_t *, n);
    self->cert_lens = m_new(size_t, n);
    for (off = 0, n = 0; off < len; off += c.total, n++) {
        (void)der_get(p + off, len - off, &c);
        self->cert_ptrs[n] = p + off;
        self->cert_lens[n] = c.total;
    }
    self->n_certs = n;
}

/* SSLContext.load_cert_chain(cert, key): bytes, PEM or DER. As mbedTLS's
 * module: the key is read first. The key is decoded for the engine when
 * mote can use it (else a handshake that needs it fails). */
static mp_obj_t tls_context_load_cert_chain(mp_obj_t self_in, mp_obj_t cert, mp_obj_t key)
{
    tls_context_t *self = MP_OBJ_TO_PTR(self_in);
    mp_obj_t kder = to_der(key, WANT_KEY), cder;
    size_t klen;
    const uint8_t *k;
    int rc = MOTE_ERR_ENCODING;
    if (kder != MP_OBJ_NULL) {
        k = (const uint8_t *)mp_obj_str_get_data(kder, &klen);
        rc = key_check(k, klen);
    }
    if (rc != MOTE_OK && rc != MOTE_ERR_UNSUPPORTED)
        mp_raise_ValueError(MP_ERROR_TEXT("invalid key"));
    cder = to_der(cert, WANT_CERTS);
    if (cder == MP_OBJ_NULL || !certs_ok(cder)) mp_raise_ValueError(MP_ERROR_TEXT("invalid cert"));
    self->key = kder;
    self->key_status = rc;
    self->cert = cder;
    tls_context_split_chain(self);
    if (self->pkey) mote_x509_privkey_wipe(self->pkey);
    self->pkey = NULL;
    if (rc == MOTE_OK) {
        mote_x509_privkey *pk = m_new(mote_x509_privkey, 1);
        k = (const uint8_t *)mp_obj_str_get_data(kder, &klen);
        if (mote_x509_privkey_from_der(pk, k, klen) == MOTE_OK) {
            pk->sign = tls_ecdsa_sign;
            pk->sign_arg = self;
            self->pkey = pk;
        } else {
            m_del(mote_x509_privkey, pk, 1);
        }
    }
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_3(tls_context_load_cert_chain_obj, tls_context_load_cert_chain);

/* SSLContext.load_verify_locations(cadata): bytes, PEM (any number of
 * certificates) or DER (one or more). Each becomes a trust anchor (subject
 * name hash and key); certificates whose key mote cannot use (e.g. RSA
 * under 2048 bits) are skipped, and if none is left that is an error. */
static mp_obj_t tls_context_load_verify_locations(mp_obj_t self_in, mp_obj_t cadata)
{
    tls_context_t *self = MP_OBJ_TO_PTR(self_in);
    mp_obj_t der = to_der(cadata, WANT_CERTS);
    const uint8_t *p;
    size_t len, n = 0, k = 0, used_all = 0, used;
    mote_x509_trust_anchor *tas;
    uint8_t *keys;
    der_el c;
    int rc = MOTE_OK;
    if (der == MP_OBJ_NULL || !certs_ok(der)) mp_raise_ValueError(MP_ERROR_TEXT("invalid cert"));
    p = (const uint8_t *)mp_obj_str_get_data(der, &len);
    for (size_t off = 0; off < len; off += c.total, n++)
        (void)der_get(p + off, len - off, &c);
    tas = m_new(mote_x509_trust_anchor, n);
    keys = m_new(uint8_t, len); /* a key is never longer than its certificate */
    for (size_t off = 0; off < len; off += c.total) {
        (void)der_get(p + off, len - off, &c);
        rc = mote_x509_ta_from_cert(&tas[k], keys + used_all, len - used_all, &used, p + off,
                                    c.total);
        if (rc == MOTE_OK)
            k++, used_all += used;
        else if (rc != MOTE_ERR_X509_UNSUPPORTED && rc != MOTE_ERR_X509_WEAK_KEY)
            mp_raise_ValueError(MP_ERROR_TEXT("invalid cert"));
    }
    if (k == 0) tls_raise(rc, NULL); /* no certificate mote can anchor to */
    self->tas = tas;
    self->n_tas = k;
    self->ta_keys = keys;
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_2(tls_context_load_verify_locations_obj,
                                 tls_context_load_verify_locations);

static mp_obj_t tls_socket_new(tls_context_t *ctx, mp_obj_t sock, bool server_side,
                               bool do_handshake, mp_obj_t hostname);

static mp_obj_t tls_context_wrap_socket(size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args)
{
    enum { ARG_server_side, ARG_do_handshake_on_connect, ARG_server_hostname };
    static const mp_arg_t allowed[] = {
        {MP_QSTR_server_side, MP_ARG_KW_ONLY | MP_ARG_BOOL, {.u_bool = false}},
        {MP_QSTR_do_handshake_on_connect, MP_ARG_KW_ONLY | MP_ARG_BOOL, {.u_bool = true}},
        {MP_QSTR_server_hostname, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE}},
    };
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed)];
    mp_arg_parse_all(n_args - 2, pos_args + 2, kw_args, MP_ARRAY_SIZE(allowed), allowed, args);
    return tls_socket_new(MP_OBJ_TO_PTR(pos_args[0]), pos_args[1], args[ARG_server_side].u_bool,
                          args[ARG_do_handshake_on_connect].u_bool,
                          args[ARG_server_hostname].u_obj);
}
static MP_DEFINE_CONST_FUN_OBJ_KW(tls_context_wrap_socket_obj, 2, tls_context_wrap_socket);

static const mp_rom_map_elem_t tls_context_locals_table[] = {
#if MICROPY_PY_SSL_FINALISER
    {MP_ROM_QSTR(MP_QSTR___del__), MP_ROM_PTR(&tls_context_del_obj)},
#endif
    {MP_ROM_QSTR(MP_QSTR_get_ciphers), MP_ROM_PTR(&tls_context_get_ciphers_obj)},
    {MP_ROM_QSTR(MP_QSTR_set_ciphers), MP_ROM_PTR(&tls_context_set_ciphers_obj)},
    {MP_ROM_QSTR(MP_QSTR_load_cert_chain), MP_ROM_PTR(&tls_context_load_cert_chain_obj)},
    {MP_ROM_QSTR(MP_QSTR_load_verify_locations),
     MP_ROM_PTR(&tls_context_load_verify_locations_obj)},
    {MP_ROM_QSTR(MP_QSTR_wrap_socket), MP_ROM_PTR(&tls_context_wrap_socket_obj)},
};
static MP_DEFINE_CONST_DICT(tls_context_locals, tls_context_locals_table);

static MP_DEFINE_CONST_OBJ_TYPE(tls_context_type, MP_QSTR_SSLContext, MP_TYPE_FLAG_NONE, make_new,
                                tls_context_make_new, attr, tls_context_attr, locals_dict,
                                &tls_context_locals);

/* ---- SSLSocket: moving bytes between the stream and the engine ---- */

/* Send what the engine has pending. 0, or an errno (MP_EAGAIN included). */
static int tls_flush(tls_socket_t *o)
{
    const mp_stream_p_t *s = mp_get_stream(o->sock);
    const uint8_t *p;
    size_t len;
    while ((p = mote_tls_send_buf(o->conn, &len)) != NULL) {
        int err = 0;
        mp_uint_t n = s->write(o->sock, p, len, &err);
        if (n == MP_STREAM_ERROR) return err;
        if (n == 0) return MP_EAGAIN;
        mote_tls_send_done(o->conn, n);
    }
    return 0;
}

/* Deliver a final alert or close_notify if the stream takes it now. */
static void tls_flush_quietly(tls_socket_t *o)
{
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        (void)tls_flush(o);
        nlr_pop();
    }
}

/* One read from the stream into the engine. 0, an errno, or a mote error. */
static int tls_fill(tls_socket_t *o)
{
    size_t room;
    uint8_t *p = mote_tls_recv_buf(o->conn, &room);
    mp_uint_t n;
    int err = 0;
    if (!p) return 0;
    n = mp_get_stream(o->sock)->read(o->sock, p, room, &err);
    if (n == MP_STREAM_ERROR) return err;
    if (n == 0) return MOTE_ERR_TLS_CLOSED_TRUNCATED;
    return mote_tls_recv_done(o->conn, n);
}

static int tls_fail(tls_socket_t *o, int err)
{
    o->last_error = err;
    return err;
}

static void tls_peer_buf_free(tls_socket_t *o)
{
    if (o->peer_buf) m_del(uint8_t, o->peer_buf, MOTE_MP_PEER_CERT_MAX);
    o->peer_buf = NULL;
    o->cfg.peer_cert_buf = NULL;
    o->cfg.peer_cert_size = 0;
}

/* Once the peer's Certificate message has been handled: keep the leaf as
 * bytes, give the handshake buffer back, and ask verify_callback (as
 * mbedTLS's module does: (cert, depth) -> 0 to accept; mote streams the
 * chain and keeps only the leaf, so it is called once, with depth 0).
 * 0, or the error that ends the handshake. */
static int tls_peer_check(tls_socket_t *o)
{
    size_t len;
    const uint8_t *p = mote_tls_peer_cert(o->conn, &len);
    tls_context_t *ctx = o->ctx;
    mp_obj_t r;
    nlr_buf_t nlr;
    int refused;
    if (len == 0) return 0; /* not yet */
    o->peer_seen = 1;
    if (p) o->peer_cert = mp_obj_new_bytes(p, len);
    tls_peer_buf_free(o);
    if (o->psk[0] != MP_OBJ_NULL && !o->server_side) {
        /* as mbedTLS's module: a PSK client does not fall back to certificates */
        o->cb_refused = REFUSED_PSK;
        return MOTE_ERR_TLS_HANDSHAKE_FAILURE;
    }
    if (ctx->verify == CERT_NONE || ctx->verify_cb == mp_const_none) return 0;
    o->cb_refused = REFUSED_CALLBACK;
    if (nlr_push(&nlr) == 0) {
        r = mp_call_function_2(ctx->verify_cb, o->peer_cert, MP_OBJ_NEW_SMALL_INT(0));
        refused = mp_obj_get_int(r) != 0;
        nlr_pop();
    } else { /* an exception from the callback: the handshake ends with it */
        (void)mote_tls_abort(o->conn, MOTE_ERR_TLS_BAD_CERTIFICATE);
        tls_flush_quietly(o);
        o->last_error = MOTE_ERR_TLS_BAD_CERTIFICATE;
        nlr_jump(nlr.ret_val);
    }
    if (refused) return MOTE_ERR_TLS_BAD_CERTIFICATE;
    o->cb_refused = 0;
    return 0;
}

#define WANT_HANDSHAKE 0
#define WANT_READ      1
#define WANT_WRITE     2

/* Run the engine until it can do what the caller wants: the handshake is
 * over, plaintext can be read (or the stream ended cleanly: no plaintext
 * then), or plaintext can be written. Returns 0, or MP_EAGAIN (o->poll_mask
 * holds the direction the engine waits for when it is not the caller's),
 * or a sticky error: an errno from the stream, a negative mote error. */
static int tls_drive(tls_socket_t *o, int want)
{
    mote_tls_conn *c = o->conn;
    for (;;) {
        unsigned st = mote_tls_status(c);
        int rc;
        if (!o->peer_seen && (rc = tls_peer_check(o)) != 0) {
            (void)mote_tls_abort(c, rc); /* the alert goes out next turn */
            continue;
        }
        if (st & (MOTE_TLS_READ | MOTE_TLS_WRITE)) {
            if (!o->hs_done) {
                tls_peer_buf_free(o); /* no certificate came (PSK) */
                o->hs_done = 1;
                o->suite = mote_tls_cipher_suite(c);
                o->version = mote_tls_version(c);
            }
            if (want == WANT_HANDSHAKE || (want == WANT_READ && (st & MOTE_TLS_READ)) ||
                (want == WANT_WRITE && (st & MOTE_TLS_WRITE)))
                return 0;
        }
        if (st & MOTE_TLS_CLOSED) {
            rc = mote_tls_error(c);
            tls_flush_quietly(o); /* our alert or close_notify reply */
            if (rc == MOTE_ERR_TLS_CLOSED && want == WANT_READ) return 0; /* end of stream */
            return tls_fail(o, rc ? rc : MOTE_ERR_TLS_CLOSED);
        }
        if (st & MOTE_TLS_SEND) {
            rc = tls_flush(o);
            if (rc == MP_EAGAIN) o->poll_mask = want == WANT_WRITE ? 0 : MP_STREAM_POLL_WR;
        } else if (st & MOTE_TLS_STEP) {
            rc = mote_tls_step(c);
        } else if (st & MOTE_TLS_RECV) {
            rc = tls_fill(o);
            if (rc == MP_EAGAIN) o->poll_mask = want == WANT_READ ? 0 : MP_STREAM_POLL_RD;
        } else {
            return tls_fail(o, MOTE_ERR_TLS_INTERNAL); /* nothing can move */
        }
        if (rc == MP_EAGAIN) return rc;
        if (rc > 0) return tls_fail(o, rc);
        if (rc < 0 && !mote_tls_error(c)) return tls_fail(o, rc); /* e.g. truncated */
        /* rc < 0 with an engine error: the next turn reports it */
    }
}

/* The engine's init for the socket's role. */
static int tls_socket_start(tls_socket_t *o)
{
    uint8_t *in = (uint8_t *)o->conn + sizeof(mote_tls_conn);
    if (o->server_side) {
#if MOTE_MP_HAS_SERVER
        if (!o->ctx->pkey && o->ctx->server_psk_keys == mp_const_none)
            /* no chain loaded, or a key mote cannot use */
            return o->ctx->key != mp_const_none && o->ctx->key_status ? o->ctx->key_status
                                                                      : MOTE_ERR_BAD_INPUT;
        return mote_tls_server_init(o->conn, &o->cfg, in, MOTE_MP_IN_SIZE, in + MOTE_MP_IN_SIZE,
                                    MOTE_MP_OUT_SIZE);
#else
        return MOTE_ERR_UNSUPPORTED; /* this mote has no server role */
#endif
    }
    return mote_tls_client_init(o->conn, &o->cfg, in, MOTE_MP_IN_SIZE, in + MOTE_MP_IN_SIZE,
                                MOTE_MP_OUT_SIZE);
}

static void tls_socket_free(tls_socket_t *o)
{
    tls_peer_buf_free(o);
    if (!o->conn) return;
    mote_tls_wipe(o->conn);
    memset(o->conn, 0, BLOCK_SIZE); /* buffers hold plaintext */
    m_del(uint8_t, o->conn, BLOCK_SIZE);
    o->conn = NULL;
}

/* Checks before any I/O. 0, or an error for the stream layer. */
static int tls_socket_ready(tls_socket_t *o)
{
    if (o->sock == MP_OBJ_NULL) return MP_EBADF;
    if (o->last_error) return o->last_error;
    return o->conn ? 0 : MP_EBADF;
}

static mp_obj_t tls_socket_new(tls_context_t *ctx, mp_obj_t sock, bool server_side,
                               bool do_handshake, mp_obj_t hostname)
{
    tls_socket_t *o;
    int rc;
    mp_get_stream_raise(sock, MP_STREAM_OP_READ | MP_STREAM_OP_WRITE | MP_STREAM_OP_IOCTL);
    if (hostname != mp_const_none) (void)mp_obj_str_get_str(hostname); /* TypeError if not str */
    if (!server_side && hostname == mp_const_none && ctx->verify == CERT_REQUIRED)
        mp_raise_ValueError(MP_ERROR_TEXT("CERT_REQUIRED requires server_hostname"));
#if MICROPY_PY_SSL_FINALISER
    o = mp_obj_malloc_with_finaliser(tls_socket_t, &tls_socket_type);
#else
    o = mp_obj_malloc(tls_socket_t, &tls_socket_type);
#endif
    o->ctx = ctx;
    o->sock = sock;
    o->hostname = hostname;
    o->conn = NULL;
    o->poll_mask = 0;
    o->last_error = 0;
    o->peer_cert = mp_const_none;
    o->peer_buf = NULL;
    o->peer_seen = o->cb_refused = 0;
    o->psk[0] = o->psk[1] = MP_OBJ_NULL;
    o->suite = o->version = 0;
    o->server_side = server_side;
    o->hs_done = 0;
    memset(&o->cfg, 0, sizeof o->cfg);
    o->cfg.server_name = hostname == mp_const_none ? NULL : mp_obj_str_get_str(hostname);
    o->cfg.cipher_suites = ctx->suites;
#if MOTE_ENABLE_TLS12 && MOTE_ENABLE_CBC && MOTE_ENABLE_SERVER
    if (server_side && !ctx->suites) o->cfg.cipher_suites = tls_server_default_suites();
#endif
    o->cfg.rng = &ctx->rng;
    o->cfg.anchors = ctx->tas;
    o->cfg.n_anchors = ctx->n_tas;
    o->ta_keys = ctx->ta_keys;
    o->cfg.now = tls_now();
    if (ctx->pkey) { /* our certificate: for a server that asks (client), or to serve */
        o->cfg.client_certs = ctx->cert_ptrs;
        o->cfg.client_cert_lens = ctx->cert_lens;
        o->cfg.n_client_certs = ctx->n_certs;
        o->cfg.client_key = ctx->pkey;
    }
    /* As mbedTLS's module: CERT_REQUIRED fails the handshake on a chain
     * that does not verify; CERT_OPTIONAL verifies but goes on whatever the
     * verdict; CERT_NONE does not verify. No trust anchors: nothing
     * verifies (unknown issuer). */
    if (ctx->verify != CERT_REQUIRED) o->cfg.flags |= MOTE_TLS_NO_VERIFY;
#if MOTE_MP_HAS_SERVER
    /* a server asks for a client certificate unless CERT_NONE */
    o->cfg.client_auth = ctx->verify == CERT_REQUIRED   ? MOTE_TLS_CLIENT_AUTH_REQUIRED
                         : ctx->verify == CERT_OPTIONAL ? MOTE_TLS_CLIENT_AUTH_OPTIONAL
                                                        : MOTE_TLS_CLIENT_AUTH_NONE;
#endif
#if MOTE_MP_HAS_SERVER
    if (server_side && ctx->server_psk_keys != mp_const_none) {
        /* as mbedTLS's module: server_psk_keys makes a PSK-only server (no
         * chain to fall back to) */
        o->cfg.psk_lookup = tls_psk_lookup;
        o->cfg.psk_arg = ctx;
        o->cfg.client_certs = NULL;
        o->cfg.client_cert_lens = NULL;
        o->cfg.n_client_certs = 0;
        o->cfg.client_key = NULL;
    }
#endif
    if (!server_side && ctx->psk_identity != mp_const_none && ctx->psk_key != mp_const_none) {
        /* TLS 1.3 external PSK (with (EC)DHE); certificates are refused */
        mp_buffer_info_t id, key;
        mp_get_buffer_raise(ctx->psk_identity, &id, MP_BUFFER_READ);
        mp_get_buffer_raise(ctx->psk_key, &key, MP_BUFFER_READ);
        o->psk[0] = ctx->psk_identity, o->psk[1] = ctx->psk_key;
        o->cfg.psk_identity = id.buf, o->cfg.psk_identity_len = id.len;
        o->cfg.psk_key = key.buf, o->cfg.psk_key_len = key.len;
        o->cfg.min_version = o->cfg.max_version = MOTE_TLS13;
    }
    if (MOTE_MP_PEER_CERT_MAX) {
        o->peer_buf = m_new(uint8_t, MOTE_MP_PEER_CERT_MAX);
        o->cfg.peer_cert_buf = o->peer_buf;
        o->cfg.peer_cert_size = MOTE_MP_PEER_CERT_MAX;
    }
    o->conn = (mote_tls_conn *)m_new(uint8_t, BLOCK_SIZE);
    rc = tls_socket_start(o);
    if (rc) {
        tls_socket_free(o);
        if (server_side && !ctx->pkey && ctx->key != mp_const_none) o->cb_refused = REFUSED_KEY;
        if (!do_handshake) { /* reported by the first read or write */
            o->last_error = rc;
            return MP_OBJ_FROM_PTR(o);
        }
        o->sock = MP_OBJ_NULL;
        tls_raise(rc, o);
    }
    if (do_handshake) {
        while ((rc = tls_drive(o, WANT_HANDSHAKE)) == MP_EAGAIN)
            mp_event_wait_ms(1);
        if (rc) {
            o->sock = MP_OBJ_NULL;
            /* raise with the alert still known, then drop the state */
            nlr_buf_t nlr;
            if (nlr_push(&nlr) == 0) {
                tls_raise(rc, o);
            } else {
                tls_socket_free(o);
                nlr_jump(nlr.ret_val);
            }
        }
    }
    return MP_OBJ_FROM_PTR(o);
}

static mp_uint_t tls_socket_read(mp_obj_t self_in, void *buf, mp_uint_t size, int *errcode)
{
    tls_socket_t *o = MP_OBJ_TO_PTR(self_in);
    const uint8_t *p;
    size_t avail;
    int rc;
    o->poll_mask = 0;
    rc = tls_socket_ready(o);
    if (rc == 0) rc = tls_drive(o, WANT_READ);
    if (rc) {
        *errcode = rc;
        return MP_STREAM_ERROR;
    }
    p = mote_tls_read_buf(o->conn, &avail);
    if (!p) return 0; /* close_notify: end of stream */
    if (avail > size) avail = size;
    memcpy(buf, p, avail);
    mote_tls_read_done(o->conn, avail);
    return avail;
}

static mp_uint_t tls_socket_write(mp_obj_t self_in, const void *buf, mp_uint_t size, int *errcode)
{
    tls_socket_t *o = MP_OBJ_TO_PTR(self_in);
    uint8_t *p;
    size_t room;
    int rc;
    o->poll_mask = 0;
    rc = tls_socket_ready(o);
    if (rc == 0) rc = tls_drive(o, WANT_WRITE);
    if (rc == 0) {
        p = mote_tls_write_buf(o->conn, &room);
        if (room > size) room = size;
        memcpy(p, buf, room);
        rc = mote_tls_write_done(o->conn, room);
        if (rc == 0) {
            /* the record is ours now; if the stream is full, it goes out
             * with the next operation (poll asks for WR until then) */
            rc = tls_flush(o);
            if (rc == MP_EAGAIN) o->poll_mask = MP_STREAM_POLL_WR;
            if (rc == 0 || rc == MP_EAGAIN) return room;
            tls_fail(o, rc);
        } else {
            tls_fail(o, rc);
        }
    }
    *errcode = rc;
    return MP_STREAM_ERROR;
}

static mp_obj_t tls_socket_setblocking(mp_obj_t self_in, mp_obj_t flag)
{
    tls_socket_t *o = MP_OBJ_TO_PTR(self_in);
    mp_obj_t dest[3];
    if (o->sock == MP_OBJ_NULL) mp_raise_OSError(MP_EBADF);
    mp_load_method(o->sock, MP_QSTR_setblocking, dest);
    dest[2] = flag;
    return mp_call_method_n_kw(1, 0, dest);
}
static MP_DEFINE_CONST_FUN_OBJ_2(tls_socket_setblocking_obj, tls_socket_setblocking);

static mp_uint_t tls_socket_ioctl(mp_obj_t self_in, mp_uint_t request, uintptr_t arg, int *errcode)
{
    tls_socket_t *o = MP_OBJ_TO_PTR(self_in);
    mp_obj_t sock = o->sock;
    uintptr_t asked = 0;
    mp_uint_t ret = 0;
    if (request == MP_STREAM_CLOSE) {
        if (sock == MP_OBJ_NULL) return 0;
        if (o->conn && o->hs_done && !o->last_error && mote_tls_close(o->conn) == MOTE_OK)
            tls_flush_quietly(o); /* close_notify */
        tls_socket_free(o);
        o->sock = MP_OBJ_NULL;
    } else if (request == MP_STREAM_POLL) {
        if (sock == MP_OBJ_NULL || o->last_error) return MP_STREAM_POLL_NVAL;
        /* the engine waits for the other direction: ask the stream for that
         * one, and report the caller's when it is there (the caller then
         * calls again and the engine moves) */
        if (o->poll_mask && (arg & POLL_RDWR)) {
            asked = arg & POLL_RDWR;
            arg = (arg & ~asked) | o->poll_mask;
        }
        if ((arg & MP_STREAM_POLL_RD) && o->conn &&
            (mote_tls_status(o->conn) & (MOTE_TLS_READ | MOTE_TLS_CLOSED))) {
            ret |= MP_STREAM_POLL_RD; /* plaintext (or the end) is here already */
            if (arg == MP_STREAM_POLL_RD) return ret;
        }
#if MICROPY_STREAMS_DELEGATE_ERROR
    } else if (request == MP_STREAM_RAISE_ERROR) {
        if ((int)arg < 0) tls_raise((int)arg, o);
        return 0; /* errno: the stream layer raises it */
#endif
    } else {
        *errcode = MP_EINVAL;
        return MP_STREAM_ERROR;
    }
    ret |= mp_get_stream(sock)->ioctl(sock, request, arg, errcode);
    if (request == MP_STREAM_POLL && ret != MP_STREAM_ERROR && (ret & o->poll_mask)) ret |= asked;
    return ret;
}

/* getpeercert(binary_form=True): the peer's leaf certificate (DER bytes),
 * or None (none received, or longer than MOTE_MP_PEER_CERT_MAX). */
static mp_obj_t tls_socket_getpeercert(mp_obj_t self_in, mp_obj_t binary_form)
{
    tls_socket_t *o = MP_OBJ_TO_PTR(self_in);
    if (!mp_obj_is_true(binary_form)) mp_raise_NotImplementedError(NULL);
    return o->peer_cert;
}
static MP_DEFINE_CONST_FUN_OBJ_2(tls_socket_getpeercert_obj, tls_socket_getpeercert);

/* cipher(): (suite name as get_ciphers spells it, protocol version), or
 * None before the handshake. */
static mp_obj_t tls_socket_cipher(mp_obj_t self_in)
{
    tls_socket_t *o = MP_OBJ_TO_PTR(self_in);
    mp_obj_t t[2];
    char name[64];
    if (!o->hs_done) return mp_const_none;
    suite_mbedtls_name(name, sizeof name, o->suite);
    t[0] = mp_obj_new_str_from_cstr(name);
    t[1] = mp_obj_new_str_from_cstr(o->version == MOTE_TLS13 ? "TLSv1.3" : "TLSv1.2");
    return mp_obj_new_tuple(2, t);
}
static MP_DEFINE_CONST_FUN_OBJ_1(tls_socket_cipher_obj, tls_socket_cipher);

#if MICROPY_PY_SSL_FINALISER
/* Collected without close(): give the memory back, send nothing. */
static mp_obj_t tls_socket_del(mp_obj_t self_in)
{
    tls_socket_t *o = MP_OBJ_TO_PTR(self_in);
    if (o->sock != MP_OBJ_NULL) {
        int err;
        mp_obj_t sock = o->sock;
        tls_socket_free(o);
        o->sock = MP_OBJ_NULL;
        mp_get_stream(sock)->ioctl(sock, MP_STREAM_CLOSE, 0, &err);
    }
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(tls_socket_del_obj, tls_socket_del);
#endif

static const mp_rom_map_elem_t tls_socket_locals_table[] = {
    {MP_ROM_QSTR(MP_QSTR_read), MP_ROM_PTR(&mp_stream_read_obj)},
    {MP_ROM_QSTR(MP_QSTR_readinto), MP_ROM_PTR(&mp_stream_readinto_obj)},
    {MP_ROM_QSTR(MP_QSTR_readline), MP_ROM_PTR(&mp_stream_unbuffered_readline_obj)},
    {MP_ROM_QSTR(MP_QSTR_write), MP_ROM_PTR(&mp_stream_write_obj)},
    {MP_ROM_QSTR(MP_QSTR_recv), MP_ROM_PTR(&mp_stream_read1_obj)},
    {MP_ROM_QSTR(MP_QSTR_recv_into), MP_ROM_PTR(&mp_stream_readinto_obj)},
    {MP_ROM_QSTR(MP_QSTR_send), MP_ROM_PTR(&mp_stream_write1_obj)},
    {MP_ROM_QSTR(MP_QSTR_sendall), MP_ROM_PTR(&mp_stream_write_obj)},
    {MP_ROM_QSTR(MP_QSTR_setblocking), MP_ROM_PTR(&tls_socket_setblocking_obj)},
    {MP_ROM_QSTR(MP_QSTR_close), MP_ROM_PTR(&mp_stream_close_obj)},
#if MICROPY_PY_SSL_FINALISER
    {MP_ROM_QSTR(MP_QSTR___del__), MP_ROM_PTR(&tls_socket_del_obj)},
#endif
    {MP_ROM_QSTR(MP_QSTR_ioctl), MP_ROM_PTR(&mp_stream_ioctl_obj)},
    {MP_ROM_QSTR(MP_QSTR_getpeercert), MP_ROM_PTR(&tls_socket_getpeercert_obj)},
    {MP_ROM_QSTR(MP_QSTR_cipher), MP_ROM_PTR(&tls_socket_cipher_obj)},
};
static MP_DEFINE_CONST_DICT(tls_socket_locals, tls_socket_locals_table);

static const mp_stream_p_t tls_socket_stream_p = {
    .read = tls_socket_read,
    .write = tls_socket_write,
    .ioctl = tls_socket_ioctl,
};

static MP_DEFINE_CONST_OBJ_TYPE(tls_socket_type, MP_QSTR_SSLSocket, MP_TYPE_FLAG_NONE, protocol,
                                &tls_socket_stream_p, locals_dict, &tls_socket_locals);

/* ---- the module ---- */

static const MP_DEFINE_STR_OBJ(tls_version_obj, "mote " MOTE_VERSION_STRING);

static const mp_rom_map_elem_t tls_module_globals_table[] = {
    {MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_tls)},
    {MP_ROM_QSTR(MP_QSTR_SSLContext), MP_ROM_PTR(&tls_context_type)},
    {MP_ROM_QSTR(MP_QSTR_MOTE_VERSION), MP_ROM_PTR(&tls_version_obj)},
    {MP_ROM_QSTR(MP_QSTR_PROTOCOL_TLS_CLIENT), MP_ROM_INT(PROTOCOL_TLS_CLIENT)},
    {MP_ROM_QSTR(MP_QSTR_PROTOCOL_TLS_SERVER), MP_ROM_INT(PROTOCOL_TLS_SERVER)},
    {MP_ROM_QSTR(MP_QSTR_CERT_NONE), MP_ROM_INT(CERT_NONE)},
    {MP_ROM_QSTR(MP_QSTR_CERT_OPTIONAL), MP_ROM_INT(CERT_OPTIONAL)},
    {MP_ROM_QSTR(MP_QSTR_CERT_REQUIRED), MP_ROM_INT(CERT_REQUIRED)},
};
static MP_DEFINE_CONST_DICT(tls_module_globals, tls_module_globals_table);

const mp_obj_module_t mote_mp_module_tls = {
    .base = {&mp_type_module},
    .globals = (mp_obj_dict_t *)&tls_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR_tls, mote_mp_module_tls);
