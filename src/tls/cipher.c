/* Record protection: nonces, additional data and tags for TLS 1.3 (RFC 8446
 * §5.2-5.3) and TLS 1.2 AEAD suites (RFC 5288 GCM, RFC 6655 CCM, RFC 7905
 * ChaCha20-Poly1305); TLS 1.2 AES-CBC with HMAC (RFC 5246 6.2.3.2, RFC 7366
 * encrypt_then_mac) over src/crypto/cbc.c.
 *
 * CBC: the state keeps the raw AES and MAC keys (80 bytes, inside the
 * union the compact GCM key needs anyway) and expands the AES key on the
 * stack for each record. The explicit per-record IV is derived, as NIST SP
 * 800-38A appendix C recommends: the forward cipher under the record key
 * applied to a nonce unique per key, the 64-bit sequence number (then 8 zero
 * bytes). It is unpredictable to anyone without the key (what RFC 5246
 * 6.2.3.2 requires; CBC only needs that the IV is not known before the
 * plaintext is chosen), costs one block, and needs no randomness here. */
#include "tls/cipher.h"

#include <string.h>

#include "crypto/cbc.h"
#include "crypto/util.h"
#include "mote/error.h"

/* The record keys, compact or expanded (MOTE_TLS_COMPACT_KEYS). */
#if MOTE_TLS_COMPACT_KEYS
#define gcm_init mote_gcm_ckey_init
#define gcm_seal mote_gcm_ckey_seal
#define gcm_open mote_gcm_ckey_open
#define ccm_init mote_aes_ckey_init
#define ccm_seal mote_ccm_ckey_seal
#define ccm_open mote_ccm_ckey_open
#else
#define gcm_init mote_gcm_init
#define gcm_seal mote_gcm_seal
#define gcm_open mote_gcm_open
#define ccm_init mote_aes_init
#define ccm_seal mote_ccm_seal
#define ccm_open mote_ccm_open
#endif

/* TLS 1.2 record framing (an explicit nonce, the sequence number in the
 * additional data) exists only with TLS 1.2 compiled in: without it the
 * tls12 arguments are not read (cipher.h), so that a TLS 1.3-only build
 * carries none of it. */
#define TLS12(x) (MOTE_ENABLE_TLS12 && (x))

/* CBC records: up to a block of padding past the MAC */
#define CBC_PAD(c) (MOTE_ENABLE_CBC && (c)->aead >= MOTE_AEAD_AES128_CBC ? 16u : 0u)

size_t mote_tls_aead_key_len(int aead)
{
    static const uint8_t len[MOTE_AEAD_AES256_CBC + 1] = {
        [MOTE_AEAD_AES128_GCM] = 16,        [MOTE_AEAD_AES256_GCM] = 32,
        [MOTE_AEAD_CHACHA20_POLY1305] = 32, [MOTE_AEAD_AES128_CCM] = 16,
        [MOTE_AEAD_AES128_CCM8] = 16,       [MOTE_AEAD_AES128_CBC] = 16,
        [MOTE_AEAD_AES256_CBC] = 32};
    unsigned i = (unsigned)aead;
    if (!MOTE_ENABLE_CBC && i >= MOTE_AEAD_AES128_CBC) return 0;
    return i < sizeof len ? len[i] : 0;
}

size_t mote_tls_aead_iv_len(int aead, int tls12)
{
    if (mote_tls_aead_key_len(aead) == 0 || (MOTE_ENABLE_CBC && aead >= MOTE_AEAD_AES128_CBC))
        return 0;
    return TLS12(tls12) && aead != MOTE_AEAD_CHACHA20_POLY1305 ? 4 : 12;
}

int mote_tls_cipher_init(mote_tls_cipher *c, int aead, int tls12, const uint8_t *key,
                         const uint8_t *iv)
{
    size_t klen = mote_tls_aead_key_len(aead);
    int rc = MOTE_ERR_UNSUPPORTED;
    memset(c, 0, sizeof *c);
    switch (aead) {
#if MOTE_ENABLE_GCM
    case MOTE_AEAD_AES128_GCM:
    case MOTE_AEAD_AES256_GCM:
        rc = gcm_init(&c->k.gcm, key, klen);
        break;
#endif
#if MOTE_ENABLE_CCM
    case MOTE_AEAD_AES128_CCM:
    case MOTE_AEAD_AES128_CCM8:
        rc = ccm_init(&c->k.aes, key, klen);
        break;
#endif
#if MOTE_ENABLE_CHACHAPOLY
    case MOTE_AEAD_CHACHA20_POLY1305:
        memcpy(c->k.chacha, key, 32);
        rc = MOTE_OK;
        break;
#endif
    default:
        break;
    }
    if (rc != MOTE_OK) {
        mote_tls_cipher_wipe(c);
        return rc;
    }
    c->aead = (uint8_t)aead;
    c->tag_len = aead == MOTE_AEAD_AES128_CCM8 ? 8 : 16;
    c->explicit_len = (uint8_t)(TLS12(tls12) && aead != MOTE_AEAD_CHACHA20_POLY1305 ? 8 : 0);
    memcpy(c->iv, iv, mote_tls_explicit_len(c) ? 4 : 12); /* (mote_tls_aead_iv_len) */
    return MOTE_OK;
}

size_t mote_tls_cipher_overhead(const mote_tls_cipher *c)
{
    /* (a state without keys is all zeros: cipher_init and the wipes) */
    return (size_t)mote_tls_explicit_len(c) + c->tag_len + CBC_PAD(c);
}

#if MOTE_ENABLE_CBC
void mote_tls_cbc_keys(mote_tls_cipher *c, const uint8_t *key, size_t key_len, const uint8_t *mac,
                       size_t mac_len)
{
    memcpy(c->k.cbc.key, key, key_len);
    memcpy(c->k.cbc.mac, mac, mac_len);
}

/* A CBC state has no fixed IV: iv[0] holds whether the records are
 * encrypt_then_mac (RFC 7366). */
#define CBC_ETM(c) ((c)->iv[0])

void mote_tls_cbc_start(mote_tls_cipher *c, int aead, size_t mac_len, int etm)
{
    c->aead = (uint8_t)aead;
    c->tag_len = (uint8_t)mac_len;
    c->explicit_len = 16;
    CBC_ETM(c) = (uint8_t)(etm != 0);
    c->seq = 0;
}

/* The MAC's hash, from its length. */
static const mote_hash_desc *cbc_hash(const mote_tls_cipher *c)
{
#if MOTE_ENABLE_SHA1
    if (c->tag_len == 20) return &mote_sha1_desc;
#endif
#if MOTE_ENABLE_SHA512
    if (c->tag_len == 48) return &mote_sha384_desc;
#endif
    return c->tag_len == 32 ? &mote_sha256_desc : NULL;
}

/* seq_num || type || version (|| length, written by cbc.c) */
static void cbc_hdr(const mote_tls_cipher *c, const uint8_t *rec, uint8_t hdr[13])
{
    mote_store_be64(hdr, c->seq);
    memcpy(hdr + 8, rec, 3);
}

static long cbc_seal(mote_tls_cipher *c, uint8_t *rec, size_t len)
{
    const mote_hash_desc *h = cbc_hash(c);
    mote_aes_ctx ec;
    uint8_t hdr[13], iv[16];
    size_t n = 0;
    int rc;
    if (!h) return MOTE_ERR_BAD_INPUT;
    mote_aes_init(&ec, c->k.cbc.key, mote_tls_aead_key_len(c->aead));
    memset(iv, 0, sizeof iv); /* IV = E(seq || 0^64): see the top of this file */
    mote_store_be64(iv, c->seq);
    mote_aes_encrypt_blocks(&ec, iv, iv, 1);
    cbc_hdr(c, rec, hdr);
    rc = (CBC_ETM(c) ? mote_cbc_etm_seal
                     : mote_cbc_mte_seal)(&ec, h, c->k.cbc.mac, c->tag_len, hdr, iv, rec + 5 + 16,
                                          len, rec + 5, mote_tls_cipher_overhead(c) + len, &n);
    mote_wipe(&ec, sizeof ec);
    if (rc) return rc;
    c->seq++;
    rec[3] = (uint8_t)(n >> 8);
    rec[4] = (uint8_t)n;
    return (long)(5 + n);
}

/* One MOTE_ERR_AUTH for padding and MAC failures alike (cbc.c). */
static int cbc_open(mote_tls_cipher *c, uint8_t *rec, size_t body_len, uint8_t **plain,
                    size_t *plain_len)
{
    const mote_hash_desc *h = cbc_hash(c);
    mote_aes_dec_ctx dc;
    uint8_t hdr[13];
    int rc;
    if (!h) return MOTE_ERR_AUTH;
    mote_aes_dec_init(&dc, c->k.cbc.key, mote_tls_aead_key_len(c->aead));
    cbc_hdr(c, rec, hdr);
    rc = (CBC_ETM(c) ? mote_cbc_etm_open : mote_cbc_mte_open)(&dc, h, c->k.cbc.mac, c->tag_len, hdr,
                                                              rec + 5, body_len, plain_len);
    mote_wipe(&dc, sizeof dc);
    if (rc) return MOTE_ERR_AUTH;
    c->seq++;
    *plain = rec + 5 + 16;
    return MOTE_OK;
}
#endif

/* The per-record nonce: salt || explicit (TLS 1.2 GCM/CCM; the iv's
 * bytes past the 4-byte salt are zero), else iv ^ seq. */
static void make_nonce(const mote_tls_cipher *c, uint8_t nonce[12], const uint8_t *explicit_nonce)
{
    uint8_t s[8];
    int i;
    memcpy(nonce, c->iv, 12);
    if (mote_tls_explicit_len(c))
        memcpy(nonce + 4, explicit_nonce, 8);
    else {
        mote_store_be64(s, c->seq);
        for (i = 0; i < 8; i++)
            nonce[4 + i] ^= s[i];
    }
}

/* The AEAD over a record's body (rec + 5 + explicit_len, len bytes of
 * plaintext, then the tag), sealing or (open) opening it in place. The
 * additional data: TLS 1.3 the record header (with the protected length),
 * TLS 1.2 seq || type || version || plaintext length. */
static int aead(mote_tls_cipher *c, uint8_t *rec, size_t len, int tls12, int open)
{
    uint8_t nonce[12], aad[13];
    uint8_t *body = rec + 5 + mote_tls_explicit_len(c);
    size_t aad_len = 5;
    int rc = MOTE_OK;
    make_nonce(c, nonce, rec + 5);
    memcpy(aad, rec, 5);
    if (TLS12(tls12)) {
        mote_store_be64(aad, c->seq);
        memcpy(aad + 8, rec, 3);
        aad[11] = (uint8_t)(len >> 8);
        aad[12] = (uint8_t)len;
        aad_len = 13;
    }
    switch (c->aead) {
#if MOTE_ENABLE_GCM
    case MOTE_AEAD_AES128_GCM:
    case MOTE_AEAD_AES256_GCM:
        if (open)
            rc = gcm_open(&c->k.gcm, nonce, aad, aad_len, body, len, body, body + len, 16);
        else
            gcm_seal(&c->k.gcm, nonce, aad, aad_len, body, len, body, body + len);
        break;
#endif
#if MOTE_ENABLE_CCM
    case MOTE_AEAD_AES128_CCM:
    case MOTE_AEAD_AES128_CCM8:
        if (open)
            rc = ccm_open(&c->k.aes, nonce, 12, aad, aad_len, body, len, body, body + len,
                          c->tag_len);
        else
            rc = ccm_seal(&c->k.aes, nonce, 12, aad, aad_len, body, len, body, body + len,
                          c->tag_len);
        break;
#endif
#if MOTE_ENABLE_CHACHAPOLY
    case MOTE_AEAD_CHACHA20_POLY1305:
        if (open)
            rc =
                mote_chachapoly_open(c->k.chacha, nonce, aad, aad_len, body, len, body, body + len);
        else
            mote_chachapoly_seal(c->k.chacha, nonce, aad, aad_len, body, len, body, body + len);
        break;
#endif
    default:
        return MOTE_ERR_BAD_INPUT;
    }
    if (rc == MOTE_OK) c->seq++;
    return rc == MOTE_OK || rc == MOTE_ERR_BAD_INPUT ? rc : MOTE_ERR_AUTH;
}

long mote_tls_cipher_seal(mote_tls_cipher *c, uint8_t *rec, size_t len, int tls12)
{
    size_t total = mote_tls_explicit_len(c) + len + c->tag_len;
    int rc;
    if (c->seq == UINT64_MAX || total > 0xFFFF) return MOTE_ERR_BAD_INPUT;
#if MOTE_ENABLE_CBC
    if (c->aead >= MOTE_AEAD_AES128_CBC) return cbc_seal(c, rec, len);
#endif
    rec[3] = (uint8_t)(total >> 8);
    rec[4] = (uint8_t)total;
    if (c->aead == MOTE_AEAD_NONE) return (long)(5 + len); /* in the clear */
    if (mote_tls_explicit_len(c)) mote_store_be64(rec + 5, c->seq);
    rc = aead(c, rec, len, tls12, 0);
    return rc ? rc : (long)(5 + total);
}

int mote_tls_cipher_open(mote_tls_cipher *c, uint8_t *rec, size_t body_len, int tls12,
                         uint8_t **plain, size_t *plain_len)
{
    size_t over = mote_tls_cipher_overhead(c), len;
#if MOTE_ENABLE_CBC
    if (c->aead >= MOTE_AEAD_AES128_CBC && c->seq != UINT64_MAX)
        return cbc_open(c, rec, body_len, plain, plain_len);
#endif
    if (body_len < over || c->seq == UINT64_MAX) return MOTE_ERR_BAD_INPUT;
    len = body_len - over;
    *plain = rec + 5 + mote_tls_explicit_len(c); /* (what they mean once it opens) */
    *plain_len = len;
    return aead(c, rec, len, tls12, 1);
}
