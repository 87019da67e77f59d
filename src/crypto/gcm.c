/* AES-GCM (NIST SP 800-38D) with 96-bit nonces, constant time.
 *
 * The counter block J0 = nonce || 1 is encrypted in the same bitsliced pass
 * as the first data blocks (counters 2, 3, ...), so a short record costs no
 * extra AES pass for the tag mask. open hashes the ciphertext, decrypts,
 * compares the tags in constant time and, on mismatch, zeroes the output
 * with a mask: no branch depends on the verdict.
 *
 * Two key forms: mote_gcm_ctx holds the expanded AES round keys and GHASH
 * key material; mote_gcm_ckey holds them compact (the round keys at 16
 * bytes each, the powers of H) and each call expands them on its stack. */
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

int mote_gcm_ckey_init(mote_gcm_ckey *ck, const uint8_t *key, size_t key_len)
{
    uint8_t h[16];
    int err = mote_aes_ckey_init(&ck->aes, key, key_len);
    if (err) return err;
    memset(h, 0, sizeof h);
    mote_aes_ckey_encrypt_block(&ck->aes, h, h);
    mote_ghash_ckey_init(&ck->gh, h);
    mote_wipe(h, sizeof h);
    return MOTE_OK;
}

/* y = GHASH(aad, ciphertext, lengths). */
static void gcm_hash(const mote_ghash_key *gh, const uint8_t *aad, size_t aad_len,
                     const uint8_t *ct, size_t len, uint8_t y[16])
{
    uint8_t lens[16];
    memset(y, 0, 16);
    mote_ghash_update(gh, y, aad, aad_len);
    mote_ghash_update(gh, y, ct, len);
    mote_store_be64(lens, (uint64_t)aad_len << 3);
    mote_store_be64(lens + 8, (uint64_t)len << 3);
    mote_ghash_update(gh, y, lens, 16);
}

/* tag = y XOR ej0 (both wiped). */
static void gcm_tag(uint8_t tag[16], uint8_t y[16], uint8_t ej0[16])
{
    unsigned i;
    for (i = 0; i < 16; i++)
        tag[i] = y[i] ^ ej0[i];
    mote_wipe(y, 16);
    mote_wipe(ej0, 16);
}

/* The tag check of open: releases out (len bytes) or zeroes it. */
static int gcm_check(uint8_t *out, size_t len, uint8_t y[16], uint8_t ej0[16], const uint8_t *tag,
                     size_t tag_len)
{
    uint8_t want[16];
    uint32_t ok;
    gcm_tag(want, y, ej0);
    ok = (uint32_t)mote_ct_memeq(want, tag, tag_len);
    mote_aead_mask(out, len, ok);
    mote_wipe(want, sizeof want);
    return (int)(ok ^ 1) * MOTE_ERR_AUTH;
}

void mote_gcm_seal(const mote_gcm_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad,
                   size_t aad_len, const uint8_t *in, size_t len, uint8_t *out, uint8_t tag[16])
{
    uint8_t y[16], e[16];
    mote_aes_gcm_ctr(&ctx->aes, nonce, in, out, len, e);
    gcm_hash(&ctx->gh, aad, aad_len, out, len, y);
    gcm_tag(tag, y, e);
}

/* The ciphertext is hashed before an in-place decryption overwrites it. */
int mote_gcm_open(const mote_gcm_ctx *ctx, const uint8_t nonce[12], const uint8_t *aad,
                  size_t aad_len, const uint8_t *in, size_t len, uint8_t *out, const uint8_t *tag,
                  size_t tag_len)
{
    uint8_t y[16], e[16];
    if (tag_len < 4 || tag_len > 16) return MOTE_ERR_BAD_INPUT;
    gcm_hash(&ctx->gh, aad, aad_len, in, len, y);
    mote_aes_gcm_ctr(&ctx->aes, nonce, in, out, len, e);
    return gcm_check(out, len, y, e, tag, tag_len);
}

/* With a compact key, the AES round keys and the GHASH key material are
 * needed one after the other: each is expanded in a frame of its own. */
static MOTE_NOINLINE void ckey_hash(const mote_ghash_ckey *ck, const uint8_t *aad, size_t aad_len,
                                    const uint8_t *ct, size_t len, uint8_t y[16])
{
    mote_ghash_key gh;
    mote_ghash_ckey_expand(ck, &gh);
    gcm_hash(&gh, aad, aad_len, ct, len, y);
    mote_wipe(&gh, sizeof gh);
}

void mote_gcm_ckey_seal(const mote_gcm_ckey *ck, const uint8_t nonce[12], const uint8_t *aad,
                        size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                        uint8_t tag[16])
{
    uint8_t y[16], e[16];
    mote_aes_ckey_gcm_ctr(&ck->aes, nonce, in, out, len, e);
    ckey_hash(&ck->gh, aad, aad_len, out, len, y);
    gcm_tag(tag, y, e);
}

int mote_gcm_ckey_open(const mote_gcm_ckey *ck, const uint8_t nonce[12], const uint8_t *aad,
                       size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                       const uint8_t *tag, size_t tag_len)
{
    uint8_t y[16], e[16];
    if (tag_len < 4 || tag_len > 16) return MOTE_ERR_BAD_INPUT;
    ckey_hash(&ck->gh, aad, aad_len, in, len, y);
    mote_aes_ckey_gcm_ctr(&ck->aes, nonce, in, out, len, e);
    return gcm_check(out, len, y, e, tag, tag_len);
}

#endif
