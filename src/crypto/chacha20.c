/* mote: ChaCha20 stream cipher (RFC 8439 section 2.4).
 *
 * Naturally constant time: only 32-bit additions, XORs and rotations, no
 * table, no secret-dependent branch or index. Whole blocks are XORed into
 * the output a word at a time; the keystream of a final partial block goes
 * through a 64-byte buffer that is wiped. Optimizing for size, every block
 * goes through that buffer and is XORed byte by byte.
 *
 * Where GCC vectorizes (SSE2, NEON), MOTE_CHACHA_LANES = 4 blocks run side
 * by side as lane loops that it turns into 4x32-bit vector code (rounds,
 * feed-forward, a transpose into keystream order, 16-byte XORs): about 0.4x
 * the instructions of one block at a time. Elsewhere (Cortex-M, Xtensa, and
 * clang, which keeps such loops scalar) it is 1 and only the one-block code
 * is compiled. */
#include "mote/aead.h"

#if MOTE_ENABLE_CHACHAPOLY

#include <string.h>

#include "crypto/chacha20.h"
#include "crypto/util.h"

#ifndef MOTE_CHACHA_LANES
#if defined(__GNUC__) && !defined(__clang__) && !defined(__OPTIMIZE_SIZE__) &&                     \
    (defined(__SSE2__) || defined(__ARM_NEON))
#define MOTE_CHACHA_LANES 4
#else
#define MOTE_CHACHA_LANES 1
#endif
#endif

/* Little-endian words at any address. Where the byte order is known to be
 * little endian, memcpy compiles to one load or store (or to byte accesses
 * on cores that need alignment); GCC does not always merge the byte-wise
 * form in these loops. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline uint32_t ld4(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}
static inline void st4(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}
#else
#define ld4 mote_load_le32
#define st4 mote_store_le32
#endif

#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
#define UNROLL8  _Pragma("GCC unroll 8")
#define UNROLL16 _Pragma("GCC unroll 16")
#else
#define UNROLL8
#define UNROLL16
#endif
#define ROTL(v, n) (((v) << (n)) | ((v) >> (32 - (n))))
/* The 20 rounds on the L states x[16][L]: 10 times the 4 column quarter
 * rounds then the 4 diagonal ones. Quarter round q works on words a = q % 4,
 * b = 4 + (q + k) % 4, c = 8 + (q + 2k) % 4, d = 12 + (q + 3k) % 4 with k =
 * q / 4: one copy of the code, unrolled (indices then constant, x in
 * registers) except when optimizing for size. */
#define ROUNDS(L)                                                                                  \
    for (i = 0; i < 10; i++)                                                                       \
        UNROLL8 for (q = 0; q < 8; q++)                                                            \
        {                                                                                          \
            unsigned k = q >> 2, a = q & 3, b = 4 + ((q + k) & 3), c = 8 + ((q + 2 * k) & 3),      \
                     d = 12 + ((q + 3 * k) & 3);                                                   \
            for (l = 0; l < L; l++) {                                                              \
                x[a][l] += x[b][l], x[d][l] = ROTL(x[d][l] ^ x[a][l], 16);                         \
                x[c][l] += x[d][l], x[b][l] = ROTL(x[b][l] ^ x[c][l], 12);                         \
                x[a][l] += x[b][l], x[d][l] = ROTL(x[d][l] ^ x[a][l], 8);                          \
                x[c][l] += x[d][l], x[b][l] = ROTL(x[b][l] ^ x[c][l], 7);                          \
            }                                                                                      \
        }

#if MOTE_CHACHA_LANES > 1
#define NL MOTE_CHACHA_LANES
/* The lanes' input states (word by word, lane l at counter s[12] + l) and
 * their keystream (block by block). Holds the key: wiped after use. */
typedef struct {
    uint32_t sv[16][NL];
    uint32_t ks[NL][16];
} chacha_lanes_ws;

/* out = (in XOR the keystream of the NL blocks of w) AND keep, for 64 * NL
 * bytes; the counters move on by NL. */
static void chacha_lanes(chacha_lanes_ws *w, const uint8_t *in, uint8_t *out, uint32_t keep)
{
    uint32_t x[16][NL];
    unsigned i, q, l;

    memcpy(x, w->sv, sizeof x);
    ROUNDS(NL)
    for (i = 0; i < 16; i++)
        for (l = 0; l < NL; l++)
            x[i][l] += w->sv[i][l];
    for (i = 0; i < 16; i++) /* the transpose GCC turns into shuffles */
        for (l = 0; l < NL; l++)
            w->ks[l][i] = x[i][l];
    for (l = 0; l < NL; l++, in += 64, out += 64)
        for (i = 0; i < 16; i += 4) {
            /* 4 loads, then 4 stores: one 16-byte vector operation */
            uint32_t a = ld4(in + 4 * i), b = ld4(in + 4 * i + 4);
            uint32_t c = ld4(in + 4 * i + 8), d = ld4(in + 4 * i + 12);
            st4(out + 4 * i, (a ^ w->ks[l][i]) & keep);
            st4(out + 4 * i + 4, (b ^ w->ks[l][i + 1]) & keep);
            st4(out + 4 * i + 8, (c ^ w->ks[l][i + 2]) & keep);
            st4(out + 4 * i + 12, (d ^ w->ks[l][i + 3]) & keep);
        }
    for (l = 0; l < NL; l++)
        w->sv[12][l] += NL;
}
#endif

#if defined(__OPTIMIZE_SIZE__)
/* out = (in XOR ks) AND keep, n bytes, byte by byte: in a frame of its own
 * the loop keeps everything in registers. Where words need alignment it is
 * about as fast as words through unaligned loads (lx106: 10 instructions a
 * byte against 8.75) and far smaller. */
static MOTE_NOINLINE void xor_keep(uint8_t *out, const uint8_t *in, const uint8_t *ks, size_t n,
                                   uint32_t keep)
{
    size_t i = 0;
    if (n == 0) return;
    do {
        out[i] = (uint8_t)((in[i] ^ ks[i]) & keep);
    } while (++i < n);
}
#endif

/* out = (in XOR the keystream of one block) AND keep: directly when n is 64,
 * else through ks, which then holds the whole keystream block (n = 0 only
 * fills ks). */
static void chacha_block(const uint32_t s[16], const uint8_t *in, uint8_t *out, size_t n,
                         uint8_t ks[64], uint32_t keep)
{
    uint32_t x[16][1];
    unsigned i, q, l;
#if !defined(__OPTIMIZE_SIZE__)
    size_t j;
#endif

    UNROLL16 for (i = 0; i < 16; i++) x[i][0] = s[i];
    ROUNDS(1)
#if !defined(__OPTIMIZE_SIZE__) /* -Os: whole blocks through ks too */
    if (n == 64) {
        UNROLL16 for (i = 0; i < 16; i++)
            st4(out + 4 * i, (ld4(in + 4 * i) ^ (x[i][0] + s[i])) & keep);
        return;
    }
#endif
    UNROLL16 for (i = 0; i < 16; i++) st4(ks + 4 * i, x[i][0] + s[i]);
#if defined(__OPTIMIZE_SIZE__)
    xor_keep(out, in, ks, n, keep);
#else
    for (j = 0; j + 4 <= n; j += 4)
        st4(out + j, (ld4(in + j) ^ ld4(ks + j)) & keep);
    for (; j < n; j++)
        out[j] = (uint8_t)((in[j] ^ ks[j]) & keep);
#endif
}

void mote_chacha20_init(uint32_t s[16], const uint8_t key[32], const uint8_t nonce[12],
                        uint32_t counter)
{
    size_t i;

    s[0] = 0x61707865u; /* "expand 32-byte k" */
    s[1] = 0x3320646eu;
    s[2] = 0x79622d32u;
    s[3] = 0x6b206574u;
    /* the key's 8 words, the counter, the nonce's 3 words */
    UNROLL16 for (i = 4; i < 16; i++)
    {
        if (i == 12) {
            s[i] = counter;
            key = nonce;
        } else {
            s[i] = ld4(key);
            key += 4;
        }
    }
}

#if !defined(__OPTIMIZE_SIZE__) /* -Os: a macro over mote_chacha20_xor (chacha20.h) */
void mote_chacha20_block(uint32_t s[16], uint8_t ks[64])
{
    chacha_block(s, NULL, NULL, 0, ks, 0);
    s[12]++;
}
#endif

void mote_chacha20_xor(uint32_t s[16], const uint8_t *in, uint8_t *out, size_t len, uint8_t ks[64],
                       uint32_t keep)
{
#if MOTE_CHACHA_LANES > 1
    if (len >= 64 * NL) {
        chacha_lanes_ws w;
        unsigned i, l;

        for (i = 0; i < 16; i++)
            for (l = 0; l < NL; l++)
                w.sv[i][l] = s[i] + (i == 12 ? l : 0);
        do {
            chacha_lanes(&w, in, out, keep);
            in += 64 * NL;
            out += 64 * NL;
            len -= 64 * NL;
        } while (len >= 64 * NL);
        s[12] = w.sv[12][0];
        mote_wipe(&w, sizeof w);
    }
#endif
#if defined(__OPTIMIZE_SIZE__)
    for (;;) { /* len 0: one keystream block into ks (mote_chacha20_block) */
        size_t n = len < 64 ? len : 64;
        chacha_block(s, in, out, n, ks, keep);
        s[12]++;
        if (len <= 64) break;
        in += 64;
        out += 64;
        len -= 64;
    }
#else
    while (len > 0) {
        size_t n = len < 64 ? len : 64;
        chacha_block(s, in, out, n, ks, keep);
        s[12]++;
        in += n;
        out += n;
        len -= n;
    }
#endif
}

void mote_chacha20(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                   const uint8_t *in, uint8_t *out, size_t len)
{
    struct {
        uint32_t s[16];
        uint8_t ks[64];
    } st; /* one wipe for both */

    mote_chacha20_init(st.s, key, nonce, counter);
    mote_chacha20_xor(st.s, in, out, len, st.ks, 0xffffffffu);
    mote_wipe(&st, sizeof st); /* the key and keystream (at -Os every block's) */
}

#endif
