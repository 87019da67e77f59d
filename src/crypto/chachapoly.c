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

/* Poly1305 (one-time key already in p) over aad, zeros up to a multiple of
 * 16 bytes (RFC 8439 pad16), ct, zeros again, and both lengths. */
static void chachapoly_mac(mote_poly1305_ctx *p, const uint8_t *aad, size_t aad_len,
                           const uint8_t *ct, size_t len, uint8_t tag[16])
{
    uint8_t blk[16];
    size_t i;

    memset(blk, 0, sizeof blk);
    mote_poly1305_update(p, aad, aad_len);
    mote_poly1305_update(p, blk, (0u - aad_len) & 15);
    mote_poly1305_update(p, ct, len);
    mote_poly1305_update(p, blk, (0u - len) & 15);
    /* the lengths, 64-bit little-endian (size_t's bytes; the rest stay 0) */
    for (i = 0; i < sizeof(size_t) && i < 8; i++) {
        blk[i] = (uint8_t)(aad_len >> 8 * i);
        blk[8 + i] = (uint8_t)(len >> 8 * i);
    }
    mote_poly1305_update(p, blk, sizeof blk);
    mote_poly1305_final(p, tag); /* wipes p */
}

/* ChaCha20 state (its key words) and keystream scratch: one wipe for both. */
typedef struct {
    uint32_t s[16];
    uint8_t ks[64];
} chachapoly_st;

/* hosts: one specialized copy in seal and one in open, as fast as they
 * were apart and with the same frames */
#if defined(__GNUC__) && !defined(__OPTIMIZE_SIZE__)
#define SPECIALIZE inline __attribute__((always_inline))
#else
#define SPECIALIZE
#endif

/* Seal (tag NULL: mac receives the tag) or open (mac is scratch for the
 * expected tag, compared with tag). Open authenticates in first, then
 * decrypts it, or writes zeros if the tag did not match: no branch on the
 * verdict, which is released only as the return value (MOTE_OK or
 * MOTE_ERR_AUTH; always MOTE_OK for seal). */
static SPECIALIZE int chachapoly(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                                 size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                                 uint8_t mac[16], const uint8_t *tag)
{
    mote_poly1305_ctx p;
    chachapoly_st st;
    uint32_t keep = 0xffffffffu;

    mote_chacha20_init(st.s, key, nonce, 0);
    mote_chacha20_block(st.s, st.ks); /* block 0: the one-time key */
    mote_poly1305_init(&p, st.ks);
    if (!tag) mote_chacha20_xor(st.s, in, out, len, st.ks, keep); /* seal: blocks 1.. */
    chachapoly_mac(&p, aad, aad_len, tag ? in : out, len, mac);
    if (tag) {
        keep = 0u - (uint32_t)mote_ct_memeq(mac, tag, 16);
        mote_wipe(mac, 16); /* the valid tag for a forged message */
        mote_chacha20_xor(st.s, in, out, len, st.ks, keep);
    }
    mote_wipe(&st, sizeof st);
    return MOTE_ERR_AUTH + (int)(keep & (uint32_t)(MOTE_OK - MOTE_ERR_AUTH));
}

void mote_chachapoly_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                          size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                          uint8_t tag[16])
{
    (void)chachapoly(key, nonce, aad, aad_len, in, len, out, tag, NULL);
}

int mote_chachapoly_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                         size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                         const uint8_t tag[16])
{
    uint8_t want[16];
    return chachapoly(key, nonce, aad, aad_len, in, len, out, want, tag);
}

#endif
