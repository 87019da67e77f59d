/* mote: X.509 certificates: streaming chain validation, host-name checks,
 * trust anchors (see also mote/pem.h).
 *
 * A chain is validated while its bytes stream past, in certificates in the
 * order TLS sends them (leaf first), through a mote_x509_chain the caller
 * owns (no allocation; its size is in docs/PERFORMANCE.md and printed by
 * `mote verify --stats`). Each certificate's TBS is hashed on the fly; only
 * what validation needs is kept: issuer and subject name hashes, the public
 * key of the certificate that may be the issuer, and the pending signature
 * of the previous certificate with its TBS digest. A certificate bigger
 * than any buffer of the caller's validates, fed in any chunking.
 *
 * What is checked (RFC 5280 path validation, profiled for TLS clients):
 *  - each certificate's signature by the next one in the path (RSA
 *    PKCS#1 v1.5 and PSS with SHA-256/384/512, ECDSA P-256/P-384 with
 *    SHA-256/384/512), names chained by comparing hashes of their DER;
 *    MD5/SHA-1 signatures and RSA keys under 2048 bits are refused;
 *  - validity against the caller's time (see MOTE_X509_NO_TIME_CHECK);
 *  - basicConstraints (cA, pathLenConstraint; self-issued certificates do
 *    not count), keyUsage (keyCertSign for issuers; the TLS bits for the
 *    leaf), extendedKeyUsage (serverAuth / clientAuth, in every certificate
 *    that has the extension), unknown critical extensions refused;
 *  - the leaf's subjectAltName against the expected host (dNSName or
 *    iPAddress; the subject's commonName only for a host name when the
 *    leaf has no dNSName SAN, RFC 6125 6.4.4), and nameConstraints (dNSName and
 *    iPAddress subtrees) of every CA in the path against that host: the
 *    name the connection relies on. Other names in the leaf are not
 *    checked against constraints (nothing relies on them);
 *  - the path ends at a trust anchor, reached at any depth (the chain may
 *    include the root or not), within MOTE_X509_MAX_DEPTH certificates;
 *    certificates that do not issue the current one are skipped (RFC 8446
 *    4.4.2); once anchored, the rest are only checked for DER framing.
 * Trust anchors are subject-name hash + public key + CA flag (+ path length
 * limit), compiled into flash (`mote ta roots.pem > trust_anchors.c`) or
 * loaded at run time with mote_x509_ta_load(). */
#ifndef MOTE_X509_H
#define MOTE_X509_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"
#include "mote/hash.h"
#include "mote/progress.h"
#include "mote/rsa.h"

/* ---- limits (override with -D or MOTE_CONFIG_FILE) ---- */

/* Largest RSA key in a certificate, in bits (sizes the key and signature
 * buffers of the validator: 4096 -> ~1.5 KiB of state, 2048 -> less). */
#if MOTE_ENABLE_RSA
#ifndef MOTE_X509_MAX_RSA_BITS
#define MOTE_X509_MAX_RSA_BITS MOTE_MAX_RSA_BITS
#endif
#else
#undef MOTE_X509_MAX_RSA_BITS
#define MOTE_X509_MAX_RSA_BITS 0
#endif
/* Smallest RSA key accepted anywhere in a chain. */
#ifndef MOTE_X509_MIN_RSA_BITS
#define MOTE_X509_MIN_RSA_BITS 2048
#endif
/* Most certificates in a validated path, leaf and the one the anchor
 * signed included (the anchor itself not counted). */
#ifndef MOTE_X509_MAX_DEPTH
#define MOTE_X509_MAX_DEPTH 8
#endif
/* Most certificates with the right subject name but a key that does not
 * verify (or anchors likewise) tried before the chain is refused: each try
 * is a signature verification, so this bounds the work a hostile peer can
 * cause. */
#ifndef MOTE_X509_MAX_TRIES
#define MOTE_X509_MAX_TRIES 4
#endif
/* Bytes of SHA-256 kept to identify a distinguished name. */
#ifndef MOTE_X509_NAME_HASH_LEN
#define MOTE_X509_NAME_HASH_LEN 16
#endif

#define MOTE_X509_MAX_(a, b) ((a) > (b) ? (a) : (b))
#define MOTE_X509_RSA_BYTES  ((MOTE_X509_MAX_RSA_BITS + 7) / 8)
#if MOTE_ENABLE_RSA
#define MOTE_X509_LEAF_RSA_BYTES ((MOTE_MAX_RSA_BITS + 7) / 8)
#else
#define MOTE_X509_LEAF_RSA_BYTES 0
#endif
#if MOTE_ENABLE_P384
#define MOTE_X509_EC_POINT_MAX  97  /* 04 || X || Y */
#define MOTE_X509_ECDSA_SIG_MAX 104 /* DER SEQUENCE of two 49-byte INTEGERs */
#else
#define MOTE_X509_EC_POINT_MAX  65
#define MOTE_X509_ECDSA_SIG_MAX 72
#endif
/* A leaf's key (any size the RSA code takes), an issuer's key (up to
 * MOTE_X509_MAX_RSA_BITS), a signature in a chain. */
#define MOTE_X509_KEY_MAX  MOTE_X509_MAX_(MOTE_X509_LEAF_RSA_BYTES, MOTE_X509_EC_POINT_MAX)
#define MOTE_X509_IKEY_MAX MOTE_X509_MAX_(MOTE_X509_RSA_BYTES, MOTE_X509_EC_POINT_MAX)
#define MOTE_X509_SIG_MAX  MOTE_X509_MAX_(MOTE_X509_RSA_BYTES, MOTE_X509_ECDSA_SIG_MAX)

/* ---- errors (-200 .. -299, see mote/error.h) ---- */

#define MOTE_ERR_X509_EXPIRED          -200 /* a certificate's notAfter is past */
#define MOTE_ERR_X509_NOT_YET_VALID    -201 /* a certificate's notBefore is ahead */
#define MOTE_ERR_X509_UNKNOWN_ISSUER   -202 /* the path reaches no trust anchor */
#define MOTE_ERR_X509_BAD_SIGNATURE    -203 /* a signature in the path does not verify */
#define MOTE_ERR_X509_NAME_MISMATCH    -204 /* the leaf is not for the expected host */
#define MOTE_ERR_X509_NOT_CA           -205 /* an issuer is not a CA (basicConstraints) */
#define MOTE_ERR_X509_PATH_TOO_LONG    -206 /* pathLenConstraint or MOTE_X509_MAX_DEPTH */
#define MOTE_ERR_X509_CRITICAL_EXT     -207 /* an unsupported critical extension */
#define MOTE_ERR_X509_MALFORMED        -208 /* malformed encoding (see err_offset) */
#define MOTE_ERR_X509_WEAK_KEY         -209 /* RSA key below MOTE_X509_MIN_RSA_BITS */
#define MOTE_ERR_X509_WEAK_HASH        -210 /* MD5 or SHA-1 signature */
#define MOTE_ERR_X509_UNSUPPORTED      -211 /* algorithm, curve or key size not supported */
#define MOTE_ERR_X509_BAD_USAGE        -212 /* keyUsage / extendedKeyUsage forbid the use */
#define MOTE_ERR_X509_NAME_CONSTRAINTS -213 /* the host is outside an issuer's nameConstraints */
#define MOTE_ERR_X509_NO_TIME          -214 /* no time given and time checks not disabled */
#define MOTE_ERR_X509_EMPTY            -215 /* no certificate at all */

/* mote_x509_strerror: a short static description of a MOTE_ERR_X509_* code
 * ("expired", "unknown issuer", ...), or NULL for other codes. */
const char *mote_x509_strerror(int err);

/* ---- public keys ---- */

#define MOTE_X509_KEY_NONE    0
#define MOTE_X509_KEY_RSA     1 /* data: modulus, big-endian, no leading zero; e */
#define MOTE_X509_KEY_P256    2 /* data: uncompressed point 04 || X || Y (65 bytes) */
#define MOTE_X509_KEY_P384    3 /* data: uncompressed point (97 bytes) */
#define MOTE_X509_KEY_ED25519 4 /* data: the 32-byte public key */

/* A certificate's public key, as the TLS handshake needs it afterwards. */
typedef struct {
    uint8_t type; /* MOTE_X509_KEY_* */
    uint8_t pad_; /* (alignment) */
    uint16_t len; /* bytes in data */
    uint32_t e;   /* RSA public exponent */
    uint8_t data[MOTE_X509_KEY_MAX];
} mote_x509_pubkey;

/* ---- trust anchors ---- */

#define MOTE_X509_TA_CA 0x01 /* may issue certificates */

/* A trust anchor: what validation needs of a root, no more. Arrays of these
 * (and the key bytes they point to) may live in flash (MOTE_FLASH): they
 * are only read through aligned 32-bit loads on targets that need it. */
typedef struct mote_x509_trust_anchor {
    uint8_t name_hash[MOTE_X509_NAME_HASH_LEN]; /* SHA-256 of the subject DN's DER, truncated */
    uint8_t key_type;                           /* MOTE_X509_KEY_* */
    uint8_t flags;                              /* MOTE_X509_TA_CA */
    uint8_t path_len;                           /* pathLenConstraint, 0xFF if none */
    uint8_t pad_;
    uint16_t key_len; /* bytes at key */
    uint16_t pad2_;
    uint32_t rsa_e;     /* RSA public exponent */
    const uint8_t *key; /* as in mote_x509_pubkey.data */
} mote_x509_trust_anchor;

/* ---- the validator ---- */

#define MOTE_X509_PURPOSE_ANY    0 /* no extendedKeyUsage / keyUsage check of the leaf */
#define MOTE_X509_PURPOSE_SERVER 1 /* TLS server certificate (id-kp-serverAuth) */
#define MOTE_X509_PURPOSE_CLIENT 2 /* TLS client certificate (id-kp-clientAuth) */
#define MOTE_X509_PURPOSE_SERVER_KEX                                                               \
    3 /* a server certificate whose RSA key encrypts the                                           \
       * TLS 1.2 premaster: keyUsage, where present,                                               \
       * must allow keyEncipherment */

/* Flags for mote_x509_chain_set_flags. */
/* Skip every validity-period check. For devices without a clock (or before
 * it is set): an expired or not-yet-valid certificate is then accepted, so
 * a stolen key of a long-expired certificate stays usable against the
 * device. Off by default: without it, validation needs a time
 * (mote_x509_chain_set_time) and fails with MOTE_ERR_X509_NO_TIME if none
 * was given. */
#define MOTE_X509_NO_TIME_CHECK 0x01

/* ---- private state (sizes only; the fields are not API) ---- */

#ifndef MOTE_DERST_MAX_DEPTH
/* Enough for X.509: Certificate > TBS > [3] > Extensions > Extension >
 * OCTET STRING > NameConstraints > [0] > GeneralSubtree > base is 10. */
#define MOTE_DERST_MAX_DEPTH 10
#endif

/* The streaming DER reader's state (src/x509/der_stream.h). (The byte
 * fields first: short offsets on small cores.) */
typedef struct {
    uint8_t depth; /* open constructed elements */
    uint8_t state;
    uint8_t tag;                        /* tag of the element being read */
    uint8_t nlen;                       /* length bytes still to read */
    uint8_t hdr_len;                    /* header bytes read so far */
    const uint8_t *in;                  /* next unread byte of the current chunk */
    size_t in_len;                      /* unread bytes left in the chunk */
    uint32_t pos;                       /* absolute offset of *in */
    uint32_t len;                       /* length being read / of the current element */
    uint32_t left;                      /* content bytes left in the current primitive */
    uint32_t end[MOTE_DERST_MAX_DEPTH]; /* absolute end of each open element */
} mote_derst;

/* A name matcher (src/x509/x509_int.h). */
typedef struct {
    uint32_t pos;  /* bytes of the presented name seen */
    uint32_t plen; /* its length */
    uint16_t hoff; /* host offset matching presented byte 0 */
    uint8_t mode;
    uint8_t ok;   /* still matching */
    uint8_t dots; /* dots in the presented name */
} mote_x509_nm;

typedef struct {
    uint8_t scheme; /* signature scheme (src/x509/x509_int.h) */
    uint8_t hash;   /* MOTE_HASH_* */
    uint8_t salt;   /* RSA-PSS salt length */
    uint8_t mgf;    /* RSA-PSS MGF1 hash */
} mote_x509_sigalg;

/* The validator's state. Caller-owned; every field is private except
 * err_cert and err_offset. (The fields the decoder touches most come
 * first: small offsets make short loads and stores on small cores.) */
typedef struct {
    /* the current certificate: cflags .. der are cleared at its start */
    uint32_t cflags;     /* facts about the certificate */
    uint32_t acc;        /* a small INTEGER or BOOLEAN being read */
    uint16_t ku;         /* keyUsage bits */
    uint16_t prefix_len; /* TBS bytes kept until the hash is known */
    int16_t path_len;    /* pathLenConstraint, -1 if none */
    uint8_t role;        /* role of the current certificate */
    uint8_t version;
    uint8_t ext_id;   /* the extension being read */
    uint8_t ext_seen; /* extensions seen (duplicates are refused) */
    uint8_t tbs_state;
    uint8_t name_state;
    uint8_t scratch_len;
    uint8_t key_state;
    uint8_t ksel; /* where the current key goes: nowhere, *leaf_key, u.ikey */
    mote_x509_sigalg out_alg;
    uint8_t ctx[MOTE_DERST_MAX_DEPTH + 1]; /* what the element at each depth is */
    uint8_t idx[MOTE_DERST_MAX_DEPTH + 1]; /* children seen at each depth */
    uint16_t klen;                         /* key bytes */
    uint32_t ke;                           /* RSA public exponent */
    mote_derst der;
    uint8_t tries;     /* candidate issuers whose signature check failed */
    uint16_t tbs_half; /* Ed25519: bytes in each half of tbs_buf */
    union {
        uint8_t b[16]; /* an OID, a time, an address */
        mote_x509_nm nm;
    } scratch;
    /* (tbs_alg and cur_issuer in the order of pend_alg and pend_issuer:
     * one copy makes them the pending ones) */
    mote_x509_sigalg tbs_alg;
    uint8_t cur_issuer[MOTE_X509_NAME_HASH_LEN];
    /* configuration */
    const mote_x509_trust_anchor *tas;
    size_t n_tas;
    mote_x509_pubkey *leaf_key;
    const char *host;
    uint8_t *tbs_buf;       /* Ed25519: caller memory for two whole TBSs */
    mote_progress progress; /* called inside ECDSA/Ed25519 signature checks */
    int64_t now;
    /* after an error: the index of the certificate at fault (0 = leaf) and,
     * for MOTE_ERR_X509_MALFORMED, the byte offset within it */
    uint32_t err_offset;
    uint16_t host_len;
    int16_t err;      /* sticky error */
    int16_t soft_err; /* why a skipped candidate issuer was skipped */
    uint16_t pend_sig_len;
    uint16_t pend_tbs_len; /* Ed25519: the pending TBS, whole in tbs_buf */
    uint8_t ip_len;        /* 4 or 16 when host is an IP literal */
    uint8_t flags;
    uint8_t purpose;
    uint8_t time_set;
    /* chain progress */
    uint8_t ncert;  /* certificates begun */
    uint8_t npath;  /* certificates in the path */
    uint8_t nbelow; /* non-self-issued intermediates in the path so far */
    uint8_t state;
    uint8_t tbs_slot; /* Ed25519: half of tbs_buf holding the pending TBS */
    uint8_t err_cert;
    /* the last certificate of the path, waiting for its issuer's key */
    uint8_t pend_ok;   /* its TBS digest is there */
    uint8_t path_last; /* index of that certificate */
    mote_x509_sigalg pend_alg;
    uint8_t pend_issuer[MOTE_X509_NAME_HASH_LEN];
    uint8_t pend_digest[MOTE_HASH_MAX_LEN];
    uint8_t pend_sig[MOTE_X509_SIG_MAX];
    mote_hash_ctx tbs_hash;
    union {
        uint8_t prefix[128];              /* TBS bytes before its algorithm */
        mote_sha256_ctx name;             /* a name being hashed */
        uint8_t ikey[MOTE_X509_IKEY_MAX]; /* an issuer's or anchor's key */
    } u;
} mote_x509_chain;

/* mote_x509_chain_init: start validating a chain against n_tas trust anchors
 * at tas (kept by pointer: they must outlive the validation; may be in
 * flash). leaf_key, if not NULL, receives the leaf's public key (the TLS
 * handshake verifies CertificateVerify / ServerKeyExchange with it). The
 * defaults: purpose server, no host check, time checks on with no time set
 * (set one, or set MOTE_X509_NO_TIME_CHECK). */
void mote_x509_chain_init(mote_x509_chain *c, const mote_x509_trust_anchor *tas, size_t n_tas,
                          mote_x509_pubkey *leaf_key);
/* mote_x509_chain_set_host: the name the leaf must be for: a DNS host name
 * (matched against dNSName SANs) or an IPv4/IPv6 literal (iPAddress SANs).
 * Kept by pointer: host must outlive the validation. Returns MOTE_OK or
 * MOTE_ERR_BAD_INPUT (not a valid host name or address). */
int mote_x509_chain_set_host(mote_x509_chain *c, const char *host, size_t len);
/* mote_x509_chain_set_time: the current time, seconds since 1970-01-01 UTC. */
void mote_x509_chain_set_time(mote_x509_chain *c, int64_t now);
/* mote_x509_chain_set_purpose: MOTE_X509_PURPOSE_SERVER (default),
 * _SERVER_KEX, _CLIENT or _ANY. */
void mote_x509_chain_set_purpose(mote_x509_chain *c, int purpose);
/* mote_x509_chain_set_flags: MOTE_X509_NO_TIME_CHECK or 0. */
void mote_x509_chain_set_flags(mote_x509_chain *c, unsigned flags);
/* mote_x509_chain_set_progress: call pg->fn(pg->arg) at bounded intervals
 * inside the long signature checks (ECDSA, Ed25519) of the chain (see
 * mote/progress.h); pg is copied; NULL: no calls (the default). */
void mote_x509_chain_set_progress(mote_x509_chain *c, const mote_progress *pg);

/* mote_x509_chain_begin: the next certificate (leaf first) starts. */
int mote_x509_chain_begin(mote_x509_chain *c);
/* mote_x509_chain_feed: the next len bytes of the current certificate's DER,
 * any chunking. Nothing is kept by pointer. Returns MOTE_OK, or an error
 * (negative; MOTE_ERR_X509_* or MOTE_ERR_BAD_INPUT) as soon as the chain
 * is known to fail; errors stick. */
int mote_x509_chain_feed(mote_x509_chain *c, const uint8_t *p, size_t len);
/* mote_x509_chain_end: the current certificate is complete (its DER must
 * have ended exactly). Returns as mote_x509_chain_feed. */
int mote_x509_chain_end(mote_x509_chain *c);
/* mote_x509_chain_set_tbs_buffer: memory for Ed25519-signed certificates.
 * An Ed25519 signature (RFC 8410) covers the whole TBS, hashed after the
 * signature's R and the signer's key, which come after it in the stream:
 * such a TBS must be kept until the issuer's key has arrived. buf[0..len)
 * (caller memory, kept by pointer) holds two of them at once (len / 2
 * each, up to 65535). Without it, or for a TBS that does not fit, an
 * Ed25519-signed certificate that needs checking fails with
 * MOTE_ERR_X509_UNSUPPORTED. (An Ed25519 leaf key signed by an RSA or
 * ECDSA CA needs nothing.) */
void mote_x509_chain_set_tbs_buffer(mote_x509_chain *c, uint8_t *buf, size_t len);
/* mote_x509_chain_add: begin + feed + end for a certificate in memory. */
int mote_x509_chain_add(mote_x509_chain *c, const uint8_t *der, size_t len);
/* mote_x509_chain_finish: after the last certificate. Returns MOTE_OK if
 * the chain is valid, else the reason (MOTE_ERR_X509_UNKNOWN_ISSUER when
 * no anchor was reached, or the first failure). */
int mote_x509_chain_finish(mote_x509_chain *c);

/* ---- trust anchors from certificates ---- */

/* mote_x509_ta_from_cert: make a trust anchor of the DER certificate
 * der[0..len): its subject name hash, public key, CA flag (basicConstraints
 * cA, or a certificate without basicConstraints as old v1 roots are; not if
 * keyUsage lacks keyCertSign) and pathLenConstraint. The key bytes are
 * copied to store[0..store_cap); *used receives how many. No signature or
 * validity is checked (an anchor is trusted by configuration). Uses about
 * sizeof(mote_x509_chain) + 0.5 KiB of stack. Returns MOTE_OK,
 * MOTE_ERR_X509_MALFORMED, MOTE_ERR_X509_UNSUPPORTED (key type or size,
 * e.g. an RSA key over MOTE_X509_MAX_RSA_BITS), MOTE_ERR_X509_WEAK_KEY or
 * MOTE_ERR_BAD_INPUT (store too small). */
int mote_x509_ta_from_cert(mote_x509_trust_anchor *ta, uint8_t *store, size_t store_cap,
                           size_t *used, const uint8_t *der, size_t len);
/* mote_x509_ta_load: trust anchors from a PEM bundle (every "CERTIFICATE"
 * object; text between objects is ignored) or one DER certificate in
 * data[0..len). At most max anchors go to tas, their keys to store; *count
 * receives the number loaded. Certificates that cannot be anchors here
 * (unsupported or weak key) are skipped and counted in *skipped (may be
 * NULL). Returns MOTE_OK, MOTE_ERR_BAD_INPUT (tas or store full), or a PEM
 * or DER encoding error. */
int mote_x509_ta_load(mote_x509_trust_anchor *tas, size_t max, size_t *count, size_t *skipped,
                      uint8_t *store, size_t store_cap, const uint8_t *data, size_t len);

/* ---- private keys (client certificates, the server) ---- */

struct mote_x509_privkey;

/* An external ECDSA signer, for a key held elsewhere (a secure element):
 * sign digest[0..digest_len) (SHA-256 for a P-256 key, SHA-384 for P-384)
 * with the key key stands for (its type says the curve; its u.ec, as
 * loaded, may be a stand-in value naming the real key), writing the DER
 * ECDSA-Sig-Value to sig[0..sig_cap) and its length to *sig_len. Returns
 * MOTE_OK; MOTE_ERR_UNSUPPORTED to have mote sign with u.ec itself; any
 * other error fails the signature (and the handshake). */
typedef int (*mote_x509_sign_fn)(void *arg, const struct mote_x509_privkey *key,
                                 const uint8_t *digest, size_t digest_len, uint8_t *sig,
                                 size_t sig_cap, size_t *sig_len);

/* A private key decoded from PKCS#8, SEC1 or PKCS#1, in the form the
 * primitives take: type MOTE_X509_KEY_RSA (u.rsa, for mote_rsa_sign_*),
 * _P256 / _P384 (u.ec: the scalar, big-endian, len = 32 / 48 bytes, for
 * mote_ecdsa_sign_* and mote_ecdh_*) or _ED25519 (u.ed25519: the 32-byte
 * seed, for mote_ed25519_sign). Secret: wipe it with
 * mote_x509_privkey_wipe when done.
 * sign / sign_arg (optional, P-256/P-384 keys; the decoders clear them):
 * an external signer the TLS engine calls for its CertificateVerify
 * instead of signing with u.ec. */
typedef struct mote_x509_privkey {
    uint8_t type;
    uint8_t pad_;
    uint16_t len; /* key bytes: RSA modulus, EC scalar, 32 */
    union {
#if MOTE_ENABLE_RSA && MOTE_ENABLE_RSA_SIGN
        mote_rsa_private_key rsa;
#endif
        uint8_t ec[48];
        uint8_t ed25519[32];
    } u;
    mote_x509_sign_fn sign;
    void *sign_arg;
} mote_x509_privkey;

/* mote_x509_privkey_from_der: decode der[0..len), any of: PKCS#8
 * PrivateKeyInfo or OneAsymmetricKey ("BEGIN PRIVATE KEY") holding RSA, EC
 * P-256/P-384 (named curve) or Ed25519; SEC1 ECPrivateKey ("BEGIN EC PRIVATE
 * KEY"); PKCS#1 RSAPrivateKey ("BEGIN RSA PRIVATE KEY"). The encoding is
 * recognised from the structure. An EC scalar must be in [1, n-1]; RSA keys
 * are checked by mote_rsa_private_from_der. Returns MOTE_OK,
 * MOTE_ERR_ENCODING, MOTE_ERR_BAD_KEY or MOTE_ERR_UNSUPPORTED (other
 * algorithms or curves, explicit curve parameters, RSA without
 * MOTE_ENABLE_RSA_SIGN); on error *key is wiped. */
int mote_x509_privkey_from_der(mote_x509_privkey *key, const uint8_t *der, size_t len);
/* mote_x509_privkey_from_pem: the first "PRIVATE KEY", "RSA PRIVATE KEY" or
 * "EC PRIVATE KEY" object of text[0..len), decoded through work[0..work_len)
 * (room for the DER: about 1.2 KiB for RSA-2048, 2.4 KiB for RSA-4096; wiped
 * before return). "ENCRYPTED PRIVATE KEY" and RFC 1421 encrypted PEM give
 * MOTE_ERR_UNSUPPORTED; no key object, or work too small,
 * MOTE_ERR_BAD_INPUT; else as mote_x509_privkey_from_der. */
int mote_x509_privkey_from_pem(mote_x509_privkey *key, const char *text, size_t len, uint8_t *work,
                               size_t work_len);
/* mote_x509_privkey_wipe: erase a private key. */
void mote_x509_privkey_wipe(mote_x509_privkey *key);

/* mote_x509_name_hash: the hash trust anchors use for a DER-encoded Name
 * (SEQUENCE header included). */
void mote_x509_name_hash(const uint8_t *name, size_t len, uint8_t out[MOTE_X509_NAME_HASH_LEN]);

/* mote_x509_time: seconds since 1970-01-01 UTC for a calendar date and time
 * (year 0..9999). Used for UTCTime/GeneralizedTime; handy for callers. */
int64_t mote_x509_time(int year, int month, int day, int hour, int minute, int second);

/* ---- host names and IP addresses (RFC 6125 / RFC 9525) ---- */

/* mote_x509_host_match: 1 if the subjectAltName dNSName pattern[0..plen)
 * matches the host name host[0..hlen), else 0. ASCII case-insensitive;
 * IDNA A-labels ("xn--...") are compared as text; a wildcard is accepted
 * only as the whole left-most label ("*.example.com" matches
 * "www.example.com", not "example.com" nor "a.b.example.com"), never in
 * part of a label ("w*.example.com"), and never over a single label
 * ("*.com"). One trailing dot on host is ignored; an invalid host (empty
 * labels, characters other than letters, digits, '-', '_') and an IP
 * address literal (those match iPAddress SANs only) match nothing.
 * The chain validator applies the same rules to the subject's commonName
 * when the leaf has no dNSName SAN at all (RFC 6125 6.4.4). */
int mote_x509_host_match(const char *pattern, size_t plen, const char *host, size_t hlen);

/* mote_x509_parse_ip: parse an IP address literal: IPv4 dotted quad (no
 * leading zeros) into ip[0..4), or IPv6 text (RFC 4291: "::" compression,
 * a trailing dotted quad; no zone, no brackets) into ip[0..16). Returns 4,
 * 16, or -1 if s[0..len) is not an address. */
int mote_x509_parse_ip(const char *s, size_t len, uint8_t ip[16]);

#endif
