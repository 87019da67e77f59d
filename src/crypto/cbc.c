/* AES-CBC (SP 800-38A): encryption over aes.c's constant-time cipher, and
 * a constant-time byte-oriented inverse cipher (FIPS 197 5.3) for
 * decryption: no S-box table, the S-box and its inverse are computed. */
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
    uint64_t bits = ((uint64_t)bl + tot) * 8;
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
            if (o >= bl - 8)
                b |= (uint32_t)(bits >> (8 * (bl - 1 - o))) & 0xffu & mote_ct_is_zero32(k ^ fb);
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
