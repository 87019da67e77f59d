/* mote: elliptic curves P-256 (secp256r1) and P-384 (secp384r1): ECDH key
 * agreement and ECDSA signatures (FIPS 186-5, SEC 1), with deterministic
 * nonces (RFC 6979) for signing.
 *
 * Every key and signature is a byte string in the caller's memory; nothing
 * is allocated. Curves are named by their TLS NamedGroup code:
 *
 *   curve          scalar / secret   public point   raw signature   DER signature
 *   MOTE_EC_P256   32 bytes          65 bytes       64 bytes        at most 72 bytes
 *   MOTE_EC_P384   48 bytes          97 bytes       96 bytes        at most 104 bytes
 *
 * A private key is the scalar d as big-endian bytes, exactly the scalar
 * length, 1 <= d < n. A public key is the uncompressed point 0x04 || x || y
 * (what TLS sends and what a SubjectPublicKeyInfo carries): every function
 * that takes one checks that it is on the curve with coordinates below p;
 * compressed points (0x02/0x03) give MOTE_ERR_UNSUPPORTED, anything else
 * malformed MOTE_ERR_BAD_POINT.
 *
 * Private-key operations (key generation, ECDH, signing, public key from a
 * private key) run in constant time: no branch or memory index depends on
 * the private scalar, the nonce or the shared point, and the buffers that
 * held them are wiped (the few words of scratch inside each field operation
 * are overwritten by the next ones, not wiped). Because of that, a
 * secret-dependent failure (a private key out of range, an infinite
 * result) is folded into the return code without a branch; callers branch
 * on the code, as usual. Verification works on public data and may take
 * variable time.
 *
 * Stack (measured, gcc -O2): every P-256 operation stays below 2 KiB on
 * x86-64 (ECDH 1.95 KiB, verify 1.9, sign 1.8, key generation 1.35) and
 * below 1.6 KiB on 32-bit ARM; P-384 signing is the deepest P-384 operation
 * (about 2.3 KiB on x86-64). */
#ifndef MOTE_EC_H
#define MOTE_EC_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"
#include "mote/hash.h"
#include "mote/progress.h"
#include "mote/rng.h"

/* Curve identifiers: the TLS NamedGroup codes (RFC 8446 4.2.7). */
#define MOTE_EC_P256 23
#define MOTE_EC_P384 24

#define MOTE_EC_MAX_SCALAR 48  /* largest scalar / shared secret / coordinate */
#define MOTE_EC_MAX_POINT  97  /* largest uncompressed point */
#define MOTE_ECDSA_MAX_RAW 96  /* largest r || s signature */
#define MOTE_ECDSA_MAX_DER 104 /* largest DER signature */

#if MOTE_ENABLE_P256 || MOTE_ENABLE_P384

/* mote_ec_scalar_len: the scalar (private key, shared secret, coordinate)
 * length of curve in bytes: 32, 48, or 0 if the curve is not compiled in. */
size_t mote_ec_scalar_len(int curve);
/* mote_ec_point_len: the uncompressed point length, 1 + 2 scalar lengths
 * (65, 97), or 0 if the curve is not compiled in. */
size_t mote_ec_point_len(int curve);

/* mote_ec_check_public: MOTE_OK if pub[0..len) is a valid public key of
 * curve (uncompressed, on the curve, coordinates < p), else
 * MOTE_ERR_BAD_POINT, MOTE_ERR_UNSUPPORTED (compressed point or unknown
 * curve). */
int mote_ec_check_public(int curve, const uint8_t *pub, size_t len);

/* mote_ec_public_from_private: pub (point length bytes) = d G for the
 * private key priv (scalar length bytes). Returns MOTE_OK or
 * MOTE_ERR_BAD_KEY (d = 0 or d >= n; pub is then all zero),
 * MOTE_ERR_UNSUPPORTED for an unknown curve. */
int mote_ec_public_from_private(int curve, uint8_t *pub, const uint8_t *priv);

/* ---- ECDH ---- */

/* mote_ecdh_keygen: draw a private key from the seeded DRBG (the scalar
 * length plus 8 bytes, reduced mod n: FIPS 186-5 A.2.1's "extra random
 * bits" method) into priv (scalar length) and write its public key to pub
 * (point length). Returns MOTE_OK, the DRBG's error (priv and pub are then
 * wiped), or MOTE_ERR_UNSUPPORTED. */
int mote_ecdh_keygen(int curve, uint8_t *priv, uint8_t *pub, mote_drbg_ctx *rng);

/* mote_ecdh_shared: secret (scalar length bytes) = the x coordinate of
 * d Q, for the private key priv and the peer's public key peer[0..peer_len)
 * (validated first). Returns MOTE_OK; MOTE_ERR_BAD_POINT /
 * MOTE_ERR_UNSUPPORTED for a bad peer key; MOTE_ERR_BAD_KEY for a private
 * key out of range; MOTE_ERR_ZERO_SECRET if the result is the point at
 * infinity (impossible for a valid key and point: a fault check). An x of
 * zero is a valid point of P-256 and is returned, not refused. On any error
 * secret is all zero. secret may alias neither input. */
int mote_ecdh_shared(int curve, uint8_t *secret, const uint8_t *priv, const uint8_t *peer,
                     size_t peer_len);

/* ---- ECDSA ---- */

/* mote_ecdsa_verify_raw: check the signature sig = r || s (2 scalar lengths,
 * big-endian, as in IEEE P1363 / JWS) over the digest hash[0..hash_len)
 * (any length: bits2int keeps its leftmost bits, as FIPS 186-5 says) with
 * the public key pub[0..pub_len). Returns MOTE_OK, MOTE_ERR_BAD_SIGNATURE
 * (wrong length, r or s outside [1, n-1], or not valid), or an error of
 * mote_ec_check_public. */
int mote_ecdsa_verify_raw(int curve, const uint8_t *pub, size_t pub_len, const uint8_t *hash,
                          size_t hash_len, const uint8_t *sig, size_t sig_len);
/* mote_ecdsa_verify_der: the same with sig the DER SEQUENCE { INTEGER r,
 * INTEGER s } of X.509 and TLS; strict DER (minimal lengths and integers,
 * no trailing bytes), else MOTE_ERR_BAD_SIGNATURE. */
int mote_ecdsa_verify_der(int curve, const uint8_t *pub, size_t pub_len, const uint8_t *hash,
                          size_t hash_len, const uint8_t *sig, size_t sig_len);
/* The same four with a progress hook (mote/progress.h; NULL: none). */
int mote_ecdh_keygen_p(int curve, uint8_t *priv, uint8_t *pub, mote_drbg_ctx *rng,
                       const mote_progress *pg);
int mote_ecdh_shared_p(int curve, uint8_t *secret, const uint8_t *priv, const uint8_t *peer,
                       size_t peer_len, const mote_progress *pg);
int mote_ecdsa_verify_raw_p(int curve, const uint8_t *pub, size_t pub_len, const uint8_t *hash,
                            size_t hash_len, const uint8_t *sig, size_t sig_len,
                            const mote_progress *pg);
int mote_ecdsa_verify_der_p(int curve, const uint8_t *pub, size_t pub_len, const uint8_t *hash,
                            size_t hash_len, const uint8_t *sig, size_t sig_len,
                            const mote_progress *pg);

/* mote_ecdsa_raw_to_der: convert r || s (raw_len = 2 scalar lengths) to DER
 * in out[0..max); *out_len receives the length. Returns MOTE_OK or
 * MOTE_ERR_BAD_INPUT (odd raw_len, too large, or out too small). Works on
 * public data (a signature). raw may be in out's own buffer, at out + 16 or
 * further (the conversion then happens in place). */
int mote_ecdsa_raw_to_der(uint8_t *out, size_t max, size_t *out_len, const uint8_t *raw,
                          size_t raw_len);
/* mote_ecdsa_der_to_raw: parse a strict-DER signature into r || s (2 *
 * scalar_len bytes, left-padded). Returns MOTE_OK or MOTE_ERR_BAD_SIGNATURE
 * (bad DER, or an integer longer than scalar_len bytes). */
int mote_ecdsa_der_to_raw(uint8_t *raw, size_t scalar_len, const uint8_t *der, size_t der_len);

#if MOTE_ENABLE_ECDSA_SIGN
/* mote_ecdsa_sign_raw: sign the digest hash (h->out_len bytes, made with h)
 * with the private key priv: sig (2 scalar lengths) = r || s, the nonce
 * derived from priv and hash as RFC 6979 section 3.2 says, with HMAC over h
 * (so the same key and digest always give the same signature). Constant
 * time: two candidate nonces are always derived and the first one in
 * [1, n-1] is kept, so the step-h retry of RFC 6979 is honoured for the
 * first retry (needed with probability 2^-32 on P-256); the cases where
 * that is not enough, or r or s is zero (each below 2^-64), return
 * MOTE_ERR_FAULT instead of looping. Returns MOTE_OK, MOTE_ERR_BAD_KEY (d
 * out of range), MOTE_ERR_BAD_INPUT (unknown curve or a NULL h) or
 * MOTE_ERR_FAULT; sig is all zero on error. */
int mote_ecdsa_sign_raw(int curve, uint8_t *sig, const uint8_t *priv, const mote_hash_desc *h,
                        const uint8_t *hash);
/* mote_ecdsa_sign_der: mote_ecdsa_sign_raw, then mote_ecdsa_raw_to_der into
 * out[0..max) (MOTE_ECDSA_MAX_DER bytes always suffice). */
int mote_ecdsa_sign_der(int curve, uint8_t *out, size_t max, size_t *out_len, const uint8_t *priv,
                        const mote_hash_desc *h, const uint8_t *hash);
#endif

/* ---- keys in DER ---- */

/* mote_ec_public_from_spki: parse a SubjectPublicKeyInfo (RFC 5480) in
 * strict DER, der[0..len) exactly: algorithm id-ecPublicKey with a
 * namedCurve of P-256 or P-384, the subjectPublicKey an uncompressed point,
 * which is validated. *curve receives the curve, *pub and *pub_len the point
 * inside der (not copied). Returns MOTE_OK, MOTE_ERR_ENCODING (malformed),
 * MOTE_ERR_UNSUPPORTED (other algorithm or curve, compressed point) or
 * MOTE_ERR_BAD_POINT. */
int mote_ec_public_from_spki(const uint8_t *der, size_t len, int *curve, const uint8_t **pub,
                             size_t *pub_len);
/* mote_ec_private_from_der: parse a SEC 1 ECPrivateKey (RFC 5915) in strict
 * DER: version 1, the private key octets (at most the scalar length; shorter
 * ones are left-padded), optional [0] namedCurve and [1] public key. The
 * curve comes from [0]; when [0] is absent *curve must name it on entry
 * (else MOTE_ERR_ENCODING). priv receives the scalar (scalar length bytes,
 * MOTE_EC_MAX_SCALAR always suffice). Returns MOTE_OK, MOTE_ERR_ENCODING,
 * MOTE_ERR_UNSUPPORTED (another curve) or MOTE_ERR_BAD_KEY (d = 0 or
 * d >= n). The optional public key is not checked against d. */
int mote_ec_private_from_der(const uint8_t *der, size_t len, int *curve, uint8_t *priv);

#endif
#endif
