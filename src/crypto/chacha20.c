/* mote: ChaCha20 stream cipher (RFC 8439 section 2.4).
 *
 * Naturally constant time: only 32-bit additions, XORs and rotations, no
 * table, no secret-dependent branch. Whole blocks are XORed into the output
 * a word at a time; the keystream of a final partial block goes through a
 * 64-byte buffer that is wiped.
 *
 * Where GCC vectorizes (SSE2, NEON), MOTE_CHACHA_LANES = 4 blocks run side
 * by side as lane loops that it turns into 4x32-bit vector code: about half
 * the instructions of one block at a time. Elsewhere (Cortex-M, Xtensa,
 * clang, which keeps such loops scalar) it is 1 and only the one-block code
 * is compiled. */
#include "mote/aead.h"

#if MOTE_ENABLE_CHACHAPOLY

#include <string.h>

#include "crypto/chacha20.h"
#include "crypto/util.h"

#ifndef MOTE_CHACHA_LANES
#if defined(__GNUC__) && !defined(__clang__) && (defined(__SSE2__) || defined(__ARM_NEON))
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

#define ROTL(v, n) (((v) << (n)) | ((v) >> (32 - (n))))
/* One quarter round on words a, b, c, d of every lane of x[16][L]. */
#define QR(L, a, b, c, d)                                                                          \
    for (l = 0; l < L; l++) {                                                                      \
        x[a][l] += x[b][l], x[d][l] = ROTL(x[d][l] ^ x[a][l], 16);                                 \
        x[c][l] += x[d][l], x[b][l] = ROTL(x[b][l] ^ x[c][l], 12);                                 \
        x[a][l] += x[b][l], x[d][l] = ROTL(x[d][l] ^ x[a][l], 8);                                  \
        x[c][l] += x[d][l], x[b][l] = ROTL(x[b][l] ^ x[c][l], 7);                                  \
    }
/* The 20 rounds on L blocks whose states are s with counters s[12] + lane. */
#define ROUNDS(L)                                                                                  \
    for (i = 0; i < 16; i++)                                                                       \
        for (l = 0; l < L; l++)                                                                    \
            x[i][l] = s[i];                                                                        \
    for (l = 0; l < L; l++)                                                                        \
        x[12][l] += l;                                                                             \
    for (i = 0; i < 10; i++) {                                                                     \
        QR(L, 0, 4, 8, 12)                                                                         \
        QR(L, 1, 5, 9, 13) QR(L, 2, 6, 10, 14) QR(L, 3, 7, 11, 15) QR(L, 0, 5, 10, 15)             \
            QR(L, 1, 6, 11, 12) QR(L, 2, 7, 8, 13) QR(L, 3, 4, 9, 14)                              \
    }

#if MOTE_CHACHA_LANES > 1
/* out = in XOR the keystream of MOTE_CHACHA_LANES whole blocks. */
static void chacha_lanes(const uint32_t s[16], const uint8_t *in, uint8_t *out)
{
    uint32_t x[16][MOTE_CHACHA_LANES];
    unsigned i, l;

    ROUNDS(MOTE_CHACHA_LANES)
    for (l = 0; l < MOTE_CHACHA_LANES; l++)
        x[12][l] += l;
    for (l = 0; l < MOTE_CHACHA_LANES; l++, in += 64, out += 64)
        for (i = 0; i < 16; i += 4) { /* unrolled by hand: GCC -O2 would not */
            st4(out + 4 * i, ld4(in + 4 * i) ^ (x[i][l] + s[i]));
            st4(out + 4 * i + 4, ld4(in + 4 * i + 4) ^ (x[i + 1][l] + s[i + 1]));
            st4(out + 4 * i + 8, ld4(in + 4 * i + 8) ^ (x[i + 2][l] + s[i + 2]));
            st4(out + 4 * i + 12, ld4(in + 4 * i + 12) ^ (x[i + 3][l] + s[i + 3]));
        }
}
#endif

/* out = in XOR the keystream of one block: directly when n is 64, else
 * through ks, which then holds the whole keystream block (n = 0 only fills
 * ks). */
static void chacha_block(const uint32_t s[16], const uint8_t *in, uint8_t *out, size_t n,
                         uint8_t ks[64])
{
    uint32_t x[16][1];
    unsigned i, l;
    size_t j;

    ROUNDS(1)
    if (n == 64) {
        for (i = 0; i < 16; i++)
            st4(out + 4 * i, ld4(in + 4 * i) ^ (x[i][0] + s[i]));
        return;
    }
    for (i = 0; i < 16; i++)
        st4(ks + 4 * i, x[i][0] + s[i]);
    for (j = 0; j + 4 <= n; j += 4)
        st4(out + j, ld4(in + j) ^ ld4(ks + j));
    for (; j < n; j++)
        out[j] = (uint8_t)(in[j] ^ ks[j]);
}

void mote_chacha20_init(uint32_t s[16], const uint8_t key[32], const uint8_t nonce[12],
                        uint32_t counter)
{
    size_t i;

    s[0] = 0x61707865u; /* "expand 32-byte k" */
    s[1] = 0x3320646eu;
    s[2] = 0x79622d32u;
    s[3] = 0x6b206574u;
    for (i = 0; i < 8; i++)
        s[4 + i] = mote_load_le32(key + 4 * i);
    s[12] = counter;
    for (i = 0; i < 3; i++)
        s[13 + i] = mote_load_le32(nonce + 4 * i);
}

void mote_chacha20_block(uint32_t s[16], uint8_t ks[64])
{
    chacha_block(s, NULL, NULL, 0, ks);
    s[12]++;
}

void mote_chacha20_xor(uint32_t s[16], const uint8_t *in, uint8_t *out, size_t len, uint8_t ks[64])
{
#if MOTE_CHACHA_LANES > 1
    for (; len >= 64 * MOTE_CHACHA_LANES; len -= 64 * MOTE_CHACHA_LANES) {
        chacha_lanes(s, in, out);
        s[12] += MOTE_CHACHA_LANES;
        in += 64 * MOTE_CHACHA_LANES;
        out += 64 * MOTE_CHACHA_LANES;
    }
#endif
    while (len > 0) {
        size_t n = len < 64 ? len : 64;
        chacha_block(s, in, out, n, ks);
        s[12]++;
        in += n;
        out += n;
        len -= n;
    }
}

void mote_chacha20(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                   const uint8_t *in, uint8_t *out, size_t len)
{
    uint32_t s[16];
    uint8_t ks[64];

    mote_chacha20_init(s, key, nonce, counter);
    mote_chacha20_xor(s, in, out, len, ks);
    mote_wipe(s + 4, 32); /* the key; the rest is public */
    if (len % 64 != 0) mote_wipe(ks, sizeof ks);
}

#endif
