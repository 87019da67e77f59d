/* Arithmetic modulo p = 2^255 - 19 (see f25519.h), in one of three forms:
 * radix 2^13 with MOTE_FE_R13 (the MOTE_MUL16 default, first below), radix
 * 2^51 with MOTE_FE_R51 (64-bit hosts, second), radix 2^25.5 otherwise
 * (described here).
 *
 * Radix 2^25.5: limb i holds bits from ceil(25.5 i), alternately 26 and 25
 * bits wide. A product needs 100 32x32->64 multiplies, but their 64-bit sums
 * never overflow, so each costs one multiply-accumulate (UMLAL on ARM, IMUL +
 * ADD on x86) with no carry handling; the wrap-around 2^255 = 19 and the
 * extra factor 2 where two odd limbs meet are folded into pre-scaled
 * operands. Radix 2^32 would need only 64 multiplies, but in portable C each
 * then drags a carry chain along (no UMAAL from the compiler) and ends up
 * slower on Cortex-M4 and x86 alike.
 *
 * Bounds. Every function returns "carried" limbs: even limbs < 2^26, odd
 * limbs < 2^25, except limb 1 < 2^25 + 2^18. With such inputs a column of
 * the product is below 2^61, 19 times a limb fits in 32 bits, and a - b + 2p
 * is non-negative limb by limb. All control flow depends on nothing but the
 * code path. */
#include "crypto/f25519.h"

#if MOTE_ENABLE_X25519 || MOTE_ENABLE_ED25519

#include "crypto/mul.h"
#include "crypto/util.h"

#if MOTE_FE_R13
/* ---- radix 2^13 (MOTE_MUL16): 20 limbs of 13 bits in 16-bit words ----
 *
 * Every product is 13 x 13 bits, one 16x16->32 multiply, and a column of
 * 20 of them stays below 2^31: all sums are 32-bit and none can carry, so
 * there is no 64-bit addition anywhere (on lx106 each would be a branch on
 * the data). The element is 260 bits; 2^260 = 32 * 19 = 608 (mod p) folds
 * the top back. "Carried" limbs: every limb < 2^13 except limb 2 <= 2^13 + 1,
 * so a product column is below 20 (2^13 + 1)^2 < 2^30.4. */

#define M13 0x1FFFu

/* MOTE_FE_R13_FULL (crypto/f25519.h): products and squares written out
 * column by column, or rows of 20 multiply-accumulates in a loop. Both are
 * free of data-dependent branches. */

/* The carry x (below 2^18.1) out of bit 260 of the carried limbs r, back in
 * as 608 x, and two more steps (limb 2 may end at 2^13 + 1). */
static void fe_wrap(mote_fe r, uint32_t x)
{
    x = r[0] + x * 608u;
    r[0] = (uint16_t)(x & M13);
    x = r[1] + (x >> 13);
    r[1] = (uint16_t)(x & M13);
    r[2] = (uint16_t)(r[2] + (x >> 13));
}

/* r = the columns c[0..20) (each below 2^31), carried: a pass up the
 * limbs, then fe_wrap. */
#if MOTE_FE_R13_FULL
static void fe_carry(mote_fe r, const uint32_t *c)
{
    uint32_t x = 0;
    /* clang-format off */
#define ST(i) x += c[i]; r[i] = (uint16_t)(x & M13); x >>= 13;
    ST(0) ST(1) ST(2) ST(3) ST(4) ST(5) ST(6) ST(7) ST(8) ST(9)
    ST(10) ST(11) ST(12) ST(13) ST(14) ST(15) ST(16) ST(17) ST(18) ST(19)
#undef ST
    fe_wrap(r, x);
    /* clang-format on */
}
#else
static void fe_carry(mote_fe r, const uint32_t *c)
{
    uint32_t x = 0;
    int i;
    for (i = 0; i < 20; i++) {
        x += c[i];
        r[i] = (uint16_t)(x & M13);
        x >>= 13;
    }
    fe_wrap(r, x);
}
#endif

void mote_fe_frombytes(mote_fe r, const uint8_t in[32])
{
    uint32_t acc = 0;
    int i, j = 0, bits = 0;
    for (i = 0; i < 32; i++) {
        acc |= (uint32_t)(i == 31 ? in[i] & 0x7F : in[i]) << bits; /* bit 255 dropped */
        bits += 8;
        if (bits >= 13) { /* depends on i only */
            r[j++] = (uint16_t)(acc & M13);
            acc >>= 13;
            bits -= 13;
        }
    }
    r[19] = (uint16_t)acc; /* bits 247..254 */
}

void mote_fe_tobytes(uint8_t out[32], const mote_fe a)
{
    /* a = L + 2^255 h, L its bits 0..254 and h = a[19] >> 8 < 2^5, so a = W
     * = L + 19 h (mod p) with W < 2^255 + 608 < 2 p; W >= p exactly when
     * W + 19 reaches 2^255 (top): a carry pass without stores finds it, as
     * (L + 19 (h + 1) + 2^255 h) >> 255 = top + h. The packing pass then
     * adds 19 (h + top) to L and drops bits 255 and up. */
    uint32_t x = 19 * ((a[19] >> 8) + 1u), acc = 0;
    int i, bits = 0, j = 0;
    for (i = 0; i < 19; i++)
        x = (x + a[i]) >> 13;
    x = 19 * ((x + a[19]) >> 8);
    for (i = 0; i < 20; i++) {
        x += a[i];
        acc |= (x & (i < 19 ? M13 : 0xFF)) << bits;
        x >>= 13;
        bits += i < 19 ? 13 : 8; /* limb 19: bits 247..254 */
        while (bits >= 8) {      /* depends on i only */
            out[j++] = (uint8_t)acc;
            acc >>= 8;
            bits -= 8;
        }
    }
    out[31] = (uint8_t)acc; /* bits 248..254 */
}

void mote_fe_sub(mote_fe r, const mote_fe a, const mote_fe b)
{
    /* a + 64 p - b, with 64 p in limbs each above any carried limb of b:
     * 15168, 16382 (x 18), 16382 */
    uint32_t c[20];
    int i;
    for (i = 0; i < 20; i++)
        c[i] = (uint32_t)a[i] + 16382u - b[i];
    c[0] -= 16382u - 15168u;
    fe_carry(r, c);
}

/* r = the 39 product columns t[0..39) (each below 2^30.4), carried: the
 * columns from 20 up become 13-bit limbs first (t[20..40)), then each folds
 * into column i as 608 t[i + 20] (2^260 = 608) on the way up the low
 * ones, where every sum stays below 2^31, and the carry out wraps as in
 * fe_carry. */
#if MOTE_FE_R13_FULL
static void fe_reduce(mote_fe r, uint32_t *t)
{
    uint32_t x = 0;
    /* written out: the loops cost a third more on a simple core */
    /* clang-format off */
#define HI(i) x += t[i]; t[i] = x & M13; x >>= 13;
#define LO(i) x += t[i] + 608u * t[i + 20]; r[i] = (uint16_t)(x & M13); x >>= 13;
    HI(20) HI(21) HI(22) HI(23) HI(24) HI(25) HI(26) HI(27) HI(28) HI(29)
    HI(30) HI(31) HI(32) HI(33) HI(34) HI(35) HI(36) HI(37) HI(38)
    t[39] = x; /* below 2^17.5 */
    x = 0;
    LO(0) LO(1) LO(2) LO(3) LO(4) LO(5) LO(6) LO(7) LO(8) LO(9)
    LO(10) LO(11) LO(12) LO(13) LO(14) LO(15) LO(16) LO(17) LO(18) LO(19)
#undef HI
#undef LO
    fe_wrap(r, x);
    /* clang-format on */
}
#else
static void fe_reduce(mote_fe r, uint32_t *t)
{
    uint32_t x = 0;
    int i;
    for (i = 20; i < 39; i++) {
        x += t[i];
        t[i] = x & M13;
        x >>= 13;
    }
    t[39] = x; /* below 2^17.5 */
    x = 0;
    for (i = 0; i < 20; i++) {
        x += t[i] + 608u * t[i + 20];
        r[i] = (uint16_t)(x & M13);
        x >>= 13;
    }
    fe_wrap(r, x);
}
#endif

#if MOTE_FE_R13_FULL
void mote_fe_mul(mote_fe r, const mote_fe a, const mote_fe b)
{
    uint32_t t[40], x[20], y[20];
    int i;
    for (i = 0; i < 20; i++) {
        x[i] = a[i];
        y[i] = b[i];
    }
    /* f25519_gen.py mul: begin */
    t[0] = x[0] * y[0];
    t[1] = x[0] * y[1] + x[1] * y[0];
    t[2] = x[0] * y[2] + x[1] * y[1] + x[2] * y[0];
    t[3] = x[0] * y[3] + x[1] * y[2] + x[2] * y[1] + x[3] * y[0];
    t[4] = x[0] * y[4] + x[1] * y[3] + x[2] * y[2] + x[3] * y[1] + x[4] * y[0];
    t[5] = x[0] * y[5] + x[1] * y[4] + x[2] * y[3] + x[3] * y[2] + x[4] * y[1] + x[5] * y[0];
    t[6] = x[0] * y[6] + x[1] * y[5] + x[2] * y[4] + x[3] * y[3] + x[4] * y[2] + x[5] * y[1] +
           x[6] * y[0];
    t[7] = x[0] * y[7] + x[1] * y[6] + x[2] * y[5] + x[3] * y[4] + x[4] * y[3] + x[5] * y[2] +
           x[6] * y[1] + x[7] * y[0];
    t[8] = x[0] * y[8] + x[1] * y[7] + x[2] * y[6] + x[3] * y[5] + x[4] * y[4] + x[5] * y[3] +
           x[6] * y[2] + x[7] * y[1] + x[8] * y[0];
    t[9] = x[0] * y[9] + x[1] * y[8] + x[2] * y[7] + x[3] * y[6] + x[4] * y[5] + x[5] * y[4] +
           x[6] * y[3] + x[7] * y[2] + x[8] * y[1] + x[9] * y[0];
    t[10] = x[0] * y[10] + x[1] * y[9] + x[2] * y[8] + x[3] * y[7] + x[4] * y[6] + x[5] * y[5] +
            x[6] * y[4] + x[7] * y[3] + x[8] * y[2] + x[9] * y[1] + x[10] * y[0];
    t[11] = x[0] * y[11] + x[1] * y[10] + x[2] * y[9] + x[3] * y[8] + x[4] * y[7] + x[5] * y[6] +
            x[6] * y[5] + x[7] * y[4] + x[8] * y[3] + x[9] * y[2] + x[10] * y[1] + x[11] * y[0];
    t[12] = x[0] * y[12] + x[1] * y[11] + x[2] * y[10] + x[3] * y[9] + x[4] * y[8] + x[5] * y[7] +
            x[6] * y[6] + x[7] * y[5] + x[8] * y[4] + x[9] * y[3] + x[10] * y[2] + x[11] * y[1] +
            x[12] * y[0];
    t[13] = x[0] * y[13] + x[1] * y[12] + x[2] * y[11] + x[3] * y[10] + x[4] * y[9] + x[5] * y[8] +
            x[6] * y[7] + x[7] * y[6] + x[8] * y[5] + x[9] * y[4] + x[10] * y[3] + x[11] * y[2] +
            x[12] * y[1] + x[13] * y[0];
    t[14] = x[0] * y[14] + x[1] * y[13] + x[2] * y[12] + x[3] * y[11] + x[4] * y[10] + x[5] * y[9] +
            x[6] * y[8] + x[7] * y[7] + x[8] * y[6] + x[9] * y[5] + x[10] * y[4] + x[11] * y[3] +
            x[12] * y[2] + x[13] * y[1] + x[14] * y[0];
    t[15] = x[0] * y[15] + x[1] * y[14] + x[2] * y[13] + x[3] * y[12] + x[4] * y[11] +
            x[5] * y[10] + x[6] * y[9] + x[7] * y[8] + x[8] * y[7] + x[9] * y[6] + x[10] * y[5] +
            x[11] * y[4] + x[12] * y[3] + x[13] * y[2] + x[14] * y[1] + x[15] * y[0];
    t[16] = x[0] * y[16] + x[1] * y[15] + x[2] * y[14] + x[3] * y[13] + x[4] * y[12] +
            x[5] * y[11] + x[6] * y[10] + x[7] * y[9] + x[8] * y[8] + x[9] * y[7] + x[10] * y[6] +
            x[11] * y[5] + x[12] * y[4] + x[13] * y[3] + x[14] * y[2] + x[15] * y[1] + x[16] * y[0];
    t[17] = x[0] * y[17] + x[1] * y[16] + x[2] * y[15] + x[3] * y[14] + x[4] * y[13] +
            x[5] * y[12] + x[6] * y[11] + x[7] * y[10] + x[8] * y[9] + x[9] * y[8] + x[10] * y[7] +
            x[11] * y[6] + x[12] * y[5] + x[13] * y[4] + x[14] * y[3] + x[15] * y[2] +
            x[16] * y[1] + x[17] * y[0];
    t[18] = x[0] * y[18] + x[1] * y[17] + x[2] * y[16] + x[3] * y[15] + x[4] * y[14] +
            x[5] * y[13] + x[6] * y[12] + x[7] * y[11] + x[8] * y[10] + x[9] * y[9] + x[10] * y[8] +
            x[11] * y[7] + x[12] * y[6] + x[13] * y[5] + x[14] * y[4] + x[15] * y[3] +
            x[16] * y[2] + x[17] * y[1] + x[18] * y[0];
    t[19] = x[0] * y[19] + x[1] * y[18] + x[2] * y[17] + x[3] * y[16] + x[4] * y[15] +
            x[5] * y[14] + x[6] * y[13] + x[7] * y[12] + x[8] * y[11] + x[9] * y[10] +
            x[10] * y[9] + x[11] * y[8] + x[12] * y[7] + x[13] * y[6] + x[14] * y[5] +
            x[15] * y[4] + x[16] * y[3] + x[17] * y[2] + x[18] * y[1] + x[19] * y[0];
    t[20] = x[1] * y[19] + x[2] * y[18] + x[3] * y[17] + x[4] * y[16] + x[5] * y[15] +
            x[6] * y[14] + x[7] * y[13] + x[8] * y[12] + x[9] * y[11] + x[10] * y[10] +
            x[11] * y[9] + x[12] * y[8] + x[13] * y[7] + x[14] * y[6] + x[15] * y[5] +
            x[16] * y[4] + x[17] * y[3] + x[18] * y[2] + x[19] * y[1];
    t[21] = x[2] * y[19] + x[3] * y[18] + x[4] * y[17] + x[5] * y[16] + x[6] * y[15] +
            x[7] * y[14] + x[8] * y[13] + x[9] * y[12] + x[10] * y[11] + x[11] * y[10] +
            x[12] * y[9] + x[13] * y[8] + x[14] * y[7] + x[15] * y[6] + x[16] * y[5] +
            x[17] * y[4] + x[18] * y[3] + x[19] * y[2];
    t[22] = x[3] * y[19] + x[4] * y[18] + x[5] * y[17] + x[6] * y[16] + x[7] * y[15] +
            x[8] * y[14] + x[9] * y[13] + x[10] * y[12] + x[11] * y[11] + x[12] * y[10] +
            x[13] * y[9] + x[14] * y[8] + x[15] * y[7] + x[16] * y[6] + x[17] * y[5] +
            x[18] * y[4] + x[19] * y[3];
    t[23] = x[4] * y[19] + x[5] * y[18] + x[6] * y[17] + x[7] * y[16] + x[8] * y[15] +
            x[9] * y[14] + x[10] * y[13] + x[11] * y[12] + x[12] * y[11] + x[13] * y[10] +
            x[14] * y[9] + x[15] * y[8] + x[16] * y[7] + x[17] * y[6] + x[18] * y[5] + x[19] * y[4];
    t[24] = x[5] * y[19] + x[6] * y[18] + x[7] * y[17] + x[8] * y[16] + x[9] * y[15] +
            x[10] * y[14] + x[11] * y[13] + x[12] * y[12] + x[13] * y[11] + x[14] * y[10] +
            x[15] * y[9] + x[16] * y[8] + x[17] * y[7] + x[18] * y[6] + x[19] * y[5];
    t[25] = x[6] * y[19] + x[7] * y[18] + x[8] * y[17] + x[9] * y[16] + x[10] * y[15] +
            x[11] * y[14] + x[12] * y[13] + x[13] * y[12] + x[14] * y[11] + x[15] * y[10] +
            x[16] * y[9] + x[17] * y[8] + x[18] * y[7] + x[19] * y[6];
    t[26] = x[7] * y[19] + x[8] * y[18] + x[9] * y[17] + x[10] * y[16] + x[11] * y[15] +
            x[12] * y[14] + x[13] * y[13] + x[14] * y[12] + x[15] * y[11] + x[16] * y[10] +
            x[17] * y[9] + x[18] * y[8] + x[19] * y[7];
    t[27] = x[8] * y[19] + x[9] * y[18] + x[10] * y[17] + x[11] * y[16] + x[12] * y[15] +
            x[13] * y[14] + x[14] * y[13] + x[15] * y[12] + x[16] * y[11] + x[17] * y[10] +
            x[18] * y[9] + x[19] * y[8];
    t[28] = x[9] * y[19] + x[10] * y[18] + x[11] * y[17] + x[12] * y[16] + x[13] * y[15] +
            x[14] * y[14] + x[15] * y[13] + x[16] * y[12] + x[17] * y[11] + x[18] * y[10] +
            x[19] * y[9];
    t[29] = x[10] * y[19] + x[11] * y[18] + x[12] * y[17] + x[13] * y[16] + x[14] * y[15] +
            x[15] * y[14] + x[16] * y[13] + x[17] * y[12] + x[18] * y[11] + x[19] * y[10];
    t[30] = x[11] * y[19] + x[12] * y[18] + x[13] * y[17] + x[14] * y[16] + x[15] * y[15] +
            x[16] * y[14] + x[17] * y[13] + x[18] * y[12] + x[19] * y[11];
    t[31] = x[12] * y[19] + x[13] * y[18] + x[14] * y[17] + x[15] * y[16] + x[16] * y[15] +
            x[17] * y[14] + x[18] * y[13] + x[19] * y[12];
    t[32] = x[13] * y[19] + x[14] * y[18] + x[15] * y[17] + x[16] * y[16] + x[17] * y[15] +
            x[18] * y[14] + x[19] * y[13];
    t[33] = x[14] * y[19] + x[15] * y[18] + x[16] * y[17] + x[17] * y[16] + x[18] * y[15] +
            x[19] * y[14];
    t[34] = x[15] * y[19] + x[16] * y[18] + x[17] * y[17] + x[18] * y[16] + x[19] * y[15];
    t[35] = x[16] * y[19] + x[17] * y[18] + x[18] * y[17] + x[19] * y[16];
    t[36] = x[17] * y[19] + x[18] * y[18] + x[19] * y[17];
    t[37] = x[18] * y[19] + x[19] * y[18];
    t[38] = x[19] * y[19];
    /* f25519_gen.py mul: end */
    fe_reduce(r, t);
}

void mote_fe_sqr(mote_fe r, const mote_fe a)
{
    uint32_t t[40], x[20];
    int i;
    for (i = 0; i < 20; i++)
        x[i] = a[i];
    /* f25519_gen.py sqr: begin */
    t[0] = x[0] * x[0];
    t[1] = 2 * (x[0] * x[1]);
    t[2] = 2 * (x[0] * x[2]) + x[1] * x[1];
    t[3] = 2 * (x[0] * x[3] + x[1] * x[2]);
    t[4] = 2 * (x[0] * x[4] + x[1] * x[3]) + x[2] * x[2];
    t[5] = 2 * (x[0] * x[5] + x[1] * x[4] + x[2] * x[3]);
    t[6] = 2 * (x[0] * x[6] + x[1] * x[5] + x[2] * x[4]) + x[3] * x[3];
    t[7] = 2 * (x[0] * x[7] + x[1] * x[6] + x[2] * x[5] + x[3] * x[4]);
    t[8] = 2 * (x[0] * x[8] + x[1] * x[7] + x[2] * x[6] + x[3] * x[5]) + x[4] * x[4];
    t[9] = 2 * (x[0] * x[9] + x[1] * x[8] + x[2] * x[7] + x[3] * x[6] + x[4] * x[5]);
    t[10] =
        2 * (x[0] * x[10] + x[1] * x[9] + x[2] * x[8] + x[3] * x[7] + x[4] * x[6]) + x[5] * x[5];
    t[11] =
        2 * (x[0] * x[11] + x[1] * x[10] + x[2] * x[9] + x[3] * x[8] + x[4] * x[7] + x[5] * x[6]);
    t[12] =
        2 * (x[0] * x[12] + x[1] * x[11] + x[2] * x[10] + x[3] * x[9] + x[4] * x[8] + x[5] * x[7]) +
        x[6] * x[6];
    t[13] = 2 * (x[0] * x[13] + x[1] * x[12] + x[2] * x[11] + x[3] * x[10] + x[4] * x[9] +
                 x[5] * x[8] + x[6] * x[7]);
    t[14] = 2 * (x[0] * x[14] + x[1] * x[13] + x[2] * x[12] + x[3] * x[11] + x[4] * x[10] +
                 x[5] * x[9] + x[6] * x[8]) +
            x[7] * x[7];
    t[15] = 2 * (x[0] * x[15] + x[1] * x[14] + x[2] * x[13] + x[3] * x[12] + x[4] * x[11] +
                 x[5] * x[10] + x[6] * x[9] + x[7] * x[8]);
    t[16] = 2 * (x[0] * x[16] + x[1] * x[15] + x[2] * x[14] + x[3] * x[13] + x[4] * x[12] +
                 x[5] * x[11] + x[6] * x[10] + x[7] * x[9]) +
            x[8] * x[8];
    t[17] = 2 * (x[0] * x[17] + x[1] * x[16] + x[2] * x[15] + x[3] * x[14] + x[4] * x[13] +
                 x[5] * x[12] + x[6] * x[11] + x[7] * x[10] + x[8] * x[9]);
    t[18] = 2 * (x[0] * x[18] + x[1] * x[17] + x[2] * x[16] + x[3] * x[15] + x[4] * x[14] +
                 x[5] * x[13] + x[6] * x[12] + x[7] * x[11] + x[8] * x[10]) +
            x[9] * x[9];
    t[19] = 2 * (x[0] * x[19] + x[1] * x[18] + x[2] * x[17] + x[3] * x[16] + x[4] * x[15] +
                 x[5] * x[14] + x[6] * x[13] + x[7] * x[12] + x[8] * x[11] + x[9] * x[10]);
    t[20] = 2 * (x[1] * x[19] + x[2] * x[18] + x[3] * x[17] + x[4] * x[16] + x[5] * x[15] +
                 x[6] * x[14] + x[7] * x[13] + x[8] * x[12] + x[9] * x[11]) +
            x[10] * x[10];
    t[21] = 2 * (x[2] * x[19] + x[3] * x[18] + x[4] * x[17] + x[5] * x[16] + x[6] * x[15] +
                 x[7] * x[14] + x[8] * x[13] + x[9] * x[12] + x[10] * x[11]);
    t[22] = 2 * (x[3] * x[19] + x[4] * x[18] + x[5] * x[17] + x[6] * x[16] + x[7] * x[15] +
                 x[8] * x[14] + x[9] * x[13] + x[10] * x[12]) +
            x[11] * x[11];
    t[23] = 2 * (x[4] * x[19] + x[5] * x[18] + x[6] * x[17] + x[7] * x[16] + x[8] * x[15] +
                 x[9] * x[14] + x[10] * x[13] + x[11] * x[12]);
    t[24] = 2 * (x[5] * x[19] + x[6] * x[18] + x[7] * x[17] + x[8] * x[16] + x[9] * x[15] +
                 x[10] * x[14] + x[11] * x[13]) +
            x[12] * x[12];
    t[25] = 2 * (x[6] * x[19] + x[7] * x[18] + x[8] * x[17] + x[9] * x[16] + x[10] * x[15] +
                 x[11] * x[14] + x[12] * x[13]);
    t[26] = 2 * (x[7] * x[19] + x[8] * x[18] + x[9] * x[17] + x[10] * x[16] + x[11] * x[15] +
                 x[12] * x[14]) +
            x[13] * x[13];
    t[27] = 2 * (x[8] * x[19] + x[9] * x[18] + x[10] * x[17] + x[11] * x[16] + x[12] * x[15] +
                 x[13] * x[14]);
    t[28] = 2 * (x[9] * x[19] + x[10] * x[18] + x[11] * x[17] + x[12] * x[16] + x[13] * x[15]) +
            x[14] * x[14];
    t[29] = 2 * (x[10] * x[19] + x[11] * x[18] + x[12] * x[17] + x[13] * x[16] + x[14] * x[15]);
    t[30] = 2 * (x[11] * x[19] + x[12] * x[18] + x[13] * x[17] + x[14] * x[16]) + x[15] * x[15];
    t[31] = 2 * (x[12] * x[19] + x[13] * x[18] + x[14] * x[17] + x[15] * x[16]);
    t[32] = 2 * (x[13] * x[19] + x[14] * x[18] + x[15] * x[17]) + x[16] * x[16];
    t[33] = 2 * (x[14] * x[19] + x[15] * x[18] + x[16] * x[17]);
    t[34] = 2 * (x[15] * x[19] + x[16] * x[18]) + x[17] * x[17];
    t[35] = 2 * (x[16] * x[19] + x[17] * x[18]);
    t[36] = 2 * (x[17] * x[19]) + x[18] * x[18];
    t[37] = 2 * (x[18] * x[19]);
    t[38] = x[19] * x[19];
    /* f25519_gen.py sqr: end */
    fe_reduce(r, t);
}

#else
/* The compact form (size-optimised builds): the product row by row, each
 * row as two halves of 10 multiply-accumulates written out; a square is a
 * product. */
void mote_fe_mul(mote_fe r, const mote_fe a, const mote_fe b)
{
    uint32_t t[40];
    int i, h;
    for (i = 0; i < 40; i++)
        t[i] = 0;
    for (i = 0; i < 20; i++) {
        uint32_t xi = a[i], *ti = t + i;
        const mote_fe_limb *bj = b;
        for (h = 0; h < 2; h++, ti += 10, bj += 10) {
            /* clang-format off */
#define MA(j) ti[j] += xi * bj[j];
            MA(0) MA(1) MA(2) MA(3) MA(4) MA(5) MA(6) MA(7) MA(8) MA(9)
#undef MA
            /* clang-format on */
        }
    }
    fe_reduce(r, t);
}

#endif

void mote_fe_mul_small(mote_fe r, const mote_fe a, uint32_t k)
{
    /* k < 2^17: a limb times k is below 2^30.1 */
    uint32_t c[20];
    int i;
    for (i = 0; i < 20; i++)
        c[i] = a[i] * k;
    fe_carry(r, c);
}

#define FE_LIMBS 20
#define FE_BITS0 13 /* bits of limb 0 */
typedef uint32_t fe_col;
#elif MOTE_FE_R51
/* ---- radix 2^51 (MOTE_FE_R51, 64-bit hosts): 5 limbs of 51 bits ----
 *
 * A product is 25 64x64->128 multiplies (mote_mul64) summed in 128-bit
 * columns; 2^255 = 19 folds the limbs that wrap around into 19 b, formed
 * before the multiplies. "Carried" limbs: every limb below 2^51 + 2^13.
 * With such inputs (any limbs below 2^52 would do) a
 * product column is below 77 * 2^104 < 2^111, the carry out of the top
 * column times 19 stays below 2^61, and a + 2p - b is non-negative limb by
 * limb. */

#define M51     0x7FFFFFFFFFFFFull
#define W(x, y) mote_mul64((x), (y))

/* r = the columns c (each below 2^54), carried: every limb keeps its low
 * 51 bits plus the carry of the limb below (at most 7), limb 0 19 times
 * that of limb 4 (2^255 = 19): the carries are independent, a few
 * instructions each (a chained pass made additions cost half a
 * multiplication). Inlined, as the wide form below (as calls they cost a
 * fifth of X25519). */
MOTE_MUL_INLINE void fe_carry(mote_fe r, const uint64_t *c)
{
    uint64_t c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4];
    r[0] = (c0 & M51) + 19 * (c4 >> 51);
    r[1] = (c1 & M51) + (c0 >> 51);
    r[2] = (c2 & M51) + (c1 >> 51);
    r[3] = (c3 & M51) + (c2 >> 51);
    r[4] = (c4 & M51) + (c3 >> 51);
}

/* The same for 128-bit product columns (each below 2^112). */
MOTE_MUL_INLINE void fe_carry_wide(mote_fe r, mote_u128 c0, mote_u128 c1, mote_u128 c2,
                                   mote_u128 c3, mote_u128 c4)
{
    uint64_t x;
    c1 += (uint64_t)(c0 >> 51);
    c2 += (uint64_t)(c1 >> 51);
    c3 += (uint64_t)(c2 >> 51);
    c4 += (uint64_t)(c3 >> 51);
    x = ((uint64_t)c0 & M51) + 19 * (uint64_t)(c4 >> 51);
    r[0] = x & M51;
    r[1] = ((uint64_t)c1 & M51) + (x >> 51);
    r[2] = (uint64_t)c2 & M51;
    r[3] = (uint64_t)c3 & M51;
    r[4] = (uint64_t)c4 & M51;
}

void mote_fe_frombytes(mote_fe r, const uint8_t in[32])
{
    uint64_t w0 = mote_load_le64(in), w1 = mote_load_le64(in + 8);
    uint64_t w2 = mote_load_le64(in + 16), w3 = mote_load_le64(in + 24);
    r[0] = w0 & M51;
    r[1] = ((w0 >> 51) | (w1 << 13)) & M51;
    r[2] = ((w1 >> 38) | (w2 << 26)) & M51;
    r[3] = ((w2 >> 25) | (w3 << 39)) & M51;
    r[4] = (w3 >> 12) & M51; /* bit 255 dropped */
}

void mote_fe_tobytes(uint8_t out[32], const mote_fe a)
{
    uint64_t t[5], q;
    int i;
    /* Two carry passes (the second one chained): limbs 1-4 below 2^51,
     * limb 0 below 2^52, and t < 2^255 + 19 < 2p. */
    fe_carry(t, a);
    q = 0;
    for (i = 0; i < 5; i++) {
        t[i] += q;
        q = t[i] >> 51;
        t[i] &= M51;
    }
    t[0] += 19 * q;
    /* q = 1 exactly when t + 19 reaches 2^255 (t >= p); then t - p is
     * t + 19 - 2^255. */
    q = (t[0] + 19) >> 51;
    for (i = 1; i < 5; i++)
        q = (t[i] + q) >> 51;
    t[0] += 19 * q;
    for (i = 0; i < 4; i++) {
        t[i + 1] += t[i] >> 51;
        t[i] &= M51;
    }
    t[4] &= M51;
    mote_store_le64(out, t[0] | (t[1] << 51));
    mote_store_le64(out + 8, (t[1] >> 13) | (t[2] << 38));
    mote_store_le64(out + 16, (t[2] >> 26) | (t[3] << 25));
    mote_store_le64(out + 24, (t[3] >> 39) | (t[4] << 12));
    mote_wipe(t, sizeof t);
}

void mote_fe_sub(mote_fe r, const mote_fe a, const mote_fe b)
{
    /* a + 2p - b: 2p's limbs exceed any carried limb of b. */
    uint64_t c[5];
    int i;
    for (i = 0; i < 5; i++)
        c[i] = a[i] + 0xFFFFFFFFFFFFEull - b[i];
    c[0] -= 36; /* limb 0 of 2p is 2 (2^51 - 19) */
    fe_carry(r, c);
}

void mote_fe_mul(mote_fe r, const mote_fe a, const mote_fe b)
{
    uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    uint64_t b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
    uint64_t s1 = 19 * b1, s2 = 19 * b2, s3 = 19 * b3, s4 = 19 * b4;
    fe_carry_wide(r, W(a0, b0) + W(a1, s4) + W(a2, s3) + W(a3, s2) + W(a4, s1),
                  W(a0, b1) + W(a1, b0) + W(a2, s4) + W(a3, s3) + W(a4, s2),
                  W(a0, b2) + W(a1, b1) + W(a2, b0) + W(a3, s4) + W(a4, s3),
                  W(a0, b3) + W(a1, b2) + W(a2, b1) + W(a3, b0) + W(a4, s4),
                  W(a0, b4) + W(a1, b3) + W(a2, b2) + W(a3, b1) + W(a4, b0));
}

void mote_fe_sqr(mote_fe r, const mote_fe a)
{
    uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    uint64_t d0 = 2 * a0, d1 = 2 * a1, d2 = 2 * a2, d3 = 2 * a3;
    uint64_t s3 = 19 * a3, s4 = 19 * a4;
    fe_carry_wide(r, W(a0, a0) + W(d1, s4) + W(d2, s3), W(d0, a1) + W(d2, s4) + W(a3, s3),
                  W(d0, a2) + W(a1, a1) + W(d3, s4), W(d0, a3) + W(d1, a2) + W(a4, s4),
                  W(d0, a4) + W(d1, a3) + W(a2, a2));
}

void mote_fe_mul_small(mote_fe r, const mote_fe a, uint32_t k)
{
    fe_carry_wide(r, W(a[0], k), W(a[1], k), W(a[2], k), W(a[3], k), W(a[4], k));
}

#define FE_LIMBS 5
#define FE_BITS0 51
typedef uint64_t fe_col;
#else
#define M26     0x3FFFFFFu
#define M25     0x1FFFFFFu
#define M(x, y) mote_mul32((x), (y))

/* r = the columns c (each below 2^62), carried: one pass up the limbs, the
 * carry out of bit 255 wraps around as 19 times itself (2^255 = 19 mod p),
 * and one more step from limb 0 to limb 1 makes it stick. */
static void fe_carry(mote_fe r, const uint64_t *c)
{
    uint64_t x = 0;
    int i;
    for (i = 0; i < 10; i += 2) {
        x += c[i];
        r[i] = (uint32_t)x & M26;
        x >>= 26;
        x += c[i + 1];
        r[i + 1] = (uint32_t)x & M25;
        x >>= 25;
    }
    x = r[0] + (x << 4) + (x << 1) + x; /* x < 2^37: 19 x by shifts, no wide multiply */
    r[0] = (uint32_t)x & M26;
    r[1] += (uint32_t)(x >> 26);
}

void mote_fe_frombytes(mote_fe r, const uint8_t in[32])
{
    uint32_t acc = 0;               /* the bits that overflow it are taken again from x */
    int i, j = 0, bits = 0, w = 26; /* limb j, w bits wide, has bits [0, bits) in acc */
    for (i = 0; i < 32; i++) {
        uint32_t x = i == 31 ? in[i] & 0x7Fu : in[i]; /* bit 255 is not part of the number */
        acc |= x << bits;
        bits += 8;
        if (bits >= w) { /* depends on i only */
            r[j++] = acc & ((1u << w) - 1);
            acc = x >> (8 - (bits - w));
            bits -= w;
            w ^= 26 ^ 25;
        }
    }
}

void mote_fe_tobytes(uint8_t out[32], const mote_fe a)
{
    /* a = L + 2^255 h, L its bits 0..254 (h = 0 or 1: a < 2^255 + 2^44), so
     * a = W = L + 19 h (mod p) with W < 2 p; W >= p exactly when W + 19
     * reaches 2^255 (top). Two carry passes without stores find h, then
     * top + h = (a + 19 (h + 1)) >> 255; the packing pass adds 19 (h + top)
     * to L and drops bit 255. */
    uint32_t x, c = 0, acc = 0; /* acc: at most 6 + 26 bits */
    int i, k, w, bits = 0, j = 0;
    for (k = 0; k < 2; k++) {
        x = 19 * (c + (uint32_t)k);
        for (i = 0; i < 10; i++)
            x = (x + a[i]) >> (26 - (i & 1));
        c = x;
    }
    x = 19 * c;
    for (i = 0; i < 10; i++) {
        w = 26 - (i & 1);
        x += a[i];
        acc |= (x & ((1u << w) - 1)) << bits;
        x >>= w;
        bits += w;
        while (bits >= 8) { /* depends on i only */
            out[j++] = (uint8_t)acc;
            acc >>= 8;
            bits -= 8;
        }
    }
    out[31] = (uint8_t)acc; /* bits 248..254 */
}

void mote_fe_sub(mote_fe r, const mote_fe a, const mote_fe b)
{
    /* a + 2p - b: 2p's limbs exceed any carried limb of b. */
    uint64_t c[10];
    int i;
    for (i = 0; i < 10; i += 2) {
        c[i] = (uint64_t)a[i] + 0x7FFFFFEu - b[i];
        c[i + 1] = (uint64_t)a[i + 1] + 0x3FFFFFEu - b[i + 1];
    }
    c[0] -= 36; /* limb 0 of 2p is 2 (2^26 - 19) */
    fe_carry(r, c);
}

void mote_fe_mul(mote_fe r, const mote_fe a, const mote_fe b)
{
    /* Column k of the product is sum_i x[i] z[k + 10 - i]: z holds 19 b
     * (the limbs that wrap past 2^255) below b, and x is a with its odd
     * limbs doubled for even k, where odd limbs meet odd limbs. */
    uint32_t z[20], a2[10];
    uint64_t c[10];
    int i, k;
    for (i = 0; i < 10; i++) {
        z[i] = 19 * b[i];
        z[i + 10] = b[i];
        a2[i] = a[i] << (i & 1);
    }
    for (k = 0; k < 10; k += 2) {
        const uint32_t *y = z + k + 10;
        c[k] = M(a2[0], y[0]) + M(a2[1], y[-1]) + M(a2[2], y[-2]) + M(a2[3], y[-3]) +
               M(a2[4], y[-4]) + M(a2[5], y[-5]) + M(a2[6], y[-6]) + M(a2[7], y[-7]) +
               M(a2[8], y[-8]) + M(a2[9], y[-9]);
        y++;
        c[k + 1] = M(a[0], y[0]) + M(a[1], y[-1]) + M(a[2], y[-2]) + M(a[3], y[-3]) +
                   M(a[4], y[-4]) + M(a[5], y[-5]) + M(a[6], y[-6]) + M(a[7], y[-7]) +
                   M(a[8], y[-8]) + M(a[9], y[-9]);
    }
    fe_carry(r, c);
}

/* MOTE_FE_R25_SQR (crypto/f25519.h): a dedicated square, 55 products
 * instead of 100. */
#if MOTE_FE_R25_SQR
void mote_fe_sqr(mote_fe r, const mote_fe a)
{
    uint32_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    uint32_t a5 = a[5], a6 = a[6], a7 = a[7], a8 = a[8], a9 = a[9];
    uint32_t d0 = 2 * a0, d1 = 2 * a1, d2 = 2 * a2, d3 = 2 * a3, d4 = 2 * a4;
    uint32_t d5 = 2 * a5, d6 = 2 * a6, d7 = 2 * a7, d8 = 2 * a8, d9 = 2 * a9;
    uint32_t q1 = 4 * a1, q3 = 4 * a3;
    uint32_t s5 = 19 * a5, s6 = 19 * a6, s7 = 19 * a7, s8 = 19 * a8, s9 = 19 * a9;
    uint32_t t7 = 38 * a7, t9 = 38 * a9;
    uint64_t c[10];
    c[0] = M(a0, a0) + M(d1, t9) + M(d2, s8) + M(d3, t7) + M(d4, s6) + M(d5, s5);
    c[1] = M(d0, a1) + M(d2, s9) + M(d3, s8) + M(d4, s7) + M(d5, s6);
    c[2] = M(d0, a2) + M(d1, a1) + M(d3, t9) + M(d4, s8) + M(d5, t7) + M(a6, s6);
    c[3] = M(d0, a3) + M(d1, a2) + M(d4, s9) + M(d5, s8) + M(d6, s7);
    c[4] = M(d0, a4) + M(q1, a3) + M(a2, a2) + M(d5, t9) + M(d6, s8) + M(d7, s7);
    c[5] = M(d0, a5) + M(d1, a4) + M(d2, a3) + M(d6, s9) + M(d7, s8);
    c[6] = M(d0, a6) + M(q1, a5) + M(d2, a4) + M(d3, a3) + M(d7, t9) + M(a8, s8);
    c[7] = M(d0, a7) + M(d1, a6) + M(d2, a5) + M(d3, a4) + M(d8, s9);
    c[8] = M(d0, a8) + M(q1, a7) + M(d2, a6) + M(q3, a5) + M(a4, a4) + M(d9, s9);
    c[9] = M(d0, a9) + M(d1, a8) + M(d2, a7) + M(d3, a6) + M(d4, a5);
    fe_carry(r, c);
}
#endif

void mote_fe_mul_small(mote_fe r, const mote_fe a, uint32_t k)
{
    uint64_t c[10];
    int i;
    for (i = 0; i < 10; i++)
        c[i] = mote_mul32(a[i], k);
    fe_carry(r, c);
}

#define FE_LIMBS 10
#define FE_BITS0 26
typedef uint64_t fe_col;
#endif

void mote_fe_set(mote_fe r, uint32_t v)
{
    int i;
    r[0] = (mote_fe_limb)(v & ((1ull << FE_BITS0) - 1));
    r[1] = (mote_fe_limb)((uint64_t)v >> FE_BITS0);
    for (i = 2; i < FE_LIMBS; i++)
        r[i] = 0;
}

void mote_fe_add(mote_fe r, const mote_fe a, const mote_fe b)
{
    fe_col c[FE_LIMBS];
    int i;
    for (i = 0; i < FE_LIMBS; i++)
        c[i] = (fe_col)a[i] + b[i];
    fe_carry(r, c);
}

void mote_fe_neg(mote_fe r, const mote_fe a)
{
    static const mote_fe zero = {0};
    mote_fe_sub(r, zero, a);
}

void mote_fe_copy(mote_fe r, const mote_fe a)
{
    int i;
    for (i = 0; i < FE_LIMBS; i++)
        r[i] = a[i];
}

void mote_fe_cswap(mote_fe a, mote_fe b, uint32_t bit)
{
    mote_fe_limb mask = (mote_fe_limb)(0 - (mote_fe_limb)bit), x;
    int i;
    for (i = 0; i < FE_LIMBS; i++) {
        x = (mote_fe_limb)(mask & (a[i] ^ b[i]));
        a[i] = (mote_fe_limb)(a[i] ^ x);
        b[i] = (mote_fe_limb)(b[i] ^ x);
    }
}

void mote_fe_cmov(mote_fe r, const mote_fe a, uint32_t bit)
{
    mote_fe_limb mask = (mote_fe_limb)(0 - (mote_fe_limb)bit);
    int i;
    for (i = 0; i < FE_LIMBS; i++)
        r[i] = (mote_fe_limb)(r[i] ^ (mask & (r[i] ^ a[i])));
}

uint32_t mote_fe_iszero(const mote_fe a)
{
    uint8_t b[32];
    uint32_t acc = 0;
    int i;
    mote_fe_tobytes(b, a);
    for (i = 0; i < 32; i++)
        acc |= b[i];
    return mote_ct_is_zero32(acc) & 1u;
}

uint32_t mote_fe_isneg(const mote_fe a)
{
    uint8_t b[32];
    mote_fe_tobytes(b, a);
    return b[0] & 1u;
}

/* r = a^e for the exponent that prog (2 bits per step, from the low end,
 * 0 ends) builds from e = 1 (a^e in r, e = 2^l - 1 while it is a run of l
 * ones): 1 doubles the run (r^(2^l) times itself: 2 l ones), 2 and 3
 * square r once or twice and multiply by a (e 2 + 1, e 4 + 1). A run of
 * 250 ones, then the tail, for the same products as the usual chain (249
 * squarings and 12 products for the run). r may alias a. */
static void fe_pow(mote_fe r, const mote_fe a, uint32_t prog)
{
    mote_fe z, t;
    unsigned len = 1, k;
    mote_fe_copy(z, a);
    mote_fe_copy(r, a);
    for (; prog; prog >>= 2) {
        const mote_fe_limb *x = z;
        k = (prog & 3) - 1;
        if (k == 0) {
            mote_fe_copy(t, r);
            x = t;
            k = len;
        }
        len += k;
        while (k-- > 0)
            mote_fe_sqr(r, r);
        mote_fe_mul(r, r, x);
    }
}

/* 250 ones: double, extend, ... (1 2 1 2 1 2 1 2 1 1 2 1 from the low end) */
#define FE_POW_RUN250 0x659999u

void mote_fe_invert(mote_fe r, const mote_fe a)
{
    fe_pow(r, a, FE_POW_RUN250 | 0x2fu << 24); /* then 3 3 2: 2^255 - 32 + 11 = p - 2 */
}

void mote_fe_pow22523(mote_fe r, const mote_fe a)
{
    fe_pow(r, a, FE_POW_RUN250 | 3u << 24); /* then 3: 2^252 - 4 + 1 */
}

#endif
