/* mote: RSA signatures (RFC 8017): RSASSA-PKCS1-v1_5 and RSASSA-PSS with
 * SHA-256/384/512, verification with a public key and signing with a CRT
 * private key.
 *
 * Keys are plain caller-owned structs filled by the parsers below; nothing
 * is allocated and nothing points back into the DER they came from. Moduli
 * of MOTE_RSA_MIN_BITS (2048) to MOTE_MAX_RSA_BITS (config.h, 4096) bits are
 * accepted; smaller or larger ones give MOTE_ERR_UNSUPPORTED. The public
 * exponent is odd, at least 3 and below 2^32.
 *
 * Sizes with the default MOTE_MAX_RSA_BITS = 4096 (they scale with it):
 * sizeof(mote_rsa_public_key) = 520 bytes, sizeof(mote_rsa_private_key) =
 * 1800 bytes. Peak stack (x86-64, measured on a painted stack; the
 * buffers are sized by MOTE_MAX_RSA_BITS, so every key size takes the
 * same): PKCS#1 v1.5 verify 2.4 KiB, PSS verify 2.7 KiB; signing about
 * 1.9 KiB on top of a caller-provided workspace (MOTE_RSA_SIGN_WORK_WORDS:
 * 2.9 KiB for RSA-2048, 5.8 KiB for RSA-4096). */
#ifndef MOTE_RSA_H
#define MOTE_RSA_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/error.h"
#include "mote/hash.h"
#include "mote/progress.h"
#include "mote/rng.h"

#ifndef MOTE_RSA_MIN_BITS
#define MOTE_RSA_MIN_BITS 2048
#endif

#define MOTE_RSA_MAX_LIMBS ((MOTE_MAX_RSA_BITS + 31) / 32)
#define MOTE_RSA_MAX_LEN   ((MOTE_MAX_RSA_BITS + 7) / 8) /* largest signature, bytes */

/* An RSA public key. Fill it with one of the mote_rsa_public_* functions;
 * the fields are read-only for callers (len is the signature length). */
typedef struct {
    uint32_t n[MOTE_RSA_MAX_LIMBS]; /* modulus, little-endian 32-bit limbs */
    uint32_t e;                     /* public exponent */
    uint16_t bits;                  /* modulus bit length */
    uint16_t len;                   /* modulus (and signature) length in bytes */
} mote_rsa_public_key;

/* mote_rsa_public_set: build a key from the big-endian modulus and exponent
 * (leading zero bytes allowed). Returns MOTE_OK, MOTE_ERR_BAD_KEY (even
 * modulus, e < 3, even e, e >= 2^32) or MOTE_ERR_UNSUPPORTED (modulus size
 * out of range). */
int mote_rsa_public_set(mote_rsa_public_key *key, const uint8_t *n, size_t n_len, const uint8_t *e,
                        size_t e_len);
/* mote_rsa_public_from_der: parse a PKCS#1 RSAPublicKey (SEQUENCE {modulus,
 * publicExponent}) in strict DER, der[0..len) exactly. Returns MOTE_OK,
 * MOTE_ERR_ENCODING (malformed or non-minimal DER, trailing bytes), or an
 * error of mote_rsa_public_set. */
int mote_rsa_public_from_der(mote_rsa_public_key *key, const uint8_t *der, size_t len);
/* mote_rsa_public_from_spki: parse a SubjectPublicKeyInfo whose algorithm is
 * rsaEncryption (1.2.840.113549.1.1.1, NULL parameters) wrapping an
 * RSAPublicKey. Returns as mote_rsa_public_from_der; another algorithm gives
 * MOTE_ERR_UNSUPPORTED. */
int mote_rsa_public_from_spki(mote_rsa_public_key *key, const uint8_t *der, size_t len);

/* mote_rsa_verify_pkcs1: check an RSASSA-PKCS1-v1_5 signature over a digest.
 * hash: h->out_len bytes, the digest of the message with h (SHA-256, -384 or
 * -512). sig_len must be key->len. The whole encoded message is compared
 * with the one expected (0x00 0x01 0xFF.. 0x00 DigestInfo hash): no parsing.
 * Returns MOTE_OK or MOTE_ERR_BAD_SIGNATURE (also for a wrong length or a
 * representative >= n); MOTE_ERR_BAD_INPUT for an unknown hash. */
int mote_rsa_verify_pkcs1(const mote_rsa_public_key *key, const mote_hash_desc *h,
                          const uint8_t *hash, const uint8_t *sig, size_t sig_len);
/* mote_rsa_verify_pss: check an RSASSA-PSS signature (RFC 8017 9.1.2) over a
 * digest, with MGF1 using the same hash h and a salt of exactly salt_len
 * bytes (TLS 1.3 and most certificates: salt_len = h->out_len). Returns
 * MOTE_OK or MOTE_ERR_BAD_SIGNATURE. */
int mote_rsa_verify_pss(const mote_rsa_public_key *key, const mote_hash_desc *h,
                        const uint8_t *hash, size_t salt_len, const uint8_t *sig, size_t sig_len);

#define MOTE_RSA_PKCS1 1 /* RSASSA-PKCS1-v1_5 */
#define MOTE_RSA_PSS   2 /* RSASSA-PSS, MGF1 with the same hash */
/* mote_rsa_verify_be: the same two checks (scheme MOTE_RSA_PKCS1, or
 * MOTE_RSA_PSS with salt_len) with the key given as its big-endian modulus
 * n[0..n_len) (leading zeros allowed) and exponent e, as a certificate
 * holds them: no mote_rsa_public_key (whose size is that of the largest
 * modulus compiled in) is needed. All three take a stack that follows the
 * modulus: about 1.3 KiB of workspace up to RSA-2048, 2.6 KiB above.
 * Returns as they do, plus the key errors of mote_rsa_public_set
 * (MOTE_ERR_BAD_KEY, MOTE_ERR_UNSUPPORTED) and MOTE_ERR_BAD_INPUT for an
 * unknown scheme. */
int mote_rsa_verify_be(const uint8_t *n, size_t n_len, uint32_t e, int scheme,
                       const mote_hash_desc *h, const uint8_t *hash, size_t salt_len,
                       const uint8_t *sig, size_t sig_len);

/* ---- private keys (MOTE_ENABLE_RSA_SIGN) ---- */

#define MOTE_RSA_MAX_PLIMBS ((MOTE_RSA_MAX_LIMBS + 1) / 2)

/* An RSA private key in CRT form (the private exponent d is not kept). The
 * two primes have the same number of 32-bit limbs (true of every key with a
 * modulus of a multiple of 64 bits, and of keys made by common tools). Wipe
 * it with mote_rsa_private_wipe. */
typedef struct {
    uint32_t n[MOTE_RSA_MAX_LIMBS];
    uint32_t p[MOTE_RSA_MAX_PLIMBS], q[MOTE_RSA_MAX_PLIMBS];
    uint32_t dp[MOTE_RSA_MAX_PLIMBS], dq[MOTE_RSA_MAX_PLIMBS];
    uint32_t qinv[MOTE_RSA_MAX_PLIMBS]; /* q^-1 mod p */
    uint32_t e;
    uint16_t bits, len; /* modulus bits and bytes, as in the public key */
} mote_rsa_private_key;

/* mote_rsa_private_from_der: parse a PKCS#1 RSAPrivateKey (version 0: two
 * primes) in strict DER. Checks that n = p q, that n, p, q and e are odd,
 * that dp < p, dq < q, qinv < p, and the sizes. Returns MOTE_OK,
 * MOTE_ERR_ENCODING, MOTE_ERR_BAD_KEY or MOTE_ERR_UNSUPPORTED (size, a
 * multi-prime key, primes of different limb counts). On error the key is
 * wiped. */
int mote_rsa_private_from_der(mote_rsa_private_key *key, const uint8_t *der, size_t len);
/* mote_rsa_private_from_pkcs8: the same (wiped on error too) from a PKCS#8 PrivateKeyInfo
 * ("BEGIN PRIVATE KEY", as `openssl genpkey` writes) with rsaEncryption. */
int mote_rsa_private_from_pkcs8(mote_rsa_private_key *key, const uint8_t *der, size_t len);
/* mote_rsa_private_public: the public half of a private key. */
void mote_rsa_private_public(const mote_rsa_private_key *key, mote_rsa_public_key *pub);
/* mote_rsa_private_wipe: erase a private key. */
void mote_rsa_private_wipe(mote_rsa_private_key *key);

/* Workspace for signing, in 32-bit words, for a modulus of `bits` bits.
 * This size gives 4-bit exponent windows (2048-bit key: 738 words = 2952
 * bytes; 4096-bit: 1474 words = 5896 bytes). Anything down to
 * MOTE_RSA_SIGN_WORK_MIN_WORDS (2048: 384 words, 4096: 768) works, with
 * narrower windows (3 bits: about 6% slower; 2 bits, at the minimum: 19%);
 * room for 5-bit windows (16 more half-size numbers) is about 3% faster. */
#define MOTE_RSA_SIGN_WORK_WORDS(bits)     (MOTE_RSA_NL_(bits) + 21 * MOTE_RSA_NP_(bits) + 2)
#define MOTE_RSA_SIGN_WORK_MIN_WORDS(bits) (MOTE_RSA_NL_(bits) + 10 * MOTE_RSA_NP_(bits))
#define MOTE_RSA_NL_(bits)                 (((bits) + 31) / 32)
#define MOTE_RSA_NP_(bits)                 ((MOTE_RSA_NL_(bits) + 1) / 2)

/* mote_rsa_sign_pkcs1: sig[0..sig_len) = the RSASSA-PKCS1-v1_5 signature of
 * a digest (hash: h->out_len bytes made with h). sig_len must be key->len.
 * rng: a seeded DRBG, drawn from for exponent blinding (the signature itself
 * is deterministic). work:
 * work_words 32-bit words of scratch (see above), wiped on return. The
 * private operation uses the CRT with Montgomery arithmetic, constant-time
 * fixed-window exponentiation and exponent blinding (d_p + k (p - 1) with a
 * fresh 64-bit k for each prime); the result is checked with the public
 * exponent before it is released. Returns MOTE_OK, MOTE_ERR_BAD_INPUT (sizes,
 * unknown hash), the DRBG's error (MOTE_ERR_RNG_RESEED) or MOTE_ERR_FAULT (the check
 * failed: a fault or an inconsistent key; sig is then zeroed). */
int mote_rsa_sign_pkcs1(const mote_rsa_private_key *key, const mote_hash_desc *h,
                        const uint8_t *hash, uint8_t *sig, size_t sig_len, mote_drbg_ctx *rng,
                        uint32_t *work, size_t work_words);
/* mote_rsa_sign_pss: the same for RSASSA-PSS with MGF1(h) and a random salt
 * of salt_len bytes from rng (TLS 1.3: salt_len = h->out_len). */
int mote_rsa_sign_pss(const mote_rsa_private_key *key, const mote_hash_desc *h, const uint8_t *hash,
                      size_t salt_len, uint8_t *sig, size_t sig_len, mote_drbg_ctx *rng,
                      uint32_t *work, size_t work_words);
/* The same two with a progress hook (mote/progress.h; NULL: none), called
 * every few exponent windows of each CRT half. */
int mote_rsa_sign_pkcs1_p(const mote_rsa_private_key *key, const mote_hash_desc *h,
                          const uint8_t *hash, uint8_t *sig, size_t sig_len, mote_drbg_ctx *rng,
                          uint32_t *work, size_t work_words, const mote_progress *pg);
int mote_rsa_sign_pss_p(const mote_rsa_private_key *key, const mote_hash_desc *h,
                        const uint8_t *hash, size_t salt_len, uint8_t *sig, size_t sig_len,
                        mote_drbg_ctx *rng, uint32_t *work, size_t work_words,
                        const mote_progress *pg);

#if MOTE_ENABLE_TLS12_RSA_KEX
/* TLS 1.2 RSA key transport (TLS_RSA_WITH_*), RFC 5246 7.4.7.1.
 *
 * mote_rsa_encrypt_premaster (client): ct[0..key->len) = the RSAES-PKCS1-v1_5
 * encryption of the 48-byte premaster pms (whose first two bytes the caller
 * sets to its ClientHello.client_version), the padding string non-zero
 * random bytes from rng. ct_len must be key->len. Returns MOTE_OK,
 * MOTE_ERR_BAD_INPUT or the DRBG's error. */
int mote_rsa_encrypt_premaster(const mote_rsa_public_key *key, const uint8_t pms[48], uint8_t *ct,
                               size_t ct_len, mote_drbg_ctx *rng);

/* Workspace for mote_rsa_decrypt_premaster, in 32-bit words. */
#define MOTE_RSA_DECRYPT_WORK_WORDS(bits) (MOTE_RSA_SIGN_WORK_WORDS(bits) + MOTE_RSA_NL_(bits))

/* mote_rsa_decrypt_premaster (server): pms = the premaster in ct, or 48
 * random bytes when ct is not a well-formed encryption of 48 bytes whose
 * first two are version (the ClientHello's client_version): Bleichenbacher's
 * countermeasure. The random premaster is drawn before anything else and the
 * choice is made by masks: the time, the return value and the memory
 * accesses do not depend on the padding, the separator or the version
 * bytes (a ct_len other than key->len or a ct >= n, both public, skip the
 * private operation). The handshake then fails at Finished, not here.
 * work: MOTE_RSA_DECRYPT_WORK_WORDS(bits) words (wiped). Returns MOTE_OK
 * (for good and bad ciphertexts alike), MOTE_ERR_BAD_INPUT (key or
 * workspace unusable) or the DRBG's error. */
int mote_rsa_decrypt_premaster(const mote_rsa_private_key *key, const uint8_t *ct, size_t ct_len,
                               const uint8_t version[2], uint8_t pms[48], mote_drbg_ctx *rng,
                               uint32_t *work, size_t work_words);
#endif

#endif
