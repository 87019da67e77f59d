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
 * State: eight words q[0..7]; q[i] holds bit i of every byte of MOTE_AES_NB
 * blocks. Inside a word, the byte at row r, column c of block b sits at bit
 * RB*r + CB*c + b (CB = NB, RB = 4*CB): a row is one RB-bit chunk, so moving
 * rows is a plain rotation. 64-bit words carry 4 blocks, 32-bit words 2.
 * No table lookup and no branch depends on key or data. */
#include "mote/aead.h"

#if MOTE_ENABLE_AES

#include <string.h>

#include "crypto/aes.h"
#include "crypto/util.h"

#define NB MOTE_AES_NB         /* blocks per bitsliced pass */
#define CB NB                  /* bits per column inside a row */
#define RB (4 * CB)            /* bits per row */
#define WB (8 * sizeof(aes_w)) /* bits per word */

typedef mote_aes_word aes_w;

#if MOTE_AES_WORD64
#define K(x)  ((aes_w)UINT64_C(x))
#define M55   K(0x5555555555555555)
#define M33   K(0x3333333333333333)
#define M0F   K(0x0F0F0F0F0F0F0F0F)
#define COLS3 K(0x0FFF0FFF0FFF0FFF) /* columns 0..2 of every row */
#define COLS2 K(0x00FF00FF00FF00FF) /* columns 0..1 */
#define COLS1 K(0x000F000F000F000F) /* column 0 */
#define SR2   K(0x00FF000000FF0000) /* columns 0..1 of rows 1 and 3 */
#else
#define K(x)  ((aes_w)UINT32_C(x))
#define M55   K(0x55555555)
#define M33   K(0x33333333)
#define M0F   K(0x0F0F0F0F)
#define COLS3 K(0x3F3F3F3F)
#define COLS2 K(0x0F0F0F0F)
#define COLS1 K(0x03030303)
#define SR2   K(0x0F000F00)
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
    return (aes_w)((x >> n) | (x << (WB - n)));
}

/* rot(x): out(r, c) = in(r + rho, c + kappa), rows and columns mod 4. */
static inline aes_w rot(aes_w x, unsigned rho, unsigned kappa)
{
    aes_w m;
    if (kappa == 0) return ror(x, rho * RB);
    m = kappa == 1 ? COLS3 : kappa == 2 ? COLS2 : COLS1;
    return (ror(x, rho * RB + kappa * CB) & m) | (ror(x, (rho - 1) * RB + kappa * CB) & ~m);
}

/* S-box on the eight slices (Boyar-Peralta, without the four NOTs). */
static void sub_bytes(aes_w *q)
{
    aes_w x0, x1, x2, x3, x4, x5, x6, x7;
    aes_w y1, y2, y3, y4, y5, y6, y7, y8, y9, y10, y11, y12, y13, y14, y15, y16, y17, y18, y19, y20,
        y21;
    aes_w z0, z1, z2, z3, z4, z5, z6, z7, z8, z9, z10, z11, z12, z13, z14, z15, z16, z17;
    aes_w t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16, t17, t18, t19,
        t20, t21, t22, t23, t24, t25, t26, t27, t28, t29, t30, t31, t32, t33, t34, t35, t36, t37,
        t38, t39, t40, t41, t42, t43, t44, t45, t46, t47, t48, t49, t50, t51, t52, t53, t54, t55,
        t56, t57, t58, t59, t60, t61, t62, t63, t64, t65, t66, t67;

    x0 = q[7];
    x1 = q[6];
    x2 = q[5];
    x3 = q[4];
    x4 = q[3];
    x5 = q[2];
    x6 = q[1];
    x7 = q[0];

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

    q[7] = t59 ^ t63;
    q[1] = t56 ^ t62;
    q[0] = t48 ^ t60;
    q[4] = t53 ^ t66;
    q[3] = t51 ^ t66;
    q[2] = t47 ^ t65;
    q[6] = t64 ^ q[4];
    q[5] = t55 ^ t67;
}

/* MixColumns on a state lagging by ShiftRows^j (see the top comment):
 * out(r,c) = 2 s(r,c) + 3 s(r+1,c+j) + s(r+2,c+2j) + s(r+3,c+3j). With
 * b = R(a), c = a + b (R = rot by one row and j columns), out = 2c + b + R^2(c).
 * One function per j, so that every rotation is by constants. */
#define MIX_COLUMNS(name, j)                                                                       \
    static void name(aes_w *q)                                                                     \
    {                                                                                              \
        aes_w b0, b1, b2, b3, b4, b5, b6, b7, c0, c1, c2, c3, c4, c5, c6, c7;                      \
        b0 = rot(q[0], 1, j);                                                                      \
        b1 = rot(q[1], 1, j);                                                                      \
        b2 = rot(q[2], 1, j);                                                                      \
        b3 = rot(q[3], 1, j);                                                                      \
        b4 = rot(q[4], 1, j);                                                                      \
        b5 = rot(q[5], 1, j);                                                                      \
        b6 = rot(q[6], 1, j);                                                                      \
        b7 = rot(q[7], 1, j);                                                                      \
        c0 = q[0] ^ b0;                                                                            \
        c1 = q[1] ^ b1;                                                                            \
        c2 = q[2] ^ b2;                                                                            \
        c3 = q[3] ^ b3;                                                                            \
        c4 = q[4] ^ b4;                                                                            \
        c5 = q[5] ^ b5;                                                                            \
        c6 = q[6] ^ b6;                                                                            \
        c7 = q[7] ^ b7;                                                                            \
        q[0] = b0 ^ c7 ^ rot(c0, 2, (2 * j) & 3);                                                  \
        q[1] = b1 ^ c0 ^ c7 ^ rot(c1, 2, (2 * j) & 3);                                             \
        q[2] = b2 ^ c1 ^ rot(c2, 2, (2 * j) & 3);                                                  \
        q[3] = b3 ^ c2 ^ c7 ^ rot(c3, 2, (2 * j) & 3);                                             \
        q[4] = b4 ^ c3 ^ c7 ^ rot(c4, 2, (2 * j) & 3);                                             \
        q[5] = b5 ^ c4 ^ rot(c5, 2, (2 * j) & 3);                                                  \
        q[6] = b6 ^ c5 ^ rot(c6, 2, (2 * j) & 3);                                                  \
        q[7] = b7 ^ c6 ^ rot(c7, 2, (2 * j) & 3);                                                  \
    }
MIX_COLUMNS(mix_columns_0, 0u)
MIX_COLUMNS(mix_columns_1, 1u)
MIX_COLUMNS(mix_columns_2, 2u)
MIX_COLUMNS(mix_columns_3, 3u)

static inline void add_round_key(aes_w *q, const aes_w *rk)
{
    q[0] ^= rk[0];
    q[1] ^= rk[1];
    q[2] ^= rk[2];
    q[3] ^= rk[3];
    q[4] ^= rk[4];
    q[5] ^= rk[5];
    q[6] ^= rk[6];
    q[7] ^= rk[7];
}

/* Swap x's bits at positions p and p + s, for every p in m. */
static inline aes_w swap_in(aes_w x, unsigned s, aes_w m)
{
    aes_w t = (x ^ (x >> s)) & m;
    return x ^ t ^ (t << s);
}

/* Exchange a's bits at p + s with b's bits at p, for every p in m. */
#define SWAP2(a, b, s, m)                                                                          \
    do {                                                                                           \
        aes_w t_ = (((a) >> (s)) ^ (b)) & (m);                                                     \
        (b) ^= t_;                                                                                 \
        (a) ^= t_ << (s);                                                                          \
    } while (0)

/* The three exchanges that turn "word = (block, column) bits, bit = byte
 * bit" into "word = byte bit, bit = (block, column) bits"; an involution. */
static void ortho(aes_w *q)
{
    SWAP2(q[0], q[1], 1, M55);
    SWAP2(q[2], q[3], 1, M55);
    SWAP2(q[4], q[5], 1, M55);
    SWAP2(q[6], q[7], 1, M55);
    SWAP2(q[0], q[2], 2, M33);
    SWAP2(q[1], q[3], 2, M33);
    SWAP2(q[4], q[6], 2, M33);
    SWAP2(q[5], q[7], 2, M33);
    SWAP2(q[0], q[4], 4, M0F);
    SWAP2(q[1], q[5], 4, M0F);
    SWAP2(q[2], q[6], 4, M0F);
    SWAP2(q[3], q[7], 4, M0F);
}

/* Load NB blocks into the bitsliced representation. */
static void pack(aes_w *q, const uint8_t *in)
{
    unsigned b;
#if MOTE_AES_WORD64
    /* q[b + 4 c0] = column c0 | column c0 + 2 << 32, bytes then reordered
     * from (c1 r1 r0) to (r1 r0 c1) so that rows end up outermost. */
    for (b = 0; b < 4; b++) {
        aes_w lo = ld(in + 16 * b), hi = ld(in + 16 * b + 8);
        SWAP2(lo, hi, 32, K(0x00000000FFFFFFFF));
        q[b] = swap_in(swap_in(lo, 16, K(0x00000000FFFF0000)), 8, K(0x0000FF000000FF00));
        q[b + 4] = swap_in(swap_in(hi, 16, K(0x00000000FFFF0000)), 8, K(0x0000FF000000FF00));
    }
#else
    /* q[b + 2 c] = column c of block b */
    for (b = 0; b < 2; b++) {
        q[b] = ld(in + 16 * b);
        q[b + 2] = ld(in + 16 * b + 4);
        q[b + 4] = ld(in + 16 * b + 8);
        q[b + 6] = ld(in + 16 * b + 12);
    }
#endif
    ortho(q);
}

/* The inverse of pack; the NB blocks are XORed with in (when in is not
 * NULL) and written to out. q is destroyed. */
static void unpack_xor(aes_w *q, const uint8_t *in, uint8_t *out)
{
    unsigned b;
    ortho(q);
#if MOTE_AES_WORD64
    for (b = 0; b < 4; b++) {
        aes_w lo = swap_in(swap_in(q[b], 8, K(0x0000FF000000FF00)), 16, K(0x00000000FFFF0000));
        aes_w hi = swap_in(swap_in(q[b + 4], 8, K(0x0000FF000000FF00)), 16, K(0x00000000FFFF0000));
        SWAP2(lo, hi, 32, K(0x00000000FFFFFFFF));
        if (in) {
            lo ^= ld(in + 16 * b);
            hi ^= ld(in + 16 * b + 8);
        }
        st(out + 16 * b, lo);
        st(out + 16 * b + 8, hi);
    }
#else
    for (b = 0; b < 2; b++) {
        unsigned c;
        for (c = 0; c < 4; c++) {
            aes_w v = q[b + 2 * c];
            if (in) v ^= ld(in + 16 * b + 4 * c);
            st(out + 16 * b + 4 * c, v);
        }
    }
#endif
}

/* The cipher on a packed state. */
static void encrypt_packed(const mote_aes_ctx *ctx, aes_w *q)
{
    const aes_w *rk = ctx->rk;
    unsigned nr = ctx->rounds, i;

    add_round_key(q, rk);
    /* rounds 1 .. nr-1 lag by ShiftRows^(i mod 4): 1, 2, 3, 0, 1, ... and
     * nr - 1 = 1 mod 4 */
    for (i = 1;; i += 4) {
        sub_bytes(q);
        mix_columns_1(q);
        add_round_key(q, rk + 8 * i);
        if (i + 1 == nr) break;
        sub_bytes(q);
        mix_columns_2(q);
        add_round_key(q, rk + 8 * i + 8);
        sub_bytes(q);
        mix_columns_3(q);
        add_round_key(q, rk + 8 * i + 16);
        sub_bytes(q);
        mix_columns_0(q);
        add_round_key(q, rk + 8 * i + 24);
    }
    /* last round: the state lags by ShiftRows^2 (nr = 2 mod 4) */
    sub_bytes(q);
    for (i = 0; i < 8; i++)
        q[i] = swap_in(q[i], 2 * CB, SR2);
    add_round_key(q, rk + 8 * nr);
}

/* ShiftRows^n on a packed state: out(r, c) = in(r, c + n r). Slow, generic:
 * for the key schedule only. */
static void shift_rows_n(aes_w *q, unsigned n)
{
    unsigned i, r;
    for (i = 0; i < 8; i++) {
        aes_w x = q[i], y = 0;
        for (r = 0; r < 4; r++) {
            unsigned k = ((n * r) & 3) * CB;
            aes_w row = (x >> (r * RB)) & (((aes_w)1 << RB) - 1);
            if (k) row = ((row >> k) | (row << (RB - k))) & (((aes_w)1 << RB) - 1);
            y |= row << (r * RB);
        }
        q[i] = y;
    }
}

/* SubWord: the S-box on the four bytes of w, through the bitsliced circuit. */
static void sub_word(uint8_t w[4])
{
    aes_w q[8];
    unsigned i, k;
    for (i = 0; i < 8; i++) {
        q[i] = 0;
        for (k = 0; k < 4; k++)
            q[i] |= (aes_w)((w[k] >> i) & 1) << k;
    }
    sub_bytes(q);
    for (k = 0; k < 4; k++) {
        unsigned v = 0;
        for (i = 0; i < 8; i++)
            v |= (unsigned)((q[i] >> k) & 1) << i;
        w[k] = (uint8_t)(v ^ 0x63);
    }
    mote_wipe(q, sizeof q);
}

int mote_aes_init(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len)
{
    uint8_t ek[240], blk[16 * NB];
    aes_w *rk = ctx->rk;
    unsigned nk, nr, i, rcon = 1;

    if (key_len == 24) return MOTE_ERR_UNSUPPORTED;
    if (key_len != 16 && key_len != 32) return MOTE_ERR_BAD_INPUT;
    nk = (unsigned)key_len / 4;
    nr = nk + 6;
    ctx->rounds = nr;

    /* FIPS-197 key expansion, bytewise */
    memcpy(ek, key, key_len);
    for (i = nk; i < 4 * (nr + 1); i++) {
        uint8_t t[4];
        memcpy(t, ek + 4 * (i - 1), 4);
        if (i % nk == 0) {
            uint8_t t0 = t[0];
            t[0] = t[1];
            t[1] = t[2];
            t[2] = t[3];
            t[3] = t0;
            sub_word(t);
            t[0] ^= (uint8_t)rcon;
            rcon = (rcon << 1) ^ (0x11b & (0u - (rcon >> 7)));
        } else if (nk > 6 && i % nk == 4) {
            sub_word(t);
        }
        ek[4 * i] = ek[4 * (i - nk)] ^ t[0];
        ek[4 * i + 1] = ek[4 * (i - nk) + 1] ^ t[1];
        ek[4 * i + 2] = ek[4 * (i - nk) + 2] ^ t[2];
        ek[4 * i + 3] = ek[4 * (i - nk) + 3] ^ t[3];
    }

    /* Bitslice each round key (NB copies), shift it back by the lag of its
     * round, and fold in the S-box constant 0x63 (bits 0, 1, 5, 6). */
    for (i = 0; i <= nr; i++) {
        unsigned b;
        for (b = 0; b < NB; b++)
            memcpy(blk + 16 * b, ek + 16 * i, 16);
        pack(rk + 8 * i, blk);
        if (i > 0 && i < nr) shift_rows_n(rk + 8 * i, (4 - (i & 3)) & 3);
        if (i > 0) {
            rk[8 * i + 0] = ~rk[8 * i + 0];
            rk[8 * i + 1] = ~rk[8 * i + 1];
            rk[8 * i + 5] = ~rk[8 * i + 5];
            rk[8 * i + 6] = ~rk[8 * i + 6];
        }
    }
    mote_wipe(ek, sizeof ek);
    mote_wipe(blk, sizeof blk);
    return MOTE_OK;
}

void mote_aes_encrypt_blocks(const mote_aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t n)
{
    aes_w q[8];
    uint8_t tmp[16 * NB];

    while (n >= NB) {
        pack(q, in);
        encrypt_packed(ctx, q);
        unpack_xor(q, NULL, out);
        in += 16 * NB;
        out += 16 * NB;
        n -= NB;
    }
    if (n) {
        memset(tmp, 0, sizeof tmp);
        memcpy(tmp, in, 16 * n);
        pack(q, tmp);
        encrypt_packed(ctx, q);
        unpack_xor(q, NULL, tmp);
        memcpy(out, tmp, 16 * n);
        mote_wipe(tmp, sizeof tmp);
    }
    mote_wipe(q, sizeof q);
}

void mote_aes_ctr32(const mote_aes_ctx *ctx, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                    size_t len)
{
    aes_w q[8];
    uint8_t blk[16 * NB];
    uint32_t c = mote_load_be32(ctr + 12);
    unsigned b;

    for (b = 0; b < NB; b++)
        memcpy(blk + 16 * b, ctr, 12);
    while (len > 0) {
        for (b = 0; b < NB; b++)
            mote_store_be32(blk + 16 * b + 12, c + b);
        pack(q, blk);
        encrypt_packed(ctx, q);
        if (len >= 16 * NB) {
            unpack_xor(q, in, out);
            c += NB;
            in += 16 * NB;
            out += 16 * NB;
            len -= 16 * NB;
        } else {
            size_t i;
            unpack_xor(q, NULL, blk);
            for (i = 0; i < len; i++)
                out[i] = in[i] ^ blk[i];
            c += (uint32_t)((len + 15) / 16);
            len = 0;
        }
    }
    mote_store_be32(ctr + 12, c);
    mote_wipe(q, sizeof q);
    mote_wipe(blk, sizeof blk);
}

void mote_aead_mask(uint8_t *buf, size_t len, uint32_t ok)
{
    aes_w m = (aes_w)0 - (aes_w)ok, w;
    while (len >= sizeof w) {
        memcpy(&w, buf, sizeof w);
        w &= m;
        memcpy(buf, &w, sizeof w);
        buf += sizeof w;
        len -= sizeof w;
    }
    while (len--) {
        *buf = (uint8_t)(*buf & m);
        buf++;
    }
}

#endif
