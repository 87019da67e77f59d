/* mote (private): the Montgomery multiplication and squaring loops of
 * bigint.c, written once over a word type and included once per word size:
 * 32-bit words with 64-bit products (every platform, through mote_mul32) and,
 * with MOTE_BN64, 64-bit words with 128-bit products (mote_mul64, hosts with
 * unsigned __int128). Numbers stay arrays of 32-bit limbs in memory; the
 * 64-bit form reads and writes them two limbs at a time (n even), so both
 * forms compute the same values with the same R = 2^(32 n).
 *
 * The includer defines BN_W (word), BN_DW (double word), BN_BITS, BN_STEP
 * (32-bit limbs per word), BN_MUL(a, b) (BN_DW product), BN_LD(p) / BN_ST(p, v)
 * (one word at limb pointer p), BN_(name) (the function names) and BN_FN
 * (their storage class and attributes). Every loop
 * runs over all words: time depends on the word count only.
 *
 * BN_CARRYFREE (32-bit words with MOTE_MUL16, the lx106 build): every step
 * is a mote_mac32 / mote_adc32 / mote_sbb32 (mul.h), with no 64-bit sum or
 * `s < a` compare, which gcc turns into a data-dependent branch on a core
 * without a carry flag (tests/ct/lx106_branches.sh); the other forms keep
 * their wide sums, which compilers turn into add-with-carry. */
#define BN_CARRYFREE (BN_BITS == 32 && MOTE_MUL16)

#if BN_BITS == 64
/* a b + x + *cw: returns the low word, leaves the high one in *cw. The sums
 * are single words with carries from comparisons: gcc keeps them in
 * registers (128-bit sums made it spill: a deeper frame, more
 * instructions). */
static inline BN_W BN_(mac)(BN_W a, BN_W b, BN_W x, BN_W *cw)
{
    BN_DW p = BN_MUL(a, b);
    BN_W lo = (BN_W)p + x, hi = (BN_W)(p >> BN_BITS) + (lo < x);
    lo += *cw;
    *cw = hi + (lo < *cw);
    return lo;
}
/* a + b + *c (c: 0 or 1): returns the sum, leaves the carry in *c. */
static inline BN_W BN_(adc)(BN_W a, BN_W b, BN_W *c)
{
    BN_W s = a + b, c1 = (BN_W)(s < a);
    s += *c;
    *c = c1 + (BN_W)(s < *c);
    return s;
}
#endif

/* The forms that step through single words with explicit carries (64-bit
 * words, and the carry-free 32-bit one) share their loops: BN_MAC and
 * BN_ADC are the word steps (undefined again at the end of this file). */
#define BN_WORDWISE (BN_BITS == 64 || BN_CARRYFREE)
#if BN_BITS == 64
#define BN_MAC(a, b, x, cw) BN_(mac)(a, b, x, cw)
#define BN_ADC(a, b, c)     BN_(adc)(a, b, c)
#elif BN_CARRYFREE
#define BN_MAC(a, b, x, cw) mote_mac32(a, b, x, cw)
#define BN_ADC(a, b, c)     mote_adc32(a, b, c)
#endif

/* r = a b / R + top R (top returned), with r + top R < 2 m: FIOS, one pass
 * per word of b. r must not overlap a or b. nw words. */
BN_FN uint32_t BN_(montmul)(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *m,
                            BN_W m0i, size_t nw)
{
    BN_W top = 0;
    size_t i, j;
    for (i = 0; i < nw; i++)
        BN_ST(r + BN_STEP * i, 0);
#if BN_WORDWISE
    for (i = 0; i < nw; i++) {
        BN_W bi = BN_LD(b + BN_STEP * i), q, l1, h1 = 0, h2 = 0;
        l1 = BN_MAC(BN_LD(a), bi, BN_LD(r), &h1);
        q = l1 * m0i;
        (void)BN_MAC(q, BN_LD(m), l1, &h2); /* low word is 0 by choice of q */
        for (j = 1; j < nw; j++) {
            l1 = BN_MAC(BN_LD(a + BN_STEP * j), bi, BN_LD(r + BN_STEP * j), &h1);
            BN_ST(r + BN_STEP * (j - 1), BN_MAC(q, BN_LD(m + BN_STEP * j), l1, &h2));
        }
        BN_ST(r + BN_STEP * (nw - 1), BN_ADC(h1, h2, &top));
    }
#else
    for (i = 0; i < nw; i++) {
        BN_W bi = BN_LD(b + BN_STEP * i), q;
        BN_DW c1, c2;
        c1 = BN_MUL(BN_LD(a), bi) + BN_LD(r);
        q = (BN_W)c1 * m0i;
        c2 = BN_MUL(q, BN_LD(m)) + (BN_W)c1; /* low word is 0 by choice of q */
        for (j = 1; j < nw; j++) {
            c1 =
                BN_MUL(BN_LD(a + BN_STEP * j), bi) + BN_LD(r + BN_STEP * j) + (BN_W)(c1 >> BN_BITS);
            c2 = BN_MUL(q, BN_LD(m + BN_STEP * j)) + (BN_W)c1 + (BN_W)(c2 >> BN_BITS);
            BN_ST(r + BN_STEP * (j - 1), (BN_W)c2);
        }
        c1 = (c1 >> BN_BITS) + (c2 >> BN_BITS) + top;
        BN_ST(r + BN_STEP * (nw - 1), (BN_W)c1);
        top = (BN_W)(c1 >> BN_BITS);
    }
#endif
    return (uint32_t)top;
}

/* t (2 nw words) = a^2, then reduced in place: t[nw..2nw) + top R (top
 * returned) = a^2 / R mod m, below 2 m. The cross products a_i a_j (i < j)
 * are formed once and doubled, so the square costs nw (nw + 1) / 2 products
 * instead of nw^2; the reduction nw^2. */
BN_FN uint32_t BN_(sqr_reduce)(uint32_t *t, const uint32_t *a, const uint32_t *m, BN_W m0i,
                               size_t nw)
{
#if BN_CARRYFREE
    BN_W cy = 0; /* the doubling's carry */
#else
    BN_DW c;
#endif
    BN_W in = 0, top = 0;
    size_t i, j;
    for (i = 0; i < 2 * nw; i++)
        BN_ST(t + BN_STEP * i, 0);
    /* row i adds a_i a_j (j > i) at t[i + j] and sets t[i + nw], which no
     * earlier row reached */
    for (i = 0; i < nw; i++) {
        BN_W ai = BN_LD(a + BN_STEP * i);
        BN_W cw = 0;
        for (j = i + 1; j < nw; j++) {
#if BN_WORDWISE
            BN_ST(t + BN_STEP * (i + j),
                  BN_MAC(ai, BN_LD(a + BN_STEP * j), BN_LD(t + BN_STEP * (i + j)), &cw));
#else
            c = BN_MUL(ai, BN_LD(a + BN_STEP * j)) + BN_LD(t + BN_STEP * (i + j));
            c += cw;
            BN_ST(t + BN_STEP * (i + j), (BN_W)c);
            cw = (BN_W)(c >> BN_BITS);
#endif
        }
        BN_ST(t + BN_STEP * (i + nw), cw);
    }
    /* t = 2 t + sum a_i^2 B^(2i) */
#if !BN_CARRYFREE
    c = 0;
#endif
    for (i = 0; i < nw; i++) {
        BN_W ai = BN_LD(a + BN_STEP * i), lo, hi;
        BN_DW sq = BN_MUL(ai, ai);
        lo = BN_LD(t + BN_STEP * 2 * i);
        hi = BN_LD(t + BN_STEP * (2 * i + 1));
#if BN_CARRYFREE
        BN_ST(t + BN_STEP * 2 * i, mote_adc32((lo << 1) | in, (BN_W)sq, &cy));
        in = lo >> (BN_BITS - 1);
        BN_ST(t + BN_STEP * (2 * i + 1), mote_adc32((hi << 1) | in, (BN_W)(sq >> BN_BITS), &cy));
        in = hi >> (BN_BITS - 1);
#else
        c = (BN_DW)((lo << 1) | in) + (BN_W)sq + (BN_W)(c >> BN_BITS);
        in = lo >> (BN_BITS - 1);
        BN_ST(t + BN_STEP * 2 * i, (BN_W)c);
        c = (BN_DW)((hi << 1) | in) + (BN_W)(sq >> BN_BITS) + (BN_W)(c >> BN_BITS);
        in = hi >> (BN_BITS - 1);
        BN_ST(t + BN_STEP * (2 * i + 1), (BN_W)c);
#endif
    }
    /* Montgomery reduction, one word of t per step */
    for (i = 0; i < nw; i++) {
        BN_W q = BN_LD(t + BN_STEP * i) * m0i;
        BN_W cw = 0;
        for (j = 0; j < nw; j++) {
#if BN_WORDWISE
            BN_ST(t + BN_STEP * (i + j),
                  BN_MAC(q, BN_LD(m + BN_STEP * j), BN_LD(t + BN_STEP * (i + j)), &cw));
#else
            c = BN_MUL(q, BN_LD(m + BN_STEP * j)) + BN_LD(t + BN_STEP * (i + j));
            c += cw;
            BN_ST(t + BN_STEP * (i + j), (BN_W)c);
            cw = (BN_W)(c >> BN_BITS);
#endif
        }
#if BN_CARRYFREE
        BN_ST(t + BN_STEP * (i + nw), mote_adc32(BN_LD(t + BN_STEP * (i + nw)), cw, &top));
#else
        c = (BN_DW)BN_LD(t + BN_STEP * (i + nw)) + cw + top;
        BN_ST(t + BN_STEP * (i + nw), (BN_W)c);
        top = (BN_W)(c >> BN_BITS);
#endif
    }
    return (uint32_t)top;
}

/* r = x + top R - m if that is not negative, else x + top R, for
 * x + top R < 2 m: subtract, then add m back if that borrowed and top was
 * clear (r may alias x). */
BN_FN void BN_(final_sub)(uint32_t *r, const uint32_t *x, uint32_t top, const uint32_t *m,
                          size_t nw)
{
    BN_W mask, bw = 0, c = 0;
    size_t i;
    /* borrows and carries from comparisons of words (no double words:
     * fewer instructions for the 64-bit form, the same for the 32-bit one) */
#if BN_CARRYFREE
    for (i = 0; i < nw; i++)
        BN_ST(r + BN_STEP * i, mote_sbb32(BN_LD(x + BN_STEP * i), BN_LD(m + BN_STEP * i), &bw));
    mask = (BN_W)0 - (bw & (BN_W)(top ^ 1u));
    for (i = 0; i < nw; i++)
        BN_ST(r + BN_STEP * i,
              mote_adc32(BN_LD(r + BN_STEP * i), BN_LD(m + BN_STEP * i) & mask, &c));
#else
    for (i = 0; i < nw; i++) {
        BN_W xi = BN_LD(x + BN_STEP * i), mi = BN_LD(m + BN_STEP * i), d = xi - mi;
        BN_W b1 = (BN_W)(xi < mi);
        BN_ST(r + BN_STEP * i, d - bw);
        bw = b1 | (BN_W)(d < bw);
    }
    mask = (BN_W)0 - (bw & (BN_W)(top ^ 1u));
    for (i = 0; i < nw; i++) {
        BN_W ri = BN_LD(r + BN_STEP * i), s = ri + (BN_LD(m + BN_STEP * i) & mask);
        BN_W c1 = (BN_W)(s < ri);
        BN_ST(r + BN_STEP * i, s + c);
        c = c1 | (BN_W)(s + c < c);
    }
#endif
}

/* r = tab[idx] (tab holds cnt entries of nw words), reading every entry. */
BN_FN void BN_(select)(uint32_t *r, const uint32_t *tab, size_t cnt, uint32_t idx, size_t nw)
{
    size_t i, j;
    for (j = 0; j < nw; j++)
        BN_ST(r + BN_STEP * j, 0);
    for (i = 0; i < cnt; i++) {
        uint32_t d = (uint32_t)i ^ idx;
#if BN_CARRYFREE
        BN_W mask = (BN_W)0 - (BN_W)((~d & (d - 1)) >> 31); /* no 64-bit subtraction */
#else
        BN_W mask = (BN_W)0 - (BN_W)(((uint64_t)d - 1) >> 63); /* all ones iff d == 0 */
#endif
        for (j = 0; j < nw; j++)
            BN_ST(r + BN_STEP * j,
                  BN_LD(r + BN_STEP * j) | (BN_LD(tab + BN_STEP * (i * nw + j)) & mask));
    }
}

#undef BN_MAC
#undef BN_ADC
#undef BN_WORDWISE
