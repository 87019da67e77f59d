/* mote (private): arithmetic modulo p = 2^255 - 19, shared by X25519 and
 * Ed25519.
 *
 * An element is 10 limbs in radix 2^25.5 (limb i weighs 2^ceil(25.5 i):
 * 26, 25, 26, ... bits), kept "carried" but not fully reduced: every
 * function accepts and returns any such value, and mote_fe_tobytes gives the
 * canonical encoding. Every function takes time that depends on nothing but
 * the code path (no branch or index on values), and every 32x32->64 product
 * goes through mote_mul32. With MOTE_MUL16 the field takes its radix-2^13
 * form instead (MOTE_FE_R13 below), whose products are 13 x 13 bits: plain
 * 32-bit multiplies, no 64-bit product or sum at all; on 64-bit hosts it
 * takes the radix-2^51 form (MOTE_FE_R51). Outputs may alias
 * inputs everywhere. */
#ifndef MOTE_F25519_H
#define MOTE_F25519_H

#include "crypto/mul.h"
#include "mote/config.h"
#include <stdint.h>

#if MOTE_ENABLE_X25519 || MOTE_ENABLE_ED25519

/* MOTE_FE_R13 (the default with MOTE_MUL16): 20 limbs of 13 bits instead,
 * held in 16-bit words (the same 40 bytes): every product is one 16x16->32
 * multiply and every sum fits in 32 bits, so lx106 runs it without the
 * 64-bit additions (branches there) of the radix-2^25.5 columns. */
#ifndef MOTE_FE_R13
#define MOTE_FE_R13 MOTE_MUL16
#endif
/* MOTE_FE_R51 (the default where MOTE_BN64 is, crypto/mul.h: 64-bit hosts
 * with unsigned __int128, not MUL16): 5 limbs of 51 bits in 64-bit words
 * (again 40 bytes), products 64x64->128 through mote_mul64: 25 multiplies
 * per product instead of 100. */
#ifndef MOTE_FE_R51
#define MOTE_FE_R51 (MOTE_BN64 && !MOTE_FE_R13)
#endif
/* MOTE_FE_R13_FULL=1 (the default unless optimising for size): radix 2^13
 * products and squares written out column by column (fastest; about 3 KiB
 * more code on lx106); 0: rows in a loop, squares as products. */
#ifndef MOTE_FE_R13_FULL
#if defined(__OPTIMIZE_SIZE__)
#define MOTE_FE_R13_FULL 0
#else
#define MOTE_FE_R13_FULL 1
#endif
#endif
/* MOTE_FE_R25_SQR=1 (the default unless optimising for size): radix 2^25.5
 * has a dedicated square, 55 products instead of 100; 0: a square is a
 * product, which saves the square's code (about 590 B on Cortex-M4) for
 * about a quarter more time per X25519. */
#ifndef MOTE_FE_R25_SQR
#if defined(__OPTIMIZE_SIZE__)
#define MOTE_FE_R25_SQR 0
#else
#define MOTE_FE_R25_SQR 1
#endif
#endif
/* Whether a square is the product (then mote_fe_sqr is mote_fe_mul itself,
 * not a function calling it) */
#if MOTE_FE_R13
#define MOTE_FE_SQR_IS_MUL (!MOTE_FE_R13_FULL)
#else
#define MOTE_FE_SQR_IS_MUL (!MOTE_FE_R51 && !MOTE_FE_R25_SQR)
#endif

#if MOTE_FE_R13
typedef uint16_t mote_fe_limb;
typedef mote_fe_limb mote_fe[20];
#elif MOTE_FE_R51
typedef uint64_t mote_fe_limb;
typedef mote_fe_limb mote_fe[5];
#else
typedef uint32_t mote_fe_limb;
typedef mote_fe_limb mote_fe[10];
#endif

/* r = the 32 little-endian bytes in, bit 255 ignored (so r < 2^255; values
 * from p up are accepted and act as their residue). */
void mote_fe_frombytes(mote_fe r, const uint8_t in[32]);
/* out = the canonical (fully reduced, < p) little-endian encoding of a. */
void mote_fe_tobytes(uint8_t out[32], const mote_fe a);
/* r = small constant v (v < 2^25). */
void mote_fe_set(mote_fe r, uint32_t v);
void mote_fe_copy(mote_fe r, const mote_fe a);

void mote_fe_add(mote_fe r, const mote_fe a, const mote_fe b);
void mote_fe_sub(mote_fe r, const mote_fe a, const mote_fe b);
void mote_fe_neg(mote_fe r, const mote_fe a);
void mote_fe_mul(mote_fe r, const mote_fe a, const mote_fe b);
#if MOTE_FE_SQR_IS_MUL
#define mote_fe_sqr(r, a) mote_fe_mul(r, a, a)
#else
void mote_fe_sqr(mote_fe r, const mote_fe a);
#endif
/* r = a * k for a small constant k < 2^17. */
void mote_fe_mul_small(mote_fe r, const mote_fe a, uint32_t k);

/* If bit (0 or 1) is 1: swap a and b (cswap) or copy a into r (cmov). */
void mote_fe_cswap(mote_fe a, mote_fe b, uint32_t bit);
void mote_fe_cmov(mote_fe r, const mote_fe a, uint32_t bit);

/* 1 if a = 0 mod p, else 0. */
uint32_t mote_fe_iszero(const mote_fe a);
/* The low bit of the canonical value of a ("negative" in RFC 8032). */
uint32_t mote_fe_isneg(const mote_fe a);

/* r = a^(p-2) = 1/a (0 for a = 0). */
void mote_fe_invert(mote_fe r, const mote_fe a);
/* r = a^((p-5)/8) = a^(2^252 - 3): the square-root helper of RFC 8032. */
void mote_fe_pow22523(mote_fe r, const mote_fe a);

#endif
#endif
