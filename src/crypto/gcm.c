/* AES-GCM (NIST SP 800-38D) with 96-bit nonces, constant time.
 *
 * The counter block J0 = nonce || 1 is encrypted in the same bitsliced pass
 * as the first data blocks (counters 2, 3, ...), so a short record costs no
 * extra AES pass for the tag mask. open hashes the ciphertext, decrypts,
 * compares the tags in constant time and, on mismatch, zeroes the output
 * with a mask: no branch depends on the verdict. */
#include "mote/aead.h"

#if MOTE_ENABLE_GCM

#include <string.h>

#include "crypto/aes.h"
#include "crypto/ghash.h"
#include "crypto/util.h"

int mote_gcm_init(mote_gcm_ctx *ctx, const uint8_t *key, size_t key_len)
{
    uint8_t h[16];
    int err = mote_aes_init(&ctx->aes, key, key_len);
    if (err) return err;
    memset(h, 0, sizeof h);
    mote_aes_encrypt_blocks(&ctx->aes, h, h, 1);
    mote_ghash_init(&ctx->gh, h);
    mote_wipe(h, sizeof h);
    return MOTE_OK;
}

/* out = in XOR the keystream from counter 2; tag = GHASH(aad, ciphertext)
 * XOR AES_K(J0). The ciphertext is in when decrypting (hashed before an
 * in-place decryption overwrites it), out when encrypting. */
static void gcm_core(const mote_gcm_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad,
                     size_t aad_len, const uint8_t *in, size_t len, uint8_t *out, uint8_t tag[16],
                     int decrypt)
{
    uint8_t y[16], ctr[16], buf[16 * MOTE_AES_NB];
    size_t n = len < sizeof buf - 16 ? len : sizeof buf - 16;
    unsigned i;

    memset(y, 0, sizeof y);
    mote_ghash_update(&ctx->gh, y, aad, aad_len);
    if (decrypt) mote_ghash_update(&ctx->gh, y, in, len);

    /* J0 = nonce || 1 rides in the first pass, before the first blocks */
    memcpy(ctr, nonce, 12);
    mote_store_be32(ctr + 12, 1);
    memset(buf, 0, 16);
    memcpy(buf + 16, in, n);
    mote_aes_ctr32(&ctx->aes, ctr, buf, buf, 16 + n);
    memcpy(out, buf + 16, n);
    if (len > n) mote_aes_ctr32(&ctx->aes, ctr, in + n, out + n, len - n);

    if (!decrypt) mote_ghash_update(&ctx->gh, y, out, len);
    mote_store_be64(ctr, (uint64_t)aad_len << 3);
    mote_store_be64(ctr + 8, (uint64_t)len << 3);
    mote_ghash_update(&ctx->gh, y, ctr, 16);
    for (i = 0; i < 16; i++)
        tag[i] = y[i] ^ buf[i];
    mote_wipe(y, sizeof y);
    mote_wipe(buf, sizeof buf);
}

void mote_gcm_seal(const mote_gcm_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad,
                   size_t aad_len, const uint8_t *in, size_t len, uint8_t *out, uint8_t tag[16])
{
    gcm_core(ctx, nonce, aad, aad_len, in, len, out, tag, 0);
}

int mote_gcm_open(const mote_gcm_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad,
                  size_t aad_len, const uint8_t *in, size_t len, uint8_t *out, const uint8_t *tag,
                  size_t tag_len)
{
    uint8_t want[16];
    uint32_t ok;

    if (tag_len < 4 || tag_len > 16) return MOTE_ERR_BAD_INPUT;
    gcm_core(ctx, nonce, aad, aad_len, in, len, out, want, 1);
    ok = (uint32_t)mote_ct_memeq(want, tag, tag_len);
    mote_aead_mask(out, len, ok);
    mote_wipe(want, sizeof want);
    return (int)(ok ^ 1) * MOTE_ERR_AUTH;
}

#endif
