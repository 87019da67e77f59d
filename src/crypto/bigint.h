/* mote (private): the one modular-arithmetic core.
 *
 * Numbers are little-endian arrays of n 32-bit words ("limbs"); n is a
 * run-time argument, so the same code serves P-256 (n = 8), P-384 (12),
 * ffdhe2048 and RSA (up to MOTE_MAX_RSA_BITS / 32). Modular multiplication is
 * Montgomery's (CIOS), with R = 2^(32 n). Every function runs in time that
 * depends only on n, never on the values (the modulus is treated as public).
 * Every product goes through mote_mul32, so MOTE_MUL16 switches the whole
 * core to the 16x16->32 backend. */
#ifndef MOTE_BIGINT_H
#define MOTE_BIGINT_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/progress.h"

#define MOTE_BN_MAX_LIMBS ((MOTE_MAX_RSA_BITS + 31) / 32)

/* Call the progress hook pg, if any (see mote/progress.h). */
static inline void mote_progress_tick(const mote_progress *pg)
{
    if (pg != NULL && pg->fn != NULL) pg->fn(pg->arg);
}

/* r = a + b (r may alias a or b); returns the carry (0 or 1). */
uint32_t mote_bn_add(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n);
/* r = a - b (r may alias); returns the borrow (0 or 1). */
uint32_t mote_bn_sub(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n);
/* r = ctl ? a : r, ctl is 0 or 1. */
void mote_bn_cmov(uint32_t *r, const uint32_t *a, uint32_t ctl, size_t n);
/* 1 if a < b, else 0. */
uint32_t mote_bn_lt(const uint32_t *a, const uint32_t *b, size_t n);
/* 1 if a == 0, else 0. */
uint32_t mote_bn_is_zero(const uint32_t *a, size_t n);

/* r (n limbs) = the big-endian bytes in[0..len). Returns 1 if the value fit
 * in n limbs, 0 if it did not (r then holds the low 32n bits). With len = 0
 * (in may then be NULL) it sets r to zero: the size-friendly way to clear
 * limbs, as a loop storing zeros becomes a memset call (a long call into
 * ROM on the ESP8266). */
uint32_t mote_bn_from_be(uint32_t *r, size_t n, const uint8_t *in, size_t len);
/* out[0..len) = a as big-endian bytes, truncated or zero-padded to len. */
void mote_bn_to_be(uint8_t *out, size_t len, const uint32_t *a, size_t n);

/* -m[0]^-1 mod 2^32, for odd m[0]: the Montgomery constant. */
uint32_t mote_bn_m0inv(uint32_t m0);
/* r = a * b / R mod m for a, b < m, odd m with its top limb non-zero.
 * r may alias a or b. Result is fully reduced (r < m). */
void mote_bn_montmul(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m,
                     uint32_t m0i, size_t n);
/* The same product without any scratch memory (the stack-lean form the
 * elliptic curves use, and faster: one fused pass per limb). r must NOT
 * overlap a or b. Same result and preconditions as mote_bn_montmul. */
void mote_bn_montmul_sep(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m,
                         uint32_t m0i, size_t n);
#if MOTE_MUL16 && MOTE_ENABLE_P256
/* mote_bn_montmul_sep for P-256's prime p (8 limbs, R = 2^256), reducing
 * with additions that p's shape allows instead of products: half the
 * multiplies of the generic loop, which the 16-bit backend emulates. Same
 * contract (r must not overlap a or b). */
void mote_bn_montmul_p256(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *p);
#endif
/* r = a^2 / R mod m for a < m (same preconditions as montmul), about a
 * quarter fewer products than montmul_sep(a, a). t: 2 n limbs of scratch,
 * separate from r and a; r may alias a. */
void mote_bn_montsqr(uint32_t *r, const uint32_t *a, const uint32_t *m, uint32_t m0i, size_t n,
                     uint32_t *t);
/* r += m & mask (mask all ones or zero); returns the carry (0 or 1). */
uint32_t mote_bn_addmask(uint32_t *r, const uint32_t *m, uint32_t mask, size_t n);
/* r = a + b mod m and r = a - b mod m for a, b < m (r may alias). */
void mote_bn_modadd(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m, size_t n);
void mote_bn_modsub(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m, size_t n);
/* rr = R^2 mod m (to enter the Montgomery domain: montmul(x, rr) = xR).
 * Costs 32 + j modular doublings and s Montgomery squarings, j 2^s = 32 n
 * (RSA-2048: 64 and 6 with MOTE_BN64, else 160 and 4). */
void mote_bn_r2(uint32_t *rr, const uint32_t *m, size_t n);
/* The same with caller scratch t (n limbs) instead of stack. */
void mote_bn_r2_t(uint32_t *rr, const uint32_t *m, size_t n, uint32_t *t);
/* Its first part: rr = 2^j R mod m; returns s, the Montgomery squarings
 * that make that R^2 (for callers that square with mote_bn_montsqr). */
size_t mote_bn_r2_start(uint32_t *rr, const uint32_t *m, size_t n);

/* Note: montmul's result is also correct and fully reduced when one operand
 * is any n-limb value (< R) and the other is below m; mote_bn_mod_wide and
 * the RSA code rely on this (montmul(x, rr) = x R mod m for any x < R). */

/* r = R mod m: the Montgomery form of 1 (32 modular doublings). */
void mote_bn_rmod(uint32_t *r, const uint32_t *m, size_t n);
/* r (2n limbs) = a * b, the plain product; r must not alias a or b. */
void mote_bn_mul(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n);
/* r = x R mod m (the Montgomery form of x mod m) for x of xn <= 2n limbs
 * (any value); rr = R^2 mod m; t: n limbs of scratch. r may alias x. */
void mote_bn_mod_wide(uint32_t *r, const uint32_t *x, size_t xn, const uint32_t *m, uint32_t m0i,
                      const uint32_t *rr, uint32_t *t, size_t n);
/* r = a^e in the Montgomery domain: a = x R mod m (a < m), r = x^e R mod m.
 * e is little-endian limbs holding ebits bits; ebits is public, the value of
 * e is secret: fixed windows of w bits (1 <= w <= 8), every window does w
 * squarings and one multiplication by a table entry selected with masks
 * (every entry is read), so time and memory accesses depend only on n, ebits
 * and w. work: (2^w + 2) n limbs of scratch (the table and two numbers).
 * pg (may be NULL): called every MOTE_BN_PROGRESS_WINDOWS windows.
 * r must not alias a, e or work; a may be work + n (the table's slot for
 * a^1), but no other part of work. */
void mote_bn_modexp(uint32_t *r, const uint32_t *a, const uint32_t *e, size_t ebits,
                    const uint32_t *m, uint32_t m0i, size_t n, uint32_t *work, unsigned w,
                    const mote_progress *pg);
#define MOTE_BN_PROGRESS_WINDOWS 4

#endif
