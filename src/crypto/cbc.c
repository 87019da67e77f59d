/* AES-CBC (SP 800-38A): encryption over aes.c's constant-time cipher, and
 * a constant-time byte-oriented inverse cipher (FIPS 197 5.3) for
 * decryption: no S-box table, the S-box and its inverse are computed. */
#include "mote/config.h"

#if MOTE_ENABLE_CBC
#include <string.h>

#include "crypto/cbc.h"
#include "crypto/util.h"
#include "mote/error.h"

/* a * b in GF(2^8) mod x^8 + x^4 + x^3 + x + 1, in constant time. */
static uint32_t gmul(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    unsigned i;
    for (i = 0; i < 8; i++) {
        r ^= a & (0u - ((b >> i) & 1));
        a = (a << 1) ^ (0x11bu & (0u - (a >> 7)));
    }
    return r;
}

/* x^254: the inverse of x (0 for 0). */
static uint32_t ginv(uint32_t x)
{
    uint32_t y = gmul(x, x), t; /* x^2 */
    unsigned i;
    for (i = 0; i < 6; i++) { /* y = x^(2^(i+3) - 2) */
        t = gmul(y, x);
        y = gmul(t, t);
    }
    return y;
}

static uint32_t rotl8(uint32_t b, unsigned n)
{
    return ((b << n) | (b >> (8 - n))) & 0xff;
}

static uint8_t sbox(uint32_t x)
{
    uint32_t b = ginv(x);
    return (uint8_t)(b ^ rotl8(b, 1) ^ rotl8(b, 2) ^ rotl8(b, 3) ^ rotl8(b, 4) ^ 0x63);
}

static uint8_t inv_sbox(uint32_t y)
{
    return (uint8_t)ginv(rotl8(y, 1) ^ rotl8(y, 3) ^ rotl8(y, 6) ^ 0x05);
}

int mote_aes_dec_init(mote_aes_dec_ctx *dc, const uint8_t *key, size_t key_len)
{
    unsigned nk, i, total;
    uint8_t t[4], rcon = 1, u;

    if (key_len != 16 && key_len != 32) return MOTE_ERR_BAD_INPUT;
    nk = (unsigned)key_len / 4;
    dc->nr = nk + 6;
    total = 4 * (dc->nr + 1);
    memcpy(dc->rk, key, key_len);
    for (i = nk; i < total; i++) {
        memcpy(t, dc->rk + 4 * (i - 1), 4);
        if (i % nk == 0) {
            u = t[0];
            t[0] = (uint8_t)(sbox(t[1]) ^ rcon);
            t[1] = sbox(t[2]);
            t[2] = sbox(t[3]);
            t[3] = sbox(u);
            rcon = (uint8_t)gmul(rcon, 2);
        } else if (nk > 6 && i % nk == 4) {
            t[0] = sbox(t[0]), t[1] = sbox(t[1]), t[2] = sbox(t[2]), t[3] = sbox(t[3]);
        }
        dc->rk[4 * i] = (uint8_t)(dc->rk[4 * (i - nk)] ^ t[0]);
        dc->rk[4 * i + 1] = (uint8_t)(dc->rk[4 * (i - nk) + 1] ^ t[1]);
        dc->rk[4 * i + 2] = (uint8_t)(dc->rk[4 * (i - nk) + 2] ^ t[2]);
        dc->rk[4 * i + 3] = (uint8_t)(dc->rk[4 * (i - nk) + 3] ^ t[3]);
    }
    mote_wipe(t, sizeof t);
    return MOTE_OK;
}

/* One block of the inverse cipher; s is column-major (s[4c + r]). */
static void decrypt_block(const mote_aes_dec_ctx *dc, uint8_t s[16])
{
    uint8_t t[16];
    uint32_t a0, a1, a2, a3;
    unsigned r, c, i;

    for (i = 0; i < 16; i++)
        s[i] ^= dc->rk[16 * dc->nr + i];
    for (r = dc->nr; r-- > 0;) {
        /* InvShiftRows and InvSubBytes: row j moves right by j. */
        for (c = 0; c < 4; c++)
            for (i = 0; i < 4; i++)
                t[4 * ((c + i) & 3) + i] = inv_sbox(s[4 * c + i]);
        for (i = 0; i < 16; i++)
            s[i] = (uint8_t)(t[i] ^ dc->rk[16 * r + i]);
        if (r == 0) break;
        for (c = 0; c < 4; c++) { /* InvMixColumns */
            a0 = s[4 * c], a1 = s[4 * c + 1], a2 = s[4 * c + 2], a3 = s[4 * c + 3];
            s[4 * c] = (uint8_t)(gmul(a0, 14) ^ gmul(a1, 11) ^ gmul(a2, 13) ^ gmul(a3, 9));
            s[4 * c + 1] = (uint8_t)(gmul(a0, 9) ^ gmul(a1, 14) ^ gmul(a2, 11) ^ gmul(a3, 13));
            s[4 * c + 2] = (uint8_t)(gmul(a0, 13) ^ gmul(a1, 9) ^ gmul(a2, 14) ^ gmul(a3, 11));
            s[4 * c + 3] = (uint8_t)(gmul(a0, 11) ^ gmul(a1, 13) ^ gmul(a2, 9) ^ gmul(a3, 14));
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
