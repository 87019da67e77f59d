/* libFuzzer harness: TLS 1.2 CBC record opening (src/crypto/cbc.h), both
 * MAC-then-encrypt and encrypt_then_mac. The first input byte picks the
 * MAC hash (SHA-1, SHA-256, SHA-384) and the key size; the rest is a
 * record fragment (IV || ciphertext [|| MAC]) opened under fixed keys. Any
 * input must give MOTE_OK or MOTE_ERR_AUTH without reading or writing out
 * of bounds; on success the plaintext lies inside the record, and on
 * MOTE_ERR_AUTH *out_len is 0. A record sealed from the input's bytes must
 * open to them again. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/cbc.h"
#include "mote/hash.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t rec[8192 + 512], sealed[8192 + 512];

static void check_open(int etm, const mote_aes_dec_ctx *dc, const mote_hash_desc *h,
                       const uint8_t *mk, size_t mk_len, const uint8_t *p, size_t n)
{
    uint8_t hdr[13] = {0, 0, 0, 0, 0, 0, 0, 1, 23, 3, 3, 0, 0};
    size_t out_len = 12345;
    int rc;
    memcpy(rec, p, n);
    rc = etm ? mote_cbc_etm_open(dc, h, mk, mk_len, hdr, rec, n, &out_len)
             : mote_cbc_mte_open(dc, h, mk, mk_len, hdr, rec, n, &out_len);
    if (rc == MOTE_OK ? out_len + 16 > n : rc != MOTE_ERR_AUTH || out_len != 0) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t key[32] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
                                    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
    static const uint8_t mk[48] = {0x42, 0x17, 0x99};
    static const uint8_t iv[16] = {7};
    const mote_hash_desc *h;
    mote_aes_ctx ec;
    mote_aes_dec_ctx dc;
    size_t klen, n, out_len;
    int etm;
    if (size < 1 || size > 8192) return 0;
    h = (data[0] % 3) == 0   ? &mote_sha1_desc
        : (data[0] % 3) == 1 ? &mote_sha256_desc
                             : &mote_sha384_desc;
    klen = (data[0] & 8) ? 32 : 16;
    etm = (data[0] & 16) != 0;
    if (mote_aes_init(&ec, key, klen) != MOTE_OK || mote_aes_dec_init(&dc, key, klen) != MOTE_OK)
        abort();
    data++, size--;
    check_open(etm, &dc, h, mk, h->out_len, data, size);
    /* round trip of the input as plaintext */
    n = size > 4096 ? 4096 : size;
    {
        uint8_t hs[13] = {0, 0, 0, 0, 0, 0, 0, 2, 23, 3, 3, 0, 0}, ho[13];
        int rc = etm ? mote_cbc_etm_seal(&ec, h, mk, h->out_len, hs, iv, data, n, sealed,
                                         sizeof sealed, &out_len)
                     : mote_cbc_mte_seal(&ec, h, mk, h->out_len, hs, iv, data, n, sealed,
                                         sizeof sealed, &out_len);
        if (rc != MOTE_OK) abort();
        memcpy(ho, hs, 13);
        memcpy(rec, sealed, out_len);
        rc = etm ? mote_cbc_etm_open(&dc, h, mk, h->out_len, ho, rec, out_len, &n)
                 : mote_cbc_mte_open(&dc, h, mk, h->out_len, ho, rec, out_len, &n);
        if (rc != MOTE_OK || n != (size > 4096 ? 4096 : size) || memcmp(rec + 16, data, n) != 0)
            abort();
    }
    return 0;
}
