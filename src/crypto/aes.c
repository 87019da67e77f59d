/* AES-128/256 encryption, constant time: fixsliced bitslicing.
 *
 * Technique: Käsper-Schwabe bitslicing with the "fixslicing" of Adomnicai and
 * Peyrin (2020): ShiftRows is never applied to the state. Round i works on a
 * state that lags the true one by ShiftRows^(i mod 4); MixColumns compensates
 * with rotations that also turn the columns, and the round keys are stored
 * already shifted back by the same amount. Only the last round applies one
 * ShiftRows^2 (10 and 14 are both 2 mod 4). The S-box is the 113-gate
 * circuit of Boyar and Peralta; its four NOTs (the 0x63 constant) are folded
 * into the round keys, since MixColumns maps an all-0x63 state to itself.
 *
 * State: q[i][l], i < 8, l < L: the L words q[i][.] hold bit i of every
 * byte of the MOTE_AES_NB blocks of a pass. Inside a word, the byte at row
 * r, column c of block b sits at bit RB*r + CB*c + b (RB = 4*CB): a row is
 * one RB-bit chunk, so moving rows is a plain rotation. A 64-bit word holds
 * CB = 4 blocks and a pass has L = 2 lanes (8 blocks): every step is a loop
 * over the lanes, which compilers may turn into 128-bit vector code (GCC
 * does at -O2 with SSE2); a 32-bit word holds CB = 2 blocks, one lane.
 *
 * CTR mode caches round 1 (counter-mode caching): within a run of counters
 * that differ only in their last byte, the state after round 1 is a
 * constant C1 plus the contribution of that byte, which MixColumns spreads
 * over the four bytes of one diagonal as s, s, 3s, 2s (s = S(ctr[15] ^
 * k[15])). The s values of up to 16 passes come from one bitsliced S-box
 * evaluation, and those passes start at round 2 without packing their
 * input. The counter is public; no table lookup and no branch depends on
 * key or data.
 *
 * Two builds: by default the rounds are unrolled four at a time, one
 * MixColumns per lag, everything inlined; with MOTE_AES_COMPACT (the
 * default under -Os) one generic MixColumns serves every round. */
#include "mote/aead.h"

#if MOTE_ENABLE_AES

#include <string.h>

#include "crypto/aes.h"
#include "crypto/util.h"

/* The CTR round-1 cache (about 500 bytes of code): on unless compact. */
#ifndef MOTE_AES_CTR_CACHE
#define MOTE_AES_CTR_CACHE (!MOTE_AES_COMPACT)
#endif

/* HOT: inlined into the round loop of the fast build (GCC and Clang). */
#if !MOTE_AES_COMPACT && defined(__GNUC__)
#define HOT inline __attribute__((always_inline))
#else
#define HOT
#endif

typedef mote_aes_word aes_w;

#define NB    MOTE_AES_NB                   /* blocks per pass */
#define WB    (MOTE_AES_WORD64 ? 64u : 32u) /* bits per word */
#define CB    (WB / 16)                     /* blocks per word = bits per column in a row */
#define RB    (4 * CB)                      /* bits per row */
#define L     (NB / CB)                     /* words per slice */
#define LANES (((aes_w)1 << CB) - 1)

#if MOTE_AES_WORD64
#define K(x) ((aes_w)UINT64_C(x))
#define M55  K(0x5555555555555555)
#define M33  K(0x3333333333333333)
#define M0F  K(0x0F0F0F0F0F0F0F0F)
#define ROWS K(0x0001000100010001) /* bit 0 of every row */
#define SR2  K(0x00FF000000FF0000) /* columns 0..1 of rows 1 and 3 */
#else
#define K(x) ((aes_w)UINT32_C(x))
#define M55  K(0x55555555)
#define M33  K(0x33333333)
#define M0F  K(0x0F0F0F0F)
#define ROWS K(0x01010101)
#define SR2  K(0x0F000F00)
#endif

/* Little-endian word load and store (plain copies on little-endian hosts). */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) &&                                 \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline aes_w ld(const uint8_t *p)
{
    aes_w v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void st(uint8_t *p, aes_w v)
{
    memcpy(p, &v, sizeof v);
}
#elif MOTE_AES_WORD64
#define ld mote_load_le64
#define st mote_store_le64
#else
#define ld mote_load_le32
#define st mote_store_le32
#endif

static inline aes_w ror(aes_w x, unsigned n)
{
    return (aes_w)((x >> n) | (x << ((WB - n) & (WB - 1))));
}

/* rot(x): out(r, c) = in(r + rho, c + kappa), rows and columns mod 4: a
 * rotation by whole rows, then by kappa columns inside each row (the
 * columns that wrap come from one row further). */
static inline aes_w rot(aes_w x, unsigned rho, unsigned kappa)
{
    aes_w m = ROWS * ((((aes_w)1 << RB) - 1) >> (kappa * CB)); /* columns < 4 - kappa */
    if (kappa == 0) return ror(x, rho * RB);
    return (ror(x, rho * RB + kappa * CB) & m) | (ror(x, (rho - 1) * RB + kappa * CB) & ~m);
}

static void sub_bytes(aes_w (*q)[L])
{
    unsigned l;

    aes_w x0, x1, x2, x3, x4, x5, x6, x7;
    aes_w y1, y2, y3, y4, y5, y6, y7, y8, y9, y10, y11, y12, y13, y14, y15, y16, y17, y18, y19, y20,
        y21;
    aes_w z0, z1, z2, z3, z4, z5, z6, z7, z8, z9, z10, z11, z12, z13, z14, z15, z16, z17;
    aes_w t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16, t17, t18, t19,
        t20, t21, t22, t23, t24, t25, t26, t27, t28, t29, t30, t31, t32, t33, t34, t35, t36, t37,
        t38, t39, t40, t41, t42, t43, t44, t45, t46, t47, t48, t49, t50, t51, t52, t53, t54, t55,
        t56, t57, t58, t59, t60, t61, t62, t63, t64, t65, t66, t67;

    for (l = 0; l < L; l++) {
        x0 = q[7][l];
        x1 = q[6][l];
        x2 = q[5][l];
        x3 = q[4][l];
        x4 = q[3][l];
        x5 = q[2][l];
        x6 = q[1][l];
        x7 = q[0][l];

        /* top linear layer */
        y14 = x3 ^ x5;
        y13 = x0 ^ x6;
        y9 = x0 ^ x3;
        y8 = x0 ^ x5;
        t0 = x1 ^ x2;
        y1 = t0 ^ x7;
        y4 = y1 ^ x3;
        y12 = y13 ^ y14;
        y2 = y1 ^ x0;
        y5 = y1 ^ x6;
        y3 = y5 ^ y8;
        t1 = x4 ^ y12;
        y15 = t1 ^ x5;
        y20 = t1 ^ x1;
        y6 = y15 ^ x7;
        y10 = y15 ^ t0;
        y11 = y20 ^ y9;
        y7 = x7 ^ y11;
        y17 = y10 ^ y11;
        y19 = y10 ^ y8;
        y16 = t0 ^ y11;
        y21 = y13 ^ y16;
        y18 = x0 ^ y16;

        /* middle non-linear layer: inversion in GF(2^4)^2 */
        t2 = y12 & y15;
        t3 = y3 & y6;
        t4 = t3 ^ t2;
        t5 = y4 & x7;
        t6 = t5 ^ t2;
        t7 = y13 & y16;
        t8 = y5 & y1;
        t9 = t8 ^ t7;
        t10 = y2 & y7;
        t11 = t10 ^ t7;
        t12 = y9 & y11;
        t13 = y14 & y17;
        t14 = t13 ^ t12;
        t15 = y8 & y10;
        t16 = t15 ^ t12;
        t17 = t4 ^ t14;
        t18 = t6 ^ t16;
        t19 = t9 ^ t14;
        t20 = t11 ^ t16;
        t21 = t17 ^ y20;
        t22 = t18 ^ y19;
        t23 = t19 ^ y21;
        t24 = t20 ^ y18;
        t25 = t21 ^ t22;
        t26 = t21 & t23;
        t27 = t24 ^ t26;
        t28 = t25 & t27;
        t29 = t28 ^ t22;
        t30 = t23 ^ t24;
        t31 = t22 ^ t26;
        t32 = t31 & t30;
        t33 = t32 ^ t24;
        t34 = t23 ^ t33;
        t35 = t27 ^ t33;
        t36 = t24 & t35;
        t37 = t36 ^ t34;
        t38 = t27 ^ t36;
        t39 = t29 & t38;
        t40 = t25 ^ t39;
        t41 = t40 ^ t37;
        t42 = t29 ^ t33;
        t43 = t29 ^ t40;
        t44 = t33 ^ t37;
        t45 = t42 ^ t41;
        z0 = t44 & y15;
        z1 = t37 & y6;
        z2 = t33 & x7;
        z3 = t43 & y16;
        z4 = t40 & y1;
        z5 = t29 & y7;
        z6 = t42 & y11;
        z7 = t45 & y17;
        z8 = t41 & y10;
        z9 = t44 & y12;
        z10 = t37 & y3;
        z11 = t33 & y4;
        z12 = t43 & y13;
        z13 = t40 & y5;
        z14 = t29 & y2;
        z15 = t42 & y9;
        z16 = t45 & y14;
        z17 = t41 & y8;

        /* bottom linear layer (NOTs left to the round keys) */
        t46 = z15 ^ z16;
        t47 = z10 ^ z11;
        t48 = z5 ^ z13;
        t49 = z9 ^ z10;
        t50 = z2 ^ z12;
        t51 = z2 ^ z5;
        t52 = z7 ^ z8;
        t53 = z0 ^ z3;
        t54 = z6 ^ z7;
        t55 = z16 ^ z17;
        t56 = z12 ^ t48;
        t57 = t50 ^ t53;
        t58 = z4 ^ t46;
        t59 = z3 ^ t54;
        t60 = t46 ^ t57;
        t61 = z14 ^ t57;
        t62 = t52 ^ t58;
        t63 = t49 ^ t58;
        t64 = z4 ^ t59;
        t65 = t61 ^ t62;
        t66 = z1 ^ t63;
        t67 = t64 ^ t65;

        q[7][l] = t59 ^ t63;
        q[1][l] = t56 ^ t62;
        q[0][l] = t48 ^ t60;
        q[4][l] = t53 ^ t66;
        q[3][l] = t51 ^ t66;
        q[2][l] = t47 ^ t65;
        q[6][l] = t64 ^ q[4][l];
        q[5][l] = t55 ^ t67;
    }
}

#if MOTE_AES_COMPACT
/* MixColumns on a state lagging by ShiftRows^j (see the top comment):
 * out(r,c) = 2 s(r,c) + 3 s(r+1,c+j) + s(r+2,c+2j) + s(r+3,c+3j). With
 * b = R(a), c = a + b (R = rot by one row and j columns), out = 2c + b + R^2(c);
 * 2c takes c7 into bits 0, 1, 3 and 4 (0x1B). */
static void mix_columns(aes_w (*q)[L], unsigned j)
{
    aes_w b[8], c[8];
    unsigned i, l;
    for (l = 0; l < L; l++) {
        for (i = 0; i < 8; i++) {
            b[i] = rot(q[i][l], 1, j);
            c[i] = q[i][l] ^ b[i];
        }
        for (i = 0; i < 8; i++)
            q[i][l] = b[i] ^ (i ? c[i - 1] : 0) ^ ((0x1Bu >> i) & 1 ? c[7] : 0) ^
                      rot(c[i], 2, (2 * j) & 3);
    }
}
#else
/* MixColumns on a state lagging by ShiftRows^j (see the top comment):
 * out(r,c) = 2 s(r,c) + 3 s(r+1,c+j) + s(r+2,c+2j) + s(r+3,c+3j). With
 * b = R(a), c = a + b (R = rot by one row and j columns), out = 2c + b + R^2(c). */
static HOT void mix_columns(aes_w (*q)[L], unsigned j)
{
    aes_w b0, b1, b2, b3, b4, b5, b6, b7, c0, c1, c2, c3, c4, c5, c6, c7;
    unsigned j2 = (2 * j) & 3, l;

    for (l = 0; l < L; l++) {
        b0 = rot(q[0][l], 1, j);
        b1 = rot(q[1][l], 1, j);
        b2 = rot(q[2][l], 1, j);
        b3 = rot(q[3][l], 1, j);
        b4 = rot(q[4][l], 1, j);
        b5 = rot(q[5][l], 1, j);
        b6 = rot(q[6][l], 1, j);
        b7 = rot(q[7][l], 1, j);
        c0 = q[0][l] ^ b0;
        c1 = q[1][l] ^ b1;
        c2 = q[2][l] ^ b2;
        c3 = q[3][l] ^ b3;
        c4 = q[4][l] ^ b4;
        c5 = q[5][l] ^ b5;
        c6 = q[6][l] ^ b6;
        c7 = q[7][l] ^ b7;
        q[0][l] = b0 ^ c7 ^ rot(c0, 2, j2);
        q[1][l] = b1 ^ c0 ^ c7 ^ rot(c1, 2, j2);
        q[2][l] = b2 ^ c1 ^ rot(c2, 2, j2);
        q[3][l] = b3 ^ c2 ^ c7 ^ rot(c3, 2, j2);
        q[4][l] = b4 ^ c3 ^ c7 ^ rot(c4, 2, j2);
        q[5][l] = b5 ^ c4 ^ rot(c5, 2, j2);
        q[6][l] = b6 ^ c5 ^ rot(c6, 2, j2);
        q[7][l] = b7 ^ c6 ^ rot(c7, 2, j2);
    }
}
#endif

/* A round key is 8 words, one per slice: every block of a pass has the same
 * key, so one word serves all L lanes. */
static HOT void add_round_key(aes_w (*q)[L], const aes_w *rk)
{
    unsigned i, l;
    for (i = 0; i < 8; i++)
        for (l = 0; l < L; l++)
            q[i][l] ^= rk[i];
}

/* One round (S-box, MixColumns for lag j, round key). In the fast build j
 * is a constant at every call, so the rotations are by constants. */
static HOT void round_j(aes_w (*q)[L], const aes_w *rk, unsigned j)
{
    sub_bytes(q);
    mix_columns(q, j);
    add_round_key(q, rk);
}

/* The round keys the passes read: a mote_aes_ctx's, or ones expanded from
 * a compact key into a smaller frame (AES-128 needs 11 of the 15). */
typedef struct {
    const aes_w *rk;
    unsigned rounds;
} aes_ks;

/* Round key i, as 8 slices. */
#define RK(ks, i) ((ks)->rk + 8 * (i))

/* A key's rounds: a constant 10 without AES-256, so that what depends on
 * it folds. */
#define ROUNDS(n) (MOTE_ENABLE_AES256 ? (n) : 10u)

/* The last round: the state lags by ShiftRows^2 (nr = 2 mod 4). */
static HOT void last_round(aes_w (*q)[L], const aes_w *rk)
{
    unsigned i, l;
    sub_bytes(q);
    for (i = 0; i < 8; i++)
        for (l = 0; l < L; l++) {
            aes_w t = (q[i][l] ^ (q[i][l] >> 2 * CB)) & SR2;
            q[i][l] ^= rk[i] ^ t ^ (t << 2 * CB);
        }
}

/* Rounds 2 .. nr on the state after round 1. */
static void rounds_from_2(const aes_ks *ks, aes_w (*q)[L])
{
    unsigned nr = ROUNDS(ks->rounds), i;

#if MOTE_AES_COMPACT
    for (i = 2; i < nr; i++)
        round_j(q, RK(ks, i), i & 3);
#else
    /* lags 2, 3, 0, 1, ...; nr - 1 = 1 mod 4 */
    for (i = 2; i < nr; i += 4) {
        round_j(q, RK(ks, i), 2);
        round_j(q, RK(ks, i + 1), 3);
        round_j(q, RK(ks, i + 2), 0);
        round_j(q, RK(ks, i + 3), 1);
    }
#endif
    last_round(q, RK(ks, nr));
}

/* Exchange a's bits at p + s with b's bits at p, for every p in m. */
#define SWAP2(a, b, s, m)                                                                          \
    do {                                                                                           \
        aes_w t_ = (((a) >> (s)) ^ (b)) & (m);                                                     \
        (b) ^= t_;                                                                                 \
        (a) ^= t_ << (s);                                                                          \
    } while (0)

#if MOTE_AES_WORD64
/* Swap x's bits at positions p and p + s, for every p in m. */
static inline aes_w swap_in(aes_w x, unsigned s, aes_w m)
{
    aes_w t = (x ^ (x >> s)) & m;
    return x ^ t ^ (t << s);
}
#endif

/* The three exchanges that turn "word = (block, column) bits, bit = byte
 * bit" into "word = byte bit, bit = (block, column) bits", on lane l; an
 * involution. */
static void ortho(aes_w (*q)[L], unsigned l)
{
#if MOTE_AES_COMPACT
    static const aes_w m[3] = {M55, M33, M0F};
    unsigned k, i;
    for (k = 0; k < 3; k++)
        for (i = 0; i < 8; i++)
            if (!(i >> k & 1)) SWAP2(q[i][l], q[i + (1u << k)][l], 1u << k, m[k]);
#else
    SWAP2(q[0][l], q[1][l], 1, M55);
    SWAP2(q[2][l], q[3][l], 1, M55);
    SWAP2(q[4][l], q[5][l], 1, M55);
    SWAP2(q[6][l], q[7][l], 1, M55);
    SWAP2(q[0][l], q[2][l], 2, M33);
    SWAP2(q[1][l], q[3][l], 2, M33);
    SWAP2(q[4][l], q[6][l], 2, M33);
    SWAP2(q[5][l], q[7][l], 2, M33);
    SWAP2(q[0][l], q[4][l], 4, M0F);
    SWAP2(q[1][l], q[5][l], 4, M0F);
    SWAP2(q[2][l], q[6][l], 4, M0F);
    SWAP2(q[3][l], q[7][l], 4, M0F);
#endif
}

/* Load the NB blocks at in into the bitsliced representation. */
static void pack(aes_w (*q)[L], const uint8_t *in)
{
    unsigned b, l;
    for (l = 0; l < L; l++, in += 16 * CB) {
#if MOTE_AES_WORD64
        /* q[b + 4 c0] = column c0 | column c0 + 2 << 32, bytes then
         * reordered from (c1 r1 r0) to (r1 r0 c1): rows end up outermost */
        for (b = 0; b < 4; b++) {
            aes_w lo = ld(in + 16 * b), hi = ld(in + 16 * b + 8);
            SWAP2(lo, hi, 32, K(0x00000000FFFFFFFF));
            q[b][l] = swap_in(swap_in(lo, 16, K(0x00000000FFFF0000)), 8, K(0x0000FF000000FF00));
            q[b + 4][l] = swap_in(swap_in(hi, 16, K(0x00000000FFFF0000)), 8, K(0x0000FF000000FF00));
        }
#else
        /* q[b + 2 c] = column c of block b */
        for (b = 0; b < 2; b++) {
            q[b][l] = ld(in + 16 * b);
            q[b + 2][l] = ld(in + 16 * b + 4);
            q[b + 4][l] = ld(in + 16 * b + 8);
            q[b + 6][l] = ld(in + 16 * b + 12);
        }
#endif
        ortho(q, l);
    }
}

/* The inverse of pack; the NB blocks are XORed with x (when x is not NULL)
 * and written to out. q is destroyed. */
static void unpack_xor(aes_w (*q)[L], const uint8_t *x, uint8_t *out)
{
    unsigned b, l;
    for (l = 0; l < L; l++, out += 16 * CB, x = x ? x + 16 * CB : x) {
        ortho(q, l);
#if MOTE_AES_WORD64
        for (b = 0; b < 4; b++) {
            aes_w lo =
                swap_in(swap_in(q[b][l], 8, K(0x0000FF000000FF00)), 16, K(0x00000000FFFF0000));
            aes_w hi =
                swap_in(swap_in(q[b + 4][l], 8, K(0x0000FF000000FF00)), 16, K(0x00000000FFFF0000));
            SWAP2(lo, hi, 32, K(0x00000000FFFFFFFF));
            if (x) {
                lo ^= ld(x + 16 * b);
                hi ^= ld(x + 16 * b + 8);
            }
            st(out + 16 * b, lo);
            st(out + 16 * b + 8, hi);
        }
#else
        for (b = 0; b < 8; b++) {
            aes_w v = q[(b >> 2) + 2 * (b & 3)][l];
            if (x) v ^= ld(x + 4 * b);
            st(out + 4 * b, v);
        }
#endif
    }
}

/* The NB blocks at in, encrypted to out (XORed with x first when x is not
 * NULL: CTR). q is the caller's scratch state (it wipes it once, at the
 * end). */
static void encrypt_pass(const aes_ks *ks, aes_w (*q)[L], const uint8_t *in, const uint8_t *x,
                         uint8_t *out)
{
    pack(q, in);
    add_round_key(q, RK(ks, 0));
    round_j(q, RK(ks, 1), 1);
    rounds_from_2(ks, q);
    unpack_xor(q, x, out);
}

/* SubWord: the S-box on the four bytes of w (byte k = bits 8k..8k+7),
 * through the bitsliced circuit: slice i gets bit i of byte k at bit k. */
static uint32_t sub_word(uint32_t w)
{
    aes_w q[8][L];
    uint32_t v = 0, x;
    unsigned i;
    memset(q, 0, sizeof q);
    for (i = 0; i < 8; i++) {
        x = (w >> i) & 0x01010101u; /* bit i of each byte, at 0, 8, 16, 24 */
        q[i][0] = (x | x >> 7 | x >> 14 | x >> 21) & 0xF;
    }
    sub_bytes(q);
    for (i = 0; i < 8; i++) {
        x = (uint32_t)q[i][0] & 0xF;
        v |= ((x | x << 7 | x << 14 | x << 21) & 0x01010101u) << i;
    }
    mote_wipe(q, sizeof q);
    return v ^ 0x63636363u;
}

/* The compact key keeps each slice of each round key as the bits of one
 * block: a slice word holds block b of (row r, column c) at bit
 * RB r + CB c + b, so block 0's bits sit every CB bits (mask B0), and CB
 * consecutive slices share one word, slice s shifted left by s. Expanding
 * is a shift, a mask and a copy of block 0 into the other CB - 1 blocks. */
#if MOTE_AES_WORD64
#define B0 K(0x1111111111111111)
#else
#define B0 K(0x55555555)
#endif

int mote_aes_ckey_init(mote_aes_ckey *ck, const uint8_t *key, size_t key_len)
{
    uint32_t ek[4 * MOTE_AES_MAX_RK], rcon = 1;
#if !MOTE_AES_COMPACT
    uint8_t blk[16 * NB];
    aes_w q[8][L];
#endif
    unsigned nk, nr, i, j;

    if (key_len == 24 || (key_len == 32 && !MOTE_ENABLE_AES256)) return MOTE_ERR_UNSUPPORTED;
    if (key_len != 16 && key_len != 32) return MOTE_ERR_BAD_INPUT;
    nk = MOTE_ENABLE_AES256 ? (unsigned)key_len / 4 : 4;
    nr = nk + 6;
    memset(ck, 0, sizeof *ck);
    ck->rounds = nr;

    /* FIPS-197 key expansion on little-endian words (RotWord: a right
     * rotation by 8) */
    for (i = 0; i < 4 * (nr + 1); i++) {
        uint32_t t;
        if (i < nk) {
            ek[i] = mote_load_le32(key + 4 * i);
            continue;
        }
        t = ek[i - 1];
        if ((i & (nk - 1)) == 0) { /* nk is 4 or 8 */
            t = sub_word((t >> 8) | (t << 24)) ^ rcon;
            rcon = (rcon << 1) ^ (0x11b & (0u - (rcon >> 7)));
        } else if (nk > 6 && (i & 7) == 4) {
            t = sub_word(t);
        }
        ek[i] = ek[i - nk] ^ t;
    }

    /* Bitslice each round key (block 0 of a pass), shifted back by the lag
     * of its round (ShiftRows^-n: byte (r, c) from (r, c + n r)) and with
     * the S-box constant 0x63 (bits 0, 1, 5, 6) folded in. */
#if MOTE_AES_COMPACT
    /* bit s of byte (r, c) goes straight to slice s at bit RB r + CB c
     * (where pack would put block 0's byte), no pack */
    for (i = 0; i <= nr; i++) {
        unsigned n = i > 0 && i < nr ? (4 - (i & 3)) & 3 : 0;
        for (j = 0; j < 16; j++) {
            unsigned r = j & 3, c = j >> 2, s, k;
            unsigned v = (ek[4 * i + ((c + n * r) & 3)] >> (8 * r) ^ (i > 0 ? 0x63u : 0)) & 0xFF;
            for (s = 0; s < 8; s++) {
                k = 8 * i + s;
                ck->ck[k / CB] |= (aes_w)((v >> s) & 1) << (RB * r + CB * c + k % CB);
            }
        }
    }
#else
    memset(blk, 0, sizeof blk);
    for (i = 0; i <= nr; i++) {
        unsigned n = i > 0 && i < nr ? (4 - (i & 3)) & 3 : 0;
        for (j = 0; j < 16; j++) {
            unsigned r = j & 3, at = 4 * ((j / 4 + n * r) & 3) + r;
            blk[j] = (uint8_t)(ek[4 * i + at / 4] >> (8 * (at & 3)));
        }
        pack(q, blk);
        for (j = 0; j < 8; j++) {
            aes_w v = q[j][0] ^ (i > 0 && ((0x63u >> j) & 1) ? ~(aes_w)0 : 0);
            ck->ck[(8 * i + j) / CB] |= (v & B0) << ((8 * i + j) % CB);
        }
    }
    mote_wipe(blk, sizeof blk);
    mote_wipe(q, sizeof q);
#endif
    mote_wipe(ek, sizeof ek);
    return MOTE_OK;
}

/* Slice k of compact word x, block 0 copied into blocks 1 .. CB - 1. */
static inline aes_w spread(aes_w x, unsigned k)
{
    aes_w v = (x >> k) & B0;
    v |= v << 1;
#if MOTE_AES_WORD64
    v |= v << 2;
#endif
    return v;
}

/* rk: room for the key's rounds + 1 round keys. */
static void ckey_expand(const mote_aes_ckey *ck, aes_w *rk)
{
    unsigned w, n = 8 * (ROUNDS(ck->rounds) + 1) / CB;
    for (w = 0; w < n; w++, rk += CB) {
        aes_w x = ck->ck[w];
        rk[0] = spread(x, 0);
        rk[1] = spread(x, 1);
#if MOTE_AES_WORD64
        rk[2] = spread(x, 2);
        rk[3] = spread(x, 3);
#endif
    }
}

void mote_aes_ckey_expand(const mote_aes_ckey *ck, mote_aes_ctx *ctx)
{
    ctx->rounds = ck->rounds;
    ckey_expand(ck, ctx->rk);
}

int mote_aes_init(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len)
{
    mote_aes_ckey ck;
    int rc = mote_aes_ckey_init(&ck, key, key_len);
    if (rc == MOTE_OK) mote_aes_ckey_expand(&ck, ctx);
    mote_wipe(&ck, sizeof ck);
    return rc;
}

void mote_aes_encrypt_blocks(const mote_aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t n)
{
    aes_ks k = {ctx->rk, ctx->rounds}, *ks = &k;
    aes_w q[8][L];
    uint8_t tmp[16 * NB];

    for (; n >= NB; n -= NB, in += 16 * NB, out += 16 * NB)
        encrypt_pass(ks, q, in, NULL, out);
    if (n) {
        memset(tmp, 0, sizeof tmp);
        memcpy(tmp, in, 16 * n);
        encrypt_pass(ks, q, tmp, NULL, tmp);
        memcpy(out, tmp, 16 * n);
        mote_wipe(tmp, sizeof tmp);
    }
    mote_wipe(q, sizeof q);
}

/* ---- CTR with the round-1 cache ---- */

#if MOTE_AES_CTR_CACHE

#define DIAG  (5 * CB)           /* from byte (r, r) to byte (r+1, r+1) */
#define POS33 (LANES << 15 * CB) /* the bytes (3, 3) of all blocks */
#define CHUNK (WB * L)           /* counters per cache evaluation */

/* c1 = the state after round 1 of counter blocks blk (NB copies of the
 * counter block; only bytes 0..14 matter), without the contribution of
 * byte 15 (see the top comment). */
static void ctr_c1(const aes_ks *ks, const uint8_t *blk, aes_w (*c1)[L])
{
    unsigned i, l;
    pack(c1, blk);
    add_round_key(c1, RK(ks, 0));
    sub_bytes(c1);
    for (i = 0; i < 8; i++)
        for (l = 0; l < L; l++)
            c1[i][l] &= ~POS33;
    mix_columns(c1, 1);
    add_round_key(c1, RK(ks, 1));
}

/* For the counters whose last byte is lo + WB l + j (j < WB, lane l):
 * y = S(that byte ^ k15) without the 0x63 (bit j of y[i][l] = bit i of the
 * byte). lo is public; k15, the last key byte, is read from round key 0. */
static void ctr_diag(const aes_ks *ks, unsigned lo, aes_w (*y)[L], aes_w (*t2)[L])
{
    /* bit j of jb[i] = bit i of j */
    static const aes_w jb[6] = {
#if MOTE_AES_WORD64
        K(0xAAAAAAAAAAAAAAAA),
        K(0xCCCCCCCCCCCCCCCC),
        K(0xF0F0F0F0F0F0F0F0),
        K(0xFF00FF00FF00FF00),
        K(0xFFFF0000FFFF0000),
        K(0xFFFFFFFF00000000),
#else
        K(0xAAAAAAAA),
        K(0xCCCCCCCC),
        K(0xF0F0F0F0),
        K(0xFF00FF00),
        K(0xFFFF0000),
        0,
#endif
    };
    unsigned i, l;

    /* bitsliced lo + WB l + j, then XOR the key byte */
    for (l = 0; l < L; l++) {
        unsigned base = lo + (unsigned)WB * l;
        aes_w carry = 0;
        for (i = 0; i < 8; i++) {
            aes_w a = i < 6 ? jb[i] : 0, b = (aes_w)0 - ((base >> i) & 1);
            aes_w k = (aes_w)0 - ((RK(ks, 0)[i] >> 15 * CB) & 1);
            y[i][l] = a ^ b ^ carry ^ k;
            carry = (a & b) | (carry & (a ^ b));
        }
    }
    sub_bytes(y);
    for (l = 0; l < L; l++) {
        t2[0][l] = y[7][l];
        t2[1][l] = y[0][l] ^ y[7][l];
        t2[2][l] = y[1][l];
        t2[3][l] = y[2][l] ^ y[7][l];
        t2[4][l] = y[3][l] ^ y[7][l];
        t2[5][l] = y[4][l];
        t2[6][l] = y[5][l];
        t2[7][l] = y[6][l];
    }
}
#endif

#if MOTE_AES_CTR_CACHE
/* out = in XOR ks, n bytes (in may equal out). */
static void xor_ks(uint8_t *out, const uint8_t *in, const uint8_t *ks, size_t n)
{
    size_t i = 0;
    for (; i + sizeof(aes_w) <= n; i += sizeof(aes_w))
        st(out + i, ld(in + i) ^ ld(ks + i));
    for (; i < n; i++)
        out[i] = in[i] ^ ks[i];
}
#endif

#if MOTE_AES_CTR_CACHE
/* The passes from counter *cp on whose blocks differ only in their last
 * byte, from one round-1 state: while a whole pass is left and the last
 * byte does not wrap. blk: NB copies of the counter block (bytes 0..11);
 * q: the caller's scratch state.
 * Returns the bytes done. Its own frame (four states), kept out of ctr32's
 * so that short messages (handshake records) do not pay for it. */
static MOTE_NOINLINE size_t ctr_cached(const aes_ks *ks, aes_w (*q)[L], uint8_t *blk, uint32_t *cp,
                                       const uint8_t *in, uint8_t *out, size_t len)
{
    aes_w c1[8][L], y[8][L], t2[8][L];
    uint32_t c = *cp;
    size_t done = 0;
    unsigned b, i, l, m, k;

    for (b = 0; b < NB; b++)
        mote_store_be32(blk + 16 * b + 12, c);
    ctr_c1(ks, blk, c1);
    while (len - done >= 16 * NB && (c & 0xFF) + NB <= 256 && (c >> 8) == (*cp >> 8)) {
        unsigned lo = c & 0xFF;
        /* up to CHUNK / NB passes from one S-box evaluation */
        k = (256 - lo) / NB;
        if (k > CHUNK / NB) k = CHUNK / NB;
        if (k > (len - done) / (16 * NB)) k = (unsigned)((len - done) / (16 * NB));
        ctr_diag(ks, lo, y, t2);
        for (m = 0; m < k; m++) {
            for (l = 0; l < L; l++) {
                unsigned at = NB * m + CB * l, w = at / WB, sh = at % WB;
                for (i = 0; i < 8; i++) {
                    aes_w s = (y[i][w] >> sh) & LANES;
                    aes_w d = (t2[i][w] >> sh) & LANES;
                    q[i][l] = c1[i][l] ^ s ^ (s << DIAG) ^ ((d ^ s) << 2 * DIAG) ^ (d << 3 * DIAG);
                }
            }
            rounds_from_2(ks, q);
            unpack_xor(q, in + done, out + done);
            done += 16 * NB;
        }
        c += NB * k;
    }
    *cp = c;
    mote_wipe(c1, sizeof c1);
    mote_wipe(y, sizeof y);
    mote_wipe(t2, sizeof t2);
    return done;
}
#endif

/* CTR from counter block ctr. When ks0 is not NULL, the keystream of the
 * first counter block goes to ks0 instead (GCM's tag mask AES_K(J0)) and
 * the data starts with the second, in the same first pass. */
#if MOTE_AES_CTR_CACHE
static void ctr32(const aes_ks *ks, uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t len,
                  uint8_t *ks0)
{
    aes_w q[8][L];
    uint8_t blk[16 * NB];
    uint32_t c = mote_load_be32(ctr + 12);
    unsigned b;

    for (b = 0; b < NB; b++)
        memcpy(blk + 16 * b, ctr, 12);
    if (ks0) {
        size_t n = len < 16 * NB - 16 ? len : 16 * NB - 16;
        for (b = 0; b < NB; b++)
            mote_store_be32(blk + 16 * b + 12, c + b);
        encrypt_pass(ks, q, blk, NULL, blk);
        memcpy(ks0, blk, 16);
        xor_ks(out, in, blk + 16, n);
        c += (uint32_t)(1 + (n + 15) / 16);
        in += n;
        out += n;
        len -= n;
        for (b = 0; b < NB; b++) /* the pass overwrote them */
            memcpy(blk + 16 * b, ctr, 12);
    }
    while (len > 0) {
#if MOTE_AES_CTR_CACHE
        /* a round-1 state pays from two passes on */
        if (len >= 2 * 16 * NB && (c & 0xFF) + NB <= 256) {
            size_t done = ctr_cached(ks, q, blk, &c, in, out, len);
            in += done;
            out += done;
            len -= done;
            continue;
        }
#endif
        for (b = 0; b < NB; b++)
            mote_store_be32(blk + 16 * b + 12, c + b);
        if (len >= 16 * NB) {
            encrypt_pass(ks, q, blk, in, out);
            c += NB;
            in += 16 * NB;
            out += 16 * NB;
            len -= 16 * NB;
        } else {
            encrypt_pass(ks, q, blk, NULL, blk);
            xor_ks(out, in, blk, len);
            c += (uint32_t)((len + 15) / 16);
            len = 0;
        }
    }
    mote_store_be32(ctr + 12, c);
    mote_wipe(q, sizeof q);
    mote_wipe(blk, sizeof blk);
}
#else
/* The compact form: one loop; a pass that is not all data (the last, or
 * the first when its first block goes to ks0) goes through blk. Returns
 * the next counter, which only mote_aes_ctr32 writes back to ctr (the
 * other callers' counter blocks are their own copies). */
static uint32_t ctr32(const aes_ks *ks, const uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                      size_t len, uint8_t *ks0)
{
    aes_w q[8][L];
    uint8_t blk[16 * NB];
    uint32_t c = mote_load_be32(ctr + 12);
    size_t skip = ks0 ? 16 : 0, n, i, fill = 1;
    while (len > 0 || skip) {
        if (fill) /* blk holds keystream after a pass through it */
            for (i = 0; i < 16 * NB; i++)
                blk[i] = ctr[i & 15];
        for (i = 0; i < NB; i++)
            mote_store_be32(blk + 16 * i + 12, c + (uint32_t)i);
        n = 16 * NB - skip < len ? 16 * NB - skip : len;
        fill = n != 16 * NB;
        if (!fill) { /* a whole pass of data */
            encrypt_pass(ks, q, blk, in, out);
        } else {
            encrypt_pass(ks, q, blk, NULL, blk);
            if (skip) memcpy(ks0, blk, 16);
            for (i = 0; i < n; i++)
                out[i] = in[i] ^ blk[skip + i];
        }
        c += (uint32_t)((skip + n + 15) / 16);
        skip = 0;
        in += n;
        out += n;
        len -= n;
    }
    mote_wipe(q, sizeof q);
    mote_wipe(blk, sizeof blk);
    return c;
}
#endif

void mote_aes_ctr32(const mote_aes_ctx *ctx, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                    size_t len)
{
    aes_ks ks = {ctx->rk, ctx->rounds};
#if MOTE_AES_COMPACT
    mote_store_be32(ctr + 12, ctr32(&ks, ctr, in, out, len, NULL));
#else
    ctr32(&ks, ctr, in, out, len, NULL);
#endif
}

#if MOTE_ENABLE_GCM || MOTE_AES_COMPACT
/* The round keys of a compact key in a frame sized for its rounds: an
 * AES-128 key (every TLS_AES_128_* record) does not pay for AES-256's four
 * extra round keys. */
#define CKEY_CTR(name, nrk)                                                                        \
    MOTE_NOINLINE void name(const mote_aes_ckey *ck, const uint8_t *iv, size_t iv_len,             \
                            const uint8_t *in, uint8_t *out, size_t len, uint8_t *ks0)             \
    {                                                                                              \
        aes_w rk[8 * (nrk)];                                                                       \
        aes_ks ks = {rk, ck->rounds};                                                              \
        uint8_t ctr[16];                                                                           \
        memcpy(ctr, iv, iv_len);                                                                   \
        if (iv_len == 12) mote_store_be32(ctr + 12, 1); /* GCM's J0 */                             \
        ckey_expand(ck, rk);                                                                       \
        ctr32(&ks, ctr, in, out, len, ks0);                                                        \
        mote_wipe(rk, sizeof rk);                                                                  \
    }
#if MOTE_AES_COMPACT && !MOTE_ENABLE_AES256
/* every key has 10 rounds: the frame is mote_aes_ckey_ctr itself (aes.h) */
CKEY_CTR(mote_aes_ckey_ctr, 11)
#else
static CKEY_CTR(ckey_ctr128, 11)
#if MOTE_ENABLE_AES256
    static CKEY_CTR(ckey_ctr256, 15)
#else
#define ckey_ctr256 ckey_ctr128 /* (never called: every key has 10 rounds) */
#endif
#endif

/* ctr32 with a compact key from counter block iv (16 bytes) or from GCM's
 * J0 = iv || 1 (iv_len 12): a macro, not a frame of its own, and the
 * counter block in the ckey_ctrN frame (the record path's stack). */
#define CKEY_CTR_CALL(ck, iv, iv_len, in, out, len, ks0)                                           \
    do {                                                                                           \
        if (ROUNDS((ck)->rounds) == 10)                                                            \
            ckey_ctr128(ck, iv, iv_len, in, out, len, ks0);                                        \
        else                                                                                       \
            ckey_ctr256(ck, iv, iv_len, in, out, len, ks0);                                        \
    } while (0)
#endif

#if MOTE_AES_COMPACT
#if MOTE_ENABLE_AES256
/* (mote_aes_ckey_encrypt_block and mote_aes_ckey_gcm_ctr are macros over
 * this, aes.h) */
void mote_aes_ckey_ctr(const mote_aes_ckey *ck, const uint8_t *iv, size_t iv_len, const uint8_t *in,
                       uint8_t *out, size_t len, uint8_t *ks0)
{
    CKEY_CTR_CALL(ck, iv, iv_len, in, out, len, ks0);
}
#endif
#else
/* Each round key expanded as it is used: a small frame (GCM's key setup
 * sits deep in handshakes). */
/* Round key i of a compact key, expanded. */
static void ck_round(const mote_aes_ckey *ck, unsigned i, aes_w *rk)
{
    unsigned k;
    for (k = 0; k < 8; k++)
        rk[k] = spread(ck->ck[(8 * i + k) / CB], (8 * i + k) % CB);
}

void mote_aes_ckey_encrypt_block(const mote_aes_ckey *ck, const uint8_t in[16], uint8_t out[16])
{
    aes_w q[8][L], rk[8];
    uint8_t blk[16 * NB];
    unsigned i, nr = ROUNDS(ck->rounds);

    memset(blk, 0, sizeof blk);
    memcpy(blk, in, 16);
    pack(q, blk);
    ck_round(ck, 0, rk);
    add_round_key(q, rk);
    for (i = 1; i < nr; i++) {
        ck_round(ck, i, rk);
        round_j(q, rk, i & 3);
    }
    ck_round(ck, nr, rk);
    last_round(q, rk);
    unpack_xor(q, NULL, blk);
    memcpy(out, blk, 16);
    mote_wipe(q, sizeof q);
    mote_wipe(rk, sizeof rk);
    mote_wipe(blk, sizeof blk);
}
#endif

#if MOTE_ENABLE_GCM
/* ctr = J0 = nonce || 1. */
static void gcm_j0(uint8_t ctr[16], const uint8_t nonce[12])
{
    memcpy(ctr, nonce, 12);
    mote_store_be32(ctr + 12, 1);
}

void mote_aes_gcm_ctr(const mote_aes_ctx *ctx, const uint8_t nonce[12], const uint8_t *in,
                      uint8_t *out, size_t len, uint8_t ej0[16])
{
    aes_ks ks = {ctx->rk, ctx->rounds};
    uint8_t ctr[16];
    gcm_j0(ctr, nonce);
    ctr32(&ks, ctr, in, out, len, ej0);
}

#if !MOTE_AES_COMPACT
void mote_aes_ckey_gcm_ctr(const mote_aes_ckey *ck, const uint8_t nonce[12], const uint8_t *in,
                           uint8_t *out, size_t len, uint8_t ej0[16])
{
    CKEY_CTR_CALL(ck, nonce, 12, in, out, len, ej0);
}
#endif
#endif

void mote_aead_mask(uint8_t *buf, size_t len, uint32_t ok)
{
    aes_w m = (aes_w)0 - (aes_w)ok, w;
#if MOTE_AES_COMPACT
    (void)w; /* byte by byte: a few instructions a byte next to AES's hundreds */
#else
    while (len >= sizeof w) {
        memcpy(&w, buf, sizeof w);
        w &= m;
        memcpy(buf, &w, sizeof w);
        buf += sizeof w;
        len -= sizeof w;
    }
#endif
    while (len--) {
        *buf = (uint8_t)(*buf & m);
        buf++;
    }
}

#endif
