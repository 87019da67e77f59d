/* mote: ChaCha20-Poly1305 AEAD (RFC 8439 section 2.8).
 *
 * The Poly1305 one-time key is the first 32 bytes of ChaCha20 block 0; the
 * message is encrypted from block 1. The tag covers aad, zero padding to 16
 * bytes, the ciphertext, zero padding, then both lengths as 64-bit
 * little-endian numbers. open authenticates the ciphertext first, then
 * decrypts it, or writes zeros if the tag did not match. */
#include "mote/aead.h"

#if MOTE_ENABLE_CHACHAPOLY

#include <string.h>

#include "crypto/chacha20.h"
#include "crypto/util.h"

/* Absorb len bytes, then zeros up to a multiple of 16 (RFC 8439 pad16). The
 * data is aad or ciphertext: the copy of its last block needs no wipe. */
static void mac_pad16(mote_poly1305_ctx *p, const uint8_t *data, size_t len)
{
    size_t whole = len & ~(size_t)15;
    uint8_t blk[16];

    mote_poly1305_update(p, data, whole);
    if (len > whole) {
        memset(blk, 0, sizeof blk);
        memcpy(blk, data + whole, len - whole);
        mote_poly1305_update(p, blk, sizeof blk);
    }
}

/* Poly1305 (one-time key already in p) over aad, ct and the lengths. */
static void chachapoly_mac(mote_poly1305_ctx *p, const uint8_t *aad, size_t aad_len,
                           const uint8_t *ct, size_t len, uint8_t tag[16])
{
    uint8_t blk[16];

    mac_pad16(p, aad, aad_len);
    mac_pad16(p, ct, len);
    mote_store_le64(blk, (uint64_t)aad_len);
    mote_store_le64(blk + 8, (uint64_t)len);
    mote_poly1305_update(p, blk, sizeof blk);
    mote_poly1305_final(p, tag); /* wipes p */
}

/* ChaCha20 state (its key words) and keystream scratch: one wipe for both. */
typedef struct {
    uint32_t s[16];
    uint8_t ks[64];
} chachapoly_st;

void mote_chachapoly_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                          size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                          uint8_t tag[16])
{
    mote_poly1305_ctx p;
    chachapoly_st st;

    mote_chacha20_init(st.s, key, nonce, 0);
    mote_chacha20_block(st.s, st.ks); /* block 0: the one-time key */
    mote_poly1305_init(&p, st.ks);
    mote_chacha20_xor(st.s, in, out, len, st.ks, 0xffffffffu); /* blocks 1.. */
    mote_wipe(&st, sizeof st);
    chachapoly_mac(&p, aad, aad_len, out, len, tag);
}

int mote_chachapoly_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                         size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                         const uint8_t tag[16])
{
    mote_poly1305_ctx p;
    chachapoly_st st;
    uint32_t keep;
    uint8_t want[16];

    mote_chacha20_init(st.s, key, nonce, 0);
    mote_chacha20_block(st.s, st.ks);
    mote_poly1305_init(&p, st.ks);
    chachapoly_mac(&p, aad, aad_len, in, len, want);
    /* all ones if the tag matches; then decrypt, else write zeros: no branch
     * on the verdict, which is released only as the return value */
    keep = 0u - (uint32_t)mote_ct_memeq(want, tag, 16);
    mote_wipe(want, sizeof want); /* the valid tag for a forged message */
    mote_chacha20_xor(st.s, in, out, len, st.ks, keep);
    mote_wipe(&st, sizeof st);
    return MOTE_ERR_AUTH + (int)(keep & (uint32_t)(MOTE_OK - MOTE_ERR_AUTH));
}

#endif
