/* AES-CBC (SP 800-38A): encryption over aes.c's constant-time cipher, and
 * a constant-time byte-oriented inverse cipher (FIPS 197 5.3) for
 * decryption: no S-box table, the S-box and its inverse are computed. */
#include "mote/config.h"

#if MOTE_ENABLE_CBC
#include <string.h>

#include "crypto/cbc.h"
#include "crypto/util.h"
#include "mote/error.h"

/* Four GF(2^8) elements packed in a 32-bit word (one per byte), so each
 * operation below works on four bytes at once. */
#define B1 0x01010101u

/* x * 2 in each byte (mod x^8 + x^4 + x^3 + x + 1). */
static uint32_t xtime4(uint32_t a)
{
    return ((a & 0x7f7f7f7fu) << 1) ^ (((a >> 7) & B1) * 0x1bu);
}

/* a * b bytewise, in constant time. */
static uint32_t gmul4(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    unsigned i;
    for (i = 0; i < 8; i++) {
        r ^= a & (((b >> i) & B1) * 0xffu);
        a = xtime4(a);
    }
    return r;
}

/* x^254 bytewise: the inverse of each byte (0 for 0). */
static uint32_t ginv4(uint32_t x)
{
    uint32_t y = gmul4(x, x), t; /* x^2 */
    unsigned i;
    for (i = 0; i < 6; i++) { /* y = x^(2^(i+3) - 2) */
        t = gmul4(y, x);
        y = gmul4(t, t);
    }
    return y;
}

/* Each byte rotated left by n (1..7). */
static uint32_t rotl4(uint32_t b, unsigned n)
{
    return ((b << n) & (((0xffu << n) & 0xffu) * B1)) |
           ((b >> (8 - n)) & ((0xffu >> (8 - n)) * B1));
}

static uint32_t sbox4(uint32_t x)
{
    uint32_t b = ginv4(x);
    return b ^ rotl4(b, 1) ^ rotl4(b, 2) ^ rotl4(b, 3) ^ rotl4(b, 4) ^ (0x63u * B1);
}

static uint32_t inv_sbox4(uint32_t y)
{
    return ginv4(rotl4(y, 1) ^ rotl4(y, 3) ^ rotl4(y, 6) ^ (0x05u * B1));
}

static uint32_t ror32(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

int mote_aes_dec_init(mote_aes_dec_ctx *dc, const uint8_t *key, size_t key_len)
{
    unsigned nk, i, total;
    uint32_t t, rcon = 1;

    if (key_len != 16 && key_len != 32) return MOTE_ERR_BAD_INPUT;
    nk = (unsigned)key_len / 4;
    dc->nr = nk + 6;
    total = 4 * (dc->nr + 1);
    memcpy(dc->rk, key, key_len);
    for (i = nk; i < total; i++) {
        t = mote_load_le32(dc->rk + 4 * (i - 1));
        if (i % nk == 0) {
            t = ror32(sbox4(t), 8) ^ rcon;
            rcon = xtime4(rcon);
        } else if (nk > 6 && i % nk == 4) {
            t = sbox4(t);
        }
        mote_store_le32(dc->rk + 4 * i, mote_load_le32(dc->rk + 4 * (i - nk)) ^ t);
    }
    t = 0;
    return MOTE_OK;
}

/* One block of the inverse cipher; s is column-major (s[4c + r]), each
 * column one little-endian word. */
static void decrypt_block(const mote_aes_dec_ctx *dc, uint8_t s[16])
{
    uint8_t t[16];
    uint32_t w, a2, a4, a8;
    unsigned r, c, i;

    for (i = 0; i < 16; i++)
        s[i] ^= dc->rk[16 * dc->nr + i];
    for (r = dc->nr; r-- > 0;) {
        /* InvShiftRows (row j moves right by j), then InvSubBytes */
        for (c = 0; c < 4; c++)
            for (i = 0; i < 4; i++)
                t[4 * ((c + i) & 3) + i] = s[4 * c + i];
        for (c = 0; c < 4; c++) {
            w = inv_sbox4(mote_load_le32(t + 4 * c)) ^ mote_load_le32(dc->rk + 16 * r + 4 * c);
            if (r) { /* InvMixColumns: b_j = 14 a_j ^ 11 a_j+1 ^ 13 a_j+2 ^ 9 a_j+3 */
                a2 = xtime4(w), a4 = xtime4(a2), a8 = xtime4(a4);
                w = (a8 ^ a4 ^ a2) ^ ror32(a8 ^ a2 ^ w, 8) ^ ror32(a8 ^ a4 ^ w, 16) ^
                    ror32(a8 ^ w, 24);
            }
            mote_store_le32(s + 4 * c, w);
        }
    }
    mote_wipe(t, sizeof t);
}

int mote_aes_cbc_encrypt(const mote_aes_ctx *ctx, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                         size_t len)
{
    size_t i;
    if (len % 16) return MOTE_ERR_BAD_INPUT;
    for (; len; len -= 16, in += 16, out += 16) {
        for (i = 0; i < 16; i++)
            iv[i] ^= in[i];
        mote_aes_encrypt_blocks(ctx, iv, iv, 1);
        memcpy(out, iv, 16);
    }
    return MOTE_OK;
}

int mote_aes_cbc_decrypt(const mote_aes_dec_ctx *dc, uint8_t iv[16], const uint8_t *in,
                         uint8_t *out, size_t len)
{
    uint8_t c[16], s[16];
    size_t i;
    if (len % 16) return MOTE_ERR_BAD_INPUT;
    for (; len; len -= 16, in += 16, out += 16) {
        memcpy(c, in, 16);
        memcpy(s, in, 16);
        decrypt_block(dc, s);
        for (i = 0; i < 16; i++)
            out[i] = (uint8_t)(s[i] ^ iv[i]);
        memcpy(iv, c, 16);
    }
    mote_wipe(s, sizeof s);
    return MOTE_OK;
}
#endif
