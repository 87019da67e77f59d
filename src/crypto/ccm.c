/* AES-CCM (RFC 3610, NIST SP 800-38C), constant time.
 *
 * CBC-MAC is sequential, one block per AES call, while the bitsliced AES
 * encrypts several blocks per pass: each pass therefore carries one CBC-MAC
 * block together with the counter block whose keystream is needed next, so
 * CTR encryption costs no extra pass. The keystream block for message block
 * i is computed one pass ahead (open needs it to recover the plaintext that
 * the MAC covers); the last pass computes S0, which masks the tag. */
#include "mote/aead.h"

#if MOTE_ENABLE_CCM

#include <string.h>

#include "crypto/aes.h"
#include "crypto/util.h"

/* x = AES(x ^ b) and, when a is not NULL, k = AES(a), in one pass. */
static void pass(const mote_aes_ctx *aes, uint8_t x[16], const uint8_t b[16], const uint8_t *a,
                 uint8_t *k)
{
    uint8_t buf[32];
    unsigned i;
    for (i = 0; i < 16; i++)
        buf[i] = x[i] ^ b[i];
    if (a) memcpy(buf + 16, a, 16);
    mote_aes_encrypt_blocks(aes, buf, buf, a ? 2 : 1);
    memcpy(x, buf, 16);
    if (a) memcpy(k, buf + 16, 16);
    mote_wipe(buf, sizeof buf);
}

/* Counter block A_i: flags L-1, nonce, i on the last L bytes. */
static void set_ctr(uint8_t a[16], size_t l, uint64_t i)
{
    size_t k;
    for (k = 0; k < l; k++)
        a[15 - k] = (uint8_t)(i >> (8 * k));
}

/* The whole of CCM but the final comparison: out = in XOR keystream, tag =
 * the full 16-byte MAC value XOR S0 (the caller keeps tag_len bytes). The
 * MAC covers in when encrypting, out when decrypting. */
static void ccm_core(const mote_aes_ctx *aes, const uint8_t *nonce, size_t nonce_len,
                     const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                     uint8_t *out, uint8_t tag[16], size_t tag_len, int decrypt)
{
    uint8_t x[16], b[16], a[16], a0[16], ks[16], s0[16];
    size_t l = 15 - nonce_len, i, k, n;

    /* B0 and A0 */
    memset(b, 0, 16);
    b[0] = (uint8_t)((aad_len ? 0x40 : 0) | (((tag_len - 2) / 2) << 3) | (l - 1));
    memcpy(b + 1, nonce, nonce_len);
    set_ctr(b, l, len);
    memset(a0, 0, 16);
    a0[0] = (uint8_t)(l - 1);
    memcpy(a0 + 1, nonce, nonce_len);
    memcpy(a, a0, 16);
    memset(x, 0, 16);
    if (len) {
        set_ctr(a, l, 1);
        pass(aes, x, b, a, ks);
    } else {
        pass(aes, x, b, aad_len ? NULL : a0, s0);
    }

    /* associated data, after its encoded length */
    if (aad_len) {
        size_t fill;
        if (aad_len < 0xFF00) {
            b[0] = (uint8_t)(aad_len >> 8);
            b[1] = (uint8_t)aad_len;
            fill = 2;
        } else if ((aad_len >> 31 >> 1) == 0) { /* fits 32 bits */
            b[0] = 0xFF;
            b[1] = 0xFE;
            mote_store_be32(b + 2, (uint32_t)aad_len);
            fill = 6;
        } else {
            b[0] = 0xFF;
            b[1] = 0xFF;
            mote_store_be64(b + 2, (uint64_t)aad_len);
            fill = 10;
        }
        do {
            n = aad_len < 16 - fill ? aad_len : 16 - fill;
            memcpy(b + fill, aad, n);
            memset(b + fill + n, 0, 16 - fill - n);
            aad += n;
            aad_len -= n;
            fill = 0;
            pass(aes, x, b, aad_len == 0 && len == 0 ? a0 : NULL, s0);
        } while (aad_len > 0);
    }

    /* message: ks holds the keystream of block i */
    for (i = 1; len > 0; i++) {
        n = len < 16 ? len : 16;
        memset(b, 0, 16);
        for (k = 0; k < n; k++) {
            uint8_t c = in[k] ^ ks[k];
            b[k] = decrypt ? c : in[k];
            out[k] = c;
        }
        in += n;
        out += n;
        len -= n;
        if (len) {
            set_ctr(a, l, (uint64_t)i + 1);
            pass(aes, x, b, a, ks);
        } else {
            pass(aes, x, b, a0, s0);
        }
    }

    for (k = 0; k < 16; k++)
        tag[k] = x[k] ^ s0[k];
    mote_wipe(x, sizeof x);
    mote_wipe(b, sizeof b);
    mote_wipe(ks, sizeof ks);
    mote_wipe(s0, sizeof s0);
}

static int ccm_check(size_t nonce_len, size_t len, size_t tag_len)
{
    size_t l = 15 - nonce_len;
    if (nonce_len < 7 || nonce_len > 13) return MOTE_ERR_BAD_INPUT;
    if (tag_len < 4 || tag_len > 16 || (tag_len & 1)) return MOTE_ERR_BAD_INPUT;
    if (l < 8 && ((uint64_t)len >> (8 * l)) != 0) return MOTE_ERR_BAD_INPUT;
    return MOTE_OK;
}

int mote_ccm_seal(const mote_aes_ctx *aes, const uint8_t *nonce, size_t nonce_len,
                  const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                  uint8_t *tag, size_t tag_len)
{
    uint8_t t[16];
    int err = ccm_check(nonce_len, len, tag_len);
    if (err) return err;
    ccm_core(aes, nonce, nonce_len, aad, aad_len, in, len, out, t, tag_len, 0);
    memcpy(tag, t, tag_len);
    mote_wipe(t, sizeof t);
    return MOTE_OK;
}

int mote_ccm_open(const mote_aes_ctx *aes, const uint8_t *nonce, size_t nonce_len,
                  const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                  const uint8_t *tag, size_t tag_len)
{
    uint8_t t[16];
    uint32_t ok;
    int err = ccm_check(nonce_len, len, tag_len);
    if (err) return err;
    ccm_core(aes, nonce, nonce_len, aad, aad_len, in, len, out, t, tag_len, 1);
    ok = (uint32_t)mote_ct_memeq(t, tag, tag_len);
    mote_aead_mask(out, len, ok);
    mote_wipe(t, sizeof t);
    return (int)(ok ^ 1) * MOTE_ERR_AUTH;
}

#endif
