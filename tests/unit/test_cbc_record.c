/* TLS 1.2 CBC records (MAC-then-encrypt): for HMAC-SHA1/SHA256/SHA384 and
 * AES-128/256, seal/open round trips for plaintext lengths 0..300; records
 * built here with every padding length 0..255 (the constant-time HMAC of
 * open checked against the plain one for each); every single-bit flip of a
 * record refused; bad padding of every length refused with the same
 * MOTE_ERR_AUTH; short and ragged records refused. encrypt_then_mac
 * (RFC 7366): round trips, bit flips, bad padding under a good MAC, short
 * records. */
#include <string.h>

#include "crypto/cbc.h"
#include "mote/error.h"
#include "mote/mac.h"
#include "test.h"

#if MOTE_ENABLE_CBC && MOTE_ENABLE_SHA1 && MOTE_ENABLE_SHA512
static uint8_t rec[16 + 600 + 256 + 64], pt[600];
static mote_aes_ctx ec;
static mote_aes_dec_ctx dc;
static const uint8_t mkey[48] = {7, 1, 2, 3};
static const uint8_t seqhdr[13] = {0, 0, 0, 0, 0, 0, 0, 5, 23, 3, 3, 0, 0};

/* iv || E(pt[0..len) || HMAC || pad + 1 bytes of value pad) */
static size_t build(const mote_hash_desc *h, size_t len, size_t pad, int bad_at)
{
    uint8_t hdr[13], iv[16];
    size_t ml = h->out_len, n = len + ml + pad + 1, i;
    memcpy(hdr, seqhdr, 13);
    hdr[11] = (uint8_t)(len >> 8), hdr[12] = (uint8_t)len;
    memset(rec, 0x3c, 16);
    memcpy(rec + 16, pt, len);
    {
        mote_hmac_ctx hc;
        mote_hmac_init(&hc, h, mkey, ml);
        mote_hmac_update(&hc, hdr, 13);
        mote_hmac_update(&hc, pt, len);
        mote_hmac_final(&hc, rec + 16 + len);
    }
    for (i = 0; i <= pad; i++)
        rec[16 + len + ml + i] = (uint8_t)pad;
    if (bad_at >= 0) rec[16 + len + ml + (size_t)bad_at] ^= 0x01;
    memcpy(iv, rec, 16);
    CHECK(n % 16 == 0);
    mote_aes_cbc_encrypt(&ec, iv, rec + 16, rec + 16, n);
    return 16 + n;
}

static int open_rec(const mote_hash_desc *h, size_t n, size_t *out)
{
    uint8_t hdr[13];
    memcpy(hdr, seqhdr, 13);
    return mote_cbc_mte_open(&dc, h, mkey, h->out_len, hdr, rec, n, out);
}

static void one(const mote_hash_desc *h, size_t key_len)
{
    uint8_t key[32], hdr[13], iv[16], keep[16 + 600 + 256 + 64];
    size_t len, pad, n, out, ml = h->out_len, i, bit;
    int r, bad;

    for (i = 0; i < 32; i++)
        key[i] = (uint8_t)(i + 100);
    for (i = 0; i < sizeof pt; i++)
        pt[i] = (uint8_t)(i * 13 + 1);
    memset(iv, 0x77, 16);
    CHECK(mote_aes_init(&ec, key, key_len) == MOTE_OK);
    CHECK(mote_aes_dec_init(&dc, key, key_len) == MOTE_OK);
    for (len = 0; len <= 300; len++) { /* seal -> open */
        memcpy(hdr, seqhdr, 13);
        CHECK(mote_cbc_mte_seal(&ec, h, mkey, ml, hdr, iv, pt, len, rec, sizeof rec, &n) ==
              MOTE_OK);
        CHECK(n == 16 + (len + ml + 16) / 16 * 16);
        r = open_rec(h, n, &out);
        CHECK(r == MOTE_OK && out == len && memcmp(rec + 16, pt, len) == 0);
    }
    for (len = 0; len < 40; len++) /* every padding length */
        for (pad = 0; pad < 256; pad++) {
            if ((len + ml + pad + 1) % 16) continue;
            n = build(h, len, pad, -1);
            r = open_rec(h, n, &out);
            CHECK(r == MOTE_OK && out == len && memcmp(rec + 16, pt, len) == 0);
            if (pad == 0) continue;
            for (bad = 0; bad < (int)pad; bad += (int)pad / 7 + 1) { /* one wrong pad byte */
                n = build(h, len, pad, bad);
                CHECK(open_rec(h, n, &out) == MOTE_ERR_AUTH);
            }
        }
    /* every single-bit flip of one record */
    n = build(h, 20, 16 - (20 + ml + 1) % 16 == 16 ? 0 : 16 - (20 + ml + 1) % 16, -1);
    memcpy(keep, rec, n);
    CHECK(open_rec(h, n, &out) == MOTE_OK);
    for (bit = 0; bit < 8 * n; bit++) {
        memcpy(rec, keep, n);
        rec[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        CHECK(open_rec(h, n, &out) == MOTE_ERR_AUTH);
    }
    /* short, ragged */
    for (n = 0; n < 16 + (ml + 16) / 16 * 16; n++) {
        memcpy(rec, keep, sizeof keep < n ? sizeof keep : n);
        out = 1;
        CHECK(open_rec(h, n, &out) == MOTE_ERR_AUTH && out == 0);
    }
    memcpy(rec, keep, sizeof keep);
    CHECK(open_rec(h, 16 + 40 + 1, &out) == MOTE_ERR_AUTH);
    memcpy(hdr, seqhdr, 13);
    CHECK(mote_cbc_mte_seal(&ec, h, mkey, ml, hdr, iv, pt, 16385, rec, sizeof rec, &n) ==
          MOTE_ERR_BAD_INPUT);
    CHECK(mote_cbc_mte_seal(&ec, h, mkey, ml, hdr, iv, pt, 100, rec, 100, &n) ==
          MOTE_ERR_BAD_INPUT);
}
/* encrypt_then_mac: round trips, bit flips, bad padding under a good MAC */
static void etm(const mote_hash_desc *h, size_t key_len)
{
    uint8_t key[32], hdr[13], iv[16], keep[sizeof rec], v[16];
    size_t len, n, out, ml = h->out_len, i, bit, c;
    for (i = 0; i < 32; i++)
        key[i] = (uint8_t)(i + 9);
    memset(iv, 0x42, 16);
    CHECK(mote_aes_init(&ec, key, key_len) == MOTE_OK);
    CHECK(mote_aes_dec_init(&dc, key, key_len) == MOTE_OK);
    for (len = 0; len <= 300; len++) {
        memcpy(hdr, seqhdr, 13);
        CHECK(mote_cbc_etm_seal(&ec, h, mkey, ml, hdr, iv, pt, len, rec, sizeof rec, &n) ==
              MOTE_OK);
        CHECK(n == 16 + (len + 16) / 16 * 16 + ml);
        memcpy(hdr, seqhdr, 13);
        CHECK(mote_cbc_etm_open(&dc, h, mkey, ml, hdr, rec, n, &out) == MOTE_OK);
        CHECK(out == len && memcmp(rec + 16, pt, len) == 0);
    }
    memcpy(hdr, seqhdr, 13);
    CHECK(mote_cbc_etm_seal(&ec, h, mkey, ml, hdr, iv, pt, 37, rec, sizeof rec, &n) == MOTE_OK);
    memcpy(keep, rec, n);
    for (bit = 0; bit < 8 * n; bit++) {
        memcpy(rec, keep, n);
        rec[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        memcpy(hdr, seqhdr, 13);
        CHECK(mote_cbc_etm_open(&dc, h, mkey, ml, hdr, rec, n, &out) == MOTE_ERR_AUTH);
    }
    for (c = 0; c < 3; c++) { /* bad padding (or one longer than the record), good MAC */
        memcpy(rec, keep, n);
        memcpy(v, rec, 16);
        mote_aes_cbc_decrypt(&dc, v, rec + 16, rec + 16, n - 16 - ml);
        if (c == 0) rec[n - ml - 2] ^= 1;
        if (c == 1) rec[n - ml - 1] = 200;
        if (c == 2) rec[n - ml - 1] = 47;
        memcpy(v, rec, 16);
        mote_aes_cbc_encrypt(&ec, v, rec + 16, rec + 16, n - 16 - ml);
        memcpy(hdr, seqhdr, 13);
        hdr[11] = (uint8_t)((n - ml) >> 8), hdr[12] = (uint8_t)(n - ml);
        {
            mote_hmac_ctx hc;
            mote_hmac_init(&hc, h, mkey, ml);
            mote_hmac_update(&hc, hdr, 13);
            mote_hmac_update(&hc, rec, n - ml);
            mote_hmac_final(&hc, rec + n - ml);
        }
        memcpy(hdr, seqhdr, 13);
        CHECK(mote_cbc_etm_open(&dc, h, mkey, ml, hdr, rec, n, &out) == MOTE_ERR_AUTH);
    }
    for (n = 0; n < 32 + ml; n++) { /* short */
        memcpy(hdr, seqhdr, 13);
        out = 1;
        CHECK(mote_cbc_etm_open(&dc, h, mkey, ml, hdr, keep, n, &out) == MOTE_ERR_AUTH && out == 0);
    }
}
#endif

int main(void)
{
#if MOTE_ENABLE_CBC && MOTE_ENABLE_SHA1 && MOTE_ENABLE_SHA512
    one(&mote_sha1_desc, 16);
    one(&mote_sha256_desc, 16);
    one(&mote_sha384_desc, 32);
    one(&mote_sha1_desc, 32);
    etm(&mote_sha1_desc, 16);
    etm(&mote_sha256_desc, 32);
    etm(&mote_sha384_desc, 16);
#endif
    return test_done("cbc_record");
}
