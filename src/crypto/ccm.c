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

/* x = AES(x ^ b) and k = AES(a), in one pass (two blocks cost what one
 * does in the bitsliced AES). */
static void pass(const mote_aes_ctx *aes, uint8_t x[16], const uint8_t b[16], const uint8_t a[16],
                 uint8_t k[16])
{
    uint8_t buf[32];
    unsigned i;
    for (i = 0; i < 16; i++)
        buf[i] = x[i] ^ b[i];
    memcpy(buf + 16, a, 16);
    mote_aes_encrypt_blocks(aes, buf, buf, 2);
    memcpy(x, buf, 16);
    memcpy(k, buf + 16, 16);
    mote_wipe(buf, sizeof buf);
}

/* Big-endian v on the n bytes before end (zeros above size_t's width). */
static void put_be(uint8_t *end, size_t n, size_t v)
{
    while (n--) {
        *--end = (uint8_t)v;
        v >>= 8;
    }
}

/* The whole of CCM but the final comparison: out = in XOR keystream, tag =
 * the full 16-byte MAC value XOR S0 (the caller keeps tag_len bytes). The
 * MAC covers in when encrypting, out when decrypting. */
static void ccm_core(const mote_aes_ctx *aes, const uint8_t *nonce, size_t nonce_len,
                     const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                     uint8_t *out, uint8_t tag[16], size_t tag_len, int decrypt)
{
    uint8_t x[16], b[16], a[16], a0[16], ks[16], s0[16];
    size_t l = 15 - nonce_len, i, k, n, fill;

    /* A0 (flags L-1, nonce, counter 0) and B0 (flags, nonce, length) */
    memset(a0, 0, 16);
    a0[0] = (uint8_t)(l - 1);
    memcpy(a0 + 1, nonce, nonce_len);
    memcpy(b, a0, 16);
    b[0] |= (uint8_t)((aad_len ? 0x40 : 0) | (((tag_len - 2) / 2) << 3));
    put_be(b + 16, l, len);
    memcpy(a, a0, 16);
    a[15] = 1;
    memset(x, 0, 16);
    /* the keystream of block 1, or S0 when there is no message */
    pass(aes, x, b, len ? a : a0, len ? ks : s0);

    /* associated data, after its encoded length: 2 bytes, or ff fe and 4
     * bytes, or ff ff and 8 bytes */
    if (aad_len) {
        fill = aad_len < 0xFF00 ? 2 : (aad_len >> 31 >> 1) == 0 ? 6 : 10;
        put_be(b + fill, fill == 2 ? 2 : fill - 2, aad_len);
        if (fill > 2) {
            b[0] = 0xFF;
            b[1] = (uint8_t)(fill == 6 ? 0xFE : 0xFF);
        }
        do {
            n = aad_len < 16 - fill ? aad_len : 16 - fill;
            memcpy(b + fill, aad, n);
            memset(b + fill + n, 0, 16 - fill - n);
            aad += n;
            aad_len -= n;
            fill = 0;
            pass(aes, x, b, a0, s0); /* S0 (again: harmless, and no branch) */
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
        put_be(a + 16, l, i + 1);
        pass(aes, x, b, len ? a : a0, len ? ks : s0);
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

/* Seal (decrypt 0: tag written) or open (decrypt 1: tag compared, out
 * zeroed on a mismatch); tag is only read when opening. */
static int ccm(const mote_aes_ctx *aes, const uint8_t *nonce, size_t nonce_len, const uint8_t *aad,
               size_t aad_len, const uint8_t *in, size_t len, uint8_t *out, uint8_t *tag,
               size_t tag_len, int decrypt)
{
    uint8_t t[16];
    uint32_t ok = 1;
    int err = ccm_check(nonce_len, len, tag_len);
    if (err) return err;
    ccm_core(aes, nonce, nonce_len, aad, aad_len, in, len, out, t, tag_len, decrypt);
    if (decrypt) {
        ok = (uint32_t)mote_ct_memeq(t, tag, tag_len);
        mote_aead_mask(out, len, ok);
    } else {
        memcpy(tag, t, tag_len);
    }
    mote_wipe(t, sizeof t);
    return (int)(ok ^ 1) * MOTE_ERR_AUTH;
}

int mote_ccm_seal(const mote_aes_ctx *aes, const uint8_t *nonce, size_t nonce_len,
                  const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                  uint8_t *tag, size_t tag_len)
{
    return ccm(aes, nonce, nonce_len, aad, aad_len, in, len, out, tag, tag_len, 0);
}

int mote_ccm_open(const mote_aes_ctx *aes, const uint8_t *nonce, size_t nonce_len,
                  const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                  const uint8_t *tag, size_t tag_len)
{
    return ccm(aes, nonce, nonce_len, aad, aad_len, in, len, out, (uint8_t *)(uintptr_t)tag,
               tag_len, 1);
}

/* With a compact key: the round keys are expanded on the stack for the call. */
static int ccm_ckey(const mote_aes_ckey *ck, const uint8_t *nonce, size_t nonce_len,
                    const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                    uint8_t *tag, size_t tag_len, int decrypt)
{
    mote_aes_ctx aes;
    int rc;
    mote_aes_ckey_expand(ck, &aes);
    rc = ccm(&aes, nonce, nonce_len, aad, aad_len, in, len, out, tag, tag_len, decrypt);
    mote_wipe(&aes, sizeof aes);
    return rc;
}

int mote_ccm_ckey_seal(const mote_aes_ckey *ck, const uint8_t *nonce, size_t nonce_len,
                       const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                       uint8_t *out, uint8_t *tag, size_t tag_len)
{
    return ccm_ckey(ck, nonce, nonce_len, aad, aad_len, in, len, out, tag, tag_len, 0);
}

int mote_ccm_ckey_open(const mote_aes_ckey *ck, const uint8_t *nonce, size_t nonce_len,
                       const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t len,
                       uint8_t *out, const uint8_t *tag, size_t tag_len)
{
    return ccm_ckey(ck, nonce, nonce_len, aad, aad_len, in, len, out, (uint8_t *)(uintptr_t)tag,
                    tag_len, 1);
}

#endif
