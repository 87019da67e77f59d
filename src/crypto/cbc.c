/* AES-CBC (SP 800-38A): encryption over aes.c's constant-time cipher, and
 * a constant-time bitsliced inverse cipher (FIPS 197 5.3) for decryption:
 * no S-box table; the key schedule's S-box is computed on four bytes per
 * word, the inverse S-box on bit planes. */
#include "mote/config.h"

#if MOTE_ENABLE_CBC
#include <string.h>

#include "crypto/cbc.h"
#include "crypto/util.h"
#include "mote/error.h"
#include "mote/mac.h"

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

static uint32_t ror32(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

/* ---- the inverse cipher, bitsliced ----
 *
 * CBC decryption has no chaining inside the cipher, so NB blocks go through
 * it at once: eight bit planes q[b], bit 16 * k + i of q[b] being bit b of
 * byte i (= 4 * column + row) of block k. Every step is a fixed sequence
 * of AND/XOR/shift on whole words: constant time, 16 * NB S-boxes per
 * operation. InvSubBytes is the inverse affine map and GF(2^8) inversion
 * as x^254 (4 multiplications, 7 squarings), InvShiftRows a rotation of
 * each row's bits inside the 16-bit lane of its block, InvMixColumns
 * MixColumns after the (05 00 04 00) pre-multiplication, with row
 * rotations inside each 4-bit column. */
typedef mote_aes_dec_word bw;
#define WB       ((unsigned)sizeof(bw) * 8u)        /* bits per plane */
#define NB       (WB / 16u)                         /* blocks per pass */
#define REP16(v) ((bw)(v) * (bw)(~(bw)0 / 0xFFFFu)) /* v in every 16-bit lane */
#define REP4(v)  ((bw)(v) * (bw)(~(bw)0 / 0xFu))    /* v in every 4-bit column */

/* The 8x8 bit matrix of x (byte k, bit b) transposed: byte b, bit k. */
static uint64_t transpose8(uint64_t x)
{
    uint64_t t;
    t = (x ^ (x >> 7)) & UINT64_C(0x00AA00AA00AA00AA);
    x ^= t ^ (t << 7);
    t = (x ^ (x >> 14)) & UINT64_C(0x0000CCCC0000CCCC);
    x ^= t ^ (t << 14);
    t = (x ^ (x >> 28)) & UINT64_C(0x00000000F0F0F0F0);
    return x ^ t ^ (t << 28);
}

/* NB blocks (16 * NB bytes) into planes, and back. */
static void pack(bw q[8], const uint8_t *in)
{
    unsigned g, b;
    for (b = 0; b < 8; b++)
        q[b] = 0;
    for (g = 0; g < WB / 8; g++) {
        uint64_t x = transpose8(mote_load_le64(in + 8 * g));
        for (b = 0; b < 8; b++)
            q[b] |= (bw)((x >> (8 * b)) & 0xFF) << (8 * g);
    }
}

static void unpack(const bw q[8], uint8_t *out)
{
    unsigned g, b;
    for (g = 0; g < WB / 8; g++) {
        uint64_t x = 0;
        for (b = 0; b < 8; b++)
            x |= (uint64_t)((q[b] >> (8 * g)) & 0xFF) << (8 * b);
        mote_store_le64(out + 8 * g, transpose8(x));
    }
}

/* r = a * b in GF(2^8) (x^8 + x^4 + x^3 + x + 1), plane by plane: the
 * schoolbook product, then x^i = x^(i-4) + x^(i-5) + x^(i-7) + x^(i-8)
 * for i = 14..8. */
#if defined(__OPTIMIZE_SIZE__) /* loops: 520 B less on lx106 */
static void gf_mul(bw r[8], const bw a[8], const bw b[8])
{
    bw p[15];
    unsigned i, j;
    for (i = 0; i < 15; i++)
        p[i] = 0;
    for (i = 0; i < 8; i++)
        for (j = 0; j < 8; j++)
            p[i + j] ^= a[j] & b[i];
    for (i = 14; i >= 8; i--) {
        p[i - 4] ^= p[i];
        p[i - 5] ^= p[i];
        p[i - 7] ^= p[i];
        p[i - 8] ^= p[i];
    }
    for (i = 0; i < 8; i++)
        r[i] = p[i];
}
#else /* written out: the planes stay in registers (x86-64 -O2: 453 -> 328 per byte) */
#define GF_ROW(i)                                                                                  \
    do {                                                                                           \
        bw bi = b[i];                                                                              \
        p[i] ^= a[0] & bi, p[i + 1] ^= a[1] & bi, p[i + 2] ^= a[2] & bi, p[i + 3] ^= a[3] & bi;    \
        p[i + 4] ^= a[4] & bi, p[i + 5] ^= a[5] & bi, p[i + 6] ^= a[6] & bi;                       \
        p[i + 7] ^= a[7] & bi;                                                                     \
    } while (0)
#define GF_RED(i) (p[i - 4] ^= p[i], p[i - 5] ^= p[i], p[i - 7] ^= p[i], p[i - 8] ^= p[i])
static void gf_mul(bw r[8], const bw a[8], const bw b[8])
{
    bw p[15] = {0};
    GF_ROW(0);
    GF_ROW(1);
    GF_ROW(2);
    GF_ROW(3);
    GF_ROW(4);
    GF_ROW(5);
    GF_ROW(6);
    GF_ROW(7);
    GF_RED(14), GF_RED(13), GF_RED(12), GF_RED(11), GF_RED(10), GF_RED(9), GF_RED(8);
    r[0] = p[0], r[1] = p[1], r[2] = p[2], r[3] = p[3];
    r[4] = p[4], r[5] = p[5], r[6] = p[6], r[7] = p[7];
}
#endif

/* r = a^(2^n): squaring is linear, a_i x^(2i) reduced (x^8 = x^4 + x^3 +
 * x + 1, x^10 = x^6 + x^5 + x^3 + x^2, x^12 = x^7 + x^5 + x^3 + x + 1,
 * x^14 = x^7 + x^4 + x^3 + x). r may be a. */
static void gf_sqn(bw r[8], const bw a[8], unsigned n)
{
    bw a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7];
    while (n--) {
        bw b0 = a0 ^ a4 ^ a6, b1 = a4 ^ a6 ^ a7, b2 = a1 ^ a5, b3 = a4 ^ a5 ^ a6 ^ a7;
        bw b4 = a2 ^ a4 ^ a7, b5 = a5 ^ a6, b6 = a3 ^ a5, b7 = a6 ^ a7;
        a0 = b0, a1 = b1, a2 = b2, a3 = b3, a4 = b4, a5 = b5, a6 = b6, a7 = b7;
    }
    r[0] = a0, r[1] = a1, r[2] = a2, r[3] = a3, r[4] = a4, r[5] = a5, r[6] = a6, r[7] = a7;
}

/* InvSubBytes: the inverse affine map (bit i = bits i+2, i+5, i+7, ^ 0x05),
 * then x^254 (0 for 0). */
static void inv_sub_bytes(bw q[8])
{
    bw x[8], x2[8], x3[8], x12[8], t[8];
    unsigned i;
    for (i = 0; i < 8; i++)
        x[i] = q[(i + 2) & 7] ^ q[(i + 5) & 7] ^ q[(i + 7) & 7];
    x[0] = ~x[0], x[2] = ~x[2];
    gf_sqn(x2, x, 1);
    gf_mul(x3, x2, x);
    gf_sqn(x12, x3, 2);
    gf_mul(t, x12, x3); /* x^15 */
    gf_sqn(t, t, 4);    /* x^240 */
    gf_mul(x, t, x12);  /* x^252 */
    gf_mul(q, x, x2);   /* x^254 */
}

/* Rotate the 16-bit lanes of x left by s (4, 8 or 12). */
static bw rotl16(bw x, unsigned s)
{
    return ((x << s) & REP16((0xFFFFu << s) & 0xFFFFu)) | ((x >> (16 - s)) & REP16((1u << s) - 1));
}

/* InvShiftRows: row r (bits r, r+4, r+8, r+12 of a lane) right by r
 * columns, i.e. its bits up by 4r. */
static void inv_shift_rows(bw q[8])
{
    unsigned b;
    for (b = 0; b < 8; b++) {
        bw x = q[b];
        q[b] = (x & REP16(0x1111)) | rotl16(x & REP16(0x2222), 4) | rotl16(x & REP16(0x4444), 8) |
               rotl16(x & REP16(0x8888), 12);
    }
}

/* In each column, row r takes row r + k's bit (k = 1, 2). */
static bw rows_up(bw x, unsigned k)
{
    return ((x >> k) & REP4(0xFu >> k)) | ((x << (4 - k)) & REP4((0xFu << (4 - k)) & 0xFu));
}

/* r = 2 * a. */
static void xtime8(bw r[8], const bw a[8])
{
    bw hi = a[7];
    r[7] = a[6], r[6] = a[5], r[5] = a[4], r[4] = a[3] ^ hi;
    r[3] = a[2] ^ hi, r[2] = a[1], r[1] = a[0] ^ hi, r[0] = hi;
}

static void inv_mix_columns(bw q[8])
{
    bw t[8], u[8], v[8];
    unsigned b;
    for (b = 0; b < 8; b++) /* 4 (a_r ^ a_r+2) */
        t[b] = q[b] ^ rows_up(q[b], 2);
    xtime8(u, t);
    xtime8(v, u);
    for (b = 0; b < 8; b++) { /* a_r ^= that; then MixColumns */
        q[b] ^= v[b];
        t[b] = q[b] ^ rows_up(q[b], 1);
    }
    xtime8(u, t); /* 2 a_r ^ 3 a_r+1 ^ a_r+2 ^ a_r+3 */
    for (b = 0; b < 8; b++)
        q[b] = u[b] ^ rows_up(q[b], 1) ^ rows_up(t[b], 2);
}

static void add_key(bw q[8], const bw k[8])
{
    unsigned b;
    for (b = 0; b < 8; b++)
        q[b] ^= k[b];
}

int mote_aes_dec_init(mote_aes_dec_ctx *dc, const uint8_t *key, size_t key_len)
{
    uint8_t rk[15 * 16], rep[16 * NB];
    unsigned nk, i, k, total;
    uint32_t t, rcon = 1;

    if (key_len != 16 && key_len != 32) return MOTE_ERR_BAD_INPUT;
    nk = (unsigned)key_len / 4;
    dc->nr = nk + 6;
    total = 4 * (dc->nr + 1);
    memcpy(rk, key, key_len);
    for (i = nk; i < total; i++) {
        t = mote_load_le32(rk + 4 * (i - 1));
        if (i % nk == 0) {
            t = ror32(sbox4(t), 8) ^ rcon;
            rcon = xtime4(rcon);
        } else if (nk > 6 && i % nk == 4) {
            t = sbox4(t);
        }
        mote_store_le32(rk + 4 * i, mote_load_le32(rk + 4 * (i - nk)) ^ t);
    }
    for (i = 0; i <= dc->nr; i++) { /* each round key in every block's lane */
        for (k = 0; k < NB; k++)
            memcpy(rep + 16 * k, rk + 16 * i, 16);
        pack(dc->rk[i], rep);
    }
    t = 0;
    mote_wipe(rk, sizeof rk);
    mote_wipe(rep, sizeof rep);
    return MOTE_OK;
}

/* NB blocks at buf decrypted in place. */
static void decrypt_pass(const mote_aes_dec_ctx *dc, uint8_t *buf)
{
    bw q[8];
    unsigned r;
    pack(q, buf);
    add_key(q, dc->rk[dc->nr]);
    for (r = dc->nr; r-- > 0;) {
        inv_shift_rows(q);
        inv_sub_bytes(q);
        add_key(q, dc->rk[r]);
        if (r) inv_mix_columns(q);
    }
    unpack(q, buf);
    mote_wipe(q, sizeof q);
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
    uint8_t c[16 * NB], s[16 * NB];
    size_t i, n;
    if (len % 16) return MOTE_ERR_BAD_INPUT;
    for (; len; len -= n, in += n, out += n) {
        n = len < sizeof s ? len : sizeof s;
        memcpy(c, in, n); /* in may be out */
        memset(s, 0, sizeof s);
        memcpy(s, in, n);
        decrypt_pass(dc, s);
        for (i = 0; i < n; i++)
            out[i] = (uint8_t)(s[i] ^ (i < 16 ? iv[i] : c[i - 16]));
        memcpy(iv, c + n - 16, 16);
    }
    mote_wipe(s, sizeof s);
    return MOTE_OK;
}

/* x < y and x == y as masks, for values below 2^31. */
static uint32_t lt_mask(uint32_t x, uint32_t y)
{
    return 0u - ((x - y) >> 31);
}

/* The digest words of a hash state (SHA-1, SHA-256 or SHA-384). */
static void state_out(const mote_hash_desc *h, const mote_hash_ctx *c, uint8_t *out)
{
    unsigned i;
    (void)h; /* SHA-256 only when SHA-384 and SHA-1 are left out */
#if MOTE_ENABLE_SHA512
    if (h->block_len == 128) {
        for (i = 0; i < 6; i++)
            mote_store_be64(out + 8 * i, c->sha512.h[i]);
        return;
    }
#endif
#if MOTE_ENABLE_SHA1
    if (h->id == MOTE_HASH_SHA1) {
        for (i = 0; i < 5; i++)
            mote_store_be32(out + 4 * i, c->sha1.h[i]);
        return;
    }
#endif
    for (i = 0; i < 8; i++)
        mote_store_be32(out + 4 * i, c->sha256.h[i]);
}

/* HMAC(hdr[13] || p[0..len)) with len secret in [lmin, lmax]: the blocks
 * past the public prefix are built by masks (data, 0x80, zeros, and the
 * bit length in the last block of this len), all compressed, and the state
 * after len's last block kept by a masked copy: the number of compression
 * calls and the memory accesses depend on lmin and lmax only. */
static void hmac_ct(mote_hmac_ctx *hc, const uint8_t hdr[13], const uint8_t *p, uint32_t len,
                    uint32_t lmin, uint32_t lmax, uint8_t *out)
{
    const mote_hash_desc *h = hc->hash;
    uint32_t bl = h->block_len, lf = bl / 8, tot = 13 + len, pre, k, kmax, fb, o, j, m, b;
    uint32_t bits = (bl + tot) * 8; /* < 2^18: 32-bit, as a 64-bit sum of the secret
                                     * length would be a carry branch on lx106 */
    uint8_t blk[MOTE_HASH_MAX_BLOCK], dig[MOTE_HASH_MAX_LEN];
    mote_hash_ctx snap;
    uint8_t *sp = (uint8_t *)&snap, *cp = (uint8_t *)&hc->inner;
    size_t i;

    pre = (13 + lmin) / bl * bl;
    for (j = 0; j < pre; j += bl) { /* public prefix, a block at a time */
        for (o = 0; o < bl; o++)
            blk[o] = j + o < 13 ? hdr[j + o] : p[j + o - 13];
        h->update(&hc->inner, blk, bl);
    }
    memset(&snap, 0, sizeof snap);
    fb = (tot + lf) / bl;
    kmax = (13 + lmax + lf) / bl;
    for (k = pre / bl; k <= kmax; k++) {
        for (o = 0; o < bl; o++) {
            j = k * bl + o;
            b = j < 13 ? hdr[j] : (j - 13 < lmax ? p[j - 13] : 0);
            b = (b & lt_mask(j, tot)) | (0x80u & mote_ct_is_zero32(j ^ tot));
            if (o >= bl - 4) /* the length field's low 4 bytes; the rest are 0 */
                b |= (bits >> (8 * (bl - 1 - o))) & 0xffu & mote_ct_is_zero32(k ^ fb);
            blk[o] = (uint8_t)b;
        }
        h->update(&hc->inner, blk, bl);
        m = mote_ct_is_zero32(k ^ fb);
        for (i = 0; i < sizeof snap; i++)
            sp[i] = (uint8_t)((sp[i] & ~m) | (cp[i] & m));
    }
    state_out(h, &snap, dig);
    h->update(&hc->outer, dig, h->out_len);
    h->final(&hc->outer, out);
    mote_wipe(&snap, sizeof snap);
    mote_wipe(&hc->inner, sizeof hc->inner);
    mote_wipe(blk, sizeof blk);
    mote_wipe(dig, sizeof dig);
}

int mote_cbc_mte_seal(const mote_aes_ctx *ec, const mote_hash_desc *h, const uint8_t *mac_key,
                      size_t mac_key_len, uint8_t hdr[13], const uint8_t iv[16], const uint8_t *in,
                      size_t len, uint8_t *out, size_t cap, size_t *out_len)
{
    size_t ml = h->out_len, n = (len + ml + 16) / 16 * 16, pad = n - len - ml - 1, i;
    uint8_t c[16];
    if (len > 16384 || cap < 16 + n) return MOTE_ERR_BAD_INPUT;
    hdr[11] = (uint8_t)(len >> 8);
    hdr[12] = (uint8_t)len;
    memcpy(out, iv, 16);
    memmove(out + 16, in, len);
    {
        mote_hmac_ctx hc;
        mote_hmac_init(&hc, h, mac_key, mac_key_len);
        mote_hmac_update(&hc, hdr, 13);
        mote_hmac_update(&hc, out + 16, len);
        mote_hmac_final(&hc, out + 16 + len);
    }
    for (i = 0; i <= pad; i++)
        out[16 + len + ml + i] = (uint8_t)pad;
    memcpy(c, iv, 16);
    mote_aes_cbc_encrypt(ec, c, out + 16, out + 16, n);
    *out_len = 16 + n;
    return MOTE_OK;
}

int mote_cbc_mte_open(const mote_aes_dec_ctx *dc, const mote_hash_desc *h, const uint8_t *mac_key,
                      size_t mac_key_len, uint8_t hdr[13], uint8_t *rec, size_t rec_len,
                      size_t *out_len)
{
    uint32_t ml = h->out_len, n, pad, good, in, lmin, lmax, plen, i, k;
    uint8_t *p = rec + 16, mac[MOTE_HASH_MAX_LEN], want[MOTE_HASH_MAX_LEN];
    mote_hmac_ctx hc;

    *out_len = 0;
    /* public checks: IV, whole blocks, room for the MAC and a pad byte */
    if (rec_len < 32 || rec_len > 16 + 16384 + 2048 || (rec_len - 16) % 16 || rec_len - 16 < ml + 1)
        return MOTE_ERR_AUTH;
    n = (uint32_t)rec_len - 16;
    mote_aes_cbc_decrypt(dc, rec, p, p, n); /* rec[0..16): the IV */
    pad = p[n - 1];
    good = lt_mask(pad + ml, n); /* pad + 1 + ml <= n */
    for (i = 0; i < 256 && i < n; i++) {
        in = ~lt_mask(pad, i); /* i <= pad */
        good &= ~(in & ~mote_ct_is_zero32(p[n - 1 - i] ^ pad));
    }
    pad &= good; /* a bad padding is taken as none: the MAC then fails */
    plen = n - 1 - pad - ml;
    lmax = n - 1 - ml;
    lmin = lmax > 255 ? lmax - 255 : 0;
    hdr[11] = (uint8_t)(plen >> 8);
    hdr[12] = (uint8_t)plen;
    mote_hmac_init(&hc, h, mac_key, mac_key_len);
    hmac_ct(&hc, hdr, p, plen, lmin, lmax, want);
    /* the received MAC at p[plen..plen + ml), by masks over its range */
    memset(mac, 0, sizeof mac);
    for (i = lmin; i < n; i++)
        for (k = 0; k < ml; k++)
            mac[k] |= (uint8_t)(p[i] & mote_ct_is_zero32(i ^ (plen + k)));
    good &= 0u - (uint32_t)mote_ct_memeq(mac, want, ml);
    mote_wipe(mac, sizeof mac);
    mote_wipe(want, sizeof want);
    /* the one verdict, without a branch: a refused record leaves zeros */
    for (i = 0; i < n; i++)
        p[i] = (uint8_t)(p[i] & good);
    *out_len = plen & good;
    return (int)(good + 1u) * MOTE_ERR_AUTH; /* good: all ones + 1 = 0 */
}
/* HMAC(hdr || a[0..n)) into out, hdr's length field set to n. */
static void etm_mac(const mote_hash_desc *h, const uint8_t *mac_key, size_t mac_key_len,
                    uint8_t hdr[13], const uint8_t *a, size_t n, uint8_t *out)
{
    mote_hmac_ctx hc;
    hdr[11] = (uint8_t)(n >> 8);
    hdr[12] = (uint8_t)n;
    mote_hmac_init(&hc, h, mac_key, mac_key_len);
    mote_hmac_update(&hc, hdr, 13);
    mote_hmac_update(&hc, a, n);
    mote_hmac_final(&hc, out);
}

int mote_cbc_etm_seal(const mote_aes_ctx *ec, const mote_hash_desc *h, const uint8_t *mac_key,
                      size_t mac_key_len, uint8_t hdr[13], const uint8_t iv[16], const uint8_t *in,
                      size_t len, uint8_t *out, size_t cap, size_t *out_len)
{
    size_t n = (len + 16) / 16 * 16, pad = n - len - 1, i;
    uint8_t c[16];
    if (len > 16384 || cap < 16 + n + h->out_len) return MOTE_ERR_BAD_INPUT;
    memmove(out + 16, in, len);
    memcpy(out, iv, 16);
    for (i = 0; i <= pad; i++)
        out[16 + len + i] = (uint8_t)pad;
    memcpy(c, iv, 16);
    mote_aes_cbc_encrypt(ec, c, out + 16, out + 16, n);
    etm_mac(h, mac_key, mac_key_len, hdr, out, 16 + n, out + 16 + n);
    *out_len = 16 + n + h->out_len;
    return MOTE_OK;
}

int mote_cbc_etm_open(const mote_aes_dec_ctx *dc, const mote_hash_desc *h, const uint8_t *mac_key,
                      size_t mac_key_len, uint8_t hdr[13], uint8_t *rec, size_t rec_len,
                      size_t *out_len)
{
    size_t ml = h->out_len, n, i;
    uint8_t want[MOTE_HASH_MAX_LEN], *p = rec + 16;
    uint32_t pad, good;

    *out_len = 0;
    if (rec_len < 32 + ml || rec_len > 16 + 16384 + 2048 + ml || (rec_len - ml) % 16)
        return MOTE_ERR_AUTH;
    n = rec_len - ml - 16;
    etm_mac(h, mac_key, mac_key_len, hdr, rec, 16 + n, want);
    good = (uint32_t)mote_ct_memeq(want, rec + 16 + n, ml);
    mote_wipe(want, sizeof want);
    if (!good) return MOTE_ERR_AUTH; /* authenticated first: no oracle past here */
    mote_aes_cbc_decrypt(dc, rec, p, p, n);
    pad = p[n - 1];
    good = lt_mask(pad, (uint32_t)n);
    for (i = 0; i < 256 && i < n; i++)
        good &= ~(~lt_mask(pad, (uint32_t)i) & ~mote_ct_is_zero32(p[n - 1 - i] ^ pad));
    for (i = 0; i < n; i++)
        p[i] = (uint8_t)(p[i] & good);
    *out_len = (n - 1 - pad) & good;
    return (int)(good + 1u) * MOTE_ERR_AUTH;
}
#endif
