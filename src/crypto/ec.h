/* mote (private): generic prime-curve arithmetic for P-256 and P-384
 * (y^2 = x^3 - 3x + b over GF(p)), shared by ECDH and ECDSA.
 *
 * Field elements and scalars are n 32-bit little-endian limbs (n = 8 or
 * 12, the curve's `limbs`) handled by the bigint core; field elements are
 * kept in the Montgomery domain (x R mod p, R = 2^(32 n)) from decoding to
 * encoding. Points are Jacobian (X, Y, Z), 3 n words in a row: X = P,
 * Y = P + n, Z = P + 2n; affine points are (x, y), 2 n words. Buffers are
 * declared with MOTE_EC_LIMBS (the largest curve compiled in). */
#ifndef MOTE_EC_PRIV_H
#define MOTE_EC_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include "mote/ec.h"
#include "mote/progress.h"

#if MOTE_ENABLE_P384
#define MOTE_EC_LIMBS 12
#else
#define MOTE_EC_LIMBS 8
#endif

/* A curve's limb count n: a constant when P-256 is the only curve. */
#if MOTE_ENABLE_P384
#define MOTE_EC_N(c) ((size_t)(c)->limbs)
#else
#define MOTE_EC_N(c) ((void)(c), (size_t)8)
#endif

/* Keeps a function's frame out of its caller's (a big temporary frame
 * that is over before the caller's deepest call). */
#if defined(__GNUC__)
#define MOTE_EC_NOINLINE __attribute__((noinline))
#else
#define MOTE_EC_NOINLINE
#endif

/* MOTE_EC_SIGNED_COMB=1 (the default in size-optimised builds): the
 * fixed-base table is a signed 4-tooth comb, 8 entries (entry e = 2^(3d) G +
 * sum_{i<3} (+-1) 2^(d i) G, plus where bit i of e is set, d = 8 n), half
 * the flash of the 15-entry comb of other builds (448 B less on P-256). */
#ifndef MOTE_EC_SIGNED_COMB
#if defined(__OPTIMIZE_SIZE__)
#define MOTE_EC_SIGNED_COMB 1
#else
#define MOTE_EC_SIGNED_COMB 0
#endif
#endif

/* MOTE_EC_CONST_REFS=1 (the default in size-optimised builds with both
 * curves; like MOTE_EC_SIGNED_COMB, one value for the whole library): a
 * curve's six constants are pointers to words at its own length, where
 * P-256's arrays would be padded to 12 limbs (96 bytes of zeros); 0: arrays
 * in place (the -O2 default: the extra load is about 0.5% on P-256). */
#ifndef MOTE_EC_CONST_REFS
#if MOTE_ENABLE_P256 && MOTE_ENABLE_P384 && defined(__OPTIMIZE_SIZE__)
#define MOTE_EC_CONST_REFS 1
#else
#define MOTE_EC_CONST_REFS 0
#endif
#endif
#if MOTE_EC_CONST_REFS
#define MOTE_EC_CONST(name) const uint32_t *name
#else
#define MOTE_EC_CONST(name) uint32_t name[MOTE_EC_LIMBS]
#endif

/* A curve's constants; lives in MOTE_FLASH (32-bit fields only). */
typedef struct {
    uint32_t id;    /* MOTE_EC_P256, MOTE_EC_P384 */
    uint32_t limbs; /* n: 8 or 12 (the field and the order have the same size) */
    uint32_t p_m0i; /* -p^-1 mod 2^32 */
    uint32_t n_m0i; /* -n^-1 mod 2^32 */
    MOTE_EC_CONST(p);
    MOTE_EC_CONST(n);    /* the group order */
    MOTE_EC_CONST(b);    /* b R mod p */
    MOTE_EC_CONST(one);  /* R mod p */
    MOTE_EC_CONST(rr);   /* R^2 mod p */
    MOTE_EC_CONST(n_rr); /* R^2 mod n */
    /* 15 affine points (x R, y R): entry c-1 = sum_i bit_i(c) 2^(8 n i) G;
     * with MOTE_EC_SIGNED_COMB 8 (see above) */
    const uint32_t *comb;
} mote_ec_curve;

#if MOTE_ENABLE_P256
extern const mote_ec_curve mote_ec_p256;
#endif
#if MOTE_ENABLE_P384
extern const mote_ec_curve mote_ec_p384;
#endif

/* The curve with TLS id `id`, or NULL if it is not compiled in. */
const mote_ec_curve *mote_ec_curve_get(int id);

/* Decode pub[0..len) (0x04 || x || y) into the affine Montgomery point xy
 * (2n words), checking x, y < p and the curve equation. Returns MOTE_OK,
 * MOTE_ERR_UNSUPPORTED (compressed) or MOTE_ERR_BAD_POINT. Public data. */
int mote_ec_decode_point(const mote_ec_curve *c, uint32_t *xy, const uint8_t *pub, size_t len);

/* Scalar k (n limbs) from big-endian bytes (exactly 4n). Returns an
 * all-ones mask if 1 <= k < n, else 0; no branch on the value. */
uint32_t mote_ec_scalar_decode(const mote_ec_curve *c, uint32_t *k, const uint8_t *in);

/* R (Jacobian) = k G, constant time (comb over the curve's table), for
 * 1 <= k < n. */
void mote_ec_mulgen(const mote_ec_curve *c, uint32_t *R, const uint32_t *k,
                    const mote_progress *pg);
/* R (Jacobian) = k P for the affine point P of order n and 1 <= k < n,
 * constant time (signed fixed windows, masked table reads). R may alias P
 * (P is read only before R is written). */
void mote_ec_mul(const mote_ec_curve *c, uint32_t *R, const uint32_t *P, const uint32_t *k,
                 const mote_progress *pg);
/* R = u1 G + u2 P (variable time: public scalars). Returns 0, or -1 if the
 * result is the point at infinity. R may alias P. u1 (< n) may be
 * overwritten (with n - u1). */
int mote_ec_muladd_vartime(const mote_ec_curve *c, uint32_t *R, uint32_t *u1, const uint32_t *u2,
                           const uint32_t *P, const mote_progress *pg);

/* x, y (n limbs each, normal form, either may be NULL) = the affine
 * coordinates of the Jacobian point R; constant time. Returns an all-ones
 * mask if R is the point at infinity (x, y are then zero), else 0. */
uint32_t mote_ec_to_affine(const mote_ec_curve *c, uint32_t *x, uint32_t *y, const uint32_t *R);
/* out = 0x04 || x || y (1 + 8n bytes) from normal-form x, y. */
void mote_ec_encode_point(const mote_ec_curve *c, uint8_t *out, const uint32_t *x,
                          const uint32_t *y);

/* Montgomery-domain helpers mod p (r may alias for add/sub, not for mul). */
void mote_ec_fe_mul(const mote_ec_curve *c, uint32_t *r, const uint32_t *a, const uint32_t *b);

/* ---- scalars mod n ---- */
/* r = a + b mod n (a, b < n; r may alias). */
void mote_ec_sc_add(const mote_ec_curve *c, uint32_t *r, const uint32_t *a, const uint32_t *b);
/* r = a b R^-1 mod n (Montgomery product mod n; r may not alias). */
void mote_ec_sc_mul(const mote_ec_curve *c, uint32_t *r, const uint32_t *a, const uint32_t *b);
/* r = a^-1 R mod n (the Montgomery form of a^-1) for 0 < a < n in normal
 * form; 0 for a = 0. Binary GCD, constant time. r may not alias a. */
void mote_ec_sc_inv(const mote_ec_curve *c, uint32_t *r, const uint32_t *a);
/* r = (the value of the big-endian bytes in[0..len)) mod n, any len up to
 * 4n + 8; constant time. */
void mote_ec_sc_reduce(const mote_ec_curve *c, uint32_t *r, const uint8_t *in, size_t len);

#endif
